#!/usr/bin/env python3
"""Findings per 100 articles of the number rules on the evaluation corpora, a sample to read, and
the time and memory of the number rules on adversarial articles.

Usage:
  scripts/measure_numbers.py [--corpus DIR]... [--show N] [--rules R1,R2] [--binary PATH]
  scripts/measure_numbers.py --scaling [--counts 5000,20000,80000] [--binary PATH]

Without --corpus, the sets are reuters, bbc and polnear-train/wire, each found as
`<repo>/../shared/corpus/<set>`, else `<repo>/../evalcorpus/<set>` (a set that is missing is
named and skipped). With --show, prints up to N findings per corpus with the labelled text in
context, for judging.

--scaling writes articles whose one body sentence holds N counts with no full stop between them
(`450 detainees 12 fighters ...`, as a table pasted as text is), and another whose headline and
body hold N counts each, runs the binary on each with only the number rules on, and prints the
wall time and peak memory (a child limited to --max-memory MB of address space and --timeout
seconds; a run cut short says so).
"""
import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time

from corpus import find_set

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "wirelint")
SETS = ["reuters", "bbc", os.path.join("polnear-train", "wire")]
NUMBER_RULES = ["number-conflict", "headline-number", "age-conflict"]



def lint(binary, path, config=None):
    args = [binary, "--format", "jsonl"]
    if config:
        args += ["--config", config]
    run = subprocess.run(args + [path], capture_output=True)
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


def articles(corpus):
    return sum(1 for _, _, files in os.walk(corpus) for name in files
               if not name.startswith("."))


def rates(args):
    rules = args.rules.split(",")
    corpora = args.corpus or [find_set(s) or s for s in SETS]
    for corpus in corpora:
        if not os.path.isdir(corpus):
            print(f"{corpus}\tmissing, skipped")
            continue
        count = articles(corpus)
        found = [d for d in lint(args.binary, corpus) if d["rule"] in rules]
        name = os.path.relpath(corpus, os.path.dirname(os.path.dirname(corpus)))
        for rule in rules:
            hits = [d for d in found if d["rule"] == rule]
            files = {d["path"] for d in hits}
            print(f"{name}\t{rule}\t{len(hits)} findings\t{len(files)} files"
                  f"\t{100 * len(hits) / max(count, 1):.2f} per 100 articles ({count} articles)")
        for d in found[:args.show]:
            print(f"\n{d['path']}:{d['line']} [{d['rule']}] {d['message']}")
            for label in d["labels"]:
                mark = "^" if label["primary"] else "-"
                print(f"  {mark} {label['message']}: {context(d['path'], label['span'])}")
            for note in d["notes"]:
                print(f"  note: {note}")


NOUNS = ["detainees", "fighters", "members", "people", "workers", "soldiers", "refugees",
         "prisoners", "residents", "children", "police", "stores", "offices", "jobs"]


def counts(n, rng):
    return " ".join(f"{rng.randint(2, 999)} {rng.choice(NOUNS)}" for _ in range(n))


def measured(binary, config, path, limit_mb, timeout):
    """(seconds, peak MB, how it ended) of one run of the binary on `path`."""
    def limit():
        size = limit_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (size, size))
    start = time.monotonic()
    child = subprocess.Popen([binary, "--format", "json", "--config", config, path],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             preexec_fn=limit)
    ended = "ok"
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - start > timeout:
            child.kill()
            pid, status, usage = os.wait4(child.pid, 0)
            ended = f"killed after {timeout} s"
            break
        time.sleep(0.01)
    seconds = time.monotonic() - start
    code = os.waitstatus_to_exitcode(status)
    if ended == "ok" and code not in (0, 1):
        ended = f"failed (exit {code}, memory limit {limit_mb} MB?)"
    return seconds, usage.ru_maxrss / 1024, ended


def scaling(args):
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        config = os.path.join(tmp, "wirelint.toml")
        with open(config, "w") as f:
            f.write("[rules]\n")
            for line in subprocess.run([args.binary, "rules"], capture_output=True,
                                       text=True).stdout.splitlines():
                name = line.split()[0] if line.split() else ""
                if name and name not in NUMBER_RULES:
                    f.write(f'{name} = "off"\n')
        print("case\tcounts\tKB\tseconds\tpeak MB\tended")
        for n in [int(x) for x in args.counts.split(",")]:
            for case in ("one-sentence", "headline-and-body"):
                path = os.path.join(tmp, f"{case}-{n}.txt")
                with open(path, "w") as f:
                    if case == "one-sentence":
                        f.write(f"date 2026-02-02 1\nHeadline\n{counts(n, rng)}\n")
                    else:
                        f.write(f"date 2026-02-02 1\n{counts(n, rng)}\n{counts(n, rng)}\n")
                size = os.path.getsize(path) / 1024
                seconds, peak, ended = measured(args.binary, config, path, args.max_memory,
                                                args.timeout)
                print(f"{case}\t{n}\t{size:.0f}\t{seconds:.2f}\t{peak:.0f}\t{ended}", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", action="append", help="a corpus directory (repeatable)")
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--rules", default=",".join(NUMBER_RULES))
    parser.add_argument("--binary", default=BINARY)
    parser.add_argument("--scaling", action="store_true")
    parser.add_argument("--counts", default="5000,20000,80000")
    parser.add_argument("--max-memory", type=int, default=4096, help="MB")
    parser.add_argument("--timeout", type=int, default=120, help="seconds")
    args = parser.parse_args()
    if not os.path.exists(args.binary):
        sys.exit("build first: cargo build --release")
    if args.scaling:
        scaling(args)
    else:
        rates(args)


if __name__ == "__main__":
    main()
