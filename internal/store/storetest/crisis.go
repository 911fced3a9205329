package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/audit"
	"github.com/stormwatch/stormwatch/internal/store"
)

func testCrisisPlan(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	if _, err := s.CrisisPlan(ctx, "demo"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("CrisisPlan before any = %v, want ErrNotFound", err)
	}
	p, err := s.SetCrisisPlan(ctx, "demo", []byte("roles: []"), "user:1")
	if err != nil || p.Version != 1 {
		t.Fatalf("SetCrisisPlan = %+v, %v", p, err)
	}
	if p, err = s.SetCrisisPlan(ctx, "demo", []byte("roles: [x]"), "user:2"); err != nil || p.Version != 2 {
		t.Fatalf("SetCrisisPlan again = %+v, %v", p, err)
	}
	got, err := s.CrisisPlan(ctx, "demo")
	if err != nil || string(got.Doc) != "roles: [x]" || got.Version != 2 || got.UpdatedBy != "user:2" {
		t.Errorf("CrisisPlan = %+v, %v", got, err)
	}
	if _, err := s.SetCrisisPlan(ctx, "ghost", []byte("x"), "user:1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("plan for an unknown workspace = %v, want ErrNotFound", err)
	}
}

func testCrisisLifecycle(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	mustWorkspace(t, s, "other")
	t0 := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	if _, err := s.ActiveCrisis(ctx, "demo"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("ActiveCrisis before = %v, want ErrNotFound", err)
	}
	// A proposal from an alert: no case yet, no crisis mode yet.
	prop, err := s.StartCrisis(ctx, "demo", store.NewCrisis{Title: "Storm on Facebook", Proposed: true, AlertID: 7, At: t0}, "system:listen")
	if err != nil || prop.Status != store.CrisisProposed || prop.CaseID != 0 || prop.AlertID != 7 {
		t.Fatalf("propose = %+v, %v", prop, err)
	}
	if _, err := s.ActiveCrisis(ctx, "demo"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a proposal is active: %v", err)
	}
	// A lead starts another one directly: active, with its case.
	c, err := s.StartCrisis(ctx, "demo", store.NewCrisis{Title: "Vet accused", Severity: store.SeverityCritical, ProfileYAML: []byte("p"), ProfileVersion: "crisis-1",
		Plan: []byte("plan"), PlanVersion: 3, UpdateEvery: 30 * time.Minute, At: t0.Add(time.Minute)}, "user:1")
	if err != nil || c.Status != store.CrisisActive || c.CaseID == 0 || c.UpdateEvery != 30*time.Minute || !c.StartedAt.Equal(t0.Add(time.Minute)) || c.ProfileVersion != "crisis-1" {
		t.Fatalf("start = %+v, %v", c, err)
	}
	if cs, err := s.Case(ctx, "demo", c.CaseID); err != nil || cs.Title != "Vet accused" || cs.Severity != store.SeverityCritical || cs.Status != store.CaseOpen {
		t.Errorf("crisis case = %+v, %v", cs, err)
	}
	if a, err := s.ActiveCrisis(ctx, "demo"); err != nil || a.ID != c.ID || string(a.ProfileYAML) != "p" || string(a.Plan) != "plan" {
		t.Errorf("ActiveCrisis = %+v, %v", a, err)
	}
	if _, err := s.ActiveCrisis(ctx, "other"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("crisis leaks to another workspace: %v", err)
	}
	if _, err := s.CrisisByID(ctx, "other", c.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("CrisisByID across workspaces = %v", err)
	}
	// One active crisis at a time: neither a second start nor confirming
	// the proposal may make two.
	if _, err := s.StartCrisis(ctx, "demo", store.NewCrisis{Title: "Again"}, "user:1"); !errors.Is(err, store.ErrConflict) {
		t.Errorf("second active crisis = %v, want ErrConflict", err)
	}
	if _, err := s.ConfirmCrisis(ctx, "demo", prop.ID, "user:1", t0); !errors.Is(err, store.ErrConflict) {
		t.Errorf("confirm while another is active = %v, want ErrConflict", err)
	}
	if all, _ := s.ListCases(ctx, "demo", store.CaseFilter{}); len(all) != 1 {
		t.Errorf("%d cases, want 1 (refused starts open no case)", len(all))
	}
	// The timeline.
	up, err := s.AddCrisisEntry(ctx, "demo", c.ID, store.CrisisEntry{Kind: store.CrisisEntryUpdate, Text: "Statement posted", At: t0.Add(20 * time.Minute)}, "user:2")
	if err != nil || up.ID == 0 || up.Author != "user:2" {
		t.Fatalf("AddCrisisEntry = %+v, %v", up, err)
	}
	if _, err := s.AddCrisisEntry(ctx, "demo", c.ID, store.CrisisEntry{Kind: store.CrisisEntryEffect, Row: 2, Text: "Calmer", At: t0.Add(25 * time.Minute)}, "user:2"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.CrisisByID(ctx, "demo", c.ID); !got.LastUpdateAt.Equal(t0.Add(20 * time.Minute)) {
		t.Errorf("LastUpdateAt = %v, want the status update's time", got.LastUpdateAt)
	}
	if _, err := s.AddCrisisEntry(ctx, "other", c.ID, store.CrisisEntry{Kind: store.CrisisEntryNote, Text: "x"}, "user:9"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("entry across workspaces = %v, want ErrNotFound", err)
	}
	ended, err := s.EndCrisis(ctx, "demo", c.ID, "Calm again", "user:1", t0.Add(3*time.Hour))
	if err != nil || ended.Status != store.CrisisEnded || ended.Outcome != "Calm again" || !ended.EndedAt.Equal(t0.Add(3*time.Hour)) {
		t.Fatalf("EndCrisis = %+v, %v", ended, err)
	}
	if _, err := s.EndCrisis(ctx, "demo", c.ID, "", "user:1", t0); !errors.Is(err, store.ErrConflict) {
		t.Errorf("ending twice = %v, want ErrConflict", err)
	}
	if _, err := s.AddCrisisEntry(ctx, "demo", c.ID, store.CrisisEntry{Kind: store.CrisisEntryNote, Text: "late"}, "user:2"); !errors.Is(err, store.ErrConflict) {
		t.Errorf("entry after the end = %v, want ErrConflict", err)
	}
	es, err := s.CrisisEntries(ctx, "demo", c.ID)
	if err != nil || len(es) != 4 || es[0].Kind != store.CrisisEntryStarted || es[2].Row != 2 || es[3].Kind != store.CrisisEntryEnded {
		t.Errorf("CrisisEntries = %+v, %v", es, err)
	}
	// Now the proposal can be confirmed, then it is the active one.
	conf, err := s.ConfirmCrisis(ctx, "demo", prop.ID, "user:1", t0.Add(4*time.Hour))
	if err != nil || conf.Status != store.CrisisActive || conf.CaseID == 0 || conf.StartedBy != "user:1" {
		t.Fatalf("ConfirmCrisis = %+v, %v", conf, err)
	}
	if act, _ := s.ActiveCrises(ctx); len(act) != 1 || act[0].ID != prop.ID {
		t.Errorf("ActiveCrises = %+v", act)
	}
	if _, err := s.DismissCrisis(ctx, "demo", prop.ID, "no", "user:1", t0); !errors.Is(err, store.ErrConflict) {
		t.Errorf("dismissing an active crisis = %v, want ErrConflict", err)
	}
	p2, _ := s.StartCrisis(ctx, "other", store.NewCrisis{Title: "Maybe", Proposed: true}, "system:listen")
	if d, err := s.DismissCrisis(ctx, "other", p2.ID, "false alarm", "user:1", t0); err != nil || d.Status != store.CrisisDismissed {
		t.Errorf("DismissCrisis = %+v, %v", d, err)
	}
	if l, _ := s.ListCrises(ctx, "demo", 0); len(l) != 2 || l[0].ID != c.ID {
		t.Errorf("ListCrises = %+v (newest first)", l)
	}
	// Every step is in the audit trail.
	var kinds []string
	s.WalkAudit(ctx, func(e audit.Event) error {
		if len(e.Kind) > 7 && e.Kind[:7] == "crisis." {
			kinds = append(kinds, e.Kind)
		}
		return nil
	})
	want := []string{"crisis.proposed", "crisis.started", "crisis.status_update", "crisis.effect", "crisis.ended", "crisis.started", "crisis.proposed", "crisis.dismissed"}
	if len(kinds) != len(want) {
		t.Fatalf("crisis audit = %v, want %v", kinds, want)
	}
	for i := range want {
		if kinds[i] != want[i] {
			t.Errorf("crisis audit = %v, want %v", kinds, want)
			break
		}
	}
}
