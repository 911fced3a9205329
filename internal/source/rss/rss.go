// Package rss is the news and web listening connector: it polls RSS,
// Atom and JSON feeds (a regional newspaper, a trade press site, a news
// search's alert feed) with conditional GETs, keeps only the entries that
// name the organization or its people, and hands them on as mentions, so
// that the desk knows when the press picks a story up before the phone
// rings (seed 003: be the first to know).
//
// It only reads: a feed has nobody to reply to and nothing to hide.
package rss

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/source"
)

// Limits.
const (
	// MaxFeedBytes bounds one feed document.
	MaxFeedBytes = 10 << 20
	// maxSeen bounds the entry ids remembered per feed: well over what a
	// feed lists at once, so an entry still listed is never forgotten.
	maxSeen = 1000
	// DefaultInterval is how often feeds are polled.
	DefaultInterval = 15 * time.Minute
	// MinInterval keeps a misconfigured channel from hammering a site.
	MinInterval = time.Minute
	// DefaultBackfill is how old an entry may be on the first poll of a
	// feed and still be taken: yesterday's article matters, last year's
	// archive does not.
	DefaultBackfill = 7 * 24 * time.Hour
)

// Config configures a Source.
type Config struct {
	// Feeds are the feed URLs (http or https).
	Feeds []string
	// Channel is the name stamped on items; "rss:<host of the first
	// feed>" when empty.
	Channel string
	// Interval between polls (DefaultInterval when zero).
	Interval time.Duration
	// Query selects the entries (extra terms; see ParseQuery).
	Query Query
	// Names, when set, is called before each poll for the names to look
	// for (the organization's names and its staff's, which change): they
	// are added to Query.
	Names func(ctx context.Context) ([]string, error)
	// Backfill is how old an entry may be on a feed's first poll
	// (DefaultBackfill when zero).
	Backfill   time.Duration
	HTTPClient *http.Client
	// MaxRetryWait caps a Retry-After (tests shorten it); none when zero.
	MaxRetryWait time.Duration
	UserAgent    string
	Log          *slog.Logger
	Now          func() time.Time
}

// Source polls feeds. It implements source.Source.
type Source struct {
	cfg     Config
	channel string
	feeds   []*url.URL
}

var _ source.Source = (*Source)(nil)

// New checks the configuration and builds a Source.
func New(cfg Config) (*Source, error) {
	if len(cfg.Feeds) == 0 {
		return nil, errors.New("rss: no feed URL")
	}
	s := &Source{cfg: cfg}
	for _, f := range cfg.Feeds {
		u, err := url.Parse(strings.TrimSpace(f))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("rss: %q is not an http(s) feed URL", f)
		}
		s.feeds = append(s.feeds, u)
	}
	if s.cfg.Interval == 0 {
		s.cfg.Interval = DefaultInterval
	}
	if s.cfg.Interval < MinInterval {
		return nil, fmt.Errorf("rss: polling every %s is too often (at least %s)", s.cfg.Interval, MinInterval)
	}
	if s.cfg.Backfill <= 0 {
		s.cfg.Backfill = DefaultBackfill
	}
	if s.cfg.HTTPClient == nil {
		s.cfg.HTTPClient = &http.Client{Timeout: time.Minute}
	}
	if s.cfg.UserAgent == "" {
		s.cfg.UserAgent = "Stormwatch/1 (news listening; +https://github.com/stormwatch/stormwatch)"
	}
	if s.cfg.Log == nil {
		s.cfg.Log = slog.Default()
	}
	if s.cfg.Now == nil {
		s.cfg.Now = time.Now
	}
	s.channel = cfg.Channel
	if s.channel == "" {
		s.channel = "rss:" + s.feeds[0].Hostname()
	}
	return s, nil
}

// Channel is the channel's name.
func (s *Source) Channel() string { return s.channel }

// Capabilities: a feed is read only.
func (s *Source) Capabilities() []source.Capability { return []source.Capability{source.ReadMentions} }

// Cursor is what is saved with each batch: per feed, the validators for
// the next conditional GET and the entries already seen.
type Cursor struct {
	Feeds map[string]*FeedState `json:"feeds"`
}

// FeedState is one feed's part of the cursor.
type FeedState struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// Seen are the entries already read (a short hash of each id, to
	// keep the cursor small), newest last.
	Seen []string `json:"seen,omitempty"`
	// Newest is the newest entry time seen: an entry older than it by
	// more than the backfill, and not in Seen, is an old one resurfacing.
	Newest time.Time `json:"newest,omitzero"`
}

// ParseCursor reads a saved cursor ("" is a fresh start).
func ParseCursor(s string) (Cursor, error) {
	c := Cursor{Feeds: map[string]*FeedState{}}
	if s == "" {
		return c, nil
	}
	if err := json.Unmarshal([]byte(s), &c); err != nil {
		return c, fmt.Errorf("rss: cursor: %w", err)
	}
	if c.Feeds == nil {
		c.Feeds = map[string]*FeedState{}
	}
	return c, nil
}

func (c Cursor) String() string {
	b, _ := json.Marshal(c)
	return string(b)
}

// RetryError is a feed's 429 or 503 with the wait it asked for; the
// source.Runner waits at least that long before the next attempt.
type RetryError struct {
	Feed   string
	Status int
	After  time.Duration
}

func (e *RetryError) Error() string {
	return fmt.Sprintf("rss: %s answered %d: retry in %s", e.Feed, e.Status, e.After)
}

// RetryAfter is the wait the feed asked for.
func (e *RetryError) RetryAfter() time.Duration { return e.After }

// Run polls every feed each Interval until ctx ends or a poll fails.
func (s *Source) Run(ctx context.Context, cursor string, emit source.EmitFunc) error {
	cur, err := ParseCursor(cursor)
	if err != nil {
		// A cursor we cannot read is started afresh rather than blocking
		// the channel for ever; the store drops re-read entries.
		s.cfg.Log.Warn("rss: unreadable cursor, starting afresh", "channel", s.channel, "err", err)
		cur, _ = ParseCursor("")
	}
	for {
		if err := s.Poll(ctx, &cur, emit); err != nil {
			return err
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(s.cfg.Interval):
		}
	}
}

// Poll fetches every feed once and emits the new matching entries of
// each, with the cursor after them.
func (s *Source) Poll(ctx context.Context, cur *Cursor, emit source.EmitFunc) error {
	q := s.cfg.Query
	if s.cfg.Names != nil {
		names, err := s.cfg.Names(ctx)
		if err != nil {
			return fmt.Errorf("rss: names to look for: %w", err)
		}
		q = q.Or(Names(names...))
	}
	if q.Empty() {
		s.cfg.Log.Warn("rss: nothing to look for: add the organization's names or query terms", "channel", s.channel)
	}
	// One failing feed does not keep the others from being read.
	var errs []error
	for _, u := range s.feeds {
		if err := s.pollFeed(ctx, u, q, cur, emit); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func (s *Source) pollFeed(ctx context.Context, u *url.URL, q Query, cur *Cursor, emit source.EmitFunc) error {
	key := u.String()
	prev := cur.Feeds[key]
	if prev == nil {
		prev = &FeedState{}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, key, nil)
	if err != nil {
		return fmt.Errorf("rss: %s: %w", key, err)
	}
	req.Header.Set("User-Agent", s.cfg.UserAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5")
	if prev.ETag != "" {
		req.Header.Set("If-None-Match", prev.ETag)
	}
	if prev.LastModified != "" {
		req.Header.Set("If-Modified-Since", prev.LastModified)
	}
	resp, err := s.cfg.HTTPClient.Do(req)
	if err != nil {
		return fmt.Errorf("rss: fetch %s: %w", key, err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return &RetryError{Feed: key, Status: resp.StatusCode, After: s.retryAfter(resp.Header.Get("Retry-After"))}
	case resp.StatusCode != http.StatusOK:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return fmt.Errorf("rss: fetch %s: status %d", key, resp.StatusCode)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxFeedBytes+1))
	if err != nil {
		return fmt.Errorf("rss: read %s: %w", key, err)
	}
	if len(body) > MaxFeedBytes {
		return fmt.Errorf("rss: %s is over %d bytes", key, MaxFeedBytes)
	}
	feed, err := ParseFeed(body)
	if err != nil {
		return fmt.Errorf("rss: %s: %w", key, err)
	}
	next := &FeedState{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified"), Seen: prev.Seen, Newest: prev.Newest}
	entries := Entries(feed, u)
	now := s.cfg.Now()
	var items []ingest.Item
	for _, e := range entries {
		k := seenKey(e.ID)
		if slices.Contains(next.Seen, k) {
			continue
		}
		if e.Published.After(next.Newest) && !e.Published.After(now.Add(time.Hour)) {
			next.Newest = e.Published
		}
		next.Seen = append(next.Seen, k)
		// Too old: before the backfill window on a first poll, or an
		// archive entry resurfacing long after newer ones.
		if !e.Published.IsZero() && (e.Published.Before(now.Add(-s.cfg.Backfill)) || (!prev.Newest.IsZero() && e.Published.Before(prev.Newest.Add(-s.cfg.Backfill)))) {
			continue
		}
		matched := q.Match(e.Title + "\n" + e.Summary)
		if len(matched) == 0 {
			continue
		}
		items = append(items, e.Item(s.channel, feed, matched))
	}
	if len(next.Seen) > maxSeen {
		next.Seen = slices.Clone(next.Seen[len(next.Seen)-maxSeen:])
	}
	if len(items) == 0 && next.ETag == prev.ETag && next.LastModified == prev.LastModified && len(next.Seen) == len(prev.Seen) {
		return nil // nothing new to save (a server without validators)
	}
	cur.Feeds[key] = next
	if err := emit(ctx, items, cur.String()); err != nil {
		// Not advancing: the next attempt starts from the stored cursor.
		cur.Feeds[key] = prev
		return err
	}
	return nil
}

// seenKey is the short form of an entry id kept in the cursor: 96 bits
// of its SHA-256, plenty to tell a feed's entries apart.
func seenKey(id string) string {
	h := sha256.Sum256([]byte(id))
	return hex.EncodeToString(h[:12])
}

// retryAfter reads Retry-After (seconds or an HTTP date); a minute when
// absent or unreadable, capped by MaxRetryWait.
func (s *Source) retryAfter(v string) time.Duration {
	d := time.Minute
	if w, ok := source.ParseRetryAfter(v, s.cfg.Now()); ok {
		d = max(w, 0)
	}
	if s.cfg.MaxRetryWait > 0 && d > s.cfg.MaxRetryWait {
		d = s.cfg.MaxRetryWait
	}
	return d
}
