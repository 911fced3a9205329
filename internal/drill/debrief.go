package drill

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/stormwatch/stormwatch/internal/audit"
	"github.com/stormwatch/stormwatch/internal/store"
)

// Debrief is a drill's report: what happened when, how the team measured
// against the scenario's expectations, and each participant's actions.
// It is stored as JSON when the drill ends; the desk renders it in the
// reader's language from the codes in Findings.
type Debrief struct {
	Scenario  string        `json:"scenario"`
	Speed     float64       `json:"speed"`
	StartedAt time.Time     `json:"started_at"`
	At        time.Time     `json:"at"`      // when it was measured
	Elapsed   time.Duration `json:"elapsed"` // scenario time covered
	Items     int           `json:"items"`   // traffic replayed so far
	// Judged items were decided (by the policy or a person); Matched ones
	// ended as the scenario expects (removed or kept).
	Judged       int        `json:"judged"`
	Matched      int        `json:"matched"`
	HarmLeft     int        `json:"harm_left"`     // should have come down, still up
	LegitRemoved int        `json:"legit_removed"` // complaints, questions... taken down
	ByKind       []KindStat `json:"by_kind"`
	Ack          Measure    `json:"ack"`
	Reply        Measure    `json:"reply"`
	Crisis       Measure    `json:"crisis"`
	Timeline     []Entry    `json:"timeline"`
	People       []Person   `json:"people"`
	Findings     []Finding  `json:"findings"`
}

// MatchedShare is Matched over Judged (0 when nothing was judged).
func (d *Debrief) MatchedShare() float64 {
	if d.Judged == 0 {
		return 0
	}
	return float64(d.Matched) / float64(d.Judged)
}

// Measure is one timed expectation.
type Measure struct {
	Expected bool          `json:"expected"`
	From     time.Duration `json:"from"`   // scenario time the clock starts (the first inject, for acknowledging)
	Within   time.Duration `json:"within"` // scenario time allowed after From
	Done     bool          `json:"done"`
	After    time.Duration `json:"after"` // scenario time taken
	By       string        `json:"by,omitempty"`
	OnTime   bool          `json:"on_time"`
}

// KindStat counts one kind of traffic.
type KindStat struct {
	Kind    string      `json:"kind"`
	Expect  Disposition `json:"expect"`
	Total   int         `json:"total"`
	Matched int         `json:"matched"`
}

// Entry is one line of the debrief's timeline.
type Entry struct {
	Offset time.Duration `json:"offset"`
	Kind   string        `json:"kind"` // inject, or an audit kind (desk.hide, reply.approved...)
	Text   string        `json:"text,omitempty"`
	Actor  string        `json:"actor,omitempty"` // a participant's name
}

// Person is one participant's part.
type Person struct {
	UserID  int64         `json:"user_id"`
	Name    string        `json:"name"`
	Role    string        `json:"role"`
	Total   int           `json:"total"`
	First   time.Duration `json:"first"` // scenario time of the first action
	Actions []Count       `json:"actions"`
}

// Count is a number of actions of one kind.
type Count struct {
	Kind string `json:"kind"`
	N    int    `json:"n"`
}

// Finding is one thing that went well (Good) or is to improve, as a code
// the desk words, with its numbers.
type Finding struct {
	Good bool   `json:"good"`
	Code string `json:"code"`
	Args []int  `json:"args,omitempty"`
}

// FindingCodes lists every code Debrief may produce (the desk's catalogs
// word each).
var FindingCodes = []string{"ack_on_time", "ack_late", "ack_missing", "reply_on_time", "reply_late", "reply_missing",
	"crisis_on_time", "crisis_late", "crisis_missing", "crisis_not_needed", "crisis_kept_calm", "match_high", "match_low",
	"harm_left", "no_harm_left", "legit_removed", "legit_kept", "doxxing_removed", "doxxing_left", "people_inactive"}

// humanKinds are the audit kinds that are a participant's action.
func humanKind(k string) bool {
	for _, p := range []string{"desk.", "reply.", "crisis.", "case.", "alert.acknowledged", "alert.resolved"} {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// maxTimeline bounds the timeline kept in the debrief.
const maxTimeline = 400

// Debrief measures a drill at t from the sandbox's items, crises and
// whole audit: each participant's actions and the timeline included.
func (s *Service) Debrief(ctx context.Context, run store.DrillRun, t time.Time) (*Debrief, error) {
	return s.measure(ctx, run, t, true)
}

// Live measures a running drill cheaply, for the live view that polls it:
// acknowledgement from the sandbox's alerts and replies from its drafts,
// without walking the audit chain (which grows with every workspace), so
// claims and the per-participant actions wait for the debrief.
func (s *Service) Live(ctx context.Context, run store.DrillRun, t time.Time) (*Debrief, error) {
	return s.measure(ctx, run, t, false)
}

func (s *Service) measure(ctx context.Context, run store.DrillRun, t time.Time, full bool) (*Debrief, error) {
	sc, ok := ByID(run.Scenario)
	if !ok {
		return nil, fmt.Errorf("drill %d: %w %q", run.ID, ErrUnknownScenario, run.Scenario)
	}
	evs, err := s.Traffic(run)
	if err != nil {
		return nil, err
	}
	d := &Debrief{Scenario: run.Scenario, Speed: run.Speed, StartedAt: run.StartedAt, At: t, Elapsed: min(Elapsed(run, t), sc.Duration)}
	d.Items = min(run.Cursor, len(evs))

	// How each item ended, against what the scenario expects of it.
	byID := map[string]Event{}
	for _, e := range evs {
		byID[e.Item.PlatformID] = e
	}
	kindIdx := map[string]int{}
	var before int64
	for {
		page, err := s.Store.Queue(ctx, run.Sandbox, store.QueueFilter{BeforeID: before, Limit: 1000}, t)
		if err != nil {
			return nil, fmt.Errorf("drill %d debrief: %w", run.ID, err)
		}
		for _, qi := range page {
			e, ok := byID[qi.Item.PlatformID]
			if !ok || qi.Status == store.StatusPending {
				continue
			}
			removed := qi.Status == store.StatusHidden || qi.Status == store.StatusDeleted
			match := removed == (e.Expect == Remove)
			d.Judged++
			if match {
				d.Matched++
			} else if e.Expect == Remove {
				d.HarmLeft++
			} else {
				d.LegitRemoved++
			}
			i, ok := kindIdx[e.Kind]
			if !ok {
				i = len(d.ByKind)
				kindIdx[e.Kind] = i
				d.ByKind = append(d.ByKind, KindStat{Kind: e.Kind, Expect: e.Expect})
			}
			d.ByKind[i].Total++
			if match {
				d.ByKind[i].Matched++
			}
		}
		if len(page) < 1000 {
			break
		}
		before = page[len(page)-1].Item.ID
	}
	sort.Slice(d.ByKind, func(i, j int) bool {
		if d.ByKind[i].Expect != d.ByKind[j].Expect {
			return d.ByKind[i].Expect == Remove
		}
		return d.ByKind[i].Kind < d.ByKind[j].Kind
	})

	// The team's actions, from the sandbox's audit.
	people := map[int64]*Person{}
	var order []int64
	for _, p := range run.Participants {
		people[p.UserID] = &Person{UserID: p.UserID, Name: p.Name, Role: p.Role, First: -1}
		order = append(order, p.UserID)
	}
	name := func(id int64) string {
		if p, ok := people[id]; ok {
			return p.Name
		}
		return "user:" + strconv.FormatInt(id, 10)
	}
	d.Ack = Measure{Expected: sc.Expect.AckWithin > 0, Within: sc.Expect.AckWithin}
	if len(sc.Injects) > 0 {
		d.Ack.From = sc.Injects[0].At // nobody can acknowledge a warning before it comes
	}
	d.Reply = Measure{Expected: sc.Expect.ReplyWithin > 0, Within: sc.Expect.ReplyWithin}
	d.Crisis = Measure{Expected: sc.Expect.Crisis, Within: sc.Expect.CrisisBy}
	mark := func(m *Measure, off time.Duration, by string) {
		if !m.Done || off < m.After {
			m.Done, m.After, m.By = true, off, by
		}
	}
	if !full {
		if err := s.lightMeasures(ctx, run, t, d, name); err != nil {
			return nil, err
		}
	} else if err := s.Store.WalkAudit(ctx, func(e audit.Event) error {
		if e.Workspace != run.Sandbox || !humanKind(e.Kind) || e.At.After(t) {
			return nil
		}
		id, ok := userOf(e.Actor)
		if !ok {
			return nil
		}
		off := Elapsed(run, e.At)
		p, ok := people[id]
		if !ok {
			p = &Person{UserID: id, Name: name(id), First: -1}
			people[id] = p
			order = append(order, id)
		}
		p.Total++
		if p.First < 0 || off < p.First {
			p.First = off
		}
		found := false
		for i := range p.Actions {
			if p.Actions[i].Kind == e.Kind {
				p.Actions[i].N++
				found = true
			}
		}
		if !found {
			p.Actions = append(p.Actions, Count{Kind: e.Kind, N: 1})
		}
		switch e.Kind {
		case "alert.acknowledged", "alert.resolved", "desk.claim":
			mark(&d.Ack, off, p.Name)
		case "reply.approved", "reply.sent":
			mark(&d.Reply, off, p.Name)
		}
		if len(d.Timeline) < maxTimeline && e.Kind != "desk.release" {
			d.Timeline = append(d.Timeline, Entry{Offset: off, Kind: e.Kind, Actor: p.Name})
		}
		return nil
	}); err != nil {
		return nil, fmt.Errorf("drill %d debrief: %w", run.ID, err)
	}
	crises, err := s.Store.ListCrises(ctx, run.Sandbox, 0)
	if err != nil {
		return nil, fmt.Errorf("drill %d debrief: %w", run.ID, err)
	}
	for _, c := range crises {
		if !c.StartedAt.IsZero() && !c.StartedAt.After(t) {
			by := c.StartedBy
			if id, ok := userOf(by); ok {
				by = name(id)
			}
			mark(&d.Crisis, Elapsed(run, c.StartedAt), by)
		}
	}
	injects, err := s.Store.DrillEvents(ctx, run.Workspace, run.ID)
	if err != nil {
		return nil, fmt.Errorf("drill %d debrief: %w", run.ID, err)
	}
	for _, e := range injects {
		d.Timeline = append(d.Timeline, Entry{Offset: e.Offset, Kind: e.Kind, Text: e.Text})
	}
	sort.SliceStable(d.Timeline, func(i, j int) bool { return d.Timeline[i].Offset < d.Timeline[j].Offset })
	for _, id := range order {
		p := people[id]
		sort.Slice(p.Actions, func(i, j int) bool { return p.Actions[i].Kind < p.Actions[j].Kind })
		d.People = append(d.People, *p)
	}
	for _, m := range []*Measure{&d.Ack, &d.Reply, &d.Crisis} {
		m.OnTime = m.Done && (m.Within == 0 || m.After-m.From <= m.Within)
	}
	d.Findings = findings(d)
	return d, nil
}

// lightMeasures fills the acknowledgement and reply measures from the
// sandbox's alerts and drafts.
func (s *Service) lightMeasures(ctx context.Context, run store.DrillRun, t time.Time, d *Debrief, name func(int64) string) error {
	who := func(actor string) string {
		if id, ok := userOf(actor); ok {
			return name(id)
		}
		return actor
	}
	mark := func(m *Measure, at time.Time, by string) {
		if at.IsZero() || at.After(t) {
			return
		}
		if off := Elapsed(run, at); !m.Done || off < m.After {
			m.Done, m.After, m.By = true, off, who(by)
		}
	}
	alerts, err := s.Store.ListAlerts(ctx, run.Sandbox, store.AlertFilter{Limit: 1000})
	if err != nil {
		return fmt.Errorf("drill %d live: %w", run.ID, err)
	}
	for _, a := range alerts {
		mark(&d.Ack, a.AckedAt, a.AckedBy)
	}
	drafts, err := s.Store.Drafts(ctx, run.Sandbox, store.DraftFilter{Limit: 1000})
	if err != nil {
		return fmt.Errorf("drill %d live: %w", run.ID, err)
	}
	for _, dr := range drafts {
		if dr.Status != store.DraftApproved && dr.Status != store.DraftSent {
			continue
		}
		at, by := dr.DecidedAt, dr.DecidedBy
		if at.IsZero() {
			at, by = dr.CreatedAt, dr.CreatedBy // a template sent as it was approved
		}
		mark(&d.Reply, at, by)
	}
	return nil
}

func userOf(actor string) (int64, bool) {
	s, ok := strings.CutPrefix(actor, "user:")
	if !ok {
		return 0, false
	}
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil
}

func minutes(d time.Duration) int { return int((d + 30*time.Second) / time.Minute) }

// lateMinutes rounds up, so that a late measure never reads as the time
// allowed ("15 min after, 15 allowed").
func lateMinutes(d time.Duration) int { return int((d + time.Minute - 1) / time.Minute) }

// findings turns the measures into what went well and what to improve.
func findings(d *Debrief) []Finding {
	var out []Finding
	timed := func(m Measure, prefix string) {
		if !m.Expected {
			return
		}
		switch {
		case m.OnTime:
			out = append(out, Finding{true, prefix + "_on_time", []int{minutes(max(m.After-m.From, 0)), minutes(m.Within)}})
		case m.Done:
			out = append(out, Finding{false, prefix + "_late", []int{lateMinutes(m.After - m.From), minutes(m.Within)}})
		default:
			out = append(out, Finding{false, prefix + "_missing", []int{minutes(m.Within)}})
		}
	}
	timed(d.Ack, "ack")
	timed(d.Reply, "reply")
	if d.Crisis.Expected {
		timed(d.Crisis, "crisis")
	} else if d.Crisis.Done {
		out = append(out, Finding{false, "crisis_not_needed", nil})
	} else {
		out = append(out, Finding{true, "crisis_kept_calm", nil})
	}
	if d.Judged > 0 {
		pct := (d.Matched*100 + d.Judged/2) / d.Judged // rounded, as the desk shows the share
		if pct >= 90 {
			out = append(out, Finding{true, "match_high", []int{pct, d.Matched, d.Judged}})
		} else {
			out = append(out, Finding{false, "match_low", []int{pct, d.Matched, d.Judged}})
		}
	}
	removeTotal, keepTotal := 0, 0
	var dox *KindStat
	for i, k := range d.ByKind {
		if k.Expect == Remove {
			removeTotal += k.Total
		} else {
			keepTotal += k.Total
		}
		if k.Kind == "doxxing" {
			dox = &d.ByKind[i]
		}
	}
	switch {
	case d.HarmLeft > 0:
		out = append(out, Finding{false, "harm_left", []int{d.HarmLeft}})
	case removeTotal > 0:
		out = append(out, Finding{true, "no_harm_left", nil})
	}
	switch {
	case d.LegitRemoved > 0:
		out = append(out, Finding{false, "legit_removed", []int{d.LegitRemoved}})
	case keepTotal > 0:
		out = append(out, Finding{true, "legit_kept", nil})
	}
	if dox != nil {
		if dox.Matched == dox.Total {
			out = append(out, Finding{true, "doxxing_removed", []int{dox.Total}})
		} else {
			out = append(out, Finding{false, "doxxing_left", []int{dox.Total - dox.Matched}})
		}
	}
	idle := 0
	for _, p := range d.People {
		if p.Total == 0 {
			idle++
		}
	}
	if idle > 0 {
		out = append(out, Finding{false, "people_inactive", []int{idle}})
	}
	return out
}
