// Package eval owns the measurement of detection quality: it reads labelled
// evaluation files (JSON Lines), runs any classifier over them and reports
// precision, recall and F1 per category and per language, the remove/keep
// task, a confusion matrix, the share of legitimate complaints that would be
// removed, language-identification accuracy, personal-data entity scores,
// hard cases by tag, the worst errors, and whether the project's quality
// targets are met. It also keeps the project's own labelled sets, in
// testdata/sets.
//
// # Input
//
// One JSON object per line:
//
//	{"id":"fr-001","text":"…","lang":"fr","category":"insult","action":"remove"}
//	{"text":"…","lang":"nl","categories":["complaint","crisis"],"action":"keep"}
//	{"text":"…","lang":"sv","category":"none","action":"keep","tags":["negation"]}
//	{"text":"…","lang":"de","category":"doxxing","entities":["phone","address"],"action":"remove"}
//
// "text" is required, and at least one of "category"/"categories" (the gold
// categories; "none" or [] for a clean text) or "action" ("remove" or
// "keep"). "id", "lang", "entities", "tags", "note" and "source" are
// optional; unknown fields are ignored. Blank lines are skipped.
//
// A malformed line does not stop the evaluation: it is reported with its
// line number in Report.Malformed and the rest is evaluated. The caller
// decides whether malformed lines make its command fail (stormwatch eval
// prints them and exits non-zero).
//
// # Definitions
//
// A category is predicted when its score reaches the threshold (default
// 0.5). An example is removed when the predicted action is hide or delete.
// Precision is undefined when nothing was predicted, recall when nothing was
// expected, F1 when neither: undefined values print as "—" and encode as
// JSON null, never as a made-up 0 or 1. Macro averages are the mean over the
// categories that occur in the gold labels, an undefined precision counting
// as 0 there (the category was expected and never predicted).
package eval

import (
	"context"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// Classifier is what is evaluated: it classifies one text, with the gold
// language or "" (see Options.WithholdLang). It must be safe for concurrent
// use when Options.Workers > 1.
type Classifier func(ctx context.Context, text, lang string) (Prediction, error)

// Prediction is a classifier's answer for one text.
type Prediction struct {
	// Lang is the language the classifier identified or used.
	Lang string
	// Scores is the best score per category name, in [0, 1].
	Scores map[string]float64
	// Action is the policy's verdict: allow, review, hide or delete; ""
	// when the classifier decides nothing (the remove/keep task is then
	// not measured for that text).
	Action string
	// Entities names the kinds of personal data found (the entity field of
	// pii and doxxing signals), for the entity scores. Optional.
	Entities []string
}

// Removes reports whether the predicted action takes the text down.
func (p Prediction) Removes() bool { return p.Action == "hide" || p.Action == "delete" }

// PredictionFrom builds a Prediction from detection signals and a verdict:
// the best score per category, and the entity of every pii and doxxing
// signal. It is how stormwatch eval adapts the classify pipeline.
func PredictionFrom(lang string, signals []detect.Signal, action string) Prediction {
	p := Prediction{Lang: lang, Action: action, Scores: make(map[string]float64, len(signals))}
	for _, s := range signals {
		c := string(s.Category)
		if v, ok := p.Scores[c]; !ok || s.Score > v {
			p.Scores[c] = s.Score
		}
		if s.Entity != "" && (s.Category == detect.PII || s.Category == detect.Doxxing) && !contains(p.Entities, s.Entity) {
			p.Entities = append(p.Entities, s.Entity)
		}
	}
	return p
}

// Options tune an evaluation. The zero value is usable.
type Options struct {
	// Threshold is the score from which a category counts as predicted,
	// for every category not in Thresholds. 0 means 0.5.
	Threshold float64
	// Thresholds overrides Threshold per category name.
	Thresholds map[string]float64
	// Workers is how many texts are classified at once; 0 means
	// GOMAXPROCS. Results do not depend on it.
	Workers int
	// Langs keeps only the examples whose gold language is listed; empty
	// keeps all.
	Langs []string
	// Split keeps one half of the examples, chosen by a fixed hash of the
	// text: "dev" for tuning detectors and lexicons, "test" for reporting
	// figures never tuned on; "" keeps all.
	Split string
	// WithholdLang calls the classifier with an empty language, so that it
	// must identify the language itself. Without it the gold language is
	// passed on and the language-identification accuracy only shows
	// whether the classifier keeps what it is given.
	WithholdLang bool
	// MaxMistakes is how many of the worst errors of each kind the report
	// lists; 0 means 10, a negative number none. With Split "test" none is
	// ever listed: the test half is for figures only, and a listed text
	// is a text someone may tune on.
	MaxMistakes int
	// TextWidth is how many characters of a text a listed error shows; 0
	// means 100.
	TextWidth int
}

// SplitOf assigns a text to the "dev" or the "test" half, by FNV-1a of its
// bytes: stable across runs, machines and file orders.
func SplitOf(text string) string {
	h := fnv.New32a()
	h.Write([]byte(text))
	if h.Sum32()%2 == 0 {
		return "dev"
	}
	return "test"
}

func (o Options) threshold(c string) float64 {
	if t, ok := o.Thresholds[c]; ok {
		return t
	}
	return o.Threshold
}

func (o *Options) normalise() error {
	if o.Split != "" && o.Split != "dev" && o.Split != "test" {
		return fmt.Errorf("split %q: want dev, test or nothing", o.Split)
	}
	if o.Threshold == 0 {
		o.Threshold = 0.5
	}
	if math.IsNaN(o.Threshold) || o.Threshold < 0 || o.Threshold > 1 {
		return fmt.Errorf("threshold %v is outside [0, 1]", o.Threshold)
	}
	for c, t := range o.Thresholds {
		if !validCategory(c) {
			return fmt.Errorf("threshold for unknown category %q (valid: %s)", c, categoryNames())
		}
		if math.IsNaN(t) || t < 0 || t > 1 {
			return fmt.Errorf("threshold %v for %s is outside [0, 1]", t, c)
		}
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.MaxMistakes == 0 {
		o.MaxMistakes = 10
	}
	if o.Split == "test" {
		o.MaxMistakes = -1
	}
	if o.TextWidth <= 0 {
		o.TextWidth = 100
	}
	return nil
}

var validActions = map[string]bool{"": true, "allow": true, "review": true, "hide": true, "delete": true}

// Evaluate reads labelled examples from r, classifies each with classify and
// measures the answers against the labels. Malformed lines and classifier
// failures are listed in the report and left out of the scores. The error
// is for what stops the whole evaluation: invalid options, a read failure,
// or ctx being cancelled.
func Evaluate(ctx context.Context, r io.Reader, classify Classifier, opts Options) (*Report, error) {
	if classify == nil {
		return nil, fmt.Errorf("eval: no classifier")
	}
	if err := opts.normalise(); err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	examples, bad, err := ReadExamples(r)
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	rep := newReport(opts)
	rep.Malformed = bad
	if len(opts.Langs) > 0 {
		keep := map[string]bool{}
		for _, l := range opts.Langs {
			keep[strings.ToLower(strings.TrimSpace(l))] = true
		}
		kept := examples[:0]
		for _, ex := range examples {
			if keep[ex.Lang] {
				kept = append(kept, ex)
			} else {
				rep.Filtered++
			}
		}
		examples = kept
	}
	if opts.Split != "" {
		kept := examples[:0]
		for _, ex := range examples {
			if SplitOf(ex.Text) == opts.Split {
				kept = append(kept, ex)
			} else {
				rep.Filtered++
			}
		}
		examples = kept
	}
	preds, errs, err := classifyAll(ctx, examples, classify, opts)
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	for i, ex := range examples {
		if errs[i] != "" {
			rep.ClassifyErrors = append(rep.ClassifyErrors, LineError{Line: ex.Line, ID: ex.ID, Err: errs[i]})
			continue
		}
		rep.add(ex, preds[i])
	}
	rep.finish()
	return rep, nil
}

// classifyAll runs classify over every example with opts.Workers goroutines.
// A classifier error or panic, or an invalid answer, becomes that example's
// error message; only ctx ends the whole run.
func classifyAll(ctx context.Context, examples []Example, classify Classifier, opts Options) ([]Prediction, []string, error) {
	preds := make([]Prediction, len(examples))
	errs := make([]string, len(examples))
	next := make(chan int)
	var wg sync.WaitGroup
	workers := min(opts.Workers, max(len(examples), 1))
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				preds[i], errs[i] = classifyOne(ctx, classify, examples[i], opts.WithholdLang)
			}
		}()
	}
	var err error
feed:
	for i := range examples {
		select {
		case next <- i:
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err == nil {
		err = ctx.Err()
	}
	return preds, errs, err
}

func classifyOne(ctx context.Context, classify Classifier, ex Example, withhold bool) (p Prediction, msg string) {
	defer func() {
		if v := recover(); v != nil {
			p, msg = Prediction{}, fmt.Sprintf("classifier panicked: %v", v)
		}
	}()
	lang := ex.Lang
	if withhold {
		lang = ""
	}
	p, err := classify(ctx, ex.Text, lang)
	if err != nil {
		return Prediction{}, "classify: " + err.Error()
	}
	p.Action = strings.ToLower(strings.TrimSpace(p.Action))
	if !validActions[p.Action] {
		return Prediction{}, fmt.Sprintf("classifier returned unknown action %q (valid: allow, review, hide, delete)", p.Action)
	}
	p.Lang = strings.ToLower(strings.TrimSpace(p.Lang))
	for c, s := range p.Scores {
		if math.IsNaN(s) || math.IsInf(s, 0) {
			return Prediction{}, fmt.Sprintf("classifier returned score %v for %s", s, c)
		}
	}
	ents := p.Entities[:0:0]
	for _, e := range p.Entities {
		e = strings.ToLower(strings.TrimSpace(e))
		if e != "" && !contains(ents, e) {
			ents = append(ents, e)
		}
	}
	sort.Strings(ents)
	p.Entities = ents
	return p, ""
}
