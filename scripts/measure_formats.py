#!/usr/bin/env python3
"""Article formats on real files: findings per 100 files per rule, and what `--fix` does to them.

    python3 scripts/measure_formats.py [--corpus DIR] [--sample N] [--seed S] [--no-fix]

For each set (`markdown-hackshackers/`, and the news items of `formats/`: `nitf/`, `newsml-g2/`,
`ninjs/`, `anpa/`, `iptc7901/`), found as `<repo>/../shared/corpus/<set>`, else
`<repo>/../evalcorpus/<set>` (or under `--corpus DIR`):

1. lints the set with the release binary (`--format json`) and prints files linted, files
   skipped (not news items), read errors, and findings per 100 files per rule;
2. with `--sample N`, prints N findings drawn at random (seeded) with their text, to be read;
3. checks that markup adds no finding: each file's article (headline and paragraphs, from
   `wirelint inspect`) is written out as plain text and linted, and every rule (but
   `malformed-header`, which reads metadata) must find no more in the file than in its text;
4. unless `--no-fix`: copies the set to a temporary directory, runs `wirelint --fix` there, and
   checks that every file still parses as its format (JSON with `json`, XML with
   `xml.etree`, Markdown front matter with PyYAML when installed, else that its `---` block
   still closes), that nothing was written to files without fixes, and that each file's mode is
   kept. The corpus itself is never written to.
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from collections import Counter
from pathlib import Path

from corpus import find_set

REPO = Path(__file__).resolve().parent.parent
# Each set, and the format to read it as when its files' names do not say (ANPA and IPTC 7901
# feeds are saved as `.tst` or `.txt`).
SETS = [
    ("markdown-hackshackers", None),
    ("formats/nitf", None),
    ("formats/newsml-g2", None),
    ("formats/ninjs", None),
    ("formats/anpa", "anpa"),
    ("formats/iptc7901", "anpa"),
]



def binary():
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    return REPO / "target" / "release" / "wirelint"


def files_of(directory):
    """The files a walk would consider (specification folders hold schemas, not news items)."""
    return sorted(
        p for p in directory.rglob("*")
        if p.is_file() and "specification" not in p.parts and not p.name.endswith((".md5", ".tsv"))
    )


def lint(exe, paths, options):
    """Lint `paths`, named (so that any extension is read)."""
    out = subprocess.run([exe, "--format", "json", *options, *map(str, paths)], capture_output=True, text=True)
    if not out.stdout:
        return {"diagnostics": [], "summary": {}}
    return json.loads(out.stdout)


def markup_adds_nothing(exe, files, options, findings):
    """Files whose findings of some rule outnumber those of the same article as plain text."""
    counts = Counter((d["path"], d["rule"]) for d in findings if d["rule"] != "malformed-header")
    extra = []
    with tempfile.TemporaryDirectory() as temp:
        for index, path in enumerate(files):
            out = subprocess.run([exe, "inspect", *options, str(path)], capture_output=True, text=True)
            if out.returncode != 0:
                continue
            model = json.loads(out.stdout)
            parts = ([model["headline"]["text"]] if model.get("headline") else []) + [
                p["text"] for p in model["paragraphs"]
            ]
            plain = Path(temp) / f"{index}.txt"
            plain.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
            report = lint(exe, [plain], [])
            as_text = Counter(d["rule"] for d in report["diagnostics"])
            for (name, rule), count in counts.items():
                if name == str(path) and count > as_text.get(rule, 0):
                    extra.append(f"{path.name}: {rule} {count} in the file, {as_text.get(rule, 0)} as text")
    return extra


def parses(path, text):
    name = path.name.lower()
    if name.endswith(".json"):
        try:
            json.loads(text)
            return True
        except ValueError:
            return False
    if name.endswith(".xml") or text.lstrip().startswith("<"):
        try:
            ElementTree.fromstring(text.encode("utf-8"))
            return True
        except ElementTree.ParseError:
            return False
    if name.endswith((".md", ".markdown")):
        if not text.startswith(("---\n", "---\r\n")):
            return True
        rest = text.split("\n", 1)[1]
        end = rest.find("\n---")
        if end < 0:
            return False
        try:
            import yaml  # noqa: PLC0415 (optional)
        except ImportError:
            return True
        try:
            yaml.safe_load(rest[:end])
            return True
        except yaml.YAMLError:
            return False
    return True


def fix_check(exe, directory, options):
    with tempfile.TemporaryDirectory() as temp:
        copy = Path(temp) / "set"
        shutil.copytree(directory, copy)
        files = files_of(copy)
        before = {p: (p.read_bytes(), p.stat().st_mode, p.stat().st_mtime_ns) for p in files}
        parsed_before = {p for p in files if parses(p, p.read_bytes().decode("utf-8", "replace"))}
        subprocess.run([exe, "--fix", "--format", "short", *options, *map(str, files)], capture_output=True, text=True)
        changed = broken = mode_lost = 0
        for p in files:
            data, mode, mtime = before[p]
            after = p.read_bytes()
            if after != data:
                changed += 1
                if p in parsed_before and not parses(p, after.decode("utf-8", "replace")):
                    broken += 1
                    print(f"  BROKEN by --fix: {p.relative_to(copy)}")
            elif p.stat().st_mtime_ns != mtime:
                print(f"  rewritten without change: {p.relative_to(copy)}")
            if p.stat().st_mode != mode:
                mode_lost += 1
        print(f"  --fix: {changed} of {len(files)} files changed; {broken} no longer parse; {mode_lost} lost their mode")
        return broken


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus")
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-fix", action="store_true")
    args = parser.parse_args()
    exe = binary()
    failures = 0
    for name, format_name in SETS:
        options = ["--input-format", format_name] if format_name else []
        directory = find_set(name, args.corpus)
        if directory is None:
            print(f"{name}: not found, skipped")
            continue
        files = files_of(Path(directory))
        report = lint(exe, files, options)
        diagnostics = report["diagnostics"]
        read_errors = [d for d in diagnostics if d["rule"] == "read-error"]
        findings = [d for d in diagnostics if d["rule"] not in ("read-error", "write-error")]
        linted = len(files) - len(read_errors)
        print(f"\n{name}: {len(files)} files, {linted} linted, {len(read_errors)} read errors")
        for d in read_errors:
            print(f"  read-error: {d['message']}")
        per_rule = Counter(d["rule"] for d in findings)
        for rule, count in sorted(per_rule.items()):
            print(f"  {rule:28} {count:4}  {100 * count / max(linted, 1):6.2f} per 100 files")
        extra = markup_adds_nothing(exe, files, options, findings)
        print(f"  markup adds findings in {len(extra)} files" + "".join(f"\n    {e}" for e in extra))
        failures += len(extra)
        if args.sample and findings:
            rng = random.Random(args.seed)
            for d in rng.sample(findings, min(args.sample, len(findings))):
                text = Path(d["path"]).read_text(encoding="utf-8", errors="replace")
                span = text[d["span"]["start"]:d["span"]["end"]]
                print(f"  -- {d['path']}:{d['line']}:{d['column']} {d['rule']}: {d['message']}\n     {span[:300]!r}")
        if not args.no_fix:
            failures += fix_check(exe, directory, options)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
