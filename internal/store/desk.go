package store

import (
	"context"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/ingest"
)

// Item statuses as the desk shows them. A person's step sets the status;
// until then it follows from the policy's verdict (review → to_review,
// hide → hidden, delete → deleted, allow → allowed); an item not yet
// decided is pending.
const (
	StatusPending   = "pending"
	StatusToReview  = "to_review"
	StatusHidden    = "hidden"
	StatusAllowed   = "allowed"
	StatusDeleted   = "deleted"
	StatusEscalated = "escalated"
)

// Statuses lists the statuses, in the order the desk offers them.
var Statuses = []string{StatusToReview, StatusHidden, StatusAllowed, StatusDeleted, StatusEscalated, StatusPending}

// QueueFilter selects items for the inbox. Zero fields select everything.
type QueueFilter struct {
	Channel  string
	Category string // an item with at least one signal of this category
	// MinSeverity keeps items whose severity (see QueueItem.Severity) is
	// at least this, 1..3.
	MinSeverity int
	Lang        string
	Status      string
	Author      string // author id exactly, or a part of the display name
	Since       time.Time
	Until       time.Time
	Thread      string // thread id exactly
	BeforeID    int64  // older than this id (paging)
	AfterID     int64  // newer than this id (live arrivals)
	Limit       int    // default 100, at most 1000
}

// QueueItem is an item with what the desk shows beside it.
type QueueItem struct {
	Item     ingest.Item
	Decision *Decision // nil while undecided; Actions are not loaded
	Status   string
	// Severity is the strongest harmful signal's grade: the detector's
	// own 1..3 when it gives one, else from the score (≥0.9 → 3,
	// ≥0.6 → 2, else 1); 0 without harmful signals (complaints,
	// questions and praise are not harm).
	Severity int
	Claim    *Claim // live claim on the item or its thread, if any
}

// Claim says a person holds an item or thread: they are answering it, so
// nobody else does at the same time.
type Claim struct {
	Workspace string    `json:"workspace"`
	Subject   string    `json:"subject"` // "item:<id>" or "thread:<channel>:<thread id>"
	UserID    int64     `json:"user_id"`
	UserName  string    `json:"user_name"`
	ClaimedAt time.Time `json:"claimed_at"`
	ExpiresAt time.Time `json:"expires_at"`
}

// Correction records a person overruling the policy's verdict, for later
// evaluation and training.
type Correction struct {
	ID         int64     `json:"id"`
	Workspace  string    `json:"workspace"`
	ItemID     int64     `json:"item_id"`
	OldVerdict string    `json:"old_verdict"`
	NewVerdict string    `json:"new_verdict"`
	Categories []string  `json:"categories"`
	UserID     int64     `json:"user_id"`
	At         time.Time `json:"at"`
}

// DeskStep is one person's step on one item, stored at once: the new
// status, the outbox actions, a correction, an author label and the audit
// event, in one transaction.
type DeskStep struct {
	Workspace string
	ItemID    int64
	UserID    int64
	Kind      string // hide, unhide, delete, allow, notify_author, block, report, escalate, supporter
	// Key makes the step idempotent: a step with a key already used
	// changes nothing (a double click, a resubmitted form).
	Key         string
	Status      string       // new status, "" to leave it
	Actions     []act.Action // queued in the outbox
	Correction  *Correction  // when the person overrules the policy
	AuthorLabel string       // label to put on the item's author ("supporter")
	At          time.Time
}

// AuthorInfo is what the workspace knows of an author on one channel.
type AuthorInfo struct {
	Channel  string
	AuthorID string
	Labels   []string
	Items    int
	Harmful  int // items with a harmful signal
}

// Bucket is a count over a time interval.
type Bucket struct {
	Start   time.Time
	Total   int
	Harmful int
}

// DeskStats are the dashboard's figures for a period.
type DeskStats struct {
	Volume     []Bucket
	Categories map[string]int // items with at least one signal of the category
	Channels   map[string]int
	Statuses   map[string]int
	OpenCases  int
}

// Desk is the part of the store for what the desk's inbox and review queue need: listing and filtering items with their decisions, claims, moderation state, corrections.
type Desk interface {
	// Queue lists a workspace's items, newest first.
	Queue(ctx context.Context, workspace string, f QueueFilter, at time.Time) ([]QueueItem, error)
	// QueueItem is one item as Queue shows it; ErrNotFound if absent.
	QueueItem(ctx context.Context, workspace string, id int64, at time.Time) (QueueItem, error)
	// Channels lists the channels a workspace has items from.
	Channels(ctx context.Context, workspace string) ([]string, error)
	// ApplyStep stores a person's step (see DeskStep); applied is false
	// when its key was used before, and nothing changed.
	ApplyStep(ctx context.Context, step DeskStep) (applied bool, err error)
	// Corrections lists a workspace's corrections, oldest first.
	Corrections(ctx context.Context, workspace string) ([]Correction, error)
	// Author returns an author's labels and counts in a workspace.
	Author(ctx context.Context, workspace, channel, authorID string) (AuthorInfo, error)

	// Claim gives subject to the user until at+ttl, or extends their own
	// claim. ErrConflict, with the live claim, when someone else holds it.
	Claim(ctx context.Context, workspace, subject string, userID int64, at time.Time, ttl time.Duration) (Claim, error)
	// Release ends the user's claim; ErrNotFound if they hold none.
	Release(ctx context.Context, workspace, subject string, userID int64, at time.Time) error
	// Claims lists the live claims of a workspace.
	Claims(ctx context.Context, workspace string, at time.Time) ([]Claim, error)

	// Stats computes the dashboard over [since, until) in buckets of step.
	Stats(ctx context.Context, workspace string, since, until time.Time, step time.Duration) (DeskStats, error)
}
