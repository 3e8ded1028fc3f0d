#!/usr/bin/env python3
"""Recall of the repeated-text rules on defects planted into copies of corpus articles.

For each corpus and each kind of defect, copies of randomly chosen articles are written to a
temporary directory (never into the repository) with one defect planted, wirelint is run on
them, and a plant counts as found when the expected rule reports it with its primary label on
the planted paragraph (or sentence) and its secondary label on the original. Findings of these
rules anywhere else in a planted file are counted as stray.

Kinds: exact repeats (verbatim, white space, quote marks, case), near repeats (a word dropped,
added, changed, two words swapped, punctuation changed, the last sentence cut off) and a long
sentence repeated in another paragraph.

Usage: cargo build --release && python3 scripts/plant_duplicates.py [PER_KIND] [SEED]
"""
import collections
import json
import os
import random
import re
import subprocess
import sys
import tempfile

# The evaluation corpus beside the repository (never copied into it).
CORPUS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "..", "shared", "corpus")

BINARY = os.path.join(os.path.dirname(__file__), "..", "target", "release", "wirelint")
CORPORA = {"reuters": os.path.join(CORPUS, "reuters"), "bbc": os.path.join(CORPUS, "bbc")}
SENTENCE_END = re.compile(r'(?:(?<=[.!?])|(?<=[.!?]["”’]))\s+(?=["“A-Z])')

KINDS = {
    "exact verbatim": ("duplicate-paragraph", "paragraph"),
    "exact white space": ("duplicate-paragraph", "paragraph"),
    "exact quote marks": ("duplicate-paragraph", "paragraph"),
    "exact case": ("duplicate-paragraph", "paragraph"),
    "near word dropped": ("near-duplicate-paragraph", "paragraph"),
    "near word added": ("near-duplicate-paragraph", "paragraph"),
    "near word changed": ("near-duplicate-paragraph", "paragraph"),
    "near words swapped": ("near-duplicate-paragraph", "paragraph"),
    "near punctuation": ("near-duplicate-paragraph", "paragraph"),
    "near sentence cut": ("near-duplicate-paragraph", "paragraph"),
    "sentence repeated": ("duplicate-sentence", "sentence"),
}


def read_article(path):
    """(prefix lines, paragraphs, separator) of a corpus file, or None if unreadable."""
    try:
        text = open(path, encoding="utf-8").read()
    except UnicodeDecodeError:
        return None
    lines = text.split("\n")
    if lines and lines[0].startswith("date "):
        return lines[:2], [l for l in lines[2:] if l.strip()], "\n"
    body = "\n".join(lines[1:])
    blocks = [b.strip("\n") for b in re.split(r"\n[ \t]*\n", body) if b.strip()]
    return [lines[0], ""], blocks, "\n\n"


def serialise(prefix, paragraphs, separator):
    """The file text and the 1-based line of each paragraph's first line."""
    head = "\n".join(prefix) + "\n"
    starts, line = [], head.count("\n") + 1
    for paragraph in paragraphs:
        starts.append(line)
        line += paragraph.count("\n") + separator.count("\n")
    return head + separator.join(paragraphs) + "\n", starts


def swap_quotes(text):
    if '"' in text:
        out, opening = [], True
        for c in text:
            if c == '"':
                out.append("“" if opening else "”")
                opening = not opening
            else:
                out.append(c)
        return "".join(out).replace("'", "’")
    return text.replace("“", '"').replace("”", '"').replace("’", "'")


def edit(kind, paragraph, rng, vocabulary):
    """The edited copy of `paragraph` for `kind`, or None if this paragraph does not allow it."""
    words = paragraph.split()
    if kind == "exact verbatim":
        return paragraph
    if kind == "exact white space":
        i = rng.randrange(1, len(words))
        return " ".join(words[:i]) + "  " + " ".join(words[i:])
    if kind == "exact quote marks":
        changed = swap_quotes(paragraph)
        return changed if changed != paragraph else None
    if kind == "exact case":
        return paragraph.upper()
    if kind == "near word dropped":
        i = rng.randrange(1, len(words) - 1)
        return " ".join(words[:i] + words[i + 1 :])
    if kind == "near word added":
        i = rng.randrange(1, len(words))
        return " ".join(words[:i] + [rng.choice(vocabulary)] + words[i:])
    if kind == "near word changed":
        i = rng.randrange(1, len(words) - 1)
        new = rng.choice(vocabulary)
        return " ".join(words[:i] + [new] + words[i + 1 :]) if new != words[i] else None
    if kind == "near words swapped":
        i = rng.randrange(1, len(words) - 2)
        if words[i] == words[i + 1]:
            return None
        return " ".join(words[:i] + [words[i + 1], words[i]] + words[i + 2 :])
    if kind == "near punctuation":
        if ", " in paragraph:
            return paragraph.replace(", ", " ", 1)
        return paragraph[:-1] + "!" if paragraph.endswith(".") else None
    if kind == "near sentence cut":
        sentences = SENTENCE_END.split(paragraph)
        if len(sentences) < 2:
            return None
        kept = " ".join(sentences[:-1])
        return kept if 2 * len(kept.split()) >= len(words) else None
    raise ValueError(kind)


def plant(kind, article, rng):
    """(text, expected primary line, expected secondary line) or None."""
    prefix, paragraphs, separator = article
    vocabulary = [w.strip(".,\"'") for p in paragraphs for w in p.split() if w.isalpha()]
    if kind == "sentence repeated":
        choices = []
        for i, paragraph in enumerate(paragraphs[:-1]):
            for sentence in SENTENCE_END.split(paragraph):
                if len(sentence.split()) >= 12 and sentence.endswith("."):
                    choices.append((i, sentence))
        if not choices:
            return None
        i, sentence = rng.choice(choices)
        j = rng.randrange(i + 1, len(paragraphs))
        if len(paragraphs[j].split()) < 8 or sentence in paragraphs[j]:
            return None
        edited = list(paragraphs)
        edited[j] = paragraphs[j] + " " + sentence
        text, starts = serialise(prefix, edited, separator)
        offset = text.index(sentence, text.index(edited[j]))
        line = text.count("\n", 0, offset) + 1
        first = text.count("\n", 0, text.index(sentence)) + 1
        return text, line, first
    eligible = [
        i for i, p in enumerate(paragraphs) if len(p.split()) >= 12 and not p.startswith("-")
    ]
    if not eligible or not vocabulary:
        return None
    i = rng.choice(eligible)
    copy = edit(kind, paragraphs[i], rng, vocabulary)
    if copy is None:
        return None
    at = rng.randrange(i + 1, len(paragraphs) + 1)
    edited = paragraphs[:at] + [copy] + paragraphs[at:]
    text, starts = serialise(prefix, edited, separator)
    return text, starts[at], starts[i]


def main():
    per_kind = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    if not os.path.exists(BINARY):
        sys.exit("build first: cargo build --release")
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as temp:
        expected = {}
        for corpus, directory in CORPORA.items():
            names = sorted(os.listdir(directory))
            for kind in KINDS:
                planted, tries = 0, 0
                while planted < per_kind and tries < 50 * per_kind:
                    tries += 1
                    article = read_article(os.path.join(directory, rng.choice(names)))
                    if article is None or len(article[1]) < 3:
                        continue
                    result = plant(kind, article, rng)
                    if result is None:
                        continue
                    text, line, first = result
                    slug = kind.replace(" ", "-")
                    path = os.path.join(temp, corpus, slug, f"{planted:04}.txt")
                    os.makedirs(os.path.dirname(path), exist_ok=True)
                    with open(path, "w", encoding="utf-8") as handle:
                        handle.write(text)
                    expected[path] = (corpus, kind, line, first)
                    planted += 1
        run = subprocess.run([BINARY, "--format", "jsonl", temp], capture_output=True)
        found, stray = set(), collections.Counter()
        for line in run.stdout.decode("utf-8").splitlines():
            d = json.loads(line)
            if d.get("rule") not in ("duplicate-paragraph", "near-duplicate-paragraph", "duplicate-sentence"):
                continue
            corpus, kind, want_line, want_first = expected[d["path"]]
            rule = KINDS[kind][0]
            first_line = d["labels"][1]["line"] if len(d["labels"]) > 1 else None
            if d["rule"] == rule and d["line"] == want_line and first_line == want_first:
                found.add(d["path"])
            else:
                stray[(corpus, kind, d["rule"])] += 1
        totals = collections.Counter((c, k) for c, k, _, _ in expected.values())
        hits = collections.Counter(expected[p][:2] for p in found)
        print(f"{'corpus':8} {'kind':22} {'found':>6} / planted   recall")
        for corpus in CORPORA:
            for kind in KINDS:
                total = totals[(corpus, kind)]
                if total:
                    print(f"{corpus:8} {kind:22} {hits[(corpus, kind)]:6} / {total:7}   {100 * hits[(corpus, kind)] / total:5.1f}%")
        for group in ("exact", "near", "sentence"):
            total = sum(n for (c, k), n in totals.items() if k.startswith(group))
            hit = sum(n for (c, k), n in hits.items() if k.startswith(group))
            print(f"all      {group:22} {hit:6} / {total:7}   {100 * hit / max(total, 1):5.1f}%")
        if stray:
            print("\nother findings of these rules in planted files (corpus, kind, rule: count):")
            for key, count in sorted(stray.items()):
                print(f"  {key}: {count}")
        if os.environ.get("SHOW_MISSES"):
            for path, (corpus, kind, line, first) in sorted(expected.items()):
                if path not in found and kind.startswith(os.environ["SHOW_MISSES"]):
                    print(f"\nMISSED {corpus} {kind} line {line} (first {first})")
                    lines = open(path, encoding="utf-8").read().split("\n")
                    print("  first :", lines[first - 1][:160])
                    print("  repeat:", lines[line - 1][:160])


if __name__ == "__main__":
    main()
