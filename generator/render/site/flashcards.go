package site

import (
	"slices"
	"strings"
)

// flashcardsView is the flashcards page: every card, in a fixed order
// (the page shuffles them), and the localStorage key of its "again" pile.
type flashcardsView struct {
	Cards      []card
	StorageKey string
}

// card is one multiple-choice question. The page receives it as JSON.
type card struct {
	ID       string   `json:"id"`
	Question string   `json:"q"`
	Options  []string `json:"o"`
	// Answer is the index of the right option.
	Answer int `json:"a"`
	// Path is the page that explains the answer, relative to the root.
	Path string `json:"p"`
}

// distractors is how many wrong options a card offers at most.
const distractors = 3

// maxEnumCards bounds the cards about allowed values.
const maxEnumCards = 40

// buildFlashcards makes the cards of the site from the kubectl
// api-resources rows and the fields of the kinds in cheatKinds: short
// name → resource, kind → apiVersion, namespaced or not, which group,
// which verbs, required fields and allowed values. The same site gives the
// same cards; wrong options are picked by a hash of the card, not at
// random.
func buildFlashcards(s *siteView) (*flashcardsView, error) {
	b := cardBuilder{cat: s.cat}
	var names, versions, groups []string
	for _, r := range s.Rows {
		names, versions, groups = append(names, r.Name), append(versions, r.APIVersion), append(groups, groupName(r.Group))
	}
	namePool, versionPool, groupPool := newOptionPool(names), newOptionPool(versions), newOptionPool(groups)
	for _, r := range s.Rows {
		for _, short := range splitNonEmpty(r.ShortNames) {
			b.choice("short:"+short, r.Path, r.Name, namePool, "cards.short", short)
		}
		b.choice("apiversion:"+r.Path, r.Path, r.APIVersion, versionPool, "cards.apiversion", r.Kind)
		b.yesNo("namespaced:"+r.Path, r.Path, r.Namespaced == "true", "cards.namespaced", r.Kind)
		b.choice("group:"+r.Path, r.Path, groupName(r.Group), groupPool, "cards.group", r.Kind)
		verb, has := askedVerb(r)
		b.yesNo("verb:"+r.Path+":"+verb, r.Path, has, "cards.verb", r.Kind, verb)
	}
	b.fieldCards(s)
	if b.err != nil {
		return nil, b.err
	}
	slices.SortFunc(b.cards, func(x, y card) int { return strings.Compare(x.ID, y.ID) })
	return &flashcardsView{Cards: b.cards, StorageKey: "kube-apidocs-again:" + s.Server}, nil
}

// cardBuilder collects cards; the first catalog error is kept.
type cardBuilder struct {
	cat   *catalog
	cards []card
	enums int
	err   error
}

// question is the text of a catalog message, the first error kept.
func (b *cardBuilder) question(key string, args ...any) string {
	q, err := b.cat.plain(key, args...)
	if err != nil && b.err == nil {
		b.err = err
	}
	return q
}

// choice adds a card whose answer is right, with wrong options from pool.
func (b *cardBuilder) choice(id, path, right string, pool optionPool, key string, args ...any) {
	wrong := pool.pickWrong(id, right)
	if len(wrong) == 0 {
		return
	}
	options := append([]string{right}, wrong...)
	slices.Sort(options)
	b.cards = append(b.cards, card{ID: id, Question: b.question(key, args...), Options: options, Answer: slices.Index(options, right), Path: path})
}

// yesNo adds a card answered with the catalog's yes or no.
func (b *cardBuilder) yesNo(id, path string, yes bool, key string, args ...any) {
	options := []string{b.question("cards.yes"), b.question("cards.no")}
	answer := 1
	if yes {
		answer = 0
	}
	b.cards = append(b.cards, card{ID: id, Question: b.question(key, args...), Options: options, Answer: answer, Path: path})
}

// fieldCards asks, for each kind of cheatKinds with fields, which of four
// fields is required and which value one field allows.
func (b *cardBuilder) fieldCards(s *siteView) {
	var enumValues []string
	for _, name := range cheatKinds {
		if r := preferredResource(s, name); r != nil && r.Fields != nil {
			walkFields(r.Fields.Fields, func(f fieldView) { enumValues = append(enumValues, f.Enum...) })
		}
	}
	for _, name := range cheatKinds {
		r := preferredResource(s, name)
		if r == nil || r.Fields == nil {
			continue
		}
		var required, optional []string
		walkRequired(r.Fields.Fields, 0, true, func(f fieldView, chain bool) {
			if strings.Count(f.Path, ".") > 2 || strings.HasPrefix(f.Path, "status") || strings.HasPrefix(f.Path, "metadata") ||
				f.Path == "apiVersion" || f.Path == "kind" {
				return
			}
			if chain {
				required = append(required, f.Path)
			} else {
				optional = append(optional, f.Path)
			}
			if len(f.Enum) > 0 && b.enums < maxEnumCards {
				b.enums++
				right := f.Enum[int(hash64(f.Path)%uint64(len(f.Enum)))]
				b.choice("enum:"+r.Path+":"+f.Path, r.Path, right, newOptionPool(without(enumValues, f.Enum)), "cards.enum", r.Kind, f.Path)
			}
		})
		optionalPool := newOptionPool(optional)
		for _, p := range required {
			b.choice("required:"+r.Path+":"+p, r.Path, p, optionalPool, "cards.required", r.Kind)
		}
	}
}

// walkRequired calls fn for every field of the tree, parents first, with
// whether the field must be set whenever its top-level field is: it is
// required and so is every parent below the top level (spec.containers.name
// of a Pod, not spec.azureDisk.diskURI of a PersistentVolume).
func walkRequired(fields []fieldView, depth int, parents bool, fn func(fieldView, bool)) {
	for _, f := range fields {
		chain := parents && f.Required
		fn(f, chain)
		walkRequired(f.Fields, depth+1, chain || depth == 0, fn)
	}
}

// askedVerb is the verb a card asks about for r: the first of notesVerbs
// that r lacks (the answer is no), else one it has, chosen by r's path.
func askedVerb(r rowView) (string, bool) {
	for _, v := range notesVerbs {
		if !slices.Contains(r.VerbList, v) {
			return v, false
		}
	}
	return notesVerbs[int(hash64(r.Path)%uint64(len(notesVerbs)))], true
}

// optionPool is where a card's wrong options come from: values sorted,
// each once, without empty ones.
type optionPool []string

func newOptionPool(values []string) optionPool {
	var out []string
	for _, v := range values {
		if v != "" && v != `""` {
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// pickWrong returns up to distractors distinct values of the pool other
// than right, starting at a place in the pool without right that the
// card's id picks.
func (pool optionPool) pickWrong(id, right string) []string {
	n := len(pool)
	skip, found := slices.BinarySearch(pool, right)
	if found {
		n--
	}
	at := func(i int) string { // the i-th value other than right
		if found && i >= skip {
			return pool[i+1]
		}
		return pool[i]
	}
	if n <= distractors {
		out := make([]string, n)
		for i := range out {
			out[i] = at(i)
		}
		return out
	}
	start := int(hash64(id) % uint64(n))
	out := make([]string, 0, distractors)
	for i := 0; i < distractors; i++ {
		out = append(out, at((start+i*n/distractors)%n))
	}
	return out
}

// without returns the values of all that are not in some.
func without(all, some []string) []string {
	var out []string
	for _, v := range all {
		if !slices.Contains(some, v) {
			out = append(out, v)
		}
	}
	return out
}

func splitNonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}
