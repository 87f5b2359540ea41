#!/usr/bin/env bash
# Runs the path tests of cmd/govbuy as a Windows program under Wine,
# so paths with backslashes, drive letters, Chinese folder names with spaces
# and a Chinese user name (张三) are tested on the separator they meet on the
# officer's PC. The test binary is cross-compiled without cgo (-tags ci).
# Only these tests: under Wine 8 Go's os.RemoveAll fails, so every other
# test's t.TempDir cleanup would.
#   scripts/wine-tests.sh [-test.run regexp]
set -euo pipefail
cd "$(dirname "$0")/.."
run=${1:-'TestChineseFolders|TestDatabasePath|TestProbeWithTimeout|TestNoOpenGLMessage'}
. scripts/wine/prefix.sh
work=$(mktemp -d)
# Wine writes Chinese file names only under a UTF-8 locale the system has.
export USER=张三 LANG=C.UTF-8
trap 'wineserver -k 2>/dev/null || true; rm -rf "$work"' EXIT
new_wine_prefix "$work/prefix"
exe="$work/govbuy.test.exe"
GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go test -c -tags ci -o "$exe" ./cmd/govbuy
echo "== cmd/govbuy under Wine"
# Temporary folders are the profile's: C:\users\张三\Temp\….
(cd "$work" && wine "$exe" -test.run "$run" -test.v 2>&1 | tr -d '\r' | grep -E '^(--- |ok|PASS|FAIL|panic)')
