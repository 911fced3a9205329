package detect

import (
	"context"
	"strings"
	"testing"
)

// fakeDefuser answers as told and records the evidence it was shown.
type fakeDefuser struct {
	defused  bool
	evidence *[]Span
}

func (f fakeDefuser) Defuses(_ context.Context, _ Input, evidence []Span) (string, bool) {
	*f.evidence = append(*f.evidence, evidence...)
	return "told so", f.defused
}

// TestConsensus pins the lift of several harm categories that together
// pass the line none reaches alone, with fixed scores (the trained
// model's scores move with every retrain).
func TestConsensus(t *testing.T) {
	sig := func(det string, c Category, score float64, sev int, from int) Signal {
		return Signal{Category: c, Score: score, Severity: sev, Spans: []Span{{from, from + 3}}, Detector: det, Version: "1"}
	}
	cases := []struct {
		name    string
		sigs    []Signal
		defused bool
		// want is the category lifted, with its new score; "" when nothing is.
		want      Category
		wantScore float64
	}{
		{"a threat and an insult together: the specific one is lifted",
			[]Signal{sig("model", Insult, 0.74, 0, 0), sig("model", Threat, 0.66, 0, 4)}, false, Threat, 0.7},
		{"an unsure second category: the broad one is lifted",
			[]Signal{sig("model", Insult, 0.79, 0, 0), sig("model", Threat, 0.42, 0, 4)}, false, Insult, 0.8},
		{"too little together",
			[]Signal{sig("model", Insult, 0.6, 0, 0), sig("model", Threat, 0.5, 0, 4)}, false, "", 0},
		{"under the floor a category does not count",
			[]Signal{sig("model", Insult, 0.79, 0, 0), sig("model", Threat, 0.25, 0, 4), sig("model", Sexual, 0.25, 0, 8)}, false, "", 0},
		{"one already over its line: nothing to lift",
			[]Signal{sig("model", Insult, 0.85, 0, 0), sig("model", Threat, 0.66, 0, 4)}, false, "", 0},
		{"defused: quoted, negated, reported",
			[]Signal{sig("model", Insult, 0.74, 0, 0), sig("model", Threat, 0.66, 0, 4)}, true, "", 0},
		{"a clear question is another reading",
			[]Signal{sig("model", Insult, 0.74, 0, 0), sig("model", Threat, 0.66, 0, 4), sig("lexicon", Question, 0.9, 1, 10)}, false, "", 0},
		{"the weighing detector alone: one reading, not several",
			[]Signal{sig("lexicon", Harassment, 0.6, 2, 0), sig("lexicon", Insult, 0.65, 2, 4)}, false, "", 0},
		{"the weighing detector with another",
			[]Signal{sig("lexicon", Harassment, 0.6, 2, 0), sig("model", Insult, 0.65, 0, 4)}, false, Harassment, 0.7},
		{"the broad category judged mild is not lifted",
			[]Signal{sig("lexicon", Insult, 0.79, 1, 0), sig("model", Threat, 0.4, 0, 4)}, false, "", 0},
		{"the broad category judged mild: a sure one may still be lifted",
			[]Signal{sig("lexicon", Insult, 0.79, 1, 0), sig("model", Threat, 0.55, 0, 4)}, false, Threat, 0.7},
		{"no broad category: an unsure one is lifted",
			[]Signal{sig("model", Sexual, 0.46, 0, 0), sig("model", Threat, 0.47, 0, 4), sig("model", Harassment, 0.48, 0, 8), sig("model", Insult, 0.2, 0, 12)}, false, Harassment, 0.7},
		{"categories outside the lines do not count",
			[]Signal{sig("model", Insult, 0.7, 0, 0), sig("model", Complaint, 0.9, 0, 4)}, false, "", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var evidence []Span
			dets := map[string][]Signal{}
			for _, s := range c.sigs {
				dets[s.Detector] = append(dets[s.Detector], s)
			}
			var ds []Detector
			for _, name := range []string{"lexicon", "model"} {
				if len(dets[name]) > 0 {
					ds = append(ds, fakeDetector{name: name, sigs: dets[name]})
				}
			}
			e := NewEngine(fixedLang("en"), ds...).WithConsensus(&Consensus{
				Lines:    map[Category]float64{Insult: 0.8, Threat: 0.7, Harassment: 0.7, Sexual: 0.7},
				Floor:    0.3,
				Min:      0.85,
				Unless:   map[Category]float64{Question: 0.8},
				By:       fakeDefuser{defused: c.defused, evidence: &evidence},
				Broad:    Insult,
				Specific: 0.5,
				Weighed:  "lexicon",
			})
			res := e.Analyze(context.Background(), Input{Text: "some text to read here"})
			var lifted []Signal
			for _, s := range res.Signals {
				if strings.Contains(s.Explanation, "[lifted from") {
					lifted = append(lifted, s)
				}
			}
			if c.want == "" {
				if len(lifted) > 0 {
					t.Fatalf("lifted %+v, want nothing", lifted)
				}
				return
			}
			if len(lifted) != 1 || lifted[0].Category != c.want || lifted[0].Score != c.wantScore {
				t.Fatalf("lifted %+v, want %s at %.2f", lifted, c.want, c.wantScore)
			}
			for i := 1; i < len(res.Signals); i++ {
				if res.Signals[i].Score > res.Signals[i-1].Score {
					t.Errorf("order not restored: %+v", res.Signals)
				}
			}
			if len(evidence) < 2 {
				t.Errorf("the defuser saw %v, want the spans of every counted category", evidence)
			}
		})
	}
}

func TestConsensusOffByDefault(t *testing.T) {
	e := NewEngine(fixedLang("en"), fakeDetector{name: "model", sigs: []Signal{
		{Category: Insult, Score: 0.74, Spans: []Span{{0, 3}}, Detector: "model", Version: "1"},
		{Category: Threat, Score: 0.66, Spans: []Span{{4, 7}}, Detector: "model", Version: "1"},
	}})
	for _, s := range e.Analyze(context.Background(), Input{Text: "some text"}).Signals {
		if s.Score == 0.7 || s.Score == 0.8 {
			t.Errorf("lifted without a consensus: %+v", s)
		}
	}
}
