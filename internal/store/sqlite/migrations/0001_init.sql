-- Stormwatch schema, version 1. Times are Unix microseconds (UTC).

CREATE TABLE workspaces (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    policy_yaml    BLOB,
    policy_version TEXT NOT NULL DEFAULT '',
    context        TEXT NOT NULL DEFAULT '{}', -- JSON: staff names, org names, domains
    created_at     INTEGER NOT NULL
) STRICT;

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    name         TEXT NOT NULL,
    hash         BLOB NOT NULL UNIQUE, -- SHA-256 of the token; the token itself is never stored
    created_at   INTEGER NOT NULL,
    revoked_at   INTEGER
) STRICT;

CREATE TABLE items (
    id           INTEGER PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    channel      TEXT NOT NULL,
    platform_id  TEXT NOT NULL,
    kind         TEXT NOT NULL,
    text         TEXT NOT NULL,
    author_id    TEXT NOT NULL DEFAULT '',
    author_name  TEXT NOT NULL DEFAULT '',
    thread_id    TEXT NOT NULL DEFAULT '',
    parent_id    TEXT NOT NULL DEFAULT '',
    url          TEXT NOT NULL DEFAULT '',
    lang         TEXT NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL,
    received_at  INTEGER NOT NULL,
    raw          BLOB,
    decided      INTEGER NOT NULL DEFAULT 0,
    UNIQUE (workspace_id, channel, platform_id)
) STRICT;
CREATE INDEX items_pending ON items (id) WHERE decided = 0;
CREATE INDEX items_ws_received ON items (workspace_id, received_at);

CREATE TABLE decisions (
    item_id        INTEGER PRIMARY KEY REFERENCES items(id),
    workspace_id   TEXT NOT NULL,
    lang           TEXT NOT NULL,
    signals        TEXT NOT NULL, -- JSON array of signals
    action         TEXT NOT NULL,
    rules          TEXT NOT NULL, -- JSON array of rule ids
    policy_version TEXT NOT NULL,
    detectors      TEXT NOT NULL, -- JSON array of name/version
    detail         TEXT,
    decided_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX decisions_ws_action ON decisions (workspace_id, action, decided_at);

CREATE TABLE actions (
    id              INTEGER PRIMARY KEY,
    workspace_id    TEXT NOT NULL,
    item_id         INTEGER NOT NULL REFERENCES items(id),
    channel         TEXT NOT NULL,
    kind            TEXT NOT NULL,
    params          TEXT,
    rule_id         TEXT NOT NULL DEFAULT '',
    requested_by    TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    status          TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT NOT NULL DEFAULT '',
    result          TEXT NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX actions_due ON actions (next_attempt_at) WHERE status = 'pending';
CREATE INDEX actions_running ON actions (id) WHERE status = 'running';
CREATE INDEX actions_item ON actions (item_id);

-- What the dry-run actor "did", as a platform would have done it. No unique
-- constraint on purpose: deduplication is the actor's job, and tests count
-- rows per key to prove that no effect happened twice.
CREATE TABLE dryrun_effects (
    id              INTEGER PRIMARY KEY,
    idempotency_key TEXT NOT NULL,
    workspace_id    TEXT NOT NULL,
    item_id         INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    at              INTEGER NOT NULL
) STRICT;
CREATE INDEX dryrun_effects_key ON dryrun_effects (idempotency_key);

CREATE TABLE cases (
    id           INTEGER PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    title        TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'open',
    severity     TEXT NOT NULL DEFAULT 'normal',
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
) STRICT;

CREATE TABLE case_items (
    case_id         INTEGER NOT NULL REFERENCES cases(id),
    item_id         INTEGER NOT NULL REFERENCES items(id),
    added_by        TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    added_at        INTEGER NOT NULL,
    PRIMARY KEY (case_id, item_id)
) STRICT;

-- Append-only: the triggers refuse updates and deletes through SQL; the
-- hash chain catches anything done around them.
CREATE TABLE audit_events (
    seq          INTEGER PRIMARY KEY,
    at           INTEGER NOT NULL,
    workspace_id TEXT NOT NULL,
    actor        TEXT NOT NULL,
    kind         TEXT NOT NULL,
    subject      TEXT NOT NULL,
    data         BLOB,
    prev_hash    BLOB NOT NULL,
    hash         BLOB NOT NULL
) STRICT;
CREATE INDEX audit_ws ON audit_events (workspace_id, seq);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
