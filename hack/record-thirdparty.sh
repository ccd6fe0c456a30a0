#!/usr/bin/env bash
# record-thirdparty.sh — re-create fixtures/v1.33.13-thirdparty from a real kube-apiserver.
#
# Usage: hack/record-thirdparty.sh OUT_DIR      (OUT_DIR must not exist; compare it with the fixture, then copy)
#
# Starts kube-apiserver v1.33.13 with hack/kube-apiserver.sh (APISERVER_PORT, default 26443; ETCD_PORT,
# default 27379), creates the real third-party CRDs of hack/thirdparty-crds.txt (hack/thirdparty-crds.sh
# downloads their modules), waits until every CRD is Established, /apis lists every served version and the
# /openapi/v3 index is unchanged for 10 s, records with `kube-apidocs record` (discovery + OpenAPI) into
# OUT_DIR/raw, writes kubectl 1.33's outputs beside it, gzips the OpenAPI documents into OUT_DIR/fixture
# (hack/add-openapi.sh) and stops the server. Keys, token and kubeconfig stay in a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: record-thirdparty.sh OUT_DIR}"
[ ! -e "$out" ] || { echo "record-thirdparty.sh: $out exists" >&2; exit 1; }
KUBECTL="${KUBECTL:-$(command -v kubectl.1.33 || echo /usr/lib/google-cloud-sdk/bin/kubectl.1.33)}"
[ -x "$KUBECTL" ] || { echo "record-thirdparty.sh: kubectl 1.33 not found (set KUBECTL)" >&2; exit 1; }
state="$(mktemp -d)"
trap 'hack/kube-apiserver.sh down "$state/cluster"; rm -rf "$state"' EXIT
mkdir -p "$out"
go build -o "$state/kube-apidocs" ./cmd/kube-apidocs
mapfile -t files < <(hack/thirdparty-crds.sh)
kc="$(APISERVER_PORT="${APISERVER_PORT:-26443}" ETCD_PORT="${ETCD_PORT:-27379}" hack/kube-apiserver.sh up "$state/cluster" 1.33.13)"
k() { "$KUBECTL" --kubeconfig "$kc" --cache-dir "$(mktemp -d -p "$state")" "$@"; }
for f in "${files[@]}"; do k create -f "$f" > /dev/null; done # create: some CRDs are too big for apply's annotation
k wait --for=condition=Established --timeout=300s crd --all > /dev/null
want=$(k get crd -o json | jq -r '.items[] | .spec.group as $g | .spec.versions[] | select(.served) | "\($g)/\(.name)"' | sort -u)
prev=""
for _ in $(seq 1 60); do
  missing=$(comm -23 <(echo "$want") <(k get --raw /apis | jq -r '.groups[].versions[].groupVersion' | sort -u) | wc -l)
  index=$(k get --raw /openapi/v3 | sha256sum)
  [ "$index" = "$prev" ] && [ "$missing" -eq 0 ] && break
  prev="$index"
  sleep 10
done
"$state/kube-apidocs" record --request-timeout=10m --kubeconfig "$kc" --out "$out/raw"
k api-resources > "$out/raw/kubectl_api-resources.txt"
k api-resources -o wide > "$out/raw/kubectl_api-resources_wide.txt"
k api-versions > "$out/raw/kubectl_api-versions.txt"
k api-resources -o wide --sort-by=kind > "$out/raw/kubectl_api-resources_wide_sort-by-kind.txt"
k api-resources -o name > "$out/raw/kubectl_api-resources_o-name.txt"
k api-resources --namespaced=false > "$out/raw/kubectl_api-resources_namespaced-false.txt"
k api-resources --api-group=apps --no-headers > "$out/raw/kubectl_api-resources_api-group-apps_no-headers.txt"
mkdir "$out/fixture"
find "$out/raw" -maxdepth 1 -type f ! -name 'openapi__*' -exec cp {} "$out/fixture/" \;
hack/add-openapi.sh "$out/raw" "$out/fixture"
echo "recorded into $out/fixture ($(echo "$want" | wc -l) CRD group-versions)"
