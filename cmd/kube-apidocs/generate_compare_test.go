package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"
)

// comparedFixtures returns the recordings compared with v1.33.13: v1.29.6
// and every other plain release recording under fixtures/ (not the -crds
// variant), so newer recordings join the test as they are added.
func comparedFixtures(t *testing.T) []string {
	t.Helper()
	dirs, err := filepath.Glob("../../fixtures/v*")
	if err != nil {
		t.Fatal(err)
	}
	release := regexp.MustCompile(`^v\d+\.\d+\.\d+$`)
	var out []string
	for _, d := range dirs {
		if name := filepath.Base(d); release.MatchString(name) && name != "v1.33.13" {
			out = append(out, d)
		}
	}
	if !slices.Contains(out, "../../fixtures/v1.29.6") {
		t.Fatalf("fixtures/v1.29.6 missing from %v", out)
	}
	return out
}

// matrixPageRow is one row of versions.html as a reader sees it.
type matrixPageRow struct {
	Group, Resource, Since string
	// Cells hold, per column, the versions listed and the one in bold.
	Cells []matrixPageCell
}

type matrixPageCell struct {
	Versions []string
	Bold     []string
}

// TestGenerateCompare generates the site of v1.33.13 compared with the older
// recordings and checks the versions page against the recordings' own
// documents: every served group/resource is a row, every cell lists exactly
// the versions its recording serves, the bold one is what that release's
// kubectl api-resources printed, and known facts hold. Resource pages say
// since when they are served, and every relative link resolves.
func TestGenerateCompare(t *testing.T) {
	t.Parallel()
	compared := comparedFixtures(t)
	out := filepath.Join(t.TempDir(), "site")
	args := []string{"--fixtures", "../../fixtures/v1.33.13", "--out", out}
	for _, c := range compared {
		args = append(args, "--compare", c)
	}
	runGenerate(t, args...)

	all := append([]string{"../../fixtures/v1.33.13"}, compared...)
	labels := releaseOrder(t, all)
	header, rows := readMatrixPage(t, filepath.Join(out, "versions.html"))
	if want := append([]string{"Group", "Resource", "Since"}, labels...); !slices.Equal(header, want) {
		t.Fatalf("versions.html columns %v, want %v", header, want)
	}
	checkMatrixAgainstRecordings(t, all, labels, rows)
	checkMatrixFacts(t, labels, rows)
	checkServedSincePages(t, out, labels)
	checkResourcePages(t, out, loadFixture(t, "../../fixtures/v1.33.13"), ".html")
	checkLinks(t, out)
	for _, p := range []string{"index.html", "groups/apps.html", "concepts.html"} {
		if !strings.Contains(readText(t, filepath.Join(out, p)), `versions.html">Versions</a>`) {
			t.Errorf("%s: the navigation lacks the versions page", p)
		}
	}
	if !strings.Contains(readText(t, filepath.Join(out, "index.md")), "| Versions compared | ["+strings.Join(labels, ", ")+"](versions.md)") {
		t.Error("index.md does not link the versions page")
	}
}

// releaseOrder returns the gitVersions of the recordings, oldest first,
// read from each version.json.
func releaseOrder(t *testing.T, dirs []string) []string {
	t.Helper()
	var out []string
	for _, d := range dirs {
		out = append(out, loadFixture(t, d).Server.GitVersion)
	}
	slices.SortFunc(out, func(a, b string) int { return slices.Compare(releaseKey(t, a), releaseKey(t, b)) })
	return out
}

func releaseKey(t *testing.T, v string) []int {
	var key []int
	for _, p := range strings.Split(strings.TrimPrefix(v, "v"), ".") {
		n, err := strconv.Atoi(p)
		if err != nil {
			t.Fatalf("version %q: %v", v, err)
		}
		key = append(key, n)
	}
	return key
}

// readMatrixPage parses the table of versions.html: the header cells and
// each row's cells, keyed by group/resource.
func readMatrixPage(t *testing.T, p string) ([]string, map[string]matrixPageRow) {
	t.Helper()
	var header []string
	var table [][]matrixPageCell
	var cell *matrixPageCell
	var text strings.Builder
	bold := false
	z := xhtml.NewTokenizer(bytes.NewReader(pageHTML(t, p)))
	for tt := z.Next(); tt != xhtml.ErrorToken; tt = z.Next() {
		name, _ := z.TagName()
		switch {
		case tt == xhtml.StartTagToken && string(name) == "tr":
			table = append(table, nil)
		case tt == xhtml.StartTagToken && (string(name) == "td" || string(name) == "th"):
			cell = &matrixPageCell{}
			text.Reset()
		case tt == xhtml.StartTagToken && string(name) == "strong":
			bold = true
		case tt == xhtml.EndTagToken && string(name) == "strong":
			bold = false
		case tt == xhtml.TextToken && cell != nil:
			s := string(z.Text()) // Text consumes the token's text: read it once
			text.WriteString(s)
			if bold {
				cell.Bold = append(cell.Bold, s)
			}
		case tt == xhtml.EndTagToken && (string(name) == "td" || string(name) == "th"):
			cell.Versions = splitCell(text.String())
			table[len(table)-1] = append(table[len(table)-1], *cell)
			cell = nil
		}
	}
	rows := map[string]matrixPageRow{}
	for i, r := range table {
		if i == 0 {
			for _, c := range r {
				header = append(header, strings.Join(c.Versions, ", "))
			}
			continue
		}
		row := matrixPageRow{Group: strings.Join(r[0].Versions, ""), Resource: strings.Join(r[1].Versions, ""), Since: strings.Join(r[2].Versions, ""), Cells: r[3:]}
		rows[row.Group+"/"+row.Resource] = row
	}
	return header, rows
}

// splitCell turns "v1, v1beta3" into its versions and "—" into none.
func splitCell(s string) []string {
	s = strings.TrimSpace(s)
	if s == "—" || s == "" {
		return nil
	}
	return strings.Split(s, ", ")
}

// checkMatrixAgainstRecordings rebuilds each cell from the recordings with
// a few lines over the model (not the matrix code) and from the kubectl
// api-resources output each recording holds, and compares.
func checkMatrixAgainstRecordings(t *testing.T, dirs, labels []string, rows map[string]matrixPageRow) {
	t.Helper()
	want := map[string][][]string{} // group/resource -> per column the serving versions
	for _, d := range dirs {
		api := loadFixture(t, d)
		col := slices.Index(labels, api.Server.GitVersion)
		shown := kubectlShown(t, filepath.Join(d, "kubectl_api-resources.txt"))
		for _, ref := range api.AllResources() {
			key := groupLabel(ref.Group) + "/" + ref.Resource.Name
			if want[key] == nil {
				want[key] = make([][]string, len(labels))
			}
			want[key][col] = append(want[key][col], ref.Version)
		}
		for key, version := range shown {
			if row, ok := rows[key]; !ok || !slices.Equal(row.Cells[col].Bold, []string{version}) {
				t.Errorf("%s in %s: bold %v, kubectl api-resources shows %s", key, labels[col], rows[key].Cells, version)
			}
		}
	}
	if len(rows) != len(want) {
		t.Errorf("versions.html has %d rows, the recordings serve %d group/resources", len(rows), len(want))
	}
	for key, cols := range want {
		row, ok := rows[key]
		if !ok {
			t.Errorf("versions.html has no row %s", key)
			continue
		}
		for i, versions := range cols {
			if !slices.Equal(row.Cells[i].Versions, versions) {
				t.Errorf("%s in %s: cell %v, the recording serves %v", key, labels[i], row.Cells[i].Versions, versions)
			}
		}
		first := slices.IndexFunc(cols, func(v []string) bool { return len(v) > 0 })
		if row.Since != labels[first] {
			t.Errorf("%s: since %s, want %s", key, row.Since, labels[first])
		}
	}
}

func groupLabel(g string) string {
	if g == "" {
		return "core"
	}
	return g
}

// kubectlShown reads kubectl api-resources output: group/resource -> the
// version kubectl printed for it.
func kubectlShown(t *testing.T, p string) map[string]string {
	t.Helper()
	lines := strings.Split(strings.TrimRight(readText(t, p), "\n"), "\n")
	start, end := strings.Index(lines[0], "APIVERSION"), strings.Index(lines[0], "NAMESPACED")
	out := map[string]string{}
	for _, l := range lines[1:] {
		name := strings.Fields(l)[0]
		apiVersion := strings.TrimSpace(l[start:end])
		group, version, found := strings.Cut(apiVersion, "/")
		if !found {
			group, version = "", apiVersion
		}
		out[groupLabel(group)+"/"+name] = version
	}
	return out
}

// checkMatrixFacts pins what the release notes say about these releases.
func checkMatrixFacts(t *testing.T, labels []string, rows map[string]matrixPageRow) {
	t.Helper()
	for i, label := range labels {
		minor := releaseKey(t, label)[1]
		fs := rows["flowcontrol.apiserver.k8s.io/flowschemas"].Cells[i].Versions
		if slices.Contains(fs, "v1beta3") != (minor < 32) {
			t.Errorf("flowschemas in %s: %v; v1beta3 is served up to 1.31 only", label, fs)
		}
	}
	if !slices.Contains(rows["flowcontrol.apiserver.k8s.io/flowschemas"].Cells[0].Versions, "v1beta3") {
		t.Error("flowschemas v1beta3 is not in the v1.29.6 column")
	}
	for key, since := range map[string]string{
		"networking.k8s.io/ipaddresses":                            "v1.33.13",
		"networking.k8s.io/servicecidrs":                           "v1.33.13",
		"admissionregistration.k8s.io/validatingadmissionpolicies": labelFrom(t, labels, 30),
		"apps/deployments":                                         labels[0],
		"core/pods":                                                labels[0],
	} {
		if got := rows[key].Since; got != since {
			t.Errorf("%s: since %q, want %q", key, got, since)
		}
	}
}

// labelFrom returns the first compared version of minor release minor or
// later.
func labelFrom(t *testing.T, labels []string, minor int) string {
	for _, l := range labels {
		if releaseKey(t, l)[1] >= minor {
			return l
		}
	}
	return ""
}

// checkServedSincePages reads the served-since line of a few resource
// pages in both formats.
func checkServedSincePages(t *testing.T, out string, labels []string) {
	t.Helper()
	compared := strings.Join(labels, ", ")
	pages := map[string]string{
		"resources/apps/v1/deployments":                         labels[0],
		"resources/networking.k8s.io/v1/ipaddresses":            "v1.33.13",
		"resources/flowcontrol.apiserver.k8s.io/v1/flowschemas": labels[0],
	}
	for page, since := range pages {
		html := readText(t, filepath.Join(out, page+".html"))
		if want := "Served since <code>" + since + "</code> (of the versions compared: " + compared + ")"; !strings.Contains(html, want) {
			t.Errorf("%s.html lacks %q", page, want)
		}
		md := readText(t, filepath.Join(out, page+".md"))
		if want := "Served since `" + since + "` (of the versions compared: " + compared + ")"; !strings.Contains(md, want) {
			t.Errorf("%s.md lacks %q", page, want)
		}
	}
}

// TestGenerateCompareErrors pins the errors of bad --compare values and
// the config file's compare key, which flags override.
func TestGenerateCompareErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing")
	empty := filepath.Join(dir, "empty")
	if err := os.MkdirAll(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--compare", missing}, "--compare: " + missing + ": no such folder"},
		{[]string{"--compare", empty}, "--compare: " + empty + ": no discovery documents"},
		{[]string{"--compare", "builtin", "--compare", " "}, `--compare: value 2 is empty: name a recording folder or "builtin"`},
	}
	for _, tc := range tests {
		args := append([]string{"generate", "--fixtures", "builtin", "--out", filepath.Join(dir, "site"), "--fields=false"}, tc.args...)
		_, _, err := execute(args...)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%v: error %v, want prefix %q", tc.args, err, tc.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "site")); err == nil {
		t.Error("a failed run wrote the site")
	}

	fixtures, err := filepath.Abs("../../fixtures/v1.29.6")
	if err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "kube-apidocs.yaml")
	writeText(t, cfg, "out: site\nsource:\n  fixtures: builtin\ncompare:\n  - missing\n")
	if _, _, err := execute("generate", "--config", cfg, "--fields=false"); err == nil || !strings.HasPrefix(err.Error(), "--compare: "+missing+": no such folder") {
		t.Errorf("config compare: error %v, want it to name %s, resolved next to the file", err, missing)
	}
	runGenerate(t, "--config", cfg, "--compare", fixtures)
	if !strings.Contains(readText(t, filepath.Join(dir, "site", "versions.md")), "v1.29.6, v1.33.13") {
		t.Error("--compare did not override the config file's compare")
	}
}

// TestGenerateCompareHostile compares the hostile recording with the
// bundled one, each way round: its labels and names reach every page's
// served-since table and the versions page, and must stay inert.
func TestGenerateCompareHostile(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"--fixtures", "testdata/hostile", "--compare", "builtin"},
		{"--fixtures", "builtin", "--compare", "testdata/hostile"},
	} {
		out := filepath.Join(t.TempDir(), "site")
		runGenerate(t, append(args, "--out", out)...)
		filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			checkNoInvisible(t, p)
			if strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".md") {
				checkInert(t, out, p)
			}
			return nil
		})
		checkLinks(t, out)
		if !strings.Contains(readText(t, filepath.Join(out, "versions.html")), "v1.33.0&lt;script&gt;") {
			t.Errorf("%v: versions.html lacks the hostile version, escaped", args)
		}
	}
}

// TestGenerateCompareLive reads the main source from a live server (client-go
// over HTTP, replaying v1.33.13) and compares it with v1.29.6: the site is
// the same, byte for byte, as when the main source is the folder.
func TestGenerateCompareLive(t *testing.T) {
	t.Parallel()
	fx := "../../fixtures/v1.33.13"
	kubeconfig := startServe(t, fx)
	offline := filepath.Join(t.TempDir(), "site")
	live := filepath.Join(t.TempDir(), "site")
	runGenerate(t, "--fixtures", fx, "--compare", "../../fixtures/v1.29.6", "--out", offline)
	runGenerate(t, "--kubeconfig", kubeconfig, "--compare", "../../fixtures/v1.29.6", "--out", live)
	a, b := readTree(t, offline), readTree(t, live)
	if _, ok := a["versions.html"]; !ok || len(a) != len(b) {
		t.Fatalf("%d files from the folder, %d from the live server (versions.html: %v)", len(a), len(b), ok)
	}
	for name, data := range a {
		if !bytes.Equal(b[name], data) {
			t.Errorf("%s differs between the folder and the live server", name)
		}
	}
}
