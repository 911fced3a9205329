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

// Checklist assessments.

const assessmentColumns = `id, workspace_id, checklist, answers, score, max_score, note, created_by, created_at`

func scanAssessment(row scanner) (store.Assessment, error) {
	var a store.Assessment
	var answers string
	var at int64
	if err := row.Scan(&a.ID, &a.Workspace, &a.Checklist, &answers, &a.Score, &a.Max, &a.Note, &a.By, &at); err != nil {
		return a, err
	}
	a.At = fromMicros(at)
	if err := json.Unmarshal([]byte(answers), &a.Answers); err != nil {
		return a, fmt.Errorf("assessment %d answers: %w", a.ID, err)
	}
	return a, nil
}

// SaveAssessment stores a completed self-assessment and audits it.
func (s *Store) SaveAssessment(ctx context.Context, a store.Assessment, actor string) (store.Assessment, error) {
	if a.Checklist == "" {
		return a, errors.New("save assessment: the checklist is required")
	}
	if a.At.IsZero() {
		a.At = time.Now()
	}
	a.At = a.At.UTC().Truncate(time.Microsecond)
	a.By = actor
	if a.Answers == nil {
		a.Answers = []store.ChecklistAnswer{}
	}
	answers, err := json.Marshal(a.Answers)
	if err != nil {
		return a, fmt.Errorf("save assessment: %w", err)
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO checklist_assessments (workspace_id, checklist, answers, score, max_score, note, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, a.Workspace, a.Checklist, string(answers), a.Score, a.Max, a.Note, actor, micros(a.At)).Scan(&a.ID)
		if err != nil {
			if isForeignKey(err) {
				return fmt.Errorf("workspace %q: %w", a.Workspace, store.ErrNotFound)
			}
			return err
		}
		// The audit keeps the score, not the notes: the assessment row has them.
		_, err = appendAudit(ctx, tx, []audit.Event{event(a.At, a.Workspace, actor, "checklist.assessed", fmt.Sprintf("assessment:%d", a.ID),
			map[string]any{"checklist": a.Checklist, "score": a.Score, "max": a.Max, "answers": len(a.Answers)})})
		return err
	})
	if err != nil {
		return a, fmt.Errorf("save assessment: %w", err)
	}
	return a, nil
}

// Assessments lists a workspace's assessments, newest first.
func (s *Store) Assessments(ctx context.Context, workspace, checklist string, limit int) ([]store.Assessment, error) {
	if limit <= 0 {
		limit = 100
	}
	q := `SELECT ` + assessmentColumns + ` FROM checklist_assessments WHERE workspace_id = ?`
	args := []any{workspace}
	if checklist != "" {
		q += ` AND checklist = ?`
		args = append(args, checklist)
	}
	q += ` ORDER BY created_at DESC, id DESC LIMIT ?`
	return queryAll(ctx, s.r, "assessments", scanAssessment, q, append(args, limit)...)
}

// AssessmentByID returns one assessment of a workspace.
func (s *Store) AssessmentByID(ctx context.Context, workspace string, id int64) (store.Assessment, error) {
	a, err := scanAssessment(s.r.QueryRowContext(ctx, `SELECT `+assessmentColumns+` FROM checklist_assessments WHERE workspace_id = ? AND id = ?`, workspace, id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("assessment %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return a, fmt.Errorf("assessment %d: %w", id, err)
	}
	return a, nil
}

// Drills.

const drillColumns = `id, workspace_id, sandbox_id, scenario, title, lang, seed, speed, participants, status, cursor, started_by, started_at, ended_by, ended_at, debrief`

func scanDrill(row scanner) (store.DrillRun, error) {
	var d store.DrillRun
	var parts, debrief string
	var seed int64
	var started, ended int64
	if err := row.Scan(&d.ID, &d.Workspace, &d.Sandbox, &d.Scenario, &d.Title, &d.Lang, &seed, &d.Speed, &parts, &d.Status, &d.Cursor,
		&d.StartedBy, &started, &d.EndedBy, &ended, &debrief); err != nil {
		return d, err
	}
	d.Seed = uint64(seed)
	d.StartedAt, d.EndedAt = fromMicros(started), fromMicros(ended)
	if err := json.Unmarshal([]byte(parts), &d.Participants); err != nil {
		return d, fmt.Errorf("drill %d participants: %w", d.ID, err)
	}
	if debrief != "" {
		d.Debrief = json.RawMessage(debrief)
	}
	return d, nil
}

func drillSubject(id int64) string { return fmt.Sprintf("drill:%d", id) }

func getDrill(ctx context.Context, q caseQueryer, workspace string, id int64) (store.DrillRun, error) {
	d, err := scanDrill(q.QueryRowContext(ctx, `SELECT `+drillColumns+` FROM drills WHERE workspace_id = ? AND id = ?`, workspace, id))
	if errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("drill %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return d, fmt.Errorf("drill %d: %w", id, err)
	}
	return d, nil
}

// StartDrill creates the sandbox workspace with its members and the drill,
// in one transaction.
func (s *Store) StartDrill(ctx context.Context, nd store.NewDrill, actor string) (store.DrillRun, error) {
	if nd.Workspace == "" || nd.SandboxID == "" || nd.Scenario == "" {
		return store.DrillRun{}, errors.New("start drill: workspace, sandbox id and scenario are required")
	}
	if !(nd.Speed > 0) {
		return store.DrillRun{}, errors.New("start drill: the speed must be positive")
	}
	at := nd.At
	if at.IsZero() {
		at = time.Now()
	}
	at = at.UTC()
	parts := nd.Participants
	if parts == nil {
		parts = []store.DrillParticipant{}
	}
	pj, err := json.Marshal(parts)
	if err != nil {
		return store.DrillRun{}, fmt.Errorf("start drill: %w", err)
	}
	wctx, _ := json.Marshal(nd.Context)
	var out store.DrillRun
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var real int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM workspaces WHERE id = ? AND sandbox = 0`, nd.Workspace).Scan(&real); err != nil {
			return err
		}
		if real == 0 {
			// A drill rehearses a real workspace; a drill of a drill is not one.
			return fmt.Errorf("workspace %q: %w", nd.Workspace, store.ErrNotFound)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO workspaces (id, name, policy_yaml, policy_version, context, created_at, sandbox) VALUES (?, ?, ?, ?, ?, ?, 1)`,
			nd.SandboxID, nd.SandboxName, nd.PolicyYAML, nd.PolicyVersion, string(wctx), micros(at))
		if isUniqueViolation(err) {
			return fmt.Errorf("workspace %q: %w", nd.SandboxID, store.ErrConflict)
		}
		if err != nil {
			return err
		}
		evs := []audit.Event{event(at, nd.SandboxID, actor, "workspace.created", "workspace:"+nd.SandboxID,
			map[string]any{"name": nd.SandboxName, "policy_version": nd.PolicyVersion, "sandbox": true, "drill_of": nd.Workspace})}
		for _, p := range parts {
			if err := insertMembership(ctx, tx, store.Membership{Workspace: nd.SandboxID, UserID: p.UserID, Role: p.Role, AddedBy: actor}, at); err != nil {
				return err
			}
			evs = append(evs, event(at, nd.SandboxID, actor, "member.added", userSubject(p.UserID), map[string]any{"role": p.Role, "drill": true}))
		}
		var id int64
		err = tx.QueryRowContext(ctx, `INSERT INTO drills (workspace_id, sandbox_id, scenario, title, lang, seed, speed, participants, status, started_by, started_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?) RETURNING id`,
			nd.Workspace, nd.SandboxID, nd.Scenario, nd.Title, nd.Lang, int64(nd.Seed), nd.Speed, string(pj), actor, micros(at)).Scan(&id)
		if err != nil {
			return err
		}
		ids := make([]int64, 0, len(parts))
		for _, p := range parts {
			ids = append(ids, p.UserID)
		}
		evs = append(evs, event(at, nd.Workspace, actor, "drill.started", drillSubject(id),
			map[string]any{"scenario": nd.Scenario, "sandbox": nd.SandboxID, "speed": nd.Speed, "participants": ids}))
		if _, err := appendAudit(ctx, tx, evs); err != nil {
			return err
		}
		out, err = getDrill(ctx, tx, nd.Workspace, id)
		return err
	})
	if err != nil {
		return out, fmt.Errorf("start drill: %w", err)
	}
	return out, nil
}

// Drill returns one drill of a workspace.
func (s *Store) Drill(ctx context.Context, workspace string, id int64) (store.DrillRun, error) {
	return getDrill(ctx, s.r, workspace, id)
}

// DrillBySandbox finds the drill running in a sandbox workspace.
func (s *Store) DrillBySandbox(ctx context.Context, sandbox string) (store.DrillRun, error) {
	d, err := scanDrill(s.r.QueryRowContext(ctx, `SELECT `+drillColumns+` FROM drills WHERE sandbox_id = ?`, sandbox))
	if errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("drill in %q: %w", sandbox, store.ErrNotFound)
	}
	if err != nil {
		return d, fmt.Errorf("drill in %q: %w", sandbox, err)
	}
	return d, nil
}

// ListDrills lists a workspace's drills, newest first.
func (s *Store) ListDrills(ctx context.Context, workspace string, limit int) ([]store.DrillRun, error) {
	if limit <= 0 {
		limit = 100
	}
	return queryAll(ctx, s.r, "list drills", scanDrill,
		`SELECT `+drillColumns+` FROM drills WHERE workspace_id = ? ORDER BY started_at DESC, id DESC LIMIT ?`, workspace, limit)
}

// RunningDrills lists the running drills of every workspace.
func (s *Store) RunningDrills(ctx context.Context) ([]store.DrillRun, error) {
	return queryAll(ctx, s.r, "running drills", scanDrill, `SELECT `+drillColumns+` FROM drills WHERE status = 'running' ORDER BY started_at, id`)
}

// AdvanceDrill moves the cursor and records the events now due.
func (s *Store) AdvanceDrill(ctx context.Context, workspace string, id int64, cursor int, events []store.DrillEvent, actor string) ([]store.DrillEvent, error) {
	var added []store.DrillEvent
	err := s.tx(ctx, func(tx *sql.Tx) error {
		d, err := getDrill(ctx, tx, workspace, id)
		if err != nil {
			return err
		}
		if !d.Running() {
			return fmt.Errorf("drill %d has ended: %w", id, store.ErrConflict)
		}
		if cursor > d.Cursor {
			if _, err := tx.ExecContext(ctx, `UPDATE drills SET cursor = ? WHERE id = ?`, cursor, id); err != nil {
				return err
			}
		}
		var evs []audit.Event
		for _, e := range events {
			if e.At.IsZero() {
				e.At = time.Now()
			}
			e.At = e.At.UTC().Truncate(time.Microsecond)
			e.DrillID, e.Actor = id, actor
			res, err := tx.ExecContext(ctx, `INSERT INTO drill_events (drill_id, kind, ref, offset_s, text, data, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (drill_id, kind, ref) DO NOTHING`, id, e.Kind, e.Ref, int64(e.Offset/time.Second), e.Text, string(e.Data), actor, micros(e.At))
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				continue
			}
			if e.ID, err = res.LastInsertId(); err != nil {
				return err
			}
			e.Offset = e.Offset.Truncate(time.Second)
			added = append(added, e)
			// Audited in the sandbox: that is where the participants saw it.
			evs = append(evs, event(e.At, d.Sandbox, actor, "drill."+e.Kind, drillSubject(id), map[string]any{"ref": e.Ref, "offset_s": int64(e.Offset / time.Second)}))
		}
		_, err = appendAudit(ctx, tx, evs)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("advance drill: %w", err)
	}
	return added, nil
}

// DrillEvents lists a drill's events in order.
func (s *Store) DrillEvents(ctx context.Context, workspace string, id int64) ([]store.DrillEvent, error) {
	return queryAll(ctx, s.r, "drill events", func(row scanner) (store.DrillEvent, error) {
		var e store.DrillEvent
		var off, at int64
		var data string
		err := row.Scan(&e.ID, &e.DrillID, &e.Kind, &e.Ref, &off, &e.Text, &data, &e.Actor, &at)
		e.Offset, e.At = time.Duration(off)*time.Second, fromMicros(at)
		if data != "" {
			e.Data = json.RawMessage(data)
		}
		return e, err
	}, `SELECT e.id, e.drill_id, e.kind, e.ref, e.offset_s, e.text, e.data, e.actor, e.at FROM drill_events e JOIN drills d ON d.id = e.drill_id
		WHERE d.workspace_id = ? AND e.drill_id = ? ORDER BY e.offset_s, e.id`, workspace, id)
}

// EndDrill ends a running drill and stores its debrief.
func (s *Store) EndDrill(ctx context.Context, workspace string, id int64, debrief json.RawMessage, actor string, at time.Time) (store.DrillRun, error) {
	at = at.UTC()
	var out store.DrillRun
	err := s.tx(ctx, func(tx *sql.Tx) error {
		d, err := getDrill(ctx, tx, workspace, id)
		if err != nil {
			return err
		}
		if !d.Running() {
			return fmt.Errorf("drill %d has already ended: %w", id, store.ErrConflict)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE drills SET status = 'ended', ended_by = ?, ended_at = ?, debrief = ? WHERE id = ?`,
			actor, micros(at), string(debrief), id); err != nil {
			return err
		}
		if _, err := appendAudit(ctx, tx, []audit.Event{event(at, workspace, actor, "drill.ended", drillSubject(id),
			map[string]any{"sandbox": d.Sandbox, "after_seconds": at.Sub(d.StartedAt).Seconds()})}); err != nil {
			return err
		}
		out, err = getDrill(ctx, tx, workspace, id)
		return err
	})
	if err != nil {
		return out, fmt.Errorf("end drill: %w", err)
	}
	return out, nil
}
