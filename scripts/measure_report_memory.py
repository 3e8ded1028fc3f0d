#!/usr/bin/env python3
"""Peak memory of each output format against the size of the report it writes.

Usage: cargo build --release && scripts/measure_report_memory.py [--results N] [--files F]
       [--binary PATH] [--formats human,json,...]

Generates articles we write (no corpus needed): F files holding N findings in all, one stray
closing quote mark per paragraph (an `unbalanced-quote` error each; every other rule off, so
that linting costs little and the report is what is measured). Runs wirelint once per format
with the report going to a file, and prints, per format, the report's size, the peak resident
memory of the process (from wait4) and their ratio. `short` is the reference: it streamed
before and after, so its peak is the cost of linting the input. Issue 10's figures were one file
of 80,000 results: `--results 80000 --files 1`. Pass `--binary` to measure another build (an
older one before a change); formats it does not know are skipped.
"""
import argparse, os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def article(first, count):
    lines = ["date 2026-02-02 403", "Port Strike Enters Third Week"]
    for i in range(first, first + count):
        lines.append(f"Dock worker number {i} said the cranes at berth {i} were safe.\u201d")
    return "\n".join(lines) + "\n"


def peak(binary, args, cwd, report):
    with open(report, "wb") as out:
        child = subprocess.Popen([binary] + args, cwd=cwd, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
    return os.waitstatus_to_exitcode(status), usage.ru_maxrss * 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--results", type=int, default=80000)
    parser.add_argument("--files", type=int, default=1)
    parser.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "wirelint"))
    parser.add_argument("--formats", default="short,human,jsonl,json,sarif,gitlab,junit,checkstyle")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        tree = os.path.join(scratch, "articles")
        os.mkdir(tree)
        per_file = max(1, args.results // args.files)
        for f in range(args.files):
            with open(os.path.join(tree, f"story-{f:05}.txt"), "w", encoding="utf-8") as handle:
                handle.write(article(f * per_file, per_file))
        with open(os.path.join(scratch, "only.toml"), "w") as config:
            listing = subprocess.run([args.binary, "--config", os.devnull, "rules"],
                                     capture_output=True, text=True, check=True).stdout
            names = [line.split()[0] for line in listing.splitlines() if line.strip()]
            config.write("[rules]\n" + "".join(
                f'{name} = "{"error" if name == "unbalanced-quote" else "off"}"\n' for name in names))
        print(f"{args.results} results in {args.files} file(s); binary {args.binary}")
        print(f"{'format':12} {'report MB':>10} {'peak MB':>10} {'peak/report':>12}")
        for name in args.formats.split(","):
            report = os.path.join(scratch, f"report.{name}")
            code, rss = peak(args.binary, ["--config", "only.toml", "--format", name, "articles"],
                             scratch, report)
            if code == 2:
                print(f"{name:12} {'(not supported)':>10}")
                continue
            size = os.path.getsize(report)
            print(f"{name:12} {size / 1e6:10.1f} {rss / 1e6:10.1f} {rss / max(size, 1):12.2f}")


if __name__ == "__main__":
    sys.exit(main())
