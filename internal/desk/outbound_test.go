package desk_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/desk/desktest"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/outbound"
	"github.com/stormwatch/stormwatch/internal/store"
)

// seedRegisters fills the outbound registers as a policy manager would.
func seedRegisters(t *testing.T, f *desktest.Fixture) {
	t.Helper()
	ctx := context.Background()
	now := time.Now().UTC()
	if _, err := f.Store.PutProtectedPerson(ctx, store.ProtectedPerson{Workspace: desktest.Workspace, Name: "Léa Dubois", Aliases: []string{"Léa D."}, Reason: "survivor"}, "system"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Store.PutConsent(ctx, store.Consent{Workspace: desktest.Workspace, Name: "Camille Roux", Scope: store.ConsentBoth, GivenAt: now.AddDate(-1, 0, 0), ExpiresAt: now.AddDate(0, 0, 10), Evidence: "binder B, shelf 2"}, "system"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Store.PutPrivateEvent(ctx, store.PrivateEvent{Workspace: desktest.Workspace, Label: "support group", Places: []string{"Salle Jaurès"}, Start: now.AddDate(0, 0, 3), End: now.AddDate(0, 0, 3).Add(2 * time.Hour)}, "system"); err != nil {
		t.Fatal(err)
	}
	if err := f.Store.SetOutboundSettings(ctx, store.OutboundSettings{Workspace: desktest.Workspace, HelpPhone: "0800 123 456", HelpURL: "https://tilleuls.example/secure", Keywords: []string{"projet Orion"}}, "system"); err != nil {
		t.Fatal(err)
	}
}

func postsOf(t *testing.T, f *desktest.Fixture) []store.Post {
	t.Helper()
	ps, err := f.Store.Posts(context.Background(), desktest.Workspace, store.PostFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

func TestOutboundPages(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	seedRegisters(t, f)
	admin := f.SignIn(t, auth.RoleAdmin)
	view := f.SignIn(t, auth.RoleViewer)
	mod := f.SignIn(t, auth.RoleModerator) // French
	tests := []struct {
		name   string
		c      *desktest.Client
		path   string
		status int
		want   []string
		not    []string
	}{
		{"outbound list, viewer", view, "/w/demo/outbound", 200, []string{"Outbound posts", "No posts yet."}, []string{`id="post-text"`}},
		{"outbound compose, moderator in French", mod, "/w/demo/outbound", 200, []string{"Rédiger une publication", `id="post-text"`, `value="facebook:page"`}, nil},
		{"consents, viewer sees no protected names", view, "/w/demo/consents", 200,
			[]string{"Camille Roux", "1 people are on the protected-persons list", "1 private events are recorded", "0800 123 456", "consents have run out or run out within 30 days"},
			[]string{"Léa", "Salle Jaurès", "binder B", "projet Orion", `id="consent-form"`}},
		{"consents, policy manager", admin, "/w/demo/consents", 200, []string{"Léa Dubois", "Léa D.", "survivor", "Salle Jaurès", "binder B", "projet Orion", `id="protected-form"`}, nil},
		{"registry, viewer", view, "/w/demo/registry", 200, []string{"Account registry", "No account registered yet."}, []string{`id="account-form"`}},
		{"registry, admin", admin, "/w/demo/registry", 200, []string{`id="account-form"`, "Test moderator"}, nil},
		{"runbook", view, "/w/demo/registry/runbook", 200, []string{"Breach runbook", "Change the passwords", "Tell the followers", "Record it in a case"}, nil},
		{"runbook in French", mod, "/w/demo/registry/runbook", 200, []string{"Procédure en cas de piratage", "Changer les mots de passe"}, nil},
		{"unknown post", view, "/w/demo/outbound/999", 404, nil, nil},
		{"bad post id", view, "/w/demo/outbound/x", 404, nil, nil},
		{"other workspace", view, "/w/other/outbound", 403, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := tt.c.Get(t, tt.path)
			if resp.StatusCode != tt.status {
				t.Fatalf("status = %d, want %d\n%s", resp.StatusCode, tt.status, body)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(body, w) {
					t.Errorf("page has %q", w)
				}
			}
		})
	}
}

// TestOutboundFlow drives the post screens over HTTP: a check marks a
// protected name; submitting it saves a blocked draft; fixed and
// submitted, the author cannot approve it, an approver can; the post is
// published once, whatever the clicks.
func TestOutboundFlow(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	seedRegisters(t, f)
	author := f.SignIn(t, auth.RoleSpokesperson)
	approver := f.SignIn(t, auth.RoleApprover)
	mod := f.SignIn(t, auth.RoleModerator)
	form := url.Values{"text": {"Merci à Léa Dubois et à Julie (06 12 34 56 78) !"}, "lang": {"fr"}, "channel": {"facebook:page", "mastodon:clinic"}}

	check := postWithOp(form, "check")
	resp, body := author.Post(t, "/w/demo/outbound", check)
	if resp.StatusCode != 200 || !strings.Contains(body, `data-blocking="true"`) || !strings.Contains(body, `<mark class="tone tone-aggressive finding finding-block">Léa Dubois</mark>`) ||
		!strings.Contains(body, "protected-persons list") || !strings.Contains(body, "78” is personal data (phone)") {
		t.Fatalf("check = %d\n%s", resp.StatusCode, body)
	}
	if len(postsOf(t, f)) != 0 {
		t.Fatalf("a check stored a post")
	}
	resp, _ = author.Post(t, "/w/demo/outbound", postWithOp(form, "submit"))
	ps := postsOf(t, f)
	if resp.StatusCode != http.StatusSeeOther || len(ps) != 1 || ps[0].Status != store.PostDraft || !strings.Contains(resp.Header.Get("Location"), "flash=post_blocked") {
		t.Fatalf("blocked submit = %d %s, posts %+v", resp.StatusCode, resp.Header.Get("Location"), ps)
	}
	p := ps[0]
	path := fmt.Sprintf("/w/demo/outbound/%d", p.ID)
	if _, body := author.Get(t, resp.Header.Get("Location")); !strings.Contains(body, "the check blocks it") || !strings.Contains(body, `id="post-submit"`) {
		t.Errorf("post page after the blocked submit:\n%s", body)
	}

	fixed := url.Values{"text": {"Merci à toutes les personnes qui ont témoigné."}, "lang": {"fr"}, "channel": {"facebook:page", "mastodon:clinic"}, "rev": {"1"}, "op": {"submit"}}
	if resp, body := author.Post(t, path+"/edit", fixed); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("fix and submit = %d\n%s", resp.StatusCode, body)
	}
	if p, _ = f.Store.Post(context.Background(), desktest.Workspace, p.ID); p.Status != store.PostPending || p.Revision != 2 {
		t.Fatalf("after the fix = %+v", p)
	}
	if _, body := author.Get(t, path); !strings.Contains(body, `id="post-own"`) || strings.Contains(body, `id="post-approve"`) {
		t.Errorf("the author is offered to approve their own post")
	}
	// A spokesperson lacks approve_reply; the route refuses before the handler.
	if resp, _ := author.Post(t, path+"/decide", url.Values{"op": {"approve"}, "rev": {"2"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("author approving = %d, want 403", resp.StatusCode)
	}
	if resp, body := approver.Post(t, path+"/decide", url.Values{"op": {"approve"}, "rev": {"1"}}); resp.StatusCode != http.StatusConflict || !strings.Contains(body, "changed meanwhile") {
		t.Errorf("approving a stale revision = %d\n%s", resp.StatusCode, body)
	}
	if resp, body := approver.Post(t, path+"/decide", url.Values{"op": {"reject"}, "rev": {"2"}}); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "Say why") {
		t.Errorf("reject without a comment = %d\n%s", resp.StatusCode, body)
	}
	if resp, _ := approver.Post(t, path+"/decide", url.Values{"op": {"approve"}, "rev": {"2"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve = %d", resp.StatusCode)
	}
	if resp, _ := mod.Post(t, path+"/publish", nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a moderator publishing = %d, want 403", resp.StatusCode)
	}
	for range 2 { // a double click
		if resp, _ := author.Post(t, path+"/publish", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("publish = %d", resp.StatusCode)
		}
	}
	claims, err := f.Store.ClaimActions(context.Background(), time.Now().Add(time.Minute), 10)
	if err != nil || len(claims) != 2 {
		t.Fatalf("publish actions = %d, %v", len(claims), err)
	}
	for _, c := range claims {
		if c.Action.Kind != act.Publish || c.Item.Text != "Merci à toutes les personnes qui ont témoigné." {
			t.Errorf("claim = %+v", c)
		}
	}
	if _, body := author.Get(t, path); !strings.Contains(body, `id="post-published"`) || strings.Contains(body, `id="edit"`) {
		t.Errorf("published post page:\n%s", body)
	}
	if resp, _ := author.Post(t, path+"/edit", fixed); resp.StatusCode != http.StatusConflict {
		t.Errorf("editing a published post = %d, want 409", resp.StatusCode)
	}
}

func postWithOp(v url.Values, op string) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	out.Set("op", op)
	return out
}

func TestConsentsAndRegistryForms(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	admin := f.SignIn(t, auth.RoleAdmin)
	mod := f.SignIn(t, auth.RoleModerator)
	ctx := context.Background()
	tests := []struct {
		name   string
		c      *desktest.Client
		path   string
		form   url.Values
		status int
		want   string
	}{
		{"consent", admin, "/w/demo/consents", url.Values{"op": {"consent_save"}, "name": {"Camille Roux"}, "scope": {"both"}, "given": {"2026-01-10"}, "expires": {"2027-01-10"}, "channels": {"facebook:page"}}, 303, ""},
		{"consent with a bad date", admin, "/w/demo/consents", url.Values{"op": {"consent_save"}, "name": {"X"}, "scope": {"both"}, "given": {"10/01/2026"}}, 400, "a date like 2026-11-21"},
		{"consent without a name", admin, "/w/demo/consents", url.Values{"op": {"consent_save"}, "scope": {"both"}, "given": {"2026-01-10"}}, 400, "This cannot be saved"},
		{"protected person", admin, "/w/demo/consents", url.Values{"op": {"protected_save"}, "name": {"Léa Dubois"}, "aliases": {"Léa D.\nLD"}, "reason": {"survivor"}}, 303, ""},
		{"protected with a free-text reason", admin, "/w/demo/consents", url.Values{"op": {"protected_save"}, "name": {"Y"}, "reason": {"her ex is looking for her"}}, 400, ""},
		{"private event", admin, "/w/demo/consents", url.Values{"op": {"event_save"}, "label": {"group"}, "places": {"Salle Jaurès"}, "start": {"2026-12-01T14:00"}, "end": {"2026-12-01T16:00"}}, 303, ""},
		{"settings", admin, "/w/demo/consents", url.Values{"op": {"settings_save"}, "help_phone": {"0800 123 456"}, "help_url": {"https://tilleuls.example/secure"}, "review_days": {"60"}}, 303, ""},
		{"moderator cannot edit registers", mod, "/w/demo/consents", url.Values{"op": {"protected_save"}, "name": {"Z"}, "reason": {"client"}}, 403, ""},
		{"unknown op", admin, "/w/demo/consents", url.Values{"op": {"drop_table"}}, 400, ""},
		{"account", admin, "/w/demo/registry", url.Values{"op": {"save"}, "platform": {"instagram"}, "handle": {"@tilleuls"}, "owner": {fmt.Sprint(mod.Session.UserID)}, "two_factor": {"app"}, "recovery": {"IT desk"}}, 303, ""},
		{"account twice", admin, "/w/demo/registry", url.Values{"op": {"save"}, "platform": {"instagram"}, "handle": {"@tilleuls"}}, 409, "registered already"},
		{"account with a private number", admin, "/w/demo/registry", url.Values{"op": {"save"}, "platform": {"x"}, "handle": {"@t"}, "recovery": {"Camille 06 12 34 56 78"}}, 400, "looks like a phone number"},
		{"moderator cannot edit the registry", mod, "/w/demo/registry", url.Values{"op": {"save"}, "platform": {"x"}, "handle": {"@t"}}, 403, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := tt.c.Post(t, tt.path, tt.form)
			if resp.StatusCode != tt.status {
				t.Fatalf("status = %d, want %d\n%s", resp.StatusCode, tt.status, body)
			}
			if tt.want != "" && !strings.Contains(body, tt.want) {
				t.Errorf("page lacks %q", tt.want)
			}
		})
	}
	as, _ := f.Store.BrandAccounts(ctx, desktest.Workspace)
	if len(as) != 1 {
		t.Fatalf("accounts = %+v", as)
	}
	_, body := admin.Get(t, "/w/demo/registry")
	for _, w := range []string{"No backup owner", "Not reviewed yet.", `id="review-`} {
		if !strings.Contains(body, w) {
			t.Errorf("registry page lacks %q", w)
		}
	}
	if resp, _ := admin.Post(t, "/w/demo/registry", url.Values{"op": {"review"}, "id": {fmt.Sprint(as[0].ID)}}); resp.StatusCode != 303 {
		t.Fatalf("review = %d", resp.StatusCode)
	}
	if a, _ := f.Store.BrandAccount(ctx, desktest.Workspace, as[0].ID); a.LastReviewAt.IsZero() || a.LastReviewBy != fmt.Sprintf("user:%d", admin.Session.UserID) {
		t.Errorf("after review: %+v", a)
	}
	if set, _ := f.Store.OutboundSettings(ctx, desktest.Workspace); set.ReviewDays != 60 || set.HelpPhone != "0800 123 456" {
		t.Errorf("settings = %+v", set)
	}
}

// TestHelpRequestNotice: a direct message asking for help shows the
// warning and the approved reply with the confidential channels filled in.
func TestHelpRequestNotice(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	ctx := context.Background()
	if _, err := outbound.SeedHelpTemplates(ctx, f.Store, desktest.Workspace, time.Now()); err != nil {
		t.Fatal(err)
	}
	mod := f.SignIn(t, auth.RoleModerator)
	res, err := f.Store.InsertItems(ctx, desktest.Workspace, []ingest.Item{
		{Channel: "facebook:page", PlatformID: "dm-1", Kind: ingest.KindMessage, Text: "Bonjour, je suis en danger chez moi, pouvez-vous m'aider ?", AuthorID: "fb:x", AuthorName: "Anonyme", Lang: "fr"},
		{Channel: "facebook:page", PlatformID: "c-1", Kind: ingest.KindComment, Text: "Je suis en danger de rater le bus", AuthorID: "fb:y", Lang: "fr"},
	}, "token:1")
	if err != nil {
		t.Fatal(err)
	}
	_, body := mod.Get(t, fmt.Sprintf("/w/demo/items/%d", res[0].ID))
	if !strings.Contains(body, `id="help-warning"`) || !strings.Contains(body, "je suis en danger") || !strings.Contains(body, `id="help-no-channels"`) ||
		!strings.Contains(body, "template=help_dm.fr") {
		t.Fatalf("DM asking for help:\n%s", body)
	}
	if err := f.Store.SetOutboundSettings(ctx, store.OutboundSettings{Workspace: desktest.Workspace, HelpPhone: "0800 123 456", HelpURL: "https://tilleuls.example/secure"}, "system"); err != nil {
		t.Fatal(err)
	}
	_, body = mod.Get(t, fmt.Sprintf("/w/demo/items/%d", res[0].ID))
	m := regexp.MustCompile(`href="([^"]+)" id="help-suggest"`).FindStringSubmatch(body)
	if m == nil || !strings.Contains(m[1], "v.phone=0800") || !strings.Contains(m[1], "v.contact_url=https") || strings.Contains(body, `id="help-no-channels"`) {
		t.Fatalf("suggestion = %v\n%s", m, body)
	}
	// Claim the conversation and follow the suggestion: the approved reply
	// is previewed with the confidential channels.
	if resp, _ := mod.Post(t, fmt.Sprintf("/w/demo/items/%d/claim", res[0].ID), url.Values{"op": {"claim"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("claim = %d", resp.StatusCode)
	}
	_, body = mod.Get(t, strings.Split(html.UnescapeString(m[1]), "#")[0])
	if !strings.Contains(body, `id="tpl-preview-text"`) || !strings.Contains(body, "0800 123 456") || !strings.Contains(body, "https://tilleuls.example/secure") {
		t.Errorf("the suggested reply is not previewed:\n%s", body)
	}
	if _, body := mod.Get(t, fmt.Sprintf("/w/demo/items/%d", res[1].ID)); strings.Contains(body, `id="help-warning"`) {
		t.Errorf("a public comment got the DM help warning")
	}
}

// outboundMain is the page's <main>, normalised (dates too): the navigation
// around it is the layout's, which other screens change.
func outboundMain(body string) string {
	return regexp.MustCompile(`\d{4}-\d\d-\d\d`).ReplaceAllString(normalise(mainOf(body)), "DATE")
}

func TestOutboundGolden(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	seedRegisters(t, f)
	admin := f.SignIn(t, auth.RoleAdmin)
	ctx := context.Background()
	p, err := f.Store.CreatePost(ctx, store.Post{Workspace: desktest.Workspace, Text: "Rendez-vous à la salle Jaurès avec Léa D. !", Lang: "fr", Channels: []string{"facebook:page"}}, "user:999")
	if err != nil {
		t.Fatal(err)
	}
	for name, path := range map[string]string{"outbound_post.html": fmt.Sprintf("/w/demo/outbound/%d", p.ID), "consents.html": "/w/demo/consents", "runbook.html": "/w/demo/registry/runbook"} {
		t.Run(name, func(t *testing.T) {
			_, body := admin.Get(t, path)
			checkGolden(t, name, outboundMain(body))
		})
	}
}
