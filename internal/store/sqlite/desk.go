package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/stormwatch/stormwatch/internal/audit"
	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/store"
)

// statusExpr is an item's status: a person's, else the policy's verdict.
const statusExpr = `COALESCE(st.status, CASE d.action WHEN 'review' THEN 'to_review' WHEN 'hide' THEN 'hidden' WHEN 'delete' THEN 'deleted' WHEN 'allow' THEN 'allowed' ELSE 'pending' END)`

// harmfulSignals selects the signals of d that are harm (not complaint,
// question or praise); severityExpr grades them as store.QueueItem says.
const (
	harmfulSignals = `FROM json_each(d.signals) j WHERE json_extract(j.value, '$.category') NOT IN ('complaint', 'question', 'praise')`
	severityExpr   = `COALESCE((SELECT max(CASE WHEN COALESCE(json_extract(j.value, '$.severity'), 0) > 0 THEN json_extract(j.value, '$.severity')
		WHEN json_extract(j.value, '$.score') >= 0.9 THEN 3 WHEN json_extract(j.value, '$.score') >= 0.6 THEN 2 ELSE 1 END) ` + harmfulSignals + `), 0)`
)

// queueColumns leave out the raw payload: the list does not show it and
// it can be large.
const queueColumns = `i.id, i.workspace_id, i.channel, i.platform_id, i.kind, i.text, i.author_id, i.author_name, i.thread_id, i.parent_id, i.url, i.lang, i.created_at, i.received_at, NULL,
	d.item_id IS NOT NULL, COALESCE(d.lang, ''), COALESCE(d.signals, '[]'), COALESCE(d.action, ''), COALESCE(d.rules, '[]'), COALESCE(d.policy_version, ''), COALESCE(d.detectors, '[]'), COALESCE(d.decided_at, 0), ` + statusExpr

const queueFrom = ` FROM items i LEFT JOIN decisions d ON d.item_id = i.id LEFT JOIN item_status st ON st.item_id = i.id`

func scanQueueItem(row interface{ Scan(...any) error }) (store.QueueItem, error) {
	var q store.QueueItem
	var decided bool
	var d store.Decision
	var signals, rules, detectors string
	var decidedAt int64
	var kind string
	var created, received int64
	var raw []byte
	it := &q.Item
	err := row.Scan(&it.ID, &it.Workspace, &it.Channel, &it.PlatformID, &kind, &it.Text, &it.AuthorID, &it.AuthorName,
		&it.ThreadID, &it.ParentID, &it.URL, &it.Lang, &created, &received, &raw,
		&decided, &d.Lang, &signals, &d.Action, &rules, &d.PolicyVersion, &detectors, &decidedAt, &q.Status)
	if err != nil {
		return q, err
	}
	it.Kind = ingest.Kind(kind)
	it.CreatedAt, it.ReceivedAt = fromMicros(created), fromMicros(received)
	if decided {
		d.ItemID, d.Workspace, d.DecidedAt = it.ID, it.Workspace, fromMicros(decidedAt)
		for _, f := range []struct {
			src string
			dst any
		}{{signals, &d.Signals}, {rules, &d.Rules}, {detectors, &d.Detectors}} {
			if err := json.Unmarshal([]byte(f.src), f.dst); err != nil {
				return q, fmt.Errorf("decision on item %d: %w", it.ID, err)
			}
		}
		q.Decision = &d
		q.Severity = Severity(d.Signals)
	}
	return q, nil
}

// Severity grades signals as store.QueueItem.Severity says; it matches
// severityExpr, which filters by it in SQL.
func Severity(sigs []detect.Signal) int {
	max := 0
	for _, s := range sigs {
		switch s.Category {
		case detect.Complaint, detect.Question, detect.Praise:
			continue
		}
		g := s.Severity
		if g <= 0 {
			switch {
			case s.Score >= 0.9:
				g = 3
			case s.Score >= 0.6:
				g = 2
			default:
				g = 1
			}
		}
		if g > max {
			max = g
		}
	}
	return max
}

// Queue lists a workspace's items with their decisions, newest first.
func (s *Store) Queue(ctx context.Context, workspace string, f store.QueueFilter, at time.Time) ([]store.QueueItem, error) {
	where := []string{"i.workspace_id = ?"}
	args := []any{workspace}
	add := func(cond string, a ...any) { where = append(where, cond); args = append(args, a...) }
	if f.Channel != "" {
		add("i.channel = ?", f.Channel)
	}
	if f.Category != "" {
		add("EXISTS (SELECT 1 FROM json_each(d.signals) j WHERE json_extract(j.value, '$.category') = ?)", f.Category)
	}
	if f.MinSeverity > 0 {
		add(severityExpr+" >= ?", f.MinSeverity)
	}
	if f.Lang != "" {
		add("(COALESCE(NULLIF(d.lang, ''), i.lang) = ? OR i.lang = ?)", f.Lang, f.Lang)
	}
	if f.Status != "" {
		add(statusExpr+" = ?", f.Status)
	}
	if f.Author != "" {
		add("(i.author_id = ? OR i.author_name LIKE '%' || ? || '%' ESCAPE '\\')", f.Author, escapeLike(f.Author))
	}
	if !f.Since.IsZero() {
		add("i.received_at >= ?", micros(f.Since))
	}
	if !f.Until.IsZero() {
		add("i.received_at < ?", micros(f.Until))
	}
	if f.Thread != "" {
		add("i.thread_id = ?", f.Thread)
	}
	if f.BeforeID > 0 {
		add("i.id < ?", f.BeforeID)
	}
	if f.AfterID > 0 {
		add("i.id > ?", f.AfterID)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	limit = min(limit, 1000)
	q := `SELECT ` + queueColumns + queueFrom + ` WHERE ` + strings.Join(where, " AND ") + ` ORDER BY i.id DESC LIMIT ?`
	rows, err := s.r.QueryContext(ctx, q, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("queue: %w", err)
	}
	defer rows.Close()
	var out []store.QueueItem
	for rows.Next() {
		qi, err := scanQueueItem(rows)
		if err != nil {
			return nil, fmt.Errorf("queue: %w", err)
		}
		out = append(out, qi)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("queue: %w", err)
	}
	return out, s.attachClaims(ctx, workspace, out, at)
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// attachClaims sets each item's live claim, on the item or its thread.
func (s *Store) attachClaims(ctx context.Context, workspace string, qs []store.QueueItem, at time.Time) error {
	if len(qs) == 0 {
		return nil
	}
	claims, err := s.Claims(ctx, workspace, at)
	if err != nil || len(claims) == 0 {
		return err
	}
	by := make(map[string]*store.Claim, len(claims))
	for i := range claims {
		by[claims[i].Subject] = &claims[i]
	}
	for i := range qs {
		it := qs[i].Item
		if c, ok := by[fmt.Sprintf("item:%d", it.ID)]; ok {
			qs[i].Claim = c
		} else if it.ThreadID != "" {
			qs[i].Claim = by["thread:"+it.Channel+":"+it.ThreadID]
		}
	}
	return nil
}

// QueueItem is one item as Queue shows it, with its raw payload.
func (s *Store) QueueItem(ctx context.Context, workspace string, id int64, at time.Time) (store.QueueItem, error) {
	qi, err := scanQueueItem(s.r.QueryRowContext(ctx, `SELECT `+queueColumns+queueFrom+` WHERE i.workspace_id = ? AND i.id = ?`, workspace, id))
	if errors.Is(err, sql.ErrNoRows) {
		return qi, fmt.Errorf("item %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return qi, fmt.Errorf("item %d: %w", id, err)
	}
	one := []store.QueueItem{qi}
	if err := s.attachClaims(ctx, workspace, one, at); err != nil {
		return qi, err
	}
	return one[0], nil
}

// Channels lists the channels a workspace has items from.
func (s *Store) Channels(ctx context.Context, workspace string) ([]string, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT DISTINCT channel FROM items WHERE workspace_id = ? ORDER BY channel`, workspace)
	if err != nil {
		return nil, fmt.Errorf("channels: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, fmt.Errorf("channels: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ApplyStep stores a person's step and its audit event in one transaction.
func (s *Store) ApplyStep(ctx context.Context, st store.DeskStep) (bool, error) {
	if st.Key == "" {
		return false, errors.New("desk step: empty idempotency key")
	}
	applied := false
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var channel, authorID string
		err := tx.QueryRowContext(ctx, `SELECT channel, author_id FROM items WHERE workspace_id = ? AND id = ?`, st.Workspace, st.ItemID).Scan(&channel, &authorID)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("item %d: %w", st.ItemID, store.ErrNotFound)
		}
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO desk_steps (key, workspace_id, item_id, user_id, kind, at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`,
			st.Key, st.Workspace, st.ItemID, st.UserID, st.Kind, micros(st.At))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil // the same step again: nothing to do
		}
		applied = true
		actor := fmt.Sprintf("user:%d", st.UserID)
		if st.Status != "" {
			if _, err := tx.ExecContext(ctx, `INSERT INTO item_status (item_id, workspace_id, status, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (item_id) DO UPDATE SET status = excluded.status, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
				st.ItemID, st.Workspace, st.Status, actor, micros(st.At)); err != nil {
				return fmt.Errorf("status: %w", err)
			}
		}
		var kinds []string
		for _, a := range st.Actions {
			var params any
			if len(a.Params) > 0 {
				params = string(a.Params)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO actions (workspace_id, item_id, channel, kind, params, rule_id, requested_by, idempotency_key, status, attempts, next_attempt_at, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`,
				st.Workspace, st.ItemID, channel, string(a.Kind), params, a.RuleID, actor, a.IdempotencyKey, micros(st.At), micros(st.At), micros(st.At)); err != nil {
				return fmt.Errorf("action %s: %w", a.Kind, err)
			}
			kinds = append(kinds, string(a.Kind))
		}
		data := map[string]any{"status": st.Status, "actions": nonNil(kinds), "key": st.Key}
		if c := st.Correction; c != nil {
			cats, _ := json.Marshal(nonNil(c.Categories))
			if _, err := tx.ExecContext(ctx, `INSERT INTO corrections (workspace_id, item_id, old_verdict, new_verdict, categories, user_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				st.Workspace, st.ItemID, c.OldVerdict, c.NewVerdict, string(cats), st.UserID, micros(st.At)); err != nil {
				return fmt.Errorf("correction: %w", err)
			}
			data["correction"] = map[string]any{"old": c.OldVerdict, "new": c.NewVerdict, "categories": nonNil(c.Categories)}
		}
		if st.AuthorLabel != "" && authorID != "" {
			if _, err := tx.ExecContext(ctx, `INSERT INTO author_labels (workspace_id, channel, author_id, label, set_by, at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
				st.Workspace, channel, authorID, st.AuthorLabel, actor, micros(st.At)); err != nil {
				return fmt.Errorf("author label: %w", err)
			}
			data["author_label"] = st.AuthorLabel
		}
		raw, _ := json.Marshal(data)
		_, err = appendAudit(ctx, tx, []audit.Event{{At: st.At, Workspace: st.Workspace, Actor: actor, Kind: "desk." + st.Kind, Subject: fmt.Sprintf("item:%d", st.ItemID), Data: raw}})
		return err
	})
	if err != nil {
		return false, fmt.Errorf("desk step %s on item %d: %w", st.Kind, st.ItemID, err)
	}
	return applied, nil
}

// Corrections lists a workspace's corrections, oldest first.
func (s *Store) Corrections(ctx context.Context, workspace string) ([]store.Correction, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, workspace_id, item_id, old_verdict, new_verdict, categories, user_id, at FROM corrections WHERE workspace_id = ? ORDER BY id`, workspace)
	if err != nil {
		return nil, fmt.Errorf("corrections: %w", err)
	}
	defer rows.Close()
	var out []store.Correction
	for rows.Next() {
		var c store.Correction
		var cats string
		var at int64
		if err := rows.Scan(&c.ID, &c.Workspace, &c.ItemID, &c.OldVerdict, &c.NewVerdict, &cats, &c.UserID, &at); err != nil {
			return nil, fmt.Errorf("corrections: %w", err)
		}
		c.At = fromMicros(at)
		if err := json.Unmarshal([]byte(cats), &c.Categories); err != nil {
			return nil, fmt.Errorf("correction %d: %w", c.ID, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Author returns an author's labels and counts.
func (s *Store) Author(ctx context.Context, workspace, channel, authorID string) (store.AuthorInfo, error) {
	a := store.AuthorInfo{Channel: channel, AuthorID: authorID}
	err := s.r.QueryRowContext(ctx, `SELECT count(*), COALESCE(sum(CASE WHEN d.item_id IS NOT NULL AND EXISTS (SELECT 1 `+harmfulSignals+`) THEN 1 ELSE 0 END), 0)
		FROM items i LEFT JOIN decisions d ON d.item_id = i.id WHERE i.workspace_id = ? AND i.channel = ? AND i.author_id = ?`, workspace, channel, authorID).Scan(&a.Items, &a.Harmful)
	if err != nil {
		return a, fmt.Errorf("author: %w", err)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT label FROM author_labels WHERE workspace_id = ? AND channel = ? AND author_id = ? ORDER BY label`, workspace, channel, authorID)
	if err != nil {
		return a, fmt.Errorf("author labels: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			return a, fmt.Errorf("author labels: %w", err)
		}
		a.Labels = append(a.Labels, l)
	}
	return a, rows.Err()
}

// Claim gives subject to a user, or extends their claim.
func (s *Store) Claim(ctx context.Context, workspace, subject string, userID int64, at time.Time, ttl time.Duration) (store.Claim, error) {
	var c store.Claim
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var holder int64
		var exp int64
		err := tx.QueryRowContext(ctx, `SELECT user_id, expires_at FROM claims WHERE workspace_id = ? AND subject = ?`, workspace, subject).Scan(&holder, &exp)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if err == nil && holder != userID && exp > micros(at) {
			return store.ErrConflict
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO claims (workspace_id, subject, user_id, claimed_at, expires_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (workspace_id, subject) DO UPDATE SET user_id = excluded.user_id, claimed_at = excluded.claimed_at, expires_at = excluded.expires_at`,
			workspace, subject, userID, micros(at), micros(at.Add(ttl))); err != nil {
			return err
		}
		data, _ := json.Marshal(map[string]any{"expires_at": at.Add(ttl).UTC()})
		_, err = appendAudit(ctx, tx, []audit.Event{{At: at, Workspace: workspace, Actor: fmt.Sprintf("user:%d", userID), Kind: "desk.claim", Subject: subject, Data: data}})
		return err
	})
	if errors.Is(err, store.ErrConflict) {
		live, _ := s.claim(ctx, workspace, subject)
		return live, fmt.Errorf("claim %s: %w", subject, store.ErrConflict)
	}
	if err != nil {
		return c, fmt.Errorf("claim %s: %w", subject, err)
	}
	return s.claim(ctx, workspace, subject)
}

func (s *Store) claim(ctx context.Context, workspace, subject string) (store.Claim, error) {
	c := store.Claim{Workspace: workspace, Subject: subject}
	var claimed, exp int64
	err := s.r.QueryRowContext(ctx, `SELECT c.user_id, u.display_name, c.claimed_at, c.expires_at FROM claims c JOIN users u ON u.id = c.user_id WHERE c.workspace_id = ? AND c.subject = ?`, workspace, subject).
		Scan(&c.UserID, &c.UserName, &claimed, &exp)
	if errors.Is(err, sql.ErrNoRows) {
		return c, store.ErrNotFound
	}
	c.ClaimedAt, c.ExpiresAt = fromMicros(claimed), fromMicros(exp)
	return c, err
}

// Release ends a user's claim.
func (s *Store) Release(ctx context.Context, workspace, subject string, userID int64, at time.Time) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM claims WHERE workspace_id = ? AND subject = ? AND user_id = ?`, workspace, subject, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return store.ErrNotFound
		}
		_, err = appendAudit(ctx, tx, []audit.Event{{At: at, Workspace: workspace, Actor: fmt.Sprintf("user:%d", userID), Kind: "desk.release", Subject: subject}})
		return err
	})
	if err != nil {
		return fmt.Errorf("release %s: %w", subject, err)
	}
	return nil
}

// Claims lists the live claims of a workspace, by subject.
func (s *Store) Claims(ctx context.Context, workspace string, at time.Time) ([]store.Claim, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT c.subject, c.user_id, u.display_name, c.claimed_at, c.expires_at FROM claims c JOIN users u ON u.id = c.user_id
		WHERE c.workspace_id = ? AND c.expires_at > ? ORDER BY c.subject`, workspace, micros(at))
	if err != nil {
		return nil, fmt.Errorf("claims: %w", err)
	}
	defer rows.Close()
	var out []store.Claim
	for rows.Next() {
		c := store.Claim{Workspace: workspace}
		var claimed, exp int64
		if err := rows.Scan(&c.Subject, &c.UserID, &c.UserName, &claimed, &exp); err != nil {
			return nil, fmt.Errorf("claims: %w", err)
		}
		c.ClaimedAt, c.ExpiresAt = fromMicros(claimed), fromMicros(exp)
		out = append(out, c)
	}
	return out, rows.Err()
}

// Stats computes the dashboard's figures.
func (s *Store) Stats(ctx context.Context, workspace string, since, until time.Time, step time.Duration) (store.DeskStats, error) {
	st := store.DeskStats{Categories: map[string]int{}, Channels: map[string]int{}, Statuses: map[string]int{}}
	if step <= 0 || !until.After(since) {
		return st, errors.New("stats: empty period")
	}
	n := int((until.Sub(since) + step - 1) / step)
	if n > 1000 {
		return st, errors.New("stats: too many buckets")
	}
	for b := range n {
		st.Volume = append(st.Volume, store.Bucket{Start: since.Add(time.Duration(b) * step)})
	}
	lo, hi, us := micros(since), micros(until), step.Microseconds()
	rows, err := s.r.QueryContext(ctx, `SELECT (i.received_at - ?) / ?, count(*), COALESCE(sum(CASE WHEN d.item_id IS NOT NULL AND EXISTS (SELECT 1 `+harmfulSignals+`) THEN 1 ELSE 0 END), 0)
		FROM items i LEFT JOIN decisions d ON d.item_id = i.id WHERE i.workspace_id = ? AND i.received_at >= ? AND i.received_at < ? GROUP BY 1`, lo, us, workspace, lo, hi)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	for rows.Next() {
		var b, total, harmful int
		if err := rows.Scan(&b, &total, &harmful); err != nil {
			rows.Close()
			return st, fmt.Errorf("stats: %w", err)
		}
		if b >= 0 && b < n {
			st.Volume[b].Total, st.Volume[b].Harmful = total, harmful
		}
	}
	rows.Close()
	groups := []struct {
		q   string
		dst map[string]int
	}{
		{`SELECT json_extract(j.value, '$.category'), count(DISTINCT i.id) FROM items i JOIN decisions d ON d.item_id = i.id, json_each(d.signals) j
			WHERE i.workspace_id = ? AND i.received_at >= ? AND i.received_at < ? GROUP BY 1`, st.Categories},
		{`SELECT i.channel, count(*) FROM items i WHERE i.workspace_id = ? AND i.received_at >= ? AND i.received_at < ? GROUP BY 1`, st.Channels},
		{`SELECT ` + statusExpr + `, count(*)` + queueFrom + ` WHERE i.workspace_id = ? AND i.received_at >= ? AND i.received_at < ? GROUP BY 1`, st.Statuses},
	}
	for _, g := range groups {
		rows, err := s.r.QueryContext(ctx, g.q, workspace, lo, hi)
		if err != nil {
			return st, fmt.Errorf("stats: %w", err)
		}
		for rows.Next() {
			var k string
			var c int
			if err := rows.Scan(&k, &c); err != nil {
				rows.Close()
				return st, fmt.Errorf("stats: %w", err)
			}
			g.dst[k] = c
		}
		rows.Close()
	}
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM cases WHERE workspace_id = ? AND status = 'open'`, workspace).Scan(&st.OpenCases); err != nil {
		return st, fmt.Errorf("stats: open cases: %w", err)
	}
	return st, nil
}
