package openapi

import (
	"errors"
	"fmt"
	"strings"
)

// ErrNoDocument is returned (wrapped) when no document was given for a
// group-version.
var ErrNoDocument = errors.New("no OpenAPI v3 document")

// ErrNoKind is returned (wrapped) when a group-version's document has no
// schema for a kind.
var ErrNoKind = errors.New("no schema for the kind")

// Error is a problem in one OpenAPI v3 document.
type Error struct {
	// Document is the document's path as /openapi/v3 lists it
	// ("apis/apps/v1").
	Document string
	// Pointer is the JSON pointer of the offending value
	// ("#/components/schemas/io.k8s.api.apps.v1.Deployment/properties/spec");
	// empty when the document as a whole is wrong (it is not JSON).
	Pointer string
	// Err is what is wrong.
	Err error
}

// Error returns one line: the document, the pointer and the problem.
func (e *Error) Error() string {
	if e.Pointer == "" {
		return fmt.Sprintf("openapi/v3 document %s: %v", e.Document, e.Err)
	}
	return fmt.Sprintf("openapi/v3 document %s: %s: %v", e.Document, e.Pointer, e.Err)
}

// Unwrap returns the underlying problem.
func (e *Error) Unwrap() error { return e.Err }

// pointerEscaper escapes a JSON pointer token (RFC 6901).
var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

// pointerUnescaper undoes pointerEscaper.
var pointerUnescaper = strings.NewReplacer("~1", "/", "~0", "~")

// componentPointer is the JSON pointer of a schema component.
func componentPointer(name string) string {
	return "#/components/schemas/" + pointerEscaper.Replace(name)
}

// child appends one token to a JSON pointer.
func child(pointer string, token string) string {
	return pointer + "/" + pointerEscaper.Replace(token)
}
