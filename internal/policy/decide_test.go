package policy

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/ingest"
)

func sig(c detect.Category, score float64) detect.Signal {
	return detect.Signal{Category: c, Score: score, Detector: "test", Version: "1"}
}

func sigs(pairs ...any) []detect.Signal {
	var out []detect.Signal
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, sig(pairs[i].(detect.Category), pairs[i+1].(float64)))
	}
	return out
}

// decidePolicy exercises priority, stop, shadow, conditions, item fields and
// run-time errors.
const decidePolicy = `policy: Decide test
version: "7"
languages: [en]
default_action: review
templates:
  t: {en: "Hi {{author}}"}
conditions:
  bad_words: score("insult") >= 0.5
  oops: signals[9].score > 0.1
rules:
  - id: LOW
    title: low priority hide
    priority: 1
    when: bad_words
    actions: [hide, {escalate: low}]
    public: {en: low}
  - id: HIGH
    title: high priority review
    priority: 50
    when: bad_words
    actions: [review, {escalate: low}, {reply: t}]
    public: {en: high}
  - id: STOP
    title: spam stops
    priority: 40
    when: found("spam")
    actions: [delete]
    stop: true
    public: {en: stop}
  - id: SHADOW
    title: trial
    priority: 45
    mode: shadow
    when: score("insult") >= 0.9
    actions: [delete, notify_author]
  - id: PRAISE
    title: praise
    priority: 0
    when: score("praise") > 0.5
    actions: [allow]
    public: {en: praise}
  - id: ESC
    title: escalate only
    priority: 0
    when: found("crisis")
    actions: [{escalate: {severity: high, to: crisis_team}}]
    public: {en: esc}
  - id: ITEM
    title: item fields
    priority: 0
    when: item.kind == "review" && item.channel == "google" && lang == "fr" && item.text_length == 4 && item.author_id == "a1" && item.text.contains("mal")
    actions: [review]
    public: {en: item}
  - id: PII
    title: entity
    priority: 0
    when: entity("iban") && score_entity("iban") > 0.8 && severity("pii") == 2 && signals.exists(s, s.entity == "iban" && s.detector == "test")
    actions: [hide]
    public: {en: pii}
  - id: BROKEN
    title: fails at run time
    priority: 30
    when: found("question") && signals[7].score > 0.5
    actions: [hide]
    public: {en: broken}
  - id: CONDERR
    title: fails in a named condition
    priority: 30
    when: found("hate") && oops
    actions: [hide]
    public: {en: conderr}
  - id: COMPUTED
    title: computed category
    priority: 30
    when: found("accusation") && score(item.channel) > 0.5
    actions: [hide]
    public: {en: computed}
`

func TestDecide(t *testing.T) {
	p, err := Parse([]byte(decidePolicy), "decide.yaml")
	if err != nil {
		t.Fatal(err)
	}
	iban := detect.Signal{Category: detect.PII, Score: 0.9, Entity: "iban", Severity: 2, Detector: "test"}
	cases := []struct {
		name        string
		in          Input
		action      Verdict
		rules       []string
		actions     []string // name:rule
		shadow      []string
		errRules    []string
		errContains string
	}{
		{name: "no signal: default action", in: Input{}, action: Review, rules: []string{}},
		{name: "priority order and strongest verdict", in: Input{Signals: sigs(detect.Insult, 0.6)}, action: Hide,
			rules: []string{"HIGH", "LOW"}, actions: []string{"review:HIGH", "escalate:HIGH", "reply:HIGH", "hide:LOW"}},
		{name: "shadow recorded, never acts", in: Input{Signals: sigs(detect.Insult, 0.95)}, action: Hide,
			rules: []string{"HIGH", "LOW"}, shadow: []string{"SHADOW"}},
		{name: "stop skips lower rules", in: Input{Signals: sigs(detect.Insult, 0.6, detect.Spam, 0.1)}, action: Delete,
			rules: []string{"HIGH", "STOP"}, actions: []string{"review:HIGH", "escalate:HIGH", "reply:HIGH", "delete:STOP"}},
		{name: "stop also skips shadow rules below", in: Input{Signals: sigs(detect.Spam, 0.9, detect.Praise, 0.9)}, action: Delete,
			rules: []string{"STOP"}},
		{name: "allow beats default", in: Input{Signals: sigs(detect.Praise, 0.9)}, action: Allow, rules: []string{"PRAISE"}},
		{name: "rule without verdict keeps default", in: Input{Signals: sigs(detect.Crisis, 0.9)}, action: Review,
			rules: []string{"ESC"}, actions: []string{"escalate:ESC"}},
		{name: "item fields", in: Input{Lang: "fr", Channel: "google", Kind: "review", AuthorID: "a1", Text: "mal!"}, action: Review,
			rules: []string{"ITEM"}},
		{name: "entities", in: Input{Signals: []detect.Signal{iban}}, action: Hide, rules: []string{"PII"}},
		{name: "runtime error recorded, others continue", in: Input{Signals: sigs(detect.Question, 0.9, detect.Praise, 0.9)}, action: Allow,
			rules: []string{"PRAISE"}, errRules: []string{"BROKEN"}, errContains: "index"},
		{name: "computed unknown category is a runtime error", in: Input{Channel: "facebook", Signals: sigs(detect.Accusation, 0.9)}, action: Review,
			rules: []string{}, errRules: []string{"COMPUTED"}, errContains: "unknown category"},
		{name: "runtime error inside a named condition", in: Input{Signals: sigs(detect.Hate, 0.9)}, action: Review,
			rules: []string{}, errRules: []string{"CONDERR"}, errContains: "condition oops"},
		{name: "computed known category works", in: Input{Channel: "accusation", Signals: sigs(detect.Accusation, 0.9)}, action: Hide,
			rules: []string{"COMPUTED"}},
		{name: "unknown categories and NaN scores are ignored", in: Input{Signals: []detect.Signal{{Category: "nonsense", Score: 1}, sig(detect.Insult, nan())}},
			action: Review, rules: []string{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := p.Decide(tc.in)
			if d.Action != tc.action {
				t.Errorf("action = %q, want %q (%+v)", d.Action, tc.action, d)
			}
			if tc.rules != nil && !reflect.DeepEqual(d.Rules, tc.rules) {
				t.Errorf("rules = %v, want %v", d.Rules, tc.rules)
			}
			if tc.actions != nil {
				var got []string
				for _, a := range d.Actions {
					got = append(got, string(a.Name)+":"+a.Rule)
				}
				if !reflect.DeepEqual(got, tc.actions) {
					t.Errorf("actions = %v, want %v", got, tc.actions)
				}
			}
			var shadow []string
			for _, s := range d.Shadow {
				shadow = append(shadow, s.Rule)
			}
			if !reflect.DeepEqual(shadow, tc.shadow) {
				t.Errorf("shadow = %v, want %v", shadow, tc.shadow)
			}
			var errRules []string
			for _, e := range d.Errors {
				errRules = append(errRules, e.Rule)
				if !strings.Contains(e.Message, tc.errContains) {
					t.Errorf("error %q does not contain %q", e.Message, tc.errContains)
				}
			}
			if !reflect.DeepEqual(errRules, tc.errRules) {
				t.Errorf("error rules = %v, want %v", errRules, tc.errRules)
			}
			if d.PolicyVersion != "7" {
				t.Errorf("policy version = %q", d.PolicyVersion)
			}
		})
	}
}

func nan() float64 { var z float64; return z / z }

func TestDecideShadowHitDetails(t *testing.T) {
	p, err := Parse([]byte(decidePolicy), "decide.yaml")
	if err != nil {
		t.Fatal(err)
	}
	d := p.Decide(Input{Signals: sigs(detect.Insult, 0.95)})
	if len(d.Shadow) != 1 || d.Shadow[0].Action != Delete || len(d.Shadow[0].Actions) != 2 || d.Shadow[0].Actions[1].Name != ActionNotifyAuthor {
		t.Errorf("shadow = %+v", d.Shadow)
	}
}

// TestDefaultPolicy checks the default policy's behaviour, above all that a
// complaint is never hidden unless it also threatens, exposes someone or is
// hateful.
func TestDefaultPolicy(t *testing.T) {
	p := Default()
	cases := []struct {
		name    string
		signals []detect.Signal
		action  Verdict
		rules   []string
		hasAct  string
	}{
		{"nothing", nil, Allow, []string{}, ""},
		{"threat", sigs(detect.Threat, 0.8), Hide, []string{"R1"}, "escalate"},
		{"doxxing", sigs(detect.Doxxing, 0.7), Hide, []string{"R2"}, "escalate"},
		{"hate", sigs(detect.Hate, 0.8), Hide, []string{"R3"}, ""},
		{"crisis", sigs(detect.Crisis, 0.7), Review, []string{"R4"}, "escalate"},
		{"crisis with a severe insult is not removed", sigs(detect.Crisis, 0.7, detect.Insult, 0.95), Review, []string{"R4"}, "escalate"},
		{"complaint", sigs(detect.Complaint, 0.7), Review, []string{"R5"}, "reply"},
		{"complaint with a severe insult", sigs(detect.Complaint, 0.7, detect.Insult, 0.95), Review, []string{"R5"}, "reply"},
		{"complaint flagged as spam", sigs(detect.Complaint, 0.7, detect.Spam, 0.95), Review, []string{"R5"}, ""},
		{"complaint with sexual content", sigs(detect.Complaint, 0.7, detect.Sexual, 0.9), Review, []string{"R5"}, ""},
		{"complaint with harassment", sigs(detect.Complaint, 0.7, detect.Harassment, 0.9), Review, []string{"R5"}, ""},
		{"complaint with own personal data", sigs(detect.Complaint, 0.7, detect.PII, 0.9), Review, []string{"R5"}, ""},
		{"complaint with a threat", sigs(detect.Complaint, 0.7, detect.Threat, 0.8), Hide, []string{"R1"}, "escalate"},
		{"complaint with doxxing", sigs(detect.Complaint, 0.7, detect.Doxxing, 0.8), Hide, []string{"R2"}, ""},
		{"complaint with hate", sigs(detect.Complaint, 0.7, detect.Hate, 0.8), Hide, []string{"R3"}, ""},
		{"sexual harassment", sigs(detect.Sexual, 0.8), Hide, []string{"R6"}, ""},
		{"harassment of staff", sigs(detect.Harassment, 0.8), Hide, []string{"R7"}, "escalate"},
		{"severe insult", sigs(detect.Insult, 0.9), Hide, []string{"R8"}, ""},
		{"mild insult", sigs(detect.Insult, 0.6), Review, []string{"R9"}, ""},
		{"unsure threat is read first", sigs(detect.Threat, 0.6), Review, []string{"R15"}, ""},
		{"unsure hate is read first", sigs(detect.Hate, 0.55), Review, []string{"R15"}, ""},
		{"unsure sexual remark is read first", sigs(detect.Sexual, 0.6), Review, []string{"R15"}, ""},
		{"unsure harassment is read first", sigs(detect.Harassment, 0.5), Review, []string{"R15"}, ""},
		{"weak threat signal", sigs(detect.Threat, 0.45), Allow, []string{}, ""},
		{"unsure threat in a complaint", sigs(detect.Complaint, 0.7, detect.Threat, 0.6), Review, []string{"R5"}, "reply"},
		{"spam", sigs(detect.Spam, 0.9), Delete, []string{"R10"}, ""},
		{"own personal data", sigs(detect.PII, 0.9), Hide, []string{"R11"}, "notify_author"},
		{"accusation", sigs(detect.Accusation, 0.7), Review, []string{"R12"}, ""},
		{"question", sigs(detect.Question, 0.7), Review, []string{"R13"}, "review"},
		{"praise", sigs(detect.Praise, 0.7), Allow, []string{"R14"}, ""},
		{"praise with severe insult", sigs(detect.Praise, 0.7, detect.Insult, 0.9), Hide, []string{"R8", "R14"}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := p.Decide(Input{Lang: "fr", Signals: tc.signals})
			if d.Action != tc.action || !reflect.DeepEqual(d.Rules, tc.rules) {
				t.Errorf("got %s %v, want %s %v (%+v)", d.Action, d.Rules, tc.action, tc.rules, d)
			}
			if tc.hasAct != "" {
				found := false
				for _, a := range d.Actions {
					found = found || string(a.Name) == tc.hasAct
				}
				if !found {
					t.Errorf("no %s action in %+v", tc.hasAct, d.Actions)
				}
			}
			if len(d.Errors) > 0 {
				t.Errorf("errors: %v", d.Errors)
			}
		})
	}
	// The severity grade turns a mid-score insult into a severe one.
	d := p.Decide(Input{Signals: []detect.Signal{{Category: detect.Insult, Score: 0.6, Severity: 3}}})
	if d.Action != Hide || !reflect.DeepEqual(d.Rules, []string{"R8"}) {
		t.Errorf("graded insult: %+v", d)
	}
	// The question is routed to customer service.
	d = p.Decide(Input{Signals: sigs(detect.Question, 0.9)})
	if len(d.Actions) != 1 || d.Actions[0].Param("queue") != "customer_service" {
		t.Errorf("question actions: %+v", d.Actions)
	}
}

// TestDefaultNeverHidesComplaints checks the invariant over many random
// signal mixes: a complaint the default policy recognises is never hidden or
// deleted unless a threat, doxxing or hate rule fired.
func TestDefaultNeverHidesComplaints(t *testing.T) {
	p := Default()
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20000; i++ {
		var ss []detect.Signal
		for _, c := range detect.Categories {
			if rng.IntN(3) == 0 {
				ss = append(ss, detect.Signal{Category: c, Score: rng.Float64(), Severity: rng.IntN(4)})
			}
		}
		ss = append(ss, sig(detect.Complaint, 0.6+0.4*rng.Float64()))
		d := p.Decide(Input{Signals: ss})
		if d.Action.Rank() <= Review.Rank() {
			continue
		}
		serious := false
		for _, r := range d.Rules {
			serious = serious || r == "R1" || r == "R2" || r == "R3"
		}
		if !serious {
			t.Fatalf("complaint removed without threat/doxxing/hate: %+v for %+v", d, ss)
		}
	}
}

func TestDecideDeterministicAndConcurrent(t *testing.T) {
	p := Default()
	inputs := []Input{
		{Signals: sigs(detect.Insult, 0.9, detect.Complaint, 0.2)},
		{Signals: sigs(detect.Complaint, 0.9)},
		{Signals: sigs(detect.Threat, 0.9, detect.Doxxing, 0.9, detect.Hate, 0.9)},
		{},
	}
	want := make([]Decision, len(inputs))
	for i, in := range inputs {
		want[i] = p.Decide(in)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; n < 200; n++ {
				i := n % len(inputs)
				if got := p.Decide(inputs[i]); !reflect.DeepEqual(got, want[i]) {
					t.Errorf("decision %d changed: %+v vs %+v", i, got, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestDecisionJSON(t *testing.T) {
	d := Default().Decide(Input{Signals: sigs(detect.Insult, 0.93)})
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), `{"action":"hide","rules":["R8"],"actions":[{"name":"hide","rule":"R8"}]`) {
		t.Errorf("json = %s", b)
	}
	b, _ = json.Marshal(Default().Decide(Input{}))
	if !strings.HasPrefix(string(b), `{"action":"allow","rules":[],`) {
		t.Errorf("json = %s", b)
	}
}

func TestNilPolicyDecide(t *testing.T) {
	var p *Policy
	if d := p.Decide(Input{}); d.Action != Allow || len(d.Errors) != 1 {
		t.Errorf("nil policy: %+v", d)
	}
}

func TestInputFor(t *testing.T) {
	it := &ingest.Item{Channel: "mastodon", Kind: ingest.KindReply, Text: "x", AuthorID: "@a", Lang: "nl"}
	in := InputFor(it, "", nil)
	if in.Lang != "nl" || in.Kind != "reply" || in.Channel != "mastodon" || in.AuthorID != "@a" || in.Text != "x" {
		t.Errorf("InputFor = %+v", in)
	}
	if InputFor(it, "fr", nil).Lang != "fr" {
		t.Error("explicit lang not used")
	}
}

func TestReplyText(t *testing.T) {
	p := Default()
	got, err := p.ReplyText("pii_notice", "fr-CA", "R11", map[string]string{"author": "Léa"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got, "Bonjour Léa, nous avons masqué votre message (règle R11)") {
		t.Errorf("ReplyText = %q", got)
	}
	if got, _ := p.ReplyText("ack_complaint", "nn", "", nil); !strings.HasPrefix(got, "Hei {{author}},") {
		t.Errorf("nn fallback / missing var = %q", got)
	}
	if _, err := p.ReplyText("nope", "fr", "", nil); err == nil {
		t.Error("unknown template accepted")
	}
	if _, err := p.ReplyText("ack_complaint", "es", "", nil); err == nil || !strings.Contains(err.Error(), "fr, nl, sv, nb, en, de") {
		t.Errorf("unknown language: %v", err)
	}
}

func BenchmarkDecide(b *testing.B) {
	p := Default()
	inputs := []Input{
		{Lang: "fr", Channel: "facebook", Kind: "comment", Text: "Vous êtes des incompétents, mon chien est mort",
			Signals: []detect.Signal{sig(detect.Insult, 0.7), sig(detect.Complaint, 0.8), sig(detect.Crisis, 0.4)}},
		{Lang: "en", Text: "Thank you so much!", Signals: sigs(detect.Praise, 0.9)},
		{Lang: "nl", Text: "Ik weet waar je woont", Signals: sigs(detect.Threat, 0.85, detect.Doxxing, 0.3)},
		{Lang: "sv", Text: "När öppnar ni?", Signals: sigs(detect.Question, 0.8)},
		{Lang: "de", Text: "Hallo"},
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		p.Decide(inputs[i%len(inputs)])
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "decisions/s")
}

func BenchmarkDecideParallel(b *testing.B) {
	p := Default()
	in := Input{Lang: "fr", Signals: []detect.Signal{sig(detect.Insult, 0.7), sig(detect.Complaint, 0.8)}}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			p.Decide(in)
		}
	})
}

func BenchmarkParseDefault(b *testing.B) {
	data := DefaultYAML()
	for b.Loop() {
		if _, err := Parse(data, DefaultFile); err != nil {
			b.Fatal(err)
		}
	}
}
