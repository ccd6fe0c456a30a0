package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/net/netutil"
	"k8s.io/cli-runtime/pkg/genericiooptions"

	"github.com/kube-apidocs/kube-apidocs/generator/replay"
)

// ServeOptions holds the flags of `kube-apidocs serve`.
type ServeOptions struct {
	// source holds --fixtures and --max-file-size.
	source        *sourceOptions
	Addr          string
	KubeconfigOut string

	genericiooptions.IOStreams
}

// NewCmdServe returns `kube-apidocs serve`.
func NewCmdServe(streams genericiooptions.IOStreams) *cobra.Command {
	o := &ServeOptions{source: newSourceOptions(), IOStreams: streams}
	o.source.openAPI = true
	cmd := &cobra.Command{
		Use:   "serve --fixtures DIR",
		Short: "Serve a recording as an API server that kubectl and client-go can query",
		Long: `serve answers discovery requests from a recording the way the recorded
kube-apiserver did: aggregated discovery when the Accept header asks for a
format the recording has, the recorded 406 when the server refused it, the
legacy documents for plain JSON, the recorded OpenAPI documents as
kube-apiserver serves them (/openapi/v3 and its documents with ETag, 304
and the ?hash= redirect, /openapi/v2 as JSON or protobuf; kubectl explain
works against it), and a Kubernetes Status 404 for any other path. It
listens on loopback unless --addr says otherwise, prints its URL, and runs
until interrupted.`,
		Example: `  # Serve a recording and point kubectl at it
  kube-apidocs serve --fixtures fixtures/v1.29.6 --kubeconfig-out /tmp/replay.kubeconfig &
  kubectl --kubeconfig /tmp/replay.kubeconfig api-resources`,
		Args: cobra.NoArgs,
		RunE: runE(o),
	}
	f := cmd.Flags()
	o.source.addFixturesFlag(f)
	o.source.addMaxFileSizeFlag(f)
	f.StringVar(&o.Addr, "addr", "127.0.0.1:0", "Address to listen on (port 0 picks a free port).")
	f.StringVar(&o.KubeconfigOut, "kubeconfig-out", "", "Write a kubeconfig (no credentials) that points at the server to this file.")
	return cmd
}

// Complete has nothing to derive.
func (o *ServeOptions) Complete(cmd *cobra.Command, args []string) error { return nil }

// Validate checks that a recording is named.
func (o *ServeOptions) Validate() error {
	if o.source.Fixtures == "" {
		return errors.New(`--fixtures is required: a recording folder or "builtin"`)
	}
	return nil
}

// Run loads the recording and answers requests from it until ctx ends.
func (o *ServeOptions) Run(ctx context.Context) error {
	rec, err := o.source.recording(o.ErrOut)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return flagValueError("addr", o.Addr, err)
	}
	url := "http://" + ln.Addr().String()
	if o.KubeconfigOut != "" {
		if err := writeKubeconfig(o.KubeconfigOut, url); err != nil {
			ln.Close()
			return err
		}
	}
	srv := newReplayServer(replay.NewHandler(rec))
	ln = netutil.LimitListener(ln, maxServeConnections)
	fmt.Fprintf(o.Out, "Serving %s at %s\n", rec.Name, url)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(shutdownCtx)
	}
}

// A local test server answers small documents from memory: a client that
// takes longer than these to send a request, read an answer or come back
// on a kept-alive connection is holding a connection for nothing.
const (
	serveReadHeaderTimeout = 10 * time.Second
	serveReadTimeout       = 30 * time.Second
	serveWriteTimeout      = 60 * time.Second
	serveIdleTimeout       = 30 * time.Second
	// maxServeConnections bounds the connections (and file descriptors)
	// serve holds at once; further clients wait in the listen backlog.
	maxServeConnections = 128
)

func newReplayServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: serveReadHeaderTimeout,
		ReadTimeout:       serveReadTimeout,
		WriteTimeout:      serveWriteTimeout,
		IdleTimeout:       serveIdleTimeout,
		MaxHeaderBytes:    64 << 10,
	}
}

// kubeconfigMarker is the first line of every kubeconfig serve writes; serve
// replaces an existing --kubeconfig-out file only when it starts with it,
// so pointing the flag at ~/.kube/config cannot destroy a user's contexts.
const kubeconfigMarker = "# Written by kube-apidocs serve: points at a local replay server; no credentials.\n"

// writeKubeconfig writes a kubeconfig for the replay server. It holds no
// credentials: the replay server asks for none.
func writeKubeconfig(path, url string) error {
	if err := checkOwnKubeconfig(path); err != nil {
		return flagValueError("kubeconfig-out", path, err)
	}
	content := kubeconfigMarker + fmt.Sprintf(`apiVersion: v1
kind: Config
clusters:
- name: kube-apidocs-replay
  cluster:
    server: %s
contexts:
- name: kube-apidocs-replay
  context:
    cluster: kube-apidocs-replay
    user: anonymous
users:
- name: anonymous
  user: {}
current-context: kube-apidocs-replay
`, url)
	tmp, err := os.CreateTemp(filepath.Dir(path), ".kubeconfig-*")
	if err != nil {
		return flagValueError("kubeconfig-out", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(content); err != nil {
		tmp.Close()
		return flagValueError("kubeconfig-out", path, err)
	}
	if err := tmp.Close(); err != nil {
		return flagValueError("kubeconfig-out", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return flagValueError("kubeconfig-out", path, err)
	}
	return nil
}

// checkOwnKubeconfig allows writing path when nothing is there or when the
// file there is a regular file that serve wrote earlier.
func checkOwnKubeconfig(path string) error {
	info, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return errors.New("exists and is not a regular file; choose another path")
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	head := make([]byte, len(kubeconfigMarker))
	if _, err := io.ReadFull(f, head); err != nil || string(head) != kubeconfigMarker {
		return errors.New("exists and was not written by kube-apidocs serve; remove it or choose another path")
	}
	return nil
}
