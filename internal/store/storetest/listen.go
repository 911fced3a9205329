package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/store"
)

var listenT0 = time.Date(2026, 3, 2, 14, 0, 0, 0, time.UTC)

func testListenRollups(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	row := func(ch, topic string, at time.Time, vol, neg, newA int64, cats map[string]int64) store.ListenCount {
		return store.ListenCount{Workspace: "demo", Channel: ch, Topic: topic, Start: at, Volume: vol, Negative: neg, NewAuthors: newA, Categories: cats}
	}
	batches := [][]store.ListenCount{
		{
			row("facebook:page", "*", listenT0.Add(5*time.Minute), 3, 1, 1, map[string]int64{"insult": 1}),
			row("facebook:page", "*", listenT0.Add(6*time.Minute+30*time.Second), 2, 0, 0, nil), // seconds are truncated
			row("*", "*", listenT0.Add(5*time.Minute), 3, 1, 1, nil),
			row("facebook:page", "Dr Martin", listenT0.Add(5*time.Minute), 1, 1, 0, map[string]int64{"insult": 1}),
		},
		{
			// The same minute flushed again adds up: counters, not snapshots.
			row("facebook:page", "*", listenT0.Add(5*time.Minute), 2, 2, 0, map[string]int64{"insult": 1, "threat": 1}),
			row("facebook:page", "*", listenT0.Add(70*time.Minute), 4, 0, 0, nil),
		},
	}
	for _, b := range batches {
		if err := s.AddListenCounts(ctx, b); err != nil {
			t.Fatalf("AddListenCounts: %v", err)
		}
	}
	if err := s.AddListenCounts(ctx, nil); err != nil {
		t.Errorf("AddListenCounts(nil) = %v", err)
	}
	if err := s.AddListenCounts(ctx, []store.ListenCount{{Workspace: "demo", Start: listenT0}}); err == nil {
		t.Error("AddListenCounts without channel and topic succeeded")
	}
	type want struct {
		start    time.Duration // after listenT0
		vol, neg int64
		insult   int64
	}
	tests := []struct {
		name    string
		channel string
		topic   string
		res     time.Duration
		want    []want
	}{
		{"minutes", "facebook:page", "*", time.Minute, []want{{5 * time.Minute, 5, 3, 2}, {6 * time.Minute, 2, 0, 0}, {70 * time.Minute, 4, 0, 0}}},
		{"hours", "facebook:page", "*", time.Hour, []want{{0, 7, 3, 2}, {time.Hour, 4, 0, 0}}},
		{"topic", "facebook:page", "Dr Martin", time.Hour, []want{{0, 1, 1, 1}}},
		{"all channels", "*", "*", time.Minute, []want{{5 * time.Minute, 3, 1, 0}}},
		{"other series", "instagram:clinic", "*", time.Minute, nil},
	}
	for _, tt := range tests {
		got, err := s.ListenSeries(ctx, store.ListenQuery{Workspace: "demo", Channel: tt.channel, Topic: tt.topic, Resolution: tt.res, From: listenT0, To: listenT0.Add(3 * time.Hour)})
		if err != nil {
			t.Fatalf("%s: ListenSeries: %v", tt.name, err)
		}
		if len(got) != len(tt.want) {
			t.Errorf("%s: %d buckets %+v, want %d", tt.name, len(got), got, len(tt.want))
			continue
		}
		for i, w := range tt.want {
			g := got[i]
			if !g.Start.Equal(listenT0.Add(w.start)) || g.Volume != w.vol || g.Negative != w.neg || g.Categories["insult"] != w.insult {
				t.Errorf("%s[%d] = %+v, want %+v", tt.name, i, g, w)
			}
		}
	}
	if got, _ := s.ListenSeries(ctx, store.ListenQuery{Workspace: "demo", Channel: "facebook:page", Topic: "*", Resolution: time.Hour, From: listenT0, To: listenT0.Add(3 * time.Hour)}); len(got) > 0 && got[0].Categories["threat"] != 1 {
		t.Errorf("hour categories = %v, want threat 1", got[0].Categories)
	}
	if _, err := s.ListenSeries(ctx, store.ListenQuery{Workspace: "demo", Channel: "*", Topic: "*", Resolution: time.Second}); err == nil {
		t.Error("ListenSeries at one-second resolution succeeded")
	}
}

func testListenPrune(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	old, recent := listenT0.Add(-10*24*time.Hour), listenT0
	if err := s.AddListenCounts(ctx, []store.ListenCount{
		{Workspace: "demo", Channel: "*", Topic: "*", Start: old, Volume: 1, Categories: map[string]int64{"spam": 1}},
		{Workspace: "demo", Channel: "*", Topic: "*", Start: recent, Volume: 2},
	}); err != nil {
		t.Fatalf("AddListenCounts: %v", err)
	}
	// Minute rows older than a week go; hour rows stay for months.
	n, err := s.PruneListen(ctx, listenT0.Add(-7*24*time.Hour), listenT0.Add(-90*24*time.Hour))
	if err != nil || n != 1 {
		t.Fatalf("PruneListen = %d, %v; want 1 row", n, err)
	}
	q := store.ListenQuery{Workspace: "demo", Channel: "*", Topic: "*", From: old.Add(-time.Hour), To: listenT0.Add(time.Hour)}
	q.Resolution = time.Minute
	if got, _ := s.ListenSeries(ctx, q); len(got) != 1 || got[0].Volume != 2 {
		t.Errorf("minutes after prune = %+v, want the recent one", got)
	}
	q.Resolution = time.Hour
	if got, _ := s.ListenSeries(ctx, q); len(got) != 2 || got[0].Categories["spam"] != 1 {
		t.Errorf("hours after prune = %+v, want both", got)
	}
	if n, err := s.PruneListen(ctx, time.Time{}, listenT0.Add(time.Hour)); err != nil || n != 2 {
		t.Errorf("PruneListen(hours) = %d, %v; want 2", n, err)
	}
}
