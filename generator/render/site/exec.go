package site

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// TemplateTimeoutError means the templates did not finish within
// SiteOptions.TemplateTimeout; Template names the block kube-apidocs was
// executing (a page block, "layout" or a phrase), which may have called the
// one that loops.
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

// budget is the time template execution has for one Site call; the zero
// value has no limit.
//
// text/template cannot be interrupted, so a looping block is stopped in
// two ways. Every block writes through a budgetWriter, which fails every
// write after the deadline and so ends Execute at the block's next write.
// And Site runs the whole build in a goroutine that it stops waiting for
// at the deadline, so that a loop that never writes ({{range}} over a huge
// number with an empty body) still ends Site on time; that goroutine then
// runs on, unseen, until its loop ends or the process exits — a CLI exits
// right after the error, a long-lived caller pays with one busy goroutine.
//
// Templates that run at the same time (the formats) each execute within a
// fork of the budget: the same deadline, a running block of their own.
type budget struct {
	timeout  time.Duration
	deadline time.Time
	running  *atomic.Pointer[runningBlock] // what this fork executes now, for the error
	forks    *forks
}

// forks are the running blocks of every fork of one budget.
type forks struct {
	mu      sync.Mutex
	running []*atomic.Pointer[runningBlock]
}

// runningBlock is a block executing now, where its output goes ("page
// index.html", the prefix its errors carry) and since when.
type runningBlock struct {
	where, name string
	since       time.Time
}

func newBudget(timeout time.Duration) budget {
	b := budget{timeout: timeout, deadline: time.Now().Add(timeout), forks: &forks{}}
	return b.fork()
}

// fork is b for templates that execute beside those of b.
func (b budget) fork() budget {
	if b.deadline.IsZero() {
		return b
	}
	b.running = &atomic.Pointer[runningBlock]{}
	b.forks.mu.Lock()
	b.forks.running = append(b.forks.running, b.running)
	b.forks.mu.Unlock()
	return b
}

// execute runs the block name of t over data into w, within the budget;
// where says what the output is for ("page index.html").
func (b budget) execute(w io.Writer, t executor, where, name string, data any) error {
	if b.deadline.IsZero() {
		return t.ExecuteTemplate(w, name, data)
	}
	r := &runningBlock{where: where, name: name, since: time.Now()}
	b.running.Store(r)
	err := t.ExecuteTemplate(&budgetWriter{w: w, deadline: b.deadline}, name, data)
	if err == nil { // a block that failed stays the one to name
		b.running.CompareAndSwap(r, nil)
	}
	if errors.Is(err, errOverBudget) {
		return &TemplateTimeoutError{Template: name, Timeout: b.timeout}
	}
	return err
}

// expired is the error of a build still running at the deadline. It names
// the block that has been running longest: of blocks running side by side,
// the one that does not end.
func (b budget) expired() error {
	var r *runningBlock
	b.forks.mu.Lock()
	for _, p := range b.forks.running {
		if x := p.Load(); x != nil && (r == nil || x.since.Before(r.since)) {
			r = x
		}
	}
	b.forks.mu.Unlock()
	if r == nil {
		return &TemplateTimeoutError{Timeout: b.timeout}
	}
	return fmt.Errorf("%s: %w", r.where, &TemplateTimeoutError{Template: r.name, Timeout: b.timeout})
}

// budgetWriter passes a block's output on and fails once the deadline has
// passed. It reads the clock every 64 writes: templates write in small
// pieces.
type budgetWriter struct {
	w        io.Writer
	deadline time.Time
	writes   int
}

func (w *budgetWriter) Write(p []byte) (int, error) {
	w.writes++
	if w.writes%64 == 0 && time.Now().After(w.deadline) {
		return 0, errOverBudget
	}
	return w.w.Write(p)
}

// scratchBuffers are the buffers pages render into. A page's bytes are
// copied out at their exact size and the buffer goes back for the next
// page: a fresh bytes.Buffer per page doubled its way up to the page's
// size, and those doublings were 29 % of the bytes generate allocated.
var scratchBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxScratch is the largest buffer kept for reuse; a bigger page (the
// flashcards' data, a huge field tree) keeps its buffer to itself.
const maxScratch = 1 << 20

// withScratch calls fill with an empty buffer from scratchBuffers, which it
// takes back afterwards: what fill returns must not hold the buffer's bytes.
func withScratch[T any](fill func(*bytes.Buffer) (T, error)) (T, error) {
	b := scratchBuffers.Get().(*bytes.Buffer)
	defer func() {
		if b.Cap() <= maxScratch {
			b.Reset()
			scratchBuffers.Put(b)
		}
	}()
	return fill(b)
}
