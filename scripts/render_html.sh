#!/usr/bin/env bash
# Render wirelint's HTML report to PNG with headless Chromium, so that a person can look at the
# page as a desk editor's browser shows it: once at desktop width, once at phone width.
#
#   scripts/render_html.sh [--out DIR] [--desktop-height PX] [--phone-height PX] [PATH...]
#
# PATH defaults to examples/. Writes DIR/report.html, DIR/report-desktop.png (1280 px wide) and
# DIR/report-phone.png (390 px wide); DIR defaults to target/render-html. Chromium screenshots
# its window, not the whole page: raise the heights for long reports.
#
# Needs Chromium: on Debian or Ubuntu, `apt-get install chromium` (the binary is `chromium`;
# set CHROMIUM=/path/to/chrome to use another). CI does not run this script.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
out="$repo/target/render-html"
desktop_height=3600
phone_height=9000
paths=()
while [ $# -gt 0 ]; do
    case "$1" in
        --out) out="$2"; shift 2 ;;
        --desktop-height) desktop_height="$2"; shift 2 ;;
        --phone-height) phone_height="$2"; shift 2 ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) paths+=("$1"); shift ;;
    esac
done
[ ${#paths[@]} -gt 0 ] || { cd "$repo"; paths=(examples/); }

chromium="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$chromium" ]; then
    echo "error: chromium not found; install it with \`apt-get install chromium\` or set CHROMIUM" >&2
    exit 2
fi

mkdir -p "$out"
out="$(cd "$out" && pwd)"
cargo build --quiet --manifest-path "$repo/Cargo.toml"
# Exit status 1 only means that findings were reported.
"$repo/target/debug/wirelint" --format html "${paths[@]}" > "$out/report.html" || [ $? -eq 1 ]

shoot() { # NAME WIDTH HEIGHT
    "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
        --force-device-scale-factor=1 --window-size="$2,$3" \
        --screenshot="$out/$1" "file://$out/report.html" 2>/dev/null
    echo "wrote $out/$1"
}
shoot report-desktop.png 1280 "$desktop_height"
shoot report-phone.png 390 "$phone_height"
