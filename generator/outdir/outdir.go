package outdir

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// ManifestName is the file every written tree holds: the list of the files
// Write put there. Write replaces a folder only when it holds nothing else.
const ManifestName = ".kube-apidocs-manifest"

// manifestHeader is the first line of the manifest.
const manifestHeader = "# kube-apidocs generated files; a new run replaces exactly these"

// File is one file of a tree.
type File struct {
	// Path is the slash-separated path inside the tree: relative, clean,
	// never leaving it.
	Path string
	Data []byte
}

// beforeSwap, when set (by tests), runs after the new tree is complete and
// before it replaces dir.
var beforeSwap func(dir string)

// Write puts files into the folder dir: it builds them, with the manifest,
// in a new folder beside dir and renames that into place, keeping the old
// dir until the new one is there. It refuses, leaving dir untouched, when
// dir is not a folder, holds files the manifest of an earlier Write does
// not list (checked before the build and again on the old tree after it is
// moved aside, so a file added during the build is never deleted), or when
// a path is not a plain path inside the tree or is listed twice.
//
// Write stops when ctx ends (on SIGINT, say) and then removes what it had
// built, leaving dir as it was.
func Write(ctx context.Context, dir string, files []File) error {
	s := NewStage(ctx, dir)
	if err := s.Open(); err != nil {
		return err
	}
	defer s.Discard()
	for _, f := range files {
		if err := s.Put(f); err != nil {
			return err
		}
	}
	return s.Commit()
}

// checkFiles refuses paths that are not plain paths inside the tree and
// paths listed twice.
func checkFiles(files []File) error {
	seen := make(map[string]bool, len(files))
	for _, f := range files {
		if err := checkPath(f.Path); err != nil {
			return err
		}
		if seen[f.Path] {
			return &PathError{Path: f.Path, Reason: "listed twice"}
		}
		seen[f.Path] = true
	}
	return nil
}

// checkPath accepts only clean, relative, slash-separated paths that stay
// inside the tree.
func checkPath(p string) error {
	if p == "" || path.IsAbs(p) || path.Clean(p) != p || p == ManifestName ||
		strings.HasPrefix(p, "../") || p == ".." || strings.ContainsAny(p, "\\\x00:") {
		return &PathError{Path: p, Reason: "not a plain path inside the site"}
	}
	return nil
}

// checkReplaceable returns nil when dir does not exist, is an empty
// folder, or holds only what its manifest lists.
func checkReplaceable(dir string) error {
	info, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return ErrNotFolder
	}
	return checkOwned(dir)
}

// checkOwned walks dir and returns a *ForeignFileError for the first file
// its manifest does not list.
func checkOwned(dir string) error {
	listed, hasManifest, err := readManifest(dir)
	if err != nil {
		return err
	}
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() || rel == ManifestName || listed[rel] {
			return nil
		}
		return &ForeignFileError{File: rel, NoManifest: !hasManifest}
	})
}

// readManifest reads the list of generated files in dir, if it has one.
func readManifest(dir string) (map[string]bool, bool, error) {
	data, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	listed := map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		if line != "" && !strings.HasPrefix(line, "#") {
			listed[line] = true
		}
	}
	return listed, true, nil
}

// manifest is the manifest of a tree: its header, then the sorted paths.
func manifest(files []File) []byte {
	names := make([]string, 0, len(files))
	for _, f := range files {
		names = append(names, f.Path)
	}
	slices.Sort(names)
	return manifestOf(names)
}

// manifestOf is the manifest listing the sorted paths names.
func manifestOf(names []string) []byte {
	return []byte(manifestHeader + "\n" + strings.Join(names, "\n") + "\n")
}

// swapInto moves the finished folder tmp to dir. An existing dir is first
// renamed aside, where nothing writes into it any more, and checked again:
// if a file it does not own appeared since the first check, dir is put
// back untouched and the file is named. A process that still holds a
// descriptor of a folder inside dir can add files after this check; they
// would be deleted with the old tree. When another Write puts its tree at
// dir in between, that tree stands, this one fails and the old tree is
// removed: never a mix, nothing left beside dir.
func swapInto(tmp, dir string) error {
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(tmp, dir)
	}
	old := tmp + ".old"
	if err := os.Rename(dir, old); err != nil {
		return err
	}
	if err := checkOwned(old); err != nil {
		if rerr := os.Rename(old, dir); rerr != nil {
			return fmt.Errorf("%w (and restoring the old folder failed: %v; it is in %s)", err, rerr, old)
		}
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		if _, serr := os.Lstat(dir); serr == nil {
			// another run put its tree at dir meanwhile: that one stands,
			// and the old tree (checked: only generated files) is out of date
			_ = os.RemoveAll(old)
			return err
		}
		if rerr := os.Rename(old, dir); rerr != nil {
			return fmt.Errorf("%w (and restoring the old folder failed: %v; it is in %s)", err, rerr, old)
		}
		return err
	}
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("removing the old folder %s: %w", old, err)
	}
	return nil
}
