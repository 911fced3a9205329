package spam

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// benchComments are ~200-byte comments in the six languages, most without
// links as in real traffic.
var benchComments = []detect.Input{
	{Lang: "en", Text: "I have been a client of this clinic for twelve years and I have never been treated like this. The receptionist was rude, the vet did not listen and we waited forever. Very disappointed, honestly."},
	{Lang: "en", Text: "Thank you so much to the whole team for taking care of Max last weekend! You were kind, patient and explained everything. We are so grateful, he is already running around the garden again."},
	{Lang: "fr", Text: "Cela fait trois semaines que j'attends une réponse de votre part concernant la facture. Personne ne rappelle, personne ne s'excuse. Je suis vraiment déçue par le manque de respect envers les clients."},
	{Lang: "fr", Text: "Merci à toute l'équipe de la mairie pour l'organisation de la fête du quartier, c'était une très belle journée. Les enfants ont adoré les jeux et le spectacle de fin de journée. Bravo à tous !"},
	{Lang: "nl", Text: "Ik ben echt boos over hoe mijn moeder is behandeld in jullie zorginstelling. Niemand nam de tijd om met haar te praten en de medicatie was weer te laat. Dit moet echt beter, zo kan het niet langer."},
	{Lang: "sv", Text: "Jag har försökt nå kommunen i två veckor om bygglovet men ingen svarar i telefon och mejlen besvaras inte. Det är inte rimligt att medborgare ska behöva vänta så här länge på ett enkelt besked."},
	{Lang: "nb", Text: "Kundeservice svarer ikke på telefon, og chatten er stengt hver gang jeg prøver. Jeg har ventet i over førti minutter i kø tre dager på rad nå. Dette er ikke akseptabelt for en bedrift av deres størrelse."},
	{Lang: "de", Text: "Ich bin seit Jahren Kundin in dieser Praxis und war immer zufrieden, aber der letzte Termin war eine Katastrophe. Niemand hat sich entschuldigt und die Rechnung war doppelt so hoch wie angekündigt."},
}

// benchLinks are comments with links and scams, the expensive path.
var benchLinks = []detect.Input{
	{Lang: "en", Text: "Congratulations you have won an iPhone 15! Click the link to claim your prize before midnight: bit.ly/win-now — only the first 100 people, hurry up and share with your friends!!"},
	{Lang: "fr", Text: "Vérifiez votre compte sous 24 heures sinon il sera suspendu : https://tilleuls-veto.secure-login.net/verify merci de votre compréhension, l'équipe de la Clinique des Tilleuls"},
	{Lang: "sv", Text: "Läs artikeln här: https://www.svt.se/nyheter/lokalt/stockholm/artikel-om-kommunen och säg vad ni tycker. Det är skandal att ingen svarar på frågorna om bygglovet i kommunen."},
}

func BenchmarkDetect(b *testing.B) {
	benchInputs(b, benchComments)
}

func BenchmarkDetectLinks(b *testing.B) {
	benchInputs(b, benchLinks)
}

func benchInputs(b *testing.B, inputs []detect.Input) {
	d := New()
	ctx := context.Background()
	total := 0
	for i := range inputs {
		inputs[i].Context = clinic
		total += len(inputs[i].Text)
	}
	b.SetBytes(int64(total / len(inputs)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := d.Detect(ctx, inputs[i%len(inputs)]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "items/s")
}

func BenchmarkRepeatsObserve(b *testing.B) {
	r := NewRepeats(RepeatsConfig{})
	texts := make([]string, 1000)
	for i := range texts {
		texts[i] = fmt.Sprintf("%s (variant %c%c)", benchComments[i%len(benchComments)].Text, 'a'+i%26, 'a'+i/26%26)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r.Observe("ws", fmt.Sprint(i%50), texts[i%len(texts)], t0.Add(time.Duration(i)*time.Millisecond))
	}
}
