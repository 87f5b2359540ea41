#!/usr/bin/env bash
# Lists the fuzz targets of the module as PACKAGE:TARGET, one a line.
set -euo pipefail
cd "$(dirname "$0")/.."
git ls-files '*_test.go' | while read -r f; do
  { grep -oE '^func (Fuzz[A-Za-z0-9_]+)\(' "$f" || true; } | sed -E 's/^func (Fuzz[A-Za-z0-9_]+)\(/\1/' | while read -r t; do
    echo "./$(dirname "$f"):$t"
  done
done
