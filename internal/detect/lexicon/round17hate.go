package lexicon

// Round 17 hate (testdata/round17-hate.jsonl).
//
// Some g entries say something that is hate of a group but no insult of a
// person: a barring predicate ("shouldn't be allowed to work", "n'ont rien
// à faire dans", "horen niet bij", "haben … nichts zu suchen", "har inget
// att göra i", "bør holdes unna"), care refused, a trait or a plot ("are all
// the same", "ziehen die Fäden", "zijn allemaal lui"). Said of a staff
// member or of the reader ("Dr Lindqvist … borde inte jobba med djur",
// "Dr. Müller zieht morgen die Fäden", "jullie zijn allemaal hetzelfde")
// they are a complaint or nothing, so the g flag's usual reading (an insult
// when aimed at a person) must not apply. Such entries carry the flag n
// beside g; with no identity group (nor slur) in reach they are dropped
// before scoring.

// round17 drops the group-only (n) entries that find no identity group.
func (j *judge) round17() {
	for i := range j.hits {
		h, e := j.standing(i)
		if h == nil {
			continue
		}
		if e.kind != kHate || e.flags&(fGroup|fGroupOnly) != fGroup|fGroupOnly {
			continue
		}
		if c := j.nearest(h, kGroup, 5, -1); c >= 0 && !j.topic(c) {
			continue
		}
		if j.groupBefore(h) >= 0 || j.nearestSlur(h, 5) >= 0 || j.groupNamedAfter(h) >= 0 {
			continue
		}
		h.gone = true
	}
}
