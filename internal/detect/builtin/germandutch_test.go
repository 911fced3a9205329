package builtin_test

import "testing"

// TestGermanDutchRound4 pins the fourth round on German and Dutch removal
// (issue #3): German declension of insult nouns, curse-prefixed compounds
// naming a person, a curse and a person noun written apart in Dutch,
// "X van een Y", wishes of death said of a person, veiled threats about a
// car or a family, a call to share someone's picture; and, on the other
// side, the same verbs said of pictures, fireworks, topics, pets and
// cupboards, a cursed shop, a caller who knows the opening hours.
func TestGermanDutchRound4(t *testing.T) {
	checkRemovals(t, []removalCase{
		// German morphology and compounds.
		{"de", "Die Schlampen vom Amt lügen doch alle", true},
		{"de", "Dreckskerle seid ihr da in der Verwaltung", true},
		{"de", "Ihr Drecksäcke lasst die Alten verhungern", true},
		{"de", "Der Scheisstierarzt hat keine Ahnung", true},
		{"de", "Diese Drecksärztin soll man rauswerfen", true},
		{"de", "Sie ist eine billige Nutte", true},
		// German wishes of death, veiled threats, sexual remarks.
		{"de", "Hoffentlich verreckst du an deinem Geld", true},
		{"de", "Der Tierarzt gehört aufgehängt", true},
		{"de", "Die soll sich aufhängen, die alte Hexe", true},
		{"de", "Wir kennen dich und wissen, wo dein Auto parkt", true},
		{"de", "Ich weiß genau, wann die Kleine abends Feierabend hat", true},
		{"de", "Die Praktikantin würde ich gern auf dem Schreibtisch flachlegen", true},
		{"de", "Teilt das überall, hier ist ein Foto von der Pflegerin", true},
		// German keeps.
		{"de", "Das Bild im Flur gehört endlich aufgehängt", false},
		{"de", "Die Wäsche sollte man im Sommer draußen aufhängen", false},
		{"de", "Das Thema sollte man im Unterricht richtig durchnehmen", false},
		{"de", "Die Formulare auf dem Tisch nehmen Sie bitte mit", false},
		{"de", "Ich hoffe, mein Kater muss nicht sterben", false},
		{"de", "So ein Drecksladen, drei Stunden Wartezeit, nie wieder", false},
		{"de", "Ich weiß genau, wann Sie Feierabend haben, darum rufe ich früher an", false},
		{"de", "Heute Abend 🍆 Auflauf bei mir, wer kommt?", false},
		// Dutch curse plus person noun, "X van een Y", wishes, veiled threats.
		{"nl", "Kut ambtenaar, doe je werk", true},
		{"nl", "Tyfus dokter, blijf van mijn hond af", true},
		{"nl", "Die eikel van een dierenarts rekent te veel", true},
		{"nl", "Ze moeten hem opknopen, die wethouder", true},
		{"nl", "Jij moet gewoon creperen", true},
		{"nl", "Jullie moeten allemaal tegen de muur", true},
		{"nl", "Je verdient het om doodgeschoten te worden", true},
		{"nl", "We weten waar je kinderen op school zitten", true},
		{"nl", "Je dochter is ook niet veilig", true},
		{"nl", "Ik vind je wel, en dan ben je dood", true},
		{"nl", "Het zou zonde zijn als er iets met je mooie auto gebeurde", true},
		// Dutch keeps.
		{"nl", "De schilderijen moeten nog opgehangen worden", false},
		{"nl", "Het vuurwerk mag pas om twaalf uur afgeschoten worden", false},
		{"nl", "De kast moet tegen de muur", false},
		{"nl", "Moet mijn hond doodgaan omdat jullie niet opnemen?", false},
		{"nl", "Uw auto is niet veilig op jullie parkeerplaats", false},
		{"nl", "Iemand noemde mijn collega een hoer, dat kan echt niet", false},
		{"nl", "Vieze kooien bij de varkens in de dierenopvang", false},
		{"nl", "Deel dit: het asiel zoekt vrijwilligers, hier is een foto van de hond", false},
		{"nl", "Vanavond 🍆 lasagne bij mij, wie komt er", false},
	})
}
