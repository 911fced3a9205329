// Package bluesky is the connector for Bluesky and the AT Protocol. It reads
// the replies, mentions and quotes that touch the organization's account
// from the repository firehose (com.atproto.sync.subscribeRepos, decoded
// with indigo's event and CAR readers), keeping only records that reference
// the organization's DID, with the firehose sequence number as the
// checkpointed cursor; or, on the public network, by polling
// app.bsky.notification.listNotifications. It acts there: reply and publish
// (posts whose record keys derive from the action's idempotency key, so a
// retry cannot post twice), hide a reply through the thread gate's
// hiddenReplies, detach a quote through the post gate, delete one of the
// organization's own posts, mute, block and report.
//
// XRPC calls use net/http directly, to control the session (app password,
// refresh on ExpiredToken), the rate-limit headers (ratelimit-remaining,
// ratelimit-reset) and the handling of 429 and 5xx answers.
package bluesky

import (
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/source"
)

// Defaults for the public network.
const (
	// DefaultService is where accounts hosted by Bluesky log in.
	DefaultService = "https://bsky.social"
	// DefaultFirehose is Bluesky's relay: the firehose of every repository.
	// An organization's own PDS firehose only carries the repositories it
	// hosts, so replies from elsewhere come through the relay.
	DefaultFirehose = "wss://bsky.network"
	// DefaultAppView serves the app.bsky.* reads and the mute list, reached
	// through the PDS with the atproto-proxy header.
	DefaultAppView = "did:web:api.bsky.app#bsky_appview"
	// DefaultModeration is Bluesky's moderation service, which receives
	// reports.
	DefaultModeration = "did:plc:ar7c4by46qjdydhdevvrndac#atproto_labeler"
)

// Config says where and as whom the connector works.
type Config struct {
	// Service is the organization's PDS (or entryway); default
	// https://bsky.social.
	Service string
	// Identifier is the organization's handle (e.g. "clinic.example") or DID.
	Identifier string
	// AppPassword is an app password of that account (Settings → Privacy
	// and security → App passwords), never the main password.
	AppPassword string
	// Channel is the channel's stable name; default "bluesky:<identifier>".
	Channel string
	// DID is the organization's DID; learnt from the session when empty.
	DID string
	// Firehose is the subscribeRepos endpoint (ws:// or wss://, host only or
	// the full XRPC path); default the Bluesky relay.
	Firehose string
	// Notifications reads from app.bsky.notification.listNotifications
	// (polled every PollInterval) instead of the firehose: lighter than the
	// relay's full firehose, but it needs an AppView.
	Notifications bool
	// PollInterval is the wait between notification polls; default 30 s.
	PollInterval time.Duration
	// AppView is the atproto-proxy target for app.bsky.* calls; default
	// Bluesky's AppView.
	AppView string
	// Moderation is the atproto-proxy target for reports; default Bluesky's
	// moderation service.
	Moderation string
	// CursorEvery bounds how many firehose events that do not touch the
	// organization may pass before the cursor is saved anyway; default 500.
	CursorEvery int
	// HTTPClient defaults to a client with a 30 s timeout.
	HTTPClient *http.Client
	// MaxRetryWait caps how long a 429's or 5xx's ratelimit-reset or
	// Retry-After (or the default wait when none is given) is honoured;
	// default one hour. Tests shorten it rather than sleep.
	MaxRetryWait time.Duration
	// Log defaults to slog.Default().
	Log *slog.Logger
}

// Connector reads and acts on one Bluesky account. It implements
// source.Connector.
type Connector struct {
	cfg     Config
	service *url.URL
	hc      *http.Client
	now     func() time.Time // for tests

	mu      sync.Mutex
	sess    *session  // nil until createSession succeeded
	limited time.Time // ratelimit-remaining hit 0: wait until then
	did     string
	backlog *backlog // an interrupted notifications poll
}

var (
	_ source.Connector     = (*Connector)(nil)
	_ act.KindDeduplicator = (*Connector)(nil)
)

// New checks cfg and returns a connector. It does not contact the network.
func New(cfg Config) (*Connector, error) {
	if cfg.Service == "" {
		cfg.Service = DefaultService
	}
	u, err := url.Parse(strings.TrimRight(cfg.Service, "/"))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, errors.New("bluesky: Service must be an http(s) URL")
	}
	cfg.Identifier = strings.TrimPrefix(strings.TrimSpace(cfg.Identifier), "@")
	if cfg.Identifier == "" || cfg.AppPassword == "" {
		return nil, errors.New("bluesky: Identifier and AppPassword are required")
	}
	if cfg.DID != "" && !validDID(cfg.DID) {
		return nil, errors.New("bluesky: DID is not a did:plc or did:web identifier")
	}
	if cfg.DID == "" && validDID(cfg.Identifier) {
		cfg.DID = cfg.Identifier
	}
	if cfg.Channel == "" {
		cfg.Channel = "bluesky:" + strings.ToLower(cfg.Identifier)
	}
	if cfg.Firehose == "" {
		cfg.Firehose = DefaultFirehose
	}
	if _, err := firehoseURL(cfg.Firehose, ""); err != nil {
		return nil, err
	}
	if cfg.PollInterval <= 0 {
		cfg.PollInterval = 30 * time.Second
	}
	if cfg.AppView == "" {
		cfg.AppView = DefaultAppView
	}
	if cfg.Moderation == "" {
		cfg.Moderation = DefaultModeration
	}
	if cfg.MaxRetryWait <= 0 {
		cfg.MaxRetryWait = time.Hour
	}
	if cfg.CursorEvery <= 0 {
		cfg.CursorEvery = 500
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	return &Connector{cfg: cfg, service: u, hc: hc, now: time.Now, did: cfg.DID}, nil
}

// Channel is the channel's stable name.
func (c *Connector) Channel() string { return c.cfg.Channel }

// Capabilities of every Bluesky channel: replies, mentions and quotes are
// read; hide (replies through the thread gate, quotes through the post
// gate), reply, block, mute, report and publish are done. Delete is not
// declared: it works on the organization's own posts only, and
// capabilities say what the desk and the policy may do to others' items.
var Capabilities = []source.Capability{
	source.ReadReplies, source.ReadMentions,
	source.Hide, source.Reply, source.Block, source.Mute, source.Report, source.Publish,
}

// Capabilities returns the package's Capabilities.
func (c *Connector) Capabilities() []source.Capability { return slices.Clone(Capabilities) }

// Can reports whether the connector can perform kind.
func (c *Connector) Can(kind act.Kind) bool {
	switch kind {
	case act.Hide, act.Unhide, act.Delete, act.Reply, act.NotifyAuthor, act.Block, act.Mute, act.Report, act.Publish:
		return true
	}
	return false
}

// DeduplicatesKind reports, per kind, whether running the same action twice
// has one effect:
//
//   - reply (and notify_author, a reply), publish, block: yes. The record key is derived from the
//     idempotency key, so a retry addresses the same record, and a record
//     found already there counts as done.
//   - hide, unhide: yes, naturally: the gate's lists are sets.
//   - delete, mute: yes, naturally.
//   - report: no. createReport takes no idempotency key and reports cannot
//     be listed back, so a retried report may be filed twice.
func (c *Connector) DeduplicatesKind(kind act.Kind) bool {
	switch kind {
	case act.Reply, act.NotifyAuthor, act.Publish, act.Block, act.Hide, act.Unhide, act.Delete, act.Mute:
		return true
	}
	return false
}

// Deduplicates reports false: the contract asks for a guarantee for every
// action of this actor, and a report interrupted mid-flight cannot be
// retried without risking a second one. The outbox worker consults
// DeduplicatesKind for the finer answer.
func (c *Connector) Deduplicates() bool { return false }
