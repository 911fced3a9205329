package lexicon

import (
	"context"
	"strings"
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// TestAddr10Address: the lexicon says a text is aimed at a person when a
// predicate is said of the reader, a staff member or someone pointed at
// with a person noun, and the words another detector read as abuse (the
// evidence) are in that predicate. Look-alikes: the predicate negated,
// quoted, reported or laughed off, the second person only in a
// possessive or a subordinate clause, a reply handle, a bare pronoun, and
// evidence found elsewhere in the text ("Sara, du är en klippa": the
// model read "du", "är", "Sara", not what she is called).
func TestAddr10Address(t *testing.T) {
	staff := []string{"Karim", "Sara", "Dr Hansen"}
	cases := []struct {
		lang, text string
		evidence   []string // words of the text the model read as abuse
		want       bool
	}{
		// Said of the reader, in the six languages.
		{"fr", "Tu as le cerveau d'une huître, franchement.", []string{"cerveau", "huître"}, true},
		{"fr", "Regarde-toi, t'es une honte ambulante.", []string{"honte"}, true},
		{"en", "You are a spineless little worm.", []string{"spineless", "worm"}, true},
		{"en", "Seriously, you're a walking embarrassment.", []string{"embarrassment"}, true},
		{"nl", "Jij bent een ruggengraatloos wurmpje.", []string{"wurmpje"}, true},
		{"de", "Du bist ein rückgratloser kleiner Wurm.", []string{"Wurm"}, true},
		{"sv", "Du är en ryggradslös liten mask.", []string{"ryggradslös"}, true},
		{"nb", "Ærlig talt, du er en vandrende pinlighet.", []string{"pinlighet"}, true},
		// Said of a staff member, or of someone pointed at.
		{"sv", "Karim är en sorglig figur utan ryggrad", []string{"sorglig", "ryggrad"}, true},
		{"fr", "Cette secrétaire a une cervelle de moineau.", []string{"cervelle"}, true},
		{"en", "That receptionist is a waste of oxygen.", []string{"waste", "oxygen"}, true},
		{"nb", "Veterinæren er et vrak, han burde bytte jobb.", []string{"vrak"}, true},

		// Negated, quoted, reported, laughed off.
		{"nb", "Du er ikke verdiløs, alle gjør feil.", []string{"verdiløs"}, false},
		{"en", "You are not a failure, you are learning.", []string{"failure"}, false},
		{"en", `Someone wrote "you are a worm" under my post.`, []string{"worm"}, false},
		{"fr", "Il m'a dit « t'es une honte », j'ai pleuré.", []string{"honte"}, false},
		{"sv", "Haha du är en sån virrpanna, glömde nycklarna igen", []string{"virrpanna"}, false},
		{"nl", "Jij bent echt een warhoofd 😂", []string{"warhoofd"}, false},
		{"en", "Calling someone a worm is not okay, you are better than that.", []string{"worm"}, false},
		// Evidence elsewhere than in what is said of the person.
		{"sv", "Sara, du är en klippa", []string{"du", "är", "Sara"}, false},
		{"de", "Du bist der Wahnsinn !!! Ein Traum von einer Frau", []string{"Du", "Ein", "einer"}, false},
		// No predicate said of anyone: a possessive, a subordinate clause,
		// a reply handle, a bare pronoun, the first person.
		{"sv", "Tänk på dina barn innan du kör så fort.", []string{"dina", "kör"}, false},
		{"nb", "det er hardt den måten du er på mot Olivia", []string{"hardt", "på"}, false},
		{"fr", "si tu crois ça, tu es bien naïf", []string{"crois"}, false},
		{"de", "@USER hat nur Brei im Kopf", []string{"Brei", "Kopf"}, false},
		{"fr", "Il est complètement nul, ce jouet", []string{"nul"}, false},
		{"en", "I am such a worm today, sorry", []string{"worm"}, false},
		{"sv", "Appen är en katastrof", []string{"katastrof"}, false},
	}
	for _, c := range cases {
		t.Run(c.lang+"/"+c.text, func(t *testing.T) {
			in := detect.Input{Text: c.text, Lang: c.lang, Context: &detect.Context{StaffNames: staff}}
			sp, why, got := det.Address(context.Background(), in, evidenceSpans(t, c.text, c.evidence))
			if got != c.want {
				t.Errorf("Address = %v (%q), want %v", got, why, c.want)
			}
			if got && (sp[0] < 0 || sp[1] > len(c.text) || sp[0] >= sp[1] || why == "") {
				t.Errorf("span %v / why %q: want who is aimed at", sp, why)
			}
		})
	}
}

// evidenceSpans are the spans of words (the first place each stands) in
// text: what another detector read as abuse.
func evidenceSpans(t *testing.T, text string, words []string) []detect.Span {
	t.Helper()
	var ev []detect.Span
	for _, w := range words {
		i := strings.Index(text, w)
		if i < 0 {
			t.Fatalf("evidence %q not in the text", w)
		}
		ev = append(ev, detect.Span{i, i + len(w)})
	}
	return ev
}

// TestAddr10AddressBadInput: no panic, and a span inside the text, on
// empty or invalid input and evidence out of range; no address without
// evidence.
func TestAddr10AddressBadInput(t *testing.T) {
	for _, text := range []string{"", "\xff\xfe du \xc3 är en mask", "du är en mask", "@", "du"} {
		if _, _, ok := det.Address(context.Background(), detect.Input{Text: text, Lang: "sv"}, nil); ok {
			t.Errorf("%q: addressed without evidence", text)
		}
		sp, _, ok := det.Address(context.Background(), detect.Input{Text: text}, []detect.Span{{-3, len(text) + 5}})
		if ok && (sp[0] < 0 || sp[1] > len(text) || sp[0] > sp[1]) {
			t.Errorf("%q: span %v outside the text", text, sp)
		}
	}
}
