package sim

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"html"
	"strings"
	"time"

	"github.com/stormwatch/stormwatch/internal/ingest"
)

// Raw payloads, shaped like what each platform sends (trimmed to the fields
// a connector would read), so connectors and the desk's "raw" view have
// something plausible to parse and show.

type fbFrom struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// fbChange is the value of a Facebook Page webhook "feed" change.
type fbChange struct {
	From        fbFrom `json:"from"`
	Item        string `json:"item"`
	Verb        string `json:"verb"`
	PostID      string `json:"post_id"`
	CommentID   string `json:"comment_id,omitempty"`
	ParentID    string `json:"parent_id,omitempty"`
	Message     string `json:"message"`
	CreatedTime int64  `json:"created_time"`
}

type fbEntry struct {
	Field string   `json:"field"`
	Value fbChange `json:"value"`
}

// igComment is the value of an Instagram "comments" webhook change.
type igComment struct {
	ID       string `json:"id"`
	Text     string `json:"text"`
	ParentID string `json:"parent_id,omitempty"`
	From     struct {
		ID       string `json:"id"`
		Username string `json:"username"`
	} `json:"from"`
	Media struct {
		ID string `json:"id"`
	} `json:"media"`
}

type bskyRef struct {
	URI string `json:"uri"`
	CID string `json:"cid"`
}

// bskyPost is an app.bsky.feed.defs#postView, trimmed.
type bskyPost struct {
	URI    string `json:"uri"`
	CID    string `json:"cid"`
	Author struct {
		DID         string `json:"did"`
		Handle      string `json:"handle"`
		DisplayName string `json:"displayName,omitempty"`
	} `json:"author"`
	Record struct {
		Type      string   `json:"$type"`
		Text      string   `json:"text"`
		CreatedAt string   `json:"createdAt"`
		Langs     []string `json:"langs,omitempty"`
		Reply     *struct {
			Root   bskyRef `json:"root"`
			Parent bskyRef `json:"parent"`
		} `json:"reply,omitempty"`
	} `json:"record"`
	IndexedAt string `json:"indexedAt"`
}

// mastoStatus is a Mastodon Status entity, trimmed.
type mastoStatus struct {
	ID          string  `json:"id"`
	CreatedAt   string  `json:"created_at"`
	InReplyToID *string `json:"in_reply_to_id"`
	Visibility  string  `json:"visibility"`
	Language    *string `json:"language"`
	URI         string  `json:"uri"`
	URL         string  `json:"url"`
	Content     string  `json:"content"`
	Account     struct {
		ID          string `json:"id"`
		Username    string `json:"username"`
		Acct        string `json:"acct"`
		DisplayName string `json:"display_name"`
	} `json:"account"`
}

// surveyAnswer is a satisfaction survey response with a 0-10 score.
type surveyAnswer struct {
	ResponseID  string `json:"response_id"`
	Respondent  string `json:"respondent,omitempty"`
	Score       int    `json:"score"`
	Comment     string `json:"comment"`
	SubmittedAt string `json:"submitted_at"`
}

func (g *Generator) payload(ch *channel, a *author, it *ingest.Item, tr Truth) json.RawMessage {
	var v any
	switch ch.platform {
	case "facebook":
		post, _, _ := strings.Cut(it.PlatformID, "_")
		e := fbEntry{Field: "feed", Value: fbChange{
			From: fbFrom{ID: it.AuthorID, Name: a.name}, Item: "comment", Verb: "add",
			PostID: fmt.Sprintf("%d_%s", g.pageID, post), CommentID: it.PlatformID,
			Message: it.Text, CreatedTime: it.CreatedAt.Unix(),
		}}
		if it.ParentID != "" {
			e.Value.ParentID = it.ParentID
		} else {
			e.Value.ParentID = e.Value.PostID // Facebook names the post as parent of a top-level comment
		}
		v = e
	case "instagram":
		c := igComment{ID: it.PlatformID, Text: it.Text, ParentID: it.ParentID}
		c.From.ID, c.From.Username = it.AuthorID, a.slug
		c.Media.ID = it.ThreadID
		v = map[string]any{"field": "comments", "value": c}
	case "bluesky":
		p := bskyPost{URI: it.PlatformID, CID: cidOf(it.PlatformID)}
		p.Author.DID, p.Author.Handle, p.Author.DisplayName = it.AuthorID, a.handle("bluesky"), a.name
		p.Record.Type = "app.bsky.feed.post"
		p.Record.Text = it.Text
		p.Record.CreatedAt = it.CreatedAt.UTC().Format(time.RFC3339Nano)
		if it.Lang != "" {
			p.Record.Langs = []string{it.Lang}
		}
		if it.ParentID != "" {
			p.Record.Reply = &struct {
				Root   bskyRef `json:"root"`
				Parent bskyRef `json:"parent"`
			}{Root: bskyRef{URI: it.ThreadID, CID: cidOf(it.ThreadID)}, Parent: bskyRef{URI: it.ParentID, CID: cidOf(it.ParentID)}}
		}
		p.IndexedAt = it.CreatedAt.Add(time.Duration(200+g.rng.IntN(800)) * time.Millisecond).UTC().Format(time.RFC3339Nano)
		v = p
	case "mastodon":
		s := mastoStatus{ID: it.PlatformID, CreatedAt: it.CreatedAt.UTC().Format("2006-01-02T15:04:05.000Z"), Visibility: "public", URL: it.URL}
		s.URI = "https://" + a.instance() + "/users/" + a.slug + "/statuses/" + it.PlatformID
		if it.ParentID != "" {
			s.InReplyToID = &it.ParentID
		}
		if it.Lang != "" {
			s.Language = &it.Lang
		}
		s.Content = "<p>" + html.EscapeString(it.Text) + "</p>"
		s.Account.ID, s.Account.Username, s.Account.Acct, s.Account.DisplayName = it.AuthorID, a.slug, a.slug+"@"+a.instance(), a.name
		v = s
	case "survey":
		v = surveyAnswer{ResponseID: it.PlatformID, Respondent: it.AuthorID, Score: g.surveyScore(tr), Comment: it.Text, SubmittedAt: it.CreatedAt.UTC().Format(time.RFC3339)}
	default:
		v = map[string]any{"id": it.PlatformID, "text": it.Text, "author": map[string]string{"id": it.AuthorID, "name": a.name}, "created_at": it.CreatedAt.UTC().Format(time.RFC3339)}
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil // every value above is plain data; this does not happen
	}
	return b
}

// surveyScore is a 0-10 recommendation score that fits the answer.
func (g *Generator) surveyScore(tr Truth) int {
	switch {
	case tr.Negative:
		return g.rng.IntN(6)
	case tr.Template != "" && strings.Contains(tr.Template, "/praise/"):
		return 8 + g.rng.IntN(3)
	}
	return 5 + g.rng.IntN(6)
}

// cidOf looks like a CIDv1 (base32, dag-cbor, sha-256) without being one;
// the same record always gets the same one, so a reply's reference to its
// parent matches the parent's own.
func cidOf(uri string) string {
	h := fnv.New64a()
	h.Write([]byte(uri))
	var b strings.Builder
	b.WriteString("bafyrei")
	v := mix(h.Sum64())
	for i := range 52 {
		if i%12 == 0 {
			v = mix(v + uint64(i))
		}
		b.WriteByte(didAlphabet[v&31])
		v >>= 5
	}
	return b.String()
}
