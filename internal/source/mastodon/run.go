package mastodon

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/source"
)

// Run reads mentions from cursor (a notification id; "" starts with the
// newest page) until ctx ends or reading fails. Each page is fetched with
// min_id=cursor, sorted oldest first and emitted with the newest
// notification id as the next cursor; the cursor never moves past a page
// whose emit failed. A 429 or 5xx ends Run with an *APIError whose
// RetryAfter says when to come back.
func (c *Connector) Run(ctx context.Context, cursor string, emit source.EmitFunc) error {
	self, err := c.selfID(ctx)
	if err != nil {
		return err
	}
	wake := make(chan struct{}, 1)
	if c.cfg.Stream {
		sctx, cancel := context.WithCancel(ctx)
		defer cancel()
		go c.stream(sctx, wake)
	}
	for {
		next, full, err := c.poll(ctx, cursor, self, emit)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		cursor = next
		if full {
			continue // more pages waiting
		}
		t := time.NewTimer(c.cfg.PollInterval)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-wake:
			t.Stop()
		case <-t.C:
		}
	}
}

// poll fetches and emits one page after cursor. It returns the new cursor
// and whether the page was full (more may follow at once).
func (c *Connector) poll(ctx context.Context, cursor, self string, emit source.EmitFunc) (string, bool, error) {
	q := url.Values{}
	q.Set("types[]", "mention")
	q.Set("limit", strconv.Itoa(c.cfg.PageSize))
	if cursor != "" {
		q.Set("min_id", cursor)
	}
	data, _, err := c.request(ctx, http.MethodGet, "/api/v1/notifications", q, nil, "")
	if err != nil {
		return cursor, false, err
	}
	ns, err := ParseNotifications(data)
	if err != nil {
		return cursor, false, err
	}
	if len(ns) == 0 {
		return cursor, false, nil
	}
	slices.SortStableFunc(ns, func(a, b Notification) int {
		switch {
		case idLess(a.ID, b.ID):
			return -1
		case idLess(b.ID, a.ID):
			return 1
		}
		return 0
	})
	next := cursor
	items := make([]ingest.Item, 0, len(ns))
	seen := map[string]bool{}
	for _, n := range ns {
		if cursor != "" && !idLess(cursor, n.ID) {
			continue // a server ignoring min_id: never go back
		}
		if next == "" || idLess(next, n.ID) {
			next = n.ID
		}
		if n.Type != "mention" || len(n.Status) == 0 || string(n.Status) == "null" {
			continue
		}
		s, err := ParseStatus(n.Status)
		if err != nil {
			// An unreadable status is skipped, not allowed to block the
			// channel; the notification id still advances the cursor.
			continue
		}
		if seen[s.ID] {
			continue
		}
		seen[s.ID] = true
		it := itemFromStatus(s, n.Status, self)
		if c.cfg.ResolveThreads && it.ThreadID == "" {
			root, err := c.root(ctx, s.ID)
			if err != nil {
				var ae *APIError
				if errors.As(err, &ae) && ae.Temporary() {
					return cursor, false, err
				}
				// gone or private: leave the thread unknown
			}
			it.ThreadID = root
		}
		items = append(items, it)
	}
	if next == cursor {
		return cursor, false, nil
	}
	if err := emit(ctx, items, next); err != nil {
		return cursor, false, fmt.Errorf("mastodon: emit %d items: %w", len(items), err)
	}
	return next, len(ns) >= c.cfg.PageSize, nil
}

// root finds the conversation root of status id through its context.
func (c *Connector) root(ctx context.Context, id string) (string, error) {
	c.mu.Lock()
	r, ok := c.roots[id]
	c.mu.Unlock()
	if ok {
		return r, nil
	}
	var cx struct {
		Ancestors []Status `json:"ancestors"`
	}
	if _, err := c.getJSON(ctx, "/api/v1/statuses/"+url.PathEscape(id)+"/context", nil, &cx); err != nil {
		return "", err
	}
	if len(cx.Ancestors) == 0 {
		return "", nil
	}
	r = cx.Ancestors[0].ID
	c.mu.Lock()
	if len(c.roots) > 10000 {
		clear(c.roots)
	}
	c.roots[id] = r
	c.mu.Unlock()
	return r, nil
}

// stream listens to the user stream and wakes the poller on each
// notification; it reconnects with backoff until ctx ends.
func (c *Connector) stream(ctx context.Context, wake chan<- struct{}) {
	wait := time.Second
	for ctx.Err() == nil {
		err := c.streamOnce(ctx, wake)
		if ctx.Err() != nil {
			return
		}
		var ae *APIError
		d := wait
		if errors.As(err, &ae) && ae.RetryAfter() > d {
			d = ae.RetryAfter()
		}
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		wait = min(wait*2, 5*time.Minute)
	}
}

func (c *Connector) streamOnce(ctx context.Context, wake chan<- struct{}) error {
	u := *c.base
	u.Path += "/api/v1/streaming"
	u.RawQuery = "stream=user"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.cfg.Token)
	req.Header.Set("Accept", "text/event-stream")
	// The stream is long-lived: no client timeout.
	hc := *c.hc
	hc.Timeout = 0
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		e := &APIError{Method: "GET", Path: "/api/v1/streaming", Status: resp.StatusCode}
		if e.Temporary() {
			e.after = c.retryAfter(resp.Header)
		}
		return e
	}
	return readSSE(resp.Body, func(ev sseEvent) error {
		if ev.Event != "notification" {
			return nil
		}
		if n, err := ParseNotification([]byte(ev.Data)); err != nil || n.Type != "mention" {
			return nil
		}
		select {
		case wake <- struct{}{}:
		default:
		}
		return nil
	})
}
