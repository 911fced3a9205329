package pii

import (
	"cmp"
	"slices"
	"strings"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// cueHit is a word or phrase that says whose data is nearby.
type cueHit struct {
	s, e   int
	third  bool // someone else's (doxxing) rather than the writer's own
	strong bool // a phrase ("her number", "il habite") rather than a lone pronoun
}

// Cue windows in bytes: cues before an entity reach further than cues
// after it ("her number is …" is the usual order).
const (
	cueBefore = 90
	cueAfter  = 50
	weakCost  = 40 // a lone pronoun counts as this many bytes further away
)

func (s *scan) cue(a, b int, third, strong bool) {
	s.cues = append(s.cues, cueHit{s: s.toks[a].s, e: s.toks[b].e, third: third, strong: strong})
}

// formalGerman: capitalised Ihr/Ihre/Sie mid-sentence is the polite "you".
func (s *scan) formalGerman(k int) bool {
	t := s.toks[k]
	if !t.upper || (s.li != 5 && s.li != 6) {
		return false
	}
	switch s.low[t.s:t.e] {
	case "ihr", "ihre", "ihren", "ihrem", "ihrer", "ihres", "sie":
		return true
	}
	return false
}

// findCues lists person cues over the whole text; bestCue then picks the
// nearest for each finding.
func (s *scan) findCues(wc *detect.Context) {
	toks := s.toks
	next := func(k, n int) int { // index of the n-th following non-apostrophe token
		for q := k + 1; q < len(toks); q++ {
			if toks[q].kind == tkPunct && (s.text[toks[q].s] == '\'' || strings.HasPrefix(s.text[toks[q].s:], "’")) {
				continue
			}
			n--
			if n == 0 {
				return q
			}
		}
		return -1
	}
	for k, t := range toks {
		f := t.flags
		if t.kind != tkWord {
			continue
		}
		// Genitives: "the manager's number", "Amira's", "Ordførerens
		// fødselsnummer", "Kommunalrådets personnummer", "Annas Nummer".
		s.genitive(k)
		if f == 0 {
			continue
		}
		if s.formalGerman(k) {
			continue
		}
		// Round 20: "je suis Mme Roux", "ich bin Herr Braun": the writer
		// introducing themselves, not another person.
		if f&fOther != 0 && honorifics[s.low[t.s:t.e]] && s.selfIntro(k) {
			s.cue(k, k, false, true)
			continue
		}
		switch {
		case f&fStrongThird != 0:
			s.cue(k, k, true, true)
		case f&fStrongFirst != 0:
			s.cue(k, k, false, true)
		case f&fOther != 0:
			s.cue(k, k, true, true)
		}
		if f&fImperative != 0 {
			for n := 1; n <= 2; n++ {
				q := next(k, n)
				if q < 0 {
					break
				}
				qf := toks[q].flags
				if qf&fObjThird != 0 && !s.formalGerman(q) {
					s.cue(k, q, true, true)
					break
				}
				if qf&fObjFirst != 0 {
					s.cue(k, q, false, true)
					break
				}
				if qf&fDemonstr != 0 {
					if r := next(q, 1); r >= 0 && toks[r].flags&fEntNoun != 0 {
						s.cue(k, r, true, true)
					}
					break
				}
			}
		}
		// Possessive and entity noun, either order ("her number",
		// "nummeret hennes"), with one word between at most.
		if f&(fPossThird|fPossFirst) != 0 {
			for n := 1; n <= 2; n++ {
				q := next(k, n)
				if q < 0 || toks[q].kind != tkWord {
					break
				}
				if toks[q].flags&fEntNoun != 0 {
					s.cue(k, q, f&fPossThird != 0 && f&fPossFirst == 0, true)
					break
				}
			}
		}
		if f&fEntNoun != 0 {
			if q := next(k, 1); q >= 0 {
				qf := toks[q].flags
				// One adjective between: "l'adresse perso du maire".
				if qf&^fPrivate == 0 && toks[q].kind == tkWord && !toks[q].upper {
					if r := next(q, 1); r >= 0 && toks[r].flags&fOf != 0 {
						q, qf = r, toks[r].flags
					}
				}
				if qf&(fPossThird|fPossFirst) != 0 && toks[q].flags&fEntNoun == 0 && !s.formalGerman(q) {
					s.cue(k, q, qf&fPossThird != 0 && qf&fPossFirst == 0, true)
				}
				// "the address of that scum", "l'adresse de cette
				// ordure", "adressen till honom".
				if qf&fOf != 0 {
					r := next(q, 1)
					if r >= 0 && toks[r].flags&fArticle != 0 && !toks[r].upper {
						r = next(r, 1) // "le num de la directrice", "van de burgemeester"
					}
					if r >= 0 {
						rt := toks[r]
						if rt.flags&(fDemonstr|fObjThird|fPossThird|fOther|fRole) != 0 && rt.flags&(fPossFirst|fFirst) == 0 ||
							s.isName(r) && rt.flags&(fEntNoun|fCtxPhone|fNeg) == 0 {
							s.cue(k, r, true, true)
						} else if rt.flags&(fPossFirst|fFirst) != 0 {
							s.cue(k, r, false, true)
						}
					}
				}
			}
		}
		// The addressee's data: "ton numéro", "din adresse", "adressen
		// din", "your address". English "your" is also how a customer
		// speaks to the organisation ("I called your number ten times"),
		// so there it only counts before an address.
		if f&fSecondPoss != 0 && !s.formalGerman(k) {
			if q := next(k, 1); q >= 0 && toks[q].flags&fEntNoun != 0 && (s.li != 0 && s.li != 6 || toks[q].flags&fAddrNoun != 0) {
				s.cue(k, q, true, true)
			}
		}
		if f&fEntNoun != 0 && s.li != 0 && s.li != 6 {
			if q := next(k, 1); q >= 0 && toks[q].flags&fSecondPoss != 0 && toks[q].flags&fEntNoun == 0 {
				s.cue(k, q, true, true)
			}
		}
		// A name before a verb of living: "Dr Lindqvist bor på…".
		if f&fLiveAny != 0 && f&fLive3 == 0 && k > 0 && s.isName(k-1) && toks[k-1].flags&(fFirst|fSubjFirst|fThird|fSubjThird) == 0 {
			s.cue(k-1, k, true, true)
		}
		// Round 19: a role or another person a few words before a bare
		// verb of living ("sköterskan Lena bor på…", "socialsekreteraren
		// som tog mina barn bor på…", "assistenten på legekontoret bor
		// i…"): the staff member's home, not the writer's. A first-person
		// subject right before the verb ("jag bor") keeps it the writer's.
		if f&fLiveAny != 0 && f&fLive3 == 0 && k > 0 && toks[k-1].flags&(fSubjFirst|fFirstSubjOnly) == 0 {
			if r := s.roleBefore(k); r >= 0 {
				s.cue(r, k, true, true)
			}
		}
		// Subject and verb of living, either order.
		if f&(fSubjThird|fSubjFirst) != 0 {
			if q := next(k, 1); q >= 0 && toks[q].flags&(fLiveAny|fLive3) != 0 {
				s.cue(k, q, f&fSubjThird != 0 && f&fSubjFirst == 0, true)
			}
		}
		if f&(fLiveAny|fLive3) != 0 {
			if q := next(k, 1); q >= 0 && toks[q].flags&(fSubjThird|fSubjFirst) != 0 && toks[q].e-toks[q].s <= 4 {
				qf := toks[q].flags
				s.cue(k, q, qf&fSubjThird != 0 && qf&fSubjFirst == 0, true)
			} else if f&fLive3 != 0 {
				// "lives at", "woont op", "wohnt in" with a name or no
				// subject: third person, unless "j'habite" / "I live".
				first := false
				for q := k - 1; q >= 0 && q >= k-3; q-- { // "je me cache", "I'm staying"
					if toks[q].flags&(fSubjFirst|fFirstSubjOnly) != 0 {
						first = true
					}
				}
				if !first {
					s.cue(k, k, true, true)
				}
			}
		}
		// Lone pronouns and possessives: weak.
		if f&(fFirst|fThird) != 0 && f&(fEntNoun) == 0 {
			third := f&fThird != 0 && f&fFirst == 0
			first := f&fFirst != 0 && f&fThird == 0
			if third || first {
				s.cue(k, k, third, false)
			}
		}
	}
	if wc != nil {
		s.staffCues(wc.StaffNames)
	}
}

// selfIntro reports a first-person subject up to three tokens before the
// honorific at k, in the same clause: "je suis Mme…", "I'm Mrs…", "ik ben
// mevrouw…".
func (s *scan) selfIntro(k int) bool {
	toks := s.toks
	for q := k - 1; q >= 0 && q >= k-3; q-- {
		t := toks[q]
		if t.kind == tkPunct && strings.ContainsAny(s.text[t.s:t.e], ".!?;:,") {
			return false
		}
		if t.kind == tkWord && t.flags&(fSubjFirst|fFirstSubjOnly) != 0 {
			return true
		}
	}
	return false
}

// ownRelative reports the writer's parent or child ("min pappa", "my
// mum", "mon fils") up to ten tokens before the possessive at byte off,
// with no other person named between: "Min pappa är 104 år, hans
// personnummer är…" gives the relative's data for their care.
func (s *scan) ownRelative(off int) bool {
	toks := s.toks
	k := s.tokenAt(off)
	if k >= len(toks) || toks[k].flags&fPossThird == 0 || toks[k].flags&fEntNoun != 0 {
		return false
	}
	for q := k - 1; q >= 1 && q >= k-10; q-- {
		t := toks[q]
		if t.kind == tkPunct && strings.ContainsAny(s.text[t.s:t.e], ".!?;") && t.e < len(s.text) && s.text[t.e] == ' ' {
			return false
		}
		if t.kind != tkWord {
			continue
		}
		if t.flags&(fOther|fRole) != 0 {
			return false
		}
		if (parents[s.low[t.s:t.e]] || t.flags&fKin != 0) && toks[q-1].flags&fPossFirst != 0 {
			return true
		}
	}
	return false
}

// staffCues marks workspace staff names: data next to a colleague's name is
// about them.
func (s *scan) staffCues(names []string) {
	for _, name := range names {
		for _, part := range strings.Fields(name) {
			part = strings.Trim(part, ".,")
			if len(part) < 3 {
				continue
			}
			p := foldASCII(part)
			for off := 0; off < len(s.low); {
				i := strings.Index(s.low[off:], p)
				if i < 0 {
					break
				}
				a, b := off+i, off+i+len(p)
				// Round 20: a staff first name inside an e-mail address
				// ("anna.koch@…") is the writer's name, not the colleague.
				if !isAlnumRune(s.prevRune(a)) && !isAlnumRune(s.nextRune(b)) && !s.insideEmail(a, b) {
					s.cues = append(s.cues, cueHit{s: a, e: b, third: true, strong: true})
				}
				off = b
			}
		}
	}
}

// insideEmail reports [a,b) within an e-mail finding.
func (s *scan) insideEmail(a, b int) bool {
	for _, f := range s.finds {
		if f.entity == EntityEmail && f.s <= a && b <= f.e {
			return true
		}
	}
	return false
}

func foldASCII(x string) string {
	for i := 0; i < len(x); i++ {
		if isUpper(x[i]) {
			b := []byte(x)
			for j := i; j < len(b); j++ {
				if isUpper(b[j]) {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return x
}

// bestCue picks the cue nearest to [a,b): strong cues beat lone pronouns,
// cues before the entity beat cues after it, and at equal distance the
// third-person reading wins (the costlier one to miss). A cue with another
// finding between it and this one belongs to that finding first ("my
// number: A, hers: B"); it is used only when no other cue is in reach
// ("call her: A or B").
func (s *scan) bestCue(a, b int) (cueHit, bool) {
	best, bestD, bestBlocked := -1, 1<<30, true
	for i, c := range s.cues {
		var d int
		switch {
		case c.e <= a:
			d = a - c.e
			if d > cueBefore {
				continue
			}
		case c.s >= b:
			d = c.s - b
			if d > cueAfter {
				continue
			}
			d = d * 3 / 2
		default:
			continue // inside the entity
		}
		if !c.strong {
			d += weakCost
		}
		blocked := s.findingBetween(c, a, b)
		better := best < 0 ||
			bestBlocked && !blocked ||
			bestBlocked == blocked && (d < bestD || d == bestD && c.third && !s.cues[best].third)
		if better {
			best, bestD, bestBlocked = i, d, blocked
		}
	}
	if best < 0 {
		return cueHit{}, false
	}
	return s.cues[best], true
}

// findingBetween reports whether another finding lies between cue c and
// the entity [a,b).
func (s *scan) findingBetween(c cueHit, a, b int) bool {
	for _, f := range s.finds {
		if c.e <= a && f.s >= c.e && f.e <= a || c.s >= b && f.s >= b && f.e <= c.s {
			return true
		}
	}
	return false
}

// genitive adds a third-person cue for a person named in the genitive
// before an entity noun, or before anything for an English name ("Amira's
// hiding at…" is a name and "is" as often as a genitive).
func (s *scan) genitive(k int) {
	toks := s.toks
	t := toks[k]
	if t.kind != tkWord || t.flags&(fFirst|fPossFirst|fSubjFirst|fObjFirst|fSecondPoss|fNumWord) != 0 {
		return
	}
	person := t.flags&(fOther|fRole) != 0 || s.isName(k) && t.flags == 0
	// English: word, apostrophe, "s".
	if k+2 < len(toks) && toks[k+1].kind == tkPunct && toks[k+1].s == t.e &&
		(s.text[toks[k+1].s] == '\'' || strings.HasPrefix(s.text[toks[k+1].s:], "’")) &&
		toks[k+2].kind == tkWord && s.low[toks[k+2].s:toks[k+2].e] == "s" && toks[k+2].s == toks[k+1].e {
		if person && s.entNounAfter(k+2) && !notGenitive[s.low[t.s:t.e]] {
			s.cue(k, k+2, true, true)
		}
		return
	}
	// Scandinavian, German, Dutch: the genitive -s glued to the word.
	if s.li == 0 || s.li == 1 || t.e-t.s < 4 || s.low[t.e-1] != 's' || t.flags != 0 && t.flags&(fOther|fRole) == 0 {
		return
	}
	if s.entNounAfter(k) {
		s.cue(k, k, true, true)
	}
}

// entNounAfter reports an entity noun right after token k, or after one
// adjective ("the mayor's personal email").
func (s *scan) entNounAfter(k int) bool {
	toks := s.toks
	for q := k + 1; q < len(toks) && q <= k+2; q++ {
		if toks[q].kind != tkWord {
			return false
		}
		if toks[q].flags&fEntNoun != 0 {
			return true
		}
		if toks[q].flags&^fPrivate != 0 { // "the mayor's private email"
			return false
		}
	}
	return false
}

// notGenitive: capitalised English words before "'s" that are not a
// person ("It's", "That's", "Let's").
var notGenitive = map[string]bool{
	"it": true, "that": true, "what": true, "there": true, "here": true, "who": true, "where": true,
	"let": true, "this": true, "everyone": true, "everybody": true, "someone": true, "somebody": true,
	"nobody": true, "one": true, "today": true, "tonight": true, "tomorrow": true, "yesterday": true,
}

// Workplace window: how many tokens before a phone, address or e-mail a
// word for the organisation's premises (or its name) may stand.
const workplaceReach = 6

// dropPublicContacts removes the phone numbers, street addresses and e-mail
// addresses that a text gives as the organisation's own ("Dr Lindqvist på
// mottagningen på Storgatan 12", "ring Sara på kliniken 08-123 45 67",
// "appelez le cabinet au 01 42 68 53 00"): the premises' public contact
// details are nobody's private data, even next to a staff member's name.
// A word for a private line or a home, a verb of living or a possessive
// between them ("hennes privata nummer", "elle habite") keeps the finding;
// so does "my office" (the writer's own workplace is their data).
func (s *scan) dropPublicContacts(orgs, staff []string) {
	if s.all&(fWorkplace|fReachable) == 0 && len(orgs) == 0 {
		return
	}
	// Round 19: a contact list goes on past the window ("la clinique est
	// au 18 avenue Foch à Bron, tel 04 78 26 11 30"): a phone, address or
	// e-mail that follows a dropped one closely, with nothing private
	// between, is the same place's. Findings come per kind, so sort
	// first (cheap: a handful).
	slices.SortFunc(s.finds, func(a, b finding) int { return cmp.Compare(a.s, b.s) })
	out := s.finds[:0]
	lastPublic := -1 // end of the last dropped finding
	for _, f := range s.finds {
		if f.entity == EntityPhone || f.entity == EntityAddress || f.entity == EntityEmail {
			if s.publicContact(f, orgs, staff) || lastPublic >= 0 && s.followsPublic(lastPublic, f) || s.reachableAfter(f) || s.theirsAtWorkplace(f, orgs) {
				lastPublic = f.e
				continue
			}
		}
		out = append(out, f)
	}
	s.finds = out
}

// publicChain is how many tokens may separate a finding from the public
// contact before it ("…, tel", "…, phone").
const publicChain = 8

// followsPublic reports f within publicChain tokens after a dropped public
// contact ending at end, with no clause break (!?;) and nothing private
// between.
func (s *scan) followsPublic(end int, f finding) bool {
	toks := s.toks
	const private = fPrivate | fLive3 | fLiveAny | fPossThird | fSecondPoss | fObjThird | fThird
	n := 0
	for q := s.tokenAt(f.s) - 1; q >= 0 && toks[q].e > end; q-- {
		t := toks[q]
		if n++; n > publicChain {
			return false
		}
		if t.kind == tkPunct && strings.ContainsAny(s.text[t.s:t.e], "!?;.") && t.s+1 < len(s.text) && s.text[t.s+1] == ' ' {
			return false
		}
		if t.kind == tkWord && t.flags&private != 0 {
			return false
		}
	}
	return true
}

// reachableAfter reports a number asked about as a service line: "is 038
// 421 55 60 ook 's nachts bereikbaar?", "ist die 0661… auch nachts
// erreichbar?". Nothing personal may stand before it in the clause.
func (s *scan) reachableAfter(f finding) bool {
	if s.all&fReachable == 0 || f.entity != EntityPhone {
		return false
	}
	toks := s.toks
	k := s.tokenAt(f.s)
	const private = fPrivate | fPossThird | fSecondPoss | fThird | fPossFirst | fFirst | fRole | fOther
	for q, n := k-1, 0; q >= 0 && n < workplaceReach; q, n = q-1, n+1 {
		if toks[q].kind == tkWord && toks[q].flags&private != 0 {
			return false
		}
	}
	for q, n := s.tokenAt(f.e-1)+1, 0; q < len(toks) && n < workplaceReach; q, n = q+1, n+1 {
		t := toks[q]
		if t.kind == tkPunct && strings.ContainsAny(s.text[t.s:t.e], "!.;,") {
			return false
		}
		if t.kind == tkWord && t.flags&fReachable != 0 {
			return true
		}
	}
	return false
}

// roleBefore returns a role or other-person word up to five tokens before
// the verb at k, in the same sentence, or -1.
func (s *scan) roleBefore(k int) int {
	toks := s.toks
	for q, n := k-1, 0; q >= 0 && n < 5; q, n = q-1, n+1 {
		t := toks[q]
		if t.kind == tkPunct && strings.ContainsAny(s.text[t.s:t.e], "!?;.:") {
			return -1
		}
		if t.kind == tkWord && t.flags&(fRole|fOther) != 0 && t.flags&(fFirst|fPossFirst|fSubjFirst) == 0 {
			return q
		}
	}
	return -1
}

// publicContact reports a workplace word or the organisation's name in the
// same clause shortly before f, with nothing private in between.
func (s *scan) publicContact(f finding, orgs, staff []string) bool {
	toks := s.toks
	k := s.tokenAt(f.s) // first token of the finding
	// Something private right after: "08-123 45 67 (privat)".
	for q := s.tokenAt(f.e-1) + 1; q < len(toks) && q <= s.tokenAt(f.e-1)+2; q++ {
		if toks[q].flags&fPrivate != 0 {
			return false
		}
	}
	const private = fPrivate | fLive3 | fLiveAny | fPossThird | fSecondPoss
	for q, n := k-1, 0; q >= 0 && n < workplaceReach; q, n = q-1, n+1 {
		t := toks[q]
		if t.kind == tkPunct && strings.ContainsAny(s.text[t.s:t.e], "!?;") {
			return false
		}
		if t.flags&private != 0 && t.flags&fWorkplace == 0 {
			return false
		}
		if t.flags&fWorkplace != 0 && (s.personOf(q, staff) || s.liveBefore(q)) {
			// Round 19: "Sophie de l'accueil : 06…", "Sanne van de
			// balie: nul zes…": the workplace names the person, and the
			// number is hers.
			return false
		}
		if t.flags&fWorkplace != 0 || s.orgEndsAt(q, orgs) {
			// "my office", "mon bureau": the writer's own workplace.
			return !(q > 0 && toks[q-1].flags&fPossFirst != 0) && !s.privateBefore(q)
		}
	}
	return false
}

// privateBefore reports a private-line word a few tokens before the
// workplace word q, in the same clause (round 20: "privatnumret till Sara
// i receptionen: 07…", "the private number of Karim at reception"): the
// workplace only says where the person works.
func (s *scan) privateBefore(q int) bool {
	toks := s.toks
	for p, n := q-1, 0; p >= 0 && n < workplaceReach; p, n = p-1, n+1 {
		t := toks[p]
		if t.kind == tkPunct && strings.ContainsAny(s.text[t.s:t.e], "!?;.:") {
			return false
		}
		if t.kind == tkWord && t.flags&fPrivate != 0 && t.flags&fWorkplace == 0 {
			return true
		}
	}
	return false
}

// theirsAtWorkplace reports a phone, address or e-mail given as "their
// number" after the organisation was named ("merci à la clinique, leur
// numéro c'est le 04…", "thanks to the practice, their number is…"), with
// no person between: the premises' public line. German "ihre" is also
// "her" and is left out.
func (s *scan) theirsAtWorkplace(f finding, orgs []string) bool {
	toks := s.toks
	k := s.tokenAt(f.s)
	poss := -1
	for q, n := k-1, 0; q >= 0 && n < 8; q, n = q-1, n+1 {
		if w := s.low[toks[q].s:toks[q].e]; toks[q].kind == tkWord && plural3Poss[w] && (w != "hun" || s.li == 2) {
			if r := q + 1; r < len(toks) && toks[r].flags&fEntNoun != 0 && toks[r].flags&fPrivate == 0 {
				poss = q
			}
			break
		}
	}
	if poss < 0 {
		return false
	}
	for q, n := poss-1, 0; q >= 0 && n < 12; q, n = q-1, n+1 {
		t := toks[q]
		if t.kind != tkWord {
			continue
		}
		if t.flags&(fOther|fRole|fKin|fPrivate|fLiveAny|fLive3) != 0 {
			return false
		}
		if t.flags&fWorkplace != 0 || s.orgEndsAt(q, orgs) {
			return q == 0 || toks[q-1].flags&fPossFirst == 0
		}
	}
	return false
}

var plural3Poss = map[string]bool{"their": true, "leur": true, "leurs": true, "hun": true, "deras": true, "deres": true, "deira": true}

// orgEndsAt reports whether one of the organisation's names ends with
// token q.
func (s *scan) orgEndsAt(q int, orgs []string) bool {
	if len(orgs) == 0 || s.toks[q].kind != tkWord {
		return false
	}
	e := s.toks[q].e
	for _, o := range orgs {
		o = strings.TrimSpace(o)
		if len(o) < 3 || len(o) > e {
			continue
		}
		a := e - len(o)
		if strings.EqualFold(s.text[a:e], o) && (a == 0 || !wordByte(s.low[a-1])) {
			return true
		}
	}
	return false
}

// personOf reports "NAME of/from the WORKPLACE" ending at the workplace
// word q: a first name (capitalised or a workspace staff name) then "de",
// "van", "från", "fra", "von", "from", an article or apostrophe between.
func (s *scan) personOf(q int, staff []string) bool {
	toks := s.toks
	p := q - 1
	for p >= 0 && (toks[p].kind == tkPunct && (s.text[toks[p].s] == '\'' || strings.HasPrefix(s.text[toks[p].s:], "’")) || toks[p].flags&fArticle != 0) {
		p--
	}
	if p < 1 || toks[p].kind != tkWord {
		return false
	}
	if w := s.low[toks[p].s:toks[p].e]; toks[p].flags&fOf == 0 && w != "from" && w != "från" && w != "fra" && w != "frå" {
		return false
	}
	n := p - 1
	if toks[n].kind != tkWord || toks[n].flags != 0 {
		return false
	}
	if s.isName(n) {
		return true
	}
	w := s.low[toks[n].s:toks[n].e]
	for _, name := range staff {
		for _, part := range strings.Fields(name) {
			if len(part) >= 3 && strings.EqualFold(strings.Trim(part, ".,"), w) {
				return true
			}
		}
	}
	return false
}

// liveBefore reports a verb of living a few words before the workplace
// word q: "wohnt über der Apotheke in der Lindenstr. 4", "bor ovanför
// apoteket": the shop is a landmark for a home, not the contact given.
func (s *scan) liveBefore(q int) bool {
	toks := s.toks
	for p, n := q-1, 0; p >= 0 && n < 4; p, n = p-1, n+1 {
		if toks[p].kind == tkPunct && strings.ContainsAny(s.text[toks[p].s:toks[p].e], "!?;.,:") {
			return false
		}
		if toks[p].flags&(fLive3|fLiveAny) != 0 {
			return true
		}
	}
	return false
}
