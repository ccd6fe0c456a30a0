package main

import (
	"bufio"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestServeKubeconfigOutRefusesAFileItDidNotWrite(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "config")
	const users = "apiVersion: v1\nkind: Config\ncurrent-context: prod\n"
	if err := os.WriteFile(path, []byte(users), 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, err := execute("serve", "--fixtures", "builtin", "--kubeconfig-out", path)
	want := "--kubeconfig-out " + path + ": exists and was not written by kube-apidocs serve; remove it or choose another path"
	if err == nil || err.Error() != want {
		t.Fatalf("serve: got error %v, want %q", err, want)
	}
	if got, _ := os.ReadFile(path); string(got) != users {
		t.Fatalf("the user's kubeconfig was changed to %q", got)
	}
}

func TestServeKubeconfigOutReplacesItsOwnFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "config")
	if err := writeKubeconfig(path, "http://127.0.0.1:1"); err != nil {
		t.Fatal(err)
	}
	if err := writeKubeconfig(path, "http://127.0.0.1:2"); err != nil {
		t.Fatalf("replacing serve's own kubeconfig: %v", err)
	}
	got, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(got), kubeconfigMarker) || !strings.Contains(string(got), "server: http://127.0.0.1:2\n") {
		t.Fatalf("kubeconfig is\n%s", got)
	}
}

func TestServeKubeconfigOutRefusesANonRegularFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	target := filepath.Join(dir, "real")
	if err := writeKubeconfig(target, "http://127.0.0.1:1"); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	err := writeKubeconfig(link, "http://127.0.0.1:2")
	if err == nil || !strings.Contains(err.Error(), "exists and is not a regular file") {
		t.Fatalf("writing through a symlink: got %v", err)
	}
}

// startServeProcess starts `kube-apidocs serve --fixtures builtin` and
// returns the process and its address.
func startServeProcess(t *testing.T) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(apidocsBinary(t), "serve", "--fixtures", "builtin")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	s := bufio.NewScanner(stdout)
	if !s.Scan() {
		t.Fatal("serve printed nothing")
	}
	line := s.Text()
	i := strings.Index(line, "http://")
	if i < 0 {
		t.Fatalf("serve printed %q, want its URL", line)
	}
	return cmd, strings.TrimPrefix(line[i:], "http://")
}

func TestServeEndsOnSIGTERM(t *testing.T) {
	t.Parallel()
	cmd, _ := startServeProcess(t)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		exitErr, ok := err.(*exec.ExitError)
		if !ok || exitErr.ExitCode() != 143 {
			t.Fatalf("serve after SIGTERM: %v, want exit code 143", err)
		}
	case <-time.After(interruptGrace + 5*time.Second):
		t.Fatal("serve still runs after SIGTERM")
	}
}

func TestServeBoundsTheConnectionsItHolds(t *testing.T) {
	t.Parallel()
	cmd, addr := startServeProcess(t)
	const clients = 3 * maxServeConnections
	conns := make([]net.Conn, 0, clients)
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for range clients {
		c, err := net.DialTimeout("tcp", addr, 5*time.Second)
		if err != nil {
			t.Fatalf("dial %s: %v", addr, err)
		}
		// a request whose headers never end
		_, _ = c.Write([]byte("GET /api HTTP/1.1\r\nHost: x\r\n"))
		conns = append(conns, c)
	}
	time.Sleep(500 * time.Millisecond) // let serve accept what it will
	fds, err := os.ReadDir("/proc/" + strconv.Itoa(cmd.Process.Pid) + "/fd")
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	if limit := maxServeConnections + 32; len(fds) > limit {
		t.Fatalf("serve holds %d file descriptors for %d waiting clients, want at most %d", len(fds), clients, limit)
	}
}

func TestReplayServerHasTimeouts(t *testing.T) {
	t.Parallel()
	srv := newReplayServer(nil)
	if srv.ReadHeaderTimeout <= 0 || srv.ReadTimeout <= 0 || srv.WriteTimeout <= 0 || srv.IdleTimeout <= 0 {
		t.Fatalf("replay server timeouts: header %v, read %v, write %v, idle %v; want all set",
			srv.ReadHeaderTimeout, srv.ReadTimeout, srv.WriteTimeout, srv.IdleTimeout)
	}
}
