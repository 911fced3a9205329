package desk

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/store"
)

// The alerts screens: the workspace's early warnings (what moved, by how
// much, against what baseline, with example items), each alert's
// deliveries and escalations, and the Acknowledge and Resolve buttons.
//
// Reading takes view. Acknowledging and resolving take moderate: the
// first level of a rota is usually the community team (moderators), and
// their "I'm on it" must stop the escalation; a viewer only reads.
// Switching crisis mode on stays the crisis lead's (crisis_mode): from an
// alert they propose it (the crisis screen then shows the proposal, and
// the crisis, where it came from) and confirm it there.

func init() { pageNames = append(pageNames, "alerts", "alert") }

type alertView struct {
	store.Alert
	// Moved says, per metric, what moved, by how much, against what
	// baseline, in the reader's language.
	Moved []string
}

type alertsPage struct {
	base
	Alerts []alertView
	Open   int
}

type alertPage struct {
	base
	A          alertView
	Deliveries []store.AlertDelivery
	// Crisis is the crisis proposed from this alert, if any.
	Crisis *store.CrisisRecord
}

func viewAlert(l *Lang, a store.Alert) alertView {
	v := alertView{Alert: a}
	for _, m := range a.Metrics {
		where := l.T("alert.all_channels")
		if m.Channel != "" {
			where = m.Channel
		}
		if m.Topic != "" {
			where = l.T("alert.about", where, m.Topic)
		}
		name := l.T("alert.metric." + m.Name)
		var s string
		switch {
		case m.Name == "negative_share":
			s = l.T("alert.moved_share", name, where, 100*m.Observed, m.Window, 100*m.Baseline)
		case m.Baseline > 0:
			s = l.T("alert.moved", name, where, m.Observed, m.Window, m.Baseline, m.Factor)
		default:
			s = l.T("alert.moved_plain", name, where, m.Observed)
		}
		v.Moved = append(v.Moved, s)
	}
	return v
}

// AlertList lists the workspace's alerts, newest first.
func (d *Desk) AlertList(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	as, err := d.st.ListAlerts(r.Context(), v.Workspace, store.AlertFilter{})
	if err != nil {
		d.log.Error("alerts", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	p := alertsPage{base: d.base(r, "alert.title")}
	p.Nav = "alerts"
	for _, a := range as {
		p.Alerts = append(p.Alerts, viewAlert(p.L, a))
		if !a.Resolved() {
			p.Open++
		}
	}
	d.render(w, r, http.StatusOK, "alerts", p)
}

// AlertPage shows one alert with its deliveries.
func (d *Desk) AlertPage(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		d.Error(w, r, http.StatusNotFound, "alert.not_found")
		return
	}
	a, err := d.st.Alert(r.Context(), v.Workspace, id)
	if errors.Is(err, store.ErrNotFound) {
		d.Error(w, r, http.StatusNotFound, "alert.not_found")
		return
	}
	var ds []store.AlertDelivery
	if err == nil {
		ds, err = d.st.AlertDeliveries(r.Context(), v.Workspace, id)
	}
	if err != nil {
		d.log.Error("alert", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	p := alertPage{base: d.base(r, "alert.title"), Deliveries: ds}
	p.A = viewAlert(p.L, a)
	p.Crisis = d.crisisOfAlert(r, v.Workspace, a.ID)
	p.Nav = "alerts"
	switch r.URL.Query().Get("done") {
	case "ack":
		p.Flash = p.L.T("alert.done_ack")
	case "resolve":
		p.Flash = p.L.T("alert.done_resolve")
	}
	d.render(w, r, http.StatusOK, "alert", p)
}

// AlertAct acknowledges (op=ack) or resolves (op=resolve) an alert.
func (d *Desk) AlertAct(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		d.Error(w, r, http.StatusNotFound, "alert.not_found")
		return
	}
	actor := "user:" + strconv.FormatInt(v.User.ID, 10)
	op := r.PostForm.Get("op")
	switch op {
	case "ack":
		_, err = d.st.AcknowledgeAlert(r.Context(), v.Workspace, id, actor, d.now())
	case "resolve":
		_, err = d.st.ResolveAlert(r.Context(), v.Workspace, id, actor, d.now())
	default:
		d.Error(w, r, http.StatusBadRequest, "alert.bad_op")
		return
	}
	switch {
	case errors.Is(err, store.ErrNotFound):
		d.Error(w, r, http.StatusNotFound, "alert.not_found")
		return
	case errors.Is(err, store.ErrConflict):
		d.Error(w, r, http.StatusConflict, "alert.conflict")
		return
	case err != nil:
		d.log.Error("alert act", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	http.Redirect(w, r, "/w/"+v.Workspace+"/alerts/"+strconv.FormatInt(id, 10)+"?done="+op, http.StatusSeeOther)
}

// crisisOfAlert finds the latest crisis proposed from an alert (nil when
// none, or when the list cannot be read: the page still shows the alert).
func (d *Desk) crisisOfAlert(r *http.Request, ws string, alertID int64) *store.CrisisRecord {
	list, err := d.st.ListCrises(r.Context(), ws, 50)
	if err != nil {
		d.log.Warn("alert: crises", "ws", ws, "err", err)
		return nil
	}
	for i := range list {
		if list[i].AlertID == alertID {
			return &list[i]
		}
	}
	return nil
}

// AlertProposeCrisis proposes crisis mode from an alert: the crisis
// service records the proposal (audited as crisis.proposed, citing the
// alert) and the crisis screen shows it to be confirmed or dismissed.
// Proposing again while a proposal from the alert is pending changes
// nothing.
func (d *Desk) AlertProposeCrisis(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		d.Error(w, r, http.StatusNotFound, "alert.not_found")
		return
	}
	a, err := d.st.Alert(r.Context(), v.Workspace, id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		d.Error(w, r, http.StatusNotFound, "alert.not_found")
		return
	case err != nil:
		d.log.Error("alert propose crisis", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	case a.Resolved():
		d.Error(w, r, http.StatusConflict, "alert.conflict")
		return
	}
	if _, err := d.crisisSvc().Propose(r.Context(), v.Workspace, id, auth.UserActor(v.User.ID)); err != nil {
		status, key := crisisErrStatus(err)
		if status == http.StatusInternalServerError {
			d.log.Error("alert propose crisis", "ws", v.Workspace, "err", err)
		}
		d.Error(w, r, status, key)
		return
	}
	http.Redirect(w, r, withFlash("/w/"+v.Workspace+"/crisis", "crisis_proposed")+"#crisis-proposals", http.StatusSeeOther)
}
