package desk

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/stormwatch/stormwatch/internal/replies"
	"github.com/stormwatch/stormwatch/internal/store"
)

// The template library: the pre-approved replies per language and tone.
// Anyone who may draft replies proposes a template or a new version;
// someone else who may approve replies approves it (the service refuses
// the author) or retires it.

type tplFilter struct{ Lang, Tone, Status string }

func (f tplFilter) query() string {
	q := url.Values{}
	for k, v := range map[string]string{"lang": f.Lang, "tone": f.Tone, "status": f.Status} {
		if v != "" {
			q.Set(k, v)
		}
	}
	return q.Encode()
}

// tplRow is one template (its latest version) in the library.
type tplRow struct {
	T          store.Template
	By         string
	ApprovedBy string
	Own        bool
	Vars       []string
	Warnings   []warnView
	CanApprove bool
	CanRetire  bool
}

// tplForm is the propose / new version form.
type tplForm struct {
	Revise     bool
	ID         string
	Base       int
	Group      string
	Lang       string
	Name       string
	Tone       string
	Situations []string
	Body       string
	Err        string
}

type templatesPage struct {
	base
	F          tplFilter
	FilterQ    string
	ReplyLangs []string
	Tones      []string
	Statuses   []string
	Situations []string
	Variables  []string
	Rows       []tplRow
	CanPropose bool
	CanApprove bool
	Form       tplForm
	ShowForm   bool
}

// Templates lists the library, filtered by language, tone and status,
// with the form to propose a template or a new version (?edit=id).
func (d *Desk) Templates(w http.ResponseWriter, r *http.Request) {
	d.templates(w, r, http.StatusOK, nil)
}

func (d *Desk) templates(w http.ResponseWriter, r *http.Request, status int, form *tplForm) {
	v := ViewerFrom(r.Context())
	if d.replies == nil {
		d.Error(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	ctx := r.Context()
	q := r.URL.Query()
	p := templatesPage{base: d.base(r, "reply.templates_title"), ReplyLangs: replies.Languages, Tones: replies.Tones,
		Statuses:   []string{string(store.TemplateApproved), string(store.TemplateDraft), string(store.TemplateRetired)},
		Situations: replies.Situations, Variables: replies.Variables,
		CanPropose: v.Can("draft_reply"), CanApprove: v.Can("approve_reply")}
	p.Nav = "templates"
	f := tplFilter{Lang: q.Get("lang"), Tone: q.Get("tone"), Status: q.Get("status")}
	sf := store.TemplateFilter{}
	if slices.Contains(p.ReplyLangs, f.Lang) {
		sf.Lang = f.Lang
	} else {
		f.Lang = ""
	}
	if slices.Contains(p.Tones, f.Tone) {
		sf.Tone = f.Tone
	} else {
		f.Tone = ""
	}
	if slices.Contains(p.Statuses, f.Status) {
		sf.Status = store.TemplateStatus(f.Status)
	} else {
		f.Status = ""
	}
	p.F, p.FilterQ = f, f.query()
	if n := q.Get("done"); n == "proposed" || n == "approved" || n == "retired" {
		p.Flash = p.L.T("reply.tpl_done_" + n)
	}
	ts, err := d.replies.Templates(ctx, v.Workspace, v.User.ID, sf)
	if err != nil {
		d.log.Error("templates", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	names := d.names(ctx, p.L)
	me := replies.Actor(v.User.ID)
	for _, t := range ts {
		row := tplRow{T: t, By: names.of(t.CreatedBy), ApprovedBy: names.of(t.ApprovedBy), Own: t.CreatedBy == me}
		row.Vars, _ = replies.VariablesOf(t.Body)
		if t.Status == store.TemplateDraft {
			_, row.Warnings = markWarnings(p.L, t.Body, toneChecker().Check(ctx, t.Body, t.Lang))
		}
		row.CanApprove = p.CanApprove && t.Status == store.TemplateDraft && !row.Own
		row.CanRetire = p.CanApprove && t.Status != store.TemplateRetired
		p.Rows = append(p.Rows, row)
	}
	if form != nil {
		p.Error = form.Err
	}
	switch {
	case form != nil && (form.Revise || form.ID != "" || form.Name != "" || form.Body != ""):
		p.Form, p.ShowForm = *form, true
	case q.Get("edit") != "" && p.CanPropose:
		t, err := d.st.Template(ctx, v.Workspace, q.Get("edit"), 0)
		if err != nil {
			d.Error(w, r, http.StatusNotFound, "error.not_found")
			return
		}
		p.Form = tplForm{Revise: true, ID: t.ID, Base: t.Version, Group: t.Group, Lang: t.Lang, Name: t.Name, Tone: t.Tone, Situations: t.Situations, Body: t.Body}
		p.ShowForm = true
	default:
		p.Form = tplForm{Lang: p.L.Code, Tone: "compassionate"}
		if !slices.Contains(replies.Languages, p.Form.Lang) {
			p.Form.Lang = "en"
		}
	}
	d.render(w, r, status, "templates", p)
}

// TemplatePropose stores a new template (op=create) or a new version of
// one (op=revise); either waits for someone else's approval.
func (d *Desk) TemplatePropose(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	if d.replies == nil {
		d.Error(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	pf := r.PostForm
	form := tplForm{ID: strings.TrimSpace(pf.Get("id")), Group: strings.TrimSpace(pf.Get("group")), Lang: pf.Get("lang"), Name: strings.TrimSpace(pf.Get("name")),
		Tone: pf.Get("tone"), Situations: pf["situations"], Body: pf.Get("body")}
	in := replies.TemplateInput{ID: form.ID, Group: form.Group, Lang: form.Lang, Name: form.Name, Tone: form.Tone, Situations: form.Situations, Body: form.Body}
	var err error
	switch pf.Get("op") {
	case "create":
		_, _, err = d.replies.CreateTemplate(r.Context(), v.Workspace, v.User.ID, in)
	case "revise":
		form.Revise = true
		form.Base, err = strconv.Atoi(pf.Get("base"))
		if err != nil || form.ID == "" {
			d.Error(w, r, http.StatusBadRequest, "error.bad_request")
			return
		}
		_, _, err = d.replies.ReviseTemplate(r.Context(), v.Workspace, v.User.ID, form.ID, form.Base, in)
	default:
		d.Error(w, r, http.StatusBadRequest, "error.bad_request")
		return
	}
	if err != nil {
		d.templateFailed(w, r, err, &form)
		return
	}
	http.Redirect(w, r, "/w/"+v.Workspace+"/templates?done=proposed", http.StatusSeeOther)
}

func (d *Desk) templateFailed(w http.ResponseWriter, r *http.Request, err error, form *tplForm) {
	v := ViewerFrom(r.Context())
	status := replyStatus(err)
	switch {
	case errors.Is(err, store.ErrConflict):
		form.Err = d.langFor(r, v).T("reply.err.tpl_id_taken")
	case status == http.StatusInternalServerError:
		d.log.Error("template", "err", err)
		d.Error(w, r, status, "error.internal")
		return
	case errors.Is(err, replies.ErrForbidden) && !errors.Is(err, replies.ErrOwnDraft):
		d.Error(w, r, status, "error.forbidden")
		return
	default:
		form.Err = d.replyErrText(d.langFor(r, v), err)
	}
	d.templates(w, r, status, form)
}

// TemplateDecide approves a template's proposed version (op=approve) or
// retires a template (op=retire).
func (d *Desk) TemplateDecide(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	if d.replies == nil {
		d.Error(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	id := strings.TrimSpace(r.PostFormValue("id"))
	if id == "" {
		d.Error(w, r, http.StatusBadRequest, "error.bad_request")
		return
	}
	var err error
	done := ""
	switch r.PostFormValue("op") {
	case "approve":
		version, perr := strconv.Atoi(r.PostFormValue("version"))
		if perr != nil {
			d.Error(w, r, http.StatusBadRequest, "error.bad_request")
			return
		}
		_, err = d.replies.ApproveTemplate(r.Context(), v.Workspace, v.User.ID, id, version)
		done = "approved"
	case "retire":
		err = d.replies.RetireTemplate(r.Context(), v.Workspace, v.User.ID, id)
		done = "retired"
	default:
		d.Error(w, r, http.StatusBadRequest, "error.bad_request")
		return
	}
	if err != nil {
		status := replyStatus(err)
		if status == http.StatusInternalServerError {
			d.log.Error("template decision", "err", err)
			d.Error(w, r, status, "error.internal")
			return
		}
		d.templates(w, r, status, &tplForm{Err: d.replyErrText(d.langFor(r, v), err)})
		return
	}
	http.Redirect(w, r, "/w/"+v.Workspace+"/templates?done="+done, http.StatusSeeOther)
}
