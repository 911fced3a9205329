package desk

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/replies"
	"github.com/stormwatch/stormwatch/internal/store"
)

// The reply screens: the reply section of the item page (an approved
// template with its variables, previewed before sending; or free text,
// tone-checked, sent for approval or sent at once by someone who may
// speak for the organization), the approval queue, and the template
// library. Every rule (who may send what, nobody approves their own
// words) is the replies.Service's; the desk adds the claim: only the
// person answering the conversation replies to it.

// toneChecker checks drafts before they are submitted, with the same cue
// lists as the service (which checks again when storing the draft).
var toneChecker = sync.OnceValue(func() *replies.ToneChecker { return replies.NewToneChecker(nil) })

// warnView is one tone warning as the page lists it.
type warnView struct {
	N                              int
	Class, Kind, Cue, Text, Advice string
}

// markWarnings returns text as HTML with each warning's span marked and
// numbered, and the warnings in the viewer's language, numbered alike.
// Spans are byte offsets; they are clamped to whole characters, and
// overlapping spans are marked once with every number found there.
func markWarnings(l *Lang, text string, ws []replies.Warning) (template.HTML, []warnView) {
	ws = slices.Clone(ws)
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].Span.Start() < ws[j].Span.Start() })
	type group struct {
		a, e int
		kind string
		ns   []string
	}
	var groups []group
	var views []warnView
	for i, w := range ws {
		n := i + 1
		views = append(views, warnView{N: n, Class: string(w.Kind), Kind: l.T("reply.tone." + string(w.Kind)), Cue: string(w.Cue), Text: w.Text,
			Advice: tOr(l, "reply.cue."+string(w.Cue), w.Suggestion)})
		a, e := clampSpan(text, w.Span.Start(), w.Span.End())
		if a >= e {
			continue
		}
		if k := len(groups); k > 0 && a < groups[k-1].e {
			g := &groups[k-1]
			g.e = max(g.e, e)
			g.ns = append(g.ns, strconv.Itoa(n))
			if w.Kind == replies.Aggressive {
				g.kind = string(w.Kind)
			}
			continue
		}
		groups = append(groups, group{a: a, e: e, kind: string(w.Kind), ns: []string{strconv.Itoa(n)}})
	}
	var b strings.Builder
	pos := 0
	for _, g := range groups {
		b.WriteString(escapeText(text[pos:g.a]))
		fmt.Fprintf(&b, `<mark class="tone tone-%s">%s</mark><sup class="tone-n">%s</sup>`, html.EscapeString(g.kind), escapeText(text[g.a:g.e]), strings.Join(g.ns, ","))
		pos = g.e
	}
	b.WriteString(escapeText(text[pos:]))
	return template.HTML(b.String()), views
}

// tOr is l.T(key), or fallback when no catalog has the key.
func tOr(l *Lang, key, fallback string) string {
	if s := l.T(key); s != key {
		return s
	}
	return fallback
}

// actorNames turns audit actors ("user:12", "system") into display names,
// looking each person up once per page.
type actorNames struct {
	d   *Desk
	ctx context.Context
	l   *Lang
	m   map[string]string
}

func (d *Desk) names(ctx context.Context, l *Lang) *actorNames {
	return &actorNames{d: d, ctx: ctx, l: l, m: map[string]string{}}
}

func (n *actorNames) of(actor string) string {
	if actor == "" {
		return ""
	}
	if s, ok := n.m[actor]; ok {
		return s
	}
	s := actor
	if actor == "system" {
		s = n.l.T("reply.actor_system")
	} else if idStr, ok := strings.CutPrefix(actor, "user:"); ok {
		if id, err := strconv.ParseInt(idStr, 10, 64); err == nil {
			if u, err := n.d.st.User(n.ctx, id); err == nil {
				s = u.DisplayName
			}
		}
	}
	n.m[actor] = s
	return s
}

// replyState carries what a reply form sent (and what was wrong with it)
// back into the item page when the page is shown again instead of
// redirecting: a tone check, a refusal to fix.
type replyState struct {
	Text       string
	Lang       string
	Checked    bool
	Warnings   []replies.Warning
	Err        string // a message, already in the viewer's language
	TemplateID string
	Vars       map[string]string
}

type replyStateKey struct{}

// tplOption is a template in the picker.
type tplOption struct {
	ID, Name, Tone, Lang string
	Selected             bool
}

// varField is one variable of the selected template.
type varField struct {
	Name, Label, Value string
	Missing            bool
}

// draftRow is a reply draft as the item page and the approval queue show it.
type draftRow struct {
	D          store.Draft
	Marked     template.HTML
	Warnings   []warnView
	By         string
	DecidedBy  string
	Own        bool
	CanApprove bool
	Item       *row
}

// replyBox is the reply section of the item page.
type replyBox struct {
	Mine     bool // the viewer holds the claim: the forms show
	CanSpeak bool
	CanDraft bool
	Lang     string
	Langs    []string
	Notice   string

	Templates  []tplOption
	Selected   string
	Vars       []varField
	Preview    template.HTML
	PreviewErr string
	SendVars   []varField // the previewed values, sent as they were shown
	PreviewOK  bool

	Text     string
	Checked  bool
	SeenHash string // the text whose warnings were shown
	Marked   template.HTML
	Warnings []warnView
	Err      string

	Drafts []draftRow
	Nonce  string
}

// replyLang is the language to answer an item in: the decision's, else
// the item's, if replies are written in it.
func replyLang(qi store.QueueItem) string {
	lang := qi.Item.Lang
	if qi.Decision != nil && qi.Decision.Lang != "" {
		lang = qi.Decision.Lang
	}
	if slices.Contains(replies.Languages, lang) {
		return lang
	}
	return ""
}

// ruleVars are the rule and its public wording for an item, in lang, to
// fill {{rule}} and {{rule_text}}.
func (d *Desk) ruleVars(ctx context.Context, ws string, qi store.QueueItem, lang string) map[string]string {
	out := map[string]string{}
	if qi.Decision == nil || len(qi.Decision.Rules) == 0 {
		return out
	}
	id := qi.Decision.Rules[0]
	out["rule"] = id
	if pol, err := d.policyOf(ctx, ws); err == nil {
		if r, ok := pol.Rule(id); ok {
			text, ok := r.PublicText(lang)
			if !ok {
				text, ok = r.PublicText("en")
			}
			if ok {
				out["rule_text"] = d.citeRule(ctx, ws, id, lang, text) // with the public page's link, if any
			}
		}
	}
	return out
}

// formVars reads the template variables of a form or query ("v.phone").
func formVars(vals url.Values) map[string]string {
	out := map[string]string{}
	for _, name := range replies.Variables {
		if s := strings.TrimSpace(vals.Get("v." + name)); s != "" {
			out[name] = s
		}
	}
	return out
}

// usableTemplates lists the templates that may be sent now in lang (all
// languages when lang has none): approved, or a pending new version of
// one whose approved version still holds.
func (d *Desk) usableTemplates(ctx context.Context, v *Viewer, lang string) []store.Template {
	list := func(lang string) []store.Template {
		ts, err := d.replies.Templates(ctx, v.Workspace, v.User.ID, store.TemplateFilter{Lang: lang})
		if err != nil {
			d.log.Error("reply templates", "err", err)
			return nil
		}
		var out []store.Template
		for _, t := range ts {
			switch {
			case t.Status == store.TemplateApproved:
				out = append(out, t)
			case t.Status == store.TemplateDraft && t.Version > 1:
				if live, err := d.st.LiveTemplate(ctx, v.Workspace, t.ID); err == nil {
					out = append(out, live)
				}
			}
		}
		return out
	}
	out := list(lang)
	if len(out) == 0 && lang != "" {
		out = list("")
	}
	return out
}

// replyBox builds the item page's reply section; nil when the viewer may
// not reply or the desk has no reply service.
func (d *Desk) replyBox(r *http.Request, v *Viewer, qi store.QueueItem) *replyBox {
	if d.replies == nil || !v.Can("moderate") {
		return nil
	}
	ctx := r.Context()
	l := d.langFor(r, v)
	it := qi.Item
	b := &replyBox{Mine: qi.Claim != nil && qi.Claim.UserID == v.User.ID, CanSpeak: v.Can("speak"), CanDraft: v.Can("draft_reply"),
		Lang: replyLang(qi), Langs: replies.Languages, Nonce: newNonce()}
	q := r.URL.Query()
	if n := q.Get("replied"); n == "sent" || n == "pending" {
		b.Notice = l.T("reply.done_" + n)
	}
	st, _ := ctx.Value(replyStateKey{}).(*replyState)
	if st == nil {
		st = &replyState{TemplateID: q.Get("template"), Vars: formVars(q)}
	}
	names := d.names(ctx, l)
	if drafts, err := d.st.Drafts(ctx, v.Workspace, store.DraftFilter{ItemID: it.ID, Limit: 50}); err == nil {
		for _, dr := range drafts {
			b.Drafts = append(b.Drafts, d.draftRow(l, names, v, dr))
		}
	}
	if !b.Mine {
		return b
	}
	if st.Lang != "" {
		b.Lang = st.Lang
	}
	b.Text, b.Checked, b.Err = st.Text, st.Checked, st.Err
	if st.Checked {
		b.Marked, b.Warnings = markWarnings(l, st.Text, st.Warnings)
		b.SeenHash = textHash(st.Text)
	}

	// The template picker and its preview.
	ts := d.usableTemplates(ctx, v, b.Lang)
	var sel *store.Template
	for i, t := range ts {
		o := tplOption{ID: t.ID, Name: t.Name, Tone: t.Tone, Lang: t.Lang, Selected: t.ID == st.TemplateID}
		if o.Selected {
			sel = &ts[i]
		}
		b.Templates = append(b.Templates, o)
	}
	if st.TemplateID == "" {
		return b
	}
	b.Selected = st.TemplateID
	if sel == nil {
		b.PreviewErr = l.T("reply.err.unknown_template")
		return b
	}
	given := d.ruleVars(ctx, v.Workspace, qi, sel.Lang)
	for k, val := range st.Vars {
		given[k] = val
	}
	// What Stormwatch fills in by itself, shown in the fields even while
	// another variable is still missing.
	auto := map[string]string{"author": it.AuthorName, "channel": it.Channel}
	if ws, err := d.st.Workspace(ctx, v.Workspace); err == nil {
		auto["organization"] = ws.Name
	}
	rd, err := d.replies.RenderTemplate(ctx, v.Workspace, v.User.ID, it.ID, sel.ID, given)
	var missing []string
	var mv *replies.MissingVariablesError
	if errors.As(err, &mv) {
		missing = mv.Names
	}
	used, _ := replies.VariablesOf(sel.Body)
	for _, name := range used {
		f := varField{Name: name, Label: l.T("reply.var." + name), Value: given[name], Missing: slices.Contains(missing, name)}
		if val, ok := rd.Vars[name]; ok && f.Value == "" {
			f.Value = val
		}
		if f.Value == "" {
			f.Value = auto[name]
		}
		b.Vars = append(b.Vars, f)
	}
	if err != nil {
		if st.Err == "" {
			b.PreviewErr = d.replyErrText(l, err)
		}
		return b
	}
	b.PreviewOK = true
	b.Preview, _ = markWarnings(l, rd.Text, nil)
	if len(rd.Warnings) > 0 {
		b.Preview, b.Warnings = markWarnings(l, rd.Text, rd.Warnings)
	}
	for _, name := range used {
		b.SendVars = append(b.SendVars, varField{Name: name, Value: rd.Vars[name]})
	}
	return b
}

func (d *Desk) draftRow(l *Lang, names *actorNames, v *Viewer, dr store.Draft) draftRow {
	ws, _ := replies.DraftWarnings(dr)
	row := draftRow{D: dr, By: names.of(dr.CreatedBy), DecidedBy: names.of(dr.DecidedBy), Own: dr.CreatedBy == replies.Actor(v.User.ID)}
	row.Marked, row.Warnings = markWarnings(l, dr.Text, ws)
	row.CanApprove = dr.Status == store.DraftPending && !row.Own && v.Can("approve_reply")
	return row
}

// replyErrText says what went wrong with a reply, in the viewer's language.
func (d *Desk) replyErrText(l *Lang, err error) string {
	var mv *replies.MissingVariablesError
	var tl *replies.TooLongError
	switch {
	case errors.As(err, &mv):
		labels := make([]string, len(mv.Names))
		for i, n := range mv.Names {
			labels[i] = l.T("reply.var." + n)
		}
		return l.T("reply.err.missing_vars", strings.Join(labels, ", "))
	case errors.As(err, &tl):
		return l.T("reply.err.too_long", tl.Length, tl.Limit.Max)
	case errors.Is(err, replies.ErrUnknownTemplate):
		return l.T("reply.err.unknown_template")
	case errors.Is(err, replies.ErrNotLive):
		return l.T("reply.err.not_live")
	case errors.Is(err, replies.ErrOwnDraft):
		return l.T("reply.err.own_draft")
	case errors.Is(err, replies.ErrAlreadyDecided):
		return l.T("reply.err.already_decided")
	case errors.Is(err, replies.ErrNotApproved):
		return l.T("reply.err.not_approved")
	case errors.Is(err, replies.ErrCommentRequired):
		return l.T("reply.err.comment_required")
	case errors.Is(err, replies.ErrStaleVersion):
		return l.T("reply.err.stale")
	case errors.Is(err, store.ErrRetired):
		return l.T("reply.err.retired")
	case errors.Is(err, replies.ErrForbidden):
		return l.T("error.forbidden")
	case errors.Is(err, replies.ErrVariableValue):
		return l.T("reply.err.variable")
	case errors.Is(err, replies.ErrTemplateSyntax), errors.Is(err, replies.ErrUnknownVariable):
		return l.T("reply.err.syntax", err.Error())
	case errors.Is(err, replies.ErrInvalid):
		return l.T("reply.err.invalid", strings.TrimPrefix(err.Error(), "invalid: "))
	}
	return l.T("error.internal")
}

// replyStatus is the HTTP status for a reply error.
func replyStatus(err error) int {
	var mv *replies.MissingVariablesError
	var tl *replies.TooLongError
	switch {
	case errors.Is(err, store.ErrNotFound) && !errors.Is(err, replies.ErrUnknownTemplate):
		return http.StatusNotFound
	case errors.Is(err, replies.ErrUnknownTemplate):
		return http.StatusNotFound
	case errors.Is(err, replies.ErrForbidden), errors.Is(err, replies.ErrOwnDraft):
		return http.StatusForbidden
	case errors.Is(err, replies.ErrNotLive), errors.Is(err, replies.ErrAlreadyDecided), errors.Is(err, replies.ErrNotApproved),
		errors.Is(err, replies.ErrStaleVersion), errors.Is(err, store.ErrRetired), errors.Is(err, store.ErrConflict):
		return http.StatusConflict
	case errors.As(err, &mv), errors.As(err, &tl), errors.Is(err, replies.ErrInvalid), errors.Is(err, replies.ErrCommentRequired),
		errors.Is(err, replies.ErrVariableValue), errors.Is(err, replies.ErrUnknownVariable), errors.Is(err, replies.ErrTemplateSyntax):
		return http.StatusUnprocessableEntity
	}
	return http.StatusInternalServerError
}

// statusWriter replaces the status of a successful page with its own, so
// the item page shown again after a refused reply says what happened.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if code == http.StatusOK {
		code = w.status
	}
	w.ResponseWriter.WriteHeader(code)
}

// itemAgain shows the item page again with the reply form's state.
func (d *Desk) itemAgain(w http.ResponseWriter, r *http.Request, status int, st *replyState) {
	r = r.WithContext(context.WithValue(r.Context(), replyStateKey{}, st))
	d.Item(&statusWriter{ResponseWriter: w, status: status}, r)
}

// replyItem reads the item of a reply route and checks the viewer holds
// its claim; it answers itself and returns false when not.
func (d *Desk) replyItem(w http.ResponseWriter, r *http.Request) (*Viewer, store.QueueItem, bool) {
	v := ViewerFrom(r.Context())
	if d.replies == nil {
		d.Error(w, r, http.StatusNotFound, "error.not_found")
		return v, store.QueueItem{}, false
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		d.Error(w, r, http.StatusNotFound, "error.not_found")
		return v, store.QueueItem{}, false
	}
	qi, err := d.st.QueueItem(r.Context(), v.Workspace, id, d.now())
	if errors.Is(err, store.ErrNotFound) {
		d.Error(w, r, http.StatusNotFound, "error.not_found")
		return v, qi, false
	}
	if err != nil {
		d.log.Error("reply", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return v, qi, false
	}
	if qi.Claim == nil || qi.Claim.UserID != v.User.ID {
		key := "reply.err.claim_first"
		if qi.Claim != nil {
			key = "error.claimed"
		}
		d.Error(w, r, http.StatusConflict, key)
		return v, qi, false
	}
	return v, qi, true
}

func itemReplyURL(ws string, id int64, note string) string {
	return fmt.Sprintf("/w/%s/items/%d?replied=%s#reply", ws, id, note)
}

func goodNonce(n string) bool { return n != "" && len(n) <= 64 }

// textHash names a draft's text, so a submission knows whether the
// person saw the tone warnings of exactly this text.
func textHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:8])
}

// ReplyTemplate sends an approved template, with the variables as they
// were previewed, to the item the viewer is answering.
func (d *Desk) ReplyTemplate(w http.ResponseWriter, r *http.Request) {
	v, qi, ok := d.replyItem(w, r)
	if !ok {
		return
	}
	tpl, nonce := strings.TrimSpace(r.PostFormValue("template")), r.PostFormValue("nonce")
	if tpl == "" || !goodNonce(nonce) {
		d.Error(w, r, http.StatusBadRequest, "error.bad_request")
		return
	}
	vars := formVars(r.PostForm)
	id := qi.Item.ID
	_, err := d.replies.SendTemplate(r.Context(), v.Workspace, v.User.ID, replies.TemplateReply{ItemID: id, TemplateID: tpl, Vars: vars,
		RequestKey: act.Key("desk-template", strconv.FormatInt(v.User.ID, 10), v.Workspace, strconv.FormatInt(id, 10), nonce)})
	if err != nil {
		d.replyFailed(w, r, err, &replyState{TemplateID: tpl, Vars: vars})
		return
	}
	http.Redirect(w, r, itemReplyURL(v.Workspace, id, "sent"), http.StatusSeeOther)
}

// replyFailed shows the item page again with what went wrong, or the
// error page when the page itself cannot be shown.
func (d *Desk) replyFailed(w http.ResponseWriter, r *http.Request, err error, st *replyState) {
	status := replyStatus(err)
	switch status {
	case http.StatusInternalServerError:
		d.log.Error("reply", "err", err)
		d.Error(w, r, status, "error.internal")
		return
	case http.StatusForbidden:
		if !errors.Is(err, replies.ErrOwnDraft) {
			d.Error(w, r, status, "error.forbidden")
			return
		}
	case http.StatusNotFound:
		if !errors.Is(err, replies.ErrUnknownTemplate) {
			d.Error(w, r, status, "error.not_found")
			return
		}
	}
	v := ViewerFrom(r.Context())
	st.Err = d.replyErrText(d.langFor(r, v), err)
	d.itemAgain(w, r, status, st)
}

// ReplyDraft checks a free-text reply's tone (op=check) or submits it
// (op=submit): it goes to the approval queue, or out at once when the
// viewer may speak for the organization. A submission with tone warnings
// not yet seen is shown again with them first.
func (d *Desk) ReplyDraft(w http.ResponseWriter, r *http.Request) {
	v, qi, ok := d.replyItem(w, r)
	if !ok {
		return
	}
	op, nonce, text := r.PostFormValue("op"), r.PostFormValue("nonce"), r.PostFormValue("text")
	lang := r.PostFormValue("lang")
	if lang == "" {
		lang = replyLang(qi)
	}
	if (op != "check" && op != "submit") || !goodNonce(nonce) || (lang != "" && !slices.Contains(replies.Languages, lang)) {
		d.Error(w, r, http.StatusBadRequest, "error.bad_request")
		return
	}
	l := d.langFor(r, v)
	st := &replyState{Text: text, Lang: lang}
	if strings.TrimSpace(text) == "" {
		st.Err = l.T("reply.err.empty")
		d.itemAgain(w, r, http.StatusUnprocessableEntity, st)
		return
	}
	if lang == "" {
		st.Err = l.T("reply.err.no_lang")
		d.itemAgain(w, r, http.StatusUnprocessableEntity, st)
		return
	}
	warnings := toneChecker().Check(r.Context(), text, lang)
	if op == "check" || (len(warnings) > 0 && r.PostFormValue("seen") != textHash(text)) {
		st.Checked, st.Warnings = true, warnings
		d.itemAgain(w, r, http.StatusOK, st)
		return
	}
	id := qi.Item.ID
	dr, _, err := d.replies.SubmitDraft(r.Context(), v.Workspace, v.User.ID, replies.DraftInput{ItemID: id, Text: text, Lang: lang, Send: true,
		RequestKey: act.Key("desk-draft", strconv.FormatInt(v.User.ID, 10), v.Workspace, strconv.FormatInt(id, 10), nonce, text)})
	if err != nil {
		st.Checked, st.Warnings = true, warnings
		d.replyFailed(w, r, err, st)
		return
	}
	note := "pending"
	if dr.Status == store.DraftSent {
		note = "sent"
	}
	http.Redirect(w, r, itemReplyURL(v.Workspace, id, note), http.StatusSeeOther)
}

// ReplySend sends a draft of the item that was approved but not sent.
func (d *Desk) ReplySend(w http.ResponseWriter, r *http.Request) {
	v, qi, ok := d.replyItem(w, r)
	if !ok {
		return
	}
	draftID, err := strconv.ParseInt(r.PostFormValue("draft"), 10, 64)
	if err != nil {
		d.Error(w, r, http.StatusBadRequest, "error.bad_request")
		return
	}
	dr, err := d.st.Draft(r.Context(), v.Workspace, draftID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && dr.ItemID != qi.Item.ID) {
		d.Error(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	if err == nil {
		_, err = d.replies.Send(r.Context(), v.Workspace, v.User.ID, draftID)
	}
	if err != nil {
		d.replyFailed(w, r, err, &replyState{})
		return
	}
	http.Redirect(w, r, itemReplyURL(v.Workspace, qi.Item.ID, "sent"), http.StatusSeeOther)
}

// approvalsPage is the approval queue.
type approvalsPage struct {
	base
	Rows       []draftRow
	SentBack   []draftRow // the viewer's drafts rejected with a comment
	CanApprove bool
	Comment    string
	Nonce      string
}

// Approvals lists the drafts waiting for a second person's approval,
// oldest first, each with the item it answers; the drafter sees their
// own drafts waiting but never a button to approve them.
func (d *Desk) Approvals(w http.ResponseWriter, r *http.Request) {
	d.approvals(w, r, http.StatusOK, "")
}

func (d *Desk) approvals(w http.ResponseWriter, r *http.Request, status int, errText string) {
	v := ViewerFrom(r.Context())
	if d.replies == nil {
		d.Error(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	ctx := r.Context()
	p := approvalsPage{base: d.base(r, "reply.approvals_title"), CanApprove: v.Can("approve_reply"), Nonce: newNonce()}
	p.Nav = "approvals"
	p.Error = errText
	if n := r.URL.Query().Get("done"); n == "approved" || n == "rejected" || n == "approved_unsent" {
		p.Flash = p.L.T("reply.done_" + n)
	}
	drafts, err := d.replies.Queue(ctx, v.Workspace, v.User.ID)
	if err != nil {
		d.log.Error("approvals", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	names := d.names(ctx, p.L)
	now := d.now()
	for _, dr := range drafts {
		row := d.draftRow(p.L, names, v, dr)
		if qi, err := d.st.QueueItem(ctx, v.Workspace, dr.ItemID, now); err == nil {
			ir := makeRow(qi, v)
			row.Item = &ir
		}
		p.Rows = append(p.Rows, row)
	}
	back, err := d.st.Drafts(ctx, v.Workspace, store.DraftFilter{Status: store.DraftRejected, CreatedBy: replies.Actor(v.User.ID), Limit: 20})
	if err == nil {
		for i := len(back) - 1; i >= 0; i-- { // newest first
			p.SentBack = append(p.SentBack, d.draftRow(p.L, names, v, back[i]))
		}
	}
	d.render(w, r, status, "approvals", p)
}

// ApprovalDecide approves (and sends) or rejects, with a comment, a draft
// someone else wrote. Refusals show the queue again with a calm word.
func (d *Desk) ApprovalDecide(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	if d.replies == nil {
		d.Error(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	op, comment := r.PostFormValue("op"), strings.TrimSpace(r.PostFormValue("comment"))
	id, err := strconv.ParseInt(r.PostFormValue("draft"), 10, 64)
	if err != nil || (op != "approve" && op != "reject") {
		d.Error(w, r, http.StatusBadRequest, "error.bad_request")
		return
	}
	ctx := r.Context()
	l := d.langFor(r, v)
	if _, err := d.st.Draft(ctx, v.Workspace, id); errors.Is(err, store.ErrNotFound) {
		d.approvals(w, r, http.StatusNotFound, l.T("reply.err.no_draft"))
		return
	}
	done := "rejected"
	if op == "approve" {
		done = "approved"
		_, err = d.replies.Approve(ctx, v.Workspace, v.User.ID, id, comment)
		if err == nil && v.Can("moderate") {
			// The words are approved and cannot change: send them now.
			if _, serr := d.replies.Send(ctx, v.Workspace, v.User.ID, id); serr != nil {
				d.log.Warn("send after approval", "draft", id, "err", serr)
				done = "approved_unsent"
			}
		} else if err == nil {
			done = "approved_unsent"
		}
	} else {
		_, err = d.replies.Reject(ctx, v.Workspace, v.User.ID, id, comment)
	}
	if err != nil {
		status := replyStatus(err)
		if status == http.StatusInternalServerError {
			d.log.Error("approval", "err", err)
		}
		d.approvals(w, r, status, d.replyErrText(l, err))
		return
	}
	http.Redirect(w, r, "/w/"+v.Workspace+"/approvals?done="+done, http.StatusSeeOther)
}
