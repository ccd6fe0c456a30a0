#!/usr/bin/env bash
# add-openapi.sh — add the OpenAPI documents of a fresh `kube-apidocs record` to a bundled recording.
#
# Usage: hack/add-openapi.sh NEW_RECORDING FIXTURE_DIR
#
# NEW_RECORDING is a folder `kube-apidocs record --out` wrote from the same kind of server as
# FIXTURE_DIR (fixtures/v1.29.6 …). The script
#   1. compares every discovery file the two share, byte for byte, and names each one that differs
#      (with "order only" where a group-version document differs only in the order of its resources);
#      the committed discovery files are never replaced;
#   2. copies every openapi__* file of NEW_RECORDING into FIXTURE_DIR, gzip-compressed (gzip -9 -n,
#      as the loader reads `<name>.gz`);
#   3. prints a Markdown summary (files, raw and compressed bytes) for the fixture's README.
set -euo pipefail
new="${1:?usage: add-openapi.sh NEW_RECORDING FIXTURE_DIR}"
fx="${2:?usage: add-openapi.sh NEW_RECORDING FIXTURE_DIR}"
command -v jq >/dev/null || { echo "add-openapi.sh: jq is required" >&2; exit 1; }
[ -f "$new/openapi__v3.json" ] || { echo "add-openapi.sh: $new/openapi__v3.json: no OpenAPI v3 index in the new recording" >&2; exit 1; }

same=0
differ=()
for f in "$new"/*.json; do
  b=$(basename "$f")
  case "$b" in openapi__*) continue ;; esac
  [ -f "$fx/$b" ] || continue
  if cmp -s "$f" "$fx/$b"; then
    same=$((same + 1))
  elif [[ "$b" == apis__*__*.json ]] &&
    cmp -s <(jq -S '.resources |= sort_by(.name)' "$f") <(jq -S '.resources |= sort_by(.name)' "$fx/$b"); then
    differ+=("$b (order of resources only)")
  else
    differ+=("$b")
  fi
done

raw=0
gz=0
n=0
for f in "$new"/openapi__*; do
  b=$(basename "$f")
  gzip -9 -n -c "$f" > "$fx/$b.gz"
  raw=$((raw + $(stat -c %s "$f")))
  gz=$((gz + $(stat -c %s "$fx/$b.gz")))
  n=$((n + 1))
done

v3=$(jq '.paths | length' "$new/openapi__v3.json")
echo "discovery files equal byte for byte: $same; differing: ${#differ[@]}"
for d in "${differ[@]}"; do echo "  differs: $d"; done
echo "OpenAPI files added: $n (v3 index listing $v3 documents$( [ -f "$new/openapi__v2.json" ] && echo ", v2 JSON and protobuf")): $raw bytes raw, $gz bytes gzip-compressed"
