package store

import (
	"context"
	"time"
)

// AlertKind says what an alert is about.
type AlertKind string

// The alert kinds. Listening raises storms and campaigns; connectors raise
// the channel kinds when a channel goes quiet or keeps failing.
const (
	AlertStorm          AlertKind = "storm"
	AlertCampaign       AlertKind = "campaign"
	AlertChannelSilent  AlertKind = "channel_silent"
	AlertChannelFailing AlertKind = "channel_failing"
)

// AlertSeverity ranks alerts.
type AlertSeverity string

// The severities, least to most urgent.
const (
	AlertInfo     AlertSeverity = "info"
	AlertWarning  AlertSeverity = "warning"
	AlertCritical AlertSeverity = "critical"
)

// AlertMetric is one thing that moved: what, where, by how much, against
// what baseline. Kept structured so that notifications and the desk can
// show the numbers rather than prose.
type AlertMetric struct {
	Name     string  `json:"name"`              // e.g. volume, negative_share, new_authors
	Channel  string  `json:"channel,omitempty"` // empty for all channels
	Topic    string  `json:"topic,omitempty"`
	Window   string  `json:"window,omitempty"` // e.g. "15m"
	Observed float64 `json:"observed"`
	Baseline float64 `json:"baseline"`
	// Factor is Observed/Baseline when the baseline is not zero.
	Factor float64 `json:"factor,omitempty"`
}

// NewAlert is what a detector or a failing channel raises.
type NewAlert struct {
	Kind     AlertKind     `json:"kind"`
	Severity AlertSeverity `json:"severity"`
	Title    string        `json:"title"`
	Summary  string        `json:"summary,omitempty"`
	// DedupeKey names the condition (e.g. "storm:facebook:page:2026-11-20"):
	// while an alert with the same key is unresolved, raising it again only
	// counts another occurrence.
	DedupeKey      string        `json:"dedupe_key"`
	Metrics        []AlertMetric `json:"metrics,omitempty"`
	ExampleItemIDs []int64       `json:"example_item_ids,omitempty"`
	At             time.Time     `json:"at"`
}

// Alert is a stored alert.
type Alert struct {
	ID             int64         `json:"id"`
	Workspace      string        `json:"workspace"`
	Kind           AlertKind     `json:"kind"`
	Severity       AlertSeverity `json:"severity"`
	Title          string        `json:"title"`
	Summary        string        `json:"summary,omitempty"`
	DedupeKey      string        `json:"dedupe_key"`
	Metrics        []AlertMetric `json:"metrics"`
	ExampleItemIDs []int64       `json:"example_item_ids"`
	Occurrences    int           `json:"occurrences"`
	CreatedAt      time.Time     `json:"created_at"`
	LastSeenAt     time.Time     `json:"last_seen_at"`
	AckedBy        string        `json:"acked_by,omitempty"`
	AckedAt        time.Time     `json:"acked_at,omitzero"`
	ResolvedBy     string        `json:"resolved_by,omitempty"`
	ResolvedAt     time.Time     `json:"resolved_at,omitzero"`
	// EscalationLevel is the rota level (0-based) last notified, and
	// LevelSince when it was; the escalator compares the two with the
	// level's acknowledgement timeout.
	EscalationLevel int       `json:"escalation_level"`
	LevelSince      time.Time `json:"level_since"`
}

// Acknowledged reports whether someone took the alert.
func (a Alert) Acknowledged() bool { return !a.AckedAt.IsZero() }

// Resolved reports whether the alert is over.
func (a Alert) Resolved() bool { return !a.ResolvedAt.IsZero() }

// AlertFilter narrows ListAlerts.
type AlertFilter struct {
	OpenOnly bool // unresolved only
	Limit    int  // 0 means 200
}

// Delivery statuses of one attempt.
const (
	DeliverySent   = "sent"
	DeliveryRetry  = "retry"  // failed, another attempt follows
	DeliveryFailed = "failed" // failed, given up
)

// AlertDelivery is one attempt to notify one recipient of an alert.
type AlertDelivery struct {
	ID         int64     `json:"id"`
	AlertID    int64     `json:"alert_id"`
	Level      int       `json:"level"`
	Recipient  string    `json:"recipient"` // the person's name in the rota
	Route      string    `json:"route"`     // e.g. email:ana@example.org, matrix:!room:hs, slack, teams
	Attempt    int       `json:"attempt"`   // 1-based
	Status     string    `json:"status"`
	HTTPStatus int       `json:"http_status,omitempty"` // or the SMTP reply code
	Error      string    `json:"error,omitempty"`
	At         time.Time `json:"at"`
}

// RotaDoc is a workspace's on-call rota file as written (JSON; the alert
// package parses and validates it).
type RotaDoc struct {
	Workspace string    `json:"workspace"`
	Doc       []byte    `json:"-"`
	UpdatedBy string    `json:"updated_by"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Alerts is the part of the store for alerts: early warnings, their
// acknowledgement, the on-call rota and escalations. Every change is
// audited in the same transaction.
type Alerts interface {
	// OpenAlert stores a new alert, or, when an unresolved alert of the
	// workspace has the same dedupe key, counts another occurrence of it
	// (adding example items) and returns it with created false.
	OpenAlert(ctx context.Context, workspace string, na NewAlert, actor string) (a Alert, created bool, err error)
	Alert(ctx context.Context, workspace string, id int64) (Alert, error)
	// ListAlerts lists a workspace's alerts, newest first.
	ListAlerts(ctx context.Context, workspace string, f AlertFilter) ([]Alert, error)
	// UnacknowledgedAlerts lists every workspace's alerts neither
	// acknowledged nor resolved, oldest first: the escalator's work.
	UnacknowledgedAlerts(ctx context.Context) ([]Alert, error)
	// AcknowledgeAlert records who took the alert; acknowledging again
	// changes nothing. A resolved alert cannot be acknowledged (ErrConflict).
	AcknowledgeAlert(ctx context.Context, workspace string, id int64, actor string, at time.Time) (Alert, error)
	// ResolveAlert closes the alert (acknowledging it too if nobody had);
	// resolving again changes nothing.
	ResolveAlert(ctx context.Context, workspace string, id int64, actor string, at time.Time) (Alert, error)
	// EscalateAlert moves an unacknowledged, unresolved alert from level
	// from to level to; ErrConflict when it was acknowledged, resolved or
	// is no longer at level from (someone else escalated it first).
	EscalateAlert(ctx context.Context, workspace string, id int64, from, to int, reason, actor string, at time.Time) (Alert, error)
	// RecordDelivery stores one delivery attempt of an alert of the
	// workspace.
	RecordDelivery(ctx context.Context, workspace string, d AlertDelivery) (AlertDelivery, error)
	// AlertDeliveries lists an alert's delivery attempts in order.
	AlertDeliveries(ctx context.Context, workspace string, alertID int64) ([]AlertDelivery, error)
	// SetRota replaces the workspace's on-call rota.
	SetRota(ctx context.Context, workspace string, doc []byte, actor string) error
	// Rota returns the workspace's rota; ErrNotFound when none was set.
	Rota(ctx context.Context, workspace string) (RotaDoc, error)
}
