package pii

import (
	"strings"
	"unicode/utf8"
)

// Spelled-out numbers: "zéro six, 47 21 93 58", "oh seven seven double oh
// nine…", "null eins sechs null, vier acht zwei, neunzehn
// siebenunddreißig". Every number word from 0 to 99 in each language is
// generated once at init (compounds included: "quarante-sept",
// "zevenenveertig", "fyrtiosju", "siebenunddreißig"), so a word is read by
// one map lookup. A run of number words, digit groups and light
// punctuation becomes a digit string whose span covers the whole spelled
// sequence; it is then read like any other digit sequence (libphonenumber,
// checksums).

// numWord is what a word means in a spelled number.
type numWord struct {
	v   int8 // 0..99, or -2 for "double", -3 for "triple"
	nd  int8 // digits it stands for: "zero"/"oh"/"six" 1, "forty-seven" 2
	amb bool // also an everyday word (un, een, en, ein, one, to): needs a spelled neighbour
}

// numLang holds one language's spellings.
type numLang struct {
	units   [10][]string // 0..9
	teens   [10][]string // 10..19
	tens    [10][]string // tens[2..9]
	join    string       // compound joiner: tens-unit order unless unitFirst
	unitCmp [10]string   // unit forms inside compounds when they differ ("ein" in einundzwanzig)
	unitFst bool         // unit first: zevenenveertig, siebenunddreißig, syvogfyrre
	mult    []string     // double, triple…
	amb     []string
}

var numLangs = [6]numLang{
	// English
	{
		units: [10][]string{{"zero", "oh", "nought"}, {"one"}, {"two"}, {"three"}, {"four"}, {"five"}, {"six"}, {"seven"}, {"eight"}, {"nine"}},
		teens: [10][]string{{"ten"}, {"eleven"}, {"twelve"}, {"thirteen"}, {"fourteen"}, {"fifteen"}, {"sixteen"}, {"seventeen"}, {"eighteen"}, {"nineteen"}},
		tens:  [10][]string{2: {"twenty"}, {"thirty"}, {"forty", "fourty"}, {"fifty"}, {"sixty"}, {"seventy"}, {"eighty"}, {"ninety"}},
		join:  "-",
		mult:  []string{"double", "triple"},
		amb:   []string{"one", "oh"},
	},
	// French (with the Belgian and Swiss septante, huitante, octante, nonante)
	{
		units: [10][]string{{"zéro", "zero"}, {"un", "une"}, {"deux"}, {"trois"}, {"quatre"}, {"cinq"}, {"six"}, {"sept"}, {"huit"}, {"neuf"}},
		teens: [10][]string{{"dix"}, {"onze"}, {"douze"}, {"treize"}, {"quatorze"}, {"quinze"}, {"seize"}, {"dix-sept"}, {"dix-huit"}, {"dix-neuf"}},
		tens:  [10][]string{2: {"vingt"}, {"trente"}, {"quarante"}, {"cinquante"}, {"soixante"}, {"septante"}, {"quatre-vingt", "quatre-vingts", "huitante", "octante"}, {"nonante"}},
		join:  "-",
		mult:  []string{"double", "triple"},
		amb:   []string{"un", "une", "neuf"},
	},
	// Dutch
	{
		units:   [10][]string{{"nul"}, {"een", "één"}, {"twee"}, {"drie"}, {"vier"}, {"vijf"}, {"zes"}, {"zeven"}, {"acht"}, {"negen"}},
		teens:   [10][]string{{"tien"}, {"elf"}, {"twaalf"}, {"dertien"}, {"veertien"}, {"vijftien"}, {"zestien"}, {"zeventien"}, {"achttien"}, {"negentien"}},
		tens:    [10][]string{2: {"twintig"}, {"dertig"}, {"veertig"}, {"vijftig"}, {"zestig"}, {"zeventig"}, {"tachtig"}, {"negentig"}},
		join:    "en",
		unitFst: true,
		mult:    []string{"dubbel", "dubbele", "driedubbel"},
		amb:     []string{"een", "acht"},
	},
	// Swedish
	{
		units: [10][]string{{"noll"}, {"ett", "en"}, {"två"}, {"tre"}, {"fyra"}, {"fem"}, {"sex"}, {"sju"}, {"åtta"}, {"nio"}},
		teens: [10][]string{{"tio"}, {"elva"}, {"tolv"}, {"tretton"}, {"fjorton"}, {"femton"}, {"sexton"}, {"sjutton"}, {"arton", "aderton"}, {"nitton"}},
		tens:  [10][]string{2: {"tjugo"}, {"trettio"}, {"fyrtio"}, {"femtio"}, {"sextio"}, {"sjuttio"}, {"åttio"}, {"nittio"}},
		mult:  []string{"dubbel", "dubbla", "trippel"},
		amb:   []string{"en", "ett"},
	},
	// Norwegian (Bokmål, Nynorsk) and Danish
	{
		units:   [10][]string{{"null", "nul"}, {"en", "ett", "ein", "eitt", "én", "et"}, {"to"}, {"tre"}, {"fire"}, {"fem"}, {"seks"}, {"sju", "syv"}, {"åtte", "otte"}, {"ni"}},
		teens:   [10][]string{{"ti"}, {"elleve", "elleve"}, {"tolv"}, {"tretten"}, {"fjorten"}, {"femten"}, {"seksten"}, {"sytten"}, {"atten"}, {"nitten"}},
		tens:    [10][]string{2: {"tjue", "tyve"}, {"tretti", "tredve", "tredive"}, {"førti", "fyrre"}, {"femti", "halvtreds"}, {"seksti", "tres"}, {"sytti", "halvfjerds"}, {"åtti", "firs"}, {"nitti", "halvfems"}},
		join:    "og", // Danish and old Norwegian: syvogfyrre, enogtyve
		unitFst: true, // the modern Norwegian tens-first forms are added too
		mult:    []string{"dobbel", "dobbelt", "doble", "trippel"},
		amb:     []string{"en", "ett", "ein", "eitt", "et", "to", "fire", "ni", "tre"},
	},
	// German
	{
		units:   [10][]string{{"null"}, {"eins", "ein", "eine"}, {"zwei", "zwo"}, {"drei"}, {"vier"}, {"fünf", "fuenf"}, {"sechs"}, {"sieben"}, {"acht"}, {"neun"}},
		teens:   [10][]string{{"zehn"}, {"elf"}, {"zwölf", "zwoelf"}, {"dreizehn"}, {"vierzehn"}, {"fünfzehn", "fuenfzehn"}, {"sechzehn"}, {"siebzehn"}, {"achtzehn"}, {"neunzehn"}},
		tens:    [10][]string{2: {"zwanzig"}, {"dreißig", "dreissig"}, {"vierzig"}, {"fünfzig", "fuenfzig"}, {"sechzig"}, {"siebzig"}, {"achtzig"}, {"neunzig"}},
		join:    "und",
		unitCmp: [10]string{1: "ein"},
		unitFst: true,
		mult:    []string{"doppel", "doppelt", "doppelte"},
		amb:     []string{"ein", "eine", "acht", "elf"},
	},
}

// numWords maps a lower-case word to its meaning, per language index (the
// last one, for an unknown language, holds only the unambiguous words all
// languages agree on).
var numWords [nLangs]map[string]numWord

// numFilter is the cheap first test for a number word; numFilterL is the
// same per language, for the gate of texts without digits.
var (
	numFilter  wordFilter
	numFilterL [nLangs]wordFilter
)

// buildNumWords is called by the lexicon's init, after the word lists.
func buildNumWords() {
	for li := range numLangs {
		m := map[string]numWord{}
		L := &numLangs[li]
		put := func(w string, v, nd int) {
			if _, ok := m[w]; !ok {
				m[w] = numWord{v: int8(v), nd: int8(nd)}
			}
		}
		for d, ws := range L.units {
			for _, w := range ws {
				put(w, d, 1)
			}
		}
		for d, ws := range L.teens {
			for _, w := range ws {
				put(w, 10+d, 2)
			}
		}
		for t := 2; t <= 9; t++ {
			for _, tw := range L.tens[t] {
				put(tw, 10*t, 2)
				for u := 1; u <= 9; u++ {
					for _, uw := range L.units[u] {
						if L.unitCmp[u] != "" {
							uw = L.unitCmp[u]
						}
						switch li {
						case 1: // French: vingt-et-un, vingt-deux, soixante-douze, quatre-vingt-dix-sept
							if u == 1 && t != 8 {
								put(tw+"-et-un", 10*t+1, 2)
								put(tw+" et un", 10*t+1, 2)
							} else {
								put(tw+"-"+uw, 10*t+u, 2)
							}
						case 0:
							put(tw+"-"+uw, 10*t+u, 2)
							put(tw+uw, 10*t+u, 2)
						case 3: // Swedish: fyrtiosju, tjugoett
							put(tw+uw, 10*t+u, 2)
						case 4: // Norwegian fyrtisju, tjueen; Danish syvogfyrre
							put(tw+uw, 10*t+u, 2)
							put(uw+L.join+tw, 10*t+u, 2)
						default: // nl, de: zevenenveertig, siebenunddreißig
							if L.unitFst {
								put(uw+L.join+tw, 10*t+u, 2)
								if li == 2 && (strings.HasSuffix(uw, "e") || strings.HasSuffix(uw, "ee")) {
									put(uw+"ën"+tw, 10*t+u, 2) // drieëntwintig, tweeëntwintig
								}
							}
						}
					}
				}
			}
		}
		if li == 1 { // soixante-dix…, quatre-vingt-dix…
			for _, tw := range []string{"soixante", "quatre-vingt"} {
				base := 60
				if tw == "quatre-vingt" {
					base = 80
				}
				for d := 0; d <= 9; d++ {
					for _, w := range L.teens[d] {
						put(tw+"-"+w, base+10+d, 2)
					}
				}
				put("soixante-et-onze", 71, 2)
				put("soixante et onze", 71, 2)
			}
			put("quatre-vingt-un", 81, 2)
		}
		for i, w := range L.mult {
			v := -2
			if strings.HasPrefix(w, "tri") || strings.HasPrefix(w, "drie") {
				v = -3
			}
			_ = i
			m[w] = numWord{v: int8(v)}
		}
		for _, w := range L.amb {
			if e, ok := m[w]; ok {
				e.amb = true
				m[w] = e
			}
		}
		numWords[li] = m
		for w := range m {
			if !strings.Contains(w, " ") {
				numFilter.add(w)
				numFilterL[li].add(w)
				lexFilter.add(w)
				lexByLang[li][w] |= fNumWord
			}
		}
	}
	// Unknown language: a word counts only if every language that has it
	// gives it the same value and none uses it as an everyday word.
	u := map[string]numWord{}
	bad := map[string]bool{}
	for li := 0; li < 6; li++ {
		for w, e := range numWords[li] {
			if e.amb || bad[w] {
				bad[w] = true
				delete(u, w)
				continue
			}
			if p, ok := u[w]; ok && p != e {
				bad[w] = true
				delete(u, w)
				continue
			}
			u[w] = e
		}
	}
	for _, w := range []string{"to", "sex", "elf", "ni", "tre", "en", "fire", "double"} {
		delete(u, w)
	}
	numWords[6] = u
	for w := range u {
		lexByLang[6][w] |= fNumWord
		numFilterL[6].add(w)
	}
}

// numWordAt reads the number word at token k (lower-cased when it has
// non-ASCII capitals).
func (s *scan) numWordAt(k int) (numWord, bool) {
	t := s.toks[k]
	if t.kind != tkWord || t.e-t.s > 24 {
		return numWord{}, false
	}
	w := s.low[t.s:t.e]
	m := numWords[s.li]
	if !numFilter.maybeString(w) {
		if lw := strings.ToLower(w); lw != w && numFilter.maybeString(lw) {
			w = lw
		} else {
			return numWord{}, false
		}
	}
	e, ok := m[w]
	if !ok {
		for i := 0; i < len(w); i++ {
			if w[i] >= utf8.RuneSelf {
				if lw := strings.ToLower(w); lw != w {
					e, ok = m[lw]
				}
				break
			}
		}
	}
	return e, ok
}

// spelledElem is one part of a spelled sequence: a number word, a
// "double" + digit, or a group of digits.
type spelledElem struct {
	s, e   int // byte span in the text
	digits string
	word   bool // spelled, not digits
	amb    bool
}

// findSpelledNumbers reads runs of number words mixed with digit groups and
// hands each run with at least one spelled word to the digit-sequence
// reader. It runs before findNumbers, which then skips what it claimed.
func (s *scan) findSpelledNumbers() {
	if s.all&fNumWord == 0 {
		return
	}
	toks := s.toks
	var elems []spelledElem
	var arr [32]spelledElem
	for k := 0; k < len(toks); {
		elems = arr[:0]
		q := k
		for q < len(toks) && len(elems) < 30 {
			e, next, ok := s.spelledElemAt(q)
			if !ok {
				break
			}
			if len(elems) > 0 {
				gap := s.text[elems[len(elems)-1].e:e.s]
				if spelledGap(gap) == 0 {
					break
				}
			}
			elems = append(elems, e)
			q = next
			// Light punctuation between two parts: "zéro six, 47",
			// "vier acht zwei, neunzehn".
			if q < len(toks) && toks[q].kind == tkPunct && q+1 < len(toks) && s.isPunct(q, ",.-/") {
				if _, _, ok := s.spelledElemAt(q + 1); ok {
					q++
				}
			}
		}
		if len(elems) == 0 {
			k++
			continue
		}
		s.readSpelled(elems)
		k = q
		if k < len(toks) && toks[k].kind == tkPunct {
			k++
		}
	}
}

// spelledGap classifies the text between two parts of a spelled number.
func spelledGap(g string) byte {
	g = strings.TrimSpace(g)
	switch g {
	case "":
		return ' '
	case ",", ".", "-", "/", "–":
		return g[0]
	}
	return 0
}

// spelledElemAt reads one part at token k and returns the token after it.
func (s *scan) spelledElemAt(k int) (spelledElem, int, bool) {
	toks := s.toks
	t := toks[k]
	if t.kind == tkNum {
		if t.e-t.s != t.nd || t.nd > 5 || s.overlapsTaken(t.s, t.e) {
			return spelledElem{}, 0, false
		}
		return spelledElem{s: t.s, e: t.e, digits: s.text[t.s:t.e]}, k + 1, true
	}
	if t.flags&fNumWord == 0 {
		return spelledElem{}, 0, false
	}
	w, ok := s.numWordAt(k)
	if !ok {
		return spelledElem{}, 0, false
	}
	if w.v < 0 { // double / triple + one digit
		if k+1 >= len(toks) {
			return spelledElem{}, 0, false
		}
		n := toks[k+1]
		var d string
		if n.kind == tkNum && n.nd == 1 && n.e-n.s == 1 {
			d = s.text[n.s:n.e]
		} else if nw, ok := s.numWordAt(k + 1); ok && nw.v >= 0 && nw.nd == 1 && toks[k+1].flags&fNumWord != 0 {
			d = string(rune('0' + nw.v))
		} else {
			return spelledElem{}, 0, false
		}
		if spelledGap(s.text[t.e:n.s]) != ' ' {
			return spelledElem{}, 0, false
		}
		return spelledElem{s: t.s, e: n.e, digits: strings.Repeat(d, int(-w.v)), word: true}, k + 2, true
	}
	e := spelledElem{s: t.s, e: t.e, word: true, amb: w.amb}
	v := int(w.v)
	next := k + 1
	// Tens then a unit written apart: "forty seven", "quarante sept",
	// "vingt et un"; French "soixante dix", "quatre vingt".
	if w.nd == 2 && v%10 == 0 && v >= 20 && next < len(toks) {
		q := next
		if s.li == 1 && toks[q].kind == tkWord && s.low[toks[q].s:toks[q].e] == "et" && q+1 < len(toks) {
			q++
		}
		if spelledGap(s.text[toks[q-1].e:toks[q].s]) == ' ' && toks[q].flags&fNumWord != 0 {
			if u, ok := s.numWordAt(q); ok && u.v >= 0 {
				switch {
				case u.nd == 1 && u.v >= 1:
					v += int(u.v)
					e.e = toks[q].e
					next = q + 1
				case s.li == 1 && (v == 60 || v == 80) && u.nd == 2 && u.v >= 10 && u.v <= 19:
					v += int(u.v)
					e.e = toks[q].e
					next = q + 1
				}
			}
		}
	}
	if s.li == 1 && v == 4 && next < len(toks) && s.low[toks[next].s:toks[next].e] == "vingt" || s.li == 1 && v == 4 && next < len(toks) && s.low[toks[next].s:toks[next].e] == "vingts" {
		v = 80
		e.e = toks[next].e
		next++
		e.amb = false
	}
	if w.nd == 1 && v < 10 && e.e == t.e {
		e.digits = string(rune('0' + v))
	} else {
		e.digits = string([]byte{byte('0' + v/10), byte('0' + v%10)})
	}
	return e, next, true
}

// readSpelled trims ambiguous words that have no spelled neighbour ("un
// 06…", "een 06…"), then reads the run like a digit sequence.
func (s *scan) readSpelled(elems []spelledElem) {
	for len(elems) > 0 && elems[0].amb && (len(elems) == 1 || !elems[1].word) {
		elems = elems[1:]
	}
	for len(elems) > 0 && elems[len(elems)-1].amb && (len(elems) == 1 || !elems[len(elems)-2].word) {
		elems = elems[:len(elems)-1]
	}
	// A lone number word glued to digit groups is a count, not a digit:
	// "01 23 45 67 89 trois fois", "six 06 12 34 56 78".
	if n := len(elems); n >= 2 && elems[n-1].word && !elems[n-2].word {
		elems = elems[:n-1]
	}
	if len(elems) >= 2 && elems[0].word && !elems[1].word {
		elems = elems[1:]
	}
	words, total := 0, 0
	for _, e := range elems {
		if e.word {
			words++
		}
		total += len(e.digits)
	}
	if words == 0 || total < 7 || total > 40 {
		return
	}
	var csArr [32]chunk
	cs := csArr[:0]
	var offArr [33]int
	off := offArr[:0]
	db := make([]byte, 0, total)
	for i, e := range elems {
		c := chunk{s: e.s, e: e.e}
		if i > 0 {
			c.sep = spelledGap(s.text[elems[i-1].e:e.s])
		}
		cs = append(cs, c)
		off = append(off, len(db))
		db = append(db, e.digits...)
	}
	off = append(off, len(db))
	before := len(s.finds)
	s.readDigits(cs, string(db), off, true)
	for i := before; i < len(s.finds); i++ {
		s.finds[i].why = "spelled-out " + s.finds[i].why
	}
}
