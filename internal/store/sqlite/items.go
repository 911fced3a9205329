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
	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/store"
)

const itemColumns = `id, workspace_id, channel, platform_id, kind, text, author_id, author_name, thread_id, parent_id, url, lang, created_at, received_at, raw`

func scanItem(row scanner) (ingest.Item, error) {
	var it ingest.Item
	var kind string
	var created, received int64
	var raw []byte
	err := row.Scan(&it.ID, &it.Workspace, &it.Channel, &it.PlatformID, &kind, &it.Text, &it.AuthorID, &it.AuthorName,
		&it.ThreadID, &it.ParentID, &it.URL, &it.Lang, &created, &received, &raw)
	it.Kind = ingest.Kind(kind)
	it.CreatedAt, it.ReceivedAt = fromMicros(created), fromMicros(received)
	if len(raw) > 0 {
		it.Raw = json.RawMessage(raw)
	}
	return it, err
}

// InsertItems stores new items and reports duplicates, all in one
// transaction that is committed (and synced) before it returns.
func (s *Store) InsertItems(ctx context.Context, workspace string, items []ingest.Item, actor string) ([]store.InsertResult, error) {
	var results []store.InsertResult
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		results, err = s.insertItems(ctx, tx, workspace, items, actor)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store items: %w", err)
	}
	return results, nil
}

func (s *Store) insertItems(ctx context.Context, tx *sql.Tx, workspace string, items []ingest.Item, actor string) ([]store.InsertResult, error) {
	results := make([]store.InsertResult, len(items))
	now := time.Now().UTC()
	ins, err := tx.PrepareContext(ctx, `INSERT INTO items (workspace_id, channel, platform_id, kind, text, author_id, author_name, thread_id, parent_id, url, lang, created_at, received_at, raw)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (workspace_id, channel, platform_id) DO NOTHING RETURNING id`)
	if err != nil {
		return nil, err
	}
	defer ins.Close()
	existing, err := tx.PrepareContext(ctx, `SELECT id FROM items WHERE workspace_id = ? AND channel = ? AND platform_id = ?`)
	if err != nil {
		return nil, err
	}
	defer existing.Close()
	var ids []int64
	dups := 0
	for i, it := range items {
		created := it.CreatedAt
		if created.IsZero() {
			created = now
		}
		var raw any
		if len(it.Raw) > 0 {
			raw = []byte(it.Raw)
		}
		kind := it.Kind
		if kind == "" {
			kind = ingest.KindComment
		}
		var id int64
		err := ins.QueryRowContext(ctx, workspace, it.Channel, it.PlatformID, string(kind), it.Text, it.AuthorID, it.AuthorName,
			it.ThreadID, it.ParentID, it.URL, it.Lang, micros(created), micros(now), raw).Scan(&id)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if err := existing.QueryRowContext(ctx, workspace, it.Channel, it.PlatformID).Scan(&id); err != nil {
				return nil, fmt.Errorf("item %d: find duplicate: %w", i, err)
			}
			results[i] = store.InsertResult{ID: id, Duplicate: true}
			dups++
		case err != nil:
			if isForeignKey(err) {
				return nil, fmt.Errorf("workspace %q: %w", workspace, store.ErrNotFound)
			}
			return nil, fmt.Errorf("item %d: %w", i, err)
		default:
			results[i] = store.InsertResult{ID: id}
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return results, nil
	}
	data, _ := json.Marshal(map[string]any{"count": len(ids), "duplicates": dups, "item_ids": ids})
	_, err = appendAudit(ctx, tx, []audit.Event{{At: now, Workspace: workspace, Actor: actor, Kind: "items.ingested", Subject: fmt.Sprintf("items:%d-%d", ids[0], ids[len(ids)-1]), Data: data}})
	return results, err
}

// Item returns one item of a workspace.
func (s *Store) Item(ctx context.Context, workspace string, id int64) (ingest.Item, error) {
	it, err := scanItem(s.r.QueryRowContext(ctx, `SELECT `+itemColumns+` FROM items WHERE workspace_id = ? AND id = ?`, workspace, id))
	if errors.Is(err, sql.ErrNoRows) {
		return it, fmt.Errorf("item %d: %w", id, store.ErrNotFound)
	}
	return it, err
}

// PendingItems returns undecided items after afterID, oldest first.
func (s *Store) PendingItems(ctx context.Context, afterID int64, limit int) ([]ingest.Item, error) {
	return queryAll(ctx, s.r, "pending items", scanItem, `SELECT `+itemColumns+` FROM items WHERE decided = 0 AND id > ? ORDER BY id LIMIT ?`, afterID, limit)
}

// SaveDecisions stores decisions with their outbox actions and audit events,
// and marks the items decided, in one transaction.
func (s *Store) SaveDecisions(ctx context.Context, ds []store.Decision) error {
	if len(ds) == 0 {
		return nil
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		mark, err := tx.PrepareContext(ctx, `UPDATE items SET decided = 1 WHERE id = ? AND decided = 0`)
		if err != nil {
			return err
		}
		defer mark.Close()
		insDecision, err := tx.PrepareContext(ctx, `INSERT INTO decisions (item_id, workspace_id, lang, signals, action, rules, policy_version, detectors, detail, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer insDecision.Close()
		insAction, err := tx.PrepareContext(ctx, `INSERT INTO actions (workspace_id, item_id, channel, kind, params, rule_id, requested_by, idempotency_key, status, attempts, next_attempt_at, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`)
		if err != nil {
			return err
		}
		defer insAction.Close()
		var events []audit.Event
		for _, d := range ds {
			res, err := mark.ExecContext(ctx, d.ItemID)
			if err != nil {
				return fmt.Errorf("item %d: %w", d.ItemID, err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				continue // decided already (a replay after a crash): keep the first decision
			}
			signals, _ := json.Marshal(d.Signals)
			rules, _ := json.Marshal(nonNil(d.Rules))
			detectors, _ := json.Marshal(nonNil(d.Detectors))
			var detail any
			if len(d.Detail) > 0 {
				detail = string(d.Detail)
			}
			at := micros(d.DecidedAt)
			if _, err := insDecision.ExecContext(ctx, d.ItemID, d.Workspace, d.Lang, string(signals), d.Action, string(rules), d.PolicyVersion, string(detectors), detail, at); err != nil {
				return fmt.Errorf("decision for item %d: %w", d.ItemID, err)
			}
			for _, a := range d.Actions {
				var params any
				if len(a.Params) > 0 {
					params = string(a.Params)
				}
				if _, err := insAction.ExecContext(ctx, d.Workspace, d.ItemID, a.Channel, string(a.Kind), params, a.RuleID, a.RequestedBy, a.IdempotencyKey, at, at, at); err != nil {
					return fmt.Errorf("action %s for item %d: %w", a.Kind, d.ItemID, err)
				}
			}
			data, _ := json.Marshal(map[string]any{"action": d.Action, "rules": nonNil(d.Rules), "policy_version": d.PolicyVersion, "detectors": d.Detectors, "signals": summarize(d.Signals), "actions": kinds(d.Actions)})
			events = append(events, audit.Event{At: d.DecidedAt, Workspace: d.Workspace, Actor: audit.ActorPipeline, Kind: "item.decided", Subject: fmt.Sprintf("item:%d", d.ItemID), Data: data})
		}
		_, err = appendAudit(ctx, tx, events)
		return err
	})
	if err != nil {
		return fmt.Errorf("store decisions: %w", err)
	}
	return nil
}

// Decision returns the decision on an item.
func (s *Store) Decision(ctx context.Context, workspace string, itemID int64) (store.Decision, error) {
	var d store.Decision
	var signals, rules, detectors string
	var detail sql.NullString
	var at int64
	err := s.r.QueryRowContext(ctx, `SELECT item_id, workspace_id, lang, signals, action, rules, policy_version, detectors, detail, decided_at FROM decisions WHERE workspace_id = ? AND item_id = ?`, workspace, itemID).
		Scan(&d.ItemID, &d.Workspace, &d.Lang, &signals, &d.Action, &rules, &d.PolicyVersion, &detectors, &detail, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("decision on item %d: %w", itemID, store.ErrNotFound)
	}
	if err != nil {
		return d, fmt.Errorf("decision on item %d: %w", itemID, err)
	}
	d.DecidedAt = fromMicros(at)
	if detail.Valid {
		d.Detail = json.RawMessage(detail.String)
	}
	for _, f := range []struct {
		src string
		dst any
	}{{signals, &d.Signals}, {rules, &d.Rules}, {detectors, &d.Detectors}} {
		if err := json.Unmarshal([]byte(f.src), f.dst); err != nil {
			return d, fmt.Errorf("decision on item %d: %w", itemID, err)
		}
	}
	actions, err := s.actionsOf(ctx, itemID)
	d.Actions = actions
	return d, err
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// summarize keeps the audit record small: category, entity and score only;
// the spans and explanations are in the decision itself.
func summarize(sigs []detect.Signal) []map[string]any {
	out := make([]map[string]any, 0, len(sigs))
	for _, s := range sigs {
		m := map[string]any{"category": s.Category, "score": s.Score}
		if s.Entity != "" {
			m["entity"] = s.Entity
		}
		out = append(out, m)
	}
	return out
}

func kinds(as []act.Action) []string {
	out := make([]string, 0, len(as))
	for _, a := range as {
		out = append(out, string(a.Kind))
	}
	return out
}

// Cursor returns the saved cursor of a workspace's channel ("" if none).
func (s *Store) Cursor(ctx context.Context, workspace, channel string) (string, error) {
	var c string
	err := s.r.QueryRowContext(ctx, `SELECT cursor FROM source_cursors WHERE workspace_id = ? AND channel = ?`, workspace, channel).Scan(&c)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("cursor of %s: %w", channel, err)
	}
	return c, nil
}

// InsertItemsAt stores items and the channel's cursor after them in one
// transaction, so a restart resumes exactly after what was stored.
func (s *Store) InsertItemsAt(ctx context.Context, workspace string, items []ingest.Item, channel, cursor, actor string) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := s.insertItems(ctx, tx, workspace, items, actor); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO source_cursors (workspace_id, channel, cursor, updated_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (workspace_id, channel) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
			workspace, channel, cursor, micros(time.Now()))
		return err
	})
	if err != nil {
		return fmt.Errorf("store items from %s: %w", channel, err)
	}
	return nil
}
