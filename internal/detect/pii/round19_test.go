package pii

import (
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// r19Case: a text, the entity, and the category its signal must have
// ("" for no signal of that entity at all).
type r19Case struct {
	lang, text, entity string
	cat                detect.Category // "" : the entity must not be reported
}

func r19Check(t *testing.T, cases []r19Case, staff ...string) {
	t.Helper()
	for _, c := range cases {
		var got detect.Category
		for _, s := range run(t, c.lang, c.text, staff...) {
			if s.Entity == c.entity {
				got = s.Category
			}
		}
		if got != c.cat {
			t.Errorf("%s %q: %s reported as %q, want %q", c.lang, c.text, c.entity, got, c.cat)
		}
	}
}

// A staff role or trade names whose account, number or home it is:
// "l'IBAN de la caissière", "sköterskan Lena bor på…".
func TestRound19RoleOwnsData(t *testing.T) {
	r19Check(t, []r19Case{
		{"de", "hier die iban von der pflegerin DE89 3704 0044 0532 0130 00, schickt ihr einen cent", EntityIBAN, detect.Doxxing},
		{"fr", "voilà l'iban de la secrétaire FR14 2004 1010 0505 0001 3M02 606", EntityIBAN, detect.Doxxing},
		{"en", "bank details of the cashier: GB82 WEST 1234 5698 7654 32", EntityIBAN, detect.Doxxing},
		{"nl", "privénummer van die assistente: 06 12 34 56 78", EntityPhone, detect.Doxxing},
		{"sv", "undersköterskan Maja bor på Tallvägen 9 i Luleå", EntityAddress, detect.Doxxing},
		{"nb", "saksbehandleren som tok saken min bor i Granveien 12, Hamar", EntityAddress, detect.Doxxing},
		{"nb", "Kari sin mobil er 412 34 567, ring henne", EntityPhone, detect.Doxxing},
		// Look-alikes: the writer's own account and home stay pii.
		{"de", "meine iban für die erstattung: DE89 3704 0044 0532 0130 00", EntityIBAN, detect.PII},
		{"sv", "jag bor på Tallvägen 9 i Luleå, skicka papperen dit", EntityAddress, detect.PII},
		{"nb", "jeg bor i Granveien 12, Hamar, send regningen dit", EntityAddress, detect.PII},
	})
}

// A shop, service or helpline's contact details are public, also when the
// list goes on past the workplace word ("…, tel 04…") or a number is asked
// about as a service line.
func TestRound19PublicContacts(t *testing.T) {
	r19Check(t, []r19Case{
		{"fr", "le cabinet est au 7 rue Lafayette à Nantes, tél 02 40 12 34 56, ouvert le lundi", EntityPhone, ""},
		{"sv", "mottagningen ligger på Storgatan 8, tel 08-123 45 67, rekommenderas", EntityPhone, ""},
		{"nl", "aanrader: trimsalon Snuffel, Dorpsstraat 12 in Ede", EntityAddress, ""},
		{"de", "super beratung in der zoohandlung am eck, lindenweg 4", EntityAddress, ""},
		{"nb", "funnet katt, kontakt dyrlegevakta på 22 33 44 55", EntityPhone, ""},
		{"nl", "is 030 123 45 67 ook in het weekend bereikbaar?", EntityPhone, ""},
		{"de", "ist die 030 1234567 am wochenende erreichbar?", EntityPhone, ""},
		// Look-alikes: a home by a shop, a person's line after the list,
		// a person of a workplace, a number that is someone's.
		{"de", "die pflegerin wohnt über der apotheke in der Lindenstraße 4", EntityAddress, detect.Doxxing},
		{"fr", "le cabinet est au 7 rue Lafayette. son portable perso 06 12 34 56 78", EntityPhone, detect.Doxxing},
		{"nl", "haar nummer is 06 12 34 56 78, is ze nog bereikbaar?", EntityPhone, detect.Doxxing},
	})
	r19Check(t, []r19Case{
		{"fr", "Sophie de l'accueil : 06 71 38 20 94 faites tourner", EntityPhone, detect.Doxxing},
	}, "Sophie")
}

// A child's school written in lower case, after the child and a verb of
// going: "the warden's kids go to beechwood primary".
func TestRound19LowerCaseSchool(t *testing.T) {
	r19Check(t, []r19Case{
		{"en", "the manager's kids go to oakhill primary, out at 3", EntitySchool, detect.Doxxing},
		{"sv", "hennes son går på vallmons förskola i norrby", EntitySchool, detect.Doxxing},
		{"nb", "sønnen til rektor går på haugen skole", EntitySchool, detect.Doxxing},
		{"de", "die tochter von der erzieherin geht in die kita regenbogen", EntitySchool, detect.Doxxing},
		{"nl", "het zoontje van die juf zit op de klimop basisschool", EntitySchool, detect.Doxxing},
		{"fr", "le fils de l'éducatrice est à l'école maternelle paul bert", EntitySchool, detect.Doxxing},
		// Look-alikes: no name, a function word, the writer's own child.
		{"en", "her son goes to the local school", EntitySchool, ""},
		{"nb", "ungene til Kari går på samme skole som mine, hyggelig!", EntitySchool, ""},
		{"sv", "min dotter går på solrosens förskola", EntitySchool, ""},
		{"de", "die tochter geht in die gleiche schule wie letztes jahr", EntitySchool, ""},
	})
}
