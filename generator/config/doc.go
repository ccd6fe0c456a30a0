// Package config reads the kube-apidocs configuration file
// (kube-apidocs.yaml): the site's title and base URL, where the API surface
// comes from, the output formats and folder, the Markdown front matter and a
// templates folder. Unknown keys are errors that name the key's path, so a
// typo never passes silently. Command-line flags override the file; that
// merge happens in the command, which knows which flags were set.
package config
