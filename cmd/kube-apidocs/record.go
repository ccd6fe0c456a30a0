package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"k8s.io/cli-runtime/pkg/genericiooptions"

	"github.com/kube-apidocs/kube-apidocs/generator/recording"
	"github.com/kube-apidocs/kube-apidocs/generator/source"
)

// RecordOptions holds the flags of `kube-apidocs record`.
type RecordOptions struct {
	OutDir string
	// source holds --max-file-size and kubectl's connection flags.
	source *sourceOptions
	// OpenAPIV2 records /openapi/v2 too (--openapi-v2).
	OpenAPIV2 bool

	genericiooptions.IOStreams
}

// NewCmdRecord returns `kube-apidocs record`.
func NewCmdRecord(streams genericiooptions.IOStreams) *cobra.Command {
	o := &RecordOptions{source: newSourceOptions(), IOStreams: streams}
	cmd := &cobra.Command{
		Use:   "record --out DIR",
		Short: "Record a live cluster's discovery documents into a folder that --fixtures reads",
		Long: `record asks the cluster of the kubeconfig (kubectl's connection flags) for every
discovery document — /version, the legacy documents of the core group and
of every named group-version, and aggregated discovery v2 and v2beta1 —
the way client-go asks for them, then the OpenAPI documents (/openapi/v3,
every document it lists, and /openapi/v2 unless --openapi-v2=false), and
writes the raw answers, a README.md
and an index.tsv in the fixtures format. Non-200 answers (an aggregated
API whose backend is down, a discovery version the server refuses) are
kept under a ".http<code>" name. No credentials are written. The folder is
written under a temporary name and renamed when complete, with a
.kube-apidocs-manifest listing its files; an existing --out folder is
replaced only if it is empty or holds only files its manifest lists.`,
		Example: `  # Record the current context, then document it offline
  kube-apidocs record --out recordings/prod
  kube-apidocs api-resources --fixtures recordings/prod -o wide`,
		Args: cobra.NoArgs,
		RunE: runE(o),
	}
	f := cmd.Flags()
	f.StringVar(&o.OutDir, "out", "", "Folder to write the recording to (created; an earlier recording there is replaced, any other folder refused).")
	f.BoolVar(&o.OpenAPIV2, "openapi-v2", true, "Also record /openapi/v2 (JSON and protobuf), which only explain --output plaintext-openapiv2 reads; false leaves it out (a kube-apiserver with thousands of CRDs needs gigabytes of memory to build it).")
	o.source.addMaxFileSizeFlag(f)
	o.source.kube.addFlags(f)
	return cmd
}

// Complete has nothing to derive.
func (o *RecordOptions) Complete(cmd *cobra.Command, args []string) error { return nil }

// Validate checks --out and --max-file-size.
func (o *RecordOptions) Validate() error {
	if o.OutDir == "" {
		return errors.New("--out is required: the folder to write the recording to")
	}
	return o.source.validateMaxFileSize()
}

// Run fetches every discovery document and writes the recording to --out,
// warning about answers that were not 200.
func (o *RecordOptions) Run(ctx context.Context) error {
	kube := o.source.kube
	if err := kube.validate(); err != nil {
		return err
	}
	progress := kube.progress(o.ErrOut)
	capture, err := source.Fetch(ctx, kube.ConfigFlags, source.RecordOptions{MaxBodySize: o.source.MaxFileSize, Progress: progress.report, QPS: kube.QPS, Burst: kube.Burst, SkipOpenAPIV2: !o.OpenAPIV2})
	progress.finish()
	if err != nil {
		return explain(err)
	}
	if err := recording.WriteRecording(ctx, o.OutDir, capture); err != nil {
		return pathFlagError("out", err)
	}
	for _, e := range capture.Entries {
		// a server refusing one aggregated discovery version is normal
		if e.Status != 200 && !strings.HasPrefix(e.File, "aggregated_") {
			fmt.Fprintf(o.ErrOut, "warning: GET %s answered %d; kept as %s\n", e.Path, e.Status, e.File)
		}
	}
	fmt.Fprintf(o.Out, "Recorded %d documents from %s into %s\n", len(capture.Entries), capture.Server, o.OutDir)
	return nil
}
