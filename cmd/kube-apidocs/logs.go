package main

import (
	"github.com/go-logr/logr"
	"k8s.io/klog/v2"
)

// quietLibraryLogs sends client-go's klog lines nowhere. kubectl owns its
// stderr by configuring klog (-v); kube-apidocs has no -v flag, and
// client-go's lines ("Unexpected error when reading response body",
// "Waited before sending request" for client-side throttling) would
// otherwise reach stderr next to, and before, the one error line that
// says what happened. Called once from main, before any request.
func quietLibraryLogs() {
	klog.SetLogger(logr.Discard())
}
