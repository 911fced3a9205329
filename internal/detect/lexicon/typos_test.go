package lexicon

import (
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// TestTypos: a group's name with two letters swapped is read as the
// group in a comment that is abusive anyway, and never makes one abusive.
func TestTypos(t *testing.T) {
	run(t, []tcase{
		{lang: "en", text: "Wmoen are worthless and stupid.", want: []detect.Category{detect.Hate}},
		{lang: "sv", text: "Kvinonr är värdelösa och dumma.", want: []detect.Category{detect.Hate}},
		{lang: "de", text: "Fraeun sind wertlos und dumm.", want: []detect.Category{detect.Hate}},
		// Nothing abusive besides: no second reading.
		{lang: "en", text: "Wmoen's football starts at eight tonight", not: []detect.Category{detect.Hate, detect.Insult}},
		// Real words are not read as slips of abusive ones.
		{lang: "fr", text: "Les signes de la maladie, putain, quelle angoisse", not: []detect.Category{detect.Hate}},
	})
}

func TestTypoFix(t *testing.T) {
	d, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ in, want string }{
		{"wmoen", "women"}, {"kvinonr", "kvinnor"}, {"women", ""}, {"falsche", ""}, {"signes", ""}, {"aaaaa", ""},
	} {
		if got := d.lx.typos.fix(c.in, 0, nil, false); got != c.want {
			t.Errorf("fix(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
