package checklist

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/store"
)

func TestLibrary(t *testing.T) {
	if err := Validate(All()); err != nil {
		t.Fatal(err)
	}
	ten, ok := ByID("ten-questions")
	if !ok || len(ten.Questions()) != 10 {
		t.Fatalf("seed 001 has ten questions, got %d", len(ten.Questions()))
	}
	for _, id := range []string{"crisis-strategy", "policy-components"} {
		if _, ok := ByID(id); !ok {
			t.Errorf("checklist %s missing", id)
		}
	}
	// The Dutch questions of seed 001 are the seed's own wording.
	if q, _ := ten.Question("q2"); q.Text.In("nl") != "Weet je wat je moet doen in geval van online agressie?" {
		t.Errorf("q2 in Dutch = %q", q.Text.In("nl"))
	}
	if got := (Text{"en": "x"}).In("sv"); got != "x" {
		t.Errorf("fallback = %q", got)
	}
	bad := &Checklist{ID: "x", Title: Text{"en": "t"}, Sections: []Section{{ID: "s", Questions: []Question{{ID: "a"}, {ID: "a"}}}}}
	if err := Validate([]*Checklist{bad}); err == nil || !strings.Contains(err.Error(), "defined twice") || !strings.Contains(err.Error(), "review interval") {
		t.Errorf("Validate(bad) = %v", err)
	}
}

func ans(pairs ...string) []store.ChecklistAnswer {
	var out []store.ChecklistAnswer
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, store.ChecklistAnswer{Question: pairs[i], Value: pairs[i+1]})
	}
	return out
}

func TestScore(t *testing.T) {
	ten, _ := ByID("ten-questions")
	tests := []struct {
		name       string
		answers    []store.ChecklistAnswer
		score, max int
		gaps       int
		firstGap   string
		team       [2]int // the team section's score and max
	}{
		{"nothing answered counts as no", nil, 0, 20, 10, "q1", [2]int{0, 4}},
		{"all yes", ans("q1", "yes", "q2", "yes", "q3", "yes", "q4", "yes", "q5", "yes", "q6", "yes", "q7", "yes", "q8", "yes", "q9", "yes", "q10", "yes"), 20, 20, 0, "", [2]int{4, 4}},
		{"partly after no", ans("q1", "partly", "q2", "yes", "q3", "yes", "q4", "yes", "q5", "yes", "q6", "yes", "q7", "yes", "q8", "no", "q9", "yes", "q10", "yes"), 17, 20, 2, "q8", [2]int{3, 4}},
		{"does not apply leaves the max", ans("q1", "yes", "q2", "yes", "q3", "na", "q4", "na", "q5", "na", "q6", "yes", "q7", "yes", "q8", "yes", "q9", "yes", "q10", "yes"), 14, 14, 0, "", [2]int{4, 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Score(ten, tt.answers)
			if r.Score != tt.score || r.Max != tt.max || len(r.Gaps) != tt.gaps {
				t.Fatalf("score %d/%d with %d gaps, want %d/%d with %d", r.Score, r.Max, len(r.Gaps), tt.score, tt.max, tt.gaps)
			}
			if tt.gaps > 0 && r.Gaps[0].Question.ID != tt.firstGap {
				t.Errorf("first gap %s, want %s", r.Gaps[0].Question.ID, tt.firstGap)
			}
			if r.Sections[0].Score != tt.team[0] || r.Sections[0].Max != tt.team[1] {
				t.Errorf("team section %d/%d, want %v", r.Sections[0].Score, r.Sections[0].Max, tt.team)
			}
			for _, g := range r.Gaps {
				if g.Question.Next.In("fr") == "" {
					t.Errorf("gap %s has no next step", g.Question.ID)
				}
			}
		})
	}
}

func TestCompareAndDue(t *testing.T) {
	ten, _ := ByID("ten-questions")
	t0 := time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC)
	prev := &store.Assessment{ID: 1, Checklist: ten.ID, Answers: ans("q1", "no", "q2", "yes", "q3", "partly"), At: t0}
	cur := &store.Assessment{ID: 2, Checklist: ten.ID, Answers: ans("q1", "yes", "q2", "partly", "q3", "partly"), At: t0.Add(200 * day)}
	c := Compare(ten, prev, cur)
	if !c.HasPrevious || c.Delta != 1 || len(c.Changes) != 2 {
		t.Fatalf("Compare = %+v", c)
	}
	if c.Changes[0].Question.ID != "q1" || !c.Changes[0].Better || c.Changes[1].Question.ID != "q2" || c.Changes[1].Better {
		t.Errorf("changes = %+v", c.Changes)
	}
	if Compare(ten, nil, cur).HasPrevious {
		t.Error("no previous assessment compared as if there were one")
	}
	tests := []struct {
		name         string
		last         *store.Assessment
		now          time.Time
		due, overdue bool
	}{
		{"never assessed", nil, t0, true, false},
		{"fresh", prev, t0.Add(30 * day), false, false},
		{"just due", prev, t0.Add(180 * day), true, true},
		{"long overdue", prev, t0.Add(400 * day), true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := StatusOf(ten, tt.last, tt.now)
			if st.Due != tt.due || st.Overdue != tt.overdue {
				t.Errorf("StatusOf = due %v overdue %v, want %v %v", st.Due, st.Overdue, tt.due, tt.overdue)
			}
		})
	}
	sts := Statuses([]store.Assessment{*prev, *cur}, t0.Add(210*day))
	if len(sts) != len(All()) || sts[0].Last == nil || sts[0].Last.ID != 2 || sts[0].Due || !sts[1].Due || sts[1].Overdue {
		t.Errorf("Statuses = %+v", sts)
	}
}

func TestParseAnswers(t *testing.T) {
	ten, _ := ByID("ten-questions")
	tests := []struct {
		name string
		form map[string][]string
		n    int
		err  error
	}{
		{"empty", map[string][]string{}, 0, nil},
		{"answers and notes", map[string][]string{"a.q1": {"yes"}, "a.q2": {"partly"}, "n.q2": {"  only the lead  "}, "a.zz": {"yes"}}, 2, nil},
		{"a note alone is a no", map[string][]string{"n.q3": {"to discuss"}}, 1, nil},
		{"unknown value", map[string][]string{"a.q1": {"maybe"}}, 0, ErrUnknownValue},
		{"note too long", map[string][]string{"a.q1": {"no"}, "n.q1": {strings.Repeat("é", MaxNote+1)}}, 0, ErrNoteTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseAnswers(ten, tt.form)
			if !errors.Is(err, tt.err) || len(got) != tt.n {
				t.Fatalf("ParseAnswers = %+v, %v; want %d answers, %v", got, err, tt.n, tt.err)
			}
		})
	}
	got, _ := ParseAnswers(ten, map[string][]string{"a.q2": {"partly"}, "n.q2": {"  only the lead  "}})
	if got[0].Note != "only the lead" || got[0].Value != store.AnswerPartly {
		t.Errorf("parsed %+v", got[0])
	}
}

// FuzzParseAnswers: whatever a form carries, parsing neither panics nor
// returns an answer outside the accepted values.
func FuzzParseAnswers(f *testing.F) {
	f.Add("q1", "yes", "a note")
	f.Add("q10", "na", "")
	f.Add("q3", "\xff\xfe", "\x00")
	ten, _ := ByID("ten-questions")
	f.Fuzz(func(t *testing.T, q, v, note string) {
		got, err := ParseAnswers(ten, map[string][]string{"a." + q: {v}, "n." + q: {note}})
		if err != nil {
			return
		}
		for _, a := range got {
			if a.Value != store.AnswerYes && a.Value != store.AnswerPartly && a.Value != store.AnswerNo && a.Value != store.AnswerNA {
				t.Fatalf("accepted value %q", a.Value)
			}
			if _, ok := ten.Question(a.Question); !ok {
				t.Fatalf("answer to unknown question %q", a.Question)
			}
		}
		Score(ten, got)
	})
}
