package builtin_test

import (
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/detect/builtin"
	"github.com/stormwatch/stormwatch/internal/policy"
)

// TestPositiveIdentityStatements: praise of an identity group ("Kvinnor är
// underbara", "muslims are kind and generous people") is neither removed
// nor sent to review as hate or insult. The sentences were written apart
// from the model's supportive templates (templates-positive.tsv), to
// measure whether the model learnt that the predicate, not the group's
// name, makes hate: before those templates 20 of 40 went to review; now
// 6. The floor keeps it there; none may ever be removed.
func TestPositiveIdentityStatements(t *testing.T) {
	e, err := builtin.Engine()
	if err != nil {
		t.Fatal(err)
	}
	p := policy.Default()
	cases := []struct{ lang, text string }{
		{"en", "Women are fantastic."},
		{"en", "muslims are kind and generous people"},
		{"en", "I admire trans people so much."},
		{"en", "Refugees are good neighbours."},
		{"en", "black people are beautiful"},
		{"en", "Jews have given so much to this city."},
		{"en", "disabled people are strong and brave"},
		{"en", "gay couples make great parents"},
		{"en", "immigrants built this country"},
		{"en", "Women are wonderful."},
		{"fr", "les femmes sont géniales"},
		{"fr", "Les musulmans sont des gens adorables."},
		{"fr", "j'admire les personnes trans"},
		{"fr", "les réfugiés sont de bons voisins"},
		{"fr", "Les Noirs sont magnifiques."},
		{"fr", "les handicapés sont courageux"},
		{"nl", "vrouwen zijn fantastisch"},
		{"nl", "Moslims zijn vriendelijke mensen."},
		{"nl", "ik bewonder transgenders"},
		{"nl", "vluchtelingen zijn goede buren"},
		{"nl", "Homo's zijn prachtige mensen."},
		{"nl", "gehandicapten zijn sterk"},
		{"de", "Frauen sind fantastisch."},
		{"de", "muslime sind freundliche menschen"},
		{"de", "Ich bewundere trans Menschen."},
		{"de", "flüchtlinge sind gute nachbarn"},
		{"de", "Schwule sind wunderbare Eltern."},
		{"de", "Frauen sind wunderbar."},
		{"sv", "Kvinnor är underbara."},
		{"sv", "muslimer är snälla människor"},
		{"sv", "jag beundrar transpersoner"},
		{"sv", "flyktingar är bra grannar"},
		{"sv", "Invandrare berikar vårt land."},
		{"sv", "homosexuella är fina föräldrar"},
		{"nb", "kvinner er herlige"},
		{"nb", "Muslimer er snille folk."},
		{"nb", "jeg beundrer transpersoner"},
		{"nb", "flyktninger er gode naboer"},
		{"nb", "Homofile er supre folk."},
		{"nb", "innvandrere har bygd landet vårt"},
	}
	const maxFlagged = 6
	flagged := 0
	for _, c := range cases {
		res := e.Analyze(t.Context(), detect.Input{Text: c.text, Lang: c.lang})
		if removes(e, p, c.text, c.lang) {
			t.Errorf("%s %q removed; signals %+v", c.lang, c.text, res.Signals)
		}
		if detect.Score(res.Signals, detect.Hate) >= 0.5 || detect.Score(res.Signals, detect.Insult) >= 0.5 {
			flagged++
			t.Logf("flagged: %s %q (hate %.2f, insult %.2f)", c.lang, c.text, detect.Score(res.Signals, detect.Hate), detect.Score(res.Signals, detect.Insult))
		}
	}
	if flagged > maxFlagged {
		t.Errorf("%d of %d positive statements about groups scored 0.5 or more as hate or insult, want at most %d", flagged, len(cases), maxFlagged)
	}
}
