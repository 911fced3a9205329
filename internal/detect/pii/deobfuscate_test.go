package pii

import (
	"context"
	"testing"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/detect"
)

func TestDeobfuscate(t *testing.T) {
	tests := []struct {
		in, want string
		changed  bool
	}{
		{"call 0612345678", "call 0612345678", false},
		{"bel 06\u200b12\u200b34\u200b56\u200b78", "bel 0612345678", true},
		{"ring 070\u00ad123\u00ad45\u00ad67", "ring 0701234567", true},
		{"nummer ０６１２３４５６７８", "nummer 0612345678", true},
		{"mail anna＠example．com", "mail anna@example.com", true},
		{"call O612345678 now", "call 0612345678 now", true},
		{"IBAN DE8937O4OO44O532O13OOO", "IBAN DE89370400440532013000", true},
		// An O in a word, or near too few digits, stays a letter.
		{"Oops 2 of 3", "Oops 2 of 3", false},
		{"room O12", "room O12", false},
		{"ISO9001", "ISO9001", false},
	}
	for _, tc := range tests {
		got, lo, hi, ok := deobfuscate(tc.in)
		if got != tc.want || ok != tc.changed {
			t.Errorf("deobfuscate(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.changed)
			continue
		}
		if ok && (len(lo) != len(got) || len(hi) != len(got)) {
			t.Errorf("deobfuscate(%q): %d bytes but %d/%d offsets", tc.in, len(got), len(lo), len(hi))
		}
	}
}

// The span of an identifier found in a disguised text covers the
// identifier as written, invisible characters included.
func TestDeobfuscatedSpans(t *testing.T) {
	text := "haar nummer is 06\u200b12\u200b34\u200b56\u200b78, bel haar"
	sigs, err := New().Detect(context.Background(), detect.Input{Text: text, Lang: "nl"})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sigs {
		if s.Entity != EntityPhone {
			continue
		}
		sp := s.Spans[0]
		if got, want := text[sp.Start():sp.End()], "06\u200b12\u200b34\u200b56\u200b78"; got != want {
			t.Fatalf("span %v = %q, want %q", sp, got, want)
		}
		if s.Category != detect.Doxxing {
			t.Errorf("category %s, want doxxing", s.Category)
		}
		return
	}
	t.Fatalf("no phone found in %q: %+v", text, sigs)
}

func FuzzDeobfuscate(f *testing.F) {
	for _, s := range []string{"O612345678", "０６１２\u200b", "DE8937O4OO44O532O13OOO", "\xc2", "\xe2\x80", "o1o2o3o4o5o6o"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		clean, lo, hi, ok := deobfuscate(s)
		if !ok {
			return
		}
		if len(lo) != len(clean) || len(hi) != len(clean) {
			t.Fatalf("offsets %d/%d for %d bytes", len(lo), len(hi), len(clean))
		}
		for i := range lo {
			if lo[i] < 0 || hi[i] > len(s) || lo[i] >= hi[i] {
				t.Fatalf("byte %d maps to [%d,%d) of %d", i, lo[i], hi[i], len(s))
			}
			if utf8.ValidString(s) && (!utf8.RuneStart(s[lo[i]]) || hi[i] < len(s) && !utf8.RuneStart(s[hi[i]])) {
				t.Fatalf("byte %d maps off a rune boundary", i)
			}
		}
		sigs, _ := New().Detect(context.Background(), detect.Input{Text: s})
		for _, sg := range sigs {
			for _, sp := range sg.Spans {
				if sp.Start() < 0 || sp.End() > len(s) || sp.Start() > sp.End() {
					t.Fatalf("span %v out of %d bytes", sp, len(s))
				}
			}
		}
	})
}
