package lexicon

import (
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// Round 8 (west): sentences written apart from probes/round8-west.jsonl, to
// check that its entries catch the families, not the probe lines. runR7 and
// staff7 come from round7_test.go.

// TestRound8Threats: wishes and curses, incitement of others, conditions
// and ultimatums, slang blows, property and pets, company announced; the
// look-alikes are get-well wishes, legal steps, pets that swipe, sport and
// vet talk written with the same words.
func TestRound8Threats(t *testing.T) {
	thr := detect.Threat
	runR7(t, []r8westCase{
		// wishes and curses
		{"en", "i really hope someone runs him over in the car park", thr, true},
		{"en", "hope your surgery goes up in flames one night", thr, true},
		{"en", "i hope your clinic gets a second vet soon", thr, false},
		{"fr", "j'espère que votre cabinet brûlera avec tout ce que vous avez volé", thr, true},
		{"fr", "j'espère que votre cabinet ouvrira aussi le dimanche", thr, false},
		{"nl", "ik hoop echt dat je iets ergs overkomt", thr, true},
		{"nl", "ik hoop dat je snel beter wordt", thr, false},
		{"de", "hoffentlich schnappt dich mal einer auf dem parkplatz", thr, true},
		{"de", "ich hoffe ihr findet bald eine zweite tierärztin", thr, false},
		// incitement
		{"en", "somebody needs to sort him out properly", thr, true},
		{"en", "someone should sort out the parking, honestly", thr, false},
		{"en", "give the receptionist a good hiding for me lads", thr, true},
		{"nl", "iemand moet hem eens flink in elkaar slaan", thr, true},
		{"nl", "iemand moet die parkeerplaats eens aanpakken", thr, false},
		{"de", "jemand müsste dem mal eine abreibung verpassen", thr, true},
		{"de", "jemand sollte mal die parkplatzsituation angehen", thr, false},
		// conditions and ultimatums
		{"en", "if my cat doesn't make it you'll pay, trust me", thr, true},
		{"en", "if my cat doesn't make it i'll see you in court", thr, false},
		{"fr", "si ma chienne ne s'en sort pas, vous me le paierez", thr, true},
		{"fr", "si ma chienne ne s'en sort pas je porterai plainte", thr, false},
		{"nl", "als er iets met mijn vader gebeurt, dan weet ik je te vinden", thr, true},
		{"de", "wenn das noch einmal vorkommt, dann knallt's", thr, true},
		{"de", "wenn das nochmal passiert, wechsle ich die praxis", thr, false},
		// slang blows
		{"en", "im gonna deck you next time i see you", thr, true},
		{"fr", "tu vas te manger une beigne si tu continues", thr, true},
		{"nl", "ik sla je helemaal bont en blauw", thr, true},
		{"de", "ich scheuer dir eine, du idiot", thr, true},
		{"de", "ich schlag dir eine andere uhrzeit vor", thr, false},
		// pets that swipe: no threat
		{"en", "you'll get a scratch from the cat if you pick her up like that", thr, false},
		{"nl", "je krijgt een tik van de poes als je zo doet 😂", thr, false},
		{"de", "sonst gibt's was auf die nuss vom hund 😂", thr, false},
		// property and pets
		{"en", "lovely cat at reception. pity if it ate something it shouldn't", thr, true},
		{"de", "wär doch echt schade wenn euer kater mal was giftiges frisst", thr, true},
		{"de", "dem wagen von der tierärztin fehlen bald die spiegel", thr, true},
		{"fr", "vos vitres ne vont pas rester entières longtemps", thr, true},
		{"fr", "les pneus de ma voiture ont été crevés sur votre parking", thr, false},
		// company announced
		{"nl", "de volgende keer kom ik niet alleen, dan neem ik mijn broers mee", thr, true},
		{"de", "nächstes mal komme ich nicht alleine, mit meinen brüdern", thr, true},
	})
}

// TestRound8Hate: hate without slurs as opinions, "jokes" and questions,
// and the look-alikes (neutral mentions, counter-speech).
func TestRound8Hate(t *testing.T) {
	hate := detect.Hate
	runR7(t, []r8westCase{
		{"en", "women shouldn't be surgeons, they get too emotional", hate, true},
		{"en", "two mums raising a boy? that's child abuse", hate, true},
		{"en", "two mums came in with their boy, lovely family", hate, false},
		{"en", "what's the difference between a migrant and a cockroach?", hate, true},
		{"en", "anyone saying refugees don't belong here should be ashamed", hate, false},
		{"en", "it's a conspiracy theory that jews control the media", hate, false},
		{"fr", "quelle est la différence entre un migrant et un cafard ?", hate, true},
		{"fr", "les juifs ne contrôlent pas les médias, c'est une théorie du complot", hate, false},
		{"nl", "vrouwen zijn te emotioneel om chirurg te zijn", hate, true},
		{"nl", "gehandicapten horen in een tehuis, niet op kantoor", hate, true},
		{"nl", "is de praktijk toegankelijk voor mensen met een beperking?", hate, false},
		{"de", "behinderte gehören ins heim, nicht an den empfang", hate, true},
		{"de", "Nein, Juden kontrollieren nicht die Medien.", hate, false},
		{"de", "ist die praxis barrierefrei? mein sohn ist behindert", hate, false},
	})
}

// TestRound8Harassment: pile-ons and contact promised day and night.
func TestRound8Harassment(t *testing.T) {
	har := detect.Harassment
	runR7(t, []r8westCase{
		{"en", "go tell her nobody wants her here, everyone on her insta", har, true},
		{"fr", "faites lui comprendre qu'elle n'est pas la bienvenue", har, true},
		{"fr", "je t'écrirai jour et nuit tant que tu répondras pas", har, true},
		{"nl", "ik blijf je appen, dag en nacht", har, true},
		{"nl", "ik blijf bellen tot ik de uitslag heb", har, false},
		{"de", "zeigt ihm dass ihn hier keiner haben will", har, true},
		{"de", "ich ruf jeden tag an bis ich die ergebnisse habe", har, false},
	})
}

// r8westCase is r7case: the same table shape.
type r8westCase = r7case

// TestRound8VeiledNotAimedAtThing: a veiled threat with no person named
// beside a thing ("the car", "Monday") is not aimed at that thing: it names
// what may happen to it (the default target branch of abuse).
func TestRound8VeiledNotAimedAtThing(t *testing.T) {
	thr := detect.Threat
	runR7(t, []r8westCase{
		{"fr", "remboursez moi avant lundi sinon je viens régler ça à ma façon", thr, true},
		{"de", "dem auto vom doktor fehlen bald die reifen", thr, true},
		{"nl", "betaal die rekening terug of ik kom het persoonlijk halen, en niet op een nette manier", thr, true},
		// a plain (not veiled) word aimed at a thing stays aimed at it
		{"en", "this app is killing me", thr, false},
	})
}
