package replies

import (
	"context"
	"testing"
)

// toneCases are drafts a clinic's team might write, in six languages.
// Clean ones must pass without a warning; the others must warn with the
// right kind.
var toneCases = []struct {
	lang, text string
	want       ToneKind // "" for clean
}{
	// French
	{"fr", "Bonjour Jeanne, nous sommes profondément touchés par la perte de Filou. Nous comprenons votre colère et votre tristesse. Pouvons-nous vous appeler pour en parler ?", ""},
	{"fr", "Merci de nous avoir fait part de votre expérience. Nous aimerions mieux comprendre ce qui s'est passé : écrivez-nous en message privé, nous vous répondrons aujourd'hui.", ""},
	{"fr", "Bonjour, nous sommes désolés que vous ayez dû attendre si longtemps. Si vous aviez besoin de quoi que ce soit, l'équipe est joignable au 02 555 01 01.", ""},
	{"fr", "Comme nous l'avons déjà dit, le traitement a été expliqué au propriétaire.", Defensive},
	{"fr", "C'est faux, le Dr Martin a appelé trois fois.", Defensive},
	{"fr", "Nous n'avons rien fait de mal, vous auriez dû revenir plus tôt.", Defensive},
	{"fr", "Avec tout le respect que je vous dois, ce n'était qu'une simple infection.", Defensive},
	{"fr", "Vous êtes ridicule, arrêtez de raconter n'importe quoi !!!", Aggressive},
	{"fr", "Les gens comme vous ne méritent pas d'animaux. Nos avocats vont s'en occuper.", Aggressive},
	{"fr", "ARRÊTEZ DE MENTIR SUR NOTRE CLINIQUE", Aggressive},
	// English
	{"en", "Hello Sam, we are so sorry about Bella. We can only imagine how painful this is. Could we call you to talk it through?", ""},
	{"en", "Thank you for telling us how you feel, and thank you once again for your patience. Please send us a private message so we can look into it together.", ""},
	{"en", "We hear your frustration, and we would like to understand what happened. Our team is available on 555-0101 today.", ""},
	{"en", "As we already said, our policy clearly states that payment is due at the visit.", Defensive},
	{"en", "That's not true. We did nothing wrong and followed protocol.", Defensive},
	{"en", "With all due respect, it was just a routine procedure; you should have called us sooner.", Defensive},
	{"en", "You people are unbelievable!!", Aggressive},
	{"en", "Keep posting lies and you will hear from our lawyers.", Aggressive},
	{"en", "What a stupid thing to say 🙄", Aggressive},
	// Dutch
	{"nl", "Beste Anouk, wat verschrikkelijk dat u Max heeft moeten verliezen. We leven met u mee. Mogen we u bellen om erover te praten?", ""},
	{"nl", "Dank u voor uw bericht en nogmaals onze excuses voor het wachten. Stuurt u ons een privébericht? Dan zoeken we het samen uit.", ""},
	{"nl", "We begrijpen dat u boos bent. We willen graag horen wat er is gebeurd; u kunt ons bereiken op 020 555 0101.", ""},
	{"nl", "Zoals al gezegd is de behandeling duidelijk uitgelegd.", Defensive},
	{"nl", "Dat klopt niet, wij hebben niets verkeerd gedaan.", Defensive},
	{"nl", "Met alle respect, u overdrijft. Het is maar een kat.", Defensive},
	{"nl", "Wat een belachelijke reactie, mensen zoals u verpesten alles!!", Aggressive},
	{"nl", "Als u dit blijft posten, nemen wij juridische stappen.", Aggressive},
	{"nl", "Leugenaar.", Aggressive},
	// Swedish
	{"sv", "Hej Lisa, vi är så ledsna över att Sixten inte finns längre. Vi förstår att det här är tungt. Får vi ringa dig och prata?", ""},
	{"sv", "Tack för att du berättar hur du upplevde besöket. Skicka gärna ett privat meddelande så går vi igenom det tillsammans.", ""},
	{"sv", "Vi hör att du är besviken och vill gärna förstå vad som hände. Du når oss på 08-555 01 01.", ""},
	{"sv", "Som vi redan sagt fick du all information vid besöket.", Defensive},
	{"sv", "Det stämmer inte. Vi har inte gjort något fel.", Defensive},
	{"sv", "Med all respekt, du överdriver. Det var bara en vanlig infektion.", Defensive},
	{"sv", "Sluta ljuga, din idiot!!!", Aggressive},
	{"sv", "Vi kommer att polisanmäla dig för förtal.", Aggressive},
	{"sv", "Sådana som du borde inte ha djur", Aggressive},
	// Norwegian (Bokmål, and one Nynorsk)
	{"nb", "Hei Kari, vi er så lei oss for at du har mistet Luna. Vi forstår at dette er tungt. Kan vi ringe deg og snakke om det?", ""},
	{"nb", "Takk for at du forteller oss hvordan du opplevde det. Send oss gjerne en privat melding, så ser vi på det sammen.", ""},
	{"nn", "Hei Ola, vi forstår at du er skuffa, og vi vil gjerne høyre meir. Du når oss på 22 55 50 10.", ""},
	{"nb", "Som vi allerede har sagt, fikk du beskjed om medisinen.", Defensive},
	{"nb", "Det stemmer ikke, og det er ikke vår feil.", Defensive},
	{"nn", "Det stemmer ikkje. Vi har ikkje gjort noko gale.", Defensive},
	{"nb", "Du er latterlig!!", Aggressive},
	{"nb", "Slike som deg skal vi saksøke.", Aggressive},
	{"nb", "SLUTT Å SPRE LØGNER OM KLINIKKEN", Aggressive},
	// German
	{"de", "Hallo Frau Weber, es tut uns unendlich leid, dass Bello gestorben ist. Wir fühlen mit Ihnen. Dürfen wir Sie anrufen?", ""},
	{"de", "Danke, dass Sie uns Ihre Erfahrung schildern. Schreiben Sie uns gern eine private Nachricht, dann sehen wir es uns gemeinsam an.", ""},
	{"de", "Wir verstehen Ihren Ärger. Hätten Sie morgen Zeit für ein Gespräch? Sie erreichen uns unter 030 5550101.", ""},
	{"de", "Wie bereits gesagt, wurde alles erklärt.", Defensive},
	{"de", "Das stimmt nicht, wir haben nichts falsch gemacht.", Defensive},
	{"de", "Bei allem Respekt, Sie übertreiben. Sie hätten früher kommen müssen.", Defensive},
	{"de", "Was für ein lächerlicher Kommentar!!!", Aggressive},
	{"de", "Wir werden rechtliche Schritte gegen Sie einleiten.", Aggressive},
	{"de", "Leute wie Sie sollten keine Tiere halten.", Aggressive},
}

func TestToneCheck(t *testing.T) {
	c := NewToneChecker(nil)
	ctx := context.Background()
	clean, warned := 0, 0
	for _, tt := range toneCases {
		ws := c.Check(ctx, tt.text, tt.lang)
		for _, w := range ws {
			if tt.text[w.Span[0]:w.Span[1]] != w.Text || w.Suggestion == "" || w.Kind == "" {
				t.Errorf("%s %q: bad warning %+v", tt.lang, tt.text, w)
			}
		}
		if tt.want == "" {
			if len(ws) > 0 {
				t.Errorf("%s clean reply warned: %q -> %+v", tt.lang, tt.text, ws)
			} else {
				clean++
			}
			continue
		}
		found := false
		for _, w := range ws {
			found = found || w.Kind == tt.want
		}
		if !found {
			t.Errorf("%s %q: no %s warning (got %+v)", tt.lang, tt.text, tt.want, ws)
		} else {
			warned++
		}
	}
	t.Logf("tone check: %d/%d clean replies pass, %d/%d problem drafts warn", clean, countWant(""), warned, len(toneCases)-countWant(""))
}

func countWant(k ToneKind) int {
	n := 0
	for _, tt := range toneCases {
		if tt.want == k {
			n++
		}
	}
	return n
}

func TestToneSpansAndSuggestions(t *testing.T) {
	c := NewToneChecker(nil)
	ws := c.Check(context.Background(), "Bonjour. C’est  faux,   comme déjà dit !!!", "fr")
	want := []struct {
		cue  Cue
		text string
	}{{CueContradict, "C’est  faux"}, {CueRepetition, "comme déjà dit"}, {CueExclamations, "!!!"}}
	if len(ws) != len(want) {
		t.Fatalf("warnings = %+v, want %d", ws, len(want))
	}
	for i, w := range want {
		if ws[i].Cue != w.cue || ws[i].Text != w.text || ws[i].Suggestion != Suggestion(w.cue) {
			t.Errorf("warning %d = %+v, want %s on %q", i, ws[i], w.cue, w.text)
		}
	}
	// Acronyms and a single ! are not shouting.
	if ws := c.Check(context.Background(), "Merci ! La SPCA et l'AFSCA sont prévenues.", "fr"); len(ws) != 0 {
		t.Errorf("acronyms or one ! warned: %+v", ws)
	}
}

// The starter library is the model of a good reply: it must pass clean.
func TestStarterLibraryIsCalm(t *testing.T) {
	c := NewToneChecker(nil)
	lib := StarterLibrary("demo")
	if len(lib) != len(starters)*6 {
		t.Fatalf("starter library has %d templates, want %d", len(lib), len(starters)*6)
	}
	vars := map[string]string{"author": "Jeanne Dupont", "organization": "Clinique vétérinaire des Tilleuls", "phone": "+32 2 555 01 01",
		"contact_url": "https://tilleuls.example/contact", "rule": "C3", "rule_text": "Insults are hidden.", "channel": "facebook:page"}
	for _, tpl := range lib {
		text, err := Expand(tpl.Body, vars)
		if err != nil {
			t.Errorf("%s: %v", tpl.ID, err)
			continue
		}
		if ws := c.Check(context.Background(), text, tpl.Lang); len(ws) > 0 {
			t.Errorf("%s warns: %+v", tpl.ID, ws)
		}
		if err := CheckLength("bluesky:clinic", text); err != nil {
			t.Errorf("%s does not fit Bluesky: %v", tpl.ID, err)
		}
		if tpl.Name == "" || tpl.Tone == "" || len(tpl.Situations) == 0 {
			t.Errorf("%s lacks a name, tone or situation", tpl.ID)
		}
	}
}
