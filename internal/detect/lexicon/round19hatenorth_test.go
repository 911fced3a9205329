package lexicon

import "testing"

// TestR19HateNorthVermin (N1): a group named as vermin or disease to be
// cleared from the streets or housed at others' expense, a religion called
// a disease, every member a bomb; the same words of pests, litter or
// illness are not hate.
func TestR19HateNorthVermin(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "time to purge the estate of these parasites", true},
		{"en", "stop housing all those scroungers while pensioners freeze", true},
		{"en", "islam is a tumour on this country", true},
		{"sv", "rensa stan från packet, börja vid stationen", true},
		{"sv", "kommunen ger bostäder till de där snyltarna", true},
		{"sv", "islam är en pest", true},
		{"sv", "tiggare är som måsar, de tar allt", true},
		{"nb", "rens byen for avskummet fra leiren", true},
		{"nb", "kommunen gir boliger til de snylterne", true},
		{"nn", "dei der folka er berre avskum", true},
		{"da", "rens byen for afskummet nu", true},
		// Look-alikes.
		{"en", "we need to clear the park of litter before the fete", false},
		{"en", "the cream cleared my dog of fleas in a week", false},
		{"sv", "vi måste rensa parken från skräp", false},
		{"sv", "katten hade parasiter, nu är hon frisk", false},
		{"sv", "måsarna är som galna vid hamnen i sommar", false},
		{"nb", "vi må rydde parken for søppel før 17. mai", false},
		{"nb", "hunden ble behandlet for parasitter", false},
	})
}

// TestR19HateNorthSentAway (N2, N3, N4): sent back to a jungle or desert,
// rounded up and shipped back, a post got for who one is, arson called on a
// group's building, a group's fate wished; holidays, merit and reports stay.
func TestR19HateNorthSentAway(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "she can crawl back to her jungle", true},
		{"en", "round them up and deport them, the whole street", true},
		{"en", "he only got the job because he is gay", true},
		{"en", "we should firebomb that mosque", true},
		{"sv", "han kan dra tillbaka till djungeln", true},
		{"sv", "hon fick platsen bara för att hon är muslim", true},
		{"sv", "nån borde spränga den där moskén", true},
		{"nb", "hun kan reise hjem til jungelen", true},
		{"nb", "han fikk stillingen fordi han er homofil", true},
		{"nb", "vi burde sprenge den nye moskeen", true},
		{"da", "han blev ansat kun fordi han er indvandrer", true},
		// Look-alikes.
		{"en", "we flew back to the desert last spring, lovely trip", false},
		{"en", "she got the job because she is brilliant with cats", false},
		{"en", "someone burned the bins near the mosque, the police came", false},
		{"sv", "hon fick jobbet för att hon är duktig", false},
		{"nb", "han fikk jobben fordi han er flink", false},
		{"da", "hun blev ansat fordi hun er dygtig", false},
	})
}

// TestR19HateNorthTraits (N5, N6, N8): blame, manners or a "typical" trait pinned on a group, trans women called men in dresses,
// replacement talk asserted, a group barred; the same predicates of pets,
// staffing or weather, and replacement talk dismissed, stay.
func TestR19HateNorthTraits(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "migrants are responsible for the housing crisis", true},
		{"en", "gay men cant behave in public", true},
		{"en", "trans women are just men in dresses", true},
		{"sv", "somalier är anledningen till att kön är lång", true},
		{"sv", "typiskt zigenare", true},
		{"sv", "folkutbytet är i full gång", true},
		{"nb", "innvandrerne er årsaken til at køen er lang", true},
		{"nb", "typisk pakkiser", true},
		{"nb", "befolkningsutskiftingen pågår", true},
		{"nb", "ingen romfolk inn på butikken", true},
		{"nn", "ingen svartingar inn på skulen", true},
		// Look-alikes.
		{"en", "low staffing is the reason the waiting list is long", false},
		{"en", "my puppy cant behave on the lead", false},
		{"sv", "personalbristen är anledningen till att kön är lång", false},
		{"sv", "typiskt svenskt väder idag", false},
		{"sv", "myten om folkutbyte är trams", false},
		{"nb", "typisk norsk sommer", false},
		{"nb", "ingen hunder inn på butikken", false},
	})
}

// TestR19HateNorthCounter (N7): reports of a comment calling a group names
// and "hate has no place here" are counter-speech.
func TestR19HateNorthCounter(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "the comment above calling jews vermin is still there, remove it", false},
		{"en", "hate has no place here, muslims are our neighbours", false},
		{"sv", "såg en kommentar som kallade muslimer råttor, anmälde den. hat hör inte hemma här", false},
		{"nb", "så en kommentar som kalte muslimer rotter, meldte den. hat hører ikke hjemme her", false},
	})
}
