#!/usr/bin/env python3
"""Findings per 100 articles for `weekday-date` and `name-spelling`, with every finding printed
in its context, to be read and judged.

Usage: cargo build --release && scripts/measure_style.py [--corpus DIR]... [--rule RULE]... [--quiet]

Without --corpus, measures the sets `reuters`, `bbc` and `polnear-train/wire`, each found as
<repo>/../shared/corpus/<set>, else <repo>/../evalcorpus/<set> (a set found in neither place is
skipped with a note). Only the measured rules run (every other rule is off). --quiet prints the
rates only.
"""
import argparse, json, os, subprocess, sys, tempfile

from corpus import find_set

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "wirelint")
SETS = ["reuters", "bbc", "polnear-train/wire"]
RULES = ["weekday-date", "name-spelling"]



def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", action="append", help="a folder of articles (repeatable)")
    parser.add_argument("--rule", action="append", help="a rule to measure (repeatable)")
    parser.add_argument("--quiet", action="store_true", help="print the rates only")
    parser.add_argument("--binary", default=BINARY, help="the wirelint to run (default: the release build)")
    args = parser.parse_args()
    rules = args.rule or RULES
    folders = args.corpus or [p for p in (find_set(s) or print(f"(set {s} not found)") for s in SETS) if p]
    listing = subprocess.run([args.binary, "--config", os.devnull, "rules"], capture_output=True, text=True, check=True).stdout
    known = [line.split()[0] for line in listing.splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as scratch:
        config = os.path.join(scratch, "only.toml")
        with open(config, "w") as handle:
            handle.write("[rules]\n" + "".join(f'{name} = "{"warn" if name in rules else "off"}"\n' for name in known))
        for folder in folders:
            articles = sum(1 for name in os.listdir(folder) if name.endswith(".txt"))
            run = subprocess.run([args.binary, "--format", "jsonl", "--config", config, folder], capture_output=True, text=True)
            records = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
            findings = [r for r in records if "rule" in r]  # not the version record
            print(f"== {folder}: {articles} articles")
            for rule in rules:
                items = [f for f in findings if f["rule"] == rule]
                print(f"  {rule:16} {len(items):4} findings = {100 * len(items) / max(articles, 1):.2f} per 100 articles")
            others = [f for f in findings if f["rule"] not in rules]
            if others:
                print(f"  (and {len(others)} diagnostics of wirelint itself, such as read errors)")
            if not args.quiet:
                for finding in findings:
                    if finding["rule"] in rules:
                        show(finding)


def show(finding):
    with open(finding["path"], "rb") as handle:
        text = handle.read().decode("utf-8", "replace")
    print(f"\n-- {finding['path']}:{finding['line']}:{finding['column']} {finding['rule']}: {finding['message']}")
    for label in finding["labels"]:
        start, end = label["span"]["start"], label["span"]["end"]
        context = text[max(0, start - 100):min(len(text), end + 100)].replace("\n", " / ")
        print(f"   [{'primary' if label['primary'] else 'secondary'}] {label['message']}: ...{context}...")
    for note in finding["notes"]:
        print(f"   note: {note}")


if __name__ == "__main__":
    sys.exit(main())
