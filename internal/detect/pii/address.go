package pii

import "strings"

// The address grammar works on tokens. Three shapes cover the six
// languages:
//   - type before the name, number before or after (FR, BE):
//     "12 rue des Lilas", "Rue de la Loi 16";
//   - number, name, type (EN): "14 Elm Road", "221B Baker Street";
//   - name and type, then number (NL, SV, NO, DA, DE): "Kerkstraat 5",
//     "Storgatan 3", "Karl Johans gate 22", "Berliner Str. 12".
// A postcode and city right after extend the span. Without a house number a
// street only counts after a living cue ("she lives on Elm Road").

func (s *scan) isPunct(k int, chars string) bool {
	if k < 0 || k >= len(s.toks) || s.toks[k].kind != tkPunct {
		return false
	}
	return strings.Contains(chars, s.text[s.toks[k].s:s.toks[k].e])
}

// houseNum reads a house number starting at token k ("12", "221B",
// "12-14", "5 bis") and returns the index of its last token.
func (s *scan) houseNum(k int) (int, bool) {
	toks := s.toks
	if k < 0 || k >= len(toks) {
		return 0, false
	}
	t := toks[k]
	if t.kind != tkNum || t.nd == 0 || t.nd > 4 || num(s.text[t.s:t.s+t.nd]) == 0 {
		return 0, false
	}
	if sfx := s.low[t.s+t.nd : t.e]; sfx != "" {
		if lexByLang[6][sfx]&fUnit != 0 || sfx == "st" || sfx == "nd" || sfx == "rd" || sfx == "th" || sfx == "er" || sfx == "e" {
			return 0, false
		}
	}
	// Not part of a decimal, time or larger number: 5.5, 5,5, 14:30.
	if k > 0 && toks[k-1].e == t.s && s.isPunct(k-1, ".,:") && k > 1 && toks[k-2].kind == tkNum && toks[k-2].e == toks[k-1].s {
		return 0, false
	}
	e := k
	if k+2 < len(toks) && s.isPunct(k+1, "-/") && toks[k+1].s == t.e && toks[k+2].kind == tkNum && toks[k+2].s == toks[k+1].e && toks[k+2].nd <= 4 {
		e = k + 2
	}
	if e+1 < len(toks) && toks[e+1].kind == tkWord {
		switch s.low[toks[e+1].s:toks[e+1].e] {
		case "bis", "ter", "quater":
			e++
		}
	}
	if e+1 < len(toks) {
		nx := toks[e+1]
		if nx.flags&(fUnit|fCurrency) != 0 {
			return 0, false
		}
		if nx.kind == tkPunct && nx.s == toks[e].e && s.isPunct(e+1, ".,:") && e+2 < len(toks) && toks[e+2].kind == tkNum && toks[e+2].s == nx.e {
			return 0, false
		}
		switch s.low[nx.s:nx.e] {
		case "fois", "times", "keer", "gånger", "ganger", "mal", "%", "€", "$", "£":
			return 0, false
		}
	}
	return e, true
}

// houseNumBefore finds a house number that ends right before token k,
// optionally followed by a comma ("12, rue…"). It returns its first token.
func (s *scan) houseNumBefore(k int) (int, bool) {
	end := k - 1
	if s.isPunct(end, ",") {
		end--
	}
	for start := end; start >= 0 && start >= end-2; start-- {
		if e, ok := s.houseNum(start); ok && e == end {
			return start, true
		}
	}
	return 0, false
}

// livingCue reports a verb of living or an address noun in the six tokens
// before k.
func (s *scan) livingCue(k int) bool {
	for q := k - 1; q >= 0 && q >= k-6; q-- {
		if s.toks[q].flags&(fLive3|fLiveAny|fAddrNoun) != 0 {
			return true
		}
	}
	return false
}

// lowerStreetWord reports whether the word at k may be part of a street's
// name typed in lower case: a plain word of three letters or more that the
// address lexicon knows as nothing else, and no unit of time or distance
// ("10 minutes walk", "2 hours drive").
func (s *scan) lowerStreetWord(k int) bool {
	t := s.toks[k]
	if t.kind != tkWord || t.upper || t.flags != 0 || t.e-t.s < 3 {
		return false
	}
	return !unitWords[s.low[t.s:t.e]]
}

// unitWords are units a number may come before, in the six languages.
var unitWords = func() map[string]bool {
	m := map[string]bool{}
	for w := range strings.FieldsSeq(`min mins minute minutes minuten minuter minutter hour hours hrs uur stunde stunden timer timme timmar time
		mile miles km kms kilometre kilometres kilometer kilometers kilomètres metre metres meter meters mètres yard yards feet foot step steps
		second seconds day days dag dagen dagar tage week weeks weken veckor uker month months year years jaar jahre år ans jours semaines mois heures`) {
		m[w] = true
	}
	return m
}()

func (s *scan) isName(k int) bool {
	t := s.toks[k]
	return t.kind == tkWord && t.upper && t.flags&fStop == 0
}

// suffixesByLast lists, by their last byte, the indexes of the street
// suffixes in their order (the first that matches wins): most words end
// in a byte no suffix ends in, and the others try a few suffixes, not all.
var suffixesByLast = func() (t [256][]uint8) {
	for i, sf := range streetSuffixes {
		c := sf.sfx[len(sf.sfx)-1]
		t[c] = append(t[c], uint8(i))
	}
	return t
}()

// streetSuffix reports whether the word at k is a compound street name
// (Kerkstraat, Storgatan, Hauptstraße) and which suffix it has.
func (s *scan) streetSuffix(k int) (string, bool) {
	t := s.toks[k]
	if t.kind != tkWord || t.e-t.s < 6 {
		return "", false
	}
	w := s.low[t.s:t.e]
	for _, i := range suffixesByLast[w[len(w)-1]] {
		if sf := streetSuffixes[i]; len(w) >= len(sf.sfx)+3 && strings.HasSuffix(w, sf.sfx) {
			if notStreets[w] {
				return "", false
			}
			if !t.upper && (s.li == 6 || sf.langs&langBit(s.li) == 0) {
				return "", false
			}
			if sf.sfx == "str" && !s.isPunct(k+1, ".") {
				return "", false
			}
			return sf.sfx, true
		}
	}
	return "", false
}

func (s *scan) findAddresses() {
	toks := s.toks
	if len(toks) < 2 {
		return
	}
	cueText := s.all&(fLive3|fLiveAny|fAddrNoun) != 0
	if s.ndig == 0 && !cueText {
		return
	}
	for k := 0; k < len(toks); k++ {
		t := toks[k]
		if t.kind != tkWord {
			continue
		}
		start, last := -1, -1
		conf := 0.0
		why := ""
		if t.flags&(fStreetBefore|fStreetBeforeStrict) != 0 {
			start, last, conf, why = s.streetTypeFirst(k)
		}
		if start < 0 && t.flags&fStreetAfterEN != 0 {
			start, last, conf, why = s.streetNumberFirst(k)
		}
		if start < 0 && t.flags&fStreetAfterNum != 0 {
			start, last, conf, why = s.streetNameTypeNumber(k)
		}
		if start < 0 && t.flags == 0 && (s.ndig > 0 || cueText) {
			if sfx, ok := s.streetSuffix(k); ok {
				q := k + 1
				if sfx == "str" && s.isPunct(q, ".") {
					q++
				}
				if e, ok := s.houseNum(q); ok {
					start, last, conf, why = k, e, 0.8, "compound street name with house number"
				} else if s.livingCue(k) {
					start, last, conf, why = k, k, 0.65, "compound street name after a living cue"
				}
			}
		}
		if start < 0 {
			continue
		}
		if e, ok := s.postcodeAfter(last); ok {
			last = e
			conf += 0.1
			why += " and postcode"
		}
		a, b := toks[start].s, toks[last].e
		if s.overlapsTaken(a, b) {
			continue
		}
		s.add(finding{entity: EntityAddress, s: a, e: b, conf: conf, why: "street address: " + why})
		k = last
	}
	if s.ndig >= 5 {
		s.namePostcode()
	}
	if s.ndig > 0 && cueText {
		s.cuedNameNumber()
		s.standalonePostcodes()
	}
}

// namePostcode finds streets without a type word when a distinctive
// postcode and city follow: "Am Markt 3, 28195 Bremen", "Lange Voorhout
// 34, 2514 EE Den Haag". Four-digit postcodes are left out: "Windows 10,
// 2023 Edition" would read the same.
func (s *scan) namePostcode() {
	toks := s.toks
	for k := 0; k < len(toks); k++ {
		if !s.isName(k) || toks[k].flags&(fFirst|fThird|fSubjFirst|fSubjThird|fImperative) != 0 {
			continue
		}
		last := k
		for p := k + 1; p < len(toks) && p <= k+3; p++ {
			if s.isName(p) {
				last = p
				continue
			}
			if toks[p].kind == tkWord && toks[p].flags&fParticle != 0 && !toks[p].upper {
				continue
			}
			break
		}
		e, ok := s.houseNum(last + 1)
		if !ok || toks[last+1].nd > 3 { // "Paris 2024, 75011 Paris" is a year
			continue
		}
		p := e + 1
		if s.isPunct(p, ",") {
			p++
		}
		if p >= len(toks) || !s.distinctivePostcode(p) {
			continue
		}
		pe, ok := s.postcodeAt(p)
		if !ok {
			continue
		}
		a, b := toks[k].s, toks[pe].e
		if !s.overlapsTaken(a, b) {
			s.add(finding{entity: EntityAddress, s: a, e: b, conf: 0.75, why: "street address: name and house number with postcode and city"})
			k = pe
		}
	}
}

// distinctivePostcode: five digits, NL 1234 AB, SE 123 45, or British and
// Canadian postcodes.
func (s *scan) distinctivePostcode(p int) bool {
	t := s.toks[p]
	if _, ok := s.alnumPostcode(p); ok {
		return true
	}
	if t.kind != tkNum {
		return false
	}
	sfx := t.e - t.s - t.nd
	switch {
	case t.nd == 5 && sfx == 0:
		return true
	case t.nd == 4 && sfx == 2:
		return true
	case t.nd == 4 && p+1 < len(s.toks) && s.toks[p+1].kind == tkWord && s.toks[p+1].e-s.toks[p+1].s == 2 && isUpper(s.text[s.toks[p+1].s]) && isUpper(s.text[s.toks[p+1].s+1]):
		return true
	case t.nd == 3 && p+1 < len(s.toks) && s.toks[p+1].kind == tkNum && s.toks[p+1].nd == 2:
		return true
	}
	return false
}

// cuedNameNumber finds streets without a type word after a living cue:
// "sie wohnt Unter den Linden 77", "hon bor på Karlavägen…", "he lives at
// Rosewood 12". A capitalised name of one to four words, then a house number.
func (s *scan) cuedNameNumber() {
	toks := s.toks
	for k := 0; k < len(toks); k++ {
		if toks[k].flags&(fLive3|fLiveAny) == 0 {
			continue
		}
		q := k + 1
		// Optional subject, preposition and article: "woont hij in de".
		for n := 0; n < 3 && q < len(toks) && toks[q].kind == tkWord && !toks[q].upper; n++ {
			q++
		}
		first, last := -1, -1
		for p, n := q, 0; p < len(toks) && n < 5; p, n = p+1, n+1 {
			if s.isName(p) && toks[p].flags&(fFirst|fThird|fSubjFirst|fSubjThird) == 0 {
				if first < 0 {
					first = p
				}
				last = p
				continue
			}
			if first >= 0 && toks[p].kind == tkWord && toks[p].flags&fParticle != 0 {
				continue
			}
			break
		}
		if first < 0 {
			continue
		}
		e, ok := s.houseNum(last + 1)
		if !ok {
			continue
		}
		if pe, ok := s.postcodeAfter(e); ok {
			e = pe
		}
		a, b := toks[first].s, toks[e].e
		if !s.overlapsTaken(a, b) {
			s.add(finding{entity: EntityAddress, s: a, e: b, conf: 0.65, why: "street address: name and house number after a living cue"})
		}
		k = e
	}
}

// streetTypeFirst: "12 rue des Lilas", "Rue de la Loi 16", "habite rue
// Victor Hugo".
func (s *scan) streetTypeFirst(k int) (start, last int, conf float64, why string) {
	toks := s.toks
	strict := toks[k].flags&fStreetBefore == 0
	nb, hasNB := s.houseNumBefore(k)
	q := k + 1
	lastName := -1
	pending := false
	words := 0
	for q < len(toks) && q <= k+8 {
		tk := toks[q]
		if tk.kind == tkPunct && (s.text[tk.s] == '\'' || strings.HasPrefix(s.text[tk.s:], "’")) && tk.s == toks[q-1].e {
			q++
			continue
		}
		// Round 20: the abbreviated type's dot ("av. jean jaurès", "bd.
		// Voltaire").
		// A lower-case name after it needs a postcode close by ("5 av.
		// midi" is "before noon").
		if q == k+1 && tk.kind == tkPunct && s.text[tk.s] == '.' && tk.e == tk.s+1 && tk.s == toks[k].e && toks[k].e-toks[k].s <= 2 {
			if q+1 < len(toks) && (toks[q+1].upper || s.postcodeNear(q+1, 5)) {
				q++
				continue
			}
			break
		}
		if tk.kind != tkWord {
			break
		}
		if tk.flags&fParticle != 0 && !tk.upper {
			pending = true
			q++
			continue
		}
		lowerOK := !strict && (hasNB || pending) && words < 3 && tk.flags&fStop == 0
		if s.isName(q) || lowerOK {
			lastName = q
			words++
			pending = false
			q++
			if !tk.upper && !pending {
				// lower-case names end at the first lower-case word
				// that is not joined by a particle
				if q < len(toks) && toks[q].kind == tkWord && toks[q].flags&fParticle == 0 && !toks[q].upper {
					break
				}
			}
			continue
		}
		break
	}
	if lastName < 0 {
		return -1, -1, 0, ""
	}
	if e, ok := s.houseNum(lastName + 1); ok {
		start = k
		if hasNB {
			start = nb
		}
		return start, e, 0.8, "street type and name with house number"
	}
	if hasNB {
		return nb, lastName, 0.8, "house number, street type and name"
	}
	if s.livingCue(k) {
		return k, lastName, 0.65, "street type and name after a living cue"
	}
	return -1, -1, 0, ""
}

// streetNumberFirst: "14 Elm Road", "221B Baker Street", "725 5th Avenue".
func (s *scan) streetNumberFirst(k int) (start, last int, conf float64, why string) {
	toks := s.toks
	first := -1
	for q, n := k-1, 0; q >= 0 && n < 3; q, n = q-1, n+1 {
		tk := toks[q]
		if s.isName(q) && tk.flags&(fStreetAfterEN|fStreetBefore) == 0 && tk.flags&(fFirst|fThird|fSubjFirst|fSubjThird) == 0 {
			first = q
			continue
		}
		if tk.kind == tkNum && tk.nd <= 3 {
			switch s.low[tk.s+tk.nd : tk.e] {
			case "st", "nd", "rd", "th":
				first = q
				continue
			}
		}
		break
	}
	if first < 0 {
		// Typed in lower case ("she lives at 14 brackley road"): a house
		// number, one or two plain words and the type, after a verb of
		// living or an address noun.
		for q, n := k-1, 0; q >= 0 && n < 2 && s.lowerStreetWord(q); q, n = q-1, n+1 {
			first = q
		}
		if first < 0 {
			return -1, -1, 0, ""
		}
		if nb, ok := s.houseNumBefore(first); ok && nb == first-1 && s.livingCue(nb) {
			return nb, k, 0.75, "house number, street name and type in lower case after a living cue"
		}
		return -1, -1, 0, ""
	}
	if nb, ok := s.houseNumBefore(first); ok {
		return nb, k, 0.8, "house number, street name and type"
	}
	if s.livingCue(first) {
		return first, k, 0.65, "street name and type after a living cue"
	}
	return -1, -1, 0, ""
}

// streetNameTypeNumber: "Karl Johans gate 22", "Berliner Straße 12",
// "Bygdøy allé 5".
func (s *scan) streetNameTypeNumber(k int) (start, last int, conf float64, why string) {
	toks := s.toks
	first := -1
	for q, n := k-1, 0; q >= 0 && n < 4; q, n = q-1, n+1 {
		if s.isName(q) && toks[q].flags&(fFirst|fThird|fSubjFirst|fSubjThird|fLiveAny|fLive3) == 0 {
			first = q
			continue
		}
		if toks[q].flags&fParticle != 0 && first >= 0 {
			continue
		}
		break
	}
	q := k + 1
	if s.isPunct(q, ".") {
		q++
	}
	if first < 0 {
		// In lower case ("er wohnt in der berliner straße 12", "han bor
		// i karl johans gate 22"): only with the house number, after a
		// verb of living or an address noun.
		for p, n := k-1, 0; p >= 0 && n < 2 && s.lowerStreetWord(p); p, n = p-1, n+1 {
			first = p
		}
		if first < 0 || !s.livingCue(first) {
			return -1, -1, 0, ""
		}
		if e, ok := s.houseNum(q); ok {
			return first, e, 0.75, "street name and type in lower case with house number after a living cue"
		}
		return -1, -1, 0, ""
	}
	if e, ok := s.houseNum(q); ok {
		return first, e, 0.8, "street name and type with house number"
	}
	if s.livingCue(first) {
		return first, k, 0.65, "street name and type after a living cue"
	}
	return -1, -1, 0, ""
}

// postcodeAfter extends an address over ", 75011 Paris", " 1234 AB
// Amsterdam", ", 123 45 Stockholm", ", 0159 Oslo", ", London SW1A 1AA".
func (s *scan) postcodeAfter(q int) (int, bool) {
	toks := s.toks
	p := q + 1
	if s.isPunct(p, ",") {
		p++
	}
	if p >= len(toks) {
		return 0, false
	}
	if e, ok := s.postcodeAt(p); ok {
		return e, true
	}
	// City then British or Canadian postcode.
	if s.isName(p) {
		p2 := p + 1
		if s.isPunct(p2, ",") {
			p2++
		}
		if p2 < len(toks) {
			if e, ok := s.alnumPostcode(p2); ok {
				return e, true
			}
		}
		return p, true // a city after the comma
	}
	return 0, false
}

// postcodeAt reads a postcode (and city) starting at token p and returns
// the index of its last token.
func (s *scan) postcodeAt(p int) (int, bool) {
	toks := s.toks
	if e, ok := s.alnumPostcode(p); ok {
		if e+1 < len(toks) && s.isName(e+1) {
			e++
		}
		return e, true
	}
	t := toks[p]
	if t.kind != tkNum {
		return 0, false
	}
	sfx := s.text[t.s+t.nd : t.e]
	city := func(e int) (int, bool) {
		if e+1 < len(toks) && s.isName(e+1) && toks[e+1].s-toks[e].e <= 2 {
			e++
			if e+1 < len(toks) && s.isName(e+1) && toks[e+1].s-toks[e].e == 1 {
				e++
			}
			return e, true
		}
		return e, false
	}
	switch {
	case t.nd == 4 && len(sfx) == 2 && isUpper(sfx[0]) && isUpper(sfx[1]): // 1234AB
		e, _ := city(p)
		return e, true
	case t.nd == 4 && sfx == "" && p+1 < len(toks) && toks[p+1].kind == tkWord && toks[p+1].e-toks[p+1].s == 2 &&
		isUpper(s.text[toks[p+1].s]) && isUpper(s.text[toks[p+1].s+1]) && toks[p+1].s-t.e == 1: // 1234 AB
		e, _ := city(p + 1)
		return e, true
	case t.nd == 3 && sfx == "" && p+1 < len(toks) && toks[p+1].kind == tkNum && toks[p+1].nd == 2 && toks[p+1].e == toks[p+1].s+2 &&
		toks[p+1].s-t.e == 1: // 123 45
		if e, ok := city(p + 1); ok {
			return e, true
		}
	case (t.nd == 4 || t.nd == 5) && sfx == "":
		if e, ok := city(p); ok {
			return e, true
		}
	}
	return 0, false
}

// alnumPostcode reads a British (SW1A 1AA) or Canadian (H2X 1Y4) postcode
// starting at token p.
func (s *scan) alnumPostcode(p int) (int, bool) {
	toks := s.toks
	a := toks[p].s
	t := s.text
	n := len(t)
	i := a
	up := func(i int) bool { return i < n && isUpper(t[i]) }
	dg := func(i int) bool { return i < n && isDigit(t[i]) }
	end := -1
	// Canada: A1A 1A1
	if up(i) && dg(i+1) && up(i+2) && i+3 < n && t[i+3] == ' ' && dg(i+4) && up(i+5) && dg(i+6) {
		end = i + 7
	} else {
		// UK: A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA
		j := i
		if !up(j) {
			return 0, false
		}
		j++
		if up(j) {
			j++
		}
		if !dg(j) {
			return 0, false
		}
		j++
		if dg(j) || up(j) {
			j++
		}
		if j < n && t[j] == ' ' {
			j++
		}
		if dg(j) && up(j+1) && up(j+2) {
			end = j + 3
		}
	}
	if end < 0 || (end < n && isAlnumASCII(t[end])) {
		return 0, false
	}
	e := p
	for e+1 < len(toks) && toks[e+1].s < end {
		e++
	}
	return e, true
}

// standalonePostcodes finds "woont in 1234 AB Amsterdam", "my address is
// 75011 Paris": a postcode with its city right after a living or address cue.
func (s *scan) standalonePostcodes() {
	toks := s.toks
	for p := 0; p < len(toks); p++ {
		if toks[p].kind != tkNum && toks[p].kind != tkWord {
			continue
		}
		if !s.livingCue(p) {
			continue
		}
		e, ok := s.postcodeAt(p)
		if !ok {
			continue
		}
		a, b := toks[p].s, toks[e].e
		if !s.overlapsTaken(a, b) {
			s.add(finding{entity: EntityAddress, s: a, e: b, conf: 0.6, why: "postcode and city after a living or address cue"})
		}
		p = e
	}
}

// findSchools finds the school of someone else's child: "her son goes to
// Lincoln Elementary", "son fils est à l'école Jean Jaurès", "ungen hennes
// går på Ekbackeskolan", "die Tochter geht auf die Goethe-Grundschule",
// "hun går på Brekke skole", "haar dochter zit in groep 6 op De
// Regenboog". That is doxxing with or without a number.
func (s *scan) findSchools() {
	if s.all&(fKin|fSchoolGo) == 0 {
		return
	}
	toks := s.toks
	for k, t := range toks {
		if t.kind != tkWord || t.flags&(fKin|fSubjThird) == 0 {
			continue
		}
		kin := t.flags&fKin != 0
		third, first := false, false
		for q := k - 2; q <= k+1; q++ {
			if q < 0 || q >= len(toks) || q == k {
				continue
			}
			if toks[q].flags&fPossThird != 0 && !(q < k && toks[q].flags&fKin != 0 && q == k-2) {
				third = true
			}
			if toks[q].flags&fPossFirst != 0 && toks[q].flags&fPossThird == 0 {
				first = true
			}
		}
		// Genitive: "Marie's kid".
		if k >= 3 && s.low[toks[k-1].s:toks[k-1].e] == "s" && toks[k-2].kind == tkPunct && s.isName(k-3) {
			third = true
		}
		if first && !third {
			continue
		}
		// The verb of going to school right after the child or the
		// pronoun: "goes", "va", "zit", "går", "geht".
		goAt := -1
		reach := k + 3
		if kin && k+1 < len(toks) && toks[k+1].flags&fOf != 0 {
			reach = k + 6 // round 19: "the son of the nurse goes to…", "le fils de l'aide-soignante est à…"
		}
		for q := k + 1; q < len(toks) && q <= reach; q++ {
			if toks[q].flags&fSchoolGo != 0 {
				goAt = q
				break
			}
		}
		if !kin {
			// A pronoun alone ("hun går på Brekke skole") needs the
			// verb right after it and a school word in the name.
			if goAt != k+1 || s.formalGerman(k) {
				continue
			}
		} else if !third && goAt < 0 {
			// "die Tochter geht auf…", "the kid attends…": no possessive,
			// so the verb must say it is about school.
			continue
		}
		from := k + 1
		if goAt > 0 {
			from = goAt + 1
		}
		found := false
		for q := from; q < len(toks) && q <= from+11; q++ {
			a, b, ok := s.schoolName(q)
			if !ok && kin && goAt > 0 {
				a, b, ok = s.schoolNameLower(q)
			}
			if ok {
				if !s.overlapsTaken(a, b) {
					why := "school named next to someone else's child"
					if !kin {
						why = "school someone else goes to"
					}
					s.add(finding{entity: EntitySchool, s: a, e: b, conf: 0.8, doxOnly: true, why: why})
				}
				found = true
				break
			}
		}
		if found || !kin || goAt < 0 {
			continue
		}
		if a, b, ok := s.namedPlaceAfter(goAt); ok && !s.overlapsTaken(a, b) {
			s.add(finding{entity: EntitySchool, s: a, e: b, conf: 0.6, doxOnly: true,
				why: "named place a child of someone else goes to (school idiom)"})
		}
	}
}

// schoolPrep are the prepositions of the school idioms, by language: "zit
// op De Regenboog", "går på Bjørkås", "geht auf die Goethe", "attends
// Lincoln", "est à Jules Ferry".
func (s *scan) schoolPrep(w string) bool {
	switch s.li {
	case 0:
		return w == "at"
	case 1:
		return false // "va à Paris": too common; French needs a school word
	case 2:
		return w == "op"
	case 3, 4:
		return w == "på"
	case 5:
		return w == "auf"
	}
	return w == "op" || w == "på" || w == "auf"
}

// namedPlaceAfter reads a capitalised name after a school idiom (verb at
// token v, then the idiom's preposition within a few tokens, an optional
// article): a school without the word "school".
func (s *scan) namedPlaceAfter(v int) (int, int, bool) {
	toks := s.toks
	q := v + 1
	attends := s.li == 0 && strings.HasPrefix(s.low[toks[v].s:toks[v].e], "attend")
	if !attends {
		for ; q < len(toks) && q <= v+5; q++ {
			if toks[q].kind == tkWord && s.schoolPrep(s.low[toks[q].s:toks[q].e]) {
				break
			}
			if toks[q].kind == tkPunct && !s.isPunct(q, "-") {
				return 0, 0, false
			}
		}
		if q > v+5 || q >= len(toks) {
			return 0, 0, false
		}
		q++
	}
	if q < len(toks) && toks[q].flags&fArticle != 0 && !toks[q].upper {
		q++
	}
	first, last := -1, -1
	for p := q; p < len(toks) && p <= q+3; p++ {
		tk := toks[p]
		if tk.kind == tkWord && tk.upper && tk.flags&(fFirst|fThird|fSubjFirst|fSubjThird|fKin|fStop) == 0 &&
			(tk.flags&(fArticle|fParticle) == 0 || first < 0 && p+1 < len(toks) && s.isName(p+1)) {
			if first < 0 {
				first = p
			}
			last = p
			continue
		}
		break
	}
	if first < 0 {
		return 0, 0, false
	}
	return toks[first].s, toks[last].e, true
}

var schoolSuffixes = []string{"school", "skolan", "skola", "skolen", "skole", "schule", "gymnasium", "gymnasiet", "school"}

// schoolName reads a named school around token q: a compound name
// ("Ekbackeskolan", "Goetheschule") or a school word with capitalised
// words before or after ("Lincoln Elementary", "école Jean Jaurès").
func (s *scan) schoolName(q int) (int, int, bool) {
	toks := s.toks
	t := toks[q]
	if t.kind != tkWord {
		return 0, 0, false
	}
	generic := t.flags&fSchool != 0
	if !generic {
		w := s.low[t.s:t.e]
		for _, sf := range schoolSuffixes {
			if len(w) > len(sf)+2 && strings.HasSuffix(w, sf) && t.upper {
				return t.s, t.e, true
			}
		}
		return 0, 0, false
	}
	first, last := q, q
	lo := q - 3
	for p := q - 1; p >= 0 && p >= lo; p-- {
		// Round 20: a saint's genitive before the school word ("St
		// Mary's Primary", "St John's School").
		if p >= 2 && s.low[toks[p].s:toks[p].e] == "s" && toks[p-1].kind == tkPunct && toks[p-1].e == toks[p].s &&
			toks[p-2].e == toks[p-1].s && (s.text[toks[p-1].s] == '\'' || strings.HasPrefix(s.text[toks[p-1].s:], "’")) {
			p -= 2
			lo -= 2
		}
		if !s.isName(p) || toks[p].flags&(fKin|fSchool|fThird|fFirst) != 0 {
			break
		}
		first = p
	}
	for p := q + 1; p < len(toks) && p <= q+5; p++ {
		tk := toks[p]
		if tk.kind == tkPunct && (s.text[tk.s] == '\'' || strings.HasPrefix(s.text[tk.s:], "’")) && tk.s == toks[p-1].e {
			continue
		}
		if tk.kind == tkWord && (s.isName(p) || tk.flags&fSchool != 0 && tk.upper) {
			last = p
			continue
		}
		if tk.kind == tkWord && tk.flags&fParticle != 0 && p+1 < len(toks) && s.isName(p+1) {
			continue
		}
		break
	}
	if first == q && last == q && !t.upper {
		return 0, 0, false
	}
	if first == q && last == q {
		return 0, 0, false // a lone capitalised "School" names nothing
	}
	return toks[first].s, toks[last].e, true
}

// schoolNameLower reads a school name written in lower case, as comments
// are ("oakfield primary", "solrosens förskola", "kita sonnenschein",
// "l'école maternelle jean moulin"): a school word with an unlisted word
// before it or up to three after it. Only used after a child and a verb of
// going, where a school word is a school; words like "local" or "same"
// name none.
func (s *scan) schoolNameLower(q int) (int, int, bool) {
	toks := s.toks
	t := toks[q]
	if t.kind != tkWord || t.flags&fSchool == 0 {
		return 0, 0, false
	}
	nameWord := func(p int) bool {
		tk := toks[p]
		if tk.kind != tkWord || tk.flags != 0 || tk.e-tk.s < 3 {
			return false
		}
		w := s.low[tk.s:tk.e]
		return w[0] > '9' && !notSchoolNames[w]
	}
	first, last := q, q
	if q > 0 && nameWord(q-1) {
		first = q - 1
	}
	for p := q + 1; p < len(toks) && p <= q+3; p++ {
		if !nameWord(p) && !(toks[p].kind == tkWord && toks[p].flags&fSchool != 0) {
			break
		}
		last = p
	}
	if first == q && last == q {
		return 0, 0, false
	}
	// A school word alone after the name's words is not enough: one of
	// them must be a name ("maternelle" is a school word).
	named := first < q
	for p := q + 1; p <= last; p++ {
		if toks[p].flags == 0 {
			named = true
		}
	}
	if !named {
		return 0, 0, false
	}
	return toks[first].s, toks[last].e, true
}

// notSchoolNames: unlisted words that stand next to a school word without
// naming one ("the local school", "la même école", "die neue Schule").
var notSchoolNames = map[string]bool{
	"local": true, "same": true, "new": true, "old": true, "other": true, "nearby": true, "public": true,
	"private": true, "village": true, "big": true, "small": true, "good": true, "best": true, "special": true,
	"catholic": true, "state": true, "every": true, "day": true, "today": true, "tomorrow": true, "again": true,
	"même": true, "meme": true, "nouvelle": true, "nouvel": true, "autre": true, "privée": true, "publique": true,
	"bonne": true, "petite": true, "grande": true, "demain": true, "aujourd": true,
	"zelfde": true, "nieuwe": true, "andere": true, "openbare": true, "bijzondere": true, "goede": true, "morgen": true,
	"samma": true, "nya": true, "andra": true, "kommunala": true, "privata": true, "lokala": true, "imorgon": true, "idag": true,
	"samme": true, "nye": true, "andre": true, "lokale": true, "kommunale": true, "vanlig": true, "vanlige": true,
	"gleiche": true, "gleichen": true, "neue": true, "neuen": true, "anderen": true, "örtliche": true,
	"privaten": true, "gute": true, "heute": true,
	// Function words after a school word: "the same school as mine",
	// "samme skole som mine", "la même école que".
	"som": true, "than": true, "that": true, "which": true, "where": true, "like": true, "and": true,
	"qui": true, "que": true, "comme": true, "waar": true, "als": true, "dan": true, "dat": true, "wie": true,
	"där": true, "och": true, "hvor": true, "enn": true, "og": true, "und": true, "wo": true,
}

// postcodeNear reports a number token of four or five digits within n
// tokens from q.
func (s *scan) postcodeNear(q, n int) bool {
	for p := q; p < len(s.toks) && p < q+n; p++ {
		t := s.toks[p]
		if t.kind == tkNum && (t.e-t.s == 4 || t.e-t.s == 5) {
			return true
		}
	}
	return false
}

// schoolStreetPreps are the words between a school's name and the street it
// stands on ("St Mary's Primary on Park Lane", "Ekskolan på Skolvägen").
var schoolStreetPreps = map[string]bool{
	"on": true, "in": true, "at": true, "off": true, "i": true, "på": true, "op": true, "aan": true,
	"an": true, "am": true, "auf": true, "der": true, "dans": true, "sur": true,
}

// findSchoolStreets (round 20): the street someone else's child's school
// stands on, named without a house number right after the school, tells
// where to find the child as much as the school does.
func (s *scan) findSchoolStreets() {
	n := len(s.finds)
	for i := 0; i < n; i++ {
		f := s.finds[i]
		if f.entity != EntitySchool || !f.doxOnly {
			continue
		}
		toks := s.toks
		after := s.tokenAt(f.e)
		q := after
		for q < len(toks) && toks[q].kind == tkWord && !toks[q].upper && schoolStreetPreps[s.low[toks[q].s:toks[q].e]] && q <= after+1 {
			q++
		}
		if q >= len(toks) || q == after || !s.isName(q) {
			continue
		}
		last := -1
		if _, ok := s.streetSuffix(q); ok {
			last = q
		} else {
			for p := q; p < len(toks) && p <= q+2 && s.isName(p); p++ {
				if p > q && toks[p].flags&fStreetAfterEN != 0 && s.li == 0 {
					last = p
					break
				}
			}
		}
		if last < 0 {
			continue
		}
		a, b := toks[q].s, toks[last].e
		if !s.overlapsTaken(a, b) {
			s.add(finding{entity: EntityAddress, s: a, e: b, conf: 0.6, doxOnly: true,
				why: "street named right after someone else's child's school"})
		}
	}
}
