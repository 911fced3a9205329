package desk_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/desk/desktest"
	"github.com/stormwatch/stormwatch/internal/replies"
	"github.com/stormwatch/stormwatch/internal/store"
)

// claim takes the item's conversation for c.
func claim(t *testing.T, c *desktest.Client, item int64) {
	t.Helper()
	if resp, body := c.Post(t, fmt.Sprintf("/w/demo/items/%d/claim", item), url.Values{"op": {"claim"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("claim = %d\n%s", resp.StatusCode, body)
	}
}

func draftsOf(t *testing.T, f *desktest.Fixture, item int64) []store.Draft {
	t.Helper()
	ds, err := f.Store.Drafts(context.Background(), desktest.Workspace, store.DraftFilter{ItemID: item})
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func pageHas(t *testing.T, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("page lacks %q", w)
		}
	}
}

func pageLacks(t *testing.T, body string, not ...string) {
	t.Helper()
	for _, w := range not {
		if strings.Contains(body, w) {
			t.Errorf("page has %q", w)
		}
	}
}

// TestReplyWithTemplate: pick an approved template in the item's
// language, preview it with the variables filled, send it.
func TestReplyWithTemplate(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	mod := f.SignIn(t, auth.RoleModerator) // reads French
	item := f.Items[2]                     // Claire's complaint, in French, rule C6
	path := fmt.Sprintf("/w/demo/items/%d", item)

	// Before the claim: no reply forms, the claim box asks first.
	_, body := mod.Get(t, path)
	pageLacks(t, body, `id="tpl-select"`, `id="reply-text"`)

	claim(t, mod, item)
	_, body = mod.Get(t, path)
	pageHas(t, body, `id="tpl-select"`, `value="complaint_ack.fr"`, `id="reply-text"`, "Soumettre pour validation")
	pageLacks(t, body, `value="complaint_ack.en"`) // the item's language only

	// The preview names what is still to fill in.
	_, body = mod.Get(t, path+"?template=complaint_ack.fr")
	pageHas(t, body, "À compléter : Page de contact (adresse), Numéro de téléphone.", `name="v.author" value="Claire B."`, `name="v.phone"`, `aria-invalid="true"`)
	pageLacks(t, body, `id="tpl-send"`)

	// Filled in: the exact text, and the send form carrying what was shown.
	_, body = mod.Get(t, path+"?template=complaint_ack.fr&v.phone=01+23+45+67+89&v.contact_url=https://clinique.example/contact")
	pageHas(t, body, "Bonjour Claire B., merci de nous avoir écrit.", "appelez-nous au 01 23 45 67 89", `id="tpl-send"`,
		`name="v.author" value="Claire B."`, `name="v.phone" value="01 23 45 67 89"`)
	n := regexp.MustCompile(`id="tpl-send"`).FindStringIndex(body)
	if n == nil {
		t.Fatal("no send button")
	}

	form := url.Values{"template": {"complaint_ack.fr"}, "nonce": {"n1"}, "v.author": {"Claire B."}, "v.phone": {"01 23 45 67 89"}, "v.contact_url": {"https://clinique.example/contact"}}
	for range 2 { // a double click sends once
		resp, body := mod.Post(t, path+"/reply/template", form)
		if resp.StatusCode != http.StatusSeeOther || !strings.HasSuffix(resp.Header.Get("Location"), "?replied=sent#reply") {
			t.Fatalf("send = %d %s\n%s", resp.StatusCode, resp.Header.Get("Location"), body)
		}
	}
	ds := draftsOf(t, f, item)
	if len(ds) != 1 || ds[0].Status != store.DraftSent || ds[0].Basis != store.BasisTemplate || ds[0].TemplateID != "complaint_ack.fr" || ds[0].ActionKey == "" ||
		!strings.Contains(ds[0].Text, "01 23 45 67 89") || ds[0].CreatedBy != replies.Actor(mod.Session.UserID) {
		t.Fatalf("drafts after sending = %+v", ds)
	}
	_, body = mod.Get(t, path+"?replied=sent")
	pageHas(t, body, "Votre réponse est en cours d&#39;envoi.", `data-status="sent"`, "envoyée")
}

// TestReplyFreeText: the tone check shows its findings on the text, a
// submission with unseen warnings comes back first, then the draft waits
// for someone else; a spokesperson's goes out at once.
func TestReplyFreeText(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	mod := f.SignIn(t, auth.RoleModerator)
	spk := f.SignIn(t, auth.RoleSpokesperson)
	item := f.Items[1]
	path := fmt.Sprintf("/w/demo/items/%d", item)
	claim(t, mod, item)

	harsh := "VOUS ÊTES DES MENTEURS !!! Nous n'avons commis aucune erreur."
	resp, body := mod.Post(t, path+"/reply/draft", url.Values{"op": {"check"}, "nonce": {"c1"}, "text": {harsh}, "lang": {"fr"}})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("check = %d\n%s", resp.StatusCode, body)
	}
	pageHas(t, body, `id="tone-warnings"`, `<mark class="tone tone-aggressive">`, "peut paraître agressif", "Écrivez en minuscules", `name="seen"`)
	if len(draftsOf(t, f, item)) != 0 {
		t.Fatal("a tone check stored a draft")
	}
	// Submitting other words than the ones checked shows their warnings first.
	resp, body = mod.Post(t, path+"/reply/draft", url.Values{"op": {"submit"}, "nonce": {"c2"}, "text": {harsh + " Point final !!!"}, "lang": {"fr"}, "seen": {"0000"}})
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `id="tone-warnings"`) || len(draftsOf(t, f, item)) != 0 {
		t.Fatalf("submit with unseen warnings = %d, drafts %d", resp.StatusCode, len(draftsOf(t, f, item)))
	}
	seen := regexp.MustCompile(`name="seen" value="([0-9a-f]+)"`).FindStringSubmatch(body)
	resp, _ = mod.Post(t, path+"/reply/draft", url.Values{"op": {"submit"}, "nonce": {"c3"}, "text": {harsh + " Point final !!!"}, "lang": {"fr"}, "seen": {seen[1]}})
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "replied=pending") {
		t.Fatalf("submit = %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	ds := draftsOf(t, f, item)
	if len(ds) != 1 || ds[0].Status != store.DraftPending || len(ds[0].Warnings) == 0 {
		t.Fatalf("drafts = %+v", ds)
	}

	// A calm text needs no second look at its warnings.
	claim(t, spk, f.Items[3])
	resp, _ = spk.Post(t, fmt.Sprintf("/w/demo/items/%d/reply/draft", f.Items[3]), url.Values{"op": {"submit"}, "nonce": {"s1"}, "text": {"Thank you, Anna. The whole team is glad Luna is well."}})
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "replied=sent") {
		t.Fatalf("spokesperson submit = %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if ds := draftsOf(t, f, f.Items[3]); len(ds) != 1 || ds[0].Status != store.DraftSent || ds[0].Basis != store.BasisSpeak || ds[0].Lang != "en" {
		t.Fatalf("spokesperson's drafts = %+v", ds)
	}
}

// TestApprovals: the drafter sees their draft waiting without buttons;
// an approver approves and it is sent; approving one's own is refused
// calmly; a rejection needs a comment and comes back to the drafter.
func TestApprovals(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	mod := f.SignIn(t, auth.RoleModerator)
	apr := f.SignIn(t, auth.RoleApprover)
	ctx := context.Background()
	submit := func(user int64, item int64, text string) store.Draft {
		t.Helper()
		d, _, err := f.Replies.SubmitDraft(ctx, desktest.Workspace, user, replies.DraftInput{ItemID: item, Text: text, Lang: "fr"})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	d1 := submit(mod.Session.UserID, f.Items[1], "Bonjour Marc, nous sommes désolés. Appelez-nous, parlons-en.")
	d2 := submit(mod.Session.UserID, f.Items[2], "Bonjour Claire, merci pour votre message.")
	own := submit(apr.Session.UserID, f.Items[6], "Bonjour Jan, nous aimerions en parler avec vous.")

	_, body := mod.Get(t, "/w/demo/approvals")
	pageHas(t, body, "Réponses en attente de validation", "Vous avez écrit cette réponse", "Honte à vous")
	pageLacks(t, body, `value="approve"`)

	_, body = apr.Get(t, "/w/demo/approvals")
	if c := strings.Count(body, `value="approve"`); c != 2 {
		t.Errorf("approver sees %d approve buttons, want 2 (not on their own draft)", c)
	}
	pageHas(t, body, fmt.Sprintf(`id="draft-%d" data-own="true"`, own.ID), "You wrote this reply")

	tests := []struct {
		name   string
		c      *desktest.Client
		form   url.Values
		status int
		text   string
	}{
		{"own draft", apr, url.Values{"op": {"approve"}, "draft": {fmt.Sprint(own.ID)}}, 403, "a second pair of eyes is the point"},
		{"reject without comment", apr, url.Values{"op": {"reject"}, "draft": {fmt.Sprint(d2.ID)}, "comment": {"  "}}, 422, "Say in a comment why"},
		{"unknown draft", apr, url.Values{"op": {"approve"}, "draft": {"999999"}}, 404, "does not exist here"},
		{"bad op", apr, url.Values{"op": {"publish"}, "draft": {fmt.Sprint(d1.ID)}}, 400, "not understood"},
		{"moderator may not approve", mod, url.Values{"op": {"approve"}, "draft": {fmt.Sprint(d1.ID)}}, 403, "Votre rôle"},
		{"forged CSRF", apr, url.Values{"op": {"approve"}, "draft": {fmt.Sprint(d1.ID)}, "csrf_token": {"forged"}}, 403, "did not come from the desk"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := tt.c.Post(t, "/w/demo/approvals", tt.form)
			if resp.StatusCode != tt.status || !strings.Contains(body, tt.text) {
				t.Errorf("status %d, want %d with %q\n%s", resp.StatusCode, tt.status, tt.text, body)
			}
			for _, d := range []store.Draft{d1, d2, own} {
				if got, _ := f.Store.Draft(ctx, desktest.Workspace, d.ID); got.Status != store.DraftPending {
					t.Errorf("draft %d is now %s", d.ID, got.Status)
				}
			}
		})
	}

	resp, _ := apr.Post(t, "/w/demo/approvals", url.Values{"op": {"approve"}, "draft": {fmt.Sprint(d1.ID)}, "comment": {"Parfait."}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/w/demo/approvals?done=approved" {
		t.Fatalf("approve = %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if got, _ := f.Store.Draft(ctx, desktest.Workspace, d1.ID); got.Status != store.DraftSent || got.Basis != store.BasisApprover || got.ActionKey == "" {
		t.Errorf("approved draft = %+v", got)
	}
	resp, _ = apr.Post(t, "/w/demo/approvals", url.Values{"op": {"reject"}, "draft": {fmt.Sprint(d2.ID)}, "comment": {"Proposez un appel, s'il vous plaît."}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("reject = %d", resp.StatusCode)
	}
	// Deciding twice is refused and changes nothing.
	if resp, body := apr.Post(t, "/w/demo/approvals", url.Values{"op": {"approve"}, "draft": {fmt.Sprint(d2.ID)}}); resp.StatusCode != 409 || !strings.Contains(body, "already decided") {
		t.Errorf("approve a rejected draft = %d", resp.StatusCode)
	}
	_, body = mod.Get(t, "/w/demo/approvals")
	pageHas(t, body, "Vos réponses renvoyées", "Proposez un appel")
	_, body = mod.Get(t, fmt.Sprintf("/w/demo/items/%d", f.Items[2]))
	pageHas(t, body, "renvoyée", "Commentaire de Test approver", "Proposez un appel")
}

// TestReplyBadInput: each refusal has its status and a clear word, and
// nothing is sent.
func TestReplyBadInput(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	spk := f.SignIn(t, auth.RoleSpokesperson) // reads English
	mod := f.SignIn(t, auth.RoleModerator)
	view := f.SignIn(t, auth.RoleViewer)
	item := f.Items[2]
	path := fmt.Sprintf("/w/demo/items/%d", item)
	claim(t, spk, item)
	tpl := url.Values{"template": {"sorry_wait.fr"}, "nonce": {"x"}, "v.phone": {"01 23"}}
	tests := []struct {
		name   string
		c      *desktest.Client
		path   string
		form   url.Values
		status int
		text   string
	}{
		{"forged CSRF", spk, "/reply/template", url.Values{"template": {"sorry_wait.fr"}, "nonce": {"x"}, "csrf_token": {"forged"}}, 403, "did not come from the desk"},
		{"viewer posting", view, "/reply/template", tpl, 403, "Your role does not allow this"},
		{"viewer drafting", view, "/reply/draft", url.Values{"op": {"submit"}, "nonce": {"x"}, "text": {"Hello"}}, 403, "Your role does not allow this"},
		{"someone else holds the claim", mod, "/reply/template", tpl, 409, "Quelqu&#39;un d&#39;autre"},
		{"unknown template", spk, "/reply/template", url.Values{"template": {"nope.fr"}, "nonce": {"x"}}, 404, "This template does not exist"},
		{"missing variable", spk, "/reply/template", url.Values{"template": {"sorry_wait.fr"}, "nonce": {"x"}}, 422, "Fill in: Phone number."},
		{"variable too long", spk, "/reply/template", url.Values{"template": {"sorry_wait.fr"}, "nonce": {"x"}, "v.phone": {strings.Repeat("1", 200)}}, 422, "not accepted"},
		{"no template", spk, "/reply/template", url.Values{"nonce": {"x"}}, 400, "not understood"},
		{"no nonce", spk, "/reply/template", url.Values{"template": {"sorry_wait.fr"}}, 400, "not understood"},
		{"empty text", spk, "/reply/draft", url.Values{"op": {"submit"}, "nonce": {"x"}, "text": {"  "}}, 422, "The reply is empty."},
		{"unknown op", spk, "/reply/draft", url.Values{"op": {"shout"}, "nonce": {"x"}, "text": {"Hello"}}, 400, "not understood"},
		{"unknown language", spk, "/reply/draft", url.Values{"op": {"submit"}, "nonce": {"x"}, "text": {"Hello"}, "lang": {"xx"}}, 400, "not understood"},
		{"too long for the channel", spk, "/reply/draft", url.Values{"op": {"submit"}, "nonce": {"x"}, "text": {strings.Repeat("Merci. ", 1200)}, "lang": {"fr"}}, 422, "Shorten it."},
		{"send a draft of another item", spk, "/reply/send", url.Values{"draft": {"999"}}, 404, "does not exist here"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := tt.c.Post(t, path+tt.path, tt.form)
			if resp.StatusCode != tt.status || !strings.Contains(body, tt.text) {
				t.Errorf("status %d, want %d with %q\n%s", resp.StatusCode, tt.status, tt.text, body)
			}
			if ds := draftsOf(t, f, item); len(ds) != 0 {
				t.Errorf("drafts stored: %+v", ds)
			}
		})
	}
	// The refused form is shown again with what was typed.
	_, body := spk.Post(t, path+"/reply/template", url.Values{"template": {"sorry_wait.fr"}, "nonce": {"x"}})
	pageHas(t, body, `<option value="sorry_wait.fr" selected>`, `name="v.phone"`)
	// A claim on nothing: replying without taking the conversation.
	resp, body := spk.Post(t, fmt.Sprintf("/w/demo/items/%d/reply/template", f.Items[4]), tpl)
	if resp.StatusCode != 409 || !strings.Contains(body, "Take the conversation first") {
		t.Errorf("reply without a claim = %d\n%s", resp.StatusCode, body)
	}
}

// TestTemplateLibrary: filters, proposing, approval by someone else,
// retirement, and the refusals.
func TestTemplateLibrary(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	mod := f.SignIn(t, auth.RoleModerator)
	apr := f.SignIn(t, auth.RoleApprover)
	view := f.SignIn(t, auth.RoleViewer)
	ctx := context.Background()

	_, body := view.Get(t, "/w/demo/templates?lang=de&tone=apologetic")
	pageHas(t, body, `id="tpl-sorry_wait.de"`)
	pageLacks(t, body, `id="tpl-complaint_ack.de"`, `id="tpl-sorry_wait.fr"`, `value="approve"`, `value="retire"`, `id="t-body"`)
	_, body = view.Get(t, "/w/demo/templates?lang=xx&status=nope") // unknown filters show everything
	if c := strings.Count(body, `class="tpl"`); c != 36 {
		t.Errorf("library lists %d templates, want 36", c)
	}

	propose := url.Values{"op": {"create"}, "id": {"thanks.fr"}, "lang": {"fr"}, "group": {"thanks"}, "name": {"Remerciements"}, "tone": {"compassionate"},
		"situations": {"praise"}, "body": {"Merci {{author}}, toute l'équipe est touchée par votre message."}}
	resp, body := mod.Post(t, "/w/demo/templates", propose)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("propose = %d\n%s", resp.StatusCode, body)
	}
	tests := []struct {
		name   string
		c      *desktest.Client
		path   string
		form   url.Values
		status int
		text   string
	}{
		{"same id again", mod, "/w/demo/templates", propose, 409, "existe déjà"},
		{"broken variable", mod, "/w/demo/templates", url.Values{"op": {"create"}, "id": {"x.fr"}, "lang": {"fr"}, "name": {"X"}, "tone": {"firm"}, "body": {"Bonjour {{auteur}}"}}, 422, "une variable mal écrite"},
		{"viewer proposing", view, "/w/demo/templates", propose, 403, "Your role does not allow this"},
		{"moderator approving", mod, "/w/demo/templates/decide", url.Values{"op": {"approve"}, "id": {"thanks.fr"}, "version": {"1"}}, 403, "Votre rôle"},
		{"unknown template", apr, "/w/demo/templates/decide", url.Values{"op": {"approve"}, "id": {"nope"}, "version": {"1"}}, 404, "This template does not exist"},
		{"bad version", apr, "/w/demo/templates/decide", url.Values{"op": {"approve"}, "id": {"thanks.fr"}, "version": {"one"}}, 400, "not understood"},
		{"revise a stale version", mod, "/w/demo/templates", url.Values{"op": {"revise"}, "id": {"condolences.fr"}, "base": {"7"}, "name": {"X"}, "tone": {"compassionate"}, "body": {"Bonjour"}}, 409, "modifié ce modèle"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := tt.c.Post(t, tt.path, tt.form)
			if resp.StatusCode != tt.status || !strings.Contains(body, tt.text) {
				t.Errorf("status %d, want %d with %q\n%s", resp.StatusCode, tt.status, tt.text, body)
			}
			if tp, _ := f.Store.Template(ctx, desktest.Workspace, "thanks.fr", 0); tp.Status != store.TemplateDraft {
				t.Errorf("template is now %s", tp.Status)
			}
		})
	}
	// The author does not get the approve button; someone else does.
	_, body = mod.Get(t, "/w/demo/templates?status=draft")
	pageHas(t, body, `id="tpl-thanks.fr"`, "Vous avez proposé cette version")
	pageLacks(t, body, `value="approve"`)
	_, body = apr.Get(t, "/w/demo/templates?status=draft")
	pageHas(t, body, `value="approve"`)
	if resp, _ := apr.Post(t, "/w/demo/templates/decide", url.Values{"op": {"approve"}, "id": {"thanks.fr"}, "version": {"1"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve = %d", resp.StatusCode)
	}
	if tp, _ := f.Store.LiveTemplate(ctx, desktest.Workspace, "thanks.fr"); tp.Version != 1 {
		t.Errorf("live = %+v", tp)
	}
	// A new version, then the approver cannot approve their own one.
	_, body = apr.Get(t, "/w/demo/templates?edit=thanks.fr")
	pageHas(t, body, `name="op" value="revise"`, "New version of thanks.fr", "toute l&#39;équipe est touchée")
	rev := url.Values{"op": {"revise"}, "id": {"thanks.fr"}, "base": {"1"}, "name": {"Remerciements"}, "tone": {"compassionate"}, "body": {"Merci {{author}} !"}}
	if resp, body := apr.Post(t, "/w/demo/templates", rev); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("revise = %d\n%s", resp.StatusCode, body)
	}
	if resp, body := apr.Post(t, "/w/demo/templates/decide", url.Values{"op": {"approve"}, "id": {"thanks.fr"}, "version": {"2"}}); resp.StatusCode != 403 || !strings.Contains(body, "second pair of eyes") {
		t.Errorf("approve own version = %d\n%s", resp.StatusCode, body)
	}
	if resp, _ := apr.Post(t, "/w/demo/templates/decide", url.Values{"op": {"retire"}, "id": {"thanks.fr"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("retire = %d", resp.StatusCode)
	}
	if _, err := f.Store.LiveTemplate(ctx, desktest.Workspace, "thanks.fr"); err == nil {
		t.Errorf("a retired template is still live")
	}
}
