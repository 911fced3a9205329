package lexicon

// Round 16: a veiled setup and its menacing closer. Some threats name no
// harm at all; they state what the writer knows about someone's life and
// close on a wink: "i know where megan parks her little red fiat. just
// saying", "vi vet hvor hanne bor. bare så det er sagt", "on sait où elle
// gare sa clio. voilà voilà", "anyone fancy paying him a visit at home?
// he's earned it". Each half is harmless alone ("I know where she lives,
// she's my neighbour"; "just saying, the soup was cold"; "she's retiring,
// she's earned it"). The setup is a mild veiled threat (severity 1, flags
// v and w: an errand in its sentence lifts it, presence.go), reviewed at
// most alone. The closer is an idiom flagged v: it scores nothing alone
// (an older mild veiled threat such as "if you know what I mean" closes
// as well). A closer after a setup, within the next two sentences, makes
// them one threat.

// r16Window is how many sentences after the setup the closer may stand.
const r16Window = 2

// r16Setup and r16Closer tell the two halves apart by their flags.
func r16Setup(e *entry) bool {
	return e.kind == kThreat && e.sev == 1 && e.flags&(fVeiled|fPresence) == fVeiled|fPresence
}

func r16Closer(e *entry) bool {
	if e.kind == kIdiom {
		return e.flags&fVeiled != 0
	}
	return e.kind == kThreat && e.sev == 1 && e.flags&(fVeiled|fPresence) == fVeiled
}

// veiledCloser adds a threat of severity 2 for the first setup that a
// closer follows (see above). It reads the judged hits only and allocates
// nothing unless it finds one.
func (j *judge) veiledCloser(res *results) {
	lx := j.d.lx
	for si := range j.hits {
		s := &j.hits[si]
		if s.gone || s.e < 0 || s.name != "" || !r16Setup(&lx.entries[s.e]) {
			continue
		}
		for ci := range j.hits {
			c := &j.hits[ci]
			if c.gone || c.e < 0 || c.name != "" || c.s < s.t || c.sent-s.sent > r16Window {
				continue
			}
			if !r16Closer(&lx.entries[c.e]) || j.quoted(s) || j.quoted(c) {
				continue
			}
			if cs := j.nearest(s, kCounter, 6, -1); cs >= 0 && !j.insideAbuse(cs) {
				continue
			}
			expl := "threat sev 2: veiled setup " + j.raw(si) + ", closer " + j.raw(ci)
			if l := lx.langOf(&lx.entries[s.e]); l != "" {
				expl = l + ":" + expl
			}
			res.add(kThreat, 0.9, 2, expl, j.n.Span(int(s.s), int(s.t)), j.n.Span(int(c.s), int(c.t)))
			return
		}
	}
}
