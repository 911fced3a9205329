# Stormwatch. The two set-up commands are `make run` and `make test`.

export PATH := $(PATH):/usr/local/go/bin
GO ?= go
FUZZTIME ?= 60s

.PHONY: run test deps build vet bench bench-ingest fuzz model clean

## run: start the server on 127.0.0.1:8080 with the demo workspace and live simulated traffic (data in ./data)
run:
	STORMWATCH_DEMO=$${STORMWATCH_DEMO:-true} $(GO) run ./cmd/stormwatch serve

## test: the whole suite (what .ci/run calls)
test: deps vet
	STORMWATCH_PDS_HARNESS=$(CURDIR)/scripts/pds $(GO) test -count=1 -timeout 20m ./...

## deps: what the tests need from Debian: chromium for the desk's browser tests (installed once);
## npm, python3, make and g++ for the local Bluesky PDS, whose Node and modules are cached by scripts/pds/install.sh
deps:
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)
	@missing=""; for t in npm python3 make g++; do command -v $$t >/dev/null || missing="$$missing $$t"; done; \
	if [ -n "$$missing" ]; then apt-get update && apt-get install -y $$missing; fi
	sh scripts/pds/install.sh

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed on:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...

build:
	$(GO) build -o bin/stormwatch ./cmd/stormwatch

## model: retrain the embedded model from ../shared/corpora (reproducible: same inputs, same bytes)
model:
	$(GO) run ./cmd/stormwatch-train -probes internal/eval/testdata/probes -tuning internal/detect/lexicon/testdata -independent internal/eval/testdata/independent
	$(GO) run ./cmd/stormwatch-train -corpora ../shared/corpora -out internal/detect/model/weights

## bench: the benchmarks (not part of make test)
bench: bench-ingest
	$(GO) test -run '^$$' -bench . -benchtime 2s ./...

bench-ingest:
	$(GO) run ./cmd/stormwatch bench ingest --items 50000 --batch 100 --concurrency 4

## fuzz: run every fuzz target for FUZZTIME each
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$t"; $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

clean:
	rm -rf bin data
