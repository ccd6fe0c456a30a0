package oneline

import (
	"errors"
	"io/fs"
	"testing"
)

func TestText(t *testing.T) {
	cases := map[string]string{
		"":      "",
		"plain": "plain",
		"yaml: unmarshal errors:\n  line 2: cannot unmarshal": "yaml: unmarshal errors: line 2: cannot unmarshal",
		"\ta\r\n\n b  c \n": "a b c",
	}
	for in, want := range cases {
		if got := Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestErrorUnwraps(t *testing.T) {
	err := Error(&fs.PathError{Op: "open", Path: "a\nb", Err: fs.ErrNotExist})
	if got, want := err.Error(), "open a b: file does not exist"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("errors.Is(%v, fs.ErrNotExist) = false", err)
	}
	if Error(nil) != nil {
		t.Errorf("Error(nil) is not nil")
	}
}
