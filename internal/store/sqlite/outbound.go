package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/store"
)

// Outbound posts, the registers the pre-publication check reads, and the
// account registry. Audit data carries ids, statuses, scopes and reason
// categories; never a consenting or protected person's name, which lives
// only in its register row so that deleting the row erases it.

func postSubject(id int64) string { return fmt.Sprintf("post:%d", id) }

func obJSONList[T any](v []T) string {
	if v == nil {
		v = []T{}
	}
	b, _ := json.Marshal(v) // slices of strings and ints always marshal
	return string(b)
}

func obFromJSONList[T any](s, what string) ([]T, error) {
	var out []T
	if s == "" || s == "[]" {
		return nil, nil
	}
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return out, nil
}

const postColumns = `id, workspace_id, text, lang, channels, scheduled_at, tagged, photo_people, revision, status, findings, created_by, created_at, updated_by, updated_at,
	submitted_by, submitted_at, decided_by, decided_at, comment, published_by, published_at`

func scanPost(row scanner) (store.Post, error) {
	var p store.Post
	var channels, tagged, photo, status, findings string
	var sched, created, updated, submitted, decided, published int64
	err := row.Scan(&p.ID, &p.Workspace, &p.Text, &p.Lang, &channels, &sched, &tagged, &photo, &p.Revision, &status, &findings, &p.CreatedBy, &created, &p.UpdatedBy, &updated,
		&p.SubmittedBy, &submitted, &p.DecidedBy, &decided, &p.Comment, &p.PublishedBy, &published)
	if err != nil {
		return p, err
	}
	p.Status = store.PostStatus(status)
	p.ScheduledAt, p.CreatedAt, p.UpdatedAt = fromMicros(sched), fromMicros(created), fromMicros(updated)
	p.SubmittedAt, p.DecidedAt, p.PublishedAt = fromMicros(submitted), fromMicros(decided), fromMicros(published)
	if findings != "" {
		p.Findings = []byte(findings)
	}
	if p.Channels, err = obFromJSONList[string](channels, "post channels"); err != nil {
		return p, err
	}
	if p.Tagged, err = obFromJSONList[string](tagged, "post tagged"); err != nil {
		return p, err
	}
	p.PhotoPeople, err = obFromJSONList[string](photo, "post photo people")
	return p, err
}

type obRowQueryer interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}

func readPost(ctx context.Context, q obRowQueryer, workspace string, id int64) (store.Post, error) {
	p, err := scanPost(q.QueryRowContext(ctx, `SELECT `+postColumns+` FROM outbound_posts WHERE workspace_id = ? AND id = ?`, workspace, id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("post %d in workspace %q: %w", id, workspace, store.ErrNotFound)
	}
	return p, err
}

func obNow(t time.Time) time.Time {
	if t.IsZero() {
		return time.Now().UTC()
	}
	return t.UTC()
}

// CreatePost stores a new draft post.
func (s *Store) CreatePost(ctx context.Context, p store.Post, actor string) (store.Post, error) {
	at := obNow(p.CreatedAt)
	var out store.Post
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = scanPost(tx.QueryRowContext(ctx, `INSERT INTO outbound_posts (workspace_id, text, lang, channels, scheduled_at, tagged, photo_people, revision, status, created_by, created_at, updated_by, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, 1, 'draft', ?, ?, ?, ?) RETURNING `+postColumns,
			p.Workspace, p.Text, p.Lang, obJSONList(p.Channels), micros(p.ScheduledAt), obJSONList(p.Tagged), obJSONList(p.PhotoPeople), actor, micros(at), actor, micros(at)))
		if err != nil {
			if isForeignKey(err) {
				return fmt.Errorf("workspace %q: %w", p.Workspace, store.ErrNotFound)
			}
			return err
		}
		return appendEvents(ctx, tx, p.Workspace, postSubject(out.ID), []auditEvent{{at, actor, "post.drafted", map[string]any{"revision": 1, "channels": p.Channels}}})
	})
	if err != nil {
		return out, fmt.Errorf("create post: %w", err)
	}
	return out, nil
}

// UpdatePost stores a new revision, back to draft.
func (s *Store) UpdatePost(ctx context.Context, p store.Post, base int, actor string) (store.Post, error) {
	at := obNow(p.UpdatedAt)
	var out store.Post
	err := s.tx(ctx, func(tx *sql.Tx) error {
		cur, err := readPost(ctx, tx, p.Workspace, p.ID)
		switch {
		case err != nil:
			return err
		case cur.Status == store.PostPublished:
			return store.ErrPublished
		case cur.Revision != base:
			return fmt.Errorf("based on revision %d, current is %d: %w", base, cur.Revision, store.ErrStaleVersion)
		}
		out, err = scanPost(tx.QueryRowContext(ctx, `UPDATE outbound_posts SET text = ?, lang = ?, channels = ?, scheduled_at = ?, tagged = ?, photo_people = ?,
			revision = revision + 1, status = 'draft', findings = '', updated_by = ?, updated_at = ?, submitted_by = '', submitted_at = 0, decided_by = '', decided_at = 0, comment = ''
			WHERE workspace_id = ? AND id = ? AND revision = ? AND status != 'published' RETURNING `+postColumns,
			p.Text, p.Lang, obJSONList(p.Channels), micros(p.ScheduledAt), obJSONList(p.Tagged), obJSONList(p.PhotoPeople), actor, micros(at), p.Workspace, p.ID, base))
		if errors.Is(err, sql.ErrNoRows) {
			return store.ErrStaleVersion
		}
		if err != nil {
			return err
		}
		data := map[string]any{"revision": out.Revision, "was": cur.Status}
		if cur.Status == store.PostApproved {
			data["approval_withdrawn"] = true // changed after approval: approve again
		}
		return appendEvents(ctx, tx, p.Workspace, postSubject(p.ID), []auditEvent{{at, actor, "post.edited", data}})
	})
	if err != nil {
		return out, fmt.Errorf("update post %d: %w", p.ID, err)
	}
	return out, nil
}

// SubmitPost sends a checked revision to approval.
func (s *Store) SubmitPost(ctx context.Context, workspace string, id int64, rev int, findings []byte, at time.Time, actor string) (store.Post, error) {
	if len(findings) > 0 && !json.Valid(findings) {
		return store.Post{}, fmt.Errorf("submit post %d: findings are not JSON", id)
	}
	var out store.Post
	err := s.tx(ctx, func(tx *sql.Tx) error {
		cur, err := readPost(ctx, tx, workspace, id)
		switch {
		case err != nil:
			return err
		case cur.Status == store.PostPublished:
			return store.ErrPublished
		case cur.Revision != rev:
			return fmt.Errorf("revision %d, current is %d: %w", rev, cur.Revision, store.ErrStaleVersion)
		case cur.Status == store.PostPending:
			out = cur
			return nil // a second click
		case cur.Status != store.PostDraft && cur.Status != store.PostRejected:
			return fmt.Errorf("post is %s: %w", cur.Status, store.ErrAlreadyDecided)
		}
		out, err = scanPost(tx.QueryRowContext(ctx, `UPDATE outbound_posts SET status = 'pending', findings = ?, submitted_by = ?, submitted_at = ?, decided_by = '', decided_at = 0, comment = ''
			WHERE workspace_id = ? AND id = ? AND revision = ? AND status IN ('draft', 'rejected') RETURNING `+postColumns,
			string(findings), actor, micros(at), workspace, id, rev))
		if errors.Is(err, sql.ErrNoRows) {
			return store.ErrStaleVersion
		}
		if err != nil {
			return err
		}
		return appendEvents(ctx, tx, workspace, postSubject(id), []auditEvent{{at, actor, "post.submitted", map[string]any{"revision": rev}}})
	})
	if err != nil {
		return out, fmt.Errorf("submit post %d: %w", id, err)
	}
	return out, nil
}

// DecidePost approves or rejects a pending post.
func (s *Store) DecidePost(ctx context.Context, workspace string, id int64, rev int, approve bool, comment string, at time.Time, actor string) (store.Post, error) {
	status, kind := store.PostRejected, "post.rejected"
	if approve {
		status, kind = store.PostApproved, "post.approved"
	}
	var out store.Post
	err := s.tx(ctx, func(tx *sql.Tx) error {
		cur, err := readPost(ctx, tx, workspace, id)
		switch {
		case err != nil:
			return err
		case cur.Revision != rev:
			return fmt.Errorf("revision %d, current is %d: %w", rev, cur.Revision, store.ErrStaleVersion)
		case cur.Status != store.PostPending:
			return fmt.Errorf("%w (%s)", store.ErrAlreadyDecided, cur.Status)
		case cur.CreatedBy == actor || cur.UpdatedBy == actor:
			return store.ErrOwnDraft
		}
		out, err = scanPost(tx.QueryRowContext(ctx, `UPDATE outbound_posts SET status = ?, decided_by = ?, decided_at = ?, comment = ?
			WHERE workspace_id = ? AND id = ? AND revision = ? AND status = 'pending' AND created_by != ? AND updated_by != ? RETURNING `+postColumns,
			string(status), actor, micros(at), comment, workspace, id, rev, actor, actor))
		if errors.Is(err, sql.ErrNoRows) {
			return store.ErrAlreadyDecided
		}
		if err != nil {
			return err
		}
		data := map[string]any{"revision": rev}
		if comment != "" {
			data["comment"] = comment
		}
		return appendEvents(ctx, tx, workspace, postSubject(id), []auditEvent{{at, actor, kind, data}})
	})
	if err != nil {
		return out, fmt.Errorf("decide post %d: %w", id, err)
	}
	return out, nil
}

// PostActionKey is the idempotency key of the action publishing a post on
// one channel: one post, one publication per channel.
func PostActionKey(workspace string, postID int64, channel string) string {
	return act.Key(workspace, "outbound-post", fmt.Sprint(postID), channel)
}

// PostPlatformID is the stand-in item's platform id for a post.
func PostPlatformID(postID int64) string { return fmt.Sprintf("outbound-post:%d", postID) }

// PublishPost queues an approved post's publication on each channel.
func (s *Store) PublishPost(ctx context.Context, workspace string, id int64, at time.Time, actor string) (store.Post, error) {
	at = obNow(at)
	var out store.Post
	err := s.tx(ctx, func(tx *sql.Tx) error {
		cur, err := readPost(ctx, tx, workspace, id)
		switch {
		case err != nil:
			return err
		case cur.Status == store.PostPublished:
			out = cur
			return nil // a second click: queued already
		case cur.Status != store.PostApproved:
			return fmt.Errorf("post is %s: %w", cur.Status, store.ErrNotApproved)
		case len(cur.Channels) == 0:
			return fmt.Errorf("post has no channel: %w", store.ErrNotApproved)
		}
		due := at
		if cur.ScheduledAt.After(at) {
			due = cur.ScheduledAt
		}
		var keys []string
		for _, ch := range cur.Channels {
			// The stand-in item: the outbox acts on items, and replies to
			// the post will thread under it. It is decided at once ("allow",
			// by the pre-publication check), so the pipeline leaves it be.
			var itemID int64
			err := tx.QueryRowContext(ctx, `INSERT INTO items (workspace_id, channel, platform_id, kind, text, author_id, author_name, thread_id, lang, created_at, received_at, decided)
				VALUES (?, ?, ?, 'post', ?, 'organization', '', ?, ?, ?, ?, 1)
				ON CONFLICT (workspace_id, channel, platform_id) DO UPDATE SET decided = 1 RETURNING id`,
				workspace, ch, PostPlatformID(id), cur.Text, PostPlatformID(id), cur.Lang, micros(at), micros(at)).Scan(&itemID)
			if err != nil {
				return fmt.Errorf("stand-in item on %s: %w", ch, err)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO decisions (item_id, workspace_id, lang, signals, action, rules, policy_version, detectors, decided_at)
				VALUES (?, ?, ?, '[]', 'allow', '[]', 'outbound', '["outbound-check"]', ?) ON CONFLICT (item_id) DO NOTHING`,
				itemID, workspace, cur.Lang, micros(at)); err != nil {
				return fmt.Errorf("stand-in decision on %s: %w", ch, err)
			}
			key := PostActionKey(workspace, id, ch)
			params, _ := json.Marshal(map[string]any{"text": cur.Text, "lang": cur.Lang, "post_id": id, "revision": cur.Revision}) // plain values always marshal
			if _, err := tx.ExecContext(ctx, `INSERT INTO actions (workspace_id, item_id, channel, kind, params, rule_id, requested_by, idempotency_key, status, attempts, next_attempt_at, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, '', ?, ?, 'pending', 0, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`,
				workspace, itemID, ch, string(act.Publish), string(params), actor, key, micros(due), micros(at), micros(at)); err != nil {
				return fmt.Errorf("queue publish on %s: %w", ch, err)
			}
			keys = append(keys, key)
		}
		out, err = scanPost(tx.QueryRowContext(ctx, `UPDATE outbound_posts SET status = 'published', published_by = ?, published_at = ?
			WHERE workspace_id = ? AND id = ? AND status = 'approved' RETURNING `+postColumns, actor, micros(at), workspace, id))
		if err != nil {
			return err
		}
		data := map[string]any{"revision": cur.Revision, "channels": cur.Channels, "idempotency_keys": keys}
		if !cur.ScheduledAt.IsZero() {
			data["scheduled_at"] = cur.ScheduledAt.UTC().Format(time.RFC3339)
		}
		return appendEvents(ctx, tx, workspace, postSubject(id), []auditEvent{{at, actor, "post.published", data}})
	})
	if err != nil {
		return out, fmt.Errorf("publish post %d: %w", id, err)
	}
	return out, nil
}

// Post returns one post.
func (s *Store) Post(ctx context.Context, workspace string, id int64) (store.Post, error) {
	p, err := readPost(ctx, s.r, workspace, id)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return p, fmt.Errorf("post %d: %w", id, err)
	}
	return p, err
}

// PostActions returns the publish actions of a post, by channel. The
// stand-in items are found through their unique (workspace, channel,
// platform id) index, one channel of the post at a time.
func (s *Store) PostActions(ctx context.Context, workspace string, id int64) ([]act.Action, error) {
	p, err := s.Post(ctx, workspace, id)
	if err != nil {
		return nil, err
	}
	return queryAll(ctx, s.r, fmt.Sprintf("actions of post %d", id), scanAction,
		`SELECT `+actionColumns+` FROM actions WHERE kind = 'publish' AND item_id IN
			(SELECT i.id FROM json_each(?) c JOIN items i ON i.workspace_id = ? AND i.channel = c.value AND i.platform_id = ?) ORDER BY channel`,
		obJSONList(p.Channels), workspace, PostPlatformID(id))
}

// Posts lists posts, newest first.
func (s *Store) Posts(ctx context.Context, workspace string, f store.PostFilter) ([]store.Post, error) {
	q := `SELECT ` + postColumns + ` FROM outbound_posts WHERE workspace_id = ?`
	args := []any{workspace}
	if f.Status != "" {
		q += ` AND status = ?`
		args = append(args, string(f.Status))
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 200
	}
	return queryAll(ctx, s.r, "posts", scanPost, q+` ORDER BY id DESC LIMIT ?`, append(args, limit)...)
}

// obRegisterWrite runs an insert-or-update of a register row and its audit.
func (s *Store) obRegisterWrite(ctx context.Context, workspace, subjectKind string, id int64, kind string, data map[string]any, actor string, at time.Time,
	insert func(tx *sql.Tx) (int64, error), update func(tx *sql.Tx) (sql.Result, error)) (int64, error) {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		ev := kind + ".updated"
		if id == 0 {
			newID, err := insert(tx)
			if err != nil {
				if isForeignKey(err) {
					return fmt.Errorf("workspace %q: %w", workspace, store.ErrNotFound)
				}
				return err
			}
			id, ev = newID, kind+".added"
		} else {
			res, err := update(tx)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return fmt.Errorf("%s %d: %w", subjectKind, id, store.ErrNotFound)
			}
		}
		return appendEvents(ctx, tx, workspace, fmt.Sprintf("%s:%d", subjectKind, id), []auditEvent{{at, actor, ev, data}})
	})
	return id, err
}

func (s *Store) obRegisterDelete(ctx context.Context, table, workspace, subjectKind string, id int64, kind, actor string) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE workspace_id = ? AND id = ?`, workspace, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return fmt.Errorf("%s %d: %w", subjectKind, id, store.ErrNotFound)
		}
		return appendEvents(ctx, tx, workspace, fmt.Sprintf("%s:%d", subjectKind, id), []auditEvent{{time.Now().UTC(), actor, kind + ".deleted", nil}})
	})
	if err != nil {
		return fmt.Errorf("delete %s %d: %w", subjectKind, id, err)
	}
	return nil
}

const consentColumns = `id, workspace_id, name, scope, channels, given_at, expires_at, evidence, updated_by, updated_at`

func scanConsent(row scanner) (store.Consent, error) {
	var c store.Consent
	var channels string
	var given, expires, updated int64
	if err := row.Scan(&c.ID, &c.Workspace, &c.Name, &c.Scope, &channels, &given, &expires, &c.Evidence, &c.UpdatedBy, &updated); err != nil {
		return c, err
	}
	c.GivenAt, c.ExpiresAt, c.UpdatedAt = fromMicros(given), fromMicros(expires), fromMicros(updated)
	var err error
	c.Channels, err = obFromJSONList[string](channels, "consent channels")
	return c, err
}

// PutConsent creates or replaces a consent.
func (s *Store) PutConsent(ctx context.Context, c store.Consent, actor string) (store.Consent, error) {
	at := obNow(c.UpdatedAt)
	data := map[string]any{"scope": c.Scope, "channels": c.Channels, "expires": !c.ExpiresAt.IsZero()}
	id, err := s.obRegisterWrite(ctx, c.Workspace, "consent", c.ID, "consent", data, actor, at,
		func(tx *sql.Tx) (int64, error) {
			var id int64
			err := tx.QueryRowContext(ctx, `INSERT INTO outbound_consents (workspace_id, name, scope, channels, given_at, expires_at, evidence, updated_by, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, c.Workspace, c.Name, c.Scope, obJSONList(c.Channels), micros(c.GivenAt), micros(c.ExpiresAt), c.Evidence, actor, micros(at)).Scan(&id)
			return id, err
		},
		func(tx *sql.Tx) (sql.Result, error) {
			return tx.ExecContext(ctx, `UPDATE outbound_consents SET name = ?, scope = ?, channels = ?, given_at = ?, expires_at = ?, evidence = ?, updated_by = ?, updated_at = ?
				WHERE workspace_id = ? AND id = ?`, c.Name, c.Scope, obJSONList(c.Channels), micros(c.GivenAt), micros(c.ExpiresAt), c.Evidence, actor, micros(at), c.Workspace, c.ID)
		})
	if err != nil {
		return c, fmt.Errorf("save consent: %w", err)
	}
	c.ID, c.UpdatedBy, c.UpdatedAt = id, actor, at
	return c, nil
}

// DeleteConsent erases a consent (withdrawn, or recorded by mistake).
func (s *Store) DeleteConsent(ctx context.Context, workspace string, id int64, actor string) error {
	return s.obRegisterDelete(ctx, "outbound_consents", workspace, "consent", id, "consent", actor)
}

// Consents lists a workspace's consents by name.
func (s *Store) Consents(ctx context.Context, workspace string) ([]store.Consent, error) {
	return queryAll(ctx, s.r, "consents", scanConsent, `SELECT `+consentColumns+` FROM outbound_consents WHERE workspace_id = ? ORDER BY name COLLATE NOCASE, id`, workspace)
}

const protectedColumns = `id, workspace_id, name, aliases, reason, updated_by, updated_at`

func scanProtected(row scanner) (store.ProtectedPerson, error) {
	var p store.ProtectedPerson
	var aliases string
	var updated int64
	if err := row.Scan(&p.ID, &p.Workspace, &p.Name, &aliases, &p.Reason, &p.UpdatedBy, &updated); err != nil {
		return p, err
	}
	p.UpdatedAt = fromMicros(updated)
	var err error
	p.Aliases, err = obFromJSONList[string](aliases, "protected person aliases")
	return p, err
}

// PutProtectedPerson creates or replaces a protected person.
func (s *Store) PutProtectedPerson(ctx context.Context, p store.ProtectedPerson, actor string) (store.ProtectedPerson, error) {
	at := obNow(p.UpdatedAt)
	data := map[string]any{"reason": p.Reason, "aliases": len(p.Aliases)}
	id, err := s.obRegisterWrite(ctx, p.Workspace, "protected", p.ID, "protected_person", data, actor, at,
		func(tx *sql.Tx) (int64, error) {
			var id int64
			err := tx.QueryRowContext(ctx, `INSERT INTO outbound_protected (workspace_id, name, aliases, reason, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
				p.Workspace, p.Name, obJSONList(p.Aliases), p.Reason, actor, micros(at)).Scan(&id)
			return id, err
		},
		func(tx *sql.Tx) (sql.Result, error) {
			return tx.ExecContext(ctx, `UPDATE outbound_protected SET name = ?, aliases = ?, reason = ?, updated_by = ?, updated_at = ? WHERE workspace_id = ? AND id = ?`,
				p.Name, obJSONList(p.Aliases), p.Reason, actor, micros(at), p.Workspace, p.ID)
		})
	if err != nil {
		return p, fmt.Errorf("save protected person: %w", err)
	}
	p.ID, p.UpdatedBy, p.UpdatedAt = id, actor, at
	return p, nil
}

// DeleteProtectedPerson removes a protected person.
func (s *Store) DeleteProtectedPerson(ctx context.Context, workspace string, id int64, actor string) error {
	return s.obRegisterDelete(ctx, "outbound_protected", workspace, "protected", id, "protected_person", actor)
}

// ProtectedPersons lists a workspace's protected persons by name.
func (s *Store) ProtectedPersons(ctx context.Context, workspace string) ([]store.ProtectedPerson, error) {
	return queryAll(ctx, s.r, "protected persons", scanProtected, `SELECT `+protectedColumns+` FROM outbound_protected WHERE workspace_id = ? ORDER BY name COLLATE NOCASE, id`, workspace)
}

const privateEventColumns = `id, workspace_id, label, places, start_at, end_at, updated_by, updated_at`

func scanPrivateEvent(row scanner) (store.PrivateEvent, error) {
	var e store.PrivateEvent
	var places string
	var start, end, updated int64
	if err := row.Scan(&e.ID, &e.Workspace, &e.Label, &places, &start, &end, &e.UpdatedBy, &updated); err != nil {
		return e, err
	}
	e.Start, e.End, e.UpdatedAt = fromMicros(start), fromMicros(end), fromMicros(updated)
	var err error
	e.Places, err = obFromJSONList[string](places, "private event places")
	return e, err
}

// PutPrivateEvent creates or replaces a private event.
func (s *Store) PutPrivateEvent(ctx context.Context, e store.PrivateEvent, actor string) (store.PrivateEvent, error) {
	at := obNow(e.UpdatedAt)
	data := map[string]any{"places": len(e.Places), "start": e.Start.UTC().Format(time.RFC3339), "end": e.End.UTC().Format(time.RFC3339)}
	id, err := s.obRegisterWrite(ctx, e.Workspace, "private_event", e.ID, "private_event", data, actor, at,
		func(tx *sql.Tx) (int64, error) {
			var id int64
			err := tx.QueryRowContext(ctx, `INSERT INTO outbound_private_events (workspace_id, label, places, start_at, end_at, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
				e.Workspace, e.Label, obJSONList(e.Places), micros(e.Start), micros(e.End), actor, micros(at)).Scan(&id)
			return id, err
		},
		func(tx *sql.Tx) (sql.Result, error) {
			return tx.ExecContext(ctx, `UPDATE outbound_private_events SET label = ?, places = ?, start_at = ?, end_at = ?, updated_by = ?, updated_at = ? WHERE workspace_id = ? AND id = ?`,
				e.Label, obJSONList(e.Places), micros(e.Start), micros(e.End), actor, micros(at), e.Workspace, e.ID)
		})
	if err != nil {
		return e, fmt.Errorf("save private event: %w", err)
	}
	e.ID, e.UpdatedBy, e.UpdatedAt = id, actor, at
	return e, nil
}

// DeletePrivateEvent removes a private event.
func (s *Store) DeletePrivateEvent(ctx context.Context, workspace string, id int64, actor string) error {
	return s.obRegisterDelete(ctx, "outbound_private_events", workspace, "private_event", id, "private_event", actor)
}

// PrivateEvents lists a workspace's private events by start.
func (s *Store) PrivateEvents(ctx context.Context, workspace string) ([]store.PrivateEvent, error) {
	return queryAll(ctx, s.r, "private events", scanPrivateEvent, `SELECT `+privateEventColumns+` FROM outbound_private_events WHERE workspace_id = ? ORDER BY start_at, id`, workspace)
}

// OutboundSettings returns the workspace's settings, or the defaults.
func (s *Store) OutboundSettings(ctx context.Context, workspace string) (store.OutboundSettings, error) {
	out := store.OutboundSettings{Workspace: workspace, ReviewDays: 90}
	var own, kw string
	var updated int64
	err := s.r.QueryRowContext(ctx, `SELECT own_contacts, keywords, help_phone, help_url, review_days, updated_by, updated_at FROM outbound_settings WHERE workspace_id = ?`, workspace).
		Scan(&own, &kw, &out.HelpPhone, &out.HelpURL, &out.ReviewDays, &out.UpdatedBy, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return out, nil
	}
	if err != nil {
		return out, fmt.Errorf("outbound settings: %w", err)
	}
	out.UpdatedAt = fromMicros(updated)
	if out.OwnContacts, err = obFromJSONList[string](own, "own contacts"); err != nil {
		return out, err
	}
	out.Keywords, err = obFromJSONList[string](kw, "confidential keywords")
	return out, err
}

// SetOutboundSettings saves the workspace's settings.
func (s *Store) SetOutboundSettings(ctx context.Context, o store.OutboundSettings, actor string) error {
	at := obNow(o.UpdatedAt)
	if o.ReviewDays <= 0 {
		o.ReviewDays = 90
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO outbound_settings (workspace_id, own_contacts, keywords, help_phone, help_url, review_days, updated_by, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (workspace_id) DO UPDATE SET own_contacts = excluded.own_contacts, keywords = excluded.keywords, help_phone = excluded.help_phone,
				help_url = excluded.help_url, review_days = excluded.review_days, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
			o.Workspace, obJSONList(o.OwnContacts), obJSONList(o.Keywords), o.HelpPhone, o.HelpURL, o.ReviewDays, actor, micros(at))
		if err != nil {
			if isForeignKey(err) {
				return fmt.Errorf("workspace %q: %w", o.Workspace, store.ErrNotFound)
			}
			return err
		}
		return appendEvents(ctx, tx, o.Workspace, "outbound_settings:"+o.Workspace, []auditEvent{{at, actor, "outbound.settings_set",
			map[string]any{"own_contacts": len(o.OwnContacts), "keywords": len(o.Keywords), "help_phone": o.HelpPhone != "", "help_url": o.HelpURL != "", "review_days": o.ReviewDays}}})
	})
	if err != nil {
		return fmt.Errorf("save outbound settings: %w", err)
	}
	return nil
}

const brandColumns = `id, workspace_id, platform, handle, url, purpose, owners, backup_owners, two_factor, recovery_contacts, last_review_at, last_review_by, updated_by, updated_at`

func scanBrand(row scanner) (store.BrandAccount, error) {
	var a store.BrandAccount
	var owners, backups, recovery string
	var review, updated int64
	if err := row.Scan(&a.ID, &a.Workspace, &a.Platform, &a.Handle, &a.URL, &a.Purpose, &owners, &backups, &a.TwoFactor, &recovery, &review, &a.LastReviewBy, &a.UpdatedBy, &updated); err != nil {
		return a, err
	}
	a.LastReviewAt, a.UpdatedAt = fromMicros(review), fromMicros(updated)
	var err error
	if a.Owners, err = obFromJSONList[int64](owners, "account owners"); err != nil {
		return a, err
	}
	if a.BackupOwners, err = obFromJSONList[int64](backups, "account backup owners"); err != nil {
		return a, err
	}
	a.RecoveryContacts, err = obFromJSONList[string](recovery, "account recovery contacts")
	return a, err
}

// PutBrandAccount creates or replaces a brand account's record.
func (s *Store) PutBrandAccount(ctx context.Context, a store.BrandAccount, actor string) (store.BrandAccount, error) {
	at := obNow(a.UpdatedAt)
	data := map[string]any{"platform": a.Platform, "handle": a.Handle, "owners": a.Owners, "backup_owners": a.BackupOwners, "two_factor": a.TwoFactor}
	id, err := s.obRegisterWrite(ctx, a.Workspace, "brand_account", a.ID, "brand_account", data, actor, at,
		func(tx *sql.Tx) (int64, error) {
			var id int64
			err := tx.QueryRowContext(ctx, `INSERT INTO brand_accounts (workspace_id, platform, handle, url, purpose, owners, backup_owners, two_factor, recovery_contacts, last_review_at, last_review_by, updated_by, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
				a.Workspace, a.Platform, a.Handle, a.URL, a.Purpose, obJSONList(a.Owners), obJSONList(a.BackupOwners), a.TwoFactor, obJSONList(a.RecoveryContacts), micros(a.LastReviewAt), a.LastReviewBy, actor, micros(at)).Scan(&id)
			if isUniqueViolation(err) {
				return 0, fmt.Errorf("%s account %q: %w", a.Platform, a.Handle, store.ErrConflict)
			}
			return id, err
		},
		func(tx *sql.Tx) (sql.Result, error) {
			res, err := tx.ExecContext(ctx, `UPDATE brand_accounts SET platform = ?, handle = ?, url = ?, purpose = ?, owners = ?, backup_owners = ?, two_factor = ?, recovery_contacts = ?, updated_by = ?, updated_at = ?
				WHERE workspace_id = ? AND id = ?`,
				a.Platform, a.Handle, a.URL, a.Purpose, obJSONList(a.Owners), obJSONList(a.BackupOwners), a.TwoFactor, obJSONList(a.RecoveryContacts), actor, micros(at), a.Workspace, a.ID)
			if isUniqueViolation(err) {
				return nil, fmt.Errorf("%s account %q: %w", a.Platform, a.Handle, store.ErrConflict)
			}
			return res, err
		})
	if err != nil {
		return a, fmt.Errorf("save brand account: %w", err)
	}
	return s.BrandAccount(ctx, a.Workspace, id)
}

// DeleteBrandAccount removes a brand account's record.
func (s *Store) DeleteBrandAccount(ctx context.Context, workspace string, id int64, actor string) error {
	return s.obRegisterDelete(ctx, "brand_accounts", workspace, "brand_account", id, "brand_account", actor)
}

// ReviewBrandAccount records an access review.
func (s *Store) ReviewBrandAccount(ctx context.Context, workspace string, id int64, at time.Time, actor string) (store.BrandAccount, error) {
	at = obNow(at)
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE brand_accounts SET last_review_at = ?, last_review_by = ? WHERE workspace_id = ? AND id = ?`, micros(at), actor, workspace, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return fmt.Errorf("brand account %d: %w", id, store.ErrNotFound)
		}
		return appendEvents(ctx, tx, workspace, fmt.Sprintf("brand_account:%d", id), []auditEvent{{at, actor, "brand_account.reviewed", nil}})
	})
	if err != nil {
		return store.BrandAccount{}, fmt.Errorf("review brand account %d: %w", id, err)
	}
	return s.BrandAccount(ctx, workspace, id)
}

// BrandAccount returns one brand account.
func (s *Store) BrandAccount(ctx context.Context, workspace string, id int64) (store.BrandAccount, error) {
	a, err := scanBrand(s.r.QueryRowContext(ctx, `SELECT `+brandColumns+` FROM brand_accounts WHERE workspace_id = ? AND id = ?`, workspace, id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("brand account %d in workspace %q: %w", id, workspace, store.ErrNotFound)
	}
	if err != nil {
		return a, fmt.Errorf("brand account %d: %w", id, err)
	}
	return a, nil
}

// BrandAccounts lists a workspace's brand accounts.
func (s *Store) BrandAccounts(ctx context.Context, workspace string) ([]store.BrandAccount, error) {
	return queryAll(ctx, s.r, "brand accounts", scanBrand, `SELECT `+brandColumns+` FROM brand_accounts WHERE workspace_id = ? ORDER BY platform, handle COLLATE NOCASE`, workspace)
}
