package detect

import (
	"context"
	"fmt"
	"strings"
)

// Addresser says whether a text says something of a person it aims at
// (the reader, a staff member by name, someone pointed at with a person
// noun), with the span of who is aimed at and why; false when it does
// not, or when the text speaks against an attack (negated, quoted,
// reported, laughing).
type Addresser interface {
	// evidence are the spans of the words that made the other detector
	// decide (a model's top features): what is said of the person must
	// be among them, so the two readings are about the same words.
	Address(ctx context.Context, in Input, evidence []Span) (Span, string, bool)
}

// Corroboration lifts a category that one detector alone reports, fairly
// sure but under the removal threshold, when By finds the text aimed at a
// person: a model that reads contempt in words no lexicon lists ("tu as
// le cerveau d'une huître") cannot see whom it is aimed at; a predicate
// said of the reader or of a named person is that evidence. The signal
// must score at least Min (after weighting) and be the only detector's;
// no category of Unless may reach its score (a question, praise, a
// complaint: the text has another reading); it is lifted to Lift. A
// Deference on the category still applies afterwards.
type Corroboration struct {
	Min, Lift float64
	By        Addresser
	Unless    map[Category]float64
}

// WithCorroboration returns a copy of the engine that applies c (nil
// turns it off).
func (e *Engine) WithCorroboration(c map[Category]Corroboration) *Engine {
	n := *e
	n.corrob = c
	return &n
}

// corroborate applies the corroborations to merged signals; the order is
// restored when a score changed. By runs only for a candidate signal.
func corroborate(ctx context.Context, in Input, merged []Signal, corrob map[Category]Corroboration) {
	changed := false
	for i := range merged {
		m := &merged[i]
		c, ok := corrob[m.Category]
		if !ok || c.By == nil || strings.Contains(m.Detector, "+") || m.Score < c.Min || m.Score >= c.Lift || vetoed(merged, c.Unless) {
			continue
		}
		sp, why, ok := c.By.Address(ctx, in, m.Spans)
		if !ok {
			continue
		}
		m.Explanation += fmt.Sprintf(" [lifted to %.2f: %s]", c.Lift, why)
		m.Score = c.Lift
		m.Spans = unionSpans(append(m.Spans[:len(m.Spans):len(m.Spans)], sp))
		changed = true
	}
	if changed {
		sortSignals(merged)
	}
}
