package store

import (
	"context"
	"errors"
	"time"
)

// Errors of the replies part of the contract. The store enforces the
// approval rules that two people could race on (a decision happens once;
// nobody decides their own draft) inside the transaction that records the
// decision, so no check-then-act gap lets them through.
var (
	// ErrAlreadyDecided: the draft (or template version) was approved or
	// rejected already, by someone else or by an earlier click.
	ErrAlreadyDecided = errors.New("already decided")
	// ErrOwnDraft: the actor wrote what they are trying to approve; the
	// drafter can never approve their own reply, whatever their role.
	ErrOwnDraft = errors.New("the drafter cannot approve or reject their own text")
	// ErrNotApproved: sending a draft that is pending or rejected.
	ErrNotApproved = errors.New("not approved")
	// ErrRetired: using or revising a retired template.
	ErrRetired = errors.New("template retired")
	// ErrStaleVersion: a revision based on a version that is no longer the
	// latest (someone else revised the template meanwhile).
	ErrStaleVersion = errors.New("template changed since it was read")
)

// TemplateStatus is where one version of a template is in its life.
type TemplateStatus string

// Template version statuses. An approved version is immutable and is what
// moderators may send; approving a newer version retires it.
const (
	TemplateDraft    TemplateStatus = "draft"    // proposed, not yet usable
	TemplateApproved TemplateStatus = "approved" // live: may be sent without further approval
	TemplateRetired  TemplateStatus = "retired"  // superseded or withdrawn
)

// Template is one version of a pre-approved reply. ID, Workspace and Lang
// are the template's; the other fields belong to the version. Translations
// of the same reply are separate templates sharing a Group.
type Template struct {
	Workspace  string         `json:"workspace"`
	ID         string         `json:"id"`
	Group      string         `json:"group,omitempty"`
	Lang       string         `json:"lang"`
	Version    int            `json:"version"`
	Name       string         `json:"name"`
	Tone       string         `json:"tone"`
	Situations []string       `json:"situations"`
	Body       string         `json:"body"`
	Status     TemplateStatus `json:"status"`
	CreatedBy  string         `json:"created_by"`
	CreatedAt  time.Time      `json:"created_at"`
	ApprovedBy string         `json:"approved_by,omitempty"`
	ApprovedAt time.Time      `json:"approved_at,omitzero"`
}

// TemplateFilter narrows a template listing; zero fields match all.
type TemplateFilter struct {
	Lang      string
	Tone      string
	Situation string
	Group     string
	Status    TemplateStatus
}

// DraftStatus is where a reply draft is in its life.
type DraftStatus string

// Draft statuses: pending -> approved -> sent, or pending -> rejected.
const (
	DraftPending  DraftStatus = "pending"
	DraftApproved DraftStatus = "approved"
	DraftRejected DraftStatus = "rejected"
	DraftSent     DraftStatus = "sent"
)

// Basis is what made a draft's text approved.
type Basis string

// The grounds for approval.
const (
	BasisTemplate Basis = "template" // an approved template with only its variables filled
	BasisSpeak    Basis = "speak"    // written by someone who may speak for the organization
	BasisApprover Basis = "approver" // approved (or rejected) by a second person
)

// Draft is a reply to one item, from a template or free text. Its text
// never changes once stored: an edit is a new draft.
type Draft struct {
	ID        int64  `json:"id"`
	Workspace string `json:"workspace"`
	ItemID    int64  `json:"item_id"`
	Channel   string `json:"channel"` // the item's; the store fills it
	Lang      string `json:"lang"`
	Text      string `json:"text"`
	// TemplateID and TemplateVersion name the template the text came
	// from, if any; Edited says the text was changed beyond its variables.
	TemplateID      string            `json:"template_id,omitempty"`
	TemplateVersion int               `json:"template_version,omitempty"`
	Vars            map[string]string `json:"vars,omitempty"`
	Edited          bool              `json:"edited,omitempty"`
	// Warnings are the tone check's findings when drafted, kept for the
	// approver; opaque JSON to the store.
	Warnings []byte `json:"warnings,omitempty"`
	// RequestKey makes creating a draft idempotent per workspace: the same
	// key returns the draft already stored (a double click drafts once).
	RequestKey string      `json:"request_key"`
	Status     DraftStatus `json:"status"`
	Basis      Basis       `json:"basis,omitempty"`
	CreatedBy  string      `json:"created_by"`
	CreatedAt  time.Time   `json:"created_at"`
	DecidedBy  string      `json:"decided_by,omitempty"`
	DecidedAt  time.Time   `json:"decided_at,omitzero"`
	Comment    string      `json:"comment,omitempty"`
	SentBy     string      `json:"sent_by,omitempty"`
	SentAt     time.Time   `json:"sent_at,omitzero"`
	// ActionKey is the idempotency key of the outbox action that carries
	// the reply to the platform.
	ActionKey string `json:"action_key,omitempty"`
}

// DraftFilter narrows a draft listing; zero fields match all.
type DraftFilter struct {
	Status    DraftStatus
	ItemID    int64
	CreatedBy string
	Limit     int // 0: a backend default
}

// Replies is the part of the store for reply templates, drafts and their
// approvals. Every change is audited in the same transaction.
type Replies interface {
	// CreateTemplate stores version 1 of a new template, with t's status
	// (draft, or approved with ApprovedBy set when seeding a library).
	// ErrConflict when the id is taken in the workspace.
	CreateTemplate(ctx context.Context, t Template, actor string) (Template, error)
	// ReviseTemplate stores a new draft version of t.ID from t's name,
	// tone, situations and body. ErrStaleVersion unless baseVersion is the
	// latest; ErrRetired for a retired template.
	ReviseTemplate(ctx context.Context, t Template, baseVersion int, actor string) (Template, error)
	// ApproveTemplate approves the latest version, retiring the version it
	// replaces. ErrAlreadyDecided unless that version is a draft;
	// ErrOwnDraft when actor wrote it; ErrStaleVersion unless it is latest.
	ApproveTemplate(ctx context.Context, workspace, id string, version int, at time.Time, actor string) (Template, error)
	// RetireTemplate withdraws a template: it can no longer be sent.
	RetireTemplate(ctx context.Context, workspace, id string, at time.Time, actor string) error
	// Template returns one version; version 0 means the latest.
	Template(ctx context.Context, workspace, id string, version int) (Template, error)
	// LiveTemplate returns the approved version; ErrNotFound if none.
	LiveTemplate(ctx context.Context, workspace, id string) (Template, error)
	// Templates lists the latest version of each template matching f.
	Templates(ctx context.Context, workspace string, f TemplateFilter) ([]Template, error)
	// TemplateVersions lists every version of a template, oldest first.
	TemplateVersions(ctx context.Context, workspace, id string) ([]Template, error)

	// CreateDraft stores a draft (pending, or approved with its Basis and
	// DecidedBy) for an item of the workspace, filling Channel. A draft
	// with the same RequestKey already stored is returned unchanged. With
	// send, an approved draft is also sent in the same transaction, as
	// SendDraft does.
	CreateDraft(ctx context.Context, d Draft, send bool) (Draft, error)
	Draft(ctx context.Context, workspace string, id int64) (Draft, error)
	// Drafts lists drafts matching f, oldest first.
	Drafts(ctx context.Context, workspace string, f DraftFilter) ([]Draft, error)
	// DecideDraft approves or rejects a pending draft. ErrAlreadyDecided
	// when it is not pending; ErrOwnDraft when actor drafted it.
	DecideDraft(ctx context.Context, workspace string, id int64, approve bool, comment string, at time.Time, actor string) (Draft, error)
	// SendDraft marks an approved draft sent and queues a "reply" action
	// in the outbox. Sending a draft already sent returns it unchanged and
	// queues nothing (a double click sends once); ErrNotApproved otherwise.
	SendDraft(ctx context.Context, workspace string, id int64, at time.Time, actor string) (Draft, error)
}
