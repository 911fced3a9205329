package store

import (
	"context"
	"encoding/json"
	"time"
)

// Crisis statuses. A crisis is proposed (by an alert) or started by a lead;
// a proposal is confirmed (it becomes active) or dismissed; an active
// crisis ends. At most one crisis of a workspace is active at a time.
const (
	CrisisProposed  = "proposed"
	CrisisActive    = "active"
	CrisisEnded     = "ended"
	CrisisDismissed = "dismissed"
)

// CrisisPlanDoc is a workspace's crisis plan as written (YAML; package
// crisis parses and validates it), with a version counting its edits.
type CrisisPlanDoc struct {
	Workspace string    `json:"workspace"`
	Doc       []byte    `json:"-"`
	Version   int       `json:"version"`
	UpdatedBy string    `json:"updated_by"`
	UpdatedAt time.Time `json:"updated_at"`
}

// NewCrisis is what starting or proposing a crisis needs. The plan and the
// policy profile are copied into the crisis, so editing the plan later does
// not rewrite what a past crisis ran with.
type NewCrisis struct {
	Title   string
	Summary string
	// Proposed: the crisis waits for a lead to confirm it; otherwise it
	// is active at once and its case is opened in the same transaction.
	Proposed bool
	AlertID  int64 // the alert that proposed it, 0 if none
	Severity string
	// Plan is the plan document in force, ProfileYAML and ProfileVersion
	// the stricter policy the pipeline applies while the crisis is active.
	Plan           []byte
	PlanVersion    int
	ProfileYAML    []byte
	ProfileVersion string
	// UpdateEvery is how often a status update is due (0: none scheduled).
	UpdateEvery time.Duration
	At          time.Time
}

// CrisisRecord is a stored crisis.
type CrisisRecord struct {
	ID             int64         `json:"id"`
	Workspace      string        `json:"workspace"`
	Title          string        `json:"title"`
	Summary        string        `json:"summary,omitempty"`
	Status         string        `json:"status"`
	Severity       string        `json:"severity"`
	AlertID        int64         `json:"alert_id,omitempty"`
	CaseID         int64         `json:"case_id,omitempty"` // 0 while only proposed
	Plan           []byte        `json:"-"`
	PlanVersion    int           `json:"plan_version"`
	ProfileYAML    []byte        `json:"-"`
	ProfileVersion string        `json:"profile_version"`
	UpdateEvery    time.Duration `json:"update_every"`
	ProposedAt     time.Time     `json:"proposed_at,omitzero"`
	StartedBy      string        `json:"started_by,omitempty"`
	StartedAt      time.Time     `json:"started_at,omitzero"`
	LastUpdateAt   time.Time     `json:"last_update_at,omitzero"`
	EndedBy        string        `json:"ended_by,omitempty"`
	EndedAt        time.Time     `json:"ended_at,omitzero"`
	Outcome        string        `json:"outcome,omitempty"` // the lead's closing words
}

// Active reports whether the crisis is on.
func (c CrisisRecord) Active() bool { return c.Status == CrisisActive }

// Crisis timeline entry kinds.
const (
	CrisisEntryProposed  = "proposed"
	CrisisEntryStarted   = "started"
	CrisisEntryDismissed = "dismissed"
	CrisisEntryUpdate    = "status_update" // a scheduled status update was given
	CrisisEntryNote      = "note"
	CrisisEntryMessage   = "message" // a message of the plan went out
	CrisisEntryEffect    = "effect"  // the effect seen of a message
	CrisisEntryReminder  = "reminder"
	CrisisEntryEnded     = "ended"
)

// CrisisEntry is one line of a crisis's timeline. Entries are never edited.
type CrisisEntry struct {
	ID       int64           `json:"id"`
	CrisisID int64           `json:"crisis_id"`
	Kind     string          `json:"kind"`
	Text     string          `json:"text,omitempty"`
	Row      int             `json:"row,omitempty"` // message plan row (1-based) for message and effect
	Data     json.RawMessage `json:"data,omitempty"`
	Author   string          `json:"author"`
	At       time.Time       `json:"at"`
}

// Crisis is the part of the store for crisis mode: each workspace's crisis
// plan, its crises and their timelines. Every change is audited in the
// same transaction.
type Crisis interface {
	// SetCrisisPlan replaces the workspace's plan (its version goes up).
	SetCrisisPlan(ctx context.Context, workspace string, doc []byte, actor string) (CrisisPlanDoc, error)
	// CrisisPlan returns the plan; ErrNotFound when none was set.
	CrisisPlan(ctx context.Context, workspace string) (CrisisPlanDoc, error)
	// StartCrisis stores a proposed or active crisis. Starting an active
	// one opens its case in the same transaction; ErrConflict when the
	// workspace already has an active crisis.
	StartCrisis(ctx context.Context, workspace string, nc NewCrisis, actor string) (CrisisRecord, error)
	// ConfirmCrisis makes a proposed crisis active (opening its case);
	// ErrConflict when it is no longer proposed or another is active.
	ConfirmCrisis(ctx context.Context, workspace string, id int64, actor string, at time.Time) (CrisisRecord, error)
	// DismissCrisis sets a proposal aside; ErrConflict when not proposed.
	DismissCrisis(ctx context.Context, workspace string, id int64, reason, actor string, at time.Time) (CrisisRecord, error)
	// EndCrisis ends an active crisis; ErrConflict when it is not active.
	EndCrisis(ctx context.Context, workspace string, id int64, outcome, actor string, at time.Time) (CrisisRecord, error)
	CrisisByID(ctx context.Context, workspace string, id int64) (CrisisRecord, error)
	// ActiveCrisis returns the workspace's active crisis; ErrNotFound when
	// none is.
	ActiveCrisis(ctx context.Context, workspace string) (CrisisRecord, error)
	// ActiveCrises lists every workspace's active crises (the reminder
	// loop's work), oldest first.
	ActiveCrises(ctx context.Context) ([]CrisisRecord, error)
	// ListCrises lists a workspace's crises, newest first (limit 0: 100).
	ListCrises(ctx context.Context, workspace string, limit int) ([]CrisisRecord, error)
	// AddCrisisEntry adds a timeline entry to a proposed or active crisis
	// (ErrConflict once it is over); a status update also moves the
	// crisis's LastUpdateAt.
	AddCrisisEntry(ctx context.Context, workspace string, id int64, e CrisisEntry, actor string) (CrisisEntry, error)
	// CrisisEntries lists a crisis's timeline in order.
	CrisisEntries(ctx context.Context, workspace string, id int64) ([]CrisisEntry, error)
}
