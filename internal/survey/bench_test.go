package survey

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"
)

// BenchmarkReadCSV measures reading and checking answers (no store):
// answers per second on a generated 1,000-answer export.
func BenchmarkReadCSV(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("N° client;Date;Note (0-10);Commentaire;Accepte d'être rappelé;Téléphone;Clinique\n")
	for i := range 1000 {
		fmt.Fprintf(&buf, "FR-%05d;%02d/11/2026;%d;\"Commentaire numéro %d, l'attente était longue\";oui;06 12 34 56 78;Tilleuls\n", i, 1+i%28, i%11, i)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		n := 0
		if err := ReadCSV(bytes.NewReader(data), Options{}, func(a Answer, probs []Problem) error {
			if len(probs) > 0 {
				b.Fatal(probs)
			}
			n++
			return nil
		}); err != nil || n != 1000 {
			b.Fatal(n, err)
		}
	}
	b.ReportMetric(float64(1000*b.N)/b.Elapsed().Seconds(), "answers/s")
}

// BenchmarkUnhappy measures judging one answer with the lexicons.
func BenchmarkUnhappy(b *testing.B) {
	neg, err := LexiconNegative()
	if err != nil {
		b.Fatal(err)
	}
	a := Answer{Score: 8, Scale: 10, Comment: "L'attente était beaucoup trop longue et personne ne m'a rappelée, je suis déçue.", Lang: "fr", Date: time.Now()}
	ctx := context.Background()
	for b.Loop() {
		if len(Unhappy(ctx, a, neg)) == 0 {
			b.Fatal("not unhappy")
		}
	}
}
