package lexicon

import (
	"context"
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// TestNamedAndDisguised pins the rules of 2026-11 (4): a name-calling word
// with a staff member's name as its subject is harassment of them; a
// person named without a title, called a name-calling noun, is too; wishes
// of violence are threats whoever they aim at; and an insult disguised to
// slip past filters no longer waits for the model to agree.
func TestNamedAndDisguised(t *testing.T) {
	h, ins, thr := detect.Harassment, detect.Insult, detect.Threat
	run(t, []tcase{
		// Staff name as the subject of a mild name-calling word.
		{lang: "nl", text: "Anna is zo lelijk als de nacht", staff: []string{"Anna"}, want: []detect.Category{h}},
		{lang: "sv", text: "Karim är en äcklig gubbe", staff: []string{"Karim"}, want: []detect.Category{h}},
		// ... not when the name is only near it, or the word is negated.
		{lang: "en", text: "Sophie said the witch costume party is on Friday", staff: []string{"Sophie"}, not: []detect.Category{h}},
		{lang: "en", text: "Dr Martin did not call us back", staff: []string{"Dr Martin"}, not: []detect.Category{h, ins}},
		// Someone the workspace does not list, called a name.
		{lang: "nb", text: "Ingrid er ei heks", want: []detect.Category{h}},
		{lang: "de", text: "Katrin ist eine Hexe", want: []detect.Category{h}},
		{lang: "fr", text: "Mélanie est une vraie vipère", want: []detect.Category{h}},
		// ... but a noun after a determiner is not a name.
		{lang: "de", text: "Die Hotline ist eine Katastrophe", not: []detect.Category{h, ins}},
		{lang: "en", text: "Our service is a joke", not: []detect.Category{h}},
		// Name-calling words stacked on one another are harsher together.
		{lang: "en", text: "Sophie is a stupid clown", staff: []string{"Sophie"}, want: []detect.Category{h}},
		// Wishes of violence, in the six languages.
		{lang: "en", text: "Karim deserves a good beating", want: []detect.Category{thr}},
		{lang: "fr", text: "Il mérite une bonne raclée", want: []detect.Category{thr}},
		{lang: "nl", text: "Die vent verdient een flink pak slaag", want: []detect.Category{thr}},
		{lang: "sv", text: "Han borde få stryk", want: []detect.Category{thr}},
		{lang: "nb", text: "Han fortjener juling", want: []detect.Category{thr}},
		{lang: "de", text: "Der verdient eine ordentliche Tracht Prügel", want: []detect.Category{thr}},
		// ... denied, or idioms that only look like them.
		{lang: "de", text: "Niemand verdient eine Tracht Prügel, auch nicht Karim", not: []detect.Category{thr}},
		{lang: "en", text: "Loyal clients deserve a punch card and a discount", not: []detect.Category{thr}},
		{lang: "nb", text: "Vi trenger bank informasjon for å betale", not: []detect.Category{thr}},
		// The same harassment in every language: victim blaming, exposing
		// someone to be recognised, waiting every evening, an accident
		// foretold, a family named as leverage.
		{lang: "sv", text: "Anna i sina tajta jeans ber ju om det", want: []detect.Category{detect.Sexual}},
		{lang: "nb", text: "Del bildet av Karim overalt så folk kjenner ham igjen i byen", want: []detect.Category{h}},
		{lang: "nb", text: "Anna, jeg venter på deg på parkeringsplassen hver kveld", want: []detect.Category{h}},
		{lang: "de", text: "Unfälle passieren so schnell, weißt du", want: []detect.Category{thr}},
		{lang: "nl", text: "Denk aan je kinderen voordat je antwoordt", want: []detect.Category{thr}},
		{lang: "nb", text: "Ulykker skjer, heldigvis gikk det bra med hunden", not: []detect.Category{thr}},
		// Veiled: knowing someone's car.
		{lang: "nl", text: "Ik weet in welke auto Anna rijdt", want: []detect.Category{thr}},
		{lang: "de", text: "Ich weiß, welches Auto Anna fährt", want: []detect.Category{thr}},
	})
}

// An insult aimed at someone and disguised (leetspeak, masks, invisible
// characters, spaced letters) scores as a severe one; the same word plain,
// or disguised but aimed at a thing or quoted in counter-speech, does not.
func TestDisguisedInsult(t *testing.T) {
	score := func(text, lang string) float64 {
		sigs, err := det.Detect(context.Background(), detect.Input{Text: text, Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range sigs {
			if s.Category == detect.Insult {
				return s.Score
			}
		}
		return 0
	}
	tests := []struct {
		lang, text string
		severe     bool
	}{
		{"nl", "Zo debiel dat", false},
		{"nl", "Zo d€biel dat", true},
		{"nl", "Zo d\u200be\u200bb\u200bi\u200be\u200bl dat", true},
		{"en", "what an a$$hole", true},
		{"nl", "Zo d.e.b.i.e.l dat", true},
		{"en", "This app is sh!t", false},
		{"en", "He called me an i.d.i.o.t at the desk, that is not ok", false},
	}
	for _, tc := range tests {
		got := score(tc.text, tc.lang)
		if (got >= 0.8) != tc.severe {
			t.Errorf("%s %q: insult %.2f, want severe=%v", tc.lang, tc.text, got, tc.severe)
		}
	}
}

func TestDisguisedWord(t *testing.T) {
	for w, want := range map[string]bool{
		"d€biel": true, "a$$hole": true, "f*ck": true, "h0re": true, "1d10ten": true,
		"idiot": false, "2nd": false, "50€": false, "10x": false, "US$": false,
	} {
		if got := disguisedWord(w); got != want {
			t.Errorf("disguisedWord(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestStaffSlot: "<staff>" in a term is filled by a staff name of the
// workspace, as appendNames finds it (the full name, or a part of it
// written with a capital), never by another capitalised word or by the
// name's genitive. Threats and death wishes in the third person.
func TestStaffSlot(t *testing.T) {
	thr, h := detect.Threat, detect.Harassment
	staff := []string{"Dr Lindqvist", "Dr. Müller", "Karim", "Sanne", "Sophie", "Ingrid", "Erik Berg", "Dr Martin"}
	run(t, []tcase{
		{lang: "sv", text: "Såna som Karim brukar hamna på sjukhus", staff: staff, want: []detect.Category{thr, h}},
		{lang: "sv", text: "Hoppas Dr Lindqvist dör", staff: staff, want: []detect.Category{thr, h}},
		{lang: "sv", text: "hoppas lindqvist dör snart", staff: staff, not: []detect.Category{thr}}, // a part of a name needs its capital
		{lang: "nb", text: "Folk som Karim pleier å havne på sykehus", staff: staff, want: []detect.Category{thr}},
		{lang: "da", text: "Jeg håber Karim dør", staff: staff, want: []detect.Category{thr}},
		{lang: "de", text: "Ich hoffe, Dr. Müller stirbt bald", staff: staff, want: []detect.Category{thr, h}},
		{lang: "de", text: "Leute wie Sanne landen schnell im Krankenhaus", staff: staff, want: []detect.Category{thr}},
		{lang: "nl", text: "Hopelijk gaat Sanne dood", staff: staff, want: []detect.Category{thr}},
		{lang: "fr", text: "J'espère que Sophie crève", staff: staff, want: []detect.Category{thr}},
		{lang: "en", text: "People like Karim tend to end up in hospital", staff: staff, want: []detect.Category{thr, h}},
		{lang: "en", text: "Nobody would miss Sophie if she died tomorrow", staff: staff, want: []detect.Category{h}, not: []detect.Category{detect.Crisis}},
		{lang: "sv", text: "Vi slutar inte tills Erik Berg får sparken", staff: staff, want: []detect.Category{h}},
		// A genitive slot takes the name in the genitive, and only that.
		{lang: "sv", text: "Här är Dr Lindqvists hemadress, gör vad ni vill med den", staff: staff, want: []detect.Category{h}},
		{lang: "sv", text: "Spamma Ingrids instagram tills hon slutar", staff: staff, want: []detect.Category{h}},
		{lang: "sv", text: "Dela gärna Ingrids inlägg om vaccinationsdagen", staff: staff, not: []detect.Category{h}},
		{lang: "sv", text: "Här är Pelles hemadress", staff: staff, not: []detect.Category{h}},
		// Beyond insults: livelihood, private channels.
		{lang: "sv", text: "Vi ska se till att Ingrid aldrig får jobba med djur igen", staff: staff, want: []detect.Category{h}},
		{lang: "sv", text: "Vi ska se till att hon aldrig får jobba ensam igen, det var för tungt", staff: staff, not: []detect.Category{h}},
		{lang: "en", text: "Call Karim all night until he answers", staff: staff, want: []detect.Category{h}},
		{lang: "en", text: "Call her at home if the lab results come back, she asked for that", staff: staff, not: []detect.Category{h}},
		// The name set off by a comma as the one addressed.
		{lang: "sv", text: "Ingrid, dö!", staff: staff, want: []detect.Category{h}},
		{lang: "nb", text: "dø Karim", staff: staff, want: []detect.Category{h}},
		{lang: "sv", text: "Ingrid, dör katten om vi inte opererar?", staff: staff, not: []detect.Category{h, thr}},
		{lang: "sv", text: "Karim, vi vill inte att hunden ska dö", staff: staff, not: []detect.Category{h, thr}},
		// Another capitalised word, or no workspace staff, fills no slot.
		{lang: "sv", text: "Såna som Pelle brukar hamna på sjukhus", staff: staff, not: []detect.Category{thr}},
		{lang: "en", text: "People like Karim tend to end up in hospital", not: []detect.Category{thr}},
		{lang: "en", text: "I hope Dr Martin dies", not: []detect.Category{thr}},
		// Innocent look-alikes.
		{lang: "sv", text: "Hoppas Dr Lindqvist mår bättre snart", staff: staff, not: []detect.Category{thr, h}},
		{lang: "sv", text: "Karims katt borde inte dö så ung", staff: staff, not: []detect.Category{thr, h}},
		{lang: "sv", text: "Vi väntar med operationen tills Karim är tillbaka", staff: staff, not: []detect.Category{h}},
		{lang: "en", text: "I hope Karim gets well soon", staff: staff, not: []detect.Category{thr, h}},
		{lang: "en", text: "Nobody will miss Sophie's rudeness when she retires", staff: staff, not: []detect.Category{h}},
		{lang: "en", text: "People like Dr Martin end up running the whole clinic", staff: staff, not: []detect.Category{thr}},
		{lang: "de", text: "Leute wie Sanne arbeiten im Krankenhaus", staff: staff, not: []detect.Category{thr}},
		{lang: "fr", text: "J'espère que Sophie va mieux", staff: staff, not: []detect.Category{thr}},
		{lang: "nl", text: "Hopelijk wordt Sanne snel beter", staff: staff, not: []detect.Category{thr}},
		{lang: "nb", text: "Folk som Karim trengs på sykehus", staff: staff, not: []detect.Category{thr}},
	})
}

// TestStaffTerms pins the placeholder syntax: a whole alternative in a
// group, at the start or end of a term, or with a gap after it.
func TestStaffTerms(t *testing.T) {
	for _, c := range []struct{ term, plain, slotted string }{
		{"hoppas <staff> dör", "", "hoppas <staff> dör"},
		{"(hoppas|önskar att) (hon|han|<staff>) dör", "(hoppas|önskar att) (hon|han) dör", "(hoppas|önskar att) <staff> dör"},
		{"(<staff>) borde dö", "", "<staff> borde dö"},
	} {
		p, s, err := staffTerms(c.term)
		if err != nil || p != c.plain || s != c.slotted {
			t.Errorf("staffTerms(%q) = %q, %q, %v; want %q, %q", c.term, p, s, err, c.plain, c.slotted)
		}
	}
	if _, _, err := staffTerms("(hon|<staff>s) dör"); err == nil {
		t.Error("a placeholder inside an alternative must be refused")
	}
	for _, bad := range []string{"<staff>", "<staff> <staff> dör", "hoppas .. <staff> dör", ".. <staff> dör", "hoppas <staff> ..", "<staff> och <staff's> man", "<staff's>"} {
		lx := &lexicon{counts: map[string]map[string]int{}, langs: []string{"sv"}, sources: []source{{where: "test"}}}
		lx.entries = []entry{{lang: 1, kind: kThreat, sev: 3}}
		if err := lx.setTerm(0, bad); err != nil {
			t.Fatal(err)
		}
		if err := lx.addEntry(0, func(string, int32) {}); err == nil {
			t.Errorf("term %q: want an error", bad)
		}
	}
	// The two entries of a group with the slot: the pronouns still match.
	run(t, []tcase{{lang: "sv", text: "Vi slutar inte tills hon får sparken", want: []detect.Category{detect.Harassment}}})
}

// TestWeaponEmojiContext: a knife beside food is cooking, whoever is named;
// a meeting announced with a weapon is a threat in every language.
func TestWeaponEmojiContext(t *testing.T) {
	thr := detect.Threat
	run(t, []tcase{
		{lang: "sv", text: "Sara lagar mat ikväll 🔪🥕", staff: staff4, not: []detect.Category{thr, detect.Harassment}},
		{lang: "sv", text: "Ikväll blir det 🔪 🥩 grillkurs med Karim", staff: staff4, not: []detect.Category{thr, detect.Harassment}},
		{lang: "en", text: "Karim is carving the pumpkins 🎃🔪 come by!", staff: staff4, not: []detect.Category{thr, detect.Harassment}},
		{lang: "sv", text: "Sara 🔪🔪🔪", staff: staff4, want: []detect.Category{thr}},
		{lang: "nb", text: "Vi ses snart 🔪🔥", want: []detect.Category{thr}},
		{lang: "en", text: "See you soon 🔫", want: []detect.Category{thr}},
		{lang: "de", text: "Bis bald, Frau Weber 🔪", want: []detect.Category{thr}},
		{lang: "nl", text: "We zien elkaar 🪓", want: []detect.Category{thr}},
		{lang: "fr", text: "À bientôt 🔪", want: []detect.Category{thr}},
		{lang: "nb", text: "Vi ses snart på blodgivning 🩸", not: []detect.Category{thr}},
	})
}
