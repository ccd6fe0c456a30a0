package source

import (
	"k8s.io/cli-runtime/pkg/genericclioptions"
	"k8s.io/client-go/rest"
)

// configGetter hands Discover and Fetch a fixed configuration, as
// cli-runtime's ConfigFlags hands them the one of kubectl's flags.
type configGetter struct {
	genericclioptions.RESTClientGetter // nil: only ToRESTConfig is called
	cfg                                *rest.Config
}

func (g configGetter) ToRESTConfig() (*rest.Config, error) { return g.cfg, nil }

func getter(cfg *rest.Config) configGetter { return configGetter{cfg: cfg} }
