package checklist_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/checklist"
	"github.com/stormwatch/stormwatch/internal/store"
	"github.com/stormwatch/stormwatch/internal/store/sqlite"
)

// TestRemind: an overdue review raises one info alert, in the members'
// language, once per due date; sandboxes and fresh assessments do not.
func TestRemind(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	t0 := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	for _, ws := range []store.Workspace{{ID: "care", Name: "De Linde"}, {ID: "care-drill-1", Name: "Drill", Sandbox: true}} {
		if err := st.CreateWorkspace(ctx, ws, "system"); err != nil {
			t.Fatal(err)
		}
	}
	for i, lang := range []string{"nl", "nl", "en"} {
		if _, err := st.CreateUser(ctx, store.NewUser{Email: string(rune('a'+i)) + "@x.example", DisplayName: "U", Lang: lang, PasswordHash: "x"}, "care", "moderator", t0, "system"); err != nil {
			t.Fatal(err)
		}
	}
	for _, ws := range []string{"care", "care-drill-1"} {
		a := store.Assessment{Workspace: ws, Checklist: "ten-questions", At: t0, Answers: []store.ChecklistAnswer{{Question: "q1", Value: "yes"}}}
		if _, err := st.SaveAssessment(ctx, a, "user:1"); err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		name string
		now  time.Time
		want int
	}{
		{"fresh", t0.Add(30 * 24 * time.Hour), 0},
		{"overdue", t0.Add(181 * 24 * time.Hour), 1},
		{"again the next hour", t0.Add(181*24*time.Hour + time.Hour), 0},
	}
	for _, s := range steps {
		n, err := checklist.Remind(ctx, st, s.now)
		if err != nil || n != s.want {
			t.Fatalf("%s: Remind = %d, %v; want %d", s.name, n, err, s.want)
		}
	}
	as, _ := st.ListAlerts(ctx, "care", store.AlertFilter{})
	if len(as) != 1 || as[0].Kind != checklist.AlertKind || as[0].Severity != store.AlertInfo || !strings.HasPrefix(as[0].Title, "Herziening nodig: Tien checkvragen") || !strings.Contains(as[0].Title, "10%") || as[0].Occurrences != 1 {
		t.Errorf("alerts = %+v", as)
	}
	if sb, _ := st.ListAlerts(ctx, "care-drill-1", store.AlertFilter{}); len(sb) != 0 {
		t.Errorf("a sandbox got %d reminders", len(sb))
	}
}
