// Package table prints the api-resources and api-versions tables byte for
// byte as kubectl does (table.go, with kubectl's tab writer settings) and
// the structured -o json|yaml form of the api-resources table
// (structured.go). Every cell goes through textsafe.Clean, so a control
// character served by a cluster is shown escaped, never sent to the
// terminal; normal text is printed exactly as kubectl prints it.
package table
