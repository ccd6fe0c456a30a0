package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// layoutPage is one page the layout test opens at each width.
type layoutPage struct {
	name, file string
}

// layoutReport is what layoutCheck measures on a page: the page's and the
// viewport's width, its height, the REST path segments that a line break
// cut in two, the code elements that may break anywhere, and, on the
// api-resources page, the tallest row and whether the table scrolls.
type layoutReport struct {
	ScrollWidth, InnerWidth, Height int
	BrokenSegments                  []string
	AnywhereCode                    int
	TallestRow                      float64
	TableScrolls                    bool
}

// layoutCheck measures a page (see layoutReport). A REST path segment is a
// text node of a code.path element, one piece between two <wbr>: it is cut
// when its text takes more than one line box.
const layoutCheck = `(() => {
  const broken = [];
  document.querySelectorAll("code.path").forEach(c => {
    const walk = document.createTreeWalker(c, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      if (!n.textContent.trim()) { continue; }
      const r = document.createRange(); r.selectNodeContents(n);
      const tops = new Set(Array.from(r.getClientRects()).map(x => Math.round(x.top)));
      if (tops.size > 1) { broken.push(n.textContent); }
    }
  });
  const anywhere = Array.from(document.querySelectorAll("code")).filter(c => getComputedStyle(c).overflowWrap === "anywhere").length;
  const rows = Array.from(document.querySelectorAll("#resources-table tbody tr"));
  const table = document.getElementById("resources-table");
  return {
    scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
    height: document.documentElement.scrollHeight, brokenSegments: broken.slice(0, 5), anywhereCode: anywhere,
    tallestRow: rows.reduce((m, r) => Math.max(m, r.getBoundingClientRect().height), 0),
    tableScrolls: !!table && table.scrollWidth > table.clientWidth,
  };
})()`

// TestSiteLayoutInBrowser opens each page kind of the bundled site, the
// index of the 1,000-CRD recording and the HTML diff in headless Chromium
// at 390 and 1400 px: the page is never wider than the viewport, no REST
// path breaks inside a segment, no code breaks anywhere; at 1400 px the
// api-resources table fits without scrolling in rows at most two lines
// high, and the 1,000-CRD index (its CRD groups folded) stays short. Then
// search finds subresources, resource.group and group-versions, the diff
// page turns dark with the system, and api-tree.svg keeps its own light
// background under a dark page. Full-page screenshots of every page at
// both widths go to $KUBE_APIDOCS_ARTIFACTS (else $KUBE_APIDOCS_SCREENSHOTS)
// when one is set.
func TestSiteLayoutInBrowser(t *testing.T) {
	t.Parallel()
	browser := findChromium(t)
	dir := t.TempDir()
	runGenerateProcess(t, "--fixtures", "builtin", "--out", filepath.Join(dir, "site"))
	runGenerateProcess(t, "--fixtures", "../../fixtures/v1.33.13-1000crds", "--out", filepath.Join(dir, "crds"), "--format", "html")
	diffPage := apidocsStdout(t, "diff", "../../fixtures/v1.29.6", "builtin", "-o", "html", "--new-site", "site")
	if err := os.WriteFile(filepath.Join(dir, "diff.html"), []byte(diffPage), 0o644); err != nil {
		t.Fatal(err)
	}
	shots := artifactDir(t)
	ctx, problems := newBrowserFor(t, browser, 5*time.Minute) // 16 full-page screenshots; a busy machine needs minutes
	pages := []layoutPage{
		{"index", "site/index.html"}, {"api-resources", "site/api-resources.html"}, {"group", "site/groups/apps.html"},
		{"deployment", "site/resources/apps/v1/deployments.html"}, {"pod", "site/resources/core/v1/pods.html"},
		{"concepts", "site/concepts.html"}, {"index-1000crds", "crds/index.html"}, {"diff", "diff.html"},
	}
	for _, width := range []int64{390, 1400} {
		browse(t, ctx, "viewport", chromedp.EmulateViewport(width, 900))
		for _, p := range pages {
			var r layoutReport
			browse(t, ctx, p.name,
				chromedp.Navigate(fileURL(filepath.Join(dir, filepath.FromSlash(p.file)))),
				chromedp.WaitReady("body", chromedp.ByQuery),
				chromedp.Evaluate(layoutCheck, &r),
				fullScreenshot(filepath.Join(shots, p.name+"-"+strconv.FormatInt(width, 10)+".png")),
			)
			checkLayout(t, p.name, width, r)
		}
	}
	checkSearchForms(t, ctx, fileURL(filepath.Join(dir, "site", "index.html")))
	checkDarkDiffAndTree(t, ctx, dir, shots)
	for _, p := range problems() {
		t.Errorf("browser reported: %s", p)
	}
	t.Logf("screenshots in %s", shots)
}

// checkLayout holds one page's measurements to the rules of the test.
func checkLayout(t *testing.T, name string, width int64, r layoutReport) {
	t.Helper()
	at := name + " at " + strconv.FormatInt(width, 10) + " px"
	if r.InnerWidth != int(width) || r.ScrollWidth > r.InnerWidth {
		t.Errorf("%s: the page is %d px wide in a %d px viewport", at, r.ScrollWidth, r.InnerWidth)
	}
	if len(r.BrokenSegments) > 0 {
		t.Errorf("%s: REST path segments broken across lines: %q", at, r.BrokenSegments)
	}
	if r.AnywhereCode > 0 {
		t.Errorf("%s: %d code elements may break anywhere", at, r.AnywhereCode)
	}
	if name == "api-resources" && width == 1400 && (r.TableScrolls || r.TallestRow > 48) {
		t.Errorf("%s: the table scrolls sideways (%v) or has a row %.0f px high (want at most two lines)", at, r.TableScrolls, r.TallestRow)
	}
	if name == "index-1000crds" && width == 1400 && r.Height > 2500 {
		t.Errorf("%s: %d px tall (was 14,712 before the tree folded), want at most 2,500", at, r.Height)
	}
	t.Logf("%s: %d px wide, %d px tall", at, r.ScrollWidth, r.Height)
}

// checkSearchForms searches the forms kubectl and RBAC write: a
// subresource, resource.group (Enter opens it) and a group-version.
func checkSearchForms(t *testing.T, ctx context.Context, index string) {
	t.Helper()
	first := func(q string, out *string) chromedp.Tasks {
		return chromedp.Tasks{
			chromedp.Navigate(index),
			chromedp.WaitVisible("#search", chromedp.ByID),
			chromedp.SendKeys("#search", q, chromedp.ByID),
			chromedp.WaitVisible("#search-results [role=option]", chromedp.ByQuery),
			chromedp.Text("#search-results [role=option]", out, chromedp.ByQuery),
		}
	}
	var scale, exec, version, qualified, location, status string
	browse(t, ctx, "search forms",
		chromedp.EmulateViewport(1280, 900),
		first("deployments/scale", &scale), first("pods/exec", &exec), first("v2", &version),
		first("deployments.apps", &qualified),
		chromedp.Text("#search-status", &status, chromedp.ByID),
		chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible("#kubectl", chromedp.ByID),
		chromedp.Location(&location),
	)
	for q, got := range map[string]string{"deployments/scale": scale, "pods/exec": exec, "deployments.apps": qualified} {
		want := map[string]string{"deployments/scale": "deployments/scalesubresource · Deployment", "pods/exec": "pods/execsubresource · Pod", "deployments.apps": "Deployment"}[q]
		if !strings.HasPrefix(got, want) {
			t.Errorf("search %s: first result %q, want it to start with %q", q, got, want)
		}
	}
	if version != "autoscaling/v2group-version" { // the label, then the kind of entry
		t.Errorf("search v2: first result %q, want the group-version autoscaling/v2", version)
	}
	if !strings.HasSuffix(location, "/resources/apps/v1/deployments.html") || !strings.Contains(status, "Enter opens") {
		t.Errorf("Enter on deployments.apps led to %s (status %q), want the apps/v1 deployments page", location, status)
	}
}

// checkDarkDiffAndTree opens the diff page and api-tree.svg with a dark
// system scheme: the diff page turns dark; the tree keeps its own light
// background, against which each label has 4.5:1 contrast.
func checkDarkDiffAndTree(t *testing.T, ctx context.Context, dir, shots string) {
	t.Helper()
	var diffBG string
	var tree struct {
		Ratio       float64
		Label, Fill string
		Background  string
	}
	browse(t, ctx, "dark diff and tree",
		emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}),
		chromedp.EmulateViewport(390, 900),
		chromedp.Navigate(fileURL(filepath.Join(dir, "diff.html"))),
		chromedp.WaitReady("body", chromedp.ByQuery),
		chromedp.Evaluate(`getComputedStyle(document.body).backgroundColor`, &diffBG),
		fullScreenshot(filepath.Join(shots, "diff-dark-390.png")),
		chromedp.Navigate(fileURL(filepath.Join(dir, "site", "api-tree.svg"))),
		chromedp.WaitReady("svg", chromedp.ByQuery),
		chromedp.Evaluate(treeContrastOwnBackground, &tree),
		screenshot(filepath.Join(shots, "api-tree-dark.png")),
		emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "light"}}),
	)
	if diffBG == "rgb(255, 255, 255)" || diffBG == "" {
		t.Errorf("diff page in dark mode: background %q, want a dark one", diffBG)
	}
	if tree.Background != "rgb(255, 255, 255)" || tree.Ratio < 4.5 || tree.Label == "" {
		t.Errorf("api-tree.svg in dark mode: background %s, label %q fill %s at %.2f:1; want its own white background and 4.5:1", tree.Background, tree.Label, tree.Fill, tree.Ratio)
	}
}

// treeContrastOwnBackground is the lowest contrast of the API tree's
// labels against the SVG's own background rectangle.
const treeContrastOwnBackground = `(() => {
  const rgb = c => c.match(/[\d.]+/g).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const rect = document.querySelector("svg.api-tree rect.bg");
  const background = rect ? getComputedStyle(rect).fill : "";
  if (!background) { return {ratio: 0, label: "", fill: "", background: ""}; }
  const bg = lum(background);
  let worst = {ratio: 99, label: "", fill: "", background: background};
  document.querySelectorAll("svg.api-tree text, svg.api-tree tspan").forEach(el => {
    const fill = getComputedStyle(el).fill, l = lum(fill);
    const ratio = (Math.max(l, bg) + 0.05) / (Math.min(l, bg) + 0.05);
    if (ratio < worst.ratio) { worst = {ratio: ratio, label: el.textContent, fill: fill, background: background}; }
  });
  return worst;
})()`

// artifactDir is where a browser test keeps its screenshots and PDFs:
// $KUBE_APIDOCS_ARTIFACTS, else $KUBE_APIDOCS_SCREENSHOTS (made when
// missing), else the test's temp dir.
func artifactDir(t *testing.T) string {
	for _, env := range []string{"KUBE_APIDOCS_ARTIFACTS", "KUBE_APIDOCS_SCREENSHOTS"} {
		if d := os.Getenv(env); d != "" {
			if err := os.MkdirAll(d, 0o755); err != nil {
				t.Fatal(err)
			}
			return d
		}
	}
	return t.TempDir()
}
