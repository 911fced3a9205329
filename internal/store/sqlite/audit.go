package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/stormwatch/stormwatch/internal/audit"
)

// appendAudit seals events onto the chain inside tx. Writes are serialised
// through the single writer connection, so reading the head here is safe.
func appendAudit(ctx context.Context, tx *sql.Tx, events []audit.Event) ([]audit.Event, error) {
	if len(events) == 0 {
		return nil, nil
	}
	var head audit.Head
	err := tx.QueryRowContext(ctx, `SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1`).Scan(&head.Seq, &head.Hash)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("audit head: %w", err)
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO audit_events (seq, at, workspace_id, actor, kind, subject, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	defer stmt.Close()
	for i := range events {
		ev := &events[i]
		audit.Seal(ev, head.Seq, head.Hash)
		if _, err := stmt.ExecContext(ctx, ev.Seq, micros(ev.At), ev.Workspace, ev.Actor, ev.Kind, ev.Subject, []byte(ev.Data), ev.PrevHash, ev.Hash); err != nil {
			return nil, fmt.Errorf("audit %s: %w", ev.Kind, err)
		}
		head = audit.Head{Seq: ev.Seq, Hash: ev.Hash}
	}
	return events, nil
}

// AppendAudit appends one event (a human step, typically).
func (s *Store) AppendAudit(ctx context.Context, ev audit.Event) (audit.Event, error) {
	var out []audit.Event
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = appendAudit(ctx, tx, []audit.Event{ev})
		return err
	})
	if err != nil {
		return ev, fmt.Errorf("append audit: %w", err)
	}
	return out[0], nil
}

// WalkAudit reads the whole chain in order.
func (s *Store) WalkAudit(ctx context.Context, fn func(audit.Event) error) error {
	rows, err := s.r.QueryContext(ctx, `SELECT seq, at, workspace_id, actor, kind, subject, data, prev_hash, hash FROM audit_events ORDER BY seq`)
	if err != nil {
		return fmt.Errorf("read audit: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var ev audit.Event
		var at int64
		var data []byte
		if err := rows.Scan(&ev.Seq, &at, &ev.Workspace, &ev.Actor, &ev.Kind, &ev.Subject, &data, &ev.PrevHash, &ev.Hash); err != nil {
			return fmt.Errorf("read audit: %w", err)
		}
		ev.At = fromMicros(at)
		if len(data) > 0 {
			ev.Data = data
		}
		if err := fn(ev); err != nil {
			return err
		}
	}
	return rows.Err()
}

// AuditHead returns the newest event's sequence and hash.
func (s *Store) AuditHead(ctx context.Context) (audit.Head, error) {
	var h audit.Head
	err := s.r.QueryRowContext(ctx, `SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1`).Scan(&h.Seq, &h.Hash)
	if errors.Is(err, sql.ErrNoRows) {
		return h, nil
	}
	return h, err
}

func isForeignKey(err error) bool {
	return strings.Contains(err.Error(), "FOREIGN KEY constraint failed")
}
