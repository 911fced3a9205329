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

// Audit data of account events carries ids, never e-mail addresses or
// names: the chain is append-only, and staff must stay erasable from it.

// actorAnonymous is the audit actor of attempts by someone not (yet)
// authenticated, such as a failed login.
const actorAnonymous = "anonymous"

func userSubject(id int64) string { return fmt.Sprintf("user:%d", id) }

// event builds one audit event; data is marshalled as JSON.
func event(at time.Time, workspace, actor, kind, subject string, data map[string]any) audit.Event {
	ev := audit.Event{At: at, Workspace: workspace, Actor: actor, Kind: kind, Subject: subject}
	if data != nil {
		ev.Data, _ = json.Marshal(data) // maps of plain values always marshal
	}
	return ev
}

// nullMicros stores a zero time as NULL ("never").
func nullMicros(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return micros(t)
}

func fromNullMicros(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return fromMicros(v.Int64)
}

const userColumns = `id, email, display_name, lang, totp_enabled, failed_logins, locked_until, created_at, disabled_at`

func scanUser(row interface{ Scan(...any) error }) (store.User, error) {
	var u store.User
	var locked, disabled sql.NullInt64
	var created int64
	err := row.Scan(&u.ID, &u.Email, &u.DisplayName, &u.Lang, &u.TOTPEnabled, &u.FailedLogins, &locked, &created, &disabled)
	u.LockedUntil, u.CreatedAt, u.DisabledAt = fromNullMicros(locked), fromMicros(created), fromNullMicros(disabled)
	return u, err
}

func userNotFound(id int64) error { return fmt.Errorf("user %d: %w", id, store.ErrNotFound) }

func insertUser(ctx context.Context, tx *sql.Tx, nu store.NewUser, at time.Time) (store.User, error) {
	email := store.NormalizeEmail(nu.Email)
	u, err := scanUser(tx.QueryRowContext(ctx, `INSERT INTO users (email, display_name, lang, password_hash, created_at) VALUES (?, ?, ?, ?, ?) RETURNING `+userColumns,
		email, nu.DisplayName, nu.Lang, nu.PasswordHash, micros(at)))
	if isUniqueViolation(err) {
		return u, fmt.Errorf("user with that e-mail: %w", store.ErrConflict)
	}
	return u, err
}

func insertMembership(ctx context.Context, tx *sql.Tx, m store.Membership, at time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO memberships (workspace_id, user_id, role, added_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
		m.Workspace, m.UserID, m.Role, m.AddedBy, micros(at), micros(at))
	switch {
	case isUniqueViolation(err):
		return fmt.Errorf("user %d in workspace %q: %w", m.UserID, m.Workspace, store.ErrConflict)
	case err != nil && isForeignKey(err):
		return fmt.Errorf("workspace %q or user %d: %w", m.Workspace, m.UserID, store.ErrNotFound)
	}
	return err
}

// CreateUser creates an account and, with a workspace, its membership.
func (s *Store) CreateUser(ctx context.Context, nu store.NewUser, workspace, role string, at time.Time, actor string) (store.User, error) {
	var u store.User
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if u, err = insertUser(ctx, tx, nu, at); err != nil {
			return err
		}
		evs := []audit.Event{event(at, "", actor, "user.created", userSubject(u.ID), map[string]any{"lang": u.Lang})}
		if workspace != "" {
			if err := insertMembership(ctx, tx, store.Membership{Workspace: workspace, UserID: u.ID, Role: role, AddedBy: actor}, at); err != nil {
				return err
			}
			evs = append(evs, event(at, workspace, actor, "member.added", userSubject(u.ID), map[string]any{"role": role}))
		}
		_, err = appendAudit(ctx, tx, evs)
		return err
	})
	if err != nil {
		return u, fmt.Errorf("create user: %w", err)
	}
	return u, nil
}

// User returns one account.
func (s *Store) User(ctx context.Context, id int64) (store.User, error) {
	u, err := scanUser(s.r.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return u, userNotFound(id)
	}
	if err != nil {
		return u, fmt.Errorf("user %d: %w", id, err)
	}
	return u, nil
}

// UserByEmail finds an account by normalised e-mail.
func (s *Store) UserByEmail(ctx context.Context, email string) (store.User, error) {
	u, err := scanUser(s.r.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE email = ?`, store.NormalizeEmail(email)))
	if errors.Is(err, sql.ErrNoRows) {
		return u, fmt.Errorf("user by e-mail: %w", store.ErrNotFound)
	}
	if err != nil {
		return u, fmt.Errorf("user by e-mail: %w", err)
	}
	return u, nil
}

// Credentials returns a user's secrets.
func (s *Store) Credentials(ctx context.Context, userID int64) (store.Credentials, error) {
	var c store.Credentials
	err := s.r.QueryRowContext(ctx, `SELECT password_hash, totp_secret, totp_last_step FROM users WHERE id = ?`, userID).Scan(&c.PasswordHash, &c.TOTPSecret, &c.TOTPLastStep)
	if errors.Is(err, sql.ErrNoRows) {
		return c, userNotFound(userID)
	}
	if err != nil {
		return c, fmt.Errorf("credentials of user %d: %w", userID, err)
	}
	return c, nil
}

// UpdateProfile changes the display name and interface language.
func (s *Store) UpdateProfile(ctx context.Context, userID int64, displayName, lang string, at time.Time, actor string) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET display_name = ?, lang = ? WHERE id = ?`, displayName, lang, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return userNotFound(userID)
		}
		_, err = appendAudit(ctx, tx, []audit.Event{event(at, "", actor, "user.profile_changed", userSubject(userID), map[string]any{"lang": lang})})
		return err
	})
	if err != nil {
		return fmt.Errorf("update profile: %w", err)
	}
	return nil
}

// otherActiveAdmins counts the workspace's admins other than userID whose
// accounts are not disabled.
func otherActiveAdmins(ctx context.Context, tx *sql.Tx, workspace string, userID int64) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM memberships m JOIN users u ON u.id = m.user_id
		WHERE m.workspace_id = ? AND m.role = ? AND m.user_id != ? AND u.disabled_at IS NULL`, workspace, store.AdminRole, userID).Scan(&n)
	return n, err
}

// deleteSessionsOf ends every session of a user.
func deleteSessionsOf(ctx context.Context, tx *sql.Tx, userID int64) (int, error) {
	res, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ?`, userID)
	if err != nil {
		return 0, fmt.Errorf("delete sessions: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// revokeTokensOf revokes the live API tokens the user created, in one
// workspace or (workspace "") in all, and returns one audit event each.
func revokeTokensOf(ctx context.Context, tx *sql.Tx, userID int64, workspace string, at time.Time, actor string) ([]audit.Event, error) {
	q := `UPDATE api_tokens SET revoked_at = ? WHERE created_by = ? AND revoked_at IS NULL`
	args := []any{micros(at), userSubject(userID)}
	if workspace != "" {
		q += ` AND workspace_id = ?`
		args = append(args, workspace)
	}
	rows, err := tx.QueryContext(ctx, q+` RETURNING id, workspace_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("revoke tokens: %w", err)
	}
	defer rows.Close()
	var evs []audit.Event
	for rows.Next() {
		var id int64
		var ws string
		if err := rows.Scan(&id, &ws); err != nil {
			return nil, fmt.Errorf("revoke tokens: %w", err)
		}
		evs = append(evs, event(at, ws, actor, "token.revoked", fmt.Sprintf("token:%d", id), map[string]any{"created_by": userSubject(userID)}))
	}
	return evs, rows.Err()
}

// DisableUser disables an account and ends everything it could still use.
func (s *Store) DisableUser(ctx context.Context, userID int64, at time.Time, actor string) (store.Revoked, error) {
	var rv store.Revoked
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var disabled sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT disabled_at FROM users WHERE id = ?`, userID).Scan(&disabled)
		if errors.Is(err, sql.ErrNoRows) {
			return userNotFound(userID)
		}
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT workspace_id FROM memberships WHERE user_id = ? AND role = ?`, userID, store.AdminRole)
		if err != nil {
			return err
		}
		var adminOf []string
		for rows.Next() {
			var ws string
			if err := rows.Scan(&ws); err != nil {
				rows.Close()
				return err
			}
			adminOf = append(adminOf, ws)
		}
		if err := rows.Close(); err != nil {
			return err
		}
		for _, ws := range adminOf {
			n, err := otherActiveAdmins(ctx, tx, ws, userID)
			if err != nil {
				return err
			}
			if n == 0 {
				return fmt.Errorf("user %d is the last admin of %q: %w", userID, ws, store.ErrLastAdmin)
			}
		}
		if !disabled.Valid {
			if _, err := tx.ExecContext(ctx, `UPDATE users SET disabled_at = ? WHERE id = ?`, micros(at), userID); err != nil {
				return err
			}
		}
		if rv.Sessions, err = deleteSessionsOf(ctx, tx, userID); err != nil {
			return err
		}
		tokens, err := revokeTokensOf(ctx, tx, userID, "", at, actor)
		if err != nil {
			return err
		}
		rv.Tokens = len(tokens)
		evs := append([]audit.Event{event(at, "", actor, "user.disabled", userSubject(userID), map[string]any{"sessions_ended": rv.Sessions, "tokens_revoked": rv.Tokens})}, tokens...)
		_, err = appendAudit(ctx, tx, evs)
		return err
	})
	if err != nil {
		return store.Revoked{}, fmt.Errorf("disable user: %w", err)
	}
	return rv, nil
}

// LoginFailed counts a failed attempt and applies the lock-out.
func (s *Store) LoginFailed(ctx context.Context, userID int64, at time.Time, ip, reason string, lock func(failures int) time.Duration) (store.User, error) {
	var u store.User
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		u, err = scanUser(tx.QueryRowContext(ctx, `UPDATE users SET failed_logins = failed_logins + 1 WHERE id = ? RETURNING `+userColumns, userID))
		if errors.Is(err, sql.ErrNoRows) {
			return userNotFound(userID)
		}
		if err != nil {
			return err
		}
		data := map[string]any{"ip": ip, "reason": reason, "failures": u.FailedLogins}
		evs := []audit.Event{event(at, "", actorAnonymous, "auth.login_failed", userSubject(userID), data)}
		var d time.Duration
		if lock != nil {
			d = lock(u.FailedLogins)
		}
		if until := at.Add(d); d > 0 && until.After(u.LockedUntil) {
			if _, err := tx.ExecContext(ctx, `UPDATE users SET locked_until = ? WHERE id = ?`, micros(until), userID); err != nil {
				return err
			}
			u.LockedUntil = until.UTC().Truncate(time.Microsecond)
			evs = append(evs, event(at, "", actorAnonymous, "auth.locked", userSubject(userID), map[string]any{"until": u.LockedUntil, "failures": u.FailedLogins}))
		}
		_, err = appendAudit(ctx, tx, evs)
		return err
	})
	if err != nil {
		return u, fmt.Errorf("record failed login: %w", err)
	}
	return u, nil
}

// LoginSucceeded stores the session, rehashes, and resets the failure count.
func (s *Store) LoginSucceeded(ctx context.Context, sess store.Session, rehash string, resetFailures bool) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		// The no-op assignment keeps the statement valid with nothing else to set.
		q, args := `UPDATE users SET id = id`, []any{}
		if resetFailures {
			q += `, failed_logins = 0, locked_until = NULL`
		}
		if rehash != "" {
			q += `, password_hash = ?`
			args = append(args, rehash)
		}
		res, err := tx.ExecContext(ctx, q+` WHERE id = ? AND disabled_at IS NULL`, append(args, sess.UserID)...)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return userNotFound(sess.UserID)
		}
		if err := insertSession(ctx, tx, sess); err != nil {
			return err
		}
		data := map[string]any{"ip": sess.IP, "rehashed": rehash != ""}
		_, err = appendAudit(ctx, tx, []audit.Event{event(sess.CreatedAt, "", userSubject(sess.UserID), "auth.login", userSubject(sess.UserID), data)})
		return err
	})
	if err != nil {
		return fmt.Errorf("record login: %w", err)
	}
	return nil
}

func insertSession(ctx context.Context, tx *sql.Tx, sess store.Session) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, expires_at, second_factor_at, csrf_secret, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		sess.IDHash, sess.UserID, micros(sess.CreatedAt), micros(sess.LastSeenAt), micros(sess.ExpiresAt), nullMicros(sess.SecondFactorAt), sess.CSRFSecret, sess.IP, sess.UserAgent)
	if isUniqueViolation(err) {
		return fmt.Errorf("session: %w", store.ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("insert session: %w", err)
	}
	return nil
}

// Session finds a session by the hash of its id.
func (s *Store) Session(ctx context.Context, idHash []byte) (store.Session, error) {
	var sess store.Session
	var created, seen, expires int64
	var second sql.NullInt64
	err := s.r.QueryRowContext(ctx, `SELECT id_hash, user_id, created_at, last_seen_at, expires_at, second_factor_at, csrf_secret, ip, user_agent FROM sessions WHERE id_hash = ?`, idHash).
		Scan(&sess.IDHash, &sess.UserID, &created, &seen, &expires, &second, &sess.CSRFSecret, &sess.IP, &sess.UserAgent)
	if errors.Is(err, sql.ErrNoRows) {
		return sess, fmt.Errorf("session: %w", store.ErrNotFound)
	}
	if err != nil {
		return sess, fmt.Errorf("session: %w", err)
	}
	sess.CreatedAt, sess.LastSeenAt, sess.ExpiresAt, sess.SecondFactorAt = fromMicros(created), fromMicros(seen), fromMicros(expires), fromNullMicros(second)
	return sess, nil
}

// TouchSession moves last_seen_at forward (never back).
func (s *Store) TouchSession(ctx context.Context, idHash []byte, at time.Time) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE sessions SET last_seen_at = max(last_seen_at, ?) WHERE id_hash = ?`, micros(at), idHash)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("session: %w", store.ErrNotFound)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("touch session: %w", err)
	}
	return nil
}

// DeleteSession ends one session.
func (s *Store) DeleteSession(ctx context.Context, idHash []byte, at time.Time, actor string) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var userID int64
		err := tx.QueryRowContext(ctx, `DELETE FROM sessions WHERE id_hash = ? RETURNING user_id`, idHash).Scan(&userID)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("session: %w", store.ErrNotFound)
		}
		if err != nil {
			return err
		}
		_, err = appendAudit(ctx, tx, []audit.Event{event(at, "", actor, "auth.logout", userSubject(userID), nil)})
		return err
	})
	if err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// PurgeSessions deletes expired sessions (housekeeping, not audited: their
// users did nothing).
func (s *Store) PurgeSessions(ctx context.Context, at, idleBefore time.Time) (int, error) {
	var n int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?`, micros(at), micros(idleBefore))
		if err != nil {
			return err
		}
		n, _ = res.RowsAffected()
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("purge sessions: %w", err)
	}
	return int(n), nil
}

// userExists tells ErrNotFound apart from a state conflict after an
// UPDATE that matched nothing.
func userExists(ctx context.Context, tx *sql.Tx, userID int64) error {
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM users WHERE id = ?`, userID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return userNotFound(userID)
	}
	return err
}

// markSecondFactor records that a session of userID passed the second
// factor, which completes a login: the failure count starts over.
func markSecondFactor(ctx context.Context, tx *sql.Tx, sessionHash []byte, userID int64, at time.Time) error {
	res, err := tx.ExecContext(ctx, `UPDATE sessions SET second_factor_at = ? WHERE id_hash = ? AND user_id = ?`, micros(at), sessionHash, userID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("session of user %d: %w", userID, store.ErrNotFound)
	}
	_, err = tx.ExecContext(ctx, `UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?`, userID)
	return err
}

// SetTOTPSecret stores a pending TOTP secret.
func (s *Store) SetTOTPSecret(ctx context.Context, userID int64, sealed []byte, at time.Time, actor string) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET totp_secret = ? WHERE id = ? AND totp_enabled = 0`, sealed, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			if err := userExists(ctx, tx, userID); err != nil {
				return err
			}
			return fmt.Errorf("TOTP already enabled: %w", store.ErrConflict)
		}
		_, err = appendAudit(ctx, tx, []audit.Event{event(at, "", actor, "totp.enrolment_started", userSubject(userID), nil)})
		return err
	})
	if err != nil {
		return fmt.Errorf("set TOTP secret: %w", err)
	}
	return nil
}

// EnableTOTP turns TOTP on, replaces the recovery codes and verifies the session.
func (s *Store) EnableTOTP(ctx context.Context, userID int64, step int64, recoveryHashes [][]byte, sessionHash []byte, at time.Time, actor string) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET totp_enabled = 1, totp_last_step = ? WHERE id = ? AND totp_enabled = 0 AND totp_secret IS NOT NULL`, step, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			if err := userExists(ctx, tx, userID); err != nil {
				return err
			}
			return fmt.Errorf("TOTP already enabled or never enrolled: %w", store.ErrConflict)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM recovery_codes WHERE user_id = ?`, userID); err != nil {
			return err
		}
		for _, h := range recoveryHashes {
			if _, err := tx.ExecContext(ctx, `INSERT INTO recovery_codes (user_id, hash) VALUES (?, ?)`, userID, h); err != nil {
				return fmt.Errorf("recovery code: %w", err)
			}
		}
		if err := markSecondFactor(ctx, tx, sessionHash, userID, at); err != nil {
			return err
		}
		_, err = appendAudit(ctx, tx, []audit.Event{event(at, "", actor, "totp.enabled", userSubject(userID), map[string]any{"recovery_codes": len(recoveryHashes)})})
		return err
	})
	if err != nil {
		return fmt.Errorf("enable TOTP: %w", err)
	}
	return nil
}

// VerifySecondFactor accepts a TOTP step once and verifies the session.
func (s *Store) VerifySecondFactor(ctx context.Context, sessionHash []byte, userID, step int64, at time.Time, actor string) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		// The condition on the last step makes the replay check atomic.
		res, err := tx.ExecContext(ctx, `UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_enabled = 1 AND totp_last_step < ?`, step, userID, step)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			if err := userExists(ctx, tx, userID); err != nil {
				return err
			}
			return fmt.Errorf("TOTP code already used or TOTP not enabled: %w", store.ErrConflict)
		}
		if err := markSecondFactor(ctx, tx, sessionHash, userID, at); err != nil {
			return err
		}
		_, err = appendAudit(ctx, tx, []audit.Event{event(at, "", actor, "auth.second_factor", userSubject(userID), map[string]any{"method": "totp"})})
		return err
	})
	if err != nil {
		return fmt.Errorf("verify second factor: %w", err)
	}
	return nil
}

// UseRecoveryCode spends a recovery code and verifies the session.
func (s *Store) UseRecoveryCode(ctx context.Context, sessionHash []byte, userID int64, codeHash []byte, at time.Time, actor string) (int, error) {
	var remaining int
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND hash = ? AND used_at IS NULL`, micros(at), userID, codeHash)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("recovery code: %w", store.ErrNotFound)
		}
		if err := markSecondFactor(ctx, tx, sessionHash, userID, at); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL`, userID).Scan(&remaining); err != nil {
			return err
		}
		_, err = appendAudit(ctx, tx, []audit.Event{event(at, "", actor, "auth.second_factor", userSubject(userID), map[string]any{"method": "recovery_code", "remaining": remaining})})
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("use recovery code: %w", err)
	}
	return remaining, nil
}

// AddMember adds a user to a workspace.
func (s *Store) AddMember(ctx context.Context, m store.Membership, at time.Time, actor string) error {
	m.AddedBy = actor
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := insertMembership(ctx, tx, m, at); err != nil {
			return err
		}
		_, err := appendAudit(ctx, tx, []audit.Event{event(at, m.Workspace, actor, "member.added", userSubject(m.UserID), map[string]any{"role": m.Role})})
		return err
	})
	if err != nil {
		return fmt.Errorf("add member: %w", err)
	}
	return nil
}

const membershipColumns = `m.workspace_id, m.user_id, m.role, m.added_by, m.created_at, m.updated_at`

func scanMembership(row interface{ Scan(...any) error }, extra ...any) (store.Membership, error) {
	var m store.Membership
	var created, updated int64
	err := row.Scan(append([]any{&m.Workspace, &m.UserID, &m.Role, &m.AddedBy, &created, &updated}, extra...)...)
	m.CreatedAt, m.UpdatedAt = fromMicros(created), fromMicros(updated)
	return m, err
}

// Membership returns a user's membership of a workspace.
func (s *Store) Membership(ctx context.Context, workspace string, userID int64) (store.Membership, error) {
	m, err := scanMembership(s.r.QueryRowContext(ctx, `SELECT `+membershipColumns+` FROM memberships m WHERE m.workspace_id = ? AND m.user_id = ?`, workspace, userID))
	if errors.Is(err, sql.ErrNoRows) {
		return m, fmt.Errorf("user %d in workspace %q: %w", userID, workspace, store.ErrNotFound)
	}
	if err != nil {
		return m, fmt.Errorf("membership: %w", err)
	}
	return m, nil
}

// Memberships lists a user's memberships.
func (s *Store) Memberships(ctx context.Context, userID int64) ([]store.Membership, error) {
	scan := func(r scanner) (store.Membership, error) { return scanMembership(r) }
	return queryAll(ctx, s.r, "memberships", scan, `SELECT `+membershipColumns+` FROM memberships m WHERE m.user_id = ? ORDER BY m.workspace_id`, userID)
}

// Members lists a workspace's members with their users.
func (s *Store) Members(ctx context.Context, workspace string) ([]store.Member, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+membershipColumns+`, u.id, u.email, u.display_name, u.lang, u.totp_enabled, u.failed_logins, u.locked_until, u.created_at, u.disabled_at
		FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = ? ORDER BY u.email`, workspace)
	if err != nil {
		return nil, fmt.Errorf("members: %w", err)
	}
	defer rows.Close()
	var out []store.Member
	for rows.Next() {
		var mb store.Member
		var locked, disabled sql.NullInt64
		var created int64
		u := &mb.User
		m, err := scanMembership(rows, &u.ID, &u.Email, &u.DisplayName, &u.Lang, &u.TOTPEnabled, &u.FailedLogins, &locked, &created, &disabled)
		if err != nil {
			return nil, fmt.Errorf("members: %w", err)
		}
		mb.Membership = m
		u.LockedUntil, u.CreatedAt, u.DisabledAt = fromNullMicros(locked), fromMicros(created), fromNullMicros(disabled)
		out = append(out, mb)
	}
	return out, rows.Err()
}

// currentRole reads a member's role inside tx.
func currentRole(ctx context.Context, tx *sql.Tx, workspace string, userID int64) (string, error) {
	var role string
	err := tx.QueryRowContext(ctx, `SELECT role FROM memberships WHERE workspace_id = ? AND user_id = ?`, workspace, userID).Scan(&role)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("user %d in workspace %q: %w", userID, workspace, store.ErrNotFound)
	}
	return role, err
}

// guardLastAdmin refuses to take the admin role away from the last active
// admin of a workspace.
func guardLastAdmin(ctx context.Context, tx *sql.Tx, workspace string, userID int64, oldRole string) error {
	if oldRole != store.AdminRole {
		return nil
	}
	n, err := otherActiveAdmins(ctx, tx, workspace, userID)
	if err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("user %d is the last admin of %q: %w", userID, workspace, store.ErrLastAdmin)
	}
	return nil
}

// SetRole changes a member's role.
func (s *Store) SetRole(ctx context.Context, workspace string, userID int64, role string, at time.Time, actor string) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		old, err := currentRole(ctx, tx, workspace, userID)
		if err != nil {
			return err
		}
		if old == role {
			return nil // nothing changed, nothing to audit
		}
		if role != store.AdminRole {
			if err := guardLastAdmin(ctx, tx, workspace, userID, old); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE memberships SET role = ?, updated_at = ? WHERE workspace_id = ? AND user_id = ?`, role, micros(at), workspace, userID); err != nil {
			return err
		}
		_, err = appendAudit(ctx, tx, []audit.Event{event(at, workspace, actor, "member.role_changed", userSubject(userID), map[string]any{"from": old, "to": role})})
		return err
	})
	if err != nil {
		return fmt.Errorf("set role: %w", err)
	}
	return nil
}

// RemoveMember removes a member, ends their sessions and revokes their tokens.
func (s *Store) RemoveMember(ctx context.Context, workspace string, userID int64, at time.Time, actor string) (store.Revoked, error) {
	var rv store.Revoked
	err := s.tx(ctx, func(tx *sql.Tx) error {
		old, err := currentRole(ctx, tx, workspace, userID)
		if err != nil {
			return err
		}
		if err := guardLastAdmin(ctx, tx, workspace, userID, old); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM memberships WHERE workspace_id = ? AND user_id = ?`, workspace, userID); err != nil {
			return err
		}
		// Sessions are per user, not per workspace: all of them end, and
		// the person logs in again for any workspace they still belong to.
		if rv.Sessions, err = deleteSessionsOf(ctx, tx, userID); err != nil {
			return err
		}
		tokens, err := revokeTokensOf(ctx, tx, userID, workspace, at, actor)
		if err != nil {
			return err
		}
		rv.Tokens = len(tokens)
		evs := append([]audit.Event{event(at, workspace, actor, "member.removed", userSubject(userID),
			map[string]any{"role": old, "sessions_ended": rv.Sessions, "tokens_revoked": rv.Tokens})}, tokens...)
		_, err = appendAudit(ctx, tx, evs)
		return err
	})
	if err != nil {
		return store.Revoked{}, fmt.Errorf("remove member: %w", err)
	}
	return rv, nil
}

// RevokeTokensOf revokes every live API token the user created.
func (s *Store) RevokeTokensOf(ctx context.Context, userID int64, at time.Time, actor string) (int, error) {
	var n int
	err := s.tx(ctx, func(tx *sql.Tx) error {
		evs, err := revokeTokensOf(ctx, tx, userID, "", at, actor)
		if err != nil {
			return err
		}
		n = len(evs)
		_, err = appendAudit(ctx, tx, evs)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("revoke tokens of user %d: %w", userID, err)
	}
	return n, nil
}

const invitationColumns = `id, workspace_id, email, role, token_hash, invited_by, created_at, expires_at, accepted_at, accepted_by, revoked_at`

func scanInvitation(row scanner) (store.Invitation, error) {
	var inv store.Invitation
	var created, expires int64
	var accepted, acceptedBy, revoked sql.NullInt64
	err := row.Scan(&inv.ID, &inv.Workspace, &inv.Email, &inv.Role, &inv.TokenHash, &inv.InvitedBy, &created, &expires, &accepted, &acceptedBy, &revoked)
	inv.CreatedAt, inv.ExpiresAt, inv.AcceptedAt, inv.RevokedAt = fromMicros(created), fromMicros(expires), fromNullMicros(accepted), fromNullMicros(revoked)
	inv.AcceptedBy = acceptedBy.Int64
	return inv, err
}

// CreateInvitation stores an invitation, replacing pending ones for the same person.
func (s *Store) CreateInvitation(ctx context.Context, inv store.Invitation, actor string) (int64, error) {
	email := store.NormalizeEmail(inv.Email)
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var member int
		err := tx.QueryRowContext(ctx, `SELECT count(*) FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = ? AND u.email = ?`, inv.Workspace, email).Scan(&member)
		if err != nil {
			return err
		}
		if member > 0 {
			return fmt.Errorf("already a member of %q: %w", inv.Workspace, store.ErrConflict)
		}
		rows, err := tx.QueryContext(ctx, `UPDATE invitations SET revoked_at = ? WHERE workspace_id = ? AND email = ? AND accepted_at IS NULL AND revoked_at IS NULL RETURNING id`,
			micros(inv.CreatedAt), inv.Workspace, email)
		if err != nil {
			return err
		}
		var replaced []int64
		for rows.Next() {
			var old int64
			if err := rows.Scan(&old); err != nil {
				rows.Close()
				return err
			}
			replaced = append(replaced, old)
		}
		if err := rows.Close(); err != nil {
			return err
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO invitations (workspace_id, email, role, token_hash, invited_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			inv.Workspace, email, inv.Role, inv.TokenHash, actor, micros(inv.CreatedAt), micros(inv.ExpiresAt)).Scan(&id)
		switch {
		case isUniqueViolation(err):
			return fmt.Errorf("invitation token: %w", store.ErrConflict)
		case err != nil && isForeignKey(err):
			return fmt.Errorf("workspace %q: %w", inv.Workspace, store.ErrNotFound)
		case err != nil:
			return err
		}
		var evs []audit.Event
		for _, old := range replaced {
			evs = append(evs, event(inv.CreatedAt, inv.Workspace, actor, "invitation.revoked", fmt.Sprintf("invitation:%d", old), map[string]any{"replaced_by": id}))
		}
		evs = append(evs, event(inv.CreatedAt, inv.Workspace, actor, "invitation.created", fmt.Sprintf("invitation:%d", id),
			map[string]any{"role": inv.Role, "expires_at": inv.ExpiresAt.UTC()}))
		_, err = appendAudit(ctx, tx, evs)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("create invitation: %w", err)
	}
	return id, nil
}

// Invitation finds an invitation by its token's hash.
func (s *Store) Invitation(ctx context.Context, tokenHash []byte) (store.Invitation, error) {
	inv, err := scanInvitation(s.r.QueryRowContext(ctx, `SELECT `+invitationColumns+` FROM invitations WHERE token_hash = ?`, tokenHash))
	if errors.Is(err, sql.ErrNoRows) {
		return inv, fmt.Errorf("invitation: %w", store.ErrNotFound)
	}
	if err != nil {
		return inv, fmt.Errorf("invitation: %w", err)
	}
	return inv, nil
}

// Invitations lists a workspace's pending invitations.
func (s *Store) Invitations(ctx context.Context, workspace string, at time.Time) ([]store.Invitation, error) {
	return queryAll(ctx, s.r, "invitations", scanInvitation, `SELECT `+invitationColumns+` FROM invitations
		WHERE workspace_id = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ? ORDER BY created_at DESC, id DESC`, workspace, micros(at))
}

// RevokeInvitation withdraws a pending invitation.
func (s *Store) RevokeInvitation(ctx context.Context, workspace string, id int64, at time.Time, actor string) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE invitations SET revoked_at = ? WHERE id = ? AND workspace_id = ? AND accepted_at IS NULL AND revoked_at IS NULL`, micros(at), id, workspace)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("pending invitation %d in %q: %w", id, workspace, store.ErrNotFound)
		}
		_, err = appendAudit(ctx, tx, []audit.Event{event(at, workspace, actor, "invitation.revoked", fmt.Sprintf("invitation:%d", id), nil)})
		return err
	})
	if err != nil {
		return fmt.Errorf("revoke invitation: %w", err)
	}
	return nil
}

// AcceptInvitation spends an invitation, creating the account if needed.
func (s *Store) AcceptInvitation(ctx context.Context, tokenHash []byte, at time.Time, userID int64, nu *store.NewUser) (store.User, error) {
	var u store.User
	err := s.tx(ctx, func(tx *sql.Tx) error {
		inv, err := scanInvitation(tx.QueryRowContext(ctx, `SELECT `+invitationColumns+` FROM invitations WHERE token_hash = ?`, tokenHash))
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("invitation: %w", store.ErrNotFound)
		case err != nil:
			return err
		case !inv.RevokedAt.IsZero():
			return fmt.Errorf("invitation %d was withdrawn: %w", inv.ID, store.ErrNotFound)
		case !inv.AcceptedAt.IsZero():
			return fmt.Errorf("invitation %d already used: %w", inv.ID, store.ErrConflict)
		case !at.Before(inv.ExpiresAt):
			return fmt.Errorf("invitation %d: %w", inv.ID, store.ErrExpired)
		}
		var evs []audit.Event
		if userID == 0 {
			if nu == nil || store.NormalizeEmail(nu.Email) != inv.Email {
				return fmt.Errorf("invitation %d: new account must have the invited e-mail", inv.ID)
			}
			if u, err = insertUser(ctx, tx, *nu, at); err != nil {
				return err
			}
			evs = append(evs, event(at, "", userSubject(u.ID), "user.created", userSubject(u.ID), map[string]any{"lang": u.Lang, "invitation": inv.ID}))
		} else {
			u, err = scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = ? AND disabled_at IS NULL`, userID))
			if errors.Is(err, sql.ErrNoRows) {
				return userNotFound(userID)
			}
			if err != nil {
				return err
			}
			if u.Email != inv.Email {
				return fmt.Errorf("invitation %d is for another e-mail: %w", inv.ID, store.ErrNotFound)
			}
		}
		if err := insertMembership(ctx, tx, store.Membership{Workspace: inv.Workspace, UserID: u.ID, Role: inv.Role, AddedBy: inv.InvitedBy}, at); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE invitations SET accepted_at = ?, accepted_by = ? WHERE id = ?`, micros(at), u.ID, inv.ID); err != nil {
			return err
		}
		actor := userSubject(u.ID)
		evs = append(evs,
			event(at, inv.Workspace, actor, "invitation.accepted", fmt.Sprintf("invitation:%d", inv.ID), nil),
			event(at, inv.Workspace, actor, "member.added", actor, map[string]any{"role": inv.Role, "invited_by": inv.InvitedBy}))
		_, err = appendAudit(ctx, tx, evs)
		return err
	})
	if err != nil {
		return u, fmt.Errorf("accept invitation: %w", err)
	}
	return u, nil
}
