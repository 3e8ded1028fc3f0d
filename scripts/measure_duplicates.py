#!/usr/bin/env python3
"""Findings per 100 articles of the repeated-text rules on the evaluation corpus, with every
finding printed (the repeat and the first copy, shortened) so that a sample can be judged.

Usage: cargo build --release && python3 scripts/measure_duplicates.py [CORPUS_DIR ...]
(default: ../shared/corpus/reuters and ../shared/corpus/bbc). Corpus text is only read,
never written into the repository.
"""
import collections
import json
import os
import subprocess
import sys

# The evaluation corpus beside the repository (never copied into it).
CORPUS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "..", "shared", "corpus")

RULES = ["duplicate-paragraph", "near-duplicate-paragraph", "duplicate-sentence"]
BINARY = os.path.join(os.path.dirname(__file__), "..", "target", "release", "wirelint")
DEFAULT_DIRS = [os.path.join(CORPUS, "reuters"), os.path.join(CORPUS, "bbc")]


def excerpt(data, span, width=110):
    text = data[span["start"]:span["end"]].decode("utf-8", "replace").replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def measure(directory):
    articles = sum(1 for name in os.listdir(directory) if name.endswith(".txt"))
    run = subprocess.run(
        [BINARY, "--format", "jsonl", directory], capture_output=True, check=False
    )
    if run.returncode == 2 and not run.stdout:
        sys.exit(f"wirelint failed on {directory}: {run.stderr.decode()}")
    counts = collections.Counter()
    files = collections.defaultdict(set)
    shown = []
    for line in run.stdout.decode("utf-8").splitlines():
        diagnostic = json.loads(line)
        rule = diagnostic.get("rule")
        if rule not in RULES:
            continue
        counts[rule] += 1
        files[rule].add(diagnostic["path"])
        shown.append(diagnostic)
    print(f"## {directory}: {articles} articles")
    for rule in RULES:
        per100 = 100.0 * counts[rule] / max(articles, 1)
        print(
            f"{rule:26} {counts[rule]:4} findings in {len(files[rule]):4} articles"
            f"  = {per100:.2f} per 100 articles"
        )
    for diagnostic in shown:
        with open(diagnostic["path"], "rb") as handle:
            data = handle.read()
        primary, first = diagnostic["labels"][0], diagnostic["labels"][1]
        print(f"\n{os.path.basename(diagnostic['path'])}:{diagnostic['line']} [{diagnostic['rule']}]")
        for note in diagnostic["notes"]:
            print(f"   note: {note}")
        print(f"   first  (line {first['line']}): {excerpt(data, first['span'])}")
        print(f"   repeat (line {primary['line']}): {excerpt(data, primary['span'])}")
    print()


def main():
    if not os.path.exists(BINARY):
        sys.exit("build first: cargo build --release")
    for directory in sys.argv[1:] or DEFAULT_DIRS:
        measure(directory)


if __name__ == "__main__":
    main()
