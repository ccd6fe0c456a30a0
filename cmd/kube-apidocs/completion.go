package main

import (
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"k8s.io/client-go/tools/clientcmd"

	"github.com/kube-apidocs/kube-apidocs/generator/render/site"
)

// flagValues are the values shell completion offers for flags that take
// one of a fixed set, per command; "" means every command with the flag.
var flagValues = map[string]map[string][]string{
	"api-resources": {"output": {"wide", "name", "json", "yaml"}, "sort-by": {"name", "kind"}},
	"diff":          {"output": {"text", "markdown", "html", "json", "yaml"}, "fail-on": {"removed", "changed", "deprecated", "any"}},
	"matrix":        {"output": {"text", "markdown", "json", "yaml"}},
	"generate":      {"format": {"html", "markdown"}, "front-matter": {"none", "hugo", "mkdocs", "docusaurus"}, "lang": site.Languages()},
	"version":       {"output": {"json", "yaml"}},
}

// registerCompletions adds shell completion of flag values to every
// subcommand of root: the fixed sets of flagValues, and --context and
// --cluster from the kubeconfig the command would read.
func registerCompletions(root *cobra.Command) {
	for _, cmd := range root.Commands() {
		for flag, values := range flagValues[cmd.Name()] {
			_ = cmd.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
		}
		for _, flag := range []string{"context", "old-context", "new-context", "cluster"} {
			if cmd.Flags().Lookup(flag) != nil {
				_ = cmd.RegisterFlagCompletionFunc(flag, kubeconfigNames(flag == "cluster"))
			}
		}
	}
}

// kubeconfigNames completes the context (or cluster) names of the
// kubeconfig the command would load: --kubeconfig, else KUBECONFIG, else
// ~/.kube/config.
func kubeconfigNames(clusters bool) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		rules := clientcmd.NewDefaultClientConfigLoadingRules()
		if f := cmd.Flags().Lookup("kubeconfig"); f != nil && f.Value.String() != "" {
			rules.ExplicitPath = f.Value.String()
		}
		cfg, err := rules.Load()
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var names []string
		if clusters {
			for name := range cfg.Clusters {
				names = append(names, name)
			}
		} else {
			for name := range cfg.Contexts {
				names = append(names, name)
			}
		}
		return matching(names, toComplete), cobra.ShellCompDirectiveNoFileComp
	}
}

// completeAPIGroups completes --api-group with the groups of the source the
// command's other flags name (a recording, or the cluster).
func completeAPIGroups(src *sourceOptions) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		api, err := src.load(io.Discard)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var names []string
		for _, g := range api.Groups {
			names = append(names, g.Name)
		}
		return matching(names, toComplete), cobra.ShellCompDirectiveNoFileComp
	}
}

// matching returns the names that start with prefix, sorted.
func matching(names []string, prefix string) []string {
	var out []string
	for _, n := range names {
		if strings.HasPrefix(n, prefix) {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

// pluginName is the name kube-apidocs goes by when kubectl runs it as the
// plugin kubectl-apidocs: help and errors then say "kubectl apidocs".
func pluginName(argv0 string) (string, bool) {
	base := strings.TrimSuffix(filepath.Base(argv0), ".exe")
	if rest, ok := strings.CutPrefix(base, "kubectl-"); ok && rest != "" {
		return "kubectl " + strings.ReplaceAll(rest, "_", "-"), true
	}
	return "", false
}
