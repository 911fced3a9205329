package external

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

func TestFromSettings(t *testing.T) {
	for _, tt := range []struct{ kind, endpoint, key, wantErr string }{
		{"perspective", "", "", "needs an API key"},
		{"openai", "", "", "needs an API key"},
		{"classifier", "", "", "needs the server's address"},
		{"watson", "", "k", "want perspective, openai or classifier"},
	} {
		if _, err := FromSettings(tt.kind, tt.endpoint, tt.key); err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("FromSettings(%q) = %v, want %q", tt.kind, err, tt.wantErr)
		}
	}
	// A classifier second opinion refines an ambiguous item through the engine.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`[{"label":"toxic","score":0.95}]`))
	}))
	defer srv.Close()
	so, err := FromSettings("classifier", srv.URL, "")
	if err != nil {
		t.Fatal(err)
	}
	ambiguous := stubDetector{detect.Signal{Category: detect.Insult, Score: 0.5, Spans: []detect.Span{{0, 3}}, Detector: "stub", Version: "1"}}
	e := detect.NewEngine(nil, ambiguous).WithRefiner(so)
	res := e.Analyze(context.Background(), detect.Input{Text: "you pig", Lang: "en"})
	if got := detect.Score(res.Signals, detect.Insult); got <= 0.5 {
		t.Errorf("refined insult score %.2f, want raised above the primary 0.5: %+v", got, res)
	}
}

type stubDetector struct{ sig detect.Signal }

func (stubDetector) Name() string    { return "stub" }
func (stubDetector) Version() string { return "1" }
func (s stubDetector) Detect(context.Context, detect.Input) ([]detect.Signal, error) {
	return []detect.Signal{s.sig}, nil
}
