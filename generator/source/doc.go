// Package source turns discovery into the model through client-go's
// discovery client: from a live cluster (Discover), or from a recording
// (FromRecording), which follows client-go's discovery over the documents
// the recording's checks decoded and, for what that does not cover,
// replays the recording in process through package replay to client-go
// (ReplayRecording); both give the model client-go gives. It also fetches a live server's raw documents for
// `record` (Fetch; package recording writes them), and classifies failures
// to reach a server into errors a user can act on (ServerError). Live
// servers are reached through a genericclioptions.RESTClientGetter, as
// kubectl's commands reach them (cli-runtime's ConfigFlags is one). Its
// errors are typed and name no command-line flag.
package source
