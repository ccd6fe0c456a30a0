//go:build e2e

package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// whatToType is one resource page's "What to type" section, as the
// Markdown page writes it: the commands, the role and the can-i checks.
type whatToType struct {
	commands, role, canI []string
}

// TestWhatToTypeAgainstTheServer generates the live site and, for a
// namespaced and a cluster-scoped resource, a non-preferred version and
// one with kubectl's generator, applies the page's RBAC role, binds it to
// a user and requires every kubectl auth can-i line of the page to answer
// yes as that user (and a verb the role does not grant, no); the
// commands that only read (kubectl get of the list) and the generator
// (--dry-run=client) run and succeed.
func TestWhatToTypeAgainstTheServer(t *testing.T) {
	site := generateSite(t, true, "--format", "markdown")
	user := "e2e-what-to-type"
	for _, b := range [][]string{
		{"create", "rolebinding", "e2e-what-to-type", "--role=example", "--user=" + user, "-n", "default"},
		{"create", "clusterrolebinding", "e2e-what-to-type", "--clusterrole=example", "--user=" + user},
	} {
		if got := kc(t, b...); got.code != 0 {
			t.Fatalf("kubectl %v: %v", b, got)
		}
	}
	t.Cleanup(func() {
		kc(t, "delete", "rolebinding", "e2e-what-to-type", "-n", "default", "--ignore-not-found")
		kc(t, "delete", "clusterrolebinding", "e2e-what-to-type", "--ignore-not-found")
		kc(t, "delete", "role", "example", "-n", "default", "--ignore-not-found")
		kc(t, "delete", "clusterrole", "example", "--ignore-not-found")
	})
	for _, page := range []string{
		"resources/apps/v1/deployments.md", "resources/core/v1/pods.md", "resources/core/v1/serviceaccounts.md",
		"resources/batch/v1/cronjobs.md", "resources/autoscaling/v1/horizontalpodautoscalers.md",
		"resources/rbac.authorization.k8s.io/v1/clusterroles.md", "resources/core/v1/namespaces.md",
	} {
		t.Run(page, func(t *testing.T) {
			w := readWhatToType(t, filepath.Join(site, filepath.FromSlash(page)))
			checkRole(t, w, user)
			checkReadCommands(t, w)
		})
	}
}

// checkRole applies the page's role and runs its can-i lines as user.
func checkRole(t *testing.T, w whatToType, user string) {
	t.Helper()
	role := filepath.Join(t.TempDir(), "role.yaml")
	if err := os.WriteFile(role, []byte(strings.Join(w.role, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := kc(t, "apply", "-f", role); got.code != 0 {
		t.Fatalf("kubectl apply the page's role: %v\n%s", got, strings.Join(w.role, "\n"))
	}
	if len(w.canI) < 2 {
		t.Fatalf("only %d can-i lines", len(w.canI))
	}
	for _, line := range w.canI {
		got := kcLine(t, line, "--as", user, "-n", "default")
		if strings.TrimSpace(got.stdout) != "yes" {
			t.Errorf("%s --as %s: %q %v, want yes", line, user, got.stdout, got)
		}
	}
	if got := kc(t, "auth", "can-i", "impersonate", "users", "--as", user); !strings.HasPrefix(got.stdout, "no") { // "no", or "no - RBAC: …" while the other role is missing
		t.Errorf("can-i impersonate users --as %s: %q, want no (the role grants only the page's verbs)", user, got.stdout)
	}
}

// checkReadCommands runs the page's list command and its generator.
func checkReadCommands(t *testing.T, w whatToType) {
	t.Helper()
	ran := 0
	for _, line := range w.commands {
		fields := strings.Fields(line)
		list := len(fields) == 3 && fields[1] == "get"
		if !list && !strings.Contains(line, "--dry-run=client") {
			continue
		}
		if got := kcLine(t, line); got.code != 0 {
			t.Errorf("%s: %v", line, got)
		}
		ran++
	}
	if ran == 0 {
		t.Error("no command of the page ran")
	}
}

// kcLine runs one command line of a page (kubectl and its arguments, as a
// POSIX shell reads them) against the live cluster, with extra arguments.
func kcLine(t *testing.T, line string, extra ...string) result {
	t.Helper()
	rest, ok := strings.CutPrefix(line, "kubectl ")
	if !ok {
		t.Fatalf("not a kubectl command: %s", line)
	}
	script := `exec "$0" "$@" ` + rest
	args := append([]string{"-c", script, kubectl, "--kubeconfig", live.kubeconfig, "--cache-dir", t.TempDir()}, extra...)
	return run(t, nil, "sh", args...)
}

// readWhatToType cuts the three fenced blocks of the "What to type"
// section out of a Markdown resource page; comment lines are dropped.
func readWhatToType(t *testing.T, page string) whatToType {
	t.Helper()
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(data), "## What to type\n")
	if !ok {
		t.Fatalf("%s has no What to type section", page)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	blocks := fencedBlocks(section)
	if len(blocks) != 3 {
		t.Fatalf("%s: %d fenced blocks in What to type, want 3 (commands, role, can-i)", page, len(blocks))
	}
	return whatToType{commands: blocks[0], role: blocks[1], canI: blocks[2]}
}

// fencedBlocks returns the lines of each ``` block of md, without the
// shell comments.
func fencedBlocks(md string) [][]string {
	var out [][]string
	var cur []string
	in := false
	for _, l := range strings.Split(md, "\n") {
		switch {
		case strings.HasPrefix(l, "```") && !in:
			in, cur = true, nil
		case strings.HasPrefix(l, "```"):
			in = false
			out = append(out, cur)
		case in && !strings.HasPrefix(l, "# "):
			cur = append(cur, l)
		}
	}
	return out
}
