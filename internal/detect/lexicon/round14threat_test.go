package lexicon

import (
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// Round 14 of threat generalisation (threatgrammar.go tgCondAgent, agent
// flag p, and the round 14 blocks of data/*.tsv): a first-person condition
// or encounter ("if I see her", "si je la croise", "wenn ich mit dir
// fertig bin", "när jag är klar med dig") makes the fate before or after
// it the writer's doing; new fates (passive knife harms, "cry blood",
// "bottom of the river", "skinned alive", "a vegetable", "nothing left of
// you"); warnings ("don't be surprised when …") and lying in wait as
// phrases. Sentences are new wordings, not the probe file's; look-alikes
// reuse the same frames for errands, care, pets, oneself and reports.

// TestR14DoneWithYou: a fate with "when I'm done with you" after or
// before it, in every language.
func TestR14DoneWithYou(t *testing.T) {
	runTG(t, []tgCase{
		{"en", "you will never walk again once i'm done with you", true},
		{"en", "when i'm finished with him he'll be in a body bag", true},
		{"fr", "tu ne pourras plus marcher quand j'en aurai fini avec toi", true},
		{"fr", "quand j'aurai fini avec elle elle sera dans un cercueil", true},
		{"de", "du wirst nie wieder laufen können wenn ich mit dir fertig bin", true},
		{"de", "wenn ich mit ihm fertig bin liegt er unter der erde", true},
		{"nl", "je zal nooit meer lopen als ik met je klaar ben", true},
		{"nl", "als ik met hem klaar ben ligt hij in een kist", true},
		{"sv", "det blir inte mycket kvar av honom när jag är klar med honom", true},
		{"sv", "du kommer aldrig gå igen när jag är klar med dig", true},
		{"nb", "det blir ikke mye igjen av ham når jeg er ferdig med ham", true},
		{"nn", "det blir ikkje mykje att av henne når eg er ferdig med henne", true},
		{"da", "der bliver ikke meget tilbage af ham når jeg er færdig med ham", true},
		// look-alikes: the same clause with an errand, a bill, a groomed dog
		{"en", "when i'm done with you i'll print the invoice", false},
		{"en", "when i'm done with him he'll be the fluffiest dog in town", false},
		{"fr", "quand j'en aurai fini avec toi je t'envoie la facture", false},
		{"de", "wenn ich mit dir fertig bin, bekommst du die rechnung", false},
		{"nl", "als ik met je klaar ben krijg je de rekening", false},
		{"sv", "när jag är klar med dig får du kvittot", false},
		{"nb", "når jeg er ferdig med deg får du kvitteringen", false},
	})
}

// TestR14Encounter: a passive or fate harm after a first-person encounter.
func TestR14Encounter(t *testing.T) {
	runTG(t, []tgCase{
		{"en", "if i bump into that councillor he's getting shot", true},
		{"en", "when i get my hands on the manager, he's dead", true},
		{"fr", "si je recroise ce véto il va se faire buter", true},
		{"fr", "quand je la chope elle se prendra une balle", true},
		{"de", "wenn ich ihn erwische wird er abgeknallt", true},
		{"de", "falls ich die chefin treffe, ist sie dran", true},
		{"nl", "als ik hem tegenkom wordt hij neergeschoten", true},
		{"sv", "om jag får tag i henne blir hon skjuten", true},
		{"nb", "hvis jeg møter ham blir han skutt", true},
		{"nn", "viss eg møter han blir han skoten", true},
		{"da", "hvis jeg ser ham bliver han skudt", true},
		// look-alikes: an encounter with thanks, a hospital visit, a
		// report of a threat, a fate that befalls by illness far after
		{"en", "if i see the nurse tomorrow i'll thank her", false},
		{"en", "if i see her at the clinic, her mum is probably still in hospital", false},
		{"en", "he wrote 'if i see her she's getting stabbed', we called the police", false},
		{"fr", "si je la croise au marché je lui dirai bonjour", false},
		{"de", "wenn ich sie sehe, frage ich, ob sie im krankenhaus war", false},
		{"de", "wenn ich sie im krankenhaus sehe, bringe ich blumen", false},
		{"nl", "als ik haar tegenkom gaat ze eraan werken, zei ze", false},
		{"sv", "om jag ser henne är hon alltid glad", false},
		{"nb", "hvis jeg ser henne er hun alltid blid", false},
		{"en", "by the time i'm done with this paperwork i'll be dead tired", false},
	})
}

// TestR14GraveFates: idioms of grave harm as fates or harms.
func TestR14GraveFates(t *testing.T) {
	runTG(t, []tgCase{
		{"en", "i'll make that manager cry blood", true},
		{"en", "you'll be at the bottom of the river by spring", true},
		{"en", "i'm going to turn you into a vegetable", true},
		{"fr", "tu vas finir au fond de la seine", true},
		{"de", "du wirst blut weinen", true},
		{"nl", "je gaat op de bodem van het kanaal liggen", true},
		{"sv", "du kommer att gråta blod", true},
		{"nb", "du kommer til å ligge på bunnen av elva", true},
		{"nn", "du kjem til å gråte blod", true},
		// look-alikes
		{"en", "my cat is a vegetable since the stroke", false},
		{"en", "my phone is at the bottom of the river now", false},
		{"fr", "mon chat est un légume depuis l'opération", false},
		{"de", "meine katze ist seit dem schlaganfall ein pflegefall", false},
		{"nl", "mijn kat is een plant sinds de operatie", false},
		{"sv", "min katt är en grönsak efter operationen", false},
		{"nb", "katten min er en grønnsak etter operasjonen", false},
		{"sv", "jag grät blod över tentan", false},
	})
}

// TestR14Phrases: warnings and lying in wait, spelled as threat phrases.
func TestR14Phrases(t *testing.T) {
	r14RunPhrase(t, []tgCase{
		{"en", "don't be surprised if your tyres are slashed tomorrow", true},
		{"en", "one of these evenings you'll leave the surgery and i'll be waiting", true},
		{"en", "i'll be parked outside her house tonight", true},
		{"fr", "ne sois pas surpris si ta voiture est rayée demain", true},
		{"fr", "je serai devant chez elle ce soir", true},
		{"de", "wundert euch nicht wenn eure reifen zerstochen sind", true},
		{"de", "ich warte vor deiner wohnung", true},
		{"nl", "wees niet verbaasd als je banden lek gestoken zijn", true},
		{"nl", "ik sta te wachten bij haar huis", true},
		{"sv", "bli inte förvånad om din bil är i brand", true},
		{"sv", "jag står utanför hans port", true},
		{"nb", "ikke bli overrasket hvis bilen din er brent", true},
		{"nb", "jeg står utenfor døra di", true},
		// look-alikes
		{"en", "don't be surprised if the waiting room is full on monday", false},
		{"en", "i'll be waiting at the car park for my mum", false},
		{"fr", "ne soyez pas surpris si la salle d'attente est pleine", false},
		{"de", "wundert euch nicht wenn das wartezimmer voll ist", false},
		{"nl", "wees niet verbaasd als de wachtkamer vol zit", false},
		{"sv", "bli inte förvånad om väntrummet är fullt", false},
		{"nb", "ikke bli overrasket om venterommet er fullt", false},
		{"sv", "jag väntar på parkeringen på min mamma", false},
	})
}

// r14RunPhrase checks the lexicon's threat score alone against the
// removal threshold: positives reach it, look-alikes stay under it.
func r14RunPhrase(t *testing.T, cases []tgCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.lang+"/"+c.text, func(t *testing.T) {
			s := scores(t, tcase{lang: c.lang, text: c.text, staff: tgStaff})[detect.Threat]
			if got := s.Score >= removeAt; got != c.fires {
				t.Errorf("threat %.3f >= %.2f = %v, want %v (%s)", s.Score, removeAt, got, c.fires, s.Explanation)
			}
		})
	}
}

// TestR14DesertSubject: a desert whose subject is the target ("people
// like you deserve …"), only with a violent fate; care stays care.
func TestR14DesertSubject(t *testing.T) {
	runTG(t, []tgCase{
		{"en", "people like you deserve to be skinned alive", true},
		{"fr", "les gens comme toi méritent d'être enterrés vivants", true},
		{"de", "typen wie du gehören lebendig verbrannt", true},
		{"nl", "types als jij verdienen het om levend verbrand te worden", true},
		{"sv", "sådana som du förtjänar att begravas levande och bli flådda levande", true},
		{"nb", "slike som deg fortjener å bli begravd levende", true},
		// look-alikes: care, plants, pets
		{"de", "sie gehört ins krankenhaus, sie hat hohes fieber", false},
		{"en", "people like you deserve to be in hospital care, not on a waiting list", false},
		{"nl", "de planten verdienen het om vaker water te krijgen", false},
		{"sv", "blommorna förtjänar att vattnas oftare", false},
	})
}

// TestR14VeiledCar: the veiled "check under her car" and acid on the
// paint; advice about cats under a warm car stays advice.
func TestR14VeiledCar(t *testing.T) {
	r14RunPhrase(t, []tgCase{
		{"en", "remind Karim to check under his car before he drives off", true},
		{"fr", "dis à Karim de vérifier sous sa voiture avant de partir", true},
		{"de", "sag Karim, er soll unter sein auto schauen bevor er losfährt", true},
		{"nl", "zeg tegen Karim dat hij onder zijn auto moet kijken", true},
		{"sv", "synd om bilen om den får lite syra på lacken", true},
		{"nb", "synd om bilen om den får litt syre på lakken", true},
		{"en", "check under your car before you drive, cats love warm engines", false},
		{"en", "look under the car before you leave, kittens hide there in winter", false},
	})
}
