-- Stormwatch schema, version 6: reply templates, drafts and approvals.
-- Times are Unix microseconds (UTC); NULL means "never".

-- A template is one reply in one language; translations share a group.
CREATE TABLE reply_templates (
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    id           TEXT NOT NULL,
    grp          TEXT NOT NULL DEFAULT '',
    lang         TEXT NOT NULL CHECK (lang IN ('fr', 'nl', 'sv', 'nb', 'nn', 'en', 'de')),
    created_by   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    retired_at   INTEGER,
    PRIMARY KEY (workspace_id, id)
) STRICT;

-- Every edit is a new version; a version's words never change, so what
-- was approved is exactly what is sent.
CREATE TABLE reply_template_versions (
    workspace_id TEXT NOT NULL,
    template_id  TEXT NOT NULL,
    version      INTEGER NOT NULL CHECK (version >= 1),
    name         TEXT NOT NULL,
    tone         TEXT NOT NULL,
    situations   TEXT NOT NULL DEFAULT '[]', -- JSON array of tags
    body         TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('draft', 'approved', 'retired')),
    created_by   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    approved_by  TEXT NOT NULL DEFAULT '',
    approved_at  INTEGER,
    PRIMARY KEY (workspace_id, template_id, version),
    FOREIGN KEY (workspace_id, template_id) REFERENCES reply_templates (workspace_id, id),
    -- Four eyes on templates too; 'system' seeds the starter library.
    CHECK (approved_by = '' OR approved_by != created_by OR created_by = 'system')
) STRICT;
CREATE INDEX reply_template_versions_live ON reply_template_versions (workspace_id, template_id) WHERE status = 'approved';

CREATE TRIGGER reply_template_versions_immutable BEFORE UPDATE OF workspace_id, template_id, version, name, tone, situations, body, created_by, created_at ON reply_template_versions
BEGIN SELECT RAISE(ABORT, 'template versions are immutable: revise the template to change it'); END;
CREATE TRIGGER reply_template_versions_status BEFORE UPDATE OF status ON reply_template_versions
WHEN NOT ((OLD.status = 'draft' AND NEW.status IN ('approved', 'retired')) OR (OLD.status = 'approved' AND NEW.status = 'retired'))
BEGIN SELECT RAISE(ABORT, 'template version status can only move draft -> approved -> retired'); END;
CREATE TRIGGER reply_template_versions_no_delete BEFORE DELETE ON reply_template_versions
BEGIN SELECT RAISE(ABORT, 'template versions are kept'); END;

CREATE TABLE reply_drafts (
    id               INTEGER PRIMARY KEY,
    workspace_id     TEXT NOT NULL REFERENCES workspaces(id),
    item_id          INTEGER NOT NULL REFERENCES items(id),
    channel          TEXT NOT NULL,
    lang             TEXT NOT NULL,
    text             TEXT NOT NULL,
    template_id      TEXT NOT NULL DEFAULT '',
    template_version INTEGER NOT NULL DEFAULT 0,
    vars             TEXT NOT NULL DEFAULT '{}', -- JSON object
    edited           INTEGER NOT NULL DEFAULT 0,
    warnings         TEXT NOT NULL DEFAULT '[]', -- JSON: the tone check's findings when drafted
    request_key      TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'sent')),
    basis            TEXT NOT NULL DEFAULT '' CHECK (basis IN ('', 'template', 'speak', 'approver')),
    created_by       TEXT NOT NULL,
    created_at       INTEGER NOT NULL,
    decided_by       TEXT NOT NULL DEFAULT '',
    decided_at       INTEGER,
    comment          TEXT NOT NULL DEFAULT '',
    sent_by          TEXT NOT NULL DEFAULT '',
    sent_at          INTEGER,
    action_key       TEXT NOT NULL DEFAULT '',
    UNIQUE (workspace_id, request_key),
    -- The drafter never decides their own draft, whatever the code above.
    CHECK (basis != 'approver' OR decided_by != created_by)
) STRICT;
CREATE INDEX reply_drafts_queue ON reply_drafts (workspace_id, status, id);
CREATE INDEX reply_drafts_item ON reply_drafts (item_id);

CREATE TRIGGER reply_drafts_immutable BEFORE UPDATE OF workspace_id, item_id, channel, lang, text, template_id, template_version, vars, edited, request_key, created_by, created_at ON reply_drafts
BEGIN SELECT RAISE(ABORT, 'a draft''s text is immutable: write a new draft'); END;
CREATE TRIGGER reply_drafts_status BEFORE UPDATE OF status ON reply_drafts
WHEN NOT ((OLD.status = 'pending' AND NEW.status IN ('approved', 'rejected')) OR (OLD.status = 'approved' AND NEW.status = 'sent'))
BEGIN SELECT RAISE(ABORT, 'draft status can only move pending -> approved|rejected, approved -> sent'); END;
