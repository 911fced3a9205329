package detect

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

type fakeDetector struct {
	name string
	sigs []Signal
	err  error
	boom bool
}

func (f fakeDetector) Name() string    { return f.name }
func (f fakeDetector) Version() string { return "1" }
func (f fakeDetector) Detect(context.Context, Input) ([]Signal, error) {
	if f.boom {
		panic("boom")
	}
	return f.sigs, f.err
}

type fixedLang string

func (l fixedLang) Identify(string) (string, float64) { return string(l), 1 }

func TestEngineMergesAndIsolatesFailures(t *testing.T) {
	text := "you idiot, call 0612345678"
	e := NewEngine(fixedLang("en"),
		fakeDetector{name: "a", sigs: []Signal{{Category: Insult, Score: 0.6, Spans: []Span{{4, 9}}, Detector: "a", Version: "1"}}},
		fakeDetector{name: "b", sigs: []Signal{
			{Category: Insult, Score: 0.9, Spans: []Span{{0, 9}}, Detector: "b", Version: "1", Explanation: "why"},
			{Category: PII, Entity: "phone", Score: 0.7, Spans: []Span{{16, 26}}, Detector: "b", Version: "1"},
		}},
		fakeDetector{name: "c", err: errors.New("down")},
		fakeDetector{name: "d", boom: true},
		fakeDetector{name: "e", sigs: []Signal{{Category: Threat, Score: 0.9, Spans: []Span{{20, 99}}, Detector: "e", Version: "1"}}},
		fakeDetector{name: "f", sigs: []Signal{{Category: "nonsense", Score: 0.9, Detector: "f", Version: "1"}}},
	)
	res := e.Analyze(context.Background(), Input{Text: text})
	want := []Signal{
		{Category: Insult, Score: 0.9, Spans: []Span{{0, 9}}, Detector: "a+b", Version: "1+1", Explanation: "why"},
		{Category: PII, Entity: "phone", Score: 0.7, Spans: []Span{{16, 26}}, Detector: "b", Version: "1"},
	}
	if diff := cmp.Diff(want, res.Signals); diff != "" {
		t.Errorf("signals (-want +got):\n%s", diff)
	}
	if res.Lang != "en" {
		t.Errorf("lang = %q, want en", res.Lang)
	}
	if len(res.Errors) != 4 {
		t.Errorf("errors = %q, want 4 (failed, panicked, bad span, bad category)", res.Errors)
	}
}

func TestUnionSpans(t *testing.T) {
	tests := []struct {
		in, want []Span
	}{
		{nil, []Span{}},
		{[]Span{{5, 7}, {0, 2}}, []Span{{0, 2}, {5, 7}}},
		{[]Span{{0, 4}, {2, 6}, {6, 8}, {10, 11}}, []Span{{0, 8}, {10, 11}}},
		{[]Span{{0, 10}, {2, 3}}, []Span{{0, 10}}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, unionSpans(tt.in)); diff != "" {
			t.Errorf("unionSpans(%v) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestParseCategory(t *testing.T) {
	for _, c := range Categories {
		if got, err := ParseCategory(string(c)); err != nil || got != c {
			t.Errorf("ParseCategory(%q) = %q, %v", c, got, err)
		}
	}
	if _, err := ParseCategory("abuse"); err == nil {
		t.Error("ParseCategory(abuse) succeeded, want error")
	}
}

func TestWeighted(t *testing.T) {
	d := fakeDetector{name: "m", sigs: []Signal{
		{Category: Insult, Score: 0.9, Detector: "m", Version: "1", Explanation: "features"},
		{Category: Hate, Score: 0.8, Detector: "m", Version: "1"},
		{Category: Threat, Score: 0.7, Detector: "m", Version: "1"},
	}}
	sigs, err := Weighted(d, map[Category]float64{Insult: 0.5, Hate: 0}).Detect(context.Background(), Input{})
	if err != nil {
		t.Fatal(err)
	}
	if len(sigs) != 2 || sigs[0].Score != 0.45 || sigs[1].Category != Threat || sigs[1].Score != 0.7 {
		t.Fatalf("weighted signals = %+v", sigs)
	}
	if want := "features (score 0.90 weighted ×0.50)"; sigs[0].Explanation != want {
		t.Errorf("explanation = %q, want %q", sigs[0].Explanation, want)
	}
}

func TestAgreement(t *testing.T) {
	sig := func(det string, c Category, score float64, sev int) Signal {
		return Signal{Category: c, Score: score, Severity: sev, Spans: []Span{{0, 3}}, Detector: det, Version: "1"}
	}
	agree := map[Category]Agreement{
		Insult:    {Lead: 0.5, Support: 0.3, Max: 0.95, MinSeverity: 2},
		Complaint: {Lead: 0.4, Support: 0.3, Max: 0.85, Unless: map[Category]float64{Threat: 0.5}},
	}
	tests := []struct {
		name string
		a, b []Signal
		cat  Category
		want float64
	}{
		{"both agree: noisy-or", []Signal{sig("lex", Insult, 0.72, 2)}, []Signal{sig("model", Insult, 0.5, 0)}, Insult, 0.86},
		{"capped at max", []Signal{sig("lex", Insult, 0.9, 3)}, []Signal{sig("model", Insult, 0.9, 0)}, Insult, 0.95},
		{"support below its floor", []Signal{sig("lex", Insult, 0.72, 2)}, []Signal{sig("model", Insult, 0.2, 0)}, Insult, 0.72},
		{"lead below its floor", []Signal{sig("lex", Insult, 0.45, 2)}, []Signal{sig("model", Insult, 0.4, 0)}, Insult, 0.45},
		{"judged mild: kept for a person", []Signal{sig("lex", Insult, 0.72, 1)}, []Signal{sig("model", Insult, 0.6, 0)}, Insult, 0.72},
		{"one detector only", []Signal{sig("lex", Insult, 0.72, 2), sig("lex", Insult, 0.6, 2)}, nil, Insult, 0.72},
		{"category not listed", []Signal{sig("lex", Hate, 0.72, 2)}, []Signal{sig("model", Hate, 0.6, 0)}, Hate, 0.72},
		{"vetoed by another category", []Signal{sig("lex", Complaint, 0.45, 1), sig("lex", Threat, 0.8, 2)}, []Signal{sig("model", Complaint, 0.5, 0)}, Complaint, 0.5},
		{"complaint confirmed", []Signal{sig("lex", Complaint, 0.45, 1)}, []Signal{sig("model", Complaint, 0.5, 0)}, Complaint, 0.725},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := NewEngine(fixedLang("en"), fakeDetector{name: "lex", sigs: tt.a}, fakeDetector{name: "model", sigs: tt.b}).WithAgreement(agree)
			res := e.Analyze(context.Background(), Input{Text: "you idiot"})
			if got := Score(res.Signals, tt.cat); got != tt.want {
				t.Errorf("%s score = %v, want %v (%+v)", tt.cat, got, tt.want, res.Signals)
			}
			for i := 1; i < len(res.Signals); i++ {
				if res.Signals[i].Score > res.Signals[i-1].Score {
					t.Errorf("signals not sorted by score: %+v", res.Signals)
				}
			}
		})
	}
	// Without agreement the engine keeps the highest score.
	e := NewEngine(fixedLang("en"), fakeDetector{name: "lex", sigs: []Signal{sig("lex", Insult, 0.72, 2)}}, fakeDetector{name: "model", sigs: []Signal{sig("model", Insult, 0.5, 0)}})
	if got := Score(e.Analyze(context.Background(), Input{Text: "you idiot"}).Signals, Insult); got != 0.72 {
		t.Errorf("no agreement: %v, want 0.72", got)
	}
}

func TestDeference(t *testing.T) {
	sig := func(det string, c Category, score float64, sev int) Signal {
		return Signal{Category: c, Score: score, Severity: sev, Spans: []Span{{0, 3}}, Detector: det, Version: "1"}
	}
	deferTo := map[Category]Deference{Insult: {Cap: 0.75, Judges: []Category{Insult, Threat}, Contrary: map[Category]int{Praise: 3}, ContraryCap: 0.45}}
	tests := []struct {
		name string
		lex  []Signal
		mod  []Signal
		want float64
	}{
		{"quoted threat: model capped", []Signal{sig("lex", Threat, 0.48, 1)}, []Signal{sig("model", Insult, 0.8, 0)}, 0.75},
		{"lexicon silent: model stands", nil, []Signal{sig("model", Insult, 0.8, 0)}, 0.8},
		{"lexicon found moderate abuse: model stands", []Signal{sig("lex", Threat, 0.7, 2)}, []Signal{sig("model", Insult, 0.8, 0)}, 0.8},
		{"mild signal of another kind: model stands", []Signal{sig("lex", Complaint, 0.45, 1)}, []Signal{sig("model", Insult, 0.8, 0)}, 0.8},
		{"both found the insult: Agreement's business", []Signal{sig("lex", Insult, 0.5, 1)}, []Signal{sig("model", Insult, 0.8, 0)}, 0.8},
		{"under the cap already", []Signal{sig("lex", Threat, 0.48, 1)}, []Signal{sig("model", Insult, 0.6, 0)}, 0.6},
		// The lexicon's own strong match is not capped because the
		// lexicon (merged with the model) found a mild word beside it.
		{"judge is the same detector: stands", []Signal{sig("lex", Insult, 0.9, 3), sig("lex", Threat, 0.5, 1)}, []Signal{sig("model", Threat, 0.6, 0)}, 0.9},
		// The lexicon's mild threat merged with the model's own threat
		// still judges the model's lone insult: the severity is the
		// lexicon's ("Neste gang jeg ser deg skal jeg gi deg en klem!").
		{"judge merged with the model's threat: capped", []Signal{sig("lex", Threat, 0.5, 1)}, []Signal{sig("model", Insult, 0.84, 0), sig("model", Threat, 0.6, 0)}, 0.75},
		// Strong praise and no abuse read: a lone model insult is capped
		// under the review threshold, whatever its score.
		{"strong praise, no abuse: model capped low", []Signal{sig("lex", Praise, 0.94, 3)}, []Signal{sig("model", Insult, 0.8, 0)}, 0.45},
		{"strong praise, review band: capped too", []Signal{sig("lex", Praise, 0.94, 3)}, []Signal{sig("model", Insult, 0.6, 0)}, 0.45},
		{"mild praise: model stands", []Signal{sig("lex", Praise, 0.65, 2)}, []Signal{sig("model", Insult, 0.8, 0)}, 0.8},
		{"praise and abuse read: model stands", []Signal{sig("lex", Praise, 0.94, 3), sig("lex", Threat, 0.7, 2)}, []Signal{sig("model", Insult, 0.8, 0)}, 0.8},
		{"praise from the model's own side: stands", nil, []Signal{sig("model", Insult, 0.8, 0), sig("model", Praise, 0.9, 3)}, 0.8},
		// Both found the insult, but the lexicon read the words named by
		// counter-speech: the model's higher score does not stand.
		{"both found it, lexicon read a mention: capped", []Signal{mentioned(sig("lex", Insult, 0.24, 1))}, []Signal{sig("model", Insult, 0.8, 0)}, 0.75},
		{"mention judged, but under the cap already", []Signal{mentioned(sig("lex", Insult, 0.24, 1))}, []Signal{sig("model", Insult, 0.7, 0)}, 0.7},
		{"mention of another category: stands", []Signal{mentioned(sig("lex", Hate, 0.24, 1)), sig("lex", Insult, 0.5, 1)}, []Signal{sig("model", Insult, 0.8, 0)}, 0.8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := NewEngine(fixedLang("en"), fakeDetector{name: "lex", sigs: tt.lex}, fakeDetector{name: "model", sigs: tt.mod}).WithDeference(deferTo)
			res := e.Analyze(context.Background(), Input{Text: "you idiot"})
			if got := Score(res.Signals, Insult); got != tt.want {
				t.Errorf("insult = %v, want %v (%+v)", got, tt.want, res.Signals)
			}
		})
	}
}

func mentioned(s Signal) Signal {
	s.Mentioned = true
	return s
}

// TestNotes: the explanation notes built without fmt read as fmt wrote
// them, and shareDetector and within split merged names as strings.Split did.
func TestNotes(t *testing.T) {
	long := strings.Repeat("lexicon en:\"idiot\" insult sev 2; ", 12)
	for _, expl := range []string{"", "model: abusive", long} {
		for _, v := range [][2]float64{{0.5, 0.25}, {0.994999, 0.005}, {1, 0}, {0.125, 0.875}} {
			if got, want := agreeNote(expl, v[0], v[1]), expl+fmt.Sprintf(" [detectors agree: %.2f and %.2f]", v[0], v[1]); got != want {
				t.Errorf("agreeNote = %q, want %q", got, want)
			}
			if got, want := weightedNote(expl, v[0], v[1]), fmt.Sprintf("%s (score %.2f weighted ×%.2f)", expl, v[0], v[1]); got != want {
				t.Errorf("weightedNote = %q, want %q", got, want)
			}
		}
	}
	for _, c := range []struct {
		a, b string
		want bool
	}{{"lexicon", "lexicon+model", true}, {"lexicon+model", "model", false}, {"model", "lexicon", false}, {"", "", true}, {"", "a+", true},
		{"pii+spam", "lexicon+spam", false}, {"spam", "lexicon+spam", true}, {"lex", "lexicon", false}, {"model+lexicon", "lexicon+model", true}} {
		if got := within(c.a, c.b); got != c.want {
			t.Errorf("within(%q, %q) = %v", c.a, c.b, got)
		}
	}
	for _, c := range []struct {
		a, b string
		want bool
	}{{"lexicon", "lexicon+model", true}, {"model", "lexicon", false}, {"", "", true}, {"", "a+", true}, {"pii+spam", "lexicon+spam", true}, {"lex", "lexicon", false}} {
		if got := shareDetector(c.a, c.b); got != c.want {
			t.Errorf("shareDetector(%q, %q) = %v", c.a, c.b, got)
		}
	}
}
