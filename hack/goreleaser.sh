#!/usr/bin/env bash
# goreleaser.sh — GoReleaser, pinned, built once from its Go module into the cache.
#
# Usage:
#   hack/goreleaser.sh            prints the binary's path (building it the first time)
#   hack/goreleaser.sh snapshot   goreleaser check, then goreleaser release --snapshot --clean: the six platforms'
#                                 binaries, their archives and checksums.txt into dist/, nothing published
#                                 (make release-check runs it)
# Env:   KUBE_APIDOCS_CACHE  cache root (default $HOME/.cache/kube-apidocs); the binary is
#                            $KUBE_APIDOCS_CACHE/goreleaser-vVERSION/goreleaser
#        GORELEASER_VERSION  default 2.15.1 (the version .goreleaser.yaml is checked with)
set -euo pipefail

CACHE="${KUBE_APIDOCS_CACHE:-$HOME/.cache/kube-apidocs}"
VERSION="${GORELEASER_VERSION:-2.15.1}"
[[ "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "goreleaser.sh: version must look like 2.15.1, got \"$VERSION\"" >&2; exit 1; }
out="$CACHE/goreleaser-v$VERSION"

# snapshot GORELEASER: GoReleaser reads the commit (stamped into the binaries) only from a clone with a remote;
# a checkout without one gets the project's URL for this run only, through git's environment configuration.
snapshot() {
  cd "$(dirname "$0")/.."
  if [ -z "$(git remote)" ]; then
    export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=remote.origin.url GIT_CONFIG_VALUE_0=https://github.com/kube-apidocs/kube-apidocs.git
  fi
  "$1" check
  "$1" release --snapshot --clean
}

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
case "${1:-}" in
  "") echo "$out/goreleaser" ;;
  snapshot) snapshot "$out/goreleaser" ;;
  *) echo "usage: goreleaser.sh [snapshot]" >&2; exit 1 ;;
esac
