// Package channels owns the organization's connected channels: the
// registry of channel kinds (Mastodon, Facebook Page, Instagram, generic
// webhook, and any kind another file registers), the per-workspace channel
// records with their credentials encrypted at rest, and the Supervisor
// that keeps one source.Runner per enabled channel and turns a silent or
// failing channel into an alert.
//
// # Adding a kind
//
// A kind is one file, internal/channels/kind_<name>.go, that registers
// itself from an init():
//
//	func init() {
//		channels.Register(channels.Kind{
//			Name:         "rss",
//			Label:        "News feeds (RSS/Atom)",
//			Settings:     []channels.Field{{Name: "feeds", Label: "Feed URLs, one a line", Required: true, Multiline: true}},
//			Capabilities: []source.Capability{source.ReadMentions},
//			New: func(c channels.Config) (channels.Built, error) {
//				src, err := rss.New(rss.Config{Channel: c.Channel, Feeds: c.Lines("feeds"), HTTPClient: c.HTTPClient})
//				return channels.Built{Source: src}, err
//			},
//		})
//	}
//
// Settings are non-secret (an instance URL, a page id) and are stored and
// shown as typed. Secrets (tokens, app secrets) are encrypted at rest,
// never logged, never shown again after entry. New receives both, already
// checked against Required, and returns a source.Source (read), an
// act.Actor (act), or both; a push kind (items arrive by webhook) returns
// no Source, sets Push and gives a Hook serving /hooks/<kind>/<channel id>.
package channels

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/source"
)

// Field is one setting or secret a kind asks for.
type Field struct {
	// Name is the key in Config.Settings or Config.Secrets: lower case,
	// digits and underscores.
	Name string
	// Label and Help are shown in the desk's form (English; the desk
	// translates "channels.field.<kind>.<name>" when its catalog has it).
	Label, Help string
	Required    bool
	// Multiline asks for a text area (one value a line).
	Multiline bool
}

// Kind is a type of channel: what it needs and how to build it.
type Kind struct {
	// Name is the kind's stable id, e.g. "mastodon"; it prefixes the
	// channel name stamped on items ("mastodon:<channel id>").
	Name  string
	Label string
	// Settings are non-secret configuration; Secrets are encrypted at rest.
	Settings, Secrets []Field
	// Capabilities is what a channel of this kind can do, declared here
	// so the desk and the policy check can answer without building it.
	Capabilities []source.Capability
	// Push is true when items arrive by webhook (/hooks/<kind>/<channel
	// id>) rather than from a Source the Supervisor runs.
	Push bool
	// Quiet is true for listening kinds where a long stretch with no item
	// is normal (a news feed that has not named the organization this
	// week): the silent-channel alert skips them; failures still alert.
	Quiet bool
	// New builds the connector for one channel.
	New func(Config) (Built, error)
	// Hook, for a Push kind, returns the handler of the channel's webhook
	// URL: it verifies the platform's signature before parsing, and
	// answers 2xx only once sink has stored the items.
	Hook func(c Config, sink Sink) http.Handler
}

// Sink stores a webhook delivery's items durably (idempotent by platform
// id, so a replayed delivery is stored once); nil only once stored.
type Sink func(ctx context.Context, items []ingest.Item) error

// Config is what a kind's New receives for one channel.
type Config struct {
	// ID is the channel record's opaque id; Workspace its workspace.
	ID, Workspace string
	// Channel is the name to stamp on items and to give as Source.Channel:
	// "<kind>:<id>". Actions are routed back by it.
	Channel  string
	Settings map[string]string
	Secrets  map[string]string
	// HTTPClient is shared by connectors (tests swap it); never nil.
	HTTPClient *http.Client
	// MaxRetryWait, when set, caps how long a connector honours a
	// platform's Retry-After (tests shorten it rather than sleep).
	MaxRetryWait time.Duration
	// Log is the channel's logger (never nil when built by the
	// supervisor); it must never be given a secret.
	Log *slog.Logger
}

// Setting returns a trimmed setting value.
func (c Config) Setting(name string) string { return strings.TrimSpace(c.Settings[name]) }

// Secret returns a secret value as entered (trimmed).
func (c Config) Secret(name string) string { return strings.TrimSpace(c.Secrets[name]) }

// Lines returns a multi-line setting's non-empty lines.
func (c Config) Lines(name string) []string {
	var out []string
	for l := range strings.SplitSeq(c.Settings[name], "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// Built is a kind's connector for one channel. Either may be nil.
type Built struct {
	Source source.Source
	Actor  act.Actor
}

var (
	regMu sync.RWMutex
	reg   = map[string]Kind{}
)

var nameRE = regexp.MustCompile(`^[a-z][a-z0-9_]{0,31}$`)

// Register adds a kind. It panics on a malformed or duplicate kind: it is
// called from init(), and a mistake there is a programming error.
func Register(k Kind) {
	if err := k.check(); err != nil {
		panic("channels.Register: " + err.Error())
	}
	regMu.Lock()
	defer regMu.Unlock()
	if _, dup := reg[k.Name]; dup {
		panic("channels.Register: kind " + k.Name + " registered twice")
	}
	reg[k.Name] = k
}

func (k Kind) check() error {
	if !nameRE.MatchString(k.Name) {
		return fmt.Errorf("kind name %q: want lower case letters, digits, _", k.Name)
	}
	if k.New == nil {
		return fmt.Errorf("kind %s: New is nil", k.Name)
	}
	if k.Push != (k.Hook != nil) {
		return fmt.Errorf("kind %s: a Push kind needs a Hook, and only a Push kind has one", k.Name)
	}
	seen := map[string]bool{}
	for _, f := range slices.Concat(k.Settings, k.Secrets) {
		if !nameRE.MatchString(f.Name) || seen[f.Name] {
			return fmt.Errorf("kind %s: field %q is malformed or repeated", k.Name, f.Name)
		}
		seen[f.Name] = true
	}
	return nil
}

// Lookup finds a registered kind.
func Lookup(name string) (Kind, bool) {
	regMu.RLock()
	defer regMu.RUnlock()
	k, ok := reg[name]
	return k, ok
}

// Kinds lists the registered kinds by name.
func Kinds() []Kind {
	regMu.RLock()
	defer regMu.RUnlock()
	out := make([]Kind, 0, len(reg))
	for _, k := range reg {
		out = append(out, k)
	}
	slices.SortFunc(out, func(a, b Kind) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// Can reports whether the kind declares capability c.
func (k Kind) Can(c source.Capability) bool { return source.Has(k.Capabilities, c) }

// ErrMissing marks a required setting or secret left empty.
var ErrMissing = errors.New("required field is empty")

// Validate checks settings and secrets against the kind's fields: every
// required one set, no unknown one. secretsOptional skips the required
// check for secrets (an edit that keeps the stored ones).
func (k Kind) Validate(settings, secrets map[string]string, secretsOptional bool) error {
	var errs []error
	check := func(fields []Field, vals map[string]string, optional bool) {
		known := map[string]bool{}
		for _, f := range fields {
			known[f.Name] = true
			if f.Required && !optional && strings.TrimSpace(vals[f.Name]) == "" {
				errs = append(errs, fmt.Errorf("%s: %w", f.Name, ErrMissing))
			}
		}
		for name := range vals {
			if !known[name] {
				errs = append(errs, fmt.Errorf("%s: not a field of kind %s", name, k.Name))
			}
		}
	}
	check(k.Settings, settings, false)
	check(k.Secrets, secrets, secretsOptional)
	return errors.Join(errs...)
}

// ChannelName is the name stamped on a channel's items: "<kind>:<id>".
func ChannelName(kind, id string) string { return kind + ":" + id }

// SplitChannelName returns the kind and id of a name made by
// ChannelName; ok is false for other channel names (the simulator's, an
// API import's).
func SplitChannelName(name string) (kind, id string, ok bool) {
	kind, id, ok = strings.Cut(name, ":")
	if !ok || !strings.HasPrefix(id, IDPrefix) {
		return "", "", false
	}
	return kind, id, true
}

// IDPrefix starts every channel id, so a channel name made here is told
// apart from a free-form one ("mastodon:@clinic@social.example").
const IDPrefix = "ch_"
