package desk_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/audit"
	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/channels"
	"github.com/stormwatch/stormwatch/internal/desk/desktest"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/source/webhook"
	"github.com/stormwatch/stormwatch/internal/store"
)

// TestChannelsScreen: an admin connects a generic webhook and a Facebook
// Page, sees their capabilities, webhook address and secret hints (never
// the secrets), replaces a credential, turns a channel off and removes
// it; a viewer reads the list but cannot change it; the policy rules the
// channels cannot carry out are listed; the webhook URL stores items.
func TestChannelsScreen(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	ctx := context.Background()
	keys, err := channels.ParseKeyRing("d1:" + base64.StdEncoding.EncodeToString(make([]byte, 32)))
	if err != nil {
		t.Fatal(err)
	}
	svc := &channels.Service{Store: f.Store, Keys: keys}
	sup := &channels.Supervisor{Service: svc, Store: f.Store, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Silence: -1}
	svc.Changed = func() { sup.Reconcile(ctx) }
	f.Desk.UseChannels(svc, sup)

	admin := f.SignIn(t, auth.RoleAdmin)
	view := f.SignIn(t, auth.RoleViewer)
	_, body := admin.Get(t, "/w/demo/channels")
	pageHas(t, body, `id="channels-none"`, `id="channel-add"`, `value="webhook"`, `value="mastodon"`, `value="meta_page"`)
	if _, body := admin.Get(t, "/w/demo/channels/new?kind=meta_page"); !strings.Contains(body, `name="secret_app_secret"`) || !strings.Contains(body, `name="setting_page_id"`) {
		t.Errorf("new page form lacks fields")
	}
	if resp, _ := admin.Get(t, "/w/demo/channels/new?kind=myspace"); resp.StatusCode != 404 {
		t.Errorf("unknown kind form = %d", resp.StatusCode)
	}
	secret := "hook-secret-abcdefghijklmnop-WXYZ"
	resp, _ := admin.Post(t, "/w/demo/channels", url.Values{"kind": {"webhook"}, "name": {"Reviews site"}, "secret_secret": {secret}})
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/w/demo/channels?done=created" {
		t.Fatalf("create = %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	// A missing secret shows the form again, with the settings kept and
	// no secret echoed.
	resp, body = admin.Post(t, "/w/demo/channels", url.Values{"kind": {"meta_page"}, "name": {"Page"}, "setting_page_id": {"998877"}, "secret_page_token": {"EAAG-token-0000000001111"}})
	if resp.StatusCode != 422 || !strings.Contains(body, "A required field is empty.") || !strings.Contains(body, `value="998877"`) || strings.Contains(body, "EAAG-token") {
		t.Errorf("incomplete create = %d", resp.StatusCode)
	}
	resp, _ = admin.Post(t, "/w/demo/channels", url.Values{"kind": {"meta_page"}, "name": {"Clinic page"}, "setting_page_id": {"998877"},
		"secret_page_token": {"EAAG-token-0000000001111"}, "secret_app_secret": {"app-secret-00000000002222"}, "secret_verify_token": {"verify-me"}})
	if resp.StatusCode != 303 {
		t.Fatalf("create page = %d", resp.StatusCode)
	}
	list, _ := f.Store.ListChannels(ctx, desktest.Workspace)
	if len(list) != 2 {
		t.Fatalf("%d channels", len(list))
	}
	var hook, page = list[1], list[0]
	if hook.Kind != "webhook" {
		hook, page = page, hook
	}
	_, body = view.Get(t, "/w/demo/channels?done=created")
	pageHas(t, body, "Channel connected.", "Reviews site", "Clinic page", "/hooks/webhook/"+hook.ID, "/hooks/meta/"+page.ID,
		"…WXYZ", "…2222", "hide", "publish", "nothing received yet")
	for _, s := range []string{secret, "EAAG-token", "app-secret-0000", "verify-me"} {
		if strings.Contains(body, s) {
			t.Errorf("the list shows a secret: %q", s)
		}
	}
	if strings.Contains(body, `id="channel-add"`) || strings.Contains(body, `value="disable"`) {
		t.Error("a viewer is offered changes")
	}
	// The clinic policy hides and blocks; a Facebook Page cannot block.
	pageHas(t, body, `id="channel-gaps"`)
	if resp, _ := view.Post(t, "/w/demo/channels/"+hook.ID, url.Values{"op": {"disable"}}); resp.StatusCode != 403 {
		t.Errorf("viewer disables = %d", resp.StatusCode)
	}
	if resp, _ := view.Post(t, "/w/demo/channels", url.Values{"kind": {"webhook"}, "name": {"x"}, "secret_secret": {"y"}}); resp.StatusCode != 403 {
		t.Errorf("viewer creates = %d", resp.StatusCode)
	}

	// The webhook stores a signed delivery.
	body1 := `{"platform_id":"rev-1","text":"Never going back there."}`
	ts := time.Now().Unix()
	hresp := postHook(t, f.URL+"/hooks/webhook/"+hook.ID, body1, ts, webhook.Sign([]byte(secret), ts, []byte(body1)))
	if hresp != 200 {
		t.Fatalf("webhook delivery = %d", hresp)
	}
	if code := postHook(t, f.URL+"/hooks/webhook/"+hook.ID, body1, ts, "sha256="+strings.Repeat("a", 64)); code != 401 {
		t.Errorf("forged delivery = %d", code)
	}
	if code := postHook(t, f.URL+"/hooks/webhook/ch_doesnotexist", body1, ts, webhook.Sign([]byte(secret), ts, []byte(body1))); code != 404 {
		t.Errorf("unknown channel = %d", code)
	}
	if code := postHook(t, f.URL+"/hooks/meta/"+hook.ID, body1, ts, webhook.Sign([]byte(secret), ts, []byte(body1))); code != 404 {
		t.Errorf("webhook channel under /hooks/meta = %d", code)
	}

	// Replace one credential: the hint changes, the others stay.
	resp, _ = admin.Post(t, "/w/demo/channels/"+page.ID, url.Values{"op": {"secrets"}, "secret_page_token": {"EAAG-token-0000000009999"}})
	if resp.StatusCode != 303 {
		t.Fatalf("replace = %d", resp.StatusCode)
	}
	_, body = admin.Get(t, "/w/demo/channels")
	pageHas(t, body, "…9999", "…2222", "last item")
	// Off, then removed after confirmation.
	if resp, _ := admin.Post(t, "/w/demo/channels/"+hook.ID, url.Values{"op": {"disable"}}); resp.StatusCode != 303 {
		t.Fatalf("disable = %d", resp.StatusCode)
	}
	if code := postHook(t, f.URL+"/hooks/webhook/"+hook.ID, body1, ts, webhook.Sign([]byte(secret), ts, []byte(body1))); code != 404 {
		t.Errorf("disabled channel's webhook = %d", code)
	}
	resp, _ = admin.Post(t, "/w/demo/channels/"+hook.ID, url.Values{"op": {"remove"}})
	if resp.StatusCode != 303 || !strings.Contains(resp.Header.Get("Location"), "remove="+hook.ID) {
		t.Fatalf("remove without confirmation = %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body = admin.Get(t, "/w/demo/channels?remove="+hook.ID)
	pageHas(t, body, `id="remove-confirm"`)
	if resp, _ := admin.Post(t, "/w/demo/channels/"+hook.ID, url.Values{"op": {"remove"}, "confirm": {"yes"}}); resp.StatusCode != 303 {
		t.Fatalf("remove = %d", resp.StatusCode)
	}
	if _, err := f.Store.Channel(ctx, desktest.Workspace, hook.ID); err == nil {
		t.Error("channel still there")
	}
	if resp, _ := admin.Post(t, "/w/other/channels/"+page.ID, url.Values{"op": {"disable"}}); resp.StatusCode != 403 && resp.StatusCode != 404 {
		t.Errorf("another workspace's channel = %d", resp.StatusCode)
	}
	if resp, _ := admin.Post(t, "/w/demo/channels/"+page.ID, url.Values{"op": {"explode"}}); resp.StatusCode != 400 {
		t.Errorf("unknown op = %d", resp.StatusCode)
	}
}

// TestChannelSettings: an admin changes a connected channel's name and
// settings from its own form (pre-filled, never showing a secret); a
// refusal comes back 422 with the input kept and the error next to its
// field; the change is audited without a secret and reloads the
// channels; a viewer cannot open or send the form; an unknown channel is
// 404; RSS field labels are translated.
func TestChannelSettings(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	ctx := context.Background()
	keys, err := channels.ParseKeyRing("d1:" + base64.StdEncoding.EncodeToString(make([]byte, 32)))
	if err != nil {
		t.Fatal(err)
	}
	reloads := 0
	// No supervisor: a reload would start pollers reaching the network;
	// Changed is what the supervisor's Reconcile hangs on.
	svc := &channels.Service{Store: f.Store, Keys: keys, Changed: func() { reloads++ }}
	f.Desk.UseChannels(svc, nil)
	const token = "mastodon-token-SECRET-abcdefgh1234"
	masto, err := svc.Create(ctx, desktest.Workspace, "mastodon", "Clinic on Mastodon", map[string]string{"base_url": "https://social.example"}, map[string]string{"token": token}, "test")
	if err != nil {
		t.Fatal(err)
	}
	feed, err := svc.Create(ctx, desktest.Workspace, "rss", "Press", map[string]string{"feeds": "https://news.example/feed.xml"}, nil, "test")
	if err != nil {
		t.Fatal(err)
	}
	admin := f.SignIn(t, auth.RoleAdmin)
	view := f.SignIn(t, auth.RoleViewer)

	_, body := admin.Get(t, "/w/demo/channels")
	pageHas(t, body, `href="/w/demo/channels/`+masto.ID+`/settings"`, `href="/w/demo/channels/`+feed.ID+`/settings"`)
	_, body = view.Get(t, "/w/demo/channels")
	pageLacks(t, body, "/settings\"")
	_, body = admin.Get(t, "/w/demo/channels/"+masto.ID+"/settings")
	pageHas(t, body, `value="Clinic on Mastodon"`, `name="setting_base_url"`, `value="https://social.example"`, `name="setting_stream"`, `name="csrf_token"`, "Replace credentials")
	pageLacks(t, body, token, "1234", `name="secret_`)

	settings := func(id string) string {
		return "/w/demo/channels/" + id + "/settings"
	}
	tests := []struct {
		name     string
		who      *desktest.Client
		path     string
		form     url.Values
		status   int
		has      []string // in the answer
		settings map[string]string
	}{
		{name: "good update", who: admin, path: settings(feed.ID),
			form:   url.Values{"name": {"Local press"}, "setting_feeds": {"https://news.example/feed.xml\nhttps://other.example/rss"}, "setting_interval": {"30"}, "setting_terms": {`"Clinique du Parc"`}},
			status: 303, settings: map[string]string{"feeds": "https://news.example/feed.xml\nhttps://other.example/rss", "interval": "30", "terms": `"Clinique du Parc"`}},
		{name: "optional setting cleared", who: admin, path: settings(masto.ID),
			form:   url.Values{"name": {"Clinic on Mastodon"}, "setting_base_url": {"https://social.example"}, "setting_stream": {""}},
			status: 303, settings: map[string]string{"base_url": "https://social.example"}},
		{name: "missing required field", who: admin, path: settings(masto.ID),
			form:   url.Values{"name": {"Kept name"}, "setting_base_url": {"  "}, "setting_stream": {"yes"}},
			status: 422, has: []string{`id="err-base_url"`, "This field is required.", `value="Kept name"`, `value="yes"`}},
		{name: "bad interval", who: admin, path: settings(feed.ID),
			form:   url.Values{"name": {"Local press"}, "setting_feeds": {"https://news.example/feed.xml"}, "setting_interval": {"often"}},
			status: 422, has: []string{`id="err-interval"`, "This value does not work", `value="often"`}},
		{name: "bad feed address", who: admin, path: settings(feed.ID),
			form:   url.Values{"name": {"Local press"}, "setting_feeds": {"ftp://news.example/feed"}},
			status: 422, has: []string{`id="err-feeds"`, ">ftp://news.example/feed</textarea>"}},
		{name: "empty name", who: admin, path: settings(feed.ID),
			form:   url.Values{"name": {""}, "setting_feeds": {"https://news.example/feed.xml"}},
			status: 422, has: []string{`id="err-name"`, "at most 100 characters"}},
		{name: "unknown channel", who: admin, path: settings("ch_doesnotexist"),
			form: url.Values{"name": {"x"}}, status: 404},
		{name: "viewer", who: view, path: settings(feed.ID),
			form: url.Values{"name": {"Hijacked"}, "setting_feeds": {"https://evil.example/rss"}}, status: 403},
		{name: "no CSRF token", who: admin, path: settings(feed.ID),
			form: url.Values{"csrf_token": {"forged"}, "name": {"Hijacked"}, "setting_feeds": {"https://evil.example/rss"}}, status: 403},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := reloads
			resp, body := tc.who.Post(t, tc.path, tc.form)
			if resp.StatusCode != tc.status {
				t.Fatalf("status = %d, want %d", resp.StatusCode, tc.status)
			}
			pageHas(t, body, tc.has...)
			pageLacks(t, body, token)
			if tc.status != 303 {
				if reloads != before {
					t.Error("a refused change reloaded the channels")
				}
				return
			}
			if loc := resp.Header.Get("Location"); loc != "/w/demo/channels?done=updated" {
				t.Errorf("redirect to %q", loc)
			}
			if reloads != before+1 {
				t.Errorf("reloads = %d, want %d", reloads, before+1)
			}
			id := strings.TrimSuffix(strings.TrimPrefix(tc.path, "/w/demo/channels/"), "/settings")
			ch, err := f.Store.Channel(ctx, desktest.Workspace, id)
			if err != nil {
				t.Fatal(err)
			}
			if ch.Name != tc.form.Get("name") || !maps.Equal(ch.Settings, tc.settings) {
				t.Errorf("stored %q %v, want %v", ch.Name, ch.Settings, tc.settings)
			}
		})
	}
	for _, c := range []struct {
		who    *desktest.Client
		path   string
		status int
	}{{admin, settings("ch_doesnotexist"), 404}, {view, settings(feed.ID), 403}} {
		if resp, _ := c.who.Get(t, c.path); resp.StatusCode != c.status {
			t.Errorf("GET %s = %d, want %d", c.path, resp.StatusCode, c.status)
		}
	}
	if ch, _ := f.Store.Channel(ctx, desktest.Workspace, feed.ID); ch.Name != "Local press" {
		t.Errorf("a refused change was stored: %q", ch.Name)
	}
	_, body = admin.Get(t, "/w/demo/channels?done=updated")
	pageHas(t, body, "Channel updated.", "Local press")

	// The secrets stayed, and no audit event carries one.
	cfg, err := svc.Config(mustChannel(t, f, masto.ID))
	if err != nil || cfg.Secret("token") != token {
		t.Errorf("secrets after an update: %v", err)
	}
	updated := 0
	f.Store.WalkAudit(ctx, func(e audit.Event) error {
		if e.Kind == "channel.updated" {
			updated++
			if e.Actor != "user:"+strconv.FormatInt(admin.Session.UserID, 10) {
				t.Errorf("channel.updated by %q", e.Actor)
			}
		}
		if strings.Contains(string(e.Data), token) || strings.Contains(string(e.Data), "SECRET") {
			t.Errorf("audit event %s carries a secret: %s", e.Kind, e.Data)
		}
		return nil
	})
	if updated != 2 {
		t.Errorf("%d channel.updated events, want 2", updated)
	}

	// The RSS fields are labelled in the reader's language, here and in
	// the form for a new channel.
	if err := f.Auth.UpdateProfile(ctx, admin.Session.UserID, "Test admin", "fr"); err != nil {
		t.Fatal(err)
	}
	_, body = admin.Get(t, settings(feed.ID))
	pageHas(t, body, "Adresses des flux, une par ligne", "Minutes entre deux relevés", "Termes de recherche supplémentaires", "15 si vide")
	pageLacks(t, body, "Feed addresses, one a line")
	_, body = admin.Get(t, "/w/demo/channels/new?kind=rss")
	pageHas(t, body, "Adresses des flux, une par ligne")
}

// FuzzChannelSettingsForm: whatever an admin types into a channel's
// settings form, the answer is a save (303) or the form again (422), never
// a server error, and never shows the channel's secret.
func FuzzChannelSettingsForm(f *testing.F) {
	fx := desktest.New(f, desktest.Options{})
	keys, err := channels.ParseKeyRing("d1:" + base64.StdEncoding.EncodeToString(make([]byte, 32)))
	if err != nil {
		f.Fatal(err)
	}
	svc := &channels.Service{Store: fx.Store, Keys: keys}
	fx.Desk.UseChannels(svc, nil)
	const token = "fuzz-token-SECRET-0000000000"
	ch, err := svc.Create(context.Background(), desktest.Workspace, "mastodon", "M", map[string]string{"base_url": "https://social.example"}, map[string]string{"token": token}, "test")
	if err != nil {
		f.Fatal(err)
	}
	feed, err := svc.Create(context.Background(), desktest.Workspace, "rss", "Press", map[string]string{"feeds": "https://news.example/feed.xml"}, nil, "test")
	if err != nil {
		f.Fatal(err)
	}
	admin := fx.SignIn(f, auth.RoleAdmin)
	f.Add(false, "Press", "https://news.example/feed.xml", "15", `"a b" OR c`)
	f.Add(false, "", "\n\n", "-1", `"unclosed`)
	f.Add(true, strings.Repeat("é", 101), "htp://x\x00", "yes", "")
	f.Add(true, "M", "https://social.example/%zz", "1", "")
	f.Fuzz(func(t *testing.T, masto bool, name, a, b, c string) {
		form := url.Values{"name": {name}, "setting_feeds": {a}, "setting_interval": {b}, "setting_terms": {c}}
		id := feed.ID
		if masto {
			id, form = ch.ID, url.Values{"name": {name}, "setting_base_url": {a}, "setting_stream": {b}}
		}
		resp, body := admin.Post(t, "/w/demo/channels/"+id+"/settings", form)
		if resp.StatusCode != 303 && resp.StatusCode != 422 {
			t.Fatalf("status %d for %q", resp.StatusCode, form)
		}
		if strings.Contains(body, token) {
			t.Fatal("the form shows the secret")
		}
	})
}

func mustChannel(t *testing.T, f *desktest.Fixture, id string) store.Channel {
	t.Helper()
	ch, err := f.Store.Channel(context.Background(), desktest.Workspace, id)
	if err != nil {
		t.Fatal(err)
	}
	return ch
}

// TestItemOffersWhatTheChannelCan: an item from a connected Mastodon
// channel is offered no hide button; the demo's Facebook items are.
func TestItemOffersWhatTheChannelCan(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	ctx := context.Background()
	mod := f.SignIn(t, auth.RoleModerator)
	_, body := mod.Get(t, "/w/demo/items/"+strconv.FormatInt(f.Items[2], 10))
	pageHas(t, body, `value="hide"`, `value="block"`, `value="delete"`)
	chName := channels.ChannelName("mastodon", channels.NewID())
	res, err := f.Store.InsertItems(ctx, desktest.Workspace, []ingest.Item{{Channel: chName, PlatformID: "m1", Text: "you idiots", AuthorID: "42", Kind: "comment"}}, "test")
	if err != nil {
		t.Fatal(err)
	}
	_, body = mod.Get(t, "/w/demo/items/"+strconv.FormatInt(res[0].ID, 10))
	if strings.Contains(body, `value="hide"`) || strings.Contains(body, `value="unhide"`) {
		t.Error("a Mastodon item is offered hide")
	}
	pageHas(t, body, `value="block"`, `value="report"`, `value="allow"`, `value="escalate"`)
	if strings.Contains(body, `value="delete"`) {
		t.Error("a Mastodon item is offered delete (the API deletes only the organization's own statuses)")
	}

	// The pipeline dropped the policy's hide: the page says a person must decide.
	detail := `{"unavailable":[{"action":"hide","rule":"R3","channel":"` + chName + `","reason":"the channel cannot hide"}],"policy_verdict":"hide"}`
	if err := f.Store.SaveDecisions(ctx, []store.Decision{{ItemID: res[0].ID, Workspace: desktest.Workspace, Action: "review", Rules: []string{"R3"},
		PolicyVersion: "v1", Detail: json.RawMessage(detail), DecidedAt: time.Now()}}); err != nil {
		t.Fatal(err)
	}
	_, body = mod.Get(t, "/w/demo/items/"+strconv.FormatInt(res[0].ID, 10))
	pageHas(t, body, `class="hint unavailable"`, "R3")
}

func postHook(t *testing.T, u, body string, ts int64, sig string) int {
	t.Helper()
	req, _ := http.NewRequest("POST", u, strings.NewReader(body))
	req.Header.Set(webhook.TimestampHeader, strconv.FormatInt(ts, 10))
	req.Header.Set(webhook.SignatureHeader, sig)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}
