package lexicon

import (
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// r9nordicStaff are the staff names of probes/round9-nordic.jsonl (the eval's default).
var r9nordicStaff = []string{"Dr Lindqvist", "Dr Hansen", "Sara", "Ingrid", "Karim"}

// r9nordicCase: remove says whether the lexicon alone must reach what the
// default policy removes (a signal of one of the round's levels >= 0.7, an
// insult >= 0.8 or a severe one >= 0.5), or must stay under it.
type r9nordicCase struct {
	lang, text string
	remove     bool
}

// The categories that remove at 0.7, as each round's tests read them.
var (
	r9nordicLevels  = []detect.Category{detect.Harassment, detect.Sexual, detect.Threat}
	r10nordicLevels = []detect.Category{detect.Threat, detect.Hate, detect.Harassment, detect.Sexual}
)

// removalLevel reports whether m holds what the default policy removes,
// reading levels at 0.7, and which signal it is.
func removalLevel(m map[detect.Category]detect.Signal, levels []detect.Category) (bool, string) {
	for _, c := range levels {
		if s, ok := m[c]; ok && s.Score >= 0.7 {
			return true, string(c) + ": " + s.Explanation
		}
	}
	if s, ok := m[detect.Insult]; ok && (s.Score >= 0.8 || (s.Score >= 0.5 && s.Severity >= 3)) {
		return true, "insult: " + s.Explanation
	}
	return false, ""
}

// runRemovalLevel runs the cases with the Nordic rounds' staff names.
func runRemovalLevel(t *testing.T, levels []detect.Category, cases []r9nordicCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.lang+"/"+c.text, func(t *testing.T) {
			m := scores(t, tcase{lang: c.lang, text: c.text, staff: r9nordicStaff})
			got, why := removalLevel(m, levels)
			if c.remove && !got {
				t.Errorf("want a removal-level signal, got %+v", m)
			}
			if !c.remove && got {
				t.Errorf("want nothing removal-level, got %s", why)
			}
		})
	}
}

func r9nordicRun(t *testing.T, cases []r9nordicCase) {
	t.Helper()
	runRemovalLevel(t, r9nordicLevels, cases)
}

// TestR9NordicContempt: contempt and competence mocking without a swear word
// ("an empty shell of a person", "not worth the air", "a diploma from a cereal
// box", "not one brain cell"), and its look-alikes: self-mockery, a building
// that is a disgrace, an app with no logic, a pet that looks like a raisin.
func TestR9NordicContempt(t *testing.T) {
	r9nordicRun(t, []r9nordicCase{
		{"sv", "hon är ett tomt skal till människa", true},
		{"sv", "du är inte värd luften du andas", true},
		{"sv", "karim är ett levande bevis på att evolutionen kan gå baklänges", true},
		{"sv", "du är en skamfläck för hela yrket", true},
		{"sv", "vilken bedrövlig liten figur du är", true},
		{"sv", "sköterskan har inte en enda hjärncell", true},
		{"sv", "det bor inte mycket i den skallen", true},
		{"sv", "undrar vem som gav henne legitimationen, måste ha följt med ett flingpaket", true},
		{"sv", "han har säkert köpt sitt examensbevis på wish", true},
		{"sv", "karim borde inte ens få ta hand om en kaktus", true},
		{"sv", "du är den korkaste människan jag mött", true},
		{"sv", "sara med sin valrossmage", true},
		{"nb", "du er et tomt skall av et menneske", true},
		{"nb", "for en ynkelig liten mann", true},
		{"nb", "du er ikke verdt lufta du puster inn", true},
		{"nb", "sykepleieren har ikke en eneste hjernecelle", true},
		{"nb", "fikk hun lisensen sin i et kinderegg eller", true},
		{"nb", "du er verdens mest udugelige sykepleier", true},
		{"nb", "verdens mest udugelige sykepleier", false}, // t: no one named or addressed
		{"nn", "du er ei skamplett for heile yrket", true},
		{"nn", "det bur ikkje mykje i den skallen der", true},
		{"nn", "for ein ynkeleg liten mann du er", true},

		{"sv", "jag har inte en enda hjärncell kvar efter nattpasset haha", false},
		{"sv", "jag är ett levande bevis på att kaffe inte räcker", false},
		{"sv", "jag skulle inte ens klara att ta hand om en kaktus haha", false},
		{"sv", "huset vid torget är en skamfläck för hela kommunen", false},
		{"sv", "bokningssystemet har lika mycket logik som en tom kartong", false},
		{"sv", "min gamla hund ser ut som ett russin nu men är pigg", false},
		{"sv", "dubbelhakan på vår mops är så söt", false},
		{"sv", "grattis dr lindqvist till 25 år, vilket geni du är med katter", false},
		{"nb", "jeg har ikke en eneste hjernecelle igjen etter nattevakta haha", false},
		{"nb", "jeg er et levende bevis på at kaffe ikke hjelper", false},
		{"nb", "grisen vår har et så søtt tryne", false},
		{"nb", "den gamle hunden min ser ut som en rosin", false},
		{"nb", "dette er et sløseri med skattepenger", false},
	})
}

// TestR9NordicStalking: surveillance, following, contacting a family and
// exposing health, and their look-alikes: a bus asked for, a cat that
// followed someone home, a friendly sighting, one's own husband told.
func TestR9NordicStalking(t *testing.T) {
	r9nordicRun(t, []r9nordicCase{
		{"sv", "jag vet vilken buss du tar hem", true},
		{"sv", "jag vet vilket gym du tränar på", true},
		{"sv", "jag sitter i bilen och ser när du går hem", true},
		{"sv", "du borde dra ner persiennerna hemma", true},
		{"sv", "jag har följt efter dig hem två gånger", true},
		{"sv", "jag såg dig på ica igår, du hade den blå jackan", true},
		{"sv", "ska jag berätta för din man vad du gör på lunchen", true},
		{"sv", "jag har mejlat din mamma", true},
		{"sv", "alla vet att karim går på antidepressiva", true},
		{"nb", "jeg vet hvilken buss du tar", true},
		{"nb", "jeg har fulgt etter henne til parkeringen", true},
		{"nb", "jeg har sendt melding til mora di", true},
		{"nb", "du kan bytte nummer så mye du vil, jeg finner deg alltid", true},
		{"nn", "eg veit kva buss du tek heim", true},
		{"nn", "skal eg fortelje mannen din kva du driv med", true},
		{"da", "jeg ved hvilken bus du tager hjem", true},

		{"sv", "vilken buss går till vårdcentralen från centrum?", false},
		{"sv", "katten följde efter mig hem från affären", false},
		{"sv", "vi såg dig på stan igår, du hade katten i väskan så gulligt", false},
		{"sv", "ska berätta för min man hur bra ni var", false},
		{"sv", "dra ner persiennerna i väntrummet, solen bländar", false},
		{"sv", "mamma äter antidepressiva sedan i våras, kan det påverka aptiten?", false},
		{"sv", "mitt ex visste vilken buss jag tog och väntade vid hållplatsen", false},
		{"nb", "katten fulgte etter meg hjem fra butikken", false},
		{"nb", "skal fortelle mannen min hvor flinke dere var", false},
		{"nb", "mamma går på antidepressiva, kan det påvirke matlysten?", false},
		{"nn", "kva buss går til legevakta frå sentrum?", false},
	})
}

// TestR9NordicSexual: unwanted remarks and propositions to staff and about
// clients, and the vet and care look-alikes (undressing a patient, an
// examination, vegetables next to an aubergine emoji, a request).
func TestR9NordicSexual(t *testing.T) {
	r9nordicRun(t, []r9nordicCase{
		{"sv", "sara du får gärna klä av dig nästa gång 😏", true},
		{"sv", "sköterskan har en rumpa man vill bita i", true},
		{"sv", "undrar vad receptionisten har under den där rocken", true},
		{"sv", "vad har sköterskan under uniformen egentligen", true},
		{"sv", "dr lindqvist får kolla min prostata när som helst 😏", true},
		{"sv", "ingrid kan du inte skicka lite pics privat", true},
		{"sv", "karim ses vi på hotellet efter ditt pass?", true},
		{"sv", "tjejerna på kvinnojouren är säkert desperata efter en riktig karl", true},
		{"sv", "🍆💦 till sköterskan", true},
		{"nb", "sykepleieren har en rumpe man har lyst til å klype i", true},
		{"nb", "lurer på hva resepsjonisten har under den frakken", true},
		{"nb", "ingrid kan du ikke sende noen pics privat", true},
		{"nb", "skal vi møtes på hotellet etter vakta di?", true},
		{"nn", "sjukepleiaren har ein rumpe ein har lyst å klype i", true},

		{"sv", "sköterskan hjälpte mamma att klä av sig och tvätta sig", false},
		{"sv", "måste jag ta av hunden tröjan innan röntgen?", false},
		{"sv", "veterinären undersökte katten och kände på magen", false},
		{"sv", "hunden har en knöl under pälsen som växer", false},
		{"sv", "tiken löper nu, hur länge ska vi vänta med kastreringen?", false},
		{"sv", "🍆🥕🥔 grönsakslådan från er skolträdgård var toppen", false},
		{"sv", "kan du inte skicka provsvaren till mig på mejlen?", false},
		{"sv", "ses vi på julfesten efter jobbet?", false},
		{"nb", "sykepleieren hjalp mamma å kle av seg og vaske seg", false},
		{"nb", "tispa løper nå, hvor lenge bør vi vente?", false},
		{"nb", "vi spanderer mer enn kaffe på åpen dag", false},
		{"nn", "veterinæren undersøkte katten og kjende på magen", false},
		// A plea to stop stays negated: only "kan du inte skicka …" is a request.
		{"sv", "kan du inte sluta skicka nakenbilder till mig?", false},
		{"nb", "kan du ikke slutte å sende meg nakenbilder?", false},
	})
}
