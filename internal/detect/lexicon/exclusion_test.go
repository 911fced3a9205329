package lexicon

import "testing"

// TestGroupShutOut: a group shut out of a place ("no muslims here", "geen
// moslims hier", HateCheck's normative exclusion) is hate in every language;
// a fact ("there are no muslims here"), animals, problems or racism shut
// out, and a group welcomed beside "no problems here" are not.
func TestGroupShutOut(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "no muslims here", true},
		{"en", "we dont want refugees in our street", true},
		{"de", "keine Muslime hier", true},
		{"de", "wir wollen keine Flüchtlinge in unserer Stadt", true},
		{"nl", "geen moslims hier", true},
		{"fr", "pas de musulmans ici", true},
		{"fr", "on veut pas de noirs chez nous", true},
		{"sv", "inga muslimer här", true},
		{"nb", "ingen muslimer her", true},
		{"da", "ingen muslimer her", true},
		// Look-alikes.
		{"en", "there are no muslims here, which is a shame", false},
		{"en", "no dogs here", false},
		{"en", "we want no racism here", false},
		{"nl", "geen problemen hier, moslims zijn welkom", false},
		{"de", "keine Hunde hier", false},
		{"sv", "inga hundar här tack", false},
	})
}
