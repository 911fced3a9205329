-- Connected channels: kind, non-secret settings, credentials sealed with
-- AES-256-GCM by the application (this database never holds a readable
-- secret), and the health the supervisor observes.
CREATE TABLE channels (
    id                 TEXT PRIMARY KEY, -- opaque random "ch_…", used in webhook URLs
    workspace_id       TEXT NOT NULL REFERENCES workspaces(id),
    kind               TEXT NOT NULL,
    name               TEXT NOT NULL,
    settings           TEXT NOT NULL DEFAULT '{}', -- JSON object of strings
    credentials        BLOB,                        -- sealed secrets
    key_id             TEXT NOT NULL DEFAULT '',    -- key that sealed them
    secret_hints       TEXT NOT NULL DEFAULT '{}',  -- JSON: secret name -> last characters
    credentials_set_at INTEGER NOT NULL DEFAULT 0,
    enabled            INTEGER NOT NULL DEFAULT 1,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    last_error         TEXT NOT NULL DEFAULT '',
    last_error_at      INTEGER NOT NULL DEFAULT 0,
    last_item_at       INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX channels_ws ON channels (workspace_id, name);
