package table

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/liggitt/tabwriter"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/textsafe"
)

// Options selects and orders the rows of the api-resources table the
// way `kubectl api-resources` flags do. The zero value prints every
// resource, sorted by group then name, with headers.
type Options struct {
	// Output is "" (the default columns), "wide" or "name".
	Output string
	// SortBy is "" (group, then name), "name" or "kind".
	SortBy string
	// APIGroup, when non-nil, keeps only that group ("" is the core group).
	APIGroup *string
	// Namespaced, when non-nil, keeps only resources of that scope.
	Namespaced *bool
	// Verbs keeps resources that support every one of them.
	Verbs []string
	// Categories keeps resources that belong to every one of them.
	Categories []string
	// NoHeaders drops the header line.
	NoHeaders bool
}

// The tab writer settings of kubectl (k8s.io/cli-runtime/pkg/printers).
const (
	tabwriterMinWidth = 6
	tabwriterWidth    = 4
	tabwriterPadding  = 3
	tabwriterPadChar  = ' '
	tabwriterFlags    = tabwriter.RememberWidths
)

// Rows returns the resources `kubectl api-resources` would print for api
// with these options, in its order: the preferred version of each resource,
// resources without verbs left out, filtered, then stably sorted.
func Rows(api *model.API, opts Options) []model.ResourceRef {
	var rows []model.ResourceRef
	for _, r := range api.PreferredResources() {
		if keep(r, opts) {
			rows = append(rows, r)
		}
	}
	sort.SliceStable(rows, func(i, j int) bool { return lessRow(rows[i], rows[j], opts.SortBy) })
	return rows
}

func keep(r model.ResourceRef, opts Options) bool {
	switch {
	case len(r.Resource.Verbs) == 0:
		return false
	case opts.APIGroup != nil && *opts.APIGroup != r.Group:
		return false
	case opts.Namespaced != nil && *opts.Namespaced != r.Resource.Namespaced:
		return false
	case !containsAll(r.Resource.Verbs, opts.Verbs):
		return false
	case !containsAll(r.Resource.Categories, opts.Categories):
		return false
	}
	return true
}

func containsAll(have, want []string) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

// lessRow is kubectl's ordering: by the sort column, then by resource name.
func lessRow(a, b model.ResourceRef, sortBy string) bool {
	var x, y string
	switch sortBy {
	case "name":
		x, y = a.Resource.Name, b.Resource.Name
	case "kind":
		x, y = a.Resource.Kind, b.Resource.Kind
	default:
		x, y = a.Group, b.Group
	}
	if x != y {
		return x < y
	}
	return a.Resource.Name < b.Resource.Name
}

// Resources writes the api-resources table exactly as `kubectl api-resources`
// prints it, trailing spaces included. The tab writer writes each cell on
// its own; a buffer in between turns them into a few large writes (27,000
// write calls for a 1,000-CRD table otherwise, BENCHMARKS.md).
func Resources(w io.Writer, api *model.API, opts Options) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	tw := tabwriter.NewWriter(bw, tabwriterMinWidth, tabwriterWidth, tabwriterPadding, tabwriterPadChar, tabwriterFlags)
	if !opts.NoHeaders && opts.Output != "name" {
		columns := []string{"NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"}
		if opts.Output == "wide" {
			columns = append(columns, "VERBS", "CATEGORIES")
		}
		fmt.Fprintf(tw, "%s\n", strings.Join(columns, "\t"))
	}
	for _, r := range Rows(api, opts) {
		fmt.Fprint(tw, tableLine(r, opts.Output))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return bw.Flush()
}

func tableLine(r model.ResourceRef, output string) string {
	res := r.Resource
	name := textsafe.Clean(res.Name)
	switch output {
	case "name":
		if r.Group == "" {
			return name + "\n"
		}
		return name + "." + textsafe.Clean(r.Group) + "\n"
	case "wide":
		return fmt.Sprintf("%s\t%s\t%s\t%v\t%s\t%s\t%s\n", name, cell(res.ShortNames), textsafe.Clean(r.APIVersion()),
			res.Namespaced, textsafe.Clean(res.Kind), cell(res.Verbs), cell(res.Categories))
	}
	return fmt.Sprintf("%s\t%s\t%s\t%v\t%s\n", name, cell(res.ShortNames), textsafe.Clean(r.APIVersion()), res.Namespaced, textsafe.Clean(res.Kind))
}

// cell joins a list column the way kubectl does, with commas, each value
// cleaned so that a tab, a line break or a terminal escape cannot reach
// the tab writer or the terminal.
func cell(values []string) string {
	return textsafe.Clean(strings.Join(values, ","))
}

// Versions writes every served group-version, one a line, sorted, as
// `kubectl api-versions` prints them.
func Versions(w io.Writer, groupVersions []string) error {
	for _, gv := range groupVersions {
		if _, err := fmt.Fprintln(w, textsafe.Clean(gv)); err != nil {
			return err
		}
	}
	return nil
}
