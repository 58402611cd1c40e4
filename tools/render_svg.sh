#!/usr/bin/env bash
# Renders an SVG to PNG with headless Chromium (Debian: apt-get install chromium), to look at a
# diagram the way a browser shows it.  Usage: tools/render_svg.sh in.svg out.png
set -euo pipefail
svg="$(realpath "$1")"; png="$(realpath -m "$2")"
w=$(grep -o 'width="[0-9]*"' "$svg" | head -1 | grep -o '[0-9]*')
h=$(grep -o 'height="[0-9]*"' "$svg" | head -1 | grep -o '[0-9]*')
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --screenshot="$png" --window-size="$w,$h" "file://$svg" >/dev/null 2>&1
echo "wrote $png (${w}x${h})"
