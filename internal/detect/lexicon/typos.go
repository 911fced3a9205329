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

// typoKinds are the kinds of the entries a misspelled word may be read as.
var typoKinds = [...]bool{kGroup: true, kPart: false}

// typoIndex holds the single-word targets of typo reading.
type typoIndex struct {
	words map[string]uint16 // target -> language bits
}

const (
	typoMinLen = 5 // shortest word read with two letters swapped
	typoMaxLen = 24
)

func buildTypos(lx *lexicon) *typoIndex {
	ti := &typoIndex{words: map[string]uint16{}}
	for _, e := range lx.entries {
		if e.parts != 0 || int(e.kind) >= len(typoKinds) || !typoKinds[e.kind] || e.pre || e.suf {
			continue
		}
		w := normalize.Key(e.term)
		if strings.IndexByte(w, ' ') >= 0 || len(w) < typoMinLen || len(w) > typoMaxLen || !asciiLetters(w) {
			continue
		}
		ti.words[w] |= lx.langBits(e.lang)
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
func (ti *typoIndex) fix(w string, fam uint16, buf []byte) string {
	ok := func(t string) bool {
		bits, found := ti.words[t]
		return found && (fam == 0 || bits&fam != 0)
	}
	// Two neighbouring letters swapped.
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
	return ""
}

// typos returns n with its misspelled abusive words and group names
// spelled right, or nil when there is none.
func (d *Detector) typos(n *normalize.Normalized, lang string) *normalize.Normalized {
	ti := d.lx.typos
	if ti == nil {
		return nil
	}
	fam := d.famBits(lang)
	text := n.String()
	var at [][2]int
	var with []string
	var buf []byte
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
		if len(w) < typoMinLen || len(w) > typoMaxLen {
			continue
		}
		if _, known := d.lx.vocab[w]; known {
			continue
		}
		if t := ti.fix(w, fam, buf); t != "" {
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
