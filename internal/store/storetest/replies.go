package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/store"
)

func replyTemplate(t *testing.T, s store.Store, id, lang string, status store.TemplateStatus, actor string) store.Template {
	t.Helper()
	tpl, err := s.CreateTemplate(context.Background(), store.Template{Workspace: "demo", ID: id, Group: "condolences", Lang: lang, Name: "Condoléances",
		Tone: "compassionate", Situations: []string{"death", "complaint"}, Body: "Bonjour {{author}}, toute l'équipe partage votre peine.", Status: status, CreatedAt: t0}, actor)
	if err != nil {
		t.Fatalf("CreateTemplate(%s): %v", id, err)
	}
	return tpl
}

func testTemplateVersions(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	before := headSeq(t, s)
	v1 := replyTemplate(t, s, "condolences.fr", "fr", store.TemplateDraft, "user:1")
	if v1.Version != 1 || v1.Status != store.TemplateDraft || v1.CreatedBy != "user:1" {
		t.Fatalf("CreateTemplate = %+v", v1)
	}
	if _, err := s.CreateTemplate(ctx, store.Template{Workspace: "demo", ID: "condolences.fr", Lang: "fr", Name: "x", Tone: "firm", Body: "x"}, "user:1"); !errors.Is(err, store.ErrConflict) {
		t.Errorf("duplicate id = %v, want ErrConflict", err)
	}
	if _, err := s.CreateTemplate(ctx, store.Template{Workspace: "ghost", ID: "x", Lang: "fr", Name: "x", Tone: "firm", Body: "x"}, "user:1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown workspace = %v, want ErrNotFound", err)
	}
	if _, err := s.LiveTemplate(ctx, "demo", "condolences.fr"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a draft template is live: %v", err)
	}
	if _, err := s.ApproveTemplate(ctx, "demo", "condolences.fr", 1, t0, "user:1"); !errors.Is(err, store.ErrOwnDraft) {
		t.Errorf("author approving = %v, want ErrOwnDraft", err)
	}
	a1, err := s.ApproveTemplate(ctx, "demo", "condolences.fr", 1, t0, "user:2")
	if err != nil || a1.Status != store.TemplateApproved || a1.ApprovedBy != "user:2" {
		t.Fatalf("ApproveTemplate = %+v, %v", a1, err)
	}
	if _, err := s.ApproveTemplate(ctx, "demo", "condolences.fr", 1, t0, "user:3"); !errors.Is(err, store.ErrAlreadyDecided) {
		t.Errorf("approving twice = %v, want ErrAlreadyDecided", err)
	}
	edit := store.Template{Workspace: "demo", ID: "condolences.fr", Name: "Condoléances (v2)", Tone: "compassionate", Situations: []string{"death"}, Body: "Bonjour {{author}}, nous pensons à vous.", CreatedAt: t0.Add(time.Hour)}
	v2, err := s.ReviseTemplate(ctx, edit, 1, "user:3")
	if err != nil || v2.Version != 2 || v2.Status != store.TemplateDraft || v2.Lang != "fr" || v2.Group != "condolences" {
		t.Fatalf("ReviseTemplate = %+v, %v", v2, err)
	}
	if _, err := s.ReviseTemplate(ctx, edit, 1, "user:3"); !errors.Is(err, store.ErrStaleVersion) {
		t.Errorf("revision of a stale version = %v, want ErrStaleVersion", err)
	}
	if live, err := s.LiveTemplate(ctx, "demo", "condolences.fr"); err != nil || live.Version != 1 {
		t.Errorf("live while v2 is a draft = %+v, %v; want v1", live, err)
	}
	if _, err := s.ApproveTemplate(ctx, "demo", "condolences.fr", 1, t0, "user:2"); !errors.Is(err, store.ErrStaleVersion) {
		t.Errorf("approving an older version = %v, want ErrStaleVersion", err)
	}
	if _, err := s.ApproveTemplate(ctx, "demo", "condolences.fr", 2, t0, "user:2"); err != nil {
		t.Fatal(err)
	}
	if live, _ := s.LiveTemplate(ctx, "demo", "condolences.fr"); live.Version != 2 || live.Body != edit.Body {
		t.Errorf("live after approving v2 = %+v", live)
	}
	versions, err := s.TemplateVersions(ctx, "demo", "condolences.fr")
	if err != nil || len(versions) != 2 || versions[0].Status != store.TemplateRetired || versions[0].Body == versions[1].Body {
		t.Errorf("versions = %+v, %v; want v1 retired with its own words kept", versions, err)
	}
	if got, _ := s.Template(ctx, "demo", "condolences.fr", 1); got.Body != v1.Body {
		t.Errorf("version 1 body changed: %q", got.Body)
	}

	replyTemplate(t, s, "condolences.en", "en", store.TemplateApproved, "system")
	for _, tt := range []struct {
		f    store.TemplateFilter
		want []string
	}{
		{store.TemplateFilter{}, []string{"condolences.en", "condolences.fr"}},
		{store.TemplateFilter{Lang: "en"}, []string{"condolences.en"}},
		{store.TemplateFilter{Situation: "complaint"}, []string{"condolences.en"}},
		{store.TemplateFilter{Situation: "death", Status: store.TemplateApproved}, []string{"condolences.en", "condolences.fr"}},
		{store.TemplateFilter{Tone: "firm"}, nil},
	} {
		got, err := s.Templates(ctx, "demo", tt.f)
		var ids []string
		for _, g := range got {
			ids = append(ids, g.ID)
		}
		if err != nil || fmt.Sprint(ids) != fmt.Sprint(tt.want) {
			t.Errorf("Templates(%+v) = %v, %v; want %v", tt.f, ids, err, tt.want)
		}
	}
	if err := s.RetireTemplate(ctx, "demo", "condolences.fr", t0, "user:2"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LiveTemplate(ctx, "demo", "condolences.fr"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("retired template still live: %v", err)
	}
	if _, err := s.ReviseTemplate(ctx, edit, 2, "user:3"); !errors.Is(err, store.ErrRetired) {
		t.Errorf("revising a retired template = %v, want ErrRetired", err)
	}
	if _, err := s.Template(ctx, "demo", "nope", 0); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown template = %v, want ErrNotFound", err)
	}
	want := []string{"template.created", "template.approved", "template.revised", "template.approved", "template.created", "template.approved", "template.retired"}
	if got := auditTail(t, s, before); !slices.Equal(got, want) {
		t.Errorf("audit = %v, want %v", got, want)
	}
}

func replyItem(t *testing.T, s store.Store, channel string) int64 {
	t.Helper()
	its := items(1, "r"+channel)
	its[0].Channel = channel
	res, err := s.InsertItems(context.Background(), "demo", its, "token:1")
	if err != nil {
		t.Fatal(err)
	}
	return res[0].ID
}

func replyDraft(item int64, key, by string) store.Draft {
	return store.Draft{Workspace: "demo", ItemID: item, Lang: "fr", Text: "Bonjour Jeanne, nous sommes désolés.", RequestKey: key,
		Status: store.DraftPending, CreatedBy: by, CreatedAt: t0, Warnings: []byte(`[{"cue":"blame"}]`)}
}

func testDraftApproval(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	item := replyItem(t, s, "facebook:page")
	before := headSeq(t, s)
	d, err := s.CreateDraft(ctx, replyDraft(item, "k1", "user:1"), false)
	if err != nil || d.ID == 0 || d.Status != store.DraftPending || d.Channel != "facebook:page" || string(d.Warnings) != `[{"cue":"blame"}]` {
		t.Fatalf("CreateDraft = %+v, %v", d, err)
	}
	again, err := s.CreateDraft(ctx, replyDraft(item, "k1", "user:1"), false)
	if err != nil || again.ID != d.ID {
		t.Errorf("same request key = %+v, %v; want draft %d again", again, err, d.ID)
	}
	if _, err := s.CreateDraft(ctx, replyDraft(99999, "k2", "user:1"), false); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("draft for unknown item = %v, want ErrNotFound", err)
	}
	if _, err := s.SendDraft(ctx, "demo", d.ID, t0, "user:2"); !errors.Is(err, store.ErrNotApproved) {
		t.Errorf("sending a pending draft = %v, want ErrNotApproved", err)
	}
	if _, err := s.DecideDraft(ctx, "demo", d.ID, true, "", t0, "user:1"); !errors.Is(err, store.ErrOwnDraft) {
		t.Errorf("drafter approving = %v, want ErrOwnDraft", err)
	}
	ok, err := s.DecideDraft(ctx, "demo", d.ID, true, "good", t0.Add(time.Minute), "user:2")
	if err != nil || ok.Status != store.DraftApproved || ok.Basis != store.BasisApprover || ok.DecidedBy != "user:2" || ok.Comment != "good" {
		t.Fatalf("DecideDraft = %+v, %v", ok, err)
	}
	if _, err := s.DecideDraft(ctx, "demo", d.ID, false, "no", t0, "user:3"); !errors.Is(err, store.ErrAlreadyDecided) {
		t.Errorf("deciding twice = %v, want ErrAlreadyDecided", err)
	}
	sent, err := s.SendDraft(ctx, "demo", d.ID, t0.Add(2*time.Minute), "user:3")
	if err != nil || sent.Status != store.DraftSent || sent.SentBy != "user:3" || sent.ActionKey == "" {
		t.Fatalf("SendDraft = %+v, %v", sent, err)
	}
	if again, err := s.SendDraft(ctx, "demo", d.ID, t0.Add(3*time.Minute), "user:3"); err != nil || again.SentAt != sent.SentAt {
		t.Errorf("second send = %+v, %v; want the first send unchanged", again, err)
	}
	claims, err := s.ClaimActions(ctx, t0.Add(time.Hour), 10)
	if err != nil || len(claims) != 1 {
		t.Fatalf("outbox after two sends = %d actions, %v; want 1", len(claims), err)
	}
	a := claims[0].Action
	var params struct{ Text string }
	_ = json.Unmarshal(a.Params, &params)
	if a.Kind != act.Reply || a.ItemID != item || a.RequestedBy != "user:3" || a.IdempotencyKey != sent.ActionKey || params.Text != d.Text {
		t.Errorf("reply action = %+v (%s)", a, a.Params)
	}

	// Rejection, and a rejected draft cannot be sent.
	r, _ := s.CreateDraft(ctx, replyDraft(item, "k3", "user:1"), false)
	if r, err = s.DecideDraft(ctx, "demo", r.ID, false, "too defensive", t0, "user:2"); err != nil || r.Status != store.DraftRejected {
		t.Fatalf("reject = %+v, %v", r, err)
	}
	if _, err := s.SendDraft(ctx, "demo", r.ID, t0, "user:2"); !errors.Is(err, store.ErrNotApproved) {
		t.Errorf("sending a rejected draft = %v, want ErrNotApproved", err)
	}
	// Approved at creation (a spokesperson) and sent in the same step.
	sp := replyDraft(item, "k4", "user:4")
	sp.Status, sp.Basis, sp.DecidedBy = store.DraftApproved, store.BasisSpeak, "user:4"
	if got, err := s.CreateDraft(ctx, sp, true); err != nil || got.Status != store.DraftSent || got.SentBy != "user:4" {
		t.Errorf("create and send = %+v, %v", got, err)
	}
	if _, err := s.Draft(ctx, "other", d.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("draft across workspaces = %v, want ErrNotFound", err)
	}
	queue, err := s.Drafts(ctx, "demo", store.DraftFilter{Status: store.DraftSent})
	if err != nil || len(queue) != 2 {
		t.Errorf("sent drafts = %d, %v; want 2", len(queue), err)
	}
	want := []string{"reply.drafted", "reply.approved", "reply.sent", "reply.drafted", "reply.rejected", "reply.drafted", "reply.sent"}
	if got := auditTail(t, s, before); !slices.Equal(got, want) {
		t.Errorf("audit = %v, want %v", got, want)
	}
}

// Two approvers click at the same moment: one wins, the other is told the
// draft was already decided, and the draft is decided once.
func testConcurrentApprovals(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	item := replyItem(t, s, "mastodon:org")
	for round := 0; round < 5; round++ {
		d, err := s.CreateDraft(ctx, replyDraft(item, fmt.Sprint("race-", round), "user:1"), false)
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = s.DecideDraft(ctx, "demo", d.ID, i%2 == 0, "", t0, fmt.Sprint("user:", 10+i))
			}()
		}
		wg.Wait()
		wins := 0
		for _, err := range errs {
			switch {
			case err == nil:
				wins++
			case !errors.Is(err, store.ErrAlreadyDecided):
				t.Errorf("losing approver got %v, want ErrAlreadyDecided", err)
			}
		}
		if wins != 1 {
			t.Errorf("round %d: %d approvers won, want exactly 1", round, wins)
		}
	}
}
