#!/usr/bin/env bash
# goreleaser.sh — GoReleaser, pinned, built once from its Go module into the cache; prints the binary's path.
#
# Usage: hack/goreleaser.sh            (make release-check runs it)
# Env:   KUBE_APIDOCS_CACHE  cache root (default $HOME/.cache/kube-apidocs); the binary is
#                            $KUBE_APIDOCS_CACHE/goreleaser-vVERSION/goreleaser
#        GORELEASER_VERSION  default 2.15.1 (the version .goreleaser.yaml is checked with)
set -euo pipefail

CACHE="${KUBE_APIDOCS_CACHE:-$HOME/.cache/kube-apidocs}"
VERSION="${GORELEASER_VERSION:-2.15.1}"
[[ "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "goreleaser.sh: version must look like 2.15.1, got \"$VERSION\"" >&2; exit 1; }
out="$CACHE/goreleaser-v$VERSION"
if [ ! -x "$out/goreleaser" ]; then
  mkdir -p "$out"
  exec 9>"$out/.lock"
  flock 9 # one build at a time; a second caller waits and then reuses the binary
  if [ ! -x "$out/goreleaser" ]; then
    echo "goreleaser.sh: building GoReleaser v$VERSION from its Go module (once; several CPU-minutes)" >&2
    # outside the checkout: go install pkg@version uses GoReleaser's own go.mod, not this module's
    (cd "$out" && GOBIN="$out" nice -n 19 go install "github.com/goreleaser/goreleaser/v2@v$VERSION") >&2
  fi
fi
echo "$out/goreleaser"
