package mastodon

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/stormwatch/stormwatch/internal/source"
)

// maxBody bounds what is read from one answer.
const maxBody = 8 << 20

// APIError is an answer other than 2xx.
type APIError struct {
	Method, Path string
	Status       int
	Message      string // the "error" field of Mastodon's error entity, or the body's start
	after        time.Duration
}

func (e *APIError) Error() string {
	s := fmt.Sprintf("mastodon: %s %s: %d", e.Method, e.Path, e.Status)
	if e.Message != "" {
		s += ": " + e.Message
	}
	if e.after > 0 {
		s += fmt.Sprintf(" (retry after %s)", e.after)
	}
	return s
}

// RetryAfter is the wait the server asked for (Retry-After or
// X-RateLimit-Reset), or a default for 429 and 5xx; 0 for other errors.
// The source Runner reads it.
func (e *APIError) RetryAfter() time.Duration { return e.after }

// Temporary reports whether retrying may help: 408, 429 and 5xx.
func (e *APIError) Temporary() bool {
	return source.TemporaryStatus(e.Status)
}

// request sends one request. form, when not nil, is sent form-encoded;
// idemKey, when set, is sent as Idempotency-Key. On 2xx the body is
// returned with the headers.
func (c *Connector) request(ctx context.Context, method, path string, query, form url.Values, idemKey string) ([]byte, http.Header, error) {
	if err := c.waitLimit(ctx); err != nil {
		return nil, nil, err
	}
	u := *c.base
	u.Path = strings.TrimRight(c.base.Path, "/") + path
	u.RawQuery = query.Encode()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), body)
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.cfg.Token)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "Stormwatch")
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if idemKey != "" {
		req.Header.Set("Idempotency-Key", idemKey)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, nil, fmt.Errorf("mastodon: %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return nil, nil, fmt.Errorf("mastodon: %s %s: reading answer: %w", method, path, err)
	}
	c.noteLimit(resp.Header)
	if resp.StatusCode/100 == 2 {
		return data, resp.Header, nil
	}
	e := &APIError{Method: method, Path: path, Status: resp.StatusCode, Message: errorMessage(data)}
	if e.Temporary() {
		e.after = c.retryAfter(resp.Header)
		if e.after <= 0 {
			e.after = 5 * time.Second
			if resp.StatusCode == http.StatusTooManyRequests {
				e.after = time.Minute
			}
		}
		e.after = min(e.after, c.cfg.MaxRetryWait)
	}
	return nil, resp.Header, e
}

// errorMessage extracts Mastodon's {"error": "..."} or the body's start.
func errorMessage(data []byte) string {
	var e struct {
		Error string `json:"error"`
	}
	if json.Unmarshal(data, &e) == nil && e.Error != "" {
		return truncate(e.Error, 300)
	}
	return truncate(strings.TrimSpace(string(data)), 200)
}

// retryAfter reads Retry-After (seconds or HTTP date), else
// X-RateLimit-Reset (an ISO 8601 time), capped at one hour.
func (c *Connector) retryAfter(h http.Header) time.Duration {
	var d time.Duration
	if w, ok := source.ParseRetryAfter(h.Get("Retry-After"), c.now()); ok {
		d = w
	}
	if d <= 0 {
		if t, ok := parseReset(h.Get("X-RateLimit-Reset")); ok {
			d = t.Sub(c.now())
		}
	}
	return min(max(d, 0), time.Hour)
}

// parseReset reads X-RateLimit-Reset: Mastodon sends an ISO 8601 time;
// some servers send a Unix time.
func parseReset(v string) (time.Time, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, false
	}
	if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
		return t, true
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil && n > 0 && n < 1<<40 {
		return time.Unix(n, 0), true
	}
	return time.Time{}, false
}

// noteLimit remembers that the rate limit is spent until its reset.
func (c *Connector) noteLimit(h http.Header) {
	rem := strings.TrimSpace(h.Get("X-RateLimit-Remaining"))
	if rem == "" {
		return
	}
	n, err := strconv.Atoi(rem)
	if err != nil || n > 0 {
		return
	}
	if t, ok := parseReset(h.Get("X-RateLimit-Reset")); ok {
		c.mu.Lock()
		c.limited = t
		c.mu.Unlock()
	}
}

// waitLimit waits, up to five minutes, for a spent rate limit to reset
// instead of spending a request on a sure 429.
func (c *Connector) waitLimit(ctx context.Context) error {
	c.mu.Lock()
	until := c.limited
	c.mu.Unlock()
	d := until.Sub(c.now())
	if d <= 0 {
		return nil
	}
	if d > 5*time.Minute {
		return &APIError{Method: "-", Path: "-", Status: http.StatusTooManyRequests, Message: "rate limit spent", after: d}
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// getJSON GETs path and decodes the answer into v.
func (c *Connector) getJSON(ctx context.Context, path string, q url.Values, v any) (http.Header, error) {
	data, h, err := c.request(ctx, http.MethodGet, path, q, nil, "")
	if err != nil {
		return h, err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return h, fmt.Errorf("mastodon: GET %s: bad answer: %w", path, err)
	}
	return h, nil
}

// selfID is the organization's account id.
func (c *Connector) selfID(ctx context.Context) (string, error) {
	c.mu.Lock()
	id := c.self
	c.mu.Unlock()
	if id != "" {
		return id, nil
	}
	var a Account
	if _, err := c.getJSON(ctx, "/api/v1/accounts/verify_credentials", nil, &a); err != nil {
		return "", err
	}
	if a.ID == "" {
		return "", fmt.Errorf("mastodon: verify_credentials returned no account id")
	}
	c.mu.Lock()
	c.self = a.ID
	c.mu.Unlock()
	return a.ID, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
