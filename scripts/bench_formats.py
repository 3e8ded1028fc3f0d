#!/usr/bin/env python3
"""Throughput of each article format, on one core, over real files.

    python3 scripts/bench_formats.py [--corpus DIR] [--runs N] [--mb MB] [--against BINARY]

For each format's sample set (plain: `reuters/`; Markdown: `markdown-hackshackers/`; NITF,
NewsML-G2, ninjs: the news items of `formats/`), found as `<repo>/../shared/corpus/<set>`, else
`<repo>/../evalcorpus/<set>`, the set's files are copied into a temporary tree until it holds
about `--mb` megabytes, and the release binary lints the tree with the default rules and one worker
thread (`RAYON_NUM_THREADS=1`); the median of `--runs` runs gives MB/s a core. `cat` over the same
tree is the floor. With `--against BINARY` (an older build), the same call is timed with that
binary too, for a before/after comparison of the same files.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from corpus import find_set

REPO = Path(__file__).resolve().parent.parent
SETS = {
    "plain": ("reuters", "*.txt"),
    "markdown": ("markdown-hackshackers", "*.md"),
    "nitf": ("formats/nitf", "*.xml"),
    "newsml": ("formats/newsml-g2", "*.xml"),
    "ninjs": ("formats/ninjs", "*.json"),
}



def build_tree(source, pattern, megabytes, target):
    files = sorted(p for p in source.rglob(pattern) if "specification" not in p.parts)
    if not files:
        return 0, 0
    size = sum(p.stat().st_size for p in files)
    copies = max(1, int(megabytes * 1024 * 1024 / max(size, 1)))
    count = 0
    for copy in range(copies):
        folder = target / f"c{copy:04}"
        folder.mkdir(parents=True)
        for index, path in enumerate(files):
            shutil.copyfile(path, folder / f"{index:05}{path.suffix}")
            count += 1
    return count, size * copies


def timed(command, env, runs):
    times = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times[1:])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--mb", type=float, default=20)
    parser.add_argument("--against")
    parser.add_argument(
        "--reading",
        action="store_true",
        help="only malformed-header (the metadata check) on: the cost of reading each format",
    )
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    exe = str(REPO / "target" / "release" / "wirelint")
    env = dict(os.environ, RAYON_NUM_THREADS="1")
    config = Path(tempfile.mkdtemp()) / "wirelint.toml"
    # The default rules; every extension the sets use.
    text = 'include = ["*.txt", "*.md", "*.xml", "*.json"]\n'
    if args.reading:
        rules = subprocess.run([exe, "rules", "--format", "json"], capture_output=True, text=True)
        names = [r["name"] for r in json.loads(rules.stdout) if r["name"] != "malformed-header"]
        text += "[rules]\n" + "".join(f'{name} = "off"\n' for name in names)
    config.write_text(text)
    print(f"{'format':10} {'files':>7} {'MB':>7} {'cat s':>7} {'lint s':>7} {'MB/s/core':>10}" + ("   before s  ratio" if args.against else ""))
    for name, (folder, pattern) in SETS.items():
        source = find_set(folder, args.corpus)
        if source is None:
            print(f"{name:10} set `{folder}` not found")
            continue
        with tempfile.TemporaryDirectory() as temp:
            tree = Path(temp) / "tree"
            count, size = build_tree(Path(source), pattern, args.mb, tree)
            if count == 0:
                print(f"{name:10} no files")
                continue
            floor = timed(["sh", "-c", f"cat {tree}/*/* > /dev/null"], env, args.runs)
            lint = timed([exe, "--config", str(config), "--format", "json", str(tree)], env, args.runs)
            mb = size / 1024 / 1024
            line = f"{name:10} {count:7} {mb:7.1f} {floor:7.3f} {lint:7.3f} {mb / lint:10.1f}"
            if args.against:
                before = timed([args.against, "--config", str(config), "--format", "json", str(tree)], env, args.runs)
                line += f"   {before:8.3f}  {lint / before:5.2f}"
            print(line)


if __name__ == "__main__":
    main()
