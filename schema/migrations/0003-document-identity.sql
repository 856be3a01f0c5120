-- kg store schema version 3, applied on top of version 2.
--
-- A document is one file, whatever spelling reached it, and remembers what extracted it.
--
--   documents.file          the file's resolved path (realpath: absolute, symlinks followed),
--                           with `#char=START,END` for a part of a large file. `path` stays the
--                           spelling the user gave, for display. NULL for documents stored
--                           before version 3: kg build resolves their path and fills it in.
--                           Not UNIQUE, so stores that already hold one file under several
--                           spellings still open; kg build keeps one of them.
--   documents.extracted_by  the id of the extractor fingerprint (extractors.id) that extracted
--                           the document; NULL before version 3. A build re-extracts a document
--                           whose fingerprint differs from its own.
--   extractors              each fingerprint's parts (kg version, rule pack, lexicon, word
--                           lists, model), one `name<TAB>value` line each, so kg can say what
--                           changed.
ALTER TABLE documents ADD COLUMN file TEXT;
ALTER TABLE documents ADD COLUMN extracted_by TEXT;
CREATE INDEX IF NOT EXISTS documents_by_file ON documents(file);

CREATE TABLE IF NOT EXISTS extractors (
    id          TEXT PRIMARY KEY,
    description TEXT NOT NULL,
    first_used  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) WITHOUT ROWID;
