package policy

import (
	"errors"
	"strings"
	"testing"
)

// validPolicy is a small correct policy the error cases are built from.
const validPolicy = `policy: Test rules
version: "1"
languages: [fr, en]
templates:
  ack:
    fr: "Bonjour {{author}}"
    en: "Hello {{author}}"
rules:
  - id: R1
    title: Threats
    priority: 100
    when: score("threat") >= 0.7
    actions: [hide, {reply: ack}]
    public:
      fr: "Menaces masquées."
      en: "Threats are hidden."
`

func TestValidPolicyParses(t *testing.T) {
	p, err := Parse([]byte(validPolicy), "ok.yaml")
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if p.Name() != "Test rules" || p.Version() != "1" || p.DefaultAction() != Allow {
		t.Errorf("got name %q version %q default %q", p.Name(), p.Version(), p.DefaultAction())
	}
	if probs := Lint([]byte(validPolicy), "ok.yaml"); len(probs) != 0 {
		t.Errorf("Lint of a valid policy: %v", probs)
	}
	r, ok := p.Rule("R1")
	if !ok || r.Verdict() != Hide || len(r.Actions) != 2 || r.Actions[1].Param("template") != "ack" || r.Line != 9 {
		t.Errorf("rule R1 = %+v", r)
	}
}

func TestEmbeddedPoliciesAreClean(t *testing.T) {
	for name, data := range map[string][]byte{DefaultFile: DefaultYAML(), ExampleClinicFile: ExampleClinicYAML()} {
		if probs := Lint(data, name); len(probs) != 0 {
			for _, p := range probs {
				t.Errorf("%s", p)
			}
		}
	}
	if Default() == nil || len(Default().Rules()) < 14 {
		t.Fatal("default policy missing rules")
	}
	if _, err := ExampleClinic(); err != nil {
		t.Fatal(err)
	}
}

// replaceLine substitutes one line of validPolicy (1-based) to build an
// erroneous variant whose error line is known.
func replaceLine(line int, text string) string {
	lines := strings.Split(validPolicy, "\n")
	lines[line-1] = text
	return strings.Join(lines, "\n")
}

func TestParseErrors(t *testing.T) {
	// at is the text the error must point at on that line ("" for column 1,
	// "*" for any column).
	type want struct {
		line int
		at   string
		msg  string
	}
	cases := []struct {
		name string
		src  string
		want []want
	}{
		{"empty file", "", []want{{1, "", "empty"}}},
		{"not a mapping", "- a\n- b\n", []want{{1, "", "must be a list of key: value lines"}}},
		{"yaml tab indentation", strings.Replace(validPolicy, "    title: Threats", "\ttitle: Threats", 1), []want{{10, "", "tab"}}},
		{"yaml unquoted colon", replaceLine(15, "      fr: Règle : menaces"), []want{{15, "", "in quotes"}}},
		{"yaml leading bang", replaceLine(12, `    when: !found("spam")`), []want{{12, "", "YAML"}}},
		{"tag from leading bang", replaceLine(12, `    when: !serious`), []want{{12, `!serious`, "tag"}}},
		{"invalid utf-8", "policy: \xff\n", []want{{1, "", "UTF-8"}}},
		{"unknown top key", strings.Replace(validPolicy, "policy:", "polcy:", 1), []want{{1, "", `unknown key "polcy"`}, {1, "", "did you mean \"policy\""}}},
		{"unknown rule key", replaceLine(12, `    whne: score("threat") >= 0.7`), []want{{12, "whne", `unknown key "whne" in rule R1; did you mean "when"?`}}},
		{"missing id", replaceLine(9, "  - title2: x"), []want{{9, "title2", "has no id"}}},
		{"missing title", replaceLine(10, "    note: x"), []want{{9, "id: R1", "rule R1 has no title"}}},
		{"missing when", replaceLine(12, "    note: x"), []want{{9, "id: R1", "rule R1 has no when"}}},
		{"missing actions", replaceLine(13, "    note: x"), []want{{9, "id: R1", "rule R1 has no actions"}}},
		{"missing public", strings.Split(validPolicy, "    public:")[0], []want{{9, "id: R1", "no public wording"}}},
		{"missing version", strings.Replace(validPolicy, "version: \"1\"\n", "", 1), []want{{1, "", "missing version"}}},
		{"missing languages", strings.Replace(validPolicy, "languages: [fr, en]\n", "", 1), []want{{1, "", "missing languages"}}},
		{"bad language code", replaceLine(3, "languages: [fr, English]"), []want{{3, "English", "not a language code"}}},
		{"invalid default action", strings.Replace(validPolicy, "languages: [fr, en]", "languages: [fr, en]\ndefault_action: remove", 1), []want{{4, "remove", `default_action "remove" is not a verdict`}}},
		{"duplicate ids", validPolicy + strings.Join(strings.Split(validPolicy, "\n")[8:], "\n"), []want{{17, "id: R1", `duplicate rule id "R1" (first used at line 9)`}}},
		{"duplicate key", replaceLine(11, "    title: Again"), []want{{11, "title: Again", `duplicate key "title"`}}},
		{"invalid mode", replaceLine(11, "    mode: enforcing"), []want{{11, "enforcing", `mode "enforcing" is not valid`}}},
		{"invalid priority", replaceLine(11, "    priority: high"), []want{{11, "high", "priority"}}},
		{"invalid stop", replaceLine(11, "    stop: maybe"), []want{{11, "maybe", "stop must be true or false"}}},
		{"invalid action", replaceLine(13, "    actions: [hide, ban]"), []want{{13, "ban]", `unknown action "ban"`}}},
		{"action typo", replaceLine(13, "    actions: [hide, escalat]"), []want{{13, "escalat", `did you mean "escalate"?`}}},
		{"reply unknown template", replaceLine(13, "    actions: [hide, {reply: ack2}]"), []want{{13, "ack2", `template "ack2", which is not defined`}}},
		{"reply without template", replaceLine(13, "    actions: [hide, reply]"), []want{{13, "reply", "reply needs a template"}}},
		{"action param unknown", replaceLine(13, "    actions: [{escalate: {level: high}}]"), []want{{13, "level", `no parameter "level"`}}},
		{"action param value", replaceLine(13, "    actions: [{escalate: urgent}]"), []want{{13, "urgent", `severity "urgent" is not valid`}}},
		{"parameter on a bare action", replaceLine(13, "    actions: [{hide: now}]"), []want{{13, "now", "takes no parameter"}}},
		{"cel syntax error", replaceLine(12, `    when: score("threat") >= 0.7 and found("hate")`), []want{{12, "and", "&&, ||, !"}}},
		{"cel single equals", replaceLine(12, `    when: item.kind = "review"`), []want{{12, "*", "=="}}},
		{"cel unknown function", replaceLine(12, `    when: scor("threat") >= 0.7`), []want{{12, "scor", `unknown name "scor"; did you mean "score"?`}}},
		{"cel category as name", replaceLine(12, `    when: threat >= 0.7`), []want{{12, "threat >=", `score("threat")`}}},
		{"cel non-bool", replaceLine(12, `    when: score("threat")`), []want{{12, "score(", "must give true or false"}}},
		{"cel string comparison", replaceLine(12, `    when: score("threat") >= "0.7"`), []want{{12, "*", "without quotes"}}},
		{"unknown category", replaceLine(12, `    when: score("threat") >= 0.7 || found("thret")`), []want{{12, `"thret"`, `unknown category "thret" in found(); did you mean "threat"?`}}},
		{"unknown category beside a type error", replaceLine(12, `    when: score("insults") + 1`), []want{{12, `"insults"`, `unknown category "insults"`}, {12, "+", "no matching overload for '+'"}}},
		{"unknown item field", replaceLine(12, `    when: item.chanel == "facebook"`), []want{{12, "chanel", "undefined field 'chanel'"}}},
		{"error inside a block condition", replaceLine(12, "    when: |\n      score(\"threat\") >= 0.7 &&\n        found(\"spamm\")"), []want{{14, `"spamm"`, `unknown category "spamm"`}}},
		{"error inside a folded condition", replaceLine(12, "    when: >\n      score(\"threat\") >= 0.7\n      && scor(\"spam\")"), []want{{14, "scor", `unknown name "scor"`}}},
		{"error inside a quoted condition", replaceLine(12, `    when: "score('threat') >= 0.7 && found('x')"`), []want{{12, "'x'", `unknown category "x"`}}},
		{"public wording missing a language", replaceLine(16, "      de: \"Drohungen.\""), []want{{15, "fr:", "has no text in en"}}},
		{"public wording empty", replaceLine(16, `      en: ""`), []want{{16, `""`, "is empty"}}},
		{"template missing a language", replaceLine(7, `    de: "Hallo"`), []want{{6, "fr:", "template ack has no text in en"}}},
		{"template unbalanced", replaceLine(7, `    en: "Hello {{author"`), []want{{7, `"Hello`, "unbalanced"}}},
		{"bad condition name", strings.Replace(validPolicy, "rules:", "conditions:\n  score: found(\"spam\")\nrules:", 1), []want{{9, "score:", `condition name "score" is already taken`}}},
		{"condition syntax error", strings.Replace(validPolicy, "rules:", "conditions:\n  bad: found(\"spam\") &&\nrules:", 1), []want{{9, "*", "condition bad"}}},
		{"rules not a list", strings.Split(validPolicy, "rules:")[0] + "rules:\n  id: R1\n", []want{{9, "id: R1", "rules must be a list"}}},
		{"merge key", strings.Replace(validPolicy, "  - id: R1", "  - <<: {}\n    id: R1", 1), []want{{9, "<<", "merge keys"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.src), "p.yaml")
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Parse error = %v (%T), want an ErrorList", err, err)
			}
			srcLines := strings.Split(tc.src, "\n")
			for _, w := range tc.want {
				col := 1
				switch {
				case w.at == "*":
					col = 0
				case w.at != "" && w.line <= len(srcLines):
					col = len([]rune(srcLines[w.line-1][:max(strings.Index(srcLines[w.line-1], w.at), 0)])) + 1
				}
				found := false
				for _, p := range list {
					if p.Line == w.line && (col == 0 || p.Col == col) && strings.Contains(p.Message, w.msg) && p.Severity == SeverityError {
						found = true
					}
				}
				if !found {
					t.Errorf("want an error at %d:%d (%q) containing %q; got:\n%v", w.line, col, w.at, w.msg, list)
				}
			}
			for _, p := range list {
				if p.File != "p.yaml" || p.Line < 1 || p.Col < 1 || p.Message == "" {
					t.Errorf("malformed problem %+v", p)
				}
			}
		})
	}
}

// TestParseReportsEveryError checks that errors in different places are all
// reported in one pass, in file order.
func TestParseReportsEveryError(t *testing.T) {
	src := `policy: Many errors
version: "1"
languages: [fr]
rules:
  - id: A
    title: a
    whne: found("spam")
    actions: [hide]
    public: {fr: x}
  - id: A
    title: b
    when: found("spam")
    actions: [hyde]
    public: {fr: x}
  - id: C
    title: c
    mode: shade
    when: score("spam") > "x"
    actions: [review]
`
	_, err := Parse([]byte(src), "many.yaml")
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("err = %v", err)
	}
	wantLines := []int{7, 10, 13, 15, 17, 18}
	var got []int
	for _, p := range list {
		got = append(got, p.Line)
	}
	for _, l := range wantLines {
		if !containsInt(got, l) {
			t.Errorf("no error on line %d; got %v", l, list)
		}
	}
	for i := 1; i < len(list); i++ {
		if list[i].Line < list[i-1].Line {
			t.Errorf("problems not sorted: %v", list)
		}
	}
	if !strings.HasPrefix(err.Error(), "many.yaml:") || strings.Count(err.Error(), "\n") != len(list)-1 {
		t.Errorf("Error() = %q", err.Error())
	}
}

func containsInt(s []int, x int) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}

func TestLintWarnings(t *testing.T) {
	src := `policy: Warnings
version: "1"
languages: [fr, es]
templates:
  unused:
    fr: "x"
    es: "y"
conditions:
  spammy: found("spam")
rules:
  - id: W1
    title: shadow with stop
    mode: shadow
    stop: true
    when: found("spam")
    actions: [hide]
  - id: W2
    title: percent threshold
    when: score("insult") >= 70
    actions: [review]
    public: {fr: a, es: b, de: c}
  - id: W3
    title: never
    when: false && found("spam")
    actions: [review, hide]
    public: {fr: a, es: b}
  - id: W4
    title: catch all
    priority: -1
    when: "true"
    stop: true
    actions: [allow]
    public: {fr: a, es: b}
  - id: W5
    title: unreachable
    priority: -2
    when: entity("passport") || score_entity("iban") > 1
    actions: [review]
    public: {fr: a, es: b}
`
	probs := Lint([]byte(src), "w.yaml")
	wants := []struct {
		line int
		msg  string
	}{
		{3, `no built-in guideline headings in "es"`},
		{5, "template unused is not used"},
		{9, "condition spammy is not used"},
		{11, "W1 has no public wording yet"},
		{14, "shadow rule with stop: true"},
		{19, "never true: scores are between 0 and 1; did you mean 0.7?"},
		{21, `text in "de", which is not in languages`},
		{24, "W3 can never fire"},
		{25, "several verdicts"},
		{34, "rule W5 is never evaluated: rule W4 above it matches every item"},
		{37, `no built-in detector reports the entity "passport"`},
		{37, "never true"},
	}
	for _, w := range wants {
		found := false
		for _, p := range probs {
			if p.Line == w.line && strings.Contains(p.Message, w.msg) && p.Severity == SeverityWarning {
				found = true
			}
		}
		if !found {
			t.Errorf("want a warning on line %d containing %q; got:\n%v", w.line, w.msg, ErrorList(probs))
		}
	}
	for _, p := range probs {
		if p.Severity == SeverityError {
			t.Errorf("unexpected error %v", p)
		}
	}
	p, err := Parse([]byte(src), "w.yaml")
	if err != nil {
		t.Fatalf("warnings must not fail Parse: %v", err)
	}
	if len(p.Warnings()) != len(probs) {
		t.Errorf("Warnings() has %d, Lint %d", len(p.Warnings()), len(probs))
	}
}

func TestProblemString(t *testing.T) {
	p := Problem{File: "rules.yaml", Line: 12, Col: 7, Severity: SeverityError, Message: "bad"}
	if got, want := p.String(), "rules.yaml:12:7: error: bad"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestTooLarge(t *testing.T) {
	_, err := Parse(make([]byte, MaxFileSize+1), "big.yaml")
	if err == nil || !strings.Contains(err.Error(), "at most") {
		t.Errorf("err = %v", err)
	}
}
