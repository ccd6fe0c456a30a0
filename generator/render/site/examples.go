package site

import (
	"slices"
	"strings"
)

// proxyURL is where `kubectl proxy` listens by default.
const proxyURL = "http://127.0.0.1:8001"

// examples returns the command-line examples of a resource page: the
// request the resource is most often used with, once with curl through
// `kubectl proxy` and once with `kubectl get --raw` (or create --raw).
func examples(r *resourceView) []exampleView {
	switch {
	case slices.Contains(r.Verbs, "list"):
		p := concrete(r.Paths.Collection)
		title := "List the " + r.Name
		if strings.Contains(r.Paths.Collection, "{namespace}") {
			title += " in namespace default"
		}
		return []exampleView{{Title: title, Commands: listCommands(p)}}
	case slices.Contains(r.Verbs, "get"):
		p := concrete(r.Paths.Item)
		return []exampleView{{Title: "Read the object named example", Commands: listCommands(p)}}
	case slices.Contains(r.Verbs, "create"):
		p := concrete(r.Paths.Collection)
		return []exampleView{{Title: "Send a " + r.Kind + " (the answer holds the result)", Commands: createCommands(p)}}
	}
	return nil
}

func listCommands(p string) string {
	return "kubectl proxy --port=8001 &\n" +
		"curl " + shellQuote(proxyURL+p) + "\n\n" +
		"# the same request through kubectl's own connection\n" +
		"kubectl get --raw " + shellQuote(p) + "\n"
}

func createCommands(p string) string {
	return "kubectl proxy --port=8001 &\n" +
		"curl -X POST -H 'Content-Type: application/yaml' --data-binary @body.yaml " + shellQuote(proxyURL+p) + "\n\n" +
		"# the same request through kubectl's own connection\n" +
		"kubectl create --raw " + shellQuote(p) + " -f body.yaml\n"
}

// concrete fills a path template with the example namespace and name.
func concrete(p string) string {
	return strings.NewReplacer("{namespace}", "default", "{name}", "example").Replace(p)
}

// shellQuote quotes s for a POSIX shell unless it holds only characters
// that need no quoting.
func shellQuote(s string) string {
	safe := true
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/:._-=", r)) {
			safe = false
			break
		}
	}
	if safe && s != "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
