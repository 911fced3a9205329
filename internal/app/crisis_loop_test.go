package app

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/alert"
	"github.com/stormwatch/stormwatch/internal/crisis"
	"github.com/stormwatch/stormwatch/internal/policy"
	"github.com/stormwatch/stormwatch/internal/store"
	"github.com/stormwatch/stormwatch/internal/store/sqlite"
)

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// TestCrisisReminders: ticking every minute on a fake clock, an active
// crisis gets one reminder and one alert per missed status update (the
// same missed update ticked again adds neither, whatever the silence), a
// status update resets the schedule, and nothing comes after the end.
func TestCrisisReminders(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.CreateWorkspace(ctx, store.Workspace{ID: "demo", Name: "Kommun", PolicyYAML: policy.DefaultYAML(), PolicyVersion: policy.Default().Version()}, "system"); err != nil {
		t.Fatal(err)
	}
	clock := &fakeClock{t: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	svc := &crisis.Service{Store: st, Now: clock.Now}
	esc := &alert.Escalator{Store: st, Dispatch: &alert.Dispatcher{Store: st, Log: log, Now: clock.Now}, Now: clock.Now, Log: log}
	loop := &CrisisReminders{Crisis: svc, Store: st, Escalate: esc, Log: log}

	c, err := svc.Start(ctx, "demo", "Storm about the school closure", "", "user:1")
	if err != nil {
		t.Fatal(err)
	}
	every := c.UpdateEvery
	if every <= 0 {
		t.Fatalf("crisis without an update interval")
	}
	counts := func() (reminders, alerts int) {
		t.Helper()
		es, err := st.CrisisEntries(ctx, "demo", c.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			if e.Kind == store.CrisisEntryReminder {
				reminders++
			}
		}
		as, err := st.ListAlerts(ctx, "demo", store.AlertFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range as {
			if a.Kind == AlertCrisisUpdateDue {
				alerts++
			}
		}
		return
	}
	tickFor := func(d time.Duration) {
		t.Helper()
		for range int(d / time.Minute) {
			clock.Add(time.Minute)
			if err := loop.Tick(ctx); err != nil {
				t.Fatal(err)
			}
		}
	}
	tests := []struct {
		name                 string
		run                  func()
		reminders, alertsNum int
	}{
		{"on time: nothing", func() { tickFor(every - time.Minute) }, 0, 0},
		{"first missed update", func() { tickFor(time.Minute) }, 1, 1},
		// crisis.Remind keys a miss on its due time, which only moves when
		// an update is given: a longer silence is the same missed update.
		{"the same miss ticked for two more intervals", func() { tickFor(2 * every) }, 1, 1},
		{"a status update resets the schedule", func() {
			if _, err := svc.Record(ctx, "demo", c.ID, store.CrisisEntryUpdate, "Statement published", 0, "user:1"); err != nil {
				t.Fatal(err)
			}
			tickFor(every - time.Minute)
		}, 1, 1},
		{"the next missed update", func() { tickFor(time.Minute) }, 2, 2},
		{"after the end: none", func() {
			if _, err := svc.End(ctx, "demo", c.ID, "calm again", "user:1"); err != nil {
				t.Fatal(err)
			}
			tickFor(3 * every)
		}, 2, 2},
	}
	for _, tt := range tests {
		tt.run()
		if r, a := counts(); r != tt.reminders || a != tt.alertsNum {
			t.Fatalf("%s: %d reminders, %d alerts; want %d, %d", tt.name, r, a, tt.reminders, tt.alertsNum)
		}
	}
}
