package main

import (
	"context"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromiumPath is where Debian's chromium package installs the browser.
const chromiumPath = "/usr/bin/chromium"

// TestSiteInBrowser opens the generated HTML site from disk in headless
// Chromium: no console errors, search finds deploy -> Deployment, a
// resource page shows its REST paths, and dark mode switches. Screenshots
// go to the test's temp dir, or to $KUBE_APIDOCS_SCREENSHOTS when set.
func TestSiteInBrowser(t *testing.T) {
	browser := findChromium(t)
	site := filepath.Join(t.TempDir(), "site")
	runGenerate(t, "--fixtures", "builtin", "--out", site, "--format", "html")
	shots := os.Getenv("KUBE_APIDOCS_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	ctx, problems := newBrowser(t, browser)

	index := fileURL(filepath.Join(site, "index.html"))
	var first string
	browse(t, ctx, "search finds deploy",
		chromedp.Navigate(index),
		chromedp.WaitVisible("#search", chromedp.ByID),
		chromedp.SendKeys("#search", "deploy", chromedp.ByID),
		chromedp.WaitVisible("#search-results li a", chromedp.ByQuery),
		chromedp.Text("#search-results li a", &first, chromedp.ByQuery),
		screenshot(filepath.Join(shots, "search.png")),
	)
	if !strings.HasPrefix(first, "Deployment") {
		t.Fatalf("first search result for deploy = %q, want Deployment first", first)
	}

	var paths, location string
	browse(t, ctx, "open the result",
		chromedp.Click("#search-results li a", chromedp.ByQuery),
		chromedp.WaitVisible("#rest-paths", chromedp.ByID),
		chromedp.Location(&location),
		chromedp.Text("table.endpoints", &paths, chromedp.ByQuery),
		screenshot(filepath.Join(shots, "deployment-light.png")),
	)
	if !strings.HasSuffix(location, "/resources/apps/v1/deployments.html") {
		t.Errorf("search result led to %s, want the apps/v1 deployments page", location)
	}
	for _, want := range []string{"/apis/apps/v1/namespaces/{namespace}/deployments/{name}", "/apis/apps/v1/deployments?watch=true", "DELETE"} {
		if !strings.Contains(paths, want) {
			t.Errorf("REST paths table lacks %q:\n%s", want, paths)
		}
	}
	checkDarkMode(t, ctx, shots)
	checkPrint(t, ctx, shots)
	checkTable(t, ctx, fileURL(filepath.Join(site, "api-resources.html")), shots)
	for _, p := range problems() {
		t.Errorf("browser reported: %s", p)
	}
	t.Logf("screenshots in %s", shots)
}

// TestHostileSiteInBrowser opens every HTML page of the hostile fixture's
// site and searches for markup: no dialog may open (the fixture's payloads
// call alert), and the console stays free of errors.
func TestHostileSiteInBrowser(t *testing.T) {
	browser := findChromium(t)
	site := filepath.Join(t.TempDir(), "site")
	runGenerate(t, "--fixtures", "testdata/hostile", "--out", site, "--format", "html")
	ctx, problems := newBrowser(t, browser)
	var pages []string
	filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			pages = append(pages, p)
		}
		return err
	})
	for _, p := range pages {
		browse(t, ctx, "open "+p, chromedp.Navigate(fileURL(p)), chromedp.WaitReady("body", chromedp.ByQuery))
	}
	var results int
	browse(t, ctx, "search for markup",
		chromedp.SendKeys("#search", "<script", chromedp.ByID),
		chromedp.Evaluate(`document.querySelectorAll("#search-results li a").length`, &results),
	)
	if results == 0 {
		t.Error("searching <script found none of the hostile kinds")
	}
	for _, p := range problems() {
		t.Errorf("browser reported: %s", p)
	}
	if len(pages) < 15 {
		t.Errorf("only %d HTML pages", len(pages))
	}
}

// checkDarkMode flips the theme and checks that the page background went
// from light to dark.
func checkDarkMode(t *testing.T, ctx context.Context, shots string) {
	var before, after, theme string
	bg := `getComputedStyle(document.body).backgroundColor`
	browse(t, ctx, "dark mode",
		chromedp.Evaluate(bg, &before),
		chromedp.Click("#theme-toggle", chromedp.ByID),
		chromedp.Evaluate(bg, &after),
		chromedp.Evaluate(`document.documentElement.getAttribute("data-theme")`, &theme),
		screenshot(filepath.Join(shots, "deployment-dark.png")),
	)
	if before != "rgb(255, 255, 255)" || after == before || theme != "dark" {
		t.Errorf("theme toggle: background %s -> %s, data-theme %q; want white -> dark, \"dark\"", before, after, theme)
	}
}

// checkPrint emulates print media: the search box and the theme toggle go,
// and the page prints black on white even in dark mode.
func checkPrint(t *testing.T, ctx context.Context, shots string) {
	var search, toggle, bg string
	browse(t, ctx, "print media",
		emulation.SetEmulatedMedia().WithMedia("print"),
		chromedp.Evaluate(`getComputedStyle(document.querySelector(".search")).display`, &search),
		chromedp.Evaluate(`getComputedStyle(document.getElementById("theme-toggle")).display`, &toggle),
		chromedp.Evaluate(`getComputedStyle(document.body).backgroundColor`, &bg),
		screenshot(filepath.Join(shots, "deployment-print.png")),
		emulation.SetEmulatedMedia().WithMedia(""),
	)
	if search != "none" || toggle != "none" || bg != "rgb(255, 255, 255)" {
		t.Errorf("print: search display %q, toggle display %q, background %s; want none, none, white", search, toggle, bg)
	}
}

// checkTable filters and sorts the api-resources table.
func checkTable(t *testing.T, ctx context.Context, page string, shots string) {
	var visible int
	var firstKind string
	var cleared bool
	browse(t, ctx, "api-resources table",
		chromedp.Navigate(page),
		chromedp.WaitVisible("#table-filter", chromedp.ByID),
		chromedp.SendKeys("#table-filter", "deploy", chromedp.ByID),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("#resources-table tbody tr")).filter(r => !r.hidden).length`, &visible),
		chromedp.Evaluate(`(f => { f.value = ""; f.dispatchEvent(new Event("input")); return true })(document.getElementById("table-filter"))`, &cleared),
		chromedp.Click("#resources-table th:nth-child(5)", chromedp.ByQuery),
		chromedp.Text("#resources-table tbody tr td:nth-child(5)", &firstKind, chromedp.ByQuery),
		chromedp.EmulateViewport(390, 844),
		screenshot(filepath.Join(shots, "api-resources-phone.png")),
	)
	if visible != 1 {
		t.Errorf("filter deploy shows %d rows, want 1", visible)
	}
	if firstKind != "APIService" {
		t.Errorf("after sorting by KIND the first kind is %q, want APIService", firstKind)
	}
}

// findChromium returns the browser, failing (never skipping) without it.
func findChromium(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err == nil {
		return chromiumPath
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	t.Fatalf("chromium is not installed (%s missing): apt-get install chromium", chromiumPath)
	return ""
}

// newBrowser starts headless Chromium with a fresh profile and returns a
// tab context and a function listing the console errors and exceptions seen.
func newBrowser(t *testing.T, exe string) (context.Context, func() []string) {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	ctx, cancelTime := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTime(); cancelTab(); cancelAlloc() })
	var mu sync.Mutex
	var problems []string
	chromedp.ListenTarget(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.APITypeError || e.Type == runtime.APITypeWarning {
				problems = append(problems, fmt.Sprintf("console.%s %s", e.Type, argsText(e.Args)))
			}
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+e.ExceptionDetails.Error())
		case *page.EventJavascriptDialogOpening:
			problems = append(problems, "a "+string(e.Type)+" dialog opened: "+e.Message)
			go chromedp.Run(ctx, page.HandleJavaScriptDialog(true))
		case *log.EventEntryAdded:
			if e.Entry.Level == log.LevelError {
				problems = append(problems, "log: "+e.Entry.Text+" "+e.Entry.URL)
			}
		}
	})
	if err := chromedp.Run(ctx, log.Enable()); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	return ctx, func() []string { mu.Lock(); defer mu.Unlock(); return append([]string(nil), problems...) }
}

func argsText(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		parts = append(parts, string(a.Value)+a.Description)
	}
	return strings.Join(parts, " ")
}

func browse(t *testing.T, ctx context.Context, step string, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", step, err)
	}
}

func screenshot(path string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		var buf []byte
		if err := chromedp.CaptureScreenshot(&buf).Do(ctx); err != nil { // PNG of the viewport
			return err
		}
		return os.WriteFile(path, buf, 0o644)
	})
}

func fileURL(p string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(p)}).String()
}
