#!/usr/bin/env python3
"""Recall of number-conflict and headline-number on contradictions planted into copies of corpus
articles (in a temporary directory; nothing is written to the repository).

Usage: scripts/plant_numbers.py [--per-corpus N] [--seed S] [--misses N]

The corpus is `<repo>/../shared/corpus`. With --misses, prints up to N missed number-conflict
plants per corpus and kind, with the original and the planted sentence.

For each article with a count `<figure> <plural noun>` in its body (noun not in the card's
`ignore-nouns`), three plants, each in its own copy:
  restate    the sentence holding the count is appended as a new last paragraph, figure changed
  paraphrase a new last paragraph `Officials said <new figure> <noun> <the rest of the clause>.`
  headline   a new headline `Dozens of <noun>` (or `Hundreds of` / `Thousands of`, whichever the
             original figure contradicts) for headline-number
The changed figure is three times the original plus one, so the ranges never overlap.
Only articles with no finding of the rule before planting count, and only figures with no
qualifier or relation word (from the cards) in the six words before them: the rule skips those
on purpose. Prints detected / planted.
"""
import argparse
import json
import os
import random
import re
import subprocess
import tempfile
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "wirelint")
CORPUS = os.path.join(os.path.dirname(ROOT), "shared", "corpus")
CORPORA = [os.path.join(CORPUS, "reuters"), os.path.join(CORPUS, "bbc")]
COUNT = re.compile(r"(?<![\d$£€.,])(\d{1,3}(?:,\d{3})+|\d{2,3})\s+([a-z]+s)\b")
CARD = tomllib.load(open(os.path.join(ROOT, "rules", "number-conflict.toml"), "rb"))
IGNORE = {w.lower() for w in CARD["options"]["ignore-nouns"]}
QUALIFIERS = tomllib.load(open(os.path.join(ROOT, "rules", "data", "numbers.toml"), "rb"))["qualifiers"]
SETTLING = [w.lower() for w in CARD["options"]["relation-before"]] + [
    w for k, v in QUALIFIERS.items() if isinstance(v, list) for w in v]


def plain(sentence, start):
    """Whether no relation word or qualifier stands in the six words before the figure, so the
    rule is meant to compare it (the rest are skipped on purpose)."""
    before = " " + " ".join(sentence[:start].lower().split()[-6:]) + " "
    return not any(f" {w} " in before for w in SETTLING)
NOT_NOUNS = {"pct", "dlrs", "cts", "mln", "bln", "was", "has", "its", "this", "percent", "shrs",
             "always", "perhaps", "various", "plus", "less", "across", "unless", "thus"}


def singular(word):
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1]


def findings(path):
    run = subprocess.run([BINARY, "--format", "jsonl", path], capture_output=True)
    found = {}
    for line in run.stdout.decode("utf-8", "replace").splitlines():
        if line.strip():
            d = json.loads(line)
            if "rule" not in d:  # the version record
                continue
            found.setdefault(os.path.basename(d["path"]), set()).add(d["rule"])
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


def plant(text, rng):
    head, paragraphs, sep = split(text)
    candidates = []
    for p in paragraphs[:-1]:
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z\"])", p):
            for m in COUNT.finditer(sentence):
                noun = m.group(2)
                bad = len(noun) < 4 or noun.endswith(("ss", "us", "is")) or noun in NOT_NOUNS
                if bad or singular(noun) in IGNORE or noun in IGNORE:
                    continue
                value = int(m.group(1).replace(",", ""))
                if 1900 <= value <= 2100 and "," not in m.group(1):
                    continue
                candidates.append((sentence, m, value, noun))
    if not candidates:
        return None
    sentence, m, value, noun = rng.choice(candidates)
    new = f"{value * 3 + 1:,}"
    restated = sentence[:m.start(1)] + new + sentence[m.end(1):]
    rest = re.split(r"[,.;:!?\"]", sentence[m.end(2):])[0]
    paraphrase = f"Officials said {new} {noun}{rest}."
    vague = "Dozens" if value >= 200 else ("Hundreds" if value < 100 else "Thousands")
    if vague == "Thousands" and value >= 2000:
        vague = "Dozens"
    headline = f"{vague} of {noun} {head[-1][:40]}"
    header = "\n".join(head)
    body = sep.join(paragraphs)
    if not plain(sentence, m.start(1)):
        return "skipped"
    return {
        "lines": {"restate": (sentence, restated), "paraphrase": (sentence, paraphrase)},
        "restate": f"{header}\n{body}{sep}{restated}\n",
        "paraphrase": f"{header}\n{body}{sep}{paraphrase}\n",
        "headline": "\n".join(head[:-1] + [headline]) + f"\n{body}\n",
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-corpus", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--misses", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    for corpus in CORPORA:
        before = findings(corpus)
        names = sorted(n for n in os.listdir(corpus) if n.endswith(".txt"))
        rng.shuffle(names)
        with tempfile.TemporaryDirectory() as tmp:
            planted = {"restate": 0, "paraphrase": 0, "headline": 0}
            skipped = 0
            lines = {}
            for name in names:
                if sum(planted.values()) >= 3 * args.per_corpus:
                    break
                try:
                    text = open(os.path.join(corpus, name), encoding="utf-8").read()
                except UnicodeDecodeError:
                    continue
                plants = plant(text, rng)
                if plants == "skipped":
                    skipped += 1
                    continue
                if plants is None:
                    continue
                for kind, pair in plants.pop("lines").items():
                    lines[f"{kind}--{name}"] = pair
                for kind, planted_text in plants.items():
                    rule = "headline-number" if kind == "headline" else "number-conflict"
                    if rule in before.get(name, set()):
                        continue
                    with open(os.path.join(tmp, f"{kind}--{name}"), "w", encoding="utf-8") as f:
                        f.write(planted_text)
                    planted[kind] += 1
            print(f"{os.path.basename(corpus)}\t{skipped} articles skipped: the chosen figure has"
                  " a qualifier or relation word before it, which the rule skips on purpose")
            after = findings(tmp)
            for kind, total in planted.items():
                rule = "headline-number" if kind == "headline" else "number-conflict"
                hit = sum(1 for f, rules in after.items() if f.startswith(kind + "--") and rule in rules)
                print(f"{os.path.basename(corpus)}\t{kind}\t{rule}\t{hit}/{total} detected"
                      f"\t{100 * hit / max(total, 1):.0f}%")
            if args.misses:
                show_misses(tmp, after, lines, args.misses)


def show_misses(tmp, after, lines, limit):
    """Up to `limit` missed number-conflict plants per kind: file, original and planted line."""
    for kind in ("restate", "paraphrase"):
        missed = sorted(n for n in os.listdir(tmp) if n.startswith(kind + "--")
                        and "number-conflict" not in after.get(n, set()))
        for name in missed[:limit]:
            original, planted = lines[name]
            print(f"MISS {name}\n  original: {original}\n  planted:  {planted}")


if __name__ == "__main__":
    main()
