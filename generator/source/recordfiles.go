package source

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// IndexFile is the name of a recording's machine-readable index: one line
// per request, tab-separated: path, Accept, file, HTTP status, Content-Type,
// bytes, ETag ("-" for an empty field).
const IndexFile = "index.tsv"

// Recording returns the capture as a Recording named name, checked like a
// folder loaded from disk.
func (c *Capture) Recording(name string) (*Recording, error) {
	rec := &Recording{Name: name, Responses: map[Route]Response{}}
	for _, e := range c.Entries {
		route, status, ok := routeForFile(e.File)
		if !ok || status != e.Status {
			return nil, fmt.Errorf("%s: file name %s does not round-trip (status %d)", name, e.File, e.Status)
		}
		if prev, dup := rec.Responses[route]; dup {
			return nil, &FileError{File: rec.file(e.File), Problem: "answers the same request as " + prev.File}
		}
		rec.Responses[route] = Response{File: e.File, Status: e.Status, Body: e.Body}
	}
	if err := rec.Check(); err != nil {
		return nil, err
	}
	return rec, nil
}

// WriteIndex writes the index.tsv of the capture.
func (c *Capture) WriteIndex(w io.Writer) error {
	var b bytes.Buffer
	for _, e := range c.Entries {
		fields := []string{e.Path, e.Accept, e.File, fmt.Sprint(e.Status), e.ContentType, fmt.Sprint(len(e.Body)), e.ETag}
		for i, f := range fields {
			fields[i] = tsvField(f)
		}
		b.WriteString(strings.Join(fields, "\t") + "\n")
	}
	_, err := w.Write(b.Bytes())
	return err
}

// WriteReadme writes the README.md of the capture: where it came from and
// a table of every request, like the bundled fixtures' README files.
func (c *Capture) WriteReadme(w io.Writer) error {
	var b bytes.Buffer
	title := "a kube-apiserver"
	if c.GitVersion != "" {
		title = "kube-apiserver " + mdCell(c.GitVersion)
	}
	fmt.Fprintf(&b, "# Discovery documents recorded from %s\n\n", title)
	fmt.Fprintf(&b, "Recorded by `kube-apidocs record` from %s.\n", mdCell(c.Server))
	b.WriteString("Bodies are the raw response bytes, requested with client-go's Accept headers and a non-curl User-Agent,\n" +
		"so they are the compact JSON client-go/kubectl receive. No credentials are stored.\n" +
		"A file name with `.http<code>` holds a non-200 answer. index.tsv lists the same table, tab-separated.\n\n")
	b.WriteString("| path | Accept | file | HTTP | Content-Type | bytes | ETag |\n|---|---|---|---|---|---|---|\n")
	for _, e := range c.Entries {
		fmt.Fprintf(&b, "| `%s` | `%s` | %s | %d | `%s` | %d | %s |\n",
			mdCell(e.Path), mdCell(e.Accept), mdCell(e.File), e.Status, mdCell(orDash(e.ContentType)), len(e.Body), mdCell(orDash(e.ETag)))
	}
	_, err := w.Write(b.Bytes())
	return err
}

// WriteRecording writes the capture to dir: every answer under its file
// name, README.md and index.tsv. It writes into a temporary folder next to
// dir and renames it, so a failure leaves no half-written recording. An
// existing dir is replaced only if it is empty or holds a recording (an
// index.tsv); anything else is refused.
func WriteRecording(dir string, c *Capture) error {
	if _, err := c.Recording(dir); err != nil {
		return err
	}
	if err := checkReplaceable(dir); err != nil {
		return err
	}
	parent := filepath.Dir(filepath.Clean(dir))
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		return fmt.Errorf("%s: %w", dir, err)
	}
	defer os.RemoveAll(tmp) // a no-op once renamed
	if err := c.writeFiles(tmp); err != nil {
		return fmt.Errorf("%s: %w", dir, err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("%s: %w", dir, err)
	}
	return replaceDir(tmp, dir)
}

func (c *Capture) writeFiles(dir string) error {
	for _, e := range c.Entries {
		if err := writeFile(filepath.Join(dir, e.File), e.Body); err != nil {
			return err
		}
	}
	var index, readme bytes.Buffer
	if err := c.WriteIndex(&index); err != nil {
		return err
	}
	if err := c.WriteReadme(&readme); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(dir, IndexFile), index.Bytes()); err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, "README.md"), readme.Bytes())
}

func writeFile(name string, data []byte) error {
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

// checkReplaceable refuses to replace a folder that is not a recording.
func checkReplaceable(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("%s: %w", dir, err)
	case len(entries) == 0:
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, IndexFile)); err != nil {
		return fmt.Errorf("%s: the folder exists and is not a recording (no %s); choose a new or empty folder", dir, IndexFile)
	}
	return nil
}

// replaceDir moves tmp to dir, replacing an existing dir.
func replaceDir(tmp, dir string) error {
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
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
		_ = os.Rename(old, dir) // put the earlier recording back
		return fmt.Errorf("%s: %w", dir, err)
	}
	return os.RemoveAll(old)
}

// tsvField keeps a value from the server on one TSV field.
func tsvField(s string) string {
	if s == "" {
		return "-"
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}

// mdCell keeps a value from the server inside one Markdown table cell and
// code span: no control characters, pipes or backticks.
func mdCell(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r < 0x20 || r == 0x7f:
			return ' '
		case r == '|':
			return '¦'
		case r == '`':
			return '\''
		}
		return r
	}, s)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
