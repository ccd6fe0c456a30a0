#!/usr/bin/env bash
# kube-apiserver.sh — a real, loopback-only kube-apiserver + etcd for the live (e2e) tests.
#
# Usage:
#   hack/kube-apiserver.sh build [VERSION]          build (or reuse) kube-apiserver VERSION (default 1.33.13);
#                                                   prints the binary path on stdout
#   hack/kube-apiserver.sh up STATE_DIR [VERSION]   start etcd + kube-apiserver; writes STATE_DIR/kubeconfig
#   hack/kube-apiserver.sh down STATE_DIR           stop both (by the PIDs in STATE_DIR/pids)
#   hack/kube-apiserver.sh build-kubectl [VERSION]  build (or reuse) kubectl VERSION the same way; prints its path
#   hack/kube-apiserver.sh kubectl-path VERSION...  prints a PATH under which `kubectl` and `kubectl.1.NN` (one per
#                                                   VERSION's minor) exist: $PATH itself when the machine has them
#                                                   (kubectl on PATH with kubectl.1.NN beside it, as the Google
#                                                   Cloud SDK ships them), else $PATH behind a cache folder of
#                                                   kubectls built from k8s.io/kubernetes (a stock Debian has none)
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
SELF="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
DEFAULT_VERSION=1.33.13

die() { echo "kube-apiserver.sh: $*" >&2; exit 1; }

check_version() {
  [[ "$1" =~ ^1\.[0-9]+\.[0-9]+$ ]] || die "version must look like 1.33.13, got \"$1\""
}

# write_wrapper VERSION DIR COMPONENT: a Go module that requires k8s.io/kubernetes vVERSION and pins every staging
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
  printf '//go:build tools\n\npackage tools\n\nimport _ "k8s.io/kubernetes/cmd/%s"\n' "$3" > "$dir/tools.go"
}

cmd_build() { build_component kube-apiserver "${1:-$DEFAULT_VERSION}"; }

cmd_build_kubectl() { build_component kubectl "${1:-$DEFAULT_VERSION}"; }

# build_component NAME VERSION: k8s.io/kubernetes/cmd/NAME at VERSION, built once into
# $CACHE/NAME-vVERSION/NAME (stamped with the version, as the release binaries are); prints the path.
build_component() {
  local name="$1" v="$2" out dir tags ldf p date
  check_version "$v"
  out="$CACHE/$name-v$v"
  if [ -x "$out/$name" ]; then echo "$out/$name"; return; fi
  command -v jq >/dev/null || die "jq is required (apt-get install jq)"
  mkdir -p "$out"
  exec 9>"$out/.lock"
  flock 9 # one build per version at a time; a second caller waits and then reuses the binary
  if [ -x "$out/$name" ]; then echo "$out/$name"; return; fi
  dir="$out/wrapper"
  rm -rf "$dir"
  write_wrapper "$v" "$dir" "$name"
  tags="${BUILD_TAGS:-}"
  case "$v" in 1.29.*) tags="${tags:-providerless}" ;; esac
  date=$(cd "$dir" && GOFLAGS=-mod=mod go list -m -json "k8s.io/kubernetes@v$v" | jq -r .Time | sed 's/\.[0-9]*Z$/Z/')
  ldf=""
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldf="$ldf -X $p.gitVersion=v$v -X $p.gitMajor=1 -X $p.gitMinor=$(echo "$v" | cut -d. -f2)"
    ldf="$ldf -X $p.gitCommit=unknown -X $p.gitTreeState=clean -X $p.buildDate=${date:-1970-01-01T00:00:00Z}"
  done
  echo "building $name v$v into $out (a few minutes, about 2 GB of memory)..." >&2
  if ! (cd "$dir" && GOFLAGS=-mod=mod go build -trimpath -tags "$tags" -ldflags "-s -w $ldf" \
        -o "$out/$name.tmp" "k8s.io/kubernetes/cmd/$name") > "$out/build.log" 2>&1; then
    tail -20 "$out/build.log" >&2
    rm -f "$out/$name.tmp"
    die "building $name v$v failed; full log: $out/build.log"
  fi
  mv "$out/$name.tmp" "$out/$name"
  echo "$out/$name"
}

# has_kubectls VERSION...: kubectl is on PATH and kubectl.1.NN of every VERSION's minor is beside it.
has_kubectls() {
  local k dir v
  k=$(command -v kubectl) || return 1
  dir=$(dirname "$(readlink -f "$k")")
  for v in "$@"; do [ -x "$dir/kubectl.1.$(echo "$v" | cut -d. -f2)" ] || return 1; done
}

cmd_kubectl_path() {
  [ $# -gt 0 ] || die "usage: kube-apiserver.sh kubectl-path VERSION..."
  if has_kubectls "$@"; then echo "$PATH"; return; fi
  local bin="$CACHE/kubectl-bin" v k newest=""
  mkdir -p "$bin"
  for v in "$@"; do
    k=$(cmd_build_kubectl "$v")
    ln -sf "$k" "$bin/kubectl.1.$(echo "$v" | cut -d. -f2)"
    newest="$k"
  done
  # a hard link, not a symlink: the tests look for kubectl.1.NN beside what `kubectl` resolves to
  ln -f "$newest" "$bin/kubectl"
  echo "$bin:$PATH"
}

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# make_pki DIR: a CA, a serving certificate for 127.0.0.1/localhost, a service-account key pair and a
# static token file with one random token in group system:masters.
make_pki() {
  local d="$1"
  mkdir -p "$d"; chmod 700 "$d"
  (
    cd "$d"
    umask 077
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 2 -subj "/CN=kube-apidocs-e2e-ca" 2>/dev/null
    printf '%s\n' 'basicConstraints=CA:FALSE' 'keyUsage=critical,digitalSignature,keyEncipherment' 'extendedKeyUsage=serverAuth' \
      'subjectAltName=IP:127.0.0.1,IP:10.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc' > server.ext
    openssl req -newkey rsa:2048 -nodes -keyout apiserver.key -out apiserver.csr -subj "/CN=kube-apiserver" 2>/dev/null
    openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out apiserver.crt -days 2 -extfile server.ext 2>/dev/null
    openssl genrsa -out sa.key 2048 2>/dev/null
    openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
    echo "$(openssl rand -hex 24),admin,admin-uid,system:masters" > tokens.csv
  )
}

write_kubeconfig() {
  local state="$1" port="$2" token
  token=$(cut -d, -f1 "$state/pki/tokens.csv")
  ( umask 077; cat > "$state/kubeconfig" <<KC
apiVersion: v1
kind: Config
clusters:
- name: e2e
  cluster:
    server: https://127.0.0.1:$port
    certificate-authority-data: $(base64 -w0 < "$state/pki/ca.crt")
users:
- name: admin
  user:
    token: $token
contexts:
- name: e2e
  context:
    cluster: e2e
    user: admin
current-context: e2e
KC
  )
}

# wait_ready NAME PID URL CURL_ARGS...: poll URL until it answers ok, the process dies, or 120 s pass.
wait_ready() {
  local name="$1" pid="$2" url="$3" log="$4"; shift 4
  for _ in $(seq 1 1200); do
    if curl -fsS "$@" "$url" 2>/dev/null | grep -qE '^ok$|"health":"true"'; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then tail -20 "$log" >&2; die "$name exited; log: $log"; fi
    sleep 0.1
  done
  die "$name not ready after 120 s; log: $log"
}

cmd_up() {
  local state="${1:?usage: kube-apiserver.sh up STATE_DIR [VERSION]}" v="${2:-$DEFAULT_VERSION}" bin etcd
  local port="${APISERVER_PORT:-16443}" eport="${ETCD_PORT:-12379}"
  check_version "$v"
  etcd="${ETCD:-$(command -v etcd || echo /usr/bin/etcd)}"
  [ -x "$etcd" ] || die "etcd not found (apt-get install etcd-server)"
  command -v openssl >/dev/null || die "openssl not found (apt-get install openssl)"
  bin=$(cmd_build "$v")
  mkdir -p "$state"; state="$(cd "$state" && pwd)"
  [ ! -s "$state/pids" ] || die "$state/pids exists: run down first"
  for p in "$port" "$eport" $((eport + 1)) $((eport + 2)); do port_free "$p" || die "port $p is already in use"; done
  make_pki "$state/pki"
  rm -rf "$state/etcd"
  trap 'cmd_down "$state"' EXIT # a failed start stops whatever did start
  setsid "$etcd" --name e2e --data-dir "$state/etcd" \
    --listen-client-urls "http://127.0.0.1:$eport" --advertise-client-urls "http://127.0.0.1:$eport" \
    --listen-peer-urls "http://127.0.0.1:$((eport + 1))" --initial-advertise-peer-urls "http://127.0.0.1:$((eport + 1))" \
    --initial-cluster "e2e=http://127.0.0.1:$((eport + 1))" --listen-metrics-urls "http://127.0.0.1:$((eport + 2))" \
    < /dev/null > "$state/etcd.log" 2>&1 &
  echo "etcd $!" > "$state/pids"
  wait_ready etcd "$!" "http://127.0.0.1:$eport/health" "$state/etcd.log"
  setsid "$bin" \
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$port" \
    --etcd-servers="http://127.0.0.1:$eport" \
    --tls-cert-file="$state/pki/apiserver.crt" --tls-private-key-file="$state/pki/apiserver.key" \
    --client-ca-file="$state/pki/ca.crt" \
    --token-auth-file="$state/pki/tokens.csv" --anonymous-auth=true \
    --authorization-mode=RBAC \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-account-key-file="$state/pki/sa.pub" --service-account-signing-key-file="$state/pki/sa.key" \
    --service-cluster-ip-range=10.0.0.0/24 \
    --endpoint-reconciler-type=none \
    --cert-dir="$state/apiserver-certs" \
    < /dev/null > "$state/kube-apiserver.log" 2>&1 &
  echo "kube-apiserver $!" >> "$state/pids"
  # anonymous users may read /readyz; no credential on any command line
  wait_ready kube-apiserver "$!" "https://127.0.0.1:$port/readyz" "$state/kube-apiserver.log" --cacert "$state/pki/ca.crt"
  if [ -n "${WATCH_PID:-}" ]; then
    # stop both when the process that started them (the test binary) is gone, however it ended
    ( trap '' HUP; while kill -0 "$WATCH_PID" 2>/dev/null && [ -s "$state/pids" ]; do sleep 1; done
      [ -s "$state/pids" ] && "$SELF" down "$state" >/dev/null 2>&1 ) < /dev/null > /dev/null 2>&1 &
  fi
  write_kubeconfig "$state" "$port"
  trap - EXIT
  echo "$state/kubeconfig"
}

cmd_down() {
  local state="${1:?usage: kube-apiserver.sh down STATE_DIR}" name pid
  [ -s "$state/pids" ] || return 0
  for name in kube-apiserver etcd; do
    pid=$(awk -v n="$name" '$1 == n {print $2}' "$state/pids")
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || continue
    kill -TERM "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  done
  rm -f "$state/pids"
}

main() {
  case "${1:-}" in
    build) shift; cmd_build "$@" ;;
    up) shift; cmd_up "$@" ;;
    down) shift; cmd_down "$@" ;;
    build-kubectl) shift; cmd_build_kubectl "$@" ;;
    kubectl-path) shift; cmd_kubectl_path "$@" ;;
    *) die "usage: kube-apiserver.sh build [VERSION] | up STATE_DIR [VERSION] | down STATE_DIR | build-kubectl [VERSION] | kubectl-path VERSION..." ;;
  esac
}

main "$@"
