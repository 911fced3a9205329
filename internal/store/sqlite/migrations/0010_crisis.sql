-- Crisis mode: each workspace's crisis plan, its crises (proposed by an
-- alert or started by a lead) and each crisis's timeline.

CREATE TABLE crisis_plans (
    workspace_id TEXT PRIMARY KEY REFERENCES workspaces(id),
    doc          BLOB NOT NULL,
    version      INTEGER NOT NULL,
    updated_by   TEXT NOT NULL,
    updated_at   INTEGER NOT NULL
) STRICT;

CREATE TABLE crises (
    id              INTEGER PRIMARY KEY,
    workspace_id    TEXT NOT NULL REFERENCES workspaces(id),
    title           TEXT NOT NULL,
    summary         TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL CHECK (status IN ('proposed', 'active', 'ended', 'dismissed')),
    severity        TEXT NOT NULL,
    alert_id        INTEGER NOT NULL DEFAULT 0,
    case_id         INTEGER NOT NULL DEFAULT 0,
    plan            BLOB NOT NULL,
    plan_version    INTEGER NOT NULL DEFAULT 0,
    profile_yaml    BLOB NOT NULL,
    profile_version TEXT NOT NULL DEFAULT '',
    update_every    INTEGER NOT NULL DEFAULT 0, -- seconds
    proposed_at     INTEGER NOT NULL DEFAULT 0,
    started_by      TEXT NOT NULL DEFAULT '',
    started_at      INTEGER NOT NULL DEFAULT 0,
    last_update_at  INTEGER NOT NULL DEFAULT 0,
    ended_by        TEXT NOT NULL DEFAULT '',
    ended_at        INTEGER NOT NULL DEFAULT 0,
    outcome         TEXT NOT NULL DEFAULT ''
) STRICT;
-- One active crisis per workspace: the pipeline must know which profile.
CREATE UNIQUE INDEX crises_one_active ON crises (workspace_id) WHERE status = 'active';
CREATE INDEX crises_ws ON crises (workspace_id, id);

CREATE TABLE crisis_entries (
    id        INTEGER PRIMARY KEY,
    crisis_id INTEGER NOT NULL REFERENCES crises(id),
    kind      TEXT NOT NULL,
    text      TEXT NOT NULL DEFAULT '',
    row_no    INTEGER NOT NULL DEFAULT 0,
    data      TEXT NOT NULL DEFAULT '{}',
    author    TEXT NOT NULL,
    at        INTEGER NOT NULL
) STRICT;
CREATE INDEX crisis_entries_crisis ON crisis_entries (crisis_id, id);
