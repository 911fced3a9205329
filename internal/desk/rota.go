package desk

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/alert"
	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/store"
)

// The on-call rota screen: who is on call when, level by level (the
// first is notified at once, the next when nobody acknowledged within the
// level's delay), drawn as a week so that a weekend nobody covers shows
// before an alert falls into it (seed 000: the clinic is harassed on a
// Saturday). Reading needs view; editing needs manage_members, since the
// rota decides who gets woken up.
//
// The editor is a plain form: one row per person with a name, when they
// are on call (the rota's window syntax, e.g. "weekdays 08:00-18:00") and
// how to reach them; blanking a name removes the person, filling the
// spare row adds one. The form becomes the same JSON document the alert
// package reads and validates, so what is saved is what the escalator
// will use.

func init() { pageNames = append(pageNames, "rota") }

// Bounds of the form: a small organization's rota is two or three levels
// of a few people; the bounds keep a forged form from growing a huge doc.
const (
	rotaMaxLevels = 6
	rotaMaxPeople = 20
	rotaMaxField  = 300
)

var rotaDays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

type rotaSlot struct {
	From, To string
	People   string
	Gap      bool
}

type rotaDay struct {
	Day   string
	Cells [][]rotaSlot // one per level
}

type rotaLevelView struct {
	N      int
	Name   string
	AckMin int
	People []rotaPersonView
}

type rotaPersonView struct {
	Name, When, Routes string
}

type rotaFormPerson struct {
	N                  int
	Name, When, Routes string
	UserID             int64
}

type rotaFormLevel struct {
	N      int
	Name   string
	AckMin int
	People []rotaFormPerson
}

type rotaPage struct {
	base
	Has       bool
	Timezone  string
	Levels    []rotaLevelView
	Week      []rotaDay
	UpdatedBy string
	UpdatedAt time.Time
	CanEdit   bool
	FormTZ    string
	Form      []rotaFormLevel
}

// rotaDoc mirrors the rota file's JSON (alert.Rota) with plain strings,
// so the form can be written out before the alert package validates it.
type rotaDoc struct {
	Timezone string          `json:"timezone,omitempty"`
	Levels   []rotaLevelJSON `json:"levels"`
}

type rotaLevelJSON struct {
	Name      string           `json:"name"`
	AckWithin string           `json:"ack_within"`
	People    []rotaPersonJSON `json:"people"`
}

type rotaPersonJSON struct {
	Name   string   `json:"name"`
	UserID int64    `json:"user_id,omitempty"`
	When   string   `json:"when"`
	Routes []string `json:"routes"`
}

// Rota shows the workspace's on-call rota, and its editor to those who
// may change it.
func (d *Desk) Rota(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	doc, err := d.st.Rota(r.Context(), v.Workspace)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		d.log.Error("rota", "ws", v.Workspace, "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	p := rotaPage{base: d.base(r, "rota.title"), CanEdit: v.Can(string(auth.PermManageMember))}
	p.Nav = "rota"
	if err == nil {
		rota, perr := alert.ParseRota(doc.Doc)
		if perr != nil {
			// A stored rota the current rules refuse: say so and offer
			// the raw values to fix rather than a blank form.
			d.log.Warn("rota: stored rota no longer valid", "ws", v.Workspace, "err", perr)
			p.Error = p.L.T("rota.err.stored", perr.Error())
		} else {
			p.Has = true
			p.UpdatedBy, p.UpdatedAt = doc.UpdatedBy, doc.UpdatedAt
			d.fillRota(&p, rota)
		}
		var raw rotaDoc
		if json.Unmarshal(doc.Doc, &raw) == nil {
			p.FormTZ, p.Form = raw.Timezone, formOf(raw)
		}
	}
	if p.Form == nil {
		p.Form = formOf(rotaDoc{})
	}
	d.render(w, r, http.StatusOK, "rota", p)
}

// RotaSave replaces the rota with the form's.
func (d *Desk) RotaSave(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	raw, ferr := rotaFromForm(r)
	var doc []byte
	var err error
	if ferr == nil {
		doc, err = json.MarshalIndent(raw, "", "  ")
		if err == nil {
			_, err = alert.ParseRota(doc)
		}
	}
	if ferr != nil || err != nil {
		p := rotaPage{base: d.base(r, "rota.title"), CanEdit: true, FormTZ: raw.Timezone, Form: formOf(raw)}
		p.Nav = "rota"
		msg := ferr
		if msg == nil {
			msg = err
		}
		p.Error = p.L.T("rota.err.invalid", strings.TrimPrefix(msg.Error(), "rota:\n"))
		if cur, cerr := d.st.Rota(r.Context(), v.Workspace); cerr == nil {
			if rota, perr := alert.ParseRota(cur.Doc); perr == nil {
				p.Has, p.UpdatedBy, p.UpdatedAt = true, cur.UpdatedBy, cur.UpdatedAt
				d.fillRota(&p, rota)
			}
		}
		d.render(w, r, http.StatusBadRequest, "rota", p)
		return
	}
	if err := d.st.SetRota(r.Context(), v.Workspace, doc, auth.UserActor(v.User.ID)); err != nil {
		d.log.Error("rota save", "ws", v.Workspace, "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	http.Redirect(w, r, withFlash("/w/"+v.Workspace+"/rota", "rota_saved"), http.StatusSeeOther)
}

// fillRota lays the parsed rota out for reading: levels with their people
// and the week, day by day, one cell per level.
func (d *Desk) fillRota(p *rotaPage, rota *alert.Rota) {
	p.Timezone = rota.Location().String()
	weeks := make([][]alert.Slot, len(rota.Levels))
	for i, l := range rota.Levels {
		lv := rotaLevelView{N: i + 1, Name: l.Name, AckMin: int(time.Duration(l.AckWithin) / time.Minute)}
		for _, person := range l.People {
			routes := make([]string, len(person.Routes))
			for k, rt := range person.Routes {
				routes[k] = rt.String()
			}
			lv.People = append(lv.People, rotaPersonView{Name: person.Name, When: person.When.String(), Routes: strings.Join(routes, ", ")})
		}
		p.Levels = append(p.Levels, lv)
		weeks[i] = rota.Week(i)
	}
	for _, day := range rotaDays {
		rd := rotaDay{Day: p.L.T("rota.day." + strings.ToLower(day.String()[:3]))}
		for _, week := range weeks {
			var cell []rotaSlot
			for _, s := range week {
				if s.Day != day {
					continue
				}
				cell = append(cell, rotaSlot{From: alert.Clock(s.From), To: alert.Clock(s.To), People: strings.Join(s.People, ", "), Gap: len(s.People) == 0})
			}
			rd.Cells = append(rd.Cells, cell)
		}
		p.Week = append(p.Week, rd)
	}
}

// formOf makes the editor's rows from a rota document, with a spare row
// per level and a spare level; a rota not yet written starts with an
// empty primary and backup level.
func formOf(doc rotaDoc) []rotaFormLevel {
	var out []rotaFormLevel
	levels := doc.Levels
	if len(levels) == 0 {
		levels = []rotaLevelJSON{{}, {}}
	}
	for i, l := range levels {
		if i >= rotaMaxLevels {
			break
		}
		fl := rotaFormLevel{N: i, Name: l.Name, AckMin: ackMinutes(l.AckWithin)}
		for j, person := range l.People {
			if j >= rotaMaxPeople-1 {
				break
			}
			fl.People = append(fl.People, rotaFormPerson{N: j, Name: person.Name, When: person.When, Routes: strings.Join(person.Routes, ", "), UserID: person.UserID})
		}
		fl.People = append(fl.People, rotaFormPerson{N: len(fl.People), When: "always"})
		out = append(out, fl)
	}
	if len(out) < rotaMaxLevels && len(doc.Levels) > 0 {
		out = append(out, rotaFormLevel{N: len(out), AckMin: 15, People: []rotaFormPerson{{N: 0, When: "always"}}})
	}
	return out
}

func ackMinutes(s string) int {
	if d, err := time.ParseDuration(s); err == nil && d >= time.Minute {
		return int(d / time.Minute)
	}
	return int(alert.DefaultAckWithin / time.Minute)
}

// rotaFromForm reads the editor's fields. A person without a name is a
// removed or spare row; a level without a name or anyone on it is the
// spare level. It returns what it read even on error, to show it again.
func rotaFromForm(r *http.Request) (rotaDoc, error) {
	f := r.PostForm
	field := func(name string) (string, error) {
		s := strings.TrimSpace(f.Get(name))
		if utf8.RuneCountInString(s) > rotaMaxField || !utf8.ValidString(s) {
			return s, fmt.Errorf("%s: at most %d characters", name, rotaMaxField)
		}
		return s, nil
	}
	var errs []error
	doc := rotaDoc{}
	var err error
	if doc.Timezone, err = field("timezone"); err != nil {
		errs = append(errs, err)
	}
	for i := range rotaMaxLevels {
		pre := fmt.Sprintf("l%d_", i)
		name, err := field(pre + "name")
		if err != nil {
			errs = append(errs, err)
		}
		ack := 0
		if s := strings.TrimSpace(f.Get(pre + "ack")); s != "" {
			if ack, err = strconv.Atoi(s); err != nil || ack < 1 || ack > 7*24*60 {
				errs = append(errs, fmt.Errorf("level %d: the escalation delay %q must be a number of minutes between 1 and 10080", i+1, s))
				ack = int(alert.DefaultAckWithin / time.Minute)
			}
		}
		l := rotaLevelJSON{Name: name}
		if ack > 0 {
			l.AckWithin = fmt.Sprintf("%dm", ack)
		}
		for j := range rotaMaxPeople {
			pp := fmt.Sprintf("%sp%d_", pre, j)
			pn, err1 := field(pp + "name")
			when, err2 := field(pp + "when")
			routes, err3 := field(pp + "routes")
			if err := errors.Join(err1, err2, err3); err != nil {
				errs = append(errs, err)
			}
			if pn == "" {
				continue
			}
			person := rotaPersonJSON{Name: pn, When: when, Routes: splitRoutes(routes)}
			if u := f.Get(pp + "user"); u != "" {
				person.UserID, _ = strconv.ParseInt(u, 10, 64)
			}
			l.People = append(l.People, person)
		}
		if name == "" && len(l.People) == 0 {
			continue
		}
		if l.People == nil {
			l.People = []rotaPersonJSON{}
		}
		doc.Levels = append(doc.Levels, l)
	}
	if doc.Levels == nil {
		doc.Levels = []rotaLevelJSON{}
	}
	return doc, errors.Join(errs...)
}

// splitRoutes reads "email:ana@example.org, slack" (commas, spaces or
// new lines between routes).
func splitRoutes(s string) []string {
	out := []string{}
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' || r == '\r' || r == '\t' }) {
		out = append(out, f)
	}
	return out
}
