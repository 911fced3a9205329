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

// CreateWorkspace creates a workspace; ErrConflict if the id is taken.
func (s *Store) CreateWorkspace(ctx context.Context, ws store.Workspace, actor string) error {
	now := time.Now().UTC()
	wctx, _ := json.Marshal(ws.Context)
	err := s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO workspaces (id, name, policy_yaml, policy_version, context, created_at, sandbox) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			ws.ID, ws.Name, ws.PolicyYAML, ws.PolicyVersion, string(wctx), micros(now), ws.Sandbox)
		if isUniqueViolation(err) {
			return fmt.Errorf("workspace %q: %w", ws.ID, store.ErrConflict)
		}
		if err != nil {
			return err
		}
		data, _ := json.Marshal(map[string]any{"name": ws.Name, "policy_version": ws.PolicyVersion, "sandbox": ws.Sandbox})
		_, err = appendAudit(ctx, tx, []audit.Event{{At: now, Workspace: ws.ID, Actor: actor, Kind: "workspace.created", Subject: "workspace:" + ws.ID, Data: data}})
		return err
	})
	if err != nil {
		return fmt.Errorf("create workspace: %w", err)
	}
	return nil
}

const workspaceColumns = `id, name, policy_yaml, policy_version, context, created_at, sandbox`

func scanWorkspace(row scanner) (store.Workspace, error) {
	var ws store.Workspace
	var wctx string
	var created int64
	if err := row.Scan(&ws.ID, &ws.Name, &ws.PolicyYAML, &ws.PolicyVersion, &wctx, &created, &ws.Sandbox); err != nil {
		return ws, err
	}
	ws.CreatedAt = fromMicros(created)
	if err := json.Unmarshal([]byte(wctx), &ws.Context); err != nil {
		return ws, fmt.Errorf("workspace %s context: %w", ws.ID, err)
	}
	return ws, nil
}

// Workspace returns one workspace.
func (s *Store) Workspace(ctx context.Context, id string) (store.Workspace, error) {
	ws, err := scanWorkspace(s.r.QueryRowContext(ctx, `SELECT `+workspaceColumns+` FROM workspaces WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return ws, fmt.Errorf("workspace %q: %w", id, store.ErrNotFound)
	}
	return ws, err
}

// Workspaces lists all workspaces.
func (s *Store) Workspaces(ctx context.Context) ([]store.Workspace, error) {
	return queryAll(ctx, s.r, "list workspaces", scanWorkspace, `SELECT `+workspaceColumns+` FROM workspaces ORDER BY id`)
}

// SetPolicy replaces a workspace's policy and audits the change.
func (s *Store) SetPolicy(ctx context.Context, workspace string, yaml []byte, version, actor string) error {
	now := time.Now().UTC()
	return s.tx(ctx, func(tx *sql.Tx) error {
		var old string
		err := tx.QueryRowContext(ctx, `SELECT policy_version FROM workspaces WHERE id = ?`, workspace).Scan(&old)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("workspace %q: %w", workspace, store.ErrNotFound)
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE workspaces SET policy_yaml = ?, policy_version = ? WHERE id = ?`, yaml, version, workspace); err != nil {
			return err
		}
		data, _ := json.Marshal(map[string]any{"from": old, "to": version, "bytes": len(yaml)})
		_, err = appendAudit(ctx, tx, []audit.Event{{At: now, Workspace: workspace, Actor: actor, Kind: "policy.changed", Subject: "policy:" + version, Data: data}})
		return err
	})
}

// CreateToken stores the hash of a new API token.
func (s *Store) CreateToken(ctx context.Context, workspace, name string, hash []byte, actor string) (int64, error) {
	now := time.Now().UTC()
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO api_tokens (workspace_id, name, hash, created_at) VALUES (?, ?, ?, ?) RETURNING id`, workspace, name, hash, micros(now)).Scan(&id)
		if isUniqueViolation(err) {
			return fmt.Errorf("token: %w", store.ErrConflict)
		}
		if err != nil && isForeignKey(err) {
			return fmt.Errorf("workspace %q: %w", workspace, store.ErrNotFound)
		}
		if err != nil {
			return err
		}
		data, _ := json.Marshal(map[string]any{"name": name})
		_, err = appendAudit(ctx, tx, []audit.Event{{At: now, Workspace: workspace, Actor: actor, Kind: "token.created", Subject: fmt.Sprintf("token:%d", id), Data: data}})
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("create token: %w", err)
	}
	return id, nil
}

// TokenWorkspace finds the workspace of a live token.
func (s *Store) TokenWorkspace(ctx context.Context, hash []byte) (string, int64, error) {
	var ws string
	var id int64
	err := s.r.QueryRowContext(ctx, `SELECT workspace_id, id FROM api_tokens WHERE hash = ? AND revoked_at IS NULL`, hash).Scan(&ws, &id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", 0, fmt.Errorf("token: %w", store.ErrNotFound)
	}
	return ws, id, err
}
