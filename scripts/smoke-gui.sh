#!/usr/bin/env bash
# Starts the real binary on the demo district under Xvfb and checks that its
# window appears and nothing panicked. Leaves a screenshot in $OUT (default
# a temp folder) so a person can look at what the app showed.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/xvfb.sh
bin=${1:-./govbuy}
work=$(mktemp -d)
out=${OUT:-$work}
export LANG=zh_CN.UTF-8

cleanup() {
  [ -n "${app:-}" ] && kill "$app" 2>/dev/null || true
  stop_xvfb
}
trap cleanup EXIT

"$bin" --db "$work/demo.db" demo
display=$(start_xvfb)

DISPLAY=$display "$bin" --db "$work/demo.db" >"$work/gui.log" 2>&1 &
app=$!
found=""
for _ in $(seq 120); do
  if ! kill -0 "$app" 2>/dev/null; then break; fi
  found=$(DISPLAY=$display xdotool search --name '政府购买服务管理' 2>/dev/null | head -n1 || true)
  [ -n "$found" ] && break
  sleep 0.25
done
if [ -z "$found" ]; then
  echo "smoke: the window did not appear" >&2
  cat "$work/gui.log" >&2
  exit 1
fi
sleep 2 # let the first page load and draw
DISPLAY=$display import -window root "$out/govbuy-window.png"
if ! kill -0 "$app" 2>/dev/null; then
  echo "smoke: the app exited" >&2; cat "$work/gui.log" >&2; exit 1
fi
if grep -E 'panic|fatal error|goroutine [0-9]+ \[' "$work/gui.log" >&2; then
  echo "smoke: the app panicked" >&2; exit 1
fi
echo "smoke: window “政府购买服务管理” is up; screenshot $out/govbuy-window.png"
