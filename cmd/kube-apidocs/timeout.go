package main

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// discoveryDefaultTimeout is what client-go's discovery client waits for
// an answer when --request-timeout is 0.
const discoveryDefaultTimeout = "32s"

// explainTimeout turns a request that timed out into one line naming the
// server, the limit and the request; other errors pass unchanged.
func explainTimeout(err error, server string, timeoutFlag *string) error {
	var ue *url.Error
	if err == nil || !errors.As(err, &ue) || !ue.Timeout() {
		return err
	}
	request := strings.ToUpper(ue.Op)
	if u, perr := url.Parse(ue.URL); perr == nil {
		request += " " + u.Path
	}
	limit := ""
	if timeoutFlag != nil {
		limit = *timeoutFlag
	}
	if limit == "" || limit == "0" {
		return fmt.Errorf("%s did not answer within %s, client-go's discovery default (%s); set --request-timeout to change it", server, discoveryDefaultTimeout, request)
	}
	return fmt.Errorf("%s did not answer within --request-timeout %s (%s)", server, limit, request)
}
