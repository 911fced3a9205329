package model

import (
	"math"
	"strings"
	"testing"
)

// refFeatures is the feature hashing as first written (a closure framing
// the word, a branch per sign), kept to prove the faster code hashes bit
// for bit the same: the embedded weights depend on it.
func refFeatures(x *Extractor, text string) []uint32 {
	x.tokenize(text)
	var out []uint32
	emit := func(h uint64) {
		m := mix(h)
		f := uint32(m & x.mask)
		if m>>63 == 1 {
			f |= 1 << 31
		}
		out = append(out, f)
	}
	grams := func(rs []rune) {
		n := len(rs) + 2
		at := func(i int) rune {
			if i == 0 {
				return '<'
			}
			if i == n-1 {
				return '>'
			}
			return rs[i-1]
		}
		minN, maxN := int(x.cfg.MinN), int(x.cfg.MaxN)
		for i := 0; i < n; i++ {
			h := fnvOffset ^ nsChar
			for j := i; j < n && j-i < maxN; j++ {
				h = (h ^ uint64(at(j))) * fnvPrime
				if j-i+1 >= minN {
					emit(h)
				}
			}
		}
	}
	var prev uint64
	for t, tk := range x.toks {
		rs := x.runes[tk.r0:tk.r1]
		h := fnvOffset ^ nsWord
		for _, r := range rs {
			h = (h ^ uint64(r)) * fnvPrime
		}
		emit(h)
		grams(rs)
		if tk.f1 > tk.f0 {
			grams(x.runes[tk.f0:tk.f1])
		}
		if t > 0 {
			b := (fnvOffset ^ nsBigram ^ prev) * fnvPrime
			b = (b ^ h) * fnvPrime
			emit(b)
		}
		prev = h
	}
	// Negated words: up to negScope words after a negator, within its
	// clause, written plainly.
	neg := map[string]bool{}
	for _, w := range negators {
		neg[w] = true
	}
	left := 0
	for t, tk := range x.toks {
		if t > 0 && strings.ContainsAny(text[x.toks[t-1].end:tk.start], ".,;:!?\n") {
			left = 0
		}
		w := string(x.runes[tk.r0:tk.r1])
		if neg[w] {
			left = negScope
			continue
		}
		if left > 0 {
			left--
			emit(nsNeg ^ wordHash(x.runes[tk.r0:tk.r1]))
		}
	}
	return out
}

var refTexts = []string{
	"",
	"a",
	"ab",
	"idiot",
	"Du bist ein Idiot!!",
	"i d i o t, i.d.i.o.t",
	"sh!t st00pid l0s3r @someone RT @x http://example.com www.x.org URL",
	"Ærlig talt, søknaden min er ikke behandlet. Ødelagt tjeneste, straße, œuvre, łódź, đ",
	"je ne vais pas te tuer. I won't hurt you, nobody here is going to hurt you; ich werde dich nicht umbringen",
	"ｆｕｌｌｗｉｄｔｈ ｉｄｉｏｔ 𝐢𝐝𝐢𝐨𝐭 ﬁne",
	"i\u200bd\u200bi\u200bo\u200bt and 🖕🐷 emoji 👍🏻",
	"stuuuuupid loooooser ääääh",
	"Тупой идиот по-русски",
	"\xff\xfe broken \xc3 utf8 \xe2\x82",
	"averyveryveryveryveryveryverylongwordthatkeepsgoingonandonforeverandever",
}

func TestFeaturesMatchReference(t *testing.T) {
	x := NewExtractor(DefaultConfig)
	ref := NewExtractor(DefaultConfig)
	for _, text := range append(append([]string(nil), refTexts...), benchTexts...) {
		got := x.Features(text)
		want := refFeatures(ref, text)
		if len(got) != len(want) {
			t.Fatalf("%q: %d features, reference %d", text, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%q: feature %d is %08x, reference %08x", text, i, got[i], want[i])
			}
		}
	}
}

// TestScoresMatchRaw checks the branch-free scoring against Weights.Raw,
// which applies the signs with a branch.
func TestScoresMatchRaw(t *testing.T) {
	d, err := New()
	if err != nil {
		t.Fatal(err)
	}
	x := NewExtractor(d.w.Config)
	for _, text := range append(append([]string(nil), refTexts...), benchTexts...) {
		feats := x.Features(text)
		got := d.Scores(text)
		if len(feats) == 0 {
			continue
		}
		want := d.w.Calibrate(d.w.Raw(feats))
		for h := range got {
			if math.Float64bits(got[h]) != math.Float64bits(want[h]) {
				t.Fatalf("%q head %d: %v, reference %v", text, h, got[h], want[h])
			}
		}
	}
}
