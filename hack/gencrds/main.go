// Command gencrds writes a large, realistic set of CRDs (see hack/crdgen):
// as manifests to apply to a real kube-apiserver, or as a synthetic
// recording (the base recording plus the discovery documents the CRDs
// would add) for growth benchmarks.
//
//	go run ./hack/gencrds -n 1000 -manifests /tmp/crds.yaml
//	go run ./hack/gencrds -n 10000 -recording /tmp/rec-10000 [-base fixtures/v1.33.13]
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/kube-apidocs/kube-apidocs/hack/crdgen"
)

func main() {
	n := flag.Int("n", 1000, fmt.Sprintf("number of CRDs (at most %d)", crdgen.MaxCRDs))
	manifests := flag.String("manifests", "", "write CRD manifests (YAML stream) to this file")
	recording := flag.String("recording", "", "write a synthetic recording into this new folder")
	base := flag.String("base", "fixtures/v1.33.13", "the recording the synthetic one extends")
	flag.Parse()
	if err := run(*n, *manifests, *recording, *base); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run(n int, manifests, recording, base string) error {
	if manifests == "" && recording == "" {
		return errors.New("nothing to do: give -manifests FILE and/or -recording DIR")
	}
	if n < 1 || n > crdgen.MaxCRDs {
		return fmt.Errorf("-n must be between 1 and %d", crdgen.MaxCRDs)
	}
	crds := crdgen.Plan(n)
	if manifests != "" {
		if err := writeManifests(manifests, crds); err != nil {
			return fmt.Errorf("-manifests %s: %w", manifests, err)
		}
	}
	if recording != "" {
		if err := os.Mkdir(recording, 0o755); err != nil {
			return fmt.Errorf("-recording: %w", err)
		}
		if err := crdgen.WriteRecording(recording, os.DirFS(base), crds); err != nil {
			return fmt.Errorf("-recording %s: %w", recording, err)
		}
	}
	return nil
}

func writeManifests(path string, crds []crdgen.CRD) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	if err := crdgen.WriteManifests(w, crds); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
