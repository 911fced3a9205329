package pii

import (
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// TestR17HiddenWoman: where a woman hidden at a shelter works, lives or
// drives is doxxing without any house number, in every language; the
// look-alikes: a pet hiding under the bed, a refuge's success story told
// without "your refuge" or a hiding verb, a former resident speaking of
// herself, the shelter itself as her home, a hiding verb with no named
// place after the locator.
func TestR17HiddenWoman(t *testing.T) {
	cases := []struct {
		lang, text string
		dox        bool
	}{
		{"en", "your refuge is hiding Jo Platt, she's in the flats above the Spar on Kiln Road", true},
		{"en", "the woman you're hiding works at the Greggs on Station Road, early shift", true},
		{"fr", "la femme que vous cachez au foyer travaille à la boulangerie Martin, rue Victor Hugo", true},
		{"fr", "celle qui se cache chez vous roule en 208 blanche immatriculée FD-311-KL", true},
		{"nl", "die vrouw die jullie verstoppen werkt nu bij de Albert Heijn aan het Marktplein", true},
		{"de", "die frau die ihr versteckt wohnt jetzt im Hochhaus an der Bahnhofstraße", true},
		{"sv", "kvinnan ni gömmer jobbar på Ica vid Storgatan på morgnarna", true},
		{"sv", "hon som flydde till kvinnojouren bor i Fisksätra numera", true},
		{"nb", "kvinnen dere gjemmer jobber på Kiwi ved Storgata hver morgen", true},
		{"nb", "dama på krisesenteret deres kjører en rød Golf og jobber på Coop", true},
		{"en", "our cat is hiding under the bed since the fireworks, any tips?", false},
		{"en", "Thanks to the refuge, my sister is safe and now works at Boots in town", false},
		{"en", "I fled to a refuge in 2019, now I work at Lidl and I'm doing great", false},
		{"nb", "hun bor på krisesenteret nå og har det mye bedre, takk for alt", false},
		{"sv", "hon flydde till Sverige 2015 och jobbar nu på Ica i Tumba", false},
		{"de", "unsere Katze versteckt sich seit Silvester, sie wohnt in der Küche unter dem Schrank", false},
		{"fr", "mon chat se cache sous le lit, il habite chez ma mère en ce moment", false},
	}
	for _, c := range cases {
		dox := false
		for _, s := range run(t, c.lang, c.text) {
			dox = dox || s.Category == detect.Doxxing && s.Score >= 0.6
		}
		if dox != c.dox {
			t.Errorf("%s %q: doxxing %v, want %v", c.lang, c.text, dox, c.dox)
		}
	}
}

// TestR17KinSlang: a colloquial word for someone else's child before a
// school is doxxing like "son"; the look-alike: one's own boy.
func TestR17KinSlang(t *testing.T) {
	pii11Check(t, []pii11Case{
		{lang: "sv", text: "hans grabb går på Ekbackens skola i 3B", want: EntitySchool},
		{lang: "nb", text: "gutten hennes går på Haugen skole", want: EntitySchool},
		{lang: "sv", text: "min grabb går på Ekbackens skola och trivs", not: EntitySchool},
	})
}

// anyCueSlow is hiddenWorth as first written: one indexFold search per cue.
func anyCueSlow(t string, cues []string) bool {
	for _, h := range cues {
		if indexFold(t, h, 0) >= 0 {
			return true
		}
	}
	return false
}

// TestAnyCueFoldMatchesIndexFold: the one-pass gate finds a hiding cue
// exactly where a search per cue would.
func TestAnyCueFoldMatchesIndexFold(t *testing.T) {
	texts := []string{
		"", "x", "Your refuge is hiding her", "YOUR REFUGE", "yourrefuge", "your refugees are welcome",
		"she works at Lidl, your shelter knows", "hon gömmer sig", "Gömmer ni henne?", "ert skyddade boende",
		"vous la cachez chez vous", "Votre foyer", "jullie opvang", "ondergedoken bij jullie!", "verstopt.",
		"\xff\xfeyour refuge", "your refug", "…your refuge…", "a your refuge9", "éyour refuge",
	}
	for li := range hiddenByLang {
		for _, text := range texts {
			if got, want := anyCueFold(text, hiddenByLang[li].hide, &hiddenFirst[li]), anyCueSlow(text, hiddenByLang[li].hide); got != want {
				t.Errorf("lang %d %q: one pass %v, per cue %v", li, text, got, want)
			}
		}
	}
}

func FuzzAnyCueFold(f *testing.F) {
	f.Add("Your refuge is hiding her, she works at Lidl", 0)
	f.Add("hon som flydde till jouren jobbar på Hemköp", 3)
	f.Fuzz(func(t *testing.T, text string, li int) {
		if li < 0 {
			li = -li
		}
		li %= len(hiddenByLang)
		if got, want := anyCueFold(text, hiddenByLang[li].hide, &hiddenFirst[li]), anyCueSlow(text, hiddenByLang[li].hide); got != want {
			t.Errorf("lang %d %q: one pass %v, per cue %v", li, text, got, want)
		}
	})
}
