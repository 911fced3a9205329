package lexicon

import (
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

var (
	threatHate = []detect.Category{detect.Threat, detect.Hate}
	noHate     = []detect.Category{detect.Hate, detect.Threat}
)

// TestNordicFunctional: the functional families of a hate suite in
// Swedish, Norwegian and Danish (threats at a group, derogation with no
// slur, hate as a question, a refusal with "never", a pronoun in the next
// sentence), written afresh, not copied from the probe file, and the
// look-alikes that must stay untouched: paintings hung, teams beaten,
// pests, negated and counter statements.
func TestNordicFunctional(t *testing.T) {
	run(t, []tcase{
		// Threats against a group stay threats, and are hate too.
		{lang: "sv", text: "Romer borde skjutas allihop.", want: threatHate},
		{lang: "sv", text: "Samla ihop alla judar och gasa dem.", want: threatHate},
		{lang: "sv", text: "Vi ska spöa varenda transa vi hittar.", want: threatHate},
		{lang: "sv", text: "Någon borde bränna ner moskén i natt.", want: []detect.Category{detect.Threat}},
		{lang: "nb", text: "Muslimer burde henges alle sammen.", want: threatHate},
		{lang: "nb", text: "Noen burde sette fyr på moskeen.", want: []detect.Category{detect.Threat}},
		{lang: "da", text: "Alle perkere burde skydes.", want: threatHate},
		{lang: "en", text: "Those Muslims again. Someone should burn down their mosque.", want: []detect.Category{detect.Threat}},
		{lang: "sv", text: "Tavlan borde hängas i hallen.", not: noHate},
		{lang: "sv", text: "Vi ska spöa AIK på lördag.", not: noHate},
		{lang: "nb", text: "Bildet burde henges i stua.", not: noHate},
		{lang: "nb", text: "Vi skal banke Rosenborg på søndag.", not: noHate},
		{lang: "da", text: "Maleriet burde hænges op i stuen.", not: noHate},
		{lang: "da", text: "Vi skal tæske Brøndby på søndag.", not: noHate},
		// Derogation with no slur, and through a pronoun.
		{lang: "sv", text: "Invandrare förökar sig som råttor.", want: hateOnly},
		{lang: "sv", text: "Samer är mindre värda än svenskar.", want: hateOnly},
		{lang: "sv", text: "Kvinnliga chefer? De är för dumma för att leda.", want: hateOnly},
		{lang: "nb", text: "Samer er late snyltere.", want: hateOnly},
		{lang: "da", text: "Jøder formerer sig som rotter.", want: hateOnly},
		{lang: "sv", text: "Kaninerna förökar sig som galningar i år.", not: noHate},
		{lang: "sv", text: "Invandrare är inte mindre värda än svenskar.", not: noHate},
		{lang: "sv", text: "Fästingar är rena ohyran i år.", not: noHate},
		{lang: "nb", text: "Mange flyktninger har traumer. De er psykisk syke og trenger hjelp.", not: noHate},
		// Hate as a question; the same words with no group.
		{lang: "sv", text: "Varför får bögar ens leva?", want: hateOnly},
		{lang: "sv", text: "Är det inte dags att utvisa alla somalier?", want: hateOnly},
		{lang: "nb", text: "Hvorfor får homofile i det hele tatt leve?", want: hateOnly},
		{lang: "da", text: "Hvorfor får bøsser overhovedet lov at leve?", want: hateOnly},
		{lang: "sv", text: "Funktionshindrade ska få leva ett självständigt liv.", not: noHate},
		{lang: "sv", text: "Min hund luktar alltid så illa efter badet.", not: noHate},
		{lang: "sv", text: "Är det inte dags att kasta ut den gamla soffan?", not: noHate},
		// "Never" as part of the hate: a refusal of a group's member.
		{lang: "sv", text: "Jag skulle aldrig anställa en muslim.", want: hateOnly},
		{lang: "nb", text: "Jeg ville aldri ansatt en jøde.", want: hateOnly},
		{lang: "da", text: "Jeg nægter at ansætte en muslim.", want: hateOnly},
		{lang: "sv", text: "Jag skulle aldrig vägra hyra ut till en muslim.", not: noHate},
		{lang: "sv", text: "Jag skulle aldrig anställa en snickare utan referenser.", not: noHate},
		// A clause-level Danish negation reaches over ", at".
		{lang: "da", text: "Det passer ikke, at indvandrere er kriminelle.", not: noHate},
		// A curse that qualifies the group's name; a curse as emphasis.
		{lang: "sv", text: "Satans invandrare.", want: hateOnly},
		{lang: "nb", text: "Faens innvandrere ødelegger alt.", want: hateOnly},
		{lang: "da", text: "Fucking indvandrere ødelægger alt.", want: hateOnly},
		{lang: "sv", text: "Fan vad duktiga invandrarna i laget var!", not: noHate},
		{lang: "nb", text: "Faen så bra innvandrerkoret sang!", not: noHate},
		// A group's name called out after an abusive order and a comma.
		{lang: "sv", text: "Håll käften, zigenare.", want: hateOnly},
		{lang: "nb", text: "Hold kjeft, sigøyner.", want: hateOnly},
		{lang: "da", text: "Hold kæft, sigøjner.", want: hateOnly},
		{lang: "sv", text: "Utställningen heter Zigenare, och den är fin.", not: noHate},
		{lang: "nb", text: "Tusen takk, tatere og romfolk, for en flott festival.", not: noHate},
		// A slur inside the gap of a group phrase is its target.
		{lang: "nb", text: "Til helga skal vi gi noen pakkiser juling.", want: threatHate},
		{lang: "nb", text: "Til helga skal vi gi noen gutter en omgang i fotball.", not: noHate},
		// The subject between the modal and the negation (V2 order).
		{lang: "sv", text: "Enligt mig borde bögar inte få adoptera.", want: hateOnly},
		{lang: "nb", text: "Synes du muslimer burde ikke få stemme?", want: hateOnly},
		{lang: "da", text: "Efter min mening burde transkønnede ikke have lov til at undervise.", want: hateOnly},
		{lang: "sv", text: "Borde vi inte få adoptera också, frågade paret.", not: noHate},
		// Nynorsk.
		{lang: "nn", text: "Samar burde skytast alle saman.", want: threatHate},
		{lang: "nn", text: "Kvifor får funksjonshemma i det heile teke leve?", want: hateOnly},
		{lang: "nn", text: "Eg ville aldri leigd ut til ein muslim.", want: hateOnly},
		{lang: "nn", text: "Biletet burde hengjast i stova.", not: noHate},
		{lang: "nn", text: "Samar har budd her i tusen år.", not: noHate},
	})
}

// TestCurseAdverbNotHate: a curse used as a sentence adverb next to a
// group's name ("det er sgu kvinder i fyrrerne") is emphasis, kept below
// the removal line, while one that qualifies the name is hate.
func TestCurseAdverbNotHate(t *testing.T) {
	for _, c := range []struct {
		lang, text string
		removed    bool
	}{
		{"da", "Det er sgu kvinder i fyrrerne, der cykler værst.", false},
		{"sv", "Det är fan kvinnor i fyrtioårsåldern som cyklar sämst.", false},
		{"da", "De forbandede jøder ejer alt.", true},
		{"nb", "Jævlige muslimer, alle sammen.", true},
	} {
		m := scores(t, tcase{lang: c.lang, text: c.text})
		if got := m[detect.Hate].Score >= 0.7; got != c.removed {
			t.Errorf("%s %q: hate %.2f, want removed=%v", c.lang, c.text, m[detect.Hate].Score, c.removed)
		}
	}
}

// TestNordicCopulaSlip: a group's name typed onto the Norwegian and
// Danish copula "er" ("Transpersonerer ekle") is read apart in an abusive
// comment; a word that is no group's name is not cut.
func TestNordicCopulaSlip(t *testing.T) {
	d, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ in, want string }{
		{"transpersonerer", "transpersoner er"},
		{"innvandrerevar", "innvandrere var"},
		{"sommerer", ""}, {"regnerer", ""},
	} {
		if got := d.lx.typos.fix(c.in, 0, nil, false); got != c.want {
			t.Errorf("fix(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	run(t, []tcase{
		{lang: "nb", text: "Transpersonerer ekle.", want: hateOnly},
		{lang: "nb", text: "Transpersonerer velkomne her.", not: noHate},
	})
}
