package lexicon

import (
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/detect/normalize"
)

// staff4 are the staff names of probes/round4-sv.jsonl (the eval's default).
var staff4 = []string{"Dr Lindqvist", "Dr Hansen", "Sara", "Ingrid", "Karim"}

// TestSpelledByEar: in a Nordic comment a word the lexicons do not know is
// read with one doubled vowel made single, z as s and w as v, when that
// makes an abusive word; loanwords, names and ordinary words stay.
func TestSpelledByEar(t *testing.T) {
	ins := detect.Insult
	run(t, []tcase{
		{lang: "sv", text: "Du är en hoora", want: []detect.Category{ins}},
		{lang: "sv", text: "din fiitta", want: []detect.Category{ins}},
		{lang: "sv", text: "Din idioot", want: []detect.Category{ins}},
		{lang: "sv", text: "Du är en zubba", want: []detect.Category{ins}},
		{lang: "sv", text: "Ditt zvin", want: []detect.Category{ins}},
		{lang: "sv", text: "Din jäwla kärring", want: []detect.Category{ins}},
		{lang: "sv", text: "Dr Hansen är ett jäwla swin", staff: staff4, want: []detect.Category{ins}},
		{lang: "nb", text: "Hun er en hoore", want: []detect.Category{ins}},
		{lang: "da", text: "Du er en swin", want: []detect.Category{ins}},
		// Look-alikes: loanwords with z, w or a doubled vowel, names, and
		// the same spellings in languages that double vowels.
		{lang: "sv", text: "Vi har en zebra och en wombat, ska vi till zoo?", not: []detect.Category{ins}},
		{lang: "sv", text: "Swish funkar inte, kan jag betala med kort?", not: []detect.Category{ins}},
		{lang: "sv", text: "Zara och Wallin hälsar, webben är nere", not: []detect.Category{ins}},
		{lang: "sv", text: "Svinnet i butiken är för stort", not: []detect.Category{ins}},
		{lang: "nl", text: "Ik hoor je niet, de hoorn is stuk", not: []detect.Category{ins}},
	})
	for _, c := range []struct{ lang, text string }{
		{"sv", "Vi tar en kaffe på zoo med Zlatan"},
		{"sv", "coolt med webbinarium"},
		{"en", "the hoora dance and a swine flu"}, // not a Nordic comment
	} {
		if got := det.respell(normalize.Text(c.text), c.lang); got != nil {
			t.Errorf("%q read as %q", c.text, got.String())
		}
	}
}

// TestMayRespell: the byte test before respell never hides a word it would
// read.
func TestMayRespell(t *testing.T) {
	for _, text := range []string{"du är en hoora", "din fiitta", "ditt zvin", "jäwla", "ööö", "ääh", "hej hej", "Ditt svin", "idiot", "éé", "ø", "åå"} {
		n := normalize.Text(text)
		if det.respell(n, "sv") != nil && !mayRespell(n.String()) {
			t.Errorf("mayRespell(%q) = false, but respell reads it", text)
		}
	}
	for text, want := range map[string]bool{"hoora": true, "zebra": true, "ääh": true, "hej då": false, "svin": false, "éé": true} {
		if got := mayRespell(text); got != want {
			t.Errorf("mayRespell(%q) = %v, want %v", text, got, want)
		}
	}
}

// TestEmphaticStops: a phrase cut into one-word sentences is one sentence;
// ordinary short sentences are left alone.
func TestEmphaticStops(t *testing.T) {
	run(t, []tcase{
		{lang: "sv", text: "Dr Hansen. Borde. Dö.", staff: staff4, want: []detect.Category{detect.Threat}},
		{lang: "sv", text: "Dr. Hansen. Borde. Dö", staff: staff4, want: []detect.Category{detect.Threat}},
		{lang: "sv", text: "Du. Är. Ett. Äckligt. Kräk.", want: []detect.Category{detect.Insult}},
		{lang: "nb", text: "Ingrid! Burde! Dø!", staff: staff4, want: []detect.Category{detect.Threat}},
		{lang: "sv", text: "Sara. Är. Bäst.", staff: staff4, not: []detect.Category{detect.Insult, detect.Harassment}},
		{lang: "sv", text: "Tack. Tack. Tack. Ingrid!", staff: staff4, not: []detect.Category{detect.Insult, detect.Harassment}},
	})
	for _, c := range []struct{ text, want string }{
		{"Dr Hansen. Borde. Dö.", "dr hansen borde dö."},
		{"Varje. Gång. Lika. Bra.", "varje gång lika bra."},
		{"Du. Är. En. Idiot", "du är en idiot"},
		// Ordinary sentences, too few pieces, punctuation inside a piece.
		{"Katten dog i natt. Vi är ledsna. Tack för allt.", ""},
		{"Hej. Tack.", ""},
		{"Ja, visst. Nej. Kanske.", ""},
		{"Ring mig. 😊 Tack. Hej.", ""},
		{"...", ""},
		{"", ""},
	} {
		got := det.unstop(normalize.Text(c.text))
		switch {
		case got == nil && c.want != "":
			t.Errorf("%q: not read; want %q", c.text, c.want)
		case got != nil && got.String() != c.want:
			t.Errorf("%q read as %q; want %q", c.text, got.String(), c.want)
		}
	}
}

// TestCompoundApart: a compound insult written in two words (särskrivning)
// is read joined when its first half is an abusive word; innocent pairs stay.
func TestCompoundApart(t *testing.T) {
	ins := detect.Insult
	run(t, []tcase{
		{lang: "sv", text: "Ditt kuk huvud, ring tillbaka", want: []detect.Category{ins}},
		{lang: "sv", text: "Den där skit stöveln Karim borde sparkas", staff: staff4, want: []detect.Category{ins}},
		{lang: "sv", text: "idiot sköterskan på avdelning 4 är en hjärndöd kossa", want: []detect.Category{ins}},
		{lang: "sv", text: "Din hor unge till veterinär", want: []detect.Category{ins}},
		{lang: "nb", text: "Du er en jævla dritt sekk", want: []detect.Category{ins}},
		{lang: "sv", text: "Det var skit bra gjort av Sara", staff: staff4, not: []detect.Category{ins}},
		{lang: "sv", text: "Appen är idiot säker", not: []detect.Category{detect.Harassment}},
	})
	for _, c := range []struct{ lang, text string }{
		{"sv", "skit bra och skit kul"},
		{"sv", "kuk en"},
		{"sv", "appen är idiot säker"},
		{"sv", "grisen har svin influensa"},
		{"de", "kuk huvud"}, // not a Nordic comment
	} {
		if got := det.rejoin(normalize.Text(c.text), c.lang); got != nil {
			t.Errorf("%q joined into %q", c.text, got.String())
		}
	}
}

// TestRound4Swedish pins the round-4 entries: a staff name fused with an
// insult, an emoji as the name, dehumanising sarcasm, body and origin,
// rumours spread, mock-polite threats; each against its look-alikes.
func TestRound4Swedish(t *testing.T) {
	ins, h, thr, hate, sex := detect.Insult, detect.Harassment, detect.Threat, detect.Hate, detect.Sexual
	abuse := []detect.Category{ins, h, thr, hate, sex}
	run(t, []tcase{
		{lang: "sv", text: "Lindqvist-svinet borde aldrig ha fått legitimation", staff: staff4, want: []detect.Category{ins}},
		{lang: "sv", text: "Fitt-Sara och hennes kompisar", staff: staff4, want: []detect.Category{ins}},
		{lang: "sv", text: "Receptionssubban borde hålla käften", want: []detect.Category{ins}},
		{lang: "sv", text: "Sara-Lena på receptionen var så snäll", staff: staff4, not: abuse},
		{lang: "sv", text: "Karim-metoden för kloklippning funkar", staff: staff4, not: abuse},
		{lang: "sv", text: "Jag var en sån idiot Sara, förlåt", staff: staff4, not: []detect.Category{h}},
		{lang: "sv", text: "Sara 🤮🐄", staff: staff4, want: []detect.Category{ins}},
		{lang: "sv", text: "Dr Hansen = 💩", staff: staff4, want: []detect.Category{ins}},
		{lang: "sv", text: "Sara 🥰🐄 tack för att du räddade kalven", staff: staff4, not: abuse},
		{lang: "sv", text: "Stackars Sara 🤮 magsjukan har gått runt", staff: staff4, not: abuse},
		{lang: "sv", text: "Sara är ett mänskligt misstag som aldrig borde ha fötts", staff: staff4, want: []detect.Category{ins}},
		{lang: "sv", text: "Valparna från valpfabriken borde aldrig ha fötts där", not: abuse},
		{lang: "sv", text: "Ingrid är för fet för att jobba", staff: staff4, want: []detect.Category{h}},
		{lang: "sv", text: "Katten är för fet för att hoppa upp i soffan", not: abuse},
		{lang: "sv", text: "Karim luktar kebab i hela väntrummet", staff: staff4, want: []detect.Category{hate}},
		{lang: "sv", text: "Ingrid är pedofil, håll era barn borta från henne", staff: staff4, want: []detect.Category{h}},
		{lang: "sv", text: "Håll barnen borta från hunden när den äter", not: abuse},
		{lang: "sv", text: "Sara ligger med chefen, det är därför hon fick jobbet", staff: staff4, want: []detect.Category{sex}},
		{lang: "sv", text: "Mamma ligger med feber, Sara ringde och frågade", staff: staff4, not: abuse},
		{lang: "sv", text: "Alla vet att Karim är bäst på katter", staff: staff4, not: abuse},
		{lang: "sv", text: "Det vore tråkigt om Saras fina bil fick en repa eller två", staff: staff4, want: []detect.Category{thr}},
		{lang: "sv", text: "Det vore tråkigt om Saras projekt med läshundarna lades ner", staff: staff4, not: abuse},
		{lang: "sv", text: "Hälsa Ingrid att hon borde kolla bromsarna innan hon kör hem", staff: staff4, want: []detect.Category{thr}},
		{lang: "sv", text: "Ingrid, kolla bromsarna på rullatorn innan mamma går ut", staff: staff4, not: abuse},
		{lang: "sv", text: "Karim har väl en bra hemförsäkring?", staff: staff4, want: []detect.Category{thr}},
		{lang: "sv", text: "Har ni en bra försäkring för hunden?", not: abuse},
		{lang: "nb", text: "Karim-jævelen kan dra til helvete", staff: staff4, want: []detect.Category{ins}},
		{lang: "nb", text: "Ingrid-dagen feirer vi med kake", staff: staff4, not: abuse},
		{lang: "nb", text: "Kjerringa mi sier takk til Ingrid", staff: staff4, not: abuse},
		{lang: "nb", text: "Hold barna deres unna henne", want: []detect.Category{h}},
		{lang: "nb", text: "Synd om Ingrids bil fikk en ripe eller to", staff: staff4, want: []detect.Category{thr}},
	})
}

// TestSelfDeprecation: a name called right after a first-person copula of
// three words or more is said of oneself; a shorter cue, or one not right
// before the word, leaves it aimed at someone.
func TestSelfDeprecation(t *testing.T) {
	ins, h := detect.Insult, detect.Harassment
	run(t, []tcase{
		{lang: "sv", text: "Jag är en sån idiot, glömde kopplet hos er igen", not: []detect.Category{ins, h}},
		{lang: "sv", text: "Jag var en sån idiot Sara, förlåt", staff: staff4, not: []detect.Category{ins, h}},
		{lang: "sv", text: "Kände mig som en dum kossa när jag tappade bort katten", not: []detect.Category{ins}},
		{lang: "nb", text: "Jeg følte meg som en idiot i går", not: []detect.Category{ins}},
		{lang: "sv", text: "Jag är en kund och du är en idiot", want: []detect.Category{ins}},
		{lang: "sv", text: "Skyll dig själv idiot", want: []detect.Category{ins}},
		{lang: "sv", text: "Jag är en idiot som litade på er, era svin", want: []detect.Category{ins}},
	})
}

// The new readings cost nothing on a comment they do not apply to.
func TestRound4NoAllocs(t *testing.T) {
	n := normalize.Text("Tack Sara för att ni tog hand om katten så fint i går, vi är så glada")
	if a := testing.AllocsPerRun(100, func() { _ = det.respell(n, "sv"); _ = det.unstop(n) }); a != 0 {
		t.Errorf("respell and unstop allocate %v times on an innocent comment", a)
	}
}
