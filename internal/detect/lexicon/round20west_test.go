package lexicon

import "testing"

// Round 20 west (testdata/round20-r20w.jsonl): hate families in French,
// Dutch, German and English from a third-party functional test set
// (fresh25). Each case pairs the harmful construction with look-alikes that
// use the same words of nobody, of an animal, a machine or oneself.

// TestR20WestBloodAndNature: a vice said to be in a group's blood, a virtue
// said to be missing, a gender unfit by nature; the same words of a cat, a
// printer or trainees are kept.
func TestR20WestBloodAndNature(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "the kurds can't help being dishonest", true},
		{"fr", "la fraude c'est dans leur sang, les roumains", true},
		{"nl", "jatten zit in hun bloed, die zigeuners", true},
		{"de", "lügen liegt denen im blut, den rumänen", true},
		{"nl", "moslims kunnen gewoon niet leidinggeven", true},
		{"en", "my cat can't help being loud at dawn", false},
		{"en", "this old printer just isn't built for running all day", false},
		{"nl", "de stagiairs kunnen nog niet inparkeren met de bus", false},
		{"fr", "la ponctualité c'est pas mon fort, pardon", false},
	})
}

// TestR20WestQuestionAndHatred: a hateful question and "I hate them, every
// one" after a group; the same question of dogs or waiting times is kept.
func TestR20WestQuestionAndHatred(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "why are somalis always so aggressive in shops", true},
		{"de", "warum sind juden immer so arrogant", true},
		{"nl", "waarom zijn marokkanen altijd zo brutaal", true},
		{"fr", "pourquoi les roms sont toujours si sales", true},
		{"en", "why are the puppies always so noisy at night", false},
		{"de", "warum sind die Wartezeiten immer so lang", false},
		{"nl", "waarom zijn de wachttijden altijd zo lang", false},
	})
}

// TestR20WestGroupThreats: a group drowned, beaten, driven out or told its
// meeting place is known; garden waste burnt, an attic cleared and a fox
// chased are kept.
func TestR20WestGroupThreats(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "put the muslims on a boat and sink it", true},
		{"fr", "si des musulmans viennent on les recevra à coups de batte", true},
		{"de", "man sollte die asylanten aus dem dorf jagen", true},
		{"nl", "we weten waar die moskee staat. wacht maar tot het donker is.", true},
		{"nl", "het snoeiafval steken we de fik in", false},
		{"nl", "we gaan met een paar man de zolder opruimen", false},
		{"de", "wir wollten den fuchs aus dem dorf jagen", false},
		{"en", "if the bins are late again there will be trouble at home, lol", false},
	})
}

// TestR20WestDeclineAndTheft: a service's decline or a theft pinned on a
// group; the same decline after a renovation or a theft at the station kept.
func TestR20WestDeclineAndTheft(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "they took on a nigerian and suddenly cash goes missing", true},
		{"nl", "die polen weer, alweer mijn fiets gejat", true},
		{"de", "seit da nur noch türken arbeiten, ist der laden unter aller sau", true},
		{"en", "new till and suddenly cash goes missing, please check", false},
		{"nl", "alweer mijn fiets gestolen bij het station", false},
		{"de", "seit dem umbau ist der laden unter aller sau", false},
	})
}

// TestR20WestDehumanise: a group called no real people, sick, a drain, a
// plague, kept from children; a pet that is ill, forms that serve nothing and
// a denial of the hateful claim are kept.
func TestR20WestDehumanise(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"de", "schwule sind krank", true},
		{"de", "roma sind keine richtigen menschen", true},
		{"en", "refugees are a drain on this country", true},
		{"fr", "les homos devraient se faire soigner", true},
		{"nl", "transgenders zouden niet met kinderen mogen werken", true},
		{"de", "unsere katzen sind krank", false},
		{"fr", "ces formulaires servent à rien", false},
		{"en", "dogs shouldn't be around kids unsupervised", false},
		{"en", "I don't think for a second that refugees are a burden.", false},
	})
}

// TestR20WestSlurVariants: slurs run together, misspelt or pointed at; the
// gearbox ("tranny"), a reclaimed word said of oneself, a machine sworn at,
// a quote condemned and football fans called thick are kept.
func TestR20WestSlurVariants(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "stupidtranny at the till again", true},
		{"fr", "salejuif dégage", true},
		{"de", "noch so ein nger im verein", true},
		{"nl", "je bent een mongl", true},
		{"de", "duspacko halt die klappe", true},
		{"en", "my van has a tranny problem, the gears grind", false},
		{"en", "as a proud dyke I love the new flag", false},
		{"de", "ich als alte lesbe sag danke", false},
		{"en", "the card reader at the door is a piece of shit", false},
		{"en", "Arsenal fans are the thickest people alive", false},
		{"nl", "'Joden zijn ongedierte' staat hier in de reacties. Schaam je, wie dat schrijft.", false},
	})
}
