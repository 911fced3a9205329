package builtin_test

import (
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/detect/builtin"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/policy"
)

// comp11Staff are the staff names the labelled sets use.
var comp11Staff = []string{"Dr Martin", "Dr Janssens", "Dr Lindqvist", "Dr Hansen", "Dr. Müller", "Sophie", "Sanne", "Sara", "Ingrid", "Karim"}

// TestComp11NamedStaffCriticism pins the rule on one name-calling word
// about a staff member inside criticism of the service (issue #3: a
// complaint is never removed for a mild insult in it): "Dr Martin is
// useless, he forgot the vaccines" is a harsh complaint for a person to
// read, in every language; a staff member's failed act named without
// insult is a complaint cue. A severe or stacked insult, a slur, a
// campaign or name-calling with no criticism around it is still removed.
func TestComp11NamedStaffCriticism(t *testing.T) {
	e, err := builtin.Engine()
	if err != nil {
		t.Fatal(err)
	}
	p := policy.Default()
	for _, tt := range []struct {
		lang, text string
		remove     bool
	}{
		// A competence word about a named staff member and what went wrong.
		{"en", "Dr Martin is useless, he forgot my dog's vaccinations.", false},
		{"en", "Dr Martin, you are useless, you forgot my dog's vaccinations.", false},
		{"fr", "Le Dr Martin est un incapable, il a oublié les vaccins de mon chien.", false},
		{"fr", "Sophie, tu es nulle, tu as oublié notre rendez-vous.", false},
		{"nl", "Dr Janssens is een prutser, hij vergat de vaccinaties van mijn hond.", false},
		{"sv", "Dr Lindqvist är en klåpare, han glömde min hunds vaccinationer.", false},
		{"sv", "Ingrid, du är en skam för yrket – mamma låg i sin avföring i tre timmar", false},
		{"de", "Dr. Müller ist eine Niete, er hat die Impfungen meines Hundes vergessen.", false},
		{"nb", "Dr Hansen er en klønete amatør, han glemte vaksinene til hunden min.", false},
		// A staff member's act, named without any insult.
		{"en", "Dr Martin forgot our appointment twice. TWICE.", false},
		{"nl", "Sanne aan de balie heeft gewoon opgehangen. Dat kan niet.", false},
		{"sv", "Sara i receptionen lade bara på luren. Det går inte för en klinik.", false},
		{"nb", "Ingrid i resepsjonen bare la på. Det holder ikke.", false},
		{"de", "Sophie am Empfang hat einfach aufgelegt. Das geht gar nicht.", false},
		{"fr", "Sophie à l'accueil nous a raccroché au nez, c'est inacceptable.", false},
		// Still removed: a severe or stacked insult, a slur at the reader,
		// a campaign, a threat, in the same complaints.
		{"en", "Dr Martin is a fucking idiot, he forgot my dog's vaccinations.", true},
		{"fr", "Le Dr Martin est un sale connard, il a oublié les vaccins.", true},
		{"de", "Dr. Müller ist ein dummes Arschloch, er hat die Impfungen vergessen.", true},
		{"nl", "Dr Janssens is een vuile klootzak, hij vergat de vaccinaties.", true},
		{"sv", "Dr Lindqvist är en jävla idiot, han glömde vaccinationerna.", true},
		{"nb", "Dr Hansen er en jævla idiot, han glemte vaksinene.", true},
		{"en", "I'll post this every day until Karim gets fired. He forgot my file. Useless.", true},
		{"en", "Dr Martin forgot my dog's vaccines, I'll smash his face in.", true},
	} {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			in := detect.Input{Text: tt.text, Lang: tt.lang, Context: &detect.Context{StaffNames: comp11Staff}}
			res := e.Analyze(t.Context(), in)
			it := ingest.Item{Text: tt.text, Lang: tt.lang, Kind: ingest.KindComment}
			d := p.Decide(policy.InputFor(&it, res.Lang, res.Signals))
			if got := d.Action == "hide" || d.Action == "delete"; got != tt.remove {
				t.Errorf("removed = %v (%s %v), want %v; signals %+v", got, d.Action, d.Rules, tt.remove, res.Signals)
			}
		})
	}
}
