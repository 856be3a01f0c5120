#!/usr/bin/env python3
"""Precision of each rule on a scored build: which rules state the triples score.py calls extra.

    by-rule.py BUILD_DIR        (a folder of scripts/eval.sh: graph.sqlite and score.json)

A triple counts as extra when score.py listed it among the extras (matched by predicate and by
the labels it printed); every rule with evidence for it is charged. Prints, per rule, the
triples it supports, how many of them are extra, and the extra ones, so a rule or a model
predicate that states mostly wrong triples stands out.
"""
import json
import sqlite3
import sys
from collections import defaultdict

folder = sys.argv[1]
score = json.load(open(f"{folder}/score.json"))
extras = set()
for line in score["extras"]:
    left, _, rest = line.partition(" -")
    predicate, _, right = rest.partition("-> ")
    for s in left.split(" / "):
        for o in right.split(" / "):
            extras.add((s.strip(), predicate.strip(), o.strip()))
db = sqlite3.connect(f"{folder}/graph.sqlite")
rows = db.execute(
    """SELECT e.rule_id, s.label_zh, t.predicate, o.label_zh, t.id, se.text
       FROM evidence e JOIN triples t ON t.id = e.triple_id
       JOIN entities s ON s.id = t.subject JOIN entities o ON o.id = t.object
       JOIN sentences se ON se.id = e.sentence_id""").fetchall()
by_rule = defaultdict(dict)
for rule, s, p, o, tid, sentence in rows:
    by_rule[rule][tid] = (s, p, o, (s, p, o) in extras, sentence)
print(f"{'rule':<28} {'triples':>7} {'extra':>5}")
for rule, triples in sorted(by_rule.items(), key=lambda kv: -len(kv[1])):
    bad = [t for t in triples.values() if t[3]]
    print(f"{rule:<28} {len(triples):>7} {len(bad):>5}")
if "-v" in sys.argv:
    for rule, triples in sorted(by_rule.items()):
        for s, p, o, bad, sentence in triples.values():
            if bad:
                print(f"{rule}\t{s} {p} {o}\t{sentence[:80]}")
