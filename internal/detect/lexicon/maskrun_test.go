package lexicon

import "testing"

// TestMaskRunSpelling: a word whose middle hides behind a run of stars
// ("n***er", "b***h", "f*****g") is read as the abusive word of its length,
// and a pronoun typed onto a verb of hatred ("ichhasse", "jaghatar") still
// declares hatred; innocent masked words and joined words stay untouched.
func TestMaskRunSpelling(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "n***er go home", true},
		{"en", "you stupid b***h", true},
		{"en", "you f*****g c**t", true},
		{"nl", "je bent een vieze h**r", true},
		{"de", "du bist eine f***e", true},
		{"fr", "espèce de s****e", true},
		{"fr", "t'es une p***", false}, // one letter shown: too little to read
		{"sv", "du är en j***a hora", true},
		{"de", "Ichhasse Muslime.", true},
		{"nl", "Ikhaat moslims.", true},
		{"nb", "Jeghater muslimer", true},
		{"nb", "Jeghader muslimer", true},
		{"de", "Ich hasseMuslime.", true},
		{"nl", "Ik haatmoslims.", true},
		{"sv", "Jag hatarmuslimer", true},
		{"sv", "jag hatar allamuslimer", true},
		// Look-alikes, and graffiti reported: what was sprayed is quoted.
		{"en", "whoever sprayed 'niggers out' on the bus shelter is a coward", false},
		{"fr", "quelqu'un a tagué 'mort aux arabes' sur le mur de l'école, honteux", false},
		{"nl", "iemand heeft 'kankerjoden' op de deur gespoten", false},
		{"de", "jemand hat 'Ausländer raus' an die Kita gesprüht, widerlich", false},
		{"nb", "noen har tagget 'død over muslimer' på moskeen", false},
		{"en", "h***o everyone, the s***p was great", false},
		{"en", "the r******t was closed", false},
		{"en", "thank you so m**h", false},
		{"en", "f***", false},
		{"nl", "ik haat het weer", false},
		{"nb", "jeghater mandager", false},
		{"en", "I hatemondays", false},
		{"de", "ichhasse Montage", false},
	})
}
