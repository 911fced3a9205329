-- Outbound posts and their approval, the registers the pre-publication
-- check reads (consents, protected persons, private events, settings) and
-- the account registry. Times are Unix microseconds (UTC); NULL or 0 means
-- "never". Lists are JSON arrays.

CREATE TABLE outbound_posts (
    id           INTEGER PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    text         TEXT NOT NULL,
    lang         TEXT NOT NULL DEFAULT '',
    channels     TEXT NOT NULL DEFAULT '[]',
    scheduled_at INTEGER NOT NULL DEFAULT 0,
    tagged       TEXT NOT NULL DEFAULT '[]',
    photo_people TEXT NOT NULL DEFAULT '[]',
    revision     INTEGER NOT NULL CHECK (revision >= 1),
    status       TEXT NOT NULL CHECK (status IN ('draft', 'pending', 'approved', 'rejected', 'published')),
    findings     TEXT NOT NULL DEFAULT '',
    created_by   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_by   TEXT NOT NULL,
    updated_at   INTEGER NOT NULL,
    submitted_by TEXT NOT NULL DEFAULT '',
    submitted_at INTEGER NOT NULL DEFAULT 0,
    decided_by   TEXT NOT NULL DEFAULT '',
    decided_at   INTEGER NOT NULL DEFAULT 0,
    comment      TEXT NOT NULL DEFAULT '',
    published_by TEXT NOT NULL DEFAULT '',
    published_at INTEGER NOT NULL DEFAULT 0,
    -- Four eyes, whatever the code above: nobody approves what they wrote
    -- or last changed.
    CHECK (status NOT IN ('approved', 'published') OR (decided_by != created_by AND decided_by != updated_by AND decided_by != ''))
) STRICT;
CREATE INDEX outbound_posts_ws ON outbound_posts (workspace_id, status, id);

CREATE TRIGGER outbound_posts_published BEFORE UPDATE ON outbound_posts
WHEN OLD.status = 'published'
BEGIN SELECT RAISE(ABORT, 'a published post is kept as it went out'); END;

CREATE TABLE outbound_consents (
    id           INTEGER PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    name         TEXT NOT NULL,
    scope        TEXT NOT NULL CHECK (scope IN ('photo', 'name', 'both')),
    channels     TEXT NOT NULL DEFAULT '[]',
    given_at     INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL DEFAULT 0,
    evidence     TEXT NOT NULL DEFAULT '',
    updated_by   TEXT NOT NULL,
    updated_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX outbound_consents_ws ON outbound_consents (workspace_id, id);

CREATE TABLE outbound_protected (
    id           INTEGER PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    name         TEXT NOT NULL,
    aliases      TEXT NOT NULL DEFAULT '[]',
    reason       TEXT NOT NULL CHECK (reason IN ('client', 'survivor', 'minor', 'staff_at_risk', 'other')),
    updated_by   TEXT NOT NULL,
    updated_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX outbound_protected_ws ON outbound_protected (workspace_id, id);

CREATE TABLE outbound_private_events (
    id           INTEGER PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    label        TEXT NOT NULL,
    places       TEXT NOT NULL DEFAULT '[]',
    start_at     INTEGER NOT NULL,
    end_at       INTEGER NOT NULL CHECK (end_at >= start_at),
    updated_by   TEXT NOT NULL,
    updated_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX outbound_private_events_ws ON outbound_private_events (workspace_id, id);

CREATE TABLE outbound_settings (
    workspace_id TEXT PRIMARY KEY REFERENCES workspaces(id),
    own_contacts TEXT NOT NULL DEFAULT '[]',
    keywords     TEXT NOT NULL DEFAULT '[]',
    help_phone   TEXT NOT NULL DEFAULT '',
    help_url     TEXT NOT NULL DEFAULT '',
    review_days  INTEGER NOT NULL DEFAULT 90 CHECK (review_days >= 1),
    updated_by   TEXT NOT NULL,
    updated_at   INTEGER NOT NULL
) STRICT;

CREATE TABLE brand_accounts (
    id                INTEGER PRIMARY KEY,
    workspace_id      TEXT NOT NULL REFERENCES workspaces(id),
    platform          TEXT NOT NULL,
    handle            TEXT NOT NULL,
    url               TEXT NOT NULL DEFAULT '',
    purpose           TEXT NOT NULL DEFAULT '',
    owners            TEXT NOT NULL DEFAULT '[]', -- user ids
    backup_owners     TEXT NOT NULL DEFAULT '[]',
    two_factor        TEXT NOT NULL DEFAULT '' CHECK (two_factor IN ('', 'app', 'key', 'sms')),
    recovery_contacts TEXT NOT NULL DEFAULT '[]',
    last_review_at    INTEGER NOT NULL DEFAULT 0,
    last_review_by    TEXT NOT NULL DEFAULT '',
    updated_by        TEXT NOT NULL,
    updated_at        INTEGER NOT NULL,
    UNIQUE (workspace_id, platform, handle)
) STRICT;
