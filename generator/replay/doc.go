// Package replay answers HTTP requests from a recording the way the
// recorded kube-apiserver did: content negotiation between aggregated and
// legacy discovery, the recorded non-200 answers, and Kubernetes Status
// bodies for anything else. NewHandler serves it over a socket (`serve`),
// Transport over an in-process http.RoundTripper (client-go replaying a
// recording offline); both give the same answers.
package replay
