package main

import (
	"os"
	"runtime/debug"
)

// tuneGC makes the collector run less often than Go's default (GOGC=100):
// kube-apidocs is a short-lived process whose heap is a few discovery
// documents, so fewer collections save CPU time (see BENCHMARKS.md) for a
// little more peak memory. A GOGC set in the environment wins.
func tuneGC() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(400)
	}
}

// siteGC returns the collector to Go's default (GOGC=100) for generate,
// whose heap grows with the site (the view of every page, and the OpenAPI
// documents while they are decoded; the pages themselves are written as
// they are rendered): there GOGC=400 cost about 40 MiB of peak memory at
// 1,000 CRDs and hundreds at 10,000 for a few per cent of CPU time
// (BENCHMARKS.md). A GOGC set in the environment wins.
func siteGC() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(100)
	}
}
