package outdir

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
)

// errStageClosed is what Put returns before Open and after Commit or
// Discard, and Open after either (or a second time).
var errStageClosed = errors.New("the folder being built is not open")

// Stage builds a tree a file at a time in a new folder beside its target
// and puts it in place on Commit, as Write does for a whole tree at once:
// a caller that renders many files hands each to Put as it is made instead
// of holding them all until the end.
//
// Put may be called from several goroutines at once. Discard may be called
// at any time, from any goroutine, and more than once: it waits for the
// Puts in progress, removes what was built and makes later Puts fail, so
// that a render abandoned on Ctrl-C or on a timeout leaves nothing behind.
type Stage struct {
	ctx context.Context
	dir string

	// mu is held shared by Put and exclusively by Open, Commit and Discard.
	mu sync.RWMutex
	// tmp is the folder being built: "" before Open and after Commit or
	// Discard.
	tmp string
	// closed is set by Commit and Discard: Open fails from then on, so
	// that a Discard that comes first (Ctrl-C while the source is read)
	// is never followed by a folder that nothing removes.
	closed bool
	// created is the outermost folder above dir that Open made, which
	// Discard removes again when it is empty; "" when there was none.
	created string

	pathsMu sync.Mutex
	paths   map[string]bool
}

// NewStage returns a Stage for the folder dir; nothing happens on disk
// before Open. Put and Commit fail once ctx ends.
func NewStage(ctx context.Context, dir string) *Stage {
	return &Stage{ctx: ctx, dir: dir, paths: map[string]bool{}}
}

// Open checks that dir may be replaced (checkReplaceable: it is missing,
// empty or holds only what its manifest lists) and makes the folder the
// tree is built in. It may be called once, and not after Commit or
// Discard.
func (s *Stage) Open() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed || s.tmp != "" {
		return wrap(s.dir, errStageClosed)
	}
	if err := checkReplaceable(s.dir); err != nil {
		return wrap(s.dir, err)
	}
	parent := filepath.Dir(filepath.Clean(s.dir))
	created := outermostMissing(parent)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return wrap(s.dir, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(filepath.Clean(s.dir))+".new-*")
	if err != nil {
		return wrap(s.dir, err)
	}
	s.tmp, s.created = tmp, created
	return nil
}

// Put writes f into the tree. It refuses a path that is not a plain path
// inside the tree or that an earlier Put wrote.
func (s *Stage) Put(f File) error {
	if err := checkPath(f.Path); err != nil {
		return wrap(s.dir, err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.tmp == "" {
		return wrap(s.dir, errStageClosed)
	}
	if err := s.ctx.Err(); err != nil {
		return wrap(s.dir, err)
	}
	if !s.claim(f.Path) {
		return wrap(s.dir, &PathError{Path: f.Path, Reason: "listed twice"})
	}
	target := filepath.Join(s.tmp, filepath.FromSlash(f.Path))
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return wrap(s.dir, err)
	}
	return wrap(s.dir, os.WriteFile(target, f.Data, 0o644))
}

// claim records p as written and reports whether it was new.
func (s *Stage) claim(p string) bool {
	s.pathsMu.Lock()
	defer s.pathsMu.Unlock()
	if s.paths[p] {
		return false
	}
	s.paths[p] = true
	return true
}

// Len is the number of files Put wrote.
func (s *Stage) Len() int {
	s.pathsMu.Lock()
	defer s.pathsMu.Unlock()
	return len(s.paths)
}

// Commit writes the manifest and puts the tree at dir (swapInto: the old
// tree is kept until the new one is there, and kept when a file it does not
// own appeared meanwhile). After Commit, successful or not, the Stage is
// closed; a failed Commit removes what it had built, leaving dir as it was.
func (s *Stage) Commit() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tmp == "" {
		return wrap(s.dir, errStageClosed)
	}
	tmp := s.tmp
	s.tmp, s.closed = "", true
	defer os.RemoveAll(tmp) // gone after the rename; cleans up on failure
	if err := os.WriteFile(filepath.Join(tmp, ManifestName), s.manifest(), 0o644); err != nil {
		return wrap(s.dir, err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return wrap(s.dir, err)
	}
	if beforeSwap != nil {
		beforeSwap(s.dir)
	}
	if err := s.ctx.Err(); err != nil {
		return wrap(s.dir, err)
	}
	return wrap(s.dir, swapInto(tmp, s.dir))
}

// manifest lists the files Put wrote; see manifest.
func (s *Stage) manifest() []byte {
	names := make([]string, 0, len(s.paths))
	for p := range s.paths {
		names = append(names, p)
	}
	slices.Sort(names)
	return manifestOf(names)
}

// Discard removes the folder being built, and the folders above dir that
// Open made when they are empty again. dir itself is never touched.
func (s *Stage) Discard() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	if s.tmp == "" {
		return
	}
	_ = os.RemoveAll(s.tmp)
	s.tmp = ""
	if s.created == "" {
		return
	}
	for p := filepath.Dir(filepath.Clean(s.dir)); ; p = filepath.Dir(p) {
		if os.Remove(p) != nil || p == s.created {
			return
		}
	}
}

// outermostMissing returns the outermost of dir and the folders above it
// that does not exist, or "" when dir exists.
func outermostMissing(dir string) string {
	missing := ""
	for p := filepath.Clean(dir); ; p = filepath.Dir(p) {
		if _, err := os.Lstat(p); !errors.Is(err, fs.ErrNotExist) {
			return missing
		}
		missing = p
		if filepath.Dir(p) == p {
			return missing
		}
	}
}
