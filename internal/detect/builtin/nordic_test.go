package builtin_test

import "testing"

// TestNordicDutchRound3 pins the third round on Swedish, Norwegian
// (Bokmål, Nynorsk) and Dutch removal (issue #3): insult nouns with
// definite and plural endings, compounds with a curse as the first or
// last part, wishes of harm, contempt with a curse, a slur cursed by an
// expletive, a sexual demand that comes with a complaint; and, on the
// other side, pets called names in jest, words talked about rather than
// used, "idiot-proof", and wishes that something not happen.
func TestNordicDutchRound3(t *testing.T) {
	checkRemovals(t, []removalCase{
		// Inflection and compounds.
		{"sv", "Fittorna i kassan borde sparkas", true},
		{"sv", "Rövhålen på kliniken", true},
		{"sv", "Idiotveterinären dödade nästan min hund", true},
		{"sv", "Kärringjäveln i receptionen", true},
		{"nb", "Drittsekkene på kontoret", true},
		{"nb", "Fittene i resepsjonen lyver", true},
		{"nb", "Horungen i skranken burde sparkes", true},
		{"nl", "Die kankerassistente liegt", true},
		{"nl", "Klootzakken van de kliniek", true},
		// Wishes of harm and veiled threats.
		{"sv", "Hoppas ni dör allihop", true},
		{"nb", "Håper dere dør alle sammen", true},
		{"nn", "Eg håpar du får kreft", true},
		{"nl", "Ik hoop dat jullie allemaal doodgaan", true},
		{"nl", "Dat wijf moet afgeschoten worden", true},
		{"nb", "Du burde bli voldtatt", true},
		{"sv", "Vi ses efter jobbet, då får du se", true},
		// Contempt, dehumanising, stacked name-calling.
		{"nb", "Dere er så jævla udugelige alle sammen", true},
		{"sv", "Chefen är ett äckligt kräk", true},
		{"nb", "Sjefen er et ekkelt kryp", true},
		{"nl", "Hersenloze clowns, het hele stel", true},
		{"nl", "Stelletje junks zijn jullie", true},
		{"nb", "Jævla pakkis, dra hjem", true},
		// A sexual demand is not a complaint because it names one.
		{"nb", "Send nakenbilder så glemmer jeg klagen", true},
		{"nl", "Stuur naaktfoto's en ik trek mijn klacht in", true},

		// Kept.
		{"sv", "Min hund är en liten idiot som äter strumpor", false},
		{"nb", "Hunden min er en liten idiot som spiser sokker", false},
		{"nn", "Hunden min er ein liten idiot som et sokkar", false},
		{"sv", "Idiotsäkert system, tack!", false},
		{"sv", "Hora och luder är ord som används för att trycka ner kvinnor", false},
		{"nb", "Hore og fitte er ord som brukes for å tråkke på kvinner", false},
		{"nl", "Hoer en slet zijn woorden om vrouwen klein te houden", false},
		{"nl", "Ik werd kankerhoer genoemd door een andere klant in de wachtkamer, doe iets", false},
		{"nn", "Eg vart kalla fitte av ein annan kunde på venterommet, gjer noko", false},
		{"nl", "Ik hoop dat ze niet doodgaat, ze is pas drie", false},
		{"sv", "Jag hoppas att hon inte dör, hon är bara tre år", false},
		{"nb", "Jeg håper hun ikke dør, hun er bare tre år", false},
		{"nl", "Het vuurwerk mag pas om twaalf uur afgeschoten worden", false},
		{"nl", "Die schilderijen moeten nog opgehangen worden", false},
		{"nl", "Dank jullie wel allemaal, super geholpen!", false},
		{"nb", "Takk alle sammen for hjelpen!", false},
		{"sv", "Tack allihop för hjälpen med katten!", false},
		{"sv", "Appen är helt värdelös efter uppdateringen", false},
		{"nb", "Dere er udugelige og jeg klager til Helsetilsynet", false},
	})
}
