package site

import (
	"bytes"
	"fmt"
	"text/template"
)

// phrases executes the plain-text blocks of phrases.md.tmpl (site-title,
// page-title, example-title, example-commands, endpoint-note, tree-note)
// while the view is built, so that the sentences live in templates and the
// view carries their text. The first failure is kept in err and every
// later call returns "".
type phrases struct {
	set    *template.Template
	budget budget
	memo   map[any]string
	err    error
}

func newPhrases(set *template.Template, b budget) *phrases {
	return &phrases{set: set, budget: b, memo: map[any]string{}}
}

// fork returns phrases for a goroutine of its own: the same templates,
// a fork of the budget, a memo of its own, p's error.
func (p *phrases) fork() *phrases {
	return &phrases{set: p.set, budget: p.budget.fork(), memo: map[any]string{}, err: p.err}
}

// text returns the output of block over data.
func (p *phrases) text(block string, data any) string {
	if p.err != nil {
		return ""
	}
	var b bytes.Buffer
	if err := p.budget.execute(&b, p.set, "phrase "+block, block, data); err != nil {
		p.err = fmt.Errorf("phrase %s: %w", block, err)
		return ""
	}
	return b.String()
}

// cached is text for data that repeats (a comparable value): each
// distinct data is executed once.
func (p *phrases) cached(block string, data any) string {
	key := struct {
		block string
		data  any
	}{block, data}
	if s, ok := p.memo[key]; ok {
		return s
	}
	s := p.text(block, data)
	p.memo[key] = s
	return s
}

// pageTitleData is what page-title receives.
type pageTitleData struct {
	Page, Site, Name, APIVersion string
}

// exampleData is what example-title and example-commands receive.
type exampleData struct {
	Verb, Name, Kind string
	Namespaced       bool
	URL, Path        string
}

// endpointNoteData is what endpoint-note receives.
type endpointNoteData struct {
	RESTless, Watch, AllNamespaces bool
}
