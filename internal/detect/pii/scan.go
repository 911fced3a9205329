package pii

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/detect"
)

const (
	tkWord uint8 = iota + 1
	tkNum
	tkPunct
)

// token is a word, a number or one punctuation character of the original
// text; s and e are byte offsets into it.
type token struct {
	s, e  int
	kind  uint8
	upper bool  // first letter is upper case
	nd    int   // for numbers: how many digits (the rest is a letter suffix)
	flags wflag // for words: lexicon flags in the text's language
}

// scan is the per-call working state, pooled to keep Detect allocation-light.
type scan struct {
	text     string
	low      string // ASCII-folded copy: same length, same offsets
	lang     string
	li       int
	ndig     int
	hasAt    bool
	all      wflag // union of the flags of every word
	toks     []token
	taken    [][2]int
	finds    []finding
	cues     []cueHit
	parse    int   // phone parses left
	business bool  // the candidate being read is a freephone/service number
	fiction  bool  // the last valid phone is in a range kept for drama
	idCues   uint8 // cue families for national identifiers in the text
	idCued   bool  // idCues is computed (lazily: most texts never need it)
	hidden   uint8 // hiddenWorth: 0 not yet computed, 1 no hiding cue, 2 one
	buf      []byte
}

func (s *scan) init(in detect.Input) {
	s.text = in.Text
	s.low = ""
	s.hidden = 0
	s.lang = in.Lang
	s.li = langIndex(in.Lang)
	s.parse = maxPhoneParses
	nd := 0
	t := s.text
	for i := 0; i < len(t); i++ {
		nd += int(digitCount[t[i]]) // without a branch to mispredict
	}
	s.ndig, s.hasAt = nd, strings.IndexByte(t, '@') >= 0
}

// digitCount is 1 for the ASCII digits, 0 for every other byte.
var digitCount = func() (t [256]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] = 1
	}
	return t
}()

// fold builds the ASCII-folded copy of the text: same length, same
// offsets, so spans found in it hold for the original.
func (s *scan) fold() {
	t := s.text
	upper := false
	for i := 0; i < len(t); i++ {
		if isUpper(t[i]) {
			upper = true
			break
		}
	}
	s.low = t
	if !upper {
		return
	}
	b := s.buf[:0]
	for i := 0; i < len(t); i++ {
		c := t[i]
		if isUpper(c) {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	s.buf = b
	s.low = string(b)
}

func (s *scan) release() {
	s.text, s.low = "", ""
	s.toks = s.toks[:0]
	s.taken = s.taken[:0]
	s.finds = s.finds[:0]
	s.cues = s.cues[:0]
	s.all = 0
	s.idCues, s.idCued = 0, false
	if cap(s.buf) > 64<<10 {
		s.buf = nil
	}
	if cap(s.toks) > 16<<10 {
		s.toks = nil
	}
}

// worthScanning is the cheap gate. Almost every identifier has digits and
// an e-mail has '@'; a text with neither can still hold "she lives on Elm
// Road", a child's school or "name [at] domain [dot] fr", and each of those
// needs one of a few trigger words, looked for without building tokens.
func (s *scan) worthScanning() bool {
	if s.ndig > 0 || s.hasAt {
		return true
	}
	t := s.text
	n := len(t)
	var buf [24]byte
	var seen wflag
	nums := 0 // number words: four make a spelled-out number worth reading
	numMap := numWords[s.li]
	numF := &numFilterL[s.li]
	hit := func(f wflag) bool {
		seen |= f
		// A child, a school word and a verb of going to school only
		// matter together (any two of them).
		const school = fKin | fSchool | fSchoolGo
		return f&^school != 0 || bits(seen&school) >= 2
	}
	for i := 0; i < n; {
		c := t[i]
		if c < utf8.RuneSelf && !isAlphaASCII(c) {
			if (c == '[' || c == '(' || c == '{' || c == '<') && i+3 < n && t[i+1]|0x20 == 'a' && t[i+2]|0x20 == 't' && isClose(t[i+3]) {
				return true
			}
			i++
			continue
		}
		// One word: fold ASCII into buf while it fits.
		j, k := i, 0
		for j < n {
			c := t[j]
			if c < utf8.RuneSelf {
				if !isAlphaASCII(c) && !(c == '-' && j+1 < n && isAlphaASCII(t[j+1])) {
					break
				}
				if k < len(buf) {
					buf[k] = c | 0x20
					if c == '-' {
						buf[k] = c
					}
				}
				k++
				j++
				continue
			}
			r, size := utf8.DecodeRuneInString(t[j:])
			if r == utf8.RuneError || !unicode.IsLetter(r) {
				break
			}
			for m := 0; m < size; m++ {
				if k < len(buf) {
					buf[k] = t[j+m]
				}
				k++
			}
			j += size
		}
		if j == i { // a non-letter, non-ASCII rune
			_, size := utf8.DecodeRuneInString(t[i:])
			i += size
			continue
		}
		if k <= len(buf) && numF.maybe(buf[:k]) {
			if _, ok := numMap[string(buf[:k])]; ok {
				if nums++; nums >= 4 {
					return true
				}
			}
		}
		if k <= len(buf) && trigFilter.maybe(buf[:k]) {
			if f, ok := trigWords[string(buf[:k])]; ok && hit(f) {
				return true
			}
			if w := strings.ToLower(t[i:j]); w != string(buf[:k]) && trigFilter.maybeString(w) {
				if f, ok := trigWords[w]; ok && hit(f) {
					return true
				}
			}
		}
		i = j
	}
	if seen&(fKin|fSchoolGo) != 0 {
		// Compound school names: Ekbackeskolan, Goetheschule, Montessorischool.
		for _, stem := range [...]string{"skol", "school", "schul", "gymnas"} {
			if strings.Contains(t, stem) {
				return true
			}
		}
	}
	return false
}

// tokenize splits the text into words, numbers and punctuation, looking
// every word up in the lexicon. Invalid UTF-8 bytes are treated as spaces.
func (s *scan) tokenize() {
	t := s.text
	n := len(t)
	lex := lexByLang[s.li]
	for i := 0; i < n; {
		c := t[i]
		if c < utf8.RuneSelf {
			switch {
			case isAlphaASCII(c):
				i = s.word(i, lex)
				continue
			case isDigit(c):
				j := i
				for j < n && isDigit(t[j]) {
					j++
				}
				nd := j - i
				// A short letter suffix stays with the number: 221B,
				// 5a, 12bis, 1234AB.
				k := j
				for k < n && k-j < 4 && isAlphaASCII(t[k]) {
					k++
				}
				if k > j && k-j <= 3 && (k == n || !s.letterAt(k)) {
					j = k
				}
				s.toks = append(s.toks, token{s: i, e: j, kind: tkNum, nd: nd})
				i = j
				continue
			case c == ' ' || c == '\t' || c == '\n' || c == '\r':
				i++
				continue
			default:
				s.toks = append(s.toks, token{s: i, e: i + 1, kind: tkPunct})
				i++
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(t[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			i++
		case unicode.IsLetter(r):
			i = s.word(i, lex)
		case unicode.IsSpace(r):
			i += size
		default:
			s.toks = append(s.toks, token{s: i, e: i + size, kind: tkPunct})
			i += size
		}
	}
}

// letterAt reports whether a letter starts at byte i.
func (s *scan) letterAt(i int) bool {
	if i >= len(s.text) {
		return false
	}
	c := s.text[i]
	if c < utf8.RuneSelf {
		return isAlphaASCII(c)
	}
	r, _ := utf8.DecodeRuneInString(s.text[i:])
	return r != utf8.RuneError && unicode.IsLetter(r)
}

// word reads one word starting at i (letters, with inner hyphens) and
// returns the index after it.
func (s *scan) word(i int, lex map[string]wflag) int {
	t := s.text
	n := len(t)
	j := i
	high := false
	upper := false
	first := true
	for j < n {
		c := t[j]
		if c < utf8.RuneSelf {
			if isAlphaASCII(c) {
				if first {
					upper = isUpper(c)
				}
				first = false
				j++
				continue
			}
			if c == '-' && j+1 < n && !first && s.letterAt(j+1) {
				j++
				continue
			}
			break
		}
		r, size := utf8.DecodeRuneInString(t[j:])
		if r == utf8.RuneError || !unicode.IsLetter(r) {
			break
		}
		if first {
			upper = unicode.IsUpper(r)
		}
		first = false
		high = true
		j += size
	}
	tk := token{s: i, e: j, kind: tkWord, upper: upper}
	if j-i <= 32 {
		w := s.low[i:j]
		var f wflag
		ok := false
		hash := &lexHash[s.li]
		if lexFilter.maybeString(w) && hash.maybe(w) {
			f, ok = lex[w]
		}
		if !ok && high {
			if lw := strings.ToLower(w); lw != w && lexFilter.maybeString(lw) && hash.maybe(lw) {
				f = lex[lw]
			}
		}
		if f == 0 && j-i >= 7 {
			f = compoundNoun(w)
		}
		// Round 20: a workplace in the genitive ("Klinikens adress",
		// "klinikkens adresse", "Mottagningens…", "des Rathauses") is
		// the premises, not a person owning the address.
		if f == 0 && j-i >= 6 && s.li >= 2 && s.li <= 5 && w[len(w)-1] == 's' {
			if stem := w[:len(w)-1]; lex[stem]&fWorkplace != 0 || compoundNoun(stem) == fWorkplace {
				f = fWorkplace
			}
		}
		tk.flags = f
		s.all |= f
	}
	s.toks = append(s.toks, tk)
	return j
}

// tokenAt returns the index of the first token that ends after byte off.
func (s *scan) tokenAt(off int) int {
	return sort.Search(len(s.toks), func(i int) bool { return s.toks[i].e > off })
}

// ctxFlags returns the union of the word flags in a window around [a,b):
// up to `before` bytes and 6 tokens before, `after` bytes and 4 tokens after.
func (s *scan) ctxFlags(a, b, before, after int) wflag {
	var f wflag
	k := s.tokenAt(a)
	for i, n := k-1, 0; i >= 0 && n < 6 && a-s.toks[i].e <= before; i, n = i-1, n+1 {
		f |= s.toks[i].flags
	}
	for i, n := s.tokenAt(b-1)+1, 0; i < len(s.toks) && n < 4 && s.toks[i].s-b <= after; i, n = i+1, n+1 {
		if s.toks[i].s < b {
			continue
		}
		f |= s.toks[i].flags
	}
	return f
}

// overlapsTaken reports whether [a,b) overlaps something already claimed.
func (s *scan) overlapsTaken(a, b int) bool {
	for _, t := range s.taken {
		if a < t[1] && t[0] < b {
			return true
		}
	}
	return false
}

func (s *scan) add(f finding) {
	if f.s < 0 || f.e > len(s.text) || f.s >= f.e || s.overlapsTaken(f.s, f.e) {
		return
	}
	s.taken = append(s.taken, [2]int{f.s, f.e})
	s.finds = append(s.finds, f)
}

// markURLs claims links so that numbers and '@' inside them are not read
// as personal data.
func (s *scan) markURLs() {
	low := s.low
	if !strings.Contains(low, "://") && !strings.Contains(low, "www.") {
		return
	}
	for i := 0; i < len(low); {
		j := strings.Index(low[i:], "://")
		w := strings.Index(low[i:], "www.")
		var start int
		switch {
		case j < 0 && w < 0:
			return
		case j >= 0 && (w < 0 || j < w):
			start = i + j
			for start > i && isAlphaASCII(low[start-1]) {
				start--
			}
		default:
			start = i + w
		}
		end := start
		for end < len(low) && low[end] > ' ' {
			end++
		}
		if end <= start {
			end = start + 1
		}
		s.taken = append(s.taken, [2]int{start, end})
		i = end
	}
}

func bits(f wflag) int {
	n := 0
	for ; f != 0; f &= f - 1 {
		n++
	}
	return n
}
