-- Cases: incidents with items, roles, notes and evidence files. The
-- cases and case_items tables of 0001 (used by policy escalations) gain
-- what people need; notes and evidence are append-only, like the audit.

ALTER TABLE cases ADD COLUMN summary TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN created_by TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN closed_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX cases_ws_updated ON cases (workspace_id, updated_at);
CREATE INDEX case_items_item ON case_items (item_id);

-- One role per person per case.
CREATE TABLE case_roles (
    case_id  INTEGER NOT NULL REFERENCES cases(id),
    user_id  INTEGER NOT NULL REFERENCES users(id),
    role     TEXT NOT NULL,
    added_by TEXT NOT NULL,
    added_at INTEGER NOT NULL,
    PRIMARY KEY (case_id, user_id)
) STRICT;

CREATE TABLE case_notes (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases(id),
    kind       TEXT NOT NULL CHECK (kind IN ('note', 'agreement', 'mediation')),
    text       TEXT NOT NULL,
    author     TEXT NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX case_notes_case ON case_notes (case_id, id);

-- Evidence content lives in the database, one copy per workspace and hash:
-- it is written in the same transaction as its record and audit event (no
-- orphan or missing file after a crash), and backed up with the one
-- database file.
CREATE TABLE evidence_blobs (
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    sha256       TEXT NOT NULL,
    size         INTEGER NOT NULL,
    content      BLOB NOT NULL,
    PRIMARY KEY (workspace_id, sha256)
) STRICT;

CREATE TABLE case_evidence (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases(id),
    workspace_id TEXT NOT NULL,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    uploaded_by  TEXT NOT NULL,
    uploaded_at  INTEGER NOT NULL,
    FOREIGN KEY (workspace_id, sha256) REFERENCES evidence_blobs (workspace_id, sha256)
) STRICT;
CREATE INDEX case_evidence_case ON case_evidence (case_id, id);

CREATE TRIGGER case_notes_no_update BEFORE UPDATE ON case_notes
BEGIN SELECT RAISE(ABORT, 'case notes are append-only'); END;
CREATE TRIGGER case_notes_no_delete BEFORE DELETE ON case_notes
BEGIN SELECT RAISE(ABORT, 'case notes are append-only'); END;
CREATE TRIGGER case_evidence_no_update BEFORE UPDATE ON case_evidence
BEGIN SELECT RAISE(ABORT, 'case evidence is append-only'); END;
CREATE TRIGGER case_evidence_no_delete BEFORE DELETE ON case_evidence
BEGIN SELECT RAISE(ABORT, 'case evidence is append-only'); END;
CREATE TRIGGER evidence_blobs_no_update BEFORE UPDATE ON evidence_blobs
BEGIN SELECT RAISE(ABORT, 'evidence content is append-only'); END;
CREATE TRIGGER case_items_no_delete BEFORE DELETE ON case_items
BEGIN SELECT RAISE(ABORT, 'case items are never unlinked'); END;
