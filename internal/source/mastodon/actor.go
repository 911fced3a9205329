package mastodon

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/source"
)

// params are an action's parameters, read as every connector reads them.
type params = source.Params

func parseParams(raw json.RawMessage) (params, error) { return source.ParseParams(raw) }

// Execute performs a on the server for item (a status read from this
// channel):
//
//   - reply: params "text" (required), "visibility" (default: as private
//     as the status replied to, and at most unlisted). The author is
//     mentioned if the text does not already. Sent with
//     Idempotency-Key = a.IdempotencyKey. Result: the new status id.
//   - delete: params "status_id" (default the item). Only the
//     organization's own statuses: any other is a permanent error. A status
//     already gone counts as deleted.
//   - block, mute (mute params "duration" in seconds, "notifications"):
//     the item's author.
//   - publish: a new status of the organization's own, params "text"
//     (required), "visibility" (default public), "lang", "spoiler_text";
//     sent with Idempotency-Key = a.IdempotencyKey. The item is the
//     draft's stand-in and is not read. Result: the new status id.
//   - report: the item's author and status, with params "reason" or
//     "comment", "category" (spam, violation, other, legal),
//     "rule_ids" (the server's rule ids, which make the category
//     "violation"), "forward". The comment ends with the Stormwatch rule id.
//
// 429 and 5xx are returned with act.RetryAfter; other 4xx are permanent.
func (c *Connector) Execute(ctx context.Context, a act.Action, item ingest.Item) (string, error) {
	p, err := parseParams(a.Params)
	if err != nil {
		return "", act.Permanent(err)
	}
	var res string
	switch a.Kind {
	case act.Reply:
		res, err = c.reply(ctx, a, p, item)
	case act.Delete:
		res, err = c.delete(ctx, p, item)
	case act.Block:
		res, err = c.accountAction(ctx, "block", a.IdempotencyKey, nil, item)
	case KindMute:
		f := url.Values{}
		if d := p.Str("duration"); d != "" {
			if n, err := strconv.Atoi(d); err != nil || n < 0 {
				return "", act.Permanent(fmt.Errorf("mute: bad duration %q", d))
			}
			f.Set("duration", d)
		}
		if n := p.Str("notifications"); n != "" {
			f.Set("notifications", n)
		}
		res, err = c.accountAction(ctx, "mute", a.IdempotencyKey, f, item)
	case act.Report:
		res, err = c.report(ctx, a, p, item)
	case act.Publish:
		res, err = c.publish(ctx, a, p)
	default:
		return "", act.Permanent(fmt.Errorf("mastodon: cannot %s", a.Kind))
	}
	return res, classify(err)
}

// classify marks errors for the outbox worker.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var ae *APIError
	if errors.As(err, &ae) {
		if ae.Temporary() {
			return act.RetryAfter(err, ae.RetryAfter())
		}
		return act.Permanent(err)
	}
	return err // network errors and the like: retry
}

func (c *Connector) reply(ctx context.Context, a act.Action, p params, item ingest.Item) (string, error) {
	text := p.Str("text")
	if text == "" {
		return "", act.Permanent(errors.New("reply: no text"))
	}
	if item.PlatformID == "" {
		return "", act.Permanent(errors.New("reply: item has no status id"))
	}
	if a.IdempotencyKey == "" {
		return "", act.Permanent(errors.New("reply: no idempotency key")) // never post without one
	}
	var orig Status
	if len(item.Raw) > 0 {
		orig, _ = ParseStatus(item.Raw)
	}
	if acct := orig.Account.Acct; acct != "" && !strings.Contains(strings.ToLower(text), "@"+strings.ToLower(acct)) {
		text = "@" + acct + " " + text
	}
	vis := p.Str("visibility")
	switch vis {
	case "public", "unlisted", "private", "direct":
	case "":
		vis = "unlisted"
		if orig.Visibility == "private" || orig.Visibility == "direct" {
			vis = orig.Visibility
		}
	default:
		return "", act.Permanent(fmt.Errorf("reply: bad visibility %q", vis))
	}
	f := url.Values{}
	f.Set("status", text)
	f.Set("in_reply_to_id", item.PlatformID)
	f.Set("visibility", vis)
	if l := normLang(p.Str("lang")); l != "" {
		f.Set("language", l)
	}
	data, _, err := c.request(ctx, http.MethodPost, "/api/v1/statuses", nil, f, a.IdempotencyKey)
	if err != nil {
		return "", err
	}
	var s Status
	if err := json.Unmarshal(data, &s); err != nil || s.ID == "" {
		// Posted, but the answer is unreadable: do not retry.
		return "replied (status id unreadable)", nil
	}
	return "replied: status " + s.ID, nil
}

func (c *Connector) delete(ctx context.Context, p params, item ingest.Item) (string, error) {
	self, err := c.selfID(ctx)
	if err != nil {
		return "", err
	}
	id := p.Str("status_id")
	if id == "" {
		id = item.PlatformID
		if item.AuthorID != "" && item.AuthorID != self {
			return "", act.Permanent(fmt.Errorf("delete: status %s is not the organization's own (Mastodon deletes only one's own statuses)", id))
		}
	}
	if id == "" {
		return "", act.Permanent(errors.New("delete: no status id"))
	}
	// Check ownership on the server: the item's fields may be stale.
	var s Status
	if _, err := c.getJSON(ctx, "/api/v1/statuses/"+url.PathEscape(id), nil, &s); err != nil {
		var ae *APIError
		if errors.As(err, &ae) && ae.Status == http.StatusNotFound {
			return "already deleted", nil
		}
		return "", err
	}
	if s.Account.ID != self {
		return "", act.Permanent(fmt.Errorf("delete: status %s belongs to account %s, not the organization's", id, s.Account.ID))
	}
	if _, _, err := c.request(ctx, http.MethodDelete, "/api/v1/statuses/"+url.PathEscape(id), nil, nil, ""); err != nil {
		var ae *APIError
		if errors.As(err, &ae) && ae.Status == http.StatusNotFound {
			return "already deleted", nil
		}
		return "", err
	}
	return "deleted status " + id, nil
}

func (c *Connector) accountAction(ctx context.Context, what, key string, f url.Values, item ingest.Item) (string, error) {
	if item.AuthorID == "" {
		return "", act.Permanent(fmt.Errorf("%s: item has no author id", what))
	}
	if self, err := c.selfID(ctx); err == nil && self == item.AuthorID {
		return "", act.Permanent(fmt.Errorf("%s: the author is the organization itself", what))
	}
	if f == nil {
		f = url.Values{}
	}
	// Block and mute are idempotent by nature; the key is sent anyway so
	// that the request can be traced to its action on the server side.
	if _, _, err := c.request(ctx, http.MethodPost, "/api/v1/accounts/"+url.PathEscape(item.AuthorID)+"/"+what, nil, f, key); err != nil {
		return "", err
	}
	return map[string]string{"block": "blocked", "mute": "muted"}[what] + " account " + item.AuthorID, nil
}

// maxComment is Mastodon's default limit on a report's comment.
const maxComment = 1000

func (c *Connector) report(ctx context.Context, a act.Action, p params, item ingest.Item) (string, error) {
	if item.AuthorID == "" {
		return "", act.Permanent(errors.New("report: item has no author id"))
	}
	comment := p.Str("comment")
	if comment == "" {
		comment = p.Str("reason")
	}
	suffix := ""
	if a.RuleID != "" {
		suffix = "[Stormwatch rule: " + a.RuleID + "]"
	}
	if comment == "" {
		comment = "Reported by Stormwatch."
	}
	if suffix != "" {
		comment = truncate(comment, maxComment-len([]rune(suffix))-2) + " " + suffix
	}
	comment = truncate(comment, maxComment)
	f := url.Values{}
	f.Set("account_id", item.AuthorID)
	if item.PlatformID != "" {
		f.Add("status_ids[]", item.PlatformID)
	}
	f.Set("comment", comment)
	rules := p.List("rule_ids")
	cat := p.Str("category")
	switch cat {
	case "", "spam", "violation", "other", "legal":
	default:
		return "", act.Permanent(fmt.Errorf("report: bad category %q", cat))
	}
	if len(rules) > 0 {
		cat = "violation" // the server sets it anyway when rule ids are given
	}
	if cat != "" {
		f.Set("category", cat)
	}
	for _, r := range rules {
		f.Add("rule_ids[]", r)
	}
	if fw := p.Str("forward"); fw == "true" {
		f.Set("forward", "true")
	}
	// Mastodon does not deduplicate reports; the key is sent for servers
	// that might.
	data, _, err := c.request(ctx, http.MethodPost, "/api/v1/reports", nil, f, a.IdempotencyKey)
	if err != nil {
		return "", err
	}
	var r struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal(data, &r)
	if r.ID == "" {
		return "reported", nil
	}
	return "reported: report " + r.ID, nil
}

// publish posts a new status (POST /api/v1/statuses) under the action's
// idempotency key, so a retry within Mastodon's hour posts once.
func (c *Connector) publish(ctx context.Context, a act.Action, p params) (string, error) {
	text := p.Str("text")
	if text == "" {
		return "", act.Permanent(errors.New("publish: no text"))
	}
	if a.IdempotencyKey == "" {
		return "", act.Permanent(errors.New("publish: no idempotency key")) // never post without one
	}
	vis := p.Str("visibility")
	switch vis {
	case "public", "unlisted", "private", "direct":
	case "":
		vis = "public"
	default:
		return "", act.Permanent(fmt.Errorf("publish: bad visibility %q", vis))
	}
	f := url.Values{}
	f.Set("status", text)
	f.Set("visibility", vis)
	if l := normLang(p.Str("lang")); l != "" {
		f.Set("language", l)
	}
	if sp := p.Str("spoiler_text"); sp != "" {
		f.Set("spoiler_text", sp)
	}
	data, _, err := c.request(ctx, http.MethodPost, "/api/v1/statuses", nil, f, a.IdempotencyKey)
	if err != nil {
		return "", err
	}
	var s Status
	if err := json.Unmarshal(data, &s); err != nil || s.ID == "" {
		return "published (status id unreadable)", nil
	}
	return "published: status " + s.ID, nil
}
