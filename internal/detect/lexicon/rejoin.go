package lexicon

import (
	"strings"
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

// joinKinds are the kinds whose words a split word may be read as; the
// cue kinds are left out so that function words never join.
var joinKinds = [...]bool{kInsult: true, kHarassment: true, kThreat: true, kHate: true, kSexual: true, kProfanity: true, kPart: false}

const joinMinLen = 4 // shortest joined word

// buildJoins collects the words of the abusive entries (also the parts of
// patterns with gaps) that no cue entry uses.
func buildJoins(lx *lexicon) map[string]uint16 {
	cue := map[string]bool{}
	words := map[string]uint16{}
	for _, e := range lx.entries {
		k := e.kind
		if k == kPart {
			k = lx.entries[e.whole].kind
		}
		abusive := int(k) < len(joinKinds) && joinKinds[k]
		var bit uint16 = ^uint16(0)
		for i, l := range lx.langs {
			if l == e.lang {
				bit = 1 << i
			}
		}
		for _, w := range strings.Fields(normalize.Key(e.term)) {
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
	return words
}

func isJoinSep(c byte) bool {
	return c == ' ' || c == '.' || c == '-' || c == '/' || c == '_' || c == '|'
}

// rejoin returns n with its split abusive words joined, or nil when it
// has none.
func (d *Detector) rejoin(n *normalize.Normalized, lang string) *normalize.Normalized {
	joins := d.lx.joins
	text := n.String()
	var fam uint16
	for _, l := range family(strings.ToLower(lang)) {
		fam |= d.langBit[l]
	}
	var at [][2]int
	var with []string
	var buf [64]byte
	prevS, prevE := -1, -1 // the word before, when only a separator lies between
	for i := 0; i < len(text); {
		if !isWordAt(text, i) {
			if i > prevE || !isJoinSep(text[i]) {
				prevS = -1 // more than one separator, or punctuation: no join
			}
			i++
			continue
		}
		s := i
		for i < len(text) && isWordAt(text, i) {
			_, w := utf8.DecodeRuneInString(text[i:])
			i += w
		}
		if prevS >= 0 && s == prevE+1 && i-s+prevE-prevS <= len(buf) {
			a, b := text[prevS:prevE], text[s:i]
			joined := append(append(buf[:0], a...), b...)
			if bits, ok := joins[string(joined)]; ok && (fam == 0 || bits&fam != 0) {
				_, ka := d.lx.vocab[a]
				_, kb := d.lx.vocab[b]
				ok := !(ka && kb)
				if sp := n.Span(prevE, prevE+1); text[prevE] == ' ' && strings.Trim(n.Original()[sp.Start():sp.End()], " \t\n'’`´") == "" {
					// A space also stands for an apostrophe ("let s",
					// "we re") and separates real words ("in dem", "du
					// er"): across one, neither half may be a known word,
					// nor a single letter.
					ok = !ka && !kb && prevE-prevS >= 2 && i-s >= 2 && len(joined) >= 5
				}
				if ok {
					at = append(at, [2]int{prevS, i})
					with = append(with, string(joined))
					prevS = -1
					continue
				}
			}
		}
		prevS, prevE = s, i
	}
	if len(at) == 0 {
		return nil
	}
	return n.Replace(at, with)
}
