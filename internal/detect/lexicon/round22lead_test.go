package lexicon

import "testing"

// TestR22LeadAdverbAndLikeYou: the dislike of a group (H1) with an adverb
// in the verb phrase, or "[group] like you" between the verb and its
// negation; the same frames said of a thing or of "people like you"
// carry nothing removal-level.
func TestR22LeadAdverbAndLikeYou(t *testing.T) {
	// "[group] like you" is said to the reader as much as of the group:
	// the judge reads the reader as its target (an insult of severity 3),
	// and it is removed either way.
	for _, c := range []r22aCase{
		{"nl", "Ik kan vrouwen zoals jij gewoon niet uitstaan.", true},
		{"nl", "ik kan joden zoals jullie echt niet luchten", true},
		{"de", "Ich kann Juden wie dich wirklich nicht ausstehen.", true},
		{"de", "ich kann schwule wie euch echt nicht leiden", true},
	} {
		m := scores(t, tcase{lang: c.lang, text: c.text, staff: r9nordicStaff})
		if got, _ := removalLevel(m, r10nordicLevels); !got {
			t.Errorf("%s %q: want a removal-level signal, got %+v", c.lang, c.text, m)
		}
	}
	r22aRun(t, []r22aCase{
		{"en", "I honestly cannot stand refugees, they should leave.", true},
		{"en", "i just cant stand trans people", true},
		{"fr", "Je ne supporte franchement plus les réfugiés.", true},
		{"fr", "je supporte vraiment pas les juifs", true},

		{"en", "I honestly cannot stand this weather any more.", false},
		{"en", "I really can't stand waiting on hold for an hour.", false},
		{"nl", "Ik kan mensen zoals jij echt niet uitstaan.", false},
		{"nl", "Ik kan lawaai zoals dit echt niet uitstaan.", false},
		{"de", "Ich kann Leute wie dich wirklich nicht ausstehen.", false},
		{"de", "Ich kann Lärm wie diesen echt nicht ertragen.", false},
		{"fr", "Je ne supporte vraiment pas le bruit de la salle d'attente.", false},
		{"fr", "Je ne supporte franchement plus vos retards.", false},
	})
}
