package site

import (
	"encoding/json"
	"errors"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// siteText is siteFiles with the files as text.
func siteText(t *testing.T, opts SiteOptions) map[string]string {
	t.Helper()
	got := map[string]string{}
	for path, data := range siteFiles(t, opts) {
		got[path] = string(data)
	}
	return got
}

// TestKoreanSite renders the small fixture in Korean: the pages say
// lang="ko" and Korean headings, API names stay English, the search index
// holds the Korean terms, the concept notes are the Korean ones.
func TestKoreanSite(t *testing.T) {
	got := siteText(t, SiteOptions{Language: "ko"})
	for _, c := range []struct{ path, want string }{
		{"index.html", `<html lang="ko">`},
		{"index.html", `<a href="groups/core.html">코어 그룹</a>`},
		{"index.html", `placeholder="kind, 리소스, 축약 이름, 한국어 용어(파드) 검색"`},
		{"index.html", `<a href="cheatsheet.html">치트 시트</a>`},
		{"index.html", `<h2>사용할 수 없는 그룹-버전</h2>`},
		{"resources/core/v1/pods.html", `<p class="term">한국어 용어: 파드</p>`},
		{"resources/core/v1/pods.html", `<h2 id="rest-paths">REST 경로</h2>`},
		{"resources/core/v1/pods.html", `<tr><th>범위</th><td>네임스페이스 범위</td></tr>`},
		{"resources/core/v1/namespaces.md", `| 범위 | 클러스터 범위 |`},
		{"resources/apps/v1/deployments.md", "# Deployment (apps/v1)\n\n한국어 용어: 디플로이먼트"},
		{"concepts.md", "## 코어 그룹과 이름 있는 그룹"},
		{"concepts.md", "이 클러스터에서 파드는 코어 그룹에 속한다."},
		{"concepts.md", "디플로이먼트(Deployment)는 이름 있는 그룹 `apps`에 속한다."},
		{"concepts.html", `<h2 id="401-unauthorized와-403-forbidden">401 Unauthorized와 403 Forbidden</h2>`},
		{"concepts.html", `<h2 id="코어-그룹과-이름-있는-그룹">코어 그룹과 이름 있는 그룹</h2>`},
		{"api-resources.md", "| NAME | SHORTNAMES | APIVERSION |"},
		{"assets/search-index.js", `"l":"Pod","n":"pods","s":"po","v":"v1","p":"resources/core/v1/pods.html","w":"파드"`},
		{"cheatsheet.md", "| [Deployment](resources/apps/v1/deployments.md) 디플로이먼트 | deploy | apps/v1 | 예 | `create deployment` |"},
		{"flashcards.html", `data-score="점수: {m}문제 중 {n}개 정답"`},
	} {
		if !strings.Contains(got[c.path], c.want) {
			t.Errorf("%s lacks %q", c.path, c.want)
		}
	}
	for _, english := range []string{"REST paths", "Minimal manifest", "Core group", "Search kinds", "The API tree", "Server version"} {
		for path, data := range got {
			if !strings.HasPrefix(path, "assets/") && strings.Contains(data, english) {
				t.Errorf("%s still says %q", path, english)
			}
		}
	}
}

// TestLanguageErrors: an unknown or malformed language is an OptionError
// naming it; a templates folder may add a language, and a catalog that is
// not valid YAML is an error naming its file.
func TestLanguageErrors(t *testing.T) {
	for _, c := range []struct{ lang, want string }{
		{"fr", `language "fr" has no message catalog (use en or ko, or add i18n/fr.yaml to the templates folder)`},
		{"../en", `language "../en" is not a language tag (use en or ko)`},
	} {
		_, err := Site(smallAPI(), SiteOptions{Language: c.lang})
		var oe *OptionError
		if !errors.As(err, &oe) || oe.Option != OptionLanguage || err.Error() != c.want {
			t.Errorf("Language %q: %v, want the OptionError %q", c.lang, err, c.want)
		}
	}
	fr := fstest.MapFS{"i18n/fr.yaml": {Data: []byte("messages:\n  layout.skip: Aller au contenu\n")}}
	_, err := Site(smallAPI(), SiteOptions{Language: "fr", Templates: fr})
	var missing *MissingMessageError
	if !errors.As(err, &missing) || missing.Lang != "fr" {
		t.Errorf("a French catalog with one key: %v, want a MissingMessageError", err)
	}
	broken := fstest.MapFS{"i18n/ko.yaml": {Data: []byte("messages: [\n")}}
	if _, err := Site(smallAPI(), SiteOptions{Language: "ko", Templates: broken}); err == nil || !strings.HasPrefix(err.Error(), "templates: i18n/ko.yaml: ") {
		t.Errorf("a broken ko.yaml override: %v, want an error naming templates: i18n/ko.yaml", err)
	}
	override := fstest.MapFS{"i18n/ko.yaml": {Data: []byte("messages:\n  layout.skip: 본문 바로 가기\n")}}
	got := siteText(t, SiteOptions{Language: "ko", Templates: override})
	if !strings.Contains(got["index.html"], `>본문 바로 가기</a>`) || !strings.Contains(got["index.html"], ">코어 그룹</a>") {
		t.Error("an override of one Korean key does not replace that key and keep the others")
	}
}

var cardsData = regexp.MustCompile(`(?s)<script type="application/json" id="cards-data">(.*?)</script>`)

// pageCards decodes the cards of a flashcards page.
func pageCards(t *testing.T, page string) map[string]card {
	t.Helper()
	m := cardsData.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("flashcards.html has no cards-data script")
	}
	var cards []card
	if err := json.Unmarshal([]byte(m[1]), &cards); err != nil {
		t.Fatalf("cards-data: %v", err)
	}
	out := map[string]card{}
	for _, c := range cards {
		if c.Answer < 0 || c.Answer >= len(c.Options) {
			t.Errorf("card %s: answer %d of %d options", c.ID, c.Answer, len(c.Options))
		}
		out[c.ID] = c
	}
	return out
}

// TestFlashcards pins cards of the small fixture in both languages: the
// question, the right option, and distractors from the model.
func TestFlashcards(t *testing.T) {
	en := pageCards(t, siteText(t, SiteOptions{})["flashcards.html"])
	ko := pageCards(t, siteText(t, SiteOptions{Language: "ko"})["flashcards.html"])
	for _, c := range []struct {
		id, q, right string
		cards        map[string]card
	}{
		{"short:deploy", "Which resource has the short name deploy?", "deployments", en},
		{"short:deploy", "축약 이름이 deploy인 리소스는?", "deployments", ko},
		{"apiversion:resources/apps/v1/deployments.html", "What is the apiVersion of Deployment?", "apps/v1", en},
		{"namespaced:resources/core/v1/namespaces.html", "Is Namespace namespaced?", "no", en},
		{"namespaced:resources/core/v1/pods.html", "Pod: 네임스페이스 범위 리소스인가?", "예", ko},
		{"group:resources/authentication.k8s.io/v1/tokenreviews.html", "Which API group serves TokenReview?", "authentication.k8s.io", en},
		{"verb:resources/authentication.k8s.io/v1/tokenreviews.html:get", "Does TokenReview support the verb get?", "no", en},
		{"verb:resources/core/v1/namespaces.html:deletecollection", "Namespace: deletecollection 동사를 지원하는가?", "아니요", ko},
	} {
		got, ok := c.cards[c.id]
		if !ok {
			t.Errorf("no card %s", c.id)
			continue
		}
		if got.Question != c.q || got.Options[got.Answer] != c.right {
			t.Errorf("card %s: %q answered %q, want %q answered %q", c.id, got.Question, got.Options[got.Answer], c.q, c.right)
		}
	}
	if d := en["short:deploy"]; len(d.Options) != 4 || strings.Join(d.Options, ",") != "deployments,gizmos,pods,tokenreviews" {
		t.Errorf("short:deploy options %v, want the right one and three other resources, sorted", d.Options)
	}
}

// TestCheatsheet pins the cheat sheet's generators and kinds of the small
// fixture: only the kinds the cluster serves get a generator.
func TestCheatsheet(t *testing.T) {
	md := siteText(t, SiteOptions{})["cheatsheet.md"]
	for _, want := range []string{
		"| [Deployment](resources/apps/v1/deployments.md) | deploy | apps/v1 | yes | `create deployment` |",
		"| [Namespace](resources/core/v1/namespaces.md) | ns | v1 | no | `create namespace` |",
		"- `kubectl create deployment example --image=nginx --dry-run=client -o yaml`",
		"- `kubectl run example --image=nginx --dry-run=client -o yaml`",
		"This site was generated without field pages",
		"| `/metrics`, `/logs` | 403; needs a rule with `nonResourceURLs`",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("cheatsheet.md lacks %q", want)
		}
	}
	if strings.Contains(md, "create cronjob") {
		t.Error("cheatsheet.md offers kubectl create cronjob, which the cluster does not serve")
	}
}

// TestKoreanNoManifest: the reason a kind has no manifest comes from the
// Korean catalog where it has one, and stays as given where it has none.
func TestKoreanNoManifest(t *testing.T) {
	fields := map[KindRef]*FieldDoc{
		{Group: "authentication.k8s.io", Version: "v1", Kind: "TokenReview"}: {NoManifest: "A TokenReview is a question to the server about a token, answered and never stored; it needs a real token."},
		{Group: "apps", Version: "v1", Kind: "Deployment"}:                   {NoManifest: "An unknown reason."},
	}
	got := siteText(t, SiteOptions{Language: "ko", Fields: fields})
	if want := "이 kind는 매니페스트를 보이지 않는다: TokenReview는 토큰에 대해 서버에 묻는 질문이다."; !strings.Contains(got["resources/authentication.k8s.io/v1/tokenreviews.md"], want) {
		t.Errorf("tokenreviews.md lacks %q", want)
	}
	if want := "이 kind는 매니페스트를 보이지 않는다: An unknown reason."; !strings.Contains(got["resources/apps/v1/deployments.md"], want) {
		t.Errorf("deployments.md lacks %q", want)
	}
}
