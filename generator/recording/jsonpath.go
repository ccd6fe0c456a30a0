package recording

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
)

// jsonFrame is one open object or array while scanning a document.
type jsonFrame struct {
	array     bool
	index     int    // arrays: index of the current element
	key       string // objects: the last key read
	expectKey bool   // objects: the next string is a key
}

// jsonPathAt returns the JSON path (like "resources[3].verbs[0]") of the
// value that encloses byte offset off of body, as far as the bytes before
// off tell. It never fails: broken JSON yields the path reached so far, and
// the top level is "" (the caller names it).
func jsonPathAt(body []byte, off int64) string {
	if off > int64(len(body)) {
		off = int64(len(body))
	}
	var stack []jsonFrame
	for i := int64(0); i < off; i++ {
		switch c := body[i]; c {
		case '"':
			end := stringEnd(body, i)
			if n := len(stack); n > 0 && !stack[n-1].array && stack[n-1].expectKey && end < off {
				stack[n-1].key = unquote(body[i : end+1])
			}
			i = end
		case '{':
			stack = append(stack, jsonFrame{expectKey: true})
		case '[':
			stack = append(stack, jsonFrame{array: true})
		case '}', ']':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case ',':
			if n := len(stack); n > 0 {
				if stack[n-1].array {
					stack[n-1].index++
				} else {
					stack[n-1].expectKey = true
				}
			}
		case ':':
			if n := len(stack); n > 0 {
				stack[n-1].expectKey = false
			}
		}
	}
	return framesPath(stack)
}

func framesPath(stack []jsonFrame) string {
	var b strings.Builder
	for _, f := range stack {
		switch {
		case f.array:
			fmt.Fprintf(&b, "[%d]", f.index)
		case !f.expectKey:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(f.key)
		}
	}
	return b.String()
}

// stringEnd returns the index of the quote that closes the string opening
// at body[start], or the last index of body when the string is unterminated.
func stringEnd(body []byte, start int64) int64 {
	for i := start + 1; i < int64(len(body)); i++ {
		switch body[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return int64(len(body)) - 1
}

func unquote(raw []byte) string {
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return strings.Trim(string(raw), `"`)
	}
	return s
}

// jsonTypeName names the JSON type a Go decoding target expects, by its
// kind: metav1.Verbs is a []string, apidiscovery's ResourceScope a string.
func jsonTypeName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return "a number"
	}
	return "an object"
}
