#!/usr/bin/env bash
# hugo.sh — a current Hugo for make ssg, beside Debian's (0.111, old): built once from its Go module
# github.com/gohugoio/hugo at HUGO_VERSION into $KUBE_APIDOCS_CACHE/hugo-vVERSION/hugo (the standard
# edition: CGO off, so no C toolchain is needed), niced, since it is big. Prints the binary's path.
#
# Usage: hack/ssg/hugo.sh [VERSION]   (default 0.165.0, the newest whose go.mod this Go can build)
set -euo pipefail
v="${1:-0.165.0}"
[[ "$v" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "hugo.sh: version must look like 0.165.0, got \"$v\"" >&2; exit 1; }
out="${KUBE_APIDOCS_CACHE:-$HOME/.cache/kube-apidocs}/hugo-v$v"
if [ -x "$out/hugo" ]; then echo "$out/hugo"; exit 0; fi
mkdir -p "$out"
exec 9>"$out/.lock"
flock 9 # one build at a time; a second caller waits and then reuses the binary
if [ ! -x "$out/hugo" ]; then
  echo "hugo.sh: building Hugo v$v from github.com/gohugoio/hugo into $out (several CPU-minutes, once)" >&2
  GOBIN="$out" CGO_ENABLED=0 GOFLAGS=-mod=mod GOTOOLCHAIN=local nice -n 19 go install "github.com/gohugoio/hugo@v$v" >&2
fi
echo "$out/hugo"
