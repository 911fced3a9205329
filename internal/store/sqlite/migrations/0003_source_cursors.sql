-- Where each channel's connector stopped reading, saved with the items.
CREATE TABLE source_cursors (
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    channel      TEXT NOT NULL,
    cursor       TEXT NOT NULL,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, channel)
) STRICT;
