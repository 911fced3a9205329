package lexicon

import (
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// Round 22 a (probes/functional-r22a.jsonl): HateCheck-style functionalities
// in French and English. Hateful cases must carry a hate or threat signal at
// removal level (not an insult: a functional suite counts only hate); their
// look-alikes, with the same constructions aimed at things, non-protected
// groups or quoted to be rejected, must carry nothing removal-level. The
// sentences are new wordings, not the suite's lines.

type r22aCase struct {
	lang, text string
	hate       bool
}

func r22aRun(t *testing.T, cases []r22aCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.lang+"/"+c.text, func(t *testing.T) {
			m := scores(t, tcase{lang: c.lang, text: c.text, staff: r9nordicStaff})
			if c.hate {
				h, th := m[detect.Hate], m[detect.Threat]
				if h.Score < 0.7 && th.Score < 0.7 {
					t.Errorf("want hate or threat at removal level, got %+v", m)
				}
				return
			}
			if got, why := removalLevel(m, r10nordicLevels); got {
				t.Errorf("want nothing removal-level, got %s", why)
			}
		})
	}
}

// TestR22aHateful: strong dislike (H1), implicit derogation (H4), violence
// promised or prescribed to a whole group (H5, H6), a group cursed (H8), a
// pronoun or a question (H9, H10), traits (H2) and misspellings (H12).
func TestR22aHateful(t *testing.T) {
	r22aRun(t, []r22aCase{
		{"fr", "Franchement je ne supporte plus ces migrants.", true},
		{"fr", "J'en ai ras le bol des juifs, tous autant qu'ils sont.", true},
		{"fr", "Les lesbiennes me font gerber.", true},
		{"fr", "Les Arabes ont leur place dans un zoo.", true},
		{"fr", "Les Roms ne sont même pas humains.", true},
		{"fr", "Les musulmanes n'ont qu'à retourner dans leur pays.", true},
		{"fr", "Je vais flinguer tous les homos de la ville.", true},
		{"fr", "Les réfugiés mériteraient tous d'être noyés.", true},
		{"fr", "Les handicapés méritent de crever.", true},
		{"fr", "Au diable toutes les féministes.", true},
		{"fr", "Pourquoi les trans sont aussi sales ?", true},
		{"fr", "Les Noirs sont tous fourbes.", true},
		{"fr", "Les gitans ? Il faudrait tous les enfermer.", true},
		{"en", "Honestly I cannot stand lesbians.", true},
		{"en", "I'm sick and tired of Muslims.", true},
		{"en", "Gay couples make me want to throw up.", true},
		{"en", "Refugees belong in cages.", true},
		{"en", "Migrants should go back to wherever they came from.", true},
		{"en", "Jews ruin everything they touch.", true},
		{"en", "Load the Muslims into cattle trucks.", true},
		{"en", "To hell with all the trans people.", true},
		{"en", "Why are Black people so violent?", true},
		{"en", "Immigrants are parasits.", true},
	})
}

// TestR22aLookAlikes: the same constructions said of things, weather, pets,
// tourists and stray dogs; counter-speech that quotes or reproaches hate; a
// clause-level negation ("I don't think …", "not one of the …").
func TestR22aLookAlikes(t *testing.T) {
	r22aRun(t, []r22aCase{
		{"fr", "Je ne supporte plus ce bruit de travaux.", false},
		{"fr", "J'en ai ras le bol des bouchons le matin.", false},
		{"fr", "Les brocolis me font gerber.", false},
		{"fr", "Les chèvres ont leur place au zoo de Vincennes.", false},
		{"fr", "Les touristes n'ont qu'à rentrer chez eux s'ils ont froid.", false},
		{"fr", "Les chiens errants devraient être abattus, dit le voisin.", false},
		{"fr", "Au diable toutes les règles de grammaire.", false},
		{"fr", "Pourquoi les vitres sont aussi sales ?", false},
		{"fr", "Il faudrait tous les vacciner, les chatons.", false},
		{"fr", "J'en ai marre des gens qui harcèlent les réfugiés.", false},
		{"fr", "Si vous pensez que les Roms sont de la vermine, c'est vous le problème.", false},
		{"en", "Honestly I cannot stand this heat.", false},
		{"en", "I'm sick and tired of roadworks.", false},
		{"en", "Raw oysters make me want to throw up.", false},
		{"en", "The parrots belong in cages at night.", false},
		{"en", "To hell with the budget, let's go out.", false},
		{"en", "Why are the buses so dirty?", false},
		{"en", "I'm tired of people who bully Muslims.", false},
		{"en", "If you think refugees are vermin, you are part of the problem.", false},
		{"en", "I don't think immigrants should go back where they came from.", false},
		{"en", "Not one of the Muslims in my street is a criminal.", false},
	})
}

// TestR22aMockedDisability: a disabled person mocked in front of others is
// removed (as an insult, by the labelling guide); a pet is not.
func TestR22aMockedDisability(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"fr", "Visez ce mongol qui essaie de courir", true},
		{"en", "Check out that spastic on the bus", true},
		{"fr", "Regardez ce chaton qui essaie de grimper", false},
		{"en", "Check out that puppy on the bus", false},
	})
}
