#!/usr/bin/env bash
# Times the release binary on generated articles of 50,000 paragraphs (about 9 MB; in a temp dir,
# removed afterwards), and on the first half of each (25,000 paragraphs), to check that the
# repeated-text rules stay near-linear (doubling the size should about double the time):
#   varied:    paragraphs of random words, with an exact and a near repeat every 100 paragraphs;
#   templated: every paragraph the same sentence with one word changed (all near repeats of each
#              other: the worst case for candidate generation).
# Usage: cargo build --release && scripts/bench_duplicates.sh
set -euo pipefail
cd "$(dirname "$0")/.."
binary=target/release/wirelint
[ -x "$binary" ] || { echo "build first: cargo build --release" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'max-file-size = 20000000\n' > "$work/wirelint.toml"

python3 - "$work" <<'PY'
import random, sys
work = sys.argv[1]
rng = random.Random(7)
vocabulary = ["w%d" % i for i in range(5000)]

def article(name, paragraphs):
    for count in (25_000, 50_000):
        with open(f"{work}/{name}-{count}.txt", "w") as f:
            f.write("date 2026-02-02 1\nGenerated Benchmark Article\n")
            f.write("\n".join(paragraphs[:count]) + "\n")

varied = []
for i in range(50_000):
    if i % 100 == 50:
        varied.append(varied[rng.randrange(len(varied))])
    elif i % 100 == 99:
        words = varied[rng.randrange(len(varied))].rstrip(".").split()
        words[rng.randrange(len(words))] = rng.choice(vocabulary)
        varied.append(" ".join(words) + ".")
    else:
        varied.append(" ".join(rng.choice(vocabulary) for _ in range(rng.randint(20, 40))) + ".")
article("varied", varied)

base = [rng.choice(vocabulary) for _ in range(30)]
templated = []
for i in range(50_000):
    words = list(base)
    words[i % 30] = "v%d" % i
    templated.append(" ".join(words) + ".")
article("templated", templated)
PY

for name in varied-25000 varied-50000 templated-25000 templated-50000; do
    file="$work/$name.txt"
    size=$(wc -c < "$file")
    start=$(date +%s.%N)
    "$binary" --config "$work/wirelint.toml" --format jsonl "$file" > "$work/$name.jsonl" || true
    end=$(date +%s.%N)
    python3 - "$name" "$size" "$start" "$end" "$work/$name.jsonl" <<'PY'
import collections, json, sys
name, size, start, end, out = sys.argv[1:]
counts = collections.Counter(r["rule"] for r in map(json.loads, open(out)) if "rule" in r)
print(f"{name:16} {int(size) / 1e6:5.1f} MB: {float(end) - float(start):6.2f} s  "
      + ", ".join(f"{rule} {n}" for rule, n in sorted(counts.items())))
PY
done
