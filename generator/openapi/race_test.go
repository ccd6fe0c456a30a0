//go:build race

package openapi_test

// raceEnabled is true under the race detector, where kubectl's explain
// template runs about five times slower: the parity test then compares a
// fixed sample of the kinds, and `make test` runs it once more without the
// race detector over every kind.
const raceEnabled = true
