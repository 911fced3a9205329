package lexicon

import (
	"context"
	"strings"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// Defuses reports whether the text speaks against harm rather than doing
// it, as far as the lexicons' cues tell: it quotes someone (counter-speech,
// a report: "whoever sends 'we know where you live' should be ashamed"),
// it opens with counter-speech cues ("… should be ashamed", "that's
// racist"), it clears the reader ("ihr seid nicht faul"), or a negation
// stands right before the words another detector read as harm ("niemand
// gaat je iets aandoen", "sind keine Last"), outside a condition ("if you
// don't pay, …" still threatens), or it is a game or banter among friends
// ("nån som kör cs ikväll? jag skjuter ner er allihop").
//
// And it says so when the lexicon matched harm words and then dismissed
// every one in context: a presence phrase with an errand ("I'll be
// waiting by your car to give you back your keys"), a threat's verb with
// a harmless object ("du kommer skada dig på staketet").
//
// It is for the engine's Consensus (detect.Defuser): several of a model's
// heads agreeing on harm cannot see any of this. It runs only for such
// texts, not on every comment.
func (d *Detector) Defuses(ctx context.Context, in detect.Input, evidence []detect.Span) (string, bool) {
	if ctx.Err() != nil || in.Text == "" {
		return "", false
	}
	if quoting(in.Text) {
		return "quoted", true
	}
	j, res, done := d.reread(in)
	defer done()
	if j.counterSpeech() {
		return "counter-speech", true
	}
	if j.r17Exculpates() {
		return "the reader cleared", true
	}
	if why, ok := j.harmlessReading(res); ok {
		return why, true
	}
	if r16Game(in.Text, j.text) || r18Game(in.Text, j.text) || r16Banter(in.Text, j.text) {
		return "a game or banter among friends", true
	}
	for i := range j.hits {
		c := &j.hits[i]
		if !j.isCue(c, kNeg) || j.inCondition(c, false) {
			continue
		}
		if negates(in.Text, j.n.Span(int(c.s), int(c.t)), evidence) {
			return "negated", true
		}
	}
	return "", false
}

// negates reports whether the negation at cue comes right before one of
// the evidence spans (at most three words between) or right after one (a
// negated predicate: "sind keine Last", at most one word between), in the
// same clause.
func negates(text string, cue detect.Span, evidence []detect.Span) bool {
	for _, ev := range evidence {
		var between string
		reach := 3
		switch {
		case ev[0] < 0 || ev[1] < ev[0] || ev[1] > len(text) || cue[0] < 0 || cue[1] > len(text):
			continue
		case ev[0] >= cue[1]:
			between = text[cue[1]:ev[0]]
		case ev[1] <= cue[0]:
			between, reach = text[ev[1]:cue[0]], 1
		default:
			continue
		}
		if !strings.ContainsAny(between, ",.;:!?\n") && len(strings.Fields(between)) <= reach {
			return true
		}
	}
	return false
}

// harmlessReading reports what the lexicon made of its own harm words,
// when it made them harmless: it matched harm entries (insult,
// harassment, threat, hate, sexual) and the judging dropped every one; or
// it found harm words of the threat grammar and made no threat of them,
// since they harm no one it could find ("du kommer skada dig på
// staketet", "jeg skal slå deg i sjakk"). (An idiom's presence alone is
// no such sign: "sov godt i natt" closes veiled threats.)
func (j *judge) harmlessReading(res *results) (string, bool) {
	entries, kept, grammar := false, false, false
	for i := range j.hits {
		c := &j.hits[i]
		if c.e < 0 || c.name != "" {
			continue
		}
		switch j.d.lx.entries[c.e].kind {
		case kInsult, kHarassment, kThreat, kHate, kSexual:
			entries = true
			kept = kept || !c.gone
		case kHarm, kFate:
			grammar = grammar || !c.gone
		}
	}
	switch {
	case entries && !kept:
		return "the lexicon read its harm words as harmless here", true
	case grammar && len(res.by[kThreat]) == 0:
		return "harm words that threaten no one", true
	}
	return "", false
}
