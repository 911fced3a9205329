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

// The author's name comes from the users table when the author is a user
// ("user:<id>"); a system author or a deleted user shows no name.
const policyVersionSelect = `SELECT v.id, v.workspace_id, v.number, v.answers, v.policy_yaml, v.policy_version, v.lang, v.public, v.internal,
	v.note, v.author, COALESCE(u.display_name, ''), v.created_at, v.live, v.published_by, v.published_at
	FROM policy_versions v LEFT JOIN users u ON v.author = 'user:' || u.id`

func scanPolicyVersion(row scanner) (store.PolicyVersion, error) {
	var v store.PolicyVersion
	var answers, public string
	var created, published int64
	var live int
	err := row.Scan(&v.ID, &v.Workspace, &v.Number, &answers, &v.PolicyYAML, &v.PolicyVersion, &v.Lang, &public, &v.Internal,
		&v.Note, &v.Author, &v.AuthorName, &created, &live, &v.PublishedBy, &published)
	if err != nil {
		return v, err
	}
	v.Answers = json.RawMessage(answers)
	if err := json.Unmarshal([]byte(public), &v.Public); err != nil {
		return v, fmt.Errorf("policy version %d: public guidelines: %w", v.ID, err)
	}
	v.CreatedAt, v.PublishedAt, v.Live = fromMicros(created), fromMicros(published), live == 1
	return v, nil
}

func policyVersionSubject(ws string, n int) string { return fmt.Sprintf("policy_version:%s/%d", ws, n) }

// SavePolicyVersion stores a new version of the builder's output.
func (s *Store) SavePolicyVersion(ctx context.Context, workspace string, nv store.NewPolicyVersion, actor string) (store.PolicyVersion, error) {
	if nv.Number <= 0 {
		return store.PolicyVersion{}, errors.New("save policy version: the number must be 1 or more")
	}
	if len(nv.PolicyYAML) == 0 || nv.PolicyVersion == "" || nv.Lang == "" {
		return store.PolicyVersion{}, errors.New("save policy version: the policy file, its version and the language are required")
	}
	if !json.Valid(nv.Answers) {
		return store.PolicyVersion{}, errors.New("save policy version: the answers are not valid JSON")
	}
	if nv.Public == nil {
		nv.Public = map[string]string{}
	}
	public, err := json.Marshal(nv.Public)
	if err != nil {
		return store.PolicyVersion{}, fmt.Errorf("save policy version: %w", err)
	}
	at := nv.At
	if at.IsZero() {
		at = time.Now()
	}
	at = at.UTC()
	var id int64
	err = s.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO policy_versions (workspace_id, number, answers, policy_yaml, policy_version, lang, public, internal, note, author, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			workspace, nv.Number, string(nv.Answers), nv.PolicyYAML, nv.PolicyVersion, nv.Lang, string(public), nv.Internal, nv.Note, actor, micros(at)).Scan(&id)
		switch {
		case isUniqueViolation(err):
			return fmt.Errorf("version %d of %s: %w", nv.Number, workspace, store.ErrConflict)
		case err != nil && isForeignKey(err):
			return fmt.Errorf("workspace %q: %w", workspace, store.ErrNotFound)
		case err != nil:
			return err
		}
		// The audit keeps fingerprints, not the texts: the version row has them.
		_, err = appendAudit(ctx, tx, []audit.Event{{At: at, Workspace: workspace, Actor: actor, Kind: "policy.version_saved",
			Subject: policyVersionSubject(workspace, nv.Number),
			Data: caseData(map[string]any{"number": nv.Number, "policy_version": nv.PolicyVersion, "policy_sha256": sha256Hex(nv.PolicyYAML),
				"internal_sha256": sha256Hex([]byte(nv.Internal)), "public_sha256": sha256Hex(public), "note": nv.Note})}})
		return err
	})
	if err != nil {
		return store.PolicyVersion{}, fmt.Errorf("save policy version: %w", err)
	}
	return s.PolicyVersionByNumber(ctx, workspace, nv.Number)
}

// PolicyVersions lists a workspace's versions, newest first.
func (s *Store) PolicyVersions(ctx context.Context, workspace string) ([]store.PolicyVersion, error) {
	return queryAll(ctx, s.r, "policy versions", scanPolicyVersion, policyVersionSelect+` WHERE v.workspace_id = ? ORDER BY v.number DESC`, workspace)
}

// PolicyVersionByNumber returns one version.
func (s *Store) PolicyVersionByNumber(ctx context.Context, workspace string, number int) (store.PolicyVersion, error) {
	v, err := scanPolicyVersion(s.r.QueryRowContext(ctx, policyVersionSelect+` WHERE v.workspace_id = ? AND v.number = ?`, workspace, number))
	if errors.Is(err, sql.ErrNoRows) {
		return v, fmt.Errorf("policy version %d of %s: %w", number, workspace, store.ErrNotFound)
	}
	if err != nil {
		return v, fmt.Errorf("policy version %d of %s: %w", number, workspace, err)
	}
	return v, nil
}

// LivePolicyVersion returns the published version.
func (s *Store) LivePolicyVersion(ctx context.Context, workspace string) (store.PolicyVersion, error) {
	v, err := scanPolicyVersion(s.r.QueryRowContext(ctx, policyVersionSelect+` WHERE v.workspace_id = ? AND v.live = 1`, workspace))
	if errors.Is(err, sql.ErrNoRows) {
		return v, fmt.Errorf("published guidelines of %s: %w", workspace, store.ErrNotFound)
	}
	if err != nil {
		return v, fmt.Errorf("published guidelines of %s: %w", workspace, err)
	}
	return v, nil
}

// PublishPolicyVersion makes a version live and its policy the workspace's.
func (s *Store) PublishPolicyVersion(ctx context.Context, workspace string, number int, actor string, at time.Time) (store.PolicyVersion, error) {
	if at.IsZero() {
		at = time.Now()
	}
	at = at.UTC()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var id int64
		var yaml []byte
		var version string
		err := tx.QueryRowContext(ctx, `SELECT id, policy_yaml, policy_version FROM policy_versions WHERE workspace_id = ? AND number = ?`, workspace, number).Scan(&id, &yaml, &version)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("policy version %d of %s: %w", number, workspace, store.ErrNotFound)
		}
		if err != nil {
			return err
		}
		var old string
		if err := tx.QueryRowContext(ctx, `SELECT policy_version FROM workspaces WHERE id = ?`, workspace).Scan(&old); err != nil {
			return err
		}
		var prev int
		err = tx.QueryRowContext(ctx, `SELECT number FROM policy_versions WHERE workspace_id = ? AND live = 1`, workspace).Scan(&prev)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE policy_versions SET live = 0 WHERE workspace_id = ? AND live = 1`, workspace); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE policy_versions SET live = 1, published_by = ?, published_at = ? WHERE id = ?`, actor, micros(at), id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE workspaces SET policy_yaml = ?, policy_version = ? WHERE id = ?`, yaml, version, workspace); err != nil {
			return err
		}
		_, err = appendAudit(ctx, tx, []audit.Event{
			{At: at, Workspace: workspace, Actor: actor, Kind: "policy.changed", Subject: "policy:" + version,
				Data: caseData(map[string]any{"from": old, "to": version, "bytes": len(yaml), "policy_version_number": number})},
			{At: at, Workspace: workspace, Actor: actor, Kind: "policy.published", Subject: policyVersionSubject(workspace, number),
				Data: caseData(map[string]any{"number": number, "previous": prev, "policy_version": version})},
		})
		return err
	})
	if err != nil {
		return store.PolicyVersion{}, fmt.Errorf("publish policy version: %w", err)
	}
	return s.PolicyVersionByNumber(ctx, workspace, number)
}
