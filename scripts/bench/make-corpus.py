#!/usr/bin/env python3
"""Generates kg's benchmark corpus: news-like pages made of FinRE sentences and the paragraphs of
the sample article, shuffled with a fixed seed, so every run of the benchmark reads the same bytes.

    make-corpus.py --finre FILE --sample FILE --size-mb 100 --layout files|single --out DIR

`files` writes many pages of 2-5 KB each under DIR/ (in folders of 1000); `single` writes one
file DIR/corpus.txt of the same pages one after another, separated by blank lines. The output is
a function of the arguments only (the seed defaults to 20240601).
"""

import argparse
import os
import random
import re
import sys

NUMBER = re.compile(r"<N>")


def load_sentences(finre_path):
    """The unique sentences of FinRE's 4th column, in file order."""
    seen = set()
    sentences = []
    with open(finre_path, encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 4:
                continue
            sentence = fields[3].strip()
            if sentence and sentence not in seen:
                seen.add(sentence)
                sentences.append(sentence)
    return sentences


def load_sample_paragraphs(sample_path):
    """The sample article's body paragraphs: non-empty lines after its header block."""
    with open(sample_path, encoding="utf-8") as handle:
        lines = [line.strip() for line in handle]
    # The body starts after the reporter line; the header lines before it are page furniture.
    body = [line for line in lines if len(line) > 40]
    return body


def fill_numbers(sentence, rng):
    """<N> placeholders become digits in the range the next character implies (年, 月, 日, %)."""

    ranges = {"年": (1995, 2024), "月": (1, 12), "日": (1, 28), "%": (1, 99)}

    def digits(match):
        low, high = ranges.get(sentence[match.end():match.end() + 1], (1, 999))
        return str(rng.randint(low, high))

    return NUMBER.sub(digits, sentence)


SOURCES = ["新华财经", "证券时报网", "新江南网", "中国江苏网", "21世纪经济报道", "每日经济新闻"]


def pages(sentences, paragraphs, rng):
    """An endless stream of pages (text, byte size): a header like a saved news page, then
    paragraphs of 2-6 sentences, or now and then a paragraph of the sample article, until the
    page's drawn size of 2-5 KB is reached."""
    number = 0
    while True:
        number += 1
        target = rng.randint(2048, 5120)
        first = fill_numbers(rng.choice(sentences), rng)
        title = first[:24].rstrip(",,。;;") or "新闻"
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        header = [
            "首页 > 新闻中心 > 财经 > 正文",
            "",
            title,
            "",
            f"文章来源:{rng.choice(SOURCES)}",
            f"发布时间:2023-{month:02d}-{day:02d} {rng.randint(8, 20):02d}:{rng.randint(0, 59):02d}:00",
            "",
        ]
        body = []
        size = len("\n".join(header).encode("utf-8"))
        while size < target:
            if rng.random() < 0.08:
                paragraph = rng.choice(paragraphs)
            else:
                count = rng.randint(2, 6)
                paragraph = "".join(fill_numbers(rng.choice(sentences), rng) for _ in range(count))
            body.append(paragraph)
            size += len(paragraph.encode("utf-8")) + 2
        yield number, "\n".join(header) + "\n" + "\n\n".join(body) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--finre", required=True)
    parser.add_argument("--sample", required=True)
    parser.add_argument("--size-mb", type=float, required=True)
    parser.add_argument("--layout", choices=["files", "single"], required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=20240601)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    sentences = load_sentences(args.finre)
    paragraphs = load_sample_paragraphs(args.sample)
    if not sentences or not paragraphs:
        sys.exit("make-corpus: no sentences found; check --finre and --sample")
    budget = int(args.size_mb * 1024 * 1024)
    os.makedirs(args.out, exist_ok=True)
    written = 0
    files = 0
    single = open(os.path.join(args.out, "corpus.txt"), "w", encoding="utf-8") if args.layout == "single" else None
    for number, text in pages(sentences, paragraphs, rng):
        data = text.encode("utf-8")
        if single:
            if written:
                single.write("\n")
                written += 1
            single.write(text)
        else:
            folder = os.path.join(args.out, f"{(number - 1) // 1000:04d}")
            if (number - 1) % 1000 == 0:
                os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, f"page-{number:07d}.txt"), "wb") as handle:
                handle.write(data)
        files += 1
        written += len(data)
        if written >= budget:
            break
    if single:
        single.close()
    print(f"{args.out}: {written} bytes, {files} pages, layout {args.layout}")


if __name__ == "__main__":
    main()
