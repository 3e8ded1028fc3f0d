#!/usr/bin/env python3
"""Findings per 100 articles for each rule on the evaluation corpus, and a sample to read.

Usage: scripts/corpus_rates.py [--corpus DIR] [--sample N] [--rule RULE] [--seed S]

Runs target/release/wirelint --format jsonl over each folder of the corpus (default
../shared/corpus) and prints, per folder and rule, the number of findings, the number of
articles with a finding, and findings per 100 articles; with --sample, prints N random
findings of --rule (or of every rule) with the text around them, to judge by reading.
Build first: cargo build --release.
"""
import argparse, collections, json, os, random, subprocess, sys

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default=os.path.join(root, "..", "shared", "corpus"))
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--rule")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--binary", default=os.path.join(root, "target", "release", "wirelint"))
    args = parser.parse_args()
    random.seed(args.seed)
    for folder in sorted(os.listdir(args.corpus)):
        path = os.path.join(args.corpus, folder)
        if not os.path.isdir(path):
            continue
        articles = sum(1 for name in os.listdir(path) if name.endswith(".txt"))
        run = subprocess.run([args.binary, "--format", "jsonl", "--config", os.devnull, path],
                             capture_output=True, text=True)
        records = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
        findings = [record for record in records if "rule" in record]  # not the version record
        by_rule = collections.defaultdict(list)
        for finding in findings:
            by_rule[finding["rule"]].append(finding)
        print(f"== {folder}: {articles} articles, {len(findings)} findings")
        for rule, items in sorted(by_rule.items()):
            files = len({f["path"] for f in items})
            print(f"  {rule:28} {len(items):6} findings in {files:5} articles = {100 * len(items) / articles:6.2f} per 100 articles")
        if args.sample:
            pool = [f for f in findings if args.rule in (None, f["rule"])]
            for finding in random.sample(pool, min(args.sample, len(pool))):
                show(finding)

def show(finding):
    with open(finding["path"], "rb") as handle:
        text = handle.read().decode("utf-8", "replace")
    print(f"\n-- {finding['path']}:{finding['line']}:{finding['column']} {finding['rule']}: {finding['message']}")
    for label in finding["labels"]:
        start, end = label["span"]["start"], label["span"]["end"]
        context = text[max(0, start - 120):min(len(text), end + 120)].replace("\n", " / ")
        print(f"   [{'primary' if label['primary'] else 'secondary'}] {label['message']}: ...{context}...")
    for note in finding["notes"]:
        print(f"   note: {note}")

if __name__ == "__main__":
    sys.exit(main())
