package store

import (
	"context"
	"time"
)

// Authors as the workspace sees them, only from their interactions with
// the workspace's own channels: what they wrote there and what the
// policy and the staff decided about it. Nothing is fetched from their
// accounts, and an identity is one author id on one channel: the same
// person on two platforms is two authors (linking them would need data
// the workspace does not have).

// AbuseCategories are the signal categories that make an item count
// against its author as a repeat offender: aggression, not complaints,
// accusations or spam.
var AbuseCategories = []string{"insult", "harassment", "threat", "hate", "sexual", "doxxing"}

// AuthorWindow selects the items counted: received in [Since, Until).
// A zero Until means no upper bound.
type AuthorWindow struct {
	Since time.Time
	Until time.Time
}

// Offender is an author with items removed or held for abuse.
type Offender struct {
	Channel    string
	AuthorID   string
	AuthorName string // as on their newest counted item
	// Items counts their items in the window that carry an abuse signal
	// and are hidden, deleted, held for review or escalated.
	Items int
	// Categories counts those items per abuse category (an item with two
	// categories counts once in each).
	Categories map[string]int
	FirstSeen  time.Time
	LastSeen   time.Time
	// ItemIDs are the counted items, newest first (at most 20).
	ItemIDs []int64
}

// Supporter is an author marked supporter by the staff, or suggested as
// one from what they wrote.
type Supporter struct {
	Channel    string
	AuthorID   string
	AuthorName string
	// Marked: the staff labelled them supporter (MarkedAt); otherwise the
	// author is a suggestion and Praise/Defences say why.
	Marked   bool
	MarkedAt time.Time
	// Praise counts their items in the window with a praise signal and no
	// abuse signal that the staff did not hide or delete.
	Praise int
	// Defences are those praise items that answer abuse: a reply to an
	// item with an abuse signal, or a message later in a thread where
	// someone else posted one. DefendedIDs are the abusive items answered.
	Defences    int
	DefenceIDs  []int64
	DefendedIDs []int64
	LastItemID  int64 // their newest item (where "mark as supporter" applies)
	LastSeen    time.Time
}

// SupporterRules are the thresholds for suggesting a supporter.
type SupporterRules struct {
	AuthorWindow
	MinPraise   int // suggested with at least this many praise items (3 when zero)
	MinDefences int // or at least this many defences (1 when zero)
}

// Authors is the part of the store for the authors screen.
type Authors interface {
	// RepeatOffenders lists the authors with at least minItems items
	// removed or held for abuse in the window, most items first.
	RepeatOffenders(ctx context.Context, workspace string, w AuthorWindow, minItems int) ([]Offender, error)
	// Supporters lists the authors marked supporter, then the suggested
	// ones (never an author with an item removed or held for abuse in
	// the window), most defences then most praise first.
	Supporters(ctx context.Context, workspace string, r SupporterRules) ([]Supporter, error)
}
