package main

import (
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

// sourceOptions are the flags that choose and read an API surface: a
// recording (--fixtures) or a live cluster (kubectl's connection flags). Each
// flag is declared once, here; a command adds the ones it takes.
type sourceOptions struct {
	Fixtures    string
	Legacy      bool
	Strict      bool
	MaxFileSize int64
	kube        *clusterOptions
	// openAPI loads a recording's OpenAPI documents too (serve, explain,
	// and the field trees); lazyOpenAPI reads each only when asked for.
	openAPI, lazyOpenAPI bool
	// rec is the recording discover read, for its OpenAPI documents; nil
	// unless openAPI is set.
	rec *recording.Recording
}

func newSourceOptions() *sourceOptions {
	return &sourceOptions{kube: newClusterOptions(), MaxFileSize: recording.DefaultMaxFileSize}
}

// addFlags adds every source flag: what api-resources, api-versions and
// generate take.
func (o *sourceOptions) addFlags(fs *pflag.FlagSet) {
	o.addFixturesFlag(fs)
	o.addLegacyFlag(fs)
	o.addStrictFlag(fs)
	o.addMaxFileSizeFlag(fs)
	o.kube.addFlags(fs)
}

func (o *sourceOptions) addFixturesFlag(fs *pflag.FlagSet) {
	fs.StringVar(&o.Fixtures, "fixtures", "", `Read a recording instead of a cluster: a folder of discovery documents, or "builtin" for the bundled `+fixtures.BuiltinName+` recording.`)
}

func (o *sourceOptions) addLegacyFlag(fs *pflag.FlagSet) {
	fs.BoolVar(&o.Legacy, "legacy-discovery", false, "Use legacy discovery (one request per group-version) even when aggregated discovery is offered.")
}

func (o *sourceOptions) addStrictFlag(fs *pflag.FlagSet) {
	fs.BoolVar(&o.Strict, "strict", false, "Exit 1 when discovery could not deliver some group-versions (they are always named on stderr).")
}

func (o *sourceOptions) addMaxFileSizeFlag(fs *pflag.FlagSet) {
	fs.Int64Var(&o.MaxFileSize, "max-file-size", o.MaxFileSize, "Refuse recorded documents, and answers from a live cluster, larger than this many bytes.")
}

// validateMaxFileSize checks --max-file-size.
func (o *sourceOptions) validateMaxFileSize() error {
	if o.MaxFileSize <= 0 {
		return fmt.Errorf("--max-file-size must be a positive number of bytes, got %d", o.MaxFileSize)
	}
	return nil
}

// forFields makes a recording's load ready for openAPIDocuments when on
// (the field trees: generate, diff and matrix with --fields): the OpenAPI
// v3 group-version documents are read when asked for, and the others
// (/openapi/v2 above all: at 1,000 CRDs, about 120 MiB of peak memory and
// a quarter of a second to check) not at all, as a live cluster's are never fetched.
func (o *sourceOptions) forFields(on bool) {
	o.openAPI, o.lazyOpenAPI = on, on
}

// withFixtures is a copy of o that reads the recording dir.
func (o *sourceOptions) withFixtures(dir string) *sourceOptions {
	c := *o
	c.Fixtures = dir
	return &c
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
	opts := recording.LoadOptions{MaxFileSize: o.MaxFileSize, OpenAPI: o.openAPI, LazyOpenAPI: o.lazyOpenAPI}
	var rec *recording.Recording
	var err error
	if o.Fixtures == builtinFixtures {
		rec, err = recording.Load(fixtures.Builtin(), "builtin:"+fixtures.BuiltinName, opts)
	} else {
		rec, err = recording.LoadDir(o.Fixtures, opts)
	}
	if err != nil {
		return nil, explain(err)
	}
	for _, w := range rec.Warnings {
		fmt.Fprintf(errOut, "warning: %s\n", textsafe.Clean(w.Error()))
	}
	return rec, nil
}

// load builds the model from the recording or the live cluster and warns on
// errOut about group-versions discovery could not deliver. Commands render
// what arrived and then call strictError.
func (o *sourceOptions) load(errOut io.Writer) (*model.API, error) {
	if err := o.validateMaxFileSize(); err != nil {
		return nil, err
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
		if o.openAPI {
			// kept for openAPIDocuments; otherwise the documents and their
			// decoded values go as soon as the model is built, not at the
			// end of the command (generate renders for most of its run)
			o.rec = rec
		}
		return source.FromRecording(rec, opts)
	}
	if err := o.kube.validate(); err != nil {
		return nil, err
	}
	opts.QPS, opts.Burst = o.kube.QPS, o.kube.Burst
	progress := o.kube.progress(errOut)
	opts.Progress = progress.report
	defer progress.finish()
	api, err := source.Discover(o.kube.ConfigFlags, opts)
	if err != nil && !o.kube.configured() {
		return nil, fmt.Errorf("%w (no kubeconfig was found: set KUBECONFIG, pass --kubeconfig or --server, or read the bundled recording with --fixtures builtin)", explain(err))
	}
	return api, explain(err)
}

// openAPIDocuments returns the OpenAPI v3 group-version documents of the
// source load read (keyed "api/v1", "apis/apps/v1"), each with a function
// that reads it when called: a recording's, checked against its index, or
// the live cluster's; nil for a recording without them. Call it after
// load, once: the source forgets the recording, whose documents are read
// from then on by the functions alone (each holds what it read only until
// its caller lets go of it).
func (o *sourceOptions) openAPIDocuments() (map[string]func() ([]byte, error), error) {
	var docs map[string]func() ([]byte, error)
	if o.Fixtures != "" {
		if o.rec == nil {
			return nil, nil
		}
		docs = o.rec.OpenAPIV3DocumentReaders()
		o.rec = nil
	} else {
		var err error
		if docs, err = source.OpenAPIV3Documents(o.kube.ConfigFlags, o.MaxFileSize); err != nil {
			return nil, explain(err)
		}
	}
	for p, read := range docs {
		docs[p] = func() ([]byte, error) {
			raw, err := read()
			return raw, explain(err)
		}
	}
	return docs, nil
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

// checkOutput checks an -o/--output value against the formats a command
// prints ("" allowed when it is among them, and not listed).
func checkOutput(output string, formats ...string) error {
	var named []string
	for _, f := range formats {
		if output == f {
			return nil
		}
		if f != "" {
			named = append(named, f)
		}
	}
	return fmt.Errorf("--output %s is not available (use one of: %s)", output, strings.Join(named, ", "))
}

// checkRecordingNames refuses an empty name among values, each a recording
// folder or "builtin": "diff: argument 2 is empty: ...".
func checkRecordingNames(where, noun string, values []string) error {
	for i, v := range values {
		if strings.TrimSpace(v) == "" {
			return fmt.Errorf("%s: %s %d is empty: name a recording folder or %q", where, noun, i+1, builtinFixtures)
		}
	}
	return nil
}
