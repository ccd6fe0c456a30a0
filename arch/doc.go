// Package arch holds the test that enforces the import arrows of
// kube-apidocs (README.md, "Layout"): source → model ← render, cobra only in
// cmd, client-go's rest and discovery only where recordings and clusters are
// read. It has no code of its own.
package arch
