package lexicon

import "testing"

// TestR19ThreatConstructions: round 19's threat families
// (testdata/round19-threat.jsonl): a warning to watch one's back on the way
// home, "keep ignoring me and see", a wish or call that someone beats the
// target, "a shame if your car didn't start", lying in wait next time,
// coming to the office with a weapon, paying with teeth or blood. Look-
// alikes: advice about the ice, tablets or lifting, a rota to sort out, a
// lost cat someone should find, a cancelled party.
func TestR19ThreatConstructions(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "the bloke at the desk had better watch his back", true},
		{"en", "keep ignoring my complaints and see what happens", true},
		{"en", "i hope somebody gives that warden a good kicking", true},
		{"en", "would be a real shame if your tyres went flat", true},
		{"en", "i'll be waiting for you by your car", true},
		{"en", "i'll come with a knife to the reception", true},
		{"en", "somebody needs to sort him out. and i mean properly", true},
		{"en", "watch your back on the stairs, they're wet", false},
		{"en", "someone needs to sort this booking system out", false},
		{"en", "if i were you i'd be careful with the ointment, it stings", false},
		{"fr", "surveillez bien vos arrières, docteur", true},
		{"fr", "continuez à m'ignorer, vous verrez", true},
		{"fr", "je t'attends sur le parking après ton service", true},
		{"fr", "j'espère que quelqu'un retrouvera mon chien", false},
		{"nl", "blijf mij maar negeren, dan zul je zien", true},
		{"nl", "ik hoop dat iemand die agent in elkaar slaat", true},
		{"nl", "wacht ik je op bij de achterdeur", true},
		{"nl", "zou jammer zijn als het feest niet doorgaat", false},
		{"de", "ich wäre an ihrer stelle vorsichtig, frau direktorin", true},
		{"de", "komm ich mit nem messer ins rathaus", true},
		{"de", "ich wäre an ihrer stelle vorsichtig mit den tabletten", false},
		{"de", "hoffentlich findet jemand meine katze", false},
		{"de", "sie trainiert jeden montag im studio, da kann man sie gut abpassen", true},
		{"fr", "sa fille sort de l'école à 16h30, pratique pour l'attendre", true},
		{"fr", "c'est pratique pour l'attendre le bus, il y a un abri", false},
		{"sv", "fortsätt ignorera oss så får ni se", true},
		{"sv", "hoppas någon slår ner den där chefen ordentligt", true},
		{"sv", "någon borde ta itu med schemat ordentligt", false},
		{"nb", "håper noen juler opp den sjefen skikkelig", true},
		{"nb", "fortsett å ignorere oss, så får dere se", true},
		{"nb", "noen burde ta seg av snøbrøytingen skikkelig", false},
		{"nn", "nokon burde ta seg av han skikkeleg, de skjønar kva eg meiner", true},
	})
}

// TestR19KnowWhereBanter: "I know where you live" between friends, with a
// laugh or food, is play; a wink, "we know", no laugh, or another threat
// beside it stay threats.
func TestR19KnowWhereBanter(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "lol i know where you live, you still have my ladder 😂", false},
		{"fr", "je sais où tu habites, j'apporte le gâteau 🎂", false},
		{"nl", "haha ik weet waar je woont, breng mijn boor terug 🤣", false},
		{"de", "haha ich weiß wo du wohnst, du hast noch meinen topf 😂", false},
		{"sv", "haha jag vet var du bor, ge tillbaka min cykel 😂", false},
		{"nb", "haha jeg vet hvor du bor, du har fortsatt sykkelen min 😂", false},
		{"en", "i know where you live 😉", true},
		{"en", "we know where you live 😂", true},
		{"en", "i know where you live. nice garden", true},
		{"en", "haha i know where you live and i will kill you 😂", true},
		{"sv", "jag vet var du bor, snygg trädgård", true},
		{"en", "@tom i know where you live lol", true},
		{"nb", "haha jeg vet hvor du bor 😂", true},
	})
}

// TestR19Play: a contest with the reader at a place of play, with a handle
// or a grin, is play; the same threat without the place, or a veiled one,
// stays.
func TestR19Play(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "@jack i'm going to destroy you at darts on friday 😎", false},
		{"nl", "@sanne morgen bij het lasergamen maak ik je kapot 😜", false},
		{"de", "@jonas beim minigolf mach ich dich fertig 😎", false},
		{"sv", "@kalle på minigolfen ska jag krossa dig 😎", false},
		{"nl", "@ruben ik maak je kapot 😎", true},
		{"en", "i'm going to kill you after work, you know who you are", true},
	})
}
