package lexicon

import (
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// TestComp11HarassmentCap pins where one name-calling word about a staff
// member stops being harassment (>= 0.7, removed by the default policy):
// inside criticism of the service, alone, not severe. Name-calling with no
// criticism around it, a slur hurled at the reader next to a stray
// complaint word, or a second abusive word keep it.
func TestComp11HarassmentCap(t *testing.T) {
	for _, tc := range []struct {
		lang, text string
		staff      []string
		capped     bool // harassment present but under 0.7
	}{
		{"en", "Dr Martin is useless, he forgot my dog's vaccinations.", []string{"Dr Martin"}, true},
		{"fr", "Le Dr Martin est un incapable, il a oublié les vaccins de mon chien.", []string{"Dr Martin"}, true},
		{"nl", "Dr Janssens is een prutser, hij vergat de vaccinaties van mijn hond.", []string{"Dr Janssens"}, true},
		{"sv", "Dr Lindqvist är en klåpare, han glömde min hunds vaccinationer.", []string{"Dr Lindqvist"}, true},
		{"de", "Dr. Müller ist eine Niete, er hat die Impfungen meines Hundes vergessen.", []string{"Dr. Müller"}, true},
		{"sv", "Ingrid, du är en skam för yrket – mamma låg i sin avföring i tre timmar", []string{"Ingrid"}, true},
		// A word that is itself criticism of someone's work, alone: a
		// single remark for a person to read (the labelling guide).
		{"en", "Dr Martin is useless", []string{"Dr Martin"}, true},
		// Name-calling that criticises nothing: still harassment.
		{"nl", "Anna is zo lelijk als de nacht", []string{"Anna"}, false},
		{"en", "Dr Martin is ugly", []string{"Dr Martin"}, false},
		{"de", "Dr. Müller ist eine Niete", []string{"Dr. Müller"}, false},
		{"en", "Sophie is ugly, she forgot my file", []string{"Sophie"}, true},
		// A second abusive word, or a slur at the reader with a stray
		// complaint word ("again"): still harassment.
		{"en", "Dr Martin is useless, shut the fuck up, he forgot my file.", []string{"Dr Martin"}, false},
		{"en", "@USER I lose to mongoloid playstyles smh gonna trash you again", []string{"User"}, false},
	} {
		t.Run(tc.lang+"/"+tc.text, func(t *testing.T) {
			m := scores(t, tcase{lang: tc.lang, text: tc.text, staff: tc.staff})
			h, ok := m[detect.Harassment]
			if !ok {
				t.Fatalf("no harassment signal: %+v", m)
			}
			if got := h.Score < 0.7; got != tc.capped {
				t.Errorf("harassment %.2f, capped = %v, want %v (%s)", h.Score, got, tc.capped, h.Explanation)
			}
		})
	}
}

// TestComp11FailedActCues pins the complaint cues for a staff member's
// failed act (forgot, hung up, botched), and innocent look-alikes that
// carry none.
func TestComp11FailedActCues(t *testing.T) {
	for _, tc := range []struct {
		lang, text string
		cue        bool
	}{
		{"en", "Dr Martin forgot our appointment twice", true},
		{"fr", "Le Dr Martin a oublié notre rendez-vous deux fois", true},
		{"nl", "Dr Janssens vergat onze afspraak twee keer", true},
		{"sv", "Dr Lindqvist glömde vår tid två gånger", true},
		{"nb", "Dr Hansen glemte timen vår to ganger", true},
		{"de", "Dr. Müller hat unseren Termin zweimal vergessen", true},
		{"sv", "Sara i receptionen lade bara på luren", true},
		{"de", "Sophie hat einfach aufgelegt", true},
		{"en", "Sophie hung up on me", true},
		// Look-alikes: nothing went wrong.
		{"en", "Thank you Dr Martin, we never forget how kind you were", false},
		{"sv", "Glöm inte att boka tid för vaccinationen", false},
		{"nb", "Ikke glem å ta med vaksinekortet", false},
		{"de", "Vergiss nicht, den Impfpass mitzubringen", false},
		{"fr", "N'oubliez pas le carnet de vaccination", false},
		{"nl", "Vergeet je niet het vaccinatieboekje mee te nemen", false},
	} {
		t.Run(tc.lang+"/"+tc.text, func(t *testing.T) {
			m := scores(t, tcase{lang: tc.lang, text: tc.text, staff: []string{"Dr Martin", "Dr Janssens", "Dr Lindqvist", "Dr Hansen", "Dr. Müller", "Sophie", "Sara"}})
			_, got := m[detect.Complaint]
			if got != tc.cue {
				t.Errorf("complaint cue = %v, want %v: %+v", got, tc.cue, m)
			}
		})
	}
}
