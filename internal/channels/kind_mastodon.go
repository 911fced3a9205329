package channels

import (
	"github.com/stormwatch/stormwatch/internal/source"
	"github.com/stormwatch/stormwatch/internal/source/mastodon"
)

func init() {
	Register(Kind{
		Name:  "mastodon",
		Label: "Mastodon (also GoToSocial, Pleroma, Akkoma)",
		Settings: []Field{
			{Name: "base_url", Label: "Server address", Help: "e.g. https://social.example", Required: true},
			{Name: "stream", Label: "Use the streaming API (yes/no)", Help: "wakes the poller at once; polling stays the source of truth"},
		},
		Secrets: []Field{
			{Name: "token", Label: "Access token", Help: "scopes read:notifications read:statuses read:accounts read:filters write:statuses write:blocks write:mutes write:reports write:filters", Required: true},
		},
		// No delete: Mastodon deletes only the organization's own statuses.
		Capabilities: []source.Capability{source.ReadMentions, source.Reply, source.Block, source.Mute, source.Report, source.Publish},
		New: func(c Config) (Built, error) {
			conn, err := mastodon.New(mastodon.Config{
				BaseURL: c.Setting("base_url"), Token: c.Secret("token"), Channel: c.Channel,
				Stream: yes(c.Setting("stream")), ResolveThreads: true, HTTPClient: c.HTTPClient, MaxRetryWait: c.MaxRetryWait,
				PageSize: 80, // Mastodon's maximum: half the requests against the rate limit
			})
			if err != nil {
				return Built{}, err
			}
			return Built{Source: conn, Actor: conn}, nil
		},
	})
}

func yes(v string) bool {
	switch v {
	case "yes", "true", "on", "1":
		return true
	}
	return false
}
