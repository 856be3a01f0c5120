-- kg's store: the documented source of truth for the SQLite schema. This file is migration 1;
-- the files in schema/migrations/ (0002-pinyin.sql, ...) are applied on top of it in order, and a
-- store records the version it reached in `PRAGMA user_version` (2 for this kg).
--
-- Conventions
--   * Every character offset (start/end columns) counts Unicode scalars from the start of the
--     document's text, half-open [start, end). Python's str indexing counts the same way.
--   * A triple (subject, predicate, object) is stored once; each sentence that states it adds a
--     row to `evidence`. Qualifiers belong to an evidence row (a role is stated by a sentence).
--   * Re-ingesting a changed document deletes its evidence and mentions; triples left without
--     evidence are deleted with it (see kg's store code), entities stay.
--   * Opened with PRAGMA foreign_keys = ON and journal_mode = WAL by kg.

CREATE TABLE IF NOT EXISTS kg_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS documents (
    id           INTEGER PRIMARY KEY,
    path         TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,           -- SHA-256 of the file's bytes, hex
    title        TEXT,
    published    TEXT,                    -- ISO 8601 when the page's date parses
    source       TEXT,
    authors      TEXT NOT NULL DEFAULT '[]', -- JSON array of names
    text         TEXT NOT NULL,           -- the decoded original text that offsets point into
    ingested_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE IF NOT EXISTS sentences (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,         -- position in the document, from 0
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    UNIQUE (document_id, idx)
);

CREATE TABLE IF NOT EXISTS entity_types (
    id         TEXT PRIMARY KEY,
    parent     TEXT REFERENCES entity_types(id),
    label_en   TEXT NOT NULL,
    label_zh   TEXT NOT NULL,
    schema_org TEXT
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS predicates (
    id         TEXT PRIMARY KEY,
    label_en   TEXT NOT NULL,
    label_zh   TEXT NOT NULL,
    inverse    TEXT,
    symmetric  INTEGER NOT NULL DEFAULT 0,
    schema_org TEXT
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS entities (
    id       INTEGER PRIMARY KEY,
    key      TEXT NOT NULL UNIQUE,        -- canonical key: lex:<id> or name:<normalised name>
    type     TEXT NOT NULL REFERENCES entity_types(id),
    label_zh TEXT NOT NULL,
    label_en TEXT
);
-- Name lookups (kg query, kg why, kg entity) resolve labels exactly through these.
CREATE INDEX IF NOT EXISTS entities_by_label_zh ON entities(label_zh);
CREATE INDEX IF NOT EXISTS entities_by_label_en ON entities(label_en COLLATE NOCASE);

CREATE TABLE IF NOT EXISTS aliases (
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    alias     TEXT NOT NULL,
    PRIMARY KEY (entity_id, alias)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS aliases_by_alias ON aliases(alias, entity_id);

CREATE TABLE IF NOT EXISTS triples (
    id        INTEGER PRIMARY KEY,
    subject   INTEGER NOT NULL REFERENCES entities(id),
    predicate TEXT NOT NULL REFERENCES predicates(id),
    object    INTEGER NOT NULL REFERENCES entities(id),
    UNIQUE (subject, predicate, object)   -- doubles as the subject-predicate-object index
);
-- Covering indexes for the other two lookup directions.
CREATE INDEX IF NOT EXISTS triples_pos ON triples(predicate, object, subject);
CREATE INDEX IF NOT EXISTS triples_osp ON triples(object, subject, predicate);

CREATE TABLE IF NOT EXISTS evidence (
    id           INTEGER PRIMARY KEY,
    triple_id    INTEGER NOT NULL REFERENCES triples(id) ON DELETE CASCADE,
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_id  INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    -- NULL subject span: the rule did not match the subject at a position but took it as the
    -- topic (the name that opens the clause or was the subject of earlier sentences: 无锡高新区
    -- ... 探索成立 ...) or as an anaphor (该公司, 其) resolved to an earlier name. The name may be
    -- earlier in this sentence or in an earlier one; the object span is always set.
    subject_start INTEGER, subject_end INTEGER,
    object_start  INTEGER, object_end  INTEGER,
    trigger_start INTEGER, trigger_end INTEGER,
    rule_id      TEXT NOT NULL,
    rule_version TEXT NOT NULL,           -- hash of the rule's text
    confidence   REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS evidence_by_triple ON evidence(triple_id);
CREATE INDEX IF NOT EXISTS evidence_by_document ON evidence(document_id);
-- Every foreign key needs an index on its child column: deleting a parent row (re-ingesting a
-- document deletes its sentences) otherwise scans the whole child table once per deleted row.
CREATE INDEX IF NOT EXISTS evidence_by_sentence ON evidence(sentence_id);

CREATE TABLE IF NOT EXISTS qualifiers (
    evidence_id INTEGER NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (evidence_id, key, value)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS mentions (
    entity_id   INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    PRIMARY KEY (entity_id, document_id, start)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS mentions_by_document ON mentions(document_id);
CREATE INDEX IF NOT EXISTS mentions_by_sentence ON mentions(sentence_id);

-- Readable views for anyone using the sqlite3 shell directly.

-- One row a triple with labels: SELECT * FROM triple_labels WHERE predicate = 'listedOn';
CREATE VIEW IF NOT EXISTS triple_labels AS
SELECT t.id AS triple_id,
       s.label_zh AS subject, s.label_en AS subject_en, s.type AS subject_type,
       t.predicate,
       o.label_zh AS object, o.label_en AS object_en, o.type AS object_type,
       (SELECT count(*) FROM evidence e WHERE e.triple_id = t.id) AS evidence_count
FROM triples t
JOIN entities s ON s.id = t.subject
JOIN entities o ON o.id = t.object;

-- One row an occurrence, with the sentence and document it came from.
CREATE VIEW IF NOT EXISTS evidence_labels AS
SELECT e.id AS evidence_id, s.label_zh AS subject, t.predicate, o.label_zh AS object,
       d.path AS document, se.idx AS sentence_index, se.text AS sentence,
       e.subject_start, e.subject_end, e.object_start, e.object_end,
       e.rule_id, e.rule_version, e.confidence,
       (SELECT group_concat(q.key || '=' || q.value, '; ') FROM qualifiers q
         WHERE q.evidence_id = e.id) AS qualifiers
FROM evidence e
JOIN triples t ON t.id = e.triple_id
JOIN entities s ON s.id = t.subject
JOIN entities o ON o.id = t.object
JOIN documents d ON d.id = e.document_id
JOIN sentences se ON se.id = e.sentence_id;
