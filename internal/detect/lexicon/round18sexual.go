package lexicon

import "strings"

// Round 18, sexual remarks (testdata/round18-sexual.jsonl).
//
// r18sTarget: a sexual phrase of severity 2 or more often comes after a
// long subject that names its person: "simhallens nya badvakt får gärna
// rädda mig med mun mot mun när som helst 😏", "der neue Erzieher mit den
// Oberarmen… von dem würd ich mich gern mal auf den Schoß nehmen lassen".
// The usual five words (abuse) do not reach that subject. A person cue
// anywhere before the phrase in its sentence, or in the sentence before
// when only an ellipsis parts them ("hun som leser eventyr… for en kropp
// 🥵"), is taken as its target. Only for a phrase that found no target at
// all (an object or the reader nearer keeps its reading), and only a cue
// before it: the subject of a remark comes first.
func (j *judge) r18sTarget(h *hit, e *entry, tgt target, tcue int) (target, int) {
	if tgt != tNone || e.kind != kSexual || e.sev < 2 {
		return tgt, tcue
	}
	best, bw := -1, int32(-1)
	for i := range j.hits {
		c := &j.hits[i]
		if c.gone || c == h || c.name != "" || c.e < 0 || c.w1 >= h.w0 || c.w1 <= bw {
			continue
		}
		if j.d.lx.entries[c.e].kind != kPerson {
			continue
		}
		if c.sent != h.sent && !ellipsisBetween(j.text, int(c.t), int(h.s)) {
			continue
		}
		best, bw = i, c.w1
	}
	if best < 0 {
		return tgt, tcue
	}
	return tPerson, best
}

// ellipsisBetween reports whether the text from s to t has one ellipsis
// ("…", or a run of two dots or more: each dot counts as a sentence end)
// and no other sentence end: the fragments it joins are one remark.
func ellipsisBetween(text string, s, t int) bool {
	if s < 0 || t > len(text) || s >= t {
		return false
	}
	mid := text[s:t]
	if strings.ContainsAny(mid, "?!;") {
		return false
	}
	if k := strings.Index(mid, "…"); k >= 0 {
		return !strings.Contains(mid, ".") && !strings.Contains(mid[k+len("…"):], "…")
	}
	first, last := strings.IndexByte(mid, '.'), strings.LastIndexByte(mid, '.')
	if first < 0 || last == first {
		return false
	}
	return strings.Count(mid[first:last+1], ".") == last-first+1
}
