package desk

import (
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
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/outbound"
	"github.com/stormwatch/stormwatch/internal/replies"
	"github.com/stormwatch/stormwatch/internal/store"
)

// The outbound screens: the organization's own posts. Compose a post (text,
// channels, schedule, the people tagged or shown in photos), run the
// pre-publication check and see its findings marked on the words, submit
// it; a second person approves or rejects it; someone who may speak for
// the organization publishes it, which queues it in the outbox for each
// channel. The rules (who may do what, four eyes, re-approval after an
// edit) are outbound.Service's. Permissions: draft_reply to write,
// approve_reply to decide, speak to publish.
//
// This file also holds the help-request notice of the item page: a direct
// message asking for help gets a warning not to provide the service there
// and a link to the approved reply pointing to the confidential channels.

func init() {
	pageNames = append(pageNames, "outbound", "outbound_post")
	pageParts["outbound"] = []string{"outbound_parts"}
	pageParts["outbound_post"] = []string{"outbound_parts"}
}

// outboundSvc is the desk's outbound service, or one on the store.
func (d *Desk) outboundSvc() *outbound.Service {
	if d.outbound != nil {
		return d.outbound
	}
	s := outbound.New(d.st)
	s.Now = func() time.Time { return d.now().UTC() }
	return s
}

// findingView is one finding as the page lists it.
type findingView struct {
	N       int
	Block   bool
	Kind    string
	Where   string
	Subject string
	Text    string // the sentence, in the viewer's language
}

// markFindings returns text as HTML with each finding in the text marked
// and numbered (blocking ones in red), and the findings in the viewer's
// language, numbered alike.
func markFindings(l *Lang, text string, fs []outbound.Finding) (template.HTML, []findingView) {
	type group struct {
		a, e  int
		block bool
		ns    []string
	}
	idx := make([]int, len(fs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool { return fs[idx[i]].Span.Start() < fs[idx[j]].Span.Start() })
	var views []findingView
	for i, f := range fs {
		detail := f.Detail
		if f.Kind == outbound.NoConsent {
			detail = l.T("outbound.consent_problem." + f.Detail)
		}
		views = append(views, findingView{N: i + 1, Block: f.Block, Kind: l.T("outbound.kind." + string(f.Kind)), Where: l.T("outbound.field." + f.Field),
			Subject: f.Subject, Text: l.T("outbound.finding."+string(f.Kind), f.Subject, detail)})
	}
	var groups []group
	for _, i := range idx {
		f := fs[i]
		if f.Field != outbound.FieldText {
			continue
		}
		a, e := clampSpan(text, f.Span.Start(), f.Span.End())
		if a >= e {
			continue
		}
		n := strconv.Itoa(i + 1)
		if k := len(groups); k > 0 && a < groups[k-1].e {
			g := &groups[k-1]
			g.e, g.block, g.ns = max(g.e, e), g.block || f.Block, append(g.ns, n)
			continue
		}
		groups = append(groups, group{a: a, e: e, block: f.Block, ns: []string{n}})
	}
	var b strings.Builder
	pos := 0
	for _, g := range groups {
		b.WriteString(escapeText(text[pos:g.a]))
		class := "tone finding"
		if g.block {
			class = "tone tone-aggressive finding finding-block"
		}
		fmt.Fprintf(&b, `<mark class="%s">%s</mark><sup class="tone-n">%s</sup>`, class, escapeText(text[g.a:g.e]), html.EscapeString(strings.Join(g.ns, ",")))
		pos = g.e
	}
	b.WriteString(escapeText(text[pos:]))
	return template.HTML(b.String()), views
}

// postForm is the compose form's values.
type postForm struct {
	Text, Lang, Scheduled, Tagged, Photo string
	Channels                             []string
}

// postView is a post in the list.
type postView struct {
	P      store.Post
	By     string
	Status string
}

type outboundPage struct {
	base
	Posts     []postView
	Form      postForm
	Channels  []string // to choose from
	PostLangs []string
	CanDraft  bool
	// The compose form's check, when asked.
	Checked  bool
	Marked   template.HTML
	Findings []findingView
	Blocking bool
	Err      string
}

type outboundPostPage struct {
	base
	P           store.Post
	By, Editor  string
	DecidedBy   string
	PublishedBy string
	Marked      template.HTML
	Findings    []findingView
	Blocking    bool
	Form        postForm
	Channels    []string
	PostLangs   []string
	CanEdit     bool
	CanDecide   bool
	Own         bool
	CanPublish  bool
	// Deliveries are the outbox actions carrying the post, per channel.
	Deliveries []act.Action
	Err        string
}

func postPeople(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == ',' || r == ';' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func (f postForm) input() (outbound.PostInput, error) {
	in := outbound.PostInput{Text: f.Text, Lang: f.Lang, Channels: f.Channels, Tagged: postPeople(f.Tagged), PhotoPeople: postPeople(f.Photo)}
	if s := strings.TrimSpace(f.Scheduled); s != "" {
		t, err := time.ParseInLocation("2006-01-02T15:04", s, time.UTC)
		if err != nil {
			return in, fmt.Errorf("%w: schedule %q", outbound.ErrInvalid, s)
		}
		in.ScheduledAt = t
	}
	return in, nil
}

func readPostForm(vals url.Values) postForm {
	return postForm{Text: vals.Get("text"), Lang: vals.Get("lang"), Scheduled: vals.Get("scheduled"), Tagged: vals.Get("tagged"), Photo: vals.Get("photo"), Channels: vals["channel"]}
}

func postFormOf(p store.Post) postForm {
	f := postForm{Text: p.Text, Lang: p.Lang, Channels: p.Channels, Tagged: strings.Join(p.Tagged, "\n"), Photo: strings.Join(p.PhotoPeople, "\n")}
	if !p.ScheduledAt.IsZero() {
		f.Scheduled = p.ScheduledAt.UTC().Format("2006-01-02T15:04")
	}
	return f
}

// channelChoices are the workspace's channels plus those already chosen.
func (d *Desk) channelChoices(r *http.Request, ws string, chosen []string) []string {
	out, err := d.st.Channels(r.Context(), ws)
	if err != nil {
		d.log.Error("channels", "err", err)
	}
	for _, c := range chosen {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// outboundErr turns a service error into a message for the page, or ""
// when it is not the user's to fix (logged, and a 500 follows).
func outboundErr(l *Lang, err error) (string, int) {
	switch {
	case errors.Is(err, outbound.ErrBlocked):
		return l.T("outbound.err.blocked"), http.StatusUnprocessableEntity
	case errors.Is(err, outbound.ErrForbidden):
		return l.T("error.forbidden"), http.StatusForbidden
	case errors.Is(err, outbound.ErrInvalid):
		return l.T("outbound.err.invalid", strings.TrimPrefix(err.Error(), outbound.ErrInvalid.Error()+": ")), http.StatusBadRequest
	case errors.Is(err, outbound.ErrOwnDraft):
		return l.T("outbound.err.own"), http.StatusConflict
	case errors.Is(err, outbound.ErrStaleVersion):
		return l.T("outbound.err.stale"), http.StatusConflict
	case errors.Is(err, outbound.ErrAlreadyDecided):
		return l.T("outbound.err.decided"), http.StatusConflict
	case errors.Is(err, outbound.ErrNotApproved):
		return l.T("outbound.err.not_approved"), http.StatusConflict
	case errors.Is(err, outbound.ErrPublished):
		return l.T("outbound.err.published"), http.StatusConflict
	case errors.Is(err, outbound.ErrCommentRequired):
		return l.T("outbound.err.comment"), http.StatusBadRequest
	case errors.Is(err, store.ErrNotFound):
		return l.T("outbound.err.not_found"), http.StatusNotFound
	}
	return "", http.StatusInternalServerError
}

// Outbound lists the posts and shows the compose form.
func (d *Desk) Outbound(w http.ResponseWriter, r *http.Request) {
	p := outboundPage{base: d.base(r, "outbound.title")}
	p.Form.Lang = p.L.Code
	d.renderOutbound(w, r, http.StatusOK, &p)
}

func (d *Desk) renderOutbound(w http.ResponseWriter, r *http.Request, status int, p *outboundPage) {
	v := ViewerFrom(r.Context())
	p.Nav = "outbound"
	p.CanDraft = v.Can("draft_reply")
	p.PostLangs = replies.Languages
	p.Channels = d.channelChoices(r, v.Workspace, p.Form.Channels)
	posts, err := d.st.Posts(r.Context(), v.Workspace, store.PostFilter{Limit: 100})
	if err != nil {
		d.log.Error("posts", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	names := d.names(r.Context(), p.L)
	for _, post := range posts {
		p.Posts = append(p.Posts, postView{P: post, By: names.of(post.CreatedBy), Status: p.L.T("outbound.status." + string(post.Status))})
	}
	d.render(w, r, status, "outbound", p)
}

// OutboundCompose checks (op=check), saves (op=save) or saves and submits
// (op=submit) a new post.
func (d *Desk) OutboundCompose(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	ctx := r.Context()
	svc := d.outboundSvc()
	p := outboundPage{base: d.base(r, "outbound.title"), Form: readPostForm(r.PostForm)}
	in, err := p.Form.input()
	if err == nil && strings.TrimSpace(in.Text) == "" {
		err = fmt.Errorf("%w: %s", outbound.ErrInvalid, p.L.T("outbound.err.no_text"))
	}
	if err != nil {
		p.Err, _ = outboundErr(p.L, err)
		d.renderOutbound(w, r, http.StatusBadRequest, &p)
		return
	}
	op := r.PostForm.Get("op")
	if op == "check" {
		post := store.Post{Text: strings.TrimSpace(in.Text), Lang: in.Lang, Channels: in.Channels, Tagged: in.Tagged, PhotoPeople: in.PhotoPeople, ScheduledAt: in.ScheduledAt}
		p.Form.Text = post.Text
		fs, err := svc.CheckPost(ctx, v.Workspace, v.User.ID, post)
		if err != nil {
			d.log.Error("outbound check", "err", err)
			d.Error(w, r, http.StatusInternalServerError, "error.internal")
			return
		}
		p.Checked, p.Blocking = true, outbound.Blocking(fs)
		p.Marked, p.Findings = markFindings(p.L, post.Text, fs)
		d.renderOutbound(w, r, http.StatusOK, &p)
		return
	}
	if op != "save" && op != "submit" {
		d.Error(w, r, http.StatusBadRequest, "error.bad_request")
		return
	}
	post, err := svc.Create(ctx, v.Workspace, v.User.ID, in)
	if err == nil && op == "submit" {
		_, _, err = svc.Submit(ctx, v.Workspace, v.User.ID, post.ID, post.Revision)
		if errors.Is(err, outbound.ErrBlocked) || errors.Is(err, outbound.ErrInvalid) {
			// Saved as a draft: the post page shows what blocks it.
			http.Redirect(w, r, fmt.Sprintf("/w/%s/outbound/%d?flash=post_blocked", v.Workspace, post.ID), http.StatusSeeOther)
			return
		}
	}
	if err != nil {
		msg, status := outboundErr(p.L, err)
		if msg == "" {
			d.log.Error("outbound compose", "err", err)
			d.Error(w, r, http.StatusInternalServerError, "error.internal")
			return
		}
		p.Err = msg
		d.renderOutbound(w, r, status, &p)
		return
	}
	flash := "post_saved"
	if op == "submit" {
		flash = "post_submitted"
	}
	http.Redirect(w, r, fmt.Sprintf("/w/%s/outbound/%d?flash=%s", v.Workspace, post.ID, flash), http.StatusSeeOther)
}

func postIDOf(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}

// OutboundPost shows one post, checked now, with the forms the viewer may use.
func (d *Desk) OutboundPost(w http.ResponseWriter, r *http.Request) {
	id, ok := postIDOf(r)
	if !ok {
		d.Error(w, r, http.StatusNotFound, "outbound.err.not_found")
		return
	}
	p := outboundPostPage{base: d.base(r, "outbound.title")}
	d.renderPost(w, r, http.StatusOK, id, &p, nil)
}

func (d *Desk) renderPost(w http.ResponseWriter, r *http.Request, status int, id int64, p *outboundPostPage, form *postForm) {
	v := ViewerFrom(r.Context())
	ctx := r.Context()
	post, err := d.st.Post(ctx, v.Workspace, id)
	if errors.Is(err, store.ErrNotFound) {
		d.Error(w, r, http.StatusNotFound, "outbound.err.not_found")
		return
	}
	if err != nil {
		d.log.Error("post", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	svc := d.outboundSvc()
	fs, err := svc.CheckPost(ctx, v.Workspace, v.User.ID, post)
	if err != nil {
		d.log.Error("post check", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	names := d.names(ctx, p.L)
	me := "user:" + strconv.FormatInt(v.User.ID, 10)
	p.P, p.Nav, p.PostLangs = post, "outbound", replies.Languages
	p.Title = p.L.T("outbound.post_title", post.ID)
	p.By, p.Editor, p.DecidedBy, p.PublishedBy = names.of(post.CreatedBy), names.of(post.UpdatedBy), names.of(post.DecidedBy), names.of(post.PublishedBy)
	p.Marked, p.Findings = markFindings(p.L, post.Text, fs)
	p.Blocking = outbound.Blocking(fs)
	p.Own = post.CreatedBy == me || post.UpdatedBy == me
	published := post.Status == store.PostPublished
	p.CanEdit = v.Can("draft_reply") && !published
	p.CanDecide = v.Can("approve_reply") && post.Status == store.PostPending && !p.Own
	p.CanPublish = v.Can("speak") && post.Status == store.PostApproved
	if published {
		if p.Deliveries, err = d.st.PostActions(ctx, v.Workspace, id); err != nil {
			d.log.Error("post actions", "err", err)
		}
	}
	if form != nil {
		p.Form = *form
	} else {
		p.Form = postFormOf(post)
	}
	p.Channels = d.channelChoices(r, v.Workspace, p.Form.Channels)
	d.render(w, r, status, "outbound_post", p)
}

// OutboundEdit saves (op=save), or saves and submits (op=submit), a new
// revision of a post; op=submit on an unchanged post submits it as is.
func (d *Desk) OutboundEdit(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	ctx := r.Context()
	id, ok := postIDOf(r)
	if !ok {
		d.Error(w, r, http.StatusNotFound, "outbound.err.not_found")
		return
	}
	rev, _ := strconv.Atoi(r.PostForm.Get("rev"))
	svc := d.outboundSvc()
	form := readPostForm(r.PostForm)
	p := outboundPostPage{base: d.base(r, "outbound.title")}
	fail := func(err error) {
		msg, status := outboundErr(p.L, err)
		if msg == "" {
			d.log.Error("outbound edit", "err", err)
			d.Error(w, r, http.StatusInternalServerError, "error.internal")
			return
		}
		p.Err = msg
		d.renderPost(w, r, status, id, &p, &form)
	}
	cur, err := d.st.Post(ctx, v.Workspace, id)
	if err != nil {
		fail(err)
		return
	}
	in, err := form.input()
	if err != nil {
		fail(err)
		return
	}
	op := r.PostForm.Get("op")
	if op != "save" && op != "submit" {
		d.Error(w, r, http.StatusBadRequest, "error.bad_request")
		return
	}
	if postChanged(cur, in) {
		if cur, err = svc.Update(ctx, v.Workspace, v.User.ID, id, rev, in); err != nil {
			fail(err)
			return
		}
		rev = cur.Revision
	}
	flash := "post_saved"
	if op == "submit" {
		if _, _, err := svc.Submit(ctx, v.Workspace, v.User.ID, id, rev); err != nil {
			fail(err)
			return
		}
		flash = "post_submitted"
	}
	http.Redirect(w, r, fmt.Sprintf("/w/%s/outbound/%d?flash=%s", v.Workspace, id, flash), http.StatusSeeOther)
}

// changed reports whether the form differs from the stored post.
func postChanged(p store.Post, in outbound.PostInput) bool {
	clean := func(s []string) []string {
		var out []string
		for _, x := range s {
			if x = strings.TrimSpace(x); x != "" && !slices.Contains(out, x) {
				out = append(out, x)
			}
		}
		return out
	}
	return strings.TrimSpace(in.Text) != p.Text || in.Lang != p.Lang || !in.ScheduledAt.Equal(p.ScheduledAt) ||
		!slices.Equal(clean(in.Channels), p.Channels) || !slices.Equal(clean(in.Tagged), p.Tagged) || !slices.Equal(clean(in.PhotoPeople), p.PhotoPeople)
}

// OutboundDecide approves (op=approve) or rejects (op=reject) a post.
func (d *Desk) OutboundDecide(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	id, ok := postIDOf(r)
	if !ok {
		d.Error(w, r, http.StatusNotFound, "outbound.err.not_found")
		return
	}
	rev, _ := strconv.Atoi(r.PostForm.Get("rev"))
	comment := r.PostForm.Get("comment")
	svc := d.outboundSvc()
	var err error
	switch r.PostForm.Get("op") {
	case "approve":
		_, err = svc.Approve(r.Context(), v.Workspace, v.User.ID, id, rev, comment)
	case "reject":
		_, err = svc.Reject(r.Context(), v.Workspace, v.User.ID, id, rev, comment)
	default:
		d.Error(w, r, http.StatusBadRequest, "error.bad_request")
		return
	}
	if err != nil {
		p := outboundPostPage{base: d.base(r, "outbound.title")}
		msg, status := outboundErr(p.L, err)
		if msg == "" {
			d.log.Error("outbound decide", "err", err)
			d.Error(w, r, http.StatusInternalServerError, "error.internal")
			return
		}
		p.Err = msg
		d.renderPost(w, r, status, id, &p, nil)
		return
	}
	flash := "post_approved"
	if r.PostForm.Get("op") == "reject" {
		flash = "post_rejected"
	}
	http.Redirect(w, r, fmt.Sprintf("/w/%s/outbound/%d?flash=%s", v.Workspace, id, flash), http.StatusSeeOther)
}

// OutboundPublish queues an approved post on its channels.
func (d *Desk) OutboundPublish(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	id, ok := postIDOf(r)
	if !ok {
		d.Error(w, r, http.StatusNotFound, "outbound.err.not_found")
		return
	}
	if _, err := d.outboundSvc().Publish(r.Context(), v.Workspace, v.User.ID, id); err != nil {
		p := outboundPostPage{base: d.base(r, "outbound.title")}
		msg, status := outboundErr(p.L, err)
		if msg == "" {
			d.log.Error("outbound publish", "err", err)
			d.Error(w, r, http.StatusInternalServerError, "error.internal")
			return
		}
		p.Err = msg
		d.renderPost(w, r, status, id, &p, nil)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/w/%s/outbound/%d?flash=post_published", v.Workspace, id), http.StatusSeeOther)
}

// helpNotice is the item page's warning on a direct message asking for
// help, with the approved reply to send instead.
type helpNotice struct {
	Phrase string
	// Suggest is the item page's URL preselecting the approved template
	// with the confidential channels filled in; empty when the workspace
	// has no approved help template.
	Suggest      string
	Template     string
	Phone, Form  string
	NeedChannels bool // the workspace has not configured its confidential channels
}

// helpNoticeFor builds the help-request notice of an item, nil when the
// item is not a direct message asking for help.
func (d *Desk) helpNoticeFor(r *http.Request, v *Viewer, qi store.QueueItem) *helpNotice {
	m, ok := outbound.HelpRequest(qi.Item)
	if !ok {
		return nil
	}
	ctx := r.Context()
	n := &helpNotice{Phrase: m.Phrase}
	set, err := d.st.OutboundSettings(ctx, v.Workspace)
	if err != nil {
		d.log.Error("outbound settings", "err", err)
	}
	n.Phone, n.Form = set.HelpPhone, set.HelpURL
	n.NeedChannels = set.HelpPhone == "" && set.HelpURL == ""
	if d.replies == nil || !v.Can("moderate") {
		return n
	}
	lang := replyLang(qi)
	if lang == "" {
		lang = m.Lang
	}
	// The DM template first, then any approved help_request template in
	// the language (the starter library's help_private).
	candidates := []string{outbound.HelpTemplateGroup + "." + lang}
	if ts, err := d.st.Templates(ctx, v.Workspace, store.TemplateFilter{Situation: "help_request", Lang: lang}); err == nil {
		for _, t := range ts {
			candidates = append(candidates, t.ID)
		}
	}
	for _, id := range candidates {
		if _, err := d.st.LiveTemplate(ctx, v.Workspace, id); err == nil {
			n.Template = id
			break
		}
	}
	if n.Template != "" {
		q := url.Values{"template": {n.Template}}
		if n.Phone != "" {
			q.Set("v.phone", n.Phone)
		}
		if n.Form != "" {
			q.Set("v.contact_url", n.Form)
		}
		n.Suggest = fmt.Sprintf("/w/%s/items/%d?%s#reply", v.Workspace, qi.Item.ID, q.Encode())
	}
	return n
}
