package main

import (
	"slices"
	"testing"
)

// TestInjected pins what the DOM check reports: handlers, javascript:
// URLs, references to the payloads' host and scripts calling alert; and
// what it leaves alone: the same text as text or in a label, and data
// scripts (JSON-LD) that hold it.
func TestInjected(t *testing.T) {
	page := `<html><head>
<script type="application/ld+json">{"name":"alert(1)"}</script>
<script>alert(2)</script>
</head><body>
<p>&lt;img src=x onerror=alert(3)&gt;</p>
<a aria-label="Next: fetch('http://127.0.0.1:9/mdx')" href="next/">next</a>
<img src="x" onerror="alert(4)">
<a href=" JavaScript:alert(5)">js</a>
<img src="http://127.0.0.1:9/py">
<iframe srcdoc="<script>alert(6)</script>"></iframe>
</body></html>`
	want := []string{
		`a <script> calling alert: "alert(2)"`,
		`<img onerror="alert(4)">`,
		`<a href=" JavaScript:alert(5)">`,
		`<img src="http://127.0.0.1:9/py">`,
		`an <iframe> element`,
	}
	if got := injected(page); !slices.Equal(got, want) {
		t.Errorf("injected =\n%q\nwant\n%q", got, want)
	}
}
