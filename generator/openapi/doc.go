// Package openapi reads a server's OpenAPI v3 group-version documents (the
// documents /openapi/v3 lists, such as api/v1 and apis/apps/v1) into
// model.KindSchema field trees.
//
// The tree of a kind holds exactly the fields `kubectl explain --recursive`
// prints for it, in the same order, because it is walked the way kubectl's
// explain template (k8s.io/kubectl/pkg/explain/v2, plaintext.tmpl) walks:
// a $ref is followed, allOf wrappers (kube-apiserver wraps every $ref in an
// allOf so that a field can carry its own description) are transparent,
// arrays and maps are transparent in paths, and a $ref that is already being
// expanded on the path from the root is not expanded again; the field where
// that happens records the component in RecursiveRef. Types are printed the
// way kubectl's typeGuess prints them ("[]Container", "map[string]string").
//
// Documents are decoded with the types client-go and kubectl use
// (k8s.io/kube-openapi/pkg/spec3 and pkg/validation/spec). Parsing is lazy:
// Parse only indexes the raw bytes, and a document is decoded the first time
// one of its kinds is asked for, so explaining one kind decodes one
// document. A document is untrusted input: every problem is returned as an
// *Error naming the document and the JSON pointer, never a panic.
package openapi
