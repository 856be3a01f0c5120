#!/usr/bin/env python3
"""Print scripts/eval.sh's table from the scorers' JSON results in the work folder.

    report.py --eval-dir ../shared/eval --work out/eval --sets sample,news-dev,finre [--note TEXT]

Overall figures are the scorers' own (their --json output). The breakdowns the scorers do not
print (news-dev triples per predicate, names precision per type) are computed with the scorers'
own reading and matching functions, imported from --eval-dir, so they count the same things; the
per-predicate sums are checked against the scorer's totals. Also writes, per build folder, the
lists the scorers report: missing.txt and extra.txt (score.py), wrong.txt (score_finre.py);
names-errors.txt is written by eval.sh from score_names.py's text output.
"""
import argparse
import json
import os
import sys
from collections import Counter

VARIANTS = [("full", "rules+model"), ("rules", "rules only")]


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def write_list(path, lines):
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(line + "\n" for line in lines)


def ratio(a, b):
    return f"{a / b:.3f}" if b else "-"


def per_predicate(score, gold_path, jsonld):
    """Required-triple recall by the gold row's first predicate, and precision by the exported
    triple's predicate, with score.py's functions (so the sums equal its totals)."""
    gold, _ = score.read_gold(gold_path)
    triples = score.read_export(jsonld)
    req = Counter()
    found = Counter()
    for item in gold:
        if item["kind"] != "req":
            continue
        pred = item["preds"][0][0]
        req[pred] += 1
        found[pred] += any(score.fits(item, t) for t in triples)
    got = Counter()
    good = Counter()
    for triple in triples:
        got[triple[1]] += 1
        good[triple[1]] += any(score.fits(item, triple) for item in gold)
    rows = {}
    for pred in sorted(set(req) | set(got), key=lambda p: (-req[p], -got[p], p)):
        rows[pred] = (found[pred], req[pred], good[pred], got[pred])
    return rows, sum(found.values()), len(triples), sum(good.values())


def names_by_type(score_names, gold_path, got_path):
    """Per type, read and matched as score_names.py does: gold names and how many were found (by
    the gold's type), recognised names in the gold's documents and how many are gold names (by
    kg's type, folded onto the gold's)."""
    gold, got = score_names.read(gold_path, True), score_names.read(got_path, False)
    gold_n, found, got_n, right = Counter(), Counter(), Counter(), Counter()
    for doc, names in gold.items():
        recognised = got.get(doc, {})
        for key, (_, kind) in names.items():
            gold_n[kind or "(none)"] += 1
            found[kind or "(none)"] += key in recognised
        for key, (_, kind) in recognised.items():
            got_n[kind or "(none)"] += 1
            right[kind or "(none)"] += key in names
    return gold_n, found, got_n, right


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval-dir", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--sets", default="sample,news-dev,finre")
    ap.add_argument("--note", default="")
    args = ap.parse_args()
    sys.path.insert(0, os.path.abspath(args.eval_dir))
    import score  # noqa: E402  (the scorers live in the shared folder)
    import score_names  # noqa: E402

    sets = args.sets.split(",")
    rows = [("set", "build", "measure", "recall", "precision", "counts")]
    lists = []

    def triples_row(name, label, dir_, measure="triples"):
        result = load(os.path.join(dir_, "score.json"))
        write_list(os.path.join(dir_, "missing.txt"), result["missing"])
        write_list(os.path.join(dir_, "extra.txt"), result["extras"])
        lists.append(f"{dir_}/missing.txt ({len(result['missing'])}), extra.txt ({len(result['extras'])})")
        rows.append((name, label, measure, f"{result['recall_required']:.3f}", f"{result['precision']:.3f}",
                     f"{result['triples']} triples, optional {result['optional_found']}/{result['optional_total']}, "
                     f"leaks {result['boilerplate_leaks']}"))
        return result

    if "sample" in sets:
        triples_row("sample", "rules+model", os.path.join(args.work, "sample", "full"))

    if "news-dev" in sets:
        gold = os.path.join(args.eval_dir, "news-dev", "gold.tsv")
        names_gold = os.path.join(args.eval_dir, "news-dev", "names.tsv")
        for variant, label in VARIANTS:
            dir_ = os.path.join(args.work, "news-dev", variant)
            if not os.path.exists(os.path.join(dir_, "score.json")):
                continue
            result = triples_row("news-dev", label, dir_)
            names = load(os.path.join(dir_, "names.json"))
            rows.append(("news-dev", label, "names", f"{names['recall']:.3f}", f"{names['precision']:.3f}",
                         f"{names['found']}/{names['gold']} found, {names['got']} got, boundary "
                         f"{names['boundary_errors']}, spurious {names['spurious']}, wrong type {names['wrong_type']}"))
            lists.append(f"{dir_}/names-errors.txt")
            if variant != "full":
                continue
            by_pred, found, total, good = per_predicate(score, gold, os.path.join(dir_, "graph.jsonld"))
            required = sum(r[1] for r in by_pred.values())
            if total != result["triples"] or round(found / required, 3) != result["recall_required"]:
                print("report.py: per-predicate sums disagree with score.py's totals", file=sys.stderr)
            for pred, (f, req, g, got) in by_pred.items():
                rows.append(("news-dev", label, f"  triples: {pred}", ratio(f, req), ratio(g, got),
                             f"{f}/{req} req found, {g}/{got} exported fit the gold"))
            gold_n, found_n, got_n, right_n = names_by_type(
                score_names, names_gold, os.path.join(dir_, "names-got.tsv"))
            if {k: round(found_n[k] / n, 3) for k, n in gold_n.items()} != names["recall_by_type"]:
                print("report.py: names recall by type disagrees with score_names.py's", file=sys.stderr)
            for kind in sorted(set(gold_n) | set(got_n), key=lambda k: (k not in gold_n, k)):
                rows.append(("news-dev", label, f"  names: {kind}", ratio(found_n[kind], gold_n[kind]),
                             ratio(right_n[kind], got_n[kind]),
                             f"{found_n[kind]}/{gold_n[kind]} gold found, {right_n[kind]}/{got_n[kind]} got right"))

    if "finre" in sets:
        for variant, label in VARIANTS:
            dir_ = os.path.join(args.work, "finre", variant)
            if not os.path.exists(os.path.join(dir_, "score.json")):
                continue
            result = load(os.path.join(dir_, "score.json"))
            write_list(os.path.join(dir_, "wrong.txt"), result["wrong"])
            lists.append(f"{dir_}/wrong.txt ({len(result['wrong'])})")
            rows.append(("finre", label, "triples", f"{result['recall']:.3f}", f"{result['precision']:.3f}",
                         f"{result['found']}/{result['labelled_facts']} facts found, {result['judged_triples']} judged"))

    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))
    print()
    print("recall: news-dev and sample of required gold triples (by the gold row's first predicate), finre of")
    print("labelled facts, names of gold names (by gold type); precision: of exported triples (by their")
    print("predicate), of judged triples (finre), of recognised names (by kg's type, folded as the scorer does).")
    print("lists: " + "\n       ".join(lists))
    if args.note:
        print(args.note)


if __name__ == "__main__":
    main()
