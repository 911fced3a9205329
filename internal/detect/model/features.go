package model

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// This file is the single preprocessing path shared by training and
// inference: the trainer (cmd/stormwatch-train, through Train and
// Extractor) and the detector call exactly these functions, so a text is
// turned into the same hashed features in both places. Any change here
// changes the meaning of the weights: bump FeatureVersion and run
// `make model`.

// FeatureVersion names the preprocessing and hashing scheme. It is stored
// in the weights file; New refuses weights built with another scheme.
// 2: negated word features (negation.go).
const FeatureVersion = 2

// Feature namespaces: each kind of feature hashes from its own seed, so a
// word unigram never shares a bucket by construction with a character
// n-gram of the same letters.
const (
	nsChar   uint64 = 0x9e3779b97f4a7c15
	nsWord   uint64 = 0xc2b2ae3d27d4eb4f
	nsBigram uint64 = 0x165667b19e3779f9
)

const (
	fnvOffset uint64 = 14695981039346656037
	fnvPrime  uint64 = 1099511628211
	// maxTokenRunes caps the runes of one token used for character
	// n-grams (a 5,000-letter "word" is noise, not signal).
	maxTokenRunes = 40
	// maxTokens caps the tokens of one text that are featurised, which
	// bounds time and memory on pathological input. 4,096 tokens is far
	// beyond any comment.
	maxTokens = 4096
)

// Config is the feature configuration stored with the weights.
type Config struct {
	Bits uint8 // log2 of the number of hash buckets
	MinN uint8 // shortest character n-gram
	MaxN uint8 // longest character n-gram
}

// DefaultConfig is what the trainer uses.
var DefaultConfig = Config{Bits: 18, MinN: 2, MaxN: 5}

// token is one word of the original text after normalisation.
type token struct {
	start, end int32 // byte range in the original text
	r0, r1     int32 // normalised runes in extractor.runes
	f0, f1     int32 // folded variant in extractor.runes; f0 == f1 when identical
	wordHash   uint64
}

// feat is one hashed feature occurrence.
type feat struct {
	idx uint32 // bucket
	// neg is the sign of signed hashing as a mask: -1 when the feature
	// counts -1, else 0, so scoring applies it without a branch
	// ((w ^ neg) - neg), the sign being a coin flip the CPU cannot predict.
	neg  int32
	tok  int32 // token the feature belongs to
	tok2 int32 // second token of a bigram, else -1
}

// Extractor turns text into hashed features. It keeps its buffers between
// calls, so it is not safe for concurrent use: the detector keeps them in a
// sync.Pool, the trainer uses one per goroutine.
type Extractor struct {
	cfg   Config
	mask  uint64
	toks  []token
	runes []rune
	tmp   []byte
	tmpR  []rune
	feats []feat
}

// NewExtractor returns an extractor for cfg.
func NewExtractor(cfg Config) *Extractor {
	return &Extractor{
		cfg:   cfg,
		mask:  1<<cfg.Bits - 1,
		toks:  make([]token, 0, 64),
		runes: make([]rune, 0, 512),
		feats: make([]feat, 0, 1024),
	}
}

// isWordRune reports runes that belong inside a word: letters, digits,
// combining marks, and the symbols used for leetspeak and masking.
func isWordRune(r rune) bool {
	if uint32(r) < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// asciiWord is isWordRune for ASCII, as a table: the tokenizer asks it of
// every byte.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '@' || c == '$' || c == '*' || c == '|'
	}
	return t
}()

// isSymbolToken reports runes that stand as a token of their own: emoji and
// other pictographic symbols (🖕, 🐷), which carry meaning in abuse.
func isSymbolToken(r rune) bool {
	return r >= utf8.RuneSelf && (unicode.Is(unicode.So, r) || unicode.Is(unicode.Sk, r) && r >= 0x1F3FB && r <= 0x1F3FF)
}

func isAlnumASCII(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// tokenize splits text into tokens, normalising each. What is dropped, at
// training and at inference alike:
//
//   - @-handles, including the corpora's "@USER" placeholder, and the
//     retweet marker "RT" just before one: the corpora are full of them
//     and a model that learns "@USER" means abuse is wrong everywhere else;
//   - URLs (http://, https://, www.) and the corpora's "URL" placeholder.
//
// Apostrophes, hyphens and other punctuation separate words ("l'idiot" is
// "l" + "idiot"); '#' is dropped so a hashtag is its word.
func (x *Extractor) tokenize(text string) {
	x.toks = x.toks[:0]
	x.runes = x.runes[:0]
	n := len(text)
	lastHandleEnd := -1
	for i := 0; i < n && len(x.toks) < maxTokens; {
		c := text[i]
		// ASCII spaces and punctuation, most of what lies between words,
		// start nothing.
		if c < utf8.RuneSelf && !asciiWord[c] {
			i++
			continue
		}
		// Handles: '@' at the start of a word followed by a handle character.
		if c == '@' && (i == 0 || !isWordByteBefore(text, i)) && i+1 < n && isAlnumASCII(text[i+1]) {
			j := i + 1
			for j < n && (isAlnumASCII(text[j]) || text[j] == '.' && j+1 < n && isAlnumASCII(text[j+1])) {
				j++
			}
			// Drop a retweet marker right before the handle.
			if k := len(x.toks) - 1; k >= 0 && lastHandleEnd < int(x.toks[k].start) && isRT(text[x.toks[k].start:x.toks[k].end]) && onlySpaceBetween(text, int(x.toks[k].end), i) {
				x.runes = x.runes[:x.toks[k].r0]
				x.toks = x.toks[:k]
			}
			lastHandleEnd = j
			i = j
			continue
		}
		// URLs.
		if (c == 'h' || c == 'H' || c == 'w' || c == 'W') && (i == 0 || !isWordByteBefore(text, i)) && isURLStart(text[i:]) {
			j := i
			for j < n && text[j] != ' ' && text[j] != '\n' && text[j] != '\t' && text[j] != '\r' {
				j++
			}
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError && size <= 1 {
			i++
			continue
		}
		if isSymbolToken(r) {
			x.addToken(text, i, i+size)
			i += size
			continue
		}
		if !isWordRune(r) {
			i += size
			continue
		}
		j := i + size
		for j < n {
			if c := text[j]; c < utf8.RuneSelf {
				// ASCII, the common case, without decoding: no invisible
				// character here, and only '!' may join a word otherwise.
				if isWordRune(rune(c)) || c == '!' && j+1 < n && isLetterASCII(text[j+1]) && isLetterASCII(text[j-1]) {
					j++
					continue
				}
				break
			}
			r2, s2 := utf8.DecodeRuneInString(text[j:])
			if r2 == utf8.RuneError && s2 <= 1 {
				break
			}
			if invisible(r2) {
				// "i\u200bd\u200bi\u200bo\u200bt": an invisible character
				// between two letters hides nothing; addToken drops it.
				if r3, _ := utf8.DecodeRuneInString(text[j+s2:]); isWordRune(r3) && !invisible(r3) {
					j += s2
					continue
				}
				break
			}
			if !isWordRune(r2) {
				// "sh!t": '!' between two letters stays in the word.
				if r2 == '!' && j+1 < n && isLetterASCII(text[j+1]) && isLetterASCII(text[j-1]) {
					j += s2
					continue
				}
				break
			}
			j += s2
		}
		if j-i == 3 && text[i:j] == "URL" {
			i = j
			continue
		}
		x.addToken(text, i, j)
		i = j
	}
	x.joinSpaced(text)
}

// invisible reports the zero-width and soft-hyphen characters used to
// split a word so filters miss it; inside a word they are dropped.
func invisible(r rune) bool {
	return r == 0x00AD || r == 0x200B || r == 0x200C || r == 0x200D || r == 0x2060 || r == 0xFEFF || r == 0x180E
}

func isLetterASCII(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isWordByteBefore(text string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return r != utf8.RuneError && isWordRune(r)
}

func isRT(s string) bool { return s == "RT" || s == "rt" || s == "Rt" }

func onlySpaceBetween(text string, a, b int) bool {
	for k := a; k < b; k++ {
		if c := text[k]; c != ' ' && c != ':' {
			return false
		}
	}
	return true
}

func isURLStart(s string) bool {
	return hasPrefixFold(s, "http://") || hasPrefixFold(s, "https://") || hasPrefixFold(s, "www.")
}

func hasPrefixFold(s, p string) bool {
	if len(s) < len(p) {
		return false
	}
	for k := 0; k < len(p); k++ {
		c := s[k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != p[k] {
			return false
		}
	}
	return true
}

// addToken normalises text[s:e] and appends it as a token:
//
//  1. NFKC (fullwidth and mathematical letters, ligatures) and lower case;
//  2. leetspeak undone in words that mix letters with digits or symbols
//     (0→o 1→i 3→e 4→a 5→s 7→t 8→b 9→g @→a $→s !→i |→l);
//  3. a letter repeated three times or more is cut to two ("stuuupid" →
//     "stupid" is too far: Dutch, German and the Scandinavian languages
//     double letters legitimately, so "stuupid");
//  4. a folded variant without diacritics (ø→o, æ→ae, ß→ss, é→e) is kept
//     next to the accented form when they differ.
func (x *Extractor) addToken(text string, s, e int) {
	word := text[s:e]
	r0 := int32(len(x.runes))
	ascii, latin := true, true
	for k := 0; k < len(word); k++ {
		if word[k] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		for _, r := range word {
			if r >= latinEnd || !nfkcStable[r] {
				latin = false
				break
			}
		}
	}
	if ascii {
		// Lower case and undoLeet's census in one pass: in ASCII a
		// letter is a-z once lowered, and a leet symbol is never one.
		x.runes = slices.Grow(x.runes, len(word))
		letters, leet := false, false
		for k := 0; k < len(word); k++ {
			c := word[k]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c >= 'a' && c <= 'z' {
				letters = true
			} else if leetMap(rune(c)) != 0 {
				leet = true
			}
			x.runes = append(x.runes, rune(c))
		}
		if letters && leet {
			mapLeet(x.runes[r0:])
		}
	} else if latin {
		for _, r := range word {
			if invisible(r) {
				continue
			}
			x.runes = append(x.runes, unicode.ToLower(r))
		}
	} else {
		x.tmp = norm.NFKC.AppendString(x.tmp[:0], word)
		for _, r := range string(x.tmp) {
			if r == utf8.RuneError || unicode.IsSpace(r) || invisible(r) {
				continue
			}
			x.runes = append(x.runes, unicode.ToLower(r))
		}
	}
	if !ascii {
		x.runes = undoLeet(x.runes, r0)
	}
	x.runes = collapseRepeats(x.runes, r0)
	r1 := int32(len(x.runes))
	if r1 == r0 {
		x.runes = x.runes[:r0]
		return
	}
	if r1-r0 > maxTokenRunes {
		r1 = r0 + maxTokenRunes
		x.runes = x.runes[:r1]
	}
	f0, f1 := r1, r1
	if !ascii {
		x.runes = x.fold(x.runes, r0, r1)
		f1 = int32(len(x.runes))
		if equalRunes(x.runes[r0:r1], x.runes[f0:f1]) {
			x.runes = x.runes[:r1]
			f0, f1 = r1, r1
		}
	}
	x.toks = append(x.toks, token{start: int32(s), end: int32(e), r0: r0, r1: r1, f0: f0, f1: f1})
}

func equalRunes(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// undoLeet maps leetspeak in rs[from:] when the word mixes letters with
// digits or leet symbols; plain numbers stay numbers.
func undoLeet(rs []rune, from int32) []rune {
	w := rs[from:]
	letters, leet := 0, 0
	for _, r := range w {
		switch {
		case leetMap(r) != 0:
			leet++
		case unicode.IsLetter(r):
			letters++
		}
	}
	if letters == 0 || leet == 0 {
		return rs
	}
	mapLeet(w)
	return rs
}

// mapLeet replaces the leet symbols of w by their letters.
func mapLeet(w []rune) {
	for i, r := range w {
		if m := leetMap(r); m != 0 {
			w[i] = m
		}
	}
}

func leetMap(r rune) rune {
	switch r {
	case '0':
		return 'o'
	case '1', '!':
		return 'i'
	case '3':
		return 'e'
	case '4', '@':
		return 'a'
	case '5', '$':
		return 's'
	case '7':
		return 't'
	case '8':
		return 'b'
	case '9':
		return 'g'
	case '|':
		return 'l'
	}
	return 0
}

// collapseRepeats cuts runs of three or more identical runes in rs[from:]
// to two.
func collapseRepeats(rs []rune, from int32) []rune {
	out := from
	for i := from; i < int32(len(rs)); i++ {
		r := rs[i]
		if out-from >= 2 && rs[out-1] == r && rs[out-2] == r {
			continue
		}
		rs[out] = r
		out++
	}
	return rs[:out]
}

// latinEnd bounds the runes with precomputed folding and NFKC tables:
// Latin-1 Supplement, Latin Extended-A and B.
const latinEnd = 0x250

var (
	// foldTab maps a Latin rune to its base letter without diacritics
	// (0: no single-letter base).
	foldTab [latinEnd]rune
	// nfkcStable reports Latin runes that NFKC leaves alone, so a word made
	// only of them needs no normalisation call.
	nfkcStable [latinEnd]bool
)

func init() {
	for r := rune(0); r < latinEnd; r++ {
		s := string(r)
		nfkcStable[r] = norm.NFKC.String(s) == s
		if r < utf8.RuneSelf {
			foldTab[r] = r
			continue
		}
		var base rune
		for i, d := range norm.NFD.String(s) {
			if i == 0 {
				base = d
			} else if !unicode.Is(unicode.Mn, d) {
				base = 0
				break
			}
		}
		if base != r && base < utf8.RuneSelf {
			foldTab[r] = base
		}
	}
}

// fold appends to rs the runes of rs[a:b] without diacritics. Latin runes
// fold through foldTab plus a few letters NFD does not decompose (ø æ œ ß
// ł đ); other scripts are kept as they are.
func (x *Extractor) fold(rs []rune, a, b int32) []rune {
	for i := a; i < b; i++ {
		r := rs[i]
		switch r {
		case 'ø':
			rs = append(rs, 'o')
			continue
		case 'æ':
			rs = append(rs, 'a', 'e')
			continue
		case 'œ':
			rs = append(rs, 'o', 'e')
			continue
		case 'ß':
			rs = append(rs, 's', 's')
			continue
		case 'ł':
			rs = append(rs, 'l')
			continue
		case 'đ':
			rs = append(rs, 'd')
			continue
		}
		if r < latinEnd && foldTab[r] != 0 {
			r = foldTab[r]
		}
		rs = append(rs, r)
	}
	return rs
}

// joinSpaced joins runs of three or more one-letter tokens separated by
// at most two bytes of spaces or punctuation ("i d i o t", "i.d.i.o.t")
// into one token spanning them all.
func (x *Extractor) joinSpaced(text string) {
	toks := x.toks
	out := 0
	for i := 0; i < len(toks); {
		j := i
		if x.single(toks[i]) {
			for j+1 < len(toks) && x.single(toks[j+1]) && toks[j+1].start-toks[j].end <= 2 && noNewline(text[toks[j].end:toks[j+1].start]) {
				j++
			}
		}
		if j-i >= 2 {
			// Move the letters together: each single token's rune is at r0.
			r0 := int32(len(x.runes))
			for k := i; k <= j; k++ {
				x.runes = append(x.runes, x.runes[toks[k].r0])
			}
			r1 := int32(len(x.runes))
			if r1-r0 > maxTokenRunes {
				r1 = r0 + maxTokenRunes
				x.runes = x.runes[:r1]
			}
			x.runes = collapseRepeats(x.runes, r0)
			r1 = int32(len(x.runes))
			toks[out] = token{start: toks[i].start, end: toks[j].end, r0: r0, r1: r1, f0: r1, f1: r1}
			out++
			i = j + 1
			continue
		}
		toks[out] = toks[i]
		out++
		i++
	}
	x.toks = toks[:out]
}

func (x *Extractor) single(t token) bool {
	return t.r1-t.r0 == 1 && unicode.IsLetter(x.runes[t.r0])
}

func noNewline(s string) bool {
	for k := 0; k < len(s); k++ {
		if c := s[k]; c == '\n' || c == '\r' || isAlnumASCII(c) {
			return false
		}
	}
	return true
}

// mix is the splitmix64 finaliser, spreading an FNV state over 64 bits.
func mix(h uint64) uint64 {
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h
}

func (x *Extractor) emit(h uint64, tok, tok2 int32) {
	m := mix(h)
	x.feats = append(x.feats, feat{idx: uint32(m & x.mask), neg: int32(int64(m) >> 63), tok: tok, tok2: tok2})
}

// charGrams emits the character n-grams of "<"+rs+">".
func (x *Extractor) charGrams(rs []rune, tok int32) {
	// The framed word is copied once into tmpR so the inner loop reads a
	// plain slice rather than testing for the frame at every rune.
	buf := append(x.tmpR[:0], '<')
	buf = append(buf, rs...)
	buf = append(buf, '>')
	x.tmpR = buf
	n := len(buf)
	minN, maxN := int(x.cfg.MinN), int(x.cfg.MaxN)
	// The features are appended to a local slice, stored back once: an
	// append to x.feats writes the slice header back at every gram.
	feats, mask := x.feats, x.mask
	for i := 0; i < n; i++ {
		h := fnvOffset ^ nsChar
		end := min(n, i+maxN)
		for j := i; j < end; j++ {
			h = (h ^ uint64(buf[j])) * fnvPrime
			if j-i+1 >= minN {
				m := mix(h)
				feats = append(feats, feat{idx: uint32(m & mask), neg: int32(int64(m) >> 63), tok: tok, tok2: -1})
			}
		}
	}
	x.feats = feats
}

// ownFeatures emits token t's own features (h is its word hash): the
// word, its character n-grams, and those of its spelling without
// diacritics when it has one.
func (x *Extractor) ownFeatures(t int, h uint64) {
	tk := &x.toks[t]
	x.emit(h, int32(t), -1)
	x.charGrams(x.runes[tk.r0:tk.r1], int32(t))
	if tk.f1 > tk.f0 {
		x.charGrams(x.runes[tk.f0:tk.f1], int32(t))
	}
}

// Extract computes the features of text. The result is valid until the
// next call.
func (x *Extractor) extract(text string) []feat {
	x.tokenize(text)
	x.feats = x.feats[:0]
	for t := range x.toks {
		tk := &x.toks[t]
		rs := x.runes[tk.r0:tk.r1]
		h := wordHash(rs)
		tk.wordHash = h
		x.ownFeatures(t, h)
		if t > 0 {
			b := (fnvOffset ^ nsBigram ^ x.toks[t-1].wordHash) * fnvPrime
			b = (b ^ h) * fnvPrime
			x.emit(b, int32(t-1), int32(t))
		}
	}
	x.negationFeatures(text)
	return x.feats
}

// wordHash is the hash of a word's feature (FNV-1a over its runes).
func wordHash(rs []rune) uint64 {
	h := fnvOffset ^ nsWord
	for _, r := range rs {
		h = (h ^ uint64(r)) * fnvPrime
	}
	return h
}

// Features returns the hashed features of text as buckets with the sign in
// the top bit (bit 31 set means -1), in a fresh slice. The trainer uses it;
// the detector uses the same code path without the copy.
func (x *Extractor) Features(text string) []uint32 {
	fs := x.extract(text)
	out := make([]uint32, len(fs))
	for i, f := range fs {
		out[i] = f.idx
		if f.neg != 0 {
			out[i] |= 1 << 31
		}
	}
	return out
}

// Key returns the normalised words of text joined by single spaces: the
// form used to deduplicate and split corpora, so that the same comment with
// another handle or URL lands in the same part.
func (x *Extractor) Key(text string) string {
	x.tokenize(text)
	var b []byte
	for i, t := range x.toks {
		if i > 0 {
			b = append(b, ' ')
		}
		for _, r := range x.runes[t.r0:t.r1] {
			b = utf8.AppendRune(b, r)
		}
	}
	return string(b)
}
