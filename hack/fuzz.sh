#!/usr/bin/env bash
# Runs one fuzz target for a while: hack/fuzz.sh PACKAGE TARGET FUZZTIME (make fuzz calls it).
#
# Go before 1.27 can fail a target with a bare "context deadline exceeded" at the -fuzztime boundary,
# with no input written: a race in the fuzzing coordinator (https://go.dev/issue/75804), more likely on a
# loaded machine. That one signature is run again, once; any other failure, and any run that wrote a
# failing input to testdata/fuzz, fails at once.
set -uo pipefail
pkg=$1 target=$2 fuzztime=$3
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for attempt in 1 2; do
  "${GO:-go}" test -run '^$' -fuzz "^$target\$" -fuzztime "$fuzztime" -fuzzminimizetime 5s "$pkg" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  [ "$status" -eq 0 ] && exit 0
  if [ "$attempt" -eq 1 ] && grep -q '^    context deadline exceeded$' "$log" &&
     ! grep -q 'Failing input written to' "$log" && [ "$(grep -c '^    ' "$log")" -eq 1 ]; then
    echo "== $target: the coordinator's deadline race of Go < 1.27 (go.dev/issue/75804), no input written; running it again" >&2
    continue
  fi
  exit "$status"
done
