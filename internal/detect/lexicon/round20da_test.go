package lexicon

import "testing"

// Round 20, Danish and Nynorsk toxicity (testdata/round20-r20d.jsonl):
// families found in a third-party set of native toxicity ratings. Each test
// pairs the harmful construction with look-alikes that use the same words
// of oneself, a thing, a pet or a chore.

// TestR20DaContempt: a slur's spoken spelling with an eviction, a shut-up
// without a swear word, "too stupid to", said to the reader; the same words
// said of oneself or of a till are kept.
func TestR20DaContempt(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"da", "kallin skrid fra min tråd", true},
		{"da", "næste gang du åbner kæften så tænk dig om", true},
		{"da", "du er simpelthen for dum til at forstå en regning", true},
		{"nn", "du er altfor dum til å forstå ei enkel rettleiing", true},
		{"nn", "neste gong du opnar munnen, lat vere", true},
		{"da", "vi gamle kallinger fra syklubben ses på torsdag", false},
		{"da", "næste gang du åbner kassen så husk bonen", false},
		{"da", "jeg er for dum til at finde formularen, hjælp", false},
		{"nn", "eg er for dum til å finne skjemaet, kan nokon hjelpe?", false},
	})
}

// TestR20DaHate: a group called a cost not worth keeping alive, barred from
// a council or sent to the kitchen, not to be trusted, sent back where it
// came from, blamed for a decline once hired; the same words said of a
// renovation, a printer, a parcel or a supplier are kept.
func TestR20DaHate(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"da", "indvandrere koster bare penge og bidrager med intet", true},
		{"da", "hvorfor skal vi holde dem i live, de handicappede", true},
		{"da", "kvinder skal blive i køkkenet", true},
		{"da", "jøder har intet at gøre i regeringen", true},
		{"da", "arabere kan man ikke stole på", true},
		{"da", "han kan bare tage hjem hvor han kom fra med sin bønnemåtte", true},
		{"da", "skolen gik i hundene da de ansatte indvandrere", true},
		{"nn", "muslimar har ikkje noko i bystyret å gjere", true},
		{"nn", "sidan kommunen tilsette desse innvandrarane har alt gått nedover", true},
		{"da", "ombygningen koster bare penge", false},
		{"da", "den nye printer kan man ikke stole på", false},
		{"da", "brevet kom tilbage til hvor det kom fra", false},
		{"da", "kantinen gik i hundene efter de skiftede kok", false},
		{"nn", "sidan kommunen tilsette ny leiar har alt gått betre", false},
	})
}

// TestR20DaThreat: people who can make life hard, a place to burn down, a
// car or a bike left out tonight "if I were you", children reachable,
// paying and not with money; the same words as help, a bonfire, the
// weather or a packed lunch are kept.
func TestR20DaThreat(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"da", "jeg kender folk der kan gøre jeres liv meget surt", true},
		{"da", "nogen burde brænde kontoret ned", true},
		{"da", "jeg ville ikke stille bilen der i aften hvis jeg var dig", true},
		{"da", "husk at jeres børn også går i skole her", true},
		{"nn", "eg kjenner folk som kan gjere livet dykkar surt", true},
		{"nn", "hugs at ungane dine òg går på skulen her", true},
		{"nn", "det skal dykk få betale for, ikkje med pengar", true},
		{"da", "jeg kender folk der kan hjælpe jer med flytningen", false},
		{"da", "bålet skal brænde ned inden vi går", false},
		{"da", "husk at dine børn skal have regntøj med", false},
		{"nn", "eg kjenner folk som kan hjelpe dykk med flyttinga", false},
	})
}

// TestR20DaSexualHarassment: a staff member wanted for a private
// examination, "porn star material", nude pictures asked, a call to tell a
// staff member how bad she is, a campaign until one is fired, nobody will
// miss you; a pet's consultation, photos of a dog, a call to complain about
// roads and a printer nobody misses are kept.
func TestR20DaSexualHarassment(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"da", "jeg vil have en privat undersøgelse af sygeplejersken 😉", true},
		{"da", "hun er pornostjernemateriale", true},
		{"da", "send nogle nudes til mig", true},
		{"da", "alle skal skrive til Sanne og fortælle hende hvor ubrugelig hun er", true},
		{"nn", "eg skriv kvar dag heilt til Ingrid blir sagt opp", true},
		{"nn", "ingen kjem til å sakne deg", true},
		{"da", "kan katten få en konsultation hos dyrlægen i morgen?", false},
		{"da", "send nogle billeder af katten", false},
		{"da", "alle skal skrive til kommunen og klage over vejene", false},
		{"nn", "ingen kjem til å sakne den gamle skrivaren", false},
	})
}

// TestR20DaTease: a friend called a mild name with a laugh and fondness (a
// heart, "favourite", a birthday, see you tomorrow) is kept; a slur or
// harassment beside the laugh is not banter. ("klaphat" alone is a mild
// name, as "fjols": the lexicon reviews it, the model decides.)
func TestR20DaTease(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"da", "haha Mads dit fjols, du glemte din telefon igen 😂❤️", false},
		{"da", "Kim du er en tosse men min yndlingstosse 😂", false},
		{"nn", "haha Ola din tosk, du gløymde lua di 😂 ❤️", false},
		{"da", "haha din luder 😂❤️", true},
		{"da", "haha du er en klaphat Karim 😂❤️ ingen gider dig", true},
	})
}
