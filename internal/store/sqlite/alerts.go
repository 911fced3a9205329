package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/stormwatch/stormwatch/internal/audit"
	"github.com/stormwatch/stormwatch/internal/store"
)

const alertColumns = `id, workspace_id, kind, severity, title, summary, dedupe_key, metrics, example_item_ids, occurrences,
	created_at, last_seen_at, acked_by, acked_at, resolved_by, resolved_at, escalation_level, level_since`

// maxExampleItems bounds the example ids kept on one alert: a storm of
// thousands of items needs a handful of examples, not all of them.
const maxExampleItems = 20

func scanAlert(row scanner) (store.Alert, error) {
	var a store.Alert
	var metrics, examples string
	var created, seen, acked, resolved, since int64
	err := row.Scan(&a.ID, &a.Workspace, &a.Kind, &a.Severity, &a.Title, &a.Summary, &a.DedupeKey, &metrics, &examples, &a.Occurrences,
		&created, &seen, &a.AckedBy, &acked, &a.ResolvedBy, &resolved, &a.EscalationLevel, &since)
	if err != nil {
		return a, err
	}
	if err := json.Unmarshal([]byte(metrics), &a.Metrics); err != nil {
		return a, fmt.Errorf("alert %d metrics: %w", a.ID, err)
	}
	if err := json.Unmarshal([]byte(examples), &a.ExampleItemIDs); err != nil {
		return a, fmt.Errorf("alert %d examples: %w", a.ID, err)
	}
	a.CreatedAt, a.LastSeenAt, a.AckedAt, a.ResolvedAt, a.LevelSince = fromMicros(created), fromMicros(seen), fromMicros(acked), fromMicros(resolved), fromMicros(since)
	return a, nil
}

func alertSubject(id int64) string { return fmt.Sprintf("alert:%d", id) }

func getAlert(ctx context.Context, q caseQueryer, workspace string, id int64) (store.Alert, error) {
	a, err := scanAlert(q.QueryRowContext(ctx, `SELECT `+alertColumns+` FROM alerts WHERE workspace_id = ? AND id = ?`, workspace, id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("alert %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return a, fmt.Errorf("alert %d: %w", id, err)
	}
	return a, nil
}

func jsonText(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

// OpenAlert stores a new alert or counts another occurrence of the open one
// with the same dedupe key.
func (s *Store) OpenAlert(ctx context.Context, workspace string, na store.NewAlert, actor string) (store.Alert, bool, error) {
	if na.DedupeKey == "" || na.Title == "" || na.Kind == "" {
		return store.Alert{}, false, errors.New("open alert: kind, title and dedupe key are required")
	}
	if na.Severity == "" {
		na.Severity = store.AlertWarning
	}
	at := na.At
	if at.IsZero() {
		at = time.Now()
	}
	at = at.UTC()
	var a store.Alert
	var created bool
	err := s.tx(ctx, func(tx *sql.Tx) error {
		cur, err := scanAlert(tx.QueryRowContext(ctx, `SELECT `+alertColumns+` FROM alerts WHERE workspace_id = ? AND dedupe_key = ? AND resolved_at = 0`, workspace, na.DedupeKey))
		switch {
		case err == nil:
			examples := cur.ExampleItemIDs
			for _, id := range na.ExampleItemIDs {
				if len(examples) < maxExampleItems && !slices.Contains(examples, id) {
					examples = append(examples, id)
				}
			}
			ex, err := jsonText(examples)
			if err != nil {
				return err
			}
			metrics := cur.Metrics
			if len(na.Metrics) > 0 {
				metrics = na.Metrics // the newest numbers say most about now
			}
			m, err := jsonText(metrics)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE alerts SET occurrences = occurrences + 1, last_seen_at = ?, example_item_ids = ?, metrics = ? WHERE id = ?`,
				micros(at), ex, m, cur.ID); err != nil {
				return err
			}
			if _, err := appendAudit(ctx, tx, []audit.Event{{At: at, Workspace: workspace, Actor: actor, Kind: "alert.repeated", Subject: alertSubject(cur.ID),
				Data: caseData(map[string]any{"dedupe_key": na.DedupeKey, "occurrences": cur.Occurrences + 1})}}); err != nil {
				return err
			}
			a, err = getAlert(ctx, tx, workspace, cur.ID)
			return err
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		examples := na.ExampleItemIDs
		if len(examples) > maxExampleItems {
			examples = examples[:maxExampleItems]
		}
		if examples == nil {
			examples = []int64{}
		}
		metrics := na.Metrics
		if metrics == nil {
			metrics = []store.AlertMetric{}
		}
		ex, err := jsonText(examples)
		if err != nil {
			return err
		}
		m, err := jsonText(metrics)
		if err != nil {
			return err
		}
		var id int64
		err = tx.QueryRowContext(ctx, `INSERT INTO alerts (workspace_id, kind, severity, title, summary, dedupe_key, metrics, example_item_ids, created_at, last_seen_at, level_since)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			workspace, na.Kind, na.Severity, na.Title, na.Summary, na.DedupeKey, m, ex, micros(at), micros(at), micros(at)).Scan(&id)
		if err != nil {
			if isForeignKey(err) {
				return fmt.Errorf("workspace %q: %w", workspace, store.ErrNotFound)
			}
			return err
		}
		if _, err := appendAudit(ctx, tx, []audit.Event{{At: at, Workspace: workspace, Actor: actor, Kind: "alert.opened", Subject: alertSubject(id),
			Data: caseData(map[string]any{"kind": na.Kind, "severity": na.Severity, "title": na.Title, "dedupe_key": na.DedupeKey, "metrics": metrics, "example_item_ids": examples})}}); err != nil {
			return err
		}
		created = true
		a, err = getAlert(ctx, tx, workspace, id)
		return err
	})
	if err != nil {
		return a, false, fmt.Errorf("open alert: %w", err)
	}
	return a, created, nil
}

// Alert returns one alert of a workspace.
func (s *Store) Alert(ctx context.Context, workspace string, id int64) (store.Alert, error) {
	return getAlert(ctx, s.r, workspace, id)
}

// ListAlerts lists a workspace's alerts, newest first.
func (s *Store) ListAlerts(ctx context.Context, workspace string, f store.AlertFilter) ([]store.Alert, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = 200
	}
	q := `SELECT ` + alertColumns + ` FROM alerts WHERE workspace_id = ?`
	if f.OpenOnly {
		q += ` AND resolved_at = 0`
	}
	q += ` ORDER BY created_at DESC, id DESC LIMIT ?`
	return queryAll(ctx, s.r, "list alerts", scanAlert, q, workspace, limit)
}

// UnacknowledgedAlerts lists open, unacknowledged alerts of all workspaces.
func (s *Store) UnacknowledgedAlerts(ctx context.Context) ([]store.Alert, error) {
	return queryAll(ctx, s.r, "unacknowledged alerts", scanAlert,
		`SELECT `+alertColumns+` FROM alerts WHERE acked_at = 0 AND resolved_at = 0 ORDER BY created_at, id`)
}

// AcknowledgeAlert records who took the alert.
func (s *Store) AcknowledgeAlert(ctx context.Context, workspace string, id int64, actor string, at time.Time) (store.Alert, error) {
	at = at.UTC()
	var a store.Alert
	err := s.tx(ctx, func(tx *sql.Tx) error {
		cur, err := getAlert(ctx, tx, workspace, id)
		if err != nil {
			return err
		}
		if cur.Resolved() {
			return fmt.Errorf("alert %d is resolved: %w", id, store.ErrConflict)
		}
		if cur.Acknowledged() {
			a = cur
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE alerts SET acked_by = ?, acked_at = ? WHERE id = ?`, actor, micros(at), id); err != nil {
			return err
		}
		if _, err := appendAudit(ctx, tx, []audit.Event{{At: at, Workspace: workspace, Actor: actor, Kind: "alert.acknowledged", Subject: alertSubject(id),
			Data: caseData(map[string]any{"level": cur.EscalationLevel, "after_seconds": at.Sub(cur.CreatedAt).Seconds()})}}); err != nil {
			return err
		}
		a, err = getAlert(ctx, tx, workspace, id)
		return err
	})
	if err != nil {
		return a, fmt.Errorf("acknowledge alert: %w", err)
	}
	return a, nil
}

// ResolveAlert closes the alert.
func (s *Store) ResolveAlert(ctx context.Context, workspace string, id int64, actor string, at time.Time) (store.Alert, error) {
	at = at.UTC()
	var a store.Alert
	err := s.tx(ctx, func(tx *sql.Tx) error {
		cur, err := getAlert(ctx, tx, workspace, id)
		if err != nil {
			return err
		}
		if cur.Resolved() {
			a = cur
			return nil
		}
		// Resolving stops escalation too, so it counts as taking the alert.
		if _, err := tx.ExecContext(ctx, `UPDATE alerts SET resolved_by = ?, resolved_at = ?,
			acked_by = CASE WHEN acked_at = 0 THEN ? ELSE acked_by END,
			acked_at = CASE WHEN acked_at = 0 THEN ? ELSE acked_at END WHERE id = ?`, actor, micros(at), actor, micros(at), id); err != nil {
			return err
		}
		if _, err := appendAudit(ctx, tx, []audit.Event{{At: at, Workspace: workspace, Actor: actor, Kind: "alert.resolved", Subject: alertSubject(id)}}); err != nil {
			return err
		}
		a, err = getAlert(ctx, tx, workspace, id)
		return err
	})
	if err != nil {
		return a, fmt.Errorf("resolve alert: %w", err)
	}
	return a, nil
}

// EscalateAlert moves an unacknowledged alert to another rota level.
func (s *Store) EscalateAlert(ctx context.Context, workspace string, id int64, from, to int, reason, actor string, at time.Time) (store.Alert, error) {
	at = at.UTC()
	var a store.Alert
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE alerts SET escalation_level = ?, level_since = ?
			WHERE workspace_id = ? AND id = ? AND escalation_level = ? AND acked_at = 0 AND resolved_at = 0`, to, micros(at), workspace, id, from)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			if _, err := getAlert(ctx, tx, workspace, id); err != nil {
				return err
			}
			return fmt.Errorf("alert %d is acknowledged, resolved or not at level %d: %w", id, from, store.ErrConflict)
		}
		if _, err := appendAudit(ctx, tx, []audit.Event{{At: at, Workspace: workspace, Actor: actor, Kind: "alert.escalated", Subject: alertSubject(id),
			Data: caseData(map[string]any{"from": from, "to": to, "reason": reason})}}); err != nil {
			return err
		}
		a, err = getAlert(ctx, tx, workspace, id)
		return err
	})
	if err != nil {
		return a, fmt.Errorf("escalate alert: %w", err)
	}
	return a, nil
}

// RecordDelivery stores one delivery attempt and audits it.
func (s *Store) RecordDelivery(ctx context.Context, workspace string, d store.AlertDelivery) (store.AlertDelivery, error) {
	if d.At.IsZero() {
		d.At = time.Now()
	}
	d.At = d.At.UTC()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := getAlert(ctx, tx, workspace, d.AlertID); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO alert_deliveries (alert_id, level, recipient, route, attempt, status, http_status, error, at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			d.AlertID, d.Level, d.Recipient, d.Route, d.Attempt, d.Status, d.HTTPStatus, d.Error, micros(d.At)).Scan(&d.ID)
		if err != nil {
			return err
		}
		m := map[string]any{"level": d.Level, "recipient": d.Recipient, "route": d.Route, "attempt": d.Attempt, "status": d.Status}
		if d.HTTPStatus != 0 {
			m["code"] = d.HTTPStatus
		}
		if d.Error != "" {
			m["error"] = d.Error
		}
		_, err = appendAudit(ctx, tx, []audit.Event{{At: d.At, Workspace: workspace, Actor: audit.ActorSystem, Kind: "alert.delivery_" + d.Status, Subject: alertSubject(d.AlertID), Data: caseData(m)}})
		return err
	})
	if err != nil {
		return d, fmt.Errorf("record delivery: %w", err)
	}
	d.At = d.At.Truncate(time.Microsecond)
	return d, nil
}

// AlertDeliveries lists an alert's delivery attempts in order.
func (s *Store) AlertDeliveries(ctx context.Context, workspace string, alertID int64) ([]store.AlertDelivery, error) {
	return queryAll(ctx, s.r, "alert deliveries", func(row scanner) (store.AlertDelivery, error) {
		var d store.AlertDelivery
		var at int64
		err := row.Scan(&d.ID, &d.AlertID, &d.Level, &d.Recipient, &d.Route, &d.Attempt, &d.Status, &d.HTTPStatus, &d.Error, &at)
		d.At = fromMicros(at)
		return d, err
	}, `SELECT d.id, d.alert_id, d.level, d.recipient, d.route, d.attempt, d.status, d.http_status, d.error, d.at
		FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id WHERE a.workspace_id = ? AND d.alert_id = ? ORDER BY d.id`, workspace, alertID)
}

// SetRota replaces the workspace's rota.
func (s *Store) SetRota(ctx context.Context, workspace string, doc []byte, actor string) error {
	now := time.Now().UTC()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO alert_rotas (workspace_id, doc, updated_by, updated_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (workspace_id) DO UPDATE SET doc = excluded.doc, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
			workspace, doc, actor, micros(now))
		if err != nil {
			if isForeignKey(err) {
				return fmt.Errorf("workspace %q: %w", workspace, store.ErrNotFound)
			}
			return err
		}
		_, err = appendAudit(ctx, tx, []audit.Event{{At: now, Workspace: workspace, Actor: actor, Kind: "alert.rota_changed", Subject: "rota:" + workspace,
			// The digest ties the audit line to the exact rota that was in
			// force, without copying people's addresses into the log.
			Data: caseData(map[string]any{"bytes": len(doc), "sha256": fmt.Sprintf("%x", sha256.Sum256(doc))})}})
		return err
	})
	if err != nil {
		return fmt.Errorf("set rota: %w", err)
	}
	return nil
}

// Rota returns the workspace's rota.
func (s *Store) Rota(ctx context.Context, workspace string) (store.RotaDoc, error) {
	r := store.RotaDoc{Workspace: workspace}
	var at int64
	err := s.r.QueryRowContext(ctx, `SELECT doc, updated_by, updated_at FROM alert_rotas WHERE workspace_id = ?`, workspace).Scan(&r.Doc, &r.UpdatedBy, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("rota of %q: %w", workspace, store.ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("rota of %q: %w", workspace, err)
	}
	r.UpdatedAt = fromMicros(at)
	return r, nil
}
