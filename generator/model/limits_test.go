package model

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLimitText(t *testing.T) {
	long := strings.Repeat("K", 20<<20) // a 20 MB kind
	wideRunes := strings.Repeat("é", MaxTextLength)
	api := &API{
		Groups: []Group{{Name: "evil.example.com", PreferredVersion: "v1", Versions: []Version{{Version: "v1", Resources: []Resource{
			{Name: "widgets", Kind: long, Verbs: []string{"get", long}, ShortNames: []string{wideRunes}, Categories: []string{"all"},
				Subresources: []Subresource{{Name: "status", Kind: long, Verbs: []string{"get"}}, {Name: strings.Repeat("s", 300), Kind: "X"}}},
			{Name: strings.Repeat("n", MaxTextLength+1), Kind: "Gone"},
			{Name: "plain", Kind: "Plain", Verbs: []string{"get"}},
		}}}}},
		Unavailable: []Unavailable{{Group: "metrics.k8s.io", Version: "v1beta1", Reason: strings.Repeat("r", 5000)}},
	}
	got := api.LimitText()
	want := []Shortened{
		{GroupVersion: "evil.example.com/v1", Resource: "widgets", Field: "kind", Length: len(long)},
		{GroupVersion: "evil.example.com/v1", Resource: "widgets", Field: "verbs", Length: len(long)},
		{GroupVersion: "evil.example.com/v1", Resource: "widgets", Field: "shortNames", Length: len(wideRunes)},
		{GroupVersion: "evil.example.com/v1", Resource: "widgets", Field: "subresources[status].kind", Length: len(long)},
		{GroupVersion: "evil.example.com/v1", Resource: "widgets", Field: "subresources[" + strings.Repeat("s", MaxTextLength-3) + "…]", Length: 300, Dropped: true},
		{GroupVersion: "evil.example.com/v1", Resource: strings.Repeat("n", MaxTextLength-3) + "…", Field: "name", Length: MaxTextLength + 1, Dropped: true},
		{GroupVersion: "metrics.k8s.io/v1beta1", Field: "reason", Length: 5000},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("LimitText reported\n%+v\nwant\n%+v", got, want)
	}
	rs := api.Groups[0].Versions[0].Resources
	if len(rs) != 2 || rs[0].Name != "widgets" || rs[1].Name != "plain" {
		t.Fatalf("resources kept: %+v", names(rs))
	}
	w := rs[0]
	if w.Kind != strings.Repeat("K", MaxTextLength-3)+"…" || w.Verbs[0] != "get" || len(w.Subresources) != 1 {
		t.Fatalf("widgets after LimitText: kind %d bytes, verbs %q, %d subresources", len(w.Kind), w.Verbs[:1], len(w.Subresources))
	}
	if s := w.ShortNames[0]; !utf8.ValidString(s) || len(s) > MaxTextLength {
		t.Fatalf("short name cut inside a rune or too long: %d bytes, valid UTF-8 %v", len(s), utf8.ValidString(s))
	}
	if n := len(api.Unavailable[0].Reason); n != MaxReasonLength {
		t.Fatalf("reason is %d bytes", n)
	}
	if again := api.LimitText(); len(again) != 0 {
		t.Fatalf("a second LimitText changed %+v; want nothing", again)
	}
}

func names(rs []Resource) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Name
	}
	return out
}
