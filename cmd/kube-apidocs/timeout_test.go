package main

import (
	"net"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// silentServer accepts connections and never answers; it returns its URL.
func silentServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return "http://" + ln.Addr().String()
}

// TestRequestTimeout: a server that accepts the connection and never
// answers ends the command after --request-timeout with a clear message.
func TestRequestTimeout(t *testing.T) {
	t.Parallel()
	url := silentServer(t)
	for _, args := range [][]string{
		{"api-resources"},
		{"api-versions"},
		{"generate", "--out", filepath.Join(t.TempDir(), "site")},
	} {
		t.Run(args[0], func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			res := apidocs(t, append(args, "--server", url, "--request-timeout", "1s")...)
			elapsed := time.Since(start)
			want := "error: " + url + ": timed out waiting for the server: raise --request-timeout or check the network\n"
			if res.code != 1 || res.stderr != want {
				t.Errorf("%v: exit %d, stderr %q; want exit 1 and %q", args, res.code, res.stderr, want)
			}
			if elapsed < 900*time.Millisecond || elapsed > 15*time.Second {
				t.Errorf("%v took %v with --request-timeout 1s", args, elapsed)
			}
		})
	}
}
