#!/usr/bin/env python3
"""Findings per 100 articles of the quote rules on the evaluation corpus.

Usage: scripts/measure_quotes.py [--show RULE] [--corpus DIR]
Runs target/release/wirelint --format jsonl over ../shared/corpus/reuters and .../bbc and
prints, per corpus, the number of articles, the findings of unattributed-quote and
unbalanced-quote, and the rate per 100 articles. --show RULE prints each finding of RULE with
the text it points at, for reading and judging.
"""
import argparse
import collections
import json
import os
import subprocess
import sys

# The evaluation corpus beside the repository (never copied into it).
CORPUS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "..", "shared", "corpus")

RULES = ("unattributed-quote", "unbalanced-quote")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "wirelint")


def lint(folder):
    out = subprocess.run([BIN, "--format", "jsonl", folder], capture_output=True, text=True)
    if out.returncode == 2 and not out.stdout:
        sys.exit(out.stderr)
    for line in out.stdout.splitlines():
        line = line.strip()
        if line.startswith("{"):
            record = json.loads(line)
            if "rule" in record:  # not the version record
                yield record


def excerpt(path, diag):
    span = diag.get("span") or {}
    try:
        data = open(path, "rb").read()
    except OSError:
        return ""
    start, end = span.get("start", 0), span.get("end", 0)
    before = data[max(0, start - 400):start].decode("utf-8", "replace")
    marked = data[start:end].decode("utf-8", "replace")
    after = data[end:end + 200].decode("utf-8", "replace")
    text = f"{before}⟦{marked}⟧{after}".replace("\n\n", " ¶ ").replace("\n", " / ")
    return " ".join(text.split())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", choices=RULES)
    parser.add_argument("--corpus", action="append")
    args = parser.parse_args()
    folders = args.corpus or [os.path.join(CORPUS, "reuters"), os.path.join(CORPUS, "bbc")]
    for folder in folders:
        articles = sum(1 for name in os.listdir(folder) if name.endswith(".txt"))
        if args.show:
            print(f"== {folder}")
        counts = collections.Counter()
        files = collections.defaultdict(set)
        for diag in lint(folder):
            rule = diag.get("rule")
            if rule in RULES:
                counts[rule] += 1
                path = diag["path"]
                files[rule].add(path)
                if args.show == rule:
                    print(f"\n-- {os.path.basename(path)}:{diag.get('line')}: {diag.get('message')}\n"
                          f"   {excerpt(path, diag)}")
        for rule in RULES:
            print(f"{os.path.basename(folder)}: {rule}: {counts[rule]} findings in "
                  f"{len(files[rule])} of {articles} articles = "
                  f"{100 * counts[rule] / max(articles, 1):.1f} per 100 articles")


if __name__ == "__main__":
    main()
