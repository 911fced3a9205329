package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/audit"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/store"
)

func auditKinds(t *testing.T, s store.Store, subject string) []string {
	t.Helper()
	var kinds []string
	err := s.WalkAudit(context.Background(), func(ev audit.Event) error {
		if ev.Subject == subject {
			kinds = append(kinds, ev.Kind)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return kinds
}

func testCaseLifecycle(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	res, _ := s.InsertItems(ctx, "demo", items(3, "p"), "token:1")
	c, err := s.CreateCase(ctx, "demo", store.NewCase{Title: "Harcèlement", Summary: "s", ItemIDs: []int64{res[0].ID, res[1].ID, res[0].ID}}, "user:1")
	if err != nil {
		t.Fatalf("CreateCase: %v", err)
	}
	if c.ID == 0 || c.Status != store.CaseOpen || c.Severity != store.SeverityNormal || c.ItemCount != 2 || c.CreatedBy != "user:1" {
		t.Errorf("created case = %+v", c)
	}
	if n, err := s.AddCaseItems(ctx, "demo", c.ID, []int64{res[1].ID, res[2].ID}, "user:2"); err != nil || n != 1 {
		t.Errorf("AddCaseItems = %d, %v; want 1 new", n, err)
	}
	title := "Harcèlement de l'équipe"
	c, err = s.UpdateCase(ctx, "demo", c.ID, store.CaseUpdate{Title: &title, Severity: store.SeverityHigh, Status: store.CaseMonitoring, FromStatus: store.CaseOpen, Reason: "calmer"}, "user:1")
	if err != nil || c.Title != title || c.Severity != store.SeverityHigh || c.Status != store.CaseMonitoring || !c.ClosedAt.IsZero() {
		t.Fatalf("UpdateCase = %+v, %v", c, err)
	}
	// A status change from a status the case is no longer in is refused.
	if _, err := s.UpdateCase(ctx, "demo", c.ID, store.CaseUpdate{Status: store.CaseClosed, FromStatus: store.CaseOpen}, "user:2"); !errors.Is(err, store.ErrConflict) {
		t.Errorf("stale status change = %v, want ErrConflict", err)
	}
	c, err = s.UpdateCase(ctx, "demo", c.ID, store.CaseUpdate{Status: store.CaseClosed, FromStatus: store.CaseMonitoring}, "user:1")
	if err != nil || c.ClosedAt.IsZero() {
		t.Errorf("close = %+v, %v", c, err)
	}
	if got, _ := s.ListCases(ctx, "demo", store.CaseFilter{Status: store.CaseClosed}); len(got) != 1 || got[0].ID != c.ID {
		t.Errorf("ListCases(closed) = %+v", got)
	}
	if got, _ := s.ListCases(ctx, "demo", store.CaseFilter{Status: store.CaseOpen}); len(got) != 0 {
		t.Errorf("ListCases(open) = %+v", got)
	}
	want := []string{"case.created", "case.items_added", "case.items_added", "case.status_changed", "case.severity_changed", "case.edited", "case.status_changed"}
	if got := auditKinds(t, s, fmt.Sprintf("case:%d", c.ID)); !slices.Equal(got, want) {
		t.Errorf("audit = %v, want %v", got, want)
	}
}

func testCaseIsolation(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	mustWorkspace(t, s, "other")
	mine, _ := s.InsertItems(ctx, "demo", items(1, "p"), "token:1")
	theirs, _ := s.InsertItems(ctx, "other", items(1, "q"), "token:2")
	c, err := s.CreateCase(ctx, "demo", store.NewCase{Title: "x"}, "user:1")
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name string
		err  error
	}{
		{"Case", func() error { _, err := s.Case(ctx, "other", c.ID); return err }()},
		{"CaseFile", func() error { _, err := s.CaseFile(ctx, "other", c.ID); return err }()},
		{"UpdateCase", func() error {
			_, err := s.UpdateCase(ctx, "other", c.ID, store.CaseUpdate{Severity: "low"}, "user:2")
			return err
		}()},
		{"AddCaseNote", func() error { _, err := s.AddCaseNote(ctx, "other", c.ID, "note", "x", "user:2"); return err }()},
		{"AddEvidence", func() error {
			_, err := s.AddEvidence(ctx, "other", c.ID, store.NewEvidence{Name: "a.txt", ContentType: "text/plain", Content: []byte("a")}, "user:2")
			return err
		}()},
		{"SetCaseRole", s.SetCaseRole(ctx, "other", c.ID, 1, "lead", "user:2")},
		{"another workspace's item", func() error {
			_, err := s.AddCaseItems(ctx, "demo", c.ID, []int64{mine[0].ID, theirs[0].ID}, "user:1")
			return err
		}()},
		{"unknown case", func() error { _, err := s.Case(ctx, "demo", 999); return err }()},
		{"unknown workspace", func() error { _, err := s.CreateCase(ctx, "nope", store.NewCase{Title: "x"}, "user:1"); return err }()},
	}
	for _, ch := range checks {
		if !errors.Is(ch.err, store.ErrNotFound) {
			t.Errorf("%s = %v, want ErrNotFound", ch.name, ch.err)
		}
	}
	// The refused AddCaseItems linked nothing, not even the valid item.
	if got, _ := s.Case(ctx, "demo", c.ID); got.ItemCount != 0 {
		t.Errorf("half-applied AddCaseItems: %d items linked", got.ItemCount)
	}
}

func testCaseEvidence(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	c1, _ := s.CreateCase(ctx, "demo", store.NewCase{Title: "one"}, "user:1")
	c2, _ := s.CreateCase(ctx, "demo", store.NewCase{Title: "two"}, "user:1")
	content := []byte("09:12 appel de Mme D., 4 min\n")
	sum := sha256.Sum256(content)
	e1, err := s.AddEvidence(ctx, "demo", c1.ID, store.NewEvidence{Name: "appels.txt", ContentType: "text/plain", Description: "standard", Content: content}, "user:1")
	if err != nil || e1.ID == 0 || e1.Size != int64(len(content)) || e1.SHA256 != hex.EncodeToString(sum[:]) || e1.UploadedBy != "user:1" {
		t.Fatalf("AddEvidence = %+v, %v", e1, err)
	}
	// The same file on another case is another record sharing the content.
	if _, err := s.AddEvidence(ctx, "demo", c2.ID, store.NewEvidence{Name: "copy.txt", ContentType: "text/plain", Content: content}, "user:1"); err != nil {
		t.Fatalf("same content on a second case: %v", err)
	}
	got, b, err := s.EvidenceContent(ctx, "demo", c1.ID, e1.ID)
	if err != nil || string(b) != string(content) || got.Name != "appels.txt" || got.Description != "standard" {
		t.Errorf("EvidenceContent = %+v, %q, %v", got, b, err)
	}
	if _, _, err := s.EvidenceContent(ctx, "demo", c2.ID, e1.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("evidence through another case = %v, want ErrNotFound", err)
	}
	// Closed: no new evidence or items; notes still.
	if _, err := s.UpdateCase(ctx, "demo", c1.ID, store.CaseUpdate{Status: store.CaseClosed, FromStatus: store.CaseOpen}, "user:1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddEvidence(ctx, "demo", c1.ID, store.NewEvidence{Name: "late.txt", ContentType: "text/plain", Content: []byte("x")}, "user:1"); !errors.Is(err, store.ErrCaseClosed) {
		t.Errorf("evidence on closed case = %v, want ErrCaseClosed", err)
	}
	res, _ := s.InsertItems(ctx, "demo", items(1, "late"), "token:1")
	before, _ := s.AuditHead(ctx)
	if _, err := s.AddCaseItems(ctx, "demo", c1.ID, []int64{res[0].ID}, "user:1"); !errors.Is(err, store.ErrCaseClosed) {
		t.Errorf("items on closed case = %v, want ErrCaseClosed", err)
	}
	if after, _ := s.AuditHead(ctx); after.Seq != before.Seq {
		t.Errorf("refused changes were audited")
	}
	if n, err := s.AddCaseNote(ctx, "demo", c1.ID, "agreement", "Accord trouvé.", "user:1"); err != nil || n.ID == 0 || n.Kind != "agreement" {
		t.Errorf("note on closed case = %+v, %v", n, err)
	}
}

func testCaseFile(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	res, _ := s.InsertItems(ctx, "demo", items(2, "p"), "token:1")
	other, _ := s.InsertItems(ctx, "demo", items(1, "unrelated"), "token:1")
	if err := s.SaveDecisions(ctx, []store.Decision{decisionFor(ingest.Item{ID: res[0].ID, Workspace: "demo"}, "hide", act.Hide)}); err != nil {
		t.Fatal(err)
	}
	u, err := s.CreateUser(ctx, store.NewUser{Email: "lea@example.org", DisplayName: "Léa", Lang: "fr", PasswordHash: "x"}, "demo", "admin", time.Now(), "system")
	if err != nil {
		t.Fatal(err)
	}
	c, _ := s.CreateCase(ctx, "demo", store.NewCase{Title: "t", Severity: store.SeverityCritical, ItemIDs: []int64{res[0].ID, res[1].ID}}, "user:1")
	if err := s.SetCaseRole(ctx, "demo", c.ID, u.ID, "lead", "user:1"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetCaseRole(ctx, "demo", c.ID, 999, "legal", "user:1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("role for unknown user = %v, want ErrNotFound", err)
	}
	s.AddCaseNote(ctx, "demo", c.ID, "mediation", "Médiation le 3 décembre.", "user:1")
	s.AddEvidence(ctx, "demo", c.ID, store.NewEvidence{Name: "a.txt", ContentType: "text/plain", Content: []byte("a")}, "user:1")
	f, err := s.CaseFile(ctx, "demo", c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if f.Workspace.Name != "Clinique demo" || len(f.Items) != 2 || len(f.Notes) != 1 || len(f.Evidence) != 1 || len(f.Roles) != 1 || f.Roles[0].Name != "Léa" {
		t.Fatalf("case file = %+v", f)
	}
	first := f.Items[0]
	if first.Item.ID != res[0].ID || string(first.Item.Raw) != `{"id":"p-0", "message":"x"}` || first.Decision == nil || first.Decision.Action != "hide" || len(first.Actions) != 1 {
		t.Errorf("first item = %+v", first)
	}
	if f.Items[1].Decision != nil {
		t.Errorf("undecided item has a decision")
	}
	head, _ := s.AuditHead(ctx)
	if f.AuditHead.Seq != head.Seq {
		t.Errorf("AuditHead = %d, want %d", f.AuditHead.Seq, head.Seq)
	}
	var kinds []string
	for _, ev := range f.Audit {
		kinds = append(kinds, ev.Kind)
		if ev.Kind == "items.ingested" && string(ev.Data) != "" && json.Valid(ev.Data) {
			var d struct {
				ItemIDs []int64 `json:"item_ids"`
			}
			json.Unmarshal(ev.Data, &d)
			if slices.Contains(d.ItemIDs, other[0].ID) {
				t.Errorf("audit excerpt holds the ingest of an unrelated item")
			}
		}
	}
	want := []string{"items.ingested", "item.decided", "case.created", "case.items_added", "case.role_set", "case.note_added", "case.evidence_added"}
	if !slices.Equal(kinds, want) {
		t.Errorf("audit excerpt = %v, want %v", kinds, want)
	}
	if _, err := s.RecordCaseExport(ctx, "demo", c.ID, "abc", "user:1"); err != nil {
		t.Errorf("RecordCaseExport: %v", err)
	}
}

// testOpenCaseGroups: escalations of one author's or one thread's items
// gather in one case; a closed case is never reused.
func testOpenCaseGroups(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	in := items(4, "p")
	in[2].AuthorID, in[2].ThreadID = "a2", "t9" // a stranger...
	in[3].AuthorID, in[3].ThreadID = "a3", "t9" // ...and another in the stranger's thread
	res, _ := s.InsertItems(ctx, "demo", in, "token:1")
	esc := func(i int, sev string) int64 {
		t.Helper()
		id, err := s.OpenCase(ctx, act.Action{Workspace: "demo", ItemID: res[i].ID, Kind: act.Escalate, RuleID: "R1", RequestedBy: "policy",
			IdempotencyKey: fmt.Sprintf("esc-%d", i), Params: json.RawMessage(`{"severity":"` + sev + `"}`)})
		if err != nil {
			t.Fatalf("OpenCase(%d): %v", i, err)
		}
		return id
	}
	a := esc(0, "normal")
	if b := esc(1, "critical"); b != a {
		t.Errorf("same author: case %d, want %d", b, a)
	}
	if c, _ := s.Case(ctx, "demo", a); c.Severity != store.SeverityCritical || c.ItemCount != 2 || c.Title != "Escalated by rule R1: Jeanne" {
		t.Errorf("grouped case = %+v", c)
	}
	esc(1, "low") // replay: nothing changes
	if c, _ := s.Case(ctx, "demo", a); c.Severity != store.SeverityCritical || c.ItemCount != 2 {
		t.Errorf("after replay = %+v", c)
	}
	d := esc(2, "high")
	if d == a {
		t.Errorf("another author joined the first case")
	}
	if e := esc(3, "high"); e != d {
		t.Errorf("same thread: case %d, want %d", e, d)
	}
	if _, err := s.UpdateCase(ctx, "demo", a, store.CaseUpdate{Status: store.CaseClosed, FromStatus: store.CaseOpen}, "user:1"); err != nil {
		t.Fatal(err)
	}
	more, _ := s.InsertItems(ctx, "demo", items(5, "p")[4:], "token:1")
	id, err := s.OpenCase(ctx, act.Action{Workspace: "demo", ItemID: more[0].ID, Kind: act.Escalate, RuleID: "R1", RequestedBy: "policy", IdempotencyKey: "esc-new"})
	if err != nil || id == a {
		t.Errorf("escalation after closing = %d, %v; want a new case", id, err)
	}
}
