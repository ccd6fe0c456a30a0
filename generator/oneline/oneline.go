package oneline

import "strings"

// Text returns s with every run of white space, line breaks included,
// replaced by one space, and no leading or trailing space.
func Text(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// Error returns err with its message on one line; errors.Is and errors.As
// still find err through it. A nil err stays nil.
func Error(err error) error {
	if err == nil {
		return nil
	}
	return foldedError{err}
}

type foldedError struct{ err error }

func (e foldedError) Error() string { return Text(e.err.Error()) }
func (e foldedError) Unwrap() error { return e.err }
