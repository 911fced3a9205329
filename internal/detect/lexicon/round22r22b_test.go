package lexicon

import "testing"

// Round 22 r22b (../../eval/testdata/probes/functional-r22b.jsonl): Dutch
// and German functional hate tests in the style of HateCheck, on other
// wordings than the suite's. Hateful: strong dislike of a group, traits,
// a group caged or sent back, direct threats against every member, killing
// as a norm ("moeten opgehangen worden", "sollten aufgehängt werden"), a
// pronoun after the group, questions and opinions. Kept: the same verbs
// about a queue, a painting, mosquitoes; degree negation after the group
// ("helemaal niet", "überhaupt nicht"); a denied opinion ("ich finde
// nicht, dass"); the group's own name as an adjective ("behinderte
// Kinder"); counter-speech; Dutch nieces and plant pots.

// TestR22bHateful: each hateful construction, one group each.
func TestR22bHateful(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"nl", "Ik verafschuw moslims, echt allemaal.", true},
		{"nl", "Wij kunnen die asielzoekers echt niet meer uitstaan.", true},
		{"nl", "Van die transgenders word ik misselijk.", true},
		{"nl", "Joden zijn hebberig en achterbaks.", true},
		{"nl", "Marokkanen horen achter tralies, allemaal.", true},
		{"nl", "Homo's zouden allemaal opgehangen moeten worden.", true},
		{"nl", "Die statushouders moeten worden vergast.", true},
		{"nl", "Zwarten verdienen de dood.", true},
		{"nl", "Iemand moet die moslims eens afknallen.", true},
		{"nl", "Ik steek elke jood neer die ik tegenkom.", true},
		{"nl", "Vluchtelingen? Ik zou ze allemaal neerknallen.", true},
		{"nl", "Waarom laten we transpersonen nog rondlopen, die gestoorden?", true},
		{"nl", "Ik vind gehandicapten tweederangs mensen.", true},
		{"nl", "Lesbiennes kunnen de tering krijgen.", true},
		{"de", "Ich verabscheue Juden, jeden einzelnen.", true},
		{"de", "Wir können diese Asylanten nicht mehr ausstehen.", true},
		{"de", "Mir wird schlecht, wenn ich Muslime sehe.", true},
		{"de", "Lesben sind verlogen und hinterhältig.", true},
		{"de", "Migranten gehören in einen Käfig.", true},
		{"de", "Schwule sollten alle aufgehängt werden.", true},
		{"de", "Jemand müsste die Transen alle abknallen.", true},
		{"de", "Juden verdienen den Tod.", true},
		{"de", "Ich steche jeden Moslem ab, den ich treffe.", true},
		{"de", "Ich halte Schwarze für Untermenschen.", true},
		{"de", "Warum lassen wir Behinderte frei rumlaufen?", true},
		{"de", "Zur Hölle mit allen Flüchtlingen.", true},
	})
}

// TestR22bKept: the look-alikes, which stay below removal.
func TestR22bKept(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"nl", "Ik haat moslims helemaal niet, ik woon tussen ze.", false},
		{"nl", "Ik kan die wachtrij echt niet meer uitstaan.", false},
		{"nl", "Dit schilderij moet opgehangen worden in de hal.", false},
		{"nl", "Mijn nichten komen dit weekend logeren.", false},
		{"nl", "De potten met basilicum staan op het balkon.", false},
		{"nl", "Ik ben het wachten zo zat.", false},
		{"nl", "Als je denkt dat moslims ratten zijn, ben jij het probleem.", false},
		{"nl", "Ik vind niet dat vluchtelingen tuig zijn.", false},
		{"de", "Ich hasse Muslime überhaupt nicht.", false},
		{"de", "Das Bild sollte im Flur aufgehängt werden.", false},
		{"de", "Ich kann diese Warteschleife nicht mehr ausstehen.", false},
		{"de", "Behinderte Kinder sind in unserer Kita herzlich willkommen.", false},
		{"de", "Ich finde nicht, dass Migranten kriminell sind.", false},
		{"de", "Kein Muslim sollte beschimpft werden.", false},
		{"de", "Ich habe das Warten so satt.", false},
		{"de", "Die Mücken sollen verschwinden.", false},
		{"nl", "Die muggen in de slaapkamer, ik zou ze allemaal doodmeppen.", false},
		{"de", "Wer Juden Parasiten nennt, ist selbst das Problem.", false},
	})
}
