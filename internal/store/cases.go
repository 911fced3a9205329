package store

import (
	"context"
	"errors"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/audit"
	"github.com/stormwatch/stormwatch/internal/ingest"
)

// ErrCaseClosed is returned when a closed case is asked to take new items
// or evidence: a closed case's record stays as it was when it was closed,
// and reopening it (an audited step) is the way to extend it.
var ErrCaseClosed = errors.New("case is closed")

// The vocabulary of cases the store itself must know (policy escalations
// open cases inside the store). Which changes are allowed, and what a case
// may hold, belong to package cases.
const (
	CaseOpen       = "open"
	CaseMonitoring = "monitoring"
	CaseClosed     = "closed"

	SeverityLow      = "low"
	SeverityNormal   = "normal"
	SeverityHigh     = "high"
	SeverityCritical = "critical"
)

// SeverityRank orders severities from low (1) to critical (4); 0 for an
// unknown one. Escalations use it to raise, never lower, a case's severity.
func SeverityRank(s string) int {
	switch s {
	case SeverityLow:
		return 1
	case SeverityNormal:
		return 2
	case SeverityHigh:
		return 3
	case SeverityCritical:
		return 4
	}
	return 0
}

// Case is an incident: the record every other case table hangs from.
type Case struct {
	ID        int64     `json:"id"`
	Workspace string    `json:"workspace"`
	Title     string    `json:"title"`
	Summary   string    `json:"summary,omitempty"`
	Status    string    `json:"status"`
	Severity  string    `json:"severity"`
	CreatedBy string    `json:"created_by,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	ClosedAt  time.Time `json:"closed_at,omitzero"`
	ItemCount int       `json:"item_count"`
}

// NewCase is what creating a case by hand needs.
type NewCase struct {
	Title    string
	Summary  string
	Severity string  // empty: normal
	ItemIDs  []int64 // items of the same workspace, linked in the same transaction
}

// CaseFilter narrows ListCases. Zero values mean no filter.
type CaseFilter struct {
	Status string
	Limit  int // 0: 200
}

// CaseUpdate changes a case's fields; nil or empty fields stay as they are.
// A status change must name the status it expects to change from, so two
// people acting at once cannot skip the transition rules: the store refuses
// with ErrConflict when the case is no longer in FromStatus.
type CaseUpdate struct {
	Title      *string
	Summary    *string
	Severity   string
	Status     string
	FromStatus string
	Reason     string // why, recorded with a status change
}

// CaseRole gives a desk user a role on one case (lead, contact, legal...).
type CaseRole struct {
	UserID  int64     `json:"user_id"`
	Name    string    `json:"name,omitempty"` // the user's display name when known
	Role    string    `json:"role"`
	AddedBy string    `json:"added_by"`
	AddedAt time.Time `json:"added_at"`
}

// CaseItem is a stored item linked to a case, as captured (never altered),
// with what was decided and done about it.
type CaseItem struct {
	Item     ingest.Item  `json:"item"`
	Decision *Decision    `json:"decision,omitempty"` // nil while undecided
	Actions  []act.Action `json:"actions,omitempty"`
	AddedBy  string       `json:"added_by"`
	AddedAt  time.Time    `json:"added_at"`
}

// CaseNote is a note, an agreement or a mediation record. Notes are never
// edited: a correction is a new note.
type CaseNote struct {
	ID     int64     `json:"id"`
	Kind   string    `json:"kind"` // note, agreement, mediation
	Text   string    `json:"text"`
	Author string    `json:"author"`
	At     time.Time `json:"at"`
}

// Evidence is one file attached to a case. The store computes Size and
// SHA256 from the content itself.
type Evidence struct {
	ID          int64     `json:"id"`
	CaseID      int64     `json:"case_id"`
	Name        string    `json:"name"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"` // hex
	Description string    `json:"description,omitempty"`
	UploadedBy  string    `json:"uploaded_by"`
	UploadedAt  time.Time `json:"uploaded_at"`
}

// NewEvidence is a file to attach. Callers validate it through package
// cases (allowed types, size limit) before it reaches the store.
type NewEvidence struct {
	Name        string
	ContentType string
	Description string
	Content     []byte
}

// CaseFile is everything about one case, read in one consistent snapshot
// together with the audit head, for the desk's case page, the evidence
// bundle and the report.
type CaseFile struct {
	Workspace Workspace  `json:"workspace"`
	Case      Case       `json:"case"`
	Roles     []CaseRole `json:"roles"`
	Items     []CaseItem `json:"items"`
	Notes     []CaseNote `json:"notes"`
	Evidence  []Evidence `json:"evidence"`
	// Audit holds the events about the case, its items and their actions,
	// in chain order.
	Audit     []audit.Event `json:"audit"`
	AuditHead audit.Head    `json:"audit_head"`
}

// Cases is the part of the store for cases: incidents with items, evidence
// files, notes, timeline, roles, agreements. Every change is audited in its
// own transaction; a case of another workspace is ErrNotFound. Validation
// (allowed transitions, evidence types and sizes) is package cases' job:
// the desk goes through cases.Service, not straight here.
type Cases interface {
	CreateCase(ctx context.Context, workspace string, nc NewCase, actor string) (Case, error)
	Case(ctx context.Context, workspace string, id int64) (Case, error)
	// ListCases returns the newest-updated cases first.
	ListCases(ctx context.Context, workspace string, f CaseFilter) ([]Case, error)
	CaseFile(ctx context.Context, workspace string, id int64) (CaseFile, error)
	UpdateCase(ctx context.Context, workspace string, id int64, u CaseUpdate, actor string) (Case, error)
	// AddCaseItems links items of the case's workspace; items already on
	// the case are skipped. It returns how many were added. A closed case
	// refuses with ErrCaseClosed.
	AddCaseItems(ctx context.Context, workspace string, id int64, itemIDs []int64, actor string) (int, error)
	// SetCaseRole gives userID role on the case; an empty role removes them.
	SetCaseRole(ctx context.Context, workspace string, id, userID int64, role, actor string) error
	AddCaseNote(ctx context.Context, workspace string, id int64, kind, text, actor string) (CaseNote, error)
	// AddEvidence stores a file; a closed case refuses with ErrCaseClosed.
	AddEvidence(ctx context.Context, workspace string, id int64, ev NewEvidence, actor string) (Evidence, error)
	EvidenceContent(ctx context.Context, workspace string, caseID, evidenceID int64) (Evidence, []byte, error)
	// RecordCaseExport audits an export with its manifest's hash, so that
	// the bundle can later be matched against the chain.
	RecordCaseExport(ctx context.Context, workspace string, id int64, manifestSHA256, actor string) (audit.Event, error)
}
