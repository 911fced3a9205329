package bluesky

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/bluesky-social/indigo/atproto/atdata"

	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/source"
)

const listNotifications = "app.bsky.notification.listNotifications"

// Notification is the part of app.bsky.notification.listNotifications#notification
// the connector uses. The author's handle and profile are not read.
type Notification struct {
	URI    string `json:"uri"`
	CID    string `json:"cid"`
	Author struct {
		DID string `json:"did"`
	} `json:"author"`
	Reason    string          `json:"reason"`
	Record    json.RawMessage `json:"record"`
	IndexedAt string          `json:"indexedAt"`
}

// NotificationPage is one answer of listNotifications.
type NotificationPage struct {
	Cursor        string         `json:"cursor"`
	Notifications []Notification `json:"notifications"`
}

// ParseNotifications decodes an answer of listNotifications and checks the
// fields an item needs; notifications without them are dropped.
func ParseNotifications(data []byte) (NotificationPage, error) {
	var p NotificationPage
	if err := json.Unmarshal(data, &p); err != nil {
		return p, fmt.Errorf("bluesky: notifications: %w", err)
	}
	p.Notifications = slices.DeleteFunc(p.Notifications, func(n Notification) bool {
		_, terr := time.Parse(time.RFC3339Nano, n.IndexedAt)
		return terr != nil || !validDID(n.Author.DID) || len(n.Record) == 0
	})
	return p, nil
}

// notificationItem normalises a reply, mention or quote notification; ok
// is false for other reasons or unreadable records.
func notificationItem(n Notification, org string) (ingest.Item, bool) {
	switch n.Reason {
	case reasonReply, reasonMention, reasonQuote:
	default:
		return ingest.Item{}, false
	}
	u, err := ParseATURI(n.URI)
	if err != nil || u.Collection != collPost || u.DID != n.Author.DID || u.DID == org {
		return ingest.Item{}, false
	}
	rec, err := atdata.UnmarshalJSON(n.Record)
	if err != nil {
		return ingest.Item{}, false
	}
	p, err := ParsePost(rec)
	if err != nil {
		return ingest.Item{}, false
	}
	reasons := p.Reasons(org)
	if len(reasons) == 0 {
		reasons = []string{n.Reason} // the AppView knows the thread better
	}
	indexed, _ := time.Parse(time.RFC3339Nano, n.IndexedAt)
	it, err := itemFromPost(u, n.CID, rec, p, reasons, indexed)
	if err != nil {
		return ingest.Item{}, false
	}
	return it, true
}

// maxNotificationPages bounds how far back one poll pages (the AppView
// keeps a limited history anyway); beyond it a gap is logged.
const maxNotificationPages = 50

// backlog is a poll interrupted while paging back: the notifications read
// so far and the page to read next, kept so that the next poll from the
// same cursor resumes there instead of starting over (under a storm of
// 429s, starting over might never reach the cursor).
type backlog struct {
	mark  string // the cursor the poll started from
	fresh []Notification
	page  string
	pages int
}

// runNotifications polls listNotifications every PollInterval. The cursor
// is the indexedAt time of the newest notification emitted; a poll pages
// back (newest first) until it reaches it, then emits oldest first. With no
// cursor, the first page is taken.
func (c *Connector) runNotifications(ctx context.Context, cursor string, emit source.EmitFunc) error {
	for {
		next, err := c.pollNotifications(ctx, cursor, emit)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		cursor = next
		t := time.NewTimer(c.cfg.PollInterval)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
	}
}

func (c *Connector) pollNotifications(ctx context.Context, cursor string, emit source.EmitFunc) (string, error) {
	org, err := c.orgDID(ctx)
	if err != nil {
		return cursor, err
	}
	mark, err := time.Parse(time.RFC3339Nano, cursor)
	if cursor != "" && err != nil {
		c.log().Warn("bluesky: unreadable notifications cursor; starting from the newest page", "channel", c.cfg.Channel)
		cursor = ""
	}
	var fresh []Notification
	page, pages := "", 0
	c.mu.Lock()
	if b := c.backlog; b != nil && b.mark == cursor && cursor != "" {
		fresh, page, pages = b.fresh, b.page, b.pages
	}
	c.backlog = nil
	c.mu.Unlock()
	for {
		if pages == maxNotificationPages {
			c.log().Warn("bluesky: more notifications than one poll reads; older ones are skipped", "channel", c.cfg.Channel, "pages", pages)
			break
		}
		q := url.Values{}
		q.Set("limit", "100")
		for _, r := range []string{reasonReply, reasonMention, reasonQuote} {
			q.Add("reasons", r)
		}
		if page != "" {
			q.Set("cursor", page)
		}
		var raw json.RawMessage
		err := c.call(ctx, http.MethodGet, listNotifications, q, nil, &raw, true, c.cfg.AppView)
		var p NotificationPage
		if err == nil {
			p, err = ParseNotifications(raw)
		}
		if err != nil {
			if len(fresh) > 0 {
				c.mu.Lock()
				c.backlog = &backlog{mark: cursor, fresh: fresh, page: page, pages: pages}
				c.mu.Unlock()
			}
			return cursor, err
		}
		pages++
		reached := false
		for _, n := range p.Notifications {
			t, _ := time.Parse(time.RFC3339Nano, n.IndexedAt)
			if cursor != "" && !t.After(mark) {
				reached = true
				break
			}
			fresh = append(fresh, n)
		}
		if reached || cursor == "" || p.Cursor == "" || p.Cursor == page || len(p.Notifications) == 0 {
			break
		}
		page = p.Cursor
	}
	if len(fresh) == 0 {
		return cursor, nil
	}
	slices.Reverse(fresh) // oldest first
	next, newest := cursor, mark
	items := make([]ingest.Item, 0, len(fresh))
	seen := map[string]bool{}
	for _, n := range fresh {
		if t, _ := time.Parse(time.RFC3339Nano, n.IndexedAt); t.After(newest) || next == "" {
			newest, next = t, n.IndexedAt
		}
		it, ok := notificationItem(n, org)
		if !ok || seen[it.PlatformID] {
			continue
		}
		seen[it.PlatformID] = true
		it.Channel = c.cfg.Channel
		items = append(items, it)
	}
	if next == cursor {
		return cursor, nil
	}
	if err := emit(ctx, items, next); err != nil {
		return cursor, fmt.Errorf("bluesky: emit %d items: %w", len(items), err)
	}
	return next, nil
}

// Run reads from cursor until ctx ends or reading fails: from the firehose
// (the cursor is a sequence number), or from notifications when
// Config.Notifications is set (the cursor is an indexedAt time). The cursor
// never moves past a batch whose emit failed. A 429 or 5xx ends Run with
// an *APIError whose RetryAfter says when to come back.
func (c *Connector) Run(ctx context.Context, cursor string, emit source.EmitFunc) error {
	if c.cfg.Notifications {
		return c.runNotifications(ctx, cursor, emit)
	}
	return c.runFirehose(ctx, cursor, emit)
}
