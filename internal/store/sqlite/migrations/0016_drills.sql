-- Preparedness: checklist self-assessments and tabletop drills. A drill
-- runs in its own sandbox workspace (workspaces.sandbox = 1); the rows
-- here say which scenario it replays, how far it got and what was shown.

CREATE TABLE checklist_assessments (
    id           INTEGER PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    checklist    TEXT NOT NULL,
    answers      TEXT NOT NULL, -- JSON array of store.ChecklistAnswer
    score        INTEGER NOT NULL,
    max_score    INTEGER NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    created_by   TEXT NOT NULL,
    created_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX checklist_assessments_ws ON checklist_assessments (workspace_id, checklist, created_at);

CREATE TABLE drills (
    id           INTEGER PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id), -- the real workspace the drill rehearses
    sandbox_id   TEXT NOT NULL UNIQUE REFERENCES workspaces(id),
    scenario     TEXT NOT NULL,
    title        TEXT NOT NULL,
    lang         TEXT NOT NULL,
    seed         INTEGER NOT NULL,
    speed        REAL NOT NULL CHECK (speed > 0), -- scenario seconds per real second
    participants TEXT NOT NULL, -- JSON array of store.DrillParticipant
    status       TEXT NOT NULL CHECK (status IN ('running', 'ended')),
    cursor       INTEGER NOT NULL DEFAULT 0, -- traffic events replayed so far
    started_by   TEXT NOT NULL,
    started_at   INTEGER NOT NULL,
    ended_by     TEXT NOT NULL DEFAULT '',
    ended_at     INTEGER NOT NULL DEFAULT 0,
    debrief      TEXT NOT NULL DEFAULT '' -- JSON, written when the drill ends
) STRICT;
CREATE INDEX drills_ws ON drills (workspace_id, started_at);
CREATE INDEX drills_running ON drills (started_at) WHERE status = 'running';

CREATE TABLE drill_events (
    id       INTEGER PRIMARY KEY,
    drill_id INTEGER NOT NULL REFERENCES drills(id),
    kind     TEXT NOT NULL,
    ref      TEXT NOT NULL,          -- the inject's id; unique per drill and kind
    offset_s INTEGER NOT NULL,       -- scenario seconds since the start
    text     TEXT NOT NULL DEFAULT '',
    data     TEXT NOT NULL DEFAULT '',
    actor    TEXT NOT NULL,
    at       INTEGER NOT NULL,
    UNIQUE (drill_id, kind, ref)
) STRICT;
