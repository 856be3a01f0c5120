#!/usr/bin/env bash
# kg's test command (the README's second command; .ci/run calls it).
#
# 1. installs what is missing: Graphviz, a CJK font and Chromium from Debian, sqlite3's shell, and a Python
#    virtual environment (.venv/) with rdflib, pyld, pyoxigraph and networkx from PyPI;
# 2. runs `swift test` (unit, golden and end-to-end tests);
# 3. builds the sample article with the real `kg` binary and checks its outputs with real tools:
#    `dot` and `sfdp` render the DOT, rdflib and pyld read the JSON-LD, pyoxigraph reads the same
#    dataset from the JSON-LD and the N-Quads, NetworkX reads the GraphML,
#    headless Chromium opens `kg render --format html` and clicks an edge (screenshots in .build/),
#    sqlite3 runs PRAGMA integrity_check, the rule pack passes `kg rules check` and `kg rules test`,
#    and the extraction scorers in ../shared/eval pass their thresholds (the sample's gold, news-dev's
#    triples and names, FinRE valid);
# 4. builds news-dev (the sample without ../shared) in four shards with scripts/build-sharded.sh
#    (GNU parallel, installed in step 1) and checks the merged store equals a one-shot build.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

step() { printf '\n== %s\n' "$*"; }
checks_passed=0
checks_failed=0
check() { # check NAME COMMAND...: run a tool check, count it, keep going so every failure shows
    local name=$1; shift
    if "$@"; then checks_passed=$((checks_passed + 1)); echo "ok: $name"
    else checks_failed=$((checks_failed + 1)); echo "FAILED: $name"; fi
}

step "installing what is missing"
sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
need=()
command -v dot >/dev/null 2>&1 || need+=(graphviz)
command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)
pkg-config --exists sqlite3 2>/dev/null || need+=(libsqlite3-dev pkg-config)
{ command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh | grep -q .; } || need+=(fonts-noto-cjk fontconfig)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v parallel >/dev/null 2>&1 || need+=(parallel)
if [ ${#need[@]} -gt 0 ]; then
    echo "apt-get install ${need[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
venv=${KG_VENV:-$root/.venv}
if ! "$venv/bin/python" -c 'import rdflib, pyld, pyoxigraph, networkx' 2>/dev/null; then
    echo "creating $venv with rdflib, pyld, pyoxigraph, networkx"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check rdflib pyld pyoxigraph networkx
fi
export KG_PYTHON="$venv/bin/python"
echo "dot: $(dot -V 2>&1)"; echo "python: $KG_PYTHON"

step "swift test"
swift build --build-tests 2>&1 | grep -E "error|warning:|Compiling|Build complete" | grep -v "^\[" || true
swift test 2>&1 | tee .build/swift-test.log | grep -E "✘|error:|Test run with" || true
grep -q "Test run with .* passed" .build/swift-test.log || { echo "swift test failed"; exit 1; }

step "the sample article through the real binary"
kg="$(swift build --show-bin-path)/kg"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
check "kg build on the sample" "$kg" build samples/sample-article-jiangsu-hitech-zones.txt --db "$work/graph.sqlite" --out "$work"
check "PRAGMA integrity_check" test "$(sqlite3 "$work/graph.sqlite" 'PRAGMA integrity_check')" = ok
check "kg rules check" "$kg" rules check
check "kg rules test" "$kg" rules test
check "dot -Tsvg renders the DOT without warnings" bash -c "dot -Tsvg '$work/graph.dot' -o '$work/graph.svg' 2>'$work/dot.err' && ! test -s '$work/dot.err'"
# -Ksfdp: the file says layout=dot, which would otherwise win over the command's name.
check "sfdp -Tsvg renders the DOT without warnings" bash -c "sfdp -Ksfdp -Tsvg '$work/graph.dot' -o /dev/null 2>'$work/sfdp.err' && ! test -s '$work/sfdp.err'"
check "a CJK font is installed" bash -c "fc-list :lang=zh | grep -q ."
check "rdflib reads the JSON-LD" "$KG_PYTHON" -c "import rdflib,sys; g=rdflib.Graph(); g.parse(sys.argv[1], format='json-ld'); assert len(g) > 0" "$work/graph.jsonld"
check "pyld expands the JSON-LD to RDF" "$KG_PYTHON" -c "import json,sys; from pyld import jsonld; d=json.load(open(sys.argv[1])); assert jsonld.to_rdf(d, {'format': 'application/n-quads'})" "$work/graph.jsonld"
"$kg" export --db "$work/graph.sqlite" --format nquads --output "$work/graph.nq" >/dev/null
check "pyoxigraph reads one dataset from the JSON-LD and the N-Quads" "$KG_PYTHON" -c "
import sys, pyoxigraph as ox
a = set(ox.parse(path=sys.argv[1], format=ox.RdfFormat.JSON_LD)); b = set(ox.parse(path=sys.argv[2], format=ox.RdfFormat.N_QUADS))
assert a == b and any(q.graph_name != ox.DefaultGraph() for q in a), (len(a), len(b), len(a ^ b))" "$work/graph.jsonld" "$work/graph.nq"
"$kg" export --db "$work/graph.sqlite" --format graphml --output "$work/graph.graphml" >/dev/null
check "NetworkX reads the GraphML: every entity and triple" "$KG_PYTHON" -c "
import sys, sqlite3, networkx as nx
g = nx.read_graphml(sys.argv[1]); db = sqlite3.connect(sys.argv[2])
n, e = (db.execute(q).fetchone()[0] for q in ('SELECT count(*) FROM entities', 'SELECT count(*) FROM triples'))
assert (g.number_of_nodes(), g.number_of_edges()) == (n, e), (g.number_of_nodes(), g.number_of_edges(), n, e)" "$work/graph.graphml" "$work/graph.sqlite"

# The HTML page in a real browser: the page's own #edge= handler clicks the edge of 信达生物 listedOn
# 港股18A as a user's click would; the panel must then show the evidence sentence with the subject
# and object marked. Screenshots before and after the click are kept for a person to look at.
"$kg" render --db "$work/graph.sqlite" --format html --output "$work/graph.html" >/dev/null
edge=$(sqlite3 "$work/graph.sqlite" "SELECT t.id FROM triples t JOIN entities s ON s.id = t.subject JOIN entities o ON o.id = t.object WHERE s.label_zh = '信达生物' AND t.predicate = 'listedOn' AND o.label_zh = '港股18A'")
chrome=(chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1400,800 --virtual-time-budget=3000)
timeout 120 "${chrome[@]}" --dump-dom "file://$work/graph.html#edge=e$edge" 2>/dev/null > "$work/graph-dom.html" || true
check "Chromium: clicking an edge shows its evidence, subject and object marked" bash -c \
    "grep -o '<aside id=\"panel\">.*</aside>' '$work/graph-dom.html' | grep -q '<mark class=\"o\">港股18A</mark>和科创板机遇,<mark class=\"s\">信达生物</mark>'"
timeout 120 "${chrome[@]}" --screenshot="$root/.build/page-before.png" "file://$work/graph.html" >/dev/null 2>&1 || true
timeout 120 "${chrome[@]}" --screenshot="$root/.build/page-after.png" "file://$work/graph.html#edge=e$edge" >/dev/null 2>&1 || true
check "Chromium: screenshots before and after the click (.build/page-before.png, .build/page-after.png)" \
    test -s "$root/.build/page-before.png" -a -s "$root/.build/page-after.png"

eval_dir=../shared/eval
if [ -d "$eval_dir" ]; then
    check "seed gold: recall and precision >= 0.9, no leaks" \
        "$KG_PYTHON" "$eval_dir/score.py" --gold "$eval_dir/seed-gold.tsv" --jsonld "$work/graph.jsonld" --min-recall 0.9 --min-precision 0.9
    step "news-dev: 32 real news pages, gold triples and every proper name"
    check "kg build on news-dev" "$kg" build "$eval_dir/news-dev/docs" --db "$work/news.sqlite" --out "$work/news" -q
    # Floors a little below what kg reaches (0.745 recall at 0.906 precision; names 0.852 at
    # 0.872): a change that loses names or triples on real news fails here.
    check "news-dev triples: recall >= 0.72, precision >= 0.88, no leaks" \
        "$KG_PYTHON" "$eval_dir/score.py" --gold "$eval_dir/news-dev/gold.tsv" --jsonld "$work/news/graph.jsonld" --min-recall 0.72 --min-precision 0.88
    "$kg" names --db "$work/news.sqlite" --format tsv > "$work/news-names.tsv"
    check "news-dev names: recall >= 0.83, precision >= 0.84" bash -c \
        "set -o pipefail; '$KG_PYTHON' '$eval_dir/score_names.py' --gold '$eval_dir/news-dev/names.tsv' --got '$work/news-names.tsv' --min-recall 0.83 --min-precision 0.84 | tail -3"
    step "FinRE valid: labelled financial-news sentences, one document each"
    "$KG_PYTHON" "$eval_dir/score_finre.py" split "$eval_dir/finre/valid.txt" "$work/finre-valid" >/dev/null
    check "kg build on FinRE valid" "$kg" build "$work/finre-valid" --db "$work/finre.sqlite" --out "$work/finre" -q
    # The extraction issue's bar: precision >= 0.75 at recall >= 0.35. The rules and the relation
    # model together reach recall 0.357 at precision 0.789 (the rules alone: 0.229 at 0.827).
    check "FinRE valid: precision >= 0.75 at recall >= 0.35" bash -c \
        "set -o pipefail; '$KG_PYTHON' '$eval_dir/score_finre.py' score '$eval_dir/finre/valid.txt' '$work/finre/graph.jsonld' --min-precision 0.75 --min-recall 0.35 | tail -1"
elif [ -n "${CI:-}" ]; then
    # CI always has the shared folder beside the clone; its absence there is a broken setup.
    check "the extraction scorers are in $eval_dir" test -d "$eval_dir"
else
    echo "skipped: the extraction scorers ($eval_dir, the team's shared folder beside the checkout) are not here"
fi

step "a corpus built in shards and merged equals it built at once"
# One input, as build-sharded.sh's --check builds it: the merge orders documents by path, as a
# build reads one folder.
shard_corpus=samples
[ -d "$eval_dir/news-dev/docs" ] && shard_corpus="$eval_dir/news-dev/docs"
check "scripts/build-sharded.sh: 4 shards of $shard_corpus merged hold what a one-shot build holds" \
    scripts/build-sharded.sh --kg "$kg" --shards 4 --jobs 1 --db "$work/sharded.sqlite" --check "$shard_corpus"

echo
echo "tool checks: $checks_passed passed, $checks_failed failed"
[ "$checks_failed" = 0 ]
