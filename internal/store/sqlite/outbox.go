package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/audit"
	"github.com/stormwatch/stormwatch/internal/store"
)

const actionColumns = `id, workspace_id, item_id, channel, kind, params, rule_id, requested_by, idempotency_key, status, attempts, next_attempt_at, last_error, result, created_at, updated_at`

func scanAction(row scanner) (act.Action, error) {
	var a act.Action
	var kind, status string
	var params sql.NullString
	var next, created, updated int64
	err := row.Scan(&a.ID, &a.Workspace, &a.ItemID, &a.Channel, &kind, &params, &a.RuleID, &a.RequestedBy, &a.IdempotencyKey, &status, &a.Attempts, &next, &a.LastError, &a.Result, &created, &updated)
	a.Kind, a.Status = act.Kind(kind), act.Status(status)
	if params.Valid {
		a.Params = json.RawMessage(params.String)
	}
	a.NextAttemptAt, a.CreatedAt, a.UpdatedAt = fromMicros(next), fromMicros(created), fromMicros(updated)
	return a, err
}

func (s *Store) actionsOf(ctx context.Context, itemID int64) ([]act.Action, error) {
	return queryAll(ctx, s.r, fmt.Sprintf("actions of item %d", itemID), scanAction, `SELECT `+actionColumns+` FROM actions WHERE item_id = ? ORDER BY id`, itemID)
}

// ClaimActions marks due pending actions running, counting the attempt, and
// returns them with their items. The claim is committed before any action
// runs, so a crash leaves a trace that Recover can settle.
func (s *Store) ClaimActions(ctx context.Context, now time.Time, limit int) ([]act.Claim, error) {
	var claims []act.Claim
	err := s.tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `UPDATE actions SET status = 'running', attempts = attempts + 1, updated_at = ?
			WHERE id IN (SELECT id FROM actions WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?)
			RETURNING `+actionColumns, micros(now), micros(now), limit)
		if err != nil {
			return err
		}
		for rows.Next() {
			a, err := scanAction(rows)
			if err != nil {
				rows.Close()
				return err
			}
			claims = append(claims, act.Claim{Action: a})
		}
		if err := rows.Close(); err != nil {
			return err
		}
		for i := range claims {
			it, err := scanItem(tx.QueryRowContext(ctx, `SELECT `+itemColumns+` FROM items WHERE id = ?`, claims[i].Action.ItemID))
			if err != nil {
				return fmt.Errorf("item of action %d: %w", claims[i].Action.ID, err)
			}
			claims[i].Item = it
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("claim actions: %w", err)
	}
	return claims, nil
}

// FinishActions records attempts' outcomes and audits each, in one
// transaction.
func (s *Store) FinishActions(ctx context.Context, outcomes ...act.Outcome) error {
	if len(outcomes) == 0 {
		return nil
	}
	now := time.Now().UTC()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		get, err := tx.PrepareContext(ctx, `SELECT `+actionColumns+` FROM actions WHERE id = ?`)
		if err != nil {
			return err
		}
		defer get.Close()
		upd, err := tx.PrepareContext(ctx, `UPDATE actions SET status = ?, last_error = ?, result = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?`)
		if err != nil {
			return err
		}
		defer upd.Close()
		events := make([]audit.Event, 0, len(outcomes))
		for _, o := range outcomes {
			a, err := scanAction(get.QueryRowContext(ctx, o.ActionID))
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("action %d: %w", o.ActionID, store.ErrNotFound)
			}
			if err != nil {
				return err
			}
			next := a.NextAttemptAt
			if o.Status == act.Pending {
				next = o.NextAttemptAt
			}
			if _, err := upd.ExecContext(ctx, string(o.Status), o.Err, o.Result, micros(next), micros(now), o.ActionID); err != nil {
				return err
			}
			m := map[string]any{"kind": a.Kind, "item_id": a.ItemID, "attempt": a.Attempts, "idempotency_key": a.IdempotencyKey}
			if o.Result != "" {
				m["result"] = o.Result
			}
			if o.Err != "" {
				m["error"] = o.Err
			}
			data, _ := json.Marshal(m)
			events = append(events, audit.Event{At: now, Workspace: a.Workspace, Actor: audit.ActorOutbox, Kind: "action." + string(o.Status), Subject: fmt.Sprintf("action:%d", a.ID), Data: data})
		}
		_, err = appendAudit(ctx, tx, events)
		return err
	})
	if err != nil {
		return fmt.Errorf("record %d action outcome(s): %w", len(outcomes), err)
	}
	return nil
}

// RunningActions lists actions left running (after a crash).
func (s *Store) RunningActions(ctx context.Context) ([]act.Action, error) {
	return queryAll(ctx, s.r, "running actions", scanAction, `SELECT `+actionColumns+` FROM actions WHERE status = 'running' ORDER BY id`)
}

// Counts reads the gauges for /metrics.
func (s *Store) Counts(ctx context.Context) (store.Counts, error) {
	var c store.Counts
	err := s.r.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM items WHERE decided = 0),
		(SELECT count(*) FROM actions WHERE status = 'pending'),
		(SELECT count(*) FROM actions WHERE status = 'running'),
		(SELECT count(*) FROM actions WHERE status = 'unknown'),
		(SELECT count(*) FROM actions WHERE status = 'failed')`).Scan(&c.PendingItems, &c.PendingActions, &c.RunningActions, &c.UnknownActions, &c.FailedActions)
	if err != nil {
		return c, fmt.Errorf("counts: %w", err)
	}
	return c, nil
}
