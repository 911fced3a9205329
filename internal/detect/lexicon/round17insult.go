package lexicon

import (
	"strings"
	"unicode/utf8"
)

// Round 17, severe insults and precision (testdata/round17-insult.jsonl).
//
//   - A generalisation about people chosen by what they do ("people who let
//     their dogs foul the pavement are absolute scum", "alla som cyklar på
//     trottoaren är idioter", "syklister på fortauet er noen idioter") is a
//     mild insult at a group nobody is part of by birth: the guide keeps it
//     for review. A moderate insult (severity 2 at most; a slur of severity
//     3 stays) said with a copula of a subject that holds no reader, staff
//     name, person noun or identity group, and that is a relative ("people
//     who", "alla som", "ceux qui", "wer", "mensen die") or opens on a
//     plural noun, is graded mild (r17Mild, read where the scorer grades a
//     hit), so the model's agreement cannot lift it to removal (a model
//     alone sure at 0.8 or more still removes: testdata/README.md).
//   - Exculpation: "nein ihr seid nicht faul, ihr habt nur zu wenig leute"
//     denies the insult a model reads in it. A text that says the reader is
//     not something gives the model's insult no target (address.go asks
//     r17Exculpates before lifting it).
//
// Both read the normalised text and the hits already found; they allocate
// nothing (words are read into an array on the stack).
func (j *judge) r17Mild(h *hit) bool {
	if h.name != "" || h.e < 0 {
		return false
	}
	e := &j.d.lx.entries[h.e]
	return e.kind == kInsult && e.sev <= 2 && j.r17GroupPredicate(h)
}

// r17GroupPredicate reports whether insult h is said, through a copula
// right before it (intensifiers allowed), of a generic group of people
// chosen by what they do: the subject from the sentence start holds a
// generic relative or opens on a plural-looking noun, and no cue of a
// person, the reader, a staff name or an identity group.
func (j *judge) r17GroupPredicate(h *hit) bool {
	text := j.text
	start := strings.LastIndexAny(text[:h.s], ".;:!?\n") + 1
	// Walk back over intensifiers to the copula.
	end := int(h.s)
	cop := -1
	for k := 0; k < 4; k++ {
		w, s := prevWord(text, end)
		if w == "" {
			return false
		}
		if r17Copulas[w] {
			cop = s
			break
		}
		if !r17Intensifiers[w] {
			return false
		}
		end = s
	}
	if cop <= start {
		return false
	}
	subj := text[start:cop]
	var arr [10]string
	nw := r17Words(subj, &arr)
	if nw <= 0 {
		return false
	}
	ws := arr[:nw]
	// Where the subject's head ends: at a generic relative ("people who",
	// "alla som"), whose clause may hold persons of its own ("their dogs").
	head, generic := cop, false
	for k, w := range ws {
		if r17Relatives[w] && (k > 0 && r17GenericHeads[ws[k-1]] || k == 0 && r17BareRelatives[w]) {
			generic = true
			if k > 0 {
				if at := strings.Index(subj[1:], w); at >= 0 {
					head = start + 1 + at
				}
			}
			break
		}
	}
	// Nothing that names someone in the head, nor the reader or the writer
	// anywhere in the sentence ("you people who … are idiots").
	for i := range j.hits {
		c := &j.hits[i]
		if c.gone || c.sent != h.sent {
			continue
		}
		if c.name != "" {
			return false
		}
		if c.e < 0 {
			continue
		}
		switch j.d.lx.entries[c.e].kind {
		case kYou, kSelf:
			return false
		case kPerson, kGroup, kHate:
			// A generic head is a person noun by itself ("people", "folk").
			if int(c.s) >= start && int(c.t) <= head && !(generic && r17GenericTail(text[c.s:c.t])) {
				return false
			}
		}
	}
	if generic {
		// "everyone who works here", "alla som jobbar där": the staff,
		// named by their work, are people the organisation protects.
		for _, w := range ws {
			if r17WorkVerbs[w] {
				return false
			}
		}
		return true
	}
	// A plural noun opening the subject ("syklister på fortauet",
	// "brann supportere"): not a pronoun or a determiner, and a plural
	// ending of its language.
	first := ws[0]
	if len(ws) > 1 && r17Qualifiers[first] {
		first = ws[1]
	}
	if r17NotPlural[first] {
		return false
	}
	// A compound written with a hyphen is normalised to two words:
	// "brann supportere" — the plural is the last word before a
	// preposition or the copula.
	for k := 0; k < len(ws); k++ {
		if r17Preps[ws[k]] {
			break
		}
		if r17PluralWord(ws[k]) {
			return true
		}
		if k >= 1 {
			break
		}
	}
	return false
}

// r17PluralWord reports a plural ending of a noun: -ister, -ere, -are,
// -ers, -ists, -istes, -isten, -fahrer (a German agent noun is the same
// in the plural: only with "alle" after the copula, which the subject
// reads as generic anyway).
func r17PluralWord(w string) bool {
	if len(w) < 6 || r17NotPlural[w] {
		return false
	}
	for _, suf := range r17PluralEnds {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

var r17PluralEnds = []string{"ister", "istes", "isten", "ists", "istas", "ere", "are", "arna", "erne", "ers", "eurs", "ours", "aars", "ars", "fahrer", "ianer"}

// r17Copulas are the plural (or number-less) copulas.
var r17Copulas = setOf("are", "re", "were", "är", "ar", "var", "er", "sind", "waren", "zijn", "sont", "étaient", "etaient")

// r17Intensifiers may stand between the copula and the insult.
var r17Intensifiers = setOf("absolute", "absolutely", "all", "just", "total", "complete", "utter", "such", "proper", "real", "bloody", "fucking",
	"noen", "alle", "bare", "nok", "jo", "sånne", "slike", "rene", "helt", "totalt",
	"bara", "några", "såna", "riktiga", "totala", "ju", "alla",
	"doch", "einfach", "echte", "totale", "komplette", "nur", "halt", "eh",
	"allemaal", "gewoon", "stuk", "stelletje",
	"des", "de", "vrais", "vraies", "tous", "toutes", "que", "juste", "vraiment", "complètement", "completement")

// r17Relatives open a relative clause about whoever does something.
var r17Relatives = setOf("who", "that", "som", "qui", "die", "der", "wer", "dat")

// r17GenericHeads are the heads of a generic relative ("people who",
// "alla som", "ceux qui", "mensen die", "leute die").
var r17GenericHeads = setOf("people", "those", "anyone", "anybody", "everyone", "everybody", "folk", "folks", "drivers", "owners",
	"alla", "de", "dem", "alle", "dei", "dom",
	"ceux", "celles", "gens", "tous",
	"mensen", "iedereen", "degenen", "lui", "lieden",
	"leute", "diejenigen", "jeder")

// r17WorkVerbs make a generic relative mean the staff ("people who work
// here").
var r17WorkVerbs = setOf("work", "works", "working", "employed", "staff", "jobbar", "arbetar", "jobber", "arbeider", "jobbe", "arbeide", "jobba",
	"travaillent", "travaille", "bossent", "bosse", "werken", "werkt", "arbeiten", "arbeitet", "beschäftigt", "arbejder")

// r17BareRelatives open a generic subject alone ("wer so parkt, ist …").
var r17BareRelatives = setOf("wer")

// r17Qualifiers may precede the plural noun ("alle syklister", "all cyclists").
var r17Qualifiers = setOf("all", "alle", "alla", "tous", "toutes", "les", "de", "die", "disse", "dessa", "these")

// r17NotPlural are words with a plural-looking ending that are no
// generic group: pronouns, determiners, people the organisation serves.
var r17NotPlural = setOf("others", "andere", "andre", "andra", "autres", "anderen", "vakere", "finere", "flere", "fleire",
	"ere", "there", "where", "here", "were", "sure", "care", "hare", "sjefere", "ledere", "lærere", "lærare", "lärare", "managers", "leaders", "teachers", "nurses",
	"workers", "carers", "helpers", "officers", "councillors", "volunteers", "members", "users", "customers", "owners", "neighbours", "neighbors", "parents", "vets",
	"brothers", "sisters", "mothers", "fathers", "daughters", "lovers", "partners", "players", "dealers", "bosses")

// r17Preps end the subject's head ("syklister på fortauet").
var r17Preps = setOf("på", "i", "in", "on", "at", "of", "op", "auf", "im", "en", "sur", "dans", "til", "till", "med", "with", "mit", "met", "van", "von", "de", "du", "des", "from", "fra", "från", "who", "som", "die", "qui")

// r17Exculpates reports a second-person predicate denied in the text
// ("ihr seid nicht faul", "you're not lazy", "ni är inte lata", "vous
// n'êtes pas"): what the model reads as an insult there is denied, not
// said of the reader.
func (j *judge) r17Exculpates() bool {
	lx := j.d.lx
	for i := range j.hits {
		c := &j.hits[i]
		if c.gone || c.e < 0 {
			continue
		}
		e := &lx.entries[c.e]
		if e.kind != kYou || e.flags&fPoss != 0 {
			continue
		}
		cue := j.text[c.s:c.t]
		verb := false
		if sp := strings.LastIndexByte(cue, ' '); sp >= 0 && addrVerbs[cue[sp+1:]] {
			verb = true
		}
		rest := j.text[c.t:]
		if end := strings.IndexAny(rest, ",.;:!?\n"); end >= 0 {
			rest = rest[:end]
		}
		var arr [10]string
		nw := r17Words(rest, &arr)
		if nw < 0 {
			nw = len(arr)
		}
		// The next three words: a verb unless the cue held it, then one of
		// the lexicons' negation cues; or the French "n' … pas" around the
		// verb.
		n, cursor := 0, 0
		for _, w := range arr[:nw] {
			if n >= 3 {
				break
			}
			n++
			at := cursor + strings.Index(rest[cursor:], w) // the words are rest's, in order
			cursor = at + len(w)
			if !verb {
				if addrVerbs[w] {
					verb = true
					continue
				}
				if w == "n" || w == "ne" {
					continue
				}
				break
			}
			if j.negCueAt(c.t + int32(at)) {
				return true
			}
			break
		}
	}
	return false
}

// negCueAt reports one of the lexicons' negation cues starting at byte i.
func (j *judge) negCueAt(i int32) bool {
	for k := range j.hits {
		if c := &j.hits[k]; c.s == i && j.isCue(c, kNeg) {
			return true
		}
	}
	return false
}

// r17Words reads the words of s (letters and digits; punctuation and
// spaces separate them) into arr, without allocating: their number, or
// -1 when there are more than arr holds.
func r17Words(s string, arr *[10]string) int {
	n := 0
	for i := 0; i < len(s); {
		if !isWordAt(s, i) {
			i++
			continue
		}
		k := i
		for k < len(s) && isWordAt(s, k) {
			_, w := utf8.DecodeRuneInString(s[k:])
			k += w
		}
		if n == len(arr) {
			return -1
		}
		arr[n] = s[i:k]
		n++
		i = k
	}
	return n
}

// r17GenericTail reports a person cue that ends on a generic head ("les
// gens", "people").
func r17GenericTail(cue string) bool {
	if sp := strings.LastIndexByte(cue, ' '); sp >= 0 {
		cue = cue[sp+1:]
	}
	return r17GenericHeads[cue]
}
