package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestKoreanSiteInBrowser renders the bundled recording in Korean (with
// fields and a versions page) in headless Chromium with a CJK font, and
// takes a full-page screenshot of each page kind; search finds 파드 → Pod
// and 디플로이먼트 → Deployment; the cheat sheet prints on two A4 pages, in
// Korean and in English. The PDFs go to the test's temp dir, or with the
// screenshots to $KUBE_APIDOCS_SCREENSHOTS when set.
func TestKoreanSiteInBrowser(t *testing.T) {
	t.Parallel()
	browser := findChromium(t)
	if out, err := exec.Command("fc-list", ":lang=ko").Output(); err != nil || len(out) == 0 {
		t.Fatalf("no Korean font (fc-list :lang=ko: %v): apt-get install fonts-noto-cjk", err)
	}
	ko := filepath.Join(t.TempDir(), "ko")
	runGenerateProcess(t, "--fixtures", "builtin", "--lang", "ko", "--fields", "--compare", "../../fixtures/v1.29.6", "--out", ko, "--format", "html")
	en := sharedSite(t, "--fixtures", "builtin", "--format", "html")
	shots := artifactDir(t)
	ctx, problems := newBrowserFor(t, browser, 4*time.Minute) // eight full-page screenshots and two PDFs
	for _, p := range []struct{ name, path, h1 string }{
		{"index", "index.html", "쿠버네티스 API v1.33.13"},
		{"api-resources", "api-resources.html", "API 리소스"},
		{"group", "groups/apps.html", "apps 그룹"},
		{"resource", "resources/apps/v1/deployments.html", "Deployment apps/v1"},
		{"concepts", "concepts.html", "개념"},
		{"versions", "versions.html", "버전 비교"},
		{"cheatsheet", "cheatsheet.html", "치트 시트 쿠버네티스 API v1.33.13"},
		{"flashcards", "flashcards.html", "플래시카드"},
	} {
		var h1, lang string
		browse(t, ctx, "open the Korean "+p.name+" page",
			chromedp.Navigate(fileURL(filepath.Join(ko, p.path))),
			chromedp.WaitVisible("h1", chromedp.ByQuery),
			chromedp.Text("h1", &h1, chromedp.ByQuery),
			chromedp.Evaluate(`document.documentElement.lang`, &lang),
			fullScreenshot(filepath.Join(shots, "ko-"+p.name+".png")),
		)
		if h1 != p.h1 || lang != "ko" {
			t.Errorf("%s: <h1> %q, lang %q; want %q, ko", p.path, h1, lang, p.h1)
		}
	}
	for _, q := range []struct{ query, first string }{{"파드", "Pod"}, {"디플로이먼트", "Deployment"}, {"서비스", "Service"}} {
		var first string
		browse(t, ctx, "search "+q.query,
			chromedp.Navigate(fileURL(filepath.Join(ko, "index.html"))),
			chromedp.WaitVisible("#search", chromedp.ByID),
			chromedp.SendKeys("#search", q.query, chromedp.ByID),
			chromedp.WaitVisible("#search-results [role=option]", chromedp.ByQuery),
			chromedp.Text("#search-results [role=option] .kind", &first, chromedp.ByQuery),
		)
		if first != q.first {
			t.Errorf("search %s: first result %q, want %q", q.query, first, q.first)
		}
	}
	for lang, site := range map[string]string{"ko": ko, "en": en} {
		pdf := filepath.Join(shots, "cheatsheet-"+lang+".pdf")
		if n := printedPages(t, ctx, fileURL(filepath.Join(site, "cheatsheet.html")), pdf); n != 2 {
			t.Errorf("%s prints on %d A4 pages, want 2", pdf, n)
		}
	}
	for _, p := range problems() {
		t.Errorf("browser reported: %s", p)
	}
	t.Logf("screenshots in %s", shots)
}

// printedPages prints page to an A4 PDF at path and counts its pages
// with pdfinfo (poppler-utils).
func printedPages(t *testing.T, ctx context.Context, url, path string) int {
	t.Helper()
	var pdf []byte
	browse(t, ctx, "print "+url,
		chromedp.Navigate(url),
		chromedp.WaitVisible("h1", chromedp.ByQuery),
		chromedp.ActionFunc(func(ctx context.Context) error {
			var err error
			pdf, _, err = page.PrintToPDF().WithPaperWidth(8.27).WithPaperHeight(11.69).WithPreferCSSPageSize(true).Do(ctx)
			return err
		}),
	)
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v (apt-get install poppler-utils)", path, err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)$`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo %s: no page count in\n%s", path, out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// studentCard is what the scripted student reads of a card.
type studentCard struct {
	ID      string   `json:"id"`
	Options []string `json:"o"`
	Answer  int      `json:"a"`
}

// TestFlashcardsInBrowser has a scripted student answer flashcards in
// both languages: five cards, two of them wrong, give the score 3 of 5 in
// the page's words and an "again" pile in localStorage holding exactly
// the two missed cards; after a reload the pile is still there, practising
// it deals those two cards, and answering them right empties it. A
// screenshot after the wrong answer goes where TestKoreanSiteInBrowser's
// go.
func TestFlashcardsInBrowser(t *testing.T) {
	t.Parallel()
	browser := findChromium(t)
	dir := t.TempDir()
	shots := artifactDir(t)
	for _, c := range []struct{ lang, score, pile, emptyPile, progress string }{
		{"en", "Score: 3 of 5", `"Again" pile: 2`, `"Again" pile: 0`, "Card 1 of 2"},
		{"ko", "점수: 5문제 중 3개 정답", `"다시" 더미: 2장`, `"다시" 더미: 0장`, "2장 중 1번째"},
	} {
		site := filepath.Join(dir, c.lang)
		runGenerateProcess(t, "--fixtures", "builtin", "--lang", c.lang, "--fields", "--out", site, "--format", "html")
		ctx, problems := newBrowser(t, browser)
		url := fileURL(filepath.Join(site, "flashcards.html"))
		var raw string
		browse(t, ctx, c.lang+": open the flashcards",
			chromedp.Navigate(url),
			chromedp.WaitVisible("#card-options button", chromedp.ByQuery),
			chromedp.Evaluate(`document.getElementById("cards-data").textContent`, &raw),
		)
		var cards []studentCard
		if err := json.Unmarshal([]byte(raw), &cards); err != nil || len(cards) < 300 {
			t.Fatalf("%s: %d cards (%v), want the bundled recording's 300 and more", c.lang, len(cards), err)
		}
		byID := map[string]studentCard{}
		for _, card := range cards {
			byID[card.ID] = card
		}
		var missed []string
		for i, right := range []bool{true, false, true, true, false} {
			id := answerCard(t, ctx, byID, right)
			if !right {
				missed = append(missed, id)
			}
			if i == 1 {
				browse(t, ctx, "screenshot", screenshot(filepath.Join(shots, c.lang+"-flashcards-wrong.png")))
			}
			if i < 4 {
				browse(t, ctx, "next", press("#card-next"))
			}
		}
		var score, storage, key string
		browse(t, ctx, c.lang+": the score",
			chromedp.Text("#card-score", &score, chromedp.ByID),
			chromedp.AttributeValue("#flashcards", "data-storage", &key, nil, chromedp.ByID),
			chromedp.Evaluate(`localStorage.getItem(document.getElementById("flashcards").getAttribute("data-storage"))`, &storage),
		)
		var pile []string
		_ = json.Unmarshal([]byte(storage), &pile)
		slices.Sort(pile)
		slices.Sort(missed)
		if score != c.score || !slices.Equal(pile, missed) || key != "kube-apidocs-again:v1.33.13" {
			t.Errorf("%s: score %q, pile %v under %q; want %q, %v under kube-apidocs-again:v1.33.13", c.lang, score, pile, key, c.score, missed)
		}
		var pileText, progress string
		browse(t, ctx, c.lang+": reload and practise the pile",
			chromedp.Navigate(url),
			chromedp.WaitVisible("#card-options button", chromedp.ByQuery),
			chromedp.Text("#card-pile", &pileText, chromedp.ByID),
			press("#card-again"),
			chromedp.Text("#card-progress", &progress, chromedp.ByID),
		)
		if pileText != c.pile || progress != c.progress {
			t.Errorf("%s: after a reload the pile says %q and practising it %q; want %q, %q", c.lang, pileText, progress, c.pile, c.progress)
		}
		dealt := []string{answerCard(t, ctx, byID, true)}
		browse(t, ctx, "next", press("#card-next"))
		dealt = append(dealt, answerCard(t, ctx, byID, true))
		slices.Sort(dealt)
		browse(t, ctx, c.lang+": the pile is empty", chromedp.Text("#card-pile", &pileText, chromedp.ByID))
		if !slices.Equal(dealt, missed) || pileText != c.emptyPile {
			t.Errorf("%s: the pile dealt %v (want %v) and then says %q (want %q)", c.lang, dealt, missed, pileText, c.emptyPile)
		}
		for _, p := range problems() {
			t.Errorf("%s: browser reported: %s", c.lang, p)
		}
	}
}

// answerCard answers the card on screen, rightly or not, and returns its id.
func answerCard(t *testing.T, ctx context.Context, cards map[string]studentCard, right bool) string {
	t.Helper()
	var id string
	browse(t, ctx, "read the card", chromedp.AttributeValue("#flashcards", "data-current", &id, nil, chromedp.ByID))
	card, ok := cards[id]
	if !ok {
		t.Fatalf("the page shows card %q, which its data lacks", id)
	}
	option := card.Answer
	if !right {
		option = (card.Answer + 1) % len(card.Options)
	}
	button := fmt.Sprintf(`#card-options button[data-option="%d"]`, option)
	var class string
	browse(t, ctx, "answer "+id,
		press(button),
		chromedp.Evaluate(fmt.Sprintf(`document.querySelector(%q).className`, button), &class),
	)
	if want := map[bool]string{true: "card-option right", false: "card-option wrong"}[right]; class != want {
		t.Errorf("card %s: the chosen option is marked %q, want %q", id, class, want)
	}
	return id
}

// press clicks the element sel names in the page's own script, so that the
// click lands on that element whatever the layout does meanwhile.
func press(sel string) chromedp.Action {
	return chromedp.Evaluate(fmt.Sprintf(`document.querySelector(%q).click()`, sel), nil)
}
