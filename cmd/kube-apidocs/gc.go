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
