package site

import (
	htmltemplate "html/template"
	"strings"
	"unicode/utf8"
)

// templateSets are the parsed templates of one Site call, both formats,
// with the t function of the language's catalog.
type templateSets struct {
	cat  *catalog
	html *htmltemplate.Template
	md   markdownTemplates
}

// parseSets loads the catalog of opts.Language and parses the HTML and
// Markdown templates (embedded, then opts.Templates) over it.
func parseSets(opts SiteOptions) (templateSets, error) {
	cat, err := loadCatalog(opts.Language, opts.Templates)
	if err != nil {
		return templateSets{}, err
	}
	h, err := parseHTML(opts.Templates, cat)
	if err != nil {
		return templateSets{}, err
	}
	md, err := parseMarkdown(opts.Templates, cat)
	if err != nil {
		return templateSets{}, err
	}
	return templateSets{cat: cat, html: h, md: md}, nil
}

// htmlFuncs are the catalog's functions in HTML templates: t prints a
// message (escaped; arguments made by code and link keep their markup),
// code makes a code span and link a link to a path of the site, to pass to
// t; kindname names a kind in running text (디플로이먼트(Deployment)).
func (c *catalog) htmlFuncs() htmltemplate.FuncMap {
	return htmltemplate.FuncMap{
		"t":         c.html,
		"stability": c.stability,
		"code":      htmlCode,
		"pathcode":  htmlPathCode,
		"link":      htmlLink,
		"kindname":  c.kindName,
		"lang":      func() string { return c.Lang },
		"topic":     topic,
	}
}

// markdownFuncs are the catalog's functions in Markdown and plain-text
// templates: t prints a message as it is (the template escapes each
// argument first), mdlink makes a Markdown link to pass to t (its target
// from link), plain a
// message without its markup (phrases), kindname as in HTML.
func (c *catalog) markdownFuncs() map[string]any {
	return map[string]any{
		"t":         c.markdown,
		"stability": c.stability,
		"plain":     c.plain,
		"mdlink":    mdLink,
		"kindname":  c.kindName,
		"lang":      func() string { return c.Lang },
		"topic":     topic,
	}
}

// stability names an API stability level (alpha, beta, stable) in the
// catalog's words.
func (c *catalog) stability(level string) (string, error) {
	return c.plain("stability." + level)
}

// topic appends the Korean topic particle to word: 은 after a final
// consonant, 는 after a vowel, 은(는) after a word that is not Hangul. A
// word that ends in parentheses (디플로이먼트(Deployment)) takes the
// particle of the word before them.
func topic(word string) string {
	base := word
	if strings.HasSuffix(base, ")") {
		if i := strings.LastIndex(base, "("); i > 0 {
			base = base[:i]
		}
	}
	r, _ := utf8.DecodeLastRuneInString(base)
	switch {
	case r < 0xAC00 || r > 0xD7A3:
		return word + "은(는)"
	case (r-0xAC00)%28 != 0:
		return word + "은"
	default:
		return word + "는"
	}
}

// htmlPathCode is an argument of t in HTML: a path made by BreakPath, as
// a code span of class path.
func htmlPathCode(p htmltemplate.HTML) htmltemplate.HTML {
	return `<code class="path">` + p + `</code>`
}
