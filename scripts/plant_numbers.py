#!/usr/bin/env python3
"""Recall of number-conflict and headline-number on contradictions planted into copies of corpus
articles (in a temporary directory; nothing is written to the repository).

Usage: scripts/plant_numbers.py [--corpus DIR]... [--per-corpus N] [--seed S] [--misses N]
                                [--binary PATH]

Without --corpus, the sets are reuters, bbc and polnear-train/wire, each found as
`<repo>/../shared/corpus/<set>`, else `<repo>/../evalcorpus/<set>`.

For each article with a count `<figure> <plural noun>` in its body (noun not in the card's
`ignore-nouns`), one copy per kind of plant:
  restate    the sentence holding the count is appended as a new last paragraph, its figure
             changed (whatever words stand beside the figure: the same words beside both
             figures of a restated sentence say nothing)
  paraphrase a new last paragraph `Officials said <new figure> <noun> <the rest of the clause>.`
  repeated   an article that writes the same `<figure> <noun>` in two paragraphs gets the later
             one changed in place
  headline   a new headline `Hundreds of <noun>` (or `Dozens of`, `Thousands of`: whichever the
             original figure contradicts) for headline-number
  age        an article that gives a person's age (`Smith, 45,`) gets a new last paragraph
             `The 48-year-old Smith declined to comment.` for age-conflict
The changed figure is three times the original plus one, so no rounding or qualifier makes the
two agree. Only articles with no finding of the rule before planting count. Prints detected /
planted per corpus and kind; with --misses N, up to N missed plants per kind with the original
and the planted line.
"""
import argparse
import json
import os
import random
import re
import subprocess
import tempfile
import tomllib

from corpus import find_set

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "wirelint")
SETS = ["reuters", "bbc", os.path.join("polnear-train", "wire")]
COUNT = re.compile(r"(?<![\d$£€.,\-])(\d{1,3}(?:,\d{3})+|\d{2,3})\s+([a-z]+s)\b")
CARD = tomllib.load(open(os.path.join(ROOT, "rules", "number-conflict.toml"), "rb"))
DATA = tomllib.load(open(os.path.join(ROOT, "rules", "data", "numbers.toml"), "rb"))
IGNORE = {w.lower() for w in CARD["options"]["ignore-nouns"]}
NOT_NOUNS = ({"pct", "dlrs", "cts", "mln", "bln", "shrs", "percent"}
             | {w.lower() for w in DATA["nouns"]["not-plural"]}
             | {w.lower() for w in DATA["money"]["words"]})
MONTHS = {w.lower() for w in DATA["non-counts"]["months"]}
# A figure in a written range or ratio, glued to a slash, or after a capitalised word inside a
# sentence (`Boeing 747`, `Section 404`) is not a count to plant on.
NOT_A_COUNT = re.compile(r"(?:\b(?:to|and|or|of every|in every|out of|between)\s+$|/$|[A-Z][\w&]*\s+$)")
RANGE_AFTER = re.compile(r"^\s*(?:to|or|-)\s*\d|^/")
KINDS = ["restate", "paraphrase", "repeated", "headline", "age"]
RULES = {"headline": "headline-number", "age": "age-conflict"}
AGE = re.compile(r"\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?), (\d{2}),")



def singulars(word):
    if word.endswith("ies"):
        return {word[:-3] + "y"}
    return {word[:-1], word[:-2]}


def findings(binary, path):
    run = subprocess.run([binary, "--format", "jsonl", path], capture_output=True)
    found = {}
    for line in run.stdout.decode("utf-8", "replace").splitlines():
        if line.strip():
            d = json.loads(line)
            if "rule" not in d:  # the version record
                continue
            found.setdefault(os.path.relpath(d["path"], path), set()).add(d["rule"])
    return found


def split(text):
    """(header and headline lines, body paragraphs, separator) of a wire or BBC file."""
    lines = text.split("\n")
    if lines and lines[0].startswith("date "):
        head, body = lines[:2], "\n".join(lines[2:])
    else:
        head, body = lines[:1], "\n".join(lines[1:])
    sep = "\n\n" if "\n\n" in body.strip() else "\n"
    paragraphs = [p for p in body.strip().split(sep) if p.strip()]
    return head, paragraphs, sep


def counts(text):
    """(match, value, noun) of the counts a plant may change."""
    for m in COUNT.finditer(text):
        noun = m.group(2)
        bad = len(noun) < 4 or noun.endswith(("ss", "us", "is")) or noun in NOT_NOUNS
        if bad or singulars(noun) & IGNORE or noun in IGNORE:
            continue
        before, after = text[:m.start(1)], text[m.end(1):]
        words = before.split()
        month = bool(words) and words[-1].lower().rstrip(".") in MONTHS
        inside = bool(before.strip()) and not re.search(r"[.!?\"“]\s*$", before)
        if month or RANGE_AFTER.search(after) or (inside and NOT_A_COUNT.search(before)):
            continue
        value = int(m.group(1).replace(",", ""))
        if 1900 <= value <= 2100 and "," not in m.group(1):
            continue
        yield m, value, noun


def changed(value):
    return f"{value * 3 + 1:,}"


def plant(text, rng):
    """The planted copies of one article, by kind, with the lines changed; None if it has no
    count to change."""
    head, paragraphs, sep = split(text)
    header = "\n".join(head)
    candidates = []
    for p in paragraphs[:-1]:
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z\"])", p):
            for m, value, noun in counts(sentence):
                candidates.append((sentence, m, value, noun))
    if not candidates:
        return None
    plants = {}
    sentence, m, value, noun = rng.choice(candidates)
    new = changed(value)
    restated = sentence[:m.start(1)] + new + sentence[m.end(1):]
    rest = re.split(r"[,.;:!?\"]", sentence[m.end(2):])[0]
    paraphrase = f"Officials said {new} {noun}{rest}."
    body = sep.join(paragraphs)
    plants["restate"] = (f"{header}\n{body}{sep}{restated}\n", sentence, restated)
    plants["paraphrase"] = (f"{header}\n{body}{sep}{paraphrase}\n", sentence, paraphrase)
    vague = "Hundreds" if value < 100 else ("Dozens" if value > 100 else "Thousands")
    headline = f"{vague} of {noun} {head[-1][:40]}"
    plants["headline"] = ("\n".join(head[:-1] + [headline]) + f"\n{body}\n", head[-1], headline)
    ages = [m for p in paragraphs for m in AGE.finditer(p)]
    if ages:
        m = ages[0]
        line = f"The {int(m.group(2)) + 3}-year-old {m.group(1)} declined to comment."
        plants["age"] = (f"{header}\n{body}{sep}{line}\n", m.group(0), line)
    # A figure written twice with its noun, in two paragraphs: change the later one.
    seen = {}
    for index, p in enumerate(paragraphs):
        for m, value, noun in counts(p):
            key = (m.group(1), noun)
            if key in seen and seen[key] != index:
                later = p[:m.start(1)] + changed(value) + p[m.end(1):]
                copy = paragraphs[:index] + [later] + paragraphs[index + 1:]
                plants["repeated"] = (f"{header}\n{sep.join(copy)}\n", p, later)
                break
            seen.setdefault(key, index)
        if "repeated" in plants:
            break
    return plants


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", action="append", help="a corpus directory (repeatable)")
    parser.add_argument("--per-corpus", type=int, default=200,
                        help="articles planted per corpus (each gets one plant of each kind)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--misses", type=int, default=0)
    parser.add_argument("--binary", default=BINARY)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    corpora = args.corpus or [find_set(s) or s for s in SETS]
    for corpus in corpora:
        if not os.path.isdir(corpus):
            print(f"{corpus}\tmissing, skipped")
            continue
        label = os.path.relpath(corpus, os.path.dirname(os.path.dirname(corpus)))
        before = findings(args.binary, corpus)
        names = sorted(os.path.relpath(os.path.join(d, n), corpus)
                       for d, _, files in os.walk(corpus) for n in files if not n.startswith("."))
        rng.shuffle(names)
        with tempfile.TemporaryDirectory() as tmp:
            planted = {kind: 0 for kind in KINDS}
            lines = {}
            articles = 0
            for name in names:
                if articles >= args.per_corpus:
                    break
                try:
                    text = open(os.path.join(corpus, name), encoding="utf-8").read()
                except (UnicodeDecodeError, OSError):
                    continue
                plants = plant(text, rng)
                if plants is None:
                    continue
                articles += 1
                flat = name.replace(os.sep, "__")
                for kind, (planted_text, original, line) in plants.items():
                    rule = RULES.get(kind, "number-conflict")
                    if rule in before.get(name, set()):
                        continue
                    copy = f"{kind}--{flat}"
                    with open(os.path.join(tmp, copy), "w", encoding="utf-8") as f:
                        f.write(planted_text)
                    lines[copy] = (original, line)
                    planted[kind] += 1
            after = findings(args.binary, tmp)
            for kind in KINDS:
                rule = RULES.get(kind, "number-conflict")
                hit = sum(1 for f, rules in after.items()
                          if f.startswith(kind + "--") and rule in rules)
                total = planted[kind]
                print(f"{label}\t{kind}\t{rule}\t{hit}/{total} detected"
                      f"\t{100 * hit / max(total, 1):.0f}%", flush=True)
            if args.misses:
                show_misses(tmp, after, lines, args.misses)


def show_misses(tmp, after, lines, limit):
    """Up to `limit` missed plants per kind: file, original and planted line."""
    for kind in KINDS:
        rule = RULES.get(kind, "number-conflict")
        missed = sorted(n for n in os.listdir(tmp) if n.startswith(kind + "--")
                        and rule not in after.get(n, set()))
        for name in missed[:limit]:
            original, planted = lines[name]
            print(f"MISS {name}\n  original: {original}\n  planted:  {planted}")


if __name__ == "__main__":
    main()
