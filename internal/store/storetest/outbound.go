package storetest

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/audit"
	"github.com/stormwatch/stormwatch/internal/store"
)

func init() {
	register("OutboundPostApproval", testOutboundPostApproval)
	register("OutboundPublish", testOutboundPublish)
	register("OutboundRegisters", testOutboundRegisters)
	register("BrandAccounts", testBrandAccounts)
}

func auditOf(t *testing.T, s store.Store, prefix string) []audit.Event {
	t.Helper()
	var out []audit.Event
	if err := s.WalkAudit(context.Background(), func(e audit.Event) error {
		if strings.HasPrefix(e.Kind, prefix) {
			out = append(out, e)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// testOutboundPostApproval: four eyes on the organization's own posts, and
// a change after approval needs approval again.
func testOutboundPostApproval(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	mustWorkspace(t, s, "other")
	t0 := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	p, err := s.CreatePost(ctx, store.Post{Workspace: "demo", Text: "Portes ouvertes samedi", Lang: "fr", Channels: []string{"facebook:page"}, CreatedAt: t0}, "user:1")
	if err != nil || p.ID == 0 || p.Revision != 1 || p.Status != store.PostDraft || p.CreatedBy != "user:1" || !p.CreatedAt.Equal(t0) {
		t.Fatalf("CreatePost = %+v, %v", p, err)
	}
	if _, err := s.Post(ctx, "other", p.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("post across workspaces = %v, want ErrNotFound", err)
	}
	if _, err := s.DecidePost(ctx, "demo", p.ID, 1, true, "", t0, "user:2"); !errors.Is(err, store.ErrAlreadyDecided) {
		t.Errorf("approving a draft = %v, want ErrAlreadyDecided", err)
	}
	if _, err := s.SubmitPost(ctx, "demo", p.ID, 2, nil, t0, "user:1"); !errors.Is(err, store.ErrStaleVersion) {
		t.Errorf("submit of a revision that does not exist = %v, want ErrStaleVersion", err)
	}
	if _, err := s.SubmitPost(ctx, "demo", p.ID, 1, []byte("not json"), t0, "user:1"); err == nil {
		t.Errorf("findings that are not JSON were stored")
	}
	p, err = s.SubmitPost(ctx, "demo", p.ID, 1, []byte(`[{"kind":"no_consent","block":false}]`), t0, "user:1")
	if err != nil || p.Status != store.PostPending || string(p.Findings) != `[{"kind":"no_consent","block":false}]` {
		t.Fatalf("SubmitPost = %+v, %v", p, err)
	}
	if _, err := s.DecidePost(ctx, "demo", p.ID, 1, true, "", t0, "user:1"); !errors.Is(err, store.ErrOwnDraft) {
		t.Errorf("author approving = %v, want ErrOwnDraft", err)
	}
	p, err = s.DecidePost(ctx, "demo", p.ID, 1, true, "ok", t0.Add(time.Minute), "user:2")
	if err != nil || p.Status != store.PostApproved || p.DecidedBy != "user:2" || p.Comment != "ok" {
		t.Fatalf("DecidePost = %+v, %v", p, err)
	}
	if _, err := s.DecidePost(ctx, "demo", p.ID, 1, false, "", t0, "user:3"); !errors.Is(err, store.ErrAlreadyDecided) {
		t.Errorf("second decision = %v, want ErrAlreadyDecided", err)
	}

	// The approver edits the approved post: back to draft, and now the
	// approver is an author of it and cannot approve it.
	p.Text += " à 14 h"
	if _, err := s.UpdatePost(ctx, p, 0, "user:2"); !errors.Is(err, store.ErrStaleVersion) {
		t.Errorf("update from an old revision = %v, want ErrStaleVersion", err)
	}
	p, err = s.UpdatePost(ctx, p, 1, "user:2")
	if err != nil || p.Revision != 2 || p.Status != store.PostDraft || p.DecidedBy != "" || len(p.Findings) != 0 {
		t.Fatalf("UpdatePost after approval = %+v, %v", p, err)
	}
	if _, err := s.PublishPost(ctx, "demo", p.ID, t0, "user:1"); !errors.Is(err, store.ErrNotApproved) {
		t.Errorf("publishing an edited post = %v, want ErrNotApproved", err)
	}
	if _, err := s.SubmitPost(ctx, "demo", p.ID, 2, nil, t0, "user:1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DecidePost(ctx, "demo", p.ID, 2, true, "", t0, "user:2"); !errors.Is(err, store.ErrOwnDraft) {
		t.Errorf("last editor approving = %v, want ErrOwnDraft", err)
	}
	if p, err = s.DecidePost(ctx, "demo", p.ID, 2, false, "trop précis", t0, "user:3"); err != nil || p.Status != store.PostRejected {
		t.Fatalf("reject = %+v, %v", p, err)
	}
	// A rejected post may be resubmitted as it is (after a discussion) or edited.
	if p, err = s.SubmitPost(ctx, "demo", p.ID, 2, nil, t0, "user:1"); err != nil || p.Status != store.PostPending || p.Comment != "" {
		t.Fatalf("resubmit = %+v, %v", p, err)
	}
	kinds := []string{}
	for _, e := range auditOf(t, s, "post.") {
		kinds = append(kinds, e.Kind)
	}
	want := []string{"post.drafted", "post.submitted", "post.approved", "post.edited", "post.submitted", "post.rejected", "post.submitted"}
	if !slices.Equal(kinds, want) {
		t.Errorf("audit = %v, want %v", kinds, want)
	}
	if list, err := s.Posts(ctx, "demo", store.PostFilter{Status: store.PostPending}); err != nil || len(list) != 1 {
		t.Errorf("Posts(pending) = %v, %v", list, err)
	}
}

// testOutboundPublish: one publish action per channel, queued once, held
// until the scheduled time; a published post no longer changes.
func testOutboundPublish(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	t0 := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	later := t0.Add(3 * time.Hour)
	p, err := s.CreatePost(ctx, store.Post{Workspace: "demo", Text: "Merci à tous !", Lang: "fr", Channels: []string{"facebook:page", "mastodon:clinic"}, ScheduledAt: later, CreatedAt: t0}, "user:1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SubmitPost(ctx, "demo", p.ID, 1, nil, t0, "user:1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DecidePost(ctx, "demo", p.ID, 1, true, "", t0, "user:2"); err != nil {
		t.Fatal(err)
	}
	for range 2 { // a double click publishes once
		p, err = s.PublishPost(ctx, "demo", p.ID, t0, "user:1")
		if err != nil || p.Status != store.PostPublished || p.PublishedBy != "user:1" {
			t.Fatalf("PublishPost = %+v, %v", p, err)
		}
	}
	if c, _ := s.ClaimActions(ctx, t0.Add(time.Minute), 10); len(c) != 0 {
		t.Errorf("claimed %d publish actions before the scheduled time", len(c))
	}
	claims, err := s.ClaimActions(ctx, later, 10)
	if err != nil || len(claims) != 2 {
		t.Fatalf("ClaimActions at the scheduled time = %d, %v; want 2", len(claims), err)
	}
	chans := map[string]bool{}
	for _, c := range claims {
		if c.Action.Kind != act.Publish || c.Item.Text != "Merci à tous !" || c.Item.Kind != "post" || !strings.Contains(string(c.Action.Params), `"post_id"`) {
			t.Errorf("claim = %+v", c)
		}
		chans[c.Action.Channel] = true
	}
	if !chans["facebook:page"] || !chans["mastodon:clinic"] {
		t.Errorf("channels = %v", chans)
	}
	if as, err := s.PostActions(ctx, "demo", p.ID); err != nil || len(as) != 2 || as[0].Channel != "facebook:page" || as[0].Status != act.Running {
		t.Errorf("PostActions = %+v, %v", as, err)
	}
	if pend, _ := s.PendingItems(ctx, 0, 10); len(pend) != 0 {
		t.Errorf("the stand-in items went to the pipeline: %v", pend)
	}
	p.Text = "changed"
	if _, err := s.UpdatePost(ctx, p, p.Revision, "user:1"); !errors.Is(err, store.ErrPublished) {
		t.Errorf("editing a published post = %v, want ErrPublished", err)
	}
	if ev := auditOf(t, s, "post.published"); len(ev) != 1 {
		t.Errorf("post.published audited %d times, want 1", len(ev))
	}
}

// testOutboundRegisters: consents, protected persons, private events and
// settings are kept per workspace, audited without the people's names.
func testOutboundRegisters(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	mustWorkspace(t, s, "other")
	t0 := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	c, err := s.PutConsent(ctx, store.Consent{Workspace: "demo", Name: "Camille Roux", Scope: store.ConsentBoth, Channels: []string{"facebook:page"}, GivenAt: t0, ExpiresAt: t0.AddDate(1, 0, 0), Evidence: "signed form, binder B"}, "user:1")
	if err != nil || c.ID == 0 {
		t.Fatalf("PutConsent = %+v, %v", c, err)
	}
	c.Scope = store.ConsentPhoto
	if _, err := s.PutConsent(ctx, c, "user:1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutConsent(ctx, store.Consent{ID: 999, Workspace: "demo", Name: "x", Scope: "name", GivenAt: t0}, "user:1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("updating an unknown consent = %v, want ErrNotFound", err)
	}
	cs, err := s.Consents(ctx, "demo")
	if err != nil || len(cs) != 1 || cs[0].Scope != "photo" || !cs[0].ExpiresAt.Equal(t0.AddDate(1, 0, 0)) || cs[0].Channels[0] != "facebook:page" {
		t.Fatalf("Consents = %+v, %v", cs, err)
	}
	if cs, _ := s.Consents(ctx, "other"); len(cs) != 0 {
		t.Errorf("consents leak across workspaces")
	}
	pp, err := s.PutProtectedPerson(ctx, store.ProtectedPerson{Workspace: "demo", Name: "Léa Dubois", Aliases: []string{"Léa D."}, Reason: "survivor"}, "user:1")
	if err != nil || pp.ID == 0 {
		t.Fatalf("PutProtectedPerson = %+v, %v", pp, err)
	}
	if _, err := s.PutProtectedPerson(ctx, store.ProtectedPerson{Workspace: "demo", Name: "x", Reason: "gossip"}, "user:1"); err == nil {
		t.Errorf("a reason outside the categories was stored")
	}
	ev, err := s.PutPrivateEvent(ctx, store.PrivateEvent{Workspace: "demo", Label: "groupe de parole", Places: []string{"Salle Jaurès"}, Start: t0, End: t0.Add(2 * time.Hour)}, "user:1")
	if err != nil || ev.ID == 0 {
		t.Fatalf("PutPrivateEvent = %+v, %v", ev, err)
	}
	if es, err := s.PrivateEvents(ctx, "demo"); err != nil || len(es) != 1 || es[0].Places[0] != "Salle Jaurès" || !es[0].End.Equal(t0.Add(2*time.Hour)) {
		t.Errorf("PrivateEvents = %+v, %v", es, err)
	}
	set, err := s.OutboundSettings(ctx, "demo")
	if err != nil || set.ReviewDays != 90 || len(set.Keywords) != 0 {
		t.Errorf("default settings = %+v, %v", set, err)
	}
	set.Keywords, set.OwnContacts, set.HelpPhone, set.HelpURL = []string{"projet Orion"}, []string{"accueil@tilleuls.example"}, "0800 123 456", "https://tilleuls.example/secure"
	if err := s.SetOutboundSettings(ctx, set, "user:1"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.OutboundSettings(ctx, "demo"); got.HelpPhone != "0800 123 456" || got.Keywords[0] != "projet Orion" || got.OwnContacts[0] != "accueil@tilleuls.example" {
		t.Errorf("settings read back = %+v", got)
	}
	if err := s.DeleteProtectedPerson(ctx, "other", pp.ID, "user:1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("delete across workspaces = %v, want ErrNotFound", err)
	}
	for _, del := range []func() error{
		func() error { return s.DeleteConsent(ctx, "demo", c.ID, "user:1") },
		func() error { return s.DeleteProtectedPerson(ctx, "demo", pp.ID, "user:1") },
		func() error { return s.DeletePrivateEvent(ctx, "demo", ev.ID, "user:1") },
	} {
		if err := del(); err != nil {
			t.Fatal(err)
		}
	}
	if ps, _ := s.ProtectedPersons(ctx, "demo"); len(ps) != 0 {
		t.Errorf("protected persons after delete = %v", ps)
	}
	// Erasing a person from a register erases them: no name in the audit.
	n := 0
	if err := s.WalkAudit(ctx, func(e audit.Event) error {
		for _, name := range []string{"Camille", "Léa", "Dubois", "binder"} {
			if strings.Contains(string(e.Data), name) || strings.Contains(e.Subject, name) {
				t.Errorf("audit event %s carries %q: %s", e.Kind, name, e.Data)
			}
		}
		if strings.HasPrefix(e.Kind, "consent.") || strings.HasPrefix(e.Kind, "protected_person.") || strings.HasPrefix(e.Kind, "private_event.") {
			n++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if n != 7 { // consent added and updated, person and event added, three deletions
		t.Errorf("%d register changes audited, want 7", n)
	}
}

func testBrandAccounts(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	a, err := s.PutBrandAccount(ctx, store.BrandAccount{Workspace: "demo", Platform: "instagram", Handle: "@tilleuls", Purpose: "photos", Owners: []int64{1}, BackupOwners: []int64{2}, TwoFactor: "app", RecoveryContacts: []string{"IT desk"}}, "user:1")
	if err != nil || a.ID == 0 || a.Owners[0] != 1 || a.BackupOwners[0] != 2 || a.TwoFactor != "app" || !a.LastReviewAt.IsZero() {
		t.Fatalf("PutBrandAccount = %+v, %v", a, err)
	}
	if _, err := s.PutBrandAccount(ctx, store.BrandAccount{Workspace: "demo", Platform: "instagram", Handle: "@tilleuls"}, "user:1"); !errors.Is(err, store.ErrConflict) {
		t.Errorf("the same account twice = %v, want ErrConflict", err)
	}
	if _, err := s.PutBrandAccount(ctx, store.BrandAccount{Workspace: "demo", Platform: "x", Handle: "h", TwoFactor: "carrier pigeon"}, "user:1"); err == nil {
		t.Errorf("an unknown 2FA method was stored")
	}
	at := time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)
	a, err = s.ReviewBrandAccount(ctx, "demo", a.ID, at, "user:2")
	if err != nil || !a.LastReviewAt.Equal(at) || a.LastReviewBy != "user:2" {
		t.Fatalf("ReviewBrandAccount = %+v, %v", a, err)
	}
	a.Owners = []int64{3}
	if a, err = s.PutBrandAccount(ctx, a, "user:1"); err != nil || a.Owners[0] != 3 || !a.LastReviewAt.Equal(at) {
		t.Fatalf("update keeps the review: %+v, %v", a, err)
	}
	if list, err := s.BrandAccounts(ctx, "demo"); err != nil || len(list) != 1 {
		t.Errorf("BrandAccounts = %v, %v", list, err)
	}
	if err := s.DeleteBrandAccount(ctx, "demo", a.ID, "user:1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.BrandAccount(ctx, "demo", a.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("after delete = %v", err)
	}
	if ev := auditOf(t, s, "brand_account."); len(ev) != 4 {
		t.Errorf("brand account changes audited %d times, want 4", len(ev))
	}
}
