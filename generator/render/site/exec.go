package site

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"time"
)

// TemplateTimeoutError means the templates did not finish within
// SiteOptions.TemplateTimeout; Template names the block that was running.
type TemplateTimeoutError struct {
	Template string
	Timeout  time.Duration
}

func (e *TemplateTimeoutError) Error() string {
	return fmt.Sprintf("template %q did not finish within %s", e.Template, e.Timeout)
}

// errOverBudget is what a budgetWriter returns once the deadline passed.
var errOverBudget = errors.New("over the time budget")

// executor is what html/template and text/template sets have in common.
type executor interface {
	ExecuteTemplate(w io.Writer, name string, data any) error
}

// budget is the time left for template execution; the zero value has no
// limit.
type budget struct {
	timeout  time.Duration
	deadline time.Time
}

func newBudget(timeout time.Duration) budget {
	if timeout <= 0 {
		return budget{}
	}
	return budget{timeout: timeout, deadline: time.Now().Add(timeout)}
}

// execute runs the block name of t over data into w, within the budget.
//
// text/template cannot be interrupted, so a block stops in two ways: it
// writes into a budgetWriter, which fails every write after the deadline
// and so ends Execute at the block's next write; and it runs in a goroutine
// that execute stops waiting for at the deadline, so that a loop that never
// writes ({{range}} over a huge number with an empty body) still ends the
// build on time. Such a goroutine keeps running, unseen, until its loop
// ends or the process exits: a CLI exits right after the error, a
// long-lived caller pays with one busy goroutine.
func (b budget) execute(w *bytes.Buffer, t executor, name string, data any) error {
	if b.deadline.IsZero() {
		return t.ExecuteTemplate(w, name, data)
	}
	bw := &budgetWriter{deadline: b.deadline}
	done := make(chan error, 1)
	go func() { done <- t.ExecuteTemplate(bw, name, data) }()
	timer := time.NewTimer(time.Until(b.deadline))
	defer timer.Stop()
	select {
	case err := <-done:
		if errors.Is(err, errOverBudget) {
			return &TemplateTimeoutError{Template: name, Timeout: b.timeout}
		}
		if err != nil {
			return err
		}
		_, err = w.Write(bw.buf.Bytes())
		return err
	case <-timer.C:
		return &TemplateTimeoutError{Template: name, Timeout: b.timeout}
	}
}

// budgetWriter collects a block's output and fails once the deadline has
// passed. It reads the clock every 64 writes: templates write in small
// pieces.
type budgetWriter struct {
	buf      bytes.Buffer
	deadline time.Time
	writes   int
}

func (w *budgetWriter) Write(p []byte) (int, error) {
	w.writes++
	if w.writes%64 == 0 && time.Now().After(w.deadline) {
		return 0, errOverBudget
	}
	return w.buf.Write(p)
}
