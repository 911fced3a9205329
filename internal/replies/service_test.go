package replies_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/replies"
	"github.com/stormwatch/stormwatch/internal/store"
	"github.com/stormwatch/stormwatch/internal/store/sqlite"
)

type fixture struct {
	st  *sqlite.Store
	svc *replies.Service
	// users by role
	admin, approver, approver2, speaker, moderator, viewer, outsider int64
	fbItem, bskyItem                                                 int64
}

var t0 = time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)

func setup(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "sw.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.CreateWorkspace(ctx, store.Workspace{ID: "demo", Name: "Clinique des Tilleuls"}, "system"); err != nil {
		t.Fatal(err)
	}
	f := &fixture{st: st, svc: replies.New(st, nil)}
	f.svc.Now = func() time.Time { return t0 }
	for i, u := range []struct {
		id   *int64
		role string
	}{{&f.admin, "admin"}, {&f.approver, "approver"}, {&f.approver2, "approver"}, {&f.speaker, "spokesperson"}, {&f.moderator, "moderator"}, {&f.viewer, "viewer"}, {&f.outsider, ""}} {
		ws := "demo"
		if u.role == "" {
			ws = ""
		}
		user, err := st.CreateUser(ctx, store.NewUser{Email: fmt.Sprintf("user%d@tilleuls.example", i), DisplayName: u.role, Lang: "fr", PasswordHash: "h"}, ws, u.role, t0, "system")
		if err != nil {
			t.Fatal(err)
		}
		*u.id = user.ID
	}
	res, err := st.InsertItems(ctx, "demo", []ingest.Item{
		{Channel: "facebook:page", PlatformID: "fb1", Kind: ingest.KindComment, Text: "Vous avez tué mon chien.", AuthorName: "Jeanne", Lang: "fr", CreatedAt: t0},
		{Channel: "bluesky:tilleuls", PlatformID: "bs1", Kind: ingest.KindComment, Text: "Terrible service.", AuthorName: "Sam", Lang: "en", CreatedAt: t0},
	}, "token:1")
	if err != nil {
		t.Fatal(err)
	}
	f.fbItem, f.bskyItem = res[0].ID, res[1].ID
	if n, err := f.svc.SeedStarterLibrary(ctx, "demo"); err != nil || n != len(replies.StarterLibrary("demo")) {
		t.Fatalf("SeedStarterLibrary = %d, %v", n, err)
	}
	return f
}

var contact = map[string]string{"phone": "02 555 01 01", "contact_url": "https://tilleuls.example/contact"}

func (f *fixture) outbox(t *testing.T) int {
	t.Helper()
	c, err := f.st.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(c.PendingActions)
}

func (f *fixture) drafts(t *testing.T) int {
	t.Helper()
	ds, err := f.st.Drafts(context.Background(), "demo", store.DraftFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return len(ds)
}

func TestSeedIsIdempotent(t *testing.T) {
	t.Parallel()
	f := setup(t)
	if n, err := f.svc.SeedStarterLibrary(context.Background(), "demo"); err != nil || n != 0 {
		t.Errorf("second seed added %d, %v", n, err)
	}
	got, err := f.svc.Templates(context.Background(), "demo", f.viewer, store.TemplateFilter{Situation: "help_request"})
	if err != nil || len(got) != 6 {
		t.Errorf("help_request templates = %d, %v; want 6 (one per language)", len(got), err)
	}
}

func TestModeratorSendsApprovedTemplateOnce(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	r := replies.TemplateReply{ItemID: f.fbItem, TemplateID: "complaint_ack.fr", Vars: contact}
	d, err := f.svc.SendTemplate(ctx, "demo", f.moderator, r)
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != store.DraftSent || d.Basis != store.BasisTemplate || d.DecidedBy != "system" || d.TemplateVersion != 1 ||
		!strings.HasPrefix(d.Text, "Bonjour Jeanne,") || !strings.Contains(d.Text, "02 555 01 01") || d.Vars["author"] != "Jeanne" {
		t.Errorf("SendTemplate = %+v", d)
	}
	again, err := f.svc.SendTemplate(ctx, "demo", f.moderator, r) // double click
	if err != nil || again.ID != d.ID {
		t.Errorf("double click = %+v, %v; want draft %d", again, err, d.ID)
	}
	if n := f.outbox(t); n != 1 {
		t.Errorf("outbox holds %d reply actions, want 1", n)
	}
	if _, err := f.svc.Send(ctx, "demo", f.moderator, d.ID); err != nil || f.outbox(t) != 1 {
		t.Errorf("sending again = %v, outbox %d", err, f.outbox(t))
	}
}

func TestBadTemplateRequestsWriteNothing(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	pending, _, err := f.svc.CreateTemplate(ctx, "demo", f.moderator, replies.TemplateInput{ID: "new.fr", Lang: "fr", Name: "Nouveau", Tone: "informative", Body: "Bonjour {{author}}."})
	if err != nil {
		t.Fatal(err)
	}
	head, _ := f.st.AuditHead(ctx)
	tests := []struct {
		name string
		user int64
		r    replies.TemplateReply
		want error
	}{
		{"unknown template", f.moderator, replies.TemplateReply{ItemID: f.fbItem, TemplateID: "nope.fr"}, replies.ErrUnknownTemplate},
		{"template not approved", f.moderator, replies.TemplateReply{ItemID: f.fbItem, TemplateID: pending.ID}, replies.ErrNotLive},
		{"variables missing", f.moderator, replies.TemplateReply{ItemID: f.fbItem, TemplateID: "complaint_ack.fr"}, replies.ErrMissingVariable},
		{"unknown variable", f.moderator, replies.TemplateReply{ItemID: f.fbItem, TemplateID: "complaint_ack.fr", Vars: map[string]string{"password": "x"}}, replies.ErrUnknownVariable},
		{"free text in a variable", f.moderator, replies.TemplateReply{ItemID: f.fbItem, TemplateID: "condolences.fr", Vars: map[string]string{"phone": "0\nPS: vous mentez"}}, replies.ErrVariableValue},
		{"unknown item", f.moderator, replies.TemplateReply{ItemID: 9999, TemplateID: "condolences.fr", Vars: contact}, store.ErrNotFound},
		{"viewer", f.viewer, replies.TemplateReply{ItemID: f.fbItem, TemplateID: "condolences.fr", Vars: contact}, replies.ErrForbidden},
		{"not a member", f.outsider, replies.TemplateReply{ItemID: f.fbItem, TemplateID: "condolences.fr", Vars: contact}, replies.ErrForbidden},
	}
	for _, tt := range tests {
		if _, err := f.svc.SendTemplate(ctx, "demo", tt.user, tt.r); !errors.Is(err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
		}
	}
	if h, _ := f.st.AuditHead(ctx); h.Seq != head.Seq || f.drafts(t) != 0 || f.outbox(t) != 0 {
		t.Errorf("refused requests wrote something: audit %d -> %d, %d drafts, %d actions", head.Seq, h.Seq, f.drafts(t), f.outbox(t))
	}
}

func TestFreeTextNeedsASecondPerson(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	text := "Bonjour Jeanne, comme nous l'avons déjà dit, nous avons appelé trois fois."
	d, warnings, err := f.svc.SubmitDraft(ctx, "demo", f.approver, replies.DraftInput{ItemID: f.fbItem, Text: text})
	if err != nil || d.Status != store.DraftPending || d.Lang != "fr" {
		t.Fatalf("SubmitDraft = %+v, %v", d, err)
	}
	if len(warnings) == 0 || warnings[0].Kind != replies.Defensive {
		t.Errorf("defensive draft: warnings %+v", warnings)
	}
	if stored, _ := replies.DraftWarnings(d); len(stored) != len(warnings) {
		t.Errorf("warnings kept with the draft = %+v", stored)
	}
	if _, err := f.svc.Send(ctx, "demo", f.moderator, d.ID); !errors.Is(err, replies.ErrNotApproved) {
		t.Errorf("sending before approval = %v, want ErrNotApproved", err)
	}
	if _, err := f.svc.Approve(ctx, "demo", f.approver, d.ID, ""); !errors.Is(err, replies.ErrOwnDraft) {
		t.Errorf("approver approving own draft = %v, want ErrOwnDraft", err)
	}
	if _, err := f.svc.Approve(ctx, "demo", f.moderator, d.ID, ""); !errors.Is(err, replies.ErrForbidden) {
		t.Errorf("moderator approving = %v, want ErrForbidden", err)
	}
	if _, err := f.svc.Reject(ctx, "demo", f.approver2, d.ID, " "); !errors.Is(err, replies.ErrCommentRequired) {
		t.Errorf("reject without comment = %v, want ErrCommentRequired", err)
	}
	if _, err := f.svc.Reject(ctx, "demo", f.approver2, d.ID, "Start with the feeling, please."); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Approve(ctx, "demo", f.admin, d.ID, ""); !errors.Is(err, replies.ErrAlreadyDecided) {
		t.Errorf("approving a rejected draft = %v, want ErrAlreadyDecided", err)
	}

	// The moderator's second try, approved by someone else and sent.
	d2, _, err := f.svc.SubmitDraft(ctx, "demo", f.moderator, replies.DraftInput{ItemID: f.fbItem, Text: "Bonjour {{author}}, nous comprenons votre peine. Pouvons-nous vous appeler ?"})
	if err != nil || d2.Status != store.DraftPending || !strings.HasPrefix(d2.Text, "Bonjour Jeanne,") {
		t.Fatalf("second draft = %+v, %v", d2, err)
	}
	if q, _ := f.svc.Queue(ctx, "demo", f.approver); len(q) != 1 || q[0].ID != d2.ID {
		t.Errorf("approval queue = %+v", q)
	}
	if _, err := f.svc.Approve(ctx, "demo", f.approver, d2.ID, "Merci"); err != nil {
		t.Fatal(err)
	}
	sent, err := f.svc.Send(ctx, "demo", f.moderator, d2.ID)
	if err != nil || sent.Status != store.DraftSent || f.outbox(t) != 1 {
		t.Errorf("Send = %+v, %v (outbox %d)", sent, err, f.outbox(t))
	}
}

func TestDraftRules(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	tpl, err := f.st.LiveTemplate(ctx, "demo", "condolences.fr")
	if err != nil {
		t.Fatal(err)
	}
	own, _ := replies.Expand(tpl.Body, map[string]string{"author": "Jeanne", "organization": "Clinique des Tilleuls", "phone": "02 555 01 01"})
	tests := []struct {
		name       string
		user       int64
		in         replies.DraftInput
		wantErr    error
		wantStatus store.DraftStatus
		wantBasis  store.Basis
		edited     bool
	}{
		{"viewer drafting", f.viewer, replies.DraftInput{ItemID: f.fbItem, Text: "Bonjour"}, replies.ErrForbidden, "", "", false},
		{"empty text", f.moderator, replies.DraftInput{ItemID: f.fbItem, Text: "   "}, replies.ErrInvalid, "", "", false},
		{"unknown language", f.moderator, replies.DraftInput{ItemID: f.fbItem, Text: "Ciao", Lang: "it"}, replies.ErrInvalid, "", "", false},
		{"variable missing", f.moderator, replies.DraftInput{ItemID: f.fbItem, Text: "Appelez le {{phone}}"}, replies.ErrMissingVariable, "", "", false},
		{"broken variable", f.moderator, replies.DraftInput{ItemID: f.fbItem, Text: "Bonjour {{author"}, replies.ErrTemplateSyntax, "", "", false},
		{"too long for Bluesky", f.moderator, replies.DraftInput{ItemID: f.bskyItem, Text: strings.Repeat("We hear you. ", 24)}, replies.ErrTooLong, "", "", false},
		{"too long for anything", f.speaker, replies.DraftInput{ItemID: f.fbItem, Text: strings.Repeat("a", 8001)}, replies.ErrTooLong, "", "", false},
		{"unknown item", f.moderator, replies.DraftInput{ItemID: 9999, Text: "Bonjour"}, store.ErrNotFound, "", "", false},
		{"unknown base template", f.moderator, replies.DraftInput{ItemID: f.fbItem, Text: "Bonjour", TemplateID: "nope"}, replies.ErrUnknownTemplate, "", "", false},
		{"edited template", f.moderator, replies.DraftInput{ItemID: f.fbItem, TemplateID: tpl.ID, Vars: contact, Text: own + " Nous pensons à Filou."}, nil, store.DraftPending, "", true},
		{"template as is", f.moderator, replies.DraftInput{ItemID: f.fbItem, TemplateID: tpl.ID, Vars: contact, Text: tpl.Body}, nil, store.DraftApproved, store.BasisTemplate, false},
		{"spokesperson free text", f.speaker, replies.DraftInput{ItemID: f.fbItem, Text: "Bonjour Jeanne, nous sommes de tout cœur avec vous."}, nil, store.DraftApproved, store.BasisSpeak, false},
		{"spokesperson sends at once", f.speaker, replies.DraftInput{ItemID: f.bskyItem, Text: "Hello Sam, we hear you. Could we talk in private?", Send: true}, nil, store.DraftSent, store.BasisSpeak, false},
		{"moderator asking to send at once", f.moderator, replies.DraftInput{ItemID: f.bskyItem, Text: "Hello Sam, sorry to hear that.", Send: true}, nil, store.DraftPending, "", false},
	}
	for _, tt := range tests {
		before := f.drafts(t)
		d, _, err := f.svc.SubmitDraft(ctx, "demo", tt.user, tt.in)
		if !errors.Is(err, tt.wantErr) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.wantErr)
			continue
		}
		if err != nil {
			if f.drafts(t) != before {
				t.Errorf("%s: a refused draft was stored", tt.name)
			}
			continue
		}
		if d.Status != tt.wantStatus || d.Basis != tt.wantBasis || d.Edited != tt.edited {
			t.Errorf("%s: draft %+v; want %s/%s edited=%v", tt.name, d, tt.wantStatus, tt.wantBasis, tt.edited)
		}
	}
	var tl *replies.TooLongError
	_, _, err = f.svc.SubmitDraft(ctx, "demo", f.moderator, replies.DraftInput{ItemID: f.bskyItem, Text: strings.Repeat("é", 301)})
	if !errors.As(err, &tl) || tl.Limit.Max != 300 || tl.Length != 301 {
		t.Errorf("Bluesky limit error = %v", err)
	}
}

func TestTwoApproversAtOnce(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	d, _, err := f.svc.SubmitDraft(ctx, "demo", f.moderator, replies.DraftInput{ItemID: f.fbItem, Text: "Bonjour Jeanne, nous sommes désolés pour Filou."})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, u := range []int64{f.approver, f.approver2} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = f.svc.Approve(ctx, "demo", u, d.ID, "")
		}()
	}
	wg.Wait()
	won, lost := 0, 0
	for _, err := range errs {
		switch {
		case err == nil:
			won++
		case errors.Is(err, replies.ErrAlreadyDecided) && strings.Contains(err.Error(), "already decided"):
			lost++
		default:
			t.Errorf("unexpected error %v", err)
		}
	}
	if won != 1 || lost != 1 {
		t.Errorf("won %d, lost %d; want one of each", won, lost)
	}
}

func TestTemplateLifecycle(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	in := replies.TemplateInput{ID: "rdv.fr", Group: "rdv", Lang: "fr", Name: "Rendez-vous", Tone: "informative", Situations: []string{"question"}, Body: "Bonjour {{author}}, appelez-nous au {{phone}} pour un rendez-vous."}
	bad := []struct {
		name string
		mod  func(*replies.TemplateInput)
		want error
	}{
		{"unknown variable", func(i *replies.TemplateInput) { i.Body = "Bonjour {{auteur}}" }, replies.ErrUnknownVariable},
		{"unclosed", func(i *replies.TemplateInput) { i.Body = "Bonjour {{author" }, replies.ErrTemplateSyntax},
		{"bad language", func(i *replies.TemplateInput) { i.Lang = "xx" }, replies.ErrInvalid},
		{"bad tone", func(i *replies.TemplateInput) { i.Tone = "smug" }, replies.ErrInvalid},
		{"bad situation", func(i *replies.TemplateInput) { i.Situations = []string{"gossip"} }, replies.ErrInvalid},
		{"bad id", func(i *replies.TemplateInput) { i.ID = "Rdv FR" }, replies.ErrInvalid},
	}
	for _, b := range bad {
		x := in
		b.mod(&x)
		if _, _, err := f.svc.CreateTemplate(ctx, "demo", f.moderator, x); !errors.Is(err, b.want) {
			t.Errorf("%s: %v, want %v", b.name, err, b.want)
		}
	}
	if _, _, err := f.svc.CreateTemplate(ctx, "demo", f.viewer, in); !errors.Is(err, replies.ErrForbidden) {
		t.Errorf("viewer proposing a template = %v", err)
	}
	v1, _, err := f.svc.CreateTemplate(ctx, "demo", f.approver, in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.ApproveTemplate(ctx, "demo", f.approver, v1.ID, 1); !errors.Is(err, replies.ErrOwnDraft) {
		t.Errorf("approving own template = %v, want ErrOwnDraft", err)
	}
	if _, err := f.svc.ApproveTemplate(ctx, "demo", f.moderator, v1.ID, 1); !errors.Is(err, replies.ErrForbidden) {
		t.Errorf("moderator approving a template = %v, want ErrForbidden", err)
	}
	if _, err := f.svc.ApproveTemplate(ctx, "demo", f.approver2, v1.ID, 1); err != nil {
		t.Fatal(err)
	}
	in.Body = "Bonjour {{author}}, vous avez tort. Appelez le {{phone}}." // a bad edit: warned, and not live until approved
	v2, warnings, err := f.svc.ReviseTemplate(ctx, "demo", f.moderator, v1.ID, 1, in)
	if err != nil || v2.Version != 2 || len(warnings) != 1 || warnings[0].Kind != replies.Defensive {
		t.Fatalf("ReviseTemplate = %+v, %+v, %v", v2, warnings, err)
	}
	d, err := f.svc.SendTemplate(ctx, "demo", f.moderator, replies.TemplateReply{ItemID: f.fbItem, TemplateID: v1.ID, Vars: contact})
	if err != nil || d.TemplateVersion != 1 || strings.Contains(d.Text, "tort") {
		t.Errorf("sending while v2 waits = %+v, %v; want v1's words", d, err)
	}
	if err := f.svc.RetireTemplate(ctx, "demo", f.approver, v1.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.SendTemplate(ctx, "demo", f.moderator, replies.TemplateReply{ItemID: f.fbItem, TemplateID: v1.ID, Vars: contact, RequestKey: "other"}); !errors.Is(err, replies.ErrNotLive) {
		t.Errorf("sending a retired template = %v, want ErrNotLive", err)
	}
}
