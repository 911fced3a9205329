package pipeline_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/pipeline"
	"github.com/stormwatch/stormwatch/internal/store"
	"github.com/stormwatch/stormwatch/internal/store/sqlite"
)

// wordDetector flags "idiot" as an insult, with its span.
type wordDetector struct{}

func (wordDetector) Name() string    { return "word" }
func (wordDetector) Version() string { return "1" }
func (wordDetector) Detect(_ context.Context, in detect.Input) ([]detect.Signal, error) {
	i := strings.Index(in.Text, "idiot")
	if i < 0 {
		return nil, nil
	}
	return []detect.Signal{{Category: detect.Insult, Score: 0.9, Spans: []detect.Span{{i, i + 5}}, Detector: "word", Version: "1"}}, nil
}

// hideInsults hides insults under rule R1 and escalates them.
type hideInsults struct{}

func (hideInsults) Evaluate(it ingest.Item, res detect.Result) pipeline.Verdict {
	if detect.Score(res.Signals, detect.Insult) > 0.5 {
		return pipeline.Verdict{Action: "hide", Rules: []string{"R1"}, PolicyVersion: "v1",
			Actions: []pipeline.Requested{{Kind: act.Hide, RuleID: "R1"}, {Kind: act.Escalate, RuleID: "R1", Params: []byte(`{"severity":"high"}`)}}}
	}
	return pipeline.Verdict{Action: "allow", Rules: []string{}, PolicyVersion: "v1"}
}

func TestProcessorDecidesEveryPendingItem(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "sw.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, ws := range []string{"demo", "broken"} {
		if err := st.CreateWorkspace(ctx, store.Workspace{ID: ws, Name: ws}, "system"); err != nil {
			t.Fatal(err)
		}
	}
	items := []ingest.Item{
		{Channel: "fb", PlatformID: "1", Kind: ingest.KindComment, Text: "you idiot", Lang: "en"},
		{Channel: "fb", PlatformID: "2", Kind: ingest.KindComment, Text: "thank you", Lang: "en"},
	}
	if _, err := st.InsertItems(ctx, "demo", items, "test"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.InsertItems(ctx, "broken", items[:1], "test"); err != nil {
		t.Fatal(err)
	}
	var observed int
	p := &pipeline.Processor{
		Store: st, Engine: detect.NewEngine(nil, wordDetector{}), Batch: 2, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Resolve: func(_ context.Context, ws string) (*pipeline.Runtime, error) {
			if ws == "broken" {
				return nil, errors.New("policy does not compile")
			}
			return &pipeline.Runtime{Policy: hideInsults{}}, nil
		},
		OnDecided: func(ds []store.Decision) { observed += len(ds) },
	}
	total := 0
	for {
		n, err := p.Step(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
		total += n
	}
	if total != 3 || observed != 3 {
		t.Fatalf("decided %d items (observed %d), want 3", total, observed)
	}
	pending, _ := st.PendingItems(ctx, 0, 10)
	if len(pending) != 0 {
		t.Fatalf("%d items still pending", len(pending))
	}
	d, err := st.Decision(ctx, "demo", 1)
	if err != nil {
		t.Fatal(err)
	}
	if d.Action != "hide" || d.Rules[0] != "R1" || d.PolicyVersion != "v1" || d.Signals[0].Spans[0] != (detect.Span{4, 9}) || len(d.Detectors) != 1 {
		t.Errorf("decision on the insult = %+v", d)
	}
	if len(d.Actions) != 2 || d.Actions[0].Kind != act.Hide || d.Actions[0].Channel != "fb" || d.Actions[0].IdempotencyKey == "" || d.Actions[0].Status != act.Pending {
		t.Errorf("queued actions = %+v", d.Actions)
	}
	if d2, _ := st.Decision(ctx, "demo", 2); d2.Action != "allow" || len(d2.Actions) != 0 {
		t.Errorf("decision on thanks = %+v", d2)
	}
	// An item whose workspace policy cannot load goes to review, with why.
	db, err := st.Decision(ctx, "broken", 3)
	if err != nil || db.Action != "review" || !strings.Contains(string(db.Detail), "policy does not compile") {
		t.Errorf("decision without policy = %+v, %v", db, err)
	}
}

func TestRunDecidesEachItemOnce(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "sw.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.CreateWorkspace(ctx, store.Workspace{ID: "demo", Name: "demo"}, "system"); err != nil {
		t.Fatal(err)
	}
	const n = 700
	var items []ingest.Item
	for i := 0; i < n; i++ {
		items = append(items, ingest.Item{Channel: "fb", PlatformID: strconv.Itoa(i), Kind: ingest.KindComment, Text: "you idiot " + strconv.Itoa(i)})
	}
	for i := 0; i < n; i += 100 {
		if _, err := st.InsertItems(ctx, "demo", items[i:i+100], "test"); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	seen := map[int64]int{}
	done := make(chan struct{})
	p := &pipeline.Processor{
		Store: st, Engine: detect.NewEngine(nil, wordDetector{}), Batch: 64, Poll: 10 * time.Millisecond,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Resolve: func(context.Context, string) (*pipeline.Runtime, error) {
			return &pipeline.Runtime{Policy: hideInsults{}}, nil
		},
		OnDecided: func(ds []store.Decision) {
			mu.Lock()
			defer mu.Unlock()
			for _, d := range ds {
				seen[d.ItemID]++
			}
			if len(seen) == n {
				close(done)
			}
		},
	}
	rctx, cancel := context.WithCancel(ctx)
	stopped := make(chan struct{})
	go func() { p.Run(rctx); close(stopped) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("not every item was decided")
	}
	cancel()
	<-stopped
	for id, c := range seen {
		if c != 1 {
			t.Errorf("item %d handed to the store %d times", id, c)
		}
	}
	if pending, _ := st.PendingItems(ctx, 0, 10); len(pending) != 0 {
		t.Errorf("%d items still pending", len(pending))
	}
}

// TestProcessorDropsWhatTheChannelCannotDo: an insult read from a news
// feed (connected, read-only) gets no hide in the outbox, goes to review
// with why in its detail, and keeps its escalation; the same insult from
// an unconnected channel keeps today's hide.
func TestProcessorDropsWhatTheChannelCannotDo(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "sw.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.CreateWorkspace(ctx, store.Workspace{ID: "demo", Name: "demo"}, "system"); err != nil {
		t.Fatal(err)
	}
	items := []ingest.Item{
		{Channel: "rss:ch_news", PlatformID: "1", Kind: ingest.KindMention, Text: "you idiot", Lang: "en"},
		{Channel: "fb", PlatformID: "2", Kind: ingest.KindComment, Text: "you idiot", Lang: "en"},
	}
	if _, err := st.InsertItems(ctx, "demo", items, "test"); err != nil {
		t.Fatal(err)
	}
	var asked []string
	p := &pipeline.Processor{
		Store: st, Engine: detect.NewEngine(nil, wordDetector{}), Workers: 1, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Resolve: func(context.Context, string) (*pipeline.Runtime, error) {
			return &pipeline.Runtime{Policy: hideInsults{}}, nil
		},
		Capable: func(ws, ch string, k act.Kind) (bool, bool) {
			asked = append(asked, ws+" "+ch+" "+string(k))
			if ch != "rss:ch_news" {
				return false, false
			}
			return true, k == act.Escalate
		},
	}
	if n, err := p.Step(ctx); err != nil || n != 2 {
		t.Fatalf("Step = %d, %v", n, err)
	}
	d, err := st.Decision(ctx, "demo", 1)
	if err != nil {
		t.Fatal(err)
	}
	if d.Action != "review" || len(d.Actions) != 1 || d.Actions[0].Kind != act.Escalate {
		t.Errorf("news feed decision = %s with %+v; want review with the escalation only", d.Action, d.Actions)
	}
	got := pipeline.UnavailableIn(d.Detail)
	if len(got) != 1 || got[0] != (pipeline.Unavailable{Action: act.Hide, Rule: "R1", Channel: "rss:ch_news", Reason: "the channel cannot hide"}) {
		t.Errorf("unavailable = %+v (detail %s)", got, d.Detail)
	}
	if !strings.Contains(string(d.Detail), `"policy_verdict":"hide"`) {
		t.Errorf("detail does not keep the policy's verdict: %s", d.Detail)
	}
	d2, err := st.Decision(ctx, "demo", 2)
	if err != nil {
		t.Fatal(err)
	}
	if d2.Action != "hide" || len(d2.Actions) != 2 || len(pipeline.UnavailableIn(d2.Detail)) != 0 {
		t.Errorf("unconnected channel decision = %s with %+v, detail %s", d2.Action, d2.Actions, d2.Detail)
	}
	if len(asked) != 4 || asked[0] != "demo rss:ch_news hide" {
		t.Errorf("hook asked %v", asked)
	}
}
