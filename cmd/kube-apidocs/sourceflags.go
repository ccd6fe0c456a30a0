package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/kube-apidocs/kube-apidocs/fixtures"
	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/recording"
	"github.com/kube-apidocs/kube-apidocs/generator/source"
	"github.com/kube-apidocs/kube-apidocs/generator/textsafe"
)

// builtinFixtures is the --fixtures value that selects the embedded recording.
const builtinFixtures = "builtin"

// sourceOptions are the flags every command that reads an API surface shares:
// a recording (--fixtures) or a live cluster (kubectl's connection flags).
type sourceOptions struct {
	Fixtures    string
	Legacy      bool
	Strict      bool
	MaxFileSize int64
	kube        *clusterOptions
}

func newSourceOptions() *sourceOptions {
	return &sourceOptions{kube: newClusterOptions(), MaxFileSize: recording.DefaultMaxFileSize}
}

func (o *sourceOptions) addFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.Fixtures, "fixtures", "", `Read a recording instead of a cluster: a folder of discovery documents, or "builtin" for the bundled `+fixtures.BuiltinName+` recording.`)
	fs.BoolVar(&o.Legacy, "legacy-discovery", false, "Use legacy discovery (one request per group-version) even when aggregated discovery is offered.")
	fs.BoolVar(&o.Strict, "strict", false, "Exit 1 when discovery could not deliver some group-versions (they are always named on stderr).")
	fs.Int64Var(&o.MaxFileSize, "max-file-size", o.MaxFileSize, "Refuse recorded documents, and answers from a live cluster, larger than this many bytes.")
	o.kube.addFlags(fs)
}

// name says where the API surface comes from, for a version matrix column:
// the --fixtures value, or the kubeconfig context.
func (o *sourceOptions) name() string {
	if o.Fixtures != "" {
		return o.Fixtures
	}
	if o.kube.Context != nil && *o.kube.Context != "" {
		return "context " + *o.kube.Context
	}
	return "the current context"
}

// recording loads the recording --fixtures names and warns on errOut
// about what it read without refusing (see recording.Recording.Warnings).
func (o *sourceOptions) recording(errOut io.Writer) (*recording.Recording, error) {
	opts := recording.LoadOptions{MaxFileSize: o.MaxFileSize}
	var rec *recording.Recording
	var err error
	if o.Fixtures == builtinFixtures {
		rec, err = recording.Load(fixtures.Builtin(), "builtin:"+fixtures.BuiltinName, opts)
	} else {
		rec, err = recording.LoadDir(o.Fixtures, opts)
	}
	if err != nil {
		return nil, withMaxFileSizeHint(err)
	}
	for _, w := range rec.Warnings {
		fmt.Fprintf(errOut, "warning: %s\n", textsafe.Clean(w.Error()))
	}
	return rec, nil
}

// withMaxFileSizeHint tells how to accept a file or answer over the size
// limit.
func withMaxFileSizeHint(err error) error {
	var file *recording.TooLargeError
	var answer *source.TooLargeError
	if errors.As(err, &file) || errors.As(err, &answer) {
		return fmt.Errorf("%w (raise it with --max-file-size)", err)
	}
	return err
}

// load builds the model from the recording or the live cluster and warns on
// errOut about group-versions discovery could not deliver. Commands render
// what arrived and then call strictError.
func (o *sourceOptions) load(errOut io.Writer) (*model.API, error) {
	if o.MaxFileSize <= 0 {
		return nil, fmt.Errorf("--max-file-size must be a positive number of bytes, got %d", o.MaxFileSize)
	}
	api, err := o.discover(errOut)
	if err != nil {
		return nil, err
	}
	warnUnavailable(api, errOut)
	return api, nil
}

func (o *sourceOptions) discover(errOut io.Writer) (*model.API, error) {
	opts := source.DiscoverOptions{Legacy: o.Legacy, MaxBodySize: o.MaxFileSize}
	if o.Fixtures != "" {
		rec, err := o.recording(errOut)
		if err != nil {
			return nil, err
		}
		return source.FromRecording(rec, opts)
	}
	cfg, err := o.kube.restConfig()
	if err != nil {
		return nil, err
	}
	progress := o.kube.progress(errOut)
	opts.Progress = progress.report
	defer progress.finish()
	api, err := source.Discover(cfg, opts)
	return api, withMaxFileSizeHint(err)
}

func warnUnavailable(api *model.API, errOut io.Writer) {
	for _, u := range api.Unavailable {
		fmt.Fprintf(errOut, "warning: %s is unavailable: %s\n", textsafe.Clean(u.GroupVersion()), u.Reason)
	}
	for _, s := range api.Shortened {
		fmt.Fprintln(errOut, shortenedWarning(s))
	}
}

// shortenedWarning is the warning for text the model cut or left out.
func shortenedWarning(s model.Shortened) string {
	where := textsafe.Clean(s.GroupVersion)
	if s.Resource != "" {
		where += " " + textsafe.Clean(s.Resource)
	}
	if s.Dropped {
		return fmt.Sprintf("warning: %s: left out: its %s is %d bytes, more than the %d a Kubernetes name can have", where, s.Field, s.Length, model.MaxTextLength)
	}
	limit := model.MaxTextLength
	if s.Field == "reason" {
		limit = model.MaxReasonLength
	}
	return fmt.Sprintf("warning: %s: %s cut from %d bytes to %d", where, s.Field, s.Length, limit)
}

// strictError is the error --strict turns unavailable group-versions into;
// nil without --strict or when discovery delivered everything.
func (o *sourceOptions) strictError(api *model.API) error {
	if !o.Strict || len(api.Unavailable) == 0 {
		return nil
	}
	names := make([]string, 0, len(api.Unavailable))
	for _, u := range api.Unavailable {
		names = append(names, u.GroupVersion())
	}
	return fmt.Errorf("--strict: discovery could not deliver %s", strings.Join(names, ", "))
}
