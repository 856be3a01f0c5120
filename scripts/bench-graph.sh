#!/usr/bin/env bash
# Benchmarks kg's exports and queries on generated stores (issues 4 and 5).
#
#   scripts/bench-graph.sh [--sizes 1000000,10000000] [--quick] [--keep DIR] [--samples N]
#                          [--export-sizes 1000000] [--writer auto|api|bulk] [--skip-build]
#                          [--output bench/graph-results-DATE.json] [--budget SECONDS]
#
# Builds in release mode, generates a synthetic store of each size with `kg-bench generate`
# (through GraphStore.replaceDocument, seeded, deterministic), exports the export sizes in every
# format with the real `kg export` under /usr/bin/time -v (seconds, output MB, peak RSS), runs
# `kg-bench query` on each size (p50/p95/mean latencies), prints a table and writes
# bench/graph-results-<date>.json. --writer auto (the default) generates stores up to 1M
# assertions through GraphStore.replaceDocument and larger ones with kg-bench's bulk writer (same
# rows, indexes built after the load). Stores go to a temporary folder removed at the end, unless
# --keep DIR names a folder to keep them in (a store already there is reused).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
sizes="1000000,10000000"
export_sizes="1000000"
samples=200
hub_samples=20
keep=""
build=1
seed=42
writer=auto
output=""
budget=120
while [ $# -gt 0 ]; do
    case "$1" in
        --sizes) sizes="$2"; shift 2 ;;
        --export-sizes) export_sizes="$2"; shift 2 ;;
        --quick) sizes="100000"; export_sizes="100000"; shift ;;
        --keep) keep="$2"; shift 2 ;;
        --samples) samples="$2"; shift 2 ;;
        --hub-samples) hub_samples="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        --writer) writer="$2"; shift 2 ;;
        --output) output="$2"; shift 2 ;;
        --budget) budget="$2"; shift 2 ;;
        --skip-build) build=0; shift ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        *) echo "bench-graph: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

if [ ! -x /usr/bin/time ]; then
    echo "bench-graph: /usr/bin/time is missing; install it with: sudo apt-get install time" >&2
    exit 2
fi

cd "$root"
if [ "$build" = 1 ]; then
    swift build -c release --product kg >&2
    swift build -c release --product kg-bench >&2
fi
bin="$(swift build -c release --show-bin-path)"

if [ -n "$keep" ]; then
    mkdir -p "$keep"
    work="$(cd "$keep" && pwd)"
else
    work="$(mktemp -d "${TMPDIR:-/tmp}/kg-bench-graph.XXXXXX")"
    trap 'rm -rf "$work"' EXIT
fi
results="$work/results"
mkdir -p "$results"

for size in ${sizes//,/ }; do
    db="$work/store-$size.sqlite"
    if [ -n "$keep" ] && [ -s "$db" ] && [ -s "$results/generate-$size.json" ]; then
        echo "bench-graph: reusing $db" >&2
    else
        how="$writer"
        if [ "$how" = auto ]; then if [ "$size" -le 1000000 ]; then how=api; else how=bulk; fi; fi
        echo "bench-graph: generating $size assertions into $db ($how writer)" >&2
        /usr/bin/time -v -o "$results/generate-$size.time" \
            "$bin/kg-bench" generate --db "$db" --assertions "$size" --seed "$seed" --writer "$how" \
            > "$results/generate-$size.json"
    fi
    df -h "$work" | tail -1 >&2

    if [[ ",$export_sizes," == *",$size,"* ]]; then
        for format in dot jsonld ntriples nquads turtle csv; do
            out="$work/export-$size.$format"
            rm -rf "$out"
            echo "bench-graph: kg export --format $format ($size)" >&2
            if /usr/bin/time -v -o "$results/export-$size-$format.time" \
                "$bin/kg" export --db "$db" --format "$format" --output "$out" > /dev/null 2> "$results/export-$size-$format.err"; then
                du -sb "$out" | cut -f1 > "$results/export-$size-$format.bytes"
            else
                echo "bench-graph: kg export --format $format failed: $(tail -1 "$results/export-$size-$format.err")" >&2
                echo 0 > "$results/export-$size-$format.bytes"
            fi
            rm -rf "$out"
        done
    fi

    echo "bench-graph: querying $size" >&2
    "$bin/kg-bench" query --db "$db" --samples "$samples" --hub-samples "$hub_samples" --seed "$seed" --budget "$budget" \
        > "$results/query-$size.json"
done

mkdir -p "$root/bench"
out="${output:-$root/bench/graph-results-$(date -u +%Y-%m-%d).json}"
python3 - "$results" "$out" "$sizes" "$export_sizes" <<'PY'
import json, os, re, subprocess, sys, datetime, platform
results, out, sizes, export_sizes = sys.argv[1], sys.argv[2], sys.argv[3].split(","), sys.argv[4].split(",")

def time_v(path):
    """Wall seconds and peak RSS (KiB) from a /usr/bin/time -v report."""
    text = open(path).read()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text).group(1)
    seconds = 0.0
    for part in wall.split(":"):
        seconds = seconds * 60 + float(part)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    return seconds, rss

def sqlite_version():
    try:
        return subprocess.run(["sqlite3", "--version"], capture_output=True, text=True).stdout.split()[0]
    except Exception:
        return None

report = {
    "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    "machine": {"cores": os.cpu_count(), "platform": platform.platform(), "sqlite": sqlite_version(),
                "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)},
    "sizes": {},
}
for size in sizes:
    entry = {}
    gen = os.path.join(results, f"generate-{size}.json")
    if os.path.exists(gen):
        entry["generate"] = json.load(open(gen))
        t = os.path.join(results, f"generate-{size}.time")
        if os.path.exists(t):
            entry["generate"]["peak_rss_kb"] = time_v(t)[1]
    if size in export_sizes:
        exports = {}
        for fmt in ["dot", "jsonld", "ntriples", "nquads", "turtle", "csv"]:
            t = os.path.join(results, f"export-{size}-{fmt}.time")
            if not os.path.exists(t):
                continue
            seconds, rss = time_v(t)
            size_bytes = int(open(os.path.join(results, f"export-{size}-{fmt}.bytes")).read().strip() or 0)
            err = open(os.path.join(results, f"export-{size}-{fmt}.err")).read().strip()
            exports[fmt] = {"seconds": seconds, "bytes": size_bytes, "peak_rss_kb": rss,
                            "stderr_tail": err.splitlines()[-1] if err else ""}
        entry["export"] = exports
    q = os.path.join(results, f"query-{size}.json")
    if os.path.exists(q):
        entry["query"] = json.load(open(q))
    report["sizes"][size] = entry
json.dump(report, open(out, "w"), indent=2, ensure_ascii=False, sort_keys=True)

def ms(x):
    return "-" if x is None or x != x else f"{x:.2f}"
for size, entry in report["sizes"].items():
    g = entry.get("generate", {})
    if g:
        print(f"\n== {int(size):,} assertions: {g['triples']:,} triples, {g['entities']:,} entities, "
              f"{g['documents']:,} documents, store {g['store_bytes']/1e6:.0f} MB")
        print(f"generation: {g['seconds_total']:.1f} s, {g['assertions_per_second']:,.0f} assertions/s "
              f"({g['write_path']}), peak RSS {g.get('peak_rss_kb', 0)/1024:.0f} MB")
    if entry.get("export"):
        print(f"{'export':<10} {'seconds':>9} {'MB':>9} {'peak RSS MB':>12}")
        for fmt, e in entry["export"].items():
            print(f"{fmt:<10} {e['seconds']:>9.1f} {e['bytes']/1e6:>9.1f} {e['peak_rss_kb']/1024:>12.0f}")
    if entry.get("query"):
        print(f"{'query':<34} {'group':<9} {'n':>4} {'p50 ms':>9} {'p95 ms':>9} {'mean ms':>9} {'rows':>8}")
        for name, groups in entry["query"]["queries"].items():
            for group, s in groups.items():
                print(f"{name:<34} {group:<9} {s['n']:>4} {ms(s['p50_ms']):>9} {ms(s['p95_ms']):>9} "
                      f"{ms(s['mean_ms']):>9} {s['rows_mean']:>8.1f}")
print(f"\nwrote {out}")
PY
