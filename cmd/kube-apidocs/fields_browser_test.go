package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// targetState is what the page says about the field its URL names: every
// <details> around it open, its own too, and where it sits.
const targetState = `(() => {
  const el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (!el) { return JSON.stringify({found: false}); }
  let around = true;
  for (let n = el.parentElement; n; n = n.parentElement) { if (n.tagName === "DETAILS" && !n.open) { around = false; } }
  const r = el.getBoundingClientRect();
  return JSON.stringify({found: true, around: around, own: el.querySelector("details").open, top: r.top, height: innerHeight});
})()`

type fieldTarget struct {
	Found, Around, Own bool
	Top, Height        float64
}

func checkTarget(t *testing.T, step, state string) {
	t.Helper()
	var s fieldTarget
	if err := json.Unmarshal([]byte(state), &s); err != nil {
		t.Fatalf("%s: %v", step, err)
	}
	if !s.Found || !s.Around || !s.Own || s.Top < 0 || s.Top >= s.Height {
		t.Errorf("%s: target field %+v; want it found, open with its parents, in the viewport", step, s)
	}
}

// TestFieldPageInBrowser opens the Deployment page of a recording with
// OpenAPI documents in headless Chromium: a link to a nested field opens
// the fields around it and scrolls to it, expand all and collapse all
// work, search finds restartPolicy and containers.image and leads to the
// field, and dark mode applies. Screenshots (light and dark, full page)
// go to $KUBE_APIDOCS_SCREENSHOTS when set.
func TestFieldPageInBrowser(t *testing.T) {
	t.Parallel()
	browser := findChromium(t)
	site := sharedSite(t, "--fixtures", crdsFixture, "--fields")
	shots := artifactDir(t)
	ctx, problems := newBrowser(t, browser)
	page := fileURL(filepath.Join(site, "resources/apps/v1/deployments.html")) + "#spec.template.spec.containers"
	var state string
	browse(t, ctx, "open a field by its anchor",
		chromedp.Navigate(page),
		chromedp.WaitVisible("#fields", chromedp.ByID),
		chromedp.Evaluate(targetState, &state),
		screenshot(filepath.Join(shots, "fields-light.png")),
		fullScreenshot(filepath.Join(shots, "fields-light-full.png")),
	)
	checkTarget(t, "anchor", state)

	var total, opened, closed int
	count := `document.querySelectorAll("ul.fields details").length`
	openCount := `document.querySelectorAll("ul.fields details[open]").length`
	browse(t, ctx, "expand and collapse all",
		chromedp.Evaluate(count, &total),
		chromedp.Click("#field-tools button:first-child", chromedp.ByQuery),
		chromedp.Evaluate(openCount, &opened),
		chromedp.Click("#field-tools button:last-child", chromedp.ByQuery),
		chromedp.Evaluate(openCount, &closed),
	)
	if total < 1000 || opened != total || closed != 0 {
		t.Errorf("expand all opened %d of %d fields, collapse all left %d open", opened, total, closed)
	}

	for _, q := range []struct{ query, first, path string }{
		{"restartPolicy", "spec.restartPolicyPod · v1", "/resources/core/v1/pods.html#spec.restartPolicy"},
		{"containers.image", "spec.containers.imagePod · v1", "/resources/core/v1/pods.html#spec.containers.image"},
	} {
		var first, location string
		browse(t, ctx, "search "+q.query,
			chromedp.Navigate(page),
			chromedp.WaitVisible("#search", chromedp.ByID),
			chromedp.SendKeys("#search", q.query, chromedp.ByID),
			chromedp.WaitVisible("#search-results [role=option]", chromedp.ByQuery),
			chromedp.Text("#search-results [role=option]", &first, chromedp.ByQuery),
			screenshot(filepath.Join(shots, "fields-search-"+q.query+".png")),
			chromedp.KeyEvent(kb.Enter),
			chromedp.WaitVisible("#fields", chromedp.ByID),
			chromedp.Location(&location),
			chromedp.Evaluate(targetState, &state),
		)
		if first != q.first || !strings.HasSuffix(location, q.path) {
			t.Errorf("search %s: first result %q led to %s; want %q leading to …%s", q.query, first, location, q.first, q.path)
		}
		checkTarget(t, "search "+q.query, state)
	}

	var bg string
	browse(t, ctx, "dark mode",
		chromedp.Navigate(page),
		chromedp.WaitVisible("#fields", chromedp.ByID),
		chromedp.Click("#theme-toggle", chromedp.ByID),
		chromedp.Evaluate(`getComputedStyle(document.body).backgroundColor`, &bg),
		chromedp.Evaluate(`window.scrollTo(0, document.getElementById("spec.template.spec.containers").offsetTop - 80)`, nil),
		screenshot(filepath.Join(shots, "fields-dark.png")),
		fullScreenshot(filepath.Join(shots, "fields-dark-full.png")),
		chromedp.Click("#theme-toggle", chromedp.ByID),
	)
	if bg == "rgb(255, 255, 255)" {
		t.Error("dark mode left the field page white")
	}
	for _, p := range problems() {
		t.Errorf("browser reported: %s", p)
	}
	t.Logf("screenshots in %s", shots)
}
