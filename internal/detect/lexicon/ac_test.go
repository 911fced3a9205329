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
// first one), as an automaton whose root has an output reports it.
func refScan(patterns []string, text string) []match {
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
			out = append(out, match{int32(id), int32(s), int32(s + len(p))})
			from = s + 1
		}
	}
	return refOrder(out)
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
				a := compileDense(tc.patterns, nd)
				got := scanAll(a, tc.text)
				sameMatches(t, "scan", got, tc.want)
				sameMatches(t, "reference", refScan(tc.patterns, tc.text), tc.want)
			})
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
		a := compileDense(patterns, []int{0, r.IntN(2000), denseBudget}[round%3])
		for k := 0; k < 20; k++ {
			text := randomText(r, patterns, alphabet)
			got, want := scanAll(a, text), refScan(patterns, text)
			if !slices.Equal(got, want) {
				t.Fatalf("patterns %q, text %q:\n got %v\nwant %v", patterns, text, got, want)
			}
		}
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
	if len(keys) != len(det.lx.byPat) {
		t.Fatalf("%d keys for %d patterns", len(keys), len(det.lx.byPat))
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
	autos := map[string]*automaton{"detector": det.lx.ac, "sparse": compileDense(patterns, 0)}
	if got := det.lx.ac.npat; got != len(patterns) {
		t.Fatalf("automaton has %d patterns, entries name %d", got, len(patterns))
	}
	texts := sampleTexts(t, 800)
	matches := 0
	for _, raw := range texts {
		norm := normalize.Text(raw).String()
		for _, text := range []string{norm, strings.ToLower(raw)} {
			want := ref.scan(text)
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
		if len(patterns) > 64 || len(text) > 512 {
			return
		}
		a := compileDense(patterns, int(dense))
		got, want := scanAll(a, text), refScan(patterns, text)
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
