package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// The answers to a checklist question. "na" (does not apply) leaves the
// question out of the score.
const (
	AnswerYes    = "yes"
	AnswerPartly = "partly"
	AnswerNo     = "no"
	AnswerNA     = "na"
)

// ChecklistAnswer is one question's answer in an assessment.
type ChecklistAnswer struct {
	Question string `json:"question"` // the question's id in its checklist, e.g. "q3"
	Value    string `json:"value"`    // yes, partly, no, na
	Note     string `json:"note,omitempty"`
}

// Assessment is one completed self-assessment of a checklist. Score and
// Max are points (package checklist scores them); an assessment is never
// edited: the next one is compared with it.
type Assessment struct {
	ID        int64             `json:"id"`
	Workspace string            `json:"workspace"`
	Checklist string            `json:"checklist"`
	Answers   []ChecklistAnswer `json:"answers"`
	Score     int               `json:"score"`
	Max       int               `json:"max"`
	Note      string            `json:"note,omitempty"`
	By        string            `json:"by"`
	At        time.Time         `json:"at"`
}

// Drill statuses.
const (
	DrillRunning = "running"
	DrillEnded   = "ended"
)

// DrillParticipant is a member taking part in a drill, with the role they
// hold in it (their own role, copied into the sandbox).
type DrillParticipant struct {
	UserID int64  `json:"user_id"`
	Name   string `json:"name"`
	Role   string `json:"role"`
}

// NewDrill is what starting a drill needs. The sandbox workspace is
// created with the real workspace's policy and context, and the
// participants' memberships, in the same transaction as the drill.
type NewDrill struct {
	Workspace     string // the real workspace
	SandboxID     string
	SandboxName   string
	Scenario      string
	Title         string
	Lang          string
	Seed          uint64
	Speed         float64 // scenario seconds per real second
	Participants  []DrillParticipant
	PolicyYAML    []byte
	PolicyVersion string
	Context       detect.Context
	At            time.Time
}

// DrillRun is a stored drill.
type DrillRun struct {
	ID           int64              `json:"id"`
	Workspace    string             `json:"workspace"`
	Sandbox      string             `json:"sandbox"`
	Scenario     string             `json:"scenario"`
	Title        string             `json:"title"`
	Lang         string             `json:"lang"`
	Seed         uint64             `json:"seed"`
	Speed        float64            `json:"speed"`
	Participants []DrillParticipant `json:"participants"`
	Status       string             `json:"status"`
	Cursor       int                `json:"cursor"`
	StartedBy    string             `json:"started_by"`
	StartedAt    time.Time          `json:"started_at"`
	EndedBy      string             `json:"ended_by,omitempty"`
	EndedAt      time.Time          `json:"ended_at,omitzero"`
	// Debrief is the debrief report (package drill's JSON), frozen when
	// the drill ends.
	Debrief json.RawMessage `json:"debrief,omitempty"`
}

// Running reports whether the drill is still on.
func (d DrillRun) Running() bool { return d.Status == DrillRunning }

// Drill event kinds.
const (
	DrillEventInject = "inject" // an inject was shown to the participants
	DrillEventNote   = "note"   // the lead's note during the drill
)

// DrillEvent is one line of a drill's own timeline (what the traffic
// does is in the sandbox's items and audit).
type DrillEvent struct {
	ID      int64           `json:"id"`
	DrillID int64           `json:"drill_id"`
	Kind    string          `json:"kind"`
	Ref     string          `json:"ref"`
	Offset  time.Duration   `json:"offset"` // scenario time since the start
	Text    string          `json:"text,omitempty"`
	Data    json.RawMessage `json:"data,omitempty"`
	Actor   string          `json:"actor"`
	At      time.Time       `json:"at"`
}

// Drills is the part of the store for preparedness: checklist
// self-assessments and their history, and tabletop drills with their
// sandbox workspaces and timelines. Every change is audited in the same
// transaction.
type Drills interface {
	// SaveAssessment stores a completed assessment (its ID and By are set
	// from the call).
	SaveAssessment(ctx context.Context, a Assessment, actor string) (Assessment, error)
	// Assessments lists a workspace's assessments of a checklist ("" for
	// all checklists), newest first (limit 0: 100).
	Assessments(ctx context.Context, workspace, checklist string, limit int) ([]Assessment, error)
	// AssessmentByID returns one assessment of the workspace.
	AssessmentByID(ctx context.Context, workspace string, id int64) (Assessment, error)

	// StartDrill creates the sandbox workspace (Sandbox true), copies the
	// participants' memberships into it and stores the running drill.
	// ErrConflict when the sandbox id is taken.
	StartDrill(ctx context.Context, nd NewDrill, actor string) (DrillRun, error)
	Drill(ctx context.Context, workspace string, id int64) (DrillRun, error)
	// DrillBySandbox finds the drill that runs in a sandbox workspace.
	DrillBySandbox(ctx context.Context, sandbox string) (DrillRun, error)
	// ListDrills lists a workspace's drills, newest first (limit 0: 100).
	ListDrills(ctx context.Context, workspace string, limit int) ([]DrillRun, error)
	// RunningDrills lists every workspace's running drills (the runner's
	// work), oldest first.
	RunningDrills(ctx context.Context) ([]DrillRun, error)
	// AdvanceDrill moves a running drill's traffic cursor forward (never
	// back) and records the events now due; an event whose kind and ref
	// are already recorded is skipped. Returns the events newly recorded.
	// ErrConflict once the drill has ended.
	AdvanceDrill(ctx context.Context, workspace string, id int64, cursor int, events []DrillEvent, actor string) ([]DrillEvent, error)
	// DrillEvents lists a drill's events in order.
	DrillEvents(ctx context.Context, workspace string, id int64) ([]DrillEvent, error)
	// EndDrill ends a running drill and freezes its debrief; ErrConflict
	// when it has already ended.
	EndDrill(ctx context.Context, workspace string, id int64, debrief json.RawMessage, actor string, at time.Time) (DrillRun, error)
}
