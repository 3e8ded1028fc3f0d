#!/usr/bin/env python3
"""Findings per 100 articles of the number rules on the evaluation corpus, and a sample to read.

Usage: scripts/measure_numbers.py [--show N] [--rules number-conflict,headline-number]
Runs target/release/wirelint --format jsonl over ../shared/corpus/reuters and .../bbc.
With --show, prints up to N findings per corpus with the labelled text in context, for judging.
"""
import argparse
import json
import os
import subprocess
import sys

# The evaluation corpus beside the repository (never copied into it).
CORPUS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "..", "shared", "corpus")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "wirelint")
CORPORA = [os.path.join(CORPUS, "reuters"), os.path.join(CORPUS, "bbc")]


def lint(path):
    run = subprocess.run([BINARY, "--format", "jsonl", path], capture_output=True)
    for line in run.stdout.decode("utf-8", "replace").splitlines():
        if line.strip():
            record = json.loads(line)
            if "rule" in record:  # not the version record
                yield record


def context(path, span, width=70):
    try:
        data = open(path, "rb").read()
    except OSError:
        return ""
    start, end = span["start"], span["end"]
    before = data[max(0, start - width):start].decode("utf-8", "replace")
    after = data[end:end + width].decode("utf-8", "replace")
    figure = data[start:end].decode("utf-8", "replace")
    return (before + "[[" + figure + "]]" + after).replace("\n", " ")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--rules", default="number-conflict,headline-number")
    args = parser.parse_args()
    rules = args.rules.split(",")
    if not os.path.exists(BINARY):
        sys.exit("build first: cargo build --release")
    for corpus in CORPORA:
        articles = sum(1 for name in os.listdir(corpus) if name.endswith(".txt"))
        found = [d for d in lint(corpus) if d["rule"] in rules]
        for rule in rules:
            hits = [d for d in found if d["rule"] == rule]
            files = {d["path"] for d in hits}
            print(f"{os.path.basename(corpus)}\t{rule}\t{len(hits)} findings\t{len(files)} files"
                  f"\t{100 * len(hits) / articles:.2f} per 100 articles ({articles} articles)")
        for d in found[:args.show]:
            print(f"\n{d['path']}:{d['line']} [{d['rule']}] {d['message']}")
            for label in d["labels"]:
                mark = "^" if label["primary"] else "-"
                print(f"  {mark} {label['message']}: {context(d['path'], label['span'])}")
            for note in d["notes"]:
                print(f"  note: {note}")


if __name__ == "__main__":
    main()
