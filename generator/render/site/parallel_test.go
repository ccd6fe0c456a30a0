package site

import (
	"errors"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
)

// TestInParallel checks that inParallel does the work of every index once,
// calls start once per goroutine, and returns the error of the smallest
// index that failed whichever goroutine ran it.
func TestInParallel(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	const count = 101
	var seen [count]atomic.Int32
	var starts atomic.Int32
	err := inParallel(count, func() func(int) error {
		starts.Add(1)
		return func(i int) error {
			seen[i].Add(1)
			return nil
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := range seen {
		if n := seen[i].Load(); n != 1 {
			t.Errorf("index %d done %d times, want once", i, n)
		}
	}
	if n := starts.Load(); n != 4 {
		t.Errorf("start called %d times, want once per goroutine (4)", n)
	}

	for _, failing := range [][]int{{7}, {50, 9, 30}, {100, 3}} {
		fails := map[int]bool{}
		for _, i := range failing {
			fails[i] = true
		}
		err := inParallel(count, func() func(int) error {
			return func(i int) error {
				if fails[i] {
					return fmt.Errorf("index %d", i)
				}
				return nil
			}
		})
		want := fmt.Sprintf("index %d", min(failing[0], failing[len(failing)-1], failing[len(failing)/2]))
		if err == nil || err.Error() != want {
			t.Errorf("failing %v: error %v, want %s", failing, err, want)
		}
	}
	if err := inParallel(0, func() func(int) error { return func(int) error { return errors.New("never") } }); err != nil {
		t.Errorf("no work: %v", err)
	}
}
