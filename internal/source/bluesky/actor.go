package bluesky

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bluesky-social/indigo/atproto/syntax"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/source"
)

// Limits from the lexicons.
const (
	maxPostRunes  = 300  // app.bsky.feed.post text: 300 graphemes (runes are counted: never fewer)
	maxPostBytes  = 3000 // and 3000 bytes
	maxHidden     = 300  // threadgate hiddenReplies
	maxDetached   = 50   // postgate detachedEmbeddingUris
	maxReasonText = 2000 // createReport reason, in graphemes
)

// params are an action's parameters, read as every connector reads them.
type params = source.Params

func parseParams(raw json.RawMessage) (params, error) { return source.ParseParams(raw) }

// Execute performs a on the network for item (a post read from this
// channel, or the draft's stand-in for publish):
//
//   - reply, notify_author: params "text" (required), "lang". A post
//     replying to the item, in the item's thread. Its record key derives
//     from a.IdempotencyKey.
//   - publish: params "text" (default the item's text), "lang". A post by
//     the organization; record key as for reply.
//   - hide: a reply in a thread the organization started is added to the
//     thread gate's hiddenReplies; a quote of one of its posts is detached
//     through the post gate (detachedEmbeddingUris). Other rules and
//     entries of the gates are kept. unhide removes them again.
//   - delete: params "uri" (default the item): one of the organization's
//     own posts; any other is a permanent error.
//   - block (a block record, key from a.IdempotencyKey), mute
//     (app.bsky.graph.muteActor, through the AppView): the item's author.
//   - report: the item (or its author, when the post's CID is unknown) to
//     the moderation service, with params "reason_type" (spam, violation,
//     misleading, sexual, rude, other, or a full reasonType), "reason" or
//     "comment", "rule_ids"; the reason ends with the rule ids and the
//     Stormwatch rule id.
//
// 429 and 5xx are returned with act.RetryAfter; other 4xx are permanent.
func (c *Connector) Execute(ctx context.Context, a act.Action, item ingest.Item) (string, error) {
	p, err := parseParams(a.Params)
	if err != nil {
		return "", act.Permanent(err)
	}
	var res string
	switch a.Kind {
	case act.Reply, act.NotifyAuthor:
		res, err = c.reply(ctx, a, p, item)
	case act.Publish:
		res, err = c.publish(ctx, a, p, item)
	case act.Hide:
		res, err = c.hide(ctx, item, true)
	case act.Unhide:
		res, err = c.hide(ctx, item, false)
	case act.Delete:
		res, err = c.deletePost(ctx, p, item)
	case act.Block:
		res, err = c.block(ctx, a, item)
	case act.Mute:
		res, err = c.mute(ctx, item)
	case act.Report:
		res, err = c.report(ctx, a, p, item)
	default:
		return "", act.Permanent(fmt.Errorf("bluesky: cannot %s", a.Kind))
	}
	return res, classify(err)
}

// classify marks errors for the outbox worker.
func classify(err error) error {
	if err == nil || act.IsPermanent(err) {
		return err
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

// RecordKey derives the record key of the record an action creates from
// its idempotency key, so that a retry addresses the same record. Posts and
// blocks need TIDs: the timestamp is the action's creation time, truncated
// to the minute (stable however the store rounds it) plus a microsecond
// offset from the key's hash, and the clock id comes from the hash too.
func RecordKey(a act.Action) string {
	h := sha256.Sum256([]byte("stormwatch/bluesky/rkey\x00" + a.IdempotencyKey))
	n := binary.BigEndian.Uint64(h[:8])
	base := a.CreatedAt.UTC().Truncate(time.Minute)
	if a.CreatedAt.IsZero() {
		base = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	micros := base.UnixMicro() + int64(n%uint64(time.Minute/time.Microsecond))
	return syntax.NewTID(micros, uint((n>>40)&0x3ff)).String()
}

// itemRaw reads the item's payload, required by actions that need its CID
// or its thread.
func itemRaw(item ingest.Item, what string) (Raw, Post, error) {
	if len(item.Raw) == 0 {
		return Raw{}, Post{}, act.Permanent(fmt.Errorf("%s: item %s has no Bluesky payload", what, item.PlatformID))
	}
	r, err := ParseRaw(item.Raw)
	if err != nil {
		return Raw{}, Post{}, act.Permanent(fmt.Errorf("%s: %w", what, err))
	}
	var rec map[string]any
	_ = json.Unmarshal(r.Record, &rec)
	p, _ := ParsePost(rec)
	return r, p, nil
}

// postText checks a post's text against the lexicon's limits.
func postText(text string) (string, error) {
	text = strings.TrimSpace(text)
	switch {
	case text == "":
		return "", act.Permanent(errors.New("no text"))
	case !utf8.ValidString(text):
		return "", act.Permanent(errors.New("text is not valid UTF-8"))
	case utf8.RuneCountInString(text) > maxPostRunes || len(text) > maxPostBytes:
		return "", act.Permanent(fmt.Errorf("text too long for a Bluesky post (%d characters; at most %d)", utf8.RuneCountInString(text), maxPostRunes))
	}
	return text, nil
}

func (c *Connector) reply(ctx context.Context, a act.Action, p params, item ingest.Item) (string, error) {
	text, err := postText(p.Str("text"))
	if err != nil {
		return "", fmt.Errorf("reply: %w", err)
	}
	if a.IdempotencyKey == "" {
		return "", act.Permanent(errors.New("reply: no idempotency key")) // never post without one
	}
	r, post, err := itemRaw(item, "reply")
	if err != nil {
		return "", err
	}
	if r.CID == "" {
		return "", act.Permanent(fmt.Errorf("reply: post %s has no CID", r.URI))
	}
	parent := StrongRef{URI: r.URI, CID: r.CID}
	root := post.Root
	if root.URI == "" || root.CID == "" {
		root = parent // the item starts its thread
	}
	rec := map[string]any{
		"$type":     collPost,
		"text":      text,
		"createdAt": c.now().UTC().Format("2006-01-02T15:04:05.000Z"),
		"reply":     map[string]any{"root": root, "parent": parent},
	}
	if l := normLang(p.Str("lang")); l != "" {
		rec["langs"] = []string{l}
	}
	uri, existed, err := c.createOnce(ctx, collPost, RecordKey(a), rec)
	if err != nil {
		return "", err
	}
	if existed {
		return "already replied: " + uri, nil
	}
	return "replied: " + uri, nil
}

func (c *Connector) publish(ctx context.Context, a act.Action, p params, item ingest.Item) (string, error) {
	t := p.Str("text")
	if t == "" {
		t = item.Text
	}
	text, err := postText(t)
	if err != nil {
		return "", fmt.Errorf("publish: %w", err)
	}
	if a.IdempotencyKey == "" {
		return "", act.Permanent(errors.New("publish: no idempotency key"))
	}
	rec := map[string]any{
		"$type":     collPost,
		"text":      text,
		"createdAt": c.now().UTC().Format("2006-01-02T15:04:05.000Z"),
	}
	if l := normLang(p.Str("lang")); l != "" {
		rec["langs"] = []string{l}
	}
	uri, existed, err := c.createOnce(ctx, collPost, RecordKey(a), rec)
	if err != nil {
		return "", err
	}
	if existed {
		return "already published: " + uri, nil
	}
	return "published: " + uri, nil
}

// createOnce creates a record under a fixed key. A retry finds the record
// there (the PDS answers a second create with an error, a 500 for the
// reference implementation), which counts as done.
func (c *Connector) createOnce(ctx context.Context, coll, rkey string, rec map[string]any) (uri string, existed bool, err error) {
	org, err := c.orgDID(ctx)
	if err != nil {
		return "", false, err
	}
	uri = ATURI{DID: org, Collection: coll, RKey: rkey}.String()
	var out struct {
		URI string `json:"uri"`
	}
	err = c.call(ctx, http.MethodPost, "com.atproto.repo.createRecord", nil,
		map[string]any{"repo": org, "collection": coll, "rkey": rkey, "record": rec}, &out, true, "")
	if err == nil {
		if out.URI != "" {
			uri = out.URI
		}
		return uri, false, nil
	}
	var ae *APIError
	if errors.As(err, &ae) && (ae.Status == http.StatusTooManyRequests || ae.Status == http.StatusUnauthorized) {
		return "", false, err
	}
	// Any other failure may be "already there": look before retrying.
	if _, _, found, gerr := c.getRecord(ctx, org, coll, rkey); gerr == nil && found {
		return uri, true, nil
	}
	return "", false, err
}

// getRecord reads a record of a repository; found is false when it does
// not exist.
func (c *Connector) getRecord(ctx context.Context, repo, coll, rkey string) (value json.RawMessage, cid string, found bool, err error) {
	q := url.Values{"repo": {repo}, "collection": {coll}, "rkey": {rkey}}
	var out struct {
		CID   string          `json:"cid"`
		Value json.RawMessage `json:"value"`
	}
	if err := c.call(ctx, http.MethodGet, "com.atproto.repo.getRecord", q, nil, &out, false, ""); err != nil {
		var ae *APIError
		if errors.As(err, &ae) && (ae.Code == "RecordNotFound" || ae.Status == http.StatusNotFound) {
			return nil, "", false, nil
		}
		return nil, "", false, err
	}
	return out.Value, out.CID, true, nil
}

// hide adds (or, for unhide, removes) the item in the gates of the
// organization's posts it touches: a reply in a thread it started through
// the thread gate, a quote of one of its posts through the post gate.
func (c *Connector) hide(ctx context.Context, item ingest.Item, add bool) (string, error) {
	what := "hide"
	if !add {
		what = "unhide"
	}
	org, err := c.orgDID(ctx)
	if err != nil {
		return "", err
	}
	r, post, err := itemRaw(item, what)
	if err != nil {
		return "", err
	}
	var done []string
	root := post.Root.URI
	if root == "" {
		root = post.Parent.URI
	}
	if inRepo(root, org) {
		u, err := ParseATURI(root)
		if err != nil || u.Collection != collPost {
			return "", act.Permanent(fmt.Errorf("%s: bad thread root %q", what, root))
		}
		res, err := c.updateGate(ctx, collThreadgate, u, "hiddenReplies", maxHidden, r.URI, add)
		if err != nil {
			return "", err
		}
		done = append(done, res)
	}
	if inRepo(post.Quote.URI, org) {
		u, err := ParseATURI(post.Quote.URI)
		if err != nil || u.Collection != collPost {
			return "", act.Permanent(fmt.Errorf("%s: bad quoted post %q", what, post.Quote.URI))
		}
		res, err := c.updateGate(ctx, collPostgate, u, "detachedEmbeddingUris", maxDetached, r.URI, add)
		if err != nil {
			return "", err
		}
		done = append(done, res)
	}
	if len(done) == 0 {
		return "", act.Permanent(fmt.Errorf("%s: %s is neither a reply in a thread the organization started nor a quote of its posts; Bluesky can only hide those (block, mute or report instead)", what, r.URI))
	}
	return strings.Join(done, "; "), nil
}

// updateGate adds target to (or removes it from) the list field of the
// gate record (threadgate or postgate) of the organization's post, creating
// the gate if needed and keeping its other fields. The write is a
// compare-and-swap on the gate's CID, retried when another writer won.
func (c *Connector) updateGate(ctx context.Context, coll string, post ATURI, field string, limit int, target string, add bool) (string, error) {
	verb := map[bool]string{true: "hidden", false: "unhidden"}[add]
	if coll == collPostgate {
		verb = map[bool]string{true: "detached", false: "reattached"}[add]
	}
	for range 3 {
		val, cid, found, err := c.getRecord(ctx, post.DID, coll, post.RKey)
		if err != nil {
			return "", err
		}
		rec := map[string]any{}
		if found {
			if err := json.Unmarshal(val, &rec); err != nil || rec == nil {
				return "", fmt.Errorf("%s of %s is unreadable: %v", coll, post, err)
			}
		} else {
			rec = map[string]any{"$type": coll, "post": post.String(), "createdAt": c.now().UTC().Format("2006-01-02T15:04:05.000Z")}
		}
		var list []string
		if xs, ok := rec[field].([]any); ok {
			for _, x := range xs {
				if s, ok := x.(string); ok {
					list = append(list, s)
				}
			}
		}
		has := slices.Contains(list, target)
		switch {
		case add && has:
			return "already " + verb + " (" + coll + " " + post.String() + ")", nil
		case !add && !has:
			return "not " + verb + " (" + coll + " " + post.String() + ")", nil
		case add && len(list) >= limit:
			return "", act.Permanent(fmt.Errorf("%s of %s already lists %d entries, the most Bluesky allows", coll, post, limit))
		case add:
			list = append(list, target)
		default:
			list = slices.DeleteFunc(list, func(s string) bool { return s == target })
		}
		rec[field] = list
		in := map[string]any{"repo": post.DID, "collection": coll, "rkey": post.RKey, "record": rec, "swapRecord": nil}
		if found {
			in["swapRecord"] = cid
		}
		err = c.call(ctx, http.MethodPost, "com.atproto.repo.putRecord", nil, in, nil, true, "")
		var ae *APIError
		if errors.As(err, &ae) && ae.Code == "InvalidSwap" {
			continue // changed meanwhile: read again
		}
		if err != nil {
			return "", err
		}
		return verb + " (" + coll + " " + post.String() + ")", nil
	}
	return "", fmt.Errorf("%s of %s kept changing; will retry", coll, post)
}

func (c *Connector) deletePost(ctx context.Context, p params, item ingest.Item) (string, error) {
	org, err := c.orgDID(ctx)
	if err != nil {
		return "", err
	}
	s := p.Str("uri")
	if s == "" {
		s = item.PlatformID
	}
	u, err := ParseATURI(s)
	if err != nil {
		return "", act.Permanent(fmt.Errorf("delete: %w", err))
	}
	if u.DID != org || u.Collection != collPost {
		return "", act.Permanent(fmt.Errorf("delete: %s is not one of the organization's posts (Bluesky deletes only one's own; hide, block or report instead)", u))
	}
	if err := c.call(ctx, http.MethodPost, "com.atproto.repo.deleteRecord", nil,
		map[string]any{"repo": org, "collection": collPost, "rkey": u.RKey}, nil, true, ""); err != nil {
		return "", err
	}
	return "deleted " + u.String(), nil
}

// subject is the item's author, checked.
func (c *Connector) subject(ctx context.Context, what string, item ingest.Item) (string, error) {
	if !validDID(item.AuthorID) {
		return "", act.Permanent(fmt.Errorf("%s: item has no author DID", what))
	}
	org, err := c.orgDID(ctx)
	if err != nil {
		return "", err
	}
	if item.AuthorID == org {
		return "", act.Permanent(fmt.Errorf("%s: the author is the organization itself", what))
	}
	return item.AuthorID, nil
}

func (c *Connector) block(ctx context.Context, a act.Action, item ingest.Item) (string, error) {
	did, err := c.subject(ctx, "block", item)
	if err != nil {
		return "", err
	}
	if a.IdempotencyKey == "" {
		return "", act.Permanent(errors.New("block: no idempotency key"))
	}
	rec := map[string]any{"$type": collBlock, "subject": did, "createdAt": c.now().UTC().Format("2006-01-02T15:04:05.000Z")}
	uri, existed, err := c.createOnce(ctx, collBlock, RecordKey(a), rec)
	if err != nil {
		return "", err
	}
	if existed {
		return "already blocked " + did + ": " + uri, nil
	}
	return "blocked " + did + ": " + uri, nil
}

func (c *Connector) mute(ctx context.Context, item ingest.Item) (string, error) {
	did, err := c.subject(ctx, "mute", item)
	if err != nil {
		return "", err
	}
	if err := c.call(ctx, http.MethodPost, "app.bsky.graph.muteActor", nil, map[string]string{"actor": did}, nil, true, c.cfg.AppView); err != nil {
		return "", err
	}
	return "muted " + did, nil
}

// reasonTypes maps short names to com.atproto.moderation.defs#reasonType.
var reasonTypes = map[string]string{
	"spam": "reasonSpam", "violation": "reasonViolation", "misleading": "reasonMisleading",
	"sexual": "reasonSexual", "rude": "reasonRude", "other": "reasonOther", "appeal": "reasonAppeal",
}

func (c *Connector) report(ctx context.Context, a act.Action, p params, item ingest.Item) (string, error) {
	did, err := c.subject(ctx, "report", item)
	if err != nil {
		return "", err
	}
	rt := p.Str("reason_type")
	switch {
	case rt == "":
		rt = "com.atproto.moderation.defs#reasonRude" // harassment and abuse
	case reasonTypes[rt] != "":
		rt = "com.atproto.moderation.defs#" + reasonTypes[rt]
	case strings.Contains(rt, "#") && len(rt) < 200:
	default:
		return "", act.Permanent(fmt.Errorf("report: unknown reason type %q", rt))
	}
	reason := p.Str("reason")
	if reason == "" {
		reason = p.Str("comment")
	}
	if reason == "" {
		reason = "Reported by Stormwatch."
	}
	var tags []string
	if rules := p.List("rule_ids"); len(rules) > 0 {
		tags = append(tags, "rules: "+strings.Join(rules, ", "))
	}
	if a.RuleID != "" {
		tags = append(tags, "Stormwatch rule: "+a.RuleID)
	}
	if len(tags) > 0 {
		suffix := " [" + strings.Join(tags, "; ") + "]"
		reason = truncate(reason, max(maxReasonText-utf8.RuneCountInString(suffix)-1, 20)) + suffix
	}
	reason = truncate(reason, maxReasonText)
	var subj any = map[string]string{"$type": "com.atproto.admin.defs#repoRef", "did": did}
	if r, err := ParseRaw(item.Raw); err == nil && r.CID != "" && strings.HasPrefix(r.URI, "at://"+did+"/") {
		subj = map[string]string{"$type": "com.atproto.repo.strongRef", "uri": r.URI, "cid": r.CID}
	}
	var out struct {
		ID int64 `json:"id"`
	}
	if err := c.call(ctx, http.MethodPost, "com.atproto.moderation.createReport", nil,
		map[string]any{"reasonType": rt, "reason": reason, "subject": subj}, &out, true, c.cfg.Moderation); err != nil {
		return "", err
	}
	if out.ID == 0 {
		return "reported", nil
	}
	return "reported: report " + strconv.FormatInt(out.ID, 10), nil
}
