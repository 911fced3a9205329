package external

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// funcScorer is a Scorer made of a function.
type funcScorer func(ctx context.Context, text, lang string) ([]detect.Signal, error)

func (f funcScorer) Name() string { return "fake" }
func (f funcScorer) Score(ctx context.Context, text, lang string) ([]detect.Signal, error) {
	return f(ctx, text, lang)
}

func primaryResult(insult float64) detect.Result {
	return detect.Result{
		Lang:     "fr",
		Versions: []string{"lexicon/1"},
		Signals: []detect.Signal{
			{Category: detect.Insult, Score: insult, Spans: []detect.Span{{0, 3}}, Detector: "lexicon", Version: "1", Explanation: "lexicon: nul"},
			{Category: detect.Complaint, Score: 0.6, Spans: []detect.Span{}, Detector: "model", Version: "1"},
		},
	}
}

// fakeClock is a settable clock.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func TestRefineBlends(t *testing.T) {
	calls := 0
	sc := funcScorer(func(ctx context.Context, text, lang string) ([]detect.Signal, error) {
		calls++
		if lang != "fr" {
			t.Errorf("lang %q", lang)
		}
		return []detect.Signal{
			{Category: detect.Insult, Score: 0.9, Spans: []detect.Span{{4, 9}, {-1, 2}, {0, 999}}, Detector: "external:fake", Version: "m1", Explanation: "fake: toxic 0.90"},
			{Category: detect.Threat, Score: 0.8, Detector: "external:fake", Version: "m1"},
			{Category: detect.Spam, Score: 0.99, Detector: "external:fake", Version: "m1"}, // not an abuse category: ignored
		}, nil
	})
	so, err := NewSecondOpinion(SecondOpinionConfig{Scorer: sc})
	if err != nil {
		t.Fatal(err)
	}
	text := "nul et idiot, vraiment"
	in := detect.Input{Text: text, Lang: "fr"}
	prim := primaryResult(0.5)
	got := so.Refine(context.Background(), in, prim)
	if calls != 1 {
		t.Fatalf("calls %d", calls)
	}
	by := map[detect.Category]detect.Signal{}
	for _, s := range got.Signals {
		by[s.Category] = s
	}
	ins := by[detect.Insult]
	if ins.Score != 0.64 { // 0.65·0.5 + 0.35·0.9
		t.Errorf("blended insult %v", ins.Score)
	}
	if ins.Detector != "lexicon+external:fake" || ins.Version != "1+m1" || !strings.Contains(ins.Explanation, "blended to 0.64") {
		t.Errorf("insult %+v", ins)
	}
	if len(ins.Spans) != 2 || ins.Spans[1] != (detect.Span{4, 9}) {
		t.Errorf("spans %v (invalid external spans must be dropped)", ins.Spans)
	}
	th := by[detect.Threat]
	if th.Score != 0.28 || th.Detector != "external:fake" || !strings.Contains(th.Explanation, "second opinion only") {
		t.Errorf("threat %+v", th)
	}
	if _, ok := by[detect.Spam]; ok {
		t.Error("spam taken from the second opinion")
	}
	if by[detect.Complaint].Score != 0.6 {
		t.Error("complaint changed")
	}
	if got.Versions[len(got.Versions)-1] != "external:fake/m1" {
		t.Errorf("versions %v", got.Versions)
	}
	if prim.Signals[0].Score != 0.5 || len(prim.Signals[0].Spans) != 1 || len(prim.Versions) != 1 {
		t.Error("primary modified")
	}
	// Clear items are not sent.
	for _, s := range []float64{0.1, 0.9} {
		if r := so.Refine(context.Background(), in, primaryResult(s)); r.Signals[0].Score != primaryResult(s).Signals[0].Score {
			t.Errorf("clear item %v changed", s)
		}
	}
	if calls != 1 {
		t.Errorf("clear items sent: %d calls", calls)
	}
	if st := so.Stats(); st.Asked != 1 || st.SkippedClear != 2 {
		t.Errorf("stats %+v", st)
	}
}

func TestRefineSlowServerFallsBack(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body) // lets the server notice the client hanging up
		select {
		case <-time.After(3 * time.Second):
		case <-r.Context().Done():
			return
		}
		io.WriteString(w, `[{"label":"toxic","score":0.99}]`)
	}))
	defer srv.Close()
	c, _ := NewClassifier(ClassifierConfig{Endpoint: srv.URL})
	so, _ := NewSecondOpinion(SecondOpinionConfig{Scorer: c, Timeout: 150 * time.Millisecond})
	prim := primaryResult(0.5)
	start := time.Now()
	got := so.Refine(context.Background(), detect.Input{Text: "nul", Lang: "fr"}, prim)
	took := time.Since(start)
	if took > 600*time.Millisecond {
		t.Errorf("Refine took %s with a 150ms timeout", took)
	}
	if got.Signals[0].Score != 0.5 || len(got.Errors) != 1 || !strings.Contains(got.Errors[0], "external:classifier") {
		t.Errorf("fallback %+v", got)
	}
	if st := so.Stats(); st.TimedOut != 1 || st.Failed != 1 {
		t.Errorf("stats %+v", st)
	}
}

// A scorer that ignores its context still cannot hold Refine.
func TestRefineStubbornScorer(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	sc := funcScorer(func(ctx context.Context, text, lang string) ([]detect.Signal, error) {
		<-release
		return nil, nil
	})
	so, _ := NewSecondOpinion(SecondOpinionConfig{Scorer: sc, Timeout: 50 * time.Millisecond, MaxInFlight: 2, FailureThreshold: 100})
	start := time.Now()
	for i := 0; i < 4; i++ {
		so.Refine(context.Background(), detect.Input{Text: "x"}, primaryResult(0.5))
	}
	if took := time.Since(start); took > 500*time.Millisecond {
		t.Errorf("4 calls took %s", took)
	}
	if st := so.Stats(); st.Asked != 2 || st.SkippedBusy != 2 {
		t.Errorf("stats %+v", st)
	}
}

func TestCircuitBreaker(t *testing.T) {
	clock := &fakeClock{t: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	var fail atomic.Bool
	var calls atomic.Int64
	sc := funcScorer(func(ctx context.Context, text, lang string) ([]detect.Signal, error) {
		calls.Add(1)
		if fail.Load() {
			return nil, errors.New("boom")
		}
		return []detect.Signal{{Category: detect.Insult, Score: 0.9, Version: "v"}}, nil
	})
	so, _ := NewSecondOpinion(SecondOpinionConfig{Scorer: sc, FailureThreshold: 3, Cooldown: time.Minute, Now: clock.now})
	in := detect.Input{Text: "nul"}
	refine := func() detect.Result { return so.Refine(context.Background(), in, primaryResult(0.5)) }

	fail.Store(true)
	for i := 0; i < 3; i++ {
		refine()
	}
	if calls.Load() != 3 || !so.Stats().BreakerOpen {
		t.Fatalf("after 3 failures: calls %d, stats %+v", calls.Load(), so.Stats())
	}
	// open: no calls, primary returned untouched
	if r := refine(); r.Signals[0].Score != 0.5 || len(r.Errors) != 0 || calls.Load() != 3 {
		t.Fatalf("open breaker let a call through: %d", calls.Load())
	}
	// half-open after the cooldown: one trial, which fails and reopens
	clock.add(61 * time.Second)
	refine()
	if calls.Load() != 4 || !so.Stats().BreakerOpen {
		t.Fatalf("trial: calls %d, stats %+v", calls.Load(), so.Stats())
	}
	refine()
	if calls.Load() != 4 {
		t.Fatal("reopened breaker let a call through")
	}
	// next trial succeeds and closes it
	clock.add(61 * time.Second)
	fail.Store(false)
	if r := refine(); r.Signals[0].Score == 0.5 {
		t.Fatal("trial answer not used")
	}
	if so.Stats().BreakerOpen {
		t.Fatal("breaker still open after a successful trial")
	}
	// closed: failures below the threshold keep it closed
	fail.Store(true)
	refine()
	refine()
	if so.Stats().BreakerOpen {
		t.Fatal("opened below the threshold")
	}
	if st := so.Stats(); st.SkippedOpen != 2 || st.Failed != 6 {
		t.Errorf("stats %+v", st)
	}
}

func TestRetryAfterOpensBreaker(t *testing.T) {
	clock := &fakeClock{t: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	var calls atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Retry-After", "120")
		w.WriteHeader(429)
		io.WriteString(w, `{"error":{"message":"Rate limit reached","type":"requests"}}`)
	}))
	defer srv.Close()
	o, _ := NewOpenAI(OpenAIConfig{Endpoint: srv.URL, Key: "k"})
	so, _ := NewSecondOpinion(SecondOpinionConfig{Scorer: o, Cooldown: time.Second, Now: clock.now})
	r := so.Refine(context.Background(), detect.Input{Text: "x"}, primaryResult(0.5))
	if len(r.Errors) != 1 || !strings.Contains(r.Errors[0], "429") {
		t.Fatalf("errors %v", r.Errors)
	}
	clock.add(60 * time.Second)
	so.Refine(context.Background(), detect.Input{Text: "x"}, primaryResult(0.5))
	if calls.Load() != 1 {
		t.Fatalf("called during Retry-After: %d", calls.Load())
	}
	clock.add(61 * time.Second)
	so.Refine(context.Background(), detect.Input{Text: "x"}, primaryResult(0.5))
	if calls.Load() != 2 {
		t.Fatalf("not called after Retry-After: %d", calls.Load())
	}
}

func TestRefineUnsupportedLanguage(t *testing.T) {
	p, _ := NewPerspective(PerspectiveConfig{Endpoint: "http://127.0.0.1:1", Key: "k"})
	so, _ := NewSecondOpinion(SecondOpinionConfig{Scorer: p, FailureThreshold: 1})
	r := so.Refine(context.Background(), detect.Input{Text: "du er dum", Lang: "nb"}, primaryResult(0.5))
	if len(r.Errors) != 0 || so.Stats().BreakerOpen || so.Stats().Failed != 0 {
		t.Errorf("unsupported language counted as a failure: %+v %+v", r, so.Stats())
	}
}

func TestRefineCallerCancel(t *testing.T) {
	sc := funcScorer(func(ctx context.Context, text, lang string) ([]detect.Signal, error) {
		<-ctx.Done()
		return nil, ctx.Err()
	})
	so, _ := NewSecondOpinion(SecondOpinionConfig{Scorer: sc, FailureThreshold: 1})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := so.Refine(ctx, detect.Input{Text: "x"}, primaryResult(0.5))
	if r.Signals[0].Score != 0.5 || so.Stats().BreakerOpen {
		t.Errorf("caller cancel opened the breaker: %+v", so.Stats())
	}
}

func TestRefineNil(t *testing.T) {
	var so *SecondOpinion
	if r := so.Refine(context.Background(), detect.Input{}, primaryResult(0.5)); r.Signals[0].Score != 0.5 {
		t.Error("nil SecondOpinion changed the result")
	}
}

func TestRefinePanickingScorer(t *testing.T) {
	sc := funcScorer(func(ctx context.Context, text, lang string) ([]detect.Signal, error) { panic("oops") })
	so, _ := NewSecondOpinion(SecondOpinionConfig{Scorer: sc})
	r := so.Refine(context.Background(), detect.Input{Text: "x"}, primaryResult(0.5))
	if len(r.Errors) != 1 || !strings.Contains(r.Errors[0], "panicked") {
		t.Errorf("%+v", r)
	}
}
