package bluesky

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/stormwatch/stormwatch/internal/ingest"
)

// Collections the connector reads or writes.
const (
	collPost       = "app.bsky.feed.post"
	collThreadgate = "app.bsky.feed.threadgate"
	collPostgate   = "app.bsky.feed.postgate"
	collBlock      = "app.bsky.graph.block"
)

// Why a post touches the organization.
const (
	reasonReply   = "reply"   // in reply to, or in a thread started by, one of its posts
	reasonMention = "mention" // a mention facet of its DID
	reasonQuote   = "quote"   // a quote embed of one of its posts
)

// StrongRef is com.atproto.repo.strongRef.
type StrongRef struct {
	URI string `json:"uri"`
	CID string `json:"cid"`
}

// Post is the part of an app.bsky.feed.post record the connector uses.
type Post struct {
	Text      string
	CreatedAt string
	Langs     []string
	Root      StrongRef // reply root, if a reply
	Parent    StrongRef // reply parent, if a reply
	Mentions  []string  // DIDs of mention facets
	Quote     StrongRef // the quoted record, if any
}

// ParsePost reads a post record decoded into generic data (atdata's
// map, from CBOR or JSON). Unknown fields and union members are ignored.
func ParsePost(rec map[string]any) (Post, error) {
	var p Post
	if t, _ := rec["$type"].(string); t != collPost {
		return p, fmt.Errorf("bluesky: record type %q is not a post", t)
	}
	p.Text, _ = rec["text"].(string)
	p.CreatedAt, _ = rec["createdAt"].(string)
	if ls, ok := rec["langs"].([]any); ok {
		for _, l := range ls {
			if s, ok := l.(string); ok {
				p.Langs = append(p.Langs, s)
			}
		}
	}
	if r, ok := rec["reply"].(map[string]any); ok {
		p.Root = strongRef(r["root"])
		p.Parent = strongRef(r["parent"])
	}
	if fs, ok := rec["facets"].([]any); ok {
		for _, f := range fs {
			fm, _ := f.(map[string]any)
			feats, _ := fm["features"].([]any)
			for _, ft := range feats {
				m, _ := ft.(map[string]any)
				if t, _ := m["$type"].(string); t == "app.bsky.richtext.facet#mention" {
					if d, _ := m["did"].(string); d != "" {
						p.Mentions = append(p.Mentions, d)
					}
				}
			}
		}
	}
	if e, ok := rec["embed"].(map[string]any); ok {
		switch t, _ := e["$type"].(string); t {
		case "app.bsky.embed.record":
			p.Quote = strongRef(e["record"])
		case "app.bsky.embed.recordWithMedia":
			if r, ok := e["record"].(map[string]any); ok {
				p.Quote = strongRef(r["record"])
			}
		}
	}
	return p, nil
}

func strongRef(v any) StrongRef {
	m, _ := v.(map[string]any)
	u, _ := m["uri"].(string)
	c, _ := m["cid"].(string)
	return StrongRef{URI: u, CID: c}
}

// Reasons lists why post touches the organization whose DID is org: a
// reply to or in a thread of its posts, a mention of it, a quote of its
// posts. Empty when it does not.
func (p Post) Reasons(org string) []string {
	var out []string
	if inRepo(p.Parent.URI, org) || inRepo(p.Root.URI, org) {
		out = append(out, reasonReply)
	}
	for _, d := range p.Mentions {
		if d == org {
			out = append(out, reasonMention)
			break
		}
	}
	if inRepo(p.Quote.URI, org) {
		out = append(out, reasonQuote)
	}
	return out
}

// inRepo reports whether the at:// URI names a record in did's repository.
func inRepo(uri, did string) bool {
	return did != "" && strings.HasPrefix(uri, "at://"+did+"/")
}

// ATURI is a parsed at://<did>/<collection>/<rkey>.
type ATURI struct{ DID, Collection, RKey string }

// ParseATURI reads a record URI.
func ParseATURI(s string) (ATURI, error) {
	rest, ok := strings.CutPrefix(s, "at://")
	if !ok {
		return ATURI{}, fmt.Errorf("bluesky: %q is not an at:// URI", truncate(s, 80))
	}
	parts := strings.Split(rest, "/")
	if len(parts) != 3 || !validDID(parts[0]) || parts[1] == "" || !validRKey(parts[2]) {
		return ATURI{}, fmt.Errorf("bluesky: %q is not a record URI", truncate(s, 80))
	}
	return ATURI{DID: parts[0], Collection: parts[1], RKey: parts[2]}, nil
}

func (u ATURI) String() string { return "at://" + u.DID + "/" + u.Collection + "/" + u.RKey }

// validDID accepts the DID methods atproto uses, with a plausible length.
func validDID(s string) bool {
	if len(s) > 2048 || !(strings.HasPrefix(s, "did:plc:") || strings.HasPrefix(s, "did:web:")) || len(s) <= 8 {
		return false
	}
	for _, r := range s[8:] {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._:%-", r)) {
			return false
		}
	}
	return true
}

// validRKey follows the record key syntax: 1-512 of A-Za-z0-9 . - _ : ~,
// not "." or "..".
func validRKey(s string) bool {
	if s == "" || len(s) > 512 || s == "." || s == ".." {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(".-_:~", r)) {
			return false
		}
	}
	return true
}

// Raw is what an item keeps of its post (Item.Raw): the record as JSON and
// the references the actions need (the post's own CID for reply
// references, why it touches the organization).
type Raw struct {
	URI     string          `json:"uri"`
	CID     string          `json:"cid"`
	Reasons []string        `json:"reasons"`
	Record  json.RawMessage `json:"record"`
}

// ParseRaw reads an item's Raw.
func ParseRaw(data []byte) (Raw, error) {
	var r Raw
	if err := json.Unmarshal(data, &r); err != nil {
		return r, fmt.Errorf("bluesky: item payload: %w", err)
	}
	if r.URI == "" {
		return r, errors.New("bluesky: item payload without uri")
	}
	return r, nil
}

// itemFromPost normalises a post that touches the organization. rec is the
// record as generic data (kept as JSON in Raw); received is when the
// network saw it, used when the post's own createdAt is unreadable.
func itemFromPost(uri ATURI, cid string, rec map[string]any, p Post, reasons []string, received time.Time) (ingest.Item, error) {
	recJSON, err := json.Marshal(rec)
	if err != nil {
		return ingest.Item{}, fmt.Errorf("bluesky: encode record %s: %w", uri, err)
	}
	raw, err := json.Marshal(Raw{URI: uri.String(), CID: cid, Reasons: reasons, Record: recJSON})
	if err != nil {
		return ingest.Item{}, fmt.Errorf("bluesky: encode payload %s: %w", uri, err)
	}
	it := ingest.Item{
		PlatformID: uri.String(),
		Kind:       ingest.KindMention,
		Text:       p.Text,
		AuthorID:   uri.DID,
		ThreadID:   uri.String(),
		URL:        "https://bsky.app/profile/" + uri.DID + "/post/" + uri.RKey,
		Raw:        raw,
	}
	if len(reasons) > 0 && reasons[0] == reasonReply {
		it.Kind = ingest.KindReply
	}
	if p.Parent.URI != "" {
		it.ParentID = p.Parent.URI
		it.ThreadID = p.Root.URI
		if it.ThreadID == "" {
			it.ThreadID = p.Parent.URI
		}
	}
	if len(p.Langs) > 0 {
		it.Lang = normLang(p.Langs[0])
	}
	if t, err := time.Parse(time.RFC3339Nano, p.CreatedAt); err == nil {
		it.CreatedAt = t.UTC()
	} else if !received.IsZero() {
		it.CreatedAt = received.UTC()
	}
	return it, nil
}

// normLang keeps the two-letter primary subtag of a BCP 47 tag.
func normLang(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i >= 0 {
		s = s[:i]
	}
	if len(s) != 2 || s[0] < 'a' || s[0] > 'z' || s[1] < 'a' || s[1] > 'z' {
		return ""
	}
	return s
}
