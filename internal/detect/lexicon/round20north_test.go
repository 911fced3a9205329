package lexicon

import "testing"

// TestR20NorthBurdenAndCulture (K1, K2): a group called a cost that gives
// nothing, a vice said to sit in its culture or blood (also when the group
// is named in the next sentence with "pratar om"); the same words of
// budgets, pets, music or a workplace stay.
func TestR20NorthBurdenAndCulture(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"sv", "flyktingar kostar bara skattepengar och tillför inget", true},
		{"sv", "invandrarna är bara en belastning för samhället", true},
		{"sv", "araber stjäl, det ligger i blodet", true},
		{"sv", "de fuskar jämt, det sitter i generna. jag menar romerna", true},
		{"nb", "innvandrere koster bare penger, de tilfører ingenting", true},
		{"nb", "somaliere lyver, det sitter i genene", true},
		{"nb", "de jukser alltid, det ligger i kulturen. snakker om rumenerne", true},
		{"nn", "flyktningar kostar berre pengar", true},
		{"da", "indvandrere koster bare penge og bidrager ikke med noget", true},
		// Look-alikes.
		{"sv", "den nya kassan kostar bara pengar och tillför ingenting", false},
		{"sv", "pappa spelar fiol, musiken ligger i blodet", false},
		{"sv", "de ljuger om öppettiderna, det sitter i kulturen på kontoret", false},
		{"sv", "de fuskar jämt, det sitter i generna. flyktingar är välkomna här", false},
		{"nb", "den nye appen koster bare penger og tilfører ingenting", false},
		{"nb", "dansen ligger i blodet hos oss", false},
	})
}

// TestR20NorthHiringAndArson (K3, K4): a theft or a decline blamed on
// hiring a foreigner, arson promised if more of a group move in; thefts,
// hires and bonfires told plainly stay.
func TestR20NorthHiringAndArson(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"sv", "mobilen stals samma dag som de anställde den där rumänen", true},
		{"sv", "vården har blivit sämre sen de anställde alla dessa invandrare", true},
		{"sv", "kommer det fler asylsökande till hotellet så bränner vi ner det", true},
		{"nb", "nøklene ble borte samme uke som dere ansatte den polakken", true},
		{"nb", "skolen har blitt verre siden de ansatte alle de utlendingene", true},
		{"nb", "kommer det flere asylsøkere til hotellet så setter vi fyr på det", true},
		{"nn", "butikken har gått nedover sidan dei tilsette alle dei innvandrarane", true},
		// Look-alikes.
		{"sv", "mobilen försvann samma dag som vi flyttade", false},
		{"sv", "det har blivit bättre sen de anställde fler sköterskor", false},
		{"sv", "allt har gått utför sen de anställde den nya chefen", false},
		{"sv", "kommer grannarna på midsommar så tänder vi på grillen", false},
		{"nb", "nøklene ble borte samme dag som vi flyttet", false},
		{"nb", "det har blitt bedre siden de ansatte flere sykepleiere", false},
	})
}

// TestR20NorthNegatedAndBarred (K5, K6, K7): a negated positive ("are not
// normal"), a group barred from children or from running a place, an
// adverb between the copula and an illness; the same said of a staff
// member, a pet or a diagnosis stays.
func TestR20NorthNegatedAndBarred(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"sv", "transpersoner är inte normala", true},
		{"sv", "muslimer borde inte få jobba med barn", true},
		{"sv", "lesbiska är ju bara psykiskt sjuka", true},
		{"nb", "transfolk er ikke normale", true},
		{"nb", "muslimer bør ikke få jobbe med barn", true},
		{"nb", "homofile er jo bare syke i hodet", true},
		{"nn", "homofile er ikkje normale", true},
		{"da", "bøsser er ikke normale", true},
		// Look-alikes.
		{"sv", "katten är inte normal idag, hon äter inget", false},
		{"sv", "personal utan registerutdrag ska inte få jobba med barn", false},
		{"sv", "många av våra patienter är psykiskt sjuka och får god vård", false},
		{"nb", "hunden er ikke normal i dag, den spiser ikke", false},
		{"nb", "folk uten politiattest bør ikke få jobbe med barn", false},
		{"sv", "partiet borde inte driva frågan om flyktingar så hårt", false},
		{"nb", "leilighetene til flyktningene er bare dyre", false},
	})
}

// TestR20NorthQuestionsAndThreats (K8, K9, K10): a hateful question about a
// group, "if I see one more X there'll be trouble", a group put against a
// wall; the same of dogs, parking fines and bicycles stays.
func TestR20NorthQuestionsAndThreats(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"sv", "varför är alla somalier så bråkiga på bussen", true},
		{"sv", "ser jag en zigenare till vid butiken blir det bråk", true},
		{"sv", "ställ alla invandrare mot väggen", true},
		{"nb", "hvorfor er alle rumenere så frekke i butikken", true},
		{"nb", "ser jeg en muslim til på senteret blir det trøbbel", true},
		{"nb", "still alle innvandrerne opp mot veggen", true},
		{"nn", "kvifor er alle polakkar så fulle på toget", true},
		// Look-alikes.
		{"sv", "varför är alla hundar så högljudda på morgonen", false},
		{"sv", "varför är svenskar så duktiga på att köa", false},
		{"sv", "ser jag en parkeringsbot till på bilen blir det bråk med kommunen", false},
		{"sv", "ställ cyklarna mot väggen vid ingången", false},
		{"nb", "hvorfor er alle hunder så bråkete om morgenen", false},
		{"nb", "still syklene opp mot veggen", false},
	})
}

// TestR20NorthSlursAndLooks (K11, K12, K13, K14): a slur exclaimed of one
// person, glued to "din jävla", a face mocked at the reader, women drivers
// as the explanation; a rhetorical "are you this dumb or practising" is
// condescension (mild), and the same nouns said of pets stay.
func TestR20NorthSlursAndLooks(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"sv", "vilken blatte han är", true},
		{"sv", "dinjävlabög försvinn", true},
		{"sv", "med det där nyllet förstår jag att du jobbar i telefon", true},
		{"sv", "kvinnliga bilförare, därför blir det kö vid rondellen", true},
		{"nb", "for en pakkis den nye vakta", true},
		{"nb", "dinjævlahomo hold kjeft", true},
		{"nb", "med det fjeset skjønner jeg at du jobber på telefon", true},
		{"nn", "for ein svarting den nye naboen", true},
		// Look-alikes.
		{"sv", "vilken fin hund han har", false},
		{"sv", "med det där ansiktet ser katten alltid sur ut", false},
		{"sv", "kvinnliga bilförare är lika säkra som män", false},
		{"sv", "är du så trött eller tränar du för mycket", false},
		{"sv", "är du på riktigt så här korkad eller tränar du", false},
		{"nb", "for en flott hund den nye naboen har", false},
		{"nb", "er du faktisk så dum eller øver du", false},
	})
}
