#!/usr/bin/env bash
# Makes the window's fonts: Noto Sans SC cut down to GB 2312 (the 6,763 hanzi
# of everyday text), ASCII, Latin-1, full-width forms and the punctuation and
# symbols of finance documents. Fyne parses every glyph of its fonts into
# memory, and the full 30,898-glyph files cost ~76 MB of heap; the subsets keep
# the window under its memory target. The cut fonts are then rewritten with
# CFF outlines (.otf): Fyne's parser reads TrueType outlines point by point
# into memory but CFF charstrings only when a glyph is drawn, which saves
# another ~9 MB of heap; the glyphs are the same curves, drawn the same.
# Rare characters outside the subset fall back to the system's CJK font.
# PDFs keep embedding the full TrueType fonts (all gofpdf can embed), so no
# printed name ever loses a character. Needs pyftsubset and Python's
# fontTools (Debian: fonttools, python3-fonttools). The outputs are
# committed; run this only to change the character set.
set -euo pipefail
cd "$(dirname "$0")/../assets/fonts"
chars=$(mktemp)
cut=$(mktemp --suffix=.ttf)
trap 'rm -f "$chars" "$cut"' EXIT
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
    --no-hinting --desubroutinize --output-file="$cut"
  python3 - "$cut" "NotoSansSC-$w-GB2312.otf" <<'PY'
import sys
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.ttLib import TTFont

font = TTFont(sys.argv[1])
glyphs, widths = font.getGlyphSet(), font["hmtx"].metrics
charstrings = {}
for name in font.getGlyphOrder():
    pen = T2CharStringPen(widths[name][0], glyphs)
    glyphs[name].draw(pen)
    charstrings[name] = pen.getCharString()
fb = FontBuilder(font=font)
fb.isTTF = False
ps = font["name"].getDebugName(6)
fb.setupCFF(ps, {"FullName": font["name"].getDebugName(4)}, charstrings, {})
for table in ("glyf", "loca", "gasp"):
    if table in font:
        del font[table]
font["maxp"].tableVersion = 0x00005000
font["post"].formatType = 3.0
font.sfntVersion = "OTTO"
font.save(sys.argv[2])
PY
done
ls -l NotoSansSC-*-GB2312.otf
