package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/stormwatch/stormwatch/internal/audit"
	"github.com/stormwatch/stormwatch/internal/store"
)

const taskColumns = `id, workspace_id, kind, title, source_key, client_ref, contact, attachment, due_at, status, assignee_id, outcome,
	created_by, created_at, updated_at, completed_by, completed_at`

func scanTask(row scanner) (store.Task, error) {
	var t store.Task
	var att string
	var due, created, updated, completed int64
	err := row.Scan(&t.ID, &t.Workspace, &t.Kind, &t.Title, &t.SourceKey, &t.ClientRef, &t.Contact, &att, &due, &t.Status, &t.AssigneeID, &t.Outcome,
		&t.CreatedBy, &created, &updated, &t.CompletedBy, &completed)
	if err != nil {
		return t, err
	}
	if att != "" && att != "{}" {
		t.Attachment = json.RawMessage(att)
	}
	t.DueAt, t.CreatedAt, t.UpdatedAt, t.CompletedAt = fromMicros(due), fromMicros(created), fromMicros(updated), fromMicros(completed)
	return t, nil
}

func taskSubject(id int64) string { return fmt.Sprintf("task:%d", id) }

func getTask(ctx context.Context, q caseQueryer, workspace string, id int64) (store.Task, error) {
	t, err := scanTask(q.QueryRowContext(ctx, `SELECT `+taskColumns+` FROM tasks WHERE workspace_id = ? AND id = ?`, workspace, id))
	if errors.Is(err, sql.ErrNoRows) {
		return t, fmt.Errorf("task %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return t, fmt.Errorf("task %d: %w", id, err)
	}
	return t, nil
}

func validNewTask(nt store.NewTask) error {
	switch {
	case nt.Kind == "":
		return errors.New("a task needs a kind")
	case nt.Title == "":
		return errors.New("a task needs a title")
	case nt.SourceKey == "":
		return errors.New("a task needs a source key")
	case nt.DueAt.IsZero():
		return errors.New("a task needs a due time")
	case len(nt.Attachment) > 0 && !json.Valid(nt.Attachment):
		return errors.New("a task's attachment must be JSON")
	}
	return nil
}

// insertTask stores nt unless its source key is taken; it returns the id
// and whether it was created.
func insertTask(ctx context.Context, tx *sql.Tx, workspace string, nt store.NewTask, actor string, now time.Time) (int64, bool, error) {
	if err := validNewTask(nt); err != nil {
		return 0, false, err
	}
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM tasks WHERE workspace_id = ? AND source_key = ?`, workspace, nt.SourceKey).Scan(&id)
	if err == nil {
		return id, false, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, false, err
	}
	att := "{}"
	if len(nt.Attachment) > 0 {
		att = string(nt.Attachment)
	}
	err = tx.QueryRowContext(ctx, `INSERT INTO tasks (workspace_id, kind, title, source_key, client_ref, contact, attachment, due_at, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		workspace, nt.Kind, nt.Title, nt.SourceKey, nt.ClientRef, nt.Contact, att, micros(nt.DueAt.UTC()), actor, micros(now), micros(now)).Scan(&id)
	if err != nil {
		if isForeignKey(err) {
			return 0, false, fmt.Errorf("workspace %q: %w", workspace, store.ErrNotFound)
		}
		return 0, false, err
	}
	// The audit records what and when, not the client's contact details.
	if _, err := appendAudit(ctx, tx, []audit.Event{{At: now, Workspace: workspace, Actor: actor, Kind: "task.created", Subject: taskSubject(id),
		Data: caseData(map[string]any{"kind": nt.Kind, "source_key": nt.SourceKey, "client_ref": nt.ClientRef, "due_at": nt.DueAt.UTC(), "with_contact": nt.Contact != ""})}}); err != nil {
		return 0, false, err
	}
	return id, true, nil
}

// CreateTask stores a task, or returns the one with the same source key.
func (s *Store) CreateTask(ctx context.Context, workspace string, nt store.NewTask, actor string) (store.Task, bool, error) {
	now := time.Now().UTC()
	var t store.Task
	var created bool
	err := s.tx(ctx, func(tx *sql.Tx) error {
		id, c, err := insertTask(ctx, tx, workspace, nt, actor, now)
		if err != nil {
			return err
		}
		created = c
		t, err = getTask(ctx, tx, workspace, id)
		return err
	})
	if err != nil {
		return t, false, fmt.Errorf("create task: %w", err)
	}
	return t, created, nil
}

// Task returns one task of a workspace.
func (s *Store) Task(ctx context.Context, workspace string, id int64) (store.Task, error) {
	return getTask(ctx, s.r, workspace, id)
}

// ListTasks lists tasks: open ones by due time, then done ones newest first.
func (s *Store) ListTasks(ctx context.Context, workspace string, f store.TaskFilter) ([]store.Task, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = 200
	}
	q := `SELECT ` + taskColumns + ` FROM tasks WHERE workspace_id = ?`
	args := []any{workspace}
	if f.OpenOnly || !f.DueBefore.IsZero() {
		q += ` AND status = 'open'`
	}
	if !f.DueBefore.IsZero() {
		q += ` AND due_at < ?`
		args = append(args, micros(f.DueBefore))
	}
	if f.AssigneeID != 0 {
		q += ` AND assignee_id = ?`
		args = append(args, f.AssigneeID)
	}
	q += ` ORDER BY status = 'done', CASE WHEN status = 'open' THEN due_at ELSE -completed_at END, id LIMIT ?`
	args = append(args, limit)
	return queryAll(ctx, s.r, "list tasks", scanTask, q, args...)
}

// AssignTask gives an open task to a member (0 unassigns).
func (s *Store) AssignTask(ctx context.Context, workspace string, id, userID int64, actor string, at time.Time) (store.Task, error) {
	at = at.UTC()
	var t store.Task
	err := s.tx(ctx, func(tx *sql.Tx) error {
		cur, err := getTask(ctx, tx, workspace, id)
		if err != nil {
			return err
		}
		if cur.Status != store.TaskOpen {
			return fmt.Errorf("task %d is done: %w", id, store.ErrConflict)
		}
		if userID != 0 {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM memberships WHERE workspace_id = ? AND user_id = ?`, workspace, userID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return fmt.Errorf("user %d is not a member of %s: %w", userID, workspace, store.ErrNotFound)
			}
		}
		if cur.AssigneeID == userID {
			t = cur
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE tasks SET assignee_id = ?, updated_at = ? WHERE id = ?`, userID, micros(at), id); err != nil {
			return err
		}
		if _, err := appendAudit(ctx, tx, []audit.Event{{At: at, Workspace: workspace, Actor: actor, Kind: "task.assigned", Subject: taskSubject(id),
			Data: caseData(map[string]any{"assignee_id": userID, "previous": cur.AssigneeID})}}); err != nil {
			return err
		}
		t, err = getTask(ctx, tx, workspace, id)
		return err
	})
	if err != nil {
		return t, fmt.Errorf("assign task: %w", err)
	}
	return t, nil
}

// CompleteTask closes an open task with its outcome.
func (s *Store) CompleteTask(ctx context.Context, workspace string, id int64, outcome, actor string, at time.Time) (store.Task, error) {
	at = at.UTC()
	var t store.Task
	err := s.tx(ctx, func(tx *sql.Tx) error {
		cur, err := getTask(ctx, tx, workspace, id)
		if err != nil {
			return err
		}
		if cur.Status != store.TaskOpen {
			return fmt.Errorf("task %d is already done: %w", id, store.ErrConflict)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE tasks SET status = 'done', outcome = ?, completed_by = ?, completed_at = ?, updated_at = ? WHERE id = ?`,
			outcome, actor, micros(at), micros(at), id); err != nil {
			return err
		}
		if _, err := appendAudit(ctx, tx, []audit.Event{{At: at, Workspace: workspace, Actor: actor, Kind: "task.completed", Subject: taskSubject(id),
			Data: caseData(map[string]any{"outcome_sha256": sha256Hex([]byte(outcome)), "late": at.After(cur.DueAt)})}}); err != nil {
			return err
		}
		t, err = getTask(ctx, tx, workspace, id)
		return err
	})
	if err != nil {
		return t, fmt.Errorf("complete task: %w", err)
	}
	return t, nil
}

// ImportSurveyAnswers records answer keys and creates the tasks of new ones.
func (s *Store) ImportSurveyAnswers(ctx context.Context, workspace string, answers []store.SurveyAnswerRecord, actor string) (store.SurveyImport, error) {
	now := time.Now().UTC()
	var res store.SurveyImport
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res = store.SurveyImport{}
		for _, a := range answers {
			if a.Key == "" {
				return errors.New("a survey answer needs a key")
			}
			r, err := tx.ExecContext(ctx, `INSERT INTO survey_answers (workspace_id, answer_key, imported_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
				workspace, a.Key, micros(now))
			if err != nil {
				if isForeignKey(err) {
					return fmt.Errorf("workspace %q: %w", workspace, store.ErrNotFound)
				}
				return err
			}
			if n, _ := r.RowsAffected(); n == 0 {
				res.Duplicates++
				continue
			}
			res.Answers++
			if a.Task == nil {
				continue
			}
			id, created, err := insertTask(ctx, tx, workspace, *a.Task, actor, now)
			if err != nil {
				return err
			}
			if created {
				res.TaskIDs = append(res.TaskIDs, id)
			}
		}
		_, err := appendAudit(ctx, tx, []audit.Event{{At: now, Workspace: workspace, Actor: actor, Kind: "survey.imported", Subject: "workspace:" + workspace,
			Data: caseData(map[string]any{"answers": res.Answers, "duplicates": res.Duplicates, "tasks": len(res.TaskIDs)})}})
		return err
	})
	if err != nil {
		return store.SurveyImport{}, fmt.Errorf("import survey answers: %w", err)
	}
	return res, nil
}
