//go:build !race

package openapi_test

// raceEnabled: see race_test.go.
const raceEnabled = false
