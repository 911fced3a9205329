package channels

import (
	"errors"
	"net/http"
	"strings"

	"github.com/stormwatch/stormwatch/internal/source"
	"github.com/stormwatch/stormwatch/internal/source/meta"
)

// Meta pushes: a Page or an Instagram account is a Push kind whose items
// arrive at /hooks/<kind>/<channel id> (set as the app's callback URL),
// and whose actor calls the Graph API.
func init() {
	secrets := []Field{
		{Name: "page_token", Label: "Page access token", Help: "a long-lived Page token with pages_manage_engagement (Instagram: instagram_manage_comments)", Required: true},
		{Name: "app_secret", Label: "App secret", Help: "signs every delivery (X-Hub-Signature-256)", Required: true},
		{Name: "verify_token", Label: "Verify token", Help: "the token typed into the app's webhook settings", Required: true},
	}
	graphURL := Field{Name: "graph_url", Label: "Graph API root (optional)", Help: meta.DefaultBaseURL}
	Register(Kind{
		Name:         "meta_page",
		Label:        "Facebook Page",
		Settings:     []Field{{Name: "page_id", Label: "Page id", Required: true}, graphURL},
		Secrets:      secrets,
		Capabilities: []source.Capability{source.ReadReplies, source.Hide, source.Delete, source.Reply, source.Publish},
		Push:         true,
		New:          func(c Config) (Built, error) { return metaBuild(c, meta.Facebook, "page_id") },
		Hook:         func(c Config, sink Sink) http.Handler { return metaHook(c, sink, meta.ObjectPage, "page_id") },
	})
	Register(Kind{
		Name:         "meta_instagram",
		Label:        "Instagram professional account",
		Settings:     []Field{{Name: "ig_account_id", Label: "Instagram account id", Required: true}, graphURL},
		Secrets:      secrets,
		Capabilities: []source.Capability{source.ReadReplies, source.Hide, source.Delete, source.Reply},
		Push:         true,
		New:          func(c Config) (Built, error) { return metaBuild(c, meta.Instagram, "ig_account_id") },
		Hook: func(c Config, sink Sink) http.Handler {
			return metaHook(c, sink, meta.ObjectInstagram, "ig_account_id")
		},
	})
}

func metaBuild(c Config, p meta.Platform, idField string) (Built, error) {
	id := c.Setting(idField)
	if id == "" || strings.ContainsAny(id, "/?#") {
		return Built{}, errors.New(idField + ": want the numeric id")
	}
	g := &meta.Graph{ChannelName: c.Channel, Platform: p, Token: c.Secret("page_token"), AppSecret: c.Secret("app_secret"),
		BaseURL: c.Setting("graph_url"), Client: c.HTTPClient}
	if p == meta.Facebook {
		g.PageID = id
	}
	return Built{Actor: g}, nil
}

func metaHook(c Config, sink Sink, object, idField string) http.Handler {
	account := c.Setting(idField)
	return meta.NewWebhook(meta.Config{
		VerifyToken: c.Secret("verify_token"),
		AppSecret:   c.Secret("app_secret"),
		Log:         c.Log,
		// Only this channel's account: a delivery for another Page of the
		// same app is not this channel's to store.
		Channel: func(obj, acct string) string {
			if obj == object && acct == account {
				return c.Channel
			}
			return ""
		},
	}, meta.Sink(sink))
}
