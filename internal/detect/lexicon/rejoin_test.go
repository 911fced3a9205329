package lexicon

import (
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/detect/normalize"
)

// TestRejoin: a word cut in two to slip past a filter is read joined; real
// words on either side of a space or an apostrophe stay apart.
func TestRejoin(t *testing.T) {
	run(t, []tcase{
		{lang: "sv", text: "du är en ho-ra", want: []detect.Category{detect.Insult}},
		{lang: "sv", text: "jag ska sk.juta dig", want: []detect.Category{detect.Threat}},
		{lang: "sv", text: "jag ska kn ulla dig", want: []detect.Category{detect.Sexual}},
		{lang: "en", text: "you are an id-iot", want: []detect.Category{detect.Insult}},
	})
	d, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ lang, text string }{
		{"en", "let's meet up on Monday, we're open"},
		{"de", "indem wir in dem Haus bleiben"},
		{"da", "du er sød, tak for i dag"},
		{"sv", "slut a, ingen idé"},
	} {
		if got := d.rejoin(normalize.Text(c.text), c.lang); got != nil {
			t.Errorf("%q joined into %q", c.text, got.String())
		}
	}
}
