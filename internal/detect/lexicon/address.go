package lexicon

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/detect/normalize"
)

// Address reports whether the text says something of a person it
// aims at: the reader ("tu es", "jij bent", "du är", "you have"), a
// staff member by name ("Karim est", "Sanne is") or someone pointed at
// with a person noun ("cette secrétaire a", "that receptionist is",
// "den där sköterskan är"), as the subject of a predicate. It reuses the
// cues the lexicons already hold for judging a word's target (you,
// person, staff names), so it reads "whom" exactly as the abuse entries
// do, and it says no when the text speaks against an attack: a negation
// after the subject, counter-speech or reporting, quotation marks, or
// laughter and affection ("haha", "😂", "❤️").
//
// It is for the engine's Corroboration (detect.Addresser): a statistical
// model that reads an insult in a text the lexicons have no entry for
// cannot tell who is aimed at; this is the evidence it lacks. It runs
// only for such texts, not on every comment.
func (d *Detector) Address(ctx context.Context, in detect.Input, evidence []detect.Span) (detect.Span, string, bool) {
	if ctx.Err() != nil || in.Text == "" {
		return detect.Span{}, "", false
	}
	if laughing(in.Text) || quoting(in.Text) {
		return detect.Span{}, "", false
	}
	j, _, done := d.reread(in)
	defer done()
	n, text := j.n, j.text
	if j.counterSpeech() || j.r17Exculpates() { // "ihr seid nicht faul": round17insult.go
		return detect.Span{}, "", false
	}
	for i := range j.hits {
		c := &j.hits[i]
		if c.gone {
			continue
		}
		var who string
		switch {
		case c.name != "":
			// A handle ("@user …") opens a reply: it is who is answered,
			// not the subject of what follows.
			if sp := n.Span(int(c.s), int(c.t)); sp[0] > 0 && in.Text[sp[0]-1] == '@' {
				continue
			}
			who = "the person named " + c.name
		case c.e >= 0 && j.d.lx.entries[c.e].kind == kYou && j.d.lx.entries[c.e].flags&fPoss == 0:
			who = "the reader"
		case c.e >= 0 && j.d.lx.entries[c.e].kind == kPerson && addrPerson(j.d.lx.term(&j.d.lx.entries[c.e]), text, c):
			who = "a person"
		default:
			continue
		}
		if !j.opensClause(c, who == "a person") {
			continue
		}
		from, to, ok := j.predicate(c)
		if !ok || !overlaps(n.Span(int(from), int(to)), evidence) {
			continue
		}
		return n.Span(int(c.s), int(c.t)), "said of " + who + " (" + `"` + text[c.s:c.t] + `"` + ")", true
	}
	return detect.Span{}, "", false
}

// reread analyses in.Text afresh, for a second opinion another detector
// asks of the lexicon (Address, Defuses), and returns the judge over its
// hits and what they scored; done gives the state back to the pool.
func (d *Detector) reread(in detect.Input) (j judge, res *results, done func()) {
	n := normalize.Text(in.Text)
	st := statePool.Get().(*state)
	res = new(results)
	d.analyze(n, in, st, res)
	j = judge{d: d, n: n, text: n.String(), hits: st.hits, sents: st.sents}
	return j, res, func() { statePool.Put(st) }
}

// counterSpeech reports a counter-speech cue among the hits ("… should be
// ashamed", "that's racist").
func (j *judge) counterSpeech() bool {
	for i := range j.hits {
		if j.isCue(&j.hits[i], kCounter) {
			return true
		}
	}
	return false
}

// predicate finds what cue c is said to be or have: a copula or a verb
// of having right after it (or ending the cue itself: "du är", "vous
// êtes"), then the rest of its clause, [from, to) in the normalised text;
// not when a negation follows the verb ("du er ikke verdiløs").
func (j *judge) predicate(c *hit) (from, to int32, ok bool) {
	from = c.t
	to = from + int32(len(j.text[from:]))
	if end := strings.IndexAny(j.text[from:], ",.;:!?\n"); end >= 0 {
		to = from + int32(end)
	}
	cue := j.text[c.s:c.t]
	if sp := strings.LastIndexByte(cue, ' '); sp >= 0 && addrVerbs[cue[sp+1:]] {
		ok = true
	}
	ws := strings.Fields(j.text[from:to])
	if !ok && len(ws) > 0 && addrVerbs[ws[0]] {
		// What is said starts after the verb: "är" alone says nothing.
		ok = true
		from += int32(strings.Index(j.text[from:to], ws[0]) + len(ws[0]))
		ws = ws[1:]
	}
	if !ok {
		return 0, 0, false
	}
	// A negation among the first five words of what is said: the
	// lexicons' own negation cues.
	reach, words := from, 0
	for ; reach < to && words < 5; words++ {
		for reach < to && j.text[reach] == ' ' {
			reach++
		}
		for reach < to && j.text[reach] != ' ' {
			reach++
		}
	}
	for i := range j.hits {
		if c := &j.hits[i]; j.isCue(c, kNeg) && c.s >= from && c.s < reach {
			return 0, 0, false
		}
	}
	return from, to, true
}

// overlaps reports whether one of spans overlaps sp.
func overlaps(sp detect.Span, spans []detect.Span) bool {
	for _, x := range spans {
		if x[0] < sp[1] && sp[0] < x[1] {
			return true
		}
	}
	return false
}

// opensClause reports whether cue c (a person noun when person) is the
// subject a clause opens on:
// at most one word before it since the last punctuation mark ("Sara, du
// är …", "franchement t'as …", "cette secrétaire a …"), and that word no
// conjunction or relative that makes the clause part of another ("la
// façon dont tu es", "den måde du er på", "si tu crois", "weil du …").
func (j *judge) opensClause(c *hit, person bool) bool {
	start := strings.LastIndexAny(j.text[:c.s], ",.;:!?\n") + 1
	ws := strings.Fields(j.text[start:c.s])
	if len(ws) > 1 {
		return false
	}
	// Before a person noun "that", "die", "den" point at someone ("that
	// receptionist is"); before "you" they open a relative clause.
	return len(ws) == 0 || !addrSubordinators[ws[0]] || person && addrDemonstratives[ws[0]]
}

// addrSubordinators open a clause that is part of another.
var addrSubordinators = map[string]bool{
	"that": true, "if": true, "when": true, "because": true, "since": true, "how": true, "where": true, "whether": true, "as": true, "and": true, "or": true, "but": true,
	"que": true, "qu": true, "qui": true, "si": true, "quand": true, "comme": true, "parce": true, "où": true, "ou": true, "dont": true, "et": true, "mais": true,
	"dat": true, "of": true, "als": true, "omdat": true, "wanneer": true, "hoe": true, "waar": true, "die": true, "en": true, "maar": true,
	"dass": true, "ob": true, "wenn": true, "weil": true, "wie": true, "wo": true, "der": true, "das": true, "und": true, "aber": true,
	"att": true, "om": true, "när": true, "nar": true, "eftersom": true, "hur": true, "var": true, "som": true, "och": true, "men": true,
	"at": true, "hvis": true, "når": true, "fordi": true, "hvordan": true, "hvor": true, "og": true,
}

// addrPerson keeps the person cues that point at one person: a
// demonstrative or the definite form of a noun ("cette secrétaire", "the
// vet", "veterinären"), not a bare pronoun ("il", "she", "han"), which is
// as often about a dog or a customer as about staff.
func addrPerson(term, text string, c *hit) bool {
	if strings.IndexByte(term, ' ') >= 0 || utf8.RuneCountInString(term) > 4 {
		return true
	}
	w, _ := prevWord(text, int(c.s))
	return addrDemonstratives[w]
}

// addrVerbs are the copulas and verbs of having, normalised, that make
// what follows a predicate of the subject before them.
var addrVerbs = map[string]bool{
	"are": true, "re": true, "is": true, "s": true, "have": true, "has": true, "ve": true,
	"es": true, "est": true, "etes": true, "êtes": true, "as": true, "a": true, "avez": true,
	"bent": true, "ben": true, "zijn": true, "heb": true, "hebt": true, "heeft": true, "hebben": true,
	"bist": true, "seid": true, "ist": true, "sind": true, "hast": true, "habt": true, "hat": true,
	"är": true, "ar": true, "e": true, "har": true,
	"er": true,
}

// addrDemonstratives point at one person ("cette", "that", "den där").
var addrDemonstratives = map[string]bool{
	"ce": true, "cet": true, "cette": true, "this": true, "that": true, "die": true, "deze": true, "dat": true, "diese": true, "dieser": true, "dieses": true,
	"denna": true, "denne": true, "den": true, "där": true, "dar": true,
}

// laughing reports laughter or affection in the text: teasing among
// friends ("haha du är en sån virrpanna 😂❤️"), not an attack.
func laughing(s string) bool {
	for _, e := range []string{"😂", "🤣", "😆", "😄", "😁", "😅", "😜", "😘", "🥰", "😍", "❤", "♥", "💕", "💖", "💗", "😹", "😉"} {
		if strings.Contains(s, e) {
			return true
		}
	}
	l := strings.ToLower(s)
	for _, w := range []string{"haha", "hihi", "hehe", "lol", "mdr", "xd", "jaja", "ptdr"} {
		if i := strings.Index(l, w); i >= 0 && (i == 0 || !isWordBefore(l, i)) {
			return true
		}
	}
	return false
}

// quoting reports quotation marks around words: what is quoted or
// reported is not said to anyone here.
func quoting(s string) bool {
	return strings.ContainsAny(s, "\"«»“”„") || strings.Count(s, "'") >= 2 && strings.Contains(s, " '")
}
