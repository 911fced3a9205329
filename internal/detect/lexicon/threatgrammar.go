package lexicon

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// The threat grammar catches threats no phrase entry spells out. Threats
// come in endless wordings ("I swear I'll break every bone in his body",
// "tu vas finir en fauteuil roulant", "jeg skal knuse trynet ditt"), but
// they are put together from a few parts, each listed per language in
// the lexicons as a word class:
//
//   - an agent or modality (kind agent): the writer's intent or future
//     ("i ll", "je vais", "ik ga", "ich werde", "jag ska", "eg skal"), a
//     wish or a call on others ("i hope", "someone should"); flagged v, a
//     second-person future or a desert ("you ll", "tu vas", "du kommer
//     att", "you deserve") that only foretells the reader's fate;
//   - a harm done (kind harm: "kill", "stab", "break", "tuer", "döda") or a
//     harm that befalls (kind fate: "never walk again", "in a body bag",
//     "en fauteuil roulant");
//   - a person target: the reader, a third person, a staff member by name,
//     someone's own (kind victim: "your kids", "her car").
//
// In one sentence, the agent first and the harm within a few words after
// it, and the target after the agent (a French or German object pronoun
// stands before the verb, an English one after it), they make a threat of
// severity 3, whatever the words between. Not when a negation stands
// between or just before the agent (outside a condition: "if you don't
// pay I'll …" stays a threat), when the words are quoted or reported,
// when the target is a pronoun that follows an animal or pest ("the rats,
// I'll kill them all"), or when an idiom hides the harm (ok entries: "kill
// for a coffee", "beat you at chess", "shoot you an email").

// grammarKind reports whether k is one of the threat grammar's word
// classes, which only this rule reads.
func grammarKind(k kind) bool {
	return k == kAgent || k == kHarm || k == kFate || k == kVictim || k == kAnimal || k == kIdiom
}

// tgHarmGap and tgFateGap are the words that may stand between the agent
// and a harm or a fate ("I'll fucking kill you", "I'll make sure you end
// up in a wheelchair").
const (
	tgHarmGap = 4
	tgFateGap = 6
	// tgAfter is how many words after the harm the target may stand
	// ("break every bone in his body").
	tgAfter = 5
	// tgDirectAfter is the same after an imperative ("cassez-lui la
	// gueule"); tgOpeners is how many openers may lead to it ("someone
	// go", "allez", "kom igen").
	tgDirectAfter = 2
	tgOpeners     = 3
)

// threatGrammar adds a threat for each harm or fate that an agent before
// it and a person target make one (see above). It reads the judged hits
// only; a text with no harm or fate cue costs one pass over them.
func (j *judge) threatGrammar(res *results) {
	lx := j.d.lx
	for hi := range j.hits {
		h := &j.hits[hi]
		if h.gone || h.e < 0 || h.name != "" {
			continue
		}
		he := &lx.entries[h.e]
		if he.kind != kHarm && he.kind != kFate {
			continue
		}
		if he.flags&fEnd != 0 && !clauseEndsAt(j.text, int(h.t)) {
			continue
		}
		a := j.tgAgent(h, he.kind == kFate)
		direct, trailing := false, false
		if he.kind == kFate && (a < 0 || he.flags&fTarget != 0 && lx.entries[j.hits[a].e].flags&fVeiled != 0) {
			// "if I see her in town, she's getting stabbed", "you'll be
			// in hospital when I'm done with you": a first-person
			// condition or encounter (agent flag p) makes the fate
			// around it the writer's doing, even after "you'll".
			if c, tr := j.tgCondAgent(h); c >= 0 {
				a, trailing = c, tr
			}
		}
		if a < 0 {
			// An imperative or a first-person present (flag c: "cassez-lui
			// la gueule", "ich stech dich ab") is its own agent, only
			// where it opens its clause: "la maison brûle" is no call.
			if he.kind != kHarm || he.flags&fCall == 0 || !j.tgOpensClause(h) {
				continue
			}
			a, direct = hi, true
		}
		if he.kind == kFate && he.flags&fTarget != 0 && lx.entries[j.hits[a].e].flags&fVeiled != 0 {
			// "You'll be in hospital for two days": a fate that also
			// befalls by illness is a threat only as the writer's doing.
			continue
		}
		var t int
		if trailing {
			// The condition follows the fate: the target may stand
			// before the fate ("you'll be lucky …") or in the condition
			// itself ("… when I'm done with you").
			lo, hh := j.hits[a], *h
			lo.s, hh.t, hh.w1 = 0, max(h.t, lo.t), max(h.w1, lo.w1)
			t = j.tgTarget(&lo, &hh, false, false)
		} else {
			t = j.tgTarget(&j.hits[a], h, he.kind == kHarm && he.flags&fTarget != 0, direct)
		}
		if t < 0 {
			continue
		}
		ah, th := &j.hits[a], &j.hits[t]
		whole := hit{e: h.e, s: ah.s, t: max(h.t, th.t), w0: ah.w0, w1: max(h.w1, th.w1), sent: h.sent}
		if trailing {
			whole.s, whole.w0 = min(h.s, th.s), min(h.w0, th.w0)
			whole.t, whole.w1 = max(whole.t, ah.t), max(whole.w1, ah.w1)
			if j.tgNegatedTrailing(h, ah) || j.quoted(&whole) {
				continue
			}
		} else if j.tgNegated(ah, h) || j.quoted(&whole) {
			continue
		}
		if direct && j.tgDirectBlocked(h, th) {
			continue
		}
		if cs := j.nearest(&whole, kCounter, 6, -1); cs >= 0 && !j.insideAbuse(cs) {
			continue
		}
		var b strings.Builder
		if l := j.d.lx.langOf(he); l != "" {
			b.WriteString(l + ":")
		}
		if direct {
			b.WriteString("threat grammar sev 3: incitement")
		} else {
			b.WriteString("threat grammar sev 3: agent " + strconv.Quote(j.raw(a)))
		}
		if he.kind == kFate {
			b.WriteString(", fate ")
		} else {
			b.WriteString(", harm ")
		}
		b.WriteString(strconv.Quote(j.raw(hi)) + ", target " + strconv.Quote(j.raw(t)))
		res.add(kThreat, 0.9, 3, b.String(), j.n.Span(int(whole.s), int(whole.t)))
	}
	// A veiled setup and a menacing closer (round16threat.go).
	j.veiledCloser(res)
}

// tgAgent finds the agent cue nearest before harm or fate h in its
// sentence, within the gap, with no clause-ending punctuation between; a
// second-person future (flag v) only before a fate: "you'll kill him with
// that dose" foretells no harm to the reader.
func (j *judge) tgAgent(h *hit, fate bool) int {
	gap := int32(tgHarmGap)
	if fate {
		gap = tgFateGap
	}
	if l := j.d.lx.langOf(&j.d.lx.entries[h.e]); l == "de" || l == "nl" {
		// The verb closes the clause after its objects: "ich werde dich
		// finden und dir alle Knochen brechen".
		gap += 2
	}
	best := -1
	for i := range j.hits {
		c := &j.hits[i]
		if !j.isCue(c, kAgent) || c.sent != h.sent || c.s >= h.s || c.t > h.s && !fate {
			continue
		}
		if j.d.lx.entries[c.e].flags&fCall != 0 {
			continue // an opener of a call ("come on", "allez") only leads to an imperative
		}
		if !fate && j.d.lx.entries[c.e].flags&fVeiled != 0 {
			continue
		}
		if j.d.lx.entries[c.e].flags&fPoss != 0 {
			continue // a condition (flag p): tgCondAgent
		}
		if h.w0-c.w1-1 > gap || strings.ContainsAny(j.text[min(c.t, h.s):h.s], ",;:()\"") {
			continue
		}
		if best < 0 || c.t > j.hits[best].t {
			best = i
		}
	}
	return best
}

// tgTarget finds the person the harm is aimed at: the reader, a third
// person, a staff member by name or someone's own, from the agent's start
// (its own "you" in "you'll", a clitic in "je vais te tuer") to a few
// words after the harm, in its sentence; -1 when there is none, or when
// the only one is a pronoun that may stand for an animal named before it.
func (j *judge) tgTarget(a, h *hit, ownOnly, direct bool) int {
	after := int32(tgAfter)
	if direct {
		// An imperative's object follows it at once ("kill him", "hau
		// dem Tierarzt …"): "punch in the code for him" aims at no one.
		after = tgDirectAfter
	}
	best := -1
	for i := range j.hits {
		c := &j.hits[i]
		if c.gone || c.sent != h.sent || c.s < a.s || c.w0 > h.w1+after {
			continue
		}
		if c.name != "" && ownOnly {
			continue
		}
		if direct && c.s >= h.t && strings.ContainsAny(j.text[h.t:c.s], ",;:()\"") {
			// "stech die Kartoffeln ab, ob sie gar sind": the imperative's
			// object stands in its own clause.
			continue
		}
		if c.name == "" {
			if c.e < 0 {
				continue
			}
			e := &j.d.lx.entries[c.e]
			switch {
			case e.kind == kVictim && e.flags&fPoss != 0:
				// An object clitic stands before the verb ("je vais la
				// tuer"), and not before a noun it doubles ("je vais le
				// tuer, ce boss final"): that one is a thing as often.
				if ownOnly || c.t > h.s || tgDislocated(j.text, int(h.t)) || j.tgAnimalBefore(c) {
					continue
				}
			case e.kind == kVictim && e.flags&fCall != 0 && !direct:
				// "the clinic", "veterinären": a target only of a call
				// to harm it, not of "I hope they find the vet."
				continue
			case e.kind == kVictim:
			case ownOnly:
				// "smash", "beat", "burn" harm a body part or someone's
				// own; said of a bare pronoun they are sport or cooking
				// ("we'll smash you in the quiz").
				continue
			case e.kind == kYou && e.flags&fPoss == 0:
				if direct && j.d.lx.entries[h.e].flags&fVeiled == 0 {
					// An imperative calls on the reader: "kill ur self"
					// urges self-harm (harassment), it threatens no one.
					// Only the writer's own present (flag v) aims at him.
					continue
				}
			case e.kind == kPerson:
				if j.tgAnimalBefore(c) {
					continue
				}
			default:
				continue
			}
		}
		if j.d.lx.entries[h.e].flags&fEnd != 0 && !(c.w1 == h.w0-1 || c.w0 == h.w1+1 || c.s >= h.s && c.t <= h.t) {
			// A verb that threatens only bare ("I'll find you.", "ik ga
			// je vinden.") has its object next to it: "ik hoop dat jullie
			// snel een dierenarts vinden" finds a vet.
			continue
		}
		if best < 0 || tgCloser(c, h, &j.hits[best]) {
			best = i
		}
	}
	return best
}

// tgCloser reports whether c is nearer to h than b is, in words.
func tgCloser(c, h, b *hit) bool {
	d := func(x *hit) int32 {
		if dd := dist(h, x); dd >= 0 {
			return dd
		}
		return 99
	}
	return d(c) < d(b)
}

// tgAnimalBefore reports whether person cue c is a short pronoun ("him",
// "them", "le", "hem", "ihn", "honom") with an animal or pest named before
// it in its sentence or the one before: "if the cat scratches again I'll
// kill him" is about the cat.
func (j *judge) tgAnimalBefore(c *hit) bool {
	if utf8.RuneCountInString(j.text[c.s:c.t]) > 5 || strings.IndexByte(j.text[c.s:c.t], ' ') >= 0 {
		return false
	}
	for i := range j.hits {
		k := &j.hits[i]
		if j.isCue(k, kAnimal) && k.t <= c.s && (k.sent == c.sent || k.sent == c.sent-1) {
			return true
		}
	}
	return false
}

// tgNegated reports whether a negation stands between agent a and harm h,
// or up to two words before the agent ("I will never hurt you", "nobody
// will", "je ne vais pas te frapper"), and not inside a condition ("if
// you don't pay, I'll …"), nor inside the fate itself ("never walk again").
func (j *judge) tgNegated(a, h *hit) bool {
	for i := range j.hits {
		c := &j.hits[i]
		if !j.isCue(c, kNeg) || c.sent != a.sent || c.t > h.s || c.w1 < a.w0-2 {
			continue
		}
		if c.s >= h.s && c.t <= h.t {
			continue
		}
		if j.inCondition(c, false) {
			continue
		}
		return true
	}
	return false
}

// tgDislocated reports whether a determiner follows the harm at once
// ("je vais le tuer ce boss final"): the clitic then doubles that noun.
func tgDislocated(text string, t int) bool {
	for t < len(text) && (text[t] == ' ' || text[t] == ',') {
		t++
	}
	w, _ := cutWord(text[t:])
	switch w {
	case "ce", "cet", "cette", "ces", "le", "la", "les", "l", "un", "une", "des", "mon", "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses":
		return true
	}
	return false
}

// tgOpensClause reports whether harm h opens its clause: nothing but
// openers (agents flagged c: "come on", "allez", "los", "kom igen") stands
// between it and the start of the text or a punctuation mark ("Karim,
// cassez-lui la gueule"). It allocates nothing.
func (j *judge) tgOpensClause(h *hit) bool {
	s := int(h.s)
	for range tgOpeners + 1 {
		for s > 0 && j.text[s-1] == ' ' {
			s--
		}
		if s == 0 || !isWordBefore(j.text, s) {
			return true
		}
		o := -1
		for i := range j.hits {
			c := &j.hits[i]
			if int(c.t) == s && c.sent == h.sent && j.isCue(c, kAgent) && j.d.lx.entries[c.e].flags&fCall != 0 {
				o = i
				break
			}
		}
		if o < 0 {
			return false
		}
		s = int(j.hits[o].s)
	}
	return false
}

// tgDirectBlocked reports whether an imperative h aimed at target th is no
// call to harm: negated after the verb too ("brûle pas sa maison", "töte
// ihn nicht"), asked ("tue-le ?"), or aimed at an animal or pest named
// between ("kill the fleas on his dog").
func (j *judge) tgDirectBlocked(h, th *hit) bool {
	end := max(h.w1, th.w1)
	for i := range j.hits {
		c := &j.hits[i]
		if c.gone || c.e < 0 || c.sent != h.sent {
			continue
		}
		switch j.d.lx.entries[c.e].kind {
		case kNeg:
			// Before the verb, tgNegated has seen it; after it, only in
			// its clause: "torch the clinic, nobody will know".
			if c.w0 >= h.w0 && c.w0 <= end+1 && !strings.ContainsAny(j.text[h.t:max(h.t, c.s)], ",;:()\"") && !j.inCondition(c, false) {
				return true
			}
		case kAnimal:
			if c.s >= h.t && c.t <= th.s {
				return true
			}
		}
	}
	for k := int(max(h.t, th.t)); k < len(j.text); k++ {
		switch j.text[k] {
		case '?':
			return true
		case '.', '!', ';', '\n':
			return false
		}
	}
	return false
}

// tgCondGap is how many more words than an agent a first-person condition
// may stand before its fate: "if I see that nurse in town she's getting
// stabbed" names the place and the person between.
const tgCondGap = 4

// tgCondAgent finds a first-person condition or encounter (agent flag p:
// "if I see", "si je la croise", "wenn ich mit dir fertig bin", "när jag
// är klar med dig") for fate h in its sentence: before it, within a
// wider gap and across at most one comma ("if I see her, she's dead"),
// not overlapping it ("wenn ich sie im krankenhaus sehe" visits); else
// after it, within the fate gap and no punctuation between ("you'll be
// lucky to walk when I'm done with you"), which trailing reports. -1 when
// there is none. It allocates nothing.
func (j *judge) tgCondAgent(h *hit) (int, bool) {
	gap := int32(tgFateGap)
	if l := j.d.lx.langOf(&j.d.lx.entries[h.e]); l == "de" || l == "nl" {
		gap += 2
	}
	best, after := -1, -1
	for i := range j.hits {
		c := &j.hits[i]
		if !j.isCue(c, kAgent) || c.sent != h.sent || j.d.lx.entries[c.e].flags&fPoss == 0 {
			continue
		}
		switch {
		case c.t <= h.s:
			between := j.text[c.t:h.s]
			g, commas := gap+tgCondGap, 1
			if j.d.lx.entries[h.e].flags&fTarget != 0 {
				// A fate that also befalls by illness ("in hospital")
				// after a condition is often news: "wenn ich sie sehe,
				// frage ich, ob sie im Krankenhaus war". Only close.
				g, commas = gap, 0
			}
			if h.w0-c.w1-1 > g || strings.ContainsAny(between, ";:()\"") || strings.Count(between, ",") > commas {
				continue
			}
			if best < 0 || c.t > j.hits[best].t {
				best = i
			}
		case c.s >= h.t:
			if c.w0-h.w1-1 > gap || strings.ContainsAny(j.text[h.t:c.s], ",;:()\"") {
				continue
			}
			if after < 0 || c.s < j.hits[after].s {
				after = i
			}
		}
	}
	if best >= 0 {
		return best, false
	}
	return after, after >= 0
}

// tgNegatedTrailing reports whether a negation stands between fate h and
// the condition a after it, or up to two words before the fate, outside
// the fate itself ("you won't walk again" is the fate) and outside a
// condition: "you'll be fine when I'm done with you" never comes here,
// "nobody will be in hospital when I'm done" does not threaten.
func (j *judge) tgNegatedTrailing(h, a *hit) bool {
	for i := range j.hits {
		c := &j.hits[i]
		if !j.isCue(c, kNeg) || c.sent != h.sent || c.w1 < h.w0-2 || c.s >= a.s {
			continue
		}
		if c.s >= h.s && c.t <= h.t || j.inCondition(c, false) {
			continue
		}
		return true
	}
	return false
}
