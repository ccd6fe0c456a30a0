// Package source turns discovery documents into the model: from a live
// cluster through client-go's discovery client, or from a recording (a
// folder of raw responses) replayed through the same client by an
// in-process handler. It also serves recordings over HTTP for kubectl and
// other clients, records a live server's raw documents into a recording
// (Fetch, WriteRecording), and classifies failures to reach a server into
// errors a user can act on (ServerError).
package source
