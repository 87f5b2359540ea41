#!/usr/bin/env bash
# Embeds the icon in govbuy.exe: rsrc writes a COFF resource object (.syso)
# that the Go linker picks up for GOOS=windows builds of cmd/govbuy.
set -euo pipefail
cd "$(dirname "$0")/.."
go run github.com/akavel/rsrc@v0.10.2 -arch amd64 -ico assets/icon.ico -o cmd/govbuy/rsrc_windows_amd64.syso
