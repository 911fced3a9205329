package model

import "unicode/utf8"

// A word's own features — the word itself and its character n-grams,
// those of its spelling without diacritics included — depend on nothing
// but its normalised runes and whether it has that spelling (a word joined
// from spaced letters has none), and the same few thousand words come back in
// comment after comment. Each scratch keeps the summed weights of the
// words it met last, so a known word costs one lookup instead of 20 to 40
// random reads of the weight table (which the other detectors evict
// between two comments). The sums are exact integers: a comment scores the
// same whether its words were remembered or not.

// wordSlots is the number of words a scratch remembers (direct-mapped,
// 64 bytes each: 512 KB). On simulator traffic (4,400 distinct words)
// 2,048 slots held 78 % of the tokens, 8,192 hold 93 %; 16,384 (96 %,
// 1 MB) measured little better and crowd the other detectors' caches.
const wordSlots = 8192

// wordKeyMax is the longest word, in UTF-8 bytes of its normalised runes,
// that is remembered; longer ones are scored each time.
const wordKeyMax = 27

type wordEntry struct {
	hash  uint64
	sums  [stride]int32
	nfeat int32
	n     uint8 // length of key; 0: empty slot
	fold  bool  // the features include the folded spelling's n-grams
	key   [wordKeyMax]byte
}

type wordCache [wordSlots]wordEntry

// slot returns the entry for the word with runes rs and hash h (with its
// folded spelling's n-grams or not), and whether it holds that word. It
// returns nil when the word is too long to be remembered.
func (c *wordCache) slot(h uint64, rs []rune, fold bool) (*wordEntry, bool) {
	key, n, ok := wordKey(rs)
	if !ok {
		return nil, false
	}
	e := &c[mix(h)&(wordSlots-1)]
	if e.hash == h && int(e.n) == n && e.fold == fold && e.key == key {
		return e, true
	}
	e.hash, e.n, e.fold, e.key = h, uint8(n), fold, key
	return e, false
}

// wordKey returns the runes as UTF-8 in a fixed array, and false when they
// do not fit.
func wordKey(rs []rune) (key [wordKeyMax]byte, n int, ok bool) {
	for _, r := range rs {
		// ASCII, nearly every rune, is its own UTF-8 byte.
		if uint32(r) < utf8.RuneSelf && n < wordKeyMax {
			key[n] = byte(r)
			n++
			continue
		}
		if !utf8.ValidRune(r) || n+utf8.RuneLen(r) > wordKeyMax {
			return key, 0, false
		}
		n += utf8.EncodeRune(key[n:], r)
	}
	return key, n, true
}

// scoreWords computes the raw logits of text as score does: the summed
// weights of every feature, each word's own features taken from the
// cache. It leaves in sc.tokSums each token's summed weights and in
// sc.x.feats the bigram and negation features only (for explain), and returns the
// number of features.
func (d *Detector) scoreWords(sc *scratch, text string) ([NumHeads]float64, int) {
	x := sc.x
	x.tokenize(text)
	if sc.words == nil {
		sc.words = new(wordCache)
	}
	W := d.w.W
	var sums [stride]int32
	nfeat := 0
	tokSums := sc.tokSums[:0]
	x.feats = x.feats[:0]
	for t := range x.toks {
		tk := &x.toks[t]
		rs := x.runes[tk.r0:tk.r1]
		h := wordHash(rs)
		tk.wordHash = h
		e, ok := sc.words.slot(h, rs, tk.f1 > tk.f0)
		if !ok {
			if e == nil {
				e = &sc.oneWord
			}
			x.ownFeatures(t, h)
			e.sums = sumRows(W, x.feats)
			e.nfeat = int32(len(x.feats))
			x.feats = x.feats[:0]
		}
		for h := range sums {
			sums[h] += e.sums[h]
		}
		tokSums = append(tokSums, e.sums)
		nfeat += int(e.nfeat)
	}
	// Bigrams, after the words so that x.feats holds only them.
	for t := 1; t < len(x.toks); t++ {
		b := (fnvOffset ^ nsBigram ^ x.toks[t-1].wordHash) * fnvPrime
		b = (b ^ x.toks[t].wordHash) * fnvPrime
		x.emit(b, int32(t-1), int32(t))
	}
	x.negationFeatures(text)
	bs := sumRows(W, x.feats)
	for h := range sums {
		sums[h] += bs[h]
	}
	nfeat += len(x.feats)
	sc.tokSums = tokSums
	return d.w.rawFromSums(&sums, nfeat), nfeat
}

// sumRows adds up the weight rows of fs, each with its sign.
func sumRows(W []int16, fs []feat) [stride]int32 {
	var sums [stride]int32
	for _, f := range fs {
		i := int(f.idx) * stride
		row := W[i : i+stride : i+stride]
		// Branch-free sign ((w ^ -1) - -1 == -w): the sign is a coin
		// flip, and a branch on it is mispredicted every other feature.
		s := f.neg
		sums[0] += (int32(row[0]) ^ s) - s
		sums[1] += (int32(row[1]) ^ s) - s
		sums[2] += (int32(row[2]) ^ s) - s
		sums[3] += (int32(row[3]) ^ s) - s
	}
	return sums
}
