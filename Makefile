# govbuy — the two commands in the README do all set-up:
#   make run    install what is missing, build, open the window
#   make test   the whole suite and go vet
SHELL := /bin/bash
export LANG := zh_CN.UTF-8

VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT  ?= $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
LDFLAGS := -X main.version=$(VERSION) -X main.commit=$(COMMIT)
# migrated_fynedo: widgets are updated from goroutines only through fyne.Do.
# no_emoji: leaves out Fyne's 4 MB colour-emoji font, which nothing in the
# window shows but which Fyne parses once per text style (~13 MB of heap).
TAGS    := migrated_fynedo,no_emoji
FUZZTIME ?= 3s

.PHONY: run build test vet fuzz windows bench print-tags clean

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

windows:
	@scripts/deps.sh windows
	scripts/windows-icon.sh
	CC=x86_64-w64-mingw32-gcc CGO_ENABLED=1 GOOS=windows GOARCH=amd64 \
		go build -tags $(TAGS) -ldflags "$(LDFLAGS) -H=windowsgui" -o govbuy.exe ./cmd/govbuy

bench:
	@scripts/bench.sh

# print-tags: the build tags, so make bench measures the binary make build makes.
print-tags:
	@echo $(TAGS)

clean:
	rm -f govbuy govbuy.exe cmd/govbuy/*.syso
