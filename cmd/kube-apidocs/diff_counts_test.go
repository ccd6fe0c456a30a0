package main

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"testing"
)

// TestDiffSummaryAgreesWithJSON: the counts of the text summary are the
// lengths of the lists -o json prints (changed resources counted once each).
func TestDiffSummaryAgreesWithJSON(t *testing.T) {
	t.Parallel()
	line := regexp.MustCompile(`(?m)^  resources +(\d+) added, (\d+) removed \((\d+) of them graduated or moved\), (\d+) changed$`)
	sub := regexp.MustCompile(`(?m)^  subresources +(\d+) added, (\d+) removed, (\d+) changed$`)
	for _, pair := range [][2]string{
		{"v1.29.6", "v1.33.13"}, {"v1.30.14", "v1.31.14"}, {"v1.33.13", "v1.33.13-crds"}, {"v1.33.13-crds", "v1.29.6"},
	} {
		old, new := fixturesDir+"/"+pair[0], fixturesDir+"/"+pair[1]
		text := apidocsStdout(t, "diff", old, new)
		raw := apidocsStdout(t, "diff", old, new, "-o", "json")
		var d struct {
			Resources struct {
				Added, Removed []string
				Moved          []json.RawMessage
				Changed        []struct{ Resource string }
			}
			Subresources struct {
				Added, Removed []string
				Changed        []struct{ Subresource string }
			}
		}
		if err := json.Unmarshal([]byte(raw), &d); err != nil {
			t.Fatal(err)
		}
		distinct := func(names []string) int {
			seen := map[string]bool{}
			for _, n := range names {
				seen[n] = true
			}
			return len(seen)
		}
		var res, subs []string
		for _, c := range d.Resources.Changed {
			res = append(res, c.Resource)
		}
		for _, c := range d.Subresources.Changed {
			subs = append(subs, c.Subresource)
		}
		want := []int{len(d.Resources.Added), len(d.Resources.Removed), len(d.Resources.Moved), distinct(res)}
		wantSub := []int{len(d.Subresources.Added), len(d.Subresources.Removed), distinct(subs)}
		if got := numbers(line.FindStringSubmatch(text)); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s → %s: summary says resources %v, the JSON holds %v", pair[0], pair[1], got, want)
		}
		if got := numbers(sub.FindStringSubmatch(text)); fmt.Sprint(got) != fmt.Sprint(wantSub) {
			t.Errorf("%s → %s: summary says subresources %v, the JSON holds %v", pair[0], pair[1], got, wantSub)
		}
	}
}

func numbers(match []string) []int {
	if match == nil {
		return nil // no summary line: never equal to the JSON's counts
	}
	var out []int
	for _, m := range match[1:] {
		n, _ := strconv.Atoi(m)
		out = append(out, n)
	}
	return out
}
