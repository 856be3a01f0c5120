#!/usr/bin/env bash
# The quality loop in one command: builds three evaluation sets with a release build of kg, scores
# them with the team's scorers in ../shared/eval and prints one table (scripts/eval/report.py).
#
#   scripts/eval.sh [--work DIR] [--sets sample,news-dev,finre] [--quick] [--kg BIN]
#
# Sets (each built from scratch into its own store under the work folder, default out/eval/):
#   sample    samples/sample-article-jiangsu-hitech-zones.txt, score.py against seed-gold.tsv
#   news-dev  news-dev/docs, score.py against news-dev/gold.tsv and score_names.py against
#             news-dev/names.tsv (fed by `kg names --format tsv`)
#   finre     FinRE valid, one document a sentence (score_finre.py split), score_finre.py score
# news-dev and finre are built twice: with the relation model (kg's default) and with the rules
# alone (--no-model), so the table shows what the model adds. --quick skips the rules-only builds.
# --kg BIN scores an existing binary instead of building one (to compare two builds).
#
# Per build folder the scorers' JSON results and the lists they print (missing.txt, extra.txt,
# wrong.txt, names-errors.txt) are kept; the table's last lines say where.
# Exit status: 0 when every set was built and scored (whatever the scores), 2 when a step failed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

work=out/eval
sets=sample,news-dev,finre
quick=0
kg=""
while [ $# -gt 0 ]; do
    case $1 in
        --work) work=$2; shift 2 ;;
        --sets) sets=$2; shift 2 ;;
        --quick) quick=1; shift ;;
        --kg) kg=$2; shift 2 ;;
        -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "eval.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
for set in ${sets//,/ }; do
    case $set in sample|news-dev|finre) ;; *) echo "eval.sh: unknown set $set (sample, news-dev, finre)" >&2; exit 2 ;; esac
done

eval_dir=../shared/eval
[ -d "$eval_dir" ] || { echo "eval.sh: the scorers are not in $eval_dir (the team's shared folder beside the checkout)" >&2; exit 2; }

# The same virtual environment as scripts/test.sh (score.py needs rdflib).
venv=${KG_VENV:-$root/.venv}
if ! "$venv/bin/python" -c 'import rdflib, pyld, pyoxigraph' 2>/dev/null; then
    echo "creating $venv with rdflib, pyld, pyoxigraph" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check rdflib pyld pyoxigraph
fi
py="$venv/bin/python"

if [ -z "$kg" ]; then
    echo "swift build -c release --product kg" >&2
    swift build -c release --product kg 2>&1 | grep -E "error|warning:|Build of product" >&2 || true
    kg="$(swift build -c release --show-bin-path)/kg"
fi
[ -x "$kg" ] || { echo "eval.sh: no kg binary at $kg" >&2; exit 2; }

fail() { echo "eval.sh: $*" >&2; exit 2; }

# build DIR INPUT [kg build options]: a fresh store (unchanged documents would be skipped by
# content hash, hiding a changed rule pack), exports in DIR.
build() {
    local dir=$1 input=$2; shift 2
    rm -rf "$dir"; mkdir -p "$dir"
    local rc=0
    "$kg" build "$input" --db "$dir/graph.sqlite" --out "$dir" -q "$@" 2>"$dir/build.log" || rc=$?
    # 1 is "partly done": some inputs failed, the rest stored; scored all the same, but said.
    [ $rc -le 1 ] || fail "kg build $input failed (status $rc, $dir/build.log)"
    [ $rc -eq 0 ] || echo "note: kg build $input: some inputs failed ($dir/build.log)" >&2
}

# score CMD...: runs a scorer whose exit 1 only means "a threshold or leak check failed".
score() {
    local rc=0
    "$@" || rc=$?
    [ $rc -le 1 ] || fail "scorer failed (status $rc): $*"
}

variants=full
[ $quick = 1 ] || variants="full rules"
started=$SECONDS
for set in ${sets//,/ }; do
    case $set in
        sample)
            dir=$work/sample/full
            build "$dir" samples/sample-article-jiangsu-hitech-zones.txt
            score "$py" "$eval_dir/score.py" --gold "$eval_dir/seed-gold.tsv" --jsonld "$dir/graph.jsonld" --json >"$dir/score.json"
            ;;
        news-dev)
            for variant in $variants; do
                dir=$work/news-dev/$variant
                build "$dir" "$eval_dir/news-dev/docs" $([ $variant = rules ] && echo --no-model)
                score "$py" "$eval_dir/score.py" --gold "$eval_dir/news-dev/gold.tsv" --jsonld "$dir/graph.jsonld" --json >"$dir/score.json"
                rc=0; "$kg" names --db "$dir/graph.sqlite" --format tsv >"$dir/names-got.tsv" || rc=$?
                [ $rc -le 1 ] || fail "kg names failed (status $rc)"
                score "$py" "$eval_dir/score_names.py" --gold "$eval_dir/news-dev/names.tsv" --got "$dir/names-got.tsv" --json >"$dir/names.json"
                # The text form lists every missing, spurious, wrongly bounded and wrongly typed name.
                score "$py" "$eval_dir/score_names.py" --gold "$eval_dir/news-dev/names.tsv" --got "$dir/names-got.tsv" >"$dir/names-errors.txt"
            done
            ;;
        finre)
            docs=$work/finre/docs
            rm -rf "$docs"
            "$py" "$eval_dir/score_finre.py" split "$eval_dir/finre/valid.txt" "$docs" >/dev/null || fail "score_finre.py split failed"
            for variant in $variants; do
                dir=$work/finre/$variant
                build "$dir" "$docs" $([ $variant = rules ] && echo --no-model)
                score "$py" "$eval_dir/score_finre.py" score "$eval_dir/finre/valid.txt" "$dir/graph.jsonld" --json >"$dir/score.json"
            done
            ;;
    esac
done

"$py" scripts/eval/report.py --eval-dir "$eval_dir" --work "$work" --sets "$sets" \
    --note "kg $("$kg" --version), commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Sources schema || echo '+changes'), built and scored in $((SECONDS - started)) s"
