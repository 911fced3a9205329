package model

import (
	"slices"
	"testing"
)

// Invisible characters inside a word (zero-width space and joiners, word
// joiner, BOM, soft hyphen) hide nothing from the model; between words,
// or in an emoji sequence, they change nothing either.
func TestInvisibleCharacters(t *testing.T) {
	x := NewExtractor(DefaultConfig)
	for _, tc := range []struct{ disguised, plain string }{
		{"you i\u200bd\u200bi\u200bo\u200bt", "you idiot"},
		{"kut\u00adwijf", "kutwijf"},
		{"Hj\u2060ärn\ufeffdöd", "Hjärndöd"},
		{"idiot\u200b you", "idiot you"},
	} {
		got := slices.Clone(x.Features(tc.disguised))
		want := x.Features(tc.plain)
		if !slices.Equal(got, want) {
			t.Errorf("Features(%q) differ from Features(%q)", tc.disguised, tc.plain)
		}
	}
}
