package builtin_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/detect/builtin"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/policy"
)

// The obfuscation probe: the lexicons themselves, not labelled items, are
// the probe set. Every unambiguous single-word insult, sexual or hate term
// is put in a plain sentence aimed at the reader; the words the default
// policy removes in plain form are then written the ways people slip abuse
// past filters (generated below), and each way must still be removed. This
// measures the normaliser and the masked-word reader on every word the
// product knows, in every language, without fitting any labelled item.

// probeFrames aim a term at the reader in each language.
var probeFrames = map[string]string{
	"fr": "T'es vraiment un %s.",
	"nl": "Jij bent echt een %s.",
	"sv": "Du är verkligen en %s.",
	"nb": "Du er virkelig en %s.",
	"en": "You are such a %s.",
	"de": "Du bist echt ein %s.",
}

// obfuscation is one way of disguising a word.
type obfuscation struct {
	name string
	fn   func(w string) string
}

var leetMap = map[rune]string{'a': "4", 'e': "3", 'i': "1", 'o': "0", 's': "5", 't': "7"}
var symMap = map[rune]string{'a': "@", 's': "$", 'i': "!", 'e': "€"}
var cyrillic = map[rune]string{'a': "а", 'e': "е", 'o': "о", 'p': "р", 'c': "с", 'x': "х", 'y': "у", 'i': "і"}

// replaceAll replaces every letter of w found in m.
func replaceAll(w string, m map[rune]string) string {
	var b strings.Builder
	for _, r := range w {
		if s, ok := m[r]; ok {
			b.WriteString(s)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// replaceOne replaces the first letter of w found in m after the first
// letter (people keep the word recognisable).
func replaceOne(w string, m map[rune]string) string {
	for i, r := range w {
		if i == 0 {
			continue
		}
		if s, ok := m[r]; ok {
			return w[:i] + s + w[i+utf8.RuneLen(r):]
		}
	}
	return w
}

// between puts sep between every letter.
func between(w, sep string) string {
	rs := []rune(w)
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = string(r)
	}
	return strings.Join(parts, sep)
}

// maskVowel replaces one inner vowel by '*'.
func maskVowel(w string) string {
	rs := []rune(w)
	for i := 1; i < len(rs)-1; i++ {
		if strings.ContainsRune("aeiouyåäöøæü", rs[i]) {
			rs[i] = '*'
			return string(rs)
		}
	}
	return w
}

// stretch repeats the first inner vowel five times.
func stretch(w string) string {
	rs := []rune(w)
	for i := 1; i < len(rs); i++ {
		if strings.ContainsRune("aeiouyåäöøæü", rs[i]) {
			return string(rs[:i]) + strings.Repeat(string(rs[i]), 5) + string(rs[i+1:])
		}
	}
	return w
}

var obfuscations = []obfuscation{
	{"upper", strings.ToUpper},
	{"leet-all", func(w string) string { return replaceAll(w, leetMap) }},
	{"leet-one", func(w string) string { return replaceOne(w, leetMap) }},
	{"symbols", func(w string) string { return replaceAll(w, symMap) }},
	{"symbol-one", func(w string) string { return replaceOne(w, symMap) }},
	{"cyrillic", func(w string) string { return replaceAll(w, cyrillic) }},
	{"spaced", func(w string) string { return between(w, " ") }},
	{"dotted", func(w string) string { return between(w, ".") }},
	{"dashed", func(w string) string { return between(w, "-") }},
	{"underscored", func(w string) string { return between(w, "_") }},
	{"starred", func(w string) string { return between(w, "*") }},
	{"zero-width", func(w string) string { return between(w, "\u200b") }},
	{"soft-hyphen", func(w string) string { return between(w, "\u00ad") }},
	{"masked", maskVowel},
	{"stretched", stretch},
	{"spaced-upper", func(w string) string { return between(strings.ToUpper(w), " ") }},
	{"leet-dotted", func(w string) string { return between(replaceOne(w, leetMap), ".") }},
	{"leet-stretched", func(w string) string { return stretch(replaceOne(w, leetMap)) }},
}

// probeTerms reads the terms of the lexicon files for insult, sexual,
// hate, harassment and threat of severity 2 or more: single words (put in a
// frame aimed at the reader) and phrases without gaps (which carry their
// own target, said as they are). Alternatives are spelled out, at most four
// per line so that long lists do not dominate.
func probeTerms(t *testing.T, lang string) []string {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "lexicon", "data", lang+".tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	seen := map[string]bool{}
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 4 || strings.HasPrefix(cols[0], "#") || cols[0] == "term" {
			continue
		}
		switch cols[1] {
		case "insult", "sexual", "hate", "harassment", "threat":
		default:
			continue
		}
		if cols[2] < "2" || strings.Contains(cols[0], "..") || strings.ContainsAny(cols[3], "gro") {
			continue
		}
		forms := expandTerm(strings.Trim(cols[0], "*"))
		if len(forms) > 4 {
			forms = forms[:4]
		}
		for _, w := range forms {
			w = strings.Join(strings.Fields(w), " ")
			if utf8.RuneCountInString(w) < 4 || strings.Contains(w, "*") || seen[w] {
				continue
			}
			seen[w] = true
			out = append(out, w)
		}
	}
	sort.Strings(out)
	return out
}

// expandTerm spells out the alternatives of a lexicon term.
func expandTerm(term string) []string {
	i := strings.IndexByte(term, '(')
	if i < 0 {
		return []string{term}
	}
	j := strings.IndexByte(term[i:], ')')
	if j < 0 {
		return nil
	}
	j += i
	var out []string
	for _, alt := range strings.Split(term[i+1:j], "|") {
		for _, r := range expandTerm(term[j+1:]) {
			out = append(out, term[:i]+alt+r)
		}
	}
	return out
}

// sentence puts a probe term in its frame: a single word is aimed at the
// reader, a phrase is said as it is.
func sentence(lang, term, shown string) string {
	if strings.Contains(term, " ") {
		term = shown
		r, n := utf8.DecodeRuneInString(term)
		return strings.ToUpper(string(r)) + term[n:] + "."
	}
	return fmt.Sprintf(probeFrames[lang], shown)
}

// obfuscatePhrase disguises the longest word of a term.
func obfuscatePhrase(term string, fn func(string) string) string {
	ws := strings.Split(term, " ")
	k := 0
	for i, w := range ws {
		if utf8.RuneCountInString(w) > utf8.RuneCountInString(ws[k]) {
			k = i
		}
	}
	ws[k] = fn(ws[k])
	return strings.Join(ws, " ")
}

// removes reports whether the default engine and policy remove text.
func removes(e *detect.Engine, p *policy.Policy, text, lang string) bool {
	res := e.Analyze(context.Background(), detect.Input{Text: text, Lang: lang})
	it := ingest.Item{Text: text, Lang: lang, Kind: ingest.KindComment}
	d := p.Decide(policy.InputFor(&it, res.Lang, res.Signals))
	return d.Action == "hide" || d.Action == "delete"
}

// removalCase is a text and whether the built-in engine with the default
// policy must remove it.
type removalCase struct {
	lang, text string
	remove     bool
}

// checkRemovals runs the cases, one subtest each, and shows the signals of
// a case that goes the wrong way.
func checkRemovals(t *testing.T, cases []removalCase) {
	t.Helper()
	e, err := builtin.Engine()
	if err != nil {
		t.Fatal(err)
	}
	p := policy.Default()
	for _, tt := range cases {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			if got := removes(e, p, tt.text, tt.lang); got != tt.remove {
				res := e.Analyze(t.Context(), detect.Input{Text: tt.text, Lang: tt.lang})
				t.Errorf("removed = %v, want %v; signals %+v", got, tt.remove, res.Signals)
			}
		})
	}
}

func TestObfuscationProbe(t *testing.T) {
	e, err := builtin.Engine()
	if err != nil {
		t.Fatal(err)
	}
	p := policy.Default()
	langs := []string{"fr", "nl", "sv", "nb", "en", "de"}
	caught := map[string]int{}
	total := map[string]int{}
	var plain, plainAll int
	var misses []string
	for _, lang := range langs {
		for _, w := range probeTerms(t, lang) {
			plainAll++
			if !removes(e, p, sentence(lang, w, w), lang) {
				continue
			}
			plain++
			for _, o := range obfuscations {
				ow := obfuscatePhrase(w, o.fn)
				if ow == w {
					continue
				}
				total[o.name]++
				if removes(e, p, sentence(lang, w, ow), lang) {
					caught[o.name]++
				} else {
					misses = append(misses, fmt.Sprintf("%s %-14s %q", lang, o.name, sentence(lang, w, ow)))
				}
			}
		}
	}
	t.Logf("plain form removed: %d of %d terms", plain, plainAll)
	var sum, n int
	for _, o := range obfuscations {
		t.Logf("%-15s %4d / %4d  %.3f", o.name, caught[o.name], total[o.name], float64(caught[o.name])/float64(max(total[o.name], 1)))
		sum += caught[o.name]
		n += total[o.name]
	}
	rate := float64(sum) / float64(max(n, 1))
	t.Logf("all obfuscations: %d / %d  %.3f", sum, n, rate)
	if testing.Verbose() {
		for _, m := range misses {
			t.Log("miss:", m)
		}
	}
	if rate < minObfuscationRate {
		t.Errorf("obfuscated abuse removed in %.3f of cases, want >= %.2f", rate, minObfuscationRate)
	}
}

// minObfuscationRate is the floor the probe must keep.
const minObfuscationRate = 0.95
