#!/usr/bin/env python3
"""Write schema/dictionary/words.tsv and LICENSE from jieba's dict.txt.

kg's word segmenter (Sources/KGText/Words) needs a dictionary of words with frequencies and parts
of speech. jieba (MIT) ships one; only its data is used, never its code, and jieba is not a
dependency of kg: this script runs once, by hand, and its output is committed.

Usage:
    pip download --no-deps -d /tmp/jieba jieba==0.42.1
    tar xzf /tmp/jieba/jieba-0.42.1.tar.gz -C /tmp/jieba
    python3 scripts/lexicon/convert-jieba.py /tmp/jieba/jieba-0.42.1

Output format: one word a line, `word<TAB>freq<TAB>pos`, sorted by Unicode code points (so a
prefix sorts before its extensions, which the Swift loader relies on for its range search).

Pruning (to keep the file under ~4 MB and drop entries that hurt more than help; see README.md):
  * entries with a character outside the Han ranges (A股, C++, T恤): the segmenter makes every
    run of Latin letters and digits one token, so these can never match;
  * person names (nr) with frequency <= 3: the floor frequency of the list, where most entries are
    fragments rather than names (一个愿挨, 金枝欲, 哈赤亲) that would swallow the characters around
    them; the name layer finds people by surname and context instead;
  * idioms (i) and set phrases (l) with frequency <= 3: rare literary phrases that do not occur in
    industry news; their characters still segment as shorter words.

Then REMOVALS (below) drops a few words that swallow a neighbour, and CORRECTIONS retags a few
words and adds a few missing ones, each with its reason.
"""
import os
import re
import sys

VERSION = "0.42.1"

# jieba's LICENSE file (github.com/fxsjy/jieba). The PyPI sdist declares "License: MIT" in PKG-INFO
# and setup.py but does not include the file, so its text is kept here verbatim.
LICENSE = """The MIT License (MIT)

Copyright (c) 2013 Sun Junyi

Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
the Software, and to permit persons to whom the Software is furnished to do so,
subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""

# Han characters as the segmenter's dictionary lattice sees them (Scalars.isCJK plus 〇).
HAN = re.compile("^[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+$")
FLOOR = 3
PRUNED_AT_FLOOR = {"nr", "i", "l"}

# kg's corrections, applied after pruning: (word, frequency or None to keep jieba's, tag, why).
# Kept short on purpose: only tags that would make the name layer stop or run on wrongly in
# industry news, and words common there since the dictionary was built whose split is wrong.
CORRECTIONS = [
    ("落户", None, "v", "a verb in news (项目落户苏州); jieba tags it n"),
    ("落地", None, "v", "a verb in news (项目落地); jieba tags it n"),
    ("中标", None, "v", "a verb (中标某项目); jieba tags it n"),
    ("开业", None, "v", "a verb (正式开业); jieba tags it n"),
    ("会见", None, "v", "a verb (会见客人); jieba tags it n"),
    ("上市", None, "v", "a verb (在科创板上市); jieba tags it ns, a place"),
    ("高新区", None, "n", "a zone suffix word; jieba tags it nr, a person"),
    ("获批", 300, "v", "missing; 获|批 would leave 批 (a classifier) inside a name span"),
    ("投用", 200, "v", "missing; 正式投用"),
    ("募资", 200, "v", "missing; 募资用于"),
    ("营收", 500, "n", "missing; 营|收 would make 收 a verb"),
    ("经开区", 200, "n", "missing; short for 经济技术开发区"),
    ("自贸区", 200, "n", "missing; short for 自由贸易试验区"),
    ("〇", 100, "m", "missing; the zero of 二〇二三年"),
    ("股份有限公司", 3000, "n", "missing although 有限公司 is there; one word, as a company-name suffix"),
]

# Entries kg removes, each with why: words that swallow a neighbour the name layer must see.
REMOVALS = [
    ("总裁兼", "swallows 兼 after a title: 副总裁兼首席财务官 must split 总裁|兼"),
    ("诸王兼", "a fragment tagged nr that swallows 兼"),
]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: convert-jieba.py JIEBA_SOURCE_FOLDER  (the unpacked jieba-%s sdist)" % VERSION)
    source = sys.argv[1]
    pkg_info = open(os.path.join(source, "PKG-INFO"), encoding="utf-8").read()
    if "Version: %s\n" % VERSION not in pkg_info:
        sys.exit("expected jieba %s; update VERSION and the README after checking the new data" % VERSION)

    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out = os.path.join(root, "schema", "dictionary")
    os.makedirs(out, exist_ok=True)

    words = {}
    dropped = {"non-Han": 0, "nr<=3": 0, "i<=3": 0, "l<=3": 0, "duplicate": 0}
    with open(os.path.join(source, "jieba", "dict.txt"), encoding="utf-8") as f:
        for line in f:
            word, freq, pos = line.split()
            freq = int(freq)
            if not HAN.match(word):
                dropped["non-Han"] += 1
                continue
            if pos in PRUNED_AT_FLOOR and freq <= FLOOR:
                dropped["%s<=3" % pos] += 1
                continue
            if word in words:
                # The list has a few repeats; keep the more frequent reading.
                dropped["duplicate"] += 1
                if words[word][0] >= freq:
                    continue
            words[word] = (freq, pos)

    for word, _ in REMOVALS:
        if words.pop(word, None) is None:
            sys.exit("removal of %s, which the dictionary lacks: drop it from REMOVALS" % word)
    for word, freq, pos, _ in CORRECTIONS:
        old = words.get(word)
        if freq is None:
            if old is None:
                sys.exit("correction for %s, which the dictionary lacks: give a frequency" % word)
            freq = old[0]
        words[word] = (freq, pos)

    with open(os.path.join(out, "words.tsv"), "w", encoding="utf-8", newline="\n") as f:
        for word in sorted(words):
            freq, pos = words[word]
            f.write("%s\t%d\t%s\n" % (word, freq, pos))
    with open(os.path.join(out, "LICENSE"), "w", encoding="utf-8", newline="\n") as f:
        f.write(LICENSE)
    size = os.path.getsize(os.path.join(out, "words.tsv"))
    print("wrote %d words (%d bytes); dropped %s; %d corrections, %d removals"
          % (len(words), size, dropped, len(CORRECTIONS), len(REMOVALS)))


if __name__ == "__main__":
    main()
