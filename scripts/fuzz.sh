#!/usr/bin/env bash
# Fuzzes kg's parsers with libFuzzer: scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Targets (one binary, Fuzz/kg-fuzz, chosen by KG_FUZZ_TARGET): rules (rule parser and matcher),
# lexicon (lexicon reader and recogniser), text (decode → clean → segment → extract) and pattern
# (query pattern parser). Each runs SECONDS (default 60) in turn, under AddressSanitizer.
#
# The build goes to .build-fuzz/ (instrumented, separate from .build/ so `swift build` and
# `swift test` are untouched); KG_FUZZ=1 makes Package.swift declare the fuzz target. Seeds come
# from the project's own files (schema/rules, schema/lexicon, samples/, test fixtures, README
# patterns); the corpus grows in .build-fuzz/corpus/TARGET across runs. A crash, leak or hang is
# written to .build-fuzz/artifacts/TARGET/ and the script exits 1: turn it into a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(rules lexicon text pattern)
work=.build-fuzz

echo "== building kg-fuzz (instrumented) into $work"
mkdir -p "$work"
KG_FUZZ=1 swift build --build-path "$work" --product kg-fuzz -c release -Xswiftc -sanitize=fuzzer,address >"$work/build.log" 2>&1 \
    || { cat "$work/build.log"; exit 2; }
binary=$(KG_FUZZ=1 swift build --build-path "$work" --product kg-fuzz -c release -Xswiftc -sanitize=fuzzer,address --show-bin-path)/kg-fuzz

# Seeds: small pieces of real files, since libFuzzer mutates short inputs fastest.
seeds() {
    local target=$1 dir=$work/seeds/$1
    rm -rf "$dir"; mkdir -p "$dir"
    case $target in
    rules) # one rule a seed
        for f in schema/rules/*.rules; do
            awk -v out="$dir/$(basename "$f" .rules)" '/^rule /{n++} {print > (out "-" n)}' "$f"
        done ;;
    lexicon) # 20 rows a seed, with the header comment of the file
        for f in schema/lexicon/*.tsv schema/lexicon/words/*; do
            [ -f "$f" ] && split -l 20 "$f" "$dir/$(basename "$f")-"
        done ;;
    text) # paragraphs of the sample and the fixtures; the first byte picks txt, md, html or none
        local n=0
        for f in samples/*.txt Tests/KGTextTests/Fixtures/*; do
            case $f in *.md) kind='\x01' ;; *.html) kind='\x02' ;; *) kind='\x00' ;; esac
            head -c 3000 "$f" > "$dir/head-$n.raw"; { printf "$kind"; cat "$dir/head-$n.raw"; } > "$dir/head-$n"
            rm "$dir/head-$n.raw"; n=$((n + 1))
        done
        awk -v out="$dir/para" 'NF{n++; printf "%c%s\n", 0, $0 > (out "-" n)}' samples/*.txt ;;
    pattern)
        local n=0
        while IFS= read -r p; do printf '%s' "$p" > "$dir/p$n"; n=$((n + 1)); done <<'PATTERNS'
?c listedOn 港股18A
苏州工业园区 introduced|hosts ?x
?zone hosts ?c . ?c:Company listedOn ?board
?a ?p ?b
"Suzhou Industrial Park" ?p ?x:Company
#12 上市于 ?x
?x:Company|University cooperatesWith ?y . ?y locatedIn 苏州
lex:org/信达生物 ?p ?o
PATTERNS
        ;;
    esac
}

status=0
summary=()
for target in "${targets[@]}"; do
    seeds "$target"
    corpus=$work/corpus/$target artifacts=$work/artifacts/$target
    mkdir -p "$corpus" "$artifacts"
    echo "== $target: $seconds s"
    log=$work/$target.log
    # -timeout: an input taking 10 s is a hang; -rss_limit_mb: a leak or blow-up; -max_len: kg's
    # parsers are line and sentence based, 4 KB holds many lines.
    if KG_FUZZ_TARGET=$target ASAN_OPTIONS=detect_leaks=1 "$binary" "$corpus" "$work/seeds/$target" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=4096 \
        -artifact_prefix="$artifacts/" -print_final_stats=1 >"$log" 2>&1; then
        result=ok
    else
        result="FAILED (see $log and $artifacts/)"
        status=1
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    size=$(find "$corpus" -type f | wc -l)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
    summary+=("$(printf '%-8s %-6s %10s runs %7s exec/s  corpus %5s files  %s' "$target" "$result" "${runs:-?}" "${rate:-?}" "$size" "$cov")")
    tail -3 "$log" | sed 's/^/  /'
done
echo
echo "== fuzz summary ($seconds s a target)"
printf '%s\n' "${summary[@]}"
exit $status
