package source_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/source"
	"github.com/stormwatch/stormwatch/internal/store"
	"github.com/stormwatch/stormwatch/internal/store/sqlite"
)

// feed is a platform with a numbered stream of 100 posts; it serves 10
// per batch from the cursor and fails on every third call.
type feed struct {
	mu      sync.Mutex
	calls   int
	cursors []string // cursors it was started from
}

func (f *feed) Channel() string { return "mastodon:@org@social.example" }
func (f *feed) Capabilities() []source.Capability {
	return []source.Capability{source.ReadMentions, source.Reply}
}
func (f *feed) Run(ctx context.Context, cursor string, emit source.EmitFunc) error {
	f.mu.Lock()
	f.calls++
	call := f.calls
	f.cursors = append(f.cursors, cursor)
	f.mu.Unlock()
	next, _ := strconv.Atoi(cursor)
	for batch := 0; next < 100; batch++ {
		if call == 2 && batch == 1 {
			return errors.New("503 from the platform")
		}
		var items []ingest.Item
		for i := next; i < next+10; i++ {
			items = append(items, ingest.Item{PlatformID: fmt.Sprint(i), Kind: ingest.KindMention, Text: fmt.Sprintf("post %d", i)})
		}
		if err := emit(ctx, items, strconv.Itoa(next+10)); err != nil {
			return err
		}
		next += 10
	}
	<-ctx.Done()
	return nil
}

func TestRunnerResumesFromCheckpointWithoutLossOrDuplicates(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "sw.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.CreateWorkspace(ctx, store.Workspace{ID: "demo", Name: "Demo"}, "system"); err != nil {
		t.Fatal(err)
	}
	f := &feed{}
	var unhealthy []string
	run := func(stopAfter int) {
		rctx, cancel := context.WithCancel(ctx)
		r := &source.Runner{Workspace: "demo", Source: f, Store: st, MinWait: time.Millisecond, MaxWait: 5 * time.Millisecond, Failures: 1,
			Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Unhealthy: func(ch, why string) { unhealthy = append(unhealthy, why) },
			Ingested: func(int) {
				if c, _ := st.Cursor(ctx, "demo", f.Channel()); c == strconv.Itoa(stopAfter) {
					cancel()
				}
			}}
		done := make(chan struct{})
		go func() { r.Run(rctx); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatal("runner did not stop")
		}
		cancel()
	}
	run(40)  // a "restart" after 40 posts
	run(100) // resumes from the checkpoint, through a failure
	pending, err := st.PendingItems(ctx, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, it := range pending {
		if seen[it.PlatformID] || it.Channel != f.Channel() {
			t.Fatalf("item %s stored twice or on the wrong channel %q", it.PlatformID, it.Channel)
		}
		seen[it.PlatformID] = true
	}
	if len(seen) != 100 {
		t.Errorf("stored %d distinct posts, want 100", len(seen))
	}
	if fmt.Sprint(f.cursors) != "[ 40 50]" {
		t.Errorf("started from cursors %q, want \"\", 40 (restart), 50 (after the failure)", f.cursors)
	}
	if len(unhealthy) == 0 {
		t.Errorf("a failing channel was not reported")
	}
}

func TestHas(t *testing.T) {
	caps := (&feed{}).Capabilities()
	if !source.Has(caps, source.Reply) || source.Has(caps, source.Hide) {
		t.Errorf("Has(%v) wrong", caps)
	}
}

// stream stores one item and then fails, on every call, like a streaming
// connection that drops now and then; with broken set it fails at once.
type stream struct {
	mu     sync.Mutex
	calls  int
	broken bool
}

func (s *stream) Channel() string                   { return "mastodon:@org@social.example" }
func (s *stream) Capabilities() []source.Capability { return []source.Capability{source.ReadMentions} }
func (s *stream) Run(ctx context.Context, cursor string, emit source.EmitFunc) error {
	s.mu.Lock()
	s.calls++
	call := s.calls
	s.mu.Unlock()
	if !s.broken {
		item := ingest.Item{PlatformID: fmt.Sprint(call), Kind: ingest.KindMention, Text: fmt.Sprintf("post %d", call)}
		if err := emit(ctx, []ingest.Item{item}, strconv.Itoa(call)); err != nil {
			return err
		}
	}
	return errors.New("stream closed by the platform")
}

// TestRunnerCountsFailuresFromTheLastSuccess: a stream that delivers and
// then drops is healthy however many times it drops; one that never
// delivers is reported after Failures drops in a row.
func TestRunnerCountsFailuresFromTheLastSuccess(t *testing.T) {
	for _, tt := range []struct {
		name       string
		broken     bool
		wantReport bool
	}{
		{"delivers between drops", false, false},
		{"never delivers", true, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "sw.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			if err := st.CreateWorkspace(ctx, store.Workspace{ID: "demo", Name: "Demo"}, "test"); err != nil {
				t.Fatal(err)
			}
			src := &stream{broken: tt.broken}
			var mu sync.Mutex
			var reports []string
			r := &source.Runner{Workspace: "demo", Source: src, Store: st, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
				Failures: 3, MinWait: time.Microsecond, MaxWait: time.Microsecond,
				Unhealthy: func(channel, reason string) { mu.Lock(); reports = append(reports, reason); mu.Unlock() }}
			done := make(chan struct{})
			go func() { r.Run(ctx); close(done) }()
			for {
				src.mu.Lock()
				calls := src.calls
				src.mu.Unlock()
				if calls >= 12 {
					break
				}
				time.Sleep(time.Millisecond)
			}
			cancel()
			<-done
			mu.Lock()
			defer mu.Unlock()
			if got := len(reports) > 0; got != tt.wantReport {
				t.Errorf("reported unhealthy = %v (%q), want %v", got, reports, tt.wantReport)
			}
		})
	}
}
