// Package model holds the one description of a Kubernetes API surface that
// every part of kube-apidocs shares: the source package builds it from
// discovery documents, the render package prints it, and the diff package
// compares two of them. It imports only the standard library.
//
// An API lists the core group first and then the named groups in the
// server's priority order (the order kubectl keeps when two rows tie), every
// served version of every group, and for each version its resources sorted
// by name. Group-versions that discovery named but did not deliver are kept
// in Unavailable, never dropped.
package model
