package bluesky

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
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

// APIError is an XRPC answer other than 2xx.
type APIError struct {
	Method, NSID string
	Status       int
	// Code and Message are the XRPC error body's "error" and "message".
	Code, Message string
	after         time.Duration
}

func (e *APIError) Error() string {
	s := fmt.Sprintf("bluesky: %s %s: %d", e.Method, e.NSID, e.Status)
	if e.Code != "" {
		s += " " + e.Code
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	if e.after > 0 {
		s += fmt.Sprintf(" (retry after %s)", e.after)
	}
	return s
}

// RetryAfter is the wait the server asked for (ratelimit-reset or
// Retry-After), or a default for 429 and 5xx; 0 for other errors. The
// source Runner reads it.
func (e *APIError) RetryAfter() time.Duration { return e.after }

// Temporary reports whether retrying may help: 408, 429 and 5xx.
func (e *APIError) Temporary() bool {
	return source.TemporaryStatus(e.Status)
}

// expired reports an access token past its lifetime (the PDS answers 400
// ExpiredToken; some entryways answer 401).
func (e *APIError) expired() bool {
	return e.Code == "ExpiredToken" || (e.Status == http.StatusUnauthorized && e.Code == "InvalidToken")
}

// ParseError decodes an XRPC error body {"error": "...", "message": "..."};
// a body of another shape gives its start as the message.
func ParseError(data []byte) (code, message string) {
	var e struct {
		Error   string `json:"error"`
		Message string `json:"message"`
	}
	if json.Unmarshal(data, &e) == nil && (e.Error != "" || e.Message != "") {
		return truncate(e.Error, 100), truncate(e.Message, 300)
	}
	return "", truncate(strings.TrimSpace(string(data)), 200)
}

// session is what createSession and refreshSession return.
type session struct {
	AccessJwt  string `json:"accessJwt"`
	RefreshJwt string `json:"refreshJwt"`
	DID        string `json:"did"`
	Handle     string `json:"handle"`
}

// call sends one XRPC request. in, when not nil, is sent as JSON; out, when
// not nil, receives the JSON answer. auth signs the request with the
// session's access token (created or refreshed as needed); proxy, when set,
// is sent as atproto-proxy so that the PDS forwards the call.
func (c *Connector) call(ctx context.Context, method, nsid string, q url.Values, in, out any, auth bool, proxy string) error {
	var body []byte
	if in != nil {
		var err error
		if body, err = json.Marshal(in); err != nil {
			return fmt.Errorf("bluesky: %s: encode request: %w", nsid, err)
		}
	}
	token := ""
	if auth {
		s, err := c.session(ctx)
		if err != nil {
			return err
		}
		token = s.AccessJwt
	}
	data, err := c.do(ctx, method, nsid, q, body, token, proxy)
	var ae *APIError
	if auth && errors.As(err, &ae) && ae.expired() {
		s, rerr := c.renew(ctx, token)
		if rerr != nil {
			return rerr
		}
		data, err = c.do(ctx, method, nsid, q, body, s.AccessJwt, proxy)
	}
	if err != nil {
		return err
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return fmt.Errorf("bluesky: %s: bad answer: %w", nsid, err)
		}
	}
	return nil
}

// do sends one request and returns the body of a 2xx answer, or an
// *APIError.
func (c *Connector) do(ctx context.Context, method, nsid string, q url.Values, body []byte, token, proxy string) ([]byte, error) {
	if err := c.waitLimit(ctx, method, nsid); err != nil {
		return nil, err
	}
	u := *c.service
	u.Path = strings.TrimRight(c.service.Path, "/") + "/xrpc/" + nsid
	u.RawQuery = q.Encode()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), rd)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "Stormwatch")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if proxy != "" {
		req.Header.Set("atproto-proxy", proxy)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("bluesky: %s %s: %w", method, nsid, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return nil, fmt.Errorf("bluesky: %s %s: reading answer: %w", method, nsid, err)
	}
	c.noteLimit(resp.Header)
	if resp.StatusCode/100 == 2 {
		return data, nil
	}
	e := &APIError{Method: method, NSID: nsid, Status: resp.StatusCode}
	e.Code, e.Message = ParseError(data)
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
	return nil, e
}

// retryAfter reads ratelimit-reset (a Unix time in seconds, as the PDS
// sends it), else Retry-After (seconds or an HTTP date), capped at one hour.
func (c *Connector) retryAfter(h http.Header) time.Duration {
	var d time.Duration
	if t, ok := parseReset(h.Get("ratelimit-reset")); ok {
		d = t.Sub(c.now())
	}
	if d <= 0 {
		if w, ok := source.ParseRetryAfter(h.Get("Retry-After"), c.now()); ok {
			d = w
		}
	}
	return min(max(d, 0), time.Hour)
}

// parseReset reads a ratelimit-reset header: a Unix time in seconds.
func parseReset(v string) (time.Time, bool) {
	n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil || n <= 0 || n >= 1<<40 {
		return time.Time{}, false
	}
	return time.Unix(n, 0), true
}

// noteLimit remembers that a rate limit is spent until its reset.
func (c *Connector) noteLimit(h http.Header) {
	rem := strings.TrimSpace(h.Get("ratelimit-remaining"))
	if rem == "" {
		return
	}
	if n, err := strconv.Atoi(rem); err != nil || n > 0 {
		return
	}
	if t, ok := parseReset(h.Get("ratelimit-reset")); ok {
		c.mu.Lock()
		c.limited = t
		c.mu.Unlock()
	}
}

// waitLimit waits, up to five minutes, for a spent rate limit to reset
// instead of spending a request on a sure 429; a longer wait is returned
// as a 429 for the caller's backoff.
func (c *Connector) waitLimit(ctx context.Context, method, nsid string) error {
	c.mu.Lock()
	until := c.limited
	c.mu.Unlock()
	d := until.Sub(c.now())
	if d <= 0 {
		return nil
	}
	if d > min(5*time.Minute, c.cfg.MaxRetryWait) {
		return &APIError{Method: method, NSID: nsid, Status: http.StatusTooManyRequests, Code: "RateLimitExceeded", Message: "rate limit spent", after: min(d, c.cfg.MaxRetryWait)}
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

// session returns the current session, logging in with the app password
// when there is none.
func (c *Connector) session(ctx context.Context) (session, error) {
	c.mu.Lock()
	s := c.sess
	c.mu.Unlock()
	if s != nil {
		return *s, nil
	}
	return c.login(ctx)
}

// login creates a session with the app password.
func (c *Connector) login(ctx context.Context) (session, error) {
	body, _ := json.Marshal(map[string]string{"identifier": c.cfg.Identifier, "password": c.cfg.AppPassword})
	data, err := c.do(ctx, http.MethodPost, "com.atproto.server.createSession", nil, body, "", "")
	if err != nil {
		var ae *APIError
		if errors.As(err, &ae) && !ae.Temporary() {
			// Never include the password; the server's message says what is wrong.
			return session{}, fmt.Errorf("bluesky: log in as %s: %w", c.cfg.Identifier, err)
		}
		return session{}, err
	}
	return c.keep(data, "createSession")
}

// renew replaces an expired access token: refreshSession with the refresh
// token, else a new login. stale is the token that failed; when another
// call renewed it meanwhile, the new session is returned as is.
func (c *Connector) renew(ctx context.Context, stale string) (session, error) {
	c.mu.Lock()
	s := c.sess
	c.mu.Unlock()
	if s != nil && s.AccessJwt != stale {
		return *s, nil
	}
	if s != nil && s.RefreshJwt != "" {
		data, err := c.do(ctx, http.MethodPost, "com.atproto.server.refreshSession", nil, nil, s.RefreshJwt, "")
		if err == nil {
			return c.keep(data, "refreshSession")
		}
		var ae *APIError
		if errors.As(err, &ae) && ae.Temporary() {
			return session{}, err
		}
		// The refresh token expired or was revoked: log in again.
	}
	c.mu.Lock()
	c.sess = nil
	c.mu.Unlock()
	return c.login(ctx)
}

// keep stores a session answer.
func (c *Connector) keep(data []byte, what string) (session, error) {
	var s session
	if err := json.Unmarshal(data, &s); err != nil || s.AccessJwt == "" || !validDID(s.DID) {
		return session{}, fmt.Errorf("bluesky: %s: answer without tokens or DID", what)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.did != "" && c.did != s.DID {
		return session{}, fmt.Errorf("bluesky: logged in as %s, but the channel is configured for %s", s.DID, c.did)
	}
	c.sess = &s
	c.did = s.DID
	return s, nil
}

// orgDID is the organization's DID, from the configuration or the session.
func (c *Connector) orgDID(ctx context.Context) (string, error) {
	c.mu.Lock()
	did := c.did
	c.mu.Unlock()
	if did != "" {
		return did, nil
	}
	s, err := c.session(ctx)
	if err != nil {
		return "", err
	}
	return s.DID, nil
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
