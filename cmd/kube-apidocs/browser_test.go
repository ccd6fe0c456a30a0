package main

import (
	"context"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// chromiumPath is where Debian's chromium package installs the browser.
const chromiumPath = "/usr/bin/chromium"

// TestSiteInBrowser opens the generated HTML site from disk in headless
// Chromium: no console errors, search finds deploy -> Deployment, a
// resource page shows its REST paths, and dark mode switches. Screenshots
// go to $KUBE_APIDOCS_SCREENSHOTS when set (screenshotsWanted).
func TestSiteInBrowser(t *testing.T) {
	t.Parallel()
	browser := findChromium(t)
	site := sharedSite(t, "--fixtures", "builtin", "--format", "html")
	shots := artifactDir(t)
	ctx, problems := newBrowser(t, browser)

	index := fileURL(filepath.Join(site, "index.html"))
	var first string
	browse(t, ctx, "search finds deploy",
		chromedp.Navigate(index),
		chromedp.WaitVisible("#search", chromedp.ByID),
		chromedp.SendKeys("#search", "deploy", chromedp.ByID),
		chromedp.WaitVisible("#search-results [role=option]", chromedp.ByQuery),
		chromedp.Text("#search-results [role=option]", &first, chromedp.ByQuery),
		screenshot(filepath.Join(shots, "search.png")),
	)
	if !strings.HasPrefix(first, "Deployment") {
		t.Fatalf("first search result for deploy = %q, want Deployment first", first)
	}

	var paths, location string
	browse(t, ctx, "open the result",
		chromedp.Click("#search-results [role=option]", chromedp.ByQuery),
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
	checkSearchKeyboard(t, ctx, index)
	for _, p := range problems() {
		t.Errorf("browser reported: %s", p)
	}
	t.Logf("screenshots in %s", shots)
}

// TestHostileSiteInBrowser opens every HTML page of the hostile fixture's
// site and searches for markup: no dialog may open (the fixture's payloads
// call alert), and the console stays free of errors.
func TestHostileSiteInBrowser(t *testing.T) {
	t.Parallel()
	browser := findChromium(t)
	site := sharedSite(t, "--fixtures", "testdata/hostile")
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
		chromedp.Evaluate(`document.querySelectorAll("#search-results a[role=option]").length`, &results),
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
	var before, after, theme, pressedBefore, pressedAfter string
	bg := `getComputedStyle(document.body).backgroundColor`
	pressed := `document.getElementById("theme-toggle").getAttribute("aria-pressed")`
	browse(t, ctx, "dark mode",
		chromedp.Evaluate(bg, &before),
		chromedp.Evaluate(pressed, &pressedBefore),
		chromedp.Click("#theme-toggle", chromedp.ByID),
		chromedp.Evaluate(bg, &after),
		chromedp.Evaluate(pressed, &pressedAfter),
		chromedp.Evaluate(`document.documentElement.getAttribute("data-theme")`, &theme),
		screenshot(filepath.Join(shots, "deployment-dark.png")),
	)
	if before != "rgb(255, 255, 255)" || after == before || theme != "dark" {
		t.Errorf("theme toggle: background %s -> %s, data-theme %q; want white -> dark, \"dark\"", before, after, theme)
	}
	if pressedBefore != "false" || pressedAfter != "true" {
		t.Errorf("theme toggle: aria-pressed %q -> %q, want \"false\" -> \"true\"", pressedBefore, pressedAfter)
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
	var firstKind, lastKind, sortClick, sortEnter, sortOther string
	var cleared bool
	kind := "#resources-table th:nth-child(5)"
	browse(t, ctx, "api-resources table",
		chromedp.Navigate(page),
		chromedp.WaitVisible("#table-filter", chromedp.ByID),
		chromedp.SendKeys("#table-filter", "deploy", chromedp.ByID),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("#resources-table tbody tr")).filter(r => !r.hidden).length`, &visible),
		chromedp.Evaluate(`(f => { f.value = ""; f.dispatchEvent(new Event("input")); return true })(document.getElementById("table-filter"))`, &cleared),
		chromedp.Click(kind+" button", chromedp.ByQuery),
		chromedp.Text("#resources-table tbody tr td:nth-child(5)", &firstKind, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector("`+kind+`").getAttribute("aria-sort")`, &sortClick),
		// the keyboard: Enter on the focused button sorts the other way
		chromedp.Focus(kind+" button", chromedp.ByQuery),
		chromedp.KeyEvent(kb.Enter),
		chromedp.Text("#resources-table tbody tr td:nth-child(5)", &lastKind, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector("`+kind+`").getAttribute("aria-sort")`, &sortEnter),
		chromedp.Evaluate(`String(document.querySelector("#resources-table th:nth-child(1)").getAttribute("aria-sort"))`, &sortOther),
		chromedp.EmulateViewport(390, 844),
		screenshot(filepath.Join(shots, "api-resources-phone.png")),
	)
	if visible != 1 {
		t.Errorf("filter deploy shows %d rows, want 1", visible)
	}
	if firstKind != "APIService" || sortClick != "ascending" {
		t.Errorf("after clicking KIND the first kind is %q, aria-sort %q; want APIService, ascending", firstKind, sortClick)
	}
	if lastKind != "VolumeAttachment" || sortEnter != "descending" || sortOther != "null" {
		t.Errorf("after Enter on KIND the first kind is %q, aria-sort %q (NAME: %s); want VolumeAttachment, descending (NAME: null)", lastKind, sortEnter, sortOther)
	}
}

// checkSearchKeyboard drives the search combobox with the keyboard: the
// live region counts the results, arrows move aria-activedescendant over
// the options, Enter opens the chosen one, Escape closes the list.
func checkSearchKeyboard(t *testing.T, ctx context.Context, index string) {
	var expanded, status, active, selected, location, none, closed string
	attr := func(sel, name string) string {
		return `String(document.querySelector("` + sel + `").getAttribute("` + name + `"))`
	}
	browse(t, ctx, "search with the keyboard",
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(index),
		chromedp.WaitVisible("#search", chromedp.ByID),
		chromedp.SendKeys("#search", "pod", chromedp.ByID),
		chromedp.WaitVisible("#search-results [role=option]", chromedp.ByQuery),
		chromedp.Evaluate(attr("#search", "aria-expanded"), &expanded),
		chromedp.Text("#search-status", &status, chromedp.ByID),
		chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowUp),
		chromedp.Evaluate(attr("#search", "aria-activedescendant"), &active),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("#search-results [aria-selected=true]")).map(o => o.id).join(" ")`, &selected),
		chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible("#rest-paths", chromedp.ByID),
		chromedp.Location(&location),
		chromedp.Navigate(index),
		chromedp.WaitVisible("#search", chromedp.ByID),
		chromedp.SendKeys("#search", "zzzq", chromedp.ByID),
		chromedp.Text("#search-status", &none, chromedp.ByID),
		chromedp.KeyEvent(kb.Escape),
		chromedp.Evaluate(attr("#search", "aria-expanded"), &closed),
	)
	if expanded != "true" || !regexp.MustCompile(`^(first )?\d+ results; `).MatchString(status) {
		t.Errorf("search pod: aria-expanded %q, status %q; want true and a count of results", expanded, status)
	}
	if active != "search-option-1" || selected != "search-option-1" {
		t.Errorf("down, down, down, up: aria-activedescendant %q, selected %q; want search-option-1 for both", active, selected)
	}
	if !strings.HasSuffix(location, "/resources/core/v1/podtemplates.html") {
		t.Errorf("Enter on the second result for pod led to %s, want the v1 podtemplates page", location)
	}
	if none != "No match" || closed != "false" {
		t.Errorf("search zzzq: status %q, aria-expanded after Escape %q; want No match, false", none, closed)
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

// newBrowser returns a tab of the package's headless Chromium in a browser
// context of its own (a fresh profile: no cookies, storage or cache of
// another test), closed after the test, and a function listing the console
// errors and exceptions seen in it.
func newBrowser(t *testing.T, exe string) (context.Context, func() []string) {
	return newBrowserFor(t, exe, 90*time.Second)
}

// newBrowserFor is newBrowser with a time budget other than 90 seconds.
func newBrowserFor(t *testing.T, exe string, budget time.Duration) (context.Context, func() []string) {
	browserCtx, err := sharedBrowser(exe)
	if err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	ctx, closeTab, err := newTab(browserCtx)
	if err != nil {
		t.Fatalf("opening a tab of %s: %v", exe, err)
	}
	ctx, cancelTime := context.WithTimeout(ctx, budget)
	t.Cleanup(func() { cancelTime(); closeTab() })
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

// chromium is the one headless Chromium of the package's tests, started by
// the first test that asks for a tab and stopped by TestMain after the
// tests: one browser process, one tab and browser context per test.
var chromium struct {
	once   sync.Once
	ctx    context.Context // the browser's first tab, which the others are opened from
	cancel func()
	err    error
	tmp    string // its TMPDIR
}

// sharedBrowser starts the package's Chromium on the first call and
// returns the context its tabs are opened from. Its profile folder is under
// testDir, removed with it. Its TMPDIR, where Chromium leaves folders of its
// own (org.chromium.Chromium.*, with a socket whose path must stay under
// 108 bytes), is a short-named folder that stopSharedBrowser removes.
func sharedBrowser(exe string) (context.Context, error) {
	chromium.once.Do(func() {
		profile, err := os.MkdirTemp(testDir, "chromium-")
		if err != nil {
			chromium.err = err
			return
		}
		if chromium.tmp, err = os.MkdirTemp("", "chromium-"); err != nil {
			chromium.err = err
			return
		}
		opts := []chromedp.ExecAllocatorOption{
			chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
			chromedp.NoFirstRun, chromedp.UserDataDir(profile), chromedp.WindowSize(1280, 900),
			chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
			chromedp.Env("TMPDIR=" + chromium.tmp),
		}
		allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancelCtx := chromedp.NewContext(allocCtx)
		chromium.ctx, chromium.cancel = ctx, func() { cancelCtx(); cancelAlloc() }
		// the first Run starts the browser, tied to ctx: no deadline here
		chromium.err = chromedp.Run(ctx)
	})
	return chromium.ctx, chromium.err
}

// newTab opens a tab in a new browser context, in a window of its own
// (headless Chromium opens no tab in a context without one), and returns
// it with the function that closes both.
func newTab(browserCtx context.Context) (context.Context, func(), error) {
	onBrowser := cdp.WithExecutor(browserCtx, chromedp.FromContext(browserCtx).Browser)
	id, err := target.CreateBrowserContext().WithDisposeOnDetach(true).Do(onBrowser)
	if err != nil {
		return nil, nil, err
	}
	tab, err := target.CreateTarget("about:blank").WithBrowserContextID(id).WithNewWindow(true).Do(onBrowser)
	if err != nil {
		_ = target.DisposeBrowserContext(id).Do(onBrowser)
		return nil, nil, err
	}
	ctx, cancel := chromedp.NewContext(browserCtx, chromedp.WithTargetID(tab))
	return ctx, func() { cancel(); _ = target.DisposeBrowserContext(id).Do(onBrowser) }, nil
}

// stopSharedBrowser closes the package's Chromium, if a test started it,
// and waits for it to exit.
func stopSharedBrowser() {
	if chromium.cancel != nil {
		chromium.cancel()
	}
	if chromium.tmp != "" {
		os.RemoveAll(chromium.tmp)
	}
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

// screenshotsWanted reports whether the browser tests save their
// screenshots: only when $KUBE_APIDOCS_SCREENSHOTS or
// $KUBE_APIDOCS_ARTIFACTS names a folder for them. The tests assert on what
// the pages measure and report, not on pixels, and a full-page PNG of a
// long page costs Chromium a second or more of CPU.
func screenshotsWanted() bool {
	return os.Getenv("KUBE_APIDOCS_SCREENSHOTS") != "" || os.Getenv("KUBE_APIDOCS_ARTIFACTS") != ""
}

// noAction is a browser step that does nothing.
var noAction = chromedp.ActionFunc(func(context.Context) error { return nil })

// screenshot saves a PNG of the viewport to path when screenshotsWanted.
func screenshot(path string) chromedp.Action {
	if !screenshotsWanted() {
		return noAction
	}
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
