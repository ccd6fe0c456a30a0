#!/usr/bin/env bash
# Whole-process benchmark: `kube-apidocs api-resources -o wide --fixtures DIR`
# against `kubectl api-resources -o wide` pointed at `kube-apidocs serve` of
# the same recording (a fresh --cache-dir for every kubectl run, so kubectl
# does the full discovery every time), median of RUNS runs with hyperfine,
# for the vanilla recording, the recorded 1,000-CRD cluster and synthetic
# clusters of 100, 1,000 and 3,000 CRDs (hack/gencrds); peak memory with
# /usr/bin/time -v; start-up (--help, version); explain against kubectl
# explain through serve; and `generate` (the full site) when the binary has it.
#
# Usage: hack/bench.sh            (from anywhere; RUNS=15 PORT=18420 by default)
# Needs: go, hyperfine (apt-get install hyperfine), kubectl (kubectl.1.33 from
# the Google Cloud SDK when present), jq, bc, /usr/bin/time (apt-get install time).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-15}"
PORT="${PORT:-18420}"
for tool in hyperfine jq bc /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "hack/bench.sh needs $tool (apt-get install ${tool##*/})" >&2; exit 1; }
done
KDIR="$(dirname "$(readlink -f "$(command -v kubectl)")")"
KUBECTL="$KDIR/kubectl.1.33"
[ -x "$KUBECTL" ] || KUBECTL="$(command -v kubectl)"

WORK="$(mktemp -d)"
SERVE_PID=""
cleanup() { [ -n "$SERVE_PID" ] && kill "$SERVE_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
BIN="$WORK/kube-apidocs"
# as .goreleaser.yaml builds the releases (with cgo, the linker keeps every exported method: see buildBinary)
CGO_ENABLED=0 go build -ldflags="-s -w" -o "$BIN" ./cmd/kube-apidocs
for n in 100 1000 3000; do
  go run ./hack/gencrds -n "$n" -recording "$WORK/synthetic-$n"
done

# median_ms <hyperfine json> <index>
median_ms() { jq -r ".results[$2].median * 1000" "$1"; }
# peak_mb <command...>: maximum resident set size of one run, in MB
peak_mb() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk '/Maximum resident/ {printf "%.1f", $6/1024}'; }

# serve <dir>: start kube-apidocs serve for the recording, write $WORK/kubeconfig
serve() {
  [ -n "$SERVE_PID" ] && { kill "$SERVE_PID"; wait "$SERVE_PID" 2>/dev/null || true; }
  rm -f "$WORK/kubeconfig"
  "$BIN" serve --fixtures "$1" --addr "127.0.0.1:$PORT" --kubeconfig-out "$WORK/kubeconfig" > "$WORK/serve.log" 2>&1 &
  SERVE_PID=$!
  for _ in $(seq 1 100); do [ -s "$WORK/kubeconfig" ] && return; sleep 0.1; done
  echo "serve did not start: $(cat "$WORK/serve.log")" >&2; exit 1
}

echo "kube-apidocs $(git rev-parse --short HEAD) vs $KUBECTL ($("$KUBECTL" version --client -o json | jq -r .clientVersion.gitVersion)); $RUNS runs each; $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| recording | rows | kube-apidocs median | kubectl median | ratio | kube-apidocs peak RSS | µs per row (kube-apidocs) |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for rec in fixtures/v1.33.13 fixtures/v1.33.13-1000crds "$WORK/synthetic-100" "$WORK/synthetic-1000" "$WORK/synthetic-3000"; do
  [ -d "$rec" ] || continue
  serve "$rec"
  ours=("$BIN" api-resources -o wide --fixtures "$rec")
  theirs=("$KUBECTL" --kubeconfig "$WORK/kubeconfig" --cache-dir "$WORK/kcache" api-resources -o wide)
  # same output first: a fast wrong answer is no result
  rm -rf "$WORK/kcache"
  if ! cmp -s <("${ours[@]}") <("${theirs[@]}"); then echo "output differs from kubectl's for $rec" >&2; exit 1; fi
  resources=$(("$(("${ours[@]}") | wc -l)" - 1))
  hyperfine -N --style none --warmup 3 --runs "$RUNS" --export-json "$WORK/h.json" \
    --command-name ours "${ours[*]}" --prepare "rm -rf $WORK/kcache" --command-name kubectl "${theirs[*]}" > /dev/null 2>&1
  a=$(median_ms "$WORK/h.json" 0); b=$(median_ms "$WORK/h.json" 1)
  name="${rec#"$WORK"/}"
  printf '| %s | %d | %.1f ms | %.1f ms | %.2f | %s MB | %.1f |\n' "$name" "$resources" "$a" "$b" "$(echo "$a / $b" | bc -l)" \
    "$(peak_mb "${ours[@]}")" "$(echo "$a * 1000 / $resources" | bc -l)"
done

# start-up (issue 17: --help and version ≤ 8 ms, ≤ 15 MiB)
echo
echo "| command | median | peak RSS |"
echo "|---|---:|---:|"
for args in "--help" "version"; do
  hyperfine -N --style none --warmup 3 --runs "$RUNS" --export-json "$WORK/s.json" "$BIN $args" > /dev/null 2>&1
  printf '| kube-apidocs %s | %.1f ms | %s MB |\n' "$args" "$(median_ms "$WORK/s.json" 0)" "$(peak_mb "$BIN" $args)"
done

# explain against kubectl explain through serve (issue 17: ≤ 0.5 ×)
echo
echo "| explain deployments.spec | kube-apidocs median | kubectl median | ratio | kube-apidocs peak RSS |"
echo "|---|---:|---:|---:|---:|"
serve fixtures/v1.33.13
ours=("$BIN" explain deployments.spec --fixtures fixtures/v1.33.13)
theirs=("$KUBECTL" --kubeconfig "$WORK/kubeconfig" --cache-dir "$WORK/kcache" explain deployments.spec)
if ! cmp -s <("${ours[@]}") <("${theirs[@]}"); then echo "explain output differs from kubectl's" >&2; exit 1; fi
hyperfine -N --style none --warmup 3 --runs "$RUNS" --export-json "$WORK/e.json" \
  --command-name ours "${ours[*]}" --command-name kubectl "${theirs[*]}" > /dev/null 2>&1
a=$(median_ms "$WORK/e.json" 0); b=$(median_ms "$WORK/e.json" 1)
printf '| fixtures/v1.33.13 | %.1f ms | %.1f ms | %.2f | %s MB |\n' "$a" "$b" "$(echo "$a / $b" | bc -l)" "$(peak_mb "${ours[@]}")"

if "$BIN" generate --help > /dev/null 2>&1; then
  # generate (issue 17: --fields=false at 1,000 CRDs ≤ 0.3 s and ≤ 80 MiB; with field pages, reported)
  echo
  echo "| recording | flags | resources | generate median | peak RSS | files | bytes |"
  echo "|---|---|---:|---:|---:|---:|---:|"
  for run in "fixtures/v1.33.13" "fixtures/v1.33.13-1000crds --fields=false" "fixtures/v1.33.13-1000crds" "$WORK/synthetic-3000"; do
    read -r rec flags <<< "$run"
    [ -d "$rec" ] || continue
    out="$WORK/site"
    hyperfine -N --style none --warmup 1 --runs "$RUNS" --export-json "$WORK/g.json" \
      --prepare "rm -rf $out" "$BIN generate --fixtures $rec $flags --out $out" > /dev/null 2>&1
    rm -rf "$out"
    peak=$(peak_mb "$BIN" generate --fixtures "$rec" $flags --out "$out")
    printf '| %s | %s | %d | %.1f ms | %s MB | %d | %d |\n' "${rec#"$WORK"/}" "${flags:-}" "$(("$("$BIN" api-resources -o name --fixtures "$rec" | wc -l)"))" \
      "$(median_ms "$WORK/g.json" 0)" "$peak" "$(find "$out" -type f | wc -l)" "$(du -sb "$out" | cut -f1)"
  done
fi
