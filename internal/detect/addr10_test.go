package detect

import (
	"context"
	"strings"
	"testing"
)

// addr10Addresser answers as told and records whether it was asked.
type addr10Addresser struct {
	ok    bool
	asked *int
}

func (a addr10Addresser) Address(_ context.Context, in Input, evidence []Span) (Span, string, bool) {
	*a.asked++
	return Span{0, 3}, "said of the reader", a.ok
}

// TestAddr10Corroboration: a lone, fairly sure signal is lifted when the
// addresser finds the text aimed at a person; not when another detector
// shares it (Agreement weighs those), below Min, at or above Lift, when an
// Unless category reaches its score, or when the addresser says no. The
// addresser runs only for a candidate. A Deference still caps what was
// lifted when the lexicon judged the abuse mild.
func TestAddr10Corroboration(t *testing.T) {
	model := func(s float64) Signal {
		return Signal{Category: Insult, Score: s, Spans: []Span{{4, 8}}, Detector: "model", Version: "1", Explanation: "features"}
	}
	lex := func(c Category, s float64, sev int) Signal {
		return Signal{Category: c, Score: s, Severity: sev, Spans: []Span{{0, 3}}, Detector: "lexicon", Version: "1"}
	}
	cases := []struct {
		name      string
		sigs      []Signal
		addressed bool
		deference bool
		want      float64
		asked     bool
	}{
		{"lifted", []Signal{model(0.7)}, true, false, 0.8, true},
		{"at min", []Signal{model(0.64)}, true, false, 0.8, true},
		{"not addressed", []Signal{model(0.7)}, false, false, 0.7, true},
		{"below min", []Signal{model(0.6)}, true, false, 0.6, false},
		{"already removes", []Signal{model(0.85)}, true, false, 0.85, false},
		{"shared with the lexicon", []Signal{model(0.7), lex(Insult, 0.2, 1)}, true, false, 0.7, false},
		{"a question", []Signal{model(0.7), lex(Question, 0.6, 1)}, true, false, 0.7, false},
		{"praise", []Signal{model(0.7), lex(Praise, 0.45, 1)}, true, false, 0.7, false},
		{"weak praise does not veto", []Signal{model(0.7), lex(Praise, 0.2, 1)}, true, false, 0.8, true},
		{"mild abuse judged by the lexicon", []Signal{model(0.7), lex(Threat, 0.3, 1)}, true, true, 0.75, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			asked := 0
			e := NewEngine(fixedLang("en"),
				fakeDetector{name: "lexicon", sigs: c.sigs[1:]},
				fakeDetector{name: "model", sigs: c.sigs[:1]},
			).WithCorroboration(map[Category]Corroboration{
				Insult: {Min: 0.6375, Lift: 0.8, By: addr10Addresser{ok: c.addressed, asked: &asked}, Unless: map[Category]float64{Question: 0.5, Praise: 0.3}},
			})
			if c.deference {
				e = e.WithDeference(map[Category]Deference{Insult: {Cap: 0.75, Judges: []Category{Insult, Threat}}})
			}
			res := e.Analyze(context.Background(), Input{Text: "you are a worm"})
			got := Score(res.Signals, Insult)
			if got != c.want {
				t.Errorf("insult = %.3f, want %.3f (%+v)", got, c.want, res.Signals)
			}
			if (asked > 0) != c.asked {
				t.Errorf("addresser asked %d times, want asked = %v", asked, c.asked)
			}
			if got == 0.8 {
				for _, s := range res.Signals {
					if s.Category == Insult && (!strings.Contains(s.Explanation, "[lifted to 0.80: said of the reader]") || len(s.Spans) != 2) {
						t.Errorf("lifted signal should say why and show who: %+v", s)
					}
				}
			}
		})
	}
}
