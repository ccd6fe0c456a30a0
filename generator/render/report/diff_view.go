package report

import (
	"fmt"
	"strings"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// diffView is an APIDiff prepared for the text, Markdown and HTML writers:
// the same sections in the same order, so the three formats agree.
type diffView struct {
	Title    string
	Old, New string
	Summary  []summaryRow
	Empty    bool
	Sections []diffSection
}

type summaryRow struct {
	Label string
	Text  string
}

type diffSection struct {
	Title string
	Items []diffItem
}

// diffItem is one line of a section: a mark (+ added, - removed, ~ moved or
// changed), the subject, an optional detail, an optional removal note and,
// for changed resources, one line per changed field.
type diffItem struct {
	Mark    string
	Subject string
	Detail  string
	Note    string
	NoteURL string
	Fields  []string
	// Page is the resource whose page the item can link to, on the side
	// Side names; nil for an item that is no resource.
	Page *pageRef
	// URL is that page's address, when the caller knows a site.
	URL string
}

// pageRef names a resource page: the side that serves it and its group
// ("" for core), version and name.
type pageRef struct {
	Side                     side
	Group, Version, Resource string
}

type side int

const (
	oldSide side = iota
	newSide
)

// onPages marks items whose subjects are resource paths ("apps/v1/deployments",
// "v1/pods"), or with sub subresource paths of them, as resources of side s.
func onPages(items []diffItem, s side, sub bool) []diffItem {
	for i := range items {
		p := items[i].Subject
		if sub {
			p = p[:max(strings.LastIndex(p, "/"), 0)]
		}
		gv, name, ok := cutLast(p)
		if !ok {
			continue
		}
		group, version, named := strings.Cut(gv, "/")
		if !named {
			group, version = "", gv
		}
		items[i].Page = &pageRef{Side: s, Group: group, Version: version, Resource: name}
	}
	return items
}

// cutLast splits p at its last slash.
func cutLast(p string) (before, after string, ok bool) {
	i := strings.LastIndex(p, "/")
	if i <= 0 {
		return "", "", false
	}
	return p[:i], p[i+1:], true
}

func newDiffView(d *model.APIDiff) diffView {
	v := diffView{
		Title: phrase("diff-title", map[string]string{"Old": sideName(d.Old), "New": sideName(d.New)}),
		Old:   sideDescription(d.Old),
		New:   sideDescription(d.New),
		Empty: d.Empty(),
	}
	v.Summary = append(diffSummary(d), fieldSummary(d)...)
	v.Sections = nonEmpty(append([]diffSection{
		{sectionTitle("groups-removed"), plainItems("-", d.Groups.Removed, groupName)},
		{sectionTitle("groups-added"), plainItems("+", d.Groups.Added, groupName)},
		{sectionTitle("group-versions-removed"), noted(d, plainItems("-", d.GroupVersions.Removed, nil))},
		{sectionTitle("group-versions-added"), plainItems("+", d.GroupVersions.Added, nil)},
		{sectionTitle("preferred-changed"), preferredItems(d.GroupVersions.PreferredChanged)},
		{sectionTitle("resources-moved"), onPages(moveItems(d), oldSide, false)},
		{sectionTitle("resources-removed"), onPages(noted(d, plainItems("-", bareRemovals(d), nil)), oldSide, false)},
		{sectionTitle("resources-added"), onPages(plainItems("+", d.Resources.Added, nil), newSide, false)},
		{sectionTitle("resources-changed"), onPages(fieldItems(d.Resources.Changed), newSide, false)},
		{sectionTitle("subresources-removed"), onPages(plainItems("-", d.Subresources.Removed, nil), oldSide, true)},
		{sectionTitle("subresources-added"), onPages(plainItems("+", d.Subresources.Added, nil), newSide, true)},
		{sectionTitle("subresources-changed"), onPages(subresourceItems(d.Subresources.Changed), newSide, true)},
		{sectionTitle("unavailable"), plainItems("?", d.Unavailable, nil)},
	}, fieldSections(d)...))
	return v
}

func sideName(s model.DiffSide) string {
	if s.Version != "" {
		return s.Version
	}
	if s.Source != "" {
		return s.Source
	}
	return word("side-unknown")
}

func sideDescription(s model.DiffSide) string {
	switch {
	case s.Version != "" && s.Source != "":
		return s.Version + " (" + s.Source + ")"
	case s.Version != "":
		return s.Version
	case s.Source != "":
		return phrase("side-no-version", s)
	}
	return word("side-unknown")
}

func diffSummary(d *model.APIDiff) []summaryRow {
	return []summaryRow{
		summary("groups", counts{Added: len(d.Groups.Added), Removed: len(d.Groups.Removed)}),
		summary("group-versions", counts{Added: len(d.GroupVersions.Added), Removed: len(d.GroupVersions.Removed),
			Preferred: len(d.GroupVersions.PreferredChanged)}),
		summary("resources", counts{Added: len(d.Resources.Added), Removed: len(d.Resources.Removed),
			Moved: len(d.Resources.Moved), Changed: countResources(d.Resources.Changed)}),
		summary("subresources", counts{Added: len(d.Subresources.Added), Removed: len(d.Subresources.Removed),
			Changed: countSubresources(d.Subresources.Changed)}),
	}
}

// counts are the figures of a summary row.
type counts struct {
	Name                                      string
	Added, Removed, Changed, Preferred, Moved int
}

// summary is the row of name: its label and the "summary" phrase of c.
func summary(name string, c counts) summaryRow {
	c.Name = name
	return summaryRow{summaryLabel(name), phrase("summary", c)}
}

func countResources(changes []model.FieldChange) int {
	return countRuns(changes, func(c model.FieldChange) string { return c.Resource })
}

func countSubresources(changes []model.SubresourceChange) int {
	return countRuns(changes, func(c model.SubresourceChange) string { return c.Subresource })
}

// countRuns counts the subjects of a sorted list of changes: the runs of
// entries with the same key.
func countRuns[T any](changes []T, key func(T) string) int {
	n, last := 0, ""
	for _, c := range changes {
		if k := key(c); k != last {
			n, last = n+1, k
		}
	}
	return n
}

func nonEmpty(sections []diffSection) []diffSection {
	var out []diffSection
	for _, s := range sections {
		if len(s.Items) > 0 {
			out = append(out, s)
		}
	}
	return out
}

func groupName(g string) string {
	if g == "" {
		return "core"
	}
	return g
}

func plainItems(mark string, subjects []string, name func(string) string) []diffItem {
	out := make([]diffItem, 0, len(subjects))
	for _, s := range subjects {
		if name != nil {
			s = name(s)
		}
		out = append(out, diffItem{Mark: mark, Subject: s})
	}
	return out
}

// noted adds the deprecation guide's note to items whose subject has one.
func noted(d *model.APIDiff, items []diffItem) []diffItem {
	for i := range items {
		if n, ok := d.Note(items[i].Subject); ok {
			items[i].Note = noteText(n)
			items[i].NoteURL = n.Source
		}
	}
	return items
}

func noteText(n model.RemovalNote) string { return phrase("removal-note", n) }

func preferredItems(changes []model.PreferredChange) []diffItem {
	out := make([]diffItem, 0, len(changes))
	for _, c := range changes {
		out = append(out, diffItem{Mark: "~", Subject: groupName(c.Group), Detail: c.Old + " → " + c.New})
	}
	return out
}

func moveItems(d *model.APIDiff) []diffItem {
	out := make([]diffItem, 0, len(d.Resources.Moved))
	for _, m := range d.Resources.Moved {
		out = append(out, diffItem{Mark: "~", Subject: m.Resource, Detail: "→ " + strings.Join(m.To, ", ") + " (" + m.Change + ")"})
	}
	return noted(d, out)
}

// bareRemovals are the removed resources that no other version serves.
func bareRemovals(d *model.APIDiff) []string {
	var out []string
	for _, r := range d.Resources.Removed {
		if _, moved := d.MoveOf(r); !moved {
			out = append(out, r)
		}
	}
	return out
}

// fieldItems lists the changes of resources' discovery fields, one item a
// resource.
func fieldItems(changes []model.FieldChange) []diffItem {
	return changeItems(changes, func(c model.FieldChange) (string, string) {
		return c.Resource, changeText(c.Field, c.Old, c.New, c.Added, c.Removed)
	})
}

// subresourceItems lists the changes of subresources, one item a
// subresource.
func subresourceItems(changes []model.SubresourceChange) []diffItem {
	return changeItems(changes, func(c model.SubresourceChange) (string, string) {
		return c.Subresource, changeText(c.Field, c.Old, c.New, c.Added, c.Removed)
	})
}

// changeItems makes one item of each run of changes to the same subject,
// with a line for each changed field; describe gives a change's subject and
// its line. The diff sorts changes by subject, so a subject has one run.
func changeItems[C any](changes []C, describe func(C) (subject, line string)) []diffItem {
	var out []diffItem
	for _, c := range changes {
		subject, line := describe(c)
		if len(out) == 0 || out[len(out)-1].Subject != subject {
			out = append(out, diffItem{Mark: "~", Subject: subject})
		}
		last := &out[len(out)-1]
		last.Fields = append(last.Fields, line)
	}
	return out
}

// changeText describes one field change: "verbs: +patch -watch" for lists,
// "kind: Old → New" otherwise.
func changeText(field string, old, new any, added, removed []string) string {
	if _, isList := old.([]string); isList {
		var parts []string
		for _, a := range added {
			parts = append(parts, "+"+a)
		}
		for _, r := range removed {
			parts = append(parts, "-"+r)
		}
		return field + ": " + strings.Join(parts, " ")
	}
	return fmt.Sprintf("%s: %v → %v", field, old, new)
}
