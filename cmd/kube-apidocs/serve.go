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

	"github.com/kube-apidocs/kube-apidocs/generator/replay"
)

// serveOptions holds the flags of `kube-apidocs serve`.
type serveOptions struct {
	source        *sourceOptions
	Addr          string
	KubeconfigOut string
}

func newServeCommand(s streams) *cobra.Command {
	o := &serveOptions{source: newSourceOptions()}
	cmd := &cobra.Command{
		Use:   "serve --fixtures DIR",
		Short: "Serve a recording as an API server that kubectl and client-go can query",
		Long: `serve answers discovery requests from a recording the way the recorded
kube-apiserver did: aggregated discovery when the Accept header asks for a
format the recording has, the recorded 406 when the server refused it, the
legacy documents for plain JSON, and a Kubernetes Status 404 for any other
path. It listens on loopback unless --addr says otherwise, prints its URL,
and runs until interrupted.`,
		Example: `  # Serve a recording and point kubectl at it
  kube-apidocs serve --fixtures fixtures/v1.29.6 --kubeconfig-out /tmp/replay.kubeconfig &
  kubectl --kubeconfig /tmp/replay.kubeconfig api-resources`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.source.Fixtures == "" {
				return errors.New(`--fixtures is required: a recording folder or "builtin"`)
			}
			return o.run(cmd.Context(), s)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.source.Fixtures, "fixtures", "", `The recording to serve: a folder, or "builtin".`)
	f.Int64Var(&o.source.MaxFileSize, "max-file-size", o.source.MaxFileSize, "Refuse recorded documents larger than this many bytes.")
	f.StringVar(&o.Addr, "addr", "127.0.0.1:0", "Address to listen on (port 0 picks a free port).")
	f.StringVar(&o.KubeconfigOut, "kubeconfig-out", "", "Write a kubeconfig (no credentials) that points at the server to this file.")
	return cmd
}

func (o *serveOptions) run(ctx context.Context, s streams) error {
	rec, err := o.source.recording(s.ErrOut)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return fmt.Errorf("--addr %s: %w", o.Addr, err)
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
	fmt.Fprintf(s.Out, "Serving %s at %s\n", rec.Name, url)
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
		return fmt.Errorf("--kubeconfig-out %s: %w", path, err)
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
		return fmt.Errorf("--kubeconfig-out %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(content); err != nil {
		tmp.Close()
		return fmt.Errorf("--kubeconfig-out %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("--kubeconfig-out %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("--kubeconfig-out %s: %w", path, err)
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
