package channels

import (
	"github.com/stormwatch/stormwatch/internal/source"
	"github.com/stormwatch/stormwatch/internal/source/bluesky"
)

// Bluesky reads from notifications (polled through the AppView) unless a
// firehose is given: the relay's full firehose carries the whole network,
// so it suits an organization's own PDS or a filtered relay better.
func init() {
	Register(Kind{
		Name:  "bluesky",
		Label: "Bluesky (AT Protocol)",
		Settings: []Field{
			{Name: "identifier", Label: "Account handle or DID", Help: "e.g. clinic.example or did:plc:…", Required: true},
			{Name: "service", Label: "PDS address (optional)", Help: "default " + bluesky.DefaultService},
			{Name: "firehose", Label: "Firehose address (optional)", Help: "empty: poll notifications; e.g. " + bluesky.DefaultFirehose + " or your own PDS"},
		},
		Secrets: []Field{
			{Name: "app_password", Label: "App password", Help: "Settings → Privacy and security → App passwords; never the account's password", Required: true},
		},
		Capabilities: bluesky.Capabilities,
		New: func(c Config) (Built, error) {
			fh := c.Setting("firehose")
			conn, err := bluesky.New(bluesky.Config{
				Service: c.Setting("service"), Identifier: c.Setting("identifier"), AppPassword: c.Secret("app_password"),
				Channel: c.Channel, Firehose: fh, Notifications: fh == "",
				HTTPClient: c.HTTPClient, MaxRetryWait: c.MaxRetryWait,
			})
			if err != nil {
				return Built{}, err
			}
			return Built{Source: conn, Actor: conn}, nil
		},
	})
}

var _ source.Connector = (*bluesky.Connector)(nil)
