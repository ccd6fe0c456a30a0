package site

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/kube-apidocs/kube-apidocs/templates"
)

// DefaultLanguage is the language of a site whose SiteOptions.Language is "".
const DefaultLanguage = "en"

// catalogDir is where the message catalogs live, in the embedded templates
// and in a --templates folder: one <language>.yaml file per language.
const catalogDir = "i18n"

// catalog is one language's messages: every sentence, label and heading
// the templates print (they call t with a key), and the terms search
// accepts for kinds in that language.
type catalog struct {
	// Lang is the language tag, for <html lang>.
	Lang string
	// Messages maps a key to its text. {1}, {2}, … stand for the
	// arguments; `x` is a code span and **x** strong text, in both formats.
	Messages map[string]string `yaml:"messages"`
	// Terms maps a kind to the words for it in this language (파드 for Pod).
	Terms map[string][]string `yaml:"terms"`
	// Bare lists the kinds whose word stands alone in running text (파드,
	// 서비스); other kinds are written with the kind after the word.
	Bare []string `yaml:"bare"`
	// NoManifest says, in this language, why a kind ("<apiVersion> <Kind>")
	// has no manifest, in place of generator/skeleton's English reason.
	NoManifest map[string]string `yaml:"noManifest"`

	// htmlText is each message escaped for HTML with its markup made HTML
	// (markupHTML), before the arguments go in: made once per catalog,
	// since the templates ask for the same messages on every page.
	htmlText map[string]string
	// plainText is each message without its markup (stripMarkup), for
	// plain's calls without arguments.
	plainText map[string]string
}

// langPattern is what a language tag may look like; it keeps a tag from
// naming anything but a catalog file.
var langPattern = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$`)

// Languages lists the languages of the embedded catalogs, sorted.
func Languages() []string {
	names, _ := fs.Glob(templates.FS, catalogDir+"/*.yaml")
	var out []string
	for _, n := range names {
		out = append(out, strings.TrimSuffix(path.Base(n), ".yaml"))
	}
	slices.Sort(out)
	return out
}

// hasCatalog reports whether the embedded templates or overrides hold the
// catalog of lang.
func hasCatalog(lang string, overrides fs.FS) bool {
	name := catalogDir + "/" + lang + ".yaml"
	if _, err := fs.Stat(templates.FS, name); err == nil {
		return true
	}
	if overrides == nil {
		return false
	}
	_, err := fs.Stat(overrides, name)
	return err == nil
}

// loadCatalog reads the catalog of lang: the embedded one, with the
// messages and terms of overrides' i18n/<lang>.yaml on top (which may also
// add a language of its own).
func loadCatalog(lang string, overrides fs.FS) (*catalog, error) {
	if lang == "" {
		lang = DefaultLanguage
	}
	if !langPattern.MatchString(lang) {
		return nil, fmt.Errorf("language %q is not a language tag such as en or ko", lang)
	}
	name := catalogDir + "/" + lang + ".yaml"
	cat := &catalog{Lang: lang, Messages: map[string]string{}, Terms: map[string][]string{}, NoManifest: map[string]string{}}
	found := false
	for _, src := range []struct {
		fsys  fs.FS
		label string
	}{{templates.FS, "embedded catalog"}, {overrides, "templates"}} {
		if src.fsys == nil {
			continue
		}
		data, err := fs.ReadFile(src.fsys, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", src.label, name, unwrapPath(err))
		}
		if err := cat.merge(data); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", src.label, name, err)
		}
		found = true
	}
	if !found {
		return nil, fmt.Errorf("language %q has no message catalog (available: %s)", lang, strings.Join(Languages(), ", "))
	}
	cat.htmlText = make(map[string]string, len(cat.Messages))
	cat.plainText = make(map[string]string, len(cat.Messages))
	for k, v := range cat.Messages {
		cat.htmlText[k] = markupHTML(messageEscaper.Replace(v))
		cat.plainText[k] = stripMarkup(v)
	}
	return cat, nil
}

// merge adds the messages and terms of a catalog file to c.
func (c *catalog) merge(data []byte) error {
	var f catalog
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return errors.New(strings.ReplaceAll(strings.TrimPrefix(err.Error(), "yaml: unmarshal errors:\n"), "\n", "; "))
	}
	for k, v := range f.Messages {
		c.Messages[k] = v
	}
	for k, v := range f.Terms {
		c.Terms[k] = v
	}
	c.Bare = append(c.Bare, f.Bare...)
	for k, v := range f.NoManifest {
		c.NoManifest[k] = v
	}
	return nil
}

// MissingMessageError is a template's call of a key the language's
// catalog does not have.
type MissingMessageError struct {
	Lang, Key string
}

func (e *MissingMessageError) Error() string {
	return fmt.Sprintf("message %q is missing from the %s catalog (%s/%s.yaml)", e.Key, e.Lang, catalogDir, e.Lang)
}

// message returns the text of key with its {n} placeholders replaced by
// arg(n), the nth argument as the caller's format writes it.
func (c *catalog) message(key string, args []any, arg func(any) string) (string, error) {
	text, ok := c.Messages[key]
	if !ok {
		return "", &MissingMessageError{Lang: c.Lang, Key: key}
	}
	return c.fill(text, args, arg), nil
}

// fill replaces the placeholders {1} … {9} of text with arg of the
// argument they number; a placeholder past the arguments stays as it is.
func (c *catalog) fill(text string, args []any, arg func(any) string) string {
	if len(args) == 0 || !strings.Contains(text, "{") {
		return text
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(text, '{')
		if i < 0 || i+2 >= len(text) {
			break
		}
		n := int(text[i+1] - '0')
		if n < 1 || n > 9 || text[i+2] != '}' {
			b.WriteString(text[:i+1])
			text = text[i+1:]
			continue
		}
		b.WriteString(text[:i])
		if n > len(args) {
			b.WriteString(text[i : i+3])
		} else {
			b.WriteString(arg(args[n-1]))
		}
		text = text[i+3:]
	}
	b.WriteString(text)
	return b.String()
}

// plain is a message as plain text (phrases, titles, the search index and
// the flashcards' data): markup is dropped, arguments inserted as they are.
func (c *catalog) plain(key string, args ...any) (string, error) {
	if text, ok := c.plainText[key]; ok && len(args) == 0 {
		return text, nil
	}
	text, err := c.message(key, args, func(a any) string { return fmt.Sprint(a) })
	return stripMarkup(text), err
}

// markdown is a message for a Markdown page: the message is Markdown
// already, and the template escapes each argument (md, code, span) before
// passing it.
func (c *catalog) markdown(key string, args ...any) (string, error) {
	return c.message(key, args, func(a any) string { return fmt.Sprint(a) })
}

// html is a message for an HTML page: its text is escaped, `x` becomes
// <code> and **x** <strong>, and each argument is escaped unless it is
// template.HTML made by one of the HTML helpers (code, link).
func (c *catalog) html(key string, args ...any) (template.HTML, error) {
	text, ok := c.htmlText[key]
	if !ok {
		return "", &MissingMessageError{Lang: c.Lang, Key: key}
	}
	out := c.fill(text, args, func(a any) string {
		if h, ok := a.(template.HTML); ok {
			return string(h)
		}
		return argEscaper.Replace(fmt.Sprint(a))
	})
	return template.HTML(out), nil // message escaped, arguments escaped or built escaped
}

var (
	// messageEscaper escapes a message's text, which the catalog's author
	// wrote: apostrophes and quotes stay readable in the page source.
	messageEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	// argEscaper escapes an argument as html/template escapes text.
	argEscaper   = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")
	codeMarkup   = regexp.MustCompile("`([^`]+)`")
	strongMarkup = regexp.MustCompile(`\*\*([^*]+)\*\*`)
)

// markupHTML turns a message's `code` and **strong** into HTML; text is
// already escaped.
func markupHTML(s string) string {
	s = codeMarkup.ReplaceAllString(s, "<code>$1</code>")
	return strongMarkup.ReplaceAllString(s, "<strong>$1</strong>")
}

// stripMarkup drops a message's ` and ** marks.
func stripMarkup(s string) string {
	return strings.ReplaceAll(codeMarkup.ReplaceAllString(s, "$1"), "**", "")
}

// htmlCode is an argument of t in HTML: a code span.
func htmlCode(s string) template.HTML {
	return template.HTML("<code>" + argEscaper.Replace(s) + "</code>")
}

// htmlLink is an argument of t in HTML: a link to one of the site's own
// paths (slugs, never a cluster's text) labelled with label.
func htmlLink(href string, label any) template.HTML {
	l, ok := label.(template.HTML)
	if !ok {
		l = template.HTML(argEscaper.Replace(fmt.Sprint(label)))
	}
	return template.HTML(`<a href="` + argEscaper.Replace(href) + `">` + string(l) + `</a>`)
}

// mdLink is an argument of t in Markdown: a link to one of the site's own
// paths; label is Markdown already.
func mdLink(href, label string) string {
	return "[" + label + "](" + href + ")"
}

// term is the word for kind in this language, "" when the catalog has none.
func (c *catalog) term(kind string) string {
	if t := c.Terms[kind]; len(t) > 0 {
		return t[0]
	}
	return ""
}

// kindName is how running text names a kind the first time: the
// language's word with the kind in parentheses (디플로이먼트(Deployment)),
// the word alone where the catalog says so (파드), else the kind.
func (c *catalog) kindName(kind string) string {
	t := c.term(kind)
	switch {
	case t == "":
		return kind
	case slices.Contains(c.Bare, kind):
		return t
	default:
		return t + "(" + kind + ")"
	}
}
