package lexicon

import "testing"

// TestR17HateBarred: a group barred from a job or a place is hate; the same
// predicate said of an animal, or of a staff member's work (a complaint),
// or the kitchen stereotype denied, is not.
func TestR17HateBarred(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "immigrants shouldn't be allowed to work in schools", true},
		{"en", "lesbians have no business working with children", true},
		{"fr", "les arabes devraient pas avoir le droit de soigner nos parents", true},
		{"fr", "les musulmanes voilées n'ont rien à faire dans une école", true},
		{"nl", "marokkanen horen niet bij de brandweer", true},
		{"nl", "homo's hebben niets te zoeken in een kinderdagverblijf", true},
		{"de", "Muslime sollte man gar nicht erst in die Polizei lassen", true},
		{"de", "Schwule haben bei der Bundeswehr nichts zu suchen", true},
		{"sv", "muslimer har inget att göra i skolan", true},
		{"nb", "somaliere bør holdes unna barnehagen", true},
		{"nn", "muslimar bør haldast unna skulen", true},
		// Look-alikes.
		{"en", "dogs shouldn't be allowed on the beach in summer", false},
		{"en", "Dr Patel shouldn't be allowed to operate, my rabbit nearly died", false},
		{"en", "No, women do not belong in the kitchen.", false},
		{"fr", "les chats n'ont rien à faire sur la table de la cuisine", false},
		{"nl", "katten horen niet op het aanrecht", false},
		{"nl", "Nee, vrouwen horen niet achter het aanrecht.", false},
		{"de", "Hunde haben im OP nichts zu suchen", false},
		{"de", "Frauen gehören nicht an den Herd, wir haben 2026", false},
		{"sv", "Dr Lindqvist var otrevlig och borde inte jobba med djur.", false},
		{"sv", "hundar har inget att göra i butiken", false},
		{"nb", "hunder bør holdes unna lekeplassen", false},
	})
}

// TestR17HateCareRefused: care refused from someone for who they are is
// hate; a refusal of a colour of car or a food, or a pet kept from a plate,
// is not.
func TestR17HateCareRefused(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "i dont want a muslim washing my mum", true},
		{"fr", "on veut pas d'une aide soignante noire pour ma grand-mère", true},
		{"nl", "ik wil geen marokkaanse verzorgster voor mijn vader", true},
		{"de", "ich will nicht dass ein Muslim meine Mutter pflegt", true},
		{"de", "ich will keinen schwarzen Wagen für die Beerdigung", false},
		{"sv", "jag vill inte att en invandrare duschar min mamma", true},
		{"nb", "den svarte jævelen skal ikke vaske min far", true},
		{"nl", "die marokkaan van de receptie moet van mijn dochter afblijven", true},
		{"nl", "die moslim van de overkant heeft onze kat gevonden, super lief", false},
		// Look-alikes.
		{"en", "i dont want a black car for the funeral", false},
		{"fr", "je veux pas de la housse noire pour la cage", false},
		{"nl", "ik wil geen turkse pizza meer op de vrijwilligersavond", false},
		{"sv", "vi vill inte ha en svart bil till bröllopet", false},
		{"nb", "katten skal ikke røre min middag", false},
	})
}

// TestR17HateSlurPerson: a slur said of one person ("ist ne Schwuchtel",
// "is een flikker", "den homsa") or a slur compound is hate; the cat
// called Zwartje and a question about what a slur means are not.
func TestR17HateSlurPerson(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"de", "der neue Pfleger ist doch ne Tunte", true},
		{"fr", "la nouvelle prof c'est une gouine", true},
		{"sv", "vaktmästaren är en jävla blattejävel", true},
		{"de", "der Kanake vom Bauamt hat mich angeschrien", true},
		{"nl", "de nieuwe buurman is een flikker", true},
		{"nl", "die zwartjes moeten oprotten naar afrika", true},
		{"nb", "fyren på lageret er en homse", true},
		{"sv", "negerbarnen på förskolan skriker hela tiden", true},
		{"en", "the cleaner is a filthy romanian", true},
		// Look-alikes.
		{"nl", "onze kat Zwartje moet morgen gecastreerd worden", false},
		{"sv", "vad betyder egentligen lappjävel? hörde det på radion", false},
		{"de", "was bedeutet das Wort Kanake eigentlich?", false},
		{"en", "what does the word pikey actually mean?", false},
	})
}

// TestR17HateTraitsAnimals: a trait or a plot pinned on a group, people
// likened to animals, a group sent away: hate; the same words about
// animals, stitches or a lost cat are not.
func TestR17HateTraitsAnimals(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "all africans are the same, lazy and loud", true},
		{"en", "gypos on the field again, vermin the lot of them", true},
		{"fr", "les roms c des cafards", true},
		{"nl", "polen zijn allemaal dieven", true},
		{"nl", "een moslim als burgemeester, geen wonder dat alles misgaat", true},
		{"de", "die Bulgaren hausen wie die Tiere", true},
		{"de", "Frauen als Chirurgen, kein Wunder dass so viel schiefgeht", true},
		{"sv", "somalierna lever som djur i trapphuset", true},
		{"nb", "jøder er grådige, alle vet det", true},
		// Look-alikes.
		{"de", "nächsten Dienstag ziehen wir die Fäden bei Bello", false},
		{"sv", "katterna lever som djur i skogen om ingen matar dem", false},
		{"fr", "il y avait des rats dans la cave, la mairie peut intervenir ?", false},
		{"en", "these printers are all the same, always jammed", false},
		{"fr", "les juifs contrôlent tout dans cette ville", true},
		{"sv", "somalier är alla likadana", true},
		{"sv", "judarna styr media i det här landet", true},
		{"nl", "asielzoekers leven als varkens", true},
		{"en", "those migrants breed like rabbits", true},
		{"de", "die Afghanen sollen sofort zurück in ihre Heimat", true},
		{"nb", "somalierne formerer seg som kaniner", true},
		{"fr", "les migrants vivent comme des bêtes sous le pont", true},
		{"fr", "nos chiens vivent comme des rois, merci pour les conseils", false},
		{"fr", "c'est le directeur qui tire les ficelles ici", false},
		{"sv", "chefen styr allt här, ingen annan får bestämma", false},
		{"nl", "mijn katten gedragen zich als beesten als ze honger hebben", false},
		{"en", "my kids live like pigs, their rooms are a tip", false},
		{"de", "die Katzen sollen alle zurück nach Hause", false},
		{"nb", "valpene våre lever som dyr i hagen", false},
		// Said of staff or the reader: a complaint, not an insult.
		{"de", "Dr. Müller zieht morgen die Fäden, hat die Praxis gesagt", false},
		{"nl", "jullie zijn allemaal hetzelfde, niemand belt ooit terug", false},
		{"en", "you are all the same at that council, nobody ever calls back", false},
		{"nb", "dere er late på kommunen, ingen svarer på e-post", false},
	})
}
