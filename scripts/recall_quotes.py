#!/usr/bin/env python3
"""Recall of unattributed-quote on quotations stripped of their attribution.

Usage: scripts/recall_quotes.py [--corpus DIR]... [--limit N] [--show]

For each article of each corpus (default: reuters and bbc of <repo>/../shared/corpus, and the
text/ of polnear-train from <repo>/../shared/corpus or <repo>/../evalcorpus when it is there),
finds the first paragraph (polnear-train's text/ is first put in the plain wire form, as the
set's make_wire.py does: a header line, then each non-blank line a paragraph) that opens with a quotation of 4+ words ending `,"` (or `,”`) and
followed by an attribution clause that ends the sentence (`, he said.`, `," said Smith, an
analyst.`, `," Jones told reporters.`), where nothing could credit the quotation once the
clause is gone: no other quotation in the paragraph, no form of a verb or a cue of the rule's
card in it after the clause is deleted (a form after a noun marker or a possessive is a noun, as
the rule reads it: `the report`), and a previous paragraph with no such verb or cue, no quote
mark and no colon at its end. It deletes the clause (`," he said.` becomes `."`), writes
the copy to a temporary folder (never into the repository), runs target/release/wirelint
--format jsonl over the copies, and counts the planted quotations that get an
unattributed-quote finding at their opening mark. With --loose, the previous paragraph may hold
anything: the share found then says how often the paragraph before credits a quotation that
opens its own (by design, a speaker named there carries over).
"""
import argparse
import json
import os
import re
import subprocess
import tempfile
import tomllib

from corpus import find_set

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("WIRELINT", os.path.join(ROOT, "target", "release", "wirelint"))
VERBS = r"(?:said|says|told|added|adds|noted|explained|insisted|warned|stated|argued|according to)"
with open(os.path.join(ROOT, "rules", "unattributed-quote.toml"), "rb") as card:
    OPTIONS = tomllib.load(card)["options"]



def forms(phrase):
    """Every spelling a form of the verb phrase may take (its first word inflected). The forms
    are over-generated (every regular suffix, with and without a final `e` or `y`, a doubled
    consonant), which only makes the filter stricter."""
    head, *rest = phrase.lower().split()
    stems = {head, head[:-1] if head.endswith(("e", "y")) else head, head + head[-1:]}
    found = {head, head + "s", head + "es", head[:-1] + "ies"}
    found |= {stem + suffix for stem in stems for suffix in ("ed", "ing", "d", "ied")}
    for entry in OPTIONS["irregular-verbs"]:
        base, *pasts = entry.split()
        if base == head:
            found |= set(pasts)
    return [" ".join([form] + rest) for form in found]


CUES = sorted({f for verb in OPTIONS["verbs"] for f in forms(verb)} | set(OPTIONS["cues"]),
              key=len, reverse=True)
CUE = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in CUES) + r")\b", re.I)
NOUN_MARKERS = {word.lower() for word in OPTIONS["noun-markers"]}
# Forms that may be nouns (`report`, `claims`): after a possessive they are (`Smith's claims`).
NOUN_LIKE = {form for verb in OPTIONS["verbs"] for head in [verb.split()[0].lower()]
             for form in (head, head + "s", head + "es", head[:-1] + "ies")}


def credits(text):
    """Whether `text` has a form of a verb or a cue of the card that the rule reads as a verb:
    not after a noun marker (an article, a quantifier, a preposition: `the report`), nor a form
    that may be a noun after a possessive (`Smith's claims`, but `Moody's said`)."""
    for match in CUE.finditer(text):
        before = text[:match.start()].split()
        word = before[-1].lower() if before else ""
        possessive = word.endswith(("'s", "’s")) and match.group(0).split()[0].lower() in NOUN_LIKE
        if word not in NOUN_MARKERS and not possessive:
            return True
    return False


# A paragraph that opens with a quotation ending in a comma, then a clause with a speech verb
# up to the sentence's end.
PLANT = re.compile(r'^(["“])([^"“”]+),(["”])(\s+[^"“”.]{0,80}?\b' + VERBS + r'\b[^"“”.]{0,80}?)\.(?=\s|$)')
MARK = re.compile(r'["“”]')


def as_wire(text):
    """The plain wire form of a PolNeAR text: a header line, then every non-blank line."""
    lines = [line.rstrip("\r") for line in text.split("\n")]
    return "date 2016-01-01 1\n" + "".join(line + "\n" for line in lines if line.strip())


def paragraphs(text):
    """The (start, end) of each paragraph as the plain wire parser reads them: blank-line
    separated blocks when the text has blank lines between paragraphs, else lines."""
    lines = list(re.finditer(r"[^\n]*", text))
    body = [m for m in lines[1:] if m.group().strip()]
    blocks = body and re.search(r"\S[^\n]*\n[ \t]*\n[ \t]*\S", text[body[0].start():])
    pattern = r"(?:[^\n]*\S[^\n]*(?:\n|$))+" if blocks else r"[^\n]*\S[^\n]*"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def candidate(text, loose=False):
    """The stripped text and the offset of the planted quotation's opening mark, or None. With
    `loose`, the previous paragraph may hold anything."""
    previous = ""
    for start, end in paragraphs(text):
        paragraph = text[start:end].rstrip("\n")
        match = PLANT.match(paragraph)
        ok = (
            match
            and len(match.group(2).split()) >= 4
            and not credits(match.group(2))
            and (loose or not credits(previous))
            and (loose or not MARK.search(previous))
            and not previous.rstrip().endswith(":")
        )
        if ok:
            rest = paragraph[match.end():]
            if not MARK.search(rest) and not credits(rest):
                stripped = match.group(1) + match.group(2) + "." + match.group(3) + rest
                return text[:start] + stripped + text[start + len(paragraph):], start
        previous = paragraph
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", action="append", help="a folder of articles (repeatable)")
    parser.add_argument("--limit", type=int, default=0, help="at most N planted files per corpus")
    parser.add_argument("--show", action="store_true", help="print the missed quotations")
    parser.add_argument("--loose", action="store_true",
                        help="let the previous paragraph hold anything (an attribution there "
                             "credits the quotation by design, so this is not recall)")
    args = parser.parse_args()
    corpora = args.corpus or [c for c in (find_set("reuters"), find_set("bbc"),
                                          find_set(os.path.join("polnear-train", "text"))) if c]
    with tempfile.TemporaryDirectory() as temp:
        for number, corpus in enumerate(corpora):
            folder = os.path.join(temp, str(number))
            os.mkdir(folder)
            planted = {}
            for name in sorted(os.listdir(corpus)):
                try:
                    with open(os.path.join(corpus, name), encoding="utf-8", newline="") as handle:
                        text = handle.read()
                except (UnicodeDecodeError, OSError, IsADirectoryError):
                    continue
                if corpus.endswith(os.path.join("polnear-train", "text")):
                    text = as_wire(text)
                found = candidate(text, args.loose)
                if found is None:
                    continue
                stripped, opening = found
                path = os.path.join(folder, name)
                with open(path, "w", encoding="utf-8", newline="") as out:
                    out.write(stripped)
                planted[path] = (opening, stripped)
                if args.limit and len(planted) >= args.limit:
                    break
            out = subprocess.run([BIN, "--format", "jsonl", "--config", os.devnull, folder],
                                 capture_output=True, text=True)
            hits = set()
            for line in out.stdout.splitlines():
                if not line.startswith("{"):
                    continue
                diag = json.loads(line)
                if diag.get("rule") != "unattributed-quote" or diag["path"] not in planted:
                    continue
                # Spans are byte offsets; the planted offset counts characters.
                opening, stripped = planted[diag["path"]]
                if diag["span"]["start"] == len(stripped[:opening].encode("utf-8")):
                    hits.add(diag["path"])
            total = len(planted)
            label = os.path.relpath(corpus, os.path.join(ROOT, ".."))
            print(f"{label}: planted {total}, found {len(hits)}, "
                  f"recall {100 * len(hits) / max(total, 1):.1f}%")
            if args.show:
                for path, (opening, stripped) in sorted(planted.items()):
                    if path not in hits:
                        context = stripped[max(0, opening - 300):opening + 200]
                        print("  missed", os.path.basename(path), context.replace("\n", " | "))


if __name__ == "__main__":
    main()
