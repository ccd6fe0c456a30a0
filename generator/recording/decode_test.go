package recording

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kube-apidocs/kube-apidocs/generator/recording/recordingtest"
)

// docShapes returns a fresh value of every document shape the checks
// decode into.
func docShapes() []any {
	return []any{&aggregatedListDoc{}, &apiResourceListDoc{}, &apiGroupListDoc{}, &apiGroupDoc{}, &apiVersionsDoc{}, &versionDoc{}}
}

// FuzzDecodersAgree shows that what the fast decoder (json-iterator, after
// encoding/json's validity scan) accepts, encoding/json accepts too and
// decodes to the same values, for every document shape, on UTF-8 input (the
// only input decodeDoc sees: checkBytes refuses the rest). Where the fast
// decoder fails, decodeDoc falls back to encoding/json. The seeds are every
// document of the bundled recordings and the broken corpus, each distinct
// document once (the recordings share many).
func FuzzDecodersAgree(f *testing.F) {
	paths, err := filepath.Glob("../../fixtures/*/*.json")
	if err != nil {
		f.Fatal(err)
	}
	seen := map[string]bool{}
	add := func(b []byte) {
		if !seen[string(b)] {
			seen[string(b)] = true
			f.Add(b)
		}
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		add(b)
	}
	corpus := []map[string][]byte{recordingtest.Base()}
	for _, c := range recordingtest.Broken {
		files, err := c.Files()
		if err != nil {
			f.Fatal(err)
		}
		corpus = append(corpus, files)
	}
	for _, files := range corpus {
		for _, name := range slices.Sorted(maps.Keys(files)) {
			if strings.HasSuffix(name, ".json") {
				add(files[name])
			}
		}
	}
	f.Add([]byte(`{"kind":"APIResourceList","resources":[{"name":"a","namespaced":"yes"}]}`))
	f.Add([]byte(`{"Kind":"APIGroup","NAME":"apps","versions":null}`))
	f.Add([]byte(`{"kind":1e400}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		if !utf8.Valid(body) {
			return
		}
		valid := json.Valid(body) // the same answer for every shape: scan once
		fast, std := docShapes(), docShapes()
		for i := range fast {
			fastOK := valid && fastJSON.Unmarshal(body, fast[i]) == nil
			stdOK := json.Unmarshal(body, std[i]) == nil
			if fastOK && !stdOK {
				t.Fatalf("%T: the fast decoder accepts what encoding/json refuses", fast[i])
			}
			if fastOK && !reflect.DeepEqual(fast[i], std[i]) {
				t.Fatalf("%T: decoders disagree:\nfast %+v\nstd  %+v", fast[i], fast[i], std[i])
			}
		}
	})
}
