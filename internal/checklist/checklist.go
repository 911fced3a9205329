// Package checklist holds the preparedness self-assessments drawn from the
// seeds: the ten questions a care institution asks itself about online
// aggression (seed 001), the questions a crisis-communication strategy must
// answer (seed 002) and the components a social-media policy must cover
// (seeds 003 and 004). Each question exists in the six desk languages and
// carries what to do next when the answer is not yet "yes".
//
// An assessment answers every question yes, partly, no or "does not apply",
// with a note; it is scored per section and in total, compared with the
// previous one, and each checklist has a review interval after which a
// reminder is due. The package is pure: storing assessments is the store's
// job, showing them the desk's.
package checklist

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/store"
)

// Languages are the languages every text exists in.
var Languages = []string{"en", "fr", "nl", "sv", "nb", "de"}

// Text is one sentence in each language, by code.
type Text map[string]string

// In returns the text in lang, falling back to English.
func (t Text) In(lang string) string {
	if s, ok := t[lang]; ok && s != "" {
		return s
	}
	return t["en"]
}

// Question is one question of a checklist.
type Question struct {
	ID   string // unique within its checklist
	Text Text
	// Next is what to do when the answer is no or partly.
	Next Text
}

// Section groups questions under a heading.
type Section struct {
	ID        string
	Title     Text
	Questions []Question
}

// Checklist is one self-assessment.
type Checklist struct {
	ID    string
	Seeds []string // the seeds it is drawn from, e.g. "001"
	Title Text
	Intro Text
	// Review is how long an assessment stays current; after that a
	// review is due.
	Review   time.Duration
	Sections []Section
}

// Questions lists every question in order.
func (c *Checklist) Questions() []Question {
	var out []Question
	for _, s := range c.Sections {
		out = append(out, s.Questions...)
	}
	return out
}

// Question finds a question by id.
func (c *Checklist) Question(id string) (Question, bool) {
	for _, s := range c.Sections {
		for _, q := range s.Questions {
			if q.ID == id {
				return q, true
			}
		}
	}
	return Question{}, false
}

// All lists the checklists, in the order the desk shows them.
func All() []*Checklist { return slices.Clone(all) }

// ByID finds a checklist.
func ByID(id string) (*Checklist, bool) {
	for _, c := range all {
		if c.ID == id {
			return c, true
		}
	}
	return nil, false
}

// Points of each answer; "does not apply" counts for nothing either way.
var points = map[string]int{store.AnswerYes: 2, store.AnswerPartly: 1, store.AnswerNo: 0}

// Values lists the answers a question accepts, in the order offered.
var Values = []string{store.AnswerYes, store.AnswerPartly, store.AnswerNo, store.AnswerNA}

// MaxNote bounds a note's length, in characters.
const MaxNote = 1000

// SectionScore is one section's result.
type SectionScore struct {
	Section  Section
	Score    int
	Max      int
	Answered int
}

// Pct is the score as a share of the maximum (0 when nothing counts).
func (s SectionScore) Pct() float64 {
	if s.Max == 0 {
		return 0
	}
	return float64(s.Score) / float64(s.Max)
}

// Gap is a question not yet answered "yes", with what to do next.
type Gap struct {
	Section  Section
	Question Question
	Answer   store.ChecklistAnswer
}

// Result is a scored assessment.
type Result struct {
	Checklist *Checklist
	Sections  []SectionScore
	Score     int
	Max       int
	// Gaps: "no" before "partly", each in checklist order.
	Gaps []Gap
}

// Pct is the total as a share of the maximum.
func (r Result) Pct() float64 {
	if r.Max == 0 {
		return 0
	}
	return float64(r.Score) / float64(r.Max)
}

// Score scores answers against c; questions without an answer count as
// "no" (an unanswered question is a gap, not a pass).
func Score(c *Checklist, answers []store.ChecklistAnswer) Result {
	by := map[string]store.ChecklistAnswer{}
	for _, a := range answers {
		by[a.Question] = a
	}
	r := Result{Checklist: c}
	var partly []Gap
	for _, s := range c.Sections {
		ss := SectionScore{Section: s}
		for _, q := range s.Questions {
			a, ok := by[q.ID]
			if !ok {
				a = store.ChecklistAnswer{Question: q.ID, Value: store.AnswerNo}
			} else {
				ss.Answered++
			}
			if a.Value == store.AnswerNA {
				continue
			}
			ss.Max += 2
			ss.Score += points[a.Value]
			switch a.Value {
			case store.AnswerYes:
			case store.AnswerPartly:
				partly = append(partly, Gap{s, q, a})
			default:
				r.Gaps = append(r.Gaps, Gap{s, q, a})
			}
		}
		r.Sections = append(r.Sections, ss)
		r.Score += ss.Score
		r.Max += ss.Max
	}
	r.Gaps = append(r.Gaps, partly...)
	return r
}

// Change is one question whose answer moved between two assessments.
type Change struct {
	Question Question
	From, To string
	Better   bool
}

// Comparison is an assessment measured against the one before it.
type Comparison struct {
	HasPrevious bool
	Delta       int // score points gained (negative: lost)
	PrevPct     float64
	Changes     []Change
}

// Compare compares cur with prev (nil: no previous assessment).
func Compare(c *Checklist, prev, cur *store.Assessment) Comparison {
	if prev == nil || cur == nil {
		return Comparison{}
	}
	pr, cr := Score(c, prev.Answers), Score(c, cur.Answers)
	cmp := Comparison{HasPrevious: true, Delta: cr.Score - pr.Score, PrevPct: pr.Pct()}
	before := map[string]string{}
	for _, a := range prev.Answers {
		before[a.Question] = a.Value
	}
	after := map[string]string{}
	for _, a := range cur.Answers {
		after[a.Question] = a.Value
	}
	for _, q := range c.Questions() {
		f, t := before[q.ID], after[q.ID]
		if f == "" {
			f = store.AnswerNo
		}
		if t == "" {
			t = store.AnswerNo
		}
		if f == t {
			continue
		}
		better := rank(t) > rank(f)
		cmp.Changes = append(cmp.Changes, Change{Question: q, From: f, To: t, Better: better})
	}
	return cmp
}

// rank orders answers for "better or worse"; "does not apply" sits with yes:
// deciding a question does not concern you is a decision.
func rank(v string) int {
	switch v {
	case store.AnswerYes, store.AnswerNA:
		return 2
	case store.AnswerPartly:
		return 1
	}
	return 0
}

// Status says where a workspace stands with one checklist.
type Status struct {
	Checklist *Checklist
	Last      *store.Assessment // nil when never assessed
	DueAt     time.Time         // zero when never assessed
	Due       bool              // a review is due (never assessed counts as due)
	Overdue   bool              // assessed before, and the interval has passed
}

// StatusOf says whether a review of c is due at now, given the newest
// assessment (nil if none).
func StatusOf(c *Checklist, last *store.Assessment, now time.Time) Status {
	st := Status{Checklist: c, Last: last}
	if last == nil {
		st.Due = true
		return st
	}
	st.DueAt = last.At.Add(c.Review)
	st.Overdue = !now.Before(st.DueAt)
	st.Due = st.Overdue
	return st
}

// Statuses gives the status of every checklist from a workspace's
// assessments (any order).
func Statuses(assessments []store.Assessment, now time.Time) []Status {
	newest := map[string]*store.Assessment{}
	for i := range assessments {
		a := &assessments[i]
		if cur, ok := newest[a.Checklist]; !ok || a.At.After(cur.At) || a.At.Equal(cur.At) && a.ID > cur.ID {
			newest[a.Checklist] = a
		}
	}
	var out []Status
	for _, c := range all {
		out = append(out, StatusOf(c, newest[c.ID], now))
	}
	return out
}

// Errors of ParseAnswers.
var (
	ErrUnknownValue = errors.New("unknown answer")
	ErrNoteTooLong  = errors.New("note too long")
)

// ParseAnswers reads a submitted form: "a.<question id>" holds the answer
// and "n.<question id>" the note. Questions left unanswered are left out
// (Score counts them as "no"); fields for unknown questions are ignored,
// and a bad value or an over-long note is an error naming the question.
func ParseAnswers(c *Checklist, form map[string][]string) ([]store.ChecklistAnswer, error) {
	var out []store.ChecklistAnswer
	for _, q := range c.Questions() {
		v := strings.TrimSpace(first(form["a."+q.ID]))
		note := strings.TrimSpace(first(form["n."+q.ID]))
		if v == "" && note == "" {
			continue
		}
		if v == "" {
			v = store.AnswerNo
		}
		if !slices.Contains(Values, v) {
			return nil, fmt.Errorf("question %s: %w %q (want one of %v)", q.ID, ErrUnknownValue, truncate(v, 20), Values)
		}
		if !utf8.ValidString(note) {
			note = strings.ToValidUTF8(note, "\uFFFD")
		}
		if utf8.RuneCountInString(note) > MaxNote {
			return nil, fmt.Errorf("question %s: %w (at most %d characters)", q.ID, ErrNoteTooLong, MaxNote)
		}
		out = append(out, store.ChecklistAnswer{Question: q.ID, Value: v, Note: note})
	}
	return out, nil
}

func first(v []string) string {
	if len(v) == 0 {
		return ""
	}
	return v[0]
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// Validate checks the library: ids unique, every text in every language.
func Validate(cs []*Checklist) error {
	var errs []error
	ids := map[string]bool{}
	for _, c := range cs {
		if ids[c.ID] {
			errs = append(errs, fmt.Errorf("checklist %s defined twice", c.ID))
		}
		ids[c.ID] = true
		if c.Review <= 0 {
			errs = append(errs, fmt.Errorf("checklist %s has no review interval", c.ID))
		}
		texts := map[string]Text{"title": c.Title, "intro": c.Intro}
		qids := map[string]bool{}
		for _, s := range c.Sections {
			texts["section "+s.ID] = s.Title
			for _, q := range s.Questions {
				if qids[q.ID] {
					errs = append(errs, fmt.Errorf("checklist %s: question %s defined twice", c.ID, q.ID))
				}
				qids[q.ID] = true
				texts["question "+q.ID] = q.Text
				texts["next "+q.ID] = q.Next
			}
		}
		names := make([]string, 0, len(texts))
		for n := range texts {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			for _, l := range Languages {
				if strings.TrimSpace(texts[n][l]) == "" {
					errs = append(errs, fmt.Errorf("checklist %s: %s lacks %s", c.ID, n, l))
				}
			}
		}
	}
	return errors.Join(errs...)
}
