package lexicon

import (
	"context"
	"strings"
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// TestDefuses: the lexicon says a text speaks against harm, or reads its
// harm words as harmless, where a model's heads agreeing on harm cannot
// see it; and says nothing of a veiled threat or an attack it has no
// entry against.
func TestDefuses(t *testing.T) {
	staff := []string{"Karim", "Sara", "Ingrid", "Anna"}
	cases := []struct {
		lang, text string
		evidence   []string // words of the text the model read as harm
		want       string   // the start of why; "" when not defused
	}{
		{"en", `Whoever sends "we know where you live" to a receptionist should be ashamed.`, []string{"know", "live"}, "quoted"},
		{"sv", "Den som skriver 'vi vet var du bor' till en receptionist borde skämmas.", []string{"vet", "bor"}, "quoted"},
		{"de", "nein ihr seid nicht faul, ihr habt nur zu wenig leute", []string{"faul"}, "the reader cleared"},
		{"sv", "nån från kontoret som kör cs ikväll? jag skjuter ner er allihop", []string{"skjuter"}, "the lexicon read"},
		{"en", "anyone up for valorant tonight? gonna destroy you all", []string{"destroy"}, "a game"},
		{"nl", "niemand gaat je iets aandoen ilse, negeer die trollen", []string{"aandoen"}, "harm words"},
		{"de", "Menschen mit Behinderung sind keine Last", []string{"sind"}, "negated"},
		{"en", "I'll be waiting by your car after your shift to give you back your keys", []string{"waiting", "car"}, "the lexicon read"},
		{"sv", "Du kommer skada dig på det där staketet", []string{"skada"}, "harm words"},

		// Not defused.
		{"fr", "jolie la clio grise de karim garee rue des tanneurs 😏 ce serait bete qu'elle ait plus de pneus demain matin", []string{"clio", "pneus"}, ""},
		{"de", "anna, schönes haus mit dem blauen gartenzaun. wir schauen bald mal vorbei 👋", []string{"schönes", "bald"}, ""},
		{"nb", "vi har sett hvilket hus du går inn i etter jobb, sanne. sov godt i natt", []string{"hus", "går"}, ""},
		{"en", "made an account just for screenshots of anna's replies. every time she posts ill be there", []string{"account", "screenshots"}, ""},
		// A negation in a condition still threatens.
		{"de", "wenn bis montag nix kommt steh ich mit nem baseballschläger vor der tür", []string{"baseballschläger"}, ""},
	}
	for _, c := range cases {
		t.Run(c.lang+"/"+c.text, func(t *testing.T) {
			in := detect.Input{Text: c.text, Lang: c.lang, Context: &detect.Context{StaffNames: staff}}
			why, got := det.Defuses(context.Background(), in, evidenceSpans(t, c.text, c.evidence))
			if got != (c.want != "") || !strings.HasPrefix(why, c.want) {
				t.Errorf("Defuses = %v (%q), want %q", got, why, c.want)
			}
		})
	}
}

// TestDefusesBadInput: no panic on empty or invalid input and evidence
// out of range.
func TestDefusesBadInput(t *testing.T) {
	for _, text := range []string{"", "\xff\xfe ik \xc3 zou nooit", "ik zou nooit een dier pijn doen", "nooit", "@"} {
		for _, ev := range [][]detect.Span{nil, {{-3, len(text) + 5}}, {{5, 2}}, {{len(text) + 1, len(text) + 9}}, {{-9, -2}}} {
			det.Defuses(context.Background(), detect.Input{Text: text, Lang: "nl"}, ev)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, ok := det.Defuses(ctx, detect.Input{Text: `"we know where you live"`, Lang: "en"}, nil); ok {
		t.Error("defused after the context ended")
	}
}
