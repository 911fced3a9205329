package lexicon

import (
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// staff7 are the staff names of probes/round7-west.jsonl (the eval's default).
var staff7 = []string{"Dr Martin", "Dr Janssens", "Dr. Müller", "Sophie", "Sanne", "Karim"}

// r7case is thresholdCase.
type r7case = thresholdCase

func runR7(t *testing.T, cases []r7case) {
	t.Helper()
	runThreshold(t, staff7, cases)
}

// TestRound7PoliteVeiled: polite and veiled threats in French, Dutch, German
// and English (what "could happen" to a family or a place, a home located, a
// car's habits, accidents foretold for a kind of person, "enjoy it while you
// can", retribution for a third person); the look-alikes are vet advice,
// complaints, praise and news written with the same words.
func TestRound7PoliteVeiled(t *testing.T) {
	thr := detect.Threat
	runR7(t, []r7case{
		{"en", "think very carefully about what might happen to your family if you keep this up", thr, true},
		{"en", "enjoy your weekend while you still can.", thr, true},
		{"en", "shame if your daughter had to walk home alone after all this", thr, true},
		{"en", "lovely little house you've got down by the river, Karim", thr, true},
		{"en", "accidents happen you know, particularly to nurses who lie", thr, true},
		{"en", "Sophie will get what's coming to her soon enough", thr, true},
		{"en", "thatched houses like yours burn down in minutes", thr, true},
		{"fr", "pensez à ce qui pourrait arriver à vos enfants si ça continue", thr, true},
		{"fr", "je serais navrée qu'il t'arrive un accident", thr, true},
		{"fr", "elle perd rien pour attendre la véto", thr, true},
		{"fr", "mes potes connaissent ton adresse, réfléchis bien", thr, true},
		{"fr", "un accident est vite arrivé, surtout aux gens qui mentent", thr, true},
		{"nl", "denk eens goed na over wat er met je gezin kan gebeuren", thr, true},
		{"nl", "het zou zonde zijn als jullie auto iets overkwam", thr, true},
		{"nl", "wij weten jou te vinden hoor", thr, true},
		{"nl", "een ongeluk is zo gebeurd, vooral bij mensen die liegen", thr, true},
		{"nl", "die krijgt heus nog haar verdiende loon", thr, true},
		{"de", "es wäre echt schade, wenn deiner Familie etwas passiert", thr, true},
		{"de", "genieß den Feierabend solange du noch kannst.", thr, true},
		{"de", "wir sprechen uns noch, Frau Doktor", thr, true},
		{"de", "Unfälle passieren so schnell, besonders bei Typen wie dir", thr, true},
		{"de", "schönes Haus haben Sie da am Waldrand", thr, true},
		// look-alikes
		{"en", "think about what could happen to your dog if you skip the worming", thr, false},
		{"en", "enjoy your holiday, you deserve it", thr, false},
		{"en", "accidents happen, even to the best vets, no hard feelings", thr, false},
		{"en", "you've been warned, the queue on saturdays is massive", thr, false},
		{"en", "say hi to your wife for me!", thr, false},
		{"fr", "pensez à ce qui pourrait arriver à votre chat sans vaccin", thr, false},
		{"fr", "vous êtes prévenus, les chiots sont trop mignons", thr, false},
		{"fr", "on se reverra à la fête de la clinique, merci encore", thr, false},
		{"nl", "denk na over wat er met je hond kan gebeuren zonder ontworming", thr, false},
		{"nl", "wacht maar af tot jullie de nieuwe praktijk zien", thr, false},
		{"nl", "ongelukken gebeuren, het is niemands schuld", thr, false},
		{"de", "Sie wurden gewarnt, dass die Narkose nachwirken kann?", thr, false},
		{"de", "man sieht sich bei der nächsten Impfung, danke!", thr, false},
		{"de", "die Helferin bekommt hoffentlich eine Gehaltserhöhung", thr, false},
	})
}

// TestRound7Harassment: harassment of named staff (posting until someone is
// gone, a private account named or found, rumours, a voice mocked, waiting at
// the staff exit); look-alikes are persistence with the clinic, good news and
// praise of a voice.
func TestRound7Harassment(t *testing.T) {
	har := detect.Harassment
	runR7(t, []r7case{
		{"en", "I'll comment every day until Karim is sacked", har, true},
		{"en", "text him on his private whatsapp, make him answer", har, true},
		{"en", "rumour has it Sophie stole from the till", har, true},
		{"en", "she sounds like a dying cat on the phone", har, true},
		{"en", "got hold of your private email, Sophie", har, true},
		{"en", "I'll be standing by the staff entrance tonight", har, true},
		{"fr", "on dit que Karim se drogue pendant les gardes", har, true},
		{"fr", "j'ai retrouvé son numéro perso à la secrétaire", har, true},
		{"fr", "tout le monde en mp à Sophie ce soir", har, true},
		{"nl", "elke dag schrijf ik hier tot ze eruit vliegt", har, true},
		{"nl", "het gerucht gaat dat Karim steelt uit de kassa", har, true},
		{"nl", "ik heb haar huisadres gevonden", har, true},
		{"nl", "ik wacht bij de achterdeur tot ze naar huis gaat", har, true},
		{"de", "täglich poste ich das, bis sie endlich gefeuert wird", har, true},
		{"de", "angeblich säuft Karim wie ein Loch", har, true},
		{"de", "ich steh heute am Personaleingang und warte auf Sophie", har, true},
		// look-alikes
		{"en", "I'll keep calling every day until someone answers", har, false},
		{"en", "apparently Karim is leaving, we'll miss him", har, false},
		{"en", "I'll wait in the car park with the dog until you call", har, false},
		{"fr", "il paraît que Sophie a eu un bébé, félicitations", har, false},
		{"nl", "elke dag bel ik tot ik de uitslag heb", har, false},
		{"de", "Sophie hat so eine angenehme Stimme", har, false},
	})
}

// TestRound7Hate: hate without slurs in complaints and neighbourhood threads;
// look-alikes ask for an interpreter, judge animal owners or return puppies.
func TestRound7Hate(t *testing.T) {
	hate := detect.Hate
	runR7(t, []r7case{
		{"en", "this is what you get when they hire people who don't speak English", hate, true},
		{"en", "in their culture dogs are dirty, they kick them in the street", hate, true},
		{"en", "ship them back to their own country", hate, true},
		{"fr", "c'est ce qui arrive quand on recrute des gens qui comprennent pas le français", hate, true},
		{"fr", "faut tous les renvoyer dans leur pays", hate, true},
		{"nl", "dat krijg je als je personeel neemt die geen nederlands spreekt", hate, true},
		{"nl", "terug naar hun eigen land met die lui", hate, true},
		{"de", "kein wunder wenn die praxis leute einstellt die kaum deutsch sprechen", hate, true},
		{"de", "schickt sie zurück in ihre heimat", hate, true},
		// look-alikes
		{"en", "send them back where they came from, the breeder sold us sick puppies", hate, false},
		{"en", "can you hire someone who speaks Urdu? dad doesn't speak English", hate, false},
		{"fr", "les gens qui abandonnent leur chien ne devraient pas avoir d'animaux", hate, false},
		{"nl", "stuur de puppy's terug naar de fokker", hate, false},
		{"de", "Leute, die Hunde im Auto lassen, sollten keine Tiere haben", hate, false},
	})
}
