package lexicon

import (
	"slices"
	"strings"

	"github.com/stormwatch/stormwatch/internal/detect/normalize"
)

// Masked runs: "n***er", "b***h", "f***ing", "c*****e". A writer who hides a
// word's middle behind a run of stars usually keeps its length, one star a
// letter. Trying every letter in each of several masks (unmask) would be
// thousands of readings, so a run of two masks or more is instead read as
// the abusive one-word entry of the same length that agrees with every
// letter shown: the first letter and at least one more are kept by the
// writer, or the word is not read.

// maskRunMinLen is the shortest word read this way: "c**t" is four, and a
// shorter one shows too little to tell one word from another.
const maskRunMinLen = 4

// maskWord is an abusive single-word entry that a masked run may stand for.
type maskWord struct {
	w    string
	sev  int8
	bits uint16 // languages whose lexicons have it
}

// maskIndex holds the abusive single words by length, the most severe
// first, then in byte order (the reading does not depend on map order).
type maskIndex [typoMaxLen + 1][]maskWord

func buildMaskRuns(lx *lexicon) *maskIndex {
	seen := map[string]int{} // word -> index in its length's list
	var ix maskIndex
	for _, e := range lx.entries {
		switch e.kind {
		case kInsult, kProfanity, kHarassment, kThreat, kHate, kSexual:
		default:
			continue
		}
		// Entries only aimed at someone (t) or a group (g) still need their
		// target: the reading is the word, the rest of the analysis decides.
		if e.parts != 0 || e.named != 0 || e.pre {
			continue
		}
		w := normalize.Key(lx.term(&e))
		if len(w) < maskRunMinLen || len(w) > typoMaxLen || !asciiLetters(w) {
			continue
		}
		if k, ok := seen[w]; ok {
			m := &ix[len(w)][k]
			m.bits |= langBits(&e)
			m.sev = max(m.sev, e.sev)
			continue
		}
		seen[w] = len(ix[len(w)])
		ix[len(w)] = append(ix[len(w)], maskWord{w: w, sev: e.sev, bits: langBits(&e)})
	}
	for n := range ix {
		slices.SortFunc(ix[n], func(a, b maskWord) int {
			if a.sev != b.sev {
				return int(b.sev - a.sev)
			}
			return strings.Compare(a.w, b.w)
		})
	}
	return &ix
}

// hasMaskRun reports whether two masks stand side by side in word.
func hasMaskRun(word string) bool {
	for k := 1; k < len(word); k++ {
		if isMask(word[k]) && isMask(word[k-1]) {
			return true
		}
	}
	return false
}

// readRun reads a word with a run of masks as the most severe abusive word
// of the comment's language family (any language when unknown) of the same
// length that agrees with every letter shown, or returns false. The word
// must open on a letter and show two letters at least.
func (ix *maskIndex) readRun(word string, fam uint16) (string, bool) {
	if ix == nil || len(word) < maskRunMinLen || len(word) > typoMaxLen || isMask(word[0]) || !hasMaskRun(word) {
		return "", false
	}
	shown := 0
	for k := 0; k < len(word); k++ {
		if !isMask(word[k]) {
			shown++
		}
	}
	if shown < 2 {
		return "", false
	}
	for _, m := range ix[len(word)] {
		if fam != 0 && m.bits&fam == 0 {
			continue
		}
		if agrees(m.w, word) {
			return m.w, true
		}
	}
	return "", false
}

// agrees reports whether w has masked's letters wherever masked shows one.
func agrees(w, masked string) bool {
	for k := 0; k < len(masked); k++ {
		if !isMask(masked[k]) && masked[k] != w[k] {
			return false
		}
	}
	return true
}
