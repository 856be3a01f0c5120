#!/usr/bin/env bash
# Says whether a changed kg extracts exactly what a reference binary does, for speed work:
#   scripts/dev/check-identity.sh BASE_KG NEW_KG WORKDIR [CORPUS...]
# Without CORPUS: the 10 MB bench corpus (/work/cmp/c10), FinRE's valid sentences as files
# (/work/cmp/finre-valid) and news-dev (../shared/eval/news-dev/docs).
#
# Like compare-builds.sh (every table dumped sorted by store-dump.sh, --jobs 1), and also the
# extractor fingerprint: documents.extracted_by and the extractors table, which must not change
# when only the speed of the code did. The reference dumps are kept in WORKDIR under the
# reference binary's checksum, so a series of checks builds each corpus with it once.
# KG_FLAGS adds build options to both sides (KG_FLAGS=--no-model: the rules alone).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
base=$1; new=$2; work=$3; shift 3
if (($# == 0)); then
    set -- /work/cmp/c10 /work/cmp/finre-valid "$here/../../../shared/eval/news-dev/docs"
fi
mkdir -p "$work"
base_sum=$(sha256sum "$base" | cut -c1-12)
flags=${KG_FLAGS:-}
variant=${flags//[^a-z]/}

dump() {  # kg corpus outdir
    local db="$3.sqlite"
    rm -rf "$3" "$db" "$db-wal" "$db-shm"
    # shellcheck disable=SC2086  # the flags are words on purpose
    "$1" build "$2" --db "$db" --jobs 1 -q $flags
    "$here/store-dump.sh" "$db" "$3"
    sqlite3 -batch -noheader -separator $'\t' "$db" \
        "SELECT path, file, extracted_by FROM documents ORDER BY 1, 2, 3" > "$3/documents-extracted-by.tsv"
    sqlite3 -batch -noheader -separator $'\t' "$db" \
        "SELECT id, description FROM extractors ORDER BY 1" > "$3/extractors.tsv"
    rm -f "$db" "$db-wal" "$db-shm"
}

status=0
for corpus in "$@"; do
    corpus=$(cd "$corpus" && pwd)
    name=$(basename "$corpus")
    reference="$work/$name.base-$base_sum$variant"
    [[ -f "$reference/extractors.tsv" ]] || dump "$base" "$corpus" "$reference"
    start=$(date +%s)
    dump "$new" "$corpus" "$work/$name.new$variant"
    seconds=$(($(date +%s) - start))
    if diff -rq "$reference" "$work/$name.new$variant" >/dev/null; then
        echo "identical: $name${flags:+ $flags} ($(wc -l < "$reference/triples.tsv") triples, $(wc -l < "$reference/evidence.tsv") evidence," \
            "$(wc -l < "$reference/entities.tsv") entities, $(wc -l < "$reference/mentions.tsv") mentions; new build ${seconds} s)"
    else
        status=1
        echo "DIFFERENT: $name"
        for f in "$reference"/*.tsv; do
            t=$(basename "$f")
            diff -q "$f" "$work/$name.new$variant/$t" >/dev/null || echo "  $t: $(diff "$f" "$work/$name.new$variant/$t" | grep -c '^[<>]') lines differ"
        done
    fi
done
exit $status
