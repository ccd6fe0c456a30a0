// Package e2e holds the live tests: they build kube-apidocs, start a real
// kube-apiserver and etcd on loopback with hack/kube-apiserver.sh, and compare
// kube-apidocs with kubectl against it. They carry the build tag e2e; run
// them with `make e2e`.
package e2e
