// Command inert opens every HTML page of built sites in headless Chromium
// and fails when a page runs a script or makes a request that its text
// put there: make ssg runs it over the hostile recording's sites (Hugo,
// MkDocs, Docusaurus and kube-apidocs' own HTML).
//
// Usage: go run ./hack/ssg/inert SITE_DIR...
//
// Each site is served over HTTP on 127.0.0.1 at "/" (Docusaurus' and
// Hugo's root-relative links need a server). The checks, all through the
// DevTools protocol, none by a script of ours in the page:
//   - Page.javascriptDialogOpening: an alert, confirm or prompt opened
//     (every payload of the hostile recording calls alert);
//   - Network.requestWillBeSent: a request to any host but the site's
//     own server (the payloads fetch 127.0.0.1:9 and load images from it);
//   - the DOM as Chromium built it (DOM.getOuterHTML after load), parsed
//     with x/net/html: an element with an on* attribute, a javascript:
//     URL, an element pointing at 127.0.0.1:9, a script whose text
//     calls alert, any iframe, frame, object or embed.
package main

import (
	"context"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"
)

// chromium is Debian's Chromium; CHROMIUM overrides it.
const chromium = "/usr/bin/chromium"

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: inert SITE_DIR...")
		os.Exit(2)
	}
	failed := false
	for _, dir := range os.Args[1:] {
		problems, pages, err := checkSite(dir)
		if err != nil {
			fmt.Fprintf(os.Stderr, "inert: %s: %v\n", dir, err)
			failed = true
			continue
		}
		for _, p := range problems {
			fmt.Printf("%s: %s\n", dir, p)
		}
		fmt.Printf("%s: %d pages opened in Chromium, %d problems\n", dir, pages, len(problems))
		if len(problems) > 0 || pages == 0 {
			failed = true
		}
	}
	if failed {
		os.Exit(1)
	}
}

// checkSite serves dir, opens each of its HTML pages and returns what it
// saw go wrong.
func checkSite(dir string) ([]string, int, error) {
	pages, err := htmlPages(dir)
	if err != nil {
		return nil, 0, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, 0, err
	}
	srv := &http.Server{Handler: http.FileServer(http.Dir(dir))}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()

	ctx, cancel := newBrowser()
	defer cancel()
	var mu sync.Mutex
	var problems []string
	current := ""
	report := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		problems = append(problems, current+": "+fmt.Sprintf(format, args...))
	}
	chromedp.ListenTarget(ctx, func(ev any) {
		switch e := ev.(type) {
		case *page.EventJavascriptDialogOpening:
			report("a %s dialog opened: %q", e.Type, e.Message)
			go chromedp.Run(ctx, page.HandleJavaScriptDialog(true))
		case *network.EventRequestWillBeSent:
			if u := e.Request.URL; !strings.HasPrefix(u, base+"/") && !strings.HasPrefix(u, "data:") {
				report("a request to %s", u)
			}
		}
	})
	if err := chromedp.Run(ctx, network.Enable()); err != nil {
		return nil, 0, fmt.Errorf("starting %s: %w", chromiumPath(), err)
	}
	for _, p := range pages {
		mu.Lock()
		current = p
		mu.Unlock()
		err := chromedp.Run(ctx,
			chromedp.Navigate(base+"/"+(&url.URL{Path: p}).EscapedPath()),
			chromedp.Sleep(300*time.Millisecond), // hydration (Docusaurus) and late handlers
		)
		if err != nil {
			return nil, 0, fmt.Errorf("%s: %w", p, err)
		}
		outer, err := pageDOM(ctx)
		if err != nil {
			report("reading the DOM: %v", err)
		}
		for _, bad := range injected(outer) {
			report("%s", bad)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	return slices.Clone(problems), len(pages), nil
}

// pageDOM is the serialised DOM of the page in ctx, read through the
// DevTools protocol; a document replaced while it is read is read again.
func pageDOM(ctx context.Context) (string, error) {
	var outer string
	var err error
	for range 3 {
		err = chromedp.Run(ctx, chromedp.ActionFunc(func(ctx context.Context) error {
			root, err := dom.GetDocument().WithDepth(-1).Do(ctx)
			if err != nil {
				return err
			}
			outer, err = dom.GetOuterHTML().WithNodeID(root.NodeID).Do(ctx)
			return err
		}))
		if err == nil {
			return outer, nil
		}
		time.Sleep(500 * time.Millisecond)
	}
	return "", err
}

func chromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	return chromium
}

// newBrowser starts headless Chromium with a fresh profile.
func newBrowser() (context.Context, context.CancelFunc) {
	profile, _ := os.MkdirTemp("", "kube-apidocs-inert-")
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath()), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.UserDataDir(profile), chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	ctx, cancelTime := context.WithTimeout(ctx, 10*time.Minute)
	return ctx, func() { cancelTime(); cancelTab(); cancelAlloc(); os.RemoveAll(profile) }
}

// htmlPages lists the .html files under dir, as slash paths.
func htmlPages(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(rel))
		return err
	})
	return out, err
}

// injected lists what in a page's DOM came from the hostile text rather
// than from the generator: on* attributes, javascript: URLs, references to
// the payloads' 127.0.0.1:9, scripts calling alert, frames and objects.
func injected(outer string) []string {
	doc, err := html.Parse(strings.NewReader(outer))
	if err != nil {
		return []string{"the DOM does not parse: " + err.Error()}
	}
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			out = append(out, badElement(n)...)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// urlAttrs are the attributes whose value the browser loads or follows.
var urlAttrs = map[string]bool{
	"src": true, "href": true, "action": true, "formaction": true, "data": true, "srcset": true,
	"poster": true, "xlink:href": true, "background": true, "srcdoc": true,
}

func badElement(n *html.Node) []string {
	var out []string
	for _, a := range n.Attr {
		v := strings.ToLower(strings.TrimSpace(a.Val))
		switch {
		case strings.HasPrefix(a.Key, "on"):
			out = append(out, fmt.Sprintf("<%s %s=%q>", n.Data, a.Key, a.Val))
		case urlAttrs[a.Key] && (strings.HasPrefix(v, "javascript:") || strings.Contains(v, "127.0.0.1:9/")):
			out = append(out, fmt.Sprintf("<%s %s=%q>", n.Data, a.Key, a.Val))
		}
	}
	switch n.Data {
	case "iframe", "frame", "object", "embed": // no generator's page has one
		out = append(out, fmt.Sprintf("an <%s> element", n.Data))
	}
	if n.Data == "script" {
		if text := nodeText(n); strings.Contains(text, "alert(") && !isData(n) {
			out = append(out, fmt.Sprintf("a <%s> calling alert: %.80q", n.Data, text))
		}
	}
	return out
}

// isData reports a script element that holds data, not code (JSON-LD,
// JSON): its text never runs, but if it ended early what follows would,
// which the DOM shows as a separate element.
func isData(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key == "type" && (strings.Contains(a.Val, "json")) {
			return true
		}
	}
	return false
}

func nodeText(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}
