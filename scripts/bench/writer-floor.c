/* The floor under kg build's writer: how long SQLite itself takes to insert a store's rows.
 *
 *   cc -O2 -o /tmp/writer-floor scripts/bench/writer-floor.c -lsqlite3
 *   /tmp/writer-floor SOURCE.sqlite /tmp/floor.sqlite DEFER FK ROWS
 *
 * Reads every row of SOURCE (a store kg built) into memory, then inserts them into a new store
 * with SOURCE's schema in one transaction, table by table with prepared statements, and prints
 * the thread's CPU seconds per table: DEFER 1 drops the eleven secondary indexes a bulk load
 * drops and builds them after the inserts; FK 1 turns foreign-key checks on; ROWS > 1 puts that
 * many rows into one INSERT for sentences, evidence and mentions. See
 * bench/writer-notes-2026-12-04.md. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
static double cpu(){struct timespec t;clock_gettime(CLOCK_THREAD_CPUTIME_ID,&t);return t.tv_sec+t.tv_nsec/1e9;}
typedef struct {int ncol; int nrow; sqlite3_value **v;} Tab;
static Tab load(sqlite3*src,const char*sql){Tab t={0,0,0};sqlite3_stmt*s;sqlite3_prepare_v2(src,sql,-1,&s,0);t.ncol=sqlite3_column_count(s);int cap=1024;t.v=malloc(sizeof(void*)*cap*t.ncol);
 while(sqlite3_step(s)==SQLITE_ROW){if(t.nrow==cap){cap*=2;t.v=realloc(t.v,sizeof(void*)*cap*t.ncol);}for(int i=0;i<t.ncol;i++)t.v[t.nrow*t.ncol+i]=sqlite3_value_dup(sqlite3_column_value(s,i));t.nrow++;}
 sqlite3_finalize(s);return t;}
static void ex(sqlite3*db,const char*sql){char*e=0;if(sqlite3_exec(db,sql,0,0,&e)){fprintf(stderr,"%s: %s\n",sql,e);exit(1);}}
static double ins(sqlite3*db,Tab t,const char*sql,int multi){sqlite3_stmt*s;double c0=cpu();
 if(multi<=1){ if(sqlite3_prepare_v2(db,sql,-1,&s,0)){fprintf(stderr,"%s\n",sqlite3_errmsg(db));exit(1);}
 for(int r=0;r<t.nrow;r++){for(int i=0;i<t.ncol;i++)sqlite3_bind_value(s,i+1,t.v[r*t.ncol+i]);int rc=sqlite3_step(s);if(rc!=SQLITE_DONE){fprintf(stderr,"step %s\n",sqlite3_errmsg(db));exit(1);}sqlite3_reset(s);} sqlite3_finalize(s);}
 else { /* build multi-row */ char buf[100000]; const char*v=strstr(sql,"VALUES"); int pre=v-sql+6; char one[1000]; strcpy(one,sql+pre); 
   int len=pre; memcpy(buf,sql,pre); for(int k=0;k<multi;k++){ if(k) buf[len++]=','; strcpy(buf+len,one); len+=strlen(one);} buf[len]=0;
   sqlite3_stmt*m; if(sqlite3_prepare_v2(db,buf,-1,&m,0)){fprintf(stderr,"%s\n",sqlite3_errmsg(db));exit(1);} sqlite3_prepare_v2(db,sql,-1,&s,0);
   int r=0; for(;r+multi<=t.nrow;r+=multi){int p=1;for(int k=0;k<multi;k++)for(int i=0;i<t.ncol;i++)sqlite3_bind_value(m,p++,t.v[(r+k)*t.ncol+i]); if(sqlite3_step(m)!=SQLITE_DONE){fprintf(stderr,"stepm %s\n",sqlite3_errmsg(db));exit(1);} sqlite3_reset(m);} 
   for(;r<t.nrow;r++){for(int i=0;i<t.ncol;i++)sqlite3_bind_value(s,i+1,t.v[r*t.ncol+i]);sqlite3_step(s);sqlite3_reset(s);} sqlite3_finalize(s);sqlite3_finalize(m);}
 return cpu()-c0;}
int main(int argc,char**argv){
 if(argc<6){fprintf(stderr,"usage: writer-floor SOURCE TARGET DEFER FK ROWS\n");return 2;}
 int defer,fk,multi; const char*out;
 const char*source=argv[1]; out=argv[2]; defer=atoi(argv[3]); fk=atoi(argv[4]); multi=atoi(argv[5]);
 sqlite3*src;if(sqlite3_open_v2(source,&src,SQLITE_OPEN_READONLY,0)){fprintf(stderr,"cannot open %s\n",source);return 1;}
 Tab doc=load(src,"SELECT id,path,content_hash,title,published,source,authors,text,ingested_at,file,extracted_by FROM documents ORDER BY id");
 Tab sen=load(src,"SELECT * FROM sentences ORDER BY id");
 Tab ent=load(src,"SELECT id,key,type,label_zh,label_en,pinyin FROM entities ORDER BY id");
 Tab ali=load(src,"SELECT * FROM aliases ORDER BY entity_id");
 Tab tri=load(src,"SELECT * FROM triples ORDER BY id");
 Tab evi=load(src,"SELECT * FROM evidence ORDER BY id");
 Tab qua=load(src,"SELECT * FROM qualifiers ORDER BY evidence_id");
 Tab men=load(src,"SELECT * FROM mentions ORDER BY document_id, sentence_id, start");
 sqlite3*db; remove(out); sqlite3_open(out,&db);
 ex(db,"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=16384");
 ex(db, fk? "PRAGMA foreign_keys=ON":"PRAGMA foreign_keys=OFF");
 { sqlite3_stmt*q; sqlite3_prepare_v2(src,"SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid",-1,&q,0);
   while(sqlite3_step(q)==SQLITE_ROW) ex(db,(const char*)sqlite3_column_text(q,0));
   sqlite3_finalize(q); }
 { char att[4200]; snprintf(att,sizeof att,"ATTACH '%s' AS src; INSERT INTO entity_types SELECT * FROM src.entity_types; INSERT INTO predicates SELECT * FROM src.predicates; DETACH src",source); ex(db,att); }
 const char*idx[]={"entities_by_label_zh","entities_by_label_en","entities_by_pinyin","aliases_by_alias","triples_pos","triples_osp","evidence_by_triple","evidence_by_document","evidence_by_sentence","mentions_by_document","mentions_by_sentence"};
 char sqls[11][300];
 for(int i=0;i<11;i++){sqlite3_stmt*q;sqlite3_prepare_v2(db,"SELECT sql FROM sqlite_schema WHERE name=?",-1,&q,0);sqlite3_bind_text(q,1,idx[i],-1,0);sqlite3_step(q);strcpy(sqls[i],(const char*)sqlite3_column_text(q,0));sqlite3_finalize(q); if(defer){char d[200];sprintf(d,"DROP INDEX %s",idx[i]);ex(db,d);}}
 double t0=cpu(); double tt[9]={0};
 ex(db,"BEGIN");
 tt[0]=ins(db,doc,"INSERT INTO documents(id,path,content_hash,title,published,source,authors,text,ingested_at,file,extracted_by) VALUES (?,?,?,?,?,?,?,?,?,?,?)",1);
 tt[1]=ins(db,sen,"INSERT INTO sentences VALUES (?,?,?,?,?,?)",multi);
 tt[2]=ins(db,ent,"INSERT INTO entities(id,key,type,label_zh,label_en,pinyin) VALUES (?,?,?,?,?,?)",1);
 tt[3]=ins(db,ali,"INSERT INTO aliases VALUES (?,?)",1);
 tt[4]=ins(db,tri,"INSERT INTO triples VALUES (?,?,?,?)",1);
 tt[5]=ins(db,evi,"INSERT INTO evidence VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",multi);
 tt[6]=ins(db,qua,"INSERT INTO qualifiers VALUES (?,?,?)",1);
 tt[7]=ins(db,men,"INSERT OR IGNORE INTO mentions VALUES (?,?,?,?,?)",multi);
 double c0=cpu(); ex(db,"COMMIT"); tt[8]=cpu()-c0;
 double ci=cpu(); if(defer){ex(db,"BEGIN");for(int i=0;i<11;i++)ex(db,sqls[i]);ex(db,"COMMIT");} ci=cpu()-ci;
 printf("docs %.3f sent %.3f ent %.3f ali %.3f tri %.3f evi %.3f qua %.3f men %.3f commit %.3f | inserts %.3f index %.3f total %.3f\n",tt[0],tt[1],tt[2],tt[3],tt[4],tt[5],tt[6],tt[7],tt[8],cpu()-t0-ci,ci,cpu()-t0);
 sqlite3_close(db); return 0;}
