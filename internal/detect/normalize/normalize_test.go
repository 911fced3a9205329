package normalize

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/detect"
)

func TestText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"case and space", "  You   ARE\tan IDIOT  ", "you are an idiot"},
		{"nfkc fullwidth", "ｆｕｃｋ", "fuck"},
		{"math bold", "𝐲𝐨𝐮 𝐢𝐝𝐢𝐨𝐭", "you idiot"},
		{"circled and negative squared", "Ⓕⓤⓒⓚ 🅵🆄🅲🅺", "fuck fuck"},
		{"small capitals", "ɪᴅɪᴏᴛ", "idiot"},
		{"ligature", "ﬁlthy", "filthy"},
		{"diacritics stripped", "enculé crétin Ïdiot", "encule cretin idiot"},
		{"nordic letters kept", "Høre Jävla Åsna ÆØÅ", "høre jävla åsna æøå"},
		{"german umlaut kept, eszett folded", "Arschlöcher Scheiße", "arschlöcher scheisse"},
		{"combining diaeresis composes", "ja\u0308vla", "jävla"},
		{"zalgo", "i̷̢d̶i̶o̶t̶", "idiot"},
		{"zero width", "i\u200bd\u200ci\u200do\u2060t\ufeff", "idiot"},
		{"soft hyphen", "kut\u00adwijf", "kutwijf"},
		{"cyrillic look-alikes in latin word", "іdіоt", "idiot"},
		{"greek look-alikes", "ΙDΙΟΤ", "idiot"},
		{"real cyrillic untouched", "Привет мир", "привет мир"},
		{"leet", "1d10t l0s3r 4ssh0le", "idiot loser asshole"},
		{"leet symbols", "$hit b!tch @ss4", "shit bitch @ssa"},
		{"leet interior at", "b@stard", "bastard"},
		{"plain numbers stay", "I waited 3 hours, 50$ and 20€", "i waited 3 hours, 50$ and 20€"},
		{"punctuation kept", "idiot! why?", "idiot! why?"},
		{"symbol for a final letter", "hor@ put€ vou$", "hora pute vous"},
		{"final symbol after a short word or a number stays", "US$ 5€ idiot!", "us$ 5€ idiot!"},
		{"leading symbols in a leet word", "@r@b€s !d!ot", "arabes idiot"},
		{"leading at of a handle stays", "@anna @sanne_balie", "@anna @sanne balie"},
		{"mention kept", "@anna hi", "@anna hi"},
		{"spaced letters", "i d i o t", "idiot"},
		{"a run of masks hides letters, it spaces none", "f*****g c**t", "f*****g c**t"},
		{"one star between letters spaces them", "f*u*c*k", "fuck"},
		{"dotted letters", "i.d.i.o.t", "idiot"},
		{"hyphenated letters", "i-d-i-o-t", "idiot"},
		{"underscored letters", "i_d_i_o_t", "idiot"},
		{"letters split by emoji", "h💩o💩r💩a f🔥i🔥t🔥t🔥a", "hora fitta"},
		{"emoji between spaced letters stay", "a 🔪 b 🔪 c", "a 🔪 b 🔪 c"},
		{"emoji after a word stay", "tack ❤ 🔥 super", "tack ❤ 🔥 super"},
		{"hyphenated words split at spaces", "H-ä-n-g d-i-g", "häng dig"},
		{"slashed words split at spaces", "j/ä/v/l/a s/u/b/b/a", "jävla subba"},
		{"dotted then spaced letters split", "i.d.i.o.t x", "idiot x"},
		{"spaced and dotted alike stay one word", "i. d. i. o. t", "idiot"},
		{"spaced with leet", "i d 1 o t", "idiot"},
		{"two single letters are not joined", "a b test", "a b test"},
		{"spaced name splits at its capital", "D r M a r t i n ist ein M e t z g e r", "dr martin ist ein metzger"},
		{"spaced words split at wider gaps", "e g  s k a l  d r e p e  d e g", "eg skal drepe deg"},
		{"even gaps stay one word", "d  u  m", "dum"},
		{"alternating case stays one word", "f U c K y o u", "fuckyou"},
		{"stretched", "stuuuuupid", "stupid"},
		{"stretched mixed case", "sTuUuUpid", "stupid"},
		{"double letters kept", "idioot klootzak", "idioot klootzak"},
		{"apostrophes and hyphens", "l'idiot t’es brain-dead", "l idiot t es brain dead"},
		{"quotes", "“idiot” «con»", `"idiot" "con"`},
		{"emoji kept, skin tone dropped", "🖕🏽 you 🔪", "🖕 you 🔪"},
		{"invalid utf8", "a\xffb\xfe", "a b"},
		{"oe ligature", "sœur", "soeur"},
		{"empty", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Text(tc.in).String(); got != tc.want {
				t.Errorf("Text(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestDouble(t *testing.T) {
	tests := []struct{ in, want, double string }{
		{"idioooot", "idiot", "idioot"},
		{"klooooootzak", "klotzak", "klootzak"},
		{"idioot", "idioot", ""},
	}
	for _, tc := range tests {
		n := Text(tc.in)
		if n.String() != tc.want {
			t.Errorf("Text(%q) = %q, want %q", tc.in, n.String(), tc.want)
		}
		d := n.Double()
		switch {
		case tc.double == "" && d != nil:
			t.Errorf("Double(%q) = %q, want nil", tc.in, d.String())
		case tc.double != "" && (d == nil || d.String() != tc.double):
			t.Errorf("Double(%q) = %v, want %q", tc.in, d, tc.double)
		}
	}
}

func TestSpan(t *testing.T) {
	tests := []struct {
		name, in, word string // word: a substring of the normalised text
		want           detect.Span
	}{
		{"dotted word covers all bytes", "i.d.i.o.t", "idiot", detect.Span{0, 9}},
		{"spaced in a sentence", "you i d i o t!", "idiot", detect.Span{4, 13}},
		{"stretched", "so stuuuupid", "stupid", detect.Span{3, 12}},
		{"cyrillic", "an іdіоt", "idiot", detect.Span{3, 11}},
		{"fullwidth", "ｉｄｉｏｔ", "idiot", detect.Span{0, 15}},
		{"zero width inside", "id\u200biot", "idiot", detect.Span{0, 8}},
		{"combining mark", "ja\u0308vla idiot", "jävla", detect.Span{0, 7}},
		{"eszett", "Scheiße!", "scheisse", detect.Span{0, 8}},
		{"leet", "a 1d10t", "idiot", detect.Span{2, 7}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := Text(tc.in)
			i := strings.Index(n.String(), tc.word)
			if i < 0 {
				t.Fatalf("%q not in %q", tc.word, n.String())
			}
			if got := n.Span(i, i+len(tc.word)); got != tc.want {
				t.Errorf("Span of %q in %q = %v, want %v (%q)", tc.word, tc.in, got, tc.want, tc.in[got[0]:got[1]])
			}
		})
	}
}

func TestSpanClamps(t *testing.T) {
	n := Text("hello")
	for _, c := range [][2]int{{-5, 2}, {3, 99}, {4, 2}, {5, 5}, {99, 120}} {
		sp := n.Span(c[0], c[1])
		if sp[0] < 0 || sp[1] > 5 || sp[0] > sp[1] {
			t.Errorf("Span(%d,%d) = %v out of range", c[0], c[1], sp)
		}
	}
}

func TestJoined(t *testing.T) {
	n := Text("a f u c k i n g idiot")
	if n.String() != "afucking idiot" {
		t.Fatalf("got %q", n.String())
	}
	if !n.Joined(1) || n.Joined(0) || n.Joined(8) || n.Joined(10) {
		t.Errorf("Joined wrong: %v %v %v %v", n.Joined(1), n.Joined(0), n.Joined(8), n.Joined(10))
	}
}

// TestInner: a lone hyphen, dash, underscore, dot or slash between two word
// characters is remembered (the lexicon tries it as a mask for letters);
// apostrophes, spaced or doubled marks and joined spaced-out letters are not.
func TestInner(t *testing.T) {
	tests := []struct {
		in, text string
		want     []int32
	}{
		{"dra åt h-vete", "dra åt h vete", []int32{9}},
		{"din s.bba", "din s.bba", []int32{5}},
		{"din s_bba", "din s bba", []int32{5}},
		{"j/vla", "j/vla", []int32{1}},
		{"f–n", "f n", []int32{1}},
		{"e-post t-shirt", "e post t shirt", []int32{1, 8}},
		{"Jean-Pierre", "jean pierre", []int32{4}},
		{"l'idiot can't", "l idiot can t", nil},
		{"brain - dead", "brain dead", nil},
		{"ab--cd ab -cd", "ab cd ab cd", nil},
		{"i-d-i-o-t", "idiot", nil},
		{"h-vete!", "h vete!", []int32{1}},
		{"", "", nil},
	}
	for _, tc := range tests {
		n := Text(tc.in)
		if n.String() != tc.text || !slices.Equal(n.Inner(), tc.want) {
			t.Errorf("Text(%q) = %q, Inner %v; want %q, %v", tc.in, n.String(), n.Inner(), tc.text, tc.want)
		}
	}
	// Replace moves the positions with the text, and drops those it replaces.
	n := Text("ta-da din s-bba")
	v := n.Replace([][2]int{{0, 5}}, []string{"x"})
	if v.String() != "x din s bba" || !slices.Equal(v.Inner(), []int32{7}) {
		t.Errorf("Replace: %q %v", v.String(), v.Inner())
	}
}

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Enculé", "encule"},
		{"you'll regret", "you ll regret"},
		{"sous-merde", "sous merde"},
		{"idioot", "idioot"},
		{"1488", "1488"},
		{"Scheiße", "scheisse"},
		{"a b c", "a b c"},
	}
	for _, tc := range tests {
		if got := Key(tc.in); got != tc.want {
			t.Errorf("Key(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// checkInvariants verifies the offset map: same length as the text,
// monotone, inside the original, on its rune boundaries.
func checkInvariants(t *testing.T, s string, n *Normalized) {
	t.Helper()
	starts := map[int]bool{len(s): true}
	for i := range s {
		starts[i] = true
	}
	if !utf8.ValidString(n.String()) {
		t.Fatalf("normalised text is not valid UTF-8: %q", n.String())
	}
	if len(n.src) != len(n.text) {
		t.Fatalf("offset map length %d, text %d", len(n.src), len(n.text))
	}
	for i := range n.text {
		lo, hi := int(n.src[i].lo), int(n.src[i].hi)
		if lo < 0 || hi > len(s) || lo >= hi {
			t.Fatalf("byte %d maps to [%d,%d) outside %d", i, lo, hi, len(s))
		}
		if !starts[lo] || !starts[hi] {
			t.Fatalf("byte %d maps to [%d,%d), not rune boundaries of %q", i, lo, hi, s)
		}
		if i > 0 && (lo < int(n.src[i-1].lo) || hi < int(n.src[i-1].hi)) {
			t.Fatalf("map not monotone at %d: [%d,%d) after [%d,%d)", i, lo, hi, n.src[i-1].lo, n.src[i-1].hi)
		}
	}
	for a := 0; a <= len(n.text); a++ {
		for b := a; b <= len(n.text) && b <= a+8; b++ {
			sp := n.Span(a, b)
			if sp[0] < 0 || sp[1] > len(s) || sp[0] > sp[1] || !starts[sp[0]] || !starts[sp[1]] {
				t.Fatalf("Span(%d,%d) = %v bad for %q", a, b, sp, s)
			}
		}
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{
		"", "i.d.i.o.t", "stuuuupid 1d10t", "іdіоt", "ｆｕｃｋ", "ja\u0308vla", "🖕🏽 \u200b", "a\xffb", "Scheiße ß", "i d 1 o t",
		"\u0301\u0301", "ﬁ⒜½", "$$$@@@!!!", "a-b_c.d e", "🇫🇺🇨🇰",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Text(s)
		checkInvariants(t, s, n)
		if d := n.Double(); d != nil {
			checkInvariants(t, s, d)
		}
		_ = Key(s)
	})
}

var benchComment = "Your service is a disgrace!!! I waited THREE hours at the clinic and my cat died. " +
	"The vet was rude, you are a bunch of 1d10ts and i.d.i.o.t.s, I will contact a lawyer and the press. Ｎｅｖｅｒ again 🤬"

func BenchmarkText(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchComment)))
	for b.Loop() {
		_ = Text(benchComment)
	}
}

// TestBuffer: a Buffer reused text after text gives what Text gives (text,
// offset maps, joined words, inner marks, Double), and the strings of an
// earlier text are not overwritten.
func TestBuffer(t *testing.T) {
	texts := []string{
		"stuuuupid i d i o t, din s.bba",
		"hi",
		"",
		"Ｆｕｃｋ ㍿ 1d10t 😀 h-ä-n-g d-i-g, i-d-i-o-t and a much longer comment than the ones before it",
		"jävla idiooooot",
		"a f u c k i n g idiot",
	}
	var b Buffer
	var kept []string
	for round := 0; round < 2; round++ {
		for _, s := range texts {
			got, want := b.Text(s), Text(s)
			kept = append(kept, got.String())
			for _, p := range [][2]*Normalized{{got, want}, {got.Double(), want.Double()}} {
				g, w := p[0], p[1]
				if (g == nil) != (w == nil) {
					t.Fatalf("%q: Double %v, want %v", s, g, w)
				}
				if g == nil {
					continue
				}
				if g.String() != w.String() || g.Original() != w.Original() || !slices.Equal(g.Inner(), w.Inner()) || g.HasJoined() != w.HasJoined() {
					t.Errorf("%q: got %q %v, want %q %v", s, g.String(), g.Inner(), w.String(), w.Inner())
				}
				for i := 0; i <= g.Len(); i++ {
					for j := i; j <= g.Len(); j++ {
						if g.Span(i, j) != w.Span(i, j) {
							t.Fatalf("%q: Span(%d, %d) = %v, want %v", s, i, j, g.Span(i, j), w.Span(i, j))
						}
					}
					if g.Joined(i) != w.Joined(i) {
						t.Errorf("%q: Joined(%d) = %v", s, i, g.Joined(i))
					}
				}
			}
		}
	}
	for i, k := range kept {
		if want := Text(texts[i%len(texts)]).String(); k != want {
			t.Errorf("text %d overwritten: %q, want %q", i, k, want)
		}
	}
}
