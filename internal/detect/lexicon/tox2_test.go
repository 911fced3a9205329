package lexicon

import (
	"context"
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// Nordic toxicity, second round (probes/nordic-tox2.jsonl): the families of
// ordinary comment-section toxicity in Swedish, Norwegian and Danish, each
// written here in sentences other than the probes', with look-alikes that
// must stay clean.

// TestTox2Identity: derogation of an identity group without a slur ("ruin
// everything", "send the whole lot home", "behind it as usual", "belong in
// the kitchen", "an illness", "should be locked up", "disgusting"), and
// slur plurals that name the group themselves.
func TestTox2Identity(t *testing.T) {
	run(t, []tcase{
		{lang: "sv", text: "somalierna förstör allt i förorten", want: []detect.Category{HT}},
		{lang: "sv", text: "invandrarna? skicka tillbaka hela packet", want: []detect.Category{HT}},
		{lang: "sv", text: "judarna står bakom kriget som vanligt", want: []detect.Category{HT}},
		{lang: "sv", text: "kvinnor ska stå vid spisen, inte i tv-studion", want: []detect.Category{HT}},
		{lang: "sv", text: "homosexuella är en sjukdom", want: []detect.Category{HT}},
		{lang: "sv", text: "muzzarna tar över", want: []detect.Category{HT}},
		{lang: "nb", text: "muslimene ødelegger landet", want: []detect.Category{HT}},
		{lang: "nb", text: "jødene står bak krigen som vanlig", want: []detect.Category{HT}},
		{lang: "nb", text: "kvinner hører hjemme på kjøkkenet", want: []detect.Category{HT}},
		{lang: "nb", text: "transpersoner burde låses inne", want: []detect.Category{HT}},
		{lang: "nb", text: "pakkiser overalt på t-banen", want: []detect.Category{HT}},
		{lang: "nb", text: "sigøynere stjeler alt som ikke er låst", want: []detect.Category{HT}},
		{lang: "nn", text: "innvandrarane øydelegg alt", want: []detect.Category{HT}},
		{lang: "da", text: "somalierne ødelægger alt", want: []detect.Category{HT}},
		{lang: "da", text: "muslimerne står bag krisen som sædvanlig", want: []detect.Category{HT}},
		{lang: "da", text: "kvinder hører hjemme i køkkenet", want: []detect.Category{HT}},
		{lang: "da", text: "bøsser er klamme", want: []detect.Category{HT}},
		// Look-alikes: the same verbs about things, people who are no
		// identity group, a kitchen, an illness, locks.
		{lang: "sv", text: "regnet förstör allt, matchen ställs in", not: abuse},
		{lang: "sv", text: "Vem står bakom det här fina initiativet?", not: abuse},
		{lang: "sv", text: "jag står vid spisen hela kvällen, julbordet kräver sitt", not: abuse},
		{lang: "sv", text: "diabetes är en sjukdom som drabbar många", not: abuse},
		{lang: "sv", text: "mördaren borde spärras in på livstid", not: []detect.Category{HT}},
		{lang: "sv", text: "Jag slet som ett djur hela sommaren", not: abuse},
		{lang: "nb", text: "stormen ødelegger alt langs kysten", not: abuse},
		{lang: "nb", text: "hvem står bak dette flotte arrangementet?", not: abuse},
		{lang: "nb", text: "pappa står på kjøkkenet og lager vafler", not: abuse},
		{lang: "nb", text: "«svartinger» er et stygt ord", not: []detect.Category{HT}},
		{lang: "da", text: "frosten ødelægger alt i haven", not: abuse},
		{lang: "da", text: "jeg står i køkkenet og laver mad", not: abuse},
		{lang: "da", text: "er slet ikke enig men fint nok", not: abuse},
		{lang: "da", text: "det var slet ikke så slemt", not: abuse},
	})
}

// TestTox2Threats: a wish of disease or death on someone's family, "people
// like you should be hanged", a killing called for, a beating promised on
// sight.
func TestTox2Threats(t *testing.T) {
	run(t, []tcase{
		{lang: "sv", text: "hoppas hela din familj får cancer", want: []detect.Category{T}},
		{lang: "sv", text: "såna som du borde skjutas", want: []detect.Category{T}},
		{lang: "nb", text: "håper familien din får kreft alle sammen", want: []detect.Category{T}},
		{lang: "nb", text: "folk som deg burde skytes", want: []detect.Category{T}},
		{lang: "nn", text: "slike som deg burde hengjast", want: []detect.Category{T}},
		{lang: "da", text: "håber dommeren bliver kørt ned", want: []detect.Category{T}},
		{lang: "da", text: "håber hele hans familie får kræft", want: []detect.Category{T}},
		{lang: "da", text: "folk som dig burde skydes", want: []detect.Category{T}},
		{lang: "da", text: "nogen burde skyde den idiot", want: []detect.Category{T}},
		{lang: "da", text: "jeg tæsker dig når jeg ser dig", want: []detect.Category{T}},
		// Look-alikes: good wishes for a family, a cancer mentioned,
		// winning a game, hanging a picture.
		{lang: "sv", text: "hoppas hela din familj får en fin jul", not: []detect.Category{T}},
		{lang: "sv", text: "tavlor som den borde hängas i hallen", not: []detect.Category{T}},
		{lang: "nb", text: "håper familien din får en god sommer", not: []detect.Category{T}},
		{lang: "da", text: "håber du får det bedre snart", not: []detect.Category{T}},
		{lang: "da", text: "jeg smadrer dig i FIFA i aften", not: []detect.Category{T}},
		{lang: "da", text: "håber min mor bliver rask efter kræften", not: []detect.Category{T}},
	})
}

// TestTox2Contempt: public figures and commenters called animals or
// parasites, sexual remarks about a woman in the public eye, and a call to
// flood someone's Instagram.
func TestTox2Contempt(t *testing.T) {
	run(t, []tcase{
		{lang: "sv", text: "influencern är en fet gris", want: []detect.Category{I}},
		{lang: "sv", text: "bidragstagare är samhällets parasiter säger han, vilken jävla kommentar", want: []detect.Category{I}},
		{lang: "sv", text: "hammarbyfansen är ena jävla apor", want: []detect.Category{I}},
		{lang: "sv", text: "hon ser ut att gilla kuk", want: []detect.Category{S}},
		{lang: "sv", text: "visa rumpan istället", want: []detect.Category{S}},
		{lang: "sv", text: "kom igen nu, spamma hans insta", want: []detect.Category{H}},
		{lang: "nb", text: "spilleren er en oppblåst gris", want: []detect.Category{I}},
		{lang: "nb", text: "du er et ynkelig kryp", want: []detect.Category{I}},
		{lang: "nb", text: "for en kukskalle", want: []detect.Category{I}},
		{lang: "nb", text: "du er tilbakestående", want: []detect.Category{I}},
		{lang: "da", text: "din lille lorthoved", want: []detect.Category{I}},
		{lang: "da", text: "du er et ynkeligt kryb", want: []detect.Category{I}},
		{lang: "da", text: "værtinden er en løgnagtig kælling", want: []detect.Category{I}},
		{lang: "da", text: "vis brysterne skat", want: []detect.Category{S}},
		{lang: "da", text: "spam hans insta alle sammen", want: []detect.Category{H}},
		// Look-alikes: real animals, garden insects, a fat pig at a farm,
		// a breastfeeding question, showing a photo.
		{lang: "sv", text: "aporna på Skansen var så söta", not: abuse},
		{lang: "sv", text: "visa bilderna från resan!", not: abuse},
		{lang: "nb", text: "det er mye små kryp i hagen i år", not: abuse},
		{lang: "nb", text: "vi har en feit gris på gården som heter Bamse", not: []detect.Category{I}},
		{lang: "da", text: "der er mange kryb i haven", not: abuse},
		{lang: "da", text: "vis billederne fra ferien", not: abuse},
		{lang: "da", text: "aberne i zoo var helt vilde", not: abuse},
	})
}

// TestTox2MildCondescension: "learn to read", "go to bed", "come back when
// you finished school", "must be hard to be so stupid" score as an insult
// for review, but stay mild (flag m) even when aimed at the reader, so no
// other detector's agreement turns them into removal; the same words in
// ordinary sentences stay clean.
func TestTox2MildCondescension(t *testing.T) {
	run(t, []tcase{
		{lang: "sv", text: "Lär dig stava innan du skriver", want: []detect.Category{I}},
		{lang: "sv", text: "Gå och lägg dig, gubbe", want: []detect.Category{I}},
		{lang: "sv", text: "kom tillbaka när du gått ut nian", want: []detect.Category{I}},
		{lang: "nb", text: "Lær deg å skrive først", want: []detect.Category{I}},
		{lang: "nb", text: "Gå og legg deg, ingen bryr seg", want: []detect.Category{I}},
		{lang: "nb", text: "snakk igjen når du er ferdig med ungdomsskolen", want: []detect.Category{I}},
		{lang: "da", text: "Lær at stave, tak", want: []detect.Category{I}},
		{lang: "da", text: "skriv igen når du er færdig med folkeskolen", want: []detect.Category{I}},
		// Look-alikes: a child taught to read, bedtime, a school finished.
		{lang: "sv", text: "Min son ska lära sig läsa i höst", not: abuse},
		{lang: "sv", text: "Jag ska gå och lägga mig nu, god natt", not: abuse},
		{lang: "sv", text: "min dotter har gått ut nian nu!", not: abuse},
		{lang: "nb", text: "barna lærer å lese i første klasse", not: abuse},
		{lang: "nb", text: "jeg går og legger meg nå", not: abuse},
		{lang: "da", text: "hun lærer at læse i børnehaveklassen", not: abuse},
		{lang: "da", text: "jeg går i seng nu, godnat", not: abuse},
	})
	for _, c := range []struct{ lang, text string }{
		{"sv", "lär dig läsa innan du kommenterar"},
		{"sv", "stackars dig, måste vara jobbigt att vara så dum"},
		{"nb", "gå og legg deg, du har ingen peiling"},
		{"da", "gå i seng, du aner ikke hvad du taler om"},
	} {
		sigs, err := det.Detect(context.Background(), detect.Input{Text: c.text, Lang: c.lang})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, s := range sigs {
			if s.Category != detect.Insult {
				continue
			}
			found = true
			if s.Severity != 1 || s.Score >= 0.8 {
				t.Errorf("%q: insult %.2f severity %d, want mild (severity 1, below 0.8): %s", c.text, s.Score, s.Severity, s.Explanation)
			}
		}
		if !found {
			t.Errorf("%q: no insult", c.text)
		}
	}
}
