package site

import (
	"bytes"
	"strings"
	"testing"
)

// TestWithScratch checks the two promises of the pages' reused buffers:
// each fill starts with an empty buffer, whatever the one before wrote, and
// a buffer grown past maxScratch is not handed out again.
func TestWithScratch(t *testing.T) {
	fill := func(s string) {
		_, _ = withScratch(func(b *bytes.Buffer) (struct{}, error) {
			if b.Len() != 0 {
				t.Errorf("a reused buffer holds %d bytes", b.Len())
			}
			if b.Cap() > maxScratch {
				t.Errorf("a buffer of %d bytes, over maxScratch, was handed out again", b.Cap())
			}
			b.WriteString(s)
			return struct{}{}, nil
		})
	}
	for range 4 { // the pool hands the same buffer back on this goroutine
		fill(strings.Repeat("a", 4096))
	}
	fill(strings.Repeat("b", maxScratch+1))
	for range 4 {
		fill("c")
	}
}
