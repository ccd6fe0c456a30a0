//go:build race

package openapi_test

// raceEnabled is true under the race detector, where kubectl's explain
// template runs about five times slower: the parity test skips itself
// there (a plain go test -race), and `make test` runs it in test-oracle,
// without the race detector.
const raceEnabled = true
