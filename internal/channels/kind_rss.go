package channels

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/stormwatch/stormwatch/internal/source"
	"github.com/stormwatch/stormwatch/internal/source/rss"
)

// WorkspaceNames, when set (the app sets it), returns the names a news
// feed channel of a workspace looks for: the organization's names and its
// staff's, read afresh before each poll so an edit applies at once.
var WorkspaceNames func(ctx context.Context, workspace string) ([]string, error)

func init() {
	Register(Kind{
		Name:  "rss",
		Label: "News feeds (RSS, Atom, JSON Feed)",
		// Most weeks the press does not name the organization.
		Quiet: true,
		Settings: []Field{
			{Name: "feeds", Label: "Feed addresses, one a line", Help: "a newspaper's RSS feed, a news search's alert feed (https://...)", Required: true, Multiline: true},
			{Name: "interval", Label: "Minutes between polls", Help: "15 when empty; at least 1"},
			{Name: "terms", Label: "Extra search terms, one query a line", Help: `besides the organization's and staff names: words must all appear, OR separates alternatives, "quotes" make a phrase`, Multiline: true},
		},
		Capabilities: []source.Capability{source.ReadMentions},
		New: func(c Config) (Built, error) {
			cfg := rss.Config{Feeds: c.Lines("feeds"), Channel: c.Channel, HTTPClient: c.HTTPClient, MaxRetryWait: c.MaxRetryWait}
			if v := c.Setting("interval"); v != "" {
				n, err := strconv.Atoi(v)
				if err != nil || n < 1 {
					return Built{}, fmt.Errorf("interval: %q is not a number of minutes (1 or more)", v)
				}
				cfg.Interval = time.Duration(n) * time.Minute
			}
			for _, line := range c.Lines("terms") {
				q, err := rss.ParseQuery(line)
				if err != nil {
					return Built{}, fmt.Errorf("terms: %w", err)
				}
				cfg.Query = cfg.Query.Or(q)
			}
			ws := c.Workspace
			cfg.Names = func(ctx context.Context) ([]string, error) {
				if WorkspaceNames == nil {
					return nil, nil // only the extra terms
				}
				return WorkspaceNames(ctx, ws)
			}
			src, err := rss.New(cfg)
			if err != nil {
				return Built{}, err
			}
			return Built{Source: src}, nil
		},
	})
}
