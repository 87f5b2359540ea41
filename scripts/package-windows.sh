#!/usr/bin/env bash
# Wraps a built govbuy.exe for the officer's PC: dist/govbuy-setup.exe (NSIS,
# per-user, no administrator rights; packaging/windows/installer.nsi) and
# dist/govbuy-windows.zip (the exe and a README, to run from any folder).
#   scripts/package-windows.sh VERSION EXE       VERSION as 0.1.0
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:?version, e.g. 0.1.0}
exe=${2:?the built govbuy.exe}
IFS=. read -r major minor patch <<<"$version"
mkdir -p dist
makensis -V2 -INPUTCHARSET UTF8 \
  -DVERSION="$version" -DVERSION4="${major:-0}.${minor:-0}.${patch:-0}.0" \
  -DEXE="$PWD/$exe" -DICON="$PWD/assets/icon.ico" -DOUTFILE="$PWD/dist/govbuy-setup.exe" \
  packaging/windows/installer.nsi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/govbuy"
cp "$exe" "$stage/govbuy/govbuy.exe"
# Notepad reads UTF-8 with a byte-order mark and wants CRLF line ends.
{ printf '\xef\xbb\xbf'; sed 's/$/\r/' packaging/windows/README.txt; } >"$stage/govbuy/README.txt"
rm -f dist/govbuy-windows.zip
(cd "$stage" && zip -q -X -r "$OLDPWD/dist/govbuy-windows.zip" govbuy)
echo "dist/govbuy-setup.exe, dist/govbuy-windows.zip ($version)"
