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

// TestHyphenMask: a hyphen (dash, dot, slash, underscore) alone inside a
// word may stand for one or two masked letters, read as the abusive word
// that fits, in every language; innocent hyphenated words are left alone.
func TestHyphenMask(t *testing.T) {
	run(t, []tcase{
		{lang: "sv", text: "dra åt h-vete", want: []detect.Category{detect.Insult}},
		{lang: "sv", text: "din s-bba", want: []detect.Category{detect.Insult}},
		{lang: "sv", text: "din s.bba", want: []detect.Category{detect.Insult}},
		{lang: "sv", text: "du är en f-tta", want: []detect.Category{detect.Insult}},
		{lang: "nb", text: "Jævla h-re", want: []detect.Category{detect.Insult}},
		{lang: "nb", text: "dra til h-lvete", want: []detect.Category{detect.Insult}},
		{lang: "da", text: "Du er en l-der", want: []detect.Category{detect.Insult}},
		{lang: "fr", text: "T'es qu'une sal-pe", want: []detect.Category{detect.Insult}},
		{lang: "fr", text: "Va te faire enc-ler", want: []detect.Category{detect.Insult}},
		{lang: "en", text: "You absolute tw-t", want: []detect.Category{detect.Insult}},
		{lang: "de", text: "Du bist ein Arschl-ch", want: []detect.Category{detect.Insult}},
		{lang: "de", text: "Die Schl–mpe am Empfang", want: []detect.Category{detect.Insult}},
		{lang: "nl", text: "Kank-rlijer dat je bent", want: []detect.Category{detect.Insult}},
		{lang: "nl", text: "Vuile h-er", want: []detect.Category{detect.Insult}},
	})
	d, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ lang, text string }{
		{"sv", "Skicka ett e-post om din t-shirt"},
		{"sv", "Jean-Pierre på vård-och omsorg fick en x-ray"},
		{"sv", "Jag åker T-bana till A-kassan, p-plats finns"},
		{"sv", "Vi behöver C-vitamin, bl.a. till katten, t.ex. i dag"},
		{"nb", "Send en e-post til Per-Olav om NAV-kontoret"},
		{"da", "Firma A/S har sendt en e-mail"},
		{"de", "Anti-Rassismus-Arbeit in Baden-Württemberg, z.B. per E-Mail"},
		{"nl", "Een zee-egel en een auto-ongeluk, na-apen"},
		{"fr", "Peut-être que le week-end, au sous-sol, c.-à-d. demain"},
		{"en", "My T-shirt, the co-op, an X-ray, e.g. a U-turn"},
		{"en", "f-stop and p-value, t-test and z-score"},
	} {
		if got := d.rejoin(normalize.Text(c.text), c.lang); got != nil {
			t.Errorf("%s %q read as %q", c.lang, c.text, got.String())
		}
	}
}

func TestUnmaskHyphen(t *testing.T) {
	d, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ a, b, lang, want string }{
		{"h", "vete", "sv", "helvete"}, // two letters
		{"f", "n", "sv", "fan"},
		{"f", "n", "nb", "faen"},
		{"j", "vla", "sv", "jävla"}, // "javla", "jevla", "jävvla" are the same word
		{"j", "vla", "nb", "jævla"},
		{"h", "ra", "sv", "hora"}, // "höra" is no abusive word
		{"conn", "rd", "fr", "connard"},
		{"e", "post", "sv", ""},
		{"t", "shirt", "en", ""},
		{"jean", "pierre", "fr", ""},
		{"anti", "rassismus", "de", ""},
		{"h", "vete", "fr", ""}, // another language's word
	} {
		got, ok := d.lx.joins.unmask(c.a, c.b, d.famBits(c.lang))
		if got != c.want || ok != (c.want != "") {
			t.Errorf("unmask(%q, %q, %s) = %q, %v; want %q", c.a, c.b, c.lang, got, ok, c.want)
		}
	}
}

// TestLetterPair: two spaced-out letters are joined only when the word
// they make completes an abusive entry.
func TestLetterPair(t *testing.T) {
	run(t, []tcase{
		{lang: "sv", text: "gå och d ö", want: []detect.Category{detect.Harassment}},
		{lang: "sv", text: "ditt a s, försvinn", want: []detect.Category{detect.Insult}},
		{lang: "sv", text: "kryp ner i ett hål och d ö", want: []detect.Category{detect.Harassment}},
		{lang: "nb", text: "gå og d ø", want: []detect.Category{detect.Harassment}},
		{lang: "nb", text: "bare d.ø, ingen vil ha deg", want: []detect.Category{detect.Harassment}},
		{lang: "da", text: "gå hen og d ø", want: []detect.Category{detect.Harassment}},
	})
	d, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ lang, text string }{
		{"sv", "i a och å ö står på kartan"},
		{"sv", "Vi bor på Storgatan 12 b, uppgång a b"},
		{"de", "Gruppe a b und c"},
		{"da", "Firma A/S i Danmark"},
		{"nb", "Bygg d ø på tegningen"}, // "dø" here completes no abusive entry
		{"sv", "gå och d o"},
	} {
		if got := d.rejoin(normalize.Text(c.text), c.lang); got != nil {
			t.Errorf("%s %q read as %q", c.lang, c.text, got.String())
		}
	}
}
