package lexicon

import (
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/detect/normalize"
)

// Split words: "ho-ra", "sk.juta", "kn ulla", "id|iot". A word cut in two
// by one dot, hyphen, slash, underscore or bar, to slip past a filter, is
// read once more joined, when the joined word is a word of the abusive
// entries and not both halves are words the lexicons know ("dö-da"
// joins, "gå-och" stays apart). Across a space, which also stands for an
// apostrophe and separates real words ("let s", "in dem", "du er"),
// neither half may be a known word or a single letter. Tried on 42,000
// corpus comments: 32 joins of real words across a space with the looser
// rule, none with this one (see rejoin_test.go).
//
// The same pass reads two more evasions of the kind:
//   - a hyphen, dash, dot, slash or underscore standing alone inside a word
//     for masked letters ("h-vete", "s-bba", "f-n", "conn-rd", "Arschl-ch";
//     normalize.Inner says where one stood), as '*' does in unmask: the
//     mask is one letter, else two, and the word is read only as an abusive
//     entry of one word that fits, and only when all that fit are of one
//     category (spellings of one word: "jävla", "javla", "jevla"); the two
//     pieces may not both be words of the lexicons. Innocent hyphenated
//     words fit no abusive word ("e-post", "t-shirt", "Jean-Pierre",
//     "vård-och", "Anti-Rassismus");
//   - two single letters spaced out ("gå och d ö"), which the normaliser
//     leaves apart (it joins three or more): they are joined only into a
//     two-letter word of the abusive entries, and only when an abusive
//     entry then matches across it (pairAbuse), never into ordinary text
//     ("i a", "å ö", "a b", "A/S").

const joinMinLen = 4 // shortest joined word

// joinIndex holds the words a split word may be read as, with a small
// Bloom filter over them: almost every pair of neighbouring words is ruled
// out by it, in cache, before a lookup in the map.
type joinIndex struct {
	words map[string]uint16
	bloom [1 << 18 / 64]uint64 // 32 KB: at 16 KB one pair of words in nine got past it
	// masks are the words a word with a hyphen for letters may be read
	// as, sorted, with their language bits in maskBits.
	masks    []string
	maskBits []uint16
	maskKind []kind
	maskSev  []int8
	// pairs are the two-letter words two spaced-out letters may join into.
	pairs map[string]uint16
	// heads are the words of one-word abusive entries of the Nordic
	// lexicons ("kuk", "skit", "idiot"): the first half of a compound
	// insult written in two words (compound).
	heads    map[string]uint16
	headBits uint16 // the languages of heads, to skip the others without a lookup
	// headBloom is a Bloom filter over heads (joinHash): most words of a
	// Nordic comment are ruled out by it without a lookup.
	headBloom [1 << 14 / 64]uint64 // 2 KB
}

const (
	maskMinLen = 3 // shortest word read through a hyphen mask, in letters
	maskMaxGap = 2 // most letters a hyphen may stand for
)

// joinHash is FNV-1a over a then b, as if joined.
func joinHash(a, b string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(a); i++ {
		h = (h ^ uint64(a[i])) * 1099511628211
	}
	for i := 0; i < len(b); i++ {
		h = (h ^ uint64(b[i])) * 1099511628211
	}
	return h
}

// bloomAdd sets the two bits of hash h in the Bloom filter b (its
// length a power of two).
func bloomAdd(b []uint64, h uint64) {
	m := uint64(len(b))*64 - 1
	for _, k := range [2]uint64{h & m, (h >> 32) & m} {
		b[k/64] |= 1 << (k % 64)
	}
}

// bloomHas reports whether both bits of hash h are set in b: false when
// nothing added to b has hash h.
func bloomHas(b []uint64, h uint64) bool {
	m := uint64(len(b))*64 - 1
	k1, k2 := h&m, (h>>32)&m
	return b[k1/64]&(1<<(k1%64)) != 0 && b[k2/64]&(1<<(k2%64)) != 0
}

func (ji *joinIndex) add(w string) { bloomAdd(ji.bloom[:], joinHash(w, "")) }

func (ji *joinIndex) mayJoin(a, b string) bool {
	if len(a)+len(b) < joinMinLen {
		return false
	}
	return bloomHas(ji.bloom[:], joinHash(a, b))
}

// buildJoins collects the words of the abusive entries (also the parts of
// patterns with gaps) that no cue entry uses.
func buildJoins(lx *lexicon) *joinIndex {
	cue := map[string]bool{}
	words := map[string]uint16{}
	for _, e := range lx.entries {
		// Only abuse: the cue kinds are left out, so that function
		// words never join.
		k := lx.kindOf(&e)
		if grammarKind(k) {
			// The threat grammar's classes ("skjuta", "skyte") neither
			// join nor keep a word of the abuse entries from joining.
			continue
		}
		abusive := abuseKind(k) || k == kProfanity
		bit := langBits(&e)
		for _, w := range strings.Fields(normalize.Key(lx.term(&e))) {
			switch {
			case !abusive:
				cue[w] = true
			case utf8.RuneCountInString(w) >= joinMinLen:
				words[w] |= bit
			}
		}
	}
	for w := range cue {
		delete(words, w)
	}
	ji := &joinIndex{words: words, pairs: map[string]uint16{}, heads: map[string]uint16{}}
	for w := range words {
		ji.add(w)
	}
	// A masked word is read as an abusive entry of one word ("fan",
	// "subba", "connard"); a pair of letters as a short word of any
	// abusive entry ("dö" of "gå och dö"), checked in context (pairAbuse).
	type maskWord struct {
		bits uint16
		kind kind
		sev  int8
	}
	masks := map[string]maskWord{}
	for _, e := range lx.entries {
		k := lx.kindOf(&e)
		if !abuseKind(k) && k != kProfanity {
			continue
		}
		bit := langBits(&e)
		key := normalize.Key(lx.term(&e))
		if e.kind != kPart && strings.IndexByte(key, ' ') < 0 && utf8.RuneCountInString(key) >= maskMinLen && letters(key) {
			if !e.pre && !e.suf && slices.Contains(spellLangs[:], lx.langOf(&e)) {
				ji.heads[key] |= bit
				ji.headBits |= bit
				if strings.HasSuffix(key, "a") && len(key) >= 4 {
					// The form a Swedish compound takes: "fitt-",
					// "hor-", "subb-" of "fitta", "hora", "subba".
					ji.heads[key[:len(key)-1]] |= bit
				}
			}
			m := masks[key]
			m.bits |= bit
			if e.sev > m.sev {
				m.kind, m.sev = e.kind, e.sev
			}
			masks[key] = m
		}
		for _, w := range strings.Fields(key) {
			if utf8.RuneCountInString(w) == 2 && letters(w) {
				ji.pairs[w] |= bit
			}
		}
	}
	for w := range ji.heads {
		bloomAdd(ji.headBloom[:], joinHash(w, ""))
	}
	ji.masks = slices.Sorted(maps.Keys(masks))
	ji.maskBits = make([]uint16, len(ji.masks))
	ji.maskKind = make([]kind, len(ji.masks))
	ji.maskSev = make([]int8, len(ji.masks))
	for i, w := range ji.masks {
		m := masks[w]
		ji.maskBits[i], ji.maskKind[i], ji.maskSev[i] = m.bits, m.kind, m.sev
	}
	return ji
}

// letters reports whether s is all letters.
func letters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}

// unmask returns the abusive word, for the languages fam, that starts
// with a, ends with b and has one letter between, or else two; false when
// none fits, or words of different categories do ("h-ra" is "hora"; "f-n"
// in an unknown language could be "fan" or "fkn", both profanity). Spellings
// of one word ("jävla", "javla", "jevla") are one reading: the most severe,
// with å/ä/ö/ø/æ/ü when it has a spelling with them.
func (ji *joinIndex) unmask(a, b string, fam uint16) (string, bool) {
	first := sort.SearchStrings(ji.masks, a)
	for gap := 1; gap <= maskMaxGap; gap++ {
		found := -1
		for i := first; i < len(ji.masks) && strings.HasPrefix(ji.masks[i], a); i++ {
			w := ji.masks[i]
			if len(w) <= len(a)+len(b) || !strings.HasSuffix(w, b) || fam != 0 && ji.maskBits[i]&fam == 0 ||
				utf8.RuneCountInString(w[len(a):len(w)-len(b)]) != gap {
				continue
			}
			switch {
			case found < 0:
				found = i
			case ji.maskKind[i] != ji.maskKind[found]:
				return "", false
			case ji.maskSev[i] > ji.maskSev[found],
				ji.maskSev[i] == ji.maskSev[found] && sameFolded(w, ji.masks[found]) && strings.ContainsAny(w, nordicLetters):
				found = i
			}
		}
		if found >= 0 {
			return ji.masks[found], true
		}
	}
	return "", false
}

func isJoinSep(c byte) bool {
	return c == ' ' || c == '.' || c == '-' || c == '/' || c == '_' || c == '|'
}

// rejoin returns n with its split abusive words joined (and its words
// masked with a hyphen read, and its spaced-out letter pairs joined), or
// nil when it has none.
func (d *Detector) rejoin(n *normalize.Normalized, lang string) *normalize.Normalized {
	text := n.String()
	fam := d.famBits(lang)
	var at [][2]int
	var with []string
	var buf [64]byte
	prevS, prevE := -1, -1 // the word before, when only a separator lies between
	for i := 0; i < len(text); {
		// ASCII inline: this loop reads every byte of every comment.
		if c := text[i]; c < utf8.RuneSelf && !asciiWord[c] || c >= utf8.RuneSelf && !isWordAt(text, i) {
			if i > prevE || !isJoinSep(text[i]) {
				prevS = -1 // more than one separator, or punctuation: no join
			}
			i++
			continue
		}
		s := i
		for i < len(text) {
			if c := text[i]; c < utf8.RuneSelf {
				if !asciiWord[c] {
					break
				}
				i++
				continue
			}
			if !isWordAt(text, i) {
				break
			}
			_, w := utf8.DecodeRuneInString(text[i:])
			i += w
		}
		if prevS >= 0 && s == prevE+1 && i-s+prevE-prevS <= len(buf) {
			if w, ok := d.joinSplit(n, text, prevS, prevE, s, i, fam, buf[:0]); ok {
				at = append(at, [2]int{prevS, i})
				with = append(with, w)
				prevS = -1
				continue
			}
		}
		prevS, prevE = s, i
	}
	if len(at) == 0 {
		return nil
	}
	return n.Replace(at, with)
}

// joinSplit reads the words text[as:ae] and text[bs:be], with one
// separator between them, as one word: joined, through a hyphen mask, or
// as a pair of spaced-out letters (see the top of this file).
func (d *Detector) joinSplit(n *normalize.Normalized, text string, as, ae, bs, be int, fam uint16, buf []byte) (string, bool) {
	joins := d.lx.joins
	a, b := text[as:ae], text[bs:be]
	known := func() (bool, bool) {
		_, ka := d.lx.vocab[a]
		_, kb := d.lx.vocab[b]
		return ka, kb
	}
	if joins.mayJoin(a, b) {
		joined := append(append(buf, a...), b...)
		if bits, ok := joins.words[string(joined)]; ok && (fam == 0 || bits&fam != 0) {
			ka, kb := known()
			ok := !(ka && kb)
			if sp := n.Span(ae, ae+1); text[ae] == ' ' && strings.Trim(n.Original()[sp.Start():sp.End()], " \t\n'’`´") == "" {
				// A space also stands for an apostrophe ("let s",
				// "we re") and separates real words ("in dem", "du
				// er"): across one, neither half may be a known word,
				// nor a single letter.
				ok = !ka && !kb && ae-as >= 2 && be-bs >= 2 && len(joined) >= 5
			}
			if ok {
				return string(joined), true
			}
		}
	}
	if text[ae] == ' ' && fam&joins.headBits != 0 && len(a) >= 3 && bloomHas(joins.headBloom[:], joinHash(a, "")) && joins.heads[a]&fam != 0 {
		if w, ok := joins.compound(a, b, fam, buf); ok {
			return w, true
		}
	}
	if _, inner := slices.BinarySearch(n.Inner(), int32(ae)); inner && letters(a) && letters(b) {
		if ka, kb := known(); !(ka && kb) {
			if w, ok := joins.unmask(a, b, fam); ok {
				return w, true
			}
		}
	}
	if ra, _ := utf8.DecodeRuneInString(a); len(a) == utf8.RuneLen(ra) && unicode.IsLetter(ra) {
		if rb, _ := utf8.DecodeRuneInString(b); len(b) == utf8.RuneLen(rb) && unicode.IsLetter(rb) {
			pair := append(append(buf, a...), b...)
			if bits, ok := joins.pairs[string(pair)]; ok && (fam == 0 || bits&fam != 0) && d.pairAbuse(text, as, be, string(pair), fam) {
				return string(pair), true
			}
		}
	}
	return "", false
}

// pairAbuse reports whether pair, read in place of text[as:be], is part of
// an abusive entry matched with up to six words before it and three after
// ("kryp ner i ett hål och d ö"): two letters
// are joined only when the joined word makes the sentence abusive ("gå
// och d ö"), since short words are too many to be told apart alone.
func (d *Detector) pairAbuse(text string, as, be int, pair string, fam uint16) bool {
	ws, we := as, be
	back := func(p int) int { _, w := utf8.DecodeLastRuneInString(text[:p]); return p - w }
	next := func(p int) int { _, w := utf8.DecodeRuneInString(text[p:]); return p + w }
	for k := 0; k < 6; k++ {
		for ws > 0 && !isWordBefore(text, ws) {
			ws = back(ws)
		}
		for ws > 0 && isWordBefore(text, ws) {
			ws = back(ws)
		}
	}
	for k := 0; k < 3; k++ {
		for we < len(text) && !isWordAt(text, we) {
			we = next(we)
		}
		for we < len(text) && isWordAt(text, we) {
			we = next(we)
		}
	}
	ctx := " " + text[ws:as] + pair + text[be:we] + " "
	at := 1 + as - ws
	sev, _ := d.abusiveCover(ctx, []int{at, at + len(pair)}, fam)
	return sev > 0
}

// Compounds written in two words ("kuk huvud", "skit stöveln", "idiot
// sköterskan"): Swedish, Norwegian and Danish write compounds as one word,
// and writing them apart (särskrivning, særskriving) is a common slip, so
// the halves are often both known words, which the join across a space
// above refuses. Here the first half is itself an abusive word of a Nordic
// lexicon (or its compound form without the final -a: "hor unge") and the two, joined, are an insult or a slur of one word of at
// least moderate severity, as written or with a definite or plural ending
// ("skitstöveln" of "skitstövel"). Innocent pairs make no such word: "skit
// bra", "idiot säker" (an innocent entry), "svin influensa".

// compoundEndings are the endings a joined compound may carry beyond the
// entry's form.
var compoundEndings = [...]string{"", "n", "en", "et", "t", "na", "ar", "er", "or", "arna", "erna", "orna"}

// compound returns a and b joined when they make an insult or a slur of one
// word of the languages fam (see above).
func (ji *joinIndex) compound(a, b string, fam uint16, buf []byte) (string, bool) {
	if utf8.RuneCountInString(a) < 3 || utf8.RuneCountInString(b) < 3 || !letters(b) {
		return "", false
	}
	joined := append(append(buf[:0], a...), b...)
	for _, end := range compoundEndings {
		if len(joined)-len(end) < len(a)+3 || string(joined[len(joined)-len(end):]) != end {
			continue
		}
		stem := joined[:len(joined)-len(end)]
		i, found := slices.BinarySearch(ji.masks, string(stem))
		if found && ji.maskBits[i]&fam != 0 && ji.maskSev[i] >= 2 && (ji.maskKind[i] == kInsult || ji.maskKind[i] == kHate) {
			return string(joined), true
		}
	}
	return "", false
}
