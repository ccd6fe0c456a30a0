#!/usr/bin/env bash
# build.sh — builds kube-apidocs' Markdown of one recording with one static site generator, the way the
# README tells a user to, and fails on any warning the generator prints or any broken link or #fragment
# in the HTML it built (hack/ssg/linkcheck).
#
# Usage: hack/ssg/build.sh GENERATOR RECORDING WORKDIR
#   GENERATOR  hugo (Debian's, on PATH), hugo-current (hack/ssg/hugo.sh), mkdocs (+ mkdocs-material),
#              docusaurus (npm ci in hack/ssg/docusaurus first: make ssg does it)
#   RECORDING  a --fixtures value: builtin, or a recording folder
#   WORKDIR    an empty or missing folder: the site's sources go to WORKDIR/src, the HTML to WORKDIR/public,
#              the generator's output to WORKDIR/build.log
# Env: KUBE_APIDOCS (default bin/kube-apidocs), LINKCHECK (default: go run ./hack/ssg/linkcheck).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
die() { echo "build.sh: $*" >&2; exit 1; }
[ $# -eq 3 ] || die "usage: build.sh GENERATOR RECORDING WORKDIR"
gen="$1" rec="$2" work="$3"
kad="${KUBE_APIDOCS:-$repo/bin/kube-apidocs}"
[ -x "$kad" ] || die "$kad is missing (make build)"
rm -rf "$work" && mkdir -p "$work"
work="$(cd "$work" && pwd)"
src="$work/src" public="$work/public" log="$work/build.log"

generate() { # generate FRONT_MATTER OUT: the README's command
  "$kad" generate --fixtures "$rec" --format markdown --front-matter "$1" --out "$2" >/dev/null
}

case "$gen" in
hugo | hugo-current)
  hugo=hugo
  [ "$gen" = hugo-current ] && hugo="$("$here/hugo.sh")"
  command -v "$hugo" >/dev/null || die "$hugo is missing (apt-get install hugo)"
  cp -r "$here/hugo" "$src"
  generate hugo "$src/content/api"
  # hugo exits 0 after a warning; the grep below fails the build on one
  "$hugo" --source "$src" --destination "$public" >"$log" 2>&1 || { cat "$log"; die "hugo failed"; }
  ;;
mkdocs)
  command -v mkdocs >/dev/null || die "mkdocs is missing (apt-get install mkdocs mkdocs-material)"
  mkdir -p "$src" && cp "$here/mkdocs/mkdocs.yml" "$src/"
  generate mkdocs "$src/docs"
  mkdocs build --strict --config-file "$src/mkdocs.yml" --site-dir "$public" >"$log" 2>&1 || { cat "$log"; die "mkdocs failed"; }
  ;;
docusaurus)
  nm="$here/docusaurus/node_modules"
  [ -d "$nm/@docusaurus/core" ] || die "$nm is missing (npm ci --prefix hack/ssg/docusaurus)"
  mkdir -p "$src" && cp -r "$here/docusaurus/docusaurus.config.js" "$here/docusaurus/package.json" "$here/docusaurus/src" "$src/"
  ln -s "$nm" "$src/node_modules"
  generate docusaurus "$src/docs/api"
  (cd "$src" && DOCUSAURUS_IGNORE_SSG_WARNINGS=false node_modules/.bin/docusaurus build --out-dir "$public") >"$log" 2>&1 || { cat "$log"; die "docusaurus failed"; }
  ;;
*) die "unknown generator \"$gen\" (use hugo, hugo-current, mkdocs or docusaurus)" ;;
esac

# Any warning fails the build. MkDocs logs Python's DeprecationWarnings from Debian's own packages (jinja2,
# material) at INFO level: those are not about the pages and do not count.
if grep -E '(^|[^a-z])(WARN|WARNING|ERROR|\[WARNING\]|\[ERROR\])([^a-z]|$)' "$log" | grep -v '^INFO ' >"$work/warnings.log"; then
  cat "$work/warnings.log"
  die "$gen printed $(wc -l <"$work/warnings.log") warning line(s) building $rec"
fi
if [ -n "${LINKCHECK:-}" ]; then
  "$LINKCHECK" "$public"
else
  (cd "$repo" && go run ./hack/ssg/linkcheck "$public")
fi
