package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/spf13/pflag"
	"golang.org/x/term"
	"k8s.io/cli-runtime/pkg/genericclioptions"
	"k8s.io/client-go/util/homedir"

	"github.com/kube-apidocs/kube-apidocs/generator/source"
)

// clusterOptions are the flags of every command that talks to a live
// cluster, declared here once: kubectl's connection flags (cli-runtime's
// ConfigFlags, the RESTClientGetter package source reads the cluster
// through), the client-side rate limit, and whether to show progress.
type clusterOptions struct {
	*genericclioptions.ConfigFlags
	QPS   float32
	Burst int
	Quiet bool
}

// newClusterOptions returns the connection flags with kubectl's defaults.
// The ConfigFlags keep no state between calls (not persistent), so that a
// command may point them at one context after another (diff).
func newClusterOptions() *clusterOptions {
	flags := genericclioptions.NewConfigFlags(false)
	// discovery is not namespaced: a -n/--namespace flag would do nothing
	flags.Namespace = nil
	return &clusterOptions{ConfigFlags: flags, QPS: source.DefaultQPS, Burst: source.DefaultBurst}
}

// illegalCacheDirChars are the characters kubectl replaces with "_" when it
// names a cluster's discovery cache folder after the server's address
// (cli-runtime's computeDiscoverCacheDir).
var illegalCacheDirChars = regexp.MustCompile(`[^(\w/.)]`)

// discoveryCacheDir is the folder kubectl keeps the cluster's discovery
// cache in: --cache-dir (default $KUBECACHEDIR, else ~/.kube/cache), then
// discovery/<host_port>, named as cli-runtime names it.
func (o *clusterOptions) discoveryCacheDir() (string, error) {
	cfg, err := o.ToRESTConfig()
	if err != nil {
		return "", err
	}
	cacheDir := filepath.Join(homedir.HomeDir(), ".kube", "cache")
	if env := os.Getenv("KUBECACHEDIR"); env != "" {
		cacheDir = env
	}
	if o.CacheDir != nil && *o.CacheDir != "" {
		cacheDir = *o.CacheDir
	}
	host := strings.Replace(strings.Replace(cfg.Host, "https://", "", 1), "http://", "", 1)
	return filepath.Join(cacheDir, "discovery", illegalCacheDirChars.ReplaceAllString(host, "_")), nil
}

// configured reports whether a cluster was named at all: by --server, or
// by a kubeconfig (--kubeconfig, KUBECONFIG or ~/.kube/config) that has a
// cluster. Without one, client-go falls back to http://localhost:8080.
func (o *clusterOptions) configured() bool {
	if o.APIServer != nil && *o.APIServer != "" {
		return true
	}
	raw, err := o.ToRawKubeConfigLoader().RawConfig()
	return err != nil || len(raw.Clusters) > 0
}

func (o *clusterOptions) addFlags(fs *pflag.FlagSet) {
	fs.Float32Var(&o.QPS, "qps", o.QPS, "Requests per second to the cluster during discovery (kubectl uses 50).")
	fs.IntVar(&o.Burst, "burst", o.Burst, "Requests allowed in a burst above --qps during discovery (kubectl uses 300).")
	fs.BoolVar(&o.Quiet, "quiet", false, "Do not show a progress line on stderr while discovery fetches many group-versions.")
	o.ConfigFlags.AddFlags(fs)
}

// validate checks the rate limit.
func (o *clusterOptions) validate() error {
	if o.QPS <= 0 {
		return fmt.Errorf("--qps must be more than 0, got %v", o.QPS)
	}
	if o.Burst < 1 {
		return fmt.Errorf("--burst must be at least 1, got %d", o.Burst)
	}
	return nil
}

// progress returns the progress line for errOut: silent unless errOut is
// a terminal and --quiet is not set.
func (o *clusterOptions) progress(errOut io.Writer) *progressLine {
	f, ok := errOut.(*os.File)
	if o.Quiet || !ok || !term.IsTerminal(int(f.Fd())) {
		return &progressLine{}
	}
	return &progressLine{w: errOut}
}

// progressLine redraws one line on a terminal: "discovery: 12/45
// group-versions". The zero value (no writer) prints nothing.
type progressLine struct {
	w     io.Writer
	mu    sync.Mutex
	shown bool
}

// report draws the line; safe for concurrent use.
func (p *progressLine) report(done, total int) {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.w, "\r\x1b[Kdiscovery: %d/%d group-versions", done, total)
	p.shown = true
}

// finish erases the line, if one was drawn.
func (p *progressLine) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}
