# govbuy — the two commands in the README do all set-up:
#   make run    install what is missing, build, open the window
#   make test   the whole suite and go vet
SHELL := /bin/bash
export LANG := zh_CN.UTF-8

VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT  ?= $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
LDFLAGS := -X main.version=$(VERSION) -X main.commit=$(COMMIT)
# The packages' version: FyneApp.toml's, numeric as installers want it.
PKG_VERSION := $(shell sed -n 's/^Version = "\(.*\)"/\1/p' FyneApp.toml)
# migrated_fynedo: widgets are updated from goroutines only through fyne.Do.
# no_emoji: leaves out Fyne's 4 MB colour-emoji font, which nothing in the
# window shows but which Fyne parses once per text style (~13 MB of heap).
TAGS    := migrated_fynedo,no_emoji
FUZZTIME ?= 3s

.PHONY: run build test vet fuzz windows deb wine-check bench print-tags clean

run: build
	./govbuy

build:
	@scripts/deps.sh build
	go build -tags $(TAGS) -ldflags "$(LDFLAGS)" -o govbuy ./cmd/govbuy

# UI tests run on Fyne's headless driver (-tags ci), so the suite needs no
# GL headers and no X server.
test: vet
	@scripts/deps.sh test
	CGO_ENABLED=0 go test -tags ci -count=1 ./...
	@# The store suite again, against a PostgreSQL server it starts itself,
	@# where the server's programs are installed (scripts/deps.sh test does).
	@if command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		echo "store suite against PostgreSQL:"; \
		GOVBUY_TEST_STORE=postgres CGO_ENABLED=0 go test -count=1 ./store; \
	else echo "store suite against PostgreSQL: skipped, initdb not installed (scripts/deps.sh test installs it)"; fi
	$(MAKE) --no-print-directory fuzz

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt: files above need formatting"; exit 1; }
	CGO_ENABLED=0 go vet -tags ci ./...

# Each fuzz target runs briefly; go test accepts one -fuzz target at a time.
fuzz:
	@set -e; for spec in $$(scripts/fuzz-targets.sh); do \
		pkg=$${spec%%:*}; target=$${spec##*:}; \
		echo "fuzz $$pkg $$target ($(FUZZTIME))"; \
		CGO_ENABLED=0 go test -tags ci -run '^$$' -fuzz "^$$target\$$" -fuzztime $(FUZZTIME) $$pkg >/dev/null; \
	done

# windows: govbuy.exe (GUI subsystem, icon and version in its resources),
# then dist/govbuy-setup.exe (per-user installer) and dist/govbuy-windows.zip.
windows:
	@scripts/deps.sh windows
	scripts/windows-resources.sh $(PKG_VERSION) $(COMMIT)
	CC=x86_64-w64-mingw32-gcc CGO_ENABLED=1 GOOS=windows GOARCH=amd64 \
		go build -tags $(TAGS) -ldflags "$(LDFLAGS) -H=windowsgui" -o govbuy.exe ./cmd/govbuy
	scripts/package-windows.sh $(PKG_VERSION) govbuy.exe

# wine-check: installs dist/govbuy-setup.exe silently under Wine, starts the
# shortcut's target on a database in a Chinese folder with a space, and
# uninstalls, checking the data stays (run after make windows).
wine-check:
	@scripts/deps.sh wine
	scripts/wine-check.sh

# deb: dist/govbuy_VERSION_amd64.deb and _arm64.deb for glibc 2.28 and later
# (统信UOS, 银河麒麟), the arm64 binary checked under qemu-user.
deb:
	@scripts/deps.sh deb
	scripts/package-deb.sh $(PKG_VERSION) "$(LDFLAGS)" $(TAGS)

bench:
	@scripts/bench.sh

# print-tags: the build tags, so make bench measures the binary make build makes.
print-tags:
	@echo $(TAGS)

clean:
	rm -rf govbuy govbuy.exe cmd/govbuy/*.syso dist
