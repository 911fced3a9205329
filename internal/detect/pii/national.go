package pii

import "strings"

// National identifiers of the other countries Stormwatch serves (Denmark,
// Belgium, Switzerland, the United Kingdom, Canada). Their check digits
// are weaker than an IBAN's or missing, and several share a length and a
// layout with phone or reference numbers, so most of them need the word
// that names them nearby ("CPR", "NHS number", "SIN"); the validators are
// in checksum.go.
const (
	EntityDKCPR  = "dk_cpr"             // Danish CPR-nummer
	EntityBENN   = "be_national_number" // Belgian rijksregisternummer / numéro national (and BIS)
	EntityCHAHV  = "ch_ahv"             // Swiss AHV/AVS number (756.XXXX.XXXX.XX)
	EntityGBNINO = "gb_nino"            // UK National Insurance number
	EntityGBNHS  = "gb_nhs"             // UK NHS number
	EntityCASIN  = "ca_sin"             // Canadian Social Insurance Number
)

// Cue families: which identifier a word names.
const (
	cueDK uint8 = 1 << iota
	cueBE
	cueCH
	cueNHS
	cueNINO
	cueSIN
)

// idCueWords are the words and phrases that name each identifier, folded
// to lower case; they match as whole words ("cpr" in "CPR-nummer", not
// "sin" in "since").
var idCueWords = [...]struct {
	fam   uint8
	words []string
}{
	{cueDK, []string{"cpr", "cprnr", "cpr-nr", "cpr-nummer", "cpr-nummeret", "cpr nr", "cpr nummer"}},
	{cueBE, []string{"rijksregisternummer", "rijksregister", "rijksregisternr", "registre national", "numéro national",
		"numero national", "numéro de registre national", "niss", "insz", "national number", "national register number",
		"nationalregisternummer", "nationalnummer", "n° national"}},
	{cueCH, []string{"ahv", "avs", "ahv-nr", "ahv-nummer", "ahvn13", "avs-nr", "numéro avs", "no avs", "sozialversicherungsnummer",
		"numéro d'assuré", "versichertennummer", "ahv/avs", "avs/ahv"}},
	{cueNHS, []string{"nhs", "nhs number", "nhs no"}},
	{cueNINO, []string{"national insurance", "nat ins", "ni number", "ni no", "ni-number", "nino", "ni num"}},
	{cueSIN, []string{"sin", "social insurance", "nas", "assurance sociale", "assurance-sociale", "n.a.s"}},
}

// daPersonnummer: in Danish the CPR number is also called personnummer,
// which in Swedish and Norwegian names their own numbers.
var daPersonnummer = []string{"personnummer", "personnummeret", "personnr"}

// scanIDCues notes which cue families occur anywhere in the text, so that
// the windows around candidates are only searched when it can pay.
func (s *scan) scanIDCues() {
	s.idCues, s.idCued = 0, true
	for _, fw := range idCueWords {
		for _, w := range fw.words {
			if strings.Contains(s.low, w) {
				s.idCues |= fw.fam
				break
			}
		}
	}
	if s.lang == "da" {
		for _, w := range daPersonnummer {
			if strings.Contains(s.low, w) {
				s.idCues |= cueDK
			}
		}
	}
}

// Cue windows for national identifiers, in bytes.
const (
	idCueBefore = 48
	idCueAfter  = 24
)

// idCue reports whether a word of family fam ends within idCueBefore bytes
// before [a,b) or starts within idCueAfter bytes after it.
func (s *scan) idCue(a, b int, fam uint8) bool {
	if !s.idCued {
		s.scanIDCues()
	}
	if s.idCues&fam == 0 {
		return false
	}
	lo, hi := max(0, a-idCueBefore), min(len(s.low), b+idCueAfter)
	for _, fw := range idCueWords {
		if fw.fam != fam {
			continue
		}
		for _, w := range fw.words {
			if s.wordIn(lo, a, w) || s.wordIn(b, hi, w) {
				return true
			}
		}
	}
	if fam == cueDK && s.lang == "da" {
		for _, w := range daPersonnummer {
			if s.wordIn(lo, a, w) || s.wordIn(b, hi, w) {
				return true
			}
		}
	}
	return false
}

// anyIDCue reports a cue of any family around [a,b).
func (s *scan) anyIDCue(a, b int) bool {
	if !s.idCued {
		s.scanIDCues()
	}
	if s.idCues == 0 {
		return false
	}
	for f := cueDK; f <= cueSIN && f != 0; f <<= 1 {
		if s.idCues&f != 0 && s.idCue(a, b, f) {
			return true
		}
	}
	return false
}

// wordIn reports whether w occurs as a whole word inside s.low[lo:hi]. A
// byte of a multi-byte character counts as a letter.
func (s *scan) wordIn(lo, hi int, w string) bool {
	if lo < 0 || hi > len(s.low) || hi-lo < len(w) {
		return false
	}
	win := s.low[lo:hi]
	for off := 0; off+len(w) <= len(win); {
		k := strings.Index(win[off:], w)
		if k < 0 {
			return false
		}
		a, e := lo+off+k, lo+off+k+len(w)
		if (a == 0 || !wordByte(s.low[a-1])) && (e >= len(s.low) || !wordByte(s.low[e])) {
			return true
		}
		off += k + 1
	}
	return false
}

func wordByte(c byte) bool { return isAlnumASCII(c) || c >= 0x80 }

// findNINOs finds UK National Insurance numbers: "AB 12 34 56 C",
// "AB123456C". The letters and digits look like a part or booking code,
// so it takes the words that name it, or the spaced layout HMRC prints,
// which no reference number uses.
func (s *scan) findNINOs() {
	if s.ndig < 6 {
		return
	}
	t := s.text
	n := len(t)
	var id [9]byte
	for i := 0; i+9 <= n; i++ {
		if !isAlphaASCII(t[i]) || !isAlphaASCII(t[i+1]) || isAlnumRune(s.prevRune(i)) {
			continue
		}
		id[0], id[1] = upperASCII(t[i]), upperASCII(t[i+1])
		j := i + 2
		// Groups are split by spaces as HMRC prints them, or by dashes
		// or dots ("PZ-11-22-33-B") as forms and third-party suites
		// write them; one separator throughout.
		var sep byte
		if j < n && (t[j] == ' ' || t[j] == '-' || t[j] == '.') {
			sep = t[j]
			j++
		}
		spaced := sep != 0
		k := 2
		for pair := 0; pair < 3; pair++ {
			if pair > 0 && spaced {
				if j >= n || t[j] != sep {
					break
				}
				j++
			}
			if j+2 > n || !isDigit(t[j]) || !isDigit(t[j+1]) {
				break
			}
			id[k], id[k+1] = t[j], t[j+1]
			k += 2
			j += 2
		}
		if k != 8 {
			continue
		}
		if spaced && j < n && t[j] == sep {
			j++
		}
		if j >= n || !isAlphaASCII(t[j]) {
			continue
		}
		id[8] = upperASCII(t[j])
		j++
		if isAlnumRune(s.nextRune(j)) || !ValidNINO(string(id[:])) || s.overlapsTaken(i, j) {
			continue
		}
		upper := isUpper(t[i]) && isUpper(t[i+1]) && isUpper(t[j-1])
		cued := s.idCue(i, j, cueNINO)
		if !cued && !(sep == ' ' && upper && j-i == 13) {
			continue
		}
		conf := 0.7
		if cued {
			conf = 0.95
		}
		s.add(finding{entity: EntityGBNINO, s: i, e: j, conf: conf,
			why: "UK National Insurance number " + string(id[:2]) + "…" + string(id[8]) + ": prefix letters, six digits and suffix A-D in the allocated ranges"})
		i = j - 1
	}
}

// nationalIDs tries the digit-only identifiers of this file on one digit
// range d (layout l, bytes [a,b)); neg says a word names a reference number.
func (s *scan) nationalIDs(d string, l *layout, a, b int, neg bool, try func(candidate),
	mkc func(string, float64, string, bool, bool, bool) candidate) {
	nd := len(d)
	switch nd {
	case 10:
		// Danish CPR: DDMMYY-SSSS. Without the word it takes the
		// hyphenated layout, the old mod-11 check and a Danish (or
		// unknown-language) text: a date-shaped order number fails one
		// of them.
		if l.n == 1 || l.is(6, 4) && l.sepsIn("- ") {
			if ok, mod := ValidDKCPR(d); ok {
				cued := s.idCue(a, b, cueDK)
				dash := l.is(6, 4) && l.seps[1] == '-'
				if cued || mod && dash && !neg && (s.lang == "da" || s.li == 6) {
					conf, how := 0.9, "valid date and modulus-11 check"
					if !mod {
						conf, how = 0.85, "valid date next to the word CPR (no modulus 11 since 2007)"
					}
					try(mkc(EntityDKCPR, conf, "Danish CPR number "+mask(d)+": "+how, cued, s.lang == "da", dash))
				}
			}
		}
		// UK NHS number: ten digits, 3-3-4 like a North American phone,
		// so only next to "NHS".
		if (l.n == 1 || l.is(3, 3, 4)) && l.sepsIn(" -") && ValidNHS(d) && s.idCue(a, b, cueNHS) {
			try(mkc(EntityGBNHS, 0.9, "UK NHS number "+mask(d)+" next to the word NHS passes the modulus-11 check",
				true, s.li == 0, l.n > 1))
		}
	case 11:
		// Belgian national register number: YY.MM.DD-SSS.CC. Its own
		// layout, or the word, since 11 digits are also a Norwegian
		// fødselsnummer or a German tax ID.
		if (l.n == 1 || l.is(2, 2, 2, 3, 2) || l.is(6, 3, 2) || l.is(6, 5) || l.is(2, 2, 2, 5)) && l.sepsIn(" .-") &&
			ValidBENationalNumber(d) {
			cued := s.idCue(a, b, cueBE)
			shape := l.is(2, 2, 2, 3, 2) && l.sepsIn(".-") && l.seps[3] == '-' || l.is(6, 3, 2) && l.seps[1] == '-' && l.seps[2] == '.'
			if cued || shape && !neg {
				try(mkc(EntityBENN, 0.92, "Belgian national register number "+mask(d)+": key = 97 − (number mod 97)",
					cued, s.li == 1 || s.li == 2, shape))
			}
		}
	case 13:
		// Swiss AHV/AVS number: 756 then an EAN-13 check digit. The
		// prefix is the Swiss ISO code, not a GS1 barcode prefix.
		if d[:3] == "756" && (l.n == 1 || l.is(3, 4, 4, 2)) && l.sepsIn(". ") && ValidCHAHV(d) {
			cued := s.idCue(a, b, cueCH)
			if cued || !neg {
				conf := 0.95
				if l.n == 1 {
					conf = 0.85
				}
				try(mkc(EntityCHAHV, conf, "Swiss AHV/AVS number "+mask(d)+": prefix 756 and EAN-13 check digit",
					cued, s.li == 1 || s.li == 5, l.n > 1))
			}
		}
	case 9:
		// Canadian SIN: nine digits with Luhn pass one time in ten, so
		// only next to "SIN" or "social insurance".
		if (l.n == 1 || l.is(3, 3, 3)) && l.sepsIn(" -") && ValidSIN(d) && s.idCue(a, b, cueSIN) {
			try(mkc(EntityCASIN, 0.9, "Canadian Social Insurance Number "+mask(d)+" next to its name passes the Luhn check",
				true, s.li == 0 || s.li == 1, l.n > 1))
		}
	}
}
