package desk

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/store"
)

// Step kinds a person can take from the desk.
var stepKinds = []string{"hide", "unhide", "allow", "delete", "notify_author", "block", "report", "escalate", "supporter"}

// verdictOf is the verdict a step expresses, "" for steps that are not a
// verdict (notify, block, report, escalate, supporter).
func verdictOf(kind string) string {
	switch kind {
	case "hide":
		return "hide"
	case "delete":
		return "delete"
	case "allow", "unhide":
		return "allow"
	}
	return ""
}

// errNoRule: notifying the author needs a rule to cite.
var errNoRule = errors.New("no rule to cite")

// apply turns a step into outbox actions, a status, maybe a correction,
// and stores it all at once. The idempotency key is derived from the
// user, the item, the kind and the form's nonce, so the same form sent
// twice acts once.
func (d *Desk) apply(ctx context.Context, v *Viewer, itemID int64, kind, nonce string) (bool, error) {
	qi, err := d.st.QueueItem(ctx, v.Workspace, itemID, d.now())
	if err != nil {
		return false, err
	}
	key := act.Key("desk", strconv.FormatInt(v.User.ID, 10), v.Workspace, strconv.FormatInt(itemID, 10), kind, nonce)
	st := store.DeskStep{Workspace: v.Workspace, ItemID: itemID, UserID: v.User.ID, Kind: kind, Key: key, At: d.now()}
	queue := func(k act.Kind, ruleID string, params any) {
		a := act.Action{Workspace: v.Workspace, ItemID: itemID, Channel: qi.Item.Channel, Kind: k, RuleID: ruleID,
			RequestedBy: fmt.Sprintf("user:%d", v.User.ID), IdempotencyKey: act.Key(key, string(k))}
		if params != nil {
			a.Params, _ = json.Marshal(params)
		}
		st.Actions = append(st.Actions, a)
	}
	var rule string
	if qi.Decision != nil && len(qi.Decision.Rules) > 0 {
		rule = qi.Decision.Rules[0]
	}
	switch kind {
	case "hide":
		st.Status = store.StatusHidden
		queue(act.Hide, rule, nil)
	case "unhide":
		st.Status = store.StatusAllowed
		queue(act.Unhide, "", nil)
	case "allow":
		st.Status = store.StatusAllowed
		if qi.Status == store.StatusHidden {
			queue(act.Unhide, "", nil) // approving a hidden item puts it back
		}
	case "delete":
		st.Status = store.StatusDeleted
		queue(act.Delete, rule, nil)
	case "notify_author":
		p, err := d.policyOf(ctx, v.Workspace)
		if err != nil {
			return false, err
		}
		r, ok := p.Rule(rule)
		if !ok {
			return false, errNoRule
		}
		lang := qi.Item.Lang
		if qi.Decision != nil && qi.Decision.Lang != "" {
			lang = qi.Decision.Lang
		}
		text, ok := r.PublicText(lang)
		if !ok {
			text, _ = r.PublicText("en")
		}
		// The author can read the rule in full on the public guidelines page.
		text = d.citeRule(ctx, v.Workspace, rule, lang, text)
		queue(act.NotifyAuthor, rule, map[string]string{"rule": rule, "text": text, "lang": lang})
	case "block":
		queue(act.Block, rule, nil)
	case "report":
		queue(act.Report, rule, nil)
	case "escalate":
		st.Status = store.StatusEscalated
		sev := "normal"
		if qi.Severity >= 3 {
			sev = "high"
		}
		queue(act.Escalate, rule, map[string]string{"severity": sev, "by": "desk"})
	case "supporter":
		st.AuthorLabel = "supporter"
	default:
		return false, fmt.Errorf("unknown step %q", kind)
	}
	// A person's verdict that differs from the policy's is a correction,
	// kept for evaluation and training.
	if nv := verdictOf(kind); nv != "" && qi.Decision != nil && qi.Decision.Action != nv {
		c := &store.Correction{OldVerdict: qi.Decision.Action, NewVerdict: nv}
		for _, s := range qi.Decision.Signals {
			if !contains(c.Categories, string(s.Category)) {
				c.Categories = append(c.Categories, string(s.Category))
			}
		}
		st.Correction = c
	}
	return d.st.ApplyStep(ctx, st)
}

// ItemAct takes one step on the item of the URL (the item page's buttons).
func (d *Desk) ItemAct(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		d.Error(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	kind, nonce := r.PostFormValue("kind"), r.PostFormValue("nonce")
	back := localPath(r.PostFormValue("back"), fmt.Sprintf("/w/%s/items/%d", v.Workspace, id))
	if !d.stepOK(w, r, kind, nonce) {
		return
	}
	if _, err := d.apply(r.Context(), v, id, kind, nonce); err != nil {
		d.stepFailed(w, r, err)
		return
	}
	http.Redirect(w, r, withFlash(back, "done_"+kind), http.StatusSeeOther)
}

func (d *Desk) stepOK(w http.ResponseWriter, r *http.Request, kind, nonce string) bool {
	if !contains(stepKinds, kind) || nonce == "" || len(nonce) > 64 {
		d.Error(w, r, http.StatusBadRequest, "error.bad_request")
		return false
	}
	return true
}

func (d *Desk) stepFailed(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		d.Error(w, r, http.StatusNotFound, "error.not_found")
	case errors.Is(err, errNoRule):
		d.Error(w, r, http.StatusUnprocessableEntity, "error.no_rule")
	default:
		d.log.Error("desk step", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
	}
}

// maxBulk bounds one bulk action: a page holds at most 500 items.
const maxBulk = 500

// QueueAct takes a step from the queue: one item's button ("one" is
// kind:id) or the bulk bar (every checked "ids" with "bulk" as the kind).
// An htmx request for one item gets the item's new row back; otherwise
// the browser goes back to the queue.
func (d *Desk) QueueAct(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	nonce := r.PostFormValue("nonce")
	back := localPath(r.PostFormValue("back"), "/w/"+v.Workspace+"/queue")
	var kind string
	var ids []int64
	if one := r.PostFormValue("one"); one != "" {
		k, idStr, _ := strings.Cut(one, ":")
		id, err := strconv.ParseInt(idStr, 10, 64)
		if err != nil {
			d.Error(w, r, http.StatusBadRequest, "error.bad_request")
			return
		}
		kind, ids = k, []int64{id}
	} else {
		kind = r.PostFormValue("bulk")
		for _, s := range r.PostForm["ids"] {
			id, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				d.Error(w, r, http.StatusBadRequest, "error.bad_request")
				return
			}
			ids = append(ids, id)
		}
		if len(ids) == 0 {
			http.Redirect(w, r, withFlash(back, "nothing_selected"), http.StatusSeeOther)
			return
		}
		if len(ids) > maxBulk {
			d.Error(w, r, http.StatusRequestEntityTooLarge, "error.too_many")
			return
		}
	}
	if !d.stepOK(w, r, kind, nonce) {
		return
	}
	for _, id := range ids {
		if _, err := d.apply(r.Context(), v, id, kind, nonce); err != nil {
			d.stepFailed(w, r, err)
			return
		}
	}
	if r.Header.Get("HX-Request") == "true" && len(ids) == 1 {
		qi, err := d.st.QueueItem(r.Context(), v.Workspace, ids[0], d.now())
		if err != nil {
			d.stepFailed(w, r, err)
			return
		}
		p, err := d.queuePage(r, v, parseFilters(nil), []store.QueueItem{qi})
		if err != nil {
			d.stepFailed(w, r, err)
			return
		}
		p.Flash = p.L.T("flash.done_" + kind)
		d.renderTemplate(w, r, http.StatusOK, "queue", "row_swap", p)
		return
	}
	http.Redirect(w, r, withFlash(back, "done_"+kind), http.StatusSeeOther)
}
