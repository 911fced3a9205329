-- Follow-up tasks (calling back an unhappy client, ...) and the survey
-- answers already imported. Answers are kept only as a key (a hash of the
-- respondent reference and the date) so that a re-import is recognised
-- without storing happy clients' answers at all.

CREATE TABLE tasks (
    id           INTEGER PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    kind         TEXT NOT NULL,
    title        TEXT NOT NULL,
    source_key   TEXT NOT NULL,
    client_ref   TEXT NOT NULL DEFAULT '',
    contact      TEXT NOT NULL DEFAULT '', -- only with the client's consent
    attachment   TEXT NOT NULL DEFAULT '{}', -- JSON
    due_at       INTEGER NOT NULL,
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
    assignee_id  INTEGER NOT NULL DEFAULT 0,
    outcome      TEXT NOT NULL DEFAULT '',
    created_by   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    completed_by TEXT NOT NULL DEFAULT '',
    completed_at INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE UNIQUE INDEX tasks_source ON tasks (workspace_id, source_key);
CREATE INDEX tasks_open_due ON tasks (workspace_id, due_at) WHERE status = 'open';

CREATE TABLE survey_answers (
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    answer_key   TEXT NOT NULL,
    imported_at  INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, answer_key)
) STRICT;
