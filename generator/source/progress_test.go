package source

import (
	"sync"
	"testing"
)

// TestDiscoverProgress: legacy discovery reports every group-version once,
// ending at done == total; aggregated discovery (one request) reports none.
func TestDiscoverProgress(t *testing.T) {
	rec := loadFixture(t, "v1.33.13-crds")
	for _, legacy := range []bool{true, false} {
		var mu sync.Mutex
		var calls, maxDone, total int
		api := discover(t, rec, DiscoverOptions{Legacy: legacy, Progress: func(done, n int) {
			mu.Lock()
			defer mu.Unlock()
			calls++
			maxDone, total = max(maxDone, done), n
		}})
		want := len(api.GroupVersions())
		if !legacy {
			want = 0
		}
		if calls != want || maxDone != want || (legacy && total != want) {
			t.Errorf("legacy=%v: %d calls, largest done %d of %d; want %d group-versions", legacy, calls, maxDone, total, want)
		}
	}
}
