package lexicon

// Round 22 (r22b, nl and de): functional hate tests.

// afterDegreeNeg reports whether a negation cue of several words may still
// deny a first-person hate phrase it follows (negAfter): a degree negation
// at the end of the clause, "ik haat transpersonen helemaal niet", "ich
// hasse Transleute überhaupt nicht", which negAfter otherwise skipped as a
// clause-level cue. Dutch and German only, where negAfter reads a
// negation after the object.
func afterDegreeNeg(lang, cue string) bool {
	return (lang == "nl" || lang == "de") && degreeNegations[cue]
}

// sameGroupWord reports whether insult hit h spans exactly group cue g
// and is an adjective abusive only when aimed at a person (flag t): German
// "behinderte" is both the slang insult and the group's own name
// ("Behinderte Kollegen sind ein Gewinn", "Behinderte sind keine Last"),
// and a group's name is not aimed at itself. Said to someone ("du
// Behinderte") the reader is still its target.
func (j *judge) sameGroupWord(g, h *hit) bool {
	return g.s == h.s && g.t == h.t && j.d.lx.entries[h.e].flags&fTarget != 0
}
