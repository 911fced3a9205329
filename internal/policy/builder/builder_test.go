package builder

import (
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/policy"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const testVersion = "2026-11-21.1"

// leftover finds a placeholder or a text key that was not filled in.
var leftover = regexp.MustCompile(`\{(org|who|help|emergency|speak|version)\}|\b(rule|pub|int|conf|aud|tpl|preset|opt|q)\.[a-z_]+\.?[a-z_]*\b`)

func build(t *testing.T, k Kind, lang string, edit func(*Answers)) Result {
	t.Helper()
	a, err := Preset(k, lang)
	if err != nil {
		t.Fatalf("Preset(%s, %s): %v", k, lang, err)
	}
	if edit != nil {
		edit(&a)
	}
	r, err := Build(a, testVersion)
	if err != nil {
		t.Fatalf("Build(%s, %s): %v", k, lang, err)
	}
	return r
}

// Every starting point in every language gives a policy that parses, lints
// without a single problem, and whose public guidelines promise exactly
// what the policy file enforces.
func TestEveryStartingPointLintsClean(t *testing.T) {
	for _, k := range Kinds {
		for _, lang := range Languages {
			t.Run(string(k)+"/"+lang, func(t *testing.T) {
				r := build(t, k, lang, nil)
				checkResult(t, r)
			})
		}
	}
}

// All six languages at once: every public text exists in each.
func TestAllLanguages(t *testing.T) {
	for _, k := range Kinds {
		r := build(t, k, "nb", func(a *Answers) { a.Extra = []string{"de", "fr", "nb", "en", "sv", "nl", "nl"} })
		if got := r.Answers.Languages(); !slices.Equal(got, []string{"nb", "fr", "nl", "sv", "en", "de"}) {
			t.Fatalf("languages = %v", got)
		}
		checkResult(t, r)
	}
}

func checkResult(t *testing.T, r Result) {
	t.Helper()
	if probs := policy.Lint(r.PolicyYAML, "built.yaml"); len(probs) > 0 {
		for _, p := range probs {
			t.Errorf("lint: %s", p)
		}
		t.Fatalf("policy:\n%s", r.PolicyYAML)
	}
	p, err := policy.Parse(r.PolicyYAML, "built.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if p.Version() != testVersion || p.Name() != r.Answers.Name {
		t.Errorf("policy %q version %q", p.Name(), p.Version())
	}
	if !slices.Equal(p.Languages(), r.Answers.Languages()) {
		t.Errorf("policy languages %v, answers %v", p.Languages(), r.Answers.Languages())
	}
	for _, l := range r.Answers.Languages() {
		doc, ok := r.Public[l]
		if !ok {
			t.Fatalf("no public guidelines in %s", l)
		}
		var anchors []string
		var paras []string
		for _, b := range ParseDoc(doc) {
			if b.RuleID != "" {
				anchors = append(anchors, b.RuleID)
			}
			if b.Kind == Paragraph {
				paras = append(paras, b.Text)
			}
		}
		if !slices.Equal(anchors, r.Rules) {
			t.Errorf("%s: rule anchors %v, rules %v", l, anchors, r.Rules)
		}
		for _, id := range r.Rules {
			rule, ok := p.Rule(id)
			if !ok {
				t.Fatalf("rule %s not in the policy", id)
			}
			text, _ := rule.PublicText(l)
			if !slices.Contains(paras, text) {
				t.Errorf("%s: the guidelines do not carry rule %s's public text %q", l, id, text)
			}
		}
		if m := leftover.FindString(doc); m != "" {
			t.Errorf("%s public guidelines: %q left over", l, m)
		}
	}
	if m := leftover.FindString(r.Internal); m != "" {
		t.Errorf("internal guidelines: %q left over", m)
	}
	if m := leftover.FindString(string(r.PolicyYAML)); m != "" {
		t.Errorf("policy: %q left over", m)
	}
	for _, id := range []string{"speak", "personal", "confidential", "sources", "security", "storm"} {
		if !strings.Contains(r.Internal, "{#"+id+"}") {
			t.Errorf("internal guidelines lack the %s section", id)
		}
	}
}

// A text missing in one language would show English in the middle of a
// French page: every language has exactly the English keys.
func TestTextsComplete(t *testing.T) {
	for _, l := range Languages {
		for k := range textsEN {
			if _, ok := texts[l][k]; !ok {
				t.Errorf("%s: missing %q", l, k)
			}
		}
		for k, v := range texts[l] {
			if _, ok := textsEN[k]; !ok {
				t.Errorf("%s: %q is not an English key", l, k)
			}
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s: %q is empty", l, k)
			}
		}
	}
	for _, l := range Languages {
		for _, q := range Questions(l) {
			if q.Label == "" {
				t.Errorf("%s: question %s has no label", l, q.Field)
			}
			for _, o := range q.Options {
				if o.Label == "" {
					t.Errorf("%s: %s option %s has no label", l, q.Field, o.Value)
				}
			}
		}
		for _, s := range Steps {
			if StepTitle(l, s) == "" {
				t.Errorf("%s: step %d has no title", l, s)
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	a := build(t, Shelter, "fr", nil)
	b := build(t, Shelter, "fr", nil)
	if string(a.PolicyYAML) != string(b.PolicyYAML) || a.Internal != b.Internal || a.Public["fr"] != b.Public["fr"] {
		t.Fatal("two builds of the same answers differ")
	}
}

// The starting points differ where the seeds say they must.
func TestStartingPoints(t *testing.T) {
	shelter := build(t, Shelter, "fr", nil)
	muni := build(t, Municipality, "sv", nil)
	clinic := build(t, VetClinic, "en", nil)
	if !slices.Contains(shelter.Rules, "R4") || slices.Contains(muni.Rules, "R4") {
		t.Errorf("only the shelter protects locations: shelter %v, municipality %v", shelter.Rules, muni.Rules)
	}
	if !strings.Contains(shelter.Internal, "{#help}") || strings.Contains(clinic.Internal, "{#help}") {
		t.Error("requests for help are redirected by the shelter, not the clinic")
	}
	if !strings.Contains(muni.Public["sv"], "yttrandefriheten") || !strings.Contains(muni.Public["sv"], "allmänna handlingar") {
		t.Errorf("the municipality's guidelines must respect freedom of expression and public records:\n%s", muni.Public["sv"])
	}
	if !strings.Contains(muni.Internal, "allmänna handlingar") || strings.Contains(clinic.Internal, "public records") {
		t.Error("only the municipality's staff keep comments as public records")
	}
	if !strings.Contains(shelter.Internal, "surveiller") {
		t.Error("the shelter's staff guidelines must forbid watching survivors' accounts")
	}

	decide := func(r Result, sigs ...detect.Signal) policy.Decision {
		p, err := policy.Parse(r.PolicyYAML, "x")
		if err != nil {
			t.Fatal(err)
		}
		return p.Decide(policy.Input{Signals: sigs, Lang: r.Answers.Lang})
	}
	sig := func(c detect.Category, score float64, entity string) detect.Signal {
		return detect.Signal{Category: c, Score: score, Entity: entity}
	}
	tests := []struct {
		name   string
		r      Result
		sigs   []detect.Signal
		action policy.Verdict
		rule   string
	}{
		{"shelter hides an address, even in a complaint", shelter, []detect.Signal{sig(detect.PII, 0.5, "address"), sig(detect.Complaint, 0.9, "")}, policy.Hide, "R4"},
		{"shelter hides a mild insult", shelter, []detect.Signal{sig(detect.Insult, 0.55, "")}, policy.Hide, "R10"},
		{"municipality reads a mild insult first", muni, []detect.Signal{sig(detect.Insult, 0.55, "")}, policy.Review, "R10"},
		{"municipality keeps harsh criticism", muni, []detect.Signal{sig(detect.Complaint, 0.8, ""), sig(detect.Insult, 0.9, "")}, policy.Review, "R6"},
		{"a threat is always hidden", muni, []detect.Signal{sig(detect.Threat, 0.9, "")}, policy.Hide, "R1"},
		{"praise stays", clinic, []detect.Signal{sig(detect.Praise, 0.9, "")}, policy.Allow, "R15"},
	}
	for _, tt := range tests {
		d := decide(tt.r, tt.sigs...)
		if d.Action != tt.action || len(d.Rules) == 0 || d.Rules[0] != tt.rule {
			t.Errorf("%s: %s %v, want %s by %s", tt.name, d.Action, d.Rules, tt.action, tt.rule)
		}
	}
}

func TestNormalize(t *testing.T) {
	good, _ := Preset(Company, "de")
	tests := []struct {
		name  string
		edit  func(*Answers)
		field string
	}{
		{"unknown kind", func(a *Answers) { a.Kind = "bakery" }, "kind"},
		{"unknown language", func(a *Answers) { a.Lang = "xx" }, "lang"},
		{"unknown extra language", func(a *Answers) { a.Extra = []string{"it"} }, "extra"},
		{"empty name", func(a *Answers) { a.Name = " \n\t" }, "name"},
		{"long name", func(a *Answers) { a.Name = strings.Repeat("é", maxName+1) }, "name"},
		{"no spokespeople", func(a *Answers) { a.Spokespeople = "" }, "spokespeople"},
		{"no help contact", func(a *Answers) { a.HelpContact = "" }, "help_contact"},
		{"no emergency number", func(a *Answers) { a.Emergency = "" }, "emergency"},
		{"bad strictness", func(a *Answers) { a.Strictness = "ban" }, "strictness"},
		{"bad response time", func(a *Answers) { a.ResponseTime = "never" }, "response_time"},
		{"bad coverage", func(a *Answers) { a.Coverage = "" }, "coverage"},
		{"bad never", func(a *Answers) { a.Never = []string{"threats"} }, "never"},
		{"bad audience", func(a *Answers) { a.Audiences = []string{"aliens"} }, "audiences"},
		{"bad confidential", func(a *Answers) { a.Confidential = []string{"x"} }, "confidential"},
	}
	for _, tt := range tests {
		a := good
		tt.edit(&a)
		_, err := Build(a, testVersion)
		var es Errors
		if !errors.As(err, &es) || !slices.ContainsFunc(es, func(e FieldError) bool { return e.Field == tt.field }) {
			t.Errorf("%s: error %v, want one about %s", tt.name, err, tt.field)
		}
	}
	if _, err := Build(good, " "); !errors.Is(err, ErrNoVersion) {
		t.Errorf("no version: %v", err)
	}
	if _, err := Preset("bakery", "fr"); err == nil {
		t.Error("Preset of an unknown kind")
	}
	if a, err := Preset(Shelter, "no"); err != nil || a.Lang != "nb" {
		t.Errorf("Norwegian preset: %+v, %v", a.Lang, err)
	}
}

// Free text cannot break the YAML, a template or the guidelines.
func TestHostileFreeText(t *testing.T) {
	r := build(t, Care, "nl", func(a *Answers) {
		a.Name = "Zorg \"De Eik\" {{author}} # not a comment\n- id: X"
		a.HelpContact = "bel {{rule}} of kijk op https://example.org/hulp?a=1&b=2 : nu"
		a.Spokespeople = "## R1 · fake {#R1}\n- a list"
		a.Protected = "\x00\x1b[31mrood\u2028lijn"
		a.ConfidentialNote = "{{organization}} # {x}"
	})
	checkResult(t, r)
	if strings.Contains(r.Internal, "\x00") || strings.Contains(r.Internal, "\u2028") {
		t.Error("control characters reached the guidelines")
	}
	for _, b := range ParseDoc(r.Internal) {
		if b.Kind == Heading && strings.Contains(b.Text, "fake") {
			t.Errorf("free text became a heading: %+v", b)
		}
	}
}

func TestGolden(t *testing.T) {
	for _, g := range []struct {
		kind Kind
		lang string
	}{{Shelter, "fr"}, {Municipality, "sv"}, {Company, "nb"}, {VetClinic, "de"}} {
		r := build(t, g.kind, g.lang, nil)
		base := filepath.Join("testdata", string(g.kind)+"."+g.lang)
		for suffix, got := range map[string]string{".policy.yaml": string(r.PolicyYAML), ".public.md": r.Public[g.lang], ".internal.md": r.Internal} {
			path := base + suffix
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to write it)", err)
			}
			if string(want) != got {
				ins, del := Changed(Diff(string(want), got))
				t.Errorf("%s differs from the build (+%d -%d lines); run go test -update and review the diff", path, ins, del)
			}
		}
	}
}

func TestAnswersJSON(t *testing.T) {
	a, _ := Preset(Shelter, "fr")
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var back Answers
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	r1, _ := Build(a, testVersion)
	r2, _ := Build(back, testVersion)
	if string(r1.PolicyYAML) != string(r2.PolicyYAML) {
		t.Error("answers do not survive JSON")
	}
}

// FuzzBuild: answers come from a form or stored JSON; whatever they hold,
// Build either refuses them or writes a policy that lints clean.
func FuzzBuild(f *testing.F) {
	for _, k := range Kinds {
		a, _ := Preset(k, "fr")
		b, _ := json.Marshal(a)
		f.Add(b)
	}
	f.Add([]byte(`{"kind":"shelter","name":"\"x\": {{y}}","lang":"nn","strictness":"hide","spokespeople":"a","response_time":"same_day","coverage":"always","help_contact":"h","emergency":"112"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var a Answers
		if json.Unmarshal(data, &a) != nil {
			return
		}
		r, err := Build(a, testVersion)
		if err != nil {
			return
		}
		if probs := policy.Lint(r.PolicyYAML, "fuzz.yaml"); len(probs) > 0 {
			t.Fatalf("built policy has problems: %v\n%s", probs, r.PolicyYAML)
		}
	})
}

func BenchmarkBuild(b *testing.B) {
	a, _ := Preset(Shelter, "fr")
	a.Extra = []string{"en", "nl"}
	for b.Loop() {
		if _, err := Build(a, testVersion); err != nil {
			b.Fatal(err)
		}
	}
}
