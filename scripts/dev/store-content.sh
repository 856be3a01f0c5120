#!/usr/bin/env bash
# Dumps what a kg store says, without its row ids, as sorted text, one file per table:
#   scripts/dev/store-content.sh graph.sqlite OUTDIR
# Every reference is spelled by what it points at (an entity by its key, a document by its path, a
# sentence by its document and index, evidence by its triple, sentence, spans and rule), so two
# stores that hold the same graph give the same files however their ids were handed out: a
# merged store against a one-shot build (scripts/build-sharded.sh --check), where ids differ.
# documents.ingested_at (the time of the build) and extractors.first_used are left out; texts keep
# one row a line (a newline as \n, a backslash as \\).
set -euo pipefail
db=$1; out=$2
mkdir -p "$out"
q() { sqlite3 -batch -noheader -separator $'\t' "$db" "$1" | LC_ALL=C sort; }
q "SELECT path, content_hash, title, published, source, authors, replace(replace(text, char(92), char(92, 92)), char(10), char(92, 110)), file, extracted_by FROM documents" > "$out/documents.tsv"
q "SELECT id, description FROM extractors" > "$out/extractors.tsv"
q "SELECT d.path, s.idx, s.start, s.end, replace(replace(s.text, char(92), char(92, 92)), char(10), char(92, 110)) FROM sentences s JOIN documents d ON d.id = s.document_id" > "$out/sentences.tsv"
q "SELECT key, type, label_zh, label_en, pinyin FROM entities" > "$out/entities.tsv"
q "SELECT e.key, a.alias FROM aliases a JOIN entities e ON e.id = a.entity_id" > "$out/aliases.tsv"
q "SELECT s.key, t.predicate, o.key FROM triples t JOIN entities s ON s.id = t.subject JOIN entities o ON o.id = t.object" > "$out/triples.tsv"
columns="s.key, t.predicate, o.key, d.path, se.idx, e.subject_start, e.subject_end, e.object_start, e.object_end,
    e.trigger_start, e.trigger_end, e.rule_id, e.rule_version, e.confidence"
joins="JOIN triples t ON t.id = e.triple_id JOIN entities s ON s.id = t.subject JOIN entities o ON o.id = t.object
    JOIN documents d ON d.id = e.document_id JOIN sentences se ON se.id = e.sentence_id"
q "SELECT $columns FROM evidence e $joins" > "$out/evidence.tsv"
q "SELECT $columns, q.key, q.value FROM qualifiers q JOIN evidence e ON e.id = q.evidence_id $joins" > "$out/qualifiers.tsv"
q "SELECT e.key, d.path, se.idx, m.start, m.end FROM mentions m JOIN entities e ON e.id = m.entity_id
    JOIN documents d ON d.id = m.document_id JOIN sentences se ON se.id = m.sentence_id" > "$out/mentions.tsv"
