#!/usr/bin/env python3
"""Score the quote rules against the gold attributions of PolNeAR (polnear-train).

Usage: scripts/score_quotes.py [--corpus DIR] [--binary BIN] [--show CLASS] [--sample N]
                               [--seed S] [--list]

The set is found as <repo>/../shared/corpus/polnear-train, else <repo>/../evalcorpus/
polnear-train (never copied into the repository), or given with --corpus. It holds `text/`
(the articles as PolNeAR ships them), `attributions/` (brat standoff: Source, Cue and Content
spans, tied together by `E` lines, in character offsets of text/). The script writes each
article in the plain wire format, as the set's make_wire.py does (a header line, then every
non-blank line of text/, byte for byte), to a temporary folder (never into the repository),
lints them with the built-in defaults (target/release/wirelint --format jsonl --config
/dev/null), maps every finding back to text/, and classes it:

unattributed-quote
  gold-attributed     the quotation's words lie inside the Content of a gold attribution
                      that has a Source: a false finding
  gold-no-source      inside the Content of an attribution annotated without a source
  gold-unattributed   in no gold Content: read it (true or not)
unbalanced-quote      every finding is read (the gold says nothing about quote marks)

It prints the number of articles, the findings of both rules and their rate per 100 articles,
and the count of each class. --show CLASS prints the findings of that class (`gold-attributed`,
`gold-no-source`, `gold-unattributed`, `unbalanced`, or `all`) with the paragraph they are in
and the paragraph before, to read and judge; --sample N shows N of them at random (--seed).
--list prints one line per finding (file, class, excerpt).
"""
import argparse
import collections
import json
import os
import random
import subprocess
import sys
import tempfile

from corpus import find_set

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "wirelint")
RULES = ("unattributed-quote", "unbalanced-quote")
MARKS = "\"“”'‘’`"


def find_corpus(name):
    """The evaluation set `name` beside the repository, or exit saying where it was looked for."""
    return find_set(name) or sys.exit(
        f"no {name} beside the repository (looked in ../shared/corpus and ../evalcorpus)")


def read_ann(path):
    """Gold Content spans (character ranges of text/) with whether their attribution has a
    Source: a list of (start, end, has_source), each the hull of a content's fragments."""
    spans = {}
    events = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2:
                continue
            if parts[0].startswith("T"):
                kind, _, offsets = parts[1].partition(" ")
                ranges = []
                for fragment in offsets.split(";"):
                    start, end = fragment.split()[:2]
                    ranges.append((int(start), int(end)))
                spans[parts[0]] = (kind, ranges)
            elif parts[0].startswith("E"):
                roles = collections.defaultdict(list)
                for item in parts[1].split():
                    role, _, ident = item.partition(":")
                    roles[role.rstrip("0123456789")].append(ident)
                events.append(roles)
    gold = []
    for roles in events:
        has_source = any(spans.get(i, ("",))[0] == "Source" for i in roles.get("Source", []))
        for ident in roles.get("Content", []):
            if ident in spans:
                ranges = spans[ident][1]
                gold.append((min(s for s, _ in ranges), max(e for _, e in ranges), has_source))
    return gold


class Article:
    """A wire file with its text/ original and gold: maps wire byte offsets to text/ characters."""

    def __init__(self, corpus, name, ann):
        self.name = name
        with open(os.path.join(corpus, "text", name), encoding="utf-8", newline="") as handle:
            self.text = handle.read()
        self.gold = read_ann(ann)
        # The wire form is a header line, then each non-blank line of text/ (without a
        # trailing \r), one a line: pair each wire line with where it is in text/.
        date = name.split("_")[1] if name.count("_") >= 2 else "2016-01-01"
        header = f"date {date} 1\n"
        kept_lines = []
        self.lines = []  # (wire char start, text char start, length)
        wire_at = len(header)
        text_at = 0
        for line in self.text.split("\n"):
            kept = line.rstrip("\r")
            if kept.strip():
                kept_lines.append(kept + "\n")
                self.lines.append((wire_at, text_at, len(kept)))
                wire_at += len(kept) + 1
            text_at += len(line) + 1
        self.wire = header + "".join(kept_lines)
        self.wire_bytes = self.wire.encode("utf-8")

    def char(self, byte_offset):
        """The wire character offset of a byte offset."""
        return len(self.wire_bytes[:byte_offset].decode("utf-8", "replace"))

    def to_text(self, wire_char):
        """The text/ character offset of a wire character offset (None in the header)."""
        for wire_start, text_start, length in self.lines:
            if wire_start <= wire_char <= wire_start + length:
                return text_start + wire_char - wire_start
        return None

    def paragraph(self, wire_char):
        """The wire line holding a character offset, and the line before it."""
        start = self.wire.rfind("\n", 0, wire_char) + 1
        end = self.wire.find("\n", wire_char)
        before = self.wire.rfind("\n", 0, max(start - 1, 0)) + 1
        return self.wire[before:max(start - 1, before)], self.wire[start:end if end >= 0 else None]

    def classify(self, diag):
        """The gold class of an unattributed-quote finding."""
        start = self.char(diag["span"]["start"])
        end = self.char(diag["span"]["end"])
        quoted = self.wire[start:end]
        # The words between the marks, without the punctuation at their ends.
        inner_start = start + (len(quoted) - len(quoted.lstrip(MARKS + " ")))
        inner = quoted.strip(MARKS + " ").rstrip(",.;:!?—–- ")
        inner_end = inner_start + len(inner)
        a, b = self.to_text(inner_start), self.to_text(inner_end)
        if a is None or b is None:
            return "gold-unattributed"
        inside = [has for (gs, ge, has) in self.gold if gs <= a and b <= ge]
        if any(inside):
            return "gold-attributed"
        if inside:
            return "gold-no-source"
        return "gold-unattributed"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus")
    parser.add_argument("--binary", default=BIN)
    parser.add_argument("--show", choices=["gold-attributed", "gold-no-source",
                                           "gold-unattributed", "unbalanced", "all"])
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    corpus = args.corpus or find_corpus("polnear-train")
    ann_by_stem = {}
    for ann in os.listdir(os.path.join(corpus, "attributions")):
        if ann.endswith(".ann"):
            ann_by_stem[ann[:-len(".ann")].rsplit("_", 1)[0]] = os.path.join(corpus, "attributions", ann)
    names = sorted(n for n in os.listdir(os.path.join(corpus, "text"))
                   if n.endswith(".txt") and n[:-len(".txt")] in ann_by_stem)
    if not names:
        sys.exit(f"no article of {corpus} has both its text and its gold yet")
    articles = {n: Article(corpus, n, ann_by_stem[n[:-len(".txt")]]) for n in names}
    with tempfile.TemporaryDirectory() as temp:
        for name, article in articles.items():
            with open(os.path.join(temp, name), "wb") as out:
                out.write(article.wire_bytes)
        run = subprocess.run([args.binary, "--format", "jsonl", "--config", os.devnull, temp],
                             capture_output=True, text=True)
    if run.returncode == 2 and not run.stdout:
        sys.exit(run.stderr)
    found = collections.defaultdict(list)  # class -> [(article, diag)]
    counts = collections.Counter()
    for line in run.stdout.splitlines():
        if not line.startswith("{"):
            continue
        diag = json.loads(line)
        if diag.get("rule") not in RULES:
            continue
        article = articles[os.path.basename(diag["path"])]
        counts[diag["rule"]] += 1
        kind = article.classify(diag) if diag["rule"] == "unattributed-quote" else "unbalanced"
        found[kind].append((article, diag))
    total = len(names)
    print(f"polnear sample: {total} articles with text and gold ({corpus})")
    for rule in RULES:
        print(f"  {rule:20} {counts[rule]:5} findings = {100 * counts[rule] / total:6.2f} per 100 articles")
    for kind in ("gold-attributed", "gold-no-source", "gold-unattributed", "unbalanced"):
        print(f"  {kind:20} {len(found[kind]):5}")
    if args.list:
        for kind, items in sorted(found.items()):
            for article, diag in items:
                start = article.char(diag["span"]["start"])
                print(f"{kind}\t{article.name}:{diag['line']}:{diag['column']}\t"
                      f"{article.wire[max(0, start - 60):start + 100]!r}")
    if args.show:
        pool = [item for kind, items in sorted(found.items()) for item in items
                if args.show in ("all", kind)]
        random.seed(args.seed)
        if args.sample:
            pool = random.sample(pool, min(args.sample, len(pool)))
        for article, diag in pool:
            show(article, diag)


def show(article, diag):
    """Print a finding with its paragraph and the paragraph before, for reading."""
    start = article.char(diag["span"]["start"])
    end = article.char(diag["span"]["end"])
    before, paragraph = article.paragraph(start)
    kind = article.classify(diag) if diag["rule"] == "unattributed-quote" else "unbalanced"
    print(f"\n-- {article.name}:{diag['line']}:{diag['column']} {diag['rule']} [{kind}]: "
          f"{diag['message']}")
    for label in diag["labels"][1:]:
        at = article.char(label["span"]["start"])
        print(f"   [{label['message']}] at …{article.wire[max(0, at - 30):at + 30]!r}…")
    print(f"   before: {before[-400:]}")
    line_start = article.wire.rfind("\n", 0, start) + 1
    a, b = start - line_start, end - line_start
    print(f"   here:   {paragraph[:a]}⟦{paragraph[a:b]}⟧{paragraph[b:]}")


if __name__ == "__main__":
    main()
