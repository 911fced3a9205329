package lexicon

import (
	"context"
	"strings"
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// TestR17Unmourned: "nobody would notice / cry at your funeral" said of the
// reader or a staff member is a severe insult; the same construction about
// a thing, or turned into praise, is not.
func TestR17Unmourned(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "no one will even notice if you croaked, Dr Martin", true},
		{"en", "not a soul is going to show up to your funeral", true},
		{"fr", "personne ne viendrait à votre enterrement, madame", true},
		{"nl", "geen hond zal om jou huilen, zuster", true},
		{"de", "um dich wird keiner weinen, Karim", true},
		{"sv", "inte en kotte kommer att gråta på din begravning", true},
		{"nb", "ingen kommer til å møte opp i begravelsen din", true},
		{"da", "ingen vil komme til din begravelse", true},
		// Look-alikes.
		{"en", "nobody would notice if the vending machine vanished", false},
		{"fr", "personne ne remarquerait si la vieille imprimante disparaissait", false},
		{"sv", "kommer personalen till hans begravning på lördag?", false},
		{"nb", "alle ville merket det om du sluttet, du er gull", false},
	})
}

// TestR17Dehumanising: dehumanising names without a swear word; the same
// nouns said of a building stay untouched.
func TestR17Dehumanising(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"fr", "vous êtes la honte de votre métier", true},
		{"fr", "tu es une créature immonde", true},
		{"nl", "jij bent een hersenloos schepsel", true},
		{"de", "du bist eine hirnlose Kreatur", true},
		{"sv", "du är en hjärnlös varelse", true},
		{"nb", "du er en hjerneløs skapning", true},
		{"en", "you are a waste of skin", true},
		// Look-alikes.
		{"fr", "c'est la honte, deux heures d'attente", false},
		{"de", "die alte Fabrik ist eine leere Hülle", false},
		{"sv", "köpcentret är ett tomt skal nu", false},
		{"nl", "het oude station is een lege huls", false},
	})
}

// TestR17PoliteDamage: a polite regret over harm to someone's property is a
// threat; the same regret over a cancelled event or a public bin is not.
func TestR17PoliteDamage(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "it would be a great shame if your van caught fire", true},
		{"en", "be a shame if you never made it back home one evening", true},
		{"fr", "ce serait triste que votre cabinet prenne feu", true},
		{"nl", "zou vervelend zijn als je auto vannacht in de fik gaat", true},
		{"de", "es wäre wirklich bedauerlich, wenn Ihrem Laden mal was zustoßen würde", true},
		{"sv", "trist om bilen fick en buckla i natt", true},
		{"nb", "dumt om bilen din fikk en bulk i natt", true},
		{"nn", "synd om bilen din fekk ei ripe", true},
		// Look-alikes.
		{"en", "it would be terrible if the park benches got damaged again, please fix them", false},
		{"en", "would be a shame if you didn't get home in time for tea, leave early!", false},
		{"nl", "het zou jammer zijn als de markt niet doorgaat", false},
		{"fr", "ce serait dommage que le concert soit annulé", false},
		// Feigned concern for someone's property; the same concern for a pet
		// is a vet's advice.
		{"en", "we'd hate for something to happen to your nice new van", true},
		{"de", "wir wollen ja nicht, dass Ihrem Büro was passiert", true},
		{"sv", "ni vill väl inte att något händer med er mottagning", true},
		{"nb", "dere vil vel ikke at noe skal skje med kontoret deres", true},
		{"en", "we wouldn't want anything to happen to your kitten, keep her indoors tonight", false},
		{"nl", "we willen toch niet dat er iets met je konijn gebeurt", false},
	})
}

// TestR17GriefRevenge: a revenge announced after a death; the same death
// with a lawyer, or "få känna på hur det är att" (to try), is not a threat.
func TestR17GriefRevenge(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "my rabbit died and someone will pay for it in blood", true},
		{"fr", "ma chienne est morte, vous allez payer de votre sang", true},
		{"nl", "mijn kat is dood, die assistente gaat dat voelen", true},
		{"de", "meine Katze ist tot, die Ärztin wird das zu spüren bekommen", true},
		{"sv", "min katt dog, nu ska veterinären få smaka på hur det känns", true},
		{"nb", "katten min døde, dyrlegen skal få svi", true},
		// Look-alikes.
		{"sv", "nu ska eleverna få känna på hur det är att jobba i ett kök", false},
		{"nb", "skal jeg få igjen depositumet?", false},
		{"en", "my rabbit died and I'm filing a complaint with the college", false},
	})
}

// TestR17GenericGroup: a moderate insult said of people chosen by what they
// do is graded mild (severity 1: the model defers to it, the policy reviews
// it); said of the reader or of staff it keeps its severity, and a
// slur of severity 3 is never graded mild by this rule.
func TestR17GenericGroup(t *testing.T) {
	for _, c := range []struct {
		lang, text string
		mild       bool
	}{
		{"sv", "alla som kör mot rött är idioter", true},
		{"nb", "folk som ikke rydder etter hunden er idioter", true},
		{"nb", "sparkesyklister er noen idioter", true},
		{"en", "people who leave their trolleys in the road are scum", true},
		{"fr", "ceux qui klaxonnent à minuit sont des abrutis", true},
		// Look-alikes that keep their severity.
		{"sv", "ni i kassan är idioter", false},
		{"nb", "dere på legevakta er idioter", false},
		{"en", "you lot at the front desk are scum", false},
		{"en", "the nurses who work here are idiots", false},
		{"sv", "alla som jobbar på kommunen är idioter", false},
		{"fr", "les gens qui travaillent à la mairie sont des abrutis", false},
	} {
		t.Run(c.lang+"/"+c.text, func(t *testing.T) {
			m := scores(t, tcase{lang: c.lang, text: c.text, staff: r9nordicStaff})
			s, ok := m[detect.Insult]
			if !ok {
				t.Fatalf("no insult signal: %+v", m)
			}
			if got := s.Severity == 1; got != c.mild {
				t.Errorf("mild = %v, want %v: %s", got, c.mild, s.Explanation)
			}
		})
	}
}

// TestR17Exculpation: "you're not lazy, you just have too few staff"
// denies the insult the model reads; a plain insult to the reader stays.
func TestR17Exculpation(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"de", "nein ihr seid nicht faul, ihr habt einfach zu wenig Personal", false},
		{"sv", "nej ni är inte lata, ni har bara för få anställda", false},
		{"de", "ihr seid faule Idioten", true},
	})
}

// TestR17ExculpationAddress: the corroboration's addressee check
// (Address) refuses a text that denies a predicate of the reader, so the
// model's insult in "ihr seid nicht faul, ihr habt … zu wenig Personal" is
// not lifted by the second clause; a plain predicate of the reader is
// still found. (TestR17Exculpation runs the lexicon alone, which never
// calls Address.)
func TestR17ExculpationAddress(t *testing.T) {
	for _, c := range []struct {
		lang, text, evidence string
		want                 bool
	}{
		{"de", "nein ihr seid nicht faul, ihr habt einfach zu wenig Personal", "Personal", false},
		{"sv", "nej ni är inte lata, ni har bara för få anställda", "anställda", false},
		{"de", "ihr habt einfach nur Stroh im Kopf", "Stroh", true},
	} {
		i := strings.Index(c.text, c.evidence)
		ev := []detect.Span{{i, i + len(c.evidence)}}
		if _, why, got := det.Address(context.Background(), detect.Input{Text: c.text, Lang: c.lang}, ev); got != c.want {
			t.Errorf("%s %q: Address = %v (%q), want %v", c.lang, c.text, got, why, c.want)
		}
	}
}

// TestR17Words: the word reader handles punctuation, long and invalid input
// without panicking.
func TestR17Words(t *testing.T) {
	var arr [10]string
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"", 0}, {"  ,, ", 0}, {"leute, die parken", 3}, {"a b c d e f g h i j k", -1}, {"\xff\xfe abc", 1},
	} {
		if got := r17Words(tc.in, &arr); got != tc.want {
			t.Errorf("r17Words(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}
