-- Stormwatch schema, version 2: desk accounts. Times are Unix microseconds
-- (UTC); NULL means "never". Users are global (one person, one account);
-- what they may do is per workspace, through memberships.

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    email          TEXT NOT NULL UNIQUE, -- normalised (trimmed, lower-cased) by store.NormalizeEmail
    display_name   TEXT NOT NULL,
    lang           TEXT NOT NULL DEFAULT 'en' CHECK (lang IN ('en', 'fr', 'nl', 'sv', 'nb', 'de')),
    password_hash  TEXT NOT NULL,              -- argon2id, PHC string format
    totp_secret    BLOB,                       -- sealed by package auth (AES-GCM when a key is configured)
    totp_enabled   INTEGER NOT NULL DEFAULT 0,
    totp_last_step INTEGER NOT NULL DEFAULT 0, -- replay guard: codes of this step or earlier are refused
    failed_logins  INTEGER NOT NULL DEFAULT 0,
    locked_until   INTEGER,
    created_at     INTEGER NOT NULL,
    disabled_at    INTEGER
) STRICT;

-- Single-use recovery codes; 80 random bits each, so SHA-256 is enough.
CREATE TABLE recovery_codes (
    user_id INTEGER NOT NULL REFERENCES users(id),
    hash    BLOB NOT NULL,
    used_at INTEGER,
    PRIMARY KEY (user_id, hash)
) STRICT;

CREATE TABLE memberships (
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    user_id      INTEGER NOT NULL REFERENCES users(id),
    role         TEXT NOT NULL CHECK (role IN ('admin', 'crisis_lead', 'approver', 'spokesperson', 'moderator', 'viewer')),
    added_by     TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
) STRICT;
CREATE INDEX memberships_user ON memberships (user_id);

-- The session id lives only in the browser's cookie; this is its SHA-256.
CREATE TABLE sessions (
    id_hash          BLOB PRIMARY KEY,
    user_id          INTEGER NOT NULL REFERENCES users(id),
    created_at       INTEGER NOT NULL,
    last_seen_at     INTEGER NOT NULL,
    expires_at       INTEGER NOT NULL, -- absolute; the idle limit is applied by package auth
    second_factor_at INTEGER,
    csrf_secret      BLOB NOT NULL,
    ip               TEXT NOT NULL DEFAULT '',
    user_agent       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE invitations (
    id           INTEGER PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    email        TEXT NOT NULL, -- normalised
    role         TEXT NOT NULL CHECK (role IN ('admin', 'crisis_lead', 'approver', 'spokesperson', 'moderator', 'viewer')),
    token_hash   BLOB NOT NULL UNIQUE, -- SHA-256 of the token; the token itself is never stored
    invited_by   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    accepted_at  INTEGER,
    accepted_by  INTEGER REFERENCES users(id),
    revoked_at   INTEGER
) STRICT;
CREATE INDEX invitations_ws_email ON invitations (workspace_id, email);

-- Who created each API token (an audit actor such as "user:12"), so that
-- removing a member revokes the tokens they made.
ALTER TABLE api_tokens ADD COLUMN created_by TEXT NOT NULL DEFAULT '';
CREATE INDEX api_tokens_created_by ON api_tokens (created_by) WHERE revoked_at IS NULL;

-- Tokens made before this version: their creator is in the audit trail.
UPDATE api_tokens SET created_by = coalesce(
    (SELECT actor FROM audit_events WHERE kind = 'token.created' AND subject = 'token:' || api_tokens.id ORDER BY seq LIMIT 1), '');

-- CreateToken audits "token.created" with the actor in the same
-- transaction as the insert; this copies that actor onto the token, so
-- created_by is filled without CreateToken knowing about the column. If
-- CreateToken ever writes created_by itself, the guard makes this a no-op.
CREATE TRIGGER api_tokens_fill_created_by AFTER INSERT ON audit_events
WHEN NEW.kind = 'token.created' AND NEW.subject GLOB 'token:[0-9]*'
BEGIN
    UPDATE api_tokens SET created_by = NEW.actor
    WHERE id = CAST(substr(NEW.subject, 7) AS INTEGER) AND created_by = '';
END;
