package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
	"k8s.io/cli-runtime/pkg/genericiooptions"

	"github.com/kube-apidocs/kube-apidocs/generator/render/table"
)

// version and commit are the release and its git commit, stamped by the
// release build (.goreleaser.yaml: -ldflags "-X main.version=v0.4.0
// -X main.commit=…"); empty in other builds, which take both from the
// build information instead.
var version, commit string

// VersionInfo is what `kube-apidocs version` prints.
type VersionInfo struct {
	// Version is the release or module version: "v0.4.0", or "(devel)"
	// for a build from a checkout.
	Version string `json:"version"`
	// Commit is the git commit the binary was built from, with "-dirty"
	// when the work tree had changes; empty when unknown.
	Commit string `json:"commit,omitempty"`
	// GoVersion and Platform are the toolchain and GOOS/GOARCH.
	GoVersion string `json:"goVersion"`
	Platform  string `json:"platform"`
}

// buildVersion reads the version information of the running binary.
func buildVersion() VersionInfo {
	info := VersionInfo{Version: version, GoVersion: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	build, ok := debug.ReadBuildInfo()
	if !ok {
		info.Commit = commit
		return info
	}
	if info.Version == "" {
		info.Version = build.Main.Version
	}
	var dirty bool
	for _, s := range build.Settings {
		switch s.Key {
		case "vcs.revision":
			info.Commit = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if dirty && info.Commit != "" {
		info.Commit += "-dirty"
	}
	if commit != "" {
		info.Commit = commit
	}
	return info
}

// VersionOptions holds the flags of `kube-apidocs version`.
type VersionOptions struct {
	Output string
	genericiooptions.IOStreams
}

// NewCmdVersion returns `kube-apidocs version`.
func NewCmdVersion(streams genericiooptions.IOStreams) *cobra.Command {
	o := &VersionOptions{IOStreams: streams}
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print the version of kube-apidocs",
		Example: `  kube-apidocs version
  kube-apidocs version -o json`,
		Args: cobra.NoArgs,
		RunE: runE(o),
	}
	cmd.Flags().StringVarP(&o.Output, "output", "o", "", "Output format: json or yaml (default: one line of text).")
	return cmd
}

// Complete has nothing to derive.
func (o *VersionOptions) Complete(cmd *cobra.Command, args []string) error { return nil }

// Validate checks -o.
func (o *VersionOptions) Validate() error {
	return checkOutput(o.Output, "", "json", "yaml")
}

// Run prints the version.
func (o *VersionOptions) Run(ctx context.Context) error {
	info := buildVersion()
	switch o.Output {
	case "json":
		return table.JSON(o.Out, info)
	case "yaml":
		return table.YAML(o.Out, info)
	}
	_, err := fmt.Fprintln(o.Out, versionLine(info))
	return err
}

// versionLine is the one-line form, also what --version prints.
func versionLine(info VersionInfo) string {
	line := "kube-apidocs " + info.Version
	if info.Commit != "" {
		line += " (commit " + info.Commit + ")"
	}
	return line + " " + info.GoVersion + " " + info.Platform
}
