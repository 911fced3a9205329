package pii

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"
)

// prevRune returns the rune that ends just before byte i (RuneError at the
// start or on invalid UTF-8).
func (s *scan) prevRune(i int) rune {
	if i <= 0 {
		return utf8.RuneError
	}
	r, _ := utf8.DecodeLastRuneInString(s.text[:i])
	return r
}

func (s *scan) nextRune(i int) rune {
	if i >= len(s.text) {
		return utf8.RuneError
	}
	r, _ := utf8.DecodeRuneInString(s.text[i:])
	return r
}

func isAlnumRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

func upperASCII(c byte) byte {
	if isLowerASCII(c) {
		return c - ('a' - 'A')
	}
	return c
}

func isAlnumASCII(c byte) bool { return isAlphaASCII(c) || isDigit(c) }

// findIBANs reads a country code, two check digits and the BBAN, in groups
// separated by single spaces or dashes, for exactly the country's length.
func (s *scan) findIBANs() {
	if s.ndig < 4 {
		return
	}
	t := s.text
	n := len(t)
	var buf [34]byte
	for i := 0; i+4 <= n; i++ {
		if !isAlphaASCII(t[i]) || !isAlphaASCII(t[i+1]) || !isDigit(t[i+2]) || !isDigit(t[i+3]) {
			continue
		}
		if isAlnumRune(s.prevRune(i)) {
			continue
		}
		cc := [2]byte{upperASCII(t[i]), upperASCII(t[i+1])}
		want, ok := ibanLengths[string(cc[:])]
		if !ok {
			continue
		}
		k, j := 0, i
		for j < n && k < want {
			c := t[j]
			if isAlnumASCII(c) {
				buf[k] = upperASCII(c)
				k++
				j++
				continue
			}
			if (c == ' ' || c == '-') && j+1 < n && isAlnumASCII(t[j+1]) {
				j++
				continue
			}
			break
		}
		if k != want || isAlnumRune(s.nextRune(j)) || s.overlapsTaken(i, j) {
			if k >= 12 && j-i > k {
				// Grouped like an IBAN but the wrong length: its digits
				// are not to be read as a phone number either.
				s.taken = append(s.taken, [2]int{i, j})
			}
			continue
		}
		id := string(buf[:k])
		if !ValidIBAN(id) {
			s.taken = append(s.taken, [2]int{i, j}) // a mistyped IBAN is still not a phone
			continue
		}
		s.add(finding{entity: EntityIBAN, s: i, e: j, conf: 0.99,
			why: "IBAN " + id[:4] + "…" + id[len(id)-2:] + " has the length for " + id[:2] + " and passes the ISO 13616 mod-97 check"})
		i = j
	}
}

// findCorsicanNIR finds French NIRs whose department is 2A or 2B, which
// the digit scanner cannot see because of the letter.
func (s *scan) findCorsicanNIR() {
	if s.ndig < 13 {
		return
	}
	t := s.text
	n := len(t)
	for p := 1; p+1 < n; p++ {
		if t[p] != '2' {
			continue
		}
		l := upperASCII(t[p+1])
		if l != 'A' && l != 'B' || (p+2 < n && isAlphaASCII(t[p+2])) || p > 0 && !isDigit(t[p-1]) && t[p-1] != ' ' && t[p-1] != '.' {
			continue
		}
		var id [15]byte
		id[5], id[6] = '2', l
		// Five digits before (sex, year, month), single spaces allowed.
		k, q, start := 5, p-1, p
		for k > 0 && q >= 0 {
			c := t[q]
			if isDigit(c) {
				k--
				id[k] = c
				start = q
				q--
				continue
			}
			if (c == ' ' || c == '.') && q > 0 && isDigit(t[q-1]) && q+1 < n && isDigit(t[q+1]) || (c == ' ' && q == p-1) {
				q--
				continue
			}
			break
		}
		if k != 0 || isAlnumRune(s.prevRune(start)) {
			continue
		}
		// Eight digits after (commune, order, key).
		k, q = 7, p+2
		end := q
		for k < 15 && q < n {
			c := t[q]
			if isDigit(c) {
				id[k] = c
				k++
				q++
				end = q
				continue
			}
			if (c == ' ' || c == '.') && q+1 < n && isDigit(t[q+1]) {
				q++
				continue
			}
			break
		}
		if k != 15 || isAlnumRune(s.nextRune(end)) {
			continue
		}
		nir := string(id[:])
		if ValidNIR(nir) && !s.overlapsTaken(start, end) {
			s.add(finding{entity: EntityFRNIR, s: start, e: end, conf: 0.97,
				why: "French NIR " + mask(nir) + " (Corsica " + nir[5:7] + "): key = 97 − (number mod 97) holds"})
		}
	}
}

// chunk is one run of ASCII digits; sep says how it joins the previous run
// (' ', '.', '-', '/', '(' for parentheses) or 0 when it starts a sequence.
type chunk struct {
	s, e int
	sep  byte
	brk  bool // cannot be part of any identifier
}

// gapSep classifies the bytes between two digit runs.
func gapSep(g string) byte {
	switch g {
	case " ", "\u00a0", "\u202f", "\u2009", "  ":
		return ' '
	case ".":
		return '.'
	case "-", " - ", "\u2013", " \u2013 ", "\u2011":
		return '-'
	case "/", " / ":
		return '/'
	case " . ":
		return '.'
	case "+":
		// Only a Swedish personnummer joins runs with '+' (the holder
		// is 100 or older: "121212+1212"); evalRange reads nothing else
		// across it.
		return '+'
	}
	if len(g) > 4 {
		return 0
	}
	open, closed := 0, 0
	for i := 0; i < len(g); i++ {
		switch g[i] {
		case '(':
			open++
		case ')':
			closed++
		case ' ', '-':
		default:
			return 0
		}
	}
	if open+closed == 0 || open > 1 || closed > 1 {
		return 0
	}
	return '('
}

// findNumbers groups digit runs into sequences ("06 12 34 56 78",
// "850709-9805", "1 2 3 4 5 6 7 8 9") and reads identifiers from them,
// longest first from the left.
func (s *scan) findNumbers() {
	if s.ndig < 7 {
		return
	}
	t := s.text
	n := len(t)
	var chunks []chunk
	var arr [64]chunk
	chunks = arr[:0]
	for i := 0; i < n; {
		if !isDigit(t[i]) {
			i++
			continue
		}
		j := i
		for j < n && isDigit(t[j]) {
			j++
		}
		c := chunk{s: i, e: j}
		if len(chunks) > 0 {
			p := chunks[len(chunks)-1]
			if !p.brk {
				c.sep = gapSep(t[p.e:i])
			}
		}
		if c.sep == 0 {
			r := s.prevRune(i)
			if isAlnumRune(r) || r == '_' || r == '#' || r == '@' || r == '€' || r == '$' || r == '£' || r == '&' || r == '=' {
				c.brk = true
			}
		}
		r := s.nextRune(j)
		if isAlnumRune(r) || r == '_' || r == '%' || r == '€' || r == '@' {
			c.brk = true
		}
		if j-i > 19 || s.overlapsTaken(i, j) {
			c.brk = true
		}
		if c.brk {
			c.sep = 0
		}
		chunks = append(chunks, c)
		i = j
	}
	markDates(t, chunks)
	markTimeRanges(t, chunks)
	for a := 0; a < len(chunks); {
		if chunks[a].brk {
			a++
			continue
		}
		b := a + 1
		for b < len(chunks) && !chunks[b].brk && chunks[b].sep != 0 {
			b++
		}
		s.readSequence(chunks[a:b])
		a = b
	}
}

// markDates breaks out dd.mm.yyyy, dd/mm/yy, yyyy-mm-dd: three runs joined
// by the same '.', '/' or '-' and by nothing else on either side.
func markDates(t string, cs []chunk) {
	for i := 0; i+2 < len(cs); i++ {
		a, b, c := cs[i], cs[i+1], cs[i+2]
		if a.brk || b.brk || c.brk || b.sep == 0 || b.sep != c.sep || (b.sep != '.' && b.sep != '/' && b.sep != '-') {
			continue
		}
		if a.sep == b.sep || (i+3 < len(cs) && cs[i+3].sep == b.sep) {
			continue
		}
		la, lb, lc := a.e-a.s, b.e-b.s, c.e-c.s
		va, vb, vc := num(t[a.s:a.e]), num(t[b.s:b.e]), num(t[c.s:c.e])
		dmy := la <= 2 && lb <= 2 && (lc == 2 || lc == 4) &&
			(va >= 1 && va <= 31 && vb >= 1 && vb <= 12 || va >= 1 && va <= 12 && vb >= 1 && vb <= 31)
		ymd := la == 4 && lb <= 2 && lc <= 2 && vb >= 1 && vb <= 12 && vc >= 1 && vc <= 31
		if dmy || ymd {
			cs[i].brk, cs[i+1].brk, cs[i+2].brk = true, true, true
			if i+3 < len(cs) {
				cs[i+3].sep = 0
			}
		}
	}
}

// markTimeRanges breaks out opening hours written with dots, "08.00–17.00",
// "8.30-16.45": two HH.MM times joined by a dash read as a ten-digit phone
// number otherwise.
func markTimeRanges(t string, cs []chunk) {
	hhmm := func(h, m chunk) bool {
		return h.e-h.s <= 2 && num(t[h.s:h.e]) <= 23 && m.sep == '.' && m.e-m.s == 2 && num(t[m.s:m.e]) <= 59
	}
	for i := 0; i+3 < len(cs); i++ {
		if cs[i].brk || cs[i].sep != 0 || cs[i+2].sep != '-' {
			continue
		}
		if hhmm(cs[i], cs[i+1]) && hhmm(cs[i+2], cs[i+3]) {
			for k := i; k <= i+3; k++ {
				cs[k].brk, cs[k].sep = true, 0
			}
			if i+4 < len(cs) {
				cs[i+4].sep = 0
			}
			i += 3
		}
	}
}

// layout describes a candidate's grouping: the length of each digit run
// and the separators between them.
type layout struct {
	n    int
	lens [20]int
	seps [20]byte // seps[k] joins run k-1 and k
}

func (l *layout) is(lens ...int) bool {
	if l.n != len(lens) {
		return false
	}
	for i, v := range lens {
		if l.lens[i] != v {
			return false
		}
	}
	return true
}

func (l *layout) all1() bool {
	if l.n < 5 {
		return false
	}
	for i := 0; i < l.n; i++ {
		if l.lens[i] != 1 {
			return false
		}
	}
	return true
}

// sepsIn reports whether every separator is one of set.
func (l *layout) sepsIn(set string) bool {
	for i := 1; i < l.n; i++ {
		if strings.IndexByte(set, l.seps[i]) < 0 {
			return false
		}
	}
	return true
}

// cutsIn reports whether every boundary between runs falls on one of the
// given digit positions (field boundaries of the identifier).
func (l *layout) cutsIn(pos ...int) bool {
	c := 0
	for i := 0; i+1 < l.n; i++ {
		c += l.lens[i]
		ok := false
		for _, p := range pos {
			if c == p {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// readSequence tries, from each start run, the longest range of runs that
// reads as an identifier.
func (s *scan) readSequence(cs []chunk) {
	total := 0
	for _, c := range cs {
		total += c.e - c.s
	}
	if total < 7 {
		return
	}
	var offArr [65]int
	var off []int
	if len(cs)+1 <= len(offArr) {
		off = offArr[:len(cs)+1]
	} else {
		off = make([]int, len(cs)+1)
	}
	db := make([]byte, 0, total)
	for k, c := range cs {
		off[k] = len(db)
		db = append(db, s.text[c.s:c.e]...)
	}
	off[len(cs)] = len(db)
	s.readDigits(cs, string(db), off, false)
}

// readDigits reads the digit string of a sequence of runs (off[k] is where
// run k starts in digits), longest range first from the left. spelled says
// the runs include number words.
func (s *scan) readDigits(cs []chunk, digits string, off []int, spelled bool) {
	for i := 0; i < len(cs); {
		if off[len(cs)]-off[i] < 7 {
			break
		}
		j := i
		for j+1 < len(cs) && off[j+2]-off[i] <= 19 {
			j++
		}
		matched := false
		for ; j >= i; j-- {
			if off[j+1]-off[i] < 7 {
				break
			}
			if f, ok := s.evalRange(cs, digits, off, i, j, spelled); ok {
				s.add(f)
				i = j + 1
				matched = true
				break
			}
		}
		if !matched {
			i++
		}
	}
}

// candidate is one reading of a digit range; rank picks among readings.
type candidate struct {
	f    finding
	rank float64
}

func (s *scan) evalRange(cs []chunk, digits string, off []int, i, j int, spelled bool) (finding, bool) {
	t := s.text
	d := digits[off[i]:off[j+1]]
	nd := len(d)
	var l layout
	l.n = j - i + 1
	for k := i; k <= j; k++ {
		l.lens[k-i] = off[k+1] - off[k]
		if k > i {
			l.seps[k-i] = cs[k].sep
		}
	}
	for k := 1; k < l.n; k++ {
		if l.seps[k] == '+' && !(nd == 10 && l.is(6, 4)) {
			return finding{}, false
		}
	}
	a, b := cs[i].s, cs[j].e
	whole := i == 0 && j == len(cs)-1
	if !whole && !s.cleanCut(cs, i, j) {
		return finding{}, false
	}
	plus, paren := false, false
	if i == 0 && a > 0 && t[a-1] == '+' {
		plus = true
		a--
	}
	if i == 0 && a > 0 && t[a-1] == '(' {
		paren = true
		a--
	}
	if s.priceLike(a, b) {
		return finding{}, false
	}
	f := s.ctxFlags(a, b, 48, 24)
	neg := f&fNeg != 0
	li := s.li
	var best candidate
	try := func(c candidate) {
		if c.rank > best.rank {
			best = c
		}
	}
	mk := func(entity string, conf float64, why string, ctx wflag, langMatch bool, fmtOK bool) candidate {
		r := conf
		if f&ctx != 0 {
			r += 0.3
			conf += (1 - conf) / 2
		}
		if langMatch {
			r += 0.1
		}
		if fmtOK {
			r += 0.05
		}
		return candidate{f: finding{entity: entity, s: a, e: b, conf: conf, why: why}, rank: r}
	}
	// mkc is mk for identifiers whose cue is a phrase (idCue), not a flag.
	mkc := func(entity string, conf float64, why string, cued, langMatch, fmtOK bool) candidate {
		c := mk(entity, conf, why, 0, langMatch, fmtOK)
		if cued {
			c.rank += 0.3
			c.f.conf += (1 - c.f.conf) / 2
		}
		return c
	}
	if !plus && !paren {
		// Payment card.
		if nd >= 13 && nd <= 19 && l.sepsIn(" -") &&
			(l.n == 1 || l.all1() || l.is(4, 6, 5) || l.is(4, 6, 4) || fours(&l)) &&
			(!neg || f&fCtxCard != 0) && ValidLuhn(d) {
			if brand := cardBrand(d); brand != "" {
				try(mk(EntityCard, 0.95, "payment card number ("+brand+") "+mask(d)+" in a known issuer range passes the Luhn check",
					fCtxCard, false, l.n > 1))
			}
		}
		// Swedish personnummer / samordningsnummer.
		if (nd == 10 || nd == 12) && (!neg || f&fCtxSE != 0) &&
			(l.n == 1 || l.all1() || (l.is(6, 4) && l.sepsIn("-+ .")) || (l.is(8, 4) && l.sepsIn("- .")) ||
				(l.is(2, 2, 2, 4) || l.is(4, 2, 2, 4)) && l.sepsIn(" -")) {
			if ok, coord := ValidSEPersonnummer(d); ok {
				kind := "personnummer"
				if coord {
					kind = "samordningsnummer (day + 60)"
				}
				conf := 0.9
				if l.n == 1 && f&fCtxSE == 0 && li != 3 {
					conf = 0.8
				}
				try(mk(EntitySEPersonnr, conf, "Swedish "+kind+" "+mask(d)+": valid date and Luhn check digit",
					fCtxSE, li == 3, l.is(6, 4) || l.is(8, 4)))
			}
		}
		// Norwegian fødselsnummer / D-nummer.
		if nd == 11 && (!neg || f&fCtxNO != 0) &&
			(l.n == 1 || l.all1() || l.is(6, 5) || l.is(2, 2, 2, 5) || l.is(6, 3, 2)) && l.sepsIn(" .-") {
			if ok, dnr := ValidNOFodselsnummer(d); ok {
				kind := "fødselsnummer"
				if dnr {
					kind = "D-nummer (day + 40)"
				}
				try(mk(EntityNOFodselsnr, 0.9, "Norwegian "+kind+" "+mask(d)+": valid date and both mod-11 control digits",
					fCtxNO, li == 4, l.is(6, 5)))
			}
		}
		// Dutch BSN: only with a context word or the 1234.56.789 layout.
		if nd == 9 && (f&fCtxBSN != 0 || l.is(4, 2, 3) && l.sepsIn(".")) &&
			(l.n == 1 || l.all1() || l.is(4, 2, 3) || l.is(3, 3, 3) || l.is(3, 2, 2, 2)) && l.sepsIn(" .-") && ValidBSN(d) {
			try(mk(EntityNLBSN, 0.92, "Dutch BSN "+mask(d)+" passes the 11-proof next to a BSN context word or layout",
				fCtxBSN, li == 2, l.n > 1))
		}
		// French NIR.
		if nd == 15 && (!neg || f&fCtxNIR != 0) && l.sepsIn(" .-") &&
			(l.n == 1 || l.all1() || l.cutsIn(1, 3, 5, 7, 10, 13)) && ValidNIR(d) {
			try(mk(EntityFRNIR, 0.95, "French NIR "+mask(d)+": sex digit, month and key = 97 − (number mod 97) hold",
				fCtxNIR, li == 1, l.n > 1))
		}
		// German tax ID: a context word or the 12 345 678 901 layout.
		// Named in another language ("my German tax ID is …"), or
		// grouped otherwise next to its name ("954 510 536 24"), it
		// still passes the check digit and the repetition rule.
		if nd == 11 && ValidDETaxID(d) {
			cued := f&fCtxDETax != 0 || s.taxIDPhrase(a, b)
			if (cued || l.is(2, 3, 3, 3) && l.sepsIn(" ")) &&
				(l.n == 1 || l.all1() || l.is(2, 3, 3, 3) || cued && smallGroups(&l)) && l.sepsIn(" ./") {
				c := mk(EntityDETaxID, 0.92, "German tax ID "+mask(d)+": ISO 7064 MOD 11,10 check digit and digit-repetition rule hold",
					fCtxDETax, li == 5, l.n > 1)
				if cued && f&fCtxDETax == 0 {
					c.rank += 0.3
					c.f.conf += (1 - c.f.conf) / 2
				}
				try(c)
			}
		}
		s.nationalIDs(d, &l, a, b, neg, try, mkc)
	}
	// Phone, unless the text names the number as another kind of
	// identifier ("fødselsnummer 02044410684 er feil").
	idCtx := (f&(fCtxSE|fCtxNO|fCtxBSN|fCtxNIR|fCtxDETax|fCtxCard) != 0 || s.anyIDCue(a, b)) && f&fCtxPhone == 0
	if nd >= 7 && nd <= 15 && (!neg || f&fCtxPhone != 0) && !idCtx && (plus || i == 0 || d[0] == '0') {
		pf := f
		if nd == 8 && f&fEntNoun != 0 && s.nordicBefore(a) {
			// "my Danish number is 20 12 34 56": the adjective says
			// phone as a phone word would.
			pf |= fCtxPhone
		}
		if region, conf, ok := s.phone(d, plus, paren, &l, pf, whole, spelled); ok {
			src := " (libphonenumber)"
			if s.fiction {
				src = " (Ofcom range kept for drama, written like a real number)"
			}
			try(mk(EntityPhone, conf, "phone number "+mask(d)+" valid for "+region+src,
				fCtxPhone, regionLang(region) == li, l.n > 1))
		}
	}
	if best.rank == 0 {
		return finding{}, false
	}
	if f&fNeg != 0 {
		best.f.why += "; a context word suggests a reference number but a stronger one says otherwise"
	}
	return best.f, true
}

// taxIDPhrases name a tax identification number in the languages whose
// lexicon has no word of its own for the German one. They are phrases,
// not lexicon flags, so that a phone number next to "tax" stays a phone.
var taxIDPhrases = []string{"tax id", "tax-id", "tax identification", "taxpayer", "tax number", "tin",
	"numéro fiscal", "numero fiscal", "identifiant fiscal", "fiscaal nummer", "fiscaal identificatienummer",
	"skatte-id", "skattenummer", "skatteidentifikationsnummer"}

// taxIDPhrase reports one of taxIDPhrases ending within 48 bytes before
// [a,b), as whole words.
func (s *scan) taxIDPhrase(a, b int) bool {
	lo := max(0, a-48)
	for _, w := range taxIDPhrases {
		if s.wordIn(lo, a, w) {
			return true
		}
	}
	return false
}

// smallGroups: two to five runs of two to four digits, as people group a
// long number they read out.
func smallGroups(l *layout) bool {
	if l.n < 2 || l.n > 5 {
		return false
	}
	for k := 0; k < l.n; k++ {
		if l.lens[k] < 2 || l.lens[k] > 4 {
			return false
		}
	}
	return true
}

// cleanCut reports whether runs i..j can be read apart from their
// neighbours in the sequence: a lone run, or one whose edges are separated
// differently from its inside ("06 12 34 56 78 - 06 98 76 54 32"). Without
// it the middle of a mistyped NIR or card reads as a phone number.
func (s *scan) cleanCut(cs []chunk, i, j int) bool {
	if i == j {
		return true
	}
	inner := s.text[cs[i].e:cs[i+1].s]
	if i > 0 && s.text[cs[i-1].e:cs[i].s] == inner {
		return false
	}
	if j+1 < len(cs) && s.text[cs[j].e:cs[j+1].s] == inner {
		return false
	}
	return true
}

// fours: 4-digit groups with a shorter or equal last group (card layout).
func fours(l *layout) bool {
	if l.n < 3 {
		return false
	}
	for i := 0; i < l.n-1; i++ {
		if l.lens[i] != 4 {
			return false
		}
	}
	return l.lens[l.n-1] >= 1 && l.lens[l.n-1] <= 4
}

// priceLike reports a currency or unit right before or after [a,b):
// "€ 12 345 678", "12345678 kr", "1 250 000 NOK".
func (s *scan) priceLike(a, b int) bool {
	r := s.prevRune(a)
	if r == '€' || r == '$' || r == '£' {
		return true
	}
	k := s.tokenAt(a)
	if k > 0 {
		p := s.toks[k-1]
		if a-p.e <= 1 && p.flags&fCurrency != 0 {
			return true
		}
	}
	k = s.tokenAt(b - 1)
	if k+1 < len(s.toks) {
		nx := s.toks[k+1]
		if nx.s-b <= 1 {
			if nx.flags&(fCurrency|fUnit) != 0 && !s.extension(nx) {
				return true
			}
			if nx.kind == tkPunct {
				switch s.text[nx.s:nx.e] {
				case "€", "$", "£", "%":
					return true
				case ",":
					// 1 234 567,89 — a decimal amount.
					if nx.e < len(s.text) && isDigit(s.text[nx.e]) {
						return true
					}
				}
			}
		}
	}
	return false
}

// nordicAdjectives say a number is Danish or Norwegian, in every language
// served: "my Danish number is 20 12 34 56" needs no phone word, as
// "mitt nummer" in a Norwegian text needs none.
var nordicAdjectives = []string{"danish", "norwegian", "dansk", "danske", "norsk", "norske", "norska", "danska",
	"danois", "danoise", "norvégien", "norvégienne", "norvegien", "norvegienne", "deens", "deense", "noors", "noorse",
	"dänisch", "dänische", "dänischen", "norwegisch", "norwegische", "norwegischen"}

// nordicBefore reports one of nordicAdjectives within 32 bytes before a.
func (s *scan) nordicBefore(a int) bool {
	lo := max(0, a-32)
	for _, w := range nordicAdjectives {
		if s.wordIn(lo, a, w) {
			return true
		}
	}
	return false
}

// extension reports the token "x" glued to two or more digits: a phone
// extension ("617-253-1000 x123"), not "× 2" or a quantity.
func (s *scan) extension(x token) bool {
	t := s.text
	if x.e-x.s != 1 || t[x.s] != 'x' && t[x.s] != 'X' {
		return false
	}
	return x.e+1 < len(t) && isDigit(t[x.e]) && isDigit(t[x.e+1])
}

// trunkRegions are the regions whose national numbers start with a trunk
// 0, the text's language first.
var trunkRegions = [nLangs][]string{
	{"GB", "FR", "NL", "BE", "SE", "DE", "CH"},
	{"FR", "BE", "CH", "NL", "SE", "DE", "GB"},
	{"NL", "BE", "FR", "SE", "DE", "CH", "GB"},
	{"SE", "FR", "NL", "BE", "DE", "CH", "GB"},
	{"FR", "NL", "BE", "SE", "DE", "CH", "GB"},
	{"DE", "CH", "FR", "NL", "BE", "SE", "GB"},
	{"FR", "NL", "BE", "SE", "DE", "CH", "GB"},
}

// homeRegions is how many of trunkRegions[li] are the language's own.
var homeRegions = [nLangs]int{1, 3, 2, 1, 0, 2, 7}

// standardLen is the usual national length, trunk 0 included, of numbers
// in a region (Germany has none).
func standardLen(region string, nd int) bool {
	switch region {
	case "FR", "NL", "CH":
		return nd == 10
	case "BE", "SE":
		return nd == 9 || nd == 10
	case "GB":
		return nd == 10 || nd == 11
	}
	return false
}

func regionLang(region string) int {
	switch region {
	case "GB", "US", "CA":
		return 0
	case "FR":
		return 1
	case "NL":
		return 2
	case "SE":
		return 3
	case "NO", "DK":
		return 4
	case "DE", "CH":
		return 5
	}
	return -1
}

// plausibleTrunkLen is the national length, trunk 0 included, of numbers
// in each region: it saves libphonenumber calls that cannot succeed.
func plausibleTrunkLen(region string, nd int) bool {
	switch region {
	case "FR", "NL", "CH":
		return nd == 10
	case "BE":
		return nd == 9 || nd == 10
	case "SE":
		return nd >= 7 && nd <= 10
	case "DE":
		return nd >= 7 && nd <= 12
	case "GB":
		return nd == 10 || nd == 11
	}
	return false
}

// phone validates a digit string as a phone number with libphonenumber.
// Numbers without '+' or a trunk 0 (Norway, Denmark, North America) look
// like any other number, so they need a phone word nearby or a phone-like
// layout in a text of the right language.
func (s *scan) phone(d string, plus, paren bool, l *layout, f wflag, whole, spelled bool) (string, float64, bool) {
	nd := len(d)
	s.business = false
	switch {
	case plus:
		if r := s.validPhone("+"+d, ""); r != "" {
			return r, 0.93, true
		}
	case strings.HasPrefix(d, "00"):
		if r := s.validPhone("+"+d[2:], ""); r != "" {
			return r, 0.9, true
		}
	case d[0] == '0':
		conf := 0.85
		if l.n > 1 || f&fCtxPhone != 0 {
			conf = 0.88
		}
		for ri, reg := range trunkRegions[s.li] {
			// Regions outside the text's language need a word for
			// "phone" or "number", or the region's usual grouping:
			// "06 12 34 56" in French is a mistyped mobile, not a
			// German landline.
			if ri >= homeRegions[s.li] && f&(fCtxPhone|fEntNoun) == 0 && !(l.n > 1 && standardLen(reg, nd)) {
				continue
			}
			if plausibleTrunkLen(reg, nd) {
				if r := s.validPhone(d, reg); r != "" {
					return r, conf, true
				}
			}
		}
	default:
		if !whole {
			return "", 0, false
		}
		// A spelled-out number next to "number"/"numéro" is a phone: no
		// one spells out an order number digit by digit.
		ctx := f&fCtxPhone != 0 || spelled && f&fEntNoun != 0
		switch {
		case nd == 8:
			formatted := (l.is(2, 2, 2, 2) || l.is(3, 2, 3) || l.is(4, 4)) && l.sepsIn(" ") ||
				// Spelled out or one digit at a time ("9 3 5 . 5 1 . 2 8 0"):
				// nobody writes a quantity that way; a count does, so
				// runs of consecutive digits are left out.
				(spelled || l.all1()) && !progression(d)
			if !ctx && !(formatted && s.li == 4) {
				return "", 0, false
			}
			regs := [2]string{"NO", "DK"}
			if s.lang == "da" {
				regs = [2]string{"DK", "NO"}
			}
			for _, reg := range regs {
				if r := s.validPhone(d, reg); r != "" {
					return r, 0.8, true
				}
			}
		case nd == 10 && d[0] >= '2' || nd == 11 && d[0] == '1':
			formatted := (l.is(3, 3, 4) || l.is(1, 3, 3, 4)) && l.sepsIn(" -.(") || paren && l.is(3, 3, 4)
			if !ctx && !(formatted && (s.li == 0 || s.li == 1 || s.li == 6)) {
				return "", 0, false
			}
			for _, reg := range [2]string{"US", "CA"} {
				if r := s.validPhone(d, reg); r != "" {
					return r, 0.82, true
				}
			}
		}
	}
	return "", 0, false
}

// validPhone parses with libphonenumber and returns the number's region
// when it is valid, within the per-text parse budget. A freephone or
// service number sets s.business and returns "".
func (s *scan) validPhone(number, region string) string {
	if s.parse <= 0 || s.business {
		return ""
	}
	s.parse--
	s.fiction = false
	if freephonePrefix(number) {
		s.business = true
		return ""
	}
	pn, err := phonenumbers.Parse(number, region)
	if err != nil {
		return ""
	}
	if !phonenumbers.IsValidNumber(pn) {
		if fictionGB(pn) {
			s.fiction = true
			return "GB"
		}
		return ""
	}
	switch phonenumbers.GetNumberType(pn) {
	case phonenumbers.TOLL_FREE, phonenumbers.PREMIUM_RATE, phonenumbers.SHARED_COST, phonenumbers.UAN:
		// Freephone and service numbers belong to businesses, never
		// to a person; and once a region reads it so, stop trying others.
		s.business = true
		return ""
	}
	r := phonenumbers.GetRegionCodeForNumber(pn)
	if r == "" {
		r = "+" + itoa(int(pn.GetCountryCode()))
	}
	return r
}

func itoa(v int) string {
	if v == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for v > 0 {
		i--
		b[i] = byte('0' + v%10)
		v /= 10
	}
	return string(b[i:])
}

// fictionGB: the Ofcom ranges kept for drama (07700 900000–900999, 01632
// 960000–960999). libphonenumber calls them invalid, but they are written
// exactly like a real mobile or landline, and whoever posts one means a
// phone number.
func fictionGB(pn *phonenumbers.PhoneNumber) bool {
	if pn.GetCountryCode() != 44 {
		return false
	}
	n := pn.GetNationalNumber()
	return n/1000 == 7700900 || n/1000 == 1632960
}

// progression reports a run of consecutive digits ("12345678",
// "98765432"): counting, not a number anyone would be called on.
func progression(d string) bool {
	up, down := true, true
	for i := 1; i < len(d); i++ {
		if d[i] != d[i-1]+1 {
			up = false
		}
		if d[i]+1 != d[i-1] {
			down = false
		}
	}
	return up || down
}

// freephonePrefix: a national number written with 0800, 0805, 0808 or 0900
// is a freephone or premium line in every country served (round 20: "bel
// 0800-2000 bij huiselijk geweld", too short for the Dutch plan, parsed
// by another region as a Stockholm landline). Nobody's private number.
func freephonePrefix(number string) bool {
	var d [4]byte
	n := 0
	for i := 0; i < len(number) && n < 4; i++ {
		c := number[i]
		switch {
		case c >= '0' && c <= '9':
			d[n] = c
			n++
		case c == '+':
			return false
		}
	}
	if n < 4 {
		return false
	}
	switch string(d[:]) {
	case "0800", "0805", "0808", "0900":
		return true
	}
	return false
}
