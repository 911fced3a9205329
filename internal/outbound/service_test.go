package outbound_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/outbound"
	"github.com/stormwatch/stormwatch/internal/store"
	"github.com/stormwatch/stormwatch/internal/store/sqlite"
)

const ws = "demo"

type fixture struct {
	st    *sqlite.Store
	svc   *outbound.Service
	users map[auth.Role]int64
	now   time.Time
}

func setup(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "sw.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.CreateWorkspace(ctx, store.Workspace{ID: ws, Name: "Maison Claire"}, "system"); err != nil {
		t.Fatal(err)
	}
	f := &fixture{st: st, users: map[auth.Role]int64{}, now: time.Date(2026, 11, 16, 10, 0, 0, 0, time.UTC)}
	for i, r := range auth.Roles() {
		u, err := st.CreateUser(ctx, store.NewUser{Email: fmt.Sprintf("u%d@claire.example", i), DisplayName: string(r), Lang: "fr", PasswordHash: "h"}, ws, string(r), f.now, "system")
		if err != nil {
			t.Fatal(err)
		}
		f.users[r] = u.ID
	}
	f.svc = outbound.New(st)
	f.svc.Now = func() time.Time { return f.now }
	return f
}

// TestPostFlow: a spokesperson drafts a post naming a protected person;
// the check blocks it; fixed, it goes to approval; the author cannot
// approve it; an approver does; an edit withdraws the approval; published
// on two channels, once.
func TestPostFlow(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	admin, author, approver, mod, viewer := f.users[auth.RoleAdmin], f.users[auth.RoleSpokesperson], f.users[auth.RoleApprover], f.users[auth.RoleModerator], f.users[auth.RoleViewer]
	if _, err := f.svc.SaveProtected(ctx, ws, mod, store.ProtectedPerson{Name: "Léa Dubois", Reason: "survivor"}); !errors.Is(err, outbound.ErrForbidden) {
		t.Fatalf("a moderator edits the protected list: %v", err)
	}
	if _, err := f.svc.SaveProtected(ctx, ws, admin, store.ProtectedPerson{Name: "Léa Dubois", Reason: "survivor"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Create(ctx, ws, viewer, outbound.PostInput{Text: "x"}); !errors.Is(err, outbound.ErrForbidden) {
		t.Errorf("a viewer drafts: %v", err)
	}
	if _, err := f.svc.Create(ctx, ws, author, outbound.PostInput{Text: "  "}); !errors.Is(err, outbound.ErrInvalid) {
		t.Errorf("an empty post: %v", err)
	}
	in := outbound.PostInput{Text: "Merci à Léa Dubois pour son témoignage.", Lang: "fr", Channels: []string{"facebook:page", "mastodon:claire"}}
	p, err := f.svc.Create(ctx, ws, author, in)
	if err != nil {
		t.Fatal(err)
	}
	_, fs, err := f.svc.Submit(ctx, ws, author, p.ID, p.Revision)
	var blocked *outbound.BlockedError
	if !errors.As(err, &blocked) || !errors.Is(err, outbound.ErrBlocked) || len(fs) != 1 || fs[0].Kind != outbound.ProtectedPerson {
		t.Fatalf("submit with a protected name = %v, %+v", err, fs)
	}
	in.Text = "Merci à toutes les personnes qui ont témoigné."
	if p, err = f.svc.Update(ctx, ws, author, p.ID, p.Revision, in); err != nil {
		t.Fatal(err)
	}
	if p, _, err = f.svc.Submit(ctx, ws, author, p.ID, p.Revision); err != nil || p.Status != store.PostPending {
		t.Fatalf("submit = %+v, %v", p, err)
	}
	if _, err := f.svc.Approve(ctx, ws, author, p.ID, p.Revision, ""); !errors.Is(err, outbound.ErrForbidden) {
		t.Errorf("a spokesperson approves: %v", err) // no approve_reply
	}
	if _, err := f.svc.Approve(ctx, ws, admin, p.ID, p.Revision, ""); err != nil {
		t.Fatal(err)
	}
	// Edited after approval: approval again.
	in.Text += " Bonne semaine !"
	if p, err = f.svc.Update(ctx, ws, admin, p.ID, p.Revision, in); err != nil || p.Status != store.PostDraft {
		t.Fatalf("edit after approval = %+v, %v", p, err)
	}
	if _, err := f.svc.Publish(ctx, ws, author, p.ID); !errors.Is(err, outbound.ErrNotApproved) {
		t.Errorf("publish after the edit = %v, want ErrNotApproved", err)
	}
	if p, _, err = f.svc.Submit(ctx, ws, author, p.ID, p.Revision); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Approve(ctx, ws, admin, p.ID, p.Revision, ""); !errors.Is(err, outbound.ErrOwnDraft) {
		t.Errorf("the last editor approves = %v, want ErrOwnDraft", err)
	}
	if _, err := f.svc.Reject(ctx, ws, approver, p.ID, p.Revision, ""); !errors.Is(err, outbound.ErrCommentRequired) {
		t.Errorf("reject without comment = %v", err)
	}
	if p, err = f.svc.Approve(ctx, ws, approver, p.ID, p.Revision, "ok"); err != nil || p.Status != store.PostApproved {
		t.Fatalf("approve = %+v, %v", p, err)
	}
	if _, err := f.svc.Publish(ctx, ws, mod, p.ID); !errors.Is(err, outbound.ErrForbidden) {
		t.Errorf("a moderator publishes: %v", err) // no speak
	}
	for range 2 {
		if p, err = f.svc.Publish(ctx, ws, author, p.ID); err != nil || p.Status != store.PostPublished {
			t.Fatalf("publish = %+v, %v", p, err)
		}
	}
	claims, err := f.st.ClaimActions(ctx, f.now.Add(time.Second), 10)
	if err != nil || len(claims) != 2 || claims[0].Action.Kind != act.Publish || claims[0].Action.RequestedBy != outbound.Actor(author) {
		t.Fatalf("outbox = %+v, %v", claims, err)
	}
}

// TestRegisterChangeBlocksApproval: a name added to the protected list
// after submission stops the approval.
func TestRegisterChangeBlocksApproval(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	author, approver, admin := f.users[auth.RoleSpokesperson], f.users[auth.RoleApprover], f.users[auth.RoleAdmin]
	p, err := f.svc.Create(ctx, ws, author, outbound.PostInput{Text: "Bienvenue à Sam Olsen !", Channels: []string{"facebook:page"}, Tagged: []string{"Sam Olsen"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, fs, err := f.svc.Submit(ctx, ws, author, p.ID, 1); !errors.Is(err, outbound.ErrBlocked) || len(fs) != 1 || fs[0].Kind != outbound.NoConsent {
		t.Fatalf("tagged without consent = %v %+v", err, fs)
	}
	if _, err := f.svc.SaveConsent(ctx, ws, admin, outbound.ConsentInput{Name: "Sam Olsen", Scope: "both", GivenAt: f.now.AddDate(0, -1, 0)}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.svc.Submit(ctx, ws, author, p.ID, 1); err != nil {
		t.Fatalf("with consent: %v", err)
	}
	if _, err := f.svc.SaveProtected(ctx, ws, admin, store.ProtectedPerson{Name: "Sam Olsen", Reason: "client"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Approve(ctx, ws, approver, p.ID, 1, ""); !errors.Is(err, outbound.ErrBlocked) {
		t.Errorf("approve after the person became protected = %v, want ErrBlocked", err)
	}
}

func TestRegisterValidation(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	admin := f.users[auth.RoleAdmin]
	bad := []outbound.ConsentInput{
		{Name: "", Scope: "both", GivenAt: f.now},
		{Name: "A", Scope: "everything", GivenAt: f.now},
		{Name: "A", Scope: "photo"},
		{Name: "A", Scope: "photo", GivenAt: f.now, ExpiresAt: f.now.Add(-time.Hour)},
	}
	for _, in := range bad {
		if _, err := f.svc.SaveConsent(ctx, ws, admin, in); !errors.Is(err, outbound.ErrInvalid) {
			t.Errorf("SaveConsent(%+v) = %v, want ErrInvalid", in, err)
		}
	}
	if _, err := f.svc.SaveProtected(ctx, ws, admin, store.ProtectedPerson{Name: "B", Reason: "she told us her story"}); !errors.Is(err, outbound.ErrInvalid) {
		t.Errorf("a free-text reason was accepted: %v", err)
	}
	if _, err := f.svc.SaveEvent(ctx, ws, admin, store.PrivateEvent{Label: "x", Places: []string{"y"}, Start: f.now, End: f.now.Add(-time.Hour)}); !errors.Is(err, outbound.ErrInvalid) {
		t.Errorf("an event ending before it starts: %v", err)
	}
	if err := f.svc.SaveSettings(ctx, ws, admin, store.OutboundSettings{HelpURL: "http://insecure.example"}); !errors.Is(err, outbound.ErrInvalid) {
		t.Errorf("a secure form over http: %v", err)
	}
	if err := f.svc.SaveSettings(ctx, ws, admin, store.OutboundSettings{HelpPhone: "0800 123 456"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.LiveTemplate(ctx, ws, "help_dm.fr"); err != nil {
		t.Errorf("setting the help channels did not add the help replies: %v", err)
	}
	if got := outbound.ExpiringConsents([]store.Consent{{Name: "a", ExpiresAt: f.now.AddDate(0, 0, 5)}, {Name: "b", ExpiresAt: f.now.AddDate(1, 0, 0)}, {Name: "c"}}, f.now); len(got) != 1 || got[0].Name != "a" {
		t.Errorf("ExpiringConsents = %+v", got)
	}
}

func TestSeedHelpTemplates(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	for want := range []int{6, 0} {
		n, err := outbound.SeedHelpTemplates(ctx, f.st, ws, f.now)
		if err != nil || n != []int{6, 0}[want] {
			t.Fatalf("SeedHelpTemplates = %d, %v", n, err)
		}
	}
	if tp, err := f.st.LiveTemplate(ctx, ws, "help_dm.sv"); err != nil || tp.Situations[0] != "help_request" {
		t.Errorf("help_dm.sv = %+v, %v", tp, err)
	}
}
