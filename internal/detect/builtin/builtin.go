// Package builtin assembles the detectors that ship in the binary into the
// default engine, loading their embedded data once per process.
package builtin

import (
	"runtime/debug"
	"sync"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/detect/lang"
	"github.com/stormwatch/stormwatch/internal/detect/lexicon"
	"github.com/stormwatch/stormwatch/internal/detect/model"
	"github.com/stormwatch/stormwatch/internal/detect/pii"
	"github.com/stormwatch/stormwatch/internal/detect/spam"
)

var (
	once   sync.Once
	engine *detect.Engine
	err    error
)

// Engine returns the default engine: language identification, personal
// data with checksums, the multilingual lexicons, the trained model, and
// spam and scam detection (including the same text from many authors). It is built once and
// safe for concurrent use.
func Engine() (*detect.Engine, error) {
	once.Do(func() {
		// Loading builds large temporary tables: collecting more often
		// while it runs keeps the process's peak memory near what the
		// detectors keep (the usual setting would let the heap double
		// first), for a fraction of a second more of start-up.
		defer debug.SetGCPercent(debug.SetGCPercent(25))
		// What the packages' initialisation read of the embedded data
		// (phone metadata, …) need not stay resident while the
		// lexicons build their tables, nor what each load read after it.
		releaseReadOnlyData()
		defer releaseReadOnlyData()
		lex, lerr := lexicon.New()
		if lerr != nil {
			err = lerr
			return
		}
		id := lang.Default()
		// Load the language models now rather than on the first comment
		// that needs them, so no item pays seconds of latency.
		id.Warm()
		releaseReadOnlyData()
		m, merr := model.New()
		if merr != nil {
			err = merr
			return
		}
		// The model generalises where the lexicons have no entry, but on
		// held-out data it is right only 80 % of the time at 0.5 (and its
		// hate head far less): alone it may send an item to review; to
		// remove, it must be very sure (0.94 → 0.8) or the lexicons agree.
		// (×0.84 for insults: the positive identity templates made the
		// calibrated head a shade bolder; ×0.85 then removed 3 more of 230
		// innocent look-alikes at the 0.8 line.)
		// Its complaint head is trained on the project's few examples only
		// and is as quick to read anger as criticism: ×0.6 keeps it under
		// the policy's complaint threshold (0.6) on its own, so it labels
		// and routes nothing alone, and it confirms a lexicon cue (below).
		// Its threat head reads threats the lexicon's grammar has no entry
		// for, but a bag of words cannot tell "I'll be waiting by your car"
		// from the same words with "to give you back your keys": removing
		// where it alone is sure (0.95) took 23 more threats and 8 innocent
		// texts on the held-out and fresh sets, and 10 of 230 innocent
		// look-alikes. ×0.68 sends what it is fairly sure of (0.74) to a
		// person and never removes alone (the policy's threat removal is
		// 0.7).
		weighted := detect.Weighted(m, map[detect.Category]float64{detect.Insult: 0.84, detect.Hate: 0.6, detect.Threat: 0.68, detect.Complaint: 0.6})
		// One Repeats per process: it sees every workspace's stream (keyed
		// by workspace) and only items that name their author.
		repeats := spam.NewRepeats(spam.RepeatsConfig{})
		engine = detect.NewEngine(id, pii.New(), lex, weighted, spam.New(), repeats.Detector()).
			// The lexicon judges a word in its context, the model reads the
			// whole comment: when both find an insult or hate on their own,
			// each is evidence the other is right. The floors keep a
			// lexicon match that context lowered (negated, quoted, aimed at
			// a thing) from being raised back by the model.
			WithAgreement(map[detect.Category]detect.Agreement{
				detect.Insult: {Lead: 0.5, Support: 0.3, Max: 0.95, MinSeverity: 2},
				detect.Hate:   {Lead: 0.5, Support: 0.3, Max: 0.95, MinSeverity: 2},
				// A complaint cue in the lexicon and the model's complaint
				// head: unless the text also attacks someone, carries personal
				// data or is spam, which lower rules must still act on.
				detect.Complaint: {Lead: 0.4, Support: 0.3, Max: 0.85, Unless: map[detect.Category]float64{
					detect.Insult: 0.7, detect.Harassment: 0.6, detect.Threat: 0.5, detect.Hate: 0.5, detect.Sexual: 0.5, detect.Doxxing: 0.5, detect.PII: 0.5, detect.Spam: 0.5,
				}},
			}).
			// A lone model insult it is fairly sure of (0.75 before
			// weighting) but that stays under the removal threshold is
			// removed when the lexicon finds it said of a person: a
			// predicate aimed at the reader, a staff member or someone
			// pointed at ("tu as le cerveau d'une huître", "cette secrétaire
			// est …"), made of the very words the model read as abuse. Not
			// when the text is also a question, praise, a complaint or an
			// accusation (another reading, for a person to weigh); the
			// deference below still caps it where the lexicon judged abuse
			// mild or read strong praise.
			WithCorroboration(map[detect.Category]detect.Corroboration{
				detect.Insult: {Min: 0.75 * 0.84, Lift: 0.8, By: lex, Unless: map[detect.Category]float64{
					detect.Question: 0.5, detect.Praise: 0.3, detect.Complaint: 0.4, detect.Accusation: 0.5,
				}},
			}).
			// The model's heads spread what they read: a threat at a named
			// person's car scores insult 0.74 and threat 0.66, a sexual
			// remark insult 0.73 and sexual 0.40, and neither alone reaches
			// the policy's line. Taken together (noisy-OR of the harm
			// categories from 0.3) at 0.85 or more, the category nearest its
			// line is lifted to it, one sure of what the harm is (0.5)
			// before the broad insult: on a set written for this and never
			// tuned on (fresh27), 11 more removals and none wrongly; on the
			// sets never tuned on at all, 27 more and none wrongly. Not for
			// a clear question; not when the lexicon alone reports them
			// (its harassment is read from its insult: one reading); not
			// where the lexicon reads the text as speaking against harm or
			// its harm words as harmless (lexicon.Defuses). Hate is left
			// out: the model's hate head reads identity words, and with it
			// "Homo's zijn prachtige mensen." was removed.
			WithConsensus(&detect.Consensus{
				Lines: map[detect.Category]float64{detect.Insult: 0.8, detect.Threat: 0.7, detect.Harassment: 0.7, detect.Sexual: 0.7},
				Floor: 0.3, Min: 0.85, By: lex, Broad: detect.Insult, Specific: 0.5, Weighed: "lexicon",
				Unless: map[detect.Category]float64{detect.Question: 0.8},
			}).
			// A model sure enough to remove on its own (insult ≥ 0.8 after
			// weighting) still defers to the lexicon where the lexicon has
			// read abuse in the text and judged it mild in context: quoted
			// in counter-speech, negated, aimed at a thing.
			// And a lone model insult where the lexicon read no abuse at
			// all but strong praise is the model misreading the words
			// ("wat een schatje van een pup"): under the review threshold.
			WithDeference(map[detect.Category]detect.Deference{
				detect.Insult: {Cap: 0.75, Judges: []detect.Category{detect.Insult, detect.Threat, detect.Hate, detect.Harassment, detect.Sexual},
					Contrary: map[detect.Category]int{detect.Praise: 3}, ContraryCap: 0.45},
				detect.Hate: {Cap: 0.6, Judges: []detect.Category{detect.Insult, detect.Threat, detect.Hate, detect.Harassment, detect.Sexual}},
			})
	})
	return engine, err
}
