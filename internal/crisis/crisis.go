// Package crisis is crisis mode: each workspace's crisis plan (who says
// what, to whom, when, through which channel, with what effect; who is in
// the crisis group and who has the mandate to decide and escalate), the
// holding statements, the stricter policy profile the pipeline runs while
// a crisis is on, and the crisis itself: proposed by an alert or started
// by a lead, status updates due every N minutes, a timeline, the end and
// a post-incident review.
//
// Storage is package store's: Service validates, then calls the store,
// which writes each step and its audit event in one transaction (starting
// a crisis opens its case in that same transaction).
package crisis

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/stormwatch/stormwatch/internal/policy"
	"github.com/stormwatch/stormwatch/internal/store"
)

// ErrInvalid marks bad input (HTTP 400); errors wrap it with the detail.
var ErrInvalid = errors.New("invalid")

//go:embed profile.yaml
var defaultProfile []byte

// DefaultProfileYAML is the built-in crisis profile: hold every comment
// for review; threats, doxxing and hate are still hidden at once.
func DefaultProfileYAML() []byte { return slices.Clone(defaultProfile) }

// Roles a person can hold in the crisis group (from seed 002: the crisis
// lead has the mandate to decide and escalate; customer service and the
// community team are closest to the public).
var Roles = []string{"crisis_lead", "spokesperson", "approver", "customer_service", "community"}

// Timings of a message: said first (proactive), or in answer (reactive).
var Timings = []string{"proactive", "reactive"}

// Languages holding statements may be written in.
var Languages = []string{"en", "fr", "nl", "sv", "nb", "de"}

// Limits.
const (
	MaxText           = 5000
	MaxPlanBytes      = 256 << 10
	DefaultUpdateMins = 60
	MaxUpdateMins     = 24 * 60
)

// Person is one member of the crisis group.
type Person struct {
	Name    string `yaml:"name" json:"name"`
	Role    string `yaml:"role" json:"role"`
	Contact string `yaml:"contact,omitempty" json:"contact,omitempty"` // phone, e-mail: how to reach them at 3 a.m.
	Deputy  string `yaml:"deputy,omitempty" json:"deputy,omitempty"`
	Tasks   string `yaml:"tasks,omitempty" json:"tasks,omitempty"`
}

// Message is one row of the message plan: who says what, to whom, when,
// through which channel, with what expected effect.
type Message struct {
	Audience       string `yaml:"audience" json:"audience"`
	Message        string `yaml:"message" json:"message"`
	Channel        string `yaml:"channel" json:"channel"`
	Timing         string `yaml:"timing" json:"timing"` // proactive, reactive
	Owner          string `yaml:"owner" json:"owner"`
	ExpectedEffect string `yaml:"expected_effect,omitempty" json:"expected_effect,omitempty"`
}

// Plan is a workspace's crisis plan.
type Plan struct {
	// UpdateEveryMinutes is how often a status update is due during a
	// crisis (default 60).
	UpdateEveryMinutes int               `yaml:"update_every_minutes,omitempty" json:"update_every_minutes,omitempty"`
	Escalation         string            `yaml:"escalation,omitempty" json:"escalation,omitempty"` // who carries problems further, and when
	People             []Person          `yaml:"people" json:"people"`
	Messages           []Message         `yaml:"messages" json:"messages"`
	Holding            map[string]string `yaml:"holding_statements,omitempty" json:"holding_statements,omitempty"`
	// Profile is the stricter policy file (YAML) for crisis mode; empty
	// means the built-in one (hold all comments for review).
	Profile string `yaml:"profile,omitempty" json:"profile,omitempty"`
}

// UpdateEvery is the plan's status update interval.
func (p Plan) UpdateEvery() time.Duration {
	if p.UpdateEveryMinutes <= 0 {
		return DefaultUpdateMins * time.Minute
	}
	return time.Duration(p.UpdateEveryMinutes) * time.Minute
}

// ProfileYAML is the policy file crisis mode runs: the plan's own or the
// built-in one.
func (p Plan) ProfileYAML() []byte {
	if strings.TrimSpace(p.Profile) == "" {
		return DefaultProfileYAML()
	}
	return []byte(p.Profile)
}

// PeopleIn returns the people holding role.
func (p Plan) PeopleIn(role string) []Person {
	var out []Person
	for _, x := range p.People {
		if x.Role == role {
			out = append(out, x)
		}
	}
	return out
}

func checkText(field, v string, max int, required bool) error {
	if required && strings.TrimSpace(v) == "" {
		return fmt.Errorf("%s is empty: %w", field, ErrInvalid)
	}
	if !utf8.ValidString(v) {
		return fmt.Errorf("%s is not valid UTF-8: %w", field, ErrInvalid)
	}
	if n := utf8.RuneCountInString(v); n > max {
		return fmt.Errorf("%s has %d characters, at most %d: %w", field, n, max, ErrInvalid)
	}
	return nil
}

// ParsePlan reads and validates a plan document (YAML). An empty document
// is an empty plan.
func ParsePlan(doc []byte) (Plan, error) {
	var p Plan
	if len(doc) > MaxPlanBytes {
		return p, fmt.Errorf("crisis plan has %d bytes, at most %d: %w", len(doc), MaxPlanBytes, ErrInvalid)
	}
	if len(bytes.TrimSpace(doc)) == 0 {
		return p, nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(doc))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil {
		return Plan{}, fmt.Errorf("crisis plan: %v: %w", err, ErrInvalid)
	}
	return p, p.Validate()
}

// Validate checks every field of the plan.
func (p Plan) Validate() error {
	if p.UpdateEveryMinutes < 0 || p.UpdateEveryMinutes > MaxUpdateMins {
		return fmt.Errorf("update_every_minutes %d: want 1 to %d: %w", p.UpdateEveryMinutes, MaxUpdateMins, ErrInvalid)
	}
	if err := checkText("escalation", p.Escalation, MaxText, false); err != nil {
		return err
	}
	for i, x := range p.People {
		if err := checkText(fmt.Sprintf("people[%d].name", i+1), x.Name, 200, true); err != nil {
			return err
		}
		if !slices.Contains(Roles, x.Role) {
			return fmt.Errorf("people[%d] (%s): role %q: want one of %s: %w", i+1, x.Name, x.Role, strings.Join(Roles, ", "), ErrInvalid)
		}
		for _, f := range []string{x.Contact, x.Deputy, x.Tasks} {
			if err := checkText(fmt.Sprintf("people[%d]", i+1), f, MaxText, false); err != nil {
				return err
			}
		}
	}
	for i, m := range p.Messages {
		row := fmt.Sprintf("messages[%d]", i+1)
		for _, f := range []struct{ name, v string }{{"audience", m.Audience}, {"message", m.Message}, {"channel", m.Channel}, {"owner", m.Owner}} {
			if err := checkText(row+"."+f.name, f.v, MaxText, true); err != nil {
				return err
			}
		}
		if !slices.Contains(Timings, m.Timing) {
			return fmt.Errorf("%s: timing %q: want proactive or reactive: %w", row, m.Timing, ErrInvalid)
		}
		if err := checkText(row+".expected_effect", m.ExpectedEffect, MaxText, false); err != nil {
			return err
		}
	}
	for lang, text := range p.Holding {
		if !slices.Contains(Languages, lang) {
			return fmt.Errorf("holding statement in %q: want one of %s: %w", lang, strings.Join(Languages, ", "), ErrInvalid)
		}
		if err := checkText("holding statement "+lang, text, MaxText, true); err != nil {
			return err
		}
	}
	if strings.TrimSpace(p.Profile) != "" {
		if _, err := policy.Parse([]byte(p.Profile), "crisis profile"); err != nil {
			return fmt.Errorf("crisis profile: %v: %w", err, ErrInvalid)
		}
	}
	return nil
}

// Holding returns the holding statement in lang, else in English, else
// any; "" when the plan has none.
func (p Plan) HoldingIn(lang string) string {
	if s, ok := p.Holding[lang]; ok {
		return s
	}
	if s, ok := p.Holding["en"]; ok {
		return s
	}
	for _, l := range Languages {
		if s, ok := p.Holding[l]; ok {
			return s
		}
	}
	return ""
}

// Store is what the service needs of the store.
type Store interface {
	store.Crisis
	Alert(ctx context.Context, workspace string, id int64) (store.Alert, error)
}

// Service is the crisis API for the desk, the alerting and the CLI.
type Service struct {
	Store Store
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// SetPlan validates and stores a workspace's plan.
func (s *Service) SetPlan(ctx context.Context, workspace string, doc []byte, actor string) (store.CrisisPlanDoc, error) {
	if _, err := ParsePlan(doc); err != nil {
		return store.CrisisPlanDoc{}, err
	}
	return s.Store.SetCrisisPlan(ctx, workspace, doc, actor)
}

// Plan returns the workspace's plan (an empty one when none was written)
// and the stored document.
func (s *Service) Plan(ctx context.Context, workspace string) (Plan, store.CrisisPlanDoc, error) {
	doc, err := s.Store.CrisisPlan(ctx, workspace)
	if errors.Is(err, store.ErrNotFound) {
		return Plan{}, store.CrisisPlanDoc{Workspace: workspace}, nil
	}
	if err != nil {
		return Plan{}, doc, err
	}
	p, err := ParsePlan(doc.Doc)
	return p, doc, err
}

// newCrisis snapshots the plan and its profile for a new crisis.
func (s *Service) newCrisis(ctx context.Context, workspace, title, summary string) (store.NewCrisis, error) {
	title = strings.TrimSpace(title)
	if err := checkText("title", title, 200, true); err != nil {
		return store.NewCrisis{}, err
	}
	if err := checkText("summary", summary, MaxText, false); err != nil {
		return store.NewCrisis{}, err
	}
	p, doc, err := s.Plan(ctx, workspace)
	if err != nil {
		return store.NewCrisis{}, err
	}
	prof := p.ProfileYAML()
	pol, err := policy.Parse(prof, "crisis profile")
	if err != nil {
		return store.NewCrisis{}, fmt.Errorf("crisis profile: %w", err)
	}
	return store.NewCrisis{Title: title, Summary: summary, Severity: store.SeverityHigh, Plan: doc.Doc, PlanVersion: doc.Version,
		ProfileYAML: prof, ProfileVersion: pol.Version(), UpdateEvery: p.UpdateEvery(), At: s.now()}, nil
}

// Start switches crisis mode on (a lead's decision): the crisis and its
// case open at once and the pipeline switches to the crisis profile.
func (s *Service) Start(ctx context.Context, workspace, title, summary, actor string) (store.CrisisRecord, error) {
	nc, err := s.newCrisis(ctx, workspace, title, summary)
	if err != nil {
		return store.CrisisRecord{}, fmt.Errorf("start crisis: %w", err)
	}
	return s.Store.StartCrisis(ctx, workspace, nc, actor)
}

// Propose records an alert's proposal to switch crisis mode on; a lead
// confirms or dismisses it. Proposing again for the same alert while its
// proposal is pending returns the pending one.
func (s *Service) Propose(ctx context.Context, workspace string, alertID int64, actor string) (store.CrisisRecord, error) {
	a, err := s.Store.Alert(ctx, workspace, alertID)
	if err != nil {
		return store.CrisisRecord{}, fmt.Errorf("propose crisis: %w", err)
	}
	list, err := s.Store.ListCrises(ctx, workspace, 50)
	if err != nil {
		return store.CrisisRecord{}, err
	}
	for _, c := range list {
		if c.AlertID == alertID && (c.Status == store.CrisisProposed || c.Status == store.CrisisActive) {
			return c, nil
		}
	}
	nc, err := s.newCrisis(ctx, workspace, a.Title, a.Summary)
	if err != nil {
		return store.CrisisRecord{}, fmt.Errorf("propose crisis: %w", err)
	}
	nc.Proposed, nc.AlertID = true, alertID
	if a.Severity == store.AlertCritical {
		nc.Severity = store.SeverityCritical
	}
	return s.Store.StartCrisis(ctx, workspace, nc, actor)
}

// Confirm makes a proposal the active crisis.
func (s *Service) Confirm(ctx context.Context, workspace string, id int64, actor string) (store.CrisisRecord, error) {
	return s.Store.ConfirmCrisis(ctx, workspace, id, actor, s.now())
}

// Dismiss sets a proposal aside.
func (s *Service) Dismiss(ctx context.Context, workspace string, id int64, reason, actor string) (store.CrisisRecord, error) {
	if err := checkText("reason", reason, MaxText, false); err != nil {
		return store.CrisisRecord{}, err
	}
	return s.Store.DismissCrisis(ctx, workspace, id, reason, actor, s.now())
}

// End switches crisis mode off; outcome is the lead's closing words.
func (s *Service) End(ctx context.Context, workspace string, id int64, outcome, actor string) (store.CrisisRecord, error) {
	if err := checkText("outcome", outcome, MaxText, false); err != nil {
		return store.CrisisRecord{}, err
	}
	return s.Store.EndCrisis(ctx, workspace, id, outcome, actor, s.now())
}

// EntryKinds people may add by hand.
var EntryKinds = []string{store.CrisisEntryUpdate, store.CrisisEntryNote, store.CrisisEntryMessage, store.CrisisEntryEffect}

// Record adds a status update, a note, a message sent (row: the message
// plan's row, 1-based, 0 for a message outside the plan) or the effect
// seen of a message (row required).
func (s *Service) Record(ctx context.Context, workspace string, id int64, kind, text string, row int, actor string) (store.CrisisEntry, error) {
	if !slices.Contains(EntryKinds, kind) {
		return store.CrisisEntry{}, fmt.Errorf("entry kind %q: want one of %s: %w", kind, strings.Join(EntryKinds, ", "), ErrInvalid)
	}
	if err := checkText("text", text, MaxText, true); err != nil {
		return store.CrisisEntry{}, err
	}
	c, err := s.Store.CrisisByID(ctx, workspace, id)
	if err != nil {
		return store.CrisisEntry{}, err
	}
	if kind == store.CrisisEntryMessage || kind == store.CrisisEntryEffect {
		p, err := ParsePlan(c.Plan)
		if err != nil {
			return store.CrisisEntry{}, err
		}
		if row < 0 || row > len(p.Messages) || (kind == store.CrisisEntryEffect && row == 0) {
			return store.CrisisEntry{}, fmt.Errorf("message plan row %d: the plan has %d rows: %w", row, len(p.Messages), ErrInvalid)
		}
	} else {
		row = 0
	}
	return s.Store.AddCrisisEntry(ctx, workspace, id, store.CrisisEntry{Kind: kind, Text: strings.TrimSpace(text), Row: row, At: s.now()}, actor)
}

// NextUpdate is when the crisis's next status update is due (zero when
// none is scheduled or the crisis is not active) and whether it is late.
func NextUpdate(c store.CrisisRecord, now time.Time) (due time.Time, late bool) {
	if !c.Active() || c.UpdateEvery <= 0 {
		return time.Time{}, false
	}
	from := c.LastUpdateAt
	if from.IsZero() {
		from = c.StartedAt
	}
	due = from.Add(c.UpdateEvery)
	return due, !now.Before(due)
}

// Remind adds a reminder to the timeline of every active crisis whose
// status update is overdue, once per missed update, and returns them.
func (s *Service) Remind(ctx context.Context) ([]store.CrisisEntry, error) {
	now := s.now()
	active, err := s.Store.ActiveCrises(ctx)
	if err != nil {
		return nil, err
	}
	var out []store.CrisisEntry
	for _, c := range active {
		due, late := NextUpdate(c, now)
		if !late {
			continue
		}
		es, err := s.Store.CrisisEntries(ctx, c.Workspace, c.ID)
		if err != nil {
			return out, err
		}
		already := false
		for _, e := range es {
			if e.Kind == store.CrisisEntryReminder && !e.At.Before(due) {
				already = true
			}
		}
		if already {
			continue
		}
		text := fmt.Sprintf("status update due since %s", due.UTC().Format("2006-01-02 15:04 UTC"))
		e, err := s.Store.AddCrisisEntry(ctx, c.Workspace, c.ID, store.CrisisEntry{Kind: store.CrisisEntryReminder, Text: text, At: now}, "system:crisis")
		if err != nil {
			return out, err
		}
		out = append(out, e)
	}
	return out, nil
}
