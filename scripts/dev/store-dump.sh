#!/usr/bin/env bash
# Dumps a kg store as sorted text, one file per table, so two builds can be compared with diff:
#   scripts/dev/store-dump.sh graph.sqlite OUTDIR
# Every table and column is dumped except documents.ingested_at (the time of the build); rows are
# ordered by every column, so the dump depends only on what was stored.
set -euo pipefail
db=$1; out=$2
mkdir -p "$out"
q() { sqlite3 -batch -noheader -separator $'\t' "$db" "$1"; }
q "SELECT id, path, content_hash, title, published, source, authors, text FROM documents ORDER BY 1" > "$out/documents.tsv"
for table in sentences entities aliases triples evidence qualifiers mentions; do
    cols=$(q "SELECT group_concat(name, ', ') FROM pragma_table_info('$table')")
    q "SELECT $cols FROM $table ORDER BY $cols" > "$out/$table.tsv"
done
