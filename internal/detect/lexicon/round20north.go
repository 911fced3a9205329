package lexicon

import "strings"

// Round 20 north (testdata/round20-r20n.jsonl).
//
// A group named after the fact: "de ljuger, det sitter i kulturen. pratar
// om somalierna alltså", "… snakker om somalierne altså". A group-only (n)
// phrase finds its group in the sentence before (groupBefore), but a writer
// may also say whom "they" meant in the next sentence, with a word that
// points back ("pratar om", "menar", "snakker om", "tenker på"). Only that
// pointing word counts: a group merely named in the next sentence ("… It is
// in the culture. Refugees are welcome here") does not.

// namingCue are the words, as the last one or two before a group's name,
// that say the group is whom the sentence before meant.
var namingCue = map[string]bool{
	// sv
	"pratar om": true, "snackar om": true, "talar om": true, "tänker på": true,
	"syftar på": true, "menar": true, "jag menar": true,
	// nb, nn, da
	"snakker om": true, "prater om": true, "snakkar om": true, "tenker på": true,
	"tenkjer på": true, "sikter til": true, "mener": true, "jeg mener": true,
	"eg meiner": true, "meiner": true, "taler om": true, "tænker på": true,
}

// groupNamedAfter reports whether the sentence right after h names an
// identity group with a pointing word before it, returning its index or -1.
func (j *judge) groupNamedAfter(h *hit) int {
	for i := range j.hits {
		c := &j.hits[i]
		if c.gone || c.e < 0 || c.name != "" || c.sent != h.sent+1 || j.d.lx.entries[c.e].kind != kGroup {
			continue
		}
		before := strings.Fields(strings.ToLower(j.text[:c.s]))
		n := len(before)
		if n == 0 || strings.ContainsAny(before[n-1], ".,;:!?") {
			continue
		}
		if namingCue[before[n-1]] || n >= 2 && !strings.ContainsAny(before[n-2], ".,;:!?") && namingCue[before[n-2]+" "+before[n-1]] {
			return i
		}
	}
	return -1
}
