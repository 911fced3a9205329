package crisis_test

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/crisis"
	"github.com/stormwatch/stormwatch/internal/store"
	"github.com/stormwatch/stormwatch/internal/store/sqlite"
)

const planDoc = `update_every_minutes: 30
escalation: The crisis lead decides; the municipal director is called when the press asks.
people:
  - {name: Anna Berg, role: crisis_lead, contact: "+46 70 000 00 00", deputy: Erik Lund}
  - {name: Sara Holm, role: spokesperson}
  - {name: Kundtjänst, role: customer_service, tasks: Answer questions on Facebook with the holding statement}
messages:
  - audience: residents
    message: We know, we are on it, next update at 14:00.
    channel: facebook
    timing: proactive
    owner: Sara Holm
    expected_effect: fewer repeated questions
  - audience: press
    message: Statement by the municipal director
    channel: press release
    timing: reactive
    owner: Anna Berg
holding_statements:
  sv: Vi känner till händelsen och återkommer med mer information.
  en: We are aware of the situation and will update you soon.
`

func TestParsePlan(t *testing.T) {
	tests := []struct {
		name, doc, err string
	}{
		{"full plan", planDoc, ""},
		{"empty", "", ""},
		{"unknown role", "people: [{name: X, role: boss}]", "role \"boss\""},
		{"person without name", "people: [{role: spokesperson}]", "people[1].name is empty"},
		{"bad timing", "messages: [{audience: a, message: m, channel: c, owner: o, timing: later}]", "timing \"later\""},
		{"message without channel", "messages: [{audience: a, message: m, owner: o, timing: reactive}]", "messages[1].channel is empty"},
		{"holding in an unknown language", "holding_statements: {xx: hello}", "holding statement in \"xx\""},
		{"unknown field", "peeple: []", "field peeple not found"},
		{"interval too long", "update_every_minutes: 100000", "update_every_minutes"},
		{"broken profile", "profile: 'rules: [1'", "crisis profile"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := crisis.ParsePlan([]byte(tt.doc))
			if tt.err == "" {
				if err != nil {
					t.Fatalf("ParsePlan: %v", err)
				}
				return
			}
			if err == nil || !errors.Is(err, crisis.ErrInvalid) || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("ParsePlan = %+v, %v; want ErrInvalid mentioning %q", p, err, tt.err)
			}
		})
	}
	p, _ := crisis.ParsePlan([]byte(planDoc))
	if p.UpdateEvery() != 30*time.Minute || len(p.PeopleIn("crisis_lead")) != 1 || p.HoldingIn("sv") == p.HoldingIn("de") || p.HoldingIn("de") != p.Holding["en"] {
		t.Errorf("plan = %+v", p)
	}
	if !bytes.Equal(p.ProfileYAML(), crisis.DefaultProfileYAML()) {
		t.Errorf("a plan without a profile runs the built-in one")
	}
}

func TestNextUpdate(t *testing.T) {
	t0 := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	active := store.CrisisRecord{Status: store.CrisisActive, StartedAt: t0, UpdateEvery: 30 * time.Minute}
	updated := active
	updated.LastUpdateAt = t0.Add(25 * time.Minute)
	ended := active
	ended.Status = store.CrisisEnded
	tests := []struct {
		name string
		c    store.CrisisRecord
		now  time.Time
		due  time.Time
		late bool
	}{
		{"fresh", active, t0.Add(10 * time.Minute), t0.Add(30 * time.Minute), false},
		{"due exactly", active, t0.Add(30 * time.Minute), t0.Add(30 * time.Minute), true},
		{"an update moves the next one", updated, t0.Add(40 * time.Minute), t0.Add(55 * time.Minute), false},
		{"ended: nothing due", ended, t0.Add(5 * time.Hour), time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			due, late := crisis.NextUpdate(tt.c, tt.now)
			if !due.Equal(tt.due) || late != tt.late {
				t.Errorf("NextUpdate = %v, %v; want %v, %v", due, late, tt.due, tt.late)
			}
		})
	}
}

func TestCrisisService(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.CreateWorkspace(ctx, store.Workspace{ID: "kommun", Name: "Kommun"}, "system"); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	svc := &crisis.Service{Store: st, Now: func() time.Time { return now }}
	if _, err := svc.SetPlan(ctx, "kommun", []byte("people: [{name: X, role: boss}]"), "user:1"); !errors.Is(err, crisis.ErrInvalid) {
		t.Fatalf("invalid plan stored: %v", err)
	}
	if _, err := svc.SetPlan(ctx, "kommun", []byte(planDoc), "user:1"); err != nil {
		t.Fatal(err)
	}
	// An alert proposes; proposing again returns the same proposal.
	a, _, err := st.OpenAlert(ctx, "kommun", store.NewAlert{Kind: store.AlertStorm, Severity: store.AlertCritical, Title: "Volume 6x on Facebook", DedupeKey: "storm:1", At: now}, "system:listen")
	if err != nil {
		t.Fatal(err)
	}
	prop, err := svc.Propose(ctx, "kommun", a.ID, "system:listen")
	if err != nil || prop.Status != store.CrisisProposed || prop.Severity != store.SeverityCritical || prop.Title != a.Title {
		t.Fatalf("Propose = %+v, %v", prop, err)
	}
	if again, _ := svc.Propose(ctx, "kommun", a.ID, "system:listen"); again.ID != prop.ID {
		t.Errorf("second proposal for the same alert made crisis %d", again.ID)
	}
	now = now.Add(5 * time.Minute)
	c, err := svc.Confirm(ctx, "kommun", prop.ID, "user:1")
	if err != nil || !c.Active() || c.UpdateEvery != 30*time.Minute || c.PlanVersion != 1 {
		t.Fatalf("Confirm = %+v, %v", c, err)
	}
	for _, bad := range []struct {
		kind, text string
		row        int
	}{{"gossip", "x", 0}, {store.CrisisEntryNote, "  ", 0}, {store.CrisisEntryEffect, "calmer", 0}, {store.CrisisEntryEffect, "calmer", 3}} {
		if _, err := svc.Record(ctx, "kommun", c.ID, bad.kind, bad.text, bad.row, "user:2"); !errors.Is(err, crisis.ErrInvalid) {
			t.Errorf("Record(%v) = %v, want ErrInvalid", bad, err)
		}
	}
	// A reminder when the update is late, once.
	now = now.Add(31 * time.Minute)
	if rs, err := svc.Remind(ctx); err != nil || len(rs) != 1 {
		t.Fatalf("Remind = %v, %v", rs, err)
	}
	if rs, _ := svc.Remind(ctx); len(rs) != 0 {
		t.Errorf("reminded twice for the same update")
	}
	for _, e := range []struct {
		kind, text string
		row        int
	}{{store.CrisisEntryUpdate, "Statement posted on Facebook", 0}, {store.CrisisEntryMessage, "Posted", 1}, {store.CrisisEntryEffect, "Questions halved within the hour", 1}} {
		if _, err := svc.Record(ctx, "kommun", c.ID, e.kind, e.text, e.row, "user:2"); err != nil {
			t.Fatal(err)
		}
	}
	if rs, _ := svc.Remind(ctx); len(rs) != 0 {
		t.Errorf("reminded right after an update")
	}
	now = now.Add(2 * time.Hour)
	if _, err := svc.End(ctx, "kommun", c.ID, "Calm again; plan worked", "user:1"); err != nil {
		t.Fatal(err)
	}
	r, err := svc.BuildReview(ctx, "kommun", c.ID)
	if err != nil {
		t.Fatal(err)
	}
	md := r.Markdown()
	for _, want := range []string{"# Post-incident review: Volume 6x on Facebook", "Proposed by alert", "crisis-2026-11-21.1", "| crisis_lead | Anna Berg |",
		"| 1 | residents |", "fewer repeated questions | 1 | Questions halved within the hour |", "| 2 | press |", "not recorded", "1 reminder(s)", "Calm again", "Duration: 2h31m0s"} {
		if !strings.Contains(md, want) {
			t.Errorf("review lacks %q:\n%s", want, md)
		}
	}
	var pdf bytes.Buffer
	if err := r.WritePDF(&pdf, now); err != nil || !bytes.HasPrefix(pdf.Bytes(), []byte("%PDF-")) {
		t.Errorf("WritePDF: %v, %d bytes", err, pdf.Len())
	}
}
