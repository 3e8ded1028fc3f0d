#!/usr/bin/env python3
"""Scaling benchmark: adversarial articles at 10 KB, 100 KB, 1 MB and 10 MB, and whether the
time and the memory wirelint spends per megabyte stay flat as the article grows.

Usage: scripts/bench_scaling.py [--sizes 1e4,1e5,1e6,1e7] [--shapes counts,quotes,...]
                                [--limit 3] [--no-build] [--timeout 300] [--binary PATH]

Builds the release binary (unless --no-build), then for each shape of hostile article:

- counts      one sentence of many counts with no full stop (a table pasted as text)
- quotes      paragraphs of short quotations, with and without attribution, some left open
- repeats     paragraphs that repeat each other with a word changed (near repeats)
- suppressions  a suppression comment before every line, half of them silencing nothing
- headline    a headline of figures over a body of counts that contradict it

it writes articles of each size (the sizes in bytes) and runs
`wirelint --format jsonl --config /dev/null` on them with one thread (RAYON_NUM_THREADS=1), so
that one article and many small ones compare on the same core. The smaller sizes are linted as
many copies in one directory, about 1 MB in all, so that the start of the process does not
count as work; time per MB is wall-clock time over the bytes linted. Memory is the peak
resident size (GNU time's %M) less that of a run on one tiny article, over the size of
one article (at least 1 MiB is counted at the smallest size, below which the peak cannot be told
from the baseline).

--binary runs another build (such as an older one, for a before-and-after table) and implies
--no-build. It prints a table and exits 1 when, for some shape, the time or memory per MB at the largest
size is more than --limit times that at the smallest (or a run failed, or passed --timeout);
else 0. The articles are sentences this script writes, in a temporary directory deleted at the
end; no corpus is needed.
"""
import argparse, os, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "wirelint")
TIME = "/usr/bin/time"  # GNU time (Debian package `time`), for the peak memory of one run
NOUNS = ["detainees", "fighters", "soldiers", "villages", "schools", "trucks", "officers",
         "patients", "workers", "homes", "families", "boats", "flights", "farms", "shops"]
SPEAKERS = ["Maria Lopez", "the minister", "John Okafor", "a spokeswoman", "Chen Wei"]
HEADER = "date 2026-03-04 1234\n"


class Text:
    """A text built piece by piece, its size in UTF-8 bytes kept (summing the pieces each time
    would be quadratic)."""

    def __init__(self, *pieces):
        self.pieces, self.size = [], 0
        for piece in pieces:
            self.append(piece)

    def append(self, piece):
        self.pieces.append(piece)
        self.size += len(piece.encode())

    def __str__(self):
        return "".join(self.pieces)


def counts(size):
    """One long sentence of counts and nouns, no full stop."""
    out = Text(HEADER, "Ministry Figures Released\n", "The ministry listed")
    i = 0
    while out.size < size - 40:
        out.append(f" {(i * 37) % 900 + 10} {NOUNS[i % len(NOUNS)]}")
        i += 1
    out.append(" in its report.\n")
    return str(out)


def quotes(size):
    """Short paragraphs of quotations: attributed, unattributed, unclosed, nested."""
    out = Text(HEADER, "Council Debates The Plan\n")
    i = 0
    while out.size < size - 120:
        speaker = SPEAKERS[i % len(SPEAKERS)]
        kind = i % 4
        if kind == 0:
            out.append(f"\"We will build {i} homes,\" {speaker} said.\n")
        elif kind == 1:
            out.append(f"\"It is a good plan for the {NOUNS[i % len(NOUNS)]}.\"\n")
        elif kind == 2:
            out.append(f"She called it \u201ca step\u201d and \u201ca start\u201d, and \"more {i}\n")
        else:
            out.append(f"'Not now', \"later\", \u2018perhaps\u2019 and \"never,\" he said on day {i}.\n")
        i += 1
    return str(out)


def repeats(size):
    """Paragraphs that repeat one another with one word changed."""
    out = Text(HEADER, "Flood Waters Rise Again\n")
    words = ("The river rose again overnight and the council said that the flood barriers in "
             "the old town would hold until the weekend at least").split()
    i = 0
    while out.size < size - 200:
        changed = list(words)
        changed[i % len(words)] = NOUNS[i % len(NOUNS)]
        out.append(" ".join(changed) + ".\n")
        if i % 3 == 0:
            out.append(" ".join(words) + ".\n")
        i += 1
    return str(out)


def suppressions(size):
    """A suppression comment before every line: half silence a repeated paragraph, half name a
    rule that finds nothing there; runs of comments with no text between them."""
    out = Text(HEADER, "Budget Passed\n")
    i = 0
    while out.size < size - 120:
        if i % 2:
            out.append("<!-- wirelint-disable-next-line duplicate-paragraph -->\n")
            out.append("The council met again and passed the budget.\n")
        else:
            out.append("<!-- wirelint-disable-next-line unbalanced-quote -->\n" * 3)
            out.append(f"The vote was close on day {i}.\n")
        i += 1
    return str(out)


def headline(size):
    """A headline of many figures, a body of counts that disagree with it."""
    head = Text()
    i = 0
    while head.size < size // 2:
        head.append(f"{(i * 13) % 500 + 2} {NOUNS[i % len(NOUNS)]} ")
        i += 1
    out = Text(HEADER, "Hundreds Of " + str(head).strip() + "\n")
    i = 0
    while out.size < size - 80:
        out.append(f"Officials counted {(i * 7) % 90 + 3} {NOUNS[i % len(NOUNS)]} and {i % 40 + 1} {NOUNS[(i + 3) % len(NOUNS)]} there.\n")
        i += 1
    return str(out)


SHAPES = {"counts": counts, "quotes": quotes, "repeats": repeats,
          "suppressions": suppressions, "headline": headline}


def run(path, timeout):
    """Wall-clock seconds, peak RSS in bytes and exit code of one wirelint run on `path`. The
    peak is GNU time's, of its own child: a child of this script would count this script's
    pages too (Linux keeps the peak of the image a process had before its exec)."""
    env = dict(os.environ, RAYON_NUM_THREADS="1")
    with tempfile.NamedTemporaryFile("r") as peak:
        command = [TIME, "-f", "%M", "-o", peak.name,
                   BINARY, "--format", "jsonl", "--config", os.devnull, path]
        start = time.perf_counter()
        try:
            done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  env=env, timeout=timeout)
        except subprocess.TimeoutExpired:
            return None
        seconds = time.perf_counter() - start
        kilobytes = int(peak.read().split()[-1])
    return seconds, kilobytes * 1024, done.returncode


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1e4,1e5,1e6,1e7")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--limit", type=float, default=3.0)
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--binary", help="the wirelint binary to measure (default: the release build)")
    args = parser.parse_args()
    global BINARY
    if args.binary:
        BINARY, args.no_build = os.path.abspath(args.binary), True
    sizes = [int(float(s)) for s in args.sizes.split(",")]
    if not os.access(TIME, os.X_OK):
        sys.exit(f"{TIME} is missing: apt-get install time")
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    failed = False
    with tempfile.TemporaryDirectory() as scratch:
        tiny = os.path.join(scratch, "tiny.txt")
        with open(tiny, "w") as handle:
            handle.write(HEADER + "Headline\nA short body.\n")
        baseline = min(run(tiny, args.timeout)[1] for _ in range(5))
        print(f"baseline peak RSS {baseline / 2**20:.1f} MiB; limit {args.limit}x per MB from "
              f"{sizes[0]:,} to {sizes[-1]:,} bytes; one thread", flush=True)
        print(f"{'shape':13} {'size':>11} {'copies':>6} {'seconds':>9} {'s/MB':>8} {'peak MiB':>9} "
              f"{'MiB/MB':>8}", flush=True)
        for shape in args.shapes.split(","):
            per_mb = []
            for size in sizes:
                text = SHAPES[shape](size)
                copies = max(1, round(1e6 / len(text.encode())))
                folder = os.path.join(scratch, f"{shape}-{size}")
                os.mkdir(folder)
                for copy in range(copies):
                    with open(os.path.join(folder, f"a{copy:04}.txt"), "w", encoding="utf-8") as handle:
                        handle.write(text)
                result = run(folder, args.timeout)
                if result is not None and copies > 1:
                    alone = run(os.path.join(folder, "a0000.txt"), args.timeout)
                    result = alone and (result[0], alone[1], max(result[2], alone[2]))
                for name in os.listdir(folder):
                    os.remove(os.path.join(folder, name))
                if result is None or result[2] not in (0, 1):
                    print(f"{shape:13} {len(text):>11,} {copies:>6} "
                          f"{'timed out' if result is None else f'exit {result[2]}'}", flush=True)
                    failed = True
                    break
                seconds, peak, _ = result
                size_bytes = len(text.encode())
                megabytes = size_bytes * copies / 1e6
                net = peak - baseline
                memory = net / 2**20 / (size_bytes / 1e6)
                per_mb.append((seconds / megabytes, memory if net >= 2 * 2**20 else None))
                print(f"{shape:13} {size_bytes:>11,} {copies:>6} {seconds:9.3f} "
                      f"{seconds / megabytes:8.3f} {peak / 2**20:9.1f} {memory:8.1f}", flush=True)
            if len(per_mb) == len(sizes):
                time_growth = per_mb[-1][0] / per_mb[0][0]
                measurable = [m for _, m in per_mb if m is not None]
                memory_growth = measurable[-1] / measurable[0] if measurable else 1.0
                verdict = "ok" if max(time_growth, memory_growth) <= args.limit else "FAIL"
                failed |= verdict == "FAIL"
                print(f"{shape:13} growth per MB: time {time_growth:.2f}x, memory "
                      f"{memory_growth:.2f}x  {verdict}", flush=True)
            else:
                print(f"{shape:13} growth per MB: unknown (a run failed)  FAIL", flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
