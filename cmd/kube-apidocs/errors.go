package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/kube-apidocs/kube-apidocs/generator/recording"
	"github.com/kube-apidocs/kube-apidocs/generator/render/site"
	"github.com/kube-apidocs/kube-apidocs/generator/source"
)

// This file is the one place where the libraries' typed errors, which name
// no flag, become messages that name kube-apidocs' flags.

// connectionAdvice is the advice of a *source.ServerError in terms of
// kubectl's connection flags, for the problems a flag can fix.
var connectionAdvice = map[source.Problem]string{
	source.ProblemConnectionRefused:     "is the API server running, and do --server or the kubeconfig point at it?",
	source.ProblemCertificateNotTrusted: "pass --certificate-authority or fix certificate-authority-data in the kubeconfig",
	source.ProblemTimeout:               "raise --request-timeout or check the network",
}

// optionPrefix is what names the flag before a *site.OptionError, whose
// text names the setting in words ("front matter ...").
var optionPrefix = map[site.Option]string{
	site.OptionFormats:         "--", // "--format "x" is not available"
	site.OptionFrontMatter:     "--front-matter: ",
	site.OptionBaseURL:         "--base-url: ",
	site.OptionTemplateTimeout: "--template-timeout: ",
	site.OptionLanguage:        "--lang: ",
}

// explain adds to an error of the libraries the flag that changes its
// outcome: --max-file-size for a document or answer over the limit,
// --template-timeout for templates that took too long, the flag of a site
// option, kubectl's connection flags in a server error's advice. Other
// errors are returned unchanged.
func explain(err error) error {
	var (
		server  *source.ServerError
		file    *recording.TooLargeError
		answer  *source.TooLargeError
		timeout *site.TemplateTimeoutError
		option  *site.OptionError
	)
	switch {
	case err == nil:
		return nil
	case errors.As(err, &server):
		if advice, ok := connectionAdvice[server.Problem]; ok {
			return &explained{msg: strings.Replace(err.Error(), server.Error(), server.WithAdvice(advice), 1), err: err}
		}
	case errors.As(err, &file), errors.As(err, &answer):
		return fmt.Errorf("%w (raise it with --max-file-size)", err)
	case errors.As(err, &timeout):
		return fmt.Errorf("%w (--template-timeout)", err)
	case errors.As(err, &option):
		return fmt.Errorf("%s%w", optionPrefix[option.Option], err)
	}
	return err
}

// explained is an error with a message cmd rewrote; it unwraps to the
// library's error.
type explained struct {
	msg string
	err error
}

func (e *explained) Error() string { return e.msg }
func (e *explained) Unwrap() error { return e.err }

// flagError names the flag an error is about: "--removals: open x: ...".
func flagError(flag string, err error) error {
	return fmt.Errorf("--%s: %w", flag, err)
}

// flagValueError names the flag and its value: "--templates DIR: ...".
func flagValueError(flag, value string, err error) error {
	return fmt.Errorf("--%s %s: %w", flag, value, err)
}

// pathFlagError names the flag before an error whose text starts with the
// flag's value, a path: "DIR: ..." becomes "--out DIR: ...".
func pathFlagError(flag string, err error) error {
	return fmt.Errorf("--%s %w", flag, err)
}

// compareError names the --compare flag before an error of reading the
// recording dir: with the folder when the error names a file in it, alone
// when the error is about the recording itself and so starts with it.
func compareError(dir string, err error) error {
	var (
		file   *recording.FileError
		replay *source.RecordingError
	)
	if errors.As(err, &replay) || (errors.As(err, &file) && file.File == dir) {
		return flagError("compare", err)
	}
	return flagValueError("compare", dir, err)
}
