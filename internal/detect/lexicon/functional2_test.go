package lexicon

import (
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

var (
	hateOnly = []detect.Category{detect.Hate}
	noAbuse  = []detect.Category{detect.Hate, detect.Insult, detect.Threat}
)

// TestGroupSlips: a phrase that is hate only about a group finds its group
// through a letter left out of the group's name or a missing space; a
// word that is no slip of a group, or a comment with no such phrase, is
// not read again.
func TestGroupSlips(t *testing.T) {
	run(t, []tcase{
		// A letter left out inside the group's name.
		{lang: "en", text: "Imigrants are rats.", want: hateOnly},
		{lang: "fr", text: "Les imigrés sont des rats.", want: hateOnly},
		{lang: "de", text: "Migrnten sind Ratten.", want: hateOnly},
		// A missing space onto an article or a copula.
		{lang: "fr", text: "lesnoirs sont des singes", want: hateOnly},
		{lang: "en", text: "blackpeople are apes", want: hateOnly},
		// Two letters swapped, now also when the phrase waits for its group.
		{lang: "en", text: "Muslism are a plague on this country.", want: hateOnly},
		{lang: "fr", text: "Les musulmnas sont une plaie pour ce pays.", want: hateOnly},
		// Look-alikes: no group phrase, or the word is no slip of a group.
		{lang: "en", text: "Imigrants welcome here, the new class starts at eight.", not: noAbuse},
		{lang: "en", text: "blackpeople united is a lovely choir", not: noAbuse},
		{lang: "fr", text: "Les moustiques sont une vraie vermine cet été.", not: noAbuse},
		{lang: "en", text: "Politicans are a plague on this country.", not: hateOnly},
	})
}

func TestTypoFixSlips(t *testing.T) {
	d, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		in, want string
		group    bool
	}{
		{"imigrants", "immigrants", true}, {"imigrants", "", false},
		{"blackpeople", "black people", true}, {"blackpeople", "black people", false},
		{"lesnoirs", "les noirs", false}, {"muslimsare", "muslims are", false},
		// Not the first or last letter: a singular is not a plural.
		{"homosexual", "", true}, {"omen", "", true},
		{"signes", "", true}, {"parents", "", true},
	} {
		if got := d.lx.typos.fix(c.in, 0, nil, c.group); got != c.want {
			t.Errorf("fix(%q, %v) = %q, want %q", c.in, c.group, got, c.want)
		}
	}
}

// TestGroupPhraseTarget: a group-hate phrase is said of the group next to
// it, not of a "you" further off; a slur right after a first person that
// opens the clause names the speaker's own group.
func TestGroupPhraseTarget(t *testing.T) {
	run(t, []tcase{
		{lang: "en", text: "You Muslims are vermin.", want: hateOnly},
		{lang: "nl", text: "Jij weet het: Roma zijn een plaag.", want: hateOnly},
		{lang: "en", text: "We fags from the choir will see you on Saturday!", not: hateOnly},
		{lang: "fr", text: "Nous, les pédés du club de rugby, on organise un tournoi caritatif.", not: hateOnly},
		{lang: "de", text: "Wir Schwuchteln vom Rugbyverein organisieren ein Benefizturnier.", not: hateOnly},
		// Not the speaker's group: "us" is an object, or the slur is hurled.
		{lang: "en", text: "come wage with us fag", want: hateOnly},
		{lang: "en", text: "We hate fags.", want: hateOnly},
		{lang: "de", text: "Wir verprügeln die Schwuchteln.", want: hateOnly},
	})
}

// TestFunctionalRound2: derogation without slurs, threats against groups,
// pronouns, questions, opinions (fr, nl, de, en), and the innocent
// look-alikes that must stay untouched.
func TestFunctionalRound2(t *testing.T) {
	run(t, []tcase{
		{lang: "en", text: "Women belong in the kitchen and should keep quiet.", want: hateOnly},
		{lang: "en", text: "No, women do not belong in the kitchen.", not: hateOnly},
		{lang: "fr", text: "Les femmes devraient rester à la cuisine et se taire.", want: hateOnly},
		{lang: "fr", text: "Non, les femmes ne sont pas faites pour rester à la cuisine.", not: hateOnly},
		{lang: "nl", text: "Vrouwen horen achter het aanrecht.", want: hateOnly},
		{lang: "nl", text: "Nee, vrouwen horen niet achter het aanrecht.", not: hateOnly},
		{lang: "de", text: "Frauen gehören an den Herd.", want: hateOnly},
		{lang: "de", text: "Nein, Frauen gehören nicht an den Herd.", not: hateOnly},
		{lang: "de", text: "Ich stelle den Topf an den Herd.", not: noAbuse},
		{lang: "fr", text: "Les Noirs ne valent pas mieux que des singes.", want: hateOnly},
		{lang: "nl", text: "Zwarten zijn niet veel beter dan apen.", want: hateOnly},
		{lang: "de", text: "Schwarze sind nicht viel besser als Affen.", want: hateOnly},
		{lang: "en", text: "Trans people are an insult to nature.", want: hateOnly},
		{lang: "de", text: "Juden haben in unserem Land nichts verloren.", want: hateOnly},
		{lang: "de", text: "Gemeldet. Solche Aussagen über trans Personen haben hier nichts verloren.", not: hateOnly},
		{lang: "de", text: "Der Schlüssel hat hier nichts verloren, leg ihn weg.", not: noAbuse},
		// Threats against a group (a phrase flagged g comes out as hate
		// when aimed at a group; a whole-phrase threat as threat).
		{lang: "fr", text: "Quelqu'un devrait brûler ce camp de Roms une bonne fois pour toutes.", want: hateOnly},
		{lang: "fr", text: "On va brûler ce camp de vacances de souvenirs !", not: []detect.Category{detect.Threat}},
		{lang: "nl", text: "Vanavond gaan we bij het azc een paar buitenlanders in elkaar slaan.", want: hateOnly},
		{lang: "de", text: "Heute Abend gehen wir zum Flüchtlingsheim und klatschen ein paar Ausländer.", want: []detect.Category{detect.Threat}},
		{lang: "de", text: "Wir klatschen Beifall für die Flüchtlinge im Chor.", not: []detect.Category{detect.Threat}},
		// Pronoun reference, questions, opinions.
		{lang: "en", text: "I saw two lesbians on the bus. They make me sick.", want: hateOnly},
		{lang: "en", text: "I ate the prawns. They make me sick every time.", not: hateOnly},
		{lang: "de", text: "Ich hab zwei Lesben in der Bahn gesehen. Die ekeln mich an.", want: hateOnly},
		{lang: "nl", text: "Waarom zijn alle moslims terroristen?", want: hateOnly},
		{lang: "de", text: "Haben Frauen überhaupt ein Gehirn?", want: hateOnly},
		{lang: "fr", text: "Selon moi, les homosexuels sont des malades qu'il faut soigner.", want: hateOnly},
		{lang: "fr", text: "Mon chien a une plaie qu'il faut soigner.", not: noAbuse},
		// Refusal of housing or pay: the negation is the hate.
		{lang: "en", text: "I will never rent my flat to Black people.", want: hateOnly},
		{lang: "fr", text: "Je ne louerai jamais mon appartement à des Noirs.", want: hateOnly},
		{lang: "nl", text: "Ik verhuur mijn huis nooit aan zwarten.", want: hateOnly},
		{lang: "de", text: "Ich vermiete meine Wohnung niemals an Schwarze.", want: hateOnly},
		{lang: "de", text: "Ich vermiete meine Wohnung niemals an Raucher.", not: hateOnly},
		// Identity words that look like slurs.
		{lang: "en", text: "We had faggots and peas for tea at my nan's.", not: hateOnly},
		{lang: "nl", text: "Zet de pot koffie maar op tafel.", not: hateOnly},
		{lang: "nl", text: "Je bent gewoon een gefrustreerde pot.", want: hateOnly},
	})
}
