package lexicon

import (
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// Round 9 (west): insults without swear words, harassment beyond threats and
// sexual remarks, in sentences written apart from probes/round9-west.jsonl,
// so that its entries are checked on the families, not on the probe lines.
// runR7 and staff7 come from round7_test.go.

// TestR9westContempt: contempt by comparison, a person as a thing, a birth
// regretted, a job "wasted" on someone, qualifications mocked; look-alikes
// say the same of an app, of oneself, of a pet or of money.
func TestR9westContempt(t *testing.T) {
	ins := detect.Insult
	runR7(t, []r7case{
		{"en", "even a brick has more empathy than the manager of this care home", ins, true},
		{"en", "even my toaster has more brains than this app", ins, false},
		{"en", "that nurse has the charisma of a damp sponge", ins, true},
		{"en", "he has the personality of a teddy bear, the gentlest dog ever", ins, false},
		{"en", "sorry i have the iq of a potato today, thank you for your patience", ins, false},
		{"en", "you should never have been born, honestly", ins, true},
		{"en", "my cat should never have been born with that heart, thank you for giving him 12 good years", ins, false},
		{"en", "the council clerk got her degree out of a kinder egg", ins, true},
		{"en", "you are a waste of a white coat", ins, true},
		{"en", "what a waste of a morning, the office was shut", ins, false},
		{"fr", "même une brique a plus de compassion que la directrice de cet ehpad", ins, true},
		{"fr", "même un grille pain a plus d'intelligence que votre application", ins, false},
		{"fr", "la secrétaire a la personnalité d'une serpillière", ins, true},
		{"fr", "désolée j'ai le qi d'une huître aujourd'hui, merci pour votre patience", ins, false},
		{"fr", "toi t'aurais jamais dû naître", ins, true},
		{"fr", "mon chat n'aurait jamais dû naître avec ce coeur, merci pour ces belles années", ins, false},
		{"fr", "t'es qu'un gaspillage de diplôme", ins, true},
		{"fr", "ce médicament c'est du gâchis, merci quand même", ins, false},
		{"fr", "elle vaut moins qu'un rat, la secrétaire", ins, true},
		{"nl", "zelfs een baksteen heeft meer empathie dan de directeur van dit verpleeghuis", ins, true},
		{"nl", "zelfs een broodrooster heeft meer verstand dan die app van jullie", ins, false},
		{"nl", "die receptioniste heeft het iq van een krop sla", ins, true},
		{"nl", "sorry ik heb het geheugen van een goudvis, bedankt voor het geduld", ins, false},
		{"nl", "mensen als jij hadden nooit geboren mogen worden", ins, true},
		{"nl", "zonde van het geld, dat medicijn hielp niks", ins, false},
		{"nl", "die heeft haar diploma uit een kinder surprise", ins, true},
		{"de", "selbst ein ziegelstein hat mehr mitgefühl als die heimleiterin", ins, true},
		{"de", "selbst ein toaster hat mehr verstand als eure app", ins, false},
		{"de", "die sekretärin hat die ausstrahlung von einem toastbrot", ins, true},
		{"de", "sorry ich hab heute das hirn von einem toastbrot, danke für eure geduld", ins, false},
		{"de", "leute wie du hätte nie geboren werden dürfen", ins, true},
		{"de", "mein kater hätte nie geboren werden dürfen mit dem herzfehler, danke für 12 schöne jahre", ins, false},
		{"de", "das diplom hat sie doch vom jahrmarkt", ins, true},
	})
}

// TestR9westLooks: looks, age and bodies mocked; a pet's belly and a
// building's lights are not.
func TestR9westLooks(t *testing.T) {
	ins := detect.Insult
	runR7(t, []r7case{
		{"en", "her face would scare small children, keep her in the back office", ins, true},
		{"en", "the receptionist's face when my parrot said hello was priceless 😂", ins, false},
		{"en", "the lights are on but nobody's home at the town hall, nobody picks up the phone", ins, false},
		{"en", "my dog has a beer belly after christmas 😂 any diet tips?", ins, false},
		{"fr", "avec sa tronche elle fait peur aux enfants, mettez-la au fond", ins, true},
		{"fr", "mon chien a un de ces bides depuis noël 😂 des conseils ?", ins, false},
		{"nl", "die baliemedewerkster, met die kop schrikken de kinderen zich rot", ins, true},
		{"nl", "mijn kat heeft een bierbuik na de kerst 😂 tips?", ins, false},
		{"de", "die empfangsdame, bei der visage laufen die kinder weg", ins, true},
		// no person named: a face "scaring the kids" may be a mask or a dog's
		{"de", "bei der visage laufen die kinder weg", ins, false},
		{"de", "mein kater hat einen bierbauch nach weihnachten 😂 tipps?", ins, false},
	})
}

// TestR9westStalking: routes and hours known, a staff member watched outside
// work and told so, a new account after every block, a home watched; the
// look-alikes ask for opening hours, greet someone met at the market, or
// report a stalker.
func TestR9westStalking(t *testing.T) {
	har := detect.Harassment
	runR7(t, []r7case{
		{"en", "i know what time your shift ends karim, see you then", har, true},
		{"en", "do you know what time you finish today? i need to drop off the forms", har, false},
		{"en", "i know which bus to take to the clinic, thanks", har, false},
		{"en", "spotted you at lidl with your husband sophie, cute couple", har, true},
		{"en", "saw you at the christmas fair sanne, your stand was brilliant!", har, false},
		{"en", "blocking me won't help, i'll just make another account", har, true},
		{"en", "i'll make a new account if you can't reset my password", har, false},
		{"en", "my ex says he knows which bus i take, i'm scared, what should i do?", har, false},
		{"fr", "je sais par où tu passes pour rentrer Sophie", har, true},
		{"fr", "je sais à quelle heure vous fermez, pas besoin de répondre", har, false},
		{"fr", "je t'ai croisée samedi au marché Sanne, ton stand était top !", har, false},
		{"fr", "je t'ai vue samedi à la piscine, t'étais pas mal du tout", har, true},
		{"fr", "bloquez moi si vous voulez, je reviendrai avec un autre compte", har, true},
		{"fr", "je passe devant chez toi demain pour te rendre ton plat, merci encore Sophie", har, false},
		{"nl", "ik weet hoe laat je dienst eindigt Sanne, tot straks", har, true},
		{"nl", "ik weet hoe laat jullie open zijn, dank je", har, false},
		{"nl", "ik zag je zaterdag bij de markt Sanne, je kraam was super!", har, false},
		{"nl", "blokkeer me maar, ik maak gewoon een nieuw account", har, true},
		{"de", "ich weiß wann deine schicht endet Sanne, bis später", har, true},
		{"de", "ich weiß wann ihr aufmacht, danke", har, false},
		{"de", "hab dich gestern beim markt gesehen Sanne, dein stand war super!", har, false},
		{"de", "blockier mich ruhig, ich mach mir ein neues profil", har, true},
		{"de", "ich kenn dein auto, Sophie", har, true},
	})
}

// TestR9westPrivateLife: an affair told in public, a staff member's family
// contacted; the look-alikes are a victim's own story and a care home
// calling a resident's daughter.
func TestR9westPrivateLife(t *testing.T) {
	har := detect.Harassment
	runR7(t, []r7case{
		{"en", "the night nurse is sleeping with the manager, everyone knows", har, true},
		{"en", "my husband was cheating on me and your shelter saved my life", har, false},
		{"en", "i emailed sophie's husband about her attitude, let's see how she likes that", har, true},
		{"en", "i texted her daughter to let her know mum has settled in well", har, false},
		{"fr", "l'infirmière de nuit couche avec le directeur, tout le monde le sait", har, true},
		{"fr", "mon mari me trompe et m'a frappée, le foyer m'a sauvée", har, false},
		{"fr", "j'ai contacté la fille de la résidente pour la rassurer", har, false},
		{"fr", "je vais écrire à la mère de Karim, elle doit savoir", har, true},
		{"nl", "mijn man ging vreemd met een collega en sloeg me, de opvang heeft me gered", har, false},
		{"nl", "ik heb de dochter van de bewoner gebeld om haar gerust te stellen", har, false},
		{"nl", "ik ga de vrouw van dokter Janssens een mail schrijven", har, true},
		{"de", "mein mann betrügt mich und schlägt mich, das frauenhaus hat mich gerettet", har, false},
		{"de", "ich hab die tochter von frau schmidt angerufen, sie holt die katze ab", har, false},
		{"de", "ich hab der mutter von Karim eine nachricht geschickt", har, true},
	})
}

// TestR9westSexual: bodies praised to staff, clothes looked at, undressing
// offered, uniforms as fantasy, photos asked for "just for me", clients'
// bodies, sexual emoji dedicated to a staff member; the look-alikes are
// dogs' legs, exam questions, a team photo and a harness.
func TestR9westSexual(t *testing.T) {
	sex := detect.Sexual
	runR7(t, []r7case{
		{"en", "sanne u got such sexy lips 😍", sex, true},
		{"en", "you have such lovely hands, the injection didn't hurt at all", sex, false},
		{"en", "she has such lovely legs for a greyhound, so elegant", sex, false},
		{"en", "i'd happily get naked for the vet if she asked 😏", sex, true},
		{"en", "i had to undress in front of the nurse and nobody closed the curtain, not acceptable", sex, false},
		{"en", "carers in uniform make me hot, not gonna lie", sex, true},
		{"en", "lovely photo of the team in uniform, you all look great 😍", sex, false},
		{"en", "a selfie in your scrubs for me only 😘", sex, true},
		{"en", "can you send us a photo of your dog in the new harness?", sex, false},
		{"en", "🍆🍆 for the new vet nurse", sex, true},
		{"fr", "Sanne t'as de ces fesses 😍", sex, true},
		{"fr", "tu as des jambes lourdes le soir ? l'infirmière peut passer", sex, false},
		{"fr", "je me déshabille devant l'infirmière ou il y a un paravent ?", sex, false},
		{"fr", "je me mets à poil quand tu veux 😏", sex, true},
		{"fr", "les aides soignantes en blouse ça m'excite", sex, true},
		{"fr", "belle photo de l'équipe en uniforme, ça donne envie de venir", sex, false},
		{"nl", "Sophie wat heb jij een lekkere kont 😍", sex, true},
		{"nl", "onze hond heeft zulke mooie lange benen, echt een windhond", sex, false},
		{"nl", "moet ik me uitkleden voor de verpleegster of is er een gordijn?", sex, false},
		{"nl", "stuur een selfie in je uniform, alleen voor mij 😘", sex, true},
		{"de", "Sophie du hast so einen knackigen po 😍", sex, true},
		{"de", "unsere hündin hat so schöne lange beine, echt ein windhund", sex, false},
		{"de", "muss ich mich vor der ärztin ausziehen oder gibt es eine kabine?", sex, false},
		{"de", "pflegerinnen in uniform machen mich an", sex, true},
		{"de", "schönes foto vom team in uniform, ihr strahlt alle 😍", sex, false},
	})
}

// TestR9westRoles: municipality, shelter and care-home roles are people a
// remark can be aimed at, as "the nurse" was; a compliment on a body said
// with an article ("such a perfect figure") is sexual said to the reader,
// not said of a dog.
func TestR9westRoles(t *testing.T) {
	ins, sex := detect.Insult, detect.Sexual
	runR7(t, []r7case{
		{"en", "a lamppost would show more warmth than that social worker", ins, true},
		{"en", "a lamppost would show more warmth than this website", ins, false},
		{"fr", "même un lampadaire aurait plus de chaleur que cette assistante sociale", ins, true},
		{"nl", "die maatschappelijk werker heeft de empathie van een baksteen", ins, true},
		{"de", "sogar eine laterne hat mehr wärme als die sachbearbeiterin", ins, true},
		{"en", "you've got such a perfect figure sophie 😏", sex, true},
		{"en", "she has such a perfect figure for a labrador, thank you for the diet plan", sex, false},
	})
}
