package recording

import (
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"runtime"
	"strings"

	"golang.org/x/sync/errgroup"
)

// maxStatusBody is how much of a recorded non-200 answer Load reads. The
// body of a failed answer is never checked, only replayed to clients, and a
// kube-apiserver Status is well under 1 KiB; a longer body is replayed cut
// to this size instead of being read whole into memory.
const maxStatusBody = 64 << 10

// TooLargeError is a file of a recording larger than LoadOptions.MaxFileSize.
type TooLargeError struct {
	// File is the path of the file, as the user named its folder.
	File string
	// Size is the file's size in bytes, or -1 when it grew past the limit
	// while it was read.
	Size int64
	// Limit is the largest size accepted, in bytes.
	Limit int64
}

// Error returns the one-line message, naming the file first.
func (e *TooLargeError) Error() string {
	if e.Size < 0 {
		return fmt.Sprintf("%s: file is more than the limit of %d bytes", e.File, e.Limit)
	}
	return fmt.Sprintf("%s: file is %d bytes, more than the limit of %d", e.File, e.Size, e.Limit)
}

// LoadDir reads a recording from a folder on disk. Every error is a
// *FileError or a *TooLargeError; one about the folder itself has File dir. Only regular files are
// read: a document name held by a folder, a FIFO, a device or a socket is an
// error, and so is a symbolic link that leads outside dir.
func LoadDir(dir string, opts LoadOptions) (*Recording, error) {
	info, err := os.Stat(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &FileError{File: dir, Problem: "no such folder", Err: err}
		}
		return nil, wrapFileError(dir, err)
	}
	if !info.IsDir() {
		return nil, &FileError{File: dir, Problem: "not a folder"}
	}
	root, err := os.OpenRoot(dir) // refuses every path that leaves dir, symbolic links included
	if err != nil {
		return nil, wrapFileError(dir, err)
	}
	rec, err := Load(root.FS(), dir, opts)
	if err != nil || rec.lazy == nil {
		root.Close()
	} // a recording that reads OpenAPI documents later keeps its folder open
	return rec, err
}

// Load reads a recording from fsys; name is used in error messages as the
// folder the files live in. Files whose names are not discovery documents
// (README.md, index.tsv, kubectl_*.txt) are not read.
func Load(fsys fs.FS, name string, opts LoadOptions) (*Recording, error) {
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	if isKubectlCache(fsys) {
		return loadKubectlCache(fsys, name, opts)
	}
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, wrapFileError(name, err)
	}
	var docs []document
	for _, e := range entries {
		name, gzipped := strings.CutSuffix(e.Name(), gzipSuffix)
		if route, status, ok := RouteFor(name); ok && (opts.OpenAPI || !route.IsOpenAPI()) {
			docs = append(docs, document{e.Name(), route, status, gzipped})
		}
	}
	bodies, errs := make([][]byte, len(docs)), make([]error, len(docs))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, d := range docs {
		if opts.LazyOpenAPI && d.route.IsOpenAPI() && d.route.Path != openAPIV3 {
			continue // read by OpenAPIDocument
		}
		g.Go(func() error {
			bodies[i], errs[i] = readDocument(fsys, d, path.Join(name, d.name), opts.MaxFileSize)
			return nil // errs keeps every error, so the one reported is the first in file order
		})
	}
	_ = g.Wait()
	rec := &Recording{Name: name, Responses: make(map[Route]Response, len(docs))}
	if opts.LazyOpenAPI {
		rec.lazy = &lazyDocuments{fsys: fsys, limit: opts.MaxFileSize, docs: map[Route]*lazyDocument{}}
	}
	for i, d := range docs {
		if errs[i] != nil {
			return nil, errs[i]
		}
		if prev, dup := rec.add(d.route, Response{File: d.name, Status: d.status, Body: bodies[i]}); dup {
			return nil, &FileError{File: path.Join(name, d.name), Problem: fmt.Sprintf("answers the same request as %s", prev.File)}
		}
		if rec.lazy != nil && bodies[i] == nil && d.route.IsOpenAPI() {
			rec.lazy.docs[d.route] = &lazyDocument{document: d}
		}
	}
	if rec.lazy != nil && len(rec.lazy.docs) == 0 {
		rec.lazy = nil
	}
	if err := rec.Check(); err != nil {
		return nil, err
	}
	return rec, nil
}

// gzipSuffix ends the name of a document stored gzip-compressed
// ("openapi__v3__api__v1.json.gz"); Load reads it as the document it
// holds.
const gzipSuffix = ".gz"

// document is a file of a recording named like a discovery or OpenAPI
// document.
type document struct {
	name    string
	route   Route
	status  int
	gzipped bool
}

// readDocument reads one document, file being its path for messages. It
// looks at the file before opening it: opening a FIFO would block, and a
// file over the limit is refused unread. A non-200 answer is read only up
// to maxStatusBody.
func readDocument(fsys fs.FS, d document, file string, limit int64) ([]byte, error) {
	info, err := fs.Stat(fsys, d.name)
	if err != nil {
		return nil, &FileError{File: file, Problem: statProblem(err)}
	}
	switch {
	case info.IsDir():
		return nil, &FileError{File: file, Problem: "is a directory, not a discovery document"}
	case !info.Mode().IsRegular():
		return nil, &FileError{File: file, Problem: fmt.Sprintf("not a regular file (%s)", fileType(info.Mode()))}
	case info.Size() > limit:
		return nil, &TooLargeError{File: file, Size: info.Size(), Limit: limit}
	}
	readCap := limit
	if d.status != 200 {
		readCap = min(limit, maxStatusBody)
	}
	f, err := fsys.Open(d.name)
	if err != nil {
		return nil, &FileError{File: file, Problem: err.Error()}
	}
	defer f.Close()
	var r io.Reader = f
	if d.gzipped {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, &FileError{File: file, Problem: "not gzip-compressed: " + err.Error()}
		}
		defer zr.Close()
		r = zr
	}
	body, err := io.ReadAll(io.LimitReader(r, readCap+1))
	if err != nil {
		return nil, &FileError{File: file, Problem: err.Error()}
	}
	if int64(len(body)) > readCap {
		if d.status != 200 {
			return body[:readCap], nil
		}
		return nil, &TooLargeError{File: file, Size: -1, Limit: limit}
	}
	return body, nil
}

// statProblem says why a document could not be looked at. os.Root refuses
// a symbolic link that leads outside the folder with a "path escapes"
// error, which is reworded for the user.
func statProblem(err error) string {
	var pe *fs.PathError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "is a symbolic link to a file that does not exist"
	case errors.As(err, &pe) && pe.Err.Error() == "path escapes from parent":
		return "is a symbolic link that leads outside the recording folder; only regular files inside it are read"
	case errors.As(err, &pe):
		return pe.Err.Error()
	}
	return err.Error()
}

// fileType names the kind of a file that is not a regular file.
func fileType(mode fs.FileMode) string {
	switch {
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeDevice != 0:
		return "a device"
	}
	return mode.Type().String()
}
