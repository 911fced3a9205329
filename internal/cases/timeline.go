package cases

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/stormwatch/stormwatch/internal/store"
)

// Entry is one line of a case's timeline.
type Entry struct {
	At      time.Time `json:"at"`
	Kind    string    `json:"kind"` // item, decision, action, note, evidence, case, audit
	Actor   string    `json:"actor,omitempty"`
	Summary string    `json:"summary"`
	ItemID  int64     `json:"item_id,omitempty"`
	Ref     string    `json:"ref,omitempty"` // what it points at: item:42, note:3, evidence:5, audit:120
}

// Timeline builds the case's history, oldest first, from its own records
// (items as written, their decisions and actions, notes, evidence) and from
// the audit excerpt for what only the audit knows (status, severity and role
// changes, action outcomes, people's steps on items, exports).
func Timeline(f store.CaseFile) []Entry {
	var out []Entry
	for _, ci := range f.Items {
		it := ci.Item
		author := it.AuthorName
		if author == "" {
			author = it.AuthorID
		}
		out = append(out, Entry{At: it.CreatedAt, Kind: "item", Actor: author, ItemID: it.ID, Ref: fmt.Sprintf("item:%d", it.ID),
			Summary: fmt.Sprintf("%s by %s on %s: “%s”", it.Kind, orDash(author), it.Channel, clip(it.Text, 140))})
		if d := ci.Decision; d != nil {
			s := "decided: " + d.Action
			if len(d.Rules) > 0 {
				s += " (rule " + strings.Join(d.Rules, ", ") + ")"
			}
			if d.PolicyVersion != "" {
				s += ", policy " + d.PolicyVersion
			}
			out = append(out, Entry{At: d.DecidedAt, Kind: "decision", Actor: "pipeline", ItemID: it.ID, Ref: fmt.Sprintf("item:%d", it.ID), Summary: s})
		}
		for _, a := range ci.Actions {
			s := fmt.Sprintf("%s requested", a.Kind)
			if a.RuleID != "" {
				s += " by rule " + a.RuleID
			}
			out = append(out, Entry{At: a.CreatedAt, Kind: "action", Actor: a.RequestedBy, ItemID: it.ID, Ref: fmt.Sprintf("action:%d", a.ID), Summary: s})
		}
	}
	for _, n := range f.Notes {
		out = append(out, Entry{At: n.At, Kind: "note", Actor: n.Author, Ref: fmt.Sprintf("note:%d", n.ID), Summary: n.Kind + ": " + clip(n.Text, 200)})
	}
	for _, e := range f.Evidence {
		out = append(out, Entry{At: e.UploadedAt, Kind: "evidence", Actor: e.UploadedBy, Ref: fmt.Sprintf("evidence:%d", e.ID),
			Summary: fmt.Sprintf("evidence added: %s (%s, %s, SHA-256 %s)", e.Name, e.ContentType, humanSize(e.Size), e.SHA256)})
	}
	actionItem := map[string]int64{}
	for _, ci := range f.Items {
		for _, a := range ci.Actions {
			actionItem[fmt.Sprintf("action:%d", a.ID)] = ci.Item.ID
		}
	}
	for _, ev := range f.Audit {
		var d map[string]any
		_ = json.Unmarshal(ev.Data, &d)
		e := Entry{At: ev.At, Kind: "case", Actor: ev.Actor, Ref: fmt.Sprintf("audit:%d", ev.Seq)}
		switch ev.Kind {
		case "items.ingested", "item.decided", "case.note_added", "case.evidence_added":
			continue // told above from the records themselves
		case "case.created":
			e.Summary = fmt.Sprintf("case opened by hand, severity %v", d["severity"])
		case "case.opened":
			e.Summary = fmt.Sprintf("case opened by escalation (rule %v), severity %v", d["rule"], d["severity"])
		case "case.items_added":
			e.Summary = fmt.Sprintf("items added: %v", d["item_ids"])
		case "case.status_changed":
			e.Summary = fmt.Sprintf("status %v -> %v", d["from"], d["to"])
			if r, ok := d["reason"].(string); ok && r != "" {
				e.Summary += ": " + clip(r, 200)
			}
		case "case.severity_changed":
			e.Summary = fmt.Sprintf("severity %v -> %v", d["from"], d["to"])
		case "case.role_set":
			who := fmt.Sprintf("user %v", d["user_id"])
			for _, r := range f.Roles {
				if fmt.Sprint(r.UserID) == fmt.Sprint(d["user_id"]) && r.Name != "" {
					who = fmt.Sprintf("%s (user %d)", r.Name, r.UserID)
				}
			}
			if d["role"] == "" {
				e.Summary = who + " removed from the case"
			} else {
				e.Summary = fmt.Sprintf("%s is %v", who, d["role"])
			}
		case "case.edited":
			e.Summary = "title or summary edited"
		case "case.exported":
			e.Summary = fmt.Sprintf("evidence bundle exported (manifest SHA-256 %v)", d["manifest_sha256"])
		default:
			e.Kind = "audit"
			e.Summary = ev.Kind
			if strings.HasPrefix(ev.Subject, "action:") {
				e.ItemID = actionItem[ev.Subject]
				e.Summary = fmt.Sprintf("%s (%s", ev.Kind, ev.Subject)
				if r, ok := d["result"].(string); ok && r != "" {
					e.Summary += ": " + clip(r, 120)
				}
				if r, ok := d["error"].(string); ok && r != "" {
					e.Summary += ": " + clip(r, 120)
				}
				e.Summary += ")"
			} else if ev.Subject != "" {
				e.Summary += " (" + ev.Subject + ")"
			}
		}
		out = append(out, e)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// clip shortens s to n runes for one-line summaries; the full text is in
// the item, note or bundle.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
