package source

import (
	"context"
	"fmt"
	"net/url"

	"golang.org/x/sync/errgroup"

	"github.com/kube-apidocs/kube-apidocs/generator/recording"
)

// Accept headers of the OpenAPI requests, the ones client-go sends.
const (
	// AcceptOpenAPIV3 is what client-go's openapi client asks a
	// group-version document for (runtime.ContentTypeJSON).
	AcceptOpenAPIV3 = "application/json"
	// AcceptOpenAPIV2Protobuf is what client-go's discovery client
	// (OpenAPISchema) asks /openapi/v2 for.
	AcceptOpenAPIV2Protobuf = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf"
)

// fetchOpenAPI fetches the OpenAPI documents: the /openapi/v3 index, every
// document it lists at its serverRelativeURL (with the hash, as client-go
// asks), and /openapi/v2 as JSON and as protobuf unless
// RecordOptions.SkipOpenAPIV2. A server without
// /openapi/v3 (a non-200 answer) is recorded as such, without documents.
// Paths from the index are checked before they become file names.
func (f *fetcher) fetchOpenAPI(ctx context.Context) ([]recording.Entry, error) {
	index, err := f.get(ctx, recording.Route{Path: "/openapi/v3"}, AcceptOpenAPIV3)
	if err != nil {
		return nil, err
	}
	out := []recording.Entry{index}
	if index.Status == 200 {
		docs, err := f.fetchOpenAPIV3Documents(ctx, index.Body)
		if err != nil {
			return nil, err
		}
		out = append(out, docs...)
	}
	if f.opts.SkipOpenAPIV2 {
		return out, nil
	}
	for _, route := range []recording.Route{{Path: "/openapi/v2"}, {Path: "/openapi/v2", Protobuf: true}} {
		accept := AcceptOpenAPIV3
		if route.Protobuf {
			accept = AcceptOpenAPIV2Protobuf
		}
		e, err := f.get(ctx, route, accept)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// fetchOpenAPIV3Documents fetches every document the index lists, in the
// order of its sorted paths.
func (f *fetcher) fetchOpenAPIV3Documents(ctx context.Context, indexBody []byte) ([]recording.Entry, error) {
	idx, err := recording.DecodeOpenAPIV3Index("GET /openapi/v3", indexBody)
	if err != nil {
		return nil, fmt.Errorf("%w; refusing to use it in a file name", err)
	}
	out := make([]recording.Entry, len(idx.Keys))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(recordWorkers)
	for i, key := range idx.Keys {
		g.Go(func() error {
			query := url.Values{"hash": {idx.Hashes[key]}}.Encode()
			e, err := f.getQuery(ctx, idx.Routes[key], query, AcceptOpenAPIV3)
			out[i] = e
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return out, nil
}
