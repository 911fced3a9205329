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

const crisisColumns = `id, workspace_id, title, summary, status, severity, alert_id, case_id, plan, plan_version, profile_yaml, profile_version,
	update_every, proposed_at, started_by, started_at, last_update_at, ended_by, ended_at, outcome`

func scanCrisis(row scanner) (store.CrisisRecord, error) {
	var c store.CrisisRecord
	var every, proposed, started, last, ended int64
	err := row.Scan(&c.ID, &c.Workspace, &c.Title, &c.Summary, &c.Status, &c.Severity, &c.AlertID, &c.CaseID, &c.Plan, &c.PlanVersion, &c.ProfileYAML, &c.ProfileVersion,
		&every, &proposed, &c.StartedBy, &started, &last, &c.EndedBy, &ended, &c.Outcome)
	if err != nil {
		return c, err
	}
	c.UpdateEvery = time.Duration(every) * time.Second
	c.ProposedAt, c.StartedAt, c.LastUpdateAt, c.EndedAt = fromMicros(proposed), fromMicros(started), fromMicros(last), fromMicros(ended)
	return c, nil
}

func crisisSubject(id int64) string { return fmt.Sprintf("crisis:%d", id) }

func getCrisis(ctx context.Context, q caseQueryer, workspace string, id int64) (store.CrisisRecord, error) {
	c, err := scanCrisis(q.QueryRowContext(ctx, `SELECT `+crisisColumns+` FROM crises WHERE workspace_id = ? AND id = ?`, workspace, id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("crisis %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("crisis %d: %w", id, err)
	}
	return c, nil
}

// SetCrisisPlan replaces the workspace's crisis plan.
func (s *Store) SetCrisisPlan(ctx context.Context, workspace string, doc []byte, actor string) (store.CrisisPlanDoc, error) {
	now := time.Now().UTC()
	var p store.CrisisPlanDoc
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var version int
		err := tx.QueryRowContext(ctx, `INSERT INTO crisis_plans (workspace_id, doc, version, updated_by, updated_at) VALUES (?, ?, 1, ?, ?)
			ON CONFLICT (workspace_id) DO UPDATE SET doc = excluded.doc, version = crisis_plans.version + 1, updated_by = excluded.updated_by, updated_at = excluded.updated_at
			RETURNING version`, workspace, doc, actor, micros(now)).Scan(&version)
		if err != nil {
			if isForeignKey(err) {
				return fmt.Errorf("workspace %q: %w", workspace, store.ErrNotFound)
			}
			return err
		}
		if _, err := appendAudit(ctx, tx, []audit.Event{{At: now, Workspace: workspace, Actor: actor, Kind: "crisis.plan_set", Subject: "crisis_plan:" + workspace,
			Data: caseData(map[string]any{"version": version, "sha256": sha256Hex(doc), "bytes": len(doc)})}}); err != nil {
			return err
		}
		p = store.CrisisPlanDoc{Workspace: workspace, Doc: doc, Version: version, UpdatedBy: actor, UpdatedAt: fromMicros(micros(now))}
		return nil
	})
	if err != nil {
		return p, fmt.Errorf("set crisis plan: %w", err)
	}
	return p, nil
}

// CrisisPlan returns the workspace's crisis plan.
func (s *Store) CrisisPlan(ctx context.Context, workspace string) (store.CrisisPlanDoc, error) {
	p := store.CrisisPlanDoc{Workspace: workspace}
	var at int64
	err := s.r.QueryRowContext(ctx, `SELECT doc, version, updated_by, updated_at FROM crisis_plans WHERE workspace_id = ?`, workspace).Scan(&p.Doc, &p.Version, &p.UpdatedBy, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("crisis plan of %s: %w", workspace, store.ErrNotFound)
	}
	if err != nil {
		return p, fmt.Errorf("crisis plan of %s: %w", workspace, err)
	}
	p.UpdatedAt = fromMicros(at)
	return p, nil
}

// activate opens the crisis's case and makes it active, in tx.
func activateCrisis(ctx context.Context, tx *sql.Tx, c store.CrisisRecord, actor string, at time.Time) error {
	var caseID int64
	summary := c.Summary
	if summary == "" {
		summary = "Crisis mode"
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO cases (workspace_id, title, summary, status, severity, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		c.Workspace, c.Title, summary, store.CaseOpen, c.Severity, actor, micros(at), micros(at)).Scan(&caseID)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE crises SET status = 'active', case_id = ?, started_by = ?, started_at = ?, last_update_at = ? WHERE id = ?`,
		caseID, actor, micros(at), micros(at), c.ID)
	if isUniqueViolation(err) {
		return fmt.Errorf("workspace %s already has an active crisis: %w", c.Workspace, store.ErrConflict)
	}
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO crisis_entries (crisis_id, kind, text, author, at) VALUES (?, ?, ?, ?, ?)`,
		c.ID, store.CrisisEntryStarted, c.Title, actor, micros(at)); err != nil {
		return err
	}
	_, err = appendAudit(ctx, tx, []audit.Event{
		{At: at, Workspace: c.Workspace, Actor: actor, Kind: "case.created", Subject: caseSubject(caseID),
			Data: caseData(map[string]any{"title": c.Title, "severity": c.Severity, "crisis_id": c.ID})},
		{At: at, Workspace: c.Workspace, Actor: actor, Kind: "crisis.started", Subject: crisisSubject(c.ID),
			Data: caseData(map[string]any{"case_id": caseID, "alert_id": c.AlertID, "profile_version": c.ProfileVersion, "plan_version": c.PlanVersion, "update_every_s": int64(c.UpdateEvery / time.Second)})},
	})
	return err
}

// StartCrisis stores a proposed or active crisis.
func (s *Store) StartCrisis(ctx context.Context, workspace string, nc store.NewCrisis, actor string) (store.CrisisRecord, error) {
	if nc.Title == "" {
		return store.CrisisRecord{}, errors.New("start crisis: a title is required")
	}
	if nc.Severity == "" {
		nc.Severity = store.SeverityHigh
	}
	at := nc.At
	if at.IsZero() {
		at = time.Now()
	}
	at = at.UTC()
	if nc.Plan == nil {
		nc.Plan = []byte{}
	}
	if nc.ProfileYAML == nil {
		nc.ProfileYAML = []byte{}
	}
	var c store.CrisisRecord
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, `INSERT INTO crises (workspace_id, title, summary, status, severity, alert_id, plan, plan_version, profile_yaml, profile_version, update_every, proposed_at)
			VALUES (?, ?, ?, 'proposed', ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			workspace, nc.Title, nc.Summary, nc.Severity, nc.AlertID, nc.Plan, nc.PlanVersion, nc.ProfileYAML, nc.ProfileVersion, int64(nc.UpdateEvery/time.Second), micros(at)).Scan(&id)
		if err != nil {
			if isForeignKey(err) {
				return fmt.Errorf("workspace %q: %w", workspace, store.ErrNotFound)
			}
			return err
		}
		if nc.Proposed {
			if _, err := tx.ExecContext(ctx, `INSERT INTO crisis_entries (crisis_id, kind, text, author, at) VALUES (?, ?, ?, ?, ?)`,
				id, store.CrisisEntryProposed, nc.Title, actor, micros(at)); err != nil {
				return err
			}
			if _, err := appendAudit(ctx, tx, []audit.Event{{At: at, Workspace: workspace, Actor: actor, Kind: "crisis.proposed", Subject: crisisSubject(id),
				Data: caseData(map[string]any{"title": nc.Title, "alert_id": nc.AlertID})}}); err != nil {
				return err
			}
		} else {
			cur, err := getCrisis(ctx, tx, workspace, id)
			if err != nil {
				return err
			}
			if err := activateCrisis(ctx, tx, cur, actor, at); err != nil {
				return err
			}
		}
		c, err = getCrisis(ctx, tx, workspace, id)
		return err
	})
	if err != nil {
		return c, fmt.Errorf("start crisis: %w", err)
	}
	return c, nil
}

// ConfirmCrisis makes a proposed crisis active.
func (s *Store) ConfirmCrisis(ctx context.Context, workspace string, id int64, actor string, at time.Time) (store.CrisisRecord, error) {
	at = at.UTC()
	var c store.CrisisRecord
	err := s.tx(ctx, func(tx *sql.Tx) error {
		cur, err := getCrisis(ctx, tx, workspace, id)
		if err != nil {
			return err
		}
		if cur.Status != store.CrisisProposed {
			return fmt.Errorf("crisis %d is %s, not proposed: %w", id, cur.Status, store.ErrConflict)
		}
		if err := activateCrisis(ctx, tx, cur, actor, at); err != nil {
			return err
		}
		c, err = getCrisis(ctx, tx, workspace, id)
		return err
	})
	if err != nil {
		return c, fmt.Errorf("confirm crisis: %w", err)
	}
	return c, nil
}

// DismissCrisis sets a proposal aside.
func (s *Store) DismissCrisis(ctx context.Context, workspace string, id int64, reason, actor string, at time.Time) (store.CrisisRecord, error) {
	return s.closeCrisis(ctx, workspace, id, store.CrisisProposed, store.CrisisDismissed, store.CrisisEntryDismissed, "crisis.dismissed", reason, actor, at)
}

// EndCrisis ends an active crisis.
func (s *Store) EndCrisis(ctx context.Context, workspace string, id int64, outcome, actor string, at time.Time) (store.CrisisRecord, error) {
	return s.closeCrisis(ctx, workspace, id, store.CrisisActive, store.CrisisEnded, store.CrisisEntryEnded, "crisis.ended", outcome, actor, at)
}

func (s *Store) closeCrisis(ctx context.Context, workspace string, id int64, from, to, entry, kind, text, actor string, at time.Time) (store.CrisisRecord, error) {
	at = at.UTC()
	var c store.CrisisRecord
	err := s.tx(ctx, func(tx *sql.Tx) error {
		cur, err := getCrisis(ctx, tx, workspace, id)
		if err != nil {
			return err
		}
		if cur.Status != from {
			return fmt.Errorf("crisis %d is %s, not %s: %w", id, cur.Status, from, store.ErrConflict)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE crises SET status = ?, ended_by = ?, ended_at = ?, outcome = ? WHERE id = ?`, to, actor, micros(at), text, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO crisis_entries (crisis_id, kind, text, author, at) VALUES (?, ?, ?, ?, ?)`, id, entry, text, actor, micros(at)); err != nil {
			return err
		}
		data := map[string]any{"from": from, "to": to}
		if !cur.StartedAt.IsZero() {
			data["duration_s"] = at.Sub(cur.StartedAt).Seconds()
		}
		if _, err := appendAudit(ctx, tx, []audit.Event{{At: at, Workspace: workspace, Actor: actor, Kind: kind, Subject: crisisSubject(id), Data: caseData(data)}}); err != nil {
			return err
		}
		c, err = getCrisis(ctx, tx, workspace, id)
		return err
	})
	if err != nil {
		return c, fmt.Errorf("%s: %w", kind, err)
	}
	return c, nil
}

// CrisisByID returns one crisis of a workspace.
func (s *Store) CrisisByID(ctx context.Context, workspace string, id int64) (store.CrisisRecord, error) {
	return getCrisis(ctx, s.r, workspace, id)
}

// ActiveCrisis returns the workspace's active crisis.
func (s *Store) ActiveCrisis(ctx context.Context, workspace string) (store.CrisisRecord, error) {
	c, err := scanCrisis(s.r.QueryRowContext(ctx, `SELECT `+crisisColumns+` FROM crises WHERE workspace_id = ? AND status = 'active'`, workspace))
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("active crisis of %s: %w", workspace, store.ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("active crisis of %s: %w", workspace, err)
	}
	return c, nil
}

// ActiveCrises lists every workspace's active crises, oldest first.
func (s *Store) ActiveCrises(ctx context.Context) ([]store.CrisisRecord, error) {
	return queryAll(ctx, s.r, "active crises", scanCrisis, `SELECT `+crisisColumns+` FROM crises WHERE status = 'active' ORDER BY started_at, id`)
}

// ListCrises lists a workspace's crises, newest first.
func (s *Store) ListCrises(ctx context.Context, workspace string, limit int) ([]store.CrisisRecord, error) {
	if limit <= 0 {
		limit = 100
	}
	return queryAll(ctx, s.r, "list crises", scanCrisis, `SELECT `+crisisColumns+` FROM crises WHERE workspace_id = ? ORDER BY id DESC LIMIT ?`, workspace, limit)
}

// AddCrisisEntry adds a timeline entry to a crisis not yet over.
func (s *Store) AddCrisisEntry(ctx context.Context, workspace string, id int64, e store.CrisisEntry, actor string) (store.CrisisEntry, error) {
	if e.Kind == "" {
		return e, errors.New("add crisis entry: a kind is required")
	}
	at := e.At
	if at.IsZero() {
		at = time.Now()
	}
	at = at.UTC()
	data := string(e.Data)
	if data == "" {
		data = "{}"
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		cur, err := getCrisis(ctx, tx, workspace, id)
		if err != nil {
			return err
		}
		if cur.Status != store.CrisisActive && cur.Status != store.CrisisProposed {
			return fmt.Errorf("crisis %d is %s: %w", id, cur.Status, store.ErrConflict)
		}
		var eid int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO crisis_entries (crisis_id, kind, text, row_no, data, author, at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			id, e.Kind, e.Text, e.Row, data, actor, micros(at)).Scan(&eid); err != nil {
			return err
		}
		if e.Kind == store.CrisisEntryUpdate {
			if _, err := tx.ExecContext(ctx, `UPDATE crises SET last_update_at = ? WHERE id = ?`, micros(at), id); err != nil {
				return err
			}
		}
		if _, err := appendAudit(ctx, tx, []audit.Event{{At: at, Workspace: workspace, Actor: actor, Kind: "crisis." + e.Kind, Subject: crisisSubject(id),
			Data: caseData(map[string]any{"entry_id": eid, "row": e.Row, "chars": len([]rune(e.Text))})}}); err != nil {
			return err
		}
		e = store.CrisisEntry{ID: eid, CrisisID: id, Kind: e.Kind, Text: e.Text, Row: e.Row, Data: json.RawMessage(data), Author: actor, At: fromMicros(micros(at))}
		return nil
	})
	if err != nil {
		return e, fmt.Errorf("add crisis entry: %w", err)
	}
	return e, nil
}

func scanCrisisEntry(row scanner) (store.CrisisEntry, error) {
	var e store.CrisisEntry
	var data string
	var at int64
	if err := row.Scan(&e.ID, &e.CrisisID, &e.Kind, &e.Text, &e.Row, &data, &e.Author, &at); err != nil {
		return e, err
	}
	if data != "{}" {
		e.Data = json.RawMessage(data)
	}
	e.At = fromMicros(at)
	return e, nil
}

// CrisisEntries lists a crisis's timeline in order.
func (s *Store) CrisisEntries(ctx context.Context, workspace string, id int64) ([]store.CrisisEntry, error) {
	if _, err := getCrisis(ctx, s.r, workspace, id); err != nil {
		return nil, err
	}
	return queryAll(ctx, s.r, "crisis entries", scanCrisisEntry,
		`SELECT id, crisis_id, kind, text, row_no, data, author, at FROM crisis_entries WHERE crisis_id = ? ORDER BY at, id`, id)
}
