#!/usr/bin/env bash
# make bench: the performance figures of DESIGN.md, measured here and now.
#  - store: a filtered, sorted page of 100,000 contracts; the year's report model
#  - reports: the demo year's xlsx + pdf; a year of 100,000 contracts
#  - the report command end to end on 100,000 contracts (model + both files)
#  - importer: a 100,000-row ledger against the floors (streaming read + one
#    prepared insert in one transaction, into a plain table and into
#    govbuy's own schema)
#  - the store's page, report and workbench, and the import, against a
#    PostgreSQL server where one can be started
#  - window: time to a usable window and resident memory on 100,000 contracts
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/xvfb.sh
export LANG=zh_CN.UTF-8
work=$(mktemp -d)
trap 'rm -rf "$work"; stop_xvfb' EXIT

bench() { # package, benchtime
  echo "== $1"
  CGO_ENABLED=0 go test -tags ci -run '^$' -bench . -benchtime "$2" -benchmem "$1" | grep -E '^(Benchmark|ok|FAIL)' | tee -a "$work/bench.txt"
}
bench ./store/ 5x
bench ./reports/ 3x
bench ./importer/ 3x

echo "== govbuy report --year 2024 --xlsx --pdf on 100,000 contracts (target < 2 s)"
CGO_ENABLED=0 go test -tags ci -run '^$' -bench 'ReportCommand100k' -benchtime 3x ./cmd/govbuy/ | grep -E '^(Benchmark|ok|FAIL)'

echo "== import of a 100,000-row ledger against the floor"
CGO_ENABLED=0 go test -tags ci -run '^$' -bench 'Import100k$' -benchtime 3x ./cmd/govbuy/ | grep -E '^(Benchmark|ok|FAIL)' | tee "$work/import.txt"
awk '{ for (i = 2; i <= NF; i++) m[$i] = $(i-1) } END {
	printf "import ratio: %.2f × the plain floor, the median of the pairs (target ≤ 1.2); %.2f × over the totals; peak heap %.0f MB (target < 200)\n", m["median-ratio"], m["govbuy-s"]/m["floor-plain-s"], m["peak-heap-MB"]
	if (m["floor-schema-s"] > 0) printf "import ratio: %.2f × the floor over govbuy'"'"'s schema\n", m["govbuy-s"]/m["floor-schema-s"]
}' "$work/import.txt"

if command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "== the same against a PostgreSQL server (the 100,000 contracts migrated into it; targets as above)"
  GOVBUY_TEST_STORE=postgres CGO_ENABLED=0 go test -run '^$' -bench 'FindContractsPage|Report100k|Workbench100k' -benchtime 5x ./store/ | grep -E '^(Benchmark|ok|FAIL)|seeded|migrated'
  CGO_ENABLED=0 go test -tags ci -run '^$' -bench 'Import100kServer' -benchtime 2x ./cmd/govbuy/ | grep -E '^(Benchmark|ok|FAIL)'
fi

echo "== window on 100,000 contracts"
go build -tags "$(make -s print-tags)" -o "$work/govbuy" ./cmd/govbuy
go run ./internal/seed -n 100000 "$work/big.db"
display=$(start_xvfb)
: >"$work/gui.log"
GOVBUY_TRACE_STARTUP=1 DISPLAY=$display "$work/govbuy" --db "$work/big.db" 2>"$work/gui.log" &
app=$!
for _ in $(seq 100); do grep -q 'startup:' "$work/gui.log" && break; sleep 0.1; done
grep 'startup:' "$work/gui.log" || { echo "window did not report ready"; cat "$work/gui.log"; }
sleep 3 # let the first screens settle before reading memory
echo "resident memory: $(awk '/VmRSS/ {printf "%.0f MB", $2/1024}' /proc/$app/status) (peak $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$app/status); includes Mesa's software renderer under Xvfb)"
kill "$app"
wait "$app" 2>/dev/null || true # it writes the day's backup as it closes
