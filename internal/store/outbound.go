package store

import (
	"context"
	"errors"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
)

// ErrPublished: changing or deciding a post that went out already.
var ErrPublished = errors.New("post already published")

// PostStatus is where an outbound post is in its life.
type PostStatus string

// Post statuses: draft -> pending (checked and submitted) -> approved ->
// published, or pending -> rejected. Editing a pending, approved or
// rejected post sends it back to draft: what is approved is exactly what
// goes out.
const (
	PostDraft     PostStatus = "draft"
	PostPending   PostStatus = "pending"
	PostApproved  PostStatus = "approved"
	PostRejected  PostStatus = "rejected"
	PostPublished PostStatus = "published"
)

// Post is one of the organization's own posts before (and after) it goes
// out. Revision counts edits; approval names the revision it approved.
type Post struct {
	ID        int64    `json:"id"`
	Workspace string   `json:"workspace"`
	Text      string   `json:"text"`
	Lang      string   `json:"lang"`
	Channels  []string `json:"channels"`
	// ScheduledAt is when to publish; zero publishes when approved and
	// sent. The outbox holds the action until then.
	ScheduledAt time.Time `json:"scheduled_at,omitzero"`
	// Tagged are the people named or tagged in the post; PhotoPeople the
	// people who appear in its photos. Both are checked against consents.
	Tagged      []string   `json:"tagged,omitempty"`
	PhotoPeople []string   `json:"photo_people,omitempty"`
	Revision    int        `json:"revision"`
	Status      PostStatus `json:"status"`
	// Findings is the pre-publication check of the submitted revision,
	// kept for the approver; opaque JSON to the store.
	Findings    []byte    `json:"findings,omitempty"`
	CreatedBy   string    `json:"created_by"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedBy   string    `json:"updated_by"`
	UpdatedAt   time.Time `json:"updated_at"`
	SubmittedBy string    `json:"submitted_by,omitempty"`
	SubmittedAt time.Time `json:"submitted_at,omitzero"`
	DecidedBy   string    `json:"decided_by,omitempty"`
	DecidedAt   time.Time `json:"decided_at,omitzero"`
	Comment     string    `json:"comment,omitempty"`
	PublishedBy string    `json:"published_by,omitempty"`
	PublishedAt time.Time `json:"published_at,omitzero"`
}

// PostFilter narrows Posts; zero fields match all.
type PostFilter struct {
	Status PostStatus
	Limit  int // 0: 200
}

// Consent scopes: what a person agreed to.
const (
	ConsentPhoto = "photo"
	ConsentName  = "name"
	ConsentBoth  = "both"
)

// Consent is one person's agreement to appear in the organization's
// posts. Only what the check needs is kept: a name, the scope, where, until
// when, and a short note saying where the evidence is (not the evidence).
type Consent struct {
	ID        int64     `json:"id"`
	Workspace string    `json:"workspace"`
	Name      string    `json:"name"`
	Scope     string    `json:"scope"`
	Channels  []string  `json:"channels,omitempty"` // empty: every channel
	GivenAt   time.Time `json:"given_at"`
	ExpiresAt time.Time `json:"expires_at,omitzero"` // zero: until withdrawn
	Evidence  string    `json:"evidence,omitempty"`
	UpdatedBy string    `json:"updated_by"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Protected-person reasons: a category, never the story behind it.
var ProtectedReasons = []string{"client", "survivor", "minor", "staff_at_risk", "other"}

// ProtectedPerson is someone the organization must never name or show:
// a client, a survivor, a child, a threatened colleague.
type ProtectedPerson struct {
	ID        int64     `json:"id"`
	Workspace string    `json:"workspace"`
	Name      string    `json:"name"`
	Aliases   []string  `json:"aliases,omitempty"`
	Reason    string    `json:"reason"`
	UpdatedBy string    `json:"updated_by"`
	UpdatedAt time.Time `json:"updated_at"`
}

// PrivateEvent is an event whose place and time must not be published
// (a support group, a shelter's open day): its place names or addresses
// and its time window.
type PrivateEvent struct {
	ID        int64     `json:"id"`
	Workspace string    `json:"workspace"`
	Label     string    `json:"label"`
	Places    []string  `json:"places"`
	Start     time.Time `json:"start"`
	End       time.Time `json:"end"`
	UpdatedBy string    `json:"updated_by"`
	UpdatedAt time.Time `json:"updated_at"`
}

// OutboundSettings are a workspace's settings for its own posts and for
// help requests: its own contact data (which a post may publish), the
// confidential keywords a post must not contain, and the confidential
// channels a person asking for help is pointed to.
type OutboundSettings struct {
	Workspace   string   `json:"workspace"`
	OwnContacts []string `json:"own_contacts,omitempty"`
	Keywords    []string `json:"keywords,omitempty"`
	HelpPhone   string   `json:"help_phone,omitempty"`
	HelpURL     string   `json:"help_url,omitempty"`
	// ReviewDays is how often brand accounts' access is reviewed (90).
	ReviewDays int       `json:"review_days"`
	UpdatedBy  string    `json:"updated_by,omitempty"`
	UpdatedAt  time.Time `json:"updated_at,omitzero"`
}

// BrandAccount is one of the organization's accounts on a platform, with
// who holds the keys and how well it is locked.
type BrandAccount struct {
	ID        int64  `json:"id"`
	Workspace string `json:"workspace"`
	Platform  string `json:"platform"`
	Handle    string `json:"handle"`
	URL       string `json:"url,omitempty"`
	Purpose   string `json:"purpose,omitempty"`
	// Owners and BackupOwners are user ids of workspace members.
	Owners       []int64 `json:"owners"`
	BackupOwners []int64 `json:"backup_owners"`
	// TwoFactor is the second factor's method: "app", "key", "sms" or
	// "" for none.
	TwoFactor string `json:"two_factor"`
	// RecoveryContacts are roles or shared addresses ("IT desk",
	// "director's office"), not private numbers.
	RecoveryContacts []string  `json:"recovery_contacts,omitempty"`
	LastReviewAt     time.Time `json:"last_review_at,omitzero"`
	LastReviewBy     string    `json:"last_review_by,omitempty"`
	UpdatedBy        string    `json:"updated_by"`
	UpdatedAt        time.Time `json:"updated_at"`
}

// Outbound: outbound drafts, the account registry, consents and protected
// persons. Every change is audited in its transaction; audit data carries
// ids, statuses and categories, never a protected person's or a consenting
// person's name, so that erasing them from the register erases them.
type Outbound interface {
	// CreatePost stores a new post as a draft, revision 1.
	CreatePost(ctx context.Context, p Post, actor string) (Post, error)
	// UpdatePost replaces the post's text, language, channels, schedule
	// and people, as revision base+1, back to draft. ErrStaleVersion
	// unless base is the current revision; ErrPublished once published.
	UpdatePost(ctx context.Context, p Post, base int, actor string) (Post, error)
	// SubmitPost sends a draft (or rejected) post at revision rev to
	// approval with its check's findings. ErrStaleVersion if it changed.
	SubmitPost(ctx context.Context, workspace string, id int64, rev int, findings []byte, at time.Time, actor string) (Post, error)
	// DecidePost approves or rejects a pending post at revision rev.
	// ErrOwnDraft when actor wrote or last edited it; ErrAlreadyDecided
	// when not pending; ErrStaleVersion when it changed.
	DecidePost(ctx context.Context, workspace string, id int64, rev int, approve bool, comment string, at time.Time, actor string) (Post, error)
	// PublishPost marks an approved post published and queues one
	// publish action per channel in the outbox (key per post × channel),
	// each carried by a stand-in item of the post on that channel.
	// Publishing a published post returns it and queues nothing;
	// ErrNotApproved otherwise.
	PublishPost(ctx context.Context, workspace string, id int64, at time.Time, actor string) (Post, error)
	Post(ctx context.Context, workspace string, id int64) (Post, error)
	// PostActions returns the outbox actions publishing a post, one per
	// channel once published.
	PostActions(ctx context.Context, workspace string, id int64) ([]act.Action, error)
	// Posts lists posts, newest first.
	Posts(ctx context.Context, workspace string, f PostFilter) ([]Post, error)

	// PutConsent creates (ID 0) or replaces a consent.
	PutConsent(ctx context.Context, c Consent, actor string) (Consent, error)
	DeleteConsent(ctx context.Context, workspace string, id int64, actor string) error
	Consents(ctx context.Context, workspace string) ([]Consent, error)

	PutProtectedPerson(ctx context.Context, p ProtectedPerson, actor string) (ProtectedPerson, error)
	DeleteProtectedPerson(ctx context.Context, workspace string, id int64, actor string) error
	ProtectedPersons(ctx context.Context, workspace string) ([]ProtectedPerson, error)

	PutPrivateEvent(ctx context.Context, e PrivateEvent, actor string) (PrivateEvent, error)
	DeletePrivateEvent(ctx context.Context, workspace string, id int64, actor string) error
	PrivateEvents(ctx context.Context, workspace string) ([]PrivateEvent, error)

	// OutboundSettings returns the workspace's settings (defaults when
	// none were saved).
	OutboundSettings(ctx context.Context, workspace string) (OutboundSettings, error)
	SetOutboundSettings(ctx context.Context, s OutboundSettings, actor string) error

	PutBrandAccount(ctx context.Context, a BrandAccount, actor string) (BrandAccount, error)
	DeleteBrandAccount(ctx context.Context, workspace string, id int64, actor string) error
	// ReviewBrandAccount records an access review done at at.
	ReviewBrandAccount(ctx context.Context, workspace string, id int64, at time.Time, actor string) (BrandAccount, error)
	BrandAccount(ctx context.Context, workspace string, id int64) (BrandAccount, error)
	BrandAccounts(ctx context.Context, workspace string) ([]BrandAccount, error)
}
