// Package ingest owns the way items come in: the Item every channel is
// normalised to, validation of incoming payloads (REST API, JSON Lines and
// CSV imports), and persisting them durably before anything is acknowledged.
package ingest

import (
	"encoding/json"
	"time"
)

// Kind says what an item is on its platform.
type Kind string

// The kinds of item.
const (
	KindComment Kind = "comment"
	KindReply   Kind = "reply"
	KindMention Kind = "mention"
	KindMessage Kind = "message" // a direct message
	KindReview  Kind = "review"
	KindSurvey  Kind = "survey" // a satisfaction survey answer
	KindPost    Kind = "post"   // a post on a watched feed (news, RSS)
)

// Kinds lists the valid kinds.
var Kinds = []Kind{KindComment, KindReply, KindMention, KindMessage, KindReview, KindSurvey, KindPost}

// Item is one inbound comment, reply, mention, direct message, review or
// survey answer, normalised from whatever channel it came from. The raw
// payload is kept verbatim beside the normalised fields.
//
// Only what moderation needs is kept about the author: the platform's id and
// display name as shown on the organization's own channel.
type Item struct {
	ID         int64  `json:"id,omitempty"` // assigned by the store
	Workspace  string `json:"workspace,omitempty"`
	Channel    string `json:"channel"`
	PlatformID string `json:"platform_id"`
	Kind       Kind   `json:"kind,omitempty"`
	Text       string `json:"text"`
	AuthorID   string `json:"author_id,omitempty"`
	AuthorName string `json:"author_name,omitempty"`
	ThreadID   string `json:"thread_id,omitempty"`
	ParentID   string `json:"parent_id,omitempty"`
	URL        string `json:"url,omitempty"`
	// Lang is an ISO 639-1 code when the source knows it, else empty.
	Lang string `json:"lang,omitempty"`
	// CreatedAt is when the platform says it was written; ReceivedAt when
	// Stormwatch first persisted it.
	CreatedAt  time.Time       `json:"created_at,omitempty"`
	ReceivedAt time.Time       `json:"received_at,omitempty"`
	Raw        json.RawMessage `json:"raw,omitempty"`
}
