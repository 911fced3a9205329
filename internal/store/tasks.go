package store

import (
	"context"
	"encoding/json"
	"time"
)

// TaskStatus says where a follow-up task stands.
type TaskStatus string

// The task statuses.
const (
	TaskOpen TaskStatus = "open"
	TaskDone TaskStatus = "done"
)

// NewTask is a follow-up to do: call a client back about an unhappy
// survey answer, for instance.
type NewTask struct {
	// Kind says where the task came from, e.g. "survey_followup".
	Kind  string `json:"kind"`
	Title string `json:"title"`
	// SourceKey names what the task follows up (e.g. a survey answer's
	// key): creating a task with the key of one already stored in the
	// workspace creates nothing.
	SourceKey string `json:"source_key"`
	// ClientRef is the organization's own reference for the client, not
	// a name. Contact is a phone number or address, stored only when the
	// client consented to be contacted.
	ClientRef string `json:"client_ref,omitempty"`
	Contact   string `json:"contact,omitempty"`
	// Attachment is what the task is about (the survey answer), as JSON.
	Attachment json.RawMessage `json:"attachment,omitempty"`
	DueAt      time.Time       `json:"due_at"`
}

// Task is a stored follow-up task.
type Task struct {
	ID        int64  `json:"id"`
	Workspace string `json:"workspace"`
	NewTask
	Status TaskStatus `json:"status"`
	// AssigneeID is the member who will do it (0 when nobody yet).
	AssigneeID  int64     `json:"assignee_id,omitempty"`
	Outcome     string    `json:"outcome,omitempty"`
	CreatedBy   string    `json:"created_by"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
	CompletedBy string    `json:"completed_by,omitempty"`
	CompletedAt time.Time `json:"completed_at,omitzero"`
}

// Overdue reports whether an open task's due time has passed at now.
func (t Task) Overdue(now time.Time) bool {
	return t.Status == TaskOpen && !t.DueAt.IsZero() && now.After(t.DueAt)
}

// TaskFilter narrows ListTasks.
type TaskFilter struct {
	OpenOnly bool
	// DueBefore keeps open tasks due before it (the overdue ones at now).
	DueBefore time.Time
	// AssigneeID keeps one member's tasks.
	AssigneeID int64
	Limit      int // 0 means 200
}

// SurveyAnswerRecord is one imported survey answer as the store sees it:
// a key naming it (a hash of respondent and date, no personal data) and,
// for an unhappy answer, the task that follows it up.
type SurveyAnswerRecord struct {
	Key  string
	Task *NewTask
}

// SurveyImport says what an import stored.
type SurveyImport struct {
	Answers    int     `json:"answers"`    // new answers recorded
	Duplicates int     `json:"duplicates"` // answers imported before
	TaskIDs    []int64 `json:"task_ids"`   // tasks created
}

// Tasks is the part of the store for follow-up tasks and the survey
// answers that raise them. Every change is audited in the same
// transaction.
type Tasks interface {
	// CreateTask stores a task; when a task with the same source key is
	// already in the workspace it returns that one with created false.
	CreateTask(ctx context.Context, workspace string, nt NewTask, actor string) (t Task, created bool, err error)
	Task(ctx context.Context, workspace string, id int64) (Task, error)
	// ListTasks lists a workspace's tasks, open ones first and the
	// earliest due first (so the overdue lead), then done ones, newest
	// first.
	ListTasks(ctx context.Context, workspace string, f TaskFilter) ([]Task, error)
	// AssignTask gives an open task to a member of the workspace (0
	// unassigns); ErrNotFound when the user is not a member, ErrConflict
	// when the task is done.
	AssignTask(ctx context.Context, workspace string, id, userID int64, actor string, at time.Time) (Task, error)
	// CompleteTask closes an open task with an outcome note; ErrConflict
	// when it is already done.
	CompleteTask(ctx context.Context, workspace string, id int64, outcome, actor string, at time.Time) (Task, error)
	// ImportSurveyAnswers records answers (all or none) with the tasks of
	// the unhappy ones: an answer whose key was imported before is a
	// duplicate, and its task is not created again.
	ImportSurveyAnswers(ctx context.Context, workspace string, answers []SurveyAnswerRecord, actor string) (SurveyImport, error)
}
