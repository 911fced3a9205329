package desk

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/stormwatch/stormwatch/internal/drill"
	"github.com/stormwatch/stormwatch/internal/store"
)

// The drill screens: the scenario library, starting a drill with the
// members who take part, the live view (scenario clock, injects as they
// come, links into the drill's sandbox workspace where the team works with
// its normal roles), ending it, and the debrief, also as a printable HTML
// file.
//
// Reading takes view; starting and ending take crisis_mode: calling a
// drill is the crisis lead's, as calling crisis mode is. Nothing a drill
// does reaches a real channel: it runs in a sandbox workspace.

func init() {
	pageNames = append(pageNames, "drills", "drill", "debrief")
	// mins words a scenario duration in whole minutes.
	funcs["mins"] = minutesOf
}

// UseDrills gives the desk the drill service (the app calls it once,
// before serving; a desk without one says drills are unavailable).
func (d *Desk) UseDrills(s *drill.Service) { d.drills = s }

type scenarioCard struct {
	ID, Seed, Title, Briefing string
	Minutes, Injects          int
	AckMin, ReplyMin          int
	Crisis                    bool
	CrisisMin                 int
	Lang                      string
}

func cardOf(sc *drill.Scenario, lang string) scenarioCard {
	return scenarioCard{ID: sc.ID, Seed: sc.Seed, Title: sc.Title.In(lang), Briefing: sc.Briefing.In(lang),
		Minutes: int(sc.Duration / time.Minute), Injects: len(sc.Injects), AckMin: int(sc.Expect.AckWithin / time.Minute),
		ReplyMin: int(sc.Expect.ReplyWithin / time.Minute), Crisis: sc.Expect.Crisis, CrisisMin: int(sc.Expect.CrisisBy / time.Minute), Lang: sc.Lang}
}

type runRow struct {
	ID                 int64
	Title, Status      string
	StartedAt, EndedAt time.Time
	Sandbox            string
	Participants       int
}

type drillsPage struct {
	base
	Scenarios []scenarioCard
	Members   []store.Member
	CanStart  bool
	Runs      []runRow
	Speed     int
	Chosen    string
	Available bool
}

type injectRow struct {
	Min      int
	Title    string
	Severity string
}

type findingRow struct {
	Good bool
	Text string
}

type drillPage struct {
	base
	Run           store.DrillRun
	Sc            scenarioCard
	ElapsedMin    int
	Finished      bool
	Injects       []injectRow
	D             *drill.Debrief
	MatchPct      int
	CanEnd        bool
	IsParticipant bool
}

type tlRow struct {
	At     string
	Text   string
	Actor  string
	Inject bool
}

type personRow struct {
	Name, Role string
	Total      int
	First      string
	Actions    []string
}

type debriefPage struct {
	base
	Run      store.DrillRun
	Sc       scenarioCard
	D        *drill.Debrief
	MatchPct int
	Good     []string
	Improve  []string
	Timeline []tlRow
	People   []personRow
	ByKind   []kindRow
}

type kindRow struct {
	Kind, Expect   string
	Total, Matched int
}

func (d *Desk) drillsUnavailable(w http.ResponseWriter, r *http.Request) bool {
	if d.drills == nil {
		d.Error(w, r, http.StatusNotFound, "drill.unavailable")
		return true
	}
	return false
}

// DrillList shows the scenario library, the start form and past drills.
func (d *Desk) DrillList(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	p := drillsPage{base: d.base(r, "drill.title"), CanStart: v.Can("crisis_mode"), Speed: drill.DefaultSpeed, Available: d.drills != nil}
	p.Nav = "drills"
	p.Chosen = r.URL.Query().Get("scenario")
	for _, sc := range drill.Library() {
		p.Scenarios = append(p.Scenarios, cardOf(sc, p.L.Code))
	}
	if p.Chosen == "" && len(p.Scenarios) > 0 {
		p.Chosen = p.Scenarios[0].ID
	}
	ws, err := d.st.Workspace(r.Context(), v.Workspace)
	if err == nil && ws.Sandbox {
		p.CanStart = false // a drill of a drill is not one
	}
	var runs []store.DrillRun
	if err == nil {
		runs, err = d.st.ListDrills(r.Context(), v.Workspace, 50)
	}
	if err == nil && p.CanStart {
		p.Members, err = d.st.Members(r.Context(), v.Workspace)
		p.Members = slices.DeleteFunc(p.Members, func(m store.Member) bool { return m.User.Disabled() })
	}
	if err != nil {
		d.log.Error("drills", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	for _, run := range runs {
		title := run.Title
		if sc, ok := drill.ByID(run.Scenario); ok {
			title = sc.Title.In(p.L.Code)
		}
		p.Runs = append(p.Runs, runRow{ID: run.ID, Title: title, Status: run.Status, StartedAt: run.StartedAt, EndedAt: run.EndedAt, Sandbox: run.Sandbox, Participants: len(run.Participants)})
	}
	d.render(w, r, http.StatusOK, "drills", p)
}

// parseStart reads the start form: a scenario of the library, the
// participants' user ids ("p", repeated) and the speed (scenario minutes
// per real minute, 1 to drill.MaxSpeed).
func parseStart(form url.Values) (drill.StartInput, error) {
	var in drill.StartInput
	in.Scenario = strings.TrimSpace(form.Get("scenario"))
	if _, ok := drill.ByID(in.Scenario); !ok {
		return in, drill.ErrUnknownScenario
	}
	ps := form["p"]
	if len(ps) > 200 {
		return in, errors.New("too many participants")
	}
	for _, s := range ps {
		id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil || id <= 0 {
			return in, fmt.Errorf("participant %q: not a user id", s)
		}
		if !slices.Contains(in.Participants, id) {
			in.Participants = append(in.Participants, id)
		}
	}
	in.Speed = drill.DefaultSpeed
	if s := strings.TrimSpace(form.Get("speed")); s != "" {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(f) || f < 1 || f > drill.MaxSpeed {
			return in, drill.ErrBadSpeed
		}
		in.Speed = f
	}
	return in, nil
}

// DrillStart starts a drill and opens its live view.
func (d *Desk) DrillStart(w http.ResponseWriter, r *http.Request) {
	if d.drillsUnavailable(w, r) {
		return
	}
	v := ViewerFrom(r.Context())
	in, err := parseStart(r.PostForm)
	if err != nil {
		d.Error(w, r, http.StatusBadRequest, "drill.bad_start")
		return
	}
	in.Workspace, in.StarterID = v.Workspace, v.User.ID
	run, err := d.drills.Start(r.Context(), in)
	switch {
	case errors.Is(err, drill.ErrNotMember):
		d.Error(w, r, http.StatusBadRequest, "drill.not_member")
		return
	case errors.Is(err, drill.ErrSandbox):
		d.Error(w, r, http.StatusConflict, "drill.in_sandbox")
		return
	case err != nil:
		d.log.Error("drill start", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/w/%s/drills/%d?flash=drill_started", v.Workspace, run.ID), http.StatusSeeOther)
}

func (d *Desk) drillOf(w http.ResponseWriter, r *http.Request) (store.DrillRun, *drill.Scenario, bool) {
	v := ViewerFrom(r.Context())
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		d.Error(w, r, http.StatusNotFound, "drill.not_found")
		return store.DrillRun{}, nil, false
	}
	run, err := d.st.Drill(r.Context(), v.Workspace, id)
	if errors.Is(err, store.ErrNotFound) {
		d.Error(w, r, http.StatusNotFound, "drill.not_found")
		return run, nil, false
	}
	if err != nil {
		d.log.Error("drill", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return run, nil, false
	}
	sc, ok := drill.ByID(run.Scenario)
	if !ok {
		d.Error(w, r, http.StatusNotFound, "drill.not_found")
		return run, nil, false
	}
	return run, sc, true
}

func minutesOf(t time.Duration) int { return int((t + 30*time.Second) / time.Minute) }

// DrillPage is the live view; ?part=live renders only the live panel,
// which the page polls.
func (d *Desk) DrillPage(w http.ResponseWriter, r *http.Request) {
	if d.drillsUnavailable(w, r) {
		return
	}
	run, sc, ok := d.drillOf(w, r)
	if !ok {
		return
	}
	v := ViewerFrom(r.Context())
	p := drillPage{base: d.base(r, "drill.title"), Run: run, CanEnd: v.Can("crisis_mode") && run.Running()}
	p.Nav = "drills"
	lang := p.L.Code
	p.Sc = cardOf(sc, lang)
	p.Title = p.Sc.Title
	p.IsParticipant = slices.ContainsFunc(run.Participants, func(pt store.DrillParticipant) bool { return pt.UserID == v.User.ID })
	at := d.now()
	if !run.Running() {
		at = run.EndedAt
	}
	el := min(drill.Elapsed(run, at), sc.Duration)
	p.ElapsedMin, p.Finished = minutesOf(el), el >= sc.Duration
	evs, err := d.st.DrillEvents(r.Context(), v.Workspace, run.ID)
	if err == nil {
		p.D, err = d.drills.LiveOf(r.Context(), run)
	}
	if err != nil {
		d.log.Error("drill page", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	p.MatchPct = int(p.D.MatchedShare()*100 + 0.5)
	for i := len(evs) - 1; i >= 0; i-- {
		e := evs[i]
		if e.Kind != store.DrillEventInject {
			continue
		}
		row := injectRow{Min: minutesOf(e.Offset), Title: e.Text}
		for _, inj := range sc.Injects {
			if inj.ID == e.Ref {
				row.Title, row.Severity = inj.Title.In(lang), inj.Severity
			}
		}
		p.Injects = append(p.Injects, row)
	}
	name := "layout"
	if r.URL.Query().Get("part") == "live" {
		name = "live"
	}
	d.renderTemplate(w, r, http.StatusOK, "drill", name, p)
}

// DrillEnd ends a drill and shows its debrief.
func (d *Desk) DrillEnd(w http.ResponseWriter, r *http.Request) {
	if d.drillsUnavailable(w, r) {
		return
	}
	run, _, ok := d.drillOf(w, r)
	if !ok {
		return
	}
	v := ViewerFrom(r.Context())
	_, err := d.drills.End(r.Context(), v.Workspace, run.ID, v.User.ID)
	switch {
	case errors.Is(err, store.ErrConflict):
		d.Error(w, r, http.StatusConflict, "drill.ended_already")
		return
	case err != nil:
		d.log.Error("drill end", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/w/%s/drills/%d/debrief?flash=drill_ended", v.Workspace, run.ID), http.StatusSeeOther)
}

// actText words an audit kind of the timeline ("desk.hide": hid an item).
func actText(l *Lang, kind string) string {
	key := "drill.act." + kind
	if s := l.T(key); s != key {
		return s
	}
	return kind
}

func clock(off time.Duration) string {
	m := int(off / time.Minute)
	return fmt.Sprintf("%d:%02d", m/60, m%60)
}

// DrillDebrief shows the debrief; ?download=1 sends it as a standalone,
// printable HTML file.
func (d *Desk) DrillDebrief(w http.ResponseWriter, r *http.Request) {
	if d.drillsUnavailable(w, r) {
		return
	}
	run, sc, ok := d.drillOf(w, r)
	if !ok {
		return
	}
	deb, err := d.drills.DebriefOf(r.Context(), run)
	if err != nil {
		d.log.Error("drill debrief", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	p := debriefPage{base: d.base(r, "drill.debrief"), Run: run, D: deb, MatchPct: int(deb.MatchedShare()*100 + 0.5)}
	p.Nav = "drills"
	l := p.L
	p.Sc = cardOf(sc, l.Code)
	p.Title = l.T("drill.debrief") + " · " + p.Sc.Title
	for _, f := range deb.Findings {
		args := make([]any, len(f.Args))
		for i, a := range f.Args {
			args[i] = a
		}
		s := l.T("drill.f."+f.Code, args...)
		if f.Good {
			p.Good = append(p.Good, s)
		} else {
			p.Improve = append(p.Improve, s)
		}
	}
	injects := map[string]string{}
	for _, inj := range sc.Injects {
		injects[inj.Title.In(run.Lang)] = inj.Title.In(l.Code)
	}
	for _, e := range deb.Timeline {
		row := tlRow{At: clock(e.Offset), Actor: e.Actor}
		if e.Kind == store.DrillEventInject {
			row.Inject, row.Text = true, e.Text
			if t, ok := injects[e.Text]; ok {
				row.Text = t
			}
		} else {
			row.Text = actText(l, e.Kind)
		}
		p.Timeline = append(p.Timeline, row)
	}
	for _, pe := range deb.People {
		pr := personRow{Name: pe.Name, Total: pe.Total, First: "—"}
		if pe.Role != "" {
			pr.Role = l.T("role." + pe.Role)
		}
		if pe.First >= 0 && pe.Total > 0 {
			pr.First = clock(pe.First)
		}
		for _, a := range pe.Actions {
			pr.Actions = append(pr.Actions, fmt.Sprintf("%s × %d", actText(l, a.Kind), a.N))
		}
		p.People = append(p.People, pr)
	}
	for _, k := range deb.ByKind {
		p.ByKind = append(p.ByKind, kindRow{Kind: k.Kind, Expect: string(k.Expect), Total: k.Total, Matched: k.Matched})
	}
	if r.URL.Query().Get("download") == "1" {
		t := d.pages["debrief"]
		var buf bytes.Buffer
		if err := t.ExecuteTemplate(&buf, "report", p); err != nil {
			d.log.Error("drill report", "err", err)
			d.Error(w, r, http.StatusInternalServerError, "error.internal")
			return
		}
		sendDownload(w, "text/html; charset=utf-8", fmt.Sprintf("drill-%d-debrief-%s.html", run.ID, d.now().UTC().Format("20060102")), buf.Bytes())
		return
	}
	d.render(w, r, http.StatusOK, "debrief", p)
}
