#!/usr/bin/env bash
# kg's benchmark: release build, generated corpus (10 MB and 100 MB; 1 GB with --large), kg build
# timed with --jobs 1 and all cores, export and query timings, callgrind instruction counts
# against bench/baseline.json. Prints a table and writes bench/results-<date>.json.
#
#   scripts/bench.sh                 10 MB and 100 MB, within a 10-minute budget (see --budget)
#   scripts/bench.sh --quick         10 MB only
#   scripts/bench.sh --large         adds 1 GB (many files and one file)
#   scripts/bench.sh --runs 5        runs per measurement (default: 3 at 10 MB, 2 at 100 MB, 1 at 1 GB)
#   scripts/bench.sh --budget 0      no time budget (by default, measurements predicted to overrun
#                                    a 10-minute budget are skipped and listed as skipped)
#   scripts/bench.sh --record-baseline   store this run's instruction counts as bench/baseline.json
#   scripts/bench.sh --only files|single --no-callgrind --keep
#
# Each build also reports the writer's CPU seconds per MB of input (kg build --report-writer-cpu:
# the thread holding the write transaction, the part no number of workers shares) and the ceiling
# it sets, 1 / that, in MB/s.
#
# The corpus is generated into a temporary folder (removed afterwards unless --keep) from the
# FinRE sentences in ../shared/eval/finre/train.txt and samples/, with a fixed seed.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
    sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
fi

finre="../shared/eval/finre/train.txt"
if [[ ! -f "$finre" ]]; then
    echo "bench: $finre is missing; the corpus is generated from FinRE's sentences" >&2
    exit 2
fi

# /usr/bin/time (peak memory) and valgrind (instruction counts) come from Debian.
missing=()
[[ -x /usr/bin/time ]] || missing+=(time)
command -v valgrind >/dev/null || missing+=(valgrind)
if ((${#missing[@]})); then
    echo "bench: installing ${missing[*]} from Debian" >&2
    sudo_cmd=()
    [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${missing[@]}" >&2
fi

echo "bench: swift build -c release" >&2
swift build -c release --product kg >&2
kg="$(swift build -c release --show-bin-path)/kg"

exec python3 scripts/bench/run.py --kg "$kg" "$@"
