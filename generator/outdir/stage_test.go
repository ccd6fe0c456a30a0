package outdir

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// TestStageConcurrentPuts checks that files put from several goroutines at
// once all land in the committed tree and in its manifest, in sorted order.
func TestStageConcurrentPuts(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	s := NewStage(context.Background(), out)
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	defer s.Discard()
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 25 {
				p := fmt.Sprintf("w%d/page-%02d.html", w, i)
				if err := s.Put(File{Path: p, Data: []byte(p)}); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	if s.Len() != 100 {
		t.Errorf("Len = %d, want 100", s.Len())
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(out, "w3", "page-24.html")); string(got) != "w3/page-24.html" {
		t.Errorf("w3/page-24.html = %q", got)
	}
	var files []File
	for w := range 4 {
		for i := range 25 {
			files = append(files, File{Path: fmt.Sprintf("w%d/page-%02d.html", w, i)})
		}
	}
	if got, _ := os.ReadFile(filepath.Join(out, ManifestName)); string(got) != string(manifest(files)) {
		t.Errorf("manifest =\n%s\nwant\n%s", got, manifest(files))
	}
}

// TestStageDiscardLeavesNothing checks that Discard, called while files are
// still being put (as generate does on Ctrl-C), removes the folder being
// built and the parent folders Open made, makes later Puts fail, and keeps
// the old tree.
func TestStageDiscardLeavesNothing(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "a", "b", "site")
	s := NewStage(context.Background(), out)
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	if err := s.Put(File{Path: "index.html", Data: []byte("new")}); err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{})
	done := make(chan error)
	go func() {
		close(started)
		var err error
		for i := 0; err == nil; i++ {
			err = s.Put(File{Path: fmt.Sprintf("p%d.html", i)})
		}
		done <- err
	}()
	<-started
	s.Discard()
	if err := <-done; !errors.Is(err, errStageClosed) {
		t.Errorf("Put after Discard: %v, want %v", err, errStageClosed)
	}
	if entries, err := os.ReadDir(root); err != nil || len(entries) != 0 {
		t.Errorf("after Discard %s holds %v (%v), want nothing", root, entries, err)
	}
	if err := s.Commit(); !errors.Is(err, errStageClosed) {
		t.Errorf("Commit after Discard: %v, want %v", err, errStageClosed)
	}
	s.Discard() // a second time is harmless
	if err := s.Open(); !errors.Is(err, errStageClosed) {
		t.Errorf("Open after Discard: %v, want %v", err, errStageClosed)
	}
	late := NewStage(context.Background(), out)
	late.Discard() // Ctrl-C before the source was read
	if err := late.Open(); !errors.Is(err, errStageClosed) {
		t.Errorf("Open of a discarded stage: %v, want %v", err, errStageClosed)
	}
	if entries, err := os.ReadDir(root); err != nil || len(entries) != 0 {
		t.Errorf("after a discarded stage's Open %s holds %v (%v), want nothing", root, entries, err)
	}

	// an existing tree stays as it was
	if err := Write(context.Background(), out, []File{{Path: "index.html", Data: []byte("old")}}); err != nil {
		t.Fatal(err)
	}
	s = NewStage(context.Background(), out)
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	if err := s.Put(File{Path: "index.html", Data: []byte("new")}); err != nil {
		t.Fatal(err)
	}
	s.Discard()
	if got, _ := os.ReadFile(filepath.Join(out, "index.html")); string(got) != "old" {
		t.Errorf("index.html = %q after Discard, want old", got)
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
		t.Errorf("%s holds %d entries after Discard, want only site", filepath.Dir(out), len(entries))
	}
}

// TestStageRefuses checks what Put and Open refuse: a Put before Open, a
// path that leaves the tree, a path put twice, and a target holding a file
// no manifest lists (refused by Open, before anything is built).
func TestStageRefuses(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "site")
	s := NewStage(context.Background(), out)
	if err := s.Put(File{Path: "index.html"}); !errors.Is(err, errStageClosed) {
		t.Errorf("Put before Open: %v, want %v", err, errStageClosed)
	}
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	defer s.Discard()
	var pe *PathError
	if err := s.Put(File{Path: "../escape.html"}); !errors.As(err, &pe) {
		t.Errorf("Put ../escape.html: %v, want a *PathError", err)
	}
	if err := s.Put(File{Path: "index.html"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Put(File{Path: "index.html"}); !errors.As(err, &pe) || pe.Reason != "listed twice" {
		t.Errorf("second Put of index.html: %v, want listed twice", err)
	}

	mine := filepath.Join(parent, "mine")
	if err := os.MkdirAll(mine, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(mine, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	var foreign *ForeignFileError
	if err := NewStage(context.Background(), mine).Open(); !errors.As(err, &foreign) || foreign.File != "notes.txt" {
		t.Errorf("Open of a folder holding notes.txt: %v, want a refusal naming it", err)
	}
}

// TestStageStopsWhenCancelled checks that Put and Commit fail once the
// context ends, and the target is not created.
func TestStageStopsWhenCancelled(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	ctx, cancel := context.WithCancel(context.Background())
	s := NewStage(ctx, out)
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	defer s.Discard()
	if err := s.Put(File{Path: "index.html"}); err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := s.Put(File{Path: "other.html"}); !errors.Is(err, context.Canceled) {
		t.Errorf("Put after cancel: %v, want %v", err, context.Canceled)
	}
	if err := s.Commit(); !errors.Is(err, context.Canceled) {
		t.Errorf("Commit after cancel: %v, want %v", err, context.Canceled)
	}
	if _, err := os.Lstat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("%s exists after a cancelled Commit (%v)", out, err)
	}
}
