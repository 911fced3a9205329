package tasks

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/store"
	"github.com/stormwatch/stormwatch/internal/store/sqlite"
)

func TestAddWorkingDays(t *testing.T) {
	day := func(d int, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, time.UTC) } // 16 Nov 2026 is a Monday
	tests := []struct {
		name string
		from time.Time
		n    int
		want time.Time
	}{
		{"monday", day(16, 10), 2, day(18, 10)},
		{"thursday crosses the weekend", day(19, 10), 2, day(23, 10)},
		{"friday", day(20, 17), 2, day(24, 17)},
		{"saturday counts from monday", day(21, 9), 2, day(25, 9)},
		{"sunday", day(22, 9), 2, day(25, 9)},
		{"zero days on a weekday", day(18, 9), 0, day(18, 9)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AddWorkingDays(tt.from, tt.n); !got.Equal(tt.want) {
				t.Errorf("AddWorkingDays(%s, %d) = %s, want %s", tt.from.Format("Mon 02 15h"), tt.n, got.Format("Mon 02 15h"), tt.want.Format("Mon 02 15h"))
			}
		})
	}
}

func TestServiceBoardAndComplete(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.CreateWorkspace(ctx, store.Workspace{ID: "demo", Name: "Clinic"}, "system"); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	s := &Service{Store: st, Now: func() time.Time { return now }}
	mk := func(key string, due time.Time) store.Task {
		tk, _, err := st.CreateTask(ctx, "demo", store.NewTask{Kind: KindSurveyFollowUp, Title: "Call back " + key, SourceKey: key, DueAt: due}, "token:1")
		if err != nil {
			t.Fatal(err)
		}
		return tk
	}
	late := mk("late", now.Add(-time.Hour))
	soon := mk("soon", now.Add(time.Hour))
	b, err := s.Board(ctx, "demo", 10)
	if err != nil || len(b.Overdue) != 1 || b.Overdue[0].ID != late.ID || len(b.Open) != 1 || b.Open[0].ID != soon.ID || len(b.Done) != 0 {
		t.Fatalf("Board = %+v, %v", b, err)
	}
	for _, bad := range []string{"", "   ", string(make([]byte, MaxOutcomeBytes+1))} {
		if _, err := s.Complete(ctx, "demo", late.ID, bad, "user:1"); !errors.Is(err, ErrInvalid) {
			t.Errorf("Complete(%.10q) = %v, want ErrInvalid", bad, err)
		}
	}
	if _, err := s.Complete(ctx, "demo", late.ID, " Rappelée, excuses présentées. ", "user:1"); err != nil {
		t.Fatal(err)
	}
	b, _ = s.Board(ctx, "demo", 10)
	if len(b.Overdue) != 0 || len(b.Done) != 1 || b.Done[0].Outcome != "Rappelée, excuses présentées." {
		t.Errorf("after complete: %+v", b)
	}
	if _, err := s.Assign(ctx, "demo", soon.ID, -1, "user:1"); !errors.Is(err, ErrInvalid) {
		t.Errorf("Assign(-1) = %v", err)
	}
}
