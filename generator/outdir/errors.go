package outdir

import (
	"errors"
	"fmt"
)

// Error is what Write returns: the folder it was asked to write and what
// went wrong. Its text is "<dir>: <problem>", for the caller to prefix
// with the name of the flag or setting that chose dir.
type Error struct {
	Dir string
	Err error
}

func (e *Error) Error() string { return e.Dir + ": " + e.Err.Error() }

// Unwrap returns the problem.
func (e *Error) Unwrap() error { return e.Err }

// wrap returns nil for a nil err, else err as an *Error about dir.
func wrap(dir string, err error) error {
	if err == nil {
		return nil
	}
	return &Error{Dir: dir, Err: err}
}

// ErrNotFolder means the target exists and is not a folder.
var ErrNotFolder = errors.New("exists and is not a folder")

// ForeignFileError means the target holds a file Write did not put there,
// so it is not replaced.
type ForeignFileError struct {
	// File is the slash-separated path of the file inside the target.
	File string
	// NoManifest is true when the target has no manifest at all.
	NoManifest bool
}

func (e *ForeignFileError) Error() string {
	if e.NoManifest {
		return fmt.Sprintf("refusing to replace a folder that kube-apidocs did not write (it holds %s and no %s); choose a new or empty folder", e.File, ManifestName)
	}
	return fmt.Sprintf("refusing to replace the folder: %s was not written by kube-apidocs (move it away or choose a new or empty folder)", e.File)
}

// PathError means a file of the tree has a path Write refuses.
type PathError struct {
	Path   string
	Reason string
}

func (e *PathError) Error() string { return fmt.Sprintf("refusing to write %q: %s", e.Path, e.Reason) }
