package model

import (
	"context"
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// benchTexts are 200-character comments in the product languages.
var benchTexts = []string{
	"Ich habe drei Wochen auf einen Termin gewartet und dann wurde er ohne Begründung abgesagt. Das ist wirklich unverschämt, ich erwarte eine Erklärung und eine Entschuldigung von der Praxisleitung!!",
	"Vous êtes une bande d'incapables, j'ai attendu deux heures aux urgences vétérinaires avec mon chien qui souffrait et personne ne nous a reçus. Honte à vous, je vais porter plainte dès demain matin.",
	"Jag är så besviken på kommunen. Ingen svarar i telefon, ingen återkommer på mejl och nu har snöröjningen uteblivit för tredje gången i år. Skärpning! Ni borde skämmas, idioter som styr den här stan.",
	"Dere er noen late fjols som aldri gjør jobben deres. Jeg har ringt fem ganger om søknaden min uten å få svar. Dette er helt uakseptabelt og jeg kommer til å klage til kommunedirektøren i morgen.",
	"Wat een waardeloze service, ik wacht al drie weken op antwoord. Jullie medewerkers zijn onbeschoft en de manager is een ongelooflijke klootzak die nooit terugbelt. Ik ga dit melden bij de klachtencommissie.",
	"@someone you are such a pathetic loser, nobody at this clinic cares about animals, you only care about money. I waited three hours with my cat and you charged me 400 dollars for nothing. Disgusting people.",
}

func BenchmarkDetect(b *testing.B) {
	d, err := New()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := d.Detect(ctx, detect.Input{Text: benchTexts[i%len(benchTexts)]}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "items/s")
}

func BenchmarkScores(b *testing.B) {
	d, err := New()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		d.Scores(benchTexts[i%len(benchTexts)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "items/s")
}
