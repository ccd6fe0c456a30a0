package source

import (
	"k8s.io/cli-runtime/pkg/genericclioptions"
	"k8s.io/client-go/rest"
)

// kubectl's client-side rate limit for discovery (cli-runtime's
// ConfigFlags.ToDiscoveryClient), used when the options leave it 0.
const (
	DefaultQPS   = 50
	DefaultBurst = 300
)

// restConfig is the client configuration getter builds, as kubectl builds
// it from its connection flags and KUBECONFIG, with the client-side rate
// limit qps and burst (0: DefaultQPS, DefaultBurst). It is a copy: the
// transport wrappers added later do not reach the getter's config.
func restConfig(getter genericclioptions.RESTClientGetter, qps float32, burst int) (*rest.Config, error) {
	cfg, err := getter.ToRESTConfig()
	if err != nil {
		return nil, err
	}
	cfg = rest.CopyConfig(cfg)
	cfg.QPS, cfg.Burst = qps, burst
	if cfg.QPS == 0 {
		cfg.QPS = DefaultQPS
	}
	if cfg.Burst == 0 {
		cfg.Burst = DefaultBurst
	}
	return cfg, nil
}
