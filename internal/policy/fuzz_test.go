package policy

import (
	"io"
	"strings"
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// FuzzParse feeds arbitrary bytes to the policy parser: policy files are
// outside input and must never crash the process. parse recovers from panics
// as an "internal error" problem, so such a problem counts as a failure here.
// When a mutated file still parses, deciding and rendering must not fail.
func FuzzParse(f *testing.F) {
	// Small seeds: when the fuzzer finds new coverage it minimizes the input,
	// which on a 16 KB policy takes longer than a short fuzz run. The
	// embedded policies are covered by their own tests.
	f.Add([]byte(validPolicy))
	f.Add([]byte(decidePolicy))
	f.Add([]byte("policy: x\nversion: 1\nlanguages: [fr]\nrules:\n  - id: A\n    title: t\n    when: |\n      found(\"spam\") &&\n        score('x') > 2\n    actions: [{reply: {template: q}}]\n"))
	f.Add([]byte("a: &x [*x]\nb: *x\n"))
	f.Add([]byte("rules: [{id: A, when: \"item.text.matches('(a+)+$')\"}]\n"))
	f.Add([]byte("\t- : : \"\n"))
	inputs := []Input{
		{},
		{Lang: "fr", Channel: "c", Kind: "review", Text: "é", Signals: []detect.Signal{
			{Category: detect.Insult, Score: 0.9, Severity: 3}, {Category: detect.PII, Score: 0.7, Entity: "iban"},
			{Category: detect.Complaint, Score: 1}}},
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, probs := parse(data, "fuzz.yaml")
		for _, p := range probs {
			if strings.Contains(p.Message, "internal error") {
				t.Fatalf("parser panicked: %s", p)
			}
			if p.Line < 1 || p.Col < 1 {
				t.Fatalf("bad position: %+v", p)
			}
		}
		if p == nil {
			return
		}
		for _, in := range inputs {
			d := p.Decide(in)
			if d.Action.Rank() == 0 {
				t.Fatalf("decision without a verdict: %+v", d)
			}
			for _, e := range d.Errors {
				if strings.Contains(e.Message, "panicked") {
					t.Fatalf("condition panicked: %s", e.Message)
				}
			}
		}
		for _, l := range p.Languages() {
			if err := p.Render(io.Discard, l); err != nil {
				t.Fatalf("render %s: %v", l, err)
			}
		}
	})
}
