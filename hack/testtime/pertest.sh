#!/bin/sh
# CPU time of each top-level test of one package, run one at a time (so the figures do not depend on
# what else ran beside it; what tests share, a serve or a generated site, is counted in each that uses it):
#   hack/testtime/pertest.sh ./cmd/kube-apidocs [go test build flags, default -race]
# prints "user+sys wall user sys test", slowest first, to stdout.
set -eu
pkg=$1; shift
[ $# -gt 0 ] || set -- -race
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
go test -c "$@" -o "$dir/pkg.test" "$pkg"
cd "$pkg"
for t in $("$dir/pkg.test" -test.list '.*' | grep '^Test'); do
  /usr/bin/time -o "$dir/time" -f "%e %U %S" "$dir/pkg.test" -test.count=1 -test.run "^$t\$" >"$dir/out" 2>&1 || { echo "FAIL $t" >&2; tail -20 "$dir/out" >&2; }
  tail -1 "$dir/time" | awk -v t="$t" '{printf "%7.2f %7.2f %7.2f %7.2f %s\n", $2+$3, $1, $2, $3, t}'
done | sort -rn
