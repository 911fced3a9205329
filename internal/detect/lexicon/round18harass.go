package lexicon

// Round 18: pieces of harassment add up. Many harassment entries are
// pieces, mild alone ("every day", "i'll make a new account", "took a photo
// of the receptionist", "her mum will hear about it"): the lexicons say
// "harassment only with another piece". The merge in signals raises the
// best match by at most 0.15, so two mild pieces never reached removal,
// and a campaign told in two short sentences ("Blocked me again? I've got
// six more profiles.") was only reviewed. Two pieces from different
// entries, on spans that do not overlap, neither negated, quoted nor
// countered, are a campaign: the best of them is raised to removal.
// A single piece, repeated or not, stays where it was.

// r18PiecesScore is the score two pieces reach together: above the policy's
// harassment threshold (0.7), below a severe entry's.
const r18PiecesScore = 0.75

// r18MinPiece is the least score a match needs to count as a piece: a
// negated (×0.25), countered (×0.3) or quoted (×0.5) mild entry falls
// below it.
const r18MinPiece = 0.4

// round18Pieces lifts harassment made of two independent pieces. No
// allocation: it only rewrites a score in place.
func (r *results) round18Pieces() {
	list := r.by[kHarassment]
	if len(list) < 2 {
		return
	}
	best := -1
	for i := range list {
		a := &list[i]
		if !r18Piece(a) {
			continue
		}
		for k := i + 1; k < len(list); k++ {
			b := &list[k]
			if !r18Piece(b) || a.why.e == b.why.e || r18Overlap(a, b) || r18OwnCase(a, b) {
				continue
			}
			if best < 0 || a.score > list[best].score {
				best = i
			}
			if b.score > list[best].score {
				best = k
			}
		}
	}
	if best < 0 {
		return
	}
	if list[best].score < r18PiecesScore {
		list[best].score = r18PiecesScore
	}
	// Together they are moderate harassment, so a complaint word among them
	// ("waiting", "again") is the campaign's content (personalAttack).
	list[best].sev = max(list[best].sev, 2)
	// "teilt das bitte überall, … soll keine ruhige Minute mehr haben": a
	// crisis cue ("share this", a boycott's call) inside a piece is the
	// campaign's own call, as partOfAttack finds for severe entries; left
	// whole, the crisis rule would keep the campaign up for review.
	for i := range r.by[kCrisis] {
		c := &r.by[kCrisis][i]
		if c.attack {
			continue
		}
		for k := range list {
			if r18Piece(&list[k]) && r18Inside(c, &list[k]) {
				c.score *= 0.3
				c.attack = true
				break
			}
		}
	}
}

// r18Inside reports whether every span of c lies inside a span of h.
func r18Inside(c, h *scored) bool {
	for _, x := range c.spanList() {
		in := false
		for _, y := range h.spanList() {
			in = in || (y[0] <= x[0] && x[1] <= y[1])
		}
		if !in {
			return false
		}
	}
	return true
}

// r18Piece reports whether s is a lexicon match that counts as a piece. A
// thing next to it does not make it harmless: a harassment entry names its
// person itself ("followed him round to the car park").
func r18Piece(s *scored) bool {
	w := s.why
	return w != nil && w.staff == "" && w.neg == "" && w.counter == "" && !w.quoted && w.self == "" &&
		(s.score >= r18MinPiece || w.tgt == tObject)
}

// r18OwnCase reports whether two pieces are the writer's own case: neither
// names a third person in its words, one is said to the reader, the other,
// mild, is aimed at a thing ("ich gebe nicht auf, ihr werdet meine Rechnung
// korrigieren, ich ruf morgen wieder an"): insistence on an invoice or a
// refund, not on a person. A piece that names its person ("ik wacht haar
// daar op", near "haar auto") is no such.
func r18OwnCase(a, b *scored) bool {
	noOne := func(s *scored) bool {
		return s.why.tgt == tYou && !r18NamesPerson(s.why.lx.term(&s.why.lx.entries[s.why.e]))
	}
	return noOne(a) && r18MildThing(b) || noOne(b) && r18MildThing(a)
}

// r18MildThing: a mild piece aimed at a thing whose words name no third
// person.
func r18MildThing(s *scored) bool {
	e := &s.why.lx.entries[s.why.e]
	return s.why.tgt == tObject && e.sev < 2 && !r18NamesPerson(s.why.lx.term(e))
}

// r18ThirdPerson are the third-person pronouns and possessives a piece's
// words may hold (terms are normalised: lower case).
var r18ThirdPerson = setOf("her", "him", "she", "he", "his", "haar", "hem", "zij", "hij", "zijn", "ihn", "ihm",
	"ihre", "ihren", "ihrem", "ihrer", "seine", "seinen", "seinem", "seiner", "elle", "lui", "sa", "son", "ses",
	"henne", "honom", "hon", "han", "hans", "hennes", "ham", "hun", "hende", "hendes", "ho", "hennar")

// r18NamesPerson reports whether term (an entry's pattern, alternatives
// and all: "(ik wacht|wacht ik) (haar|hem) .. op") has a third-person
// pronoun as a word; no allocation.
func r18NamesPerson(term string) bool {
	start := 0
	for i := 0; i <= len(term); i++ {
		if i < len(term) && term[i] != ' ' && term[i] != '(' && term[i] != ')' && term[i] != '|' {
			continue
		}
		if i > start && r18ThirdPerson[term[start:i]] {
			return true
		}
		start = i + 1
	}
	return false
}

// r18Overlap reports whether two matches share text (two entries over the
// same words are one piece, "i will not stop" and "i will not stop until").
func r18Overlap(a, b *scored) bool {
	for _, x := range a.spanList() {
		for _, y := range b.spanList() {
			if x[0] < y[1] && y[0] < x[1] {
				return true
			}
		}
	}
	return false
}
