#!/usr/bin/env bash
# Runs the path tests of cmd/govbuy and store as Windows programs under Wine,
# so paths with backslashes, drive letters, Chinese folder names with spaces
# and a Chinese user name (张三) are tested on the separator they meet on the
# officer's PC. The test binaries are cross-compiled without cgo (-tags ci).
#   scripts/wine-tests.sh [-test.run regexp]
set -euo pipefail
cd "$(dirname "$0")/.."
run=${1:-'TestChineseFolders|TestDatabasePath|TestProbeWithTimeout|TestNoOpenGLMessage|Lock|Backup|Restore'}
work=$(mktemp -d)
export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEDLLOVERRIDES="winemenubuilder.exe=d;mscoree=d;mshtml=d"
export USER=张三 LANG=zh_CN.UTF-8
trap 'wineserver -k 2>/dev/null || true; rm -rf "$work"' EXIT
wineboot -i >/dev/null 2>&1
wineserver -w
for pkg in cmd/govbuy store; do
  exe="$work/$(basename "$pkg").test.exe"
  GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go test -c -tags ci -o "$exe" "./$pkg"
  echo "== $pkg under Wine"
  # TEMP is the profile's: C:\users\张三\AppData\Local\Temp.
  (cd "$(dirname "$exe")" && wine "$exe" -test.run "$run" -test.v 2>&1 | tr -d '\r' | grep -E '^(--- |ok|PASS|FAIL|panic)' )
done
