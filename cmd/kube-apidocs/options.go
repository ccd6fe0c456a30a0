package main

import (
	"context"

	"github.com/spf13/cobra"
)

// options is the shape of every command, kubectl's (apiresources.go): one
// Options struct per command holding a field per flag and the IO streams;
// Complete fills what the flags and arguments leave to derive, Validate
// checks them, Run does the work and writes only to the streams.
type options interface {
	Complete(cmd *cobra.Command, args []string) error
	Validate() error
	Run(ctx context.Context) error
}

// runE is the cobra RunE of a command with Options o.
func runE(o options) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		if err := o.Complete(cmd, args); err != nil {
			return err
		}
		if err := o.Validate(); err != nil {
			return err
		}
		return o.Run(cmd.Context())
	}
}
