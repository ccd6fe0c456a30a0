// Command krewcheck fills the krew manifest template plugins/apidocs.yaml
// for a release, the way krew fills its own hack/krew.yaml: the tag for
// KUBE_APIDOCS_TAG, and each archive's sha256 from GoReleaser's
// checksums.txt for KUBE_APIDOCS_<OS>_<ARCH>_CHECKSUM. It prints the
// filled manifest on stdout.
//
//	go -C hack/krewcheck run . -tag v0.4.0 -checksums ../../dist/checksums.txt ../../plugins/apidocs.yaml
//
// Its tests (make release-check) check the filled manifest with krew's own
// validator and install every platform's archive with krew. It is a module
// of its own because krew v0.4.3 requires k8s.io/client-go
// v11.0.0+incompatible, which would replace kube-apidocs' client-go.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
)

// tagPlaceholder is replaced by the release tag.
const tagPlaceholder = "KUBE_APIDOCS_TAG"

var (
	// placeholder matches every placeholder of the template.
	placeholder = regexp.MustCompile(`KUBE_APIDOCS_[A-Z0-9_]+`)
	// archiveName is the name .goreleaser.yaml gives an archive.
	archiveName = regexp.MustCompile(`^kube-apidocs_([a-z0-9]+)_([a-z0-9]+)\.(tar\.gz|zip)$`)
	// sha256Sum is a lowercase hex sha256.
	sha256Sum = regexp.MustCompile(`^[a-f0-9]{64}$`)
)

func main() {
	tag := flag.String("tag", "", "the release tag, e.g. v0.4.0")
	sums := flag.String("checksums", "dist/checksums.txt", "GoReleaser's checksums.txt of the release")
	flag.Parse()
	if err := run(*tag, *sums, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "krewcheck:", err)
		os.Exit(1)
	}
}

func run(tag, sumsPath string, args []string) error {
	if len(args) != 1 || tag == "" {
		return fmt.Errorf("usage: krewcheck -tag vX.Y.Z [-checksums dist/checksums.txt] plugins/apidocs.yaml")
	}
	template, err := os.ReadFile(args[0])
	if err != nil {
		return err
	}
	sumsFile, err := os.ReadFile(sumsPath)
	if err != nil {
		return err
	}
	sums, err := parseChecksums(sumsFile)
	if err != nil {
		return fmt.Errorf("%s: %w", sumsPath, err)
	}
	out, err := fill(template, tag, sums)
	if err != nil {
		return fmt.Errorf("%s: %w", args[0], err)
	}
	_, err = os.Stdout.Write(out)
	return err
}

// parseChecksums reads checksums.txt ("<sha256>  <file>" lines) and returns
// the sha256 of each archive by its placeholder name.
func parseChecksums(body []byte) (map[string]string, error) {
	sums := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(body))
	for n := 1; sc.Scan(); n++ {
		sum, file, ok := strings.Cut(sc.Text(), "  ")
		if !ok || !sha256Sum.MatchString(sum) {
			return nil, fmt.Errorf("line %d: want \"<sha256>  <file>\", got %q", n, sc.Text())
		}
		m := archiveName.FindStringSubmatch(file)
		if m == nil {
			continue // not an archive of the binary
		}
		sums[checksumPlaceholder(m[1], m[2])] = sum
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(sums) == 0 {
		return nil, fmt.Errorf("no kube-apidocs_<os>_<arch> archive is listed")
	}
	return sums, nil
}

// checksumPlaceholder is the template's name for the sha256 of an archive.
func checksumPlaceholder(goos, goarch string) string {
	return "KUBE_APIDOCS_" + strings.ToUpper(goos) + "_" + strings.ToUpper(goarch) + "_CHECKSUM"
}

// fill replaces the placeholders of the template. Every placeholder must
// have a value and every archive a platform in the template: a platform
// missing from either side is an error.
func fill(template []byte, tag string, sums map[string]string) ([]byte, error) {
	var unknown []string
	used := map[string]bool{}
	out := placeholder.ReplaceAllFunc(template, func(name []byte) []byte {
		if string(name) == tagPlaceholder {
			return []byte(tag)
		}
		sum, ok := sums[string(name)]
		if !ok {
			unknown = append(unknown, string(name))
			return name
		}
		used[string(name)] = true
		return []byte(sum)
	})
	if len(unknown) > 0 {
		return nil, fmt.Errorf("no value for %s", strings.Join(slices.Compact(unknown), ", "))
	}
	var unused []string
	for name := range sums {
		if !used[name] {
			unused = append(unused, name)
		}
	}
	if len(unused) > 0 {
		slices.Sort(unused)
		return nil, fmt.Errorf("no platform uses %s", strings.Join(unused, ", "))
	}
	return out, nil
}
