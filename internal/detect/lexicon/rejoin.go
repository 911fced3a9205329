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

const joinMinLen = 4 // shortest joined word

// joinIndex holds the words a split word may be read as, with a small
// Bloom filter over them: almost every pair of neighbouring words is ruled
// out by it, in cache, before a lookup in the map.
type joinIndex struct {
	words map[string]uint16
	bloom [1 << 17 / 64]uint64 // 16 KB
}

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

func (ji *joinIndex) add(w string) {
	h := joinHash(w, "")
	for _, k := range [2]uint64{h & (1<<17 - 1), (h >> 32) & (1<<17 - 1)} {
		ji.bloom[k/64] |= 1 << (k % 64)
	}
}

func (ji *joinIndex) mayJoin(a, b string) bool {
	if len(a)+len(b) < joinMinLen {
		return false
	}
	h := joinHash(a, b)
	k1, k2 := h&(1<<17-1), (h>>32)&(1<<17-1)
	return ji.bloom[k1/64]&(1<<(k1%64)) != 0 && ji.bloom[k2/64]&(1<<(k2%64)) != 0
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
		abusive := abuseKind(k) || k == kProfanity
		bit := lx.langBits(e.lang)
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
	ji := &joinIndex{words: words}
	for w := range words {
		ji.add(w)
	}
	return ji
}

func isJoinSep(c byte) bool {
	return c == ' ' || c == '.' || c == '-' || c == '/' || c == '_' || c == '|'
}

// rejoin returns n with its split abusive words joined, or nil when it
// has none.
func (d *Detector) rejoin(n *normalize.Normalized, lang string) *normalize.Normalized {
	joins := d.lx.joins
	text := n.String()
	fam := d.famBits(lang)
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
			if !joins.mayJoin(a, b) {
				prevS, prevE = s, i
				continue
			}
			if bits, ok := joins.words[string(joined)]; ok && (fam == 0 || bits&fam != 0) {
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
