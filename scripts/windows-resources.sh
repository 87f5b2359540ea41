#!/usr/bin/env bash
# Compiles govbuy.exe's resources (icon, manifest, version with the Chinese
# product name) into cmd/govbuy/rsrc_windows_amd64.syso, which the Go linker
# embeds in GOOS=windows builds of cmd/govbuy.
#   scripts/windows-resources.sh VERSION COMMIT     VERSION as 0.1.0
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:?version, e.g. 0.1.0}
commit=${2:-unknown}
IFS=. read -r major minor patch <<<"$version"
commas="${major:-0},${minor:-0},${patch:-0},0"
rc=$(mktemp --suffix=.rc)
trap 'rm -f "$rc"' EXIT
sed -e "s/@VERSION_COMMAS@/$commas/g" -e "s/@VERSION@/$version/g" -e "s/@COMMIT@/$commit/g" \
  packaging/windows/govbuy.rc.in >"$rc"
x86_64-w64-mingw32-windres --codepage=65001 -I . -O coff -i "$rc" -o cmd/govbuy/rsrc_windows_amd64.syso
