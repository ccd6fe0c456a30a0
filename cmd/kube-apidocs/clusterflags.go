package main

import (
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/spf13/pflag"
	"golang.org/x/term"
	"k8s.io/cli-runtime/pkg/genericclioptions"
	"k8s.io/client-go/rest"
)

// kubectl's client-side rate limit for discovery (cli-runtime's
// ConfigFlags.ToDiscoveryClient).
const (
	defaultQPS   = 50
	defaultBurst = 300
)

// clusterOptions are the flags of every command that talks to a live
// cluster: kubectl's connection flags (cli-runtime's ConfigFlags, embedded
// so that commands can set KubeConfig or Context), the client-side rate
// limit, and whether to show progress.
type clusterOptions struct {
	*genericclioptions.ConfigFlags
	QPS   float32
	Burst int
	Quiet bool
}

func newClusterOptions() *clusterOptions {
	return &clusterOptions{ConfigFlags: genericclioptions.NewConfigFlags(true), QPS: defaultQPS, Burst: defaultBurst}
}

func (o *clusterOptions) addFlags(fs *pflag.FlagSet) {
	fs.Float32Var(&o.QPS, "qps", o.QPS, "Requests per second to the cluster during discovery (kubectl uses 50).")
	fs.IntVar(&o.Burst, "burst", o.Burst, "Requests allowed in a burst above --qps during discovery (kubectl uses 300).")
	fs.BoolVar(&o.Quiet, "quiet", false, "Do not show a progress line on stderr while discovery fetches many group-versions.")
	o.ConfigFlags.AddFlags(fs)
}

// restConfig is the client configuration kubectl would build from the
// flags and KUBECONFIG, with the rate limit of --qps and --burst.
func (o *clusterOptions) restConfig() (*rest.Config, error) {
	if o.QPS <= 0 {
		return nil, fmt.Errorf("--qps must be more than 0, got %v", o.QPS)
	}
	if o.Burst < 1 {
		return nil, fmt.Errorf("--burst must be at least 1, got %d", o.Burst)
	}
	cfg, err := o.ConfigFlags.ToRESTConfig()
	if err != nil {
		return nil, err
	}
	cfg.QPS, cfg.Burst = o.QPS, o.Burst
	return cfg, nil
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
