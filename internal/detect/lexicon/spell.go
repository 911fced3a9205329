package lexicon

import (
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/detect/normalize"
)

// Spellings by ear in the Nordic languages: "hoora", "fiitta", "idioot"
// (a vowel doubled, as it is drawn out when said), "zubba", "zvin" (z for
// s), "jäwla", "swin" (w for v, the old spelling). Swedish, Norwegian and
// Danish never double a vowel in a native word and hardly write z or w, so
// a word of a Nordic comment that the lexicons do not know is read once
// more with one doubled vowel made single, with z read as s and w as v, or
// both; it is read so only when the result is an abusive word of one of
// those lexicons (an insult, a slur or an expletive of one word), never
// into an ordinary word. Loanwords ("zoo", "Swish", "webb", "cool") and
// names ("Zara", "Wallin") read as no abusive word and stay as they are.
// Consonants are left alone: "svinn" (waste) is not "svin".

// spellLangs are the lexicons whose words are read through these spellings.
var spellLangs = [...]string{"sv", "nb", "nn", "da"}

const (
	spellMinLen = 3  // shortest target word, in bytes
	spellMaxLen = 24 // longest word read
)

// buildSpell collects the one-word abusive entries of the Nordic lexicons,
// with their language bits.
func buildSpell(lx *lexicon) map[string]uint16 {
	nordic := map[string]bool{}
	for _, l := range spellLangs {
		nordic[l] = true
	}
	words := map[string]uint16{}
	for _, e := range lx.entries {
		if e.parts != 0 || e.named != 0 || e.pre || !nordic[lx.langOf(&e)] {
			continue
		}
		if k := e.kind; !(k == kInsult || k == kHate || k == kProfanity || k == kSexual && e.sev >= 2) {
			continue
		}
		w := normalize.Key(lx.term(&e))
		if len(w) < spellMinLen || len(w) > spellMaxLen || !letters(w) {
			continue
		}
		words[w] |= langBits(&e)
	}
	return words
}

// isVowel reports whether the rune starting at s[i] is a vowel, and its
// length in bytes.
func isVowel(s string, i int) (bool, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		switch c {
		case 'a', 'e', 'i', 'o', 'u', 'y':
			return true, 1
		}
		return false, 1
	}
	r, w := utf8.DecodeRuneInString(s[i:])
	switch r {
	case 'å', 'ä', 'ö', 'ø', 'æ':
		return true, w
	}
	return false, w
}

// spellFix returns the abusive word w is a spelling by ear of, for the
// languages fam, or "". buf is scratch space.
func (ti *typoIndex) spellFix(w string, fam uint16, buf []byte) string {
	ok := func(t []byte) bool {
		bits, found := ti.spell[string(t)] // no allocation: map lookup by a converted []byte
		return found && bits&fam != 0
	}
	// z read as s and w as v, in the whole word.
	zw := buf[:0]
	swapped := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch c {
		case 'z':
			c, swapped = 's', true
		case 'w':
			c, swapped = 'v', true
		}
		zw = append(zw, c)
	}
	if swapped && ok(zw) {
		return string(zw)
	}
	// One doubled vowel made single, in the word as written and with z
	// and w read.
	src := string(zw) // one allocation, only for a word with a doubled vowel (checked by the caller)
	out := zw[len(zw):]
	for i := 0; i < len(src); {
		v, l := isVowel(src, i)
		if v && i+2*l <= len(src) && src[i:i+l] == src[i+l:i+2*l] && (i+3*l > len(src) || src[i:i+l] != src[i+2*l:min(i+3*l, len(src))]) {
			out = append(append(out[:0], src[:i+l]...), src[i+2*l:]...)
			if ok(out) {
				return string(out)
			}
		}
		i += l
	}
	return ""
}

// mayRespell reports whether text has a z, a w or a vowel written twice in
// a row (a cheap test on bytes: å, ä, ö, ø, æ are two bytes each, so their
// doubles show as a repeated pair).
func mayRespell(text string) bool {
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case 'z', 'w':
			return true
		case 'a', 'e', 'i', 'o', 'u', 'y':
			if i+1 < len(text) && text[i+1] == c {
				return true
			}
		case 0xc3:
			if i+3 < len(text) && text[i+2] == 0xc3 && text[i+3] == text[i+1] {
				return true
			}
		}
	}
	return false
}

// doubledVowel reports whether w has a vowel written twice in a row.
func doubledVowel(w string) bool {
	for i := 0; i < len(w); {
		v, l := isVowel(w, i)
		if v && i+2*l <= len(w) && w[i:i+l] == w[i+l:i+2*l] {
			return true
		}
		i += l
	}
	return false
}

// respell returns n with its words spelled by ear read as the abusive
// words they stand for, or nil when there is none or the comment is not
// in a Nordic language.
func (d *Detector) respell(n *normalize.Normalized, lang string) *normalize.Normalized {
	ti := d.lx.typos
	if ti == nil || len(ti.spell) == 0 {
		return nil
	}
	fam := d.famBits(lang) & d.spellBits
	if fam == 0 {
		return nil
	}
	text := n.String()
	if !mayRespell(text) {
		return nil // most comments: read no further
	}
	var at [][2]int
	var with []string
	var buf [2 * spellMaxLen]byte
	for i := 0; i < len(text); {
		if !isWordAt(text, i) {
			_, w := utf8.DecodeRuneInString(text[i:])
			i += w
			continue
		}
		s := i
		for i < len(text) && isWordAt(text, i) {
			_, w := utf8.DecodeRuneInString(text[i:])
			i += w
		}
		w := text[s:i]
		if len(w) < spellMinLen+1 || len(w) > spellMaxLen {
			continue
		}
		zw, digit := false, false
		for k := 0; k < len(w); k++ {
			switch c := w[k]; {
			case c == 'z' || c == 'w':
				zw = true
			case '0' <= c && c <= '9':
				digit = true
			}
		}
		if digit || !zw && !doubledVowel(w) {
			continue
		}
		if _, known := d.lx.vocab[w]; known {
			continue
		}
		if t := ti.spellFix(w, fam, buf[:0]); t != "" {
			at = append(at, [2]int{s, i})
			with = append(with, t)
		}
	}
	if len(at) == 0 {
		return nil
	}
	return n.Replace(at, with)
}
