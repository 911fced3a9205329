package desk

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/crisis"
	"github.com/stormwatch/stormwatch/internal/store"
)

// The crisis screen: the active crisis (its holding statement, the crisis
// group, the message plan with the effect seen, the timeline and when the
// next status update is due), proposals from alerts to confirm or dismiss,
// the crisis plan, and past crises with their post-incident review.
// Reading needs view; every change needs crisis_mode.

type crisisRow struct {
	N int
	crisis.Message
	Effects []string
}

type crisisPage struct {
	base
	Active    *store.CrisisRecord
	Plan      crisis.Plan
	Rows      []crisisRow
	Holding   string
	Timeline  []store.CrisisEntry
	NextDue   time.Time
	Late      bool
	Proposals []store.CrisisRecord
	Past      []store.CrisisRecord
	PlanDoc   string
	PlanVer   int
	Kinds     []string
	CanAct    bool
}

func (d *Desk) crisisSvc() *crisis.Service { return &crisis.Service{Store: d.st, Now: d.now} }

// activeCrisis is the banner's question: is the workspace in crisis mode?
func (d *Desk) activeCrisis(ctx context.Context, ws string) *store.CrisisRecord {
	if ws == "" {
		return nil
	}
	c, err := d.st.ActiveCrisis(ctx, ws)
	if err != nil {
		return nil
	}
	return &c
}

// Crisis shows the crisis screen.
func (d *Desk) Crisis(w http.ResponseWriter, r *http.Request) {
	d.crisisPage(w, r, http.StatusOK, "", nil)
}

func (d *Desk) crisisPage(w http.ResponseWriter, r *http.Request, status int, errKey string, err error) {
	ctx := r.Context()
	v := ViewerFrom(ctx)
	p := crisisPage{base: d.base(r, "crisis.title"), Kinds: crisis.EntryKinds, CanAct: v.Can(string(auth.PermCrisisMode))}
	p.Nav = "crisis"
	if errKey != "" {
		p.Error = p.L.T(errKey)
		if err != nil && status == http.StatusBadRequest {
			p.Error += " (" + err.Error() + ")"
		}
	}
	svc := d.crisisSvc()
	plan, doc, perr := svc.Plan(ctx, v.Workspace)
	if perr != nil {
		d.log.Warn("crisis plan", "ws", v.Workspace, "err", perr)
	}
	p.Plan, p.PlanDoc, p.PlanVer = plan, string(doc.Doc), doc.Version
	if r.Method == http.MethodPost && r.PostForm.Has("doc") {
		p.PlanDoc = r.PostFormValue("doc")
	}
	list, lerr := d.st.ListCrises(ctx, v.Workspace, 50)
	if lerr != nil {
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	for i := range list {
		c := list[i]
		switch c.Status {
		case store.CrisisActive:
			p.Active = &c
		case store.CrisisProposed:
			p.Proposals = append(p.Proposals, c)
		default:
			p.Past = append(p.Past, c)
		}
	}
	if p.Active != nil {
		if cp, err := crisis.ParsePlan(p.Active.Plan); err == nil {
			p.Plan = cp // the plan the crisis started with
		}
		p.Holding = p.Plan.HoldingIn(p.L.Code)
		p.NextDue, p.Late = crisis.NextUpdate(*p.Active, d.now())
		p.Timeline, _ = d.st.CrisisEntries(ctx, v.Workspace, p.Active.ID)
	}
	effects := map[int][]string{}
	for _, e := range p.Timeline {
		if e.Kind == store.CrisisEntryEffect {
			effects[e.Row] = append(effects[e.Row], e.Text)
		}
	}
	for i, m := range p.Plan.Messages {
		p.Rows = append(p.Rows, crisisRow{N: i + 1, Message: m, Effects: effects[i+1]})
	}
	d.render(w, r, status, "crisis", p)
}

func crisisErrStatus(err error) (int, string) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		return http.StatusNotFound, "error.not_found"
	case errors.Is(err, crisis.ErrInvalid):
		return http.StatusBadRequest, "crisis.err.invalid"
	case errors.Is(err, store.ErrConflict):
		return http.StatusConflict, "crisis.err.conflict"
	}
	return http.StatusInternalServerError, "error.internal"
}

// crisisAct runs one change and goes back to the crisis screen.
func (d *Desk) crisisAct(w http.ResponseWriter, r *http.Request, flash string, do func(ctx context.Context, v *Viewer, actor string) error) {
	v := ViewerFrom(r.Context())
	if err := do(r.Context(), v, auth.UserActor(v.User.ID)); err != nil {
		status, key := crisisErrStatus(err)
		if status == http.StatusInternalServerError {
			d.log.Error("crisis", "ws", v.Workspace, "err", err)
		}
		d.crisisPage(w, r, status, key, err)
		return
	}
	http.Redirect(w, r, withFlash("/w/"+v.Workspace+"/crisis", flash), http.StatusSeeOther)
}

func crisisID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("crisis id %q: %w", r.PathValue("id"), store.ErrNotFound)
	}
	return id, nil
}

// CrisisStart switches crisis mode on, or, with an alert id, records the
// alert's proposal.
func (d *Desk) CrisisStart(w http.ResponseWriter, r *http.Request) {
	flash := "crisis_started"
	if r.PostFormValue("alert_id") != "" {
		flash = "crisis_proposed"
	}
	d.crisisAct(w, r, flash, func(ctx context.Context, v *Viewer, actor string) error {
		if a := r.PostFormValue("alert_id"); a != "" {
			id, err := strconv.ParseInt(a, 10, 64)
			if err != nil {
				return fmt.Errorf("alert id %q: %w", a, crisis.ErrInvalid)
			}
			_, err = d.crisisSvc().Propose(ctx, v.Workspace, id, actor)
			return err
		}
		_, err := d.crisisSvc().Start(ctx, v.Workspace, r.PostFormValue("title"), r.PostFormValue("summary"), actor)
		return err
	})
}

// CrisisPlan replaces the workspace's crisis plan.
func (d *Desk) CrisisPlan(w http.ResponseWriter, r *http.Request) {
	d.crisisAct(w, r, "crisis_plan_saved", func(ctx context.Context, v *Viewer, actor string) error {
		_, err := d.crisisSvc().SetPlan(ctx, v.Workspace, []byte(r.PostFormValue("doc")), actor)
		return err
	})
}

// CrisisConfirm makes a proposal the active crisis.
func (d *Desk) CrisisConfirm(w http.ResponseWriter, r *http.Request) {
	d.crisisAct(w, r, "crisis_started", func(ctx context.Context, v *Viewer, actor string) error {
		id, err := crisisID(r)
		if err != nil {
			return err
		}
		_, err = d.crisisSvc().Confirm(ctx, v.Workspace, id, actor)
		return err
	})
}

// CrisisDismiss sets a proposal aside.
func (d *Desk) CrisisDismiss(w http.ResponseWriter, r *http.Request) {
	d.crisisAct(w, r, "crisis_dismissed", func(ctx context.Context, v *Viewer, actor string) error {
		id, err := crisisID(r)
		if err != nil {
			return err
		}
		_, err = d.crisisSvc().Dismiss(ctx, v.Workspace, id, r.PostFormValue("reason"), actor)
		return err
	})
}

// CrisisRecord adds a status update, a note, a message sent or an effect
// seen to the timeline.
func (d *Desk) CrisisRecord(w http.ResponseWriter, r *http.Request) {
	d.crisisAct(w, r, "crisis_recorded", func(ctx context.Context, v *Viewer, actor string) error {
		id, err := crisisID(r)
		if err != nil {
			return err
		}
		row := 0
		if s := r.PostFormValue("row"); s != "" {
			if row, err = strconv.Atoi(s); err != nil {
				return fmt.Errorf("row %q: %w", s, crisis.ErrInvalid)
			}
		}
		_, err = d.crisisSvc().Record(ctx, v.Workspace, id, r.PostFormValue("kind"), r.PostFormValue("text"), row, actor)
		return err
	})
}

// CrisisEnd switches crisis mode off.
func (d *Desk) CrisisEnd(w http.ResponseWriter, r *http.Request) {
	d.crisisAct(w, r, "crisis_ended", func(ctx context.Context, v *Viewer, actor string) error {
		id, err := crisisID(r)
		if err != nil {
			return err
		}
		_, err = d.crisisSvc().End(ctx, v.Workspace, id, r.PostFormValue("outcome"), actor)
		return err
	})
}

// CrisisReview serves the post-incident review as Markdown, or as PDF
// with ?format=pdf.
func (d *Desk) CrisisReview(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	id, err := crisisID(r)
	if err != nil {
		d.Error(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	rev, err := d.crisisSvc().BuildReview(r.Context(), v.Workspace, id)
	if err != nil {
		status, key := crisisErrStatus(err)
		d.Error(w, r, status, key)
		return
	}
	setSecurityHeaders(w.Header())
	w.Header().Set("Cache-Control", "no-store")
	if r.URL.Query().Get("format") == "pdf" {
		var buf bytes.Buffer
		if err := rev.WritePDF(&buf, d.now()); err != nil {
			d.log.Error("crisis review pdf", "err", err)
			d.Error(w, r, http.StatusInternalServerError, "error.internal")
			return
		}
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="crisis-%d-review.pdf"`, id))
		_, _ = w.Write(buf.Bytes())
		return
	}
	w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`inline; filename="crisis-%d-review.md"`, id))
	_, _ = w.Write([]byte(rev.Markdown()))
}

func init() { pageNames = append(pageNames, "crisis") }
