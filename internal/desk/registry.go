package desk

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/stormwatch/stormwatch/internal/registry"
	"github.com/stormwatch/stormwatch/internal/store"
)

// The account registry screens: every brand account with its owners and
// backup owners, second factor, recovery contacts and last access review,
// and what puts it at risk; and the breach runbook (seed 003). Reading
// takes view; editing, deleting and recording a review take
// manage_channels.

func init() { pageNames = append(pageNames, "registry", "runbook") }

// registrySvc is the desk's registry service, or one on the store.
func (d *Desk) registrySvc() *registry.Service {
	if d.registry != nil {
		return d.registry
	}
	s := registry.New(d.st)
	s.Now = func() time.Time { return d.now().UTC() }
	return s
}

type accountView struct {
	A        store.BrandAccount
	Owners   []string
	Backups  []string
	Problems []problemView
	Alerting bool
}

type problemView struct {
	Kind  string
	Text  string
	Alert bool
}

type memberOption struct {
	ID            int64
	Name          string
	Owner, Backup bool
}

type registryPage struct {
	base
	CanEdit  bool
	Accounts []accountView
	AtRisk   int
	Edit     store.BrandAccount // the account in the form (ID 0: a new one)
	Members  []memberOption
	Methods  []string
	Err      string
}

// Registry lists the brand accounts and their risks.
func (d *Desk) Registry(w http.ResponseWriter, r *http.Request) {
	d.renderRegistry(w, r, http.StatusOK, nil, "")
}

func (d *Desk) renderRegistry(w http.ResponseWriter, r *http.Request, status int, edit *store.BrandAccount, errMsg string) {
	v := ViewerFrom(r.Context())
	ctx := r.Context()
	p := registryPage{base: d.base(r, "registry.title"), CanEdit: v.Can("manage_channels"), Methods: registry.TwoFactorMethods, Err: errMsg}
	p.Nav = "registry"
	es, names, err := d.registrySvc().List(ctx, v.Workspace, v.User.ID)
	if err != nil {
		d.log.Error("registry", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	nameOf := func(id int64) string {
		if n, ok := names[id]; ok && n != "" {
			return n
		}
		return p.L.T("registry.user_n", id)
	}
	editID, _ := strconv.ParseInt(r.URL.Query().Get("edit"), 10, 64)
	for _, e := range es {
		av := accountView{A: e.Account}
		for _, id := range e.Account.Owners {
			av.Owners = append(av.Owners, nameOf(id))
		}
		for _, id := range e.Account.BackupOwners {
			av.Backups = append(av.Backups, nameOf(id))
		}
		for _, pr := range e.Problems {
			var text string
			switch pr.Kind {
			case registry.OwnerLeft, registry.BackupLeft:
				text = p.L.T("registry.problem."+pr.Kind, nameOf(pr.UserID))
			case registry.ReviewDue:
				text = p.L.T("registry.problem.review_overdue", pr.Since.Format("2006-01-02"))
			default:
				text = p.L.T("registry.problem." + pr.Kind)
			}
			av.Problems = append(av.Problems, problemView{Kind: pr.Kind, Text: text, Alert: pr.Alert})
			av.Alerting = av.Alerting || pr.Alert
		}
		if av.Alerting {
			p.AtRisk++
		}
		if edit == nil && e.Account.ID == editID {
			a := e.Account
			edit = &a
		}
		p.Accounts = append(p.Accounts, av)
	}
	if edit != nil {
		p.Edit = *edit
	}
	if p.CanEdit {
		ms, err := d.st.Members(ctx, v.Workspace)
		if err != nil {
			d.log.Error("members", "err", err)
		}
		for _, m := range ms {
			if m.User.Disabled() {
				continue
			}
			p.Members = append(p.Members, memberOption{ID: m.UserID, Name: m.User.DisplayName, Owner: hasUserID(p.Edit.Owners, m.UserID), Backup: hasUserID(p.Edit.BackupOwners, m.UserID)})
		}
	}
	d.render(w, r, status, "registry", p)
}

func hasUserID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

func formUserIDs(vals []string) []int64 {
	var out []int64
	for _, s := range vals {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil && id > 0 && !hasUserID(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// RegistryAct saves (op=save), deletes (op=delete) or records a review of
// (op=review) a brand account.
func (d *Desk) RegistryAct(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	ctx := r.Context()
	f := r.PostForm
	svc := d.registrySvc()
	id, _ := strconv.ParseInt(f.Get("id"), 10, 64)
	var err error
	flash := "account_saved"
	var a store.BrandAccount
	switch f.Get("op") {
	case "save":
		a = store.BrandAccount{ID: id, Platform: f.Get("platform"), Handle: f.Get("handle"), URL: f.Get("url"), Purpose: f.Get("purpose"),
			Owners: formUserIDs(f["owner"]), BackupOwners: formUserIDs(f["backup"]), TwoFactor: f.Get("two_factor"), RecoveryContacts: formLines(f.Get("recovery"))}
		_, err = svc.Save(ctx, v.Workspace, v.User.ID, a)
	case "delete":
		err, flash = svc.Delete(ctx, v.Workspace, v.User.ID, id), "account_deleted"
	case "review":
		_, err = svc.Review(ctx, v.Workspace, v.User.ID, id)
		flash = "account_reviewed"
	default:
		d.Error(w, r, http.StatusBadRequest, "error.bad_request")
		return
	}
	if err != nil {
		l := d.langFor(r, v)
		var msg string
		status := http.StatusBadRequest
		switch {
		case errors.Is(err, registry.ErrInvalid):
			msg = l.T("outbound.err.invalid", err.Error())
		case errors.Is(err, store.ErrConflict):
			msg, status = l.T("registry.err.duplicate"), http.StatusConflict
		case errors.Is(err, store.ErrNotFound):
			msg, status = l.T("registry.err.not_found"), http.StatusNotFound
		case errors.Is(err, registry.ErrForbidden):
			d.Error(w, r, http.StatusForbidden, "error.forbidden")
			return
		default:
			d.log.Error("registry act", "err", err)
			d.Error(w, r, http.StatusInternalServerError, "error.internal")
			return
		}
		var edit *store.BrandAccount
		if f.Get("op") == "save" {
			edit = &a
		}
		d.renderRegistry(w, r, status, edit, msg)
		return
	}
	http.Redirect(w, r, "/w/"+v.Workspace+"/registry?flash="+flash, http.StatusSeeOther)
}

type runbookPage struct {
	base
	Steps    []runbookStep
	CanCase  bool
	Accounts []store.BrandAccount
}

type runbookStep struct {
	N           int
	Title, Body string
}

// runbookSteps are the breach runbook's steps, in order (seed 003).
var runbookSteps = []string{"contain", "passwords", "sessions", "twofactor", "platform", "followers", "posts", "case"}

// Runbook is the breach runbook: what to do, in order, when a brand
// account is compromised.
func (d *Desk) Runbook(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	p := runbookPage{base: d.base(r, "registry.runbook_title"), CanCase: d.cases != nil && v.Can("manage_cases")}
	p.Nav = "registry"
	for i, s := range runbookSteps {
		p.Steps = append(p.Steps, runbookStep{N: i + 1, Title: p.L.T("registry.runbook." + s + ".title"), Body: p.L.T("registry.runbook." + s + ".body")})
	}
	as, err := d.st.BrandAccounts(r.Context(), v.Workspace)
	if err != nil {
		d.log.Error("runbook accounts", "err", err)
	}
	p.Accounts = as
	d.render(w, r, http.StatusOK, "runbook", p)
}
