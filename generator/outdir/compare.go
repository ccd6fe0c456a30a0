package outdir

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// Changes is how a folder differs from the tree Write would put there:
// slash-separated paths, each list sorted.
type Changes struct {
	// Added are files of the tree the folder does not have.
	Added []string `json:"added"`
	// Removed are files of the folder the tree does not have.
	Removed []string `json:"removed"`
	// Changed are files whose bytes differ.
	Changed []string `json:"changed"`
}

// Empty reports whether the folder is up to date.
func (c Changes) Empty() bool {
	return len(c.Added) == 0 && len(c.Removed) == 0 && len(c.Changed) == 0
}

// Compare reports how dir differs from what Write(dir, files) would leave
// there, the manifest included, without writing anything. A dir that does
// not exist differs by every file.
func Compare(dir string, files []File) (Changes, error) {
	if err := checkFiles(files); err != nil {
		return Changes{}, wrap(dir, err)
	}
	want := make(map[string][]byte, len(files)+1)
	for _, f := range files {
		want[f.Path] = f.Data
	}
	want[ManifestName] = manifest(files)
	var c Changes
	seen := map[string]bool{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && p == dir {
			return fs.SkipAll
		}
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		data, ok := want[rel]
		if !ok {
			c.Removed = append(c.Removed, rel)
			return nil
		}
		seen[rel] = true
		got, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if !bytes.Equal(got, data) {
			c.Changed = append(c.Changed, rel)
		}
		return nil
	})
	if err != nil {
		return Changes{}, wrap(dir, err)
	}
	for p := range want {
		if !seen[p] {
			c.Added = append(c.Added, p)
		}
	}
	slices.Sort(c.Added)
	slices.Sort(c.Removed)
	slices.Sort(c.Changed)
	return c, nil
}
