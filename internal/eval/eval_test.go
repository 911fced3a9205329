package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"
)

// fake answers from a table keyed by text; unknown texts get an empty
// prediction with action allow.
type fake map[string]Prediction

func (f fake) classify(_ context.Context, text, lang string) (Prediction, error) {
	p, ok := f[text]
	if !ok {
		return Prediction{Lang: lang, Action: "allow"}, nil
	}
	if p.Lang == "" {
		p.Lang = lang
	}
	return p, nil
}

func sc(kv ...any) map[string]float64 {
	m := map[string]float64{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1].(float64)
	}
	return m
}

func jsonl(lines ...string) *strings.Reader {
	return strings.NewReader(strings.Join(lines, "\n") + "\n")
}

// The hand-computed set. Gold, prediction and outcome per example:
//
//	a fr insult            remove | insult .9 hide           insult TP; remove TP
//	b fr insult+harassment remove | insult .6 review         insult TP, harassment FN; remove FN
//	c fr complaint         keep   | complaint .8 insult .55 hide  complaint TP, insult FP; remove FP; complaint removed
//	d nl complaint+crisis  keep   | complaint .7 crisis .4 review complaint TP, crisis FN; remove TN
//	e nl none              keep   | allow, lang en            remove TN; lang wrong
//	f nl threat            remove | threat .5 hide            threat TP (at threshold); remove TP
//	g nl complaint+insult  keep   | insult .9 hide            insult TP, complaint FN; remove FP (not a pure complaint)
var handSet = []string{
	`{"id":"a","text":"a","lang":"fr","category":"insult","action":"remove"}`,
	`{"id":"b","text":"b","lang":"fr","categories":["insult","harassment"],"action":"remove"}`,
	`{"id":"c","text":"c","lang":"fr","category":"complaint","action":"keep","tags":["harsh"]}`,
	`{"id":"d","text":"d","lang":"nl","categories":["complaint","crisis"],"action":"keep","tags":["harsh"]}`,
	`{"id":"e","text":"e","lang":"nl","category":"none","action":"keep"}`,
	`{"id":"f","text":"f","lang":"nl","category":"threat","action":"remove"}`,
	`{"id":"g","text":"g","lang":"nl","categories":["complaint","insult"],"action":"keep"}`,
}

var handFake = fake{
	"a": {Scores: sc("insult", 0.9), Action: "hide"},
	"b": {Scores: sc("insult", 0.6), Action: "review"},
	"c": {Scores: sc("complaint", 0.8, "insult", 0.55), Action: "hide"},
	"d": {Scores: sc("complaint", 0.7, "crisis", 0.4), Action: "review"},
	"e": {Lang: "en", Action: "allow"},
	"f": {Scores: sc("threat", 0.5), Action: "delete"},
	"g": {Scores: sc("insult", 0.9), Action: "hide"},
}

func ratio(t *testing.T, name string, got Ratio, want float64) {
	t.Helper()
	v, ok := got.Value()
	if math.IsNaN(want) {
		if ok {
			t.Errorf("%s = %v, want undefined", name, v)
		}
		return
	}
	if !ok || math.Abs(v-want) > 1e-9 {
		t.Errorf("%s = %v (defined %v), want %v", name, v, ok, want)
	}
}

func near(t *testing.T, name string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-9 {
		t.Errorf("%s = %v, want %v", name, got, want)
	}
}

func catScore(t *testing.T, list []CategoryScore, c string) Score {
	t.Helper()
	for _, cs := range list {
		if cs.Category == c {
			return cs.Score
		}
	}
	t.Fatalf("no category %s", c)
	return Score{}
}

func evalHand(t *testing.T, opts Options) *Report {
	t.Helper()
	rep, err := Evaluate(context.Background(), jsonl(handSet...), handFake.classify, opts)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestHandComputed(t *testing.T) {
	rep := evalHand(t, Options{})
	nan := math.NaN()
	if rep.Examples != 7 || len(rep.Malformed) != 0 || len(rep.ClassifyErrors) != 0 {
		t.Fatalf("examples %d malformed %v errors %v", rep.Examples, rep.Malformed, rep.ClassifyErrors)
	}
	for _, c := range []struct {
		cat            string
		tp, fp, fn, tn int
		p, r, f1       float64
	}{
		{"insult", 3, 1, 0, 3, 0.75, 1, 6.0 / 7},
		{"harassment", 0, 0, 1, 6, nan, 0, 0},
		{"threat", 1, 0, 0, 6, 1, 1, 1},
		{"complaint", 2, 0, 1, 4, 1, 2.0 / 3, 0.8},
		{"crisis", 0, 0, 1, 6, nan, 0, 0},
		{"hate", 0, 0, 0, 7, nan, nan, nan},
	} {
		t.Run(c.cat, func(t *testing.T) {
			s := catScore(t, rep.Categories, c.cat)
			if s != (Score{c.tp, c.fp, c.fn, c.tn}) {
				t.Fatalf("counts %+v, want tp %d fp %d fn %d tn %d", s, c.tp, c.fp, c.fn, c.tn)
			}
			ratio(t, "precision", s.Precision(), c.p)
			ratio(t, "recall", s.Recall(), c.r)
			ratio(t, "f1", s.F1(), c.f1)
		})
	}
	// micro: tp 6, fp 1, fn 3
	if rep.Micro.TP != 6 || rep.Micro.FP != 1 || rep.Micro.FN != 3 {
		t.Errorf("micro %+v", rep.Micro)
	}
	ratio(t, "micro P", rep.Micro.Precision(), 6.0/7)
	ratio(t, "micro R", rep.Micro.Recall(), 6.0/9)
	ratio(t, "micro F1", rep.Micro.F1(), 0.75)
	// macro over insult, harassment, threat, complaint, crisis
	if rep.Macro.Over != 5 {
		t.Errorf("macro over %d categories, want 5", rep.Macro.Over)
	}
	near(t, "macro P", rep.Macro.Precision, (0.75+0+1+1+0)/5)
	near(t, "macro R", rep.Macro.Recall, (1+0+1+2.0/3+0)/5)
	near(t, "macro F1", rep.Macro.F1, (6.0/7+0+1+0.8+0)/5)

	if rep.Remove != (Score{TP: 2, FP: 2, FN: 1, TN: 2}) {
		t.Errorf("remove %+v", rep.Remove)
	}
	ratio(t, "remove P", rep.Remove.Precision(), 0.5)
	ratio(t, "remove R", rep.Remove.Recall(), 2.0/3)
	ratio(t, "remove F1", rep.Remove.F1(), 4.0/7)
	if rep.ComplaintsRemoved != (Ratio{1, 2}) || rep.ComplaintCount != 2 {
		t.Errorf("complaints removed %+v of %d, want 1/2", rep.ComplaintsRemoved, rep.ComplaintCount)
	}
	ratio(t, "lang id", rep.LangID, 6.0/7)
	if len(rep.LangConfusions) != 1 || rep.LangConfusions[0] != (LangConfusion{"nl", "en", 1}) {
		t.Errorf("lang confusions %+v", rep.LangConfusions)
	}

	// per language
	if len(rep.Languages) != 2 || rep.Languages[0].Lang != "fr" || rep.Languages[1].Lang != "nl" {
		t.Fatalf("languages %+v", rep.Languages)
	}
	fr, nl := rep.Languages[0], rep.Languages[1]
	if fr.Examples != 3 || nl.Examples != 4 {
		t.Errorf("examples fr %d nl %d", fr.Examples, nl.Examples)
	}
	if fr.Remove != (Score{TP: 1, FP: 1, FN: 1}) || nl.Remove != (Score{TP: 1, FP: 1, TN: 2}) {
		t.Errorf("remove fr %+v nl %+v", fr.Remove, nl.Remove)
	}
	if s := catScore(t, fr.Categories, "insult"); s != (Score{TP: 2, FP: 1}) {
		t.Errorf("fr insult %+v", s)
	}
	if s := catScore(t, nl.Categories, "complaint"); s != (Score{TP: 1, FN: 1, TN: 2}) {
		t.Errorf("nl complaint %+v", s)
	}
	if fr.ComplaintsRemoved != (Ratio{1, 1}) || nl.ComplaintsRemoved != (Ratio{0, 1}) {
		t.Errorf("complaints removed fr %+v nl %+v", fr.ComplaintsRemoved, nl.ComplaintsRemoved)
	}
	ratio(t, "fr lang id", fr.LangID, 1)
	ratio(t, "nl lang id", nl.LangID, 0.75)

	// confusion: gold primary → predicted top
	want := map[[2]string]int{
		{"insult", "insult"}: 2, {"complaint", "complaint"}: 2, {"none", "none"}: 1,
		{"threat", "threat"}: 1, {"complaint", "insult"}: 1,
	}
	idx := map[string]int{}
	for i, l := range rep.Confusion.Labels {
		idx[l] = i
	}
	total := 0
	for i := range rep.Confusion.Counts {
		for j, n := range rep.Confusion.Counts[i] {
			total += n
			if n != want[[2]string{rep.Confusion.Labels[i], rep.Confusion.Labels[j]}] {
				t.Errorf("confusion[%s][%s] = %d", rep.Confusion.Labels[i], rep.Confusion.Labels[j], n)
			}
		}
	}
	if total != 7 {
		t.Errorf("confusion total %d", total)
	}

	// tags
	if len(rep.Tags) != 1 || rep.Tags[0] != (TagScore{Tag: "harsh", Examples: 2, Correct: 1, WronglyRemoved: 1, Accuracy: Ratio{1, 2}}) {
		t.Errorf("tags %+v", rep.Tags)
	}

	// mistakes: c is a removed complaint, g wrongly removed, b missed
	kinds := map[string][]string{}
	for _, m := range rep.Mistakes {
		kinds[m.Kind] = append(kinds[m.Kind], m.ID+":"+m.Category)
	}
	for kind, ids := range map[string]string{
		MistakeRemovedComplaint: "c:complaint",
		MistakeWronglyRemoved:   "g:insult",
		MistakeMissedRemoval:    "b:insult",
		MistakeFalsePositive:    "c:insult",
		MistakeFalseNegative:    "b:harassment g:complaint d:crisis",
	} {
		if got := strings.Join(kinds[kind], " "); got != ids {
			t.Errorf("%s mistakes %q, want %q", kind, got, ids)
		}
	}
}

func TestZeroDivision(t *testing.T) {
	for _, c := range []struct {
		name     string
		s        Score
		p, r, f1 float64
	}{
		{"nothing at all", Score{TN: 5}, math.NaN(), math.NaN(), math.NaN()},
		{"expected, never predicted", Score{FN: 2, TN: 1}, math.NaN(), 0, 0},
		{"predicted, never expected", Score{FP: 2}, 0, math.NaN(), 0},
		{"perfect", Score{TP: 3}, 1, 1, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			ratio(t, "precision", c.s.Precision(), c.p)
			ratio(t, "recall", c.s.Recall(), c.r)
			ratio(t, "f1", c.s.F1(), c.f1)
		})
	}
	if got := (Ratio{}).String(); got != "—" {
		t.Errorf("undefined prints %q", got)
	}
	if b, _ := json.Marshal(Score{TN: 1}); !strings.Contains(string(b), `"precision":null`) {
		t.Errorf("undefined precision encodes as %s", b)
	}
	if b, _ := json.Marshal(Average{}); string(b) != `{"precision":null,"recall":null,"f1":null,"over":0}` {
		t.Errorf("empty average encodes as %s", b)
	}

	// An empty file: a report, no error, everything undefined.
	rep, err := Evaluate(context.Background(), strings.NewReader(""), fake{}.classify, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Examples != 0 || rep.Macro.Over != 0 {
		t.Errorf("empty: %+v", rep)
	}
	if _, ok := rep.Remove.Precision().Value(); ok {
		t.Error("empty: remove precision defined")
	}
	var buf bytes.Buffer
	if err := rep.Print(&buf); err != nil || !strings.Contains(buf.String(), "No example was evaluated") {
		t.Errorf("empty print: %v\n%s", err, buf.String())
	}
	if _, err := rep.JSON(); err != nil {
		t.Error(err)
	}
	tr := rep.CheckTargets(DefaultTargets())
	if tr.Met() || len(tr.Missed()) != len(tr.Checks) {
		t.Errorf("empty report meets targets: %+v", tr.Checks)
	}
}

func TestParseLine(t *testing.T) {
	for _, c := range []struct {
		name, line string
		want       string // error substring; "" = valid
		cats       []string
		action     string
		labelled   bool
		entKnown   bool
		ents       []string
	}{
		{"single", `{"text":"x","lang":"FR","category":"insult"}`, "", []string{"insult"}, "", true, true, nil},
		{"multi", `{"text":"x","categories":["insult","harassment","insult"],"action":"remove"}`, "", []string{"insult", "harassment"}, "remove", true, true, nil},
		{"both fields", `{"text":"x","category":"threat","categories":["hate"]}`, "", []string{"threat", "hate"}, "", true, true, nil},
		{"none", `{"text":"x","category":"none","action":"keep"}`, "", nil, "keep", true, true, nil},
		{"empty list", `{"text":"x","categories":[]}`, "", nil, "", true, true, nil},
		{"action only", `{"text":"x","action":" Remove "}`, "", nil, "remove", false, false, nil},
		{"pii without entities", `{"text":"x","category":"pii"}`, "", []string{"pii"}, "", true, false, nil},
		{"pii with entities", `{"text":"x","category":"doxxing","entities":["Phone","address"]}`, "", []string{"doxxing"}, "", true, true, []string{"phone", "address"}},
		{"numeric id", `{"id":12,"text":"x","category":"spam"}`, "", []string{"spam"}, "", true, true, nil},
		{"unknown field ignored", `{"text":"x","category":"spam","labeller":"ann"}`, "", []string{"spam"}, "", true, true, nil},

		{"not json", `{"text":"x",`, "malformed JSON", nil, "", false, false, nil},
		{"array", `["text"]`, "malformed JSON", nil, "", false, false, nil},
		{"null", `null`, `missing "text"`, nil, "", false, false, nil},
		{"trailing", `{"text":"x","category":"spam"} {}`, "malformed JSON", nil, "", false, false, nil},
		{"no text", `{"category":"insult"}`, `missing "text"`, nil, "", false, false, nil},
		{"blank text", `{"text":"  ","category":"insult"}`, `empty "text"`, nil, "", false, false, nil},
		{"text not string", `{"text":5,"category":"insult"}`, "malformed JSON", nil, "", false, false, nil},
		{"no label", `{"text":"x","lang":"fr"}`, "nothing to evaluate", nil, "", false, false, nil},
		{"unknown category", `{"text":"x","category":"insutl"}`, `unknown category "insutl"`, nil, "", false, false, nil},
		{"none with others", `{"text":"x","categories":["none","spam"]}`, "together with spam", nil, "", false, false, nil},
		{"categories not list", `{"text":"x","categories":"spam"}`, "must be a list", nil, "", false, false, nil},
		{"empty category", `{"text":"x","categories":[""]}`, "empty category", nil, "", false, false, nil},
		{"bad action", `{"text":"x","action":"hide"}`, `unknown action "hide"`, nil, "", false, false, nil},
		{"bad lang", `{"text":"x","lang":"fr FR","action":"keep"}`, "not an ISO 639", nil, "", false, false, nil},
		{"bad id", `{"id":{"a":1},"text":"x","action":"keep"}`, `"id" must be`, nil, "", false, false, nil},
		{"bad entity", `{"text":"x","category":"pii","entities":["Phone Number"]}`, "entity", nil, "", false, false, nil},
		{"invalid utf8", "{\"text\":\"\xff\",\"action\":\"keep\"}", "UTF-8", nil, "", false, false, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			ex, err := ParseLine([]byte(c.line))
			if c.want != "" {
				if err == nil || !strings.Contains(err.Error(), c.want) {
					t.Fatalf("error %v, want one containing %q", err, c.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(ex.Categories) != fmt.Sprint(c.cats) || ex.Action != c.action || ex.Labelled != c.labelled ||
				ex.EntitiesKnown != c.entKnown || fmt.Sprint(ex.Entities) != fmt.Sprint(c.ents) {
				t.Errorf("got %+v", ex)
			}
		})
	}
}

func TestReadExamplesLineNumbers(t *testing.T) {
	in := "\xef\xbb\xbf" + `{"text":"one","category":"spam"}` + "\r\n" +
		"\n" +
		`{"text":"two"` + "\n" +
		"   \n" +
		`{"text":"three","action":"keep"}` + "\n" +
		`{"text":"` + strings.Repeat("x", MaxLineBytes) + `","action":"keep"}` + "\n" +
		`{"text":"five","category":"nonsense"}` + "\n" +
		`{"text":"six","action":"remove"}` // no final newline
	exs, bad, err := ReadExamples(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range exs {
		got = append(got, fmt.Sprintf("%d:%s", e.Line, e.Text))
	}
	if strings.Join(got, " ") != "1:one 5:three 8:six" {
		t.Errorf("examples %v", got)
	}
	var errs []string
	for _, b := range bad {
		errs = append(errs, fmt.Sprint(b.Line))
	}
	if strings.Join(errs, " ") != "3 6 7" || !strings.Contains(bad[1].Err, "longer than") {
		t.Errorf("malformed %+v", bad)
	}

	// The report carries them, and the rest is evaluated.
	rep, err := Evaluate(context.Background(), strings.NewReader(in), fake{}.classify, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Examples != 3 || len(rep.Malformed) != 3 {
		t.Errorf("examples %d malformed %d", rep.Examples, len(rep.Malformed))
	}
	var buf bytes.Buffer
	if err := rep.Print(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "line 7: unknown category \"nonsense\"") {
		t.Errorf("print does not list the malformed line:\n%s", buf.String())
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestEvaluateErrors(t *testing.T) {
	ctx := context.Background()
	if _, err := Evaluate(ctx, failingReader{}, fake{}.classify, Options{}); err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Errorf("read failure: %v", err)
	}
	if _, err := Evaluate(ctx, jsonl(handSet...), nil, Options{}); err == nil {
		t.Error("nil classifier accepted")
	}
	for _, o := range []Options{{Threshold: 1.5}, {Thresholds: map[string]float64{"insutl": 0.5}}, {Thresholds: map[string]float64{"insult": math.NaN()}}} {
		if _, err := Evaluate(ctx, jsonl(handSet...), fake{}.classify, o); err == nil {
			t.Errorf("options %+v accepted", o)
		}
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Evaluate(cancelled, jsonl(handSet...), handFake.classify, Options{Workers: 1}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}

	// Classifier failures are per example.
	classify := func(_ context.Context, text, lang string) (Prediction, error) {
		switch text {
		case "a":
			return Prediction{}, errors.New("model not loaded")
		case "b":
			panic("boom")
		case "c":
			return Prediction{Action: "nuke"}, nil
		case "d":
			return Prediction{Action: "allow", Scores: sc("insult", math.NaN())}, nil
		}
		return handFake.classify(ctx, text, lang)
	}
	rep, err := Evaluate(ctx, jsonl(handSet...), classify, Options{Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Examples != 3 || len(rep.ClassifyErrors) != 4 {
		t.Fatalf("examples %d errors %+v", rep.Examples, rep.ClassifyErrors)
	}
	for i, want := range []string{"model not loaded", "panicked: boom", `unknown action "nuke"`, "NaN"} {
		if e := rep.ClassifyErrors[i]; e.Line != i+1 || !strings.Contains(e.Err, want) {
			t.Errorf("error %d: %+v, want line %d with %q", i, e, i+1, want)
		}
	}
}

func TestOptions(t *testing.T) {
	// Threshold per category: raising threat above .5 turns f into a miss.
	rep := evalHand(t, Options{Thresholds: map[string]float64{"threat": 0.6}})
	if s := catScore(t, rep.Categories, "threat"); s.TP != 0 || s.FN != 1 {
		t.Errorf("threat with threshold .6: %+v", s)
	}
	// Global threshold: at .95 nothing is predicted, every gold label is missed.
	rep = evalHand(t, Options{Threshold: 0.95})
	if rep.Micro.TP != 0 || rep.Micro.FP != 0 || rep.Micro.FN != 9 {
		t.Errorf("threshold .95 micro %+v", rep.Micro)
	}
	// Language filter.
	rep = evalHand(t, Options{Langs: []string{"FR"}})
	if rep.Examples != 3 || rep.Filtered != 4 || len(rep.Languages) != 1 {
		t.Errorf("filter fr: examples %d filtered %d", rep.Examples, rep.Filtered)
	}
	// Withholding the language: the classifier sees "".
	seen := map[string]bool{}
	var mu sync.Mutex
	_, err := Evaluate(context.Background(), jsonl(handSet...), func(_ context.Context, text, lang string) (Prediction, error) {
		mu.Lock()
		seen[lang] = true
		mu.Unlock()
		return Prediction{Action: "allow"}, nil
	}, Options{WithholdLang: true})
	if err != nil || len(seen) != 1 || !seen[""] {
		t.Errorf("withhold: %v %v", err, seen)
	}
	// Mistakes: at most n per kind; negative lists none.
	rep = evalHand(t, Options{MaxMistakes: 1})
	if n := len(rep.Mistakes); n != 5 {
		t.Errorf("MaxMistakes 1: %d mistakes", n)
	}
	rep = evalHand(t, Options{MaxMistakes: -1})
	if len(rep.Mistakes) != 0 {
		t.Errorf("MaxMistakes -1: %d mistakes", len(rep.Mistakes))
	}
	// The test half never lists its texts, whatever is asked.
	for _, n := range []int{0, 5} {
		rep = evalHand(t, Options{Split: "test", MaxMistakes: n})
		if len(rep.Mistakes) != 0 {
			t.Errorf("split test, MaxMistakes %d: %d mistakes listed", n, len(rep.Mistakes))
		}
	}
}

func TestWorkersDoNotChangeTheReport(t *testing.T) {
	var lines []string
	f := fake{}
	for i := range 200 {
		text := fmt.Sprintf("t%d", i)
		cat, action := "none", "keep"
		if i%3 == 0 {
			cat, action = "insult", "remove"
		}
		lines = append(lines, fmt.Sprintf(`{"text":%q,"lang":"en","category":%q,"action":%q}`, text, cat, action))
		act := "allow"
		if i%4 == 0 {
			act = "hide"
		}
		f[text] = Prediction{Scores: sc("insult", float64(i%10)/10), Action: act}
	}
	var want []byte
	for _, w := range []int{1, 2, 7, 32} {
		rep, err := Evaluate(context.Background(), jsonl(lines...), f.classify, Options{Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		got, err := rep.JSON()
		if err != nil {
			t.Fatal(err)
		}
		if want == nil {
			want = got
		} else if !bytes.Equal(got, want) {
			t.Fatalf("workers %d changed the report", w)
		}
	}
}

func TestPersonalData(t *testing.T) {
	set := jsonl(
		`{"text":"p1","lang":"en","category":"pii","entities":["phone"],"action":"remove"}`,
		`{"text":"p2","lang":"en","category":"doxxing","entities":["address","iban"],"action":"remove"}`,
		`{"text":"p3","lang":"en","category":"complaint","action":"keep"}`,
		`{"text":"p4","lang":"en","category":"pii","action":"remove"}`, // kinds unknown: left out of entity scores
	)
	f := fake{
		"p1": {Scores: sc("pii", 0.9), Entities: []string{"phone", "Phone"}, Action: "hide"},
		"p2": {Scores: sc("pii", 0.7), Entities: []string{"iban"}, Action: "hide"},
		"p3": {Scores: sc("complaint", 0.9), Entities: []string{"card"}, Action: "review"},
		"p4": {Scores: sc("pii", 0.2), Entities: []string{"email"}, Action: "allow"},
	}
	rep, err := Evaluate(context.Background(), set, f.classify, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// personal data (pii ∪ doxxing): p1 TP, p2 TP (pii for doxxing still counts), p3 TN, p4 FN
	if rep.PersonalData != (Score{TP: 2, FN: 1, TN: 1}) {
		t.Errorf("personal data %+v", rep.PersonalData)
	}
	// entities: phone TP, address FN, iban TP, card FP (p3); p4 unknown
	got := map[string]Score{}
	for _, e := range rep.Entities {
		got[e.Entity] = e.Score
	}
	want := map[string]Score{"phone": {TP: 1}, "address": {FN: 1}, "iban": {TP: 1}, "card": {FP: 1}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("entities %v, want %v", got, want)
	}
	if rep.Checksummed != (Score{TP: 1, FP: 1}) || rep.AllEntities != (Score{TP: 2, FP: 1, FN: 1}) {
		t.Errorf("checksummed %+v all %+v", rep.Checksummed, rep.AllEntities)
	}
	tr := rep.CheckTargets(DefaultTargets())
	for _, c := range tr.Checks {
		switch c.Name {
		case "checksummed personal data precision":
			ratio(t, c.Name, c.Got, 0.5)
			if c.Met {
				t.Error("checksummed precision .5 met")
			}
		case "personal data F1":
			ratio(t, c.Name, c.Got, 4.0/6)
			if !strings.Contains(c.Note, "entity kinds") {
				t.Errorf("F1 note %q", c.Note)
			}
		}
	}
}

func TestTargets(t *testing.T) {
	// Perfect on en, fr measured but imperfect, the other four absent.
	var lines []string
	f := fake{}
	add := func(lang, text, cat, gold, act string) {
		lines = append(lines, fmt.Sprintf(`{"text":%q,"lang":%q,"category":%q,"action":%q}`, text, lang, cat, gold))
		f[text] = Prediction{Scores: sc(cat, 0.9), Action: act}
	}
	for i := range 20 {
		add("en", fmt.Sprint("en-r", i), "threat", "remove", "hide")
		add("en", fmt.Sprint("en-k", i), "complaint", "keep", "review")
		act := "hide"
		if i < 4 {
			act = "allow" // recall 16/20 = .80
		}
		add("fr", fmt.Sprint("fr-r", i), "insult", "remove", act)
		add("fr", fmt.Sprint("fr-k", i), "complaint", "keep", "review")
	}
	rep, err := Evaluate(context.Background(), jsonl(lines...), f.classify, Options{})
	if err != nil {
		t.Fatal(err)
	}
	tr := rep.CheckTargets(DefaultTargets())
	status := map[string]bool{}
	for _, c := range tr.Checks {
		status[c.Name+"/"+c.Lang] = c.Met
	}
	for k, want := range map[string]bool{
		"remove precision/en": true, "remove recall/en": true,
		"remove precision/fr": true, "remove recall/fr": false,
		"remove precision/sv": false, "remove recall/de": false,
		"legitimate complaints removed/":       true,
		"checksummed personal data precision/": false,
		"personal data F1/":                    false,
	} {
		if got, ok := status[k]; !ok || got != want {
			t.Errorf("%s met = %v (present %v), want %v", k, got, ok, want)
		}
	}
	if tr.Met() {
		t.Error("all targets met")
	}
	var buf bytes.Buffer
	if err := tr.Print(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, s := range []string{"Targets: 4 of 15 met", "remove recall", "0.800", "MISSED", "16/20", "no examples in this language", "0.0 %"} {
		if !strings.Contains(out, s) {
			t.Errorf("targets print lacks %q:\n%s", s, out)
		}
	}
}

func TestPrintAndJSON(t *testing.T) {
	rep := evalHand(t, Options{})
	var buf bytes.Buffer
	if err := rep.Print(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, s := range []string{
		"7 examples (fr, nl)",
		"Legitimate complaints removed: 50.0 % (1 of 2",
		"Confusion matrix",
		"Category × language",
		"Hard cases by tag",
		"removed-complaint:",
	} {
		if !strings.Contains(out, s) {
			t.Errorf("print lacks %q:\n%s", s, out)
		}
	}
	// Aligned: every row of the category table has the same width.
	var widths []int
	in := false
	for _, l := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(l, "Categories, all languages"):
			in = true
		case in && l == "":
			in = false
		case in && !strings.HasPrefix(l, "  ("):
			widths = append(widths, len([]rune(l)))
		}
	}
	for _, w := range widths {
		if w != widths[0] {
			t.Errorf("category table rows not aligned: %v\n%s", widths, out)
			break
		}
	}
	b, err := rep.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"categories", "languages", "remove", "complaints_removed", "confusion", "mistakes", "tags"} {
		if _, ok := back[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	if back["complaints_removed"] != 0.5 {
		t.Errorf("complaints_removed = %v", back["complaints_removed"])
	}
}

func TestAbbreviate(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"a\nb\tc", 10, "a b c"},
		{"ééééé", 3, "éé…"},
		{"abcdef", 1, "…"},
		{"\xffab", 10, "\uFFFDab"},
	} {
		if got := abbreviate(c.in, c.n); got != c.want {
			t.Errorf("abbreviate(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
	}
}
