// Package normalize owns the preparation of a raw comment for matching: it
// undoes the usual tricks used to slip abuse past filters and keeps, for
// every byte of the normalised text, the byte range of the original it came
// from, so detectors can report spans in the text as it was written.
//
// What Text does, in order:
//
//   - Unicode NFKC, full case folding and removal of diacritics, from a table
//     generated offline with golang.org/x/text (tables.go, gen_tables.go):
//     fullwidth letters, mathematical alphanumerics, circled and "emoji
//     letters", ligatures and small capitals become plain letters. å, ä, ö,
//     ü, ø and æ are kept: they are letters of their own in Swedish,
//     Norwegian and German ("høre" is not "hore"). Combining marks are
//     dropped (zalgo text), except a diaeresis or ring that composes å ä ö ü.
//   - Zero-width and format characters, variation selectors, skin-tone
//     modifiers and emoji joiners are removed.
//   - Cyrillic and Greek look-alikes (confusables.go) are mapped to Latin
//     inside a word that mixes them with Latin letters, or whose letters are
//     all look-alikes; genuine Cyrillic or Greek words are left alone.
//   - Leetspeak (0→o 1→i 3→e 4→a 5→s 7→t 8→b 9→g @→a $→s €→e !→i |→l) only
//     inside words that mix letters with digits or those symbols; plain
//     numbers stay numbers.
//   - Single letters separated by spaces or punctuation ("i d i o t",
//     "i.d.i.o.t", "i-d-i-o-t", "i_d_i_o_t"), three or more in a row, are
//     joined into one word. Inside a joined word any position may start or
//     end a match (see Joined), because the joined run can swallow a real
//     one-letter word ("a f u c k"). A capital after small letters starts
//     a new word when every piece keeps two letters ("D r M a r t i n" →
//     "dr martin"), so spaced-out names still read as names.
//   - Letters repeated three times or more are collapsed to one
//     ("stuuuupid" → "stupid"); Double returns the variant collapsed to two
//     ("idiooooot" → "idioot"), since double letters are legitimate in
//     Dutch, German and the Scandinavian languages.
//   - Apostrophes, hyphens and underscores become spaces (French elision
//     "l'idiot" → "l idiot", "brain-dead" → "brain dead"; Inner keeps where
//     a lone hyphen, dot or slash stood inside a word); runs of white
//     space become one space; invalid UTF-8 bytes and control characters
//     become spaces. Typographic quotes become '"'.
//   - Emoji are kept as they are, as tokens of their own (they are not word
//     characters): the lexicons give meaning to the few that carry it
//     (🖕, 🔪, 🔫), which keeps that decision in curated data rather than here.
package normalize

import (
	"sort"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/detect"
)

//go:generate go run gen_tables.go

// Normalized is a comment prepared for matching, with the map back to the
// original. It is immutable and safe for concurrent use (one of a Buffer:
// until the Buffer normalises another text).
type Normalized struct {
	orig   string
	text   string
	src    []origin // for each byte of text, the original byte range it came from
	joined []int32  // [start, end) pairs in text of words joined from spaced letters
	inner  []int32  // positions in text of one hyphen, dot... between two letters (Inner)
	double *Normalized
}

// Text normalises s. It never panics, whatever the input.
func Text(s string) *Normalized {
	return new(Buffer).Text(s)
}

// Key normalises a lexicon term the way Text normalises a comment, minus the
// evasion repairs (leetspeak, joining, look-alikes, stretching), which would
// only damage a term spelled correctly: "idioot" must keep its double o and
// "1488" its digits.
func Key(s string) string {
	b := keyPool.Get().(*Buffer)
	defer keyPool.Put(b)
	return run(s, opts{}, b).text
}

// keyPool recycles Key's buffers: only the text of a key is kept.
var keyPool = sync.Pool{New: func() any { return new(Buffer) }}

// String returns the normalised text.
func (n *Normalized) String() string { return n.text }

// Original returns the text as received.
func (n *Normalized) Original() string { return n.orig }

// Len is the length in bytes of the normalised text.
func (n *Normalized) Len() int { return len(n.text) }

// Span maps the half-open byte range [start, end) of the normalised text to
// the smallest range of the original that produced it. Out-of-range values
// are clamped; the result is always inside [0, len(original)] and on rune
// boundaries of the original.
func (n *Normalized) Span(start, end int) detect.Span {
	l := len(n.text)
	start = min(max(start, 0), l)
	end = min(max(end, start), l)
	if start == end {
		if start == l {
			return detect.Span{len(n.orig), len(n.orig)}
		}
		p := int(n.src[start].lo)
		return detect.Span{p, p}
	}
	return detect.Span{int(n.src[start].lo), int(n.src[end-1].hi)}
}

// Joined reports whether byte position i of the normalised text lies
// strictly inside a word joined from spaced-out letters, where a lexicon may
// start or end a match although there is no word boundary.
func (n *Normalized) Joined(i int) bool {
	for k := 0; k+1 < len(n.joined); k += 2 {
		if int(n.joined[k]) < i && i < int(n.joined[k+1]) {
			return true
		}
	}
	return false
}

// HasJoined reports whether the text has a word joined from spaced-out
// letters (see Joined).
func (n *Normalized) HasJoined() bool { return len(n.joined) > 0 }

// Inner returns the byte positions of the normalised text (in order) where
// one hyphen, dash, underscore, dot or slash stood alone between two word
// characters of the original, with no space around it ("h-vete",
// "s.bba", "e-post"). The hyphen and the underscore read as a space in the
// text, so without this a word masked with one ("s-bba" for "subba")
// could not be told from two words. Apostrophes are not listed: they mark
// elision and contraction ("l'idiot", "can't").
func (n *Normalized) Inner() []int32 { return n.inner }

// Double returns the variant of the text in which letters repeated three
// times or more are collapsed to two instead of one, or nil when the text
// has no such run.
func (n *Normalized) Double() *Normalized { return n.double }

// IsWordRune reports whether r counts as part of a word in normalised text.
func IsWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// Unit classes.
const (
	cLetter uint16 = 1 << iota
	cLatin         // a Latin letter or an ASCII digit
	cDigit
	cSym   // $ @ € ! |: a leetspeak candidate that is not a letter or digit
	cSpace // white space, control, invalid byte: emitted as one space
	cSep   // may separate spaced-out letters
	cBlank // apostrophe, hyphen, underscore: emitted as a space
	cConf  // a Cyrillic or Greek look-alike of a Latin letter
	cWord  // set during tokenisation: part of a word
	cGone  // set during tokenisation: a separator swallowed by a joined word
	cUpper // the original letter was a capital
	cPict  // an emoji or pictograph: separates spaced-out letters only when the gap is nothing else ("h💩o💩r💩a")
)

// unit is one rune of output with the original range it came from. A rune
// of the original that folds to several ("ß" → "ss") gives several units
// with the same range.
// origin is the original byte range [lo, hi) one byte of the normalised
// text came from. One slice of pairs rather than two slices: emitting a
// byte appends once, not twice.
type origin struct{ lo, hi int32 }

type unit struct {
	lo, hi int32
	r      rune   // folded rune
	alt    rune   // leetspeak or look-alike replacement, 0 if none
	cls    uint16 // cLetter | ...
}

type opts struct {
	leet, join, conf, stretch bool
}

type scratch struct {
	units []unit
	toks  []tok
	out   []byte // the text being emitted; Normalized keeps a copy
}

type tok struct {
	a, b   int // unit range [a, b)
	joined bool
	// plain: no unit of the word has a replacement (alt), so emitWord
	// has none to choose.
	plain bool
}

var pool = sync.Pool{New: func() any { return new(scratch) }}

// asciiClass and asciiAlt classify the ASCII range once.
var asciiClass [128]uint16

// asciiUnit is the unit of each ASCII byte, but for its range: units
// builds one per byte of every comment.
var asciiUnit [128]unit
var asciiAlt = [128]rune{
	'0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g',
	'$': 's', '@': 'a', '!': 'i', '|': 'l',
}

func init() {
	for c := 0; c < 128; c++ {
		var k uint16
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
			k = cLetter | cLatin
		case '0' <= c && c <= '9':
			k = cDigit | cLatin
		case c == ' ' || c < 0x20 || c == 0x7F:
			k = cSpace | cSep
		case c == '\'' || c == '`' || c == '-' || c == '_':
			k = cBlank | cSep
		case c == '.' || c == ',' || c == '*' || c == '/' || c == '\\' || c == '~' || c == '+' || c == ':' || c == ';' || c == '=':
			k = cSep
		case c == '$' || c == '@' || c == '!' || c == '|':
			k = cSym
		}
		asciiClass[c] = k
	}
	for c := range asciiUnit {
		r := rune(c)
		up := 'A' <= r && r <= 'Z'
		if up {
			r += 'a' - 'A'
		}
		u := unit{r: r, cls: asciiClass[c], alt: asciiAlt[c]}
		if up {
			u.cls |= cUpper
		}
		if u.cls&cSpace != 0 || u.cls&cBlank != 0 {
			u.r = ' '
		}
		asciiUnit[c] = u
	}
}

func run(s string, o opts, b *Buffer) *Normalized {
	sc := pool.Get().(*scratch)
	defer pool.Put(sc)
	us := units(s, sc.units[:0])
	sc.units = us
	toks := tokens(us, sc.toks[:0], o)
	sc.toks = toks
	n := &b.n
	n.reset(s)
	stretched := emit(n, us, toks, o, 1, sc)
	if stretched && o.stretch {
		d := &b.d
		d.reset(s)
		emit(d, us, toks, o, 2, sc)
		n.double = d
	}
	return n
}

// Buffer holds a normalised text (with its Double) for reuse, so that
// normalising comment after comment does not allocate its offset maps
// anew each time. The zero value is ready to use; a Buffer is not safe for
// concurrent use.
type Buffer struct {
	n, d Normalized
}

// Text normalises s like the function Text, into b. The result and its
// Double are b's own: the next call of b.Text overwrites them, so neither
// may be used after it. The strings they return (String, Original) are
// never overwritten.
func (b *Buffer) Text(s string) *Normalized {
	return run(s, opts{leet: true, join: true, conf: true, stretch: true}, b)
}

// reset empties n for a new text, keeping the storage of its slices.
func (n *Normalized) reset(orig string) {
	*n = Normalized{orig: orig, src: n.src[:0], joined: n.joined[:0], inner: n.inner[:0]}
}

// units decodes s into folded units.
func units(s string, us []unit) []unit {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			u := asciiUnit[c]
			u.lo, u.hi = int32(i), int32(i+1)
			us = append(us, u)
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		lo, hi := int32(i), int32(i+w)
		i += w
		if r == utf8.RuneError && w == 1 {
			us = append(us, unit{lo: lo, hi: hi, r: ' ', cls: cSpace | cSep})
			continue
		}
		if ignorable(r) {
			continue
		}
		var conf rune
		if c, ok := confusable(r); ok {
			conf = c
		}
		if k := sort.Search(len(foldFrom), func(j int) bool { return foldFrom[j] >= r }); k < len(foldFrom) && foldFrom[k] == r {
			first := len(us)
			for _, m := range foldTo[k] {
				us = append(us, classify(m, lo, hi))
			}
			if unicode.IsUpper(r) && len(us) > first {
				us[first].cls |= cUpper
			}
			if conf == 0 && len(us) == first+1 {
				// Accented Greek and Cyrillic: the look-alike is of the folded letter.
				conf, _ = confusable(us[first].r)
			}
			if conf != 0 && len(us) == first+1 {
				us[first].alt = conf
				us[first].cls |= cConf
			}
			continue
		}
		if unicode.In(r, unicode.Mn, unicode.Me) {
			// A combining mark belongs to the letter before it: widen that
			// letter's range, compose the few marks we keep, drop the rest.
			if k := len(us) - 1; k >= 0 && us[k].cls&cLetter != 0 && us[k].hi <= lo {
				us[k].hi = hi
				us[k].r = compose(us[k].r, r)
			}
			continue
		}
		u := classify(unicode.ToLower(r), lo, hi)
		if unicode.IsUpper(r) {
			u.cls |= cUpper
		}
		if conf != 0 {
			u.alt = conf
			u.cls |= cConf
		}
		us = append(us, u)
	}
	return us
}

func compose(base, mark rune) rune {
	switch {
	case mark == 0x0308 && base == 'a':
		return 'ä'
	case mark == 0x0308 && base == 'o':
		return 'ö'
	case mark == 0x0308 && base == 'u':
		return 'ü'
	case mark == 0x030A && base == 'a':
		return 'å'
	}
	return base
}

// classify builds the unit for an already folded, non-ASCII-or-table rune.
func classify(r rune, lo, hi int32) unit {
	u := unit{lo: lo, hi: hi, r: r}
	if r < utf8.RuneSelf {
		u.cls, u.alt = asciiClass[r], asciiAlt[r]
		if u.cls&(cSpace|cBlank) != 0 {
			u.r = ' '
		}
		return u
	}
	switch r {
	case '’', '‘', '‛', 'ʼ', '′', '´', 'ʻ', 'ʹ':
		u.r, u.cls = ' ', cBlank|cSep
		return u
	case '“', '”', '„', '‟', '«', '»', '″', '〝', '〞', '‹', '›':
		u.r = '"'
		return u
	case '‐', '‑', '‒', '–', '—', '―', '−', '⁃', '﹣':
		u.r, u.cls = ' ', cBlank|cSep
		return u
	case '·', '•', '∙', '⋅', '‧', '・':
		u.cls = cSep
		return u
	case '€':
		u.cls, u.alt = cSym, 'e'
		return u
	}
	switch {
	case unicode.IsLetter(r):
		u.cls = cLetter
		if unicode.Is(unicode.Latin, r) {
			u.cls |= cLatin
		}
	case unicode.IsDigit(r):
		u.cls = cDigit
	case unicode.IsSpace(r) || unicode.IsControl(r):
		u.r, u.cls = ' ', cSpace|cSep
	case unicode.Is(unicode.So, r):
		u.cls = cPict
	}
	return u
}

// ignorable reports runes removed outright: zero-width characters, format
// and bidi controls, variation selectors, emoji modifiers and tags.
func ignorable(r rune) bool {
	switch {
	case r == 0x00AD, r == 0x034F, r == 0x061C, r == 0x115F, r == 0x1160, r == 0x17B4, r == 0x17B5,
		r == 0x180E, r == 0x3164, r == 0xFEFF, r == 0xFFA0:
		return true
	case 0x200B <= r && r <= 0x200F, 0x202A <= r && r <= 0x202E, 0x2060 <= r && r <= 0x206F:
		return true
	case 0xFE00 <= r && r <= 0xFE0F, 0xE0100 <= r && r <= 0xE01EF: // variation selectors
		return true
	case 0x1F3FB <= r && r <= 0x1F3FF: // skin tones
		return true
	case 0xE0000 <= r && r <= 0xE007F: // tags
		return true
	}
	return false
}

// tokens finds words (maximal runs of word units) and joins spaced-out
// single letters.
func tokens(us []unit, toks []tok, o opts) []tok {
	// Mark word units. Letters and digits always are; a leetspeak symbol
	// only between word characters, or $ and € before a letter ("$hit"),
	// so that "idiot!" and "@name" keep their punctuation.
	isW := func(k int) bool { return k >= 0 && k < len(us) && us[k].cls&(cLetter|cDigit) != 0 }
	// Words are gathered in the same pass: whether a unit is a word unit
	// depends only on the units before it, already marked, and the raw
	// classes of those after it.
	start := -1   // the first unit of the word being read, or -1
	var alts rune // the word's units' alt, or'ed: 0 when none has one
	for k := range us {
		c := us[k].cls
		switch {
		case c&(cLetter|cDigit) != 0:
			us[k].cls |= cWord
		case c&cSym != 0 && o.leet:
			next := isW(k+1) || (k+1 < len(us) && us[k+1].cls&cSym != 0 && isW(k+2))
			prev := k > 0 && us[k-1].cls&cWord != 0
			if next && (prev || us[k].r == '$' || us[k].r == '€') {
				us[k].cls |= cWord
			} else if prev && !next && (us[k].r == '@' || us[k].r == '€' || us[k].r == '$' && letterRun(us, k) >= 3) && letterRun(us, k) >= 2 {
				// "hor@", "put€", "vou$": a letter written as a symbol at
				// the end of a word. '!' stays punctuation there
				// ("idiot!"), and so do "US$" and "5€".
				us[k].cls |= cWord
			} else if next && !prev && (us[k].r == '@' || us[k].r == '!') && leetAhead(us, k) {
				// "@r@b€s", "!d!ot": a word that starts with a symbol and
				// has more of them is leetspeak, not a handle ("@anna").
				us[k].cls |= cWord
			}
		}
		if us[k].cls&cWord != 0 {
			if start < 0 {
				start, alts = k, 0
			}
			alts |= us[k].alt
		} else if start >= 0 {
			toks = append(toks, tok{a: start, b: k, plain: alts == 0})
			start = -1
		}
	}
	if start >= 0 {
		toks = append(toks, tok{a: start, b: len(us), plain: alts == 0})
	}
	if !o.join {
		return toks
	}
	out := toks[:0]
	for t := 0; t < len(toks); {
		if toks[t].b-toks[t].a != 1 {
			out = append(out, toks[t])
			t++
			continue
		}
		e := t
		for e+1 < len(toks) && toks[e+1].b-toks[e+1].a == 1 && sepGap(us, toks[e].b, toks[e+1].a) {
			e++
		}
		if e-t+1 >= 3 {
			// A capital after small letters starts a new word, when every
			// piece keeps two letters or more: "D r M a r t i n" is
			// "dr martin", while "f U c K" stays one word.
			cuts := gapCuts(toks[t : e+1])
			if cuts == nil {
				cuts = spaceCuts(us, toks[t:e+1])
			}
			if cuts == nil {
				cuts = caseCuts(us, toks[t:e+1])
			}
			from := t
			for _, c := range append(cuts, e+1-t) {
				to := t + c - 1 // last token of this piece
				for k := toks[from].b; k < toks[to].a; k++ {
					if us[k].cls&cWord == 0 {
						us[k].cls |= cGone
					}
				}
				out = append(out, tok{a: toks[from].a, b: toks[to].b, joined: true})
				if to < e {
					// Between pieces: the separators become one space.
					first := true
					for k := toks[to].b; k < toks[to+1].a; k++ {
						if first {
							us[k].r, us[k].cls = ' ', cSpace|cSep
							first = false
						} else {
							us[k].cls |= cGone
						}
					}
				}
				from = to + 1
			}
		} else {
			out = append(out, toks[t:e+1]...)
		}
		t = e + 1
	}
	return out
}

// gapCuts returns where a run of spaced-out single letters splits into
// words by wider gaps: "d u  e r  e n  i d i o t" is "du er en idiot".
// Nil when every gap is as wide as the narrowest.
func gapCuts(run []tok) []int {
	narrow, wide := 1<<30, 0
	for k := 1; k < len(run); k++ {
		g := run[k].a - run[k-1].b
		narrow, wide = min(narrow, g), max(wide, g)
	}
	if wide == narrow {
		return nil
	}
	var cuts []int
	for k := 1; k < len(run); k++ {
		if run[k].a-run[k-1].b > narrow {
			cuts = append(cuts, k)
		}
	}
	return cuts
}

// spaceCuts returns where a run of single letters joined by punctuation
// splits into words at plain spaces: "h-ä-n-g d-i-g" is "häng dig",
// "j/ä/v/l/a s/u/b/b/a" is "jävla subba". Nil unless some gaps have a
// space and the others none.
func spaceCuts(us []unit, run []tok) []int {
	var cuts []int
	tight := 0
	for k := 1; k < len(run); k++ {
		space := false
		for u := run[k-1].b; u < run[k].a; u++ {
			if us[u].cls&cSpace != 0 {
				space = true
			}
		}
		if space {
			cuts = append(cuts, k)
		} else {
			tight++
		}
	}
	if len(cuts) == 0 || tight == 0 {
		return nil
	}
	return cuts
}

// caseCuts returns where a run of spaced-out single letters splits into
// words: before each capital that follows a small letter, provided every
// piece has at least two letters; nil when it does not split.
func caseCuts(us []unit, run []tok) []int {
	var cuts []int
	last := 0
	for k := 1; k < len(run); k++ {
		cur, prev := us[run[k].a].cls, us[run[k-1].a].cls
		if cur&cUpper != 0 && prev&cUpper == 0 && prev&cLetter != 0 {
			if k-last < 2 {
				return nil
			}
			cuts = append(cuts, k)
			last = k
		}
	}
	if len(cuts) > 0 && len(run)-last < 2 {
		return nil
	}
	return cuts
}

// sepGap reports whether units [a, b) are a short run of separators, or
// emoji alone with no space or punctuation ("f🔥i🔥t🔥t🔥a").
func sepGap(us []unit, a, b int) bool {
	if b-a < 1 || b-a > 3 {
		return false
	}
	pict, masks := 0, 0
	for k := a; k < b; k++ {
		switch {
		case us[k].cls&cPict != 0:
			pict++
		case us[k].cls&cSep == 0:
			return false
		}
		if us[k].r == '*' || us[k].r == '#' {
			masks++
		}
	}
	if masks >= 2 && masks == b-a {
		// Two masks or more stand for hidden letters, not a space:
		// "c**t" in "f*****g c**t" is a word, not "c" and "t" spaced out.
		return false
	}
	return pict == 0 || pict == b-a
}

// emit writes the normalised text into n; collapse is what runs of three or
// more equal letters become (1 or 2). It reports whether there was such a run.
func emit(n *Normalized, us []unit, toks []tok, o opts, collapse int, sc *scratch) bool {
	src := n.src[:0]
	if c := len(n.orig) + 8; cap(src) < c {
		src = make([]origin, 0, c)
	}
	wr := &writer{out: sc.out[:0], src: src}
	stretched := false
	t := 0
	for k := 0; k < len(us); {
		if t < len(toks) && k == toks[t].a {
			tk := toks[t]
			t++
			start := len(wr.out)
			stretched = emitWord(us[tk.a:tk.b], tk.plain, o, collapse, wr) || stretched
			if tk.joined {
				n.joined = append(n.joined, int32(start), int32(len(wr.out)))
			}
			k = tk.b
			continue
		}
		u := &us[k]
		k++
		if u.cls&cGone != 0 {
			continue
		}
		if u.r == ' ' {
			if len(wr.out) == 0 || wr.out[len(wr.out)-1] == ' ' {
				continue
			}
		}
		// (A plain space, between most words, is no inner punctuation.)
		if n.orig[u.lo] != ' ' && t > 0 && toks[t-1].b == k-1 && t < len(toks) && toks[t].a == k && innerPunct(n.orig[u.lo:u.hi]) {
			n.inner = append(n.inner, int32(len(wr.out)))
		}
		if u.r < utf8.RuneSelf {
			wr.putByte(byte(u.r), u.lo, u.hi)
		} else {
			wr.put(u.r, u.lo, u.hi)
		}
	}
	// Drop one trailing space: it carries no meaning.
	if l := len(wr.out); l > 0 && wr.out[l-1] == ' ' {
		wr.out = wr.out[:l-1]
		wr.src = wr.src[:l-1]
	}
	// A copy: the scratch bytes are reused, and strings taken from the
	// text may outlive any Buffer.
	n.text = string(wr.out)
	sc.out = wr.out
	n.src = wr.src
	return stretched
}

// innerPunct reports whether s (one rune of the original) may stand for
// masked letters between two pieces of a word (see Inner).
func innerPunct(s string) bool {
	switch s {
	case "-", "_", ".", "/", "‐", "‑", "‒", "–", "—", "―", "−", "⁃", "﹣":
		return true
	}
	return false
}

// writer accumulates the normalised text and its offset map.
type writer struct {
	out []byte
	src []origin
}

// put writes r from the original range [lo, hi), one origin per byte.
func (w *writer) put(r rune, lo, hi int32) {
	if r < utf8.RuneSelf {
		w.putByte(byte(r), lo, hi)
		return
	}
	before := len(w.out)
	w.out = utf8.AppendRune(w.out, r)
	for range len(w.out) - before {
		w.src = append(w.src, origin{lo, hi})
	}
}

// putByte is put for ASCII, small enough to inline where a word is
// copied: it runs for nearly every byte of every comment.
func (w *writer) putByte(c byte, lo, hi int32) {
	w.out = append(w.out, c)
	w.src = append(w.src, origin{lo, hi})
}

// emitWord writes one word, choosing leetspeak and look-alike replacements
// for the word as a whole (unless plain: none of its units has one) and
// collapsing stretched letters.
func emitWord(w []unit, plain bool, o opts, collapse int, wr *writer) bool {
	if !plain {
		substitute(w, o)
	}
	stretched := false
	for k := 0; k < len(w); {
		u := &w[k]
		if u.cls&cGone != 0 {
			k++
			continue
		}
		if next := k + 1; next == len(w) || w[next].r != u.r && w[next].cls&cGone == 0 {
			// The common case: a rune unlike the next, written as is.
			if u.r < utf8.RuneSelf {
				wr.putByte(byte(u.r), u.lo, u.hi)
			} else {
				wr.put(u.r, u.lo, u.hi)
			}
			k = next
			continue
		}
		// Extend over equal runes, skipping swallowed separators.
		last, cnt := k, 1
		for j := k + 1; j < len(w); j++ {
			if w[j].cls&cGone != 0 {
				continue
			}
			if w[j].r != u.r {
				break
			}
			last, cnt = j, cnt+1
		}
		if cnt >= 3 && o.stretch && IsWordRune(u.r) && !('0' <= u.r && u.r <= '9') {
			stretched = true
			for range collapse {
				wr.put(u.r, u.lo, w[last].hi)
			}
		} else {
			for m := k; m <= last; m++ {
				switch v := &w[m]; {
				case v.cls&cGone != 0:
				case v.r < utf8.RuneSelf:
					wr.putByte(byte(v.r), v.lo, v.hi)
				default:
					wr.put(v.r, v.lo, v.hi)
				}
			}
		}
		k = last + 1
	}
	return stretched
}

// substitute replaces, in place, the leetspeak and look-alike letters of
// the word w when the word as a whole reads as written with them.
func substitute(w []unit, o opts) {
	var letters, latin, conf, sym, other int
	for k := range w {
		u := &w[k] // not a copy: this loop runs for every letter of a text
		if u.cls&cGone != 0 {
			continue
		}
		switch {
		case u.cls&cConf != 0:
			conf++
			letters++
		case u.cls&cLetter != 0:
			letters++
			if u.cls&cLatin != 0 {
				latin++
			} else {
				other++
			}
		}
		if u.alt != 0 && u.cls&(cDigit|cSym) != 0 {
			sym++
		}
	}
	useConf := o.conf && conf > 0 && (latin > 0 || other == 0)
	useLeet := o.leet && sym > 0 && letters > 0
	if useConf || useLeet {
		// Replace in place (the units are scratch); runs are then counted
		// on the replaced runes, and a second emit finds them replaced.
		for k := range w {
			u := &w[k]
			if u.alt != 0 && ((useLeet && u.cls&(cDigit|cSym) != 0) || (useConf && u.cls&cConf != 0)) {
				u.r = u.alt
				if u.cls&cDigit != 0 || u.cls&cSym != 0 {
					u.cls = u.cls&^(cDigit|cSym) | cLetter | cLatin
				}
			}
		}
	}
}

// Replace returns a variant of n in which the byte ranges at[i] of the
// normalised text (sorted, not overlapping) read with[i] instead; every byte
// of a replacement maps to the original range of what it replaces, so spans
// still point into the original. The lexicon uses it to read masked letters
// ("enc*lé", "f**k") as the word they hide. The variant has no Double.
func (n *Normalized) Replace(at [][2]int, with []string) *Normalized {
	v := &Normalized{orig: n.orig}
	// Sized for every replacement, so that nothing grows on the way.
	size := len(n.text)
	for _, w := range with {
		size += len(w)
	}
	b := make([]byte, 0, size)
	src := make([]origin, 0, size)
	p := 0
	for i, r := range at {
		s, t := r[0], r[1]
		if s < p || t < s || t > len(n.text) {
			continue
		}
		b = append(b, n.text[p:s]...)
		src = append(src, n.src[p:s]...)
		var o origin
		if t > s {
			o = origin{n.src[s].lo, n.src[t-1].hi}
		} else if s < len(n.src) {
			o = origin{n.src[s].lo, n.src[s].lo}
		}
		b = append(b, with[i]...)
		for range len(with[i]) {
			src = append(src, o)
		}
		p = t
	}
	b = append(b, n.text[p:]...)
	src = append(src, n.src[p:]...)
	v.text, v.src = string(b), src
	// Joined words keep their place, moved by the replacements before them.
	for k := 0; k+1 < len(n.joined); k += 2 {
		a, z := int(n.joined[k]), int(n.joined[k+1])
		da, dz := 0, 0
		for i, r := range at {
			if r[1] <= a {
				da += len(with[i]) - (r[1] - r[0])
			}
			if r[1] <= z {
				dz += len(with[i]) - (r[1] - r[0])
			}
		}
		v.joined = append(v.joined, int32(a+da), int32(z+dz))
	}
	// So do inner punctuation marks, except those inside a replacement.
	for _, p := range n.inner {
		d, keep := 0, true
		for i, r := range at {
			if r[0] <= int(p) && int(p) < r[1] {
				keep = false
			}
			if r[1] <= int(p) {
				d += len(with[i]) - (r[1] - r[0])
			}
		}
		if keep {
			v.inner = append(v.inner, p+int32(d))
		}
	}
	return v
}

// letterRun counts the letters in the word right before unit k (symbols
// already read as letters do not end it).
func letterRun(us []unit, k int) int {
	n := 0
	for i := k - 1; i >= 0 && us[i].cls&(cLetter|cWord) != 0; i-- {
		if us[i].cls&cLetter != 0 {
			n++
		}
	}
	return n
}

// leetAhead reports whether the word after unit k has two letters or more
// and another leetspeak symbol between them.
func leetAhead(us []unit, k int) bool {
	letters, syms := 0, 0
	for i := k + 1; i < len(us) && us[i].cls&(cLetter|cDigit|cSym) != 0; i++ {
		switch {
		case us[i].cls&cLetter != 0:
			letters++
		case us[i].cls&cSym != 0 && i+1 < len(us) && us[i+1].cls&cLetter != 0:
			syms++
		}
	}
	return letters >= 2 && syms >= 1
}
