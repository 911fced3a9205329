package desk

// The case screens: the list of cases, one case's page (status and
// severity, summary, roles, the items as captured, notes, evidence, the
// timeline), creating a case from one or several items, uploading
// evidence, and the evidence bundle and PDF report downloads.
//
// Validation, storage and the audit of every change belong to package
// cases and the store; the handlers here read forms, call cases.Service
// and turn its errors into calm pages with the right status. The server
// has already checked the session, the permission (view to read,
// manage_cases to change) and the CSRF token before a handler runs.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/cases"
	"github.com/stormwatch/stormwatch/internal/store"
)

// caseListLimit bounds the cases list (the store's default).
const caseListLimit = 200

type caseListPage struct {
	base
	Cases      []store.Case
	Status     string
	Severity   string
	Statuses   []string
	Severities []string
	CanManage  bool
}

// CaseList lists the workspace's cases, newest change first, filtered by
// status and severity (values outside the choices are ignored).
func (d *Desk) CaseList(w http.ResponseWriter, r *http.Request) {
	if d.cases == nil {
		d.Error(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	v := ViewerFrom(r.Context())
	q := r.URL.Query()
	p := caseListPage{base: d.base(r, "case.list.title"), Statuses: cases.Statuses, Severities: cases.Severities, CanManage: v.Can("manage_cases")}
	p.Nav = "cases"
	if s := q.Get("status"); contains(cases.Statuses, s) {
		p.Status = s
	}
	if s := q.Get("severity"); contains(cases.Severities, s) {
		p.Severity = s
	}
	limit := caseListLimit
	if p.Severity != "" {
		limit = 1000 // the store filters by status only: read more, keep the severity's
	}
	list, err := d.cases.Store.ListCases(r.Context(), v.Workspace, store.CaseFilter{Status: p.Status, Limit: limit})
	if err != nil {
		d.log.Error("cases", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	for _, c := range list {
		if p.Severity == "" || c.Severity == p.Severity {
			p.Cases = append(p.Cases, c)
		}
	}
	if len(p.Cases) > caseListLimit {
		p.Cases = p.Cases[:caseListLimit]
	}
	d.render(w, r, http.StatusOK, "cases", p)
}

type caseNewPage struct {
	base
	Items      []row
	Open       []store.Case // cases the items can be added to
	CaseTitle  string
	Summary    string
	Severity   string
	Severities []string
}

// caseItemIDs reads item ids from a form or query field.
func caseItemIDs(vals []string) ([]int64, bool) {
	var ids []int64
	seen := map[int64]bool{}
	for _, s := range vals {
		id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil || id <= 0 {
			return nil, false
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids, true
}

// CaseNew shows the form that puts items in a case: a new one, or one
// already open. The item page links here with ?item=ID (GET); the queue's
// bulk bar posts its checked "ids" here (POST, which changes nothing).
func (d *Desk) CaseNew(w http.ResponseWriter, r *http.Request) {
	if d.cases == nil {
		d.Error(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	v := ViewerFrom(r.Context())
	vals := r.URL.Query()["item"]
	if r.Method == http.MethodPost {
		vals = append(r.PostForm["ids"], r.PostForm["item"]...)
		if len(vals) == 0 {
			back := localPath(r.PostFormValue("back"), "/w/"+v.Workspace+"/queue")
			http.Redirect(w, r, withFlash(back, "nothing_selected"), http.StatusSeeOther)
			return
		}
	}
	ids, ok := caseItemIDs(vals)
	if !ok {
		d.Error(w, r, http.StatusBadRequest, "error.bad_request")
		return
	}
	if len(ids) > maxBulk {
		d.Error(w, r, http.StatusRequestEntityTooLarge, "error.too_many")
		return
	}
	p, status, err := d.caseNewPage(r, v, ids)
	if err != nil {
		d.caseFailed(w, r, 0, err)
		return
	}
	if len(ids) > 0 {
		p.CaseTitle = p.L.T("case.new.suggested", authorOf(p.Items[0].Q.Item.AuthorName, p.Items[0].Q.Item.AuthorID), p.Items[0].Q.Item.Channel)
	}
	d.render(w, r, status, "case_new", p)
}

func authorOf(name, id string) string {
	if name != "" {
		return name
	}
	return id
}

func (d *Desk) caseNewPage(r *http.Request, v *Viewer, ids []int64) (caseNewPage, int, error) {
	ctx := r.Context()
	p := caseNewPage{base: d.base(r, "case.new.title"), Severities: cases.Severities, Severity: store.SeverityNormal}
	p.Nav = "cases"
	now := d.now()
	for _, id := range ids {
		qi, err := d.st.QueueItem(ctx, v.Workspace, id, now)
		if err != nil {
			return p, 0, fmt.Errorf("item %d: %w", id, err)
		}
		p.Items = append(p.Items, makeRow(qi, v))
	}
	list, err := d.cases.Store.ListCases(ctx, v.Workspace, store.CaseFilter{Limit: caseListLimit})
	if err != nil {
		return p, 0, err
	}
	for _, c := range list {
		if c.Status != store.CaseClosed {
			p.Open = append(p.Open, c)
		}
	}
	return p, http.StatusOK, nil
}

// CaseCreate opens a case from the new-case form, with its items.
func (d *Desk) CaseCreate(w http.ResponseWriter, r *http.Request) {
	if d.cases == nil {
		d.Error(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	v := ViewerFrom(r.Context())
	ids, ok := caseItemIDs(r.PostForm["item"])
	if !ok {
		d.Error(w, r, http.StatusBadRequest, "error.bad_request")
		return
	}
	if len(ids) > maxBulk {
		d.Error(w, r, http.StatusRequestEntityTooLarge, "error.too_many")
		return
	}
	nc := store.NewCase{Title: r.PostFormValue("title"), Summary: r.PostFormValue("summary"), Severity: r.PostFormValue("severity"), ItemIDs: ids}
	c, err := d.cases.Create(r.Context(), v.Workspace, nc, auth.UserActor(v.User.ID))
	if errors.Is(err, cases.ErrInvalid) {
		// Show the form again with what was typed and why it was refused.
		p, _, perr := d.caseNewPage(r, v, ids)
		if perr != nil {
			d.caseFailed(w, r, 0, perr)
			return
		}
		p.CaseTitle, p.Summary, p.Severity = nc.Title, nc.Summary, nc.Severity
		p.Error = p.L.T("case.err.invalid") + " " + errDetail(err)
		d.render(w, r, http.StatusBadRequest, "case_new", p)
		return
	}
	if err != nil {
		d.caseFailed(w, r, 0, err)
		return
	}
	http.Redirect(w, r, withFlash(casePath(v, c.ID), "case_created"), http.StatusSeeOther)
}

// errDetail is the part of a domain error people can act on ("title is
// empty"), without the wrapping sentinel's words.
func errDetail(err error) string {
	s := err.Error()
	for _, sentinel := range []error{cases.ErrInvalid, cases.ErrTransition, cases.ErrTooLarge, cases.ErrFileType} {
		s = strings.ReplaceAll(s, ": "+sentinel.Error(), "")
	}
	if i := strings.LastIndex(s, ": "); i >= 0 && strings.HasPrefix(s, "create case") {
		s = s[i+2:]
	}
	return s
}

func casePath(v *Viewer, id int64) string { return fmt.Sprintf("/w/%s/cases/%d", v.Workspace, id) }

// caseView is the case page's data.
type casePage struct {
	base
	C          store.Case
	Items      []caseItemView
	Notes      []caseNoteView
	Evidence   []caseEvidenceView
	Roles      []caseRoleView
	Timeline   []caseEntryView
	Members    []store.Member
	Next       []string // the statuses the case may move to
	Severities []string
	RoleNames  []string
	NoteKinds  []string
	Accept     string // the upload input's accept attribute
	CanManage  bool
	Closed     bool
	CreatedBy  string
	// What was typed in a form that was refused, to show it again.
	NoteKind, NoteText, EvidenceDesc, Reason string
}

type caseItemView struct {
	store.CaseItem
	Author  string
	RawSHA  string
	Raw     string
	Verdict string
	AddedBy string
}

type caseNoteView struct {
	store.CaseNote
	By string
}

type caseEvidenceView struct {
	store.Evidence
	By   string
	Size string
}

type caseRoleView struct {
	store.CaseRole
	Who string
}

type caseEntryView struct {
	cases.Entry
	By string
}

// caseID reads the {id} of a case route; false after answering 404.
func (d *Desk) caseID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	if d.cases == nil {
		d.Error(w, r, http.StatusNotFound, "error.not_found")
		return 0, false
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		d.Error(w, r, http.StatusNotFound, "error.not_found")
		return 0, false
	}
	return id, true
}

// CasePage shows one case.
func (d *Desk) CasePage(w http.ResponseWriter, r *http.Request) {
	id, ok := d.caseID(w, r)
	if !ok {
		return
	}
	p, err := d.casePage(r, id)
	if err != nil {
		d.caseFailed(w, r, 0, err)
		return
	}
	d.render(w, r, http.StatusOK, "case", p)
}

func (d *Desk) casePage(r *http.Request, id int64) (casePage, error) {
	ctx := r.Context()
	v := ViewerFrom(ctx)
	f, tl, err := d.cases.File(ctx, v.Workspace, id)
	if err != nil {
		return casePage{}, err
	}
	p := casePage{base: d.base(r, "case.title"), C: f.Case, Severities: cases.Severities, RoleNames: cases.Roles, NoteKinds: cases.NoteKinds,
		Accept: ".pdf,.png,.jpg,.jpeg,.webp,.txt,.log,.csv,.eml," + strings.Join(cases.AllowedTypes, ","), CanManage: v.Can("manage_cases"),
		Closed: f.Case.Status == store.CaseClosed, NoteKind: "note"}
	p.Nav = "cases"
	p.Title = p.L.T("case.title_n", f.Case.ID, f.Case.Title)
	for _, to := range cases.Statuses {
		if cases.CheckTransition(f.Case.Status, to) == nil {
			p.Next = append(p.Next, to)
		}
	}
	members, err := d.st.Members(ctx, v.Workspace)
	if err != nil {
		return p, err
	}
	p.Members = members
	names := map[string]string{}
	for _, m := range members {
		names[auth.UserActor(m.UserID)] = m.User.DisplayName
	}
	who := func(actor string) string {
		if n, ok := names[actor]; ok && n != "" {
			return n
		}
		return actor
	}
	p.CreatedBy = who(f.Case.CreatedBy)
	for _, ci := range f.Items {
		iv := caseItemView{CaseItem: ci, Author: authorOf(ci.Item.AuthorName, ci.Item.AuthorID), RawSHA: cases.RawSHA256(ci.Item), Raw: string(ci.Item.Raw), AddedBy: who(ci.AddedBy)}
		if ci.Decision != nil {
			iv.Verdict = ci.Decision.Action
		}
		p.Items = append(p.Items, iv)
	}
	for _, n := range f.Notes {
		p.Notes = append(p.Notes, caseNoteView{CaseNote: n, By: who(n.Author)})
	}
	for _, e := range f.Evidence {
		p.Evidence = append(p.Evidence, caseEvidenceView{Evidence: e, By: who(e.UploadedBy), Size: humanBytes(e.Size)})
	}
	for _, ro := range f.Roles {
		rv := caseRoleView{CaseRole: ro, Who: ro.Name}
		if rv.Who == "" {
			rv.Who = who(auth.UserActor(ro.UserID))
		}
		p.Roles = append(p.Roles, rv)
	}
	// The newest first: during a storm the latest step is what people look for.
	for i := len(tl) - 1; i >= 0; i-- {
		p.Timeline = append(p.Timeline, caseEntryView{Entry: tl[i], By: who(tl[i].Actor)})
	}
	return p, nil
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// caseFailed answers a failed case request. Not found is the error page;
// a refused change shows the case page again (id > 0) with the reason at
// the top, what was typed kept in keep, and the matching status.
func (d *Desk) caseFailed(w http.ResponseWriter, r *http.Request, id int64, err error, keep ...func(*casePage)) {
	status, key := caseErrStatus(err)
	switch {
	case status == http.StatusNotFound:
		d.Error(w, r, status, "error.not_found")
		return
	case status == http.StatusInternalServerError:
		d.log.Error("case", "path", r.URL.Path, "err", err)
		d.Error(w, r, status, "error.internal")
		return
	case id == 0:
		d.Error(w, r, status, key)
		return
	}
	p, perr := d.casePage(r, id)
	if perr != nil {
		d.Error(w, r, status, key)
		return
	}
	for _, k := range keep {
		k(&p)
	}
	p.Error = p.L.T(key)
	if detail := errDetail(err); detail != "" && status != http.StatusConflict {
		p.Error += " (" + detail + ")"
	}
	d.render(w, r, status, "case", p)
}

// caseErrStatus maps a domain or store error to a status and a message.
func caseErrStatus(err error) (int, string) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		return http.StatusNotFound, "error.not_found"
	case errors.Is(err, cases.ErrInvalid):
		return http.StatusBadRequest, "case.err.invalid"
	case errors.Is(err, cases.ErrTransition):
		return http.StatusConflict, "case.err.transition"
	case errors.Is(err, store.ErrConflict):
		return http.StatusConflict, "case.err.conflict"
	case errors.Is(err, store.ErrCaseClosed):
		return http.StatusConflict, "case.err.closed"
	case errors.Is(err, cases.ErrTooLarge):
		return http.StatusRequestEntityTooLarge, "case.err.too_large"
	case errors.Is(err, cases.ErrFileType):
		return http.StatusUnsupportedMediaType, "case.err.file_type"
	}
	return http.StatusInternalServerError, "error.internal"
}

// caseDone goes back to the case page with a message, at a section.
func caseDone(w http.ResponseWriter, r *http.Request, v *Viewer, id int64, flash, section string) {
	to := withFlash(casePath(v, id), flash)
	if section != "" {
		to += "#" + section
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// caseAct runs one change on the case of the URL: the common part of the
// case page's forms.
func (d *Desk) caseAct(w http.ResponseWriter, r *http.Request, flash, section string, do func(ctx context.Context, v *Viewer, id int64, actor string) error, keep ...func(*casePage)) {
	id, ok := d.caseID(w, r)
	if !ok {
		return
	}
	v := ViewerFrom(r.Context())
	if err := do(r.Context(), v, id, auth.UserActor(v.User.ID)); err != nil {
		d.caseFailed(w, r, id, err, keep...)
		return
	}
	caseDone(w, r, v, id, flash, section)
}

// CaseStatus moves the case to another status, with an optional reason.
func (d *Desk) CaseStatus(w http.ResponseWriter, r *http.Request) {
	reason := r.PostFormValue("reason")
	d.caseAct(w, r, "case_status", "", func(ctx context.Context, v *Viewer, id int64, actor string) error {
		_, err := d.cases.SetStatus(ctx, v.Workspace, id, r.PostFormValue("status"), reason, actor)
		return err
	}, func(p *casePage) { p.Reason = reason })
}

// CaseSeverity changes the case's severity.
func (d *Desk) CaseSeverity(w http.ResponseWriter, r *http.Request) {
	d.caseAct(w, r, "case_severity", "", func(ctx context.Context, v *Viewer, id int64, actor string) error {
		_, err := d.cases.SetSeverity(ctx, v.Workspace, id, r.PostFormValue("severity"), actor)
		return err
	})
}

// CaseEdit changes the title and the summary.
func (d *Desk) CaseEdit(w http.ResponseWriter, r *http.Request) {
	d.caseAct(w, r, "case_edited", "", func(ctx context.Context, v *Viewer, id int64, actor string) error {
		if !r.PostForm.Has("title") || !r.PostForm.Has("summary") {
			return fmt.Errorf("title and summary are both required fields: %w", cases.ErrInvalid)
		}
		title, summary := r.PostFormValue("title"), r.PostFormValue("summary")
		_, err := d.cases.Edit(ctx, v.Workspace, id, &title, &summary, actor)
		return err
	})
}

// CaseItems adds items to the case (from the new-case form's "add to a
// case that is already open").
func (d *Desk) CaseItems(w http.ResponseWriter, r *http.Request) {
	d.caseAct(w, r, "case_items_added", "items", func(ctx context.Context, v *Viewer, id int64, actor string) error {
		ids, ok := caseItemIDs(r.PostForm["item"])
		if !ok {
			return fmt.Errorf("item numbers are not numbers: %w", cases.ErrInvalid)
		}
		if len(ids) > maxBulk {
			return fmt.Errorf("%d items, at most %d at once: %w", len(ids), maxBulk, cases.ErrInvalid)
		}
		_, err := d.cases.AddItems(ctx, v.Workspace, id, ids, actor)
		if errors.Is(err, store.ErrNotFound) {
			// The case exists (caseAct's page will show it): an item does not.
			return fmt.Errorf("an item was not found in this workspace: %w", cases.ErrInvalid)
		}
		return err
	})
}

// CaseRole gives a member of the workspace a role on the case, or removes
// them (role "").
func (d *Desk) CaseRole(w http.ResponseWriter, r *http.Request) {
	d.caseAct(w, r, "case_role", "roles", func(ctx context.Context, v *Viewer, id int64, actor string) error {
		uid, err := strconv.ParseInt(r.PostFormValue("user"), 10, 64)
		if err != nil {
			return fmt.Errorf("choose a person: %w", cases.ErrInvalid)
		}
		// Only members of this workspace can hold a role on its cases.
		if _, err := d.st.Membership(ctx, v.Workspace, uid); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("user %d is not a member of this workspace: %w", uid, cases.ErrInvalid)
			}
			return err
		}
		return d.cases.SetRole(ctx, v.Workspace, id, uid, r.PostFormValue("role"), actor)
	})
}

// CaseNote records a note, an agreement or a mediation.
func (d *Desk) CaseNote(w http.ResponseWriter, r *http.Request) {
	kind, text := r.PostFormValue("kind"), r.PostFormValue("text")
	d.caseAct(w, r, "case_note", "notes", func(ctx context.Context, v *Viewer, id int64, actor string) error {
		_, err := d.cases.AddNote(ctx, v.Workspace, id, kind, text, actor)
		return err
	}, func(p *casePage) { p.NoteKind, p.NoteText = kind, text })
}

// CaseEvidence stores an uploaded evidence file (multipart form, field
// "file"). The server bounds the request's size; package cases bounds the
// file's and decides from its content whether its type is accepted.
func (d *Desk) CaseEvidence(w http.ResponseWriter, r *http.Request) {
	desc := r.PostFormValue("description")
	d.caseAct(w, r, "case_evidence", "evidence", func(ctx context.Context, v *Viewer, id int64, actor string) error {
		file, hdr, err := r.FormFile("file")
		if err != nil {
			return fmt.Errorf("no file was chosen: %w", cases.ErrInvalid)
		}
		defer file.Close()
		_, err = d.cases.AddEvidence(ctx, v.Workspace, id, hdr.Filename, hdr.Header.Get("Content-Type"), desc, file, actor)
		return err
	}, func(p *casePage) { p.EvidenceDesc = desc })
}

// CaseEvidenceFile downloads one evidence file, always as an attachment:
// the browser never renders it inside the desk.
func (d *Desk) CaseEvidenceFile(w http.ResponseWriter, r *http.Request) {
	id, ok := d.caseID(w, r)
	if !ok {
		return
	}
	eid, err := strconv.ParseInt(r.PathValue("eid"), 10, 64)
	if err != nil {
		d.Error(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	v := ViewerFrom(r.Context())
	e, content, err := d.cases.Store.EvidenceContent(r.Context(), v.Workspace, id, eid)
	if err != nil {
		d.caseFailed(w, r, 0, err)
		return
	}
	sendDownload(w, e.ContentType, e.Name, content)
}

// CaseBundle exports the evidence bundle (a ZIP with its manifest of
// hashes) as a download. The export is audited with the manifest's hash,
// which the response also carries in X-Manifest-SHA256.
func (d *Desk) CaseBundle(w http.ResponseWriter, r *http.Request) {
	id, ok := d.caseID(w, r)
	if !ok {
		return
	}
	v := ViewerFrom(r.Context())
	var buf bytes.Buffer
	m, err := d.cases.Export(r.Context(), v.Workspace, id, auth.UserActor(v.User.ID), &buf)
	if err != nil {
		d.caseFailed(w, r, 0, err)
		return
	}
	mb, err := cases.CanonicalManifest(m)
	if err == nil {
		sum := sha256.Sum256(mb)
		w.Header().Set("X-Manifest-SHA256", hex.EncodeToString(sum[:]))
	}
	sendDownload(w, "application/zip", fmt.Sprintf("case-%d-evidence-%s.zip", id, m.ExportedAt.UTC().Format("20060102-150405")), buf.Bytes())
}

// CaseReport downloads the PDF case report.
func (d *Desk) CaseReport(w http.ResponseWriter, r *http.Request) {
	id, ok := d.caseID(w, r)
	if !ok {
		return
	}
	v := ViewerFrom(r.Context())
	var buf bytes.Buffer
	if err := d.cases.Report(r.Context(), v.Workspace, id, auth.UserActor(v.User.ID), &buf); err != nil {
		d.caseFailed(w, r, 0, err)
		return
	}
	sendDownload(w, "application/pdf", fmt.Sprintf("case-%d-report-%s.pdf", id, d.now().UTC().Format("20060102")), buf.Bytes())
}

// sendDownload writes content as an attachment named name.
func sendDownload(w http.ResponseWriter, ctype, name string, content []byte) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(content)))
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	h.Set("Cache-Control", "no-store")
	setSecurityHeaders(h)
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(content)
}
