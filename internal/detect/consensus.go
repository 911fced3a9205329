package detect

import (
	"context"
	"fmt"
)

// Defuser says whether a text speaks against harm rather than doing it:
// it quotes abuse to condemn or report it, answers it, or negates the very
// words the other detectors read as harm ("niemand gaat je iets aandoen",
// "ihr seid nicht faul"). evidence are the spans of those words. why says
// what defused it, in words (tests check it).
type Defuser interface {
	Defuses(ctx context.Context, in Input, evidence []Span) (why string, ok bool)
}

// Consensus lifts the strongest of several harm categories when together
// they make a text clearly harmful although none reaches its removal line
// alone. A statistical model spreads what it reads over its heads: a
// threat at a named person's car scores "insult 0.74, threat 0.66", a
// sexual remark "insult 0.73, sexual 0.40", and neither is removed,
// though a text read that way by two heads at once is rarely innocent.
//
// The heads are weighed as independent evidence (noisy-OR) over the
// categories of Lines scoring at least Floor; when that reaches Min, one
// of them is lifted to its line: the one nearest its line (score/line)
// among those sure of what the harm is (Specific), else Broad, else the
// nearest of the rest. Lines hold the removal lines of the default policy,
// so a lifted text meets the same rule (and the same complaint and crisis
// protections) as one scored that high by a single head.
//
// Not when a category of Unless reaches its score (a question: another
// reading, for a person to weigh), nor when By finds the text defusing
// the words (quoted, reported, negated). A Deference on the lifted
// category still applies afterwards.
type Consensus struct {
	Lines  map[Category]float64
	Floor  float64
	Min    float64
	Unless map[Category]float64
	By     Defuser
	// Broad is the catch-all category of the heads (insult: a model reads
	// contempt in any attack). A category scoring Specific or more says
	// better what the harm is and is lifted before it; one below Specific
	// is not sure enough to name the harm, and Broad is lifted instead.
	Broad    Category
	Specific float64
	// Weighed names a detector that already weighs its categories against
	// each other in context (the lexicon derives harassment from an insult
	// next to a staff name): when every counted signal is its alone, they
	// are one reading, not several, and nothing is lifted.
	Weighed string
}

// WithConsensus returns a copy of the engine that applies c (nil turns it
// off).
func (e *Engine) WithConsensus(c *Consensus) *Engine {
	n := *e
	n.consensus = c
	return &n
}

// consent applies c to merged signals; the order is restored when a score
// changed.
func consent(ctx context.Context, in Input, merged []Signal, c *Consensus) {
	none := 1.0 // the chance that no counted head is right
	sure, broad, unsure := -1, -1, -1
	others := c.Weighed == "" // a counted signal not from Weighed alone
	for i := range merged {
		m := &merged[i]
		line, ok := c.Lines[m.Category]
		if !ok {
			continue
		}
		if m.Score >= line {
			return // already removed on its own
		}
		if m.Score < c.Floor {
			continue
		}
		none *= 1 - m.Score
		if !within(m.Detector, c.Weighed) {
			others = true
		}
		switch {
		case m.Category == c.Broad:
			broad = i
		case m.Score >= c.Specific:
			sure = nearer(merged, c.Lines, sure, i)
		default:
			unsure = nearer(merged, c.Lines, unsure, i)
		}
	}
	together := 1 - none
	top := sure
	switch {
	case top >= 0:
	case broad >= 0 && merged[broad].Severity == 1:
		// A detector that reads context judged the broad harm mild (aimed
		// at a thing or at a group no law protects): only a category sure
		// of what the harm is may be lifted.
	case broad >= 0:
		top = broad
	default:
		top = unsure
	}
	if top < 0 || !others || together < c.Min || vetoed(merged, c.Unless) {
		return
	}
	var evidence []Span
	for _, m := range merged {
		if _, ok := c.Lines[m.Category]; ok && m.Score >= c.Floor {
			evidence = append(evidence, m.Spans...)
		}
	}
	if c.By != nil {
		if _, defused := c.By.Defuses(ctx, in, evidence); defused {
			return
		}
	}
	m := &merged[top]
	line := c.Lines[m.Category]
	// Built only for the rare lifted text: fmt is no cost here.
	m.Explanation += fmt.Sprintf(" [lifted from %.2f to %.2f: the harm categories together %.2f]", m.Score, line, together)
	m.Score = line
	sortSignals(merged)
}

// nearer returns whichever of merged[a] and merged[b] is nearer its line
// (a may be -1: none yet); ties go to the category listed first.
func nearer(merged []Signal, lines map[Category]float64, a, b int) int {
	if a < 0 {
		return b
	}
	ra, rb := merged[a].Score/lines[merged[a].Category], merged[b].Score/lines[merged[b].Category]
	if rb > ra || rb == ra && categoryRank(merged[b].Category) < categoryRank(merged[a].Category) {
		return b
	}
	return a
}

// categoryRank is c's place in Categories (len(Categories) when unknown):
// ties break the same way every run.
func categoryRank(c Category) int {
	for i, k := range Categories {
		if k == c {
			return i
		}
	}
	return len(Categories)
}
