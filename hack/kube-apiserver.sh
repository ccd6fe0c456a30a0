#!/usr/bin/env bash
# kube-apiserver.sh — a real, loopback-only kube-apiserver + etcd for the live (e2e) tests.
#
# Usage:
#   hack/kube-apiserver.sh build [VERSION]          build (or reuse) kube-apiserver VERSION (default 1.33.13);
#                                                   prints the binary path on stdout
#   hack/kube-apiserver.sh up STATE_DIR [VERSION]   start etcd + kube-apiserver; writes STATE_DIR/kubeconfig
#   hack/kube-apiserver.sh down STATE_DIR           stop both (by the PIDs in STATE_DIR/pids)
#
# Env:
#   KUBE_APIDOCS_CACHE  cache root (default $HOME/.cache/kube-apidocs); binaries live in
#                       $KUBE_APIDOCS_CACHE/kube-apiserver-vVERSION/kube-apiserver, so a second run does not rebuild
#   APISERVER_PORT      secure port (default 16443)
#   ETCD_PORT           etcd client port (default 12379; peer = +1, metrics = +2)
#   ETCD                etcd binary (default: etcd on PATH, else /usr/bin/etcd; Debian package etcd-server)
#   BUILD_TAGS          Go build tags (1.29.x needs providerless: a cloud-provider module is not served by the proxy)
#
# Everything generated (CA and serving keys, the random token, the kubeconfig, logs, etcd data) goes under
# STATE_DIR, which should be a temporary directory; the token is never printed.
set -euo pipefail

CACHE="${KUBE_APIDOCS_CACHE:-$HOME/.cache/kube-apidocs}"
DEFAULT_VERSION=1.33.13

die() { echo "kube-apiserver.sh: $*" >&2; exit 1; }

check_version() {
  [[ "$1" =~ ^1\.[0-9]+\.[0-9]+$ ]] || die "version must look like 1.33.13, got \"$1\""
}

# write_wrapper VERSION DIR: a Go module that requires k8s.io/kubernetes vVERSION and pins every staging
# module (required at v0.0.0 and replaced by ./staging/... upstream) to the matching v0.MINOR.PATCH release.
write_wrapper() {
  local v="$1" dir="$2" sv="v0.${1#1.}" modfile goline m
  mkdir -p "$dir"
  modfile=$(cd "$dir" && GOFLAGS=-mod=mod go mod download -json "k8s.io/kubernetes@v$v" | jq -r .GoMod)
  [ -s "$modfile" ] || die "go mod download k8s.io/kubernetes@v$v gave no go.mod"
  cp "$modfile" "$dir/kubernetes.go.mod.orig"
  goline=$(grep -m1 -E '^go ' "$dir/kubernetes.go.mod.orig")
  {
    echo "module kube-apidocs/kube-apiserver-build"
    echo
    echo "$goline"
    grep -m1 -E '^godebug ' "$dir/kubernetes.go.mod.orig" || true
    echo
    echo "require k8s.io/kubernetes v$v"
    echo
    echo "replace ("
    for m in $(awk '/=> \.\/staging/ {print $1}' "$dir/kubernetes.go.mod.orig"); do
      if grep -qE "^[[:space:]]+$m v0\.0\.0" "$dir/kubernetes.go.mod.orig"; then
        printf '\t%s => %s %s\n' "$m" "$m" "$sv"
      fi
    done
    echo ")"
  } > "$dir/go.mod"
  printf '//go:build tools\n\npackage tools\n\nimport _ "k8s.io/kubernetes/cmd/kube-apiserver"\n' > "$dir/tools.go"
}

cmd_build() {
  local v="${1:-$DEFAULT_VERSION}" out dir tags ldf p date
  check_version "$v"
  out="$CACHE/kube-apiserver-v$v"
  if [ -x "$out/kube-apiserver" ]; then echo "$out/kube-apiserver"; return; fi
  command -v jq >/dev/null || die "jq is required (apt-get install jq)"
  mkdir -p "$out"
  exec 9>"$out/.lock"
  flock 9 # one build per version at a time; a second caller waits and then reuses the binary
  if [ -x "$out/kube-apiserver" ]; then echo "$out/kube-apiserver"; return; fi
  dir="$out/wrapper"
  rm -rf "$dir"
  write_wrapper "$v" "$dir"
  tags="${BUILD_TAGS:-}"
  case "$v" in 1.29.*) tags="${tags:-providerless}" ;; esac
  date=$(cd "$dir" && GOFLAGS=-mod=mod go list -m -json "k8s.io/kubernetes@v$v" | jq -r .Time | sed 's/\.[0-9]*Z$/Z/')
  ldf=""
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldf="$ldf -X $p.gitVersion=v$v -X $p.gitMajor=1 -X $p.gitMinor=$(echo "$v" | cut -d. -f2)"
    ldf="$ldf -X $p.gitCommit=unknown -X $p.gitTreeState=clean -X $p.buildDate=${date:-1970-01-01T00:00:00Z}"
  done
  echo "building kube-apiserver v$v into $out (a few minutes, about 2 GB of memory)..." >&2
  if ! (cd "$dir" && GOFLAGS=-mod=mod go build -trimpath -tags "$tags" -ldflags "-s -w $ldf" \
        -o "$out/kube-apiserver.tmp" k8s.io/kubernetes/cmd/kube-apiserver) > "$out/build.log" 2>&1; then
    tail -20 "$out/build.log" >&2
    rm -f "$out/kube-apiserver.tmp"
    die "building kube-apiserver v$v failed; full log: $out/build.log"
  fi
  mv "$out/kube-apiserver.tmp" "$out/kube-apiserver"
  echo "$out/kube-apiserver"
}

main() {
  case "${1:-}" in
    build) shift; cmd_build "$@" ;;
    up) shift; cmd_up "$@" ;;
    down) shift; cmd_down "$@" ;;
    *) die "usage: kube-apiserver.sh build [VERSION] | up STATE_DIR [VERSION] | down STATE_DIR" ;;
  esac
}

main "$@"
