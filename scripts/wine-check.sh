#!/usr/bin/env bash
# The Windows installer under Wine, as an officer without administrator
# rights and with a Chinese user name (张三) would meet it:
#   1. govbuy-setup.exe /S installs into %LocalAppData%\Programs\govbuy, with
#      the shortcuts and the entry in the user's Apps list;
#   2. the shortcut's target loads the demo, writes the report to, and opens
#      its window on, a database in C:\财政局 资料\ (Chinese, with a space);
#   3. without OpenGL it shows the message box and logs why beside the
#      database instead of hanging;
#   4. uninstall.exe /S removes the program, the shortcuts and the entry,
#      and leaves both databases (that folder's and %AppData%\govbuy's).
# Leaves screenshots in $OUT (default a temp folder).
#   scripts/wine-check.sh [dist/govbuy-setup.exe]
set -euo pipefail
cd "$(dirname "$0")/.."
setup=$(realpath "${1:-dist/govbuy-setup.exe}")
. scripts/xvfb.sh
. scripts/wine/prefix.sh
prefix=$(mktemp -d)
out=${OUT:-$prefix}
# Wine names the Windows profile after $USER, and writes Chinese file names
# only under a UTF-8 locale the system has.
export LANG=C.UTF-8 USER=张三
cleanup() {
  wineserver -k 2>/dev/null || true
  stop_xvfb
  [ -n "${noglx_pid:-}" ] && kill "$noglx_pid" 2>/dev/null || true
  [ -z "${OUT:-}" ] && rm -rf "$prefix"
  return 0
}
trap cleanup EXIT
fail() { echo "wine-check: $*" >&2; exit 1; }
step() { echo "wine-check: $*"; }

DISPLAY=$(start_xvfb)
export DISPLAY
new_wine_prefix "$prefix/wine"

profile="$WINEPREFIX/drive_c/users/$USER"
inst="$profile/AppData/Local/Programs/govbuy"
menu="$profile/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/政府购买服务管理.lnk"
desk="$profile/Desktop/政府购买服务管理.lnk"
key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\govbuy'

wine "$setup" /S || fail "setup /S exited $?"
wineserver -w
[ -f "$inst/govbuy.exe" ] && [ -f "$inst/uninstall.exe" ] || fail "nothing in $inst"
[ -f "$menu" ] && [ -f "$desk" ] || fail "shortcuts missing"
# grep reads to the end (no -q): under pipefail a writer cut short by
# SIGPIPE would fail the check.
wine reg query "$key" /v UninstallString 2>/dev/null | grep 'uninstall.exe' >/dev/null || fail "no Apps entry"
step "1. installed without administrator rights into $(wine winepath -w "$inst" 2>/dev/null | tr -d '\r')"

# The shortcut's target, as the shell link stores it in UTF-16 (its ANSI
# copy turns the Chinese user name into ??, and strings(1) stops at it).
target=$(python3 -c '
import re, sys
data = open(sys.argv[1], "rb").read()
for start in (0, 1):
    text = data[start:].decode("utf-16-le", "replace")
    found = re.search(r"[A-Za-z]:\\[^\x00\ufffd]*?govbuy\.exe", text, re.I)
    if found:
        print(found.group(0))
        break
' "$menu") && [ -n "$target" ] || fail "no target in the shortcut"
target_unix=$(winepath -u "$target" 2>/dev/null | tr -d '\r')
[ "$(realpath "$target_unix")" = "$(realpath "$inst/govbuy.exe")" ] || fail "shortcut points at $target"
data="$WINEPREFIX/drive_c/财政局 资料"
mkdir -p "$data"
db='C:\财政局 资料\政府购买服务.db'
wine "$target" --db "$db" demo >/dev/null
wine "$target" --db "$db" report --year 2024 --pdf 'C:\财政局 资料\年度报告.pdf'
pdftotext "$data/年度报告.pdf" - | grep '云溪区' >/dev/null || fail "the report in $data lacks the district"
wine "$target" demo >/dev/null # the default database, %AppData%\govbuy\govbuy.db
wine "$target" --db "$db" >"$out/window.log" 2>&1 &
found=""
for _ in $(seq 240); do
  found=$(xdotool search --name '^政府购买服务管理' 2>/dev/null | head -n1 || true)
  [ -n "$found" ] && break
  sleep 0.5
done
[ -n "$found" ] || { cat "$out/window.log" >&2; fail "the window did not appear"; }
sleep 5
import -window root "$out/wine-window.png"
wineserver -k; wineserver -w || true
step "2. shortcut target $target opened its window on $db (screenshot $out/wine-window.png)"

# 3. A display without OpenGL: the message box, not a hang.
noglx_fd=$(mktemp)
Xvfb -displayfd 3 -screen 0 1366x768x24 -extension GLX -nolisten tcp -noreset 3>"$noglx_fd" >/dev/null 2>&1 &
noglx_pid=$!
for _ in $(seq 50); do [ -s "$noglx_fd" ] && break; sleep 0.1; done
noglx=":$(head -n1 "$noglx_fd")"
DISPLAY=$noglx wine "$target" --db "$db" >"$out/noglx.log" 2>&1 &
box=""
for _ in $(seq 120); do
  box=$(DISPLAY=$noglx xdotool search --name '^政府购买服务管理$' 2>/dev/null | head -n1 || true)
  [ -n "$box" ] && break
  sleep 0.5
done
[ -n "$box" ] || { cat "$out/noglx.log" >&2; fail "no message box without OpenGL"; }
sleep 2
DISPLAY=$noglx import -window root "$out/wine-no-opengl.png"
grep -q 'opengl32.dll' "$data/govbuy-启动.log" || fail "no reason in $data/govbuy-启动.log"
wineserver -k; wineserver -w || true
step "3. without OpenGL: message box (screenshot $out/wine-no-opengl.png), reason in govbuy-启动.log"

DISPLAY=$DISPLAY wine "$inst/uninstall.exe" /S
wineserver -w
sleep 2; wineserver -w # the uninstaller runs from a copy of itself in %TEMP%
[ ! -e "$inst/govbuy.exe" ] && [ ! -e "$menu" ] && [ ! -e "$desk" ] || fail "the uninstaller left the program or a shortcut"
! wine reg query "$key" >/dev/null 2>&1 || fail "the Apps entry is still there"
[ -f "$data/政府购买服务.db" ] && [ -f "$profile/AppData/Roaming/govbuy/govbuy.db" ] || fail "the uninstaller removed data"
step "4. uninstalled; both databases kept"
echo "wine-check: all passed"
