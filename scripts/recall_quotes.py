#!/usr/bin/env python3
"""Recall of unattributed-quote on attributions stripped from real corpus quotations.

Usage: scripts/recall_quotes.py [--limit N] [--show]
For each corpus article (reuters and bbc), finds a paragraph with exactly one quotation of 4+
words, ending `,"` and followed by an attribution clause that ends the sentence (`, he said.`,
`," said Smith, an analyst.`, `," Jones told reporters.`), with no other cue of the rule's
card (`verbs`) in the paragraph and none in the previous paragraph (so that no other attribution can cover it).
It deletes the clause (`," he said.` becomes `."`), writes the copy to a temp dir (never
into the repository), runs target/release/wirelint --format jsonl over the copies, and counts
the planted quotations that get an unattributed-quote finding at their opening mark.
"""
import argparse
import json
import os
import re
import subprocess
import tempfile
import tomllib

# The evaluation corpus beside the repository (never copied into it).
CORPUS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "..", "shared", "corpus")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "wirelint")
CORPORA = [os.path.join(CORPUS, "reuters"), os.path.join(CORPUS, "bbc")]
VERBS = r"(?:said|says|told|added|adds|noted|explained|insisted|warned|stated|argued|according to)"
# Any form of a verb of the rule's card, or any of its cues, counts as another attribution that
# could cover the quotation. The forms are over-generated (every regular suffix, with and without
# a final `e` or `y`, a doubled consonant), which only makes the filter stricter.
with open(os.path.join(ROOT, "rules", "unattributed-quote.toml"), "rb") as card:
    OPTIONS = tomllib.load(card)["options"]


def forms(phrase):
    """Every spelling a form of the verb phrase may take (its first word inflected)."""
    head, *rest = phrase.lower().split()
    stems = {head, head[:-1] if head.endswith(("e", "y")) else head, head + head[-1:]}
    found = {head, head + "s", head + "es", head[:-1] + "ies"}
    found |= {stem + suffix for stem in stems for suffix in ("ed", "ing", "d", "ied")}
    for entry in OPTIONS["irregular-verbs"]:
        base, *pasts = entry.split()
        if base == head:
            found |= set(pasts)
    return [" ".join([form] + rest) for form in found]


CUES = [form for verb in OPTIONS["verbs"] for form in forms(verb)] + OPTIONS["cues"]
VERB = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in sorted(set(CUES), key=len, reverse=True)) + r")\b", re.I)
# A closing quote after a comma, then a clause with a speech verb, up to the sentence's end.
PLANT = re.compile(r',(["”])(\s+[^"“”.]{0,80}?\b' + VERBS + r'\b[^"“”.]{0,80}?)\.(?=\s|$)')
QUOTE = re.compile(r'["“]([^"“”]+)["”]')


def candidate(text):
    """The stripped text and the offset of the planted quotation's opening mark, or None."""
    lines = text.split("\n")
    offset = 0
    previous = ""
    for line in lines:
        start = offset
        offset += len(line) + 1
        quotes = QUOTE.findall(line)
        if line.strip() and (len(quotes) != 1 or len(VERB.findall(line)) != 1
                             or VERB.search(previous) or '"' in previous or "“" in previous):
            previous = line if line.strip() else previous
            continue
        if not line.strip():
            continue
        match = PLANT.search(line)
        quote = QUOTE.search(line)
        if not match or not quote or len(quote.group(1).split()) < 4:
            previous = line
            continue
        if quote.end() != match.start(1) + 1 and quote.end() != match.end(1):
            previous = line
            continue
        stripped = line[:match.start()] + "." + match.group(1) + line[match.end():]
        return text[:start] + stripped + text[start + len(line):], start + quote.start()
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0, help="at most N planted files per corpus")
    parser.add_argument("--show", action="store_true", help="print the missed quotations")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        for corpus in CORPORA:
            folder = os.path.join(temp, os.path.basename(corpus))
            os.mkdir(folder)
            planted = {}
            for name in sorted(os.listdir(corpus)):
                try:
                    text = open(os.path.join(corpus, name), encoding="utf-8").read()
                except (UnicodeDecodeError, OSError):
                    continue
                found = candidate(text)
                if found is None:
                    continue
                stripped, opening = found
                path = os.path.join(folder, name)
                with open(path, "w", encoding="utf-8") as out:
                    out.write(stripped)
                planted[path] = (opening, stripped)
                if args.limit and len(planted) >= args.limit:
                    break
            out = subprocess.run([BIN, "--format", "jsonl", folder], capture_output=True, text=True)
            hits = set()
            for line in out.stdout.splitlines():
                if not line.startswith("{"):
                    continue
                diag = json.loads(line)
                if diag.get("rule") != "unattributed-quote":
                    continue
                path = diag["path"]
                if path in planted:
                    # Spans are byte offsets; the planted offset counts characters.
                    opening, stripped = planted[path]
                    if diag["span"]["start"] == len(stripped[:opening].encode("utf-8")):
                        hits.add(path)
            total = len(planted)
            print(f"{os.path.basename(corpus)}: planted {total}, found {len(hits)}, "
                  f"recall {100 * len(hits) / max(total, 1):.1f}%")
            if args.show:
                for path, (opening, stripped) in sorted(planted.items()):
                    if path not in hits:
                        print("  missed", os.path.basename(path), stripped[max(0, opening - 120):opening + 160].replace("\n", " | "))


if __name__ == "__main__":
    main()
