package model

import (
	"bufio"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stormwatch/stormwatch/internal/sim"
)

// TestRememberedWordsScoreAlike scores a stream twice on one scratch, so
// most words come from the cache the second time, and checks every score
// bit for bit against the trainer's reference (Weights.Raw over
// Extractor.Features). The stream mixes a word and the same word joined
// from spaced letters (which has no folded spelling), words too long to
// remember, and slot collisions.
func TestRememberedWordsScoreAlike(t *testing.T) {
	d := mustNew(t)
	x := NewExtractor(d.w.Config)
	texts := []string{
		"Dr. Müller ist ein Metzger", "Dr. M ü l l e r ist ein M e t z g e r", "Müller!!! Müller?",
		"Grüße aus Malmö, tack för hjälpen", "g r ü ß e", "Ｍüｌｌｅｒ",
		"donaudampfschifffahrtsgesellschaftskapitänsmütze und noch einmal donaudampfschifffahrtsgesellschaftskapitänsmütze",
		"", "   ", "https://example.org", "🤡🤡🤡",
	}
	files, _ := filepath.Glob("../../eval/testdata/sets/*.jsonl")
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			var rec struct{ Text string }
			if json.Unmarshal(sc.Bytes(), &rec) == nil {
				texts = append(texts, rec.Text)
			}
		}
		f.Close()
	}
	texts = append(texts, sim.Comments(500, 200)...)
	sc := d.pool.Get().(*scratch)
	defer d.put(sc)
	hits, words := 0, 0
	for pass := 0; pass < 2; pass++ {
		for _, text := range texts {
			if sc.words == nil {
				sc.words = new(wordCache)
			}
			before := *sc.words
			z, nfeat := d.score(sc, text)
			for _, tk := range sc.x.toks {
				words++
				if before.holds(tk.wordHash, sc.x.runes[tk.r0:tk.r1], tk.f1 > tk.f0) {
					hits++
				}
			}
			feats := x.Features(text)
			if nfeat != len(feats) {
				t.Fatalf("pass %d, %q: %d features, reference %d", pass, text, nfeat, len(feats))
			}
			if len(feats) == 0 {
				continue
			}
			want := d.w.Raw(feats)
			for h := range z {
				if math.Float64bits(z[h]) != math.Float64bits(want[h]) {
					t.Fatalf("pass %d, %q head %d: %v, reference %v", pass, text, h, z[h], want[h])
				}
			}
		}
	}
	t.Logf("%d texts twice: %d of %d words remembered (%.0f %%)", len(texts), hits, words, 100*float64(hits)/float64(max(words, 1)))
}

// holds reports whether c remembers the word, without changing c.
func (c *wordCache) holds(h uint64, rs []rune, fold bool) bool {
	key, n, ok := wordKey(rs)
	e := &c[mix(h)&(wordSlots-1)]
	return ok && e.hash == h && int(e.n) == n && e.fold == fold && e.key == key
}
