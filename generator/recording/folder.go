package recording

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// ManifestName is the file every folder WriteFolder writes holds: the list
// of the files the tool wrote there, in the format `generate` uses for a
// site. A folder is replaced only when it holds nothing else.
const ManifestName = ".kube-apidocs-manifest"

// manifestHeader is the first line of the manifest.
const manifestHeader = "# kube-apidocs generated files; a new run replaces exactly these"

// ForeignFileError is a refusal to replace a folder that holds a file the
// tool did not write.
type ForeignFileError struct {
	// Dir is the folder, as the caller named it.
	Dir string
	// File is the first foreign file, relative to Dir, slash-separated.
	File string
	// NoManifest is true when the folder has no manifest at all.
	NoManifest bool
}

// Error returns the one-line message, naming the folder first.
func (e *ForeignFileError) Error() string {
	if e.NoManifest {
		return fmt.Sprintf("%s: refusing to replace a folder that kube-apidocs did not write (it holds %s and no %s); choose a new or empty folder", e.Dir, e.File, ManifestName)
	}
	return fmt.Sprintf("%s: refusing to replace the folder: %s was not written by kube-apidocs (move it away or choose a new or empty folder)", e.Dir, e.File)
}

// WriteFolder puts files (relative slash-separated names → contents) and a
// manifest listing them into the folder dir. It writes a new folder beside
// dir and renames it into place, so dir holds either the old files or the
// new ones, never a mix. An existing dir is replaced only if it is empty or
// holds only files a manifest lists; otherwise a *ForeignFileError names
// the first other file and nothing is changed. It is the only function
// that writes a recording to disk.
func WriteFolder(dir string, files map[string][]byte) error {
	if err := checkReplaceable(dir); err != nil {
		return err
	}
	parent := filepath.Dir(filepath.Clean(dir))
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(filepath.Clean(dir))+".tmp-")
	if err != nil {
		return fmt.Errorf("%s: %w", dir, err)
	}
	defer os.RemoveAll(tmp) // a no-op once renamed
	if err := writeTree(tmp, files); err != nil {
		return fmt.Errorf("%s: %w", dir, err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("%s: %w", dir, err)
	}
	return swapInto(tmp, dir)
}

// checkReplaceable returns nil when dir does not exist, is empty, or holds
// only files its manifest lists (and the folders that hold them).
func checkReplaceable(dir string) error {
	info, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("%s: %w", dir, err)
	case !info.IsDir():
		return fmt.Errorf("%s: exists and is not a folder", dir)
	}
	listed, hasManifest, err := readManifest(dir)
	if err != nil {
		return err
	}
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("%s: %w", dir, err)
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if rel == "." || rel == ManifestName || listed[rel] || (d.IsDir() && holdsListed(listed, rel)) {
			return nil
		}
		return &ForeignFileError{Dir: dir, File: rel, NoManifest: !hasManifest}
	})
}

// holdsListed reports whether the folder rel holds a listed file.
func holdsListed(listed map[string]bool, rel string) bool {
	for name := range listed {
		if strings.HasPrefix(name, rel+"/") {
			return true
		}
	}
	return false
}

// readManifest reads the list of files the tool wrote into dir, if dir has
// a manifest.
func readManifest(dir string) (map[string]bool, bool, error) {
	f, err := os.Open(filepath.Join(dir, ManifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("%s: %w", dir, err)
	}
	defer f.Close()
	listed := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); line != "" && !strings.HasPrefix(line, "#") {
			listed[line] = true
		}
	}
	if err := sc.Err(); err != nil {
		return nil, false, fmt.Errorf("%s: %s: %w", dir, ManifestName, err)
	}
	return listed, true, nil
}

// writeTree writes files and the manifest under the new folder dir,
// refusing any name that would leave it.
func writeTree(dir string, files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for name := range files {
		if !path.IsAbs(name) && path.Clean(name) == name && filepath.IsLocal(filepath.FromSlash(name)) && name != ManifestName && !strings.ContainsAny(name, "\\\x00") {
			names = append(names, name)
			continue
		}
		return fmt.Errorf("refusing to write %q: not a plain file name inside the folder", name)
	}
	slices.Sort(names)
	for _, name := range names {
		target := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := createFile(target, files[name]); err != nil {
			return err
		}
	}
	manifest := manifestHeader + "\n" + strings.Join(names, "\n") + "\n"
	return createFile(filepath.Join(dir, ManifestName), []byte(manifest))
}

// createFile writes a new file; it never follows or replaces an existing one.
func createFile(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// swapInto moves the finished folder tmp to dir, keeping the old dir until
// the new one is in place.
func swapInto(tmp, dir string) error {
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(tmp, dir); err != nil {
			return fmt.Errorf("%s: %w", dir, err)
		}
		return nil
	}
	old := tmp + ".old"
	if err := os.Rename(dir, old); err != nil {
		return fmt.Errorf("%s: %w", dir, err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		if rerr := os.Rename(old, dir); rerr != nil {
			return fmt.Errorf("%s: %w (and restoring the old folder failed: %v; it is in %s)", dir, err, rerr, old)
		}
		return fmt.Errorf("%s: %w", dir, err)
	}
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("%s: removing the old folder %s: %w", dir, old, err)
	}
	return nil
}
