package meta

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/source"
)

// Platform says which Graph surface a channel is.
type Platform string

// Platforms.
const (
	Facebook  Platform = "facebook"
	Instagram Platform = "instagram"
)

// DefaultBaseURL is the Graph API root, with the version Stormwatch was
// written against.
const DefaultBaseURL = "https://graph.facebook.com/v23.0"

// Graph acts on the comments of one Facebook Page or Instagram
// professional account through the Graph API.
//
// Hide, unhide and delete are idempotent on Graph: hiding a hidden comment
// hides it, and deleting a comment already gone is reported as done. A
// reply is not: Graph takes no idempotency key, and sending the same reply
// twice posts two replies. The actor therefore reports Deduplicates false,
// so the outbox marks a reply (or any action) interrupted mid-flight as
// unknown for a person to check instead of retrying it blindly. Errors
// returned before a request left, or with a Graph error response, are
// still retried normally.
type Graph struct {
	ChannelName string
	Platform    Platform
	// PageID is the Facebook Page's id, needed only to publish on the
	// Page's feed (POST /{page-id}/feed).
	PageID string
	// Token is the Page access token (for Instagram, the token of the Page
	// linked to the Instagram account). It is sent in the Authorization
	// header, never in the URL.
	Token string
	// AppSecret, when set, adds appsecret_proof to every call.
	AppSecret string
	BaseURL   string // default DefaultBaseURL
	Client    *http.Client
	// NearLimit is the usage percentage (X-App-Usage, X-Page-Usage,
	// X-Business-Use-Case-Usage) at which the actor stops calling and
	// backs off; default 90.
	NearLimit int
	Now       func() time.Time

	mu         sync.Mutex
	pauseUntil time.Time
}

// Channel returns the channel name.
func (g *Graph) Channel() string { return g.ChannelName }

// Capabilities lists what a Page or Instagram channel can do here. A
// Facebook Page with its PageID also publishes; Instagram publishing
// needs a media container and is not offered.
func (g *Graph) Capabilities() []source.Capability {
	caps := []source.Capability{source.ReadReplies, source.Hide, source.Delete, source.Reply}
	if g.canPublish() {
		caps = append(caps, source.Publish)
	}
	return caps
}

func (g *Graph) canPublish() bool {
	return g.Platform == Facebook && g.PageID != "" && !strings.ContainsAny(g.PageID, "/?#")
}

// Can reports hide, unhide, delete and reply, and publish on a Page.
func (g *Graph) Can(k act.Kind) bool {
	switch k {
	case act.Hide, act.Unhide, act.Delete, act.Reply:
		return true
	case act.Publish:
		return g.canPublish()
	}
	return false
}

// Deduplicates reports false: see the type's documentation (replies).
func (g *Graph) Deduplicates() bool { return false }

// Execute performs a on the comment item is.
func (g *Graph) Execute(ctx context.Context, a act.Action, item ingest.Item) (string, error) {
	if a.Kind == act.Publish {
		return g.publish(ctx, a)
	}
	id := GraphID(item.PlatformID)
	if id == "" || strings.ContainsAny(id, "/?#") {
		return "", act.Permanent(fmt.Errorf("meta: item %d has no usable Graph id %q", item.ID, item.PlatformID))
	}
	if wait := g.backoff(); wait > 0 {
		return "", act.RetryAfter(fmt.Errorf("meta: backing off %s: app usage near the rate limit", wait.Round(time.Second)), wait)
	}
	ig := g.Platform == Instagram
	q := url.Values{}
	method, path := http.MethodPost, "/"+id
	switch a.Kind {
	case act.Hide, act.Unhide:
		v := strconv.FormatBool(a.Kind == act.Hide)
		if ig {
			q.Set("hide", v)
		} else {
			q.Set("is_hidden", v)
		}
	case act.Delete:
		method = http.MethodDelete
	case act.Reply:
		text, err := replyText(a.Params)
		if err != nil {
			return "", act.Permanent(err)
		}
		q.Set("message", text)
		if ig {
			path += "/replies"
		} else {
			path += "/comments"
		}
	default:
		return "", act.Permanent(fmt.Errorf("meta: cannot %s", a.Kind))
	}
	body, err := g.call(ctx, method, path, q)
	if err != nil {
		var ge *GraphError
		if a.Kind == act.Delete && errors.As(err, &ge) && ge.Code == 100 && ge.Subcode == 33 {
			return "deleted (it was already gone)", nil
		}
		return "", fmt.Errorf("meta: %s %s: %w", a.Kind, id, err)
	}
	switch a.Kind {
	case act.Reply:
		var r struct {
			ID string `json:"id"`
		}
		_ = json.Unmarshal(body, &r)
		return "replied as " + r.ID, nil
	case act.Delete:
		return "deleted " + id, nil
	case act.Unhide:
		return "unhid " + id, nil
	}
	return "hid " + id, nil
}

// publish posts the action's text on the Page's feed (POST
// /{page-id}/feed, params "text" or "message", and "link"). Graph takes
// no idempotency key: a publish interrupted mid-flight is left for a
// person (Deduplicates is false), never posted blindly again.
func (g *Graph) publish(ctx context.Context, a act.Action) (string, error) {
	if !g.canPublish() {
		return "", act.Permanent(errors.New("meta: publishing needs a Facebook Page id"))
	}
	text, err := replyText(a.Params)
	if err != nil {
		return "", act.Permanent(err)
	}
	var p struct {
		Link string `json:"link"`
	}
	_ = json.Unmarshal(a.Params, &p) // replyText has read it already
	if wait := g.backoff(); wait > 0 {
		return "", act.RetryAfter(fmt.Errorf("meta: backing off %s: app usage near the rate limit", wait.Round(time.Second)), wait)
	}
	q := url.Values{}
	q.Set("message", text)
	if p.Link != "" {
		q.Set("link", p.Link)
	}
	body, err := g.call(ctx, http.MethodPost, "/"+g.PageID+"/feed", q)
	if err != nil {
		return "", fmt.Errorf("meta: publish on page %s: %w", g.PageID, err)
	}
	var r struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal(body, &r)
	return "published as " + r.ID, nil
}

func replyText(params json.RawMessage) (string, error) {
	var p struct {
		Text    string `json:"text"`
		Message string `json:"message"`
	}
	if len(params) > 0 {
		if err := json.Unmarshal(params, &p); err != nil {
			return "", fmt.Errorf("meta: reply params: %w", err)
		}
	}
	text := p.Text
	if text == "" {
		text = p.Message
	}
	if strings.TrimSpace(text) == "" {
		return "", errors.New("meta: reply without text")
	}
	return text, nil
}

// GraphError is a Graph API error response.
type GraphError struct {
	Status    int    // HTTP status
	Message   string `json:"message"`
	Type      string `json:"type"`
	Code      int    `json:"code"`
	Subcode   int    `json:"error_subcode"`
	Transient bool   `json:"is_transient"`
	FBTraceID string `json:"fbtrace_id"`
	// Wait is how long to back off before retrying, when known.
	Wait time.Duration
}

func (e *GraphError) Error() string {
	return fmt.Sprintf("graph %d: code %d/%d %s: %s (fbtrace %s)", e.Status, e.Code, e.Subcode, e.Type, e.Message, e.FBTraceID)
}

// RateLimited reports whether the error code is one of Graph's throttling codes.
func (e *GraphError) RateLimited() bool {
	switch e.Code {
	case 4, 17, 32, 613, 80000, 80001, 80002, 80003, 80004, 80005, 80006, 80008, 80009, 80014:
		return true
	}
	return e.Status == http.StatusTooManyRequests
}

func (g *Graph) now() time.Time {
	if g.Now != nil {
		return g.Now()
	}
	return time.Now()
}

func (g *Graph) backoff() time.Duration {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.pauseUntil.Sub(g.now())
}

func (g *Graph) pause(d time.Duration) {
	if d <= 0 {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if until := g.now().Add(d); until.After(g.pauseUntil) {
		g.pauseUntil = until
	}
}

// call sends one request and classifies the outcome: nil, a retryable
// error (network, 5xx, 429, throttling codes, transient errors; with
// act.RetryAfter when a wait is known), or act.Permanent for other 4xx.
func (g *Graph) call(ctx context.Context, method, path string, q url.Values) ([]byte, error) {
	base := g.BaseURL
	if base == "" {
		base = DefaultBaseURL
	}
	if g.AppSecret != "" {
		m := hmac.New(sha256.New, []byte(g.AppSecret))
		m.Write([]byte(g.Token))
		q.Set("appsecret_proof", hex.EncodeToString(m.Sum(nil)))
	}
	u := strings.TrimRight(base, "/") + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		return nil, act.Permanent(err)
	}
	req.Header.Set("Authorization", "Bearer "+g.Token)
	client := g.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the URL carries appsecret_proof and message: keep them out of logs
		}
		return nil, fmt.Errorf("graph request: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("graph response: %w", err)
	}
	wait := g.usageWait(resp.Header)
	if ra := retryAfterHeader(resp.Header.Get("Retry-After")); ra > wait {
		wait = ra
	}
	g.pause(wait)
	if resp.StatusCode/100 == 2 {
		return body, nil
	}
	ge := &GraphError{Status: resp.StatusCode}
	var env struct {
		Error *GraphError `json:"error"`
	}
	if json.Unmarshal(body, &env) == nil && env.Error != nil {
		ge = env.Error
		ge.Status = resp.StatusCode
	} else {
		ge.Message = strings.TrimSpace(string(body[:min(len(body), 200)]))
	}
	ge.Wait = wait
	switch {
	case ge.RateLimited():
		if ge.Wait <= 0 {
			ge.Wait = time.Minute
		}
		g.pause(ge.Wait)
		return nil, act.RetryAfter(ge, ge.Wait)
	case resp.StatusCode >= 500 || ge.Transient || ge.Code == 1 || ge.Code == 2:
		if ge.Wait > 0 {
			return nil, act.RetryAfter(ge, ge.Wait)
		}
		return nil, ge
	default:
		return nil, act.Permanent(ge)
	}
}

// usage is one usage report: percentages of the allowance used.
type usage struct {
	CallCount    float64 `json:"call_count"`
	TotalTime    float64 `json:"total_time"`
	TotalCPUTime float64 `json:"total_cputime"`
	// EstimatedTimeToRegainAccess is in minutes (business use case only).
	EstimatedTimeToRegainAccess float64 `json:"estimated_time_to_regain_access"`
}

func (u usage) max() float64 { return max(u.CallCount, u.TotalTime, u.TotalCPUTime) }

// usageWait reads X-App-Usage, X-Page-Usage ({"call_count":..,...}) and
// X-Business-Use-Case-Usage ({"<business id>":[{"type":..,"call_count":..,
// ..,"estimated_time_to_regain_access":minutes}]}) and returns how long to
// stop calling: 0 below NearLimit, else one minute per percentage point
// at or above it (Graph's window is a rolling hour), capped at an hour,
// or Meta's own estimate when longer.
func (g *Graph) usageWait(h http.Header) time.Duration {
	near := g.NearLimit
	if near <= 0 {
		near = 90
	}
	var reports []usage
	for _, name := range []string{"X-App-Usage", "X-Page-Usage", "X-Ad-Account-Usage"} {
		var u usage
		if v := h.Get(name); v != "" && json.Unmarshal([]byte(v), &u) == nil {
			reports = append(reports, u)
		}
	}
	if v := h.Get("X-Business-Use-Case-Usage"); v != "" {
		var buc map[string][]usage
		if json.Unmarshal([]byte(v), &buc) == nil {
			for _, us := range buc {
				reports = append(reports, us...)
			}
		}
	}
	return waitFor(reports, near)
}

// UsageWait is how long to back off for the given usage header values
// (see Graph.NearLimit); exported for the fuzz target and callers that
// read usage on their own requests.
func UsageWait(h http.Header, nearLimit int) time.Duration {
	return (&Graph{NearLimit: nearLimit}).usageWait(h)
}

func waitFor(reports []usage, near int) time.Duration {
	var wait time.Duration
	for _, u := range reports {
		if est := u.EstimatedTimeToRegainAccess; est > 0 && est < 24*60 {
			wait = max(wait, time.Duration(est*float64(time.Minute)))
		}
		pct := u.max()
		if pct != pct || pct < float64(near) { // NaN or below the limit
			continue
		}
		pct = min(pct, 200) // keep the conversion below in range
		wait = max(wait, min(time.Duration(pct-float64(near)+1)*time.Minute, time.Hour))
	}
	return wait
}

func retryAfterHeader(v string) time.Duration {
	w, ok := source.ParseRetryAfter(v, time.Now())
	if !ok {
		return 0
	}
	return min(max(w, 0), time.Hour)
}
