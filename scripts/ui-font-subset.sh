#!/usr/bin/env bash
# Makes the window's fonts: Noto Sans SC cut down to GB 2312 (the 6,763 hanzi
# of everyday text), ASCII, Latin-1, full-width forms and the punctuation and
# symbols of finance documents. Fyne parses every glyph of its fonts into
# memory, and the full 30,898-glyph files cost ~76 MB of heap; the subsets keep
# the window under its memory target. Rare characters outside the subset fall
# back to the system's CJK font. PDFs keep embedding the full fonts, so no
# printed name ever loses a character. Needs pyftsubset (Debian: fonttools).
# The outputs are committed; run this only to change the character set.
set -euo pipefail
cd "$(dirname "$0")/../assets/fonts"
chars=$(mktemp)
trap 'rm -f "$chars"' EXIT
python3 - "$chars" <<'PY'
import sys
cps = set(range(0x20, 0x7f)) | set(range(0xa0, 0x100)) | set(range(0xff01, 0xff5f))
cps |= set(range(0x3000, 0x3040)) | set(range(0x2010, 0x2070)) | set(range(0x2160, 0x2190))
cps |= set(range(0x2460, 0x24a0)) | set(range(0x2190, 0x2200)) | set(range(0x2200, 0x2270))
cps |= {0xffe5, 0x00d7, 0x00f7, 0x2116, 0x25cb, 0x25cf, 0x25a1, 0x25a0, 0x2605, 0x2606, 0x203b}
for hi in range(0xa1, 0xf8):
    for lo in range(0xa1, 0xff):
        try:
            cps.add(ord(bytes([hi, lo]).decode("gb2312")))
        except UnicodeDecodeError:
            pass
open(sys.argv[1], "w").write(",".join("U+%04X" % c for c in sorted(cps)))
PY
for w in Regular Bold; do
  pyftsubset "NotoSansSC-$w.ttf" --unicodes-file="$chars" --layout-features='*' \
    --no-hinting --desubroutinize --output-file="NotoSansSC-$w-GB2312.ttf"
done
ls -l NotoSansSC-*-GB2312.ttf
