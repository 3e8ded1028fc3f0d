#!/usr/bin/env python3
"""Rewrite the output block of each rule card's `## Example` with what the rule prints now.

Usage: cargo build --release && scripts/update_card_examples.py

Each card's example has an input block and an output block (both ```text). The unit test
`every_card_example_shows_the_rules_real_output` fails when they drift apart; after a deliberate
change of wording or rendering, run this and read the diff of rules/*.toml.
"""
import os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "wirelint")

def main():
    listing = subprocess.run([BINARY, "--config", os.devnull, "rules"], capture_output=True, text=True, check=True).stdout
    levels = dict(line.split()[:2] for line in listing.splitlines() if line.strip())
    for name in levels:
        path = os.path.join(ROOT, "rules", f"{name}.toml")
        card = open(path, encoding="utf-8").read()
        example = card.index("## Example")
        input_start = card.index("```text\n", example) + len("```text\n")
        input_end = card.index("```", input_start)
        output_start = card.index("```text\n", input_end + 3) + len("```text\n")
        output_end = card.index("```", output_start)
        with tempfile.TemporaryDirectory() as scratch:
            with open(os.path.join(scratch, "story.txt"), "w", encoding="utf-8") as story:
                story.write(card[input_start:input_end])
            with open(os.path.join(scratch, "only.toml"), "w") as config:
                config.write("[rules]\n" + "".join(f'{other} = "{levels[other] if other == name else "off"}"\n' for other in levels))
            run = subprocess.run([BINARY, "--config", "only.toml", "--color", "never", "story.txt"], capture_output=True, text=True, cwd=scratch)
        lines = run.stdout.strip().split("\n")[:-1]  # without the summary line
        if lines and lines[-1].endswith(" in 1 file"):  # the summary, before `N fixable with --fix`
            lines = lines[:-1]
        output = "\n".join(line.rstrip() for line in lines).strip() + "\n"
        if card[output_start:output_end] != output:
            print(f"updated rules/{name}.toml")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(card[:output_start] + output + card[output_end:])

if __name__ == "__main__":
    sys.exit(main())
