#!/usr/bin/env python3
"""Recall of `weekday-date` on planted errors: in every article that names a weekday with a
date (`Tuesday, March 3`, `Tuesday 3 March`), the weekday is moved one day on (`Wednesday,
March 3`), and the rule should report it wherever the date can be dated (a year in the text, or
a header date).

Usage: cargo build --release && scripts/plant_weekdays.py [--corpus DIR]... [--misses N]

Without --corpus, plants into the sets `reuters`, `bbc` and `polnear-train/wire`, found as
<repo>/../shared/corpus/<set>, else <repo>/../evalcorpus/<set>. Prints, per set, the pairs
found, those planted in a datable pair (a year in the text or a header date), and how many the
rule reported; nothing is written outside a temporary folder.
"""
import argparse, json, os, re, subprocess, sys, tempfile

from corpus import find_set

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "wirelint")
SETS = ["reuters", "bbc", "polnear-train/wire"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
PAIR = re.compile(r"\b(" + "|".join(DAYS) + r"),?\s+(?:the\s+)?(?:" + MONTHS + r"\b\.?\s+\d{1,2}\b(?:,?[ \t]+(\d{4})\b)?|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTHS + r"\b\.?(?:,?[ \t]+(\d{4})\b)?)")
HEADER = re.compile(r"^\s*\S+ \d{4}-\d{2}-\d{2}\b")



def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", action="append")
    parser.add_argument("--misses", type=int, default=0, help="print this many missed plants")
    parser.add_argument("--binary", default=BINARY, help="the wirelint to run (default: the release build)")
    args = parser.parse_args()
    folders = args.corpus or [p for p in map(find_set, SETS) if p]
    listing = subprocess.run([args.binary, "--config", os.devnull, "rules"], capture_output=True, text=True, check=True).stdout
    known = [line.split()[0] for line in listing.splitlines() if line.strip()]
    for folder in folders:
        with tempfile.TemporaryDirectory() as scratch:
            config = os.path.join(scratch, "only.toml")
            with open(config, "w") as handle:
                handle.write("[rules]\n" + "".join(f'{n} = "{"warn" if n == "weekday-date" else "off"}"\n' for n in known))
            planted = {}
            pairs = 0
            for name in sorted(os.listdir(folder)):
                if not name.endswith(".txt"):
                    continue
                with open(os.path.join(folder, name), "rb") as handle:
                    text = handle.read().decode("utf-8", "replace")
                match = PAIR.search(text)
                if not match:
                    continue
                pairs += 1
                datable = bool(match.group(2) or match.group(3) or HEADER.match(text))
                if not datable:
                    continue
                wrong = DAYS[(DAYS.index(match.group(1)) + 1) % 7]
                text = text[:match.start(1)] + wrong + text[match.end(1):]
                with open(os.path.join(scratch, name), "w", encoding="utf-8") as handle:
                    handle.write(text)
                # wirelint's spans are byte offsets; the text may hold non-ASCII before the day.
                planted[name] = (len(text[:match.start(1)].encode("utf-8")), match.group(0), wrong)
            run = subprocess.run([args.binary, "--format", "jsonl", "--config", config, scratch], capture_output=True, text=True)
            found = {os.path.basename(d["path"]) for d in map(json.loads, filter(str.strip, run.stdout.splitlines()))
                     if d.get("rule") == "weekday-date" and d["span"]["start"] == planted.get(os.path.basename(d["path"]), (None,))[0]}
            print(f"== {folder}: {pairs} articles with a weekday-date pair, {len(planted)} datable and planted, "
                  f"{len(found)} reported ({100 * len(found) / max(len(planted), 1):.0f}%)")
            for name in [n for n in planted if n not in found][:args.misses]:
                print(f"   missed {name}: {planted[name][1]!r} -> {planted[name][2]}")


if __name__ == "__main__":
    sys.exit(main())
