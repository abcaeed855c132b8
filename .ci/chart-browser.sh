#!/usr/bin/env bash
# `docket chart` seen in a real browser: the Denver chart and the example federal chart, as SVG
# and as HTML, are checked by xmllint and rendered by headless Chromium to PNG; each page must
# load without a console message (a blocked fetch, a parse error) and its picture must not be
# blank (more than one colour). Called by .ci/run, which installs chromium, xmllint and python3.
#
#   .ci/chart-browser.sh                 check (uses ./target/debug/docket, built if missing)
#   .ci/chart-browser.sh --update-png    also write docs/denver-chart.png, the README's picture
set -euo pipefail
cd "$(dirname "$0")/.."

docket=./target/debug/docket
[ -x "$docket" ] || cargo build --quiet
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# Number of distinct colours in an 8-bit PNG (what Chromium writes), read with the standard
# library alone; counting stops at 16, which is plenty to tell a picture from a blank page.
colours() {
  python3 - "$1" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat = 8, b""
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        idat += body
    pos += 12 + length
assert depth == 8 and ctype in (2, 6), f"unexpected PNG format: depth {depth}, colour type {ctype}"
bpp = 3 if ctype == 2 else 4
raw, stride = zlib.decompress(idat), width * bpp
prev, seen, i = bytearray(stride), set(), 0
for _ in range(height):
    f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
    i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b, c = prev[x], (prev[x - bpp] if x >= bpp else 0)
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    seen.update(bytes(line[x:x + bpp]) for x in range(0, stride, bpp))
    prev = line
    if len(seen) >= 16:
        break
print(len(seen))
PY
}

# render FILE PNG WIDTH HEIGHT: a screenshot, failing on any console message.
render() {
  local log="$out/$(basename "$2").log"
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d -p "$out")" --hide-scrollbars \
    --enable-logging=stderr --v=0 \
    --window-size="$3,$4" --screenshot="$2" "file://$(realpath "$1")" 2>"$log" || {
      cat "$log"; echo "chromium failed on $1"; exit 1; }
  if grep -q "CONSOLE" "$log"; then
    grep "CONSOLE" "$log"
    echo "console messages while loading $1"
    exit 1
  fi
  [ -s "$2" ] || { echo "no screenshot of $1"; exit 1; }
  local n
  n="$(colours "$2")"
  [ "$n" -gt 1 ] || { echo "the picture of $1 is blank ($n colour)"; exit 1; }
  echo "ok: $1 loads without console messages; its picture is not blank ($n+ colours)"
}

# The size an SVG asks for: "WIDTH HEIGHT".
size() {
  grep -o -m1 '<svg [^>]*' "$1" | sed -E 's/.* width="([0-9.]+)" height="([0-9.]+)".*/\1 \2/'
}

for chart in "denver timelines/denver-ice-subpoenas.toml 2020-01-20" \
             "federal timelines/example-federal-civil.toml 2026-12-01"; do
  read -r name file day <<<"$chart"
  "$docket" chart "$file" --as-of "$day" -o "$out/$name.svg"
  "$docket" chart "$file" --as-of "$day" -o "$out/$name.html"
  xmllint --noout "$out/$name.svg" "$out/$name.html"
  read -r w h <<<"$(size "$out/$name.svg")"
  render "$out/$name.svg" "$out/$name-svg.png" "$w" "$h"
  render "$out/$name.html" "$out/$name-html.png" "$((w + 80))" 1200
done

if [ "${1:-}" = "--update-png" ]; then
  cp "$out/denver-svg.png" docs/denver-chart.png
  echo "wrote docs/denver-chart.png"
fi
