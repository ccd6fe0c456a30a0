# kube-apidocs — run `make help` for the targets.
GO      ?= go
BIN     := bin/kube-apidocs
PKGS    := ./...
# axe-core, pinned by hack/axe/package-lock.json, for the site's accessibility test
# (cmd/kube-apidocs/axe_test.go); make test installs it when missing or when the lock file changes.
AXE     := hack/axe/node_modules/axe-core/axe.min.js
# Everything but the race run builds as .goreleaser.yaml builds the releases, without cgo: a static binary, and
# one set of compiled packages for it, lint and the tests (the race detector needs cgo: test-race sets it).
export CGO_ENABLED ?= 0

.PHONY: help build test test-race test-oracle bench lint site bench-site e2e fuzz bench-process axe kubectl release-check ssg

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z0-9_-]+:.*## / {printf "  %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

build: ## Build bin/kube-apidocs
	$(GO) build -o $(BIN) ./cmd/kube-apidocs

# The real kubectl of each bundled recording's minor, the oracle of the parity tests: the machine's (kubectl on
# PATH with kubectl.1.NN beside it), else built once from k8s.io/kubernetes into the cache (a stock Debian has none).
KUBECTL_VERSIONS := 1.29.6 1.30.14 1.31.14 1.32.13 1.33.13
WITH_KUBECTL = p=$$(hack/kube-apiserver.sh kubectl-path $(KUBECTL_VERSIONS)) && PATH="$$p"

kubectl: ## Make sure the kubectl of each recording's minor exists (builds the missing ones into the cache)
	@$(WITH_KUBECTL) sh -c 'command -v kubectl'

# -vet=off: lint, which test runs first, has vetted every package (go test's own vet is a subset of it).
# GORACE atexit_sleep_ms=0: the race detector would sleep a second before each test binary exits (a race
# found still fails the package).
# The two halves run side by side, in a scratch folder on tmpfs (TEST_TMP) that is removed afterwards: the
# tests and kubectl write and delete many files (one kubectl api-resources on the 1,000-CRD recording writes
# 770 cache files, a site of it 2,878), and on a disk mounted with online discard that alone made make test
# 118 s instead of 100 here.
TEST_TMP ?= /dev/shm
test: lint $(AXE) ## Run every offline test, with the race detector but for the oracle comparisons (parity with real kubectl included)
	@tmp=$$(mktemp -d "$(TEST_TMP)/kube-apidocs-test.XXXXXX" 2>/dev/null || mktemp -d) && \
	trap 'rm -rf "$$tmp"' EXIT && trap 'exit 130' INT TERM && \
	TMPDIR="$$tmp" $(MAKE) --no-print-directory -j2 test-race test-oracle

# The oracle comparisons: the tests whose cost is checking our output, over every recording, against
# another program's or an independent computation's — kubectl's api-resources, api-versions and
# explain, the kind trees the field pages must list, the field diffs worked out from the raw OpenAPI
# documents. They test output, not concurrency, and the code paths they run are run under the race
# detector by the other tests (api-resources and explain in process and live, generate --fields, diff
# with fields, the loader and the fast path on the real-world recordings), where it would make them 4
# to 10 times dearer: test-race skips them, test-oracle runs them without it. One list, so that none
# can fall between the two.
ORACLE_TESTS := ^(TestParityWithKubectl|TestExplainParityWithKubectl|TestRecordedKubectlOutputs|TestRealWorldRecordings|TestSiteFieldsEveryKind|TestExplainRecursiveParity|TestFieldDiffRecorded|TestFieldDiffReleases|TestFieldDiffCRDs)$$

test-race:
	$(WITH_KUBECTL) CGO_ENABLED=1 GORACE=atexit_sleep_ms=0 $(GO) test -race -count=1 -vet=off -skip '$(ORACLE_TESTS)' $(PKGS)

test-oracle:
	$(WITH_KUBECTL) $(GO) test -count=1 -vet=off -run '$(ORACLE_TESTS)' ./cmd/kube-apidocs ./generator/openapi ./generator/diff

axe: $(AXE) ## Install axe-core for the accessibility test (npm ci --prefix hack/axe)

$(AXE): hack/axe/package.json hack/axe/package-lock.json
	npm ci --prefix hack/axe --ignore-scripts --no-audit --no-fund
	@touch $@

bench: ## Benchmarks: go test -bench plus whole-process timings against kubectl
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)
	$(MAKE) --no-print-directory bench-site
	$(MAKE) --no-print-directory bench-process

lint: ## go vet and a gofmt check
	$(GO) vet $(PKGS)
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

# --- documentation site (issue 3) ---
# The older bundled releases the committed site compares builtin with (versions page, "since").
SITE_COMPARE ?= fixtures/v1.29.6 fixtures/v1.30.14 fixtures/v1.31.14 fixtures/v1.32.13

site: ## Regenerate the committed site/ from the bundled recording, compared with the other bundled releases
	$(GO) run ./cmd/kube-apidocs generate --fixtures builtin $(addprefix --compare ,$(SITE_COMPARE)) --out site

bench-site: build ## Wall time and peak RSS of generate for each recording (/usr/bin/time)
	@for fx in v1.29.6 v1.33.13 v1.33.13-crds; do \
	  rm -rf /tmp/kube-apidocs-bench-$$fx; \
	  /usr/bin/time -f "generate $$fx: %e s wall, %M KB peak RSS" $(BIN) generate --fixtures fixtures/$$fx --out /tmp/kube-apidocs-bench-$$fx >/dev/null; \
	  rm -rf /tmp/kube-apidocs-bench-$$fx; \
	done

# --- the Markdown in static site generators (issue 13) ---
# Docusaurus 3 (classic preset), pinned by hack/ssg/docusaurus/package-lock.json; make ssg installs it when
# missing or when the lock file changes. Hugo (Debian's), mkdocs and mkdocs-material come from apt (.ci/run);
# the current Hugo is built once from its Go module into the cache (hack/ssg/hugo.sh).
DOCUSAURUS := hack/ssg/docusaurus/node_modules/@docusaurus/core/package.json

ssg: $(DOCUSAURUS) ## Build the Markdown with Hugo (Debian's and current), MkDocs and Docusaurus; check links, warnings, hostile text in Chromium
	hack/ssg/all.sh

$(DOCUSAURUS): hack/ssg/docusaurus/package.json hack/ssg/docusaurus/package-lock.json
	npm ci --prefix hack/ssg/docusaurus --ignore-scripts --no-audit --no-fund
	@touch $@

# Live tests: a real kube-apiserver (built once from the Go module k8s.io/kubernetes into
# $${KUBE_APIDOCS_CACHE:-$$HOME/.cache/kube-apidocs}) and Debian's etcd on 127.0.0.1.
# Ports: APISERVER_PORT (16443), ETCD_PORT (12379-12381). Needs etcd-server, openssl, jq, curl, kubectl.
KUBE_VERSION ?= 1.33.13

e2e: ## Live tests against a real kube-apiserver + etcd (the first run builds kube-apiserver)
	hack/kube-apiserver.sh build $(KUBE_VERSION) >/dev/null
	$(GO) vet -tags e2e ./e2e/...
	$(WITH_KUBECTL) KUBE_APIDOCS_E2E_VERSION=$(KUBE_VERSION) $(GO) test -count=1 -tags e2e -timeout 30m ./e2e/...

# --- hardening (issue 6) ---
FUZZTIME ?= 30s
# package:target; crashers land in the package's testdata/fuzz
FUZZ_TARGETS := recording:FuzzLoadAggregated recording:FuzzLoadLegacy recording:FuzzRender \
	openapi:FuzzKinds source:FuzzFastPath

fuzz: ## Run each fuzz target for FUZZTIME (default 30s); crashers land in the package's testdata/fuzz
	@for pt in $(FUZZ_TARGETS); do \
		p=$${pt%%:*}; t=$${pt#*:}; \
		echo "== $$t in generator/$$p ($(FUZZTIME))"; \
		GO="$(GO)" hack/fuzz.sh ./generator/$$p "$$t" $(FUZZTIME) || exit 1; \
	done

bench-process: ## api-resources vs kubectl through serve, whole process (hack/bench.sh; RUNS=15)
	hack/bench.sh

# --- releases (issue 16) ---
# GoReleaser v2.15.1 (hack/goreleaser.sh builds it once into the cache), krew v0.4.3's validator and krew itself
# (hack/krewcheck, a module of its own: krew requires client-go v11.0.0+incompatible).
release-check: ## goreleaser check, a snapshot of the six release archives into dist/, krew's validator and krew install of each
	hack/goreleaser.sh snapshot
	@# plugins/apidocs.yaml filled from dist/checksums.txt, validated, installed per platform, run through kubectl
	$(WITH_KUBECTL) $(GO) -C hack/krewcheck test -count=1 ./...
