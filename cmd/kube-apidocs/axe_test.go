package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// axeScript is axe-core's browser bundle, pinned by hack/axe/package-lock.json.
const axeScript = "../../hack/axe/node_modules/axe-core/axe.min.js"

// axeViolation is the part of an axe-core result the test reports.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  []any  `json:"target"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

// axePage is one page kind the accessibility test checks, and what to do
// on it before axe runs (open the search results, sort a column).
type axePage struct {
	name, path string
	prepare    []chromedp.Action
}

// TestAxeSite runs axe-core in headless Chromium on each page kind of the
// site compared with v1.29.6 (index with and without open search results,
// api-resources sorted, a group, a resource, concepts, versions, and the
// diff -o html page linked into the site), in light and dark mode on a
// desktop and in dark mode on a phone: no serious or critical violation
// (TestSiteLayoutInBrowser checks the contrast of api-tree.svg, which axe
// skips). The diff page is the one from v1.31.14: it has every kind of
// element the one from v1.29.6 has, in 87 kB instead of 191, and axe's time
// grows with the page. Full-page screenshots of the index and a resource
// page go to $KUBE_APIDOCS_SCREENSHOTS when set.
func TestAxeSite(t *testing.T) {
	t.Parallel()
	browser := findChromium(t)
	axe := loadAxe(t)
	site := filepath.Join(t.TempDir(), "site")
	runGenerateProcess(t, "--fixtures", "builtin", "--out", site, "--format", "html", "--compare", "../../fixtures/v1.29.6")
	diffPage := apidocsStdout(t, "diff", "../../fixtures/v1.31.14", "builtin", "-o", "html", "--old-site", "https://example.com/v1.31", "--new-site", ".")
	if err := os.WriteFile(filepath.Join(site, "diff.html"), []byte(diffPage), 0o644); err != nil {
		t.Fatal(err)
	}
	shots := artifactDir(t)
	pages := []axePage{
		{name: "index", path: "index.html"},
		{name: "index-search", path: "index.html", prepare: []chromedp.Action{
			chromedp.SendKeys("#search", "deploy", chromedp.ByID),
			chromedp.WaitVisible("#search-results [role=option]", chromedp.ByQuery),
			chromedp.KeyEvent(kb.ArrowDown),
		}},
		{name: "api-resources", path: "api-resources.html", prepare: []chromedp.Action{
			chromedp.Click("#resources-table th:nth-child(5) button", chromedp.ByQuery),
		}},
		{name: "group", path: "groups/apps.html"},
		{name: "resource", path: "resources/apps/v1/deployments.html"},
		{name: "concepts", path: "concepts.html"},
		{name: "versions", path: "versions.html"},
		{name: "diff", path: "diff.html"},
		{name: "cheatsheet", path: "cheatsheet.html"},
		{name: "flashcards", path: "flashcards.html", prepare: []chromedp.Action{press("#card-options button")}},
	}
	// Desktop in both schemes, then a phone in dark mode: on a narrow
	// screen code blocks and tables scroll and must take focus. Each in a
	// browser context of its own, at the same time.
	for _, run := range []struct{ scheme, screen string }{{"light", "desktop"}, {"dark", "desktop"}, {"dark", "phone"}} {
		mode := run.scheme + ", " + run.screen
		t.Run(run.scheme+"-"+run.screen, func(t *testing.T) {
			t.Parallel()
			ctx, problems := newBrowserFor(t, browser, 6*time.Minute) // 8 axe runs; a busy machine needs minutes
			browse(t, ctx, mode, emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: run.scheme}}))
			if run.screen == "phone" {
				browse(t, ctx, mode, chromedp.EmulateViewport(390, 844))
			}
			for _, p := range pages {
				checkAxe(t, ctx, axe, fileURL(filepath.Join(site, filepath.FromSlash(p.path))), p, run.scheme, mode)
				if run.screen == "desktop" && (p.name == "index" || p.name == "resource") {
					browse(t, ctx, "screenshot "+p.name, fullScreenshot(filepath.Join(shots, p.name+"-"+run.scheme+".png")))
				}
			}
			for _, p := range problems() {
				t.Errorf("browser reported: %s", p)
			}
		})
	}
	t.Logf("screenshots in %s", shots)
}

// loadAxe reads axe-core's bundle, failing (never skipping) without it.
func loadAxe(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(axeScript)
	if errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("axe-core is not installed (hack/axe/node_modules/axe-core/axe.min.js missing): run npm ci --prefix hack/axe in the repository root (make test does it)")
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// checkAxe opens url, checks that the colour scheme took effect, runs
// p.prepare and then axe-core, and fails on each serious or critical
// violation; the others are logged.
func checkAxe(t *testing.T, ctx context.Context, axe, url string, p axePage, scheme, mode string) {
	t.Helper()
	var bg string
	actions := []chromedp.Action{
		chromedp.Navigate(url),
		chromedp.WaitReady("body", chromedp.ByQuery),
		chromedp.Evaluate(`getComputedStyle(document.body).backgroundColor`, &bg),
	}
	start := time.Now()
	violations := runAxe(t, ctx, axe, p.name+" ("+mode+")", append(actions, p.prepare...)...)
	t.Logf("%s (%s): %d violation(s), %v", p.name, mode, len(violations), time.Since(start).Round(time.Millisecond))
	if white := bg == "rgb(255, 255, 255)"; white != (scheme == "light") {
		t.Errorf("%s (%s): page background %s", p.name, mode, bg)
	}
	for _, v := range violations {
		msg := fmt.Sprintf("%s (%s): axe %s [%s] %s on %d node(s):%s", p.name, mode, v.ID, v.Impact, v.Help, len(v.Nodes), axeNodes(v))
		if v.Impact == "serious" || v.Impact == "critical" {
			t.Error(msg)
		} else {
			t.Log(msg)
		}
	}
}

// runAxe runs actions, injects axe-core and returns its violations; it
// logs the checks axe could not decide.
func runAxe(t *testing.T, ctx context.Context, axe, step string, actions ...chromedp.Action) []axeViolation {
	t.Helper()
	var out string
	// preload would fetch the style sheets with XHR, which file:// refuses.
	run := `axe.run(document, {resultTypes: ["violations"], preload: false}).then(r => JSON.stringify({v: r.violations, i: r.incomplete.map(x => x.id + " on " + x.nodes.map(n => n.target.join(" ")).slice(0, 3).join(", "))}))`
	browse(t, ctx, "axe on "+step, append(actions,
		chromedp.Evaluate(axe+"\n;true", nil),
		chromedp.Evaluate(run, &out, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }),
	)...)
	var result struct {
		V []axeViolation
		I []string
	}
	if err := json.Unmarshal([]byte(out), &result); err != nil {
		t.Fatalf("%s: axe result: %v", step, err)
	}
	if len(result.I) > 0 {
		t.Logf("%s: axe could not decide (review by eye): %s", step, strings.Join(result.I, ", "))
	}
	return result.V
}

// TestAxeFindsViolations is the control of TestAxeSite: on a page made
// with a low-contrast paragraph, an image without alt text and a
// scrolling pre, the same injection reports all three as serious or
// critical, so a clean site result means axe really ran.
func TestAxeFindsViolations(t *testing.T) {
	t.Parallel()
	browser := findChromium(t)
	axe := loadAxe(t)
	page := filepath.Join(t.TempDir(), "bad.html")
	bad := `<!DOCTYPE html><html lang="en"><head><title>bad</title></head><body><main>` +
		`<h1>bad</h1><p style="color:#bbb;background:#fff">faint text</p><img src="x.png">` +
		`<pre style="width:10em;overflow:auto">` + strings.Repeat("long line ", 40) + `</pre></main></body></html>`
	if err := os.WriteFile(page, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, _ := newBrowser(t, browser)
	got := map[string]string{}
	for _, v := range runAxe(t, ctx, axe, "bad.html", chromedp.Navigate(fileURL(page)), chromedp.WaitReady("body", chromedp.ByQuery)) {
		got[v.ID] = v.Impact
	}
	want := map[string]string{"color-contrast": "serious", "image-alt": "critical", "scrollable-region-focusable": "serious"}
	for id, impact := range want {
		if got[id] != impact {
			t.Errorf("axe on bad.html: %s reported as %q, want %q (all: %v)", id, got[id], impact, got)
		}
	}
}

// axeNodes lists the first few nodes of a violation.
func axeNodes(v axeViolation) string {
	var b strings.Builder
	for i, n := range v.Nodes {
		if i == 3 {
			fmt.Fprintf(&b, "\n\t… %d more", len(v.Nodes)-i)
			break
		}
		fmt.Fprintf(&b, "\n\t%v: %s", n.Target, strings.ReplaceAll(n.Summary, "\n", " "))
	}
	return b.String()
}

// fullScreenshot saves a PNG of the whole page to path when
// screenshotsWanted.
func fullScreenshot(path string) chromedp.Action {
	if !screenshotsWanted() {
		return noAction
	}
	return chromedp.ActionFunc(func(ctx context.Context) error {
		var buf []byte
		if err := chromedp.FullScreenshot(&buf, 100).Do(ctx); err != nil {
			return err
		}
		return os.WriteFile(path, buf, 0o644)
	})
}

// TestAxeFieldPage runs axe-core on the Deployment page of a recording
// with OpenAPI documents: in light mode opened at a nested field, in dark
// mode with every one of its 1151 fields expanded (about 30 s each): no
// serious or critical violation.
func TestAxeFieldPage(t *testing.T) {
	t.Parallel()
	browser := findChromium(t)
	axe := loadAxe(t)
	site := sharedSite(t, "--fixtures", crdsFixture, "--fields")
	ctx, problems := newBrowserFor(t, browser, 3*time.Minute)
	url := fileURL(filepath.Join(site, "resources/apps/v1/deployments.html")) + "#spec.template.spec.containers"
	scheme := func(s string) chromedp.Action {
		return emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: s}})
	}
	browse(t, ctx, "light", scheme("light"))
	checkAxe(t, ctx, axe, url, axePage{name: "fields"}, "light", "light, desktop")
	browse(t, ctx, "dark", scheme("dark"))
	expanded := axePage{name: "fields-expanded", prepare: []chromedp.Action{chromedp.Click("#field-tools button:first-child", chromedp.ByQuery)}}
	checkAxe(t, ctx, axe, url, expanded, "dark", "dark, desktop, every field open")
	for _, p := range problems() {
		t.Errorf("browser reported: %s", p)
	}
}
