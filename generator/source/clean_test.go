package source

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/rest"
)

const rbacAdvice = "; the credentials were accepted (or the request was anonymous) but RBAC does not allow reading discovery"

// TestErrorLinesEscapeServerText pins the error line for answers whose
// text would, printed raw, move the cursor, recolor or erase the terminal,
// or break the line; and for a Status without a message, which used to end
// the line in nothing.
func TestErrorLinesEscapeServerText(t *testing.T) {
	tests := []struct {
		name    string
		handler http.Handler
		legacy  bool
		want    string // with SERVER for the server's URL
	}{{
		name:    "403: ESC in the user name",
		handler: statusHandler(403, "Forbidden", "forbidden: User \"\x1b[31mroot\x1b[0m\" cannot get path \"/api\""),
		want:    `SERVER: forbidden (403): user "\u{001B}[31mroot\u{001B}[0m" may not get path "/api"` + rbacAdvice,
	}, {
		name:    "403: CR, LF and an erase sequence",
		handler: statusHandler(403, "Forbidden", "blocked\r\nerror: nothing happened\x1b[2K"),
		want:    `SERVER: forbidden (403): blocked\u{000D}\u{000A}error: nothing happened\u{001B}[2K` + rbacAdvice,
	}, {
		name:    "403: a bidirectional override in the action",
		handler: statusHandler(403, "Forbidden", "forbidden: User \"bob\" cannot get path \"/api\u202e\""),
		want:    `SERVER: forbidden (403): user "bob" may not get path "/api\u{202E}"` + rbacAdvice,
	}, {
		name:    "500: ESC and a bell",
		handler: statusHandler(500, "InternalError", "etcd\x1b]0;pwned\x07 is down"),
		want:    `SERVER: etcd\u{001B}]0;pwned\u{0007} is down`,
	}, {
		name:    "406 without a message",
		handler: statusHandler(406, "NotAcceptable", ""),
		want:    "SERVER: GET /api: HTTP 406 Not Acceptable, with no message",
	}, {
		name:    "406 without a message, legacy discovery",
		handler: statusHandler(406, "NotAcceptable", ""),
		legacy:  true,
		want:    "SERVER: GET /api: HTTP 406 Not Acceptable, with no message",
	}, {
		name:    "404 without a message: client-go tolerates it for /api only",
		handler: statusHandler(404, "NotFound", ""),
		want:    "SERVER: GET /apis: HTTP 404 Not Found, with no message",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := httptest.NewServer(tt.handler)
			t.Cleanup(ts.Close)
			_, err := Discover(getter(bounded(&rest.Config{Host: ts.URL})), DiscoverOptions{Legacy: tt.legacy})
			if err == nil {
				t.Fatal("Discover succeeded")
			}
			if want := strings.ReplaceAll(tt.want, "SERVER", ts.URL); err.Error() != want {
				t.Errorf("message:\n got %s\nwant %s", err, want)
			}
		})
	}
}

// TestRecordErrorLinesEscapeServerText: record's 403 line follows the same
// rule, and a 403 without a message says what the code means.
func TestRecordErrorLinesEscapeServerText(t *testing.T) {
	tests := []struct{ message, want string }{
		{"forbidden: User \"\x1b[31mroot\" cannot get path \"/version\"", `SERVER: forbidden (403): user "\u{001B}[31mroot" may not get path "/version"` + rbacAdvice},
		{"", "SERVER: forbidden (403): Forbidden" + rbacAdvice},
	}
	for _, tt := range tests {
		ts := httptest.NewServer(statusHandler(403, "Forbidden", tt.message))
		_, err := Fetch(context.Background(), getter(bounded(&rest.Config{Host: ts.URL})), RecordOptions{})
		if want := strings.ReplaceAll(tt.want, "SERVER", ts.URL); err == nil || err.Error() != want {
			t.Errorf("message %q:\n got %v\nwant %s", tt.message, err, want)
		}
		ts.Close()
	}
}

func TestRedirectErrorEscapesTarget(t *testing.T) {
	err := &RedirectError{From: "https://127.0.0.1:6443/api", To: "http://evil.example/\x1b[2J"}
	want := `refusing to follow the redirect from https://127.0.0.1:6443/api to http://evil.example/\u{001B}[2J: it leads to another scheme, host or port, which would be sent the credentials`
	if err.Error() != want {
		t.Errorf("got  %s\nwant %s", err, want)
	}
}

// TestUnavailableReasonEscaped: the reason of an unavailable
// group-version reaches a warning line on stderr, so it follows the rule.
func TestUnavailableReasonEscaped(t *testing.T) {
	failed := map[schema.GroupVersion]error{{Group: "metrics.k8s.io", Version: "v1beta1"}: errors.New("backend\r\n\x1b[2Kdown")}
	api := Convert(nil, nil, failed)
	if len(api.Unavailable) != 1 || api.Unavailable[0].Reason != `backend\u{000D}\u{000A}\u{001B}[2Kdown` {
		t.Errorf("Unavailable = %+v", api.Unavailable)
	}
}
