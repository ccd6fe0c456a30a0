package diff_test

import (
	"testing"

	"github.com/kube-apidocs/kube-apidocs/generator/diff"
)

// BenchmarkCompare diffs two real releases (v1.29.6 → v1.33.13 with CRDs).
func BenchmarkCompare(b *testing.B) {
	old, new := loadFixture(b, "v1.29.6"), loadFixture(b, "v1.33.13-crds")
	removals := diff.BuiltinRemovals()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		diff.Compare(old, new, diff.Options{Removals: removals})
	}
}

// BenchmarkNewMatrix lines up the bundled recordings.
func BenchmarkNewMatrix(b *testing.B) {
	inputs := []diff.MatrixInput{
		{Source: "a", API: loadFixture(b, "v1.29.6")},
		{Source: "b", API: loadFixture(b, "v1.33.13")},
		{Source: "c", API: loadFixture(b, "v1.33.13-crds")},
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		diff.NewMatrix(inputs)
	}
}
