#!/usr/bin/env bash
# thirdparty-crds.sh — print the absolute paths of the real third-party CRD files that
# hack/thirdparty-crds.txt names, one a line, after downloading their modules from the Go module proxy
# (`go mod download -json MODULE@VERSION`; the module cache keeps them read-only).
set -euo pipefail
list="$(cd "$(dirname "$0")" && pwd)/thirdparty-crds.txt"
command -v jq >/dev/null || { echo "thirdparty-crds.sh: jq is required (apt-get install jq)" >&2; exit 1; }
declare -A dirs
while read -r mod ver path; do
  case "$mod" in ''|'#'*) continue ;; esac
  key="$mod@$ver"
  if [ -z "${dirs[$key]:-}" ]; then
    dirs[$key]=$(cd /tmp && GOFLAGS=-mod=mod go mod download -json "$key" | jq -r '.Dir // empty')
    [ -d "${dirs[$key]}" ] || { echo "thirdparty-crds.sh: go mod download $key gave no folder" >&2; exit 1; }
  fi
  if [[ "$path" == */ ]]; then
    files=("${dirs[$key]}/$path"*.yaml)
  else
    files=("${dirs[$key]}/$path")
  fi
  for f in "${files[@]}"; do
    [ -f "$f" ] || { echo "thirdparty-crds.sh: $key: no file $path" >&2; exit 1; }
    echo "$f"
  done
done < "$list"
