package outbound

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// token is one word of a text, folded for matching, with the byte range
// of the original it came from.
type token struct {
	fold       string
	start, end int
}

// letterFolds are letters that decomposition leaves alone but a person
// typing a name may write without their mark ("Søren" as "Soren").
var letterFolds = map[rune]string{'ø': "o", 'æ': "ae", 'ß': "ss", 'œ': "oe", 'ł': "l", 'đ': "d", 'ð': "d", 'þ': "th", 'ı': "i"}

// foldTable holds the folds of the Latin letters (Latin-1 and Latin
// Extended-A and B), computed once: decomposing each rune of each text
// would allocate.
var foldTable = func() [0x250]string {
	var t [0x250]string
	for r := rune(0x80); r < 0x250; r++ {
		var b strings.Builder
		foldSlow(&b, r)
		t[r] = b.String()
	}
	return t
}()

// foldRune appends r lower-cased and without diacritics.
func foldRune(b *strings.Builder, r rune) {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		b.WriteByte(byte(r))
		return
	}
	if r < 0x250 {
		b.WriteString(foldTable[r])
		return
	}
	foldSlow(b, r)
}

func foldSlow(b *strings.Builder, r rune) {
	r = unicode.ToLower(r)
	if s, ok := letterFolds[r]; ok {
		b.WriteString(s)
		return
	}
	if r < utf8.RuneSelf {
		b.WriteRune(r)
		return
	}
	for _, d := range norm.NFD.String(string(r)) {
		if !unicode.Is(unicode.Mn, d) {
			b.WriteRune(d)
		}
	}
}

// tokens splits s into words (runs of letters and digits), folded. An
// apostrophe or hyphen ends a word, so "Léa's" is "lea" "s" and "d'Anna" is
// "d" "anna": possessives and elisions fall out as separate words. Invalid
// UTF-8 is a separator.
func tokens(s string) []token {
	var out []token
	var b strings.Builder
	start := -1
	flush := func(end int) {
		if start >= 0 {
			out = append(out, token{fold: b.String(), start: start, end: end})
			b.Reset()
			start = -1
		}
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)) {
			if start < 0 {
				if unicode.Is(unicode.Mn, r) { // a stray mark does not start a word
					i += n
					continue
				}
				start = i
			}
			foldRune(&b, r)
		} else {
			flush(i)
		}
		i += n
	}
	flush(len(s))
	return out
}

// foldPhrase folds a name or keyword into its words.
func foldPhrase(s string) []string {
	ts := tokens(s)
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.fold
	}
	return out
}

// inflections are endings a name takes in the six languages: genitive -s
// (sv, nb, de, nl, en without the apostrophe), -es, -n/-en/-ns (de, nl
// plurals and old genitives), -e. Only on the last word of a phrase and
// only for stems of three letters or more, so "Al" does not match "als".
var inflections = []string{"s", "es", "n", "en", "ns", "e", "ens"}

// wordMatches reports whether text word w is the phrase word p, allowing an
// inflection when last is set.
func wordMatches(w, p string, last bool) bool {
	if w == p {
		return true
	}
	if !last || utf8.RuneCountInString(p) < 3 || !strings.HasPrefix(w, p) {
		return false
	}
	for _, suf := range inflections {
		if w == p+suf {
			return true
		}
	}
	return false
}

// match is one occurrence of a phrase: the byte span in the original.
type match struct{ start, end int }

// findPhrase finds every occurrence of phrase (already folded into words)
// in the text's tokens.
func findPhrase(ts []token, phrase []string) []match {
	if len(phrase) == 0 {
		return nil
	}
	var out []match
	for i := 0; i+len(phrase) <= len(ts); i++ {
		ok := true
		for k, p := range phrase {
			if !wordMatches(ts[i+k].fold, p, k == len(phrase)-1) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, match{ts[i].start, ts[i+len(phrase)-1].end})
		}
	}
	return out
}

// findExact finds phrase word for word, without inflections.
func findExact(ts []token, phrase []string) []match {
	var out []match
	for i := 0; len(phrase) > 0 && i+len(phrase) <= len(ts); i++ {
		ok := true
		for k, p := range phrase {
			if ts[i+k].fold != p {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, match{ts[i].start, ts[i+len(phrase)-1].end})
		}
	}
	return out
}

// samePerson reports whether two names are the same once folded.
func samePerson(a, b string) bool {
	fa, fb := foldPhrase(a), foldPhrase(b)
	if len(fa) == 0 || len(fa) != len(fb) {
		return false
	}
	for i := range fa {
		if fa[i] != fb[i] {
			return false
		}
	}
	return true
}

// compact folds s and keeps only letters and digits, to compare contact
// data written differently ("+33 1 23 45 67 89" and "+33123456789").
func compact(s string) string {
	var b strings.Builder
	for _, t := range tokens(s) {
		b.WriteString(t.fold)
	}
	return b.String()
}
