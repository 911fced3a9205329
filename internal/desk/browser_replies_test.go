package desk_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/desk/desktest"
	"github.com/stormwatch/stormwatch/internal/store"
)

// signInBrowser signs email in through the login page, with a TOTP code
// from secret when the account has one, and waits for the inbox.
func signInBrowser(t *testing.T, ctx context.Context, base, email string, secret []byte) {
	t.Helper()
	must(t, ctx, "sign in as "+email, chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), email),
		chromedp.SendKeys(chromedp.CSS("#password"), desktest.Password),
		chromedp.Submit(chromedp.CSS("#password")))
	if secret != nil {
		// A code of the next step: the one used at enrolment cannot be used twice.
		next := time.Unix((auth.TOTPStep(time.Now())+1)*auth.TOTPPeriod, 0)
		must(t, ctx, "TOTP for "+email, chromedp.WaitVisible(chromedp.CSS("#code")),
			chromedp.SendKeys(chromedp.CSS("#code"), auth.TOTPCode(secret, next)),
			chromedp.Submit(chromedp.CSS("#code")))
	}
	must(t, ctx, "inbox of "+email, chromedp.WaitVisible(chromedp.CSS("#queue-list")))
}

// TestBrowserReplies drives the reply screens in a real headless
// Chromium: a moderator claims a conversation and sends an approved
// template with its variables; drafts a free reply, sees the tone check's
// warnings on the words, rewrites and submits it; an approver signs in
// with TOTP and approves it, and it is sent; the policy page.
func TestBrowserReplies(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	ctx := context.Background()
	seedShadow(t, f.Store)
	sam, err := f.Auth.AddUser(ctx, "system", desktest.Workspace, auth.NewAccount{Email: "sam@demo.example", DisplayName: "Sam Moderator", Lang: "en", Password: desktest.Password, Role: auth.RoleModerator})
	if err != nil {
		t.Fatal(err)
	}
	approver := f.SignIn(t, auth.RoleApprover) // enrols TOTP; its secret signs in below
	b := newBrowser(t)

	signInBrowser(t, b, f.URL, "sam@demo.example", nil)
	complaint := f.Items[2] // Claire's complaint, in French
	must(t, b, "claim the conversation", chromedp.Navigate(fmt.Sprintf("%s/w/demo/items/%d", f.URL, complaint)),
		chromedp.WaitVisible(chromedp.CSS(`form[action$="/claim"] button[value="claim"]`)),
		chromedp.Click(chromedp.CSS(`form[action$="/claim"] button[value="claim"]`)),
		chromedp.WaitVisible(chromedp.CSS("#tpl-select")))

	// Choose a template: the fields for its variables appear (htmx swaps
	// the picker in place); fill them in and preview.
	// (SetValue fires the change event htmx listens to; without
	// JavaScript the Preview button does the same.)
	must(t, b, "choose a template", chromedp.SetValue(chromedp.CSS("#tpl-select"), "complaint_ack.fr"),
		chromedp.WaitVisible(chromedp.CSS("#var-phone")))
	must(t, b, "fill in the variables", chromedp.SendKeys(chromedp.CSS("#var-phone"), "01 23 45 67 89"),
		chromedp.SendKeys(chromedp.CSS("#var-contact_url"), "https://clinique.example/contact"),
		chromedp.Click(chromedp.CSS("#tpl-preview")),
		chromedp.WaitVisible(chromedp.CSS("#tpl-send")))
	if p := text(t, b, "#tpl-preview-text"); !strings.Contains(p, "Bonjour Claire B.") || !strings.Contains(p, "01 23 45 67 89") {
		t.Errorf("preview = %q", p)
	}
	shot(t, b, "reply-template.png")
	must(t, b, "send the template", chromedp.Click(chromedp.CSS("#tpl-send")), chromedp.WaitVisible(chromedp.CSS("#reply-notice")))
	if ds := draftsOf(t, f, complaint); len(ds) != 1 || ds[0].Status != store.DraftSent || ds[0].TemplateID != "complaint_ack.fr" {
		t.Fatalf("after sending the template: %+v", ds)
	}

	// A free reply on the same conversation (the claim holds the thread):
	// the tone check marks what reads as aggressive or defensive.
	harassed := f.Items[1]
	must(t, b, "open the next item", chromedp.Navigate(fmt.Sprintf("%s/w/demo/items/%d#reply", f.URL, harassed)),
		chromedp.WaitVisible(chromedp.CSS("#reply-text")),
		chromedp.SendKeys(chromedp.CSS("#reply-text"), "VOUS MENTEZ !!! Nous n'avons commis aucune erreur."),
		chromedp.Click(chromedp.CSS("#reply-check")),
		chromedp.WaitVisible(chromedp.CSS("#tone-warnings mark.tone")))
	shot(t, b, "reply-tone.png")
	calm := "Bonjour Marc, nous entendons votre colère et nous sommes désolés pour Filou. Le Dr Martin vous propose d'en parler au téléphone : appelez-nous au 01 23 45 67 89."
	must(t, b, "rewrite and submit", chromedp.SetValue(chromedp.CSS("#reply-text"), calm),
		chromedp.Click(chromedp.CSS("#reply-submit")),
		chromedp.WaitVisible(chromedp.CSS("#reply-notice")))
	ds := draftsOf(t, f, harassed)
	if len(ds) != 1 || ds[0].Status != store.DraftPending || ds[0].CreatedBy != fmt.Sprintf("user:%d", sam.ID) {
		t.Fatalf("after submitting: %+v", ds)
	}
	draft := ds[0].ID

	// The approver, in the same browser after Sam signs out.
	must(t, b, "sign out", chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)), chromedp.WaitVisible(chromedp.CSS("#email")))
	signInBrowser(t, b, f.URL, desktest.Email(auth.RoleApprover), approver.TOTPSecret)
	sel := fmt.Sprintf(`#draft-%d button[value="approve"]`, draft)
	must(t, b, "approval queue", chromedp.Click(chromedp.CSS(`nav a[href="/w/demo/approvals"]`)),
		chromedp.WaitVisible(chromedp.CSS(sel)))
	shot(t, b, "approvals.png")
	must(t, b, "approve", chromedp.Click(chromedp.CSS(sel)), chromedp.WaitVisible(chromedp.CSS(".flash")))
	if got, err := f.Store.Draft(ctx, desktest.Workspace, draft); err != nil || got.Status != store.DraftSent || got.DecidedBy != fmt.Sprintf("user:%d", approver.Session.UserID) {
		t.Fatalf("after approval: %+v, %v", got, err)
	}

	must(t, b, "policy", chromedp.Click(chromedp.CSS(`nav a[href="/w/demo/policy"]`)),
		chromedp.WaitVisible(chromedp.CSS("#policy-rules")), chromedp.WaitVisible(chromedp.CSS("#shadow-examples")))
	shot(t, b, "policy.png")
	must(t, b, "policy at phone width", chromedp.EmulateViewport(390, 844), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#policy-rules")))
	shot(t, b, "policy-phone.png")
}
