// Package store defines the persistence contract every backend implements
// (SQLite embedded by default; PostgreSQL later) and the records that cross
// it. Domain packages never see SQL: they call these methods, and each
// backend keeps its raw SQL in one place. The same suite in storetest runs
// against every backend.
package store

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/audit"
	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/ingest"
)

// Errors every backend returns for the same conditions.
var (
	ErrNotFound = errors.New("not found")
	ErrConflict = errors.New("already exists")
)

// Workspace is one organization.
type Workspace struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Sandbox marks a drill's workspace: its actions never reach a real
	// channel (the outbox routes them to the dry-run actor only).
	Sandbox bool `json:"sandbox,omitempty"`
	// Policy is the organization's policy file as written, and its version.
	PolicyYAML    []byte         `json:"-"`
	PolicyVersion string         `json:"policy_version"`
	Context       detect.Context `json:"context"`
	CreatedAt     time.Time      `json:"created_at"`
}

// InsertResult says what happened to one item given to InsertItems.
type InsertResult struct {
	ID        int64
	Duplicate bool // the same (channel, platform id) was already stored
}

// Decision is the record of one item's detection and policy decision, with
// the actions it put in the outbox.
type Decision struct {
	ItemID        int64           `json:"item_id"`
	Workspace     string          `json:"workspace"`
	Lang          string          `json:"lang"`
	Signals       []detect.Signal `json:"signals"`
	Action        string          `json:"action"` // allow, review, hide, delete
	Rules         []string        `json:"rules"`
	PolicyVersion string          `json:"policy_version"`
	Detectors     []string        `json:"detectors"`
	// Detail is the policy's full decision (shadow hits, rule errors...).
	Detail    json.RawMessage `json:"detail,omitempty"`
	DecidedAt time.Time       `json:"decided_at"`
	Actions   []act.Action    `json:"actions,omitempty"`
	// ItemReceivedAt is not stored with the decision (the item has it);
	// the pipeline sets it so observers can measure ingest-to-decision time.
	ItemReceivedAt time.Time `json:"-"`
}

// Store is the whole persistence contract.
type Store interface {
	Close() error
	Desk
	Cases
	Replies
	Listen
	Alerts
	Crisis
	Authors
	// Added side by side; each is defined in its own file.
	Channels
	Tasks
	PolicyVersions
	Drills
	Outbound

	CreateWorkspace(ctx context.Context, ws Workspace, actor string) error
	Workspace(ctx context.Context, id string) (Workspace, error)
	Workspaces(ctx context.Context) ([]Workspace, error)
	SetPolicy(ctx context.Context, workspace string, yaml []byte, version, actor string) error

	// CreateToken stores an API token's hash for a workspace.
	CreateToken(ctx context.Context, workspace, name string, hash []byte, actor string) (int64, error)
	// TokenWorkspace finds the workspace of a live token by its hash.
	TokenWorkspace(ctx context.Context, hash []byte) (workspace string, tokenID int64, err error)

	// InsertItems commits items (all or none) and their audit event before
	// returning; an item already stored under the same workspace, channel
	// and platform id is reported as a duplicate and left as it was.
	InsertItems(ctx context.Context, workspace string, items []ingest.Item, actor string) ([]InsertResult, error)
	// InsertItemsAt is InsertItems for a connector: the channel's cursor
	// after these items is saved in the same transaction.
	InsertItemsAt(ctx context.Context, workspace string, items []ingest.Item, channel, cursor, actor string) error
	Cursor(ctx context.Context, workspace, channel string) (string, error)
	Item(ctx context.Context, workspace string, id int64) (ingest.Item, error)
	// PendingItems returns items not yet decided, oldest first, with id > afterID.
	PendingItems(ctx context.Context, afterID int64, limit int) ([]ingest.Item, error)
	// SaveDecisions stores decisions, queues their actions in the outbox,
	// marks the items decided and audits each, in one transaction. A
	// decision for an item already decided is skipped.
	SaveDecisions(ctx context.Context, ds []Decision) error
	Decision(ctx context.Context, workspace string, itemID int64) (Decision, error)

	act.Outbox
	Accounts

	// OpenCase escalates an item into a case (opened for the item's
	// workspace if none is open for it); idempotent by key.
	OpenCase(ctx context.Context, a act.Action) (caseID int64, err error)

	AppendAudit(ctx context.Context, ev audit.Event) (audit.Event, error)
	// WalkAudit calls fn for every audit event in sequence order.
	WalkAudit(ctx context.Context, fn func(audit.Event) error) error
	AuditHead(ctx context.Context) (audit.Head, error)

	// Counts returns simple gauges for /metrics.
	Counts(ctx context.Context) (Counts, error)
}

// Counts are gauges read from the store.
type Counts struct {
	PendingItems   int64
	PendingActions int64
	RunningActions int64
	UnknownActions int64
	FailedActions  int64
}
