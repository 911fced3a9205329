package lexicon

import (
	"strings"
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// The threat grammar (threatgrammar.go) is checked on sentences written
// apart from probes/threat-grammar.jsonl: each positive must be caught by
// the rule itself (its explanation names agent, harm or fate, and target),
// each look-alike must not set it off, whatever older phrase entries say.

type tgCase struct {
	lang, text string
	fires      bool
}

var tgStaff = []string{"Sophie Martin", "Karim", "Ingrid Berg", "Sanne"}

func runTG(t *testing.T, cases []tgCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.lang+"/"+c.text, func(t *testing.T) {
			s := scores(t, tcase{lang: c.lang, text: c.text, staff: tgStaff})[detect.Threat]
			got := strings.Contains(s.Explanation, "threat grammar")
			if got != c.fires {
				t.Errorf("threat grammar fired = %v, want %v (threat %.3f: %s)", got, c.fires, s.Score, s.Explanation)
			}
			if c.fires && s.Score < removeAt {
				t.Errorf("want threat >= %.2f, got %.3f (%s)", removeAt, s.Score, s.Explanation)
			}
		})
	}
}

// TestTgIntentHarmTarget: the writer's intent, a harm verb and a person,
// with other words between; the look-alikes hold the same verbs as idioms,
// in sport or care, negated, quoted, or aimed at pests and things.
func TestTgIntentHarmTarget(t *testing.T) {
	runTG(t, []tgCase{
		{"en", "I'm gonna personally strangle that receptionist", true},
		{"en", "swear down I will stab him outside the surgery", true},
		{"en", "we will drown your kids in the canal", true},
		{"en", "I'll snap every bone in his body", true},
		{"en", "I'll kill for a decent parking space here", false},
		{"en", "we'll crush you in the pub quiz on friday", false},
		{"en", "I'll shoot you a text when the results are in", false},
		{"en", "I will not hurt him, I promise, just cleaning the wound", false},
		{"en", "the wasps in the loft, I'll kill them tonight", false},
		{"en", "my neighbour shouted \"I'll stab you\" at the postman, police came", false},
		{"fr", "je vais t'étrangler de mes propres mains", true},
		{"fr", "on va égorger ta femme", true},
		{"fr", "je te jure que je vais le poignarder ce véto", true}, // the clitic doubles a person
		{"fr", "je vais tuer le temps avec un magazine", false},
		{"fr", "je ne vais pas lui faire mal, promis", false},
		{"nl", "ik ga die gast van de balie neersteken", true},
		{"nl", "ik zweer dat ik je kinderen pijn ga doen", true},
		{"nl", "ik ga de tijd doden met een boek", false},
		{"nl", "ik zal hem nooit pijn doen", false},
		{"de", "ich werde dich eigenhändig erwürgen", true},
		{"de", "wir werden deiner Tochter wehtun", true},
		{"de", "ich werde ihm beim Krallenschneiden nicht wehtun", false},
		{"de", "wir werden euch beim Turnier schlagen", false},
		{"sv", "jag ska personligen strypa honom", true},
		{"sv", "vi ska misshandla din man", true},
		{"sv", "jag ska aldrig göra illa henne", false},
		{"sv", "hoppas ni spöar dem i kvartsfinalen", false},
		{"nb", "jeg skal faen meg knivstikke ham", true},
		{"nb", "vi skal drukne ungene dine", true},
		{"nb", "jeg skal aldri skade henne", false},
		{"nb", "håper dere banker dem i cupen", false},
		{"nn", "eg skal drepe han", true},
		{"nn", "eg skal aldri skade deg", false},
	})
}

// TestTgFate: a harm foretold (walking again, a body bag, a wheelchair,
// not being recognised) with the writer or a second-person future as its
// agent; the look-alikes are prognoses, care and recovery.
func TestTgFate(t *testing.T) {
	runTG(t, []tgCase{
		{"en", "you'll be lucky to ever walk again, mark my words", true},
		{"en", "I'll make sure Karim leaves in a body bag", true},
		{"en", "I'm going to put you in a wheelchair", true},
		{"en", "my dad will never walk again after the stroke", false},
		{"en", "you'll be in hospital overnight after the scan", false},
		{"en", "I hope you're out of hospital soon", false},
		{"fr", "tu vas finir dans un cercueil", true},
		{"fr", "vous allez rester à l'hôpital une nuit", false},
		{"nl", "je gaat in een lijkzak eindigen", true},
		{"nl", "je gaat een nacht in het ziekenhuis blijven", false},
		{"de", "ich werde dafür sorgen, dass du im Rollstuhl landest", false}, // the comma ends the agent's reach
		{"de", "du wirst im Leichensack enden", true},
		{"de", "du wirst eine Nacht im Krankenhaus bleiben", false},
		{"sv", "du kommer hamna i en likpåse", true},
		{"sv", "du kommer ligga på sjukhus en natt", false},
		{"nb", "du kommer til å havne i en likpose", true},
		{"nb", "du blir på sykehus en natt", false},
	})
}

// TestTgWishAndCall: a wish or a call on others, and someone's own
// (children, car, house) as the target; the look-alikes wish well, find a
// vet, or name no person.
func TestTgWishAndCall(t *testing.T) {
	runTG(t, []tgCase{
		{"en", "I hope somebody poisons her dog", true},
		{"en", "someone should torch his car", true},
		{"en", "I hope someone finds you a good home for the kitten", false},
		{"en", "someone should fix the car park lights", false},
		{"fr", "j'espère que quelqu'un te renverse en sortant", true},
		{"fr", "j'espère que quelqu'un trouvera le chat perdu", false},
		{"nl", "ik hoop dat iemand je neersteekt", true},
		{"nl", "ik hoop dat jullie snel een tweede dierenarts vinden", false},
		{"de", "jemand sollte den Typ mal zusammenschlagen", true},
		{"de", "ich hoffe, die Wunde wird nicht mehr bluten", false},
		{"sv", "jag hoppas någon knivhugger dig", true},
		{"sv", "jag hoppas att såret slutar blöda", false},
		{"nb", "noen burde banke opp den fyren", true},
		{"nb", "jeg håper noen skyter deg", true},
		{"nb", "jeg håper såret slutter å blø", false},
	})
}

// TestTgStaffAndFinding: a staff member by name as the target, and the
// verbs that threaten only bare at a clause end ("I'll find you.").
func TestTgStaffAndFinding(t *testing.T) {
	runTG(t, []tgCase{
		{"en", "I'm going to strangle Sophie", true},
		{"en", "I will find you.", true},
		{"en", "I will find you a slot next week", false},
		{"fr", "je vais te retrouver.", true},
		{"fr", "je vais vous trouver un créneau", false},
		{"nl", "ik ga je vinden.", true},
		{"nl", "ik ga je bellen morgen", false},
		{"de", "ich werde dich finden.", true},
		{"de", "ich werde Ihnen einen Termin finden", false},
		{"sv", "jag ska döda Ingrid", true},
		{"sv", "jag ska hitta en tid åt dig", false},
		{"nb", "jeg skal drepe Sanne", true},
		{"nb", "jeg skal finne en time til deg", false},
	})
}
