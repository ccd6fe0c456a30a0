package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/spf13/cobra"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	utilerrors "k8s.io/apimachinery/pkg/util/errors"
	"k8s.io/cli-runtime/pkg/genericiooptions"

	"github.com/kube-apidocs/kube-apidocs/generator/source"
)

// ExplainOptions holds the flags of `kube-apidocs explain`.
type ExplainOptions struct {
	source     *sourceOptions
	Recursive  bool
	APIVersion string
	Output     string
	resource   string
	genericiooptions.IOStreams
}

// NewCmdExplain returns `kube-apidocs explain`.
func NewCmdExplain(streams genericiooptions.IOStreams) *cobra.Command {
	o := &ExplainOptions{source: newSourceOptions(), Output: source.ExplainPlaintext, IOStreams: streams}
	o.source.openAPI, o.source.lazyOpenAPI = true, true
	cmd := &cobra.Command{
		Use:   "explain TYPE[.FIELD...] [--recursive] [--api-version GROUP/VERSION] [--output plaintext|plaintext-openapiv2]",
		Short: "Describe a resource's fields like kubectl explain, from a recording or a cluster",
		Long: `explain prints what kubectl explain (1.33) prints, byte for byte: the
description of a resource or of one of its fields, from the cluster's own
OpenAPI documents. With --fixtures it reads them from a recording that holds
them (record saves them; the builtin recording has them), offline; otherwise
it asks the cluster of the kubeconfig, as kubectl does. TYPE is resolved as
kubectl resolves it: plural, singular, kind or short name, in discovery's
order, with kubectl's warning for an ambiguous short name.`,
		Example: `  # The fields of a Deployment's pod template, offline
  kube-apidocs explain deploy.spec.template.spec --fixtures builtin

  # Every field of a CRD kind in a recording
  kube-apidocs explain widgets --recursive --fixtures fixtures/v1.33.13-crds`,
		RunE: runE(o),
	}
	f := cmd.Flags()
	f.BoolVar(&o.Recursive, "recursive", false, "Print the fields of fields (Currently only 1 level deep)")
	f.StringVar(&o.APIVersion, "api-version", "", "Get different explanations for particular API version (API group/version)")
	f.StringVarP(&o.Output, "output", "o", o.Output, "Format in which to render the schema (plaintext, plaintext-openapiv2)")
	o.source.addFixturesFlag(f)
	o.source.addMaxFileSizeFlag(f)
	o.source.kube.addFlags(f)
	return cmd
}

// Complete takes the one argument, with kubectl's messages for none or more.
func (o *ExplainOptions) Complete(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return errors.New(`You must specify the type of resource to explain. Use "kube-apidocs api-resources" for a complete list of supported resources.`)
	}
	if len(args) > 1 {
		return errors.New("We accept only this format: explain RESOURCE")
	}
	o.resource = args[0]
	return nil
}

// Validate checks --max-file-size; --output is checked as kubectl checks
// it, by the explain code.
func (o *ExplainOptions) Validate() error { return o.source.validateMaxFileSize() }

// Run prints the explanation, or the error as kubectl prints it.
func (o *ExplainOptions) Run(ctx context.Context) error {
	resource, s := o.resource, o.IOStreams
	opts := source.ExplainOptions{
		Recursive: o.Recursive, APIVersion: o.APIVersion, Output: o.Output, MaxBodySize: o.source.MaxFileSize,
		Warn: func(message string) { fmt.Fprintf(s.ErrOut, "Warning: %s\n", message) },
	}
	var err error
	if o.source.Fixtures != "" {
		rec, loadErr := o.source.recording(s.ErrOut)
		if loadErr != nil {
			return loadErr
		}
		err = source.ExplainRecording(rec, s.Out, resource, opts)
		if errors.Is(err, source.ErrNoOpenAPI) {
			return fmt.Errorf("--fixtures %s: %w; record it again with kube-apidocs record to explain its types", o.source.Fixtures, err)
		}
	} else {
		err = source.Explain(o.source.kube.ConfigFlags, s.Out, resource, opts)
	}
	if err != nil {
		fmt.Fprint(s.ErrOut, withNewline(kubectlMessage(err)))
		return &printedError{code: 1, err: err}
	}
	return nil
}

// printedError is an error the command has already printed the way kubectl
// prints it; main only exits with its code.
type printedError struct {
	code int
	err  error
}

func (e *printedError) Error() string { return e.err.Error() }
func (e *printedError) Unwrap() error { return e.err }

func withNewline(s string) string {
	if strings.HasSuffix(s, "\n") {
		return s
	}
	return s + "\n"
}

// kubectlMessage is the line kubectl's cmdutil.CheckErr prints for err
// (k8s.io/kubectl/pkg/cmd/util/helpers.go, v0.33.13), for the errors
// explain can return.
func kubectlMessage(err error) string {
	var agg utilerrors.Aggregate
	if errors.As(err, &agg) && len(agg.Errors()) == 1 {
		err = agg.Errors()[0]
	}
	var noMatch *meta.NoResourceMatchError
	switch {
	case errors.As(err, &noMatch):
		return noResourceMessage(noMatch)
	case errors.As(err, &agg):
		var b strings.Builder
		for _, e := range agg.Errors() {
			msg, ok := standardErrorMessage(e)
			if !ok {
				msg = e.Error()
			}
			fmt.Fprintf(&b, "%s\n", msg)
		}
		return b.String()
	}
	if msg, ok := standardErrorMessage(err); ok {
		return msg
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "error: ") {
		msg = "error: " + msg
	}
	return msg
}

func noResourceMessage(err *meta.NoResourceMatchError) string {
	r := err.PartialResource
	switch {
	case r.Group != "" && r.Version != "":
		return fmt.Sprintf("the server doesn't have a resource type %q in group %q and version %q", r.Resource, r.Group, r.Version)
	case r.Group != "":
		return fmt.Sprintf("the server doesn't have a resource type %q in group %q", r.Resource, r.Group)
	case r.Version != "":
		return fmt.Sprintf("the server doesn't have a resource type %q in version %q", r.Resource, r.Version)
	}
	return fmt.Sprintf("the server doesn't have a resource type %q", r.Resource)
}

// standardErrorMessage is kubectl's StandardErrorMessage: the wording of
// a Status from the server and of a connection failure.
func standardErrorMessage(err error) (string, bool) {
	var status apierrors.APIStatus
	if errors.As(err, &status) && err == status.(error) {
		switch s := status.Status(); {
		case s.Reason == metav1.StatusReasonUnauthorized:
			return fmt.Sprintf("error: You must be logged in to the server (%s)", s.Message), true
		case len(s.Reason) > 0:
			return fmt.Sprintf("Error from server (%s): %s", s.Reason, err.Error()), true
		default:
			return fmt.Sprintf("Error from server: %s", err.Error()), true
		}
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) && err == error(urlErr) {
		if strings.Contains(urlErr.Err.Error(), "connection refused") {
			host := urlErr.URL
			if server, perr := url.Parse(urlErr.URL); perr == nil {
				host = server.Host
			}
			return fmt.Sprintf("The connection to the server %s was refused - did you specify the right host or port?", host), true
		}
		return fmt.Sprintf("Unable to connect to the server: %v", urlErr.Err), true
	}
	return "", false
}
