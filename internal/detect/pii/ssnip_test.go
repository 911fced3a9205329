package pii

import (
	"strings"
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

func TestSSNAndIP(t *testing.T) {
	cases := []struct {
		lang, text string
		entity     string // "" when nothing must be found
		cat        detect.Category
		minScore   float64
	}{
		{"en", "Her SSN is 123-45-6789, go get her", EntityUSSSN, detect.Doxxing, 0.6},
		{"en", "my social security number 123456789", EntityUSSSN, detect.PII, 0.6},
		{"en", "reference 123 45 6789 on the invoice", EntityUSSSN, "", 0},
		{"en", "not valid: 666-45-6789", "", "", 0},
		{"en", "not valid: 123-00-6789", "", "", 0},
		{"en", "nine digits alone 123456789", "", "", 0},
		{"en", "His IP address is 81.2.69.142, find him", EntityIP, detect.Doxxing, 0.6},
		{"de", "Meine IP: 81.2.69.142", EntityIP, detect.PII, 0.6},
		// A dotted quad right after "version" is that version (pii11).
		{"en", "version 10.2.1.4 is out", "", "", 0},
		{"en", "not an address 300.1.2.3", "", "", 0},
		{"en", "a longer run 1.2.3.4.5", "", "", 0},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			var got *detect.Signal
			sigs := run(t, c.lang, c.text)
			for i := range sigs {
				if sigs[i].Entity == EntityUSSSN || sigs[i].Entity == EntityIP {
					got = &sigs[i]
				}
			}
			switch {
			case c.entity == "" && got != nil:
				t.Fatalf("found %s %+v", got.Entity, got)
			case c.entity == "":
			case got == nil:
				t.Fatalf("want %s, found nothing in %v", c.entity, sigs)
			case got.Entity != c.entity:
				t.Fatalf("entity %s, want %s", got.Entity, c.entity)
			case c.cat != "" && (got.Category != c.cat || got.Score < c.minScore):
				t.Fatalf("%s %.2f, want %s >= %.2f (%s)", got.Category, got.Score, c.cat, c.minScore, got.Explanation)
			case c.cat == "" && got.Score >= 0.6:
				t.Fatalf("uncued %s scores %.2f: would be hidden", got.Entity, got.Score)
			}
			if got != nil && strings.Contains(got.Explanation, c.text[got.Spans[0][0]:got.Spans[0][1]]) {
				t.Errorf("explanation repeats the identifier: %s", got.Explanation)
			}
		})
	}
}
