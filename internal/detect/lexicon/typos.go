package lexicon

import (
	"strings"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/detect/normalize"
)

// Typos: "Wmoen are worthless", "Kvinonr är dumma", "Fraeun sind dumm".
// A comment that already reads as abusive is read once more with each
// unknown word that is an identity group's name with two neighbouring
// letters swapped. Only group names, and only swaps: tried on the shared
// corpora, a letter missing or one too many, or a swap read as an abusive
// word, turned real words into slurs and insults ("couilles" into
// "crouilles", "signes" into "singes", "homosexual" into the plural cue);
// and only a comment with an abusive match elsewhere is read again, so a
// typo alone never makes a comment abusive.
//
// Where a phrase that is hate only about a group ("are vermin", "sont une
// plaie", "zijn ongedierte") found no group to aim at, two more slips of
// the group's name are read, and only group names: a letter left out
// inside the word ("imigrants", "behindrte"; never the first or last
// letter, so a singular is not read as a plural) and a missing space
// between the name and an article or copula ("lesnoirs", "blackpeople",
// "muslimsare"; read in any abusive comment, as it cuts no real word). The
// phrase is already there; the slip only finds its target.

// typoKinds are the kinds of the entries a misspelled word may be read as.
var typoKinds = [...]bool{kGroup: true, kPart: false}

// typoIndex holds the single-word targets of typo reading.
type typoIndex struct {
	words map[string]uint16 // target -> language bits
	pairs map[string]string // two-word group name without its space -> with it
	pbits map[string]uint16 // two-word group name -> language bits
	// firsts and seconds are the words of those names, first and second:
	// a slip is read in one only beside the other (fixHalf).
	firsts, seconds map[string]bool
	spell           map[string]uint16 // Nordic abusive words read from spellings by ear (spell.go)
	// anagrams is a Bloom filter over the letterSum of words and of pairs'
	// keys: a swap of two letters keeps the sum, so a word whose sum it
	// lacks has no swap (nor itself) to look up. Most words are ruled out
	// by it, in cache, without a lookup per swap.
	anagrams [1 << 13 / 64]uint64 // 1 KB
}

// letterVals are random 64-bit numbers, one per byte value: letterSum adds them.
var letterVals = func() (t [256]uint64) {
	x := uint64(0x9e3779b97f4a7c15)
	for i := range t {
		// splitmix64
		x += 0x9e3779b97f4a7c15
		z := x
		z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
		z = (z ^ z>>27) * 0x94d049bb133111eb
		t[i] = z ^ z>>31
	}
	return t
}()

// letterSum is the sum of letterVals over w's bytes: the same for every
// order of the same letters.
func letterSum(w string) uint64 {
	var h uint64
	for i := 0; i < len(w); i++ {
		h += letterVals[w[i]]
	}
	return h
}

// mayAnagram reports whether a word with the letterSum h may be a
// rearrangement of a word or pair key of ti (false: surely not).
func (ti *typoIndex) mayAnagram(h uint64) bool { return bloomHas(ti.anagrams[:], h) }

// typoJoinBefore and typoJoinAfter are the words a group's name is
// typed onto: articles before it, copulas after it.
// (Switches rather than sets: join asks at every split of every word of
// every comment.)
func typoJoinBefore(w string) bool {
	switch w {
	case "les", "des", "ces", "the", "all", "de", "die", "het", "alle", "diese", "deze",
		// Verbs of hatred typed onto the group: "hatemuslims", "deportall",
		// "hassemuslime", "haatmoslims", "hatarmuslimer".
		"hate", "kill", "deport", "ban", "hasse", "hassen", "haat", "haten",
		"hatar", "hater", "hader", "deteste", "detestent", "hais", "alla":
		return true
	}
	return false
}

func typoJoinAfter(w string) bool {
	switch w {
	case "sont", "are", "were", "zijn", "waren", "sind", "is", "ist", "er", "var":
		return true
	}
	return false
}

const (
	typoMinLen = 5 // shortest word read with two letters swapped
	typoMaxLen = 24
)

func buildTypos(lx *lexicon) *typoIndex {
	ti := &typoIndex{words: map[string]uint16{}, pairs: map[string]string{}, pbits: map[string]uint16{}, firsts: map[string]bool{}, seconds: map[string]bool{}, spell: buildSpell(lx)}
	for _, e := range lx.entries {
		if e.parts != 0 || int(e.kind) >= len(typoKinds) || !typoKinds[e.kind] || e.pre || e.suf {
			continue
		}
		w := normalize.Key(lx.term(&e))
		if a, b, ok := strings.Cut(w, " "); ok && strings.IndexByte(b, ' ') < 0 && asciiLetters(a) && asciiLetters(b) && len(a)+len(b) >= typoMinLen {
			ti.pairs[a+b] = w
			ti.pbits[w] |= langBits(&e)
			ti.firsts[a], ti.seconds[b] = true, true
		}
		if strings.IndexByte(w, ' ') >= 0 || len(w) < typoMinLen || len(w) > typoMaxLen || !asciiLetters(w) {
			continue
		}
		ti.words[w] |= langBits(&e)
	}
	for w := range ti.words {
		bloomAdd(ti.anagrams[:], letterSum(w))
	}
	for w := range ti.pairs {
		bloomAdd(ti.anagrams[:], letterSum(w))
	}
	return ti
}

func asciiLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// fix returns the target word w is a slip of, for the languages fam, or "".
// With group (a group-hate phrase waits for its group), a letter left
// out and a missing space are read too.
func (ti *typoIndex) fix(w string, fam uint16, buf []byte, group bool) string {
	ok := func(t string) bool {
		bits, found := ti.words[t]
		return found && (fam == 0 || bits&fam != 0)
	}
	// Two neighbouring letters swapped.
	if ti.mayAnagram(letterSum(w)) {
		buf = append(buf[:0], w...)
		for i := 0; i+1 < len(buf); i++ {
			if buf[i] == buf[i+1] {
				continue
			}
			buf[i], buf[i+1] = buf[i+1], buf[i]
			if ok(string(buf)) {
				return string(buf)
			}
			buf[i], buf[i+1] = buf[i+1], buf[i]
		}
	}
	if j := ti.join(w, fam); j != "" {
		return j
	}
	if !group {
		return ""
	}
	// A letter left out inside the word: "imigrants", "migrnten".
	for i := 1; i < len(w); i++ {
		for c := byte('a'); c <= 'z'; c++ {
			buf = append(append(append(buf[:0], w[:i]...), c), w[i:]...)
			if ok(string(buf)) {
				return string(buf)
			}
		}
	}
	return ""
}

// join reads a missing space: "blackpeople", "lesnoirs", "muslimsare"
// (only onto an article, a copula or a verb of hatred, so no real word is
// cut in two). It returns the two words, or "".
func (ti *typoIndex) join(w string, fam uint16) string {
	ok := func(t string) bool {
		bits, found := ti.words[t]
		return found && (fam == 0 || bits&fam != 0)
	}
	if ti.mayAnagram(letterSum(w)) { // w is one of its own rearrangements
		if p, found := ti.pairs[w]; found && (fam == 0 || ti.pbits[p]&fam != 0) {
			return p
		}
	}
	for i := 2; i+2 <= len(w); i++ {
		a, b := w[:i], w[i:]
		if len(b) >= 4 && typoJoinBefore(a) && ok(b) || len(a) >= 4 && typoJoinAfter(b) && ok(a) {
			return a + " " + b
		}
	}
	return ""
}

// fixHalf reads a slip in one word of a two-word group name, next to the
// other word: "Trnas people", "Blak people", "trans peple". Only read
// beside the other half, so "trnas" alone stays unknown. It returns the
// repaired word, or "".
func (ti *typoIndex) fixHalf(w, prev, next string, fam uint16, buf []byte, group bool) string {
	if !ti.firsts[prev] {
		prev = "" // no name starts with it: nothing to try on that side
	}
	if !ti.seconds[next] {
		next = ""
	}
	if prev == "" && next == "" {
		return "" // most words: no half of a name beside them
	}
	pair := func(v string) bool {
		if prev != "" {
			if bits, found := ti.pbits[prev+" "+v]; found && (fam == 0 || bits&fam != 0) {
				return true
			}
		}
		if next != "" {
			if bits, found := ti.pbits[v+" "+next]; found && (fam == 0 || bits&fam != 0) {
				return true
			}
		}
		return false
	}
	buf = append(buf[:0], w...)
	for i := 0; i+1 < len(buf); i++ {
		if buf[i] == buf[i+1] {
			continue
		}
		buf[i], buf[i+1] = buf[i+1], buf[i]
		if pair(string(buf)) {
			return string(buf)
		}
		buf[i], buf[i+1] = buf[i+1], buf[i]
	}
	if !group {
		return ""
	}
	for i := 1; i < len(w); i++ {
		for c := byte('a'); c <= 'z'; c++ {
			buf = append(append(append(buf[:0], w[:i]...), c), w[i:]...)
			if pair(string(buf)) {
				return string(buf)
			}
		}
	}
	return ""
}

// nextWord returns the ASCII word that follows text[i:] after spaces, or "".
func nextWord(text string, i int) string {
	for i < len(text) && text[i] == ' ' {
		i++
	}
	s := i
	for i < len(text) && text[i] >= 'a' && text[i] <= 'z' {
		i++
	}
	if i < len(text) && isWordAt(text, i) {
		return ""
	}
	return text[s:i]
}

// typos returns n with its misspelled abusive words and group names
// spelled right, or nil when there is none.
// With group, the slips read only when a group-hate phrase waits for its
// group are read too (see fix).
// With joinOnly (a comment with nothing abusive in it), only a missing
// space is read: it cuts no real word, and the phrase it completes must
// still be abusive by itself ("Immigrantsare parasites", "Deport
// allimmigrants").
func (d *Detector) typos(n *normalize.Normalized, lang string, group, joinOnly bool) *normalize.Normalized {
	ti := d.lx.typos
	if ti == nil {
		return nil
	}
	fam := d.famBits(lang)
	text := n.String()
	var at [][2]int
	var with []string
	var bufArr [typoMaxLen + 1]byte // fix's and fixHalf's scratch: a word and one letter
	buf := bufArr[:0]
	for i := 0; i < len(text); {
		c := text[i]
		if c < 'a' || c > 'z' {
			if c >= utf8.RuneSelf {
				_, w := utf8.DecodeRuneInString(text[i:])
				i += w
			} else {
				i++
			}
			continue
		}
		s := i
		for i < len(text) && text[i] >= 'a' && text[i] <= 'z' {
			i++
		}
		// Only whole ASCII words: a word with digits or accents is
		// another matter (leetspeak, other spellings).
		if i < len(text) && isWordAt(text, i) || s > 0 && isWordBefore(text, s) {
			for i < len(text) && isWordAt(text, i) {
				i++
			}
			continue
		}
		w := text[s:i]
		if len(w) < typoMinLen-1 || len(w) > typoMaxLen || joinOnly && len(w) < typoMinLen {
			continue
		}
		var t string
		if joinOnly {
			// Read for a missing space first, then ask whether the word
			// is one of the lexicons' own: most words are neither, and
			// this way they cost one lookup, not two.
			if t = ti.join(w, fam); t == "" {
				continue
			}
			if _, known := d.lx.vocab[w]; known {
				continue
			}
		} else {
			if _, known := d.lx.vocab[w]; known {
				continue
			}
			if len(w) >= typoMinLen {
				t = ti.fix(w, fam, buf, group)
			}
		}
		if t == "" && !joinOnly {
			// One word of a two-word group name, beside the other.
			prev := ""
			if p, ps := prevWord(text, s); p != "" && (ps == 0 || !isWordBefore(text, ps)) && asciiLetters(p) {
				prev = p
			}
			t = ti.fixHalf(w, prev, nextWord(text, i), fam, buf, group)
		}
		if t != "" {
			at = append(at, [2]int{s, i})
			with = append(with, t)
		}
	}
	if len(at) == 0 {
		return nil
	}
	return n.Replace(at, with)
}

// abusive reports whether res holds any abusive signal at all, however
// weak: the condition for reading a comment again for typos.
func (r *results) abusive() bool {
	for k := range r.by {
		if len(r.by[k]) > 0 && abuseKind(kind(k)) {
			return true
		}
	}
	return false
}
