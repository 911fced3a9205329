// Package mastodon is the connector for the Mastodon client API, as served
// by Mastodon and by the servers that implement it (GoToSocial, Pleroma,
// Akkoma). It reads the mentions of the organization's account from
// GET /api/v1/notifications (types[]=mention), paging forward with min_id
// from a checkpointed cursor, optionally woken by the streaming API
// (GET /api/v1/streaming?stream=user), and acts there: reply, delete one
// of the organization's own statuses, block, mute and report.
//
// It uses net/http directly, to control the Idempotency-Key header, the
// rate-limit headers (X-RateLimit-Remaining, X-RateLimit-Reset) and the
// handling of 429 and 5xx answers.
package mastodon

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/source"
)

// KindMute is the mute action (kept for callers of this package).
const KindMute = act.Mute

// Config says where and as whom the connector works.
type Config struct {
	// BaseURL is the server, e.g. "https://social.example".
	BaseURL string
	// Token is an OAuth access token with the read:notifications,
	// read:statuses, read:accounts, write:statuses, write:blocks,
	// write:mutes and write:reports scopes.
	Token string
	// Channel is the channel's stable name; default "mastodon:<host>".
	Channel string
	// AccountID is the organization's own account id; looked up with
	// verify_credentials when empty.
	AccountID string
	// PollInterval is the wait between polls once caught up; default 30 s
	// (5 min when Stream is on, as the stream wakes the poller).
	PollInterval time.Duration
	// Stream opens the streaming API and polls as soon as it announces a
	// notification. The stream only wakes the poller: items and cursors
	// always come from the paged notifications, so nothing is lost when
	// the stream drops.
	Stream bool
	// ResolveThreads looks up the conversation root of each reply
	// (GET /api/v1/statuses/:id/context) to fill Item.ThreadID; one more
	// request per reply. Without it, ThreadID is set only for statuses that
	// start a conversation.
	ResolveThreads bool
	// PageSize is the notifications page size; default 40 (Mastodon's max 80).
	PageSize int
	// HTTPClient defaults to a client with a 30 s timeout.
	HTTPClient *http.Client
	// MaxRetryWait caps how long a 429's or 5xx's Retry-After (or the
	// default wait when none is given) is honoured; default one hour.
	// Tests shorten it rather than sleep.
	MaxRetryWait time.Duration
}

// Connector reads and acts on one Mastodon account. It implements
// source.Connector.
type Connector struct {
	cfg  Config
	base *url.URL
	hc   *http.Client

	mu      sync.Mutex
	self    string            // own account id
	roots   map[string]string // status id -> conversation root id
	limited time.Time         // X-RateLimit-Remaining hit 0: wait until then
	now     func() time.Time  // for tests
}

var _ source.Connector = (*Connector)(nil)

// New checks cfg and returns a connector.
func New(cfg Config) (*Connector, error) {
	if cfg.BaseURL == "" || cfg.Token == "" {
		return nil, errors.New("mastodon: BaseURL and Token are required")
	}
	u, err := url.Parse(strings.TrimRight(cfg.BaseURL, "/"))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, errors.New("mastodon: BaseURL must be an http(s) URL")
	}
	if cfg.Channel == "" {
		cfg.Channel = "mastodon:" + u.Host
	}
	if cfg.PageSize <= 0 || cfg.PageSize > 80 {
		cfg.PageSize = 40
	}
	if cfg.PollInterval <= 0 {
		cfg.PollInterval = 30 * time.Second
		if cfg.Stream {
			cfg.PollInterval = 5 * time.Minute
		}
	}
	if cfg.MaxRetryWait <= 0 {
		cfg.MaxRetryWait = time.Hour
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	return &Connector{cfg: cfg, base: u, hc: hc, self: cfg.AccountID, roots: map[string]string{}, now: time.Now}, nil
}

// Channel is the channel's stable name.
func (c *Connector) Channel() string { return c.cfg.Channel }

// Capabilities: mentions are read; reply, delete (own statuses only),
// block, mute, report and publish are done.
// Delete is left out: the API deletes the organization's own statuses
// only, and capabilities say what the desk and the policy may do to
// others' items.
func (c *Connector) Capabilities() []source.Capability {
	return []source.Capability{source.ReadMentions, source.Reply, source.Block, source.Mute, source.Report, source.Publish}
}

// Can reports whether the connector can perform kind. Hide does not exist
// on Mastodon (a reply cannot be hidden by the author of the parent).
func (c *Connector) Can(kind act.Kind) bool {
	switch kind {
	case act.Reply, act.Delete, act.Block, KindMute, act.Report, act.Publish:
		return true
	}
	return false
}

// DeduplicatesKind reports, per kind, whether running the same action twice
// has one effect:
//
//   - reply, publish: yes, through the Idempotency-Key header, which Mastodon keeps
//     for one hour (a retry later than that posts again); other servers
//     implementing the API may ignore the header.
//   - block, mute: yes, naturally (blocking a blocked account changes
//     nothing).
//   - delete: yes, naturally (a second delete finds the status gone, which
//     Execute reports as done).
//   - report: no. POST /api/v1/reports takes no idempotency key and reports
//     cannot be listed back, so a retried report may be filed twice.
func (c *Connector) DeduplicatesKind(kind act.Kind) bool {
	switch kind {
	case act.Reply, act.Publish, act.Block, KindMute, act.Delete:
		return true
	}
	return false
}

// Deduplicates reports false: the contract asks for a guarantee for every
// action of this actor, and a report interrupted mid-flight cannot be
// retried without risking a second report. The outbox worker consults
// DeduplicatesKind (act.KindDeduplicator) for the finer answer.
func (c *Connector) Deduplicates() bool { return false }

var _ act.KindDeduplicator = (*Connector)(nil)
