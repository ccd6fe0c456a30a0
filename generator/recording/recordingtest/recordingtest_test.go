package recordingtest

import (
	"maps"
	"os"
	"path/filepath"
	"testing"
)

// TestBrokenCases: every case applies to the base, changes it, names a
// folder no other case names, and its error names the folder; Write puts
// exactly the case's files on disk.
func TestBrokenCases(t *testing.T) {
	t.Parallel()
	base := Base()
	seen := map[string]bool{}
	for _, c := range Broken {
		if seen[c.Name] {
			t.Errorf("two cases are named %s", c.Name)
		}
		seen[c.Name] = true
		files, err := c.Files()
		if err != nil {
			t.Errorf("%s: %v", c.Name, err)
			continue
		}
		if maps.EqualFunc(files, base, func(a, b []byte) bool { return string(a) == string(b) }) {
			t.Errorf("%s: the files are the base's", c.Name)
		}
		if got := c.ErrorFor("X"); got == c.Error || got[0] != 'X' {
			t.Errorf("%s: the error %q does not start with the folder (DIR)", c.Name, c.Error)
		}
		dir := filepath.Join(t.TempDir(), c.Name)
		if err := c.Write(dir); err != nil {
			t.Fatal(err)
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != len(files) {
			t.Errorf("%s: Write made %d files, want %d", c.Name, len(entries), len(files))
		}
		for _, e := range entries {
			if b, err := os.ReadFile(filepath.Join(dir, e.Name())); err != nil || string(b) != string(files[e.Name()]) {
				t.Errorf("%s: %s on disk differs from Files (err %v)", c.Name, e.Name(), err)
			}
		}
	}
}

// TestReplaceNeedsOneMatch: a search and replace whose text is not in the
// file exactly once is an error, not a silent no-op.
func TestReplaceNeedsOneMatch(t *testing.T) {
	t.Parallel()
	for _, c := range []Case{
		{Name: "absent", File: "apis.json", Old: `"name":"batch"`, New: `"name":"x"`},
		{Name: "twice", File: "apis__apps__v1.json", Old: `"namespaced":true`, New: `"namespaced":false`},
		{Name: "no file", File: "nope.json", Old: "a", New: "b"},
	} {
		if _, err := c.Files(); err == nil {
			t.Errorf("%s: no error", c.Name)
		}
	}
}
