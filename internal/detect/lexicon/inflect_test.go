package lexicon

import "testing"

// TestInflection: a noun flagged `i` takes its language's definite and
// plural endings and nothing else; short stems never inflect.
func TestInflection(t *testing.T) {
	tests := []struct {
		lang, term, text string
		flags            uint16
		want             bool
	}{
		{"sv", "idiot", "idioterna", fInflect, true},
		{"sv", "fittor", "fittorna", fInflect, true},
		{"nb", "drittsekk", "drittsekkene", fInflect, true},
		{"nb", "hore", "horene", fInflect, true},
		{"nl", "klootzak", "klootzakken", fInflect, false}, // doubled consonant: spelled out, not appended
		{"nl", "mongool", "mongooltjes", fInflect, true},
		{"sv", "idiot", "idiotsäkert", fInflect, false}, // a compound, not an ending
		{"sv", "idiot", "idioterna", 0, false},          // not flagged
		{"sv", "svin", "svinen", fInflect, true},
		{"sv", "as", "asen", fInflect, false}, // stem too short
		{"en", "idiot", "idiots", fInflect, false},
		{"de", "schlampe", "schlampen", fInflect, true},
		{"de", "dreckskerl", "dreckskerle", fInflect, true},
		{"de", "bastard", "bastarden", fInflect, true},
		{"de", "idiot", "idiotin", fInflect, true},
		{"de", "idiot", "idiotensicher", fInflect, false},  // a compound, not an ending
		{"de", "drecksack", "drecksäcke", fInflect, false}, // umlaut plural: spelled out
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			lx := &lexicon{langs: []string{tt.lang}, sources: []source{{where: "test"}}}
			lx.entries = []entry{{lang: 1, flags: tt.flags}}
			if err := lx.setTerm(0, tt.term); err != nil {
				t.Fatal(err)
			}
			text := " " + tt.text + " "
			end := lx.inflection(&lx.entries[0], text, 1, 1+len(tt.term))
			if got := end == len(text)-1; got != tt.want {
				t.Errorf("inflection(%q in %q) = %d, want whole word: %v", tt.term, tt.text, end, tt.want)
			}
		})
	}
}
