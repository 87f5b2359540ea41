#!/usr/bin/env bash
# Installs what building and testing govbuy needs on Debian/Ubuntu, and only
# what is missing. As root it runs apt-get; otherwise it prints the command.
#   scripts/deps.sh build   gcc and the GL/X headers Fyne's cgo build needs,
#                           and zenity, the system file dialog the window
#                           starts (without it, it uses its own dialog)
#                           and xdg-utils: the window prints an approval form
#                           by opening it in the desktop's PDF viewer
#   scripts/deps.sh test    plus what the tests and CI look with: Xvfb,
#                           LibreOffice (recalculates exported workbooks), qpdf,
#                           poppler-utils (pdftotext), xdotool, ImageMagick
set -euo pipefail

want=(gcc libgl1-mesa-dev xorg-dev zenity xdg-utils)
if [ "${1:-build}" = test ]; then
  want+=(xvfb x11-utils poppler-utils qpdf libreoffice-calc-nogui xdotool imagemagick)
fi
if [ "${1:-build}" = windows ]; then
  want+=(gcc-mingw-w64-x86-64)
fi

if ! command -v go >/dev/null 2>&1; then
  echo "govbuy needs Go 1.26 or newer: install it from https://go.dev/dl/ and put it on PATH." >&2
  exit 1
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "Not a Debian/Ubuntu system: install the equivalents of: ${want[*]}" >&2
  exit 0
fi

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Missing packages. Run:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
