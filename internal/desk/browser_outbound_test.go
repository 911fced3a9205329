package desk_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/desk/desktest"
	"github.com/stormwatch/stormwatch/internal/store"
	"github.com/stormwatch/stormwatch/internal/store/sqlite"
)

// TestBrowserOutbound drives the outbound screens in a real headless
// Chromium: a spokesperson composes a post naming a protected person, the
// check marks the name and blocks it, she rewrites it and submits it; an
// approver signs in with TOTP and approves it; she publishes it, and the
// outbox's dry-run actor carries it out once per channel.
func TestBrowserOutbound(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	ctx := context.Background()
	seedRegisters(t, f)
	if _, err := f.Auth.AddUser(ctx, "system", desktest.Workspace, auth.NewAccount{Email: "sam@demo.example", DisplayName: "Sam Speaker", Lang: "en", Password: desktest.Password, Role: auth.RoleSpokesperson}); err != nil {
		t.Fatal(err)
	}
	approver := f.SignIn(t, auth.RoleApprover) // enrols TOTP; its secret signs in below
	b := newBrowser(t)

	signInBrowser(t, b, f.URL, "sam@demo.example", nil)
	must(t, b, "compose a post naming a protected person", chromedp.Navigate(f.URL+"/w/demo/outbound"),
		chromedp.WaitVisible(chromedp.CSS("#post-text")),
		chromedp.SendKeys(chromedp.CSS("#post-text"), "Un grand merci à Léa Dubois pour son témoignage à la soirée de soutien !"),
		chromedp.Click(chromedp.CSS("#ch-0")),
		chromedp.Click(chromedp.CSS("#post-check")),
		chromedp.WaitVisible(chromedp.CSS(`#post-findings[data-blocking="true"] mark.finding-block`)))
	if m := text(t, b, "#post-marked mark.finding-block"); m != "Léa Dubois" {
		t.Errorf("marked = %q, want the protected name", m)
	}
	shot(t, b, "outbound-blocked.png")
	must(t, b, "submitting keeps it a blocked draft", chromedp.Click(chromedp.CSS("#post-submit")),
		chromedp.WaitVisible(chromedp.CSS(`#post[data-status="draft"] #post-findings[data-blocking="true"]`)))
	ps := postsOf(t, f)
	if len(ps) != 1 || ps[0].Status != store.PostDraft {
		t.Fatalf("after the blocked submit: %+v", ps)
	}
	id := ps[0].ID

	fixed := "Un grand merci à toutes les personnes qui ont témoigné à la soirée de soutien !"
	must(t, b, "rewrite and submit", chromedp.SetValue(chromedp.CSS("#post-text"), fixed),
		chromedp.Click(chromedp.CSS("#post-submit")),
		chromedp.WaitVisible(chromedp.CSS(`#post[data-status="pending"] #post-clean`)),
		chromedp.WaitVisible(chromedp.CSS("#post-own")))
	shot(t, b, "outbound-pending.png")

	must(t, b, "sign out", chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)), chromedp.WaitVisible(chromedp.CSS("#email")))
	signInBrowser(t, b, f.URL, desktest.Email(auth.RoleApprover), approver.TOTPSecret)
	must(t, b, "approve", chromedp.Navigate(fmt.Sprintf("%s/w/demo/outbound/%d", f.URL, id)),
		chromedp.WaitVisible(chromedp.CSS("#post-approve")),
		chromedp.Click(chromedp.CSS("#post-approve")),
		chromedp.WaitVisible(chromedp.CSS(`#post[data-status="approved"] #post-decision`)))
	shot(t, b, "outbound-approved.png")

	must(t, b, "sign out", chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)), chromedp.WaitVisible(chromedp.CSS("#email")))
	signInBrowser(t, b, f.URL, "sam@demo.example", nil)
	must(t, b, "publish", chromedp.Navigate(fmt.Sprintf("%s/w/demo/outbound/%d", f.URL, id)),
		chromedp.WaitVisible(chromedp.CSS("#post-publish")),
		chromedp.Click(chromedp.CSS("#post-publish")),
		chromedp.WaitVisible(chromedp.CSS(`#post[data-status="published"] #post-published`)))
	shot(t, b, "outbound-published.png")
	if p, err := f.Store.Post(ctx, desktest.Workspace, id); err != nil || p.Status != store.PostPublished || p.Text != fixed || p.DecidedBy != fmt.Sprintf("user:%d", approver.Session.UserID) {
		t.Fatalf("published post = %+v, %v", p, err)
	}

	// The outbox carries it out on the dry-run actor: once, whatever runs.
	effects, err := sqlite.OpenEffectLog(ctx, filepath.Join(t.TempDir(), "effects.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer effects.Close()
	w := &act.Worker{Outbox: f.Store, Route: func(act.Action) act.Actor { return act.DryRun{Log: effects} }}
	if n, err := w.RunOnce(ctx); err != nil || n != 1 {
		t.Fatalf("worker ran %d actions, %v; want the one channel's", n, err)
	}
	if n, _ := w.RunOnce(ctx); n != 0 {
		t.Errorf("a second run did %d more", n)
	}
	must(t, b, "the post page shows it done", chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS(`#post-deliveries li[data-channel="facebook:page"][data-status="done"]`)))
	shot(t, b, "outbound-delivered.png")
	// What someone who writes posts sees of the registers: no protected
	// names, no private places; and the breach runbook.
	must(t, b, "consents, read only", chromedp.Navigate(f.URL+"/w/demo/consents"), chromedp.WaitVisible(chromedp.CSS("#protected-count")))
	if body := text(t, b, "main"); strings.Contains(body, "Léa") || strings.Contains(body, "Salle Jaurès") {
		t.Errorf("the read-only consents page shows a protected name or a private place")
	}
	shot(t, b, "consents-readonly.png")
	must(t, b, "runbook", chromedp.Navigate(f.URL+"/w/demo/registry/runbook"), chromedp.WaitVisible(chromedp.CSS("#runbook-steps")))
	shot(t, b, "runbook.png")

	key := sqlite.PostActionKey(desktest.Workspace, id, "facebook:page")
	if applied, err := effects.RecordEffect(ctx, act.Action{Workspace: desktest.Workspace, Channel: "facebook:page", Kind: act.Publish, IdempotencyKey: key}); err != nil || applied {
		t.Errorf("the publication was not carried out under its key (applied again = %v, %v)", applied, err)
	}
}
