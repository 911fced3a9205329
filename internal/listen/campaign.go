package listen

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/stormwatch/stormwatch/internal/detect/spam"
	"github.com/stormwatch/stormwatch/internal/store"
)

// The campaign metrics.
const (
	RepeatedText Metric = "repeated_text" // near-identical texts from many authors
	CrossChannel Metric = "cross_channel" // one author hostile on several channels
)

// CampaignConfig tunes Campaigns. Zero fields take the defaults.
type CampaignConfig struct {
	// Window and MinAuthors: a campaign is the same hostile text from at
	// least MinAuthors distinct authors within Window. Default 30 minutes
	// and 5.
	Window     time.Duration
	MinAuthors int
	// ChannelWindow and MinChannels: one author posting hostile items on
	// at least MinChannels channels within ChannelWindow. Default 1 hour
	// and 3.
	ChannelWindow time.Duration
	MinChannels   int
	// NewFor: only authors first seen at most this long ago are followed
	// across channels; a known repeat offender hostile everywhere is a
	// moderation matter, not the start of a campaign. Default 24 hours.
	NewFor time.Duration
	// Cooldown keeps one text or one author from alerting again. Default
	// 2 hours.
	Cooldown time.Duration
}

func (c CampaignConfig) withDefaults() CampaignConfig {
	if c.Window <= 0 {
		c.Window = 30 * time.Minute
	}
	if c.MinAuthors <= 0 {
		c.MinAuthors = 5
	}
	if c.ChannelWindow <= 0 {
		c.ChannelWindow = time.Hour
	}
	if c.MinChannels <= 0 {
		c.MinChannels = 3
	}
	if c.NewFor <= 0 {
		c.NewFor = 24 * time.Hour
	}
	if c.Cooldown <= 0 {
		c.Cooldown = 2 * time.Hour
	}
	return c
}

type post struct {
	channel string
	at      time.Time
	id      int64
}

type textKey struct {
	workspace string
	fp        uint64
}

type authorKey struct {
	workspace, author string
}

// Campaigns watches content and authors rather than rates: the same text
// from many authors (spam.Repeats' fingerprints) and one author across
// channels. Only negative items count: a copy-pasted "congratulations" or
// a spam run is not a storm (the spam detector handles spam). It is not
// safe for concurrent use.
type Campaigns struct {
	cfg      CampaignConfig
	repeats  *spam.Repeats
	textIDs  map[textKey][]int64
	quiet    map[any]time.Time
	authors  map[authorKey][]post
	seen     map[authorKey]time.Time // first item of each named author
	lastGC   time.Time
	scratchC []string
}

// NewCampaigns returns a campaign detector.
func NewCampaigns(cfg CampaignConfig) *Campaigns {
	cfg = cfg.withDefaults()
	return &Campaigns{
		cfg:     cfg,
		repeats: spam.NewRepeats(spam.RepeatsConfig{Window: cfg.Window, MinAuthors: cfg.MinAuthors}),
		textIDs: map[textKey][]int64{},
		quiet:   map[any]time.Time{},
		authors: map[authorKey][]post{},
		seen:    map[authorKey]time.Time{},
	}
}

// Observe looks at o and returns the alerts it set off.
func (c *Campaigns) Observe(o Obs) []Alert {
	// Platforms give one person different ids; the display name is what
	// links their accounts, so only named authors are followed.
	name := strings.ToLower(strings.Join(strings.Fields(o.AuthorName), " "))
	ak := authorKey{o.Workspace, name}
	if name != "" {
		if _, ok := c.seen[ak]; !ok {
			c.seen[ak] = o.At
		}
	}
	if !o.Negative {
		return nil
	}
	c.gc(o.At)
	var out []Alert
	if o.AuthorID != "" {
		if rep, ok := c.repeats.ObserveRepeat(o.Workspace, o.Channel+"\x00"+o.AuthorID, o.Text, o.At); ok {
			tk := textKey{o.Workspace, rep.Fingerprint}
			c.textIDs[tk] = appendRing(c.textIDs[tk], o.ItemID)
			if rep.Authors >= c.cfg.MinAuthors && !o.At.Before(c.quiet[tk]) {
				c.quiet[tk] = o.At.Add(c.cfg.Cooldown)
				out = append(out, Alert{
					Workspace: o.Workspace, Kind: store.AlertCampaign, Metric: RepeatedText, Channel: All, Topic: All,
					Window: c.cfg.Window, Observed: float64(rep.Authors), Expected: 1, At: o.At,
					Examples: slices.Clone(c.textIDs[tk]),
					Detail:   fmt.Sprintf("%s: %q", spam.Explain(rep), rep.Sample),
				})
			}
		}
	}
	if name == "" || o.At.Sub(c.seen[ak]) > c.cfg.NewFor {
		return out
	}
	ps := append(c.authors[ak], post{o.Channel, o.At, o.ItemID})
	from := o.At.Add(-c.cfg.ChannelWindow)
	ps = slices.DeleteFunc(ps, func(p post) bool { return p.at.Before(from) })
	c.authors[ak] = ps
	chans := c.scratchC[:0]
	for _, p := range ps {
		if !slices.Contains(chans, p.channel) {
			chans = append(chans, p.channel)
		}
	}
	c.scratchC = chans
	if len(chans) >= c.cfg.MinChannels && !o.At.Before(c.quiet[ak]) {
		c.quiet[ak] = o.At.Add(c.cfg.Cooldown)
		ids := make([]int64, 0, len(ps))
		for _, p := range ps {
			ids = append(ids, p.id)
		}
		if len(ids) > maxExamples {
			ids = ids[len(ids)-maxExamples:]
		}
		out = append(out, Alert{
			Workspace: o.Workspace, Kind: store.AlertCampaign, Metric: CrossChannel, Channel: All, Topic: All,
			Window: c.cfg.ChannelWindow, Observed: float64(len(chans)), Expected: 1, At: o.At, Examples: ids,
			Detail: fmt.Sprintf("%q posted hostile items on %d channels in %s (%s)", o.AuthorName, len(chans), short(c.cfg.ChannelWindow), strings.Join(chans, ", ")),
		})
	}
	return out
}

// gc forgets authors, texts and cooldowns that can no longer matter, once
// an hour, so that memory follows the recent past rather than history.
func (c *Campaigns) gc(now time.Time) {
	if now.Sub(c.lastGC) < time.Hour {
		return
	}
	c.lastGC = now
	for k, ps := range c.authors {
		if len(ps) == 0 || now.Sub(ps[len(ps)-1].at) > c.cfg.ChannelWindow {
			delete(c.authors, k)
		}
	}
	for k, t := range c.quiet {
		if now.After(t) {
			delete(c.quiet, k)
		}
	}
	if len(c.textIDs) > 10000 {
		clear(c.textIDs)
	}
	// First sightings older than NewFor only say "not new": forgetting
	// them when the table is large errs towards following an author.
	if len(c.seen) > 200000 {
		for k, t := range c.seen {
			if now.Sub(t) > c.cfg.NewFor {
				delete(c.seen, k)
			}
		}
	}
}
