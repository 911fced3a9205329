// Package storetest is the one behavioural test suite every store backend
// must pass, so that SQLite and PostgreSQL mean the same thing by each call.
package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/audit"
	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/store"
)

// extra are suites registered by other files of this package (one file per
// domain adds its own with register in an init function), so that domains
// added side by side do not edit the same list.
var extra []struct {
	name string
	fn   func(t *testing.T, s store.Store)
}

func register(name string, fn func(t *testing.T, s store.Store)) {
	extra = append(extra, struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{name, fn})
}

// Run runs the suite; open must return a new, empty store each call.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"Workspaces", testWorkspaces},
		{"Tokens", testTokens},
		{"ItemsIdempotent", testItemsIdempotent},
		{"DecisionsAndOutbox", testDecisionsAndOutbox},
		{"OpenCaseOnce", testOpenCase},
		{"AuditChain", testAuditChain},
		{"Users", testUsers},
		{"LoginBookkeeping", testLoginBookkeeping},
		{"Sessions", testSessions},
		{"SecondFactor", testSecondFactor},
		{"Memberships", testMemberships},
		{"RemovalRevokes", testRemovalRevokes},
		{"Invitations", testInvitations},
		{"CursorsSavedWithItems", testCursors},
		{"CaseLifecycle", testCaseLifecycle},
		{"CaseIsolation", testCaseIsolation},
		{"CaseEvidence", testCaseEvidence},
		{"CaseFile", testCaseFile},
		{"OpenCaseGroups", testOpenCaseGroups},
		{"TemplateVersions", testTemplateVersions},
		{"DraftApproval", testDraftApproval},
		{"ConcurrentApprovals", testConcurrentApprovals},
		{"DeskQueue", testDeskQueue},
		{"DeskSteps", testDeskSteps},
		{"DeskClaims", testDeskClaims},
		{"DeskStats", testDeskStats},
		{"ListenRollups", testListenRollups},
		{"ListenPrune", testListenPrune},
		{"AlertDedupe", testAlertDedupe},
		{"AlertLifecycle", testAlertLifecycle},
		{"AlertDeliveriesAndRota", testAlertDeliveriesAndRota},
		{"CrisisPlan", testCrisisPlan},
		{"CrisisLifecycle", testCrisisLifecycle},
		{"AuthorsOffenders", testAuthorsOffenders},
		{"AuthorsSupporters", testAuthorsSupporters},
	}
	for _, x := range extra {
		tests = append(tests, struct {
			name string
			fn   func(t *testing.T, s store.Store)
		}{x.name, x.fn})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() { s.Close() })
			tt.fn(t, s)
		})
	}
}

func mustWorkspace(t *testing.T, s store.Store, id string) {
	t.Helper()
	if err := s.CreateWorkspace(context.Background(), store.Workspace{ID: id, Name: "Clinique " + id, PolicyYAML: []byte("rules: []"), PolicyVersion: "v1", Context: detect.Context{StaffNames: []string{"Dr Martin"}}}, "system"); err != nil {
		t.Fatalf("CreateWorkspace: %v", err)
	}
}

func testWorkspaces(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	if err := s.CreateWorkspace(ctx, store.Workspace{ID: "demo", Name: "again"}, "system"); !errors.Is(err, store.ErrConflict) {
		t.Errorf("second CreateWorkspace = %v, want ErrConflict", err)
	}
	ws, err := s.Workspace(ctx, "demo")
	if err != nil || ws.Name != "Clinique demo" || ws.PolicyVersion != "v1" || len(ws.Context.StaffNames) != 1 {
		t.Errorf("Workspace = %+v, %v", ws, err)
	}
	if _, err := s.Workspace(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Workspace(nope) = %v, want ErrNotFound", err)
	}
	if ws.Sandbox {
		t.Errorf("an ordinary workspace reads back as a sandbox")
	}
	if err := s.CreateWorkspace(ctx, store.Workspace{ID: "drill-1", Name: "Drill", Sandbox: true}, "system"); err != nil {
		t.Fatalf("CreateWorkspace(sandbox): %v", err)
	}
	if ws, err := s.Workspace(ctx, "drill-1"); err != nil || !ws.Sandbox {
		t.Errorf("sandbox workspace reads back as %+v, %v", ws, err)
	}
	if err := s.SetPolicy(ctx, "demo", []byte("rules: [x]"), "v2", "user:1"); err != nil {
		t.Fatalf("SetPolicy: %v", err)
	}
	if ws, _ := s.Workspace(ctx, "demo"); ws.PolicyVersion != "v2" || string(ws.PolicyYAML) != "rules: [x]" {
		t.Errorf("after SetPolicy: %+v", ws)
	}
	if err := s.SetPolicy(ctx, "nope", nil, "v2", "user:1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SetPolicy(nope) = %v, want ErrNotFound", err)
	}
	all, err := s.Workspaces(ctx)
	if err != nil || len(all) != 2 {
		t.Errorf("Workspaces = %v, %v", all, err)
	}
}

func testTokens(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	h := sha256.Sum256([]byte("sw_secret"))
	if _, err := s.CreateToken(ctx, "demo", "ci", h[:], "system"); err != nil {
		t.Fatalf("CreateToken: %v", err)
	}
	ws, id, err := s.TokenWorkspace(ctx, h[:])
	if err != nil || ws != "demo" || id == 0 {
		t.Errorf("TokenWorkspace = %q, %d, %v", ws, id, err)
	}
	other := sha256.Sum256([]byte("sw_other"))
	if _, _, err := s.TokenWorkspace(ctx, other[:]); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown token = %v, want ErrNotFound", err)
	}
	if _, err := s.CreateToken(ctx, "nope", "ci", other[:], "system"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("token for unknown workspace = %v, want ErrNotFound", err)
	}
}

func items(n int, prefix string) []ingest.Item {
	var out []ingest.Item
	for i := 0; i < n; i++ {
		out = append(out, ingest.Item{
			Channel: "facebook:page", PlatformID: fmt.Sprintf("%s-%d", prefix, i), Kind: ingest.KindComment,
			Text: fmt.Sprintf("commentaire %d", i), AuthorID: "a1", AuthorName: "Jeanne", Lang: "fr",
			CreatedAt: time.Date(2026, 11, 21, 9, 0, i, 0, time.UTC), Raw: json.RawMessage(fmt.Sprintf(`{"id":"%s-%d", "message":"x"}`, prefix, i)),
		})
	}
	return out
}

func testItemsIdempotent(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	mustWorkspace(t, s, "other")
	res, err := s.InsertItems(ctx, "demo", items(3, "p"), "token:1")
	if err != nil {
		t.Fatalf("InsertItems: %v", err)
	}
	for _, r := range res {
		if r.Duplicate || r.ID == 0 {
			t.Errorf("first insert result %+v", r)
		}
	}
	again, err := s.InsertItems(ctx, "demo", append(items(3, "p"), items(1, "q")...), "token:1")
	if err != nil {
		t.Fatalf("InsertItems again: %v", err)
	}
	for i := 0; i < 3; i++ {
		if !again[i].Duplicate || again[i].ID != res[i].ID {
			t.Errorf("re-insert %d = %+v, want duplicate of %d", i, again[i], res[i].ID)
		}
	}
	if again[3].Duplicate {
		t.Errorf("new item reported duplicate")
	}
	// The same platform id in another workspace is another item.
	if r, err := s.InsertItems(ctx, "other", items(1, "p"), "token:2"); err != nil || r[0].Duplicate {
		t.Errorf("other workspace insert = %+v, %v", r, err)
	}
	it, err := s.Item(ctx, "demo", res[1].ID)
	if err != nil {
		t.Fatalf("Item: %v", err)
	}
	want := items(3, "p")[1]
	if it.Text != want.Text || it.AuthorName != "Jeanne" || !it.CreatedAt.Equal(want.CreatedAt) || string(it.Raw) != string(want.Raw) || it.ReceivedAt.IsZero() {
		t.Errorf("Item = %+v, want fields of %+v (raw verbatim)", it, want)
	}
	if _, err := s.Item(ctx, "other", res[1].ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Item across workspaces = %v, want ErrNotFound", err)
	}
	pending, err := s.PendingItems(ctx, 0, 100)
	if err != nil || len(pending) != 5 {
		t.Fatalf("PendingItems = %d, %v; want 5", len(pending), err)
	}
	if p, _ := s.PendingItems(ctx, pending[2].ID, 100); len(p) != 2 {
		t.Errorf("PendingItems after %d = %d, want 2", pending[2].ID, len(p))
	}
}

func decisionFor(it ingest.Item, action string, kinds ...act.Kind) store.Decision {
	d := store.Decision{ItemID: it.ID, Workspace: it.Workspace, Lang: "fr", Action: action, Rules: []string{"R1"}, PolicyVersion: "v1",
		Detectors: []string{"lexicon/1"}, DecidedAt: time.Now(),
		Signals: []detect.Signal{{Category: detect.Insult, Score: 0.9, Spans: []detect.Span{{0, 4}}, Detector: "lexicon", Version: "1"}}}
	for _, k := range kinds {
		d.Actions = append(d.Actions, act.Action{Workspace: it.Workspace, ItemID: it.ID, Channel: it.Channel, Kind: k, RuleID: "R1", RequestedBy: "policy",
			IdempotencyKey: act.Key(it.Workspace, fmt.Sprint(it.ID), "R1", string(k))})
	}
	return d
}

func testDecisionsAndOutbox(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	if _, err := s.InsertItems(ctx, "demo", items(3, "p"), "token:1"); err != nil {
		t.Fatal(err)
	}
	pending, _ := s.PendingItems(ctx, 0, 10)
	ds := []store.Decision{decisionFor(pending[0], "hide", act.Hide, act.Escalate), decisionFor(pending[1], "allow")}
	if err := s.SaveDecisions(ctx, ds); err != nil {
		t.Fatalf("SaveDecisions: %v", err)
	}
	// Replaying the same decisions (a crash between save and the next
	// fetch) changes nothing and queues nothing twice.
	if err := s.SaveDecisions(ctx, ds); err != nil {
		t.Fatalf("SaveDecisions replay: %v", err)
	}
	if p, _ := s.PendingItems(ctx, 0, 10); len(p) != 1 || p[0].ID != pending[2].ID {
		t.Errorf("pending after decisions = %v, want only item %d", p, pending[2].ID)
	}
	d, err := s.Decision(ctx, "demo", pending[0].ID)
	if err != nil || d.Action != "hide" || len(d.Signals) != 1 || d.Signals[0].Spans[0] != (detect.Span{0, 4}) || len(d.Actions) != 2 {
		t.Fatalf("Decision = %+v, %v", d, err)
	}
	now := time.Now()
	claims, err := s.ClaimActions(ctx, now, 10)
	if err != nil || len(claims) != 2 {
		t.Fatalf("ClaimActions = %d, %v; want 2", len(claims), err)
	}
	if claims[0].Item.ID != pending[0].ID || claims[0].Action.Status != act.Running || claims[0].Action.Attempts != 1 {
		t.Errorf("claim = %+v", claims[0])
	}
	if again, _ := s.ClaimActions(ctx, now, 10); len(again) != 0 {
		t.Errorf("claimed running actions twice: %d", len(again))
	}
	running, _ := s.RunningActions(ctx)
	if len(running) != 2 {
		t.Errorf("RunningActions = %d, want 2", len(running))
	}
	if err := s.FinishActions(ctx, act.Outcome{ActionID: claims[0].Action.ID, Status: act.Done, Result: "hidden"}); err != nil {
		t.Fatal(err)
	}
	retryAt := now.Add(time.Minute)
	if err := s.FinishActions(ctx, act.Outcome{ActionID: claims[1].Action.ID, Status: act.Pending, Err: "429", NextAttemptAt: retryAt}); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.ClaimActions(ctx, now, 10); len(c) != 0 {
		t.Errorf("claimed an action before its retry time")
	}
	c, err := s.ClaimActions(ctx, retryAt.Add(time.Second), 10)
	if err != nil || len(c) != 1 || c[0].Action.Attempts != 2 || c[0].Action.LastError != "429" {
		t.Fatalf("retry claim = %+v, %v", c, err)
	}
	counts, err := s.Counts(ctx)
	if err != nil || counts.PendingItems != 1 || counts.PendingActions != 0 {
		t.Errorf("Counts = %+v, %v", counts, err)
	}
	if err := s.FinishActions(ctx, act.Outcome{ActionID: 999999, Status: act.Done}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("FinishActions(unknown) = %v, want ErrNotFound", err)
	}
}

func testOpenCase(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	res, _ := s.InsertItems(ctx, "demo", items(1, "p"), "token:1")
	a := act.Action{Workspace: "demo", ItemID: res[0].ID, Kind: act.Escalate, RuleID: "R1", RequestedBy: "policy", IdempotencyKey: "esc-1", Params: json.RawMessage(`{"severity":"high"}`)}
	id1, err := s.OpenCase(ctx, a)
	if err != nil || id1 == 0 {
		t.Fatalf("OpenCase = %d, %v", id1, err)
	}
	id2, err := s.OpenCase(ctx, a)
	if err != nil || id2 != id1 {
		t.Errorf("OpenCase again = %d, %v; want %d", id2, err, id1)
	}
}

func testAuditChain(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	if _, err := s.InsertItems(ctx, "demo", items(2, "p"), "token:1"); err != nil {
		t.Fatal(err)
	}
	ev, err := s.AppendAudit(ctx, audit.Event{At: time.Now(), Workspace: "demo", Actor: "user:7", Kind: "item.hidden", Subject: "item:1"})
	if err != nil || ev.Seq == 0 || len(ev.Hash) != 32 {
		t.Fatalf("AppendAudit = %+v, %v", ev, err)
	}
	var v audit.Verifier
	var kinds []string
	if err := s.WalkAudit(ctx, func(e audit.Event) error { v.Add(e); kinds = append(kinds, e.Kind); return nil }); err != nil {
		t.Fatal(err)
	}
	head, err := s.AuditHead(ctx)
	if err != nil || head.Seq != ev.Seq {
		t.Fatalf("AuditHead = %v, %v", head, err)
	}
	if _, err := v.Finish(&head); err != nil {
		t.Errorf("fresh chain does not verify: %v", err)
	}
	want := []string{"workspace.created", "items.ingested", "item.hidden"}
	if fmt.Sprint(kinds) != fmt.Sprint(want) {
		t.Errorf("audit kinds = %v, want %v", kinds, want)
	}
}

func testCursors(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	if c, err := s.Cursor(ctx, "demo", "facebook:page"); err != nil || c != "" {
		t.Fatalf("cursor before any read = %q, %v", c, err)
	}
	if err := s.InsertItemsAt(ctx, "demo", items(3, "p"), "facebook:page", "c3", "source:fb"); err != nil {
		t.Fatal(err)
	}
	if err := s.InsertItemsAt(ctx, "demo", items(5, "p"), "facebook:page", "c5", "source:fb"); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.Cursor(ctx, "demo", "facebook:page"); c != "c5" {
		t.Errorf("cursor = %q, want c5", c)
	}
	if p, _ := s.PendingItems(ctx, 0, 100); len(p) != 5 {
		t.Errorf("%d items stored, want 5 (re-read items are duplicates)", len(p))
	}
	// A failed batch leaves the cursor where it was.
	bad := items(1, "x")
	bad[0].Kind = ""
	if err := s.InsertItemsAt(ctx, "ghost", bad, "facebook:page", "c9", "source:fb"); err == nil {
		t.Errorf("insert into an unknown workspace succeeded")
	}
	if c, _ := s.Cursor(ctx, "demo", "facebook:page"); c != "c5" {
		t.Errorf("cursor after a failed batch = %q, want c5", c)
	}
}
