package desk_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

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
