package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/audit"
	"github.com/stormwatch/stormwatch/internal/store"
)

// caseQueryer is what both the reader pool and a transaction offer, so the
// case file can be read in one snapshot with the same helpers.
type caseQueryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

const caseColumns = `c.id, c.workspace_id, c.title, c.summary, c.status, c.severity, c.created_by, c.created_at, c.updated_at, c.closed_at,
	(SELECT count(*) FROM case_items ci WHERE ci.case_id = c.id)`

func scanCase(row scanner) (store.Case, error) {
	var c store.Case
	var created, updated, closed int64
	err := row.Scan(&c.ID, &c.Workspace, &c.Title, &c.Summary, &c.Status, &c.Severity, &c.CreatedBy, &created, &updated, &closed, &c.ItemCount)
	c.CreatedAt, c.UpdatedAt, c.ClosedAt = fromMicros(created), fromMicros(updated), fromMicros(closed)
	return c, err
}

func caseSubject(id int64) string { return fmt.Sprintf("case:%d", id) }

func caseNotFound(id int64) error { return fmt.Errorf("case %d: %w", id, store.ErrNotFound) }

// getCase reads a case of a workspace; another workspace's case is not found.
func getCase(ctx context.Context, q caseQueryer, workspace string, id int64) (store.Case, error) {
	c, err := scanCase(q.QueryRowContext(ctx, `SELECT `+caseColumns+` FROM cases c WHERE c.workspace_id = ? AND c.id = ?`, workspace, id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, caseNotFound(id)
	}
	if err != nil {
		return c, fmt.Errorf("case %d: %w", id, err)
	}
	return c, nil
}

func caseData(m map[string]any) json.RawMessage {
	b, _ := json.Marshal(m)
	return b
}

// CreateCase opens a case by hand, with its first items, in one transaction.
func (s *Store) CreateCase(ctx context.Context, workspace string, nc store.NewCase, actor string) (store.Case, error) {
	now := time.Now().UTC()
	sev := nc.Severity
	if sev == "" {
		sev = store.SeverityNormal
	}
	var c store.Case
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, `INSERT INTO cases (workspace_id, title, summary, status, severity, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			workspace, nc.Title, nc.Summary, store.CaseOpen, sev, actor, micros(now), micros(now)).Scan(&id)
		if err != nil {
			if isForeignKey(err) {
				return fmt.Errorf("workspace %q: %w", workspace, store.ErrNotFound)
			}
			return err
		}
		events := []audit.Event{{At: now, Workspace: workspace, Actor: actor, Kind: "case.created", Subject: caseSubject(id),
			Data: caseData(map[string]any{"title": nc.Title, "severity": sev})}}
		if len(nc.ItemIDs) > 0 {
			added, err := linkItems(ctx, tx, workspace, id, nc.ItemIDs, actor, now)
			if err != nil {
				return err
			}
			events = append(events, audit.Event{At: now, Workspace: workspace, Actor: actor, Kind: "case.items_added", Subject: caseSubject(id),
				Data: caseData(map[string]any{"item_ids": added})})
		}
		if _, err := appendAudit(ctx, tx, events); err != nil {
			return err
		}
		c, err = getCase(ctx, tx, workspace, id)
		return err
	})
	if err != nil {
		return c, fmt.Errorf("create case: %w", err)
	}
	return c, nil
}

// linkItems adds items of the workspace to a case, skipping those already
// on it, and returns the ids added.
func linkItems(ctx context.Context, tx *sql.Tx, workspace string, caseID int64, itemIDs []int64, actor string, now time.Time) ([]int64, error) {
	added := []int64{}
	for _, itemID := range itemIDs {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM items WHERE workspace_id = ? AND id = ?`, workspace, itemID).Scan(&n); err != nil {
			return nil, err
		}
		if n == 0 {
			return nil, fmt.Errorf("item %d: %w", itemID, store.ErrNotFound)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO case_items (case_id, item_id, added_by, idempotency_key, added_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT DO NOTHING`, caseID, itemID, actor, fmt.Sprintf("case:%d:item:%d", caseID, itemID), micros(now))
		if err != nil {
			return nil, fmt.Errorf("item %d: %w", itemID, err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			added = append(added, itemID)
		}
	}
	return added, nil
}

// Case returns one case of a workspace.
func (s *Store) Case(ctx context.Context, workspace string, id int64) (store.Case, error) {
	return getCase(ctx, s.r, workspace, id)
}

// ListCases lists a workspace's cases, newest-updated first.
func (s *Store) ListCases(ctx context.Context, workspace string, f store.CaseFilter) ([]store.Case, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = 200
	}
	q := `SELECT ` + caseColumns + ` FROM cases c WHERE c.workspace_id = ?`
	args := []any{workspace}
	if f.Status != "" {
		q += ` AND c.status = ?`
		args = append(args, f.Status)
	}
	q += ` ORDER BY c.updated_at DESC, c.id DESC LIMIT ?`
	args = append(args, limit)
	return queryAll(ctx, s.r, "list cases", scanCase, q, args...)
}

// UpdateCase changes title, summary, severity and status, auditing each
// change; a status change is refused with ErrConflict unless the case is
// still in u.FromStatus.
func (s *Store) UpdateCase(ctx context.Context, workspace string, id int64, u store.CaseUpdate, actor string) (store.Case, error) {
	now := time.Now().UTC()
	var c store.Case
	err := s.tx(ctx, func(tx *sql.Tx) error {
		cur, err := getCase(ctx, tx, workspace, id)
		if err != nil {
			return err
		}
		var events []audit.Event
		ev := func(kind string, m map[string]any) {
			events = append(events, audit.Event{At: now, Workspace: workspace, Actor: actor, Kind: kind, Subject: caseSubject(id), Data: caseData(m)})
		}
		if u.Status != "" && u.Status != cur.Status {
			if u.FromStatus != cur.Status {
				return fmt.Errorf("case %d is %s, not %s: %w", id, cur.Status, u.FromStatus, store.ErrConflict)
			}
			closed := int64(0)
			if u.Status == store.CaseClosed {
				closed = micros(now)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE cases SET status = ?, closed_at = ? WHERE id = ?`, u.Status, closed, id); err != nil {
				return err
			}
			m := map[string]any{"from": cur.Status, "to": u.Status}
			if u.Reason != "" {
				m["reason"] = u.Reason
			}
			ev("case.status_changed", m)
		}
		if u.Severity != "" && u.Severity != cur.Severity {
			if _, err := tx.ExecContext(ctx, `UPDATE cases SET severity = ? WHERE id = ?`, u.Severity, id); err != nil {
				return err
			}
			ev("case.severity_changed", map[string]any{"from": cur.Severity, "to": u.Severity})
		}
		edited := map[string]any{}
		if u.Title != nil && *u.Title != cur.Title {
			if _, err := tx.ExecContext(ctx, `UPDATE cases SET title = ? WHERE id = ?`, *u.Title, id); err != nil {
				return err
			}
			edited["title"] = *u.Title
		}
		if u.Summary != nil && *u.Summary != cur.Summary {
			if _, err := tx.ExecContext(ctx, `UPDATE cases SET summary = ? WHERE id = ?`, *u.Summary, id); err != nil {
				return err
			}
			edited["summary_sha256"] = sha256Hex([]byte(*u.Summary))
		}
		if len(edited) > 0 {
			ev("case.edited", edited)
		}
		if len(events) == 0 {
			c = cur
			return nil
		}
		if err := touchCase(ctx, tx, id, now); err != nil {
			return err
		}
		if _, err := appendAudit(ctx, tx, events); err != nil {
			return err
		}
		c, err = getCase(ctx, tx, workspace, id)
		return err
	})
	if err != nil {
		return c, fmt.Errorf("update case %d: %w", id, err)
	}
	return c, nil
}

func touchCase(ctx context.Context, tx *sql.Tx, id int64, now time.Time) error {
	_, err := tx.ExecContext(ctx, `UPDATE cases SET updated_at = ? WHERE id = ?`, micros(now), id)
	return err
}

func sha256Hex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// openCaseForChange reads a case inside tx and refuses a closed one.
func openCaseForChange(ctx context.Context, tx *sql.Tx, workspace string, id int64, what string) (store.Case, error) {
	c, err := getCase(ctx, tx, workspace, id)
	if err != nil {
		return c, err
	}
	if c.Status == store.CaseClosed {
		return c, fmt.Errorf("case %d: cannot add %s: %w (reopen it first)", id, what, store.ErrCaseClosed)
	}
	return c, nil
}

// AddCaseItems links more items to an open or monitored case.
func (s *Store) AddCaseItems(ctx context.Context, workspace string, id int64, itemIDs []int64, actor string) (int, error) {
	now := time.Now().UTC()
	var added []int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := openCaseForChange(ctx, tx, workspace, id, "items"); err != nil {
			return err
		}
		var err error
		added, err = linkItems(ctx, tx, workspace, id, itemIDs, actor, now)
		if err != nil || len(added) == 0 {
			return err
		}
		if err := touchCase(ctx, tx, id, now); err != nil {
			return err
		}
		_, err = appendAudit(ctx, tx, []audit.Event{{At: now, Workspace: workspace, Actor: actor, Kind: "case.items_added", Subject: caseSubject(id),
			Data: caseData(map[string]any{"item_ids": added})}})
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("add items to case %d: %w", id, err)
	}
	return len(added), nil
}

// SetCaseRole gives a user a role on a case, or removes them (empty role).
func (s *Store) SetCaseRole(ctx context.Context, workspace string, id, userID int64, role, actor string) error {
	now := time.Now().UTC()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := getCase(ctx, tx, workspace, id); err != nil {
			return err
		}
		var prev string
		err := tx.QueryRowContext(ctx, `SELECT role FROM case_roles WHERE case_id = ? AND user_id = ?`, id, userID).Scan(&prev)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if prev == role {
			return nil
		}
		if role == "" {
			_, err = tx.ExecContext(ctx, `DELETE FROM case_roles WHERE case_id = ? AND user_id = ?`, id, userID)
		} else {
			_, err = tx.ExecContext(ctx, `INSERT INTO case_roles (case_id, user_id, role, added_by, added_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (case_id, user_id) DO UPDATE SET role = excluded.role, added_by = excluded.added_by, added_at = excluded.added_at`,
				id, userID, role, actor, micros(now))
		}
		if err != nil {
			if isForeignKey(err) {
				return fmt.Errorf("user %d: %w", userID, store.ErrNotFound)
			}
			return err
		}
		if err := touchCase(ctx, tx, id, now); err != nil {
			return err
		}
		_, err = appendAudit(ctx, tx, []audit.Event{{At: now, Workspace: workspace, Actor: actor, Kind: "case.role_set", Subject: caseSubject(id),
			Data: caseData(map[string]any{"user_id": userID, "role": role, "previous": prev})}})
		return err
	})
	if err != nil {
		return fmt.Errorf("set role on case %d: %w", id, err)
	}
	return nil
}

// AddCaseNote records a note, agreement or mediation record. Closed cases
// take notes too (what happened after closing still belongs to the record);
// the audit holds the text's hash, so a note cannot be changed unseen.
func (s *Store) AddCaseNote(ctx context.Context, workspace string, id int64, kind, text, actor string) (store.CaseNote, error) {
	now := time.Now().UTC()
	n := store.CaseNote{Kind: kind, Text: text, Author: actor, At: now.Truncate(time.Microsecond)}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := getCase(ctx, tx, workspace, id); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO case_notes (case_id, kind, text, author, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
			id, kind, text, actor, micros(now)).Scan(&n.ID)
		if err != nil {
			return err
		}
		if err := touchCase(ctx, tx, id, now); err != nil {
			return err
		}
		_, err = appendAudit(ctx, tx, []audit.Event{{At: now, Workspace: workspace, Actor: actor, Kind: "case.note_added", Subject: caseSubject(id),
			Data: caseData(map[string]any{"note_id": n.ID, "kind": kind, "text_sha256": sha256Hex([]byte(text))})}})
		return err
	})
	if err != nil {
		return n, fmt.Errorf("add note to case %d: %w", id, err)
	}
	return n, nil
}

// AddEvidence stores a file and its record on an open or monitored case;
// the hash and size are computed here from the content.
func (s *Store) AddEvidence(ctx context.Context, workspace string, id int64, ne store.NewEvidence, actor string) (store.Evidence, error) {
	now := time.Now().UTC()
	ev := store.Evidence{CaseID: id, Name: ne.Name, ContentType: ne.ContentType, Size: int64(len(ne.Content)), SHA256: sha256Hex(ne.Content),
		Description: ne.Description, UploadedBy: actor, UploadedAt: now.Truncate(time.Microsecond)}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := openCaseForChange(ctx, tx, workspace, id, "evidence"); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO evidence_blobs (workspace_id, sha256, size, content) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
			workspace, ev.SHA256, ev.Size, ne.Content); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO case_evidence (case_id, workspace_id, name, content_type, size, sha256, description, uploaded_by, uploaded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, id, workspace, ev.Name, ev.ContentType, ev.Size, ev.SHA256, ev.Description, actor, micros(now)).Scan(&ev.ID)
		if err != nil {
			return err
		}
		if err := touchCase(ctx, tx, id, now); err != nil {
			return err
		}
		_, err = appendAudit(ctx, tx, []audit.Event{{At: now, Workspace: workspace, Actor: actor, Kind: "case.evidence_added", Subject: caseSubject(id),
			Data: caseData(map[string]any{"evidence_id": ev.ID, "name": ev.Name, "content_type": ev.ContentType, "size": ev.Size, "sha256": ev.SHA256})}})
		return err
	})
	if err != nil {
		return ev, fmt.Errorf("add evidence %q to case %d: %w", ne.Name, id, err)
	}
	return ev, nil
}

const evidenceColumns = `id, case_id, name, content_type, size, sha256, description, uploaded_by, uploaded_at`

func scanEvidence(row interface{ Scan(...any) error }) (store.Evidence, error) {
	var e store.Evidence
	var at int64
	err := row.Scan(&e.ID, &e.CaseID, &e.Name, &e.ContentType, &e.Size, &e.SHA256, &e.Description, &e.UploadedBy, &at)
	e.UploadedAt = fromMicros(at)
	return e, err
}

// EvidenceContent returns one evidence file with its content, checking the
// content still has the hash recorded for it.
func (s *Store) EvidenceContent(ctx context.Context, workspace string, caseID, evidenceID int64) (store.Evidence, []byte, error) {
	e, err := scanEvidence(s.r.QueryRowContext(ctx, `SELECT `+evidenceColumns+` FROM case_evidence WHERE workspace_id = ? AND case_id = ? AND id = ?`, workspace, caseID, evidenceID))
	if errors.Is(err, sql.ErrNoRows) {
		return e, nil, fmt.Errorf("evidence %d of case %d: %w", evidenceID, caseID, store.ErrNotFound)
	}
	if err != nil {
		return e, nil, fmt.Errorf("evidence %d of case %d: %w", evidenceID, caseID, err)
	}
	var content []byte
	if err := s.r.QueryRowContext(ctx, `SELECT content FROM evidence_blobs WHERE workspace_id = ? AND sha256 = ?`, workspace, e.SHA256).Scan(&content); err != nil {
		return e, nil, fmt.Errorf("evidence %d of case %d: content: %w", evidenceID, caseID, err)
	}
	if got := sha256Hex(content); got != e.SHA256 {
		return e, nil, fmt.Errorf("evidence %d of case %d: stored content hashes to %s, recorded %s: content altered in the database", evidenceID, caseID, got, e.SHA256)
	}
	return e, content, nil
}

// RecordCaseExport audits an export of the case's evidence bundle.
func (s *Store) RecordCaseExport(ctx context.Context, workspace string, id int64, manifestSHA256, actor string) (audit.Event, error) {
	var out []audit.Event
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := getCase(ctx, tx, workspace, id); err != nil {
			return err
		}
		var err error
		out, err = appendAudit(ctx, tx, []audit.Event{{At: time.Now(), Workspace: workspace, Actor: actor, Kind: "case.exported", Subject: caseSubject(id),
			Data: caseData(map[string]any{"manifest_sha256": manifestSHA256})}})
		return err
	})
	if err != nil {
		return audit.Event{}, fmt.Errorf("record export of case %d: %w", id, err)
	}
	return out[0], nil
}

// CaseFile reads everything about a case in one read transaction, so the
// items, notes, evidence, audit excerpt and audit head agree with each other.
func (s *Store) CaseFile(ctx context.Context, workspace string, id int64) (store.CaseFile, error) {
	var f store.CaseFile
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return f, fmt.Errorf("case file %d: %w", id, err)
	}
	defer tx.Rollback()
	if err := readCaseFile(ctx, tx, workspace, id, &f); err != nil {
		return f, fmt.Errorf("case file %d: %w", id, err)
	}
	return f, nil
}

func readCaseFile(ctx context.Context, tx *sql.Tx, workspace string, id int64, f *store.CaseFile) error {
	var err error
	if f.Case, err = getCase(ctx, tx, workspace, id); err != nil {
		return err
	}
	if f.Workspace, err = scanWorkspace(tx.QueryRowContext(ctx, `SELECT `+workspaceColumns+` FROM workspaces WHERE id = ?`, workspace)); err != nil {
		return fmt.Errorf("workspace: %w", err)
	}
	f.Workspace.PolicyYAML = nil // not part of a case

	// Roles, with display names when the user still exists.
	rows, err := tx.QueryContext(ctx, `SELECT r.user_id, coalesce(u.display_name, ''), r.role, r.added_by, r.added_at FROM case_roles r LEFT JOIN users u ON u.id = r.user_id WHERE r.case_id = ? ORDER BY r.added_at, r.user_id`, id)
	if err != nil {
		return fmt.Errorf("roles: %w", err)
	}
	f.Roles = []store.CaseRole{}
	for rows.Next() {
		var r store.CaseRole
		var at int64
		if err := rows.Scan(&r.UserID, &r.Name, &r.Role, &r.AddedBy, &at); err != nil {
			rows.Close()
			return fmt.Errorf("roles: %w", err)
		}
		r.AddedAt = fromMicros(at)
		f.Roles = append(f.Roles, r)
	}
	if err := caseCloseRows(rows); err != nil {
		return fmt.Errorf("roles: %w", err)
	}

	// Items as captured, in the order they were written.
	rows, err = tx.QueryContext(ctx, `SELECT `+casePrefixed("i.", itemColumns)+`, ci.added_by, ci.added_at FROM case_items ci JOIN items i ON i.id = ci.item_id
		WHERE ci.case_id = ? ORDER BY i.created_at, i.id`, id)
	if err != nil {
		return fmt.Errorf("items: %w", err)
	}
	f.Items = []store.CaseItem{}
	for rows.Next() {
		var ci store.CaseItem
		var at int64
		ci.Item, err = scanItem(caseRowScan{rows, []any{&ci.AddedBy, &at}})
		if err != nil {
			rows.Close()
			return fmt.Errorf("items: %w", err)
		}
		ci.AddedAt = fromMicros(at)
		f.Items = append(f.Items, ci)
	}
	if err := caseCloseRows(rows); err != nil {
		return fmt.Errorf("items: %w", err)
	}
	var actionIDs []int64
	for i := range f.Items {
		it := &f.Items[i]
		if it.Decision, err = decisionIn(ctx, tx, it.Item.ID); err != nil {
			return err
		}
		if it.Actions, err = actionsIn(ctx, tx, it.Item.ID); err != nil {
			return err
		}
		for _, a := range it.Actions {
			actionIDs = append(actionIDs, a.ID)
		}
	}

	// Notes and evidence.
	rows, err = tx.QueryContext(ctx, `SELECT id, kind, text, author, created_at FROM case_notes WHERE case_id = ? ORDER BY id`, id)
	if err != nil {
		return fmt.Errorf("notes: %w", err)
	}
	f.Notes = []store.CaseNote{}
	for rows.Next() {
		var n store.CaseNote
		var at int64
		if err := rows.Scan(&n.ID, &n.Kind, &n.Text, &n.Author, &at); err != nil {
			rows.Close()
			return fmt.Errorf("notes: %w", err)
		}
		n.At = fromMicros(at)
		f.Notes = append(f.Notes, n)
	}
	if err := caseCloseRows(rows); err != nil {
		return fmt.Errorf("notes: %w", err)
	}
	rows, err = tx.QueryContext(ctx, `SELECT `+evidenceColumns+` FROM case_evidence WHERE case_id = ? ORDER BY id`, id)
	if err != nil {
		return fmt.Errorf("evidence: %w", err)
	}
	f.Evidence = []store.Evidence{}
	for rows.Next() {
		e, err := scanEvidence(rows)
		if err != nil {
			rows.Close()
			return fmt.Errorf("evidence: %w", err)
		}
		f.Evidence = append(f.Evidence, e)
	}
	if err := caseCloseRows(rows); err != nil {
		return fmt.Errorf("evidence: %w", err)
	}

	if f.Audit, err = caseAudit(ctx, tx, workspace, id, f.Items, actionIDs); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	err = tx.QueryRowContext(ctx, `SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1`).Scan(&f.AuditHead.Seq, &f.AuditHead.Hash)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("audit head: %w", err)
	}
	return nil
}

// caseAudit selects the events about the case, its items and their
// actions. An ingest event covers a batch of items; it is kept when it was
// written when one of the case's items was received (the same instant, in
// the same transaction) and lists one of them.
func caseAudit(ctx context.Context, q caseQueryer, workspace string, id int64, items []store.CaseItem, actionIDs []int64) ([]audit.Event, error) {
	subjects := []any{caseSubject(id)}
	received := map[int64]bool{}
	inCase := map[int64]bool{}
	for _, it := range items {
		subjects = append(subjects, fmt.Sprintf("item:%d", it.Item.ID))
		received[micros(it.Item.ReceivedAt)] = true
		inCase[it.Item.ID] = true
	}
	for _, a := range actionIDs {
		subjects = append(subjects, fmt.Sprintf("action:%d", a))
	}
	var at []any
	for us := range received {
		at = append(at, us)
	}
	query := `SELECT seq, at, workspace_id, actor, kind, subject, data, prev_hash, hash FROM audit_events WHERE workspace_id = ? AND (subject IN (` + casePlaceholders(len(subjects)) + `)`
	args := append([]any{workspace}, subjects...)
	if len(at) > 0 {
		query += ` OR (kind = 'items.ingested' AND at IN (` + casePlaceholders(len(at)) + `))`
		args = append(args, at...)
	}
	query += `) ORDER BY seq`
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []audit.Event{}
	for rows.Next() {
		var ev audit.Event
		var atUS int64
		var data []byte
		if err := rows.Scan(&ev.Seq, &atUS, &ev.Workspace, &ev.Actor, &ev.Kind, &ev.Subject, &data, &ev.PrevHash, &ev.Hash); err != nil {
			return nil, err
		}
		ev.At = fromMicros(atUS)
		if len(data) > 0 {
			ev.Data = data
		}
		if ev.Kind == "items.ingested" {
			var d struct {
				ItemIDs []int64 `json:"item_ids"`
			}
			_ = json.Unmarshal(data, &d)
			keep := false
			for _, iid := range d.ItemIDs {
				keep = keep || inCase[iid]
			}
			if !keep {
				continue
			}
		}
		out = append(out, ev)
	}
	return out, rows.Err()
}

func casePlaceholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

func casePrefixed(prefix, columns string) string {
	parts := strings.Split(columns, ",")
	for i, p := range parts {
		parts[i] = prefix + strings.TrimSpace(p)
	}
	return strings.Join(parts, ", ")
}

// caseRowScan lets scanItem read a row that carries extra columns after the
// item's.
type caseRowScan struct {
	row   interface{ Scan(...any) error }
	extra []any
}

func (m caseRowScan) Scan(dest ...any) error { return m.row.Scan(append(dest, m.extra...)...) }

func caseCloseRows(rows *sql.Rows) error {
	err := rows.Err()
	return errors.Join(err, rows.Close())
}

// decisionIn reads an item's decision inside a transaction; nil if none.
func decisionIn(ctx context.Context, q caseQueryer, itemID int64) (*store.Decision, error) {
	var d store.Decision
	var signals, rules, detectors string
	var detail sql.NullString
	var at int64
	err := q.QueryRowContext(ctx, `SELECT item_id, workspace_id, lang, signals, action, rules, policy_version, detectors, detail, decided_at FROM decisions WHERE item_id = ?`, itemID).
		Scan(&d.ItemID, &d.Workspace, &d.Lang, &signals, &d.Action, &rules, &d.PolicyVersion, &detectors, &detail, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("decision on item %d: %w", itemID, err)
	}
	d.DecidedAt = fromMicros(at)
	if detail.Valid {
		d.Detail = json.RawMessage(detail.String)
	}
	for _, f := range []struct {
		src string
		dst any
	}{{signals, &d.Signals}, {rules, &d.Rules}, {detectors, &d.Detectors}} {
		if err := json.Unmarshal([]byte(f.src), f.dst); err != nil {
			return nil, fmt.Errorf("decision on item %d: %w", itemID, err)
		}
	}
	return &d, nil
}

func actionsIn(ctx context.Context, q caseQueryer, itemID int64) ([]act.Action, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+actionColumns+` FROM actions WHERE item_id = ? ORDER BY id`, itemID)
	if err != nil {
		return nil, fmt.Errorf("actions of item %d: %w", itemID, err)
	}
	defer rows.Close()
	var out []act.Action
	for rows.Next() {
		a, err := scanAction(rows)
		if err != nil {
			return nil, fmt.Errorf("actions of item %d: %w", itemID, err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// OpenCase carries out a policy escalation: the item joins an open (or
// monitored) case of the same workspace that already holds an item by the
// same author or in the same thread on that channel, so one campaign makes
// one case; otherwise a case is opened. A higher severity raises the case's;
// a lower one never lowers it. Idempotent by the action's key.
func (s *Store) OpenCase(ctx context.Context, a act.Action) (int64, error) {
	now := time.Now().UTC()
	var caseID int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT case_id FROM case_items WHERE idempotency_key = ?`, a.IdempotencyKey).Scan(&caseID)
		if err == nil {
			return nil // done already
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		var params struct {
			Severity string `json:"severity"`
		}
		_ = json.Unmarshal(a.Params, &params)
		if store.SeverityRank(params.Severity) == 0 {
			params.Severity = store.SeverityNormal
		}
		var channel, authorID, authorName, threadID string
		err = tx.QueryRowContext(ctx, `SELECT channel, author_id, author_name, thread_id FROM items WHERE workspace_id = ? AND id = ?`, a.Workspace, a.ItemID).
			Scan(&channel, &authorID, &authorName, &threadID)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("item %d: %w", a.ItemID, store.ErrNotFound)
		}
		if err != nil {
			return err
		}
		var severity string
		// Driven from the author's and the thread's items (indexed), not
		// from every open case: the number of cases only grows.
		err = tx.QueryRowContext(ctx, `SELECT c.id, c.severity FROM cases c WHERE c.id IN (
				SELECT ci.case_id FROM items i JOIN case_items ci ON ci.item_id = i.id
				WHERE ? != '' AND i.workspace_id = ? AND i.channel = ? AND i.author_id = ?
				UNION
				SELECT ci.case_id FROM items i JOIN case_items ci ON ci.item_id = i.id
				WHERE ? != '' AND i.workspace_id = ? AND i.channel = ? AND i.thread_id = ?)
			AND c.workspace_id = ? AND c.status IN ('open', 'monitoring')
			ORDER BY c.updated_at DESC, c.id DESC LIMIT 1`,
			authorID, a.Workspace, channel, authorID, threadID, a.Workspace, channel, threadID, a.Workspace).Scan(&caseID, &severity)
		var events []audit.Event
		switch {
		case errors.Is(err, sql.ErrNoRows):
			title := fmt.Sprintf("Escalated by rule %s", a.RuleID)
			if authorName != "" {
				title += ": " + authorName
			}
			err = tx.QueryRowContext(ctx, `INSERT INTO cases (workspace_id, title, severity, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
				a.Workspace, strings.TrimSpace(title), params.Severity, a.RequestedBy, micros(now), micros(now)).Scan(&caseID)
			if err != nil {
				return err
			}
			events = append(events, audit.Event{At: now, Workspace: a.Workspace, Actor: audit.ActorOutbox, Kind: "case.opened", Subject: caseSubject(caseID),
				Data: caseData(map[string]any{"item_id": a.ItemID, "rule": a.RuleID, "severity": params.Severity})})
		case err != nil:
			return err
		default:
			var on int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM case_items WHERE case_id = ? AND item_id = ?`, caseID, a.ItemID).Scan(&on); err != nil {
				return err
			}
			if on > 0 {
				return nil // escalated before by another rule: already on the case
			}
			if store.SeverityRank(params.Severity) > store.SeverityRank(severity) {
				if _, err := tx.ExecContext(ctx, `UPDATE cases SET severity = ? WHERE id = ?`, params.Severity, caseID); err != nil {
					return err
				}
				events = append(events, audit.Event{At: now, Workspace: a.Workspace, Actor: audit.ActorOutbox, Kind: "case.severity_changed", Subject: caseSubject(caseID),
					Data: caseData(map[string]any{"from": severity, "to": params.Severity, "rule": a.RuleID})})
			}
			events = append(events, audit.Event{At: now, Workspace: a.Workspace, Actor: audit.ActorOutbox, Kind: "case.items_added", Subject: caseSubject(caseID),
				Data: caseData(map[string]any{"item_ids": []int64{a.ItemID}, "rule": a.RuleID})})
			if err := touchCase(ctx, tx, caseID, now); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO case_items (case_id, item_id, added_by, idempotency_key, added_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (case_id, item_id) DO NOTHING`, caseID, a.ItemID, a.RequestedBy, a.IdempotencyKey, micros(now)); err != nil {
			return err
		}
		_, err = appendAudit(ctx, tx, events)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("open case for item %d: %w", a.ItemID, err)
	}
	return caseID, nil
}
