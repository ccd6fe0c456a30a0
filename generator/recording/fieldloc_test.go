package recording

import (
	"testing"

	"k8s.io/apimachinery/pkg/util/validation/field"
)

// TestLocIsFieldPath: a loc prints as the field.Path built the same way.
func TestLocIsFieldPath(t *testing.T) {
	cases := []struct {
		got  loc
		want *field.Path
	}{
		{loc{}, nil},
		{newLoc("kind"), field.NewPath("kind")},
		{newLoc("resources").index(3).child("verbs").index(0), field.NewPath("resources").Index(3).Child("verbs").Index(0)},
		{newLoc("items").index(1).child("versions").index(0).child("resources").index(2).child("subresources").index(4).child("responseKind", "kind"),
			field.NewPath("items").Index(1).Child("versions").Index(0).Child("resources").Index(2).Child("subresources").Index(4).Child("responseKind", "kind")},
		{loc{}.child("preferredVersion", "version"), field.NewPath("preferredVersion", "version")},
	}
	for _, c := range cases {
		if got, want := c.got.String(), c.want.String(); got != want {
			t.Errorf("loc %q, field.Path %q", got, want)
		}
	}
}
