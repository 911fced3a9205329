// Package tasks owns follow-up tasks: things a person must do by a date
// (call back an unhappy client, ...), who does them, and how they ended.
// The store keeps them and audits every change; this package adds the
// rules: due dates in working days, outcome notes required, the list the
// desk shows with the overdue first.
package tasks

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/store"
)

// KindSurveyFollowUp is the kind of task an unhappy survey answer raises.
const KindSurveyFollowUp = "survey_followup"

// MaxOutcomeBytes bounds an outcome note.
const MaxOutcomeBytes = 4 << 10

// ErrInvalid wraps a request the rules refuse (an empty outcome, ...).
var ErrInvalid = errors.New("invalid task request")

// Service applies the task rules over the store.
type Service struct {
	Store store.Tasks
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// AddWorkingDays returns t moved n working days (Monday to Friday)
// later, at the same time of day. A Saturday or Sunday start counts from
// the next Monday, so work found on a weekend is due n days after it.
func AddWorkingDays(t time.Time, n int) time.Time {
	for t.Weekday() == time.Saturday || t.Weekday() == time.Sunday {
		t = t.AddDate(0, 0, 1)
	}
	for n > 0 {
		t = t.AddDate(0, 0, 1)
		if wd := t.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n--
		}
	}
	return t
}

// Board is the desk's view of a workspace's tasks.
type Board struct {
	Overdue []store.Task
	Open    []store.Task // open, not yet due
	Done    []store.Task // most recent first
}

// Board lists the workspace's open tasks, the overdue first, and the
// last done ones.
func (s *Service) Board(ctx context.Context, workspace string, doneLimit int) (Board, error) {
	var b Board
	now := s.now()
	open, err := s.Store.ListTasks(ctx, workspace, store.TaskFilter{OpenOnly: true, Limit: 500})
	if err != nil {
		return b, fmt.Errorf("tasks of %s: %w", workspace, err)
	}
	for _, t := range open {
		if t.Overdue(now) {
			b.Overdue = append(b.Overdue, t)
		} else {
			b.Open = append(b.Open, t)
		}
	}
	if doneLimit > 0 {
		all, err := s.Store.ListTasks(ctx, workspace, store.TaskFilter{Limit: len(open) + doneLimit})
		if err != nil {
			return b, fmt.Errorf("tasks of %s: %w", workspace, err)
		}
		for _, t := range all {
			if t.Status == store.TaskDone {
				b.Done = append(b.Done, t)
			}
		}
	}
	return b, nil
}

// Assign gives a task to a member (0 unassigns).
func (s *Service) Assign(ctx context.Context, workspace string, id, userID int64, actor string) (store.Task, error) {
	if userID < 0 {
		return store.Task{}, fmt.Errorf("%w: no such member", ErrInvalid)
	}
	return s.Store.AssignTask(ctx, workspace, id, userID, actor, s.now())
}

// Complete closes a task with what was done: the note is required, as a
// follow-up without an outcome cannot be checked later.
func (s *Service) Complete(ctx context.Context, workspace string, id int64, outcome, actor string) (store.Task, error) {
	outcome = strings.TrimSpace(outcome)
	switch {
	case outcome == "":
		return store.Task{}, fmt.Errorf("%w: say what was done (the outcome note is required)", ErrInvalid)
	case len(outcome) > MaxOutcomeBytes:
		return store.Task{}, fmt.Errorf("%w: the outcome note is %d bytes, over the limit of %d", ErrInvalid, len(outcome), MaxOutcomeBytes)
	case !utf8.ValidString(outcome):
		return store.Task{}, fmt.Errorf("%w: the outcome note is not valid UTF-8", ErrInvalid)
	}
	return s.Store.CompleteTask(ctx, workspace, id, outcome, actor, s.now())
}
