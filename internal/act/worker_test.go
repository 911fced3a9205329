package act_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/store"
	"github.com/stormwatch/stormwatch/internal/store/sqlite"
)

// scripted is a platform that answers each call from a script.
type scripted struct {
	mu      sync.Mutex
	answers []error // consumed in order; nil = success
	calls   atomic.Int32
	dedupe  bool
	can     map[act.Kind]bool
}

func (s *scripted) Can(k act.Kind) bool { return s.can == nil || s.can[k] }
func (s *scripted) Deduplicates() bool  { return s.dedupe }
func (s *scripted) Execute(ctx context.Context, a act.Action, it ingest.Item) (string, error) {
	s.calls.Add(1)
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.answers) == 0 {
		return "ok", nil
	}
	err := s.answers[0]
	s.answers = s.answers[1:]
	if err == nil {
		return "ok", nil
	}
	return "", err
}

func setup(t *testing.T, kinds ...act.Kind) (*sqlite.Store, []act.Action) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "sw.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.CreateWorkspace(ctx, store.Workspace{ID: "demo", Name: "Demo"}, "system"); err != nil {
		t.Fatal(err)
	}
	res, err := st.InsertItems(ctx, "demo", []ingest.Item{{Channel: "mastodon:org", PlatformID: "1", Kind: ingest.KindComment, Text: "x"}}, "test")
	if err != nil {
		t.Fatal(err)
	}
	d := store.Decision{ItemID: res[0].ID, Workspace: "demo", Action: "hide", Signals: []detect.Signal{}, DecidedAt: time.Now()}
	for _, k := range kinds {
		d.Actions = append(d.Actions, act.Action{Workspace: "demo", ItemID: res[0].ID, Channel: "mastodon:org", Kind: k, RequestedBy: "policy", IdempotencyKey: act.Key("t", string(k))})
	}
	if err := st.SaveDecisions(ctx, []store.Decision{d}); err != nil {
		t.Fatal(err)
	}
	dd, _ := st.Decision(ctx, "demo", res[0].ID)
	return st, dd.Actions
}

// clock is a fake time the test moves forward.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func worker(st *sqlite.Store, actor act.Actor, c *clock) *act.Worker {
	return &act.Worker{Outbox: st, Route: func(act.Action) act.Actor { return actor }, Now: c.Now, MaxAttempts: 3,
		Backoff: act.Backoff{Base: time.Second, Max: time.Minute}, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
}

// drain attempts everything due now.
func drain(t *testing.T, w *act.Worker) {
	t.Helper()
	if _, err := w.RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func status(t *testing.T, st *sqlite.Store, a act.Action) act.Action {
	t.Helper()
	d, err := st.Decision(context.Background(), "demo", a.ItemID)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range d.Actions {
		if x.ID == a.ID {
			return x
		}
	}
	t.Fatalf("action %d gone", a.ID)
	return act.Action{}
}

func TestWorkerRetriesWithBackoffThenSucceeds(t *testing.T) {
	st, actions := setup(t, act.Hide)
	c := &clock{now: time.Now()}
	p := &scripted{answers: []error{errors.New("503"), act.RetryAfter(errors.New("429"), 30*time.Second)}}
	w := worker(st, p, c)
	drain(t, w)
	a := status(t, st, actions[0])
	if a.Status != act.Pending || a.Attempts != 1 || a.LastError != "503" {
		t.Fatalf("after a 503: %+v", a)
	}
	if d := a.NextAttemptAt.Sub(c.Now()); d < 800*time.Millisecond || d > 1200*time.Millisecond {
		t.Errorf("first retry in %s, want about 1s", d)
	}
	c.Add(2 * time.Second)
	drain(t, w)
	a = status(t, st, actions[0])
	if d := a.NextAttemptAt.Sub(c.Now()); a.Attempts != 2 || d < 29*time.Second {
		t.Fatalf("after a 429 with Retry-After 30s: next in %s, %+v", d, a)
	}
	c.Add(10 * time.Second)
	drain(t, w)
	if got := p.calls.Load(); got != 2 {
		t.Fatalf("retried before Retry-After: %d calls", got)
	}
	c.Add(25 * time.Second)
	drain(t, w)
	if a = status(t, st, actions[0]); a.Status != act.Done || p.calls.Load() != 3 {
		t.Fatalf("after success: %+v, %d calls", a, p.calls.Load())
	}
}

func TestWorkerGivesUp(t *testing.T) {
	tests := []struct {
		name    string
		actor   *scripted
		advance time.Duration
		want    string
		calls   int32
	}{
		{"permanent error", &scripted{answers: []error{act.Permanent(errors.New("403 forbidden"))}}, 0, "403 forbidden", 1},
		{"attempts exhausted", &scripted{answers: []error{errors.New("500"), errors.New("500"), errors.New("500"), nil}}, time.Hour, "gave up after 3 attempts", 3},
		{"channel cannot", &scripted{can: map[act.Kind]bool{}}, 0, "cannot hide", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, actions := setup(t, act.Hide)
			c := &clock{now: time.Now()}
			w := worker(st, tt.actor, c)
			for i := 0; i < 4; i++ {
				drain(t, w)
				c.Add(tt.advance)
			}
			a := status(t, st, actions[0])
			if a.Status != act.Failed || !strings.Contains(a.LastError, tt.want) || tt.actor.calls.Load() != tt.calls {
				t.Errorf("got %+v after %d calls; want failed with %q after %d", a, tt.actor.calls.Load(), tt.want, tt.calls)
			}
		})
	}
}

func TestRecoverSettlesInterruptedActions(t *testing.T) {
	for _, dedupe := range []bool{true, false} {
		t.Run(fmt.Sprintf("dedupe=%v", dedupe), func(t *testing.T) {
			st, actions := setup(t, act.Hide)
			c := &clock{now: time.Now()}
			// A crash after the claim: the action stays running.
			if _, err := st.ClaimActions(context.Background(), c.Now(), 10); err != nil {
				t.Fatal(err)
			}
			p := &scripted{dedupe: dedupe}
			w := worker(st, p, c)
			if err := w.Recover(context.Background()); err != nil {
				t.Fatal(err)
			}
			drain(t, w)
			a := status(t, st, actions[0])
			if dedupe && (a.Status != act.Done || p.calls.Load() != 1) {
				t.Errorf("deduplicating channel: %+v, %d calls; want retried once and done", a, p.calls.Load())
			}
			if !dedupe && (a.Status != act.Unknown || p.calls.Load() != 0) {
				t.Errorf("non-deduplicating channel: %+v, %d calls; want unknown and never re-run", a, p.calls.Load())
			}
		})
	}
}

func TestDryRunHasOneEffectPerKey(t *testing.T) {
	_, actions := setup(t, act.Hide, act.Block)
	log, err := sqlite.OpenEffectLog(context.Background(), filepath.Join(t.TempDir(), "effects.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	d := act.DryRun{Log: log}
	for i := 0; i < 3; i++ {
		for _, a := range actions {
			if _, err := d.Execute(context.Background(), a, ingest.Item{}); err != nil {
				t.Fatal(err)
			}
		}
	}
	applied, err := log.RecordEffect(context.Background(), actions[0])
	if err != nil || applied {
		t.Errorf("a fourth effect for the same key applied=%v err=%v", applied, err)
	}
}

func TestBackoffDelay(t *testing.T) {
	b := act.Backoff{Base: time.Second, Max: 10 * time.Second}
	for n, want := range map[int]time.Duration{1: time.Second, 2: 2 * time.Second, 3: 4 * time.Second, 4: 8 * time.Second, 5: 10 * time.Second, 40: 10 * time.Second} {
		if got := b.Delay(n); got != want {
			t.Errorf("Delay(%d) = %s, want %s", n, got, want)
		}
	}
	j := act.Backoff{Base: time.Second, Max: time.Minute, Jitter: 0.2}
	seen := map[time.Duration]bool{}
	for i := 0; i < 50; i++ {
		d := j.Delay(1)
		if d < 800*time.Millisecond || d > 1200*time.Millisecond {
			t.Fatalf("jittered delay %s outside ±20%%", d)
		}
		seen[d] = true
	}
	if len(seen) < 10 {
		t.Errorf("jitter gave only %d distinct delays", len(seen))
	}
}

// perKind retries replies (an idempotency key) but not reports.
type perKind struct{ scripted }

func (p *perKind) DeduplicatesKind(k act.Kind) bool { return k == act.Reply }

func TestRecoverAsksPerKind(t *testing.T) {
	st, actions := setup(t, act.Reply, act.Report)
	c := &clock{now: time.Now()}
	if _, err := st.ClaimActions(context.Background(), c.Now(), 10); err != nil {
		t.Fatal(err)
	}
	p := &perKind{}
	w := worker(st, p, c)
	if err := w.Recover(context.Background()); err != nil {
		t.Fatal(err)
	}
	drain(t, w)
	if a := status(t, st, actions[0]); a.Status != act.Done {
		t.Errorf("interrupted reply on a channel with idempotency keys: %+v, want retried and done", a)
	}
	if a := status(t, st, actions[1]); a.Status != act.Unknown {
		t.Errorf("interrupted report: %+v, want unknown (a person checks)", a)
	}
}
