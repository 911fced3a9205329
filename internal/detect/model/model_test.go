package model

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/detect"
)

func mustNew(t testing.TB) *Detector {
	t.Helper()
	d, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestSentences checks sentences written for this test (not in any
// training file) that must score high (clear insults or hate) or low
// (harsh complaints, praise, neutral identity mentions, swearing for
// emphasis) in every product language. "high" means insult or hate at
// 0.5 or more; "low" means both below 0.5.
func TestSentences(t *testing.T) {
	d := mustNew(t)
	cases := []struct {
		lang, text string
		high       bool
	}{
		{"fr", "Tu es un connard fini.", true},
		{"fr", "Ferme-la, espèce de grosse conne.", true},
		{"fr", "Les musulmans sont des terroristes.", true},
		{"fr", "Le service était lent et personne ne répondait au téléphone, c'est inadmissible.", false},
		{"fr", "Merci beaucoup pour votre aide.", false},
		{"fr", "Putain, c'était génial !", false},

		{"nl", "Jij bent een vieze klootzak.", true},
		{"nl", "Alle moslims moeten het land uit, het zijn beesten.", true},
		{"nl", "Ik wacht al drie weken op antwoord, dit is echt belachelijk slecht.", false},
		{"nl", "Bedankt voor de goede zorg voor onze hond.", false},
		{"nl", "Ik ben homo en woon in Utrecht.", false},

		{"sv", "Du är en äcklig hora.", true},
		{"sv", "Invandrare är kackerlackor.", true},
		{"sv", "Kommunen har misslyckats totalt, jag är så arg.", false},
		{"sv", "Tack för hjälpen idag!", false},
		{"sv", "Jag är bög och stolt.", false},

		{"nb", "Du er en dum jævel.", true},
		{"nb", "Innvandrere er skadedyr.", true},
		{"nb", "Jeg er veldig misfornøyd med behandlingen, dere svarer aldri.", false},
		{"nb", "Tusen takk for hjelpen.", false},

		{"en", "You are a fucking idiot.", true},
		{"en", "I hate all Muslims, they are vermin.", true},
		{"en", "The service was terrible and the staff were rude. I want a refund.", false},
		{"en", "Thank you so much for your help!", false},
		{"en", "As a gay man, I feel welcome here.", false},

		{"de", "Du bist ein dummes Arschloch.", true},
		{"de", "Die Wartezeit war eine Zumutung, ich bin sehr enttäuscht.", false},
		{"de", "Vielen Dank für die freundliche Beratung.", false},
		{"de", "Ich bin Muslim und lebe gern in Berlin.", false},
		{"de", "Scheiße, war das ein geiles Konzert.", false},
	}
	for _, c := range cases {
		t.Run(c.lang+"/"+c.text, func(t *testing.T) {
			p := d.Scores(c.text)
			top := math.Max(p[HeadAbusive], p[HeadHate])
			if c.high && top < 0.5 {
				t.Errorf("abusive %.2f hate %.2f, want one >= 0.5", p[HeadAbusive], p[HeadHate])
			}
			if !c.high && top >= 0.5 {
				t.Errorf("abusive %.2f hate %.2f, want both < 0.5", p[HeadAbusive], p[HeadHate])
			}
		})
	}
}

func TestDetectSignals(t *testing.T) {
	d := mustNew(t)
	text := "Merci pour tout, mais toi tu es un connard."
	sigs, err := d.Detect(context.Background(), detect.Input{Text: text, Lang: "fr"})
	if err != nil {
		t.Fatal(err)
	}
	var insult *detect.Signal
	for i := range sigs {
		if sigs[i].Category == detect.Insult {
			insult = &sigs[i]
		}
	}
	if insult == nil {
		t.Fatalf("no insult signal in %+v", sigs)
	}
	if insult.Detector != "model" || insult.Version != d.Version() || !strings.HasPrefix(insult.Version, "w") {
		t.Errorf("detector %q version %q", insult.Detector, insult.Version)
	}
	found := false
	for _, sp := range insult.Spans {
		if text[sp[0]:sp[1]] == "connard" {
			found = true
		}
	}
	if !found {
		t.Errorf("spans %v do not single out %q", insult.Spans, "connard")
	}
	if !strings.Contains(insult.Explanation, `"connard"(+`) {
		t.Errorf("explanation %q does not name the word", insult.Explanation)
	}
}

func TestDetectNothing(t *testing.T) {
	d := mustNew(t)
	for _, text := range []string{"", "   ", "@USER @USER", "https://example.org/x", "!!!", "\xff\xfe"} {
		sigs, err := d.Detect(context.Background(), detect.Input{Text: text})
		if err != nil || len(sigs) != 0 {
			t.Errorf("%q: %v %v, want no signal", text, sigs, err)
		}
	}
}

func TestDetectCancelled(t *testing.T) {
	d := mustNew(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := d.Detect(ctx, detect.Input{Text: "idiot"}); err == nil {
		t.Error("cancelled context: want an error")
	}
}

// TestSameAsTrainer checks that the detector's hot path gives exactly the
// scores of the trainer's path (Extractor.Features + Weights.Raw).
func TestSameAsTrainer(t *testing.T) {
	d := mustNew(t)
	x := NewExtractor(d.w.Config)
	for _, text := range append(benchTexts, "RT @USER: tu es un c0nnard!!! https://t.co/x", "i d i o t", "Ｉｄｉｏｔ ÆØÅ éè") {
		got := d.Scores(text)
		want := d.w.Calibrate(d.w.Raw(x.Features(text)))
		if got != want {
			t.Errorf("%q: detector %v, trainer %v", text, got, want)
		}
	}
}

func TestPlaceholdersNeutral(t *testing.T) {
	x := NewExtractor(DefaultConfig)
	cases := []struct{ in, want string }{
		{"@USER @USER you are nice", "you are nice"},
		{"RT @USER: hello URL", "hello"},
		{"rt @someone_else hi http://t.co/abc www.example.org", "hi"},
		{"mail me at a@b.org", "mail me at aab org"}, // an e-mail reads as leetspeak: harmless
		{"#Merkel l'idiot", "merkel l idiot"},
		{"stuuuupid idiooooot", "stuupid idioot"},
		{"i d i o t and a b", "idiot and a b"},
		{"1d10t f@ggot sh!t 2024", "idiot faggot shit 2024"},
		{"ＩＤＩＯＴ", "idiot"},
		{"Ærlig talt 🖕", "ærlig talt 🖕"},
	}
	for _, c := range cases {
		if got := x.Key(c.in); got != c.want {
			t.Errorf("Key(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	// The placeholders add no features at all.
	if a, b := x.Features("you are nice"), x.Features("@USER @USER you are nice URL"); !equalU32(a, b) {
		t.Error("@USER and URL change the features")
	}
}

func equalU32(a, b []uint32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestWeightsRoundTrip(t *testing.T) {
	d := mustNew(t)
	b, err := d.w.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	w2, err := ParseWeights(b)
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := w2.MarshalBinary()
	if !bytes.Equal(b, b2) {
		t.Error("weights do not round-trip")
	}
	for _, bad := range [][]byte{nil, []byte("SWMW"), b[:100], append(append([]byte{}, b...), 0)} {
		if _, err := ParseWeights(bad); err == nil {
			t.Errorf("ParseWeights accepted %d bad bytes", len(bad))
		}
	}
}

// TestTrainReproducible trains twice on the same small sample and wants
// the same bytes; `make model` relies on the same property at full size.
func TestTrainReproducible(t *testing.T) {
	cfg := Config{Bits: 12, MinN: 2, MaxN: 4}
	x := NewExtractor(cfg)
	texts := []struct {
		s string
		y int8
	}{
		{"you are an idiot", 1}, {"thank you so much", 0}, {"what a stupid moron", 1},
		{"the service was slow", 0}, {"du är en idiot", 1}, {"tack för hjälpen", 0},
		{"jij bent een klootzak", 1}, {"bedankt voor alles", 0},
	}
	var train, valid []Sample
	for i, c := range texts {
		s := Sample{Feats: x.Features(c.s), Label: [NumHeads]int8{c.y, -1, -1}, Weight: [NumHeads]float32{1, 1, 1}}
		train = append(train, s)
		if i%2 == 0 {
			valid = append(valid, s)
		}
	}
	tc := TrainConfig{Epochs: 5, LearningRate: 0.5, L2: 1e-5, Seed: 7}
	var outs [2][]byte
	for i := range outs {
		w, err := Train(cfg, tc, train, valid, [32]byte{1})
		if err != nil {
			t.Fatal(err)
		}
		outs[i], _ = w.MarshalBinary()
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Fatal("two trainings on the same data differ")
	}
	w, _ := ParseWeights(outs[0])
	p := w.Calibrate(w.Raw(x.Features("you are an idiot")))
	q := w.Calibrate(w.Raw(x.Features("thank you so much")))
	if p[HeadAbusive] <= q[HeadAbusive] {
		t.Errorf("toy model did not learn: %v vs %v", p, q)
	}
}

func checkSignals(t *testing.T, text string, sigs []detect.Signal) {
	t.Helper()
	for _, s := range sigs {
		if s.Score < 0 || s.Score > 1 || s.Score != s.Score {
			t.Fatalf("score %v", s.Score)
		}
		for _, sp := range s.Spans {
			if sp[0] < 0 || sp[1] > len(text) || sp[0] > sp[1] {
				t.Fatalf("span %v out of range for %d bytes", sp, len(text))
			}
			if sp[0] < len(text) && !utf8.RuneStart(text[sp[0]]) || sp[1] < len(text) && !utf8.RuneStart(text[sp[1]]) {
				t.Fatalf("span %v splits a character in %q", sp, text)
			}
		}
	}
}

func FuzzDetect(f *testing.F) {
	for _, s := range benchTexts {
		f.Add(s)
	}
	for _, s := range []string{"", "i d i o t", "@USER", "RT @a: x", "\xff\xfe idiot", "ＩＤＩＯＴ", "e\u0301e\u0301 connard", strings.Repeat("a", 5000), "http://", "@", "sh!t !x! a!"} {
		f.Add(s)
	}
	d, err := New()
	if err != nil {
		f.Fatal(err)
	}
	x := NewExtractor(d.w.Config)
	f.Fuzz(func(t *testing.T, text string) {
		sigs, err := d.Detect(context.Background(), detect.Input{Text: text})
		if err != nil {
			t.Fatal(err)
		}
		checkSignals(t, text, sigs)
		// Remembered words score as the trainer's features do, bit for bit.
		if feats := x.Features(text); len(feats) > 0 {
			if got, want := d.Scores(text), d.w.Calibrate(d.w.Raw(feats)); got != want {
				t.Fatalf("%q: detector %v, trainer %v", text, got, want)
			}
		}
	})
}

// TestConcurrent runs the detector from several goroutines (run with
// -race): the pooled buffers must never be shared.
func TestConcurrent(t *testing.T) {
	d := mustNew(t)
	want := make([][NumHeads]float64, len(benchTexts))
	for i, s := range benchTexts {
		want[i] = d.Scores(s)
	}
	done := make(chan error, 4)
	for g := 0; g < 4; g++ {
		go func() {
			for k := 0; k < 200; k++ {
				i := (g + k) % len(benchTexts)
				if got := d.Scores(benchTexts[i]); got != want[i] {
					done <- fmt.Errorf("text %d: %v, want %v", i, got, want[i])
					return
				}
				if _, err := d.Detect(context.Background(), detect.Input{Text: benchTexts[i]}); err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
	}
	for g := 0; g < 4; g++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// TestComplaintHead: the complaint head reads legitimate criticism, and is
// never emitted for a text the abusive head leans to read as abuse.
func TestComplaintHead(t *testing.T) {
	d := mustNew(t)
	if HeadNames[HeadComplaint] != "complaint" || d.Weights().Heads[HeadComplaint].Name != "complaint" {
		t.Fatalf("complaint head missing: %+v", d.Weights().Heads)
	}
	complaints := []struct{ lang, text string }{
		{"en", "I have waited three weeks for a reply about my bill, this is unacceptable"},
		{"sv", "Jag har väntat i tre veckor på svar om fakturan, det är oacceptabelt"},
		{"de", "Seit drei Wochen warte ich auf eine Antwort zu meiner Rechnung, das ist inakzeptabel"},
	}
	for _, c := range complaints {
		p := d.Scores(c.text)
		if p[HeadComplaint] < 0.5 {
			t.Errorf("%s %q: complaint %.2f, want >= 0.5", c.lang, c.text, p[HeadComplaint])
		}
	}
	for _, text := range []string{"You are a fucking idiot and a worthless piece of shit", "Du är en jävla idiot"} {
		p := d.Scores(text)
		sigs, err := d.Detect(context.Background(), detect.Input{Text: text})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range sigs {
			if s.Category == detect.Complaint && p[HeadAbusive] >= ComplaintAbusiveMax {
				t.Errorf("%q: complaint emitted although abusive %.2f", text, p[HeadAbusive])
			}
		}
	}
}
