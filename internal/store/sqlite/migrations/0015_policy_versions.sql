-- The policy builder's saved versions: answers, policy file, public and
-- internal guidelines. One version per workspace is live: its public
-- guidelines are the public page and its policy the one enforced.

CREATE TABLE policy_versions (
    id             INTEGER PRIMARY KEY,
    workspace_id   TEXT NOT NULL REFERENCES workspaces(id),
    number         INTEGER NOT NULL CHECK (number > 0),
    answers        TEXT NOT NULL,
    policy_yaml    BLOB NOT NULL,
    policy_version TEXT NOT NULL,
    lang           TEXT NOT NULL,
    public         TEXT NOT NULL, -- JSON object: language -> guidelines
    internal       TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    author         TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    live           INTEGER NOT NULL DEFAULT 0,
    published_by   TEXT NOT NULL DEFAULT '',
    published_at   INTEGER NOT NULL DEFAULT 0,
    UNIQUE (workspace_id, number)
) STRICT;
-- One live version per workspace: the public page reads it by workspace.
CREATE UNIQUE INDEX policy_versions_live ON policy_versions (workspace_id) WHERE live = 1;
