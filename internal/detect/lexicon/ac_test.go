package lexicon

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/detect/normalize"
	"github.com/stormwatch/stormwatch/internal/sim"
)

// match is one occurrence reported by scan.
type match struct{ id, s, t int32 }

func scanAll(a *automaton, text string) []match {
	var out []match
	a.scan(text, func(id, s, t int32) { out = append(out, match{id, s, t}) })
	return out
}

// refOrder is the order scan promises: by end, then longest first (a
// state's own pattern before those of its failure chain), then by id.
func refOrder(ms []match) []match {
	slices.SortFunc(ms, func(x, y match) int {
		if c := cmp.Compare(x.t, y.t); c != 0 {
			return c
		}
		if c := cmp.Compare(y.t-y.s, x.t-x.s); c != 0 {
			return c
		}
		return cmp.Compare(x.id, y.id)
	})
	return ms
}

// refScan is the naive reference: every occurrence of every pattern found
// with strings.Index. An empty pattern ends at every byte (not before the
// first one), as an automaton whose root has an output reports it. An
// anchored pattern (anchored may be nil) counts only at a word start
// (wordStarts).
func refScan(patterns []string, anchored []bool, text string) []match {
	starts := wordStarts(text)
	var out []match
	for id, p := range patterns {
		if p == "" {
			for t := 1; t <= len(text); t++ {
				out = append(out, match{int32(id), int32(t), int32(t)})
			}
			continue
		}
		for from := 0; from <= len(text); {
			i := strings.Index(text[from:], p)
			if i < 0 {
				break
			}
			s := from + i
			if id >= len(anchored) || !anchored[id] || !isWordAt(p, 0) || starts[s] {
				out = append(out, match{int32(id), int32(s), int32(s + len(p))})
			}
			from = s + 1
		}
	}
	return refOrder(out)
}

// wordStarts marks the bytes of text where a word starts, as the scan
// reads them: a letter or digit after anything else (isWordAt, with the
// previous character decoded as isWordBefore does).
func wordStarts(text string) []bool {
	out := make([]bool, len(text)+1)
	for i := range text {
		out[i] = isWordAt(text, i) && !isWordBefore(text, i)
	}
	return out
}

// refStream is the reference for any bytes: the text as the scan reads it,
// with a marker fed before every character that starts a word (a character
// being what utf8.DecodeRuneInString reads at a byte that may start one),
// searched with strings.Index for the patterns as compiled (marked). On
// UTF-8 it agrees with refScan.
func refStream(patterns []string, anchored []bool, text string) []match {
	var v []byte
	pos := []int32{} // pos[k]: the text offset of v[k]
	prevWord := false
	for i := 0; i < len(text); i++ {
		if utf8.RuneStart(text[i]) {
			r, _ := utf8.DecodeRuneInString(text[i:])
			w := normalize.IsWordRune(r) && (r >= utf8.RuneSelf || asciiWord[r])
			if w && !prevWord {
				v = append(v, marker)
				pos = append(pos, int32(i))
			}
			prevWord = w
		}
		v = append(v, text[i])
		pos = append(pos, int32(i))
	}
	pos = append(pos, int32(len(text)))
	vs := string(v)
	var out []match
	for id, p := range patterns {
		if p == "" {
			for t := 1; t <= len(text); t++ {
				out = append(out, match{int32(id), int32(t), int32(t)})
			}
			continue
		}
		mp := marked(p, id < len(anchored) && anchored[id] && isWordAt(p, 0))
		for from := 0; from <= len(vs); {
			i := strings.Index(vs[from:], mp)
			if i < 0 {
				break
			}
			e := pos[from+i+len(mp)]
			out = append(out, match{int32(id), e - int32(len(p)), e})
			from += i + 1
		}
	}
	return refOrder(out)
}

// validPatterns reports whether every pattern is UTF-8 (as the lexicon's
// are): the scan reads word starts one character after another, and a
// pattern cut inside a character could read them otherwise than the text.
func validPatterns(patterns []string) bool {
	for _, p := range patterns {
		if !utf8.ValidString(p) {
			return false
		}
	}
	return true
}

// refIndex is the same reference for a large pattern set (strings.Index
// over tens of thousands of patterns per text is too slow for a unit
// test): at each position, every pattern length is looked up, among the
// lengths of the patterns that start with the next two bytes.
type refIndex struct {
	byKey map[string][]int32
	lens  map[string][]int // first two bytes (or the only one) -> lengths
}

func newRefIndex(patterns []string) *refIndex {
	r := &refIndex{byKey: map[string][]int32{}, lens: map[string][]int{}}
	for id, p := range patterns {
		r.byKey[p] = append(r.byKey[p], int32(id))
		if p == "" {
			continue
		}
		k := p[:min(2, len(p))]
		if !slices.Contains(r.lens[k], len(p)) {
			r.lens[k] = append(r.lens[k], len(p))
		}
	}
	return r
}

func (r *refIndex) scan(text string) []match {
	var out []match
	for s := 0; s < len(text); s++ {
		for _, k := range []string{text[s : s+1], text[s:min(s+2, len(text))]} {
			for _, l := range r.lens[k] {
				if len(k) == 1 && l != 1 || len(k) == 2 && l < 2 || s+l > len(text) {
					continue
				}
				for _, id := range r.byKey[text[s:s+l]] {
					out = append(out, match{id, int32(s), int32(s + l)})
				}
			}
			if s+1 == len(text) {
				break // the one-byte key again
			}
		}
	}
	return refOrder(out)
}

// atWordStarts drops the matches of anchored patterns that do not start a
// word.
func atWordStarts(ms []match, anchored []bool, text string) []match {
	starts := wordStarts(text)
	return slices.DeleteFunc(ms, func(m match) bool { return anchored[m.id] && !starts[m.s] })
}

func sameMatches(t *testing.T, what string, got, want []match) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n got %v\nwant %v", what, got, want)
	}
}

// denseSizes are the dense budgets the tests compile with: the root only,
// one level, and everything.
var denseSizes = []int{0, 300, denseBudget}

func TestScanTable(t *testing.T) {
	cases := []struct {
		name     string
		patterns []string
		text     string
		want     []match
	}{
		{"empty text", []string{"idiot", "id"}, "", nil},
		{"no patterns", nil, "idiot", nil},
		{"bytes in no pattern", []string{"ab"}, "xyz\x00\xff", nil},
		{"one", []string{"idiot"}, "you idiot", []match{{0, 4, 9}}},
		{"repeated", []string{"aa"}, "aaaa", []match{{0, 0, 2}, {0, 1, 3}, {0, 2, 4}}},
		{"nested, longest first", []string{"idiot", "jävla idiot", "id"},
			"jävla idiot", []match{{2, 7, 9}, {1, 0, 12}, {0, 7, 12}}},
		{"overlapping", []string{"abc", "bcd", "cd"}, "abcd", []match{{0, 0, 3}, {1, 1, 4}, {2, 2, 4}}},
		{"prefix and extension", []string{"con", "connard", "conn"}, "connards",
			[]match{{0, 0, 3}, {2, 0, 4}, {1, 0, 7}}},
		{"failure into a sibling", []string{"abcx", "bcy", "c"}, "abcy",
			[]match{{2, 2, 3}, {1, 1, 4}}},
		{"multibyte utf-8", []string{"ø", "bøsse", "🤡"}, "din bøsse 🤡",
			[]match{{0, 5, 7}, {1, 4, 10}, {2, 11, 15}}},
		{"multibyte sharing a lead byte", []string{"é", "è"}, "éèê",
			[]match{{0, 0, 2}, {1, 2, 4}}},
		{"duplicate patterns in id order", []string{"x", "ab", "ab"}, "ab", []match{{1, 0, 2}, {2, 0, 2}}},
		{"whole text", []string{"hello world"}, "hello world", []match{{0, 0, 11}}},
		// Not in the lexicon (a term never normalises to nothing), but
		// defined: an empty pattern ends at every byte.
		{"empty pattern", []string{"", "a"}, "ba", []match{{0, 1, 1}, {1, 1, 2}, {0, 2, 2}}},
	}
	for _, tc := range cases {
		for _, nd := range denseSizes {
			t.Run(fmt.Sprintf("%s/dense%d", tc.name, nd), func(t *testing.T) {
				a := compileDense(tc.patterns, nil, nd)
				got := scanAll(a, tc.text)
				sameMatches(t, "scan", got, tc.want)
				sameMatches(t, "reference", refScan(tc.patterns, nil, tc.text), tc.want)
			})
		}
	}
}

func TestScanAnchored(t *testing.T) {
	yes, no := true, false
	cases := []struct {
		name     string
		patterns []string
		anchored []bool
		text     string
		want     []match
	}{
		{"word start only", []string{"rat"}, []bool{yes}, "pirate rat", []match{{0, 7, 10}}},
		{"unanchored everywhere", []string{"rat"}, []bool{no}, "pirate rat", []match{{0, 2, 5}, {0, 7, 10}}},
		{"start of text", []string{"rat"}, []bool{yes}, "rats", []match{{0, 0, 3}}},
		{"after punctuation and digits", []string{"id"}, []bool{yes}, "(id 2id é-id", []match{{0, 1, 3}, {0, 11, 13}}},
		{"after a non-ASCII letter", []string{"ot"}, []bool{yes}, "ßot øot ot", []match{{0, 10, 12}}},
		{"phrase with inner words", []string{"vi vet var", "vet"}, []bool{yes, yes}, "vi vet var du bor, vivet",
			[]match{{1, 3, 6}, {0, 0, 10}}},
		{"phrase found inside a longer phrase", []string{"du bor"}, []bool{yes}, "vet var du bor", []match{{0, 8, 14}}},
		{"anchored and not, nested", []string{"idiot", "iot", "jävla idiot"}, []bool{yes, no, yes},
			"jävla idiot idiotiot", []match{{2, 0, 12}, {0, 7, 12}, {1, 9, 12}, {0, 13, 18}, {1, 15, 18}, {1, 18, 21}}},
		{"a pattern that starts with a non-word byte is never anchored", []string{" x", "🤡"}, []bool{yes, yes},
			"a x🤡b", []match{{0, 1, 3}, {1, 3, 7}}},
		{"upper-case ASCII is no word character (the text is folded)", []string{"ab"}, []bool{yes}, "Xab", []match{{0, 1, 3}}},
	}
	for _, tc := range cases {
		for _, nd := range denseSizes {
			t.Run(fmt.Sprintf("%s/dense%d", tc.name, nd), func(t *testing.T) {
				a := compileDense(tc.patterns, tc.anchored, nd)
				sameMatches(t, "scan", scanAll(a, tc.text), tc.want)
				sameMatches(t, "reference", refScan(tc.patterns, tc.anchored, tc.text), tc.want)
			})
		}
	}
}

// refFrom is scanFrom's reference: the anchored patterns that text[from:]
// starts with, by length.
func refFrom(patterns []string, anchored []bool, text string, from int) []match {
	var out []match
	for id, p := range patterns {
		if anchored[id] && p != "" && isWordAt(p, 0) && strings.HasPrefix(text[from:], p) {
			out = append(out, match{int32(id), int32(from), int32(from + len(p))})
		}
	}
	return refOrder(out)
}

func TestScanFrom(t *testing.T) {
	patterns := []string{"idiot", "diot", "dio", "di", "io", "diot du", "dumm"}
	anchored := []bool{true, true, true, false, true, true, true}
	for _, nd := range denseSizes {
		a := compileDense(patterns, anchored, nd)
		for _, text := range []string{"idiot", "xidiot du", "adumm", "idiotdiot"} {
			for from := range text {
				if !isWordAt(text, from) {
					continue
				}
				var got []match
				a.scanFrom(text, from, func(id, s, t int32) { got = append(got, match{id, s, t}) })
				sameMatches(t, fmt.Sprintf("dense %d, %q from %d", nd, text, from), got, refFrom(patterns, anchored, text, from))
			}
		}
	}
}

// randomPatterns draws a pattern set over a small alphabet, so patterns
// share prefixes and suffixes and nest in one another; wide alphabets give
// states with many children (searched by bisection).
func randomPatterns(r *rand.Rand, alphabet []string) []string {
	n := 1 + r.IntN(60)
	ps := make([]string, n)
	for i := range ps {
		var b strings.Builder
		for k := r.IntN(7) + 1; k > 0; k-- {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		ps[i] = b.String()
	}
	if r.IntN(4) == 0 {
		ps = append(ps, ps[r.IntN(len(ps))]) // a duplicate
	}
	return ps
}

// randomText mixes fragments of patterns (whole or cut anywhere, even
// inside a UTF-8 sequence) with random bytes.
func randomText(r *rand.Rand, patterns []string, alphabet []string) string {
	var b strings.Builder
	for k := r.IntN(12); k > 0; k-- {
		switch r.IntN(4) {
		case 0, 1:
			p := patterns[r.IntN(len(patterns))]
			i := r.IntN(len(p) + 1)
			j := i + r.IntN(len(p)-i+1)
			if r.IntN(2) == 0 {
				i, j = 0, len(p)
			}
			b.WriteString(p[i:j])
		case 2:
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		default:
			b.WriteByte(byte(r.IntN(256)))
		}
	}
	return b.String()
}

func TestScanRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabets := [][]string{
		{"a", "b"},
		{"a", "b", " "},
		{"a", "b", "c", "é", "ø"},
		strings.Split("abcdefghijklmnopqrstuvwxyz", ""),
		{"a", "b", "\x00", "\xff", "🤡"},
	}
	for round := 0; round < 600; round++ {
		alphabet := alphabets[round%len(alphabets)]
		patterns := randomPatterns(r, alphabet)
		for i, p := range patterns {
			// 0xff is the marker: never in a pattern (UTF-8 has no such byte).
			patterns[i] = strings.ReplaceAll(p, "\xff", "\xfe")
		}
		// Equal patterns are equally anchored, as one pattern of the
		// lexicon is (an anchored copy would come first, out of id order).
		anchoredBy := map[string]bool{}
		anchored := make([]bool, len(patterns))
		for i, p := range patterns {
			if _, ok := anchoredBy[p]; !ok {
				anchoredBy[p] = r.IntN(2) == 0
			}
			anchored[i] = anchoredBy[p]
		}
		dense := []int{0, r.IntN(2000), denseBudget}[round%3]
		a, plain := compileDense(patterns, anchored, dense), compileDense(patterns, nil, dense)
		for k := 0; k < 20; k++ {
			text := randomText(r, patterns, alphabet)
			for name, c := range map[string]struct {
				a        *automaton
				anchored []bool
			}{"anchored": {a, anchored}, "plain": {plain, nil}} {
				got, want := scanAll(c.a, text), refStream(patterns, c.anchored, text)
				if !slices.Equal(got, want) {
					t.Fatalf("%s: patterns %q, anchored %v, text %q:\n got %v\nwant %v", name, patterns, c.anchored, text, got, want)
				}
				// On UTF-8 the stream's word starts are the detector's.
				if utf8.ValidString(text) && validPatterns(patterns) {
					if ref := refScan(patterns, c.anchored, text); !slices.Equal(ref, want) {
						t.Fatalf("%s: references disagree on patterns %q, anchored %v, text %q:\nscan   %v\nstream %v", name, patterns, c.anchored, text, ref, want)
					}
				}
			}
			if !utf8.ValidString(text) || !validPatterns(patterns) {
				continue
			}
			for from := range text {
				if !isWordAt(text, from) {
					continue
				}
				var got []match
				a.scanFrom(text, from, func(id, s, t int32) { got = append(got, match{id, s, t}) })
				if want := refFrom(patterns, anchored, text, from); !slices.Equal(got, want) {
					t.Fatalf("scanFrom %d: patterns %q, anchored %v, text %q:\n got %v\nwant %v", from, patterns, anchored, text, got, want)
				}
			}
		}
	}
}

// TestScanManyEqualPatterns covers a state that owns more equal patterns
// than the byte compileDense counts them in.
func TestScanManyEqualPatterns(t *testing.T) {
	var patterns []string
	for i := range 900 { // 300 of each
		patterns = append(patterns, []string{"ab", "b", "abc"}[i%3])
	}
	text := "xabc ab"
	got, want := scanAll(compileDense(patterns, nil, denseBudget), text), refStream(patterns, nil, text)
	if !slices.Equal(got, want) {
		t.Fatalf("got %d matches, want %d:\n got %v\nwant %v", len(got), len(want), got, want)
	}
	if len(want) != 5*300 {
		t.Fatalf("reference found %d matches, want 1500", len(want))
	}
}

// lexiconPatterns returns the real lexicon's patterns in id order: the
// entries' terms as written, folded (load) and spoken.
func lexiconPatterns(t testing.TB) []string {
	t.Helper()
	// Loading is deterministic: a second load numbers the patterns as
	// the detector's did.
	_, keys, err := loadPatterns()
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != len(det.lx.pats) {
		t.Fatalf("%d keys for %d patterns", len(keys), len(det.lx.pats))
	}
	return keys
}

// sampleTexts returns the evaluation sets' comments and n simulator
// comments of about 200 bytes (as internal/bench builds them; that
// package cannot be imported from here).
func sampleTexts(t testing.TB, n int) []string {
	var out []string
	files, err := filepath.Glob("../../eval/testdata/sets/*.jsonl")
	if err != nil || len(files) == 0 {
		t.Fatalf("no evaluation sets: %v", err)
	}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var rec struct{ Text string }
			if json.Unmarshal(sc.Bytes(), &rec) == nil && rec.Text != "" {
				out = append(out, rec.Text)
			}
		}
		f.Close()
	}
	return append(out, sim.Comments(n, 200)...)
}

func TestScanLexicon(t *testing.T) {
	patterns := lexiconPatterns(t)
	ref := newRefIndex(patterns)
	// The detector's automaton, and one with no dense rows below the
	// root, so the real patterns go through the sparse states too.
	autos := map[string]*automaton{"detector": det.lx.ac, "sparse": compileDense(patterns, det.lx.ac.anchored, 0)}
	if got := det.lx.ac.npat; got != len(patterns) {
		t.Fatalf("automaton has %d patterns, entries name %d", got, len(patterns))
	}
	texts := sampleTexts(t, 800)
	matches := 0
	for _, raw := range texts {
		norm := normalize.Text(raw).String()
		for _, text := range []string{norm, strings.ToLower(raw)} {
			want := atWordStarts(ref.scan(text), det.lx.ac.anchored, text)
			matches += len(want)
			for name, a := range autos {
				if got := scanAll(a, text); !slices.Equal(got, want) {
					t.Fatalf("%s automaton, text %q:\n got %v\nwant %v", name, text, got, want)
				}
			}
		}
	}
	if matches == 0 {
		t.Fatal("no matches at all: the comparison tested nothing")
	}
	t.Logf("%d texts, %d matches; %d states, %d dense, %d bytes", 2*len(texts), matches, det.lx.ac.states(), det.lx.ac.nDense, det.lx.ac.size())
}

func FuzzScan(f *testing.F) {
	f.Add("idiot\njävla idiot\nid", "du är en jävla idiot", uint16(0))
	f.Add("aa\na\naaa", "aaaaa", uint16(3))
	f.Add("ø\n🤡\nbøsse", "bøsse 🤡 ø", uint16(1000))
	f.Add("abcx\nbcy\nc\n", "abcyabcx", uint16(9))
	f.Fuzz(func(t *testing.T, pats, text string, dense uint16) {
		patterns := strings.Split(pats, "\n")
		if len(patterns) > 64 || len(text) > 512 || strings.IndexByte(pats, marker) >= 0 {
			return
		}
		anchored := make([]bool, len(patterns))
		for i, p := range patterns {
			anchored[i] = dense>>(len(p)%16)&1 != 0
		}
		a := compileDense(patterns, anchored, int(dense))
		got, want := scanAll(a, text), refStream(patterns, anchored, text)
		if !slices.Equal(got, want) {
			t.Fatalf("patterns %q, text %q:\n got %v\nwant %v", patterns, text, got, want)
		}
	})
}

// BenchmarkScan measures the scan of the real lexicon over 200-byte
// normalised comments, in ns per byte.
func BenchmarkScan(b *testing.B) {
	raw := sim.Comments(1024, 200)
	texts := make([]string, len(raw))
	total := 0
	for i, r := range raw {
		texts[i] = normalize.Text(r).String()
		total += len(texts[i])
	}
	a := det.lx.ac
	hits := 0
	count := func(id, s, t int32) { hits++ }
	bytes := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		text := texts[i%len(texts)]
		a.scan(text, count)
		bytes += len(text)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(max(bytes, 1)), "ns/byte")
}
