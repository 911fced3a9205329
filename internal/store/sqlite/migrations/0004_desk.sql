-- Stormwatch schema, version 4: the desk. Times are Unix microseconds (UTC).

-- A person's verdict on an item; without a row the policy's stands.
CREATE TABLE item_status (
    item_id      INTEGER PRIMARY KEY REFERENCES items(id),
    workspace_id TEXT NOT NULL,
    status       TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    updated_at   INTEGER NOT NULL
) STRICT;

-- Every desk step by its idempotency key, so that a double click or a
-- resubmitted form does nothing twice.
CREATE TABLE desk_steps (
    key          TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    item_id      INTEGER NOT NULL,
    user_id      INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    at           INTEGER NOT NULL
) STRICT;

-- Who holds an item or a thread; a row past its expiry is free to take.
CREATE TABLE claims (
    workspace_id TEXT NOT NULL,
    subject      TEXT NOT NULL,
    user_id      INTEGER NOT NULL REFERENCES users(id),
    claimed_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, subject)
) STRICT;

-- A person overruling the policy: kept for evaluation and training.
CREATE TABLE corrections (
    id           INTEGER PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    item_id      INTEGER NOT NULL REFERENCES items(id),
    old_verdict  TEXT NOT NULL,
    new_verdict  TEXT NOT NULL,
    categories   TEXT NOT NULL, -- JSON array
    user_id      INTEGER NOT NULL,
    at           INTEGER NOT NULL
) STRICT;
CREATE INDEX corrections_ws ON corrections (workspace_id, id);

-- Labels on an author of this workspace's channels (supporter, ...).
CREATE TABLE author_labels (
    workspace_id TEXT NOT NULL,
    channel      TEXT NOT NULL,
    author_id    TEXT NOT NULL,
    label        TEXT NOT NULL,
    set_by       TEXT NOT NULL,
    at           INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, channel, author_id, label)
) STRICT;

CREATE INDEX items_ws_author ON items (workspace_id, channel, author_id);
CREATE INDEX items_ws_thread ON items (workspace_id, channel, thread_id);
