# kube-apidocs — run `make help` for the targets.
GO      ?= go
BIN     := bin/kube-apidocs
PKGS    := ./...

.PHONY: help build test bench lint fuzz

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

build: ## Build bin/kube-apidocs
	$(GO) build -o $(BIN) ./cmd/kube-apidocs

test: lint ## Run every offline test with the race detector (parity with real kubectl included)
	$(GO) test -race -count=1 $(PKGS)

bench: ## Benchmarks: go test -bench plus whole-process timings against kubectl
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

lint: ## go vet and a gofmt check
	$(GO) vet $(PKGS)
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

FUZZTIME ?= 30s
FUZZ_TARGETS := FuzzLoadAggregated FuzzLoadLegacy FuzzRender

fuzz: ## Run each fuzz target for FUZZTIME (default 30s); crashers land in generator/source/testdata/fuzz
	@for t in $(FUZZ_TARGETS); do \
		echo "== $$t ($(FUZZTIME))"; \
		$(GO) test -run '^$$' -fuzz "^$$t\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./generator/source || exit 1; \
	done
