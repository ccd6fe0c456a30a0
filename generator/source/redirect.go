package source

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"k8s.io/client-go/discovery"
	"k8s.io/client-go/rest"

	"github.com/kube-apidocs/kube-apidocs/generator/textsafe"
)

// RedirectError is a redirect that discovery or recording refused to
// follow because it leads to another scheme, host or port than the request
// it answers.
//
// Refusing is deliberate; stripping the Authorization header and going on
// would not be enough. client-go's credentials live in the transport, not
// in the request: the bearer-token, exec-plugin and impersonation round
// trippers set their headers on every request the http.Client sends,
// redirects included (net/http's removal of Authorization on a redirect
// to another domain reaches only headers the first request carried), and
// a client certificate is presented to any TLS server that asks for one.
// Only not sending the request keeps all of them from the other origin.
// The discovery documents of a cluster come from the cluster itself;
// kube-apiserver redirects only within its own origin, and those
// redirects are followed.
type RedirectError struct {
	// From is the URL that answered with the redirect, To the URL it
	// pointed at; both without user information or query.
	From, To string
}

// Error names both URLs.
func (e *RedirectError) Error() string {
	return fmt.Sprintf("refusing to follow the redirect from %s to %s: it leads to another scheme, host or port, which would be sent the credentials", e.From, textsafe.Clean(e.To))
}

// checkRedirect is an http.Client CheckRedirect that follows a redirect
// only when it stays at the scheme, host and port of the first request.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) == 0 {
		return nil
	}
	first, last := via[0].URL, via[len(via)-1].URL
	if !sameOrigin(first, req.URL) {
		return &RedirectError{From: plainURL(last), To: plainURL(req.URL)}
	}
	if len(via) >= 10 {
		return fmt.Errorf("stopped after 10 redirects at %s", plainURL(last))
	}
	return nil
}

// sameOrigin reports whether a and b have the same scheme, host and port,
// an omitted port being the scheme's default.
func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Hostname(), b.Hostname()) && port(a) == port(b)
}

func port(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return "443"
	case "http":
		return "80"
	}
	return ""
}

// plainURL is u without user information, query or fragment.
func plainURL(u *url.URL) string {
	return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()
}

// httpClientFor is rest.HTTPClientFor with checkRedirect. It never
// changes the shared http.DefaultClient that rest.HTTPClientFor may return.
func httpClientFor(cfg *rest.Config) (*http.Client, error) {
	shared, err := rest.HTTPClientFor(cfg)
	if err != nil {
		return nil, err
	}
	client := *shared
	client.CheckRedirect = checkRedirect
	return &client, nil
}

// newDiscoveryClient is discovery.NewDiscoveryClientForConfig with an
// http.Client that refuses redirects to another origin. It applies the
// defaults of discovery's own constructor that shape the transport: the
// timeout and the User-Agent.
func newDiscoveryClient(cfg *rest.Config) (*discovery.DiscoveryClient, error) {
	cfg = rest.CopyConfig(cfg)
	if cfg.Timeout == 0 {
		cfg.Timeout = defaultRecordTimeout
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = rest.DefaultKubernetesUserAgent()
	}
	client, err := httpClientFor(cfg)
	if err != nil {
		return nil, err
	}
	return discovery.NewDiscoveryClientForConfigAndClient(cfg, client)
}
