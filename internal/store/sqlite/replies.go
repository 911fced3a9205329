package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/audit"
	"github.com/stormwatch/stormwatch/internal/store"
)

// Audit data of reply events carries ids, versions and statuses; the words
// themselves live in the draft and template tables, where the audit's
// subject points.

func templateSubject(id string) string { return "template:" + id }
func draftSubject(id int64) string     { return fmt.Sprintf("reply:%d", id) }

const templateColumns = `t.workspace_id, t.id, t.grp, t.lang, v.version, v.name, v.tone, v.situations, v.body, v.status, v.created_by, v.created_at, v.approved_by, v.approved_at`

const templateFrom = ` FROM reply_templates t JOIN reply_template_versions v ON v.workspace_id = t.workspace_id AND v.template_id = t.id`

func scanTemplate(row scanner) (store.Template, error) {
	var t store.Template
	var situations, status string
	var created int64
	var approved sql.NullInt64
	err := row.Scan(&t.Workspace, &t.ID, &t.Group, &t.Lang, &t.Version, &t.Name, &t.Tone, &situations, &t.Body, &status, &t.CreatedBy, &created, &t.ApprovedBy, &approved)
	if err != nil {
		return t, err
	}
	t.Status, t.CreatedAt, t.ApprovedAt = store.TemplateStatus(status), fromMicros(created), fromNullMicros(approved)
	if err := json.Unmarshal([]byte(situations), &t.Situations); err != nil {
		return t, fmt.Errorf("template %s situations: %w", t.ID, err)
	}
	return t, nil
}

func templateNotFound(workspace, id string) error {
	return fmt.Errorf("template %q in workspace %q: %w", id, workspace, store.ErrNotFound)
}

func situationsJSON(s []string) string {
	if s == nil {
		s = []string{}
	}
	b, _ := json.Marshal(s) // a string slice always marshals
	return string(b)
}

// latestVersion reads a template's newest version and retirement inside tx.
func latestVersion(ctx context.Context, tx *sql.Tx, workspace, id string) (store.Template, bool, error) {
	var retired sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT retired_at FROM reply_templates WHERE workspace_id = ? AND id = ?`, workspace, id).Scan(&retired); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return store.Template{}, false, templateNotFound(workspace, id)
		}
		return store.Template{}, false, err
	}
	t, err := scanTemplate(tx.QueryRowContext(ctx, `SELECT `+templateColumns+templateFrom+` WHERE t.workspace_id = ? AND t.id = ? ORDER BY v.version DESC LIMIT 1`, workspace, id))
	return t, retired.Valid, err
}

func insertVersion(ctx context.Context, tx *sql.Tx, t store.Template) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO reply_template_versions (workspace_id, template_id, version, name, tone, situations, body, status, created_by, created_at, approved_by, approved_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		t.Workspace, t.ID, t.Version, t.Name, t.Tone, situationsJSON(t.Situations), t.Body, string(t.Status), t.CreatedBy, micros(t.CreatedAt), t.ApprovedBy, nullMicros(t.ApprovedAt))
	return err
}

// CreateTemplate stores version 1 of a new template.
func (s *Store) CreateTemplate(ctx context.Context, t store.Template, actor string) (store.Template, error) {
	t.Version, t.CreatedBy = 1, actor
	if t.CreatedAt.IsZero() {
		t.CreatedAt = time.Now().UTC()
	}
	if t.Status == "" {
		t.Status = store.TemplateDraft
	}
	if t.Status == store.TemplateApproved {
		if t.ApprovedAt.IsZero() {
			t.ApprovedAt = t.CreatedAt
		}
		if t.ApprovedBy == "" {
			t.ApprovedBy = actor
		}
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO reply_templates (workspace_id, id, grp, lang, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			t.Workspace, t.ID, t.Group, t.Lang, actor, micros(t.CreatedAt))
		switch {
		case isUniqueViolation(err):
			return fmt.Errorf("template %q: %w", t.ID, store.ErrConflict)
		case err != nil && isForeignKey(err):
			return fmt.Errorf("workspace %q: %w", t.Workspace, store.ErrNotFound)
		case err != nil:
			return err
		}
		if err := insertVersion(ctx, tx, t); err != nil {
			return err
		}
		data := map[string]any{"version": 1, "lang": t.Lang, "status": t.Status}
		evs := []auditEvent{{t.CreatedAt, actor, "template.created", data}}
		if t.Status == store.TemplateApproved {
			evs = append(evs, auditEvent{t.ApprovedAt, t.ApprovedBy, "template.approved", map[string]any{"version": 1}})
		}
		return appendEvents(ctx, tx, t.Workspace, templateSubject(t.ID), evs)
	})
	if err != nil {
		return t, fmt.Errorf("create template %q: %w", t.ID, err)
	}
	return t, nil
}

// auditEvent is one event of a reply change; appendEvents seals them.
type auditEvent struct {
	at    time.Time
	actor string
	kind  string
	data  map[string]any
}

func appendEvents(ctx context.Context, tx *sql.Tx, workspace, subject string, evs []auditEvent) error {
	out := make([]audit.Event, 0, len(evs))
	for _, e := range evs {
		out = append(out, event(e.at, workspace, e.actor, e.kind, subject, e.data))
	}
	_, err := appendAudit(ctx, tx, out)
	return err
}

// ReviseTemplate stores a new draft version.
func (s *Store) ReviseTemplate(ctx context.Context, t store.Template, baseVersion int, actor string) (store.Template, error) {
	if t.CreatedAt.IsZero() {
		t.CreatedAt = time.Now().UTC()
	}
	var out store.Template
	err := s.tx(ctx, func(tx *sql.Tx) error {
		latest, retired, err := latestVersion(ctx, tx, t.Workspace, t.ID)
		if err != nil {
			return err
		}
		if retired {
			return store.ErrRetired
		}
		if latest.Version != baseVersion {
			return fmt.Errorf("based on version %d, latest is %d: %w", baseVersion, latest.Version, store.ErrStaleVersion)
		}
		out = latest
		out.Version = latest.Version + 1
		out.Name, out.Tone, out.Situations, out.Body = t.Name, t.Tone, t.Situations, t.Body
		out.Status, out.CreatedBy, out.CreatedAt = store.TemplateDraft, actor, t.CreatedAt
		out.ApprovedBy, out.ApprovedAt = "", time.Time{}
		if err := insertVersion(ctx, tx, out); err != nil {
			return err
		}
		return appendEvents(ctx, tx, t.Workspace, templateSubject(t.ID), []auditEvent{{t.CreatedAt, actor, "template.revised", map[string]any{"version": out.Version, "base": baseVersion}}})
	})
	if err != nil {
		return out, fmt.Errorf("revise template %q: %w", t.ID, err)
	}
	return out, nil
}

// ApproveTemplate approves the latest version and retires the one it
// replaces.
func (s *Store) ApproveTemplate(ctx context.Context, workspace, id string, version int, at time.Time, actor string) (store.Template, error) {
	var out store.Template
	err := s.tx(ctx, func(tx *sql.Tx) error {
		latest, retired, err := latestVersion(ctx, tx, workspace, id)
		switch {
		case err != nil:
			return err
		case retired:
			return store.ErrRetired
		case latest.Version != version:
			return fmt.Errorf("version %d is not the latest (%d): %w", version, latest.Version, store.ErrStaleVersion)
		case latest.Status != store.TemplateDraft:
			return fmt.Errorf("version %d is %s: %w", version, latest.Status, store.ErrAlreadyDecided)
		case latest.CreatedBy == actor:
			return fmt.Errorf("version %d: %w", version, store.ErrOwnDraft)
		}
		var previous []int
		rows, err := tx.QueryContext(ctx, `UPDATE reply_template_versions SET status = 'retired' WHERE workspace_id = ? AND template_id = ? AND status = 'approved' RETURNING version`, workspace, id)
		if err != nil {
			return err
		}
		for rows.Next() {
			var v int
			if err := rows.Scan(&v); err != nil {
				rows.Close()
				return err
			}
			previous = append(previous, v)
		}
		if err := rows.Close(); err != nil {
			return err
		}
		// The status guard makes a concurrent approval of the same version
		// (on a backend with several writers) affect no row.
		res, err := tx.ExecContext(ctx, `UPDATE reply_template_versions SET status = 'approved', approved_by = ?, approved_at = ? WHERE workspace_id = ? AND template_id = ? AND version = ? AND status = 'draft'`,
			actor, micros(at), workspace, id, version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return fmt.Errorf("version %d: %w", version, store.ErrAlreadyDecided)
		}
		out = latest
		out.Status, out.ApprovedBy, out.ApprovedAt = store.TemplateApproved, actor, at.UTC()
		return appendEvents(ctx, tx, workspace, templateSubject(id), []auditEvent{{at, actor, "template.approved", map[string]any{"version": version, "retired": previous}}})
	})
	if err != nil {
		return out, fmt.Errorf("approve template %q version %d: %w", id, version, err)
	}
	return out, nil
}

// RetireTemplate withdraws a template and all its versions.
func (s *Store) RetireTemplate(ctx context.Context, workspace, id string, at time.Time, actor string) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		_, retired, err := latestVersion(ctx, tx, workspace, id)
		if err != nil {
			return err
		}
		if retired {
			return store.ErrRetired
		}
		if _, err := tx.ExecContext(ctx, `UPDATE reply_templates SET retired_at = ? WHERE workspace_id = ? AND id = ?`, micros(at), workspace, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE reply_template_versions SET status = 'retired' WHERE workspace_id = ? AND template_id = ? AND status != 'retired'`, workspace, id); err != nil {
			return err
		}
		return appendEvents(ctx, tx, workspace, templateSubject(id), []auditEvent{{at, actor, "template.retired", nil}})
	})
	if err != nil {
		return fmt.Errorf("retire template %q: %w", id, err)
	}
	return nil
}

// Template returns one version; 0 means the latest.
func (s *Store) Template(ctx context.Context, workspace, id string, version int) (store.Template, error) {
	q := `SELECT ` + templateColumns + templateFrom + ` WHERE t.workspace_id = ? AND t.id = ?`
	args := []any{workspace, id}
	if version > 0 {
		q += ` AND v.version = ?`
		args = append(args, version)
	}
	t, err := scanTemplate(s.r.QueryRowContext(ctx, q+` ORDER BY v.version DESC LIMIT 1`, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return t, templateNotFound(workspace, id)
	}
	if err != nil {
		return t, fmt.Errorf("template %q: %w", id, err)
	}
	return t, nil
}

// LiveTemplate returns the approved version.
func (s *Store) LiveTemplate(ctx context.Context, workspace, id string) (store.Template, error) {
	t, err := scanTemplate(s.r.QueryRowContext(ctx, `SELECT `+templateColumns+templateFrom+` WHERE t.workspace_id = ? AND t.id = ? AND v.status = 'approved' AND t.retired_at IS NULL`, workspace, id))
	if errors.Is(err, sql.ErrNoRows) {
		return t, fmt.Errorf("approved version of template %q in workspace %q: %w", id, workspace, store.ErrNotFound)
	}
	if err != nil {
		return t, fmt.Errorf("template %q: %w", id, err)
	}
	return t, nil
}

// Templates lists the latest version of each template matching f.
func (s *Store) Templates(ctx context.Context, workspace string, f store.TemplateFilter) ([]store.Template, error) {
	q := `SELECT ` + templateColumns + templateFrom + ` WHERE t.workspace_id = ?
		AND v.version = (SELECT max(version) FROM reply_template_versions WHERE workspace_id = t.workspace_id AND template_id = t.id)`
	args := []any{workspace}
	if f.Lang != "" {
		q += ` AND t.lang = ?`
		args = append(args, f.Lang)
	}
	if f.Group != "" {
		q += ` AND t.grp = ?`
		args = append(args, f.Group)
	}
	if f.Tone != "" {
		q += ` AND v.tone = ?`
		args = append(args, f.Tone)
	}
	if f.Status != "" {
		q += ` AND v.status = ?`
		args = append(args, string(f.Status))
	}
	if f.Situation != "" {
		q += ` AND EXISTS (SELECT 1 FROM json_each(v.situations) WHERE value = ?)`
		args = append(args, f.Situation)
	}
	return s.queryTemplates(ctx, q+` ORDER BY t.grp, t.id`, args...)
}

// TemplateVersions lists every version, oldest first.
func (s *Store) TemplateVersions(ctx context.Context, workspace, id string) ([]store.Template, error) {
	out, err := s.queryTemplates(ctx, `SELECT `+templateColumns+templateFrom+` WHERE t.workspace_id = ? AND t.id = ? ORDER BY v.version`, workspace, id)
	if err == nil && len(out) == 0 {
		return nil, templateNotFound(workspace, id)
	}
	return out, err
}

func (s *Store) queryTemplates(ctx context.Context, q string, args ...any) ([]store.Template, error) {
	return queryAll(ctx, s.r, "templates", scanTemplate, q, args...)
}

const draftColumns = `id, workspace_id, item_id, channel, lang, text, template_id, template_version, vars, edited, warnings, request_key, status, basis, created_by, created_at, decided_by, decided_at, comment, sent_by, sent_at, action_key`

func scanDraft(row scanner) (store.Draft, error) {
	var d store.Draft
	var vars, warnings, status, basis string
	var created int64
	var decided, sent sql.NullInt64
	err := row.Scan(&d.ID, &d.Workspace, &d.ItemID, &d.Channel, &d.Lang, &d.Text, &d.TemplateID, &d.TemplateVersion, &vars, &d.Edited, &warnings, &d.RequestKey,
		&status, &basis, &d.CreatedBy, &created, &d.DecidedBy, &decided, &d.Comment, &d.SentBy, &sent, &d.ActionKey)
	if err != nil {
		return d, err
	}
	d.Status, d.Basis = store.DraftStatus(status), store.Basis(basis)
	d.CreatedAt, d.DecidedAt, d.SentAt = fromMicros(created), fromNullMicros(decided), fromNullMicros(sent)
	if warnings != "" && warnings != "[]" {
		d.Warnings = []byte(warnings)
	}
	if vars != "" && vars != "{}" {
		if err := json.Unmarshal([]byte(vars), &d.Vars); err != nil {
			return d, fmt.Errorf("draft %d vars: %w", d.ID, err)
		}
	}
	return d, nil
}

func draftNotFound(workspace string, id int64) error {
	return fmt.Errorf("reply draft %d in workspace %q: %w", id, workspace, store.ErrNotFound)
}

func readDraft(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, workspace string, id int64) (store.Draft, error) {
	d, err := scanDraft(q.QueryRowContext(ctx, `SELECT `+draftColumns+` FROM reply_drafts WHERE workspace_id = ? AND id = ?`, workspace, id))
	if errors.Is(err, sql.ErrNoRows) {
		return d, draftNotFound(workspace, id)
	}
	return d, err
}

// CreateDraft stores a draft, idempotently by request key, and with send
// sends it in the same transaction.
func (s *Store) CreateDraft(ctx context.Context, d store.Draft, send bool) (store.Draft, error) {
	if d.CreatedAt.IsZero() {
		d.CreatedAt = time.Now().UTC()
	}
	if d.RequestKey == "" {
		return d, fmt.Errorf("create reply draft: empty request key")
	}
	var out store.Draft
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var existing int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM reply_drafts WHERE workspace_id = ? AND request_key = ?`, d.Workspace, d.RequestKey).Scan(&existing)
		if err == nil {
			out, err = readDraft(ctx, tx, d.Workspace, existing)
			return err // the same request again: nothing new happens
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT channel FROM items WHERE workspace_id = ? AND id = ?`, d.Workspace, d.ItemID).Scan(&d.Channel); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("item %d: %w", d.ItemID, store.ErrNotFound)
			}
			return err
		}
		vars := "{}"
		if len(d.Vars) > 0 {
			b, _ := json.Marshal(d.Vars) // a string map always marshals
			vars = string(b)
		}
		warnings := "[]"
		if len(d.Warnings) > 0 {
			if !json.Valid(d.Warnings) {
				return fmt.Errorf("warnings are not JSON")
			}
			warnings = string(d.Warnings)
		}
		if d.Status == store.DraftApproved && d.DecidedAt.IsZero() {
			d.DecidedAt = d.CreatedAt
		}
		out, err = scanDraft(tx.QueryRowContext(ctx, `INSERT INTO reply_drafts (workspace_id, item_id, channel, lang, text, template_id, template_version, vars, edited, warnings, request_key, status, basis, created_by, created_at, decided_by, decided_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING `+draftColumns,
			d.Workspace, d.ItemID, d.Channel, d.Lang, d.Text, d.TemplateID, d.TemplateVersion, vars, d.Edited, warnings, d.RequestKey,
			string(d.Status), string(d.Basis), d.CreatedBy, micros(d.CreatedAt), d.DecidedBy, nullMicros(d.DecidedAt)))
		if err != nil {
			return err
		}
		data := map[string]any{"item_id": d.ItemID, "lang": d.Lang, "status": d.Status}
		if d.TemplateID != "" {
			data["template"], data["template_version"], data["edited"] = d.TemplateID, d.TemplateVersion, d.Edited
		}
		if d.Basis != "" {
			data["basis"] = d.Basis
		}
		if err := appendEvents(ctx, tx, d.Workspace, draftSubject(out.ID), []auditEvent{{d.CreatedAt, d.CreatedBy, "reply.drafted", data}}); err != nil {
			return err
		}
		if send && out.Status == store.DraftApproved {
			out, err = sendDraft(ctx, tx, out, d.CreatedAt, d.CreatedBy)
		}
		return err
	})
	if err != nil {
		return out, fmt.Errorf("create reply draft for item %d: %w", d.ItemID, err)
	}
	return out, nil
}

// Draft returns one draft.
func (s *Store) Draft(ctx context.Context, workspace string, id int64) (store.Draft, error) {
	d, err := readDraft(ctx, s.r, workspace, id)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return d, fmt.Errorf("reply draft %d: %w", id, err)
	}
	return d, err
}

// Drafts lists drafts matching f, oldest first.
func (s *Store) Drafts(ctx context.Context, workspace string, f store.DraftFilter) ([]store.Draft, error) {
	q := `SELECT ` + draftColumns + ` FROM reply_drafts WHERE workspace_id = ?`
	args := []any{workspace}
	if f.Status != "" {
		q += ` AND status = ?`
		args = append(args, string(f.Status))
	}
	if f.ItemID != 0 {
		q += ` AND item_id = ?`
		args = append(args, f.ItemID)
	}
	if f.CreatedBy != "" {
		q += ` AND created_by = ?`
		args = append(args, f.CreatedBy)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 500
	}
	return queryAll(ctx, s.r, "reply drafts", scanDraft, q+` ORDER BY id LIMIT ?`, append(args, limit)...)
}

// DecideDraft approves or rejects a pending draft.
func (s *Store) DecideDraft(ctx context.Context, workspace string, id int64, approve bool, comment string, at time.Time, actor string) (store.Draft, error) {
	status, kind := store.DraftRejected, "reply.rejected"
	if approve {
		status, kind = store.DraftApproved, "reply.approved"
	}
	var out store.Draft
	err := s.tx(ctx, func(tx *sql.Tx) error {
		d, err := readDraft(ctx, tx, workspace, id)
		switch {
		case err != nil:
			return err
		case d.Status != store.DraftPending:
			return fmt.Errorf("%w (%s by %s)", store.ErrAlreadyDecided, d.Status, d.DecidedBy)
		case d.CreatedBy == actor:
			return store.ErrOwnDraft
		}
		// The guards repeat in SQL so that the row changes only if it is
		// still pending and not the actor's own, whatever ran in between.
		out, err = scanDraft(tx.QueryRowContext(ctx, `UPDATE reply_drafts SET status = ?, basis = 'approver', decided_by = ?, decided_at = ?, comment = ?
			WHERE workspace_id = ? AND id = ? AND status = 'pending' AND created_by != ? RETURNING `+draftColumns,
			string(status), actor, micros(at), comment, workspace, id, actor))
		if errors.Is(err, sql.ErrNoRows) {
			return store.ErrAlreadyDecided
		}
		if err != nil {
			return err
		}
		data := map[string]any{"item_id": d.ItemID}
		if comment != "" {
			data["comment"] = comment
		}
		return appendEvents(ctx, tx, workspace, draftSubject(id), []auditEvent{{at, actor, kind, data}})
	})
	if err != nil {
		return out, fmt.Errorf("decide reply draft %d: %w", id, err)
	}
	return out, nil
}

// SendDraft sends an approved draft through the outbox, once.
func (s *Store) SendDraft(ctx context.Context, workspace string, id int64, at time.Time, actor string) (store.Draft, error) {
	var out store.Draft
	err := s.tx(ctx, func(tx *sql.Tx) error {
		d, err := readDraft(ctx, tx, workspace, id)
		if err != nil {
			return err
		}
		out, err = sendDraft(ctx, tx, d, at, actor)
		return err
	})
	if err != nil {
		return out, fmt.Errorf("send reply draft %d: %w", id, err)
	}
	return out, nil
}

// ReplyActionKey is the idempotency key of the outbox action sending a
// draft: one draft, one reply on the platform.
func ReplyActionKey(workspace string, draftID int64) string {
	return act.Key(workspace, "reply-draft", fmt.Sprint(draftID))
}

func sendDraft(ctx context.Context, tx *sql.Tx, d store.Draft, at time.Time, actor string) (store.Draft, error) {
	switch d.Status {
	case store.DraftSent:
		return d, nil // a second click: already queued
	case store.DraftApproved:
	default:
		return d, fmt.Errorf("draft is %s: %w", d.Status, store.ErrNotApproved)
	}
	key := ReplyActionKey(d.Workspace, d.ID)
	params, _ := json.Marshal(map[string]any{"text": d.Text, "lang": d.Lang, "draft_id": d.ID}) // plain values always marshal
	_, err := tx.ExecContext(ctx, `INSERT INTO actions (workspace_id, item_id, channel, kind, params, rule_id, requested_by, idempotency_key, status, attempts, next_attempt_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, '', ?, ?, 'pending', 0, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`,
		d.Workspace, d.ItemID, d.Channel, string(act.Reply), string(params), actor, key, micros(at), micros(at), micros(at))
	if err != nil {
		return d, fmt.Errorf("queue reply: %w", err)
	}
	out, err := scanDraft(tx.QueryRowContext(ctx, `UPDATE reply_drafts SET status = 'sent', sent_by = ?, sent_at = ?, action_key = ? WHERE id = ? AND status = 'approved' RETURNING `+draftColumns,
		actor, micros(at), key, d.ID))
	if err != nil {
		return d, err
	}
	err = appendEvents(ctx, tx, d.Workspace, draftSubject(d.ID), []auditEvent{{at, actor, "reply.sent", map[string]any{"item_id": d.ItemID, "idempotency_key": key, "basis": d.Basis}}})
	return out, err
}
