-- Alerts: early warnings (storms, campaigns, failing or silent channels),
-- their acknowledgement and escalation, each delivery attempt, and the
-- on-call rota of each workspace.

CREATE TABLE alerts (
    id               INTEGER PRIMARY KEY,
    workspace_id     TEXT NOT NULL REFERENCES workspaces(id),
    kind             TEXT NOT NULL,
    severity         TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
    title            TEXT NOT NULL,
    summary          TEXT NOT NULL DEFAULT '',
    dedupe_key       TEXT NOT NULL,
    metrics          TEXT NOT NULL DEFAULT '[]', -- JSON array of store.AlertMetric
    example_item_ids TEXT NOT NULL DEFAULT '[]', -- JSON array of item ids
    occurrences      INTEGER NOT NULL DEFAULT 1,
    created_at       INTEGER NOT NULL,
    last_seen_at     INTEGER NOT NULL,
    acked_by         TEXT NOT NULL DEFAULT '',
    acked_at         INTEGER NOT NULL DEFAULT 0,
    resolved_by      TEXT NOT NULL DEFAULT '',
    resolved_at      INTEGER NOT NULL DEFAULT 0,
    escalation_level INTEGER NOT NULL DEFAULT 0,
    level_since      INTEGER NOT NULL
) STRICT;
-- One unresolved alert per condition: the same storm does not open ten.
CREATE UNIQUE INDEX alerts_open_dedupe ON alerts (workspace_id, dedupe_key) WHERE resolved_at = 0;
CREATE INDEX alerts_ws_created ON alerts (workspace_id, created_at);
CREATE INDEX alerts_unacked ON alerts (created_at) WHERE acked_at = 0 AND resolved_at = 0;

CREATE TABLE alert_deliveries (
    id          INTEGER PRIMARY KEY,
    alert_id    INTEGER NOT NULL REFERENCES alerts(id),
    level       INTEGER NOT NULL,
    recipient   TEXT NOT NULL,
    route       TEXT NOT NULL,
    attempt     INTEGER NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('sent', 'retry', 'failed')),
    http_status INTEGER NOT NULL DEFAULT 0,
    error       TEXT NOT NULL DEFAULT '',
    at          INTEGER NOT NULL
) STRICT;
CREATE INDEX alert_deliveries_alert ON alert_deliveries (alert_id, id);

CREATE TABLE alert_rotas (
    workspace_id TEXT PRIMARY KEY REFERENCES workspaces(id),
    doc          BLOB NOT NULL,
    updated_by   TEXT NOT NULL,
    updated_at   INTEGER NOT NULL
) STRICT;
