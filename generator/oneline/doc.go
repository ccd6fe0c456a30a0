// Package oneline folds multi-line error messages (YAML and JSON decoder
// errors, client-go's aggregated errors) onto one line, so that every error
// a user sees is one line that names its file or server first.
package oneline
