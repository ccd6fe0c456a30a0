package source

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kube-apidocs/kube-apidocs/generator/recording"
	"github.com/kube-apidocs/kube-apidocs/generator/recording/recordingtest"
)

// recordingDirs lists every recording folder under the given globs.
func recordingDirs(t testing.TB, globs ...string) []string {
	t.Helper()
	var dirs []string
	for _, g := range globs {
		found, err := filepath.Glob(g)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range found {
			if info, err := os.Stat(d); err == nil && info.IsDir() {
				dirs = append(dirs, d)
			}
		}
	}
	if len(dirs) == 0 {
		t.Fatalf("no recordings under %v", globs)
	}
	return dirs
}

// fastAndReplayed builds rec's model both ways: from the decoded documents
// and through client-go's discovery client over the replay. It fails the
// test when the fast path gives a model that differs from client-go's, or
// a model where client-go gives an error; taken reports whether the fast
// path answered at all.
func fastAndReplayed(t *testing.T, rec *recording.Recording, legacy bool) (taken bool) {
	t.Helper()
	fast, ok := fromDecoded(rec, legacy)
	replayed, err := ReplayRecording(rec, DiscoverOptions{Legacy: legacy})
	if !ok {
		return false
	}
	if err != nil {
		t.Fatalf("legacy=%v: the fast path gives a model, client-go an error: %v", legacy, err)
	}
	if a, b := modelJSON(t, fast), modelJSON(t, replayed); a != b {
		t.Fatalf("legacy=%v: the fast path's model differs from client-go's:\nfast     %s\nclient-go %s", legacy, a, b)
	}
	return true
}

func modelJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestFastPathEqualsClientGo shows that the model read from a recording's
// decoded documents equals the one client-go's discovery builds over the
// replay, in both discovery modes, on every bundled recording, the
// real-world corpus and the warning corpus; and that the fast path is the
// one taken on the bundled recordings (a recorded failure, as in some
// real-world recordings, is left to client-go).
func TestFastPathEqualsClientGo(t *testing.T) {
	dirs := recordingDirs(t, "../../fixtures/v*", "../recording/testdata/realworld/*", "../recording/testdata/warn/*")
	for _, dir := range dirs {
		t.Run(strings.TrimPrefix(dir, "../"), func(t *testing.T) {
			t.Parallel()
			rec, err := recording.LoadDir(dir, recording.LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			for _, legacy := range []bool{false, true} {
				taken := fastAndReplayed(t, rec, legacy)
				if strings.HasPrefix(dir, "../../fixtures/") && !taken {
					t.Errorf("legacy=%v: the fast path was not taken on a bundled recording", legacy)
				}
			}
		})
	}
}

// TestFastPathFallsBack shows what the fast path leaves to client-go: a
// recording that was never checked, and one whose group-version document
// recorded a failure (client-go's REST client words that error).
func TestFastPathFallsBack(t *testing.T) {
	unchecked := &recording.Recording{Name: "unchecked", Responses: loadFixture(t, "v1.33.13").Responses}
	if _, ok := fromDecoded(unchecked, false); ok {
		t.Error("the fast path read a recording that was not checked")
	}
	failing := recordingtest.Base()
	delete(failing, "apis__apps__v1.json")
	failing["apis__apps__v1.http503.json"] = []byte(`{"kind":"Status","apiVersion":"v1","status":"Failure","message":"service unavailable","code":503}`)
	rec := loadFiles(t, failing)
	if rec == nil {
		t.Fatal("the base recording with a 503 for apps/v1 does not load")
	}
	if _, ok := fromDecoded(rec, true); ok {
		t.Error("the fast path answered for a recorded 503")
	}
	api, err := FromRecording(rec, DiscoverOptions{Legacy: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(api.Unavailable) != 1 || api.Unavailable[0].GroupVersion() != "apps/v1" {
		t.Errorf("unavailable = %+v, want apps/v1 from client-go", api.Unavailable)
	}
}

// loadFiles loads a recording from files in memory; nil when the checks
// refuse it.
func loadFiles(t *testing.T, files map[string][]byte) *recording.Recording {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, b := range files {
		fsys[name] = &fstest.MapFile{Data: b}
	}
	rec, err := recording.Load(fsys, "fuzz", recording.LoadOptions{})
	if err != nil {
		return nil
	}
	return rec
}

// FuzzFastPath replaces the top-level documents of the broken corpus's
// base recording (aggregated and legacy /apis and /api, the core group's
// document) with arbitrary bytes: whenever the checks accept them and the
// fast path answers, its model equals client-go's, in both discovery modes.
func FuzzFastPath(f *testing.F) {
	names := []string{"aggregated_v2.json", "aggregated_api_v2.json", "apis.json", "api__v1.json"}
	base := recordingtest.Base()
	f.Add(base[names[0]], base[names[1]], base[names[2]], base[names[3]])
	for _, dir := range recordingDirs(f, "../../fixtures/v*", "../recording/testdata/realworld/*", "../recording/testdata/warn/*") {
		var seed [4][]byte
		for i, name := range names {
			seed[i], _ = os.ReadFile(filepath.Join(dir, name)) // a missing file seeds an empty one
		}
		if len(seed[0]) > 64<<10 {
			continue // the 1,000-CRD documents: too slow to mutate
		}
		f.Add(seed[0], seed[1], seed[2], seed[3])
	}
	f.Fuzz(func(t *testing.T, aggregated, aggregatedAPI, apis, apiV1 []byte) {
		files := recordingtest.Base()
		for i, b := range [][]byte{aggregated, aggregatedAPI, apis, apiV1} {
			if len(b) == 0 {
				delete(files, names[i])
				continue
			}
			files[names[i]] = b
		}
		rec := loadFiles(t, files)
		if rec == nil {
			return
		}
		fastAndReplayed(t, rec, false)
		fastAndReplayed(t, rec, true)
	})
}
