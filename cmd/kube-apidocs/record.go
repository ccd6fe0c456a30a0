package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kube-apidocs/kube-apidocs/generator/recording"
	"github.com/kube-apidocs/kube-apidocs/generator/source"
)

// recordOptions holds the flags of `kube-apidocs record`.
type recordOptions struct {
	Out         string
	MaxFileSize int64
	cluster     *clusterOptions
}

func newRecordCommand(s streams) *cobra.Command {
	o := &recordOptions{cluster: newClusterOptions(), MaxFileSize: recording.DefaultMaxFileSize}
	cmd := &cobra.Command{
		Use:   "record --out DIR",
		Short: "Record a live cluster's discovery documents into a folder that --fixtures reads",
		Long: `record asks the cluster of the kubeconfig (kubectl's connection flags) for every
discovery document — /version, the legacy documents of the core group and
of every named group-version, and aggregated discovery v2 and v2beta1 —
the way client-go asks for them, and writes the raw answers, a README.md
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
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.Out == "" {
				return errors.New("--out is required: the folder to write the recording to")
			}
			if o.MaxFileSize <= 0 {
				return fmt.Errorf("--max-file-size must be a positive number of bytes, got %d", o.MaxFileSize)
			}
			return o.run(cmd.Context(), s)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Out, "out", "", "Folder to write the recording to (created; an earlier recording there is replaced, any other folder refused).")
	f.Int64Var(&o.MaxFileSize, "max-file-size", o.MaxFileSize, "Refuse answers larger than this many bytes.")
	o.cluster.addFlags(f)
	return cmd
}

func (o *recordOptions) run(ctx context.Context, s streams) error {
	cfg, err := o.cluster.restConfig()
	if err != nil {
		return err
	}
	progress := o.cluster.progress(s.ErrOut)
	capture, err := source.Fetch(ctx, cfg, source.RecordOptions{MaxBodySize: o.MaxFileSize, Progress: progress.report})
	progress.finish()
	if err != nil {
		return withMaxFileSizeHint(err)
	}
	if err := recording.WriteRecording(ctx, o.Out, capture); err != nil {
		return fmt.Errorf("--out %w", err)
	}
	for _, e := range capture.Entries {
		// a server refusing one aggregated discovery version is normal
		if e.Status != 200 && !strings.HasPrefix(e.File, "aggregated_") {
			fmt.Fprintf(s.ErrOut, "warning: GET %s answered %d; kept as %s\n", e.Path, e.Status, e.File)
		}
	}
	fmt.Fprintf(s.Out, "Recorded %d documents from %s into %s\n", len(capture.Entries), capture.Server, o.Out)
	return nil
}
