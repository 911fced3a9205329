package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
)

// EffectLog is the dry-run actor's stand-in for a platform: a database file
// of its own (as a platform is a system of its own) that records each
// effect once per idempotency key. Keeping it out of Stormwatch's database
// keeps its writes from queueing behind, and in front of, the pipeline's.
type EffectLog struct{ db *sql.DB }

// OpenEffectLog opens (creating if needed) the effect log at path.
func OpenEffectLog(ctx context.Context, path string) (*EffectLog, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("create effect log folder: %w", err)
	}
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "synchronous(FULL)", "busy_timeout(10000)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open effect log %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	// No unique constraint on purpose: deduplication is the "platform's"
	// job below, and tests count rows per key to prove no effect happened
	// twice.
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS effects (
		id              INTEGER PRIMARY KEY,
		idempotency_key TEXT NOT NULL,
		workspace_id    TEXT NOT NULL,
		item_id         INTEGER NOT NULL,
		kind            TEXT NOT NULL,
		at              INTEGER NOT NULL
	) STRICT;
	CREATE INDEX IF NOT EXISTS effects_key ON effects (idempotency_key)`); err != nil {
		db.Close()
		return nil, fmt.Errorf("effect log schema: %w", err)
	}
	return &EffectLog{db: db}, nil
}

// Close closes the log.
func (l *EffectLog) Close() error { return l.db.Close() }

// RecordEffect applies an effect once per idempotency key and reports
// whether this call applied it.
func (l *EffectLog) RecordEffect(ctx context.Context, a act.Action) (bool, error) {
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM effects WHERE idempotency_key = ?`, a.IdempotencyKey).Scan(&n); err != nil {
		return false, err
	}
	if n > 0 {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO effects (idempotency_key, workspace_id, item_id, kind, at) VALUES (?, ?, ?, ?, ?)`,
		a.IdempotencyKey, a.Workspace, a.ItemID, string(a.Kind), micros(time.Now())); err != nil {
		return false, err
	}
	return true, tx.Commit()
}
