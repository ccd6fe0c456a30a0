#!/usr/bin/env bash
# Regenerates generator/recording/testdata/broken/: a small valid recording
# (base/, cut down from fixtures/v1.33.13 with jq) and one broken copy of it
# per case. Each case changes one thing; cmd/kube-apidocs/broken_test.go pins
# the error line each must produce. The 100 MB case is made by the test itself.
# Usage: hack/mkbroken.sh   (from the repository root; needs jq)
set -euo pipefail
SRC=fixtures/v1.33.13
OUT=generator/recording/testdata/broken
rm -rf "$OUT"; mkdir -p "$OUT/base"
B="$OUT/base"
jq -c '{major,minor,gitVersion,platform}' "$SRC/version.json" > "$B/version.json"
cp "$SRC/api.json" "$B/api.json"
jq -c '.resources |= map(select(.name|test("^(configmaps|namespaces|pods|pods/status)$")))' "$SRC/api__v1.json" > "$B/api__v1.json"
jq -c '.groups |= map(select(.name=="apps"))' "$SRC/apis.json" > "$B/apis.json"
cp "$SRC/apis__apps.json" "$B/apis__apps.json"
jq -c '.resources |= map(select(.name|test("^(deployments|deployments/scale|deployments/status)$")))' "$SRC/apis__apps__v1.json" > "$B/apis__apps__v1.json"
jq -c '.items |= map(select(.metadata.name=="apps")) | .items[0].versions[0].resources |= map(select(.resource=="deployments"))' "$SRC/aggregated_v2.json" > "$B/aggregated_v2.json"
jq -c '.items[0].versions[0].resources |= map(select(.resource|test("^(configmaps|namespaces|pods)$")))
       | .items[0].versions[0].resources |= map(if .resource=="namespaces" then del(.subresources) elif .resource=="pods" then .subresources |= map(select(.subresource=="status")) else . end)' \
  "$SRC/aggregated_api_v2.json" > "$B/aggregated_api_v2.json"
cp "$SRC/aggregated_v2beta1.http406.json" "$B/"

# mk <case> <file> <jq filter>: copy base, rewrite one file with jq
mk() { cp -r "$B" "$OUT/$1"; jq -c "$3" "$B/$2" > "$OUT/$1/$2"; }
# raw <case> <file> <printf format...>: copy base, replace one file's bytes
raw() { local c="$1" f="$2"; shift 2; cp -r "$B" "$OUT/$c"; printf "$@" > "$OUT/$c/$f"; }

raw empty-file apis__apps__v1.json ''
raw whitespace-only-file api__v1.json '  \n\n'
cp -r "$B" "$OUT/truncated-legacy"; head -c 300 "$B/apis__apps__v1.json" > "$OUT/truncated-legacy/apis__apps__v1.json"
cp -r "$B" "$OUT/truncated-aggregated"; head -c 500 "$B/aggregated_v2.json" > "$OUT/truncated-aggregated/aggregated_v2.json"
cp -r "$B" "$OUT/trailing-garbage"; { cat "$B/apis.json"; printf '}'; } > "$OUT/trailing-garbage/apis.json"
cp -r "$B" "$OUT/byte-order-mark"; { printf '\xef\xbb\xbf'; cat "$B/api.json"; } > "$OUT/byte-order-mark/api.json"
cp -r "$B" "$OUT/invalid-utf8"; jq -c '.resources[1].kind = "DeplXXment"' "$B/apis__apps__v1.json" | sed 's/XX/\xff\xfe/' > "$OUT/invalid-utf8/apis__apps__v1.json"
mk wrong-type-document apis.json '[.]'
mk wrong-type-resources api__v1.json '.resources = {}'
mk wrong-type-namespaced apis__apps__v1.json '.resources[0].namespaced = "yes"'
mk wrong-type-verb aggregated_v2.json '.items[0].versions[0].resources[0].verbs[2] = 7'
mk wrong-kind api__v1.json '.kind = "APIGroup"'
mk wrong-apiversion aggregated_v2.json '.apiVersion = "apidiscovery.k8s.io/v2beta1"'
mk wrong-groupversion apis__apps__v1.json '.groupVersion = "apps/v2"'
mk duplicate-group apis.json '.groups += .groups'
mk duplicate-group-aggregated aggregated_v2.json '.items += .items'
mk duplicate-resource api__v1.json '.resources += [.resources[0]]'
mk preferred-version-unknown apis.json '.groups[0].preferredVersion = {"groupVersion":"apps/v2","version":"v2"}'
mk bad-scope aggregated_api_v2.json '.items[0].versions[0].resources[1].scope = "Global"'
mk bad-freshness aggregated_v2.json '.items[0].versions[0].freshness = "Fresh"'
mk group-name-not-dns apis.json '.groups[0].name = "Apps_Group"'
mk version-name-not-dns aggregated_v2.json '.items[0].versions[0].version = "V1"'
mk resource-name-slash aggregated_v2.json '.items[0].versions[0].resources[0].resource = "deploy/ments"'
mk resource-name-dotdot apis__apps__v1.json '.resources[0].name = ".."'
mk resource-name-control-char api__v1.json '.resources[0].name = "config\u0000maps"'
mk kind-control-char aggregated_api_v2.json '.items[0].versions[0].resources[2].responseKind.kind = "Pod\u001b[31m"'
mk core-group-named aggregated_api_v2.json '.items[0].metadata.name = "core"'
# a group-version listed in apis.json with no document
cp -r "$B" "$OUT/missing-group-version-document"; rm "$OUT/missing-group-version-document/apis__apps__v1.json"
# the same, with the 406 a client gets for an aggregated Accept saved where the document should be
cp -r "$B" "$OUT/http406-instead-of-document"; mv "$OUT/http406-instead-of-document/apis__apps__v1.json" "$OUT/http406-instead-of-document/apis__apps__v1.http406.json"
cp "$B/aggregated_v2beta1.http406.json" "$OUT/http406-instead-of-document/apis__apps__v1.http406.json"
# only a version.json and the README
mkdir -p "$OUT/no-apis"; cp "$B/version.json" "$OUT/no-apis/"; echo "a recording with no discovery documents" > "$OUT/no-apis/README.md"
mkdir -p "$OUT/no-documents"; echo "nothing recorded" > "$OUT/no-documents/README.md"
# aggregated and legacy documents that disagree
mk disagree-scope aggregated_v2.json '.items[0].versions[0].resources[0].scope = "Cluster"'
mk disagree-kind api__v1.json '.resources[2].kind = "Pods"'
mk disagree-missing-resource aggregated_api_v2.json '.items[0].versions[0].resources |= map(select(.resource != "configmaps"))'
mk disagree-extra-version aggregated_v2.json '.items[0].versions += [.items[0].versions[0] | .version = "v2"]'
mk disagree-missing-group aggregated_v2.json '.items = []'
echo "wrote $(ls "$OUT" | wc -l) folders into $OUT"
# Cases that real servers send and kubectl reads: loaded with a warning (the
# disagreements), or read as kubectl does (a name with "/", a missing
# group-version document answered 404). generator/recording/warn_test.go
# pins what each gives.
W=generator/recording/testdata/warn
rm -rf "$W"; mkdir -p "$W"
for c in disagree-scope disagree-kind disagree-missing-resource disagree-extra-version disagree-missing-group resource-name-slash missing-group-version-document; do
	mv "$OUT/$c" "$W/"
done
