#!/usr/bin/env bash
# all.sh — what make ssg runs: kube-apidocs' Markdown of the bundled recording, a CRD recording and the hostile
# recording, built by Debian's Hugo, a current Hugo (hack/ssg/hugo.sh), MkDocs and Docusaurus (hack/ssg/build.sh:
# any warning fails, every relative link and #fragment of the built HTML must resolve), then the hostile
# recording's sites, and kube-apidocs' own HTML site of it, opened in headless Chromium (hack/ssg/inert): no
# script of the recording's runs, no request leaves the site.
#
# Env: SSG_WORK (default hack/.work/ssg) holds the sites; SSG_GENERATORS (default all four) picks generators.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
work="${SSG_WORK:-$repo/hack/.work/ssg}"
generators="${SSG_GENERATORS:-hugo hugo-current mkdocs docusaurus}"
recordings="builtin fixtures/v1.33.13-crds cmd/kube-apidocs/testdata/hostile"
mkdir -p "$work/bin"
go build -o "$work/bin/kube-apidocs" ./cmd/kube-apidocs
go build -o "$work/bin/linkcheck" ./hack/ssg/linkcheck
go build -o "$work/bin/inert" ./hack/ssg/inert
export KUBE_APIDOCS="$work/bin/kube-apidocs" LINKCHECK="$work/bin/linkcheck"

hostile=()
for g in $generators; do
  for r in $recordings; do
    name="$g-$(basename "$r")"
    start=$(date +%s)
    hack/ssg/build.sh "$g" "$r" "$work/$name"
    echo "ssg: $name built and checked in $(($(date +%s) - start)) s"
    [[ "$r" == *hostile ]] && hostile+=("$work/$name/public")
  done
done
rm -rf "$work/html-hostile"
"$KUBE_APIDOCS" generate --fixtures cmd/kube-apidocs/testdata/hostile --format html --out "$work/html-hostile" >/dev/null
"$LINKCHECK" "$work/html-hostile"
"$work/bin/inert" "${hostile[@]}" "$work/html-hostile"
