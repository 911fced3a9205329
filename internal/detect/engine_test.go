package detect

import (
	"context"
	"errors"
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
