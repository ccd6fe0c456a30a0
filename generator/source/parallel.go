package source

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// parallel calls do(i) for every i in [0, n) on all CPUs and returns when
// all calls have returned. Callers write results into their own slots of a
// slice, so the outcome does not depend on scheduling.
func parallel(n int, do func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := min(runtime.GOMAXPROCS(0), n); w > 0; w-- {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				do(i)
			}
		}()
	}
	wg.Wait()
}
