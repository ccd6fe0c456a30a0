// Package recording is the recording folder format: a folder of raw
// discovery responses named like the Kubernetes repository's api/discovery
// folder. It maps file names to requests and back (FileFor, RouteFor),
// loads a folder while refusing anything but regular files inside it
// (LoadDir, Load), checks every document against what kube-apiserver would
// serve (Check), and writes a captured server's answers to a folder with
// index.tsv, README.md and a manifest of the files it wrote (WriteRecording,
// WriteFolder). It knows nothing of HTTP clients: fetching lives in
// package source, answering requests in package replay.
package recording
