package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/stormwatch/stormwatch/internal/store"
)

// abuseIn is the SQL list of store.AbuseCategories.
var abuseIn = "('" + strings.Join(store.AbuseCategories, "', '") + "')"

// hasAbuse: the decision d (of item i) carries an abuse signal.
func hasAbuse(d string) string {
	return `EXISTS (SELECT 1 FROM json_each(` + d + `.signals) j WHERE json_extract(j.value, '$.category') IN ` + abuseIn + `)`
}

// windowArgs turns a window into micros bounds (no upper bound: max).
func windowArgs(w store.AuthorWindow) (int64, int64) {
	until := int64(math.MaxInt64)
	if !w.Until.IsZero() {
		until = micros(w.Until)
	}
	return micros(w.Since), until
}

// RepeatOffenders lists authors with items removed or held for abuse.
func (s *Store) RepeatOffenders(ctx context.Context, workspace string, w store.AuthorWindow, minItems int) ([]store.Offender, error) {
	since, until := windowArgs(w)
	rows, err := s.r.QueryContext(ctx, `SELECT i.id, i.channel, i.author_id, i.author_name, i.received_at, d.signals
		FROM items i JOIN decisions d ON d.item_id = i.id LEFT JOIN item_status st ON st.item_id = i.id
		WHERE i.workspace_id = ? AND i.author_id != '' AND i.received_at >= ? AND i.received_at < ?
		AND `+statusExpr+` IN ('hidden', 'deleted', 'to_review', 'escalated') AND `+hasAbuse("d")+`
		ORDER BY i.id DESC`, workspace, since, until)
	if err != nil {
		return nil, fmt.Errorf("repeat offenders: %w", err)
	}
	defer rows.Close()
	type key struct{ ch, id string }
	by := map[key]*store.Offender{}
	var order []key
	for rows.Next() {
		var id, at int64
		var ch, author, name, sigs string
		if err := rows.Scan(&id, &ch, &author, &name, &at, &sigs); err != nil {
			return nil, fmt.Errorf("repeat offenders: %w", err)
		}
		var signals []struct {
			Category string `json:"category"`
		}
		if err := json.Unmarshal([]byte(sigs), &signals); err != nil {
			return nil, fmt.Errorf("repeat offenders: item %d: %w", id, err)
		}
		k := key{ch, author}
		o := by[k]
		if o == nil {
			o = &store.Offender{Channel: ch, AuthorID: author, AuthorName: name, Categories: map[string]int{}, LastSeen: fromMicros(at)}
			by[k] = o
			order = append(order, k)
		}
		o.Items++
		o.FirstSeen = fromMicros(at) // rows come newest first
		if len(o.ItemIDs) < 20 {
			o.ItemIDs = append(o.ItemIDs, id)
		}
		seen := map[string]bool{}
		for _, sg := range signals {
			if slices.Contains(store.AbuseCategories, sg.Category) && !seen[sg.Category] {
				seen[sg.Category] = true
				o.Categories[sg.Category]++
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("repeat offenders: %w", err)
	}
	var out []store.Offender
	for _, k := range order {
		if o := by[k]; o.Items >= max(minItems, 1) {
			out = append(out, *o)
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].Items != out[b].Items {
			return out[a].Items > out[b].Items
		}
		return out[a].LastSeen.After(out[b].LastSeen)
	})
	return out, nil
}

// Supporters lists marked and suggested supporters.
func (s *Store) Supporters(ctx context.Context, workspace string, r store.SupporterRules) ([]store.Supporter, error) {
	minPraise, minDef := r.MinPraise, r.MinDefences
	if minPraise <= 0 {
		minPraise = 3
	}
	if minDef <= 0 {
		minDef = 1
	}
	since, until := windowArgs(r.AuthorWindow)
	type key struct{ ch, id string }
	by := map[key]*store.Supporter{}
	var order []key
	get := func(ch, id string) *store.Supporter {
		k := key{ch, id}
		if by[k] == nil {
			by[k] = &store.Supporter{Channel: ch, AuthorID: id}
			order = append(order, k)
		}
		return by[k]
	}

	// Marked by the staff, with their newest item.
	rows, err := s.r.QueryContext(ctx, `SELECT l.channel, l.author_id, l.at,
		COALESCE((SELECT i.id FROM items i WHERE i.workspace_id = l.workspace_id AND i.channel = l.channel AND i.author_id = l.author_id ORDER BY i.id DESC LIMIT 1), 0)
		FROM author_labels l WHERE l.workspace_id = ? AND l.label = 'supporter' ORDER BY l.at, l.channel, l.author_id`, workspace)
	if err != nil {
		return nil, fmt.Errorf("supporters: %w", err)
	}
	for rows.Next() {
		var ch, id string
		var at, last int64
		if err := rows.Scan(&ch, &id, &at, &last); err != nil {
			rows.Close()
			return nil, fmt.Errorf("supporters: %w", err)
		}
		sp := get(ch, id)
		sp.Marked, sp.MarkedAt, sp.LastItemID = true, fromMicros(at), last
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("supporters: %w", err)
	}

	// Praise in the window, and what it answers: the parent if abusive,
	// else the first abusive item of someone else earlier in the thread.
	abusive := `SELECT p.id FROM items p JOIN decisions pd ON pd.item_id = p.id
		WHERE p.workspace_id = i.workspace_id AND p.channel = i.channel AND p.id != i.id AND p.author_id != i.author_id AND ` + hasAbuse("pd")
	rows, err = s.r.QueryContext(ctx, `SELECT i.id, i.channel, i.author_id, i.author_name, i.received_at,
		COALESCE((`+abusive+` AND i.parent_id != '' AND p.platform_id = i.parent_id LIMIT 1),
			(`+abusive+` AND i.thread_id != '' AND p.thread_id = i.thread_id AND p.id < i.id ORDER BY p.id LIMIT 1), 0)
		FROM items i JOIN decisions d ON d.item_id = i.id LEFT JOIN item_status st ON st.item_id = i.id
		WHERE i.workspace_id = ? AND i.author_id != '' AND i.received_at >= ? AND i.received_at < ?
		AND EXISTS (SELECT 1 FROM json_each(d.signals) j WHERE json_extract(j.value, '$.category') = 'praise')
		AND NOT `+hasAbuse("d")+` AND `+statusExpr+` NOT IN ('hidden', 'deleted')
		ORDER BY i.id DESC`, workspace, since, until)
	if err != nil {
		return nil, fmt.Errorf("supporters: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, at, defended int64
		var ch, author, name string
		if err := rows.Scan(&id, &ch, &author, &name, &at, &defended); err != nil {
			return nil, fmt.Errorf("supporters: %w", err)
		}
		sp := get(ch, author)
		if sp.AuthorName == "" {
			sp.AuthorName = name
		}
		if sp.LastSeen.IsZero() {
			sp.LastSeen = fromMicros(at)
		}
		if id > sp.LastItemID {
			sp.LastItemID = id
		}
		sp.Praise++
		if defended != 0 {
			sp.Defences++
			sp.DefenceIDs = append(sp.DefenceIDs, id)
			if !slices.Contains(sp.DefendedIDs, defended) {
				sp.DefendedIDs = append(sp.DefendedIDs, defended)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("supporters: %w", err)
	}

	// Names of marked authors without praise in the window, and who is
	// excluded from suggestions.
	offenders, err := s.RepeatOffenders(ctx, workspace, r.AuthorWindow, 1)
	if err != nil {
		return nil, err
	}
	excluded := map[key]bool{}
	for _, o := range offenders {
		excluded[key{o.Channel, o.AuthorID}] = true
	}
	var marked, suggested []store.Supporter
	for _, k := range order {
		sp := by[k]
		if sp.Marked {
			if sp.AuthorName == "" && sp.LastItemID != 0 {
				var at int64
				if err := s.r.QueryRowContext(ctx, `SELECT author_name, received_at FROM items WHERE id = ?`, sp.LastItemID).Scan(&sp.AuthorName, &at); err != nil {
					return nil, fmt.Errorf("supporters: %w", err)
				}
				sp.LastSeen = fromMicros(at)
			}
			marked = append(marked, *sp)
			continue
		}
		if excluded[k] || (sp.Praise < minPraise && sp.Defences < minDef) {
			continue
		}
		suggested = append(suggested, *sp)
	}
	sort.SliceStable(suggested, func(a, b int) bool {
		if suggested[a].Defences != suggested[b].Defences {
			return suggested[a].Defences > suggested[b].Defences
		}
		if suggested[a].Praise != suggested[b].Praise {
			return suggested[a].Praise > suggested[b].Praise
		}
		return suggested[a].LastItemID > suggested[b].LastItemID
	})
	return append(marked, suggested...), nil
}
