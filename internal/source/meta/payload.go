// Package meta connects Facebook Pages and Instagram professional accounts
// through the Meta Graph API: a webhook endpoint that receives comment
// change events (verification handshake, X-Hub-Signature-256 checked in
// constant time) and a Graph actor that hides, deletes and replies to
// comments.
//
// Meta pushes; nothing polls. The webhook hands each authenticated
// delivery to a sink and answers 200 only once the sink has stored it, so
// a failed store makes Meta retry. A retried or replayed delivery yields
// the same (channel, platform id) pairs, which the store keeps once.
package meta

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/stormwatch/stormwatch/internal/ingest"
)

// Objects Meta sends deliveries for.
const (
	ObjectPage      = "page"
	ObjectInstagram = "instagram"
)

// EditSeparator separates a comment's Graph id from the edit stamp in the
// platform id of an edited comment (see Parse).
const EditSeparator = "#edit-"

// delivery is the envelope of a webhook POST.
type delivery struct {
	Object string  `json:"object"`
	Entry  []entry `json:"entry"`
}

type entry struct {
	ID      string          `json:"id"`
	Time    json.RawMessage `json:"time"`
	Changes []change        `json:"changes"`
	// Business Login for Instagram may put a single change on the entry.
	Field string          `json:"field"`
	Value json.RawMessage `json:"value"`
}

type change struct {
	Field string          `json:"field"`
	Value json.RawMessage `json:"value"`
}

// pageFeed is the value of a Page "feed" change.
type pageFeed struct {
	Item        string          `json:"item"`
	Verb        string          `json:"verb"`
	CommentID   string          `json:"comment_id"`
	PostID      string          `json:"post_id"`
	ParentID    string          `json:"parent_id"`
	Message     string          `json:"message"`
	CreatedTime json.RawMessage `json:"created_time"`
	From        struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"from"`
	Post struct {
		PermalinkURL string `json:"permalink_url"`
	} `json:"post"`
}

// igComment is the value of an Instagram "comments" or "live_comments" change.
type igComment struct {
	ID       string `json:"id"`
	Text     string `json:"text"`
	ParentID string `json:"parent_id"`
	From     struct {
		ID       string `json:"id"`
		Username string `json:"username"`
	} `json:"from"`
	Media struct {
		ID string `json:"id"`
	} `json:"media"`
}

// Skipped is a change that was read but not turned into an item, with why.
type Skipped struct {
	Object, Field, Reason string
}

// ChannelFunc names the channel of an account's items; "" drops them
// (an account this installation does not watch).
type ChannelFunc func(object, account string) string

// DefaultChannel names channels "facebook:<page id>" and
// "instagram:<instagram account id>".
func DefaultChannel(object, account string) string {
	switch object {
	case ObjectPage:
		return "facebook:" + account
	case ObjectInstagram:
		return "instagram:" + account
	}
	return ""
}

// ErrPayload marks a delivery that is not a readable Meta webhook body.
var ErrPayload = errors.New("meta: malformed webhook payload")

// Parse reads one webhook delivery body into items. Raw of each item is
// the change's value, byte for byte as Meta sent it.
//
// Mapped:
//   - Page feed, item "comment", verb "add": a comment (or a reply when
//     its parent is another comment); PlatformID is comment_id, ThreadID
//     post_id, ParentID parent_id.
//   - Page feed comment, verb "edited": the new text is screened as its
//     own item, PlatformID "<comment_id>#edit-<entry time>", so an edit
//     that turns a harmless comment abusive is seen; the same edit
//     delivered twice has the same id. GraphID recovers the comment id.
//   - Instagram "comments" and "live_comments": PlatformID is the comment
//     id, ThreadID the media id, ParentID parent_id; CreatedAt is the
//     entry time (Instagram sends no creation time).
//
// Skipped, with a reason: other verbs (remove, hide, unhide), other feed
// items (reaction, like, post, status, photo, video, share), other fields
// (mentions, messages, story_insights, ...), comments written by the
// account itself, other objects, and changes without an id.
//
// A body that is not JSON of the documented shape returns ErrPayload;
// Parse never panics on any input.
func Parse(body []byte, channel ChannelFunc) ([]ingest.Item, []Skipped, error) {
	if channel == nil {
		channel = DefaultChannel
	}
	var d delivery
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&d); err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrPayload, err)
	}
	if dec.More() {
		return nil, nil, fmt.Errorf("%w: data after the JSON object", ErrPayload)
	}
	var items []ingest.Item
	var skipped []Skipped
	skip := func(field, reason string) { skipped = append(skipped, Skipped{d.Object, field, reason}) }
	if d.Object != ObjectPage && d.Object != ObjectInstagram {
		skip("", fmt.Sprintf("object %q is not watched", d.Object))
		return nil, skipped, nil
	}
	for _, e := range d.Entry {
		ch := channel(d.Object, e.ID)
		if e.ID == "" || ch == "" {
			skip("", fmt.Sprintf("account %q is not watched", e.ID))
			continue
		}
		at := unixTime(e.Time)
		changes := e.Changes
		if e.Field != "" {
			changes = append(changes, change{Field: e.Field, Value: e.Value})
		}
		for _, c := range changes {
			if len(c.Value) == 0 || c.Value[0] != '{' {
				skip(c.Field, "change without an object value")
				continue
			}
			var it ingest.Item
			var reason string
			switch {
			case d.Object == ObjectPage && c.Field == "feed":
				it, reason = pageItem(e, at, c.Value)
			case d.Object == ObjectInstagram && (c.Field == "comments" || c.Field == "live_comments"):
				it, reason = igItem(e, at, c.Value)
			default:
				reason = "field is not read"
			}
			if reason != "" {
				skip(c.Field, reason)
				continue
			}
			it.Channel = ch
			it.Raw = append(json.RawMessage(nil), c.Value...)
			items = append(items, it)
		}
	}
	return items, skipped, nil
}

func pageItem(e entry, at time.Time, raw json.RawMessage) (ingest.Item, string) {
	var v pageFeed
	if err := json.Unmarshal(raw, &v); err != nil {
		return ingest.Item{}, "unreadable feed value: " + err.Error()
	}
	if v.Item != "comment" {
		return ingest.Item{}, fmt.Sprintf("feed item %q is not read", v.Item)
	}
	if v.CommentID == "" {
		return ingest.Item{}, "comment without comment_id"
	}
	if v.From.ID != "" && v.From.ID == e.ID {
		return ingest.Item{}, "comment written by the Page itself"
	}
	id := v.CommentID
	switch v.Verb {
	case "add":
	case "edited":
		if at.IsZero() {
			return ingest.Item{}, "edit without an entry time"
		}
		id += EditSeparator + strconv.FormatInt(at.Unix(), 10)
	default:
		return ingest.Item{}, fmt.Sprintf("comment verb %q is not read", v.Verb)
	}
	it := ingest.Item{
		PlatformID: id, Kind: ingest.KindComment, Text: v.Message,
		AuthorID: v.From.ID, AuthorName: v.From.Name,
		ThreadID: v.PostID, ParentID: v.ParentID, URL: v.Post.PermalinkURL,
		CreatedAt: flexTime(v.CreatedTime),
	}
	if v.ParentID != "" && v.ParentID != v.PostID {
		it.Kind = ingest.KindReply
	}
	if it.CreatedAt.IsZero() {
		it.CreatedAt = at
	}
	return it, ""
}

func igItem(e entry, at time.Time, raw json.RawMessage) (ingest.Item, string) {
	var v igComment
	if err := json.Unmarshal(raw, &v); err != nil {
		return ingest.Item{}, "unreadable comment value: " + err.Error()
	}
	if v.ID == "" {
		return ingest.Item{}, "comment without id"
	}
	if v.From.ID != "" && v.From.ID == e.ID {
		return ingest.Item{}, "comment written by the account itself"
	}
	it := ingest.Item{
		PlatformID: v.ID, Kind: ingest.KindComment, Text: v.Text,
		AuthorID: v.From.ID, AuthorName: v.From.Username,
		ThreadID: v.Media.ID, ParentID: v.ParentID, CreatedAt: at,
	}
	if v.ParentID != "" {
		it.Kind = ingest.KindReply
	}
	return it, ""
}

// GraphID is the Graph object id an item's actions apply to: its platform
// id without the edit stamp Parse adds to edited comments.
func GraphID(platformID string) string {
	id, _, _ := strings.Cut(platformID, EditSeparator)
	return id
}

// unixTime reads a Unix time in seconds (or milliseconds, which some
// Instagram deliveries use), as a number or a numeric string.
func unixTime(raw json.RawMessage) time.Time {
	s := strings.Trim(string(raw), `"`)
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		f, ferr := strconv.ParseFloat(s, 64)
		if ferr != nil || f <= 0 || f > 1e15 {
			return time.Time{}
		}
		n = int64(f)
	}
	if n > 1e15 {
		return time.Time{}
	}
	if n > 1e11 { // milliseconds
		return time.UnixMilli(n).UTC()
	}
	return time.Unix(n, 0).UTC()
}

// flexTime reads created_time, which webhooks send as Unix seconds and the
// Graph API as "2006-01-02T15:04:05+0000".
func flexTime(raw json.RawMessage) time.Time {
	if len(raw) == 0 || string(raw) == "null" {
		return time.Time{}
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		for _, layout := range []string{"2006-01-02T15:04:05-0700", time.RFC3339} {
			if t, err := time.Parse(layout, s); err == nil {
				return t.UTC()
			}
		}
	}
	return unixTime(raw)
}
