#!/usr/bin/env python3
"""Throughput and latency benchmark of wirelint, beside a floor measured in the same run.

Usage: scripts/bench.py [--corpus DIR] [--runs N]

Builds the release binary, then measures (median of N runs, wall-clock):
- `cat` and `wc -w` over the Reuters folder (the floor: reading the bytes, and splitting words);
- wirelint with all default rules, and with each rule alone, over the same files;
- wirelint over a ~100 MB tree made by replicating the folder in a temporary directory;
- one article on standard input, process start included (the latency a pipeline sees).
Reports MB/s, articles/s and the ratio to the floor. Needs ../shared/corpus (never copied into
the repository); the temporary tree is deleted at the end.
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "wirelint")

def timed(command, runs, stdin=None):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdin=stdin and open(stdin, "rb"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)

def files_of(folder):
    return sorted(os.path.join(folder, name) for name in os.listdir(folder) if name.endswith(".txt"))

def shell_over(tool, folder):
    return ["sh", "-c", f"find '{folder}' -name '*.txt' -print0 | xargs -0 {tool} > /dev/null"]

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus"))
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    reuters = os.path.join(args.corpus, "reuters")
    files = files_of(reuters)
    size = sum(os.path.getsize(f) for f in files)
    mb = size / 1e6
    print(f"machine: {os.cpu_count()} cores; corpus: {len(files)} articles, {mb:.1f} MB (reuters)")
    print(f"{'what':44} {'median s':>9} {'MB/s':>8} {'articles/s':>11} {'x wc -w':>8}")

    def row(name, seconds, megabytes=mb, articles=len(files), floor=None):
        ratio = f"{seconds / floor:8.2f}" if floor else ""
        print(f"{name:44} {seconds:9.4f} {megabytes / seconds:8.1f} {articles / seconds:11.0f} {ratio}")

    cat = timed(shell_over("cat", reuters), args.runs)
    wc = timed(shell_over("wc -w", reuters), args.runs)
    row("floor: cat", cat)
    row("floor: wc -w", wc, floor=wc)
    all_rules = timed([BINARY, "--format", "jsonl", "--config", os.devnull, reuters], args.runs)
    row("wirelint, all default rules", all_rules, floor=wc)

    rules = subprocess.run([BINARY, "--config", os.devnull, "rules"], capture_output=True, text=True).stdout.split("\n")
    names = [line.split()[0] for line in rules if line.strip()]
    with tempfile.TemporaryDirectory() as scratch:
        for name in names:
            config = os.path.join(scratch, f"{name}.toml")
            with open(config, "w") as handle:
                handle.write("[rules]\n" + "".join(f'{other} = "{"warn" if other == name else "off"}"\n' for other in names))
            row(f"wirelint, {name} alone", timed([BINARY, "--format", "jsonl", "--config", config, reuters], args.runs), floor=wc)

        copies = max(1, round(100e6 / size))
        tree = os.path.join(scratch, "tree")
        for copy in range(copies):
            shutil.copytree(reuters, os.path.join(tree, f"copy{copy:02}"))
        big_wc = timed(shell_over("wc -w", tree), max(3, args.runs // 2))
        row(f"floor: wc -w, {copies} copies", big_wc, mb * copies, len(files) * copies, floor=big_wc)
        big = timed([BINARY, "--format", "jsonl", "--config", os.devnull, tree], max(3, args.runs // 2))
        row(f"wirelint, {copies} copies ({mb * copies:.0f} MB)", big, mb * copies, len(files) * copies, floor=big_wc)

    article = files[len(files) // 2]
    latency = timed([BINARY, "--format", "json", "--config", os.devnull, "-"], 50, stdin=article)
    true_latency = timed(["true"], 50)
    print(f"single article on stdin, process start included: {latency * 1000:.2f} ms (median of 50; `true` takes {true_latency * 1000:.2f} ms)")

if __name__ == "__main__":
    sys.exit(main())
