package channels

import (
	"net/http"

	"github.com/stormwatch/stormwatch/internal/source"
	"github.com/stormwatch/stormwatch/internal/source/webhook"
)

func init() {
	Register(Kind{
		Name:  "webhook",
		Label: "Generic webhook (HMAC-SHA256 signed)",
		Secrets: []Field{
			{Name: "secret", Label: "Shared secret", Help: "at least 32 random characters; the sender signs \"<timestamp>.<body>\" with it", Required: true},
		},
		Capabilities: []source.Capability{source.ReadReplies, source.ReadMentions, source.ReadMessages},
		Push:         true,
		New:          func(Config) (Built, error) { return Built{}, nil },
		Hook: func(c Config, sink Sink) http.Handler {
			return &webhook.Handler{Secret: []byte(c.Secret("secret")), Channel: c.Channel, Sink: webhook.Sink(sink), Log: c.Log}
		},
	})
}
