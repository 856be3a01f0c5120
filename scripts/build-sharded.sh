#!/usr/bin/env bash
# Builds a corpus in shards with GNU parallel and merges the shard stores as a tree:
#
#   scripts/build-sharded.sh --db OUT.sqlite [--shards N] [--jobs J] [--kg BIN] [--work DIR]
#                            [--sshlogin LOGIN]... [--check] INPUT...
#
#   --shards N     shares of the inputs (default: the number of cores); shard K runs
#                  `kg build INPUT... --shard K/N` into WORK/shard-K.sqlite
#   --jobs J       each shard's --jobs (default 1: the shards are the parallelism)
#   --kg BIN       the kg to run (default: the release build, built when missing)
#   --work DIR     where the shard stores go (default: a temporary folder, removed at the end)
#   --sshlogin L   passed to GNU parallel, as often as given: runs shards on other machines
#                  (`--sshlogin 8/alice@m1 --sshlogin 8/bob@m2`; `:` is this machine). Each machine
#                  needs kg at BIN and the inputs at the same paths (the shard of a file is a hash
#                  of its resolved path); each shard store is copied back (parallel's --return).
#   --check        also build the inputs in one run and compare the stores' contents
#                  (scripts/dev/store-content.sh); exit 1 when they differ
#
# Merging goes pairwise in rounds (1+2, 3+4, … then their results), each round's merges in
# parallel here, so N shards take log2(N) rounds instead of N merges one after another.
# Installs GNU parallel from Debian when it is missing, as scripts/test.sh installs its tools.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

usage() { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; }
db=""; shards=$(nproc); jobs=1; kg=""; work=""; check=0
sshlogins=()
inputs=()
while [ $# -gt 0 ]; do
    case $1 in
        --db) db=$2; shift 2 ;;
        --shards) shards=$2; shift 2 ;;
        --jobs) jobs=$2; shift 2 ;;
        --kg) kg=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        --sshlogin) sshlogins+=(--sshlogin "$2"); shift 2 ;;
        --check) check=1; shift ;;
        -h|--help) usage; exit 0 ;;
        -*) echo "build-sharded: unknown option $1" >&2; usage >&2; exit 64 ;;
        *) inputs+=("$1"); shift ;;
    esac
done
if [ -z "$db" ] || [ ${#inputs[@]} -eq 0 ]; then
    echo "build-sharded: give --db OUT.sqlite and at least one INPUT" >&2; exit 64
fi
if ! [[ $shards =~ ^[1-9][0-9]*$ ]]; then
    echo "build-sharded: --shards must be a whole number of at least 1, not '$shards'" >&2; exit 64
fi

if ! command -v parallel >/dev/null 2>&1; then
    echo "build-sharded: installing GNU parallel from Debian" >&2
    sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq parallel >/dev/null
fi
if [ -z "$kg" ]; then
    kg="$root/.build/release/kg"
    [ -x "$kg" ] || (cd "$root" && swift build -c release --product kg >&2)
fi
kg=$(realpath "$kg")
# Absolute paths: on another machine (or in parallel's working folder) a relative path names
# another file, and the shard a file belongs to depends on its resolved path.
absolute=()
for input in "${inputs[@]}"; do absolute+=("$(realpath "$input")"); done
keep_work=1
if [ -z "$work" ]; then work=$(mktemp -d); keep_work=0; fi
mkdir -p "$work"; work=$(realpath "$work")
cleanup() { [ $keep_work = 1 ] || rm -rf "$work"; }
trap cleanup EXIT

transfer=()
[ ${#sshlogins[@]} -gt 0 ] && transfer=(--return "$work/shard-{}.sqlite" --cleanup)
start=$(date +%s.%N)
# --halt now,fail=1: one failed shard stops the rest; its store would be missing from the merge.
parallel --will-cite --halt now,fail=1 "${sshlogins[@]}" "${transfer[@]}" \
    "$kg" build "${absolute[@]}" --shard "{}/$shards" --db "$work/shard-{}.sqlite" --jobs "$jobs" -q \
    ::: $(seq 1 "$shards")
built=$(date +%s.%N)

# Every shard wrote a store (an empty one when no file fell to it); merged in order, pairwise.
level=()
for k in $(seq 1 "$shards"); do level+=("$work/shard-$k.sqlite"); done
round=0
while [ ${#level[@]} -gt 1 ]; do
    round=$((round + 1))
    pairs=(); next=()
    for ((i = 0; i < ${#level[@]}; i += 2)); do
        if [ $((i + 1)) -lt ${#level[@]} ]; then
            out="$work/merge-$round-$((i / 2)).sqlite"
            pairs+=("${level[i]} ${level[i + 1]} $out")
            next+=("$out")
        else
            next+=("${level[i]}")
        fi
    done
    printf '%s\n' "${pairs[@]}" | parallel --will-cite --halt now,fail=1 --colsep ' ' "$kg" merge {1} {2} --db {3} -q
    level=("${next[@]}")
done
rm -f "$db" "$db-wal" "$db-shm"
# Into an empty store kg merge copies its source page by page through SQLite (a plain cp could miss
# pages still in the source's write-ahead log), in one transaction: a failed run leaves no
# half-merged OUT.
"$kg" merge "${level[0]}" --db "$db" -q
merged=$(date +%s.%N)
awk -v n="$shards" -v s="$start" -v b="$built" -v r="$round" -v m="$merged" -v db="$db" 'BEGIN {
    printf "build-sharded: %d shards built in %.1f s, merged in %d rounds in %.1f s -> %s\n", n, b - s, r, m - b, db }' >&2

if [ $check = 1 ]; then
    "$kg" build "${absolute[@]}" --db "$work/one-shot.sqlite" --jobs "$jobs" -q
    "$root/scripts/dev/store-content.sh" "$work/one-shot.sqlite" "$work/one-shot.content"
    "$root/scripts/dev/store-content.sh" "$db" "$work/sharded.content"
    if diff -r "$work/one-shot.content" "$work/sharded.content" > "$work/check.diff"; then
        echo "build-sharded: the merged store holds what a one-shot build holds" >&2
    else
        echo "build-sharded: the merged store differs from a one-shot build:" >&2
        head -40 "$work/check.diff" >&2
        exit 1
    fi
fi
