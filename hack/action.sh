#!/usr/bin/env bash
# action.sh — the steps of the kube-apidocs GitHub Action (action.yml), as a script that runs anywhere:
# `make test` runs it too (cmd/kube-apidocs/action_test.go), so the action is tested without GitHub.
#
# Inputs (environment, as GitHub passes an action's inputs):
#   INPUT_FIXTURES    a recording folder, or "builtin"; empty: read the cluster of INPUT_KUBECONFIG
#   INPUT_KUBECONFIG  the kubeconfig's content (a secret); written to a private temporary file, removed on exit
#   INPUT_OUT         the site folder (required)
#   INPUT_FORMAT      html, markdown or html,markdown (default html,markdown)
#   INPUT_FRONT_MATTER none, hugo or docusaurus (default none)
#   INPUT_COMPARE     recording folders (or "builtin") to compare with, separated by spaces or newlines
#   INPUT_CHECK       "true": write nothing, fail (exit 4) when INPUT_OUT is out of date
#   KUBE_APIDOCS_BIN  the kube-apidocs binary; default: built from this checkout into a temporary folder
set -euo pipefail

die() { echo "kube-apidocs action: $*" >&2; exit 1; }

[ -n "${INPUT_OUT:-}" ] || die "the out input is required: the folder of the site"
[ -n "${INPUT_FIXTURES:-}" ] || [ -n "${INPUT_KUBECONFIG:-}" ] || die "give the fixtures input (a recording or builtin) or the kubeconfig input (a secret)"
[ -z "${INPUT_FIXTURES:-}" ] || [ -z "${INPUT_KUBECONFIG:-}" ] || die "give the fixtures input or the kubeconfig input, not both"
case "${INPUT_CHECK:-false}" in true|false) ;; *) die "the check input is true or false, got \"${INPUT_CHECK}\"" ;; esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

bin="${KUBE_APIDOCS_BIN:-}"
if [ -z "$bin" ]; then
  root="$(cd "$(dirname "$0")/.." && pwd)"
  bin="$work/kube-apidocs"
  (cd "$root" && go build -o "$bin" ./cmd/kube-apidocs)
fi

args=(generate --out "$INPUT_OUT" --format "${INPUT_FORMAT:-html,markdown}" --front-matter "${INPUT_FRONT_MATTER:-none}")
if [ -n "${INPUT_FIXTURES:-}" ]; then
  args+=(--fixtures "$INPUT_FIXTURES")
else
  ( umask 077; printf '%s\n' "$INPUT_KUBECONFIG" > "$work/kubeconfig" )
  args+=(--kubeconfig "$work/kubeconfig")
fi
for dir in ${INPUT_COMPARE:-}; do
  args+=(--compare "$dir")
done
[ "${INPUT_CHECK:-false}" = true ] && args+=(--check)

# exit codes as documented in README.md (4: --check found the site out of date)
set +e
"$bin" "${args[@]}"
code=$?
set -e
exit "$code"
