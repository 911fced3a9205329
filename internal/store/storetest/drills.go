package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/audit"
	"github.com/stormwatch/stormwatch/internal/store"
)

func init() {
	register("ChecklistAssessments", testChecklistAssessments)
	register("DrillLifecycle", testDrillLifecycle)
	register("DrillIsolation", testDrillIsolation)
}

func auditKindsWith(t *testing.T, s store.Store, prefix string) []string {
	t.Helper()
	var kinds []string
	if err := s.WalkAudit(context.Background(), func(e audit.Event) error {
		if strings.HasPrefix(e.Kind, prefix) {
			kinds = append(kinds, e.Workspace+":"+e.Kind)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return kinds
}

// testChecklistAssessments: assessments are stored whole, listed newest
// first per checklist, kept per workspace, and audited.
func testChecklistAssessments(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	mustWorkspace(t, s, "other")
	t0 := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	first := store.Assessment{Workspace: "demo", Checklist: "ten-questions", Score: 8, Max: 20, At: t0,
		Answers: []store.ChecklistAnswer{{Question: "q1", Value: store.AnswerYes}, {Question: "q2", Value: store.AnswerNo, Note: "no plan yet"}}}
	a, err := s.SaveAssessment(ctx, first, "user:1")
	if err != nil || a.ID == 0 || a.By != "user:1" {
		t.Fatalf("SaveAssessment = %+v, %v", a, err)
	}
	second := first
	second.Score, second.At = 14, t0.Add(180*24*time.Hour)
	b, err := s.SaveAssessment(ctx, second, "user:2")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveAssessment(ctx, store.Assessment{Workspace: "demo", Checklist: "policy", Score: 3, Max: 10, At: t0}, "user:1"); err != nil {
		t.Fatal(err)
	}
	list, err := s.Assessments(ctx, "demo", "ten-questions", 0)
	if err != nil || len(list) != 2 || list[0].ID != b.ID || list[1].ID != a.ID {
		t.Fatalf("Assessments = %+v, %v; want newest first", list, err)
	}
	got := list[1]
	if !got.At.Equal(t0) || got.Score != 8 || got.Max != 20 || len(got.Answers) != 2 || got.Answers[1].Note != "no plan yet" || got.Answers[1].Value != store.AnswerNo {
		t.Errorf("read back %+v", got)
	}
	if all, _ := s.Assessments(ctx, "demo", "", 0); len(all) != 3 {
		t.Errorf("all checklists = %d, want 3", len(all))
	}
	if one, _ := s.Assessments(ctx, "demo", "", 1); len(one) != 1 {
		t.Errorf("limit 1 = %d", len(one))
	}
	if o, _ := s.Assessments(ctx, "other", "", 0); len(o) != 0 {
		t.Errorf("other workspace sees %d assessments", len(o))
	}
	if x, err := s.AssessmentByID(ctx, "demo", a.ID); err != nil || x.Score != 8 {
		t.Errorf("AssessmentByID = %+v, %v", x, err)
	}
	if _, err := s.AssessmentByID(ctx, "other", a.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("assessment across workspaces = %v, want ErrNotFound", err)
	}
	if _, err := s.SaveAssessment(ctx, store.Assessment{Workspace: "ghost", Checklist: "x"}, "user:1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown workspace = %v, want ErrNotFound", err)
	}
	if n := len(auditKindsWith(t, s, "checklist.")); n != 3 {
		t.Errorf("%d checklist audit events, want 3", n)
	}
}

func newDrill(ws, sandbox string, at time.Time, parts ...store.DrillParticipant) store.NewDrill {
	return store.NewDrill{Workspace: ws, SandboxID: sandbox, SandboxName: "Drill: clinic", Scenario: "vet-clinic", Title: "A patient died",
		Lang: "fr", Seed: 7, Speed: 10, Participants: parts, PolicyYAML: []byte("rules: []"), PolicyVersion: "v1", At: at}
}

// testDrillLifecycle: starting creates the sandbox workspace with the
// participants' roles; advancing is idempotent; ending freezes the
// debrief once.
func testDrillLifecycle(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	t0 := time.Date(2026, 11, 20, 17, 0, 0, 0, time.UTC)
	lead, err := s.CreateUser(ctx, store.NewUser{Email: "lead@x.example", DisplayName: "Lead", Lang: "fr", PasswordHash: "x"}, "demo", "crisis_lead", t0, "system")
	if err != nil {
		t.Fatal(err)
	}
	mod, err := s.CreateUser(ctx, store.NewUser{Email: "mod@x.example", DisplayName: "Mod", Lang: "fr", PasswordHash: "x"}, "demo", "moderator", t0, "system")
	if err != nil {
		t.Fatal(err)
	}
	parts := []store.DrillParticipant{{UserID: lead.ID, Name: "Lead", Role: "crisis_lead"}, {UserID: mod.ID, Name: "Mod", Role: "moderator"}}
	d, err := s.StartDrill(ctx, newDrill("demo", "drill-demo-1", t0, parts...), "user:1")
	if err != nil || d.ID == 0 || d.Sandbox != "drill-demo-1" || !d.Running() || d.Speed != 10 || d.Seed != 7 || len(d.Participants) != 2 || !d.StartedAt.Equal(t0) {
		t.Fatalf("StartDrill = %+v, %v", d, err)
	}
	ws, err := s.Workspace(ctx, "drill-demo-1")
	if err != nil || !ws.Sandbox || ws.PolicyVersion != "v1" || string(ws.PolicyYAML) != "rules: []" {
		t.Fatalf("sandbox workspace = %+v, %v", ws, err)
	}
	if m, err := s.Membership(ctx, "drill-demo-1", mod.ID); err != nil || m.Role != "moderator" {
		t.Errorf("moderator's sandbox membership = %+v, %v", m, err)
	}
	if _, err := s.StartDrill(ctx, newDrill("demo", "drill-demo-1", t0), "user:1"); !errors.Is(err, store.ErrConflict) {
		t.Errorf("second drill with the same sandbox = %v, want ErrConflict", err)
	}
	// A drill of a sandbox is refused: drills rehearse real workspaces.
	if _, err := s.StartDrill(ctx, newDrill("drill-demo-1", "drill-x", t0), "user:1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("drill of a sandbox = %v, want ErrNotFound", err)
	}
	if b, err := s.DrillBySandbox(ctx, "drill-demo-1"); err != nil || b.ID != d.ID {
		t.Errorf("DrillBySandbox = %+v, %v", b, err)
	}
	inj := store.DrillEvent{Kind: store.DrillEventInject, Ref: "journalist", Offset: 20 * time.Minute, Text: "A journalist calls", At: t0.Add(2 * time.Minute)}
	added, err := s.AdvanceDrill(ctx, "demo", d.ID, 12, []store.DrillEvent{inj}, "drill")
	if err != nil || len(added) != 1 || added[0].ID == 0 {
		t.Fatalf("AdvanceDrill = %+v, %v", added, err)
	}
	// The same inject again (a runner restarted) is not shown twice; the
	// cursor never goes back.
	if again, err := s.AdvanceDrill(ctx, "demo", d.ID, 5, []store.DrillEvent{inj}, "drill"); err != nil || len(again) != 0 {
		t.Errorf("AdvanceDrill again = %+v, %v", again, err)
	}
	if got, _ := s.Drill(ctx, "demo", d.ID); got.Cursor != 12 {
		t.Errorf("cursor = %d, want 12", got.Cursor)
	}
	evs, err := s.DrillEvents(ctx, "demo", d.ID)
	if err != nil || len(evs) != 1 || evs[0].Ref != "journalist" || evs[0].Offset != 20*time.Minute || !evs[0].At.Equal(t0.Add(2*time.Minute)) {
		t.Fatalf("DrillEvents = %+v, %v", evs, err)
	}
	if run, _ := s.RunningDrills(ctx); len(run) != 1 {
		t.Errorf("RunningDrills = %d, want 1", len(run))
	}
	deb := json.RawMessage(`{"ack_seconds":120}`)
	e, err := s.EndDrill(ctx, "demo", d.ID, deb, "user:1", t0.Add(time.Hour))
	if err != nil || e.Running() || e.EndedBy != "user:1" || string(e.Debrief) != string(deb) {
		t.Fatalf("EndDrill = %+v, %v", e, err)
	}
	if _, err := s.EndDrill(ctx, "demo", d.ID, deb, "user:1", t0.Add(time.Hour)); !errors.Is(err, store.ErrConflict) {
		t.Errorf("EndDrill twice = %v, want ErrConflict", err)
	}
	if _, err := s.AdvanceDrill(ctx, "demo", d.ID, 20, nil, "drill"); !errors.Is(err, store.ErrConflict) {
		t.Errorf("AdvanceDrill after the end = %v, want ErrConflict", err)
	}
	if run, _ := s.RunningDrills(ctx); len(run) != 0 {
		t.Errorf("RunningDrills after the end = %d", len(run))
	}
	if l, _ := s.ListDrills(ctx, "demo", 0); len(l) != 1 {
		t.Errorf("ListDrills = %d", len(l))
	}
	kinds := strings.Join(auditKindsWith(t, s, "drill."), " ")
	if kinds != "demo:drill.started drill-demo-1:drill.inject demo:drill.ended" {
		t.Errorf("drill audit = %s", kinds)
	}
}

// testDrillIsolation: another workspace cannot read or end a drill.
func testDrillIsolation(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	mustWorkspace(t, s, "other")
	d, err := s.StartDrill(ctx, newDrill("demo", "drill-demo-2", time.Now()), "user:1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Drill(ctx, "other", d.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Drill across workspaces = %v", err)
	}
	if _, err := s.EndDrill(ctx, "other", d.ID, nil, "user:9", time.Now()); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("EndDrill across workspaces = %v", err)
	}
	if evs, err := s.DrillEvents(ctx, "other", d.ID); err != nil || len(evs) != 0 {
		t.Errorf("DrillEvents across workspaces = %v, %v", evs, err)
	}
	if l, _ := s.ListDrills(ctx, "other", 0); len(l) != 0 {
		t.Errorf("ListDrills(other) = %d", len(l))
	}
	if _, err := s.StartDrill(ctx, newDrill("ghost", "drill-ghost", time.Now()), "user:1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("drill of an unknown workspace = %v", err)
	}
}
