// Package recordingtest builds recordings for tests: a small valid base
// recording (cut down from fixtures/v1.33.13: configmaps, namespaces, pods
// and apps/v1 deployments, in aggregated and legacy form) and the broken
// corpus, one case per rule the loader checks, each the base with one
// change. The tests of package recording and of the command share it, so
// both see every case.
package recordingtest

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

//go:embed testdata/base
var baseFS embed.FS

// BaseDir is the base recording's folder, relative to this package's
// source folder.
const BaseDir = "testdata/base"

// Case is one broken recording: the base with one file changed.
type Case struct {
	// Name names the case and the folder Write makes for it.
	Name string
	// File is the file the case changes.
	File string
	// Old and New are a search and replace in File: the one occurrence
	// of Old becomes New. Unused when Edit is set.
	Old, New string
	// Edit changes the folder's files (file name to content; deleting a
	// name deletes the file) where a search and replace cannot say it.
	Edit func(files map[string][]byte) error
	// Error is the one error line loading the folder must give, with DIR
	// standing for the folder as named to the loader.
	Error string
}

// ErrorFor is the case's error line for the folder dir.
func (c Case) ErrorFor(dir string) string {
	return strings.ReplaceAll(c.Error, "DIR", dir)
}

// Base returns the files of the base recording, file name to content.
func Base() map[string][]byte {
	files := map[string][]byte{}
	entries, err := baseFS.ReadDir(BaseDir)
	if err != nil {
		panic(err) // embedded at build time: cannot fail
	}
	for _, e := range entries {
		b, err := baseFS.ReadFile(path.Join(BaseDir, e.Name()))
		if err != nil {
			panic(err)
		}
		files[e.Name()] = b
	}
	return files
}

// Files returns the case's folder: the base with the case's change.
func (c Case) Files() (map[string][]byte, error) {
	files := Base()
	if c.Edit != nil {
		if err := c.Edit(files); err != nil {
			return nil, fmt.Errorf("case %s: %w", c.Name, err)
		}
		return files, nil
	}
	b, ok := files[c.File]
	if !ok {
		return nil, fmt.Errorf("case %s: the base has no %s", c.Name, c.File)
	}
	if n := bytes.Count(b, []byte(c.Old)); n != 1 {
		return nil, fmt.Errorf("case %s: %s holds %q %d times, want once", c.Name, c.File, c.Old, n)
	}
	files[c.File] = bytes.Replace(b, []byte(c.Old), []byte(c.New), 1)
	return files, nil
}

// Write makes the folder dir (which must not exist) holding the case's
// files.
func (c Case) Write(dir string) error {
	files, err := c.Files()
	if err != nil {
		return err
	}
	return writeFiles(dir, files)
}

// WriteBase makes the folder dir (which must not exist) holding the base
// recording.
func WriteBase(dir string) error {
	return writeFiles(dir, Base())
}

func writeFiles(dir string, files map[string][]byte) error {
	if err := os.Mkdir(dir, 0o755); err != nil {
		return err
	}
	for name, b := range files {
		if !fs.ValidPath(name) || strings.Contains(name, "/") {
			return fmt.Errorf("%q is not a file name", name)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}
