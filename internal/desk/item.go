package desk

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strconv"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/channels"
	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/pipeline"
	"github.com/stormwatch/stormwatch/internal/store"
)

type ruleView struct {
	ID, Title, Public string
	Found             bool
}

type itemPage struct {
	base
	R           row
	Text        template.HTML
	Signals     []detect.Signal
	Rules       []ruleView
	Thread      []row
	History     []row
	Author      store.AuthorInfo
	Subject     string // what a claim on this item holds: its thread if any
	Nonce       string
	CanModerate bool
	Back        string
	Raw         string
	Reply       *replyBox // the reply section (replies.go); nil when the viewer may not reply
	// Help warns on a direct message asking for help (outbound.go); nil otherwise.
	Help *helpNotice
	// Unavailable: actions the policy chose that the item's channel
	// cannot do, dropped by the pipeline (a person must decide instead).
	Unavailable []pipeline.Unavailable
}

// Offers reports whether the item's channel can carry out a step: a
// connected channel offers only what its kind declares (Mastodon cannot
// hide); any other channel (demo, API, import) is a dry run and offers all.
func (p itemPage) Offers(step string) bool {
	return channels.CanDo(p.R.Q.Item.Channel, act.Kind(step))
}

// Item shows one item: the text with its highlighted spans, the decision
// with the rules cited and each signal's explanation, the thread around
// it, the author's history in this workspace, the claim, and the steps.
func (d *Desk) Item(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		d.Error(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	ctx := r.Context()
	now := d.now()
	qi, err := d.st.QueueItem(ctx, v.Workspace, id, now)
	if errors.Is(err, store.ErrNotFound) {
		d.Error(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	if err != nil {
		d.log.Error("item", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	p := itemPage{base: d.base(r, "item.title"), R: makeRow(qi, v), Nonce: newNonce(), CanModerate: v.Can("moderate"),
		Back: fmt.Sprintf("/w/%s/items/%d", v.Workspace, id), Subject: claimSubject(qi.Item)}
	p.Nav = "queue"
	p.Title = p.L.T("item.title_n", id)
	p.Text = p.R.Text
	if dec := qi.Decision; dec != nil {
		p.Signals = dec.Signals
		pol, err := d.policyOf(ctx, v.Workspace)
		for _, id := range dec.Rules {
			rv := ruleView{ID: id}
			if err == nil {
				if rule, ok := pol.Rule(id); ok {
					rv.Found, rv.Title = true, rule.Title
					rv.Public, _ = rule.PublicText(p.L.Code)
				}
			}
			p.Rules = append(p.Rules, rv)
		}
		if full, err := d.st.Decision(ctx, v.Workspace, id); err == nil {
			p.Unavailable = pipeline.UnavailableIn(full.Detail)
		}
	}
	if it := qi.Item; it.ThreadID != "" {
		th, err := d.st.Queue(ctx, v.Workspace, store.QueueFilter{Thread: it.ThreadID, Channel: it.Channel, Limit: 50}, now)
		if err == nil {
			for i := len(th) - 1; i >= 0; i-- { // oldest first, as a conversation reads
				p.Thread = append(p.Thread, makeRow(th[i], v))
			}
		}
	}
	if it := qi.Item; it.AuthorID != "" {
		hist, err := d.st.Queue(ctx, v.Workspace, store.QueueFilter{Author: it.AuthorID, Channel: it.Channel, Limit: 20}, now)
		if err == nil {
			for _, h := range hist {
				if h.Item.ID != it.ID && h.Item.AuthorID == it.AuthorID {
					p.History = append(p.History, makeRow(h, v))
				}
			}
		}
		p.Author, _ = d.st.Author(ctx, v.Workspace, it.Channel, it.AuthorID)
	}
	p.Reply = d.replyBox(r, v, qi)
	p.Help = d.helpNoticeFor(r, v, qi)
	d.render(w, r, http.StatusOK, "item", p)
}
