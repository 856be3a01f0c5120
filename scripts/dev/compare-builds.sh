#!/usr/bin/env bash
# Builds the same corpora with two kg binaries and says whether the stores are identical:
#   scripts/dev/compare-builds.sh BASE_KG NEW_KG WORKDIR CORPUS...
# Each CORPUS (a file or folder) is built with --jobs 1 by both binaries; the dumps
# (scripts/dev/store-dump.sh) are compared table by table. Used to prove a refactoring
# leaves every triple, evidence row, entity, alias and mention as it was.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
base=$1; new=$2; work=$3; shift 3
status=0
for corpus in "$@"; do
    name=$(basename "$corpus")
    for side in base new; do
        kg=$base; [ $side = new ] && kg=$new
        rm -rf "$work/$name.$side" "$work/$name.$side.sqlite"*
        "$kg" build "$corpus" --db "$work/$name.$side.sqlite" --out "$work/$name.$side.out" --jobs 1 -q
        "$here/store-dump.sh" "$work/$name.$side.sqlite" "$work/$name.$side"
    done
    if diff -rq "$work/$name.base" "$work/$name.new" >/dev/null; then
        echo "identical: $name ($(wc -l < "$work/$name.new/triples.tsv") triples, $(wc -l < "$work/$name.new/evidence.tsv") evidence, $(wc -l < "$work/$name.new/entities.tsv") entities)"
    else
        status=1
        echo "DIFFERENT: $name"
        for f in "$work/$name.base"/*.tsv; do
            t=$(basename "$f")
            diff -q "$f" "$work/$name.new/$t" >/dev/null || echo "  $t: $(diff "$f" "$work/$name.new/$t" | grep -c '^[<>]') lines differ"
        done
    fi
done
exit $status
