package source

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"
	"syscall"

	apierrors "k8s.io/apimachinery/pkg/api/errors"

	"github.com/kube-apidocs/kube-apidocs/generator/textsafe"
)

// Problem says what kind of failure stopped a conversation with a cluster.
type Problem int

// The problems ServerError distinguishes; each has its own advice.
const (
	// ProblemOther is any failure not listed below.
	ProblemOther Problem = iota
	// ProblemConnectionRefused: nothing listens at the server's address.
	ProblemConnectionRefused
	// ProblemUnreachable: the host name does not resolve or the network
	// has no route to it.
	ProblemUnreachable
	// ProblemCertificateNotTrusted: the server's TLS certificate is not
	// signed by a trusted authority or does not name the host.
	ProblemCertificateNotTrusted
	// ProblemUnauthorized: HTTP 401, the credentials are missing or were
	// rejected.
	ProblemUnauthorized
	// ProblemForbidden: HTTP 403, the user (possibly anonymous) is known
	// but RBAC does not allow the request.
	ProblemForbidden
	// ProblemTimeout: no answer within the request timeout.
	ProblemTimeout
)

// ServerError is a failure to read discovery from a cluster, classified so
// that its message tells the user what went wrong and what to change. Its
// message is one line and names the server.
type ServerError struct {
	// Server is the API server's URL, without any user information.
	Server string
	// Problem is the kind of failure.
	Problem Problem
	// User and Action are filled for ProblemForbidden from the server's
	// Status message: the user name and what was denied ("get path /apis").
	User, Action string
	// Err is the error client-go returned.
	Err error
}

// Error returns the one-line message: the server, what went wrong and
// Advice.
func (e *ServerError) Error() string { return e.WithAdvice(e.Advice()) }

// Advice says what to change, in words that name no command-line flag; ""
// for problems that have no advice beyond the message.
func (e *ServerError) Advice() string {
	switch e.Problem {
	case ProblemConnectionRefused:
		return "is the API server running, and does the kubeconfig point at it?"
	case ProblemCertificateNotTrusted:
		return "trust the server's certificate authority or fix certificate-authority-data in the kubeconfig"
	case ProblemUnauthorized:
		return "check the token or client certificate of the kubeconfig user"
	case ProblemForbidden:
		return "the credentials were accepted (or the request was anonymous) but RBAC does not allow reading discovery"
	case ProblemTimeout:
		return "raise the request timeout or check the network"
	}
	return ""
}

// WithAdvice returns the one-line message with advice in the place of
// Advice's, so that a command can name its own flags in it.
func (e *ServerError) WithAdvice(advice string) string {
	switch e.Problem {
	case ProblemConnectionRefused:
		return fmt.Sprintf("%s: connection refused: %s", e.Server, advice)
	case ProblemUnreachable:
		return fmt.Sprintf("%s: cannot reach the server: %s", e.Server, textsafe.Clean(rootCause(e.Err)))
	case ProblemCertificateNotTrusted:
		return fmt.Sprintf("%s: TLS certificate not trusted (%s): %s", e.Server, textsafe.Clean(rootCause(e.Err)), advice)
	case ProblemUnauthorized:
		return fmt.Sprintf("%s: authentication failed (401 Unauthorized): the credentials are missing or were rejected; %s", e.Server, advice)
	case ProblemForbidden:
		return fmt.Sprintf("%s: forbidden (403): %s; %s", e.Server, e.forbiddenWho(), advice)
	case ProblemTimeout:
		return fmt.Sprintf("%s: timed out waiting for the server: %s", e.Server, advice)
	}
	return fmt.Sprintf("%s: %s", e.Server, detail(e.Err))
}

func (e *ServerError) forbiddenWho() string {
	if e.User == "" {
		return detail(e.Err)
	}
	return fmt.Sprintf(`user "%s" may not %s`, textsafe.Clean(e.User), textsafe.Clean(e.Action))
}

// Unwrap returns the error client-go returned.
func (e *ServerError) Unwrap() error { return e.Err }

// forbiddenMessage matches kube-apiserver's RBAC denial, e.g.
// `forbidden: User "system:anonymous" cannot get path "/apis"`.
var forbiddenMessage = regexp.MustCompile(`User "([^"]*)" cannot (.+?)(?::|$)`)

// ClassifyError wraps err, returned while talking to server, in a
// *ServerError. A nil err stays nil; a *ServerError is returned unchanged,
// and so are a *RedirectError and a *TooLargeError, which name their URLs.
func ClassifyError(server string, err error) error {
	if err == nil {
		return nil
	}
	var (
		se       *ServerError
		redirect *RedirectError
		tooLarge *TooLargeError
	)
	switch {
	case errors.As(err, &se):
		return err
	case errors.As(err, &redirect):
		return redirect
	case errors.As(err, &tooLarge):
		return tooLarge
	}
	out := &ServerError{Server: serverName(server), Problem: problemOf(err), Err: err}
	if out.Problem == ProblemForbidden {
		if m := forbiddenMessage.FindStringSubmatch(forbiddenText(err)); m != nil {
			out.User, out.Action = m[1], strings.TrimSpace(m[2])
		}
	}
	return out
}

func problemOf(err error) Problem {
	var (
		unknownAuthority x509.UnknownAuthorityError
		hostname         x509.HostnameError
		invalid          x509.CertificateInvalidError
		verify           *tls.CertificateVerificationError
		dnsErr           *net.DNSError
	)
	switch {
	case apierrors.IsUnauthorized(err):
		return ProblemUnauthorized
	case apierrors.IsForbidden(err):
		return ProblemForbidden
	case apierrors.IsTimeout(err), apierrors.IsServerTimeout(err), isTimeout(err):
		return ProblemTimeout
	case errors.Is(err, syscall.ECONNREFUSED):
		return ProblemConnectionRefused
	case errors.As(err, &unknownAuthority), errors.As(err, &hostname), errors.As(err, &invalid), errors.As(err, &verify):
		return ProblemCertificateNotTrusted
	case errors.As(err, &dnsErr), errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		return ProblemUnreachable
	}
	return ProblemOther
}

func isTimeout(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// forbiddenText is the Status message of a 403, or the error text.
func forbiddenText(err error) string {
	var status apierrors.APIStatus
	if errors.As(err, &status) {
		return status.Status().Message
	}
	return err.Error()
}

// rootCause is the innermost error's text: "x509: certificate signed by
// unknown authority" rather than client-go's `Get "https://...": ...`.
func rootCause(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var verify *tls.CertificateVerificationError
	if errors.As(err, &verify) {
		err = verify.Err
	}
	return oneLine(err)
}

// serverName is the server URL without user information, path or query,
// so that no credential embedded in a URL reaches a message.
func serverName(server string) string {
	u, err := url.Parse(server)
	if err != nil || u.Host == "" {
		return "the API server"
	}
	return u.Scheme + "://" + u.Host
}
