package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/stormwatch/stormwatch/internal/audit"
	"github.com/stormwatch/stormwatch/internal/store"
)

const channelColumns = `id, workspace_id, kind, name, settings, credentials, key_id, secret_hints, credentials_set_at, enabled,
	created_at, updated_at, last_error, last_error_at, last_item_at`

func scanChannel(row scanner) (store.Channel, error) {
	var c store.Channel
	var settings, hints string
	var enabled int
	var credSet, created, updated, errAt, itemAt int64
	err := row.Scan(&c.ID, &c.Workspace, &c.Kind, &c.Name, &settings, &c.Credentials, &c.KeyID, &hints, &credSet, &enabled,
		&created, &updated, &c.LastError, &errAt, &itemAt)
	if err != nil {
		return c, err
	}
	if err := json.Unmarshal([]byte(settings), &c.Settings); err != nil {
		return c, fmt.Errorf("channel %s settings: %w", c.ID, err)
	}
	if err := json.Unmarshal([]byte(hints), &c.SecretHints); err != nil {
		return c, fmt.Errorf("channel %s hints: %w", c.ID, err)
	}
	c.Enabled = enabled != 0
	c.CredentialsSetAt, c.CreatedAt, c.UpdatedAt = fromMicros(credSet), fromMicros(created), fromMicros(updated)
	c.LastErrorAt, c.LastItemAt = fromMicros(errAt), fromMicros(itemAt)
	return c, nil
}

func channelSubject(id string) string { return "channel:" + id }

// channelAudit is what the audit says of a channel: never its secrets,
// ciphertext or hints; the names of the secrets set are enough to follow
// who changed what.
func channelAudit(c store.Channel, extra map[string]any) json.RawMessage {
	m := map[string]any{"kind": c.Kind, "name": c.Name, "settings": c.Settings, "enabled": c.Enabled}
	if len(c.SecretHints) > 0 {
		m["secrets"] = slices.Sorted(maps.Keys(c.SecretHints))
	}
	maps.Copy(m, extra)
	return caseData(m)
}

func getChannel(ctx context.Context, q caseQueryer, workspace, id string) (store.Channel, error) {
	c, err := scanChannel(q.QueryRowContext(ctx, `SELECT `+channelColumns+` FROM channels WHERE workspace_id = ? AND id = ?`, workspace, id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("channel %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("channel %s: %w", id, err)
	}
	return c, nil
}

func orEmpty(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

// CreateChannel stores a new channel and audits it.
func (s *Store) CreateChannel(ctx context.Context, ch store.Channel, actor string) error {
	if ch.ID == "" || ch.Workspace == "" || ch.Kind == "" {
		return errors.New("create channel: id, workspace and kind are required")
	}
	now := time.Now().UTC()
	ch.Settings, ch.SecretHints = orEmpty(ch.Settings), orEmpty(ch.SecretHints)
	settings, _ := json.Marshal(ch.Settings)
	hints, _ := json.Marshal(ch.SecretHints)
	err := s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO channels (id, workspace_id, kind, name, settings, credentials, key_id, secret_hints, credentials_set_at, enabled, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			ch.ID, ch.Workspace, ch.Kind, ch.Name, string(settings), ch.Credentials, ch.KeyID, string(hints), micros(ch.CredentialsSetAt), boolInt(ch.Enabled), micros(now), micros(now))
		if isUniqueViolation(err) || (err != nil && errors.Is(err, sql.ErrNoRows)) {
			return fmt.Errorf("channel %s: %w", ch.ID, store.ErrConflict)
		}
		if err != nil {
			return err
		}
		_, err = appendAudit(ctx, tx, []audit.Event{{At: now, Workspace: ch.Workspace, Actor: actor, Kind: "channel.created", Subject: channelSubject(ch.ID), Data: channelAudit(ch, nil)}})
		return err
	})
	if err != nil {
		return fmt.Errorf("create channel: %w", err)
	}
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Channel reads one channel of a workspace.
func (s *Store) Channel(ctx context.Context, workspace, id string) (store.Channel, error) {
	return getChannel(ctx, s.r, workspace, id)
}

// ChannelByID reads one channel by its id alone.
func (s *Store) ChannelByID(ctx context.Context, id string) (store.Channel, error) {
	c, err := scanChannel(s.r.QueryRowContext(ctx, `SELECT `+channelColumns+` FROM channels WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("channel %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("channel %s: %w", id, err)
	}
	return c, nil
}

// ListChannels lists a workspace's channels, or every channel for "".
func (s *Store) ListChannels(ctx context.Context, workspace string) ([]store.Channel, error) {
	if workspace == "" {
		return queryAll(ctx, s.r, "list channels", scanChannel, `SELECT `+channelColumns+` FROM channels ORDER BY workspace_id, name, id`)
	}
	return queryAll(ctx, s.r, "list channels", scanChannel, `SELECT `+channelColumns+` FROM channels WHERE workspace_id = ? ORDER BY name, id`, workspace)
}

// updateChannel reads a channel in tx, lets change modify it, writes the
// columns a person may change back, and audits kind with the new state.
func (s *Store) updateChannel(ctx context.Context, workspace, id, actor, kind string, change func(*store.Channel) map[string]any) (store.Channel, error) {
	var out store.Channel
	err := s.tx(ctx, func(tx *sql.Tx) error {
		c, err := getChannel(ctx, tx, workspace, id)
		if err != nil {
			return err
		}
		extra := change(&c)
		now := time.Now().UTC()
		c.UpdatedAt = now
		c.Settings, c.SecretHints = orEmpty(c.Settings), orEmpty(c.SecretHints)
		settings, _ := json.Marshal(c.Settings)
		hints, _ := json.Marshal(c.SecretHints)
		if _, err := tx.ExecContext(ctx, `UPDATE channels SET name = ?, settings = ?, credentials = ?, key_id = ?, secret_hints = ?, credentials_set_at = ?, enabled = ?, updated_at = ?
			WHERE workspace_id = ? AND id = ?`,
			c.Name, string(settings), c.Credentials, c.KeyID, string(hints), micros(c.CredentialsSetAt), boolInt(c.Enabled), micros(now), workspace, id); err != nil {
			return err
		}
		if _, err := appendAudit(ctx, tx, []audit.Event{{At: now, Workspace: workspace, Actor: actor, Kind: kind, Subject: channelSubject(id), Data: channelAudit(c, extra)}}); err != nil {
			return err
		}
		out = c
		return nil
	})
	if err != nil {
		return out, fmt.Errorf("%s: %w", kind, err)
	}
	return out, nil
}

// UpdateChannel changes a channel's name and settings.
func (s *Store) UpdateChannel(ctx context.Context, workspace, id, name string, settings map[string]string, actor string) (store.Channel, error) {
	return s.updateChannel(ctx, workspace, id, actor, "channel.updated", func(c *store.Channel) map[string]any {
		c.Name, c.Settings = name, settings
		return nil
	})
}

// SetChannelEnabled turns a channel on or off.
func (s *Store) SetChannelEnabled(ctx context.Context, workspace, id string, enabled bool, actor string) (store.Channel, error) {
	kind := "channel.disabled"
	if enabled {
		kind = "channel.enabled"
	}
	return s.updateChannel(ctx, workspace, id, actor, kind, func(c *store.Channel) map[string]any {
		c.Enabled = enabled
		return nil
	})
}

// SetChannelCredentials replaces a channel's sealed secrets.
func (s *Store) SetChannelCredentials(ctx context.Context, workspace, id string, cr store.ChannelCredentials, actor string) (store.Channel, error) {
	return s.updateChannel(ctx, workspace, id, actor, "channel.credentials_replaced", func(c *store.Channel) map[string]any {
		c.Credentials, c.KeyID, c.SecretHints, c.CredentialsSetAt = cr.Sealed, cr.KeyID, cr.Hints, cr.SetAt
		if c.CredentialsSetAt.IsZero() {
			c.CredentialsSetAt = time.Now().UTC()
		}
		return map[string]any{"key_id": cr.KeyID}
	})
}

// RekeyChannelCredentials re-seals a channel's secrets with another key,
// compare-and-swap on the key that sealed them.
func (s *Store) RekeyChannelCredentials(ctx context.Context, workspace, id, fromKeyID string, sealed []byte, keyID, actor string) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		now := time.Now().UTC()
		res, err := tx.ExecContext(ctx, `UPDATE channels SET credentials = ?, key_id = ?, updated_at = ? WHERE workspace_id = ? AND id = ? AND key_id = ?`,
			sealed, keyID, micros(now), workspace, id, fromKeyID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			if _, err := getChannel(ctx, tx, workspace, id); err != nil {
				return err
			}
			return fmt.Errorf("channel %s is no longer sealed with key %s: %w", id, fromKeyID, store.ErrConflict)
		}
		_, err = appendAudit(ctx, tx, []audit.Event{{At: now, Workspace: workspace, Actor: actor, Kind: "channel.credentials_rekeyed", Subject: channelSubject(id),
			Data: caseData(map[string]any{"from_key_id": fromKeyID, "key_id": keyID})}})
		return err
	})
	if err != nil {
		return fmt.Errorf("rekey channel %s: %w", id, err)
	}
	return nil
}

// DeleteChannel removes a channel and its cursor; its items stay.
func (s *Store) DeleteChannel(ctx context.Context, workspace, id, actor string) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		c, err := getChannel(ctx, tx, workspace, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM channels WHERE workspace_id = ? AND id = ?`, workspace, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM source_cursors WHERE workspace_id = ? AND channel = ?`, workspace, c.Kind+":"+c.ID); err != nil {
			return err
		}
		_, err = appendAudit(ctx, tx, []audit.Event{{At: time.Now().UTC(), Workspace: workspace, Actor: actor, Kind: "channel.removed", Subject: channelSubject(id), Data: channelAudit(c, nil)}})
		return err
	})
	if err != nil {
		return fmt.Errorf("remove channel: %w", err)
	}
	return nil
}

// SetChannelHealth records what the supervisor observed.
func (s *Store) SetChannelHealth(ctx context.Context, workspace, id string, h store.ChannelHealth) error {
	at := h.At
	if at.IsZero() {
		at = time.Now()
	}
	var err error
	switch {
	case h.Err != nil && !h.ItemAt.IsZero():
		_, err = s.w.ExecContext(ctx, `UPDATE channels SET last_error = ?, last_error_at = ?, last_item_at = max(last_item_at, ?) WHERE workspace_id = ? AND id = ?`,
			*h.Err, micros(at), micros(h.ItemAt), workspace, id)
	case h.Err != nil:
		_, err = s.w.ExecContext(ctx, `UPDATE channels SET last_error = ?, last_error_at = ? WHERE workspace_id = ? AND id = ?`, *h.Err, micros(at), workspace, id)
	case !h.ItemAt.IsZero():
		_, err = s.w.ExecContext(ctx, `UPDATE channels SET last_item_at = max(last_item_at, ?) WHERE workspace_id = ? AND id = ?`, micros(h.ItemAt), workspace, id)
	}
	if err != nil {
		return fmt.Errorf("channel %s health: %w", id, err)
	}
	return nil
}
