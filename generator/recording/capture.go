package recording

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/kube-apidocs/kube-apidocs/generator/outdir"
)

// IndexFile is the name of a recording's machine-readable index: one line
// per request, tab-separated: path, Accept, file, HTTP status, Content-Type,
// bytes, ETag ("-" for an empty field).
const IndexFile = "index.tsv"

// ReadmeFile is the name of a recording's description for people.
const ReadmeFile = "README.md"

// Entry is one recorded request and its answer.
type Entry struct {
	// Path is the request path ("/apis/apps/v1").
	Path string
	// Accept is the Accept header sent.
	Accept string
	// File is the file name in the recording ("apis__apps__v1.json", or
	// "apis__metrics.k8s.io__v1beta1.http503.json" for a non-200 answer):
	// FileForStatus of the request's route and the answer's status.
	File string
	// Status is the HTTP status code.
	Status int
	// ContentType and ETag are the answer's headers ("" when absent).
	ContentType, ETag string
	// Body holds the raw bytes of the answer.
	Body []byte
}

// Capture is what a server answered to every discovery request, in
// request order: what `record` writes to a folder.
type Capture struct {
	// Server is the server's URL (scheme and host only).
	Server string
	// GitVersion is the server's version from /version ("" if unknown).
	GitVersion string
	// Entries are the requests and answers.
	Entries []Entry
}

// Recording returns the capture as a Recording named name, checked like a
// folder loaded from disk.
func (c *Capture) Recording(name string) (*Recording, error) {
	rec := &Recording{Name: name, Responses: map[Route]Response{}}
	for _, e := range c.Entries {
		route, status, ok := RouteFor(e.File)
		if !ok || status != e.Status {
			return nil, fmt.Errorf("%s: file name %s does not round-trip (status %d)", name, e.File, e.Status)
		}
		if prev, dup := rec.add(route, Response{File: e.File, Status: e.Status, Body: e.Body}); dup {
			return nil, &FileError{File: rec.file(e.File), Problem: "answers the same request as " + prev.File}
		}
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

// WriteRecording checks the capture like a loaded recording and writes it
// to dir with outdir.Write, the one writer of folders (a manifest, built
// beside dir and renamed into place, never replacing files it did not
// write): every answer under its file name, README.md and index.tsv.
func WriteRecording(ctx context.Context, dir string, c *Capture) error {
	if _, err := c.Recording(dir); err != nil {
		return err
	}
	files, err := c.files()
	if err != nil {
		return fmt.Errorf("%s: %w", dir, err)
	}
	return outdir.Write(ctx, dir, files)
}

// files returns the capture's files.
func (c *Capture) files() ([]outdir.File, error) {
	files := make([]outdir.File, 0, len(c.Entries)+2)
	for _, e := range c.Entries {
		files = append(files, outdir.File{Path: e.File, Data: e.Body})
	}
	var index, readme bytes.Buffer
	if err := c.WriteIndex(&index); err != nil {
		return nil, err
	}
	if err := c.WriteReadme(&readme); err != nil {
		return nil, err
	}
	return append(files, outdir.File{Path: IndexFile, Data: index.Bytes()}, outdir.File{Path: ReadmeFile, Data: readme.Bytes()}), nil
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
