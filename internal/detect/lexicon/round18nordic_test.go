package lexicon

import "testing"

// Round 18, Nordic toxicity (testdata/round18-nordic.jsonl): the families
// of construction a third-party Nordic set showed missed, each with the
// innocent look-alikes that must stay. The cases read the lexicon alone,
// at the default policy's removal levels (r10nordicRun).

// TestR18NordicSarcasticContempt: I1 a sarcastic congratulation or praise
// that carries the insult ("grattis till att vara Sveriges dummaste",
// "hjernen er valgfri", "klarer å skrive uten å tenke"), I2 "who let the
// village idiot out", I3 a shut-up imperative opening a vocative, I4
// contempt tropes (no brain, lives at mum's, "a brat like you", "a
// complete fool", "that cow at the desk"), I5 "sikke en idiot du er"; and
// their look-alikes: a real congratulation, a cat let out, a son who lives
// at home, oneself with no brain today, a mild exclamative.
func TestR18NordicSarcasticContempt(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"sv", "grattis du är årets mest hjärndöda kommentator", true},
		{"sv", "kommunens mest korkade politiker har talat igen", true},
		{"sv", "måste vara bekvämt att inte behöva tänka", true},
		{"sv", "hjärnan är tillval för dig uppenbarligen", true},
		{"sv", "vem släppte in idioten i tråden?", true},
		{"sv", "vem har släppt ut byidioten på nätet nu", true},
		{"sv", "håll klaffen ditt kräk", true},
		{"sv", "du e ju helt dum i huvet, läs tråden", true},
		{"sv", "han bor fortfarande i mammas källare hos morsan och skriver skit", false},
		{"sv", "grattis till att vara årets medarbetare", false},
		{"sv", "vem släppte ut katten? den sitter på taket", false},
		{"sv", "jag har ingen hjärna i huvudet idag lol", false},
		{"nb", "du har vunnet prisen for årets teiteste innlegg", true},
		{"nb", "imponerende lite vett i den kommentaren der", true},
		{"nb", "du greier å skrive en hel kommentar uten å bruke hodet", true},
		{"nb", "hvem har sluppet ut dusten på internett igjen", true},
		{"nb", "en slik tosk som deg burde holde seg unna", true},
		{"nb", "gratulerer med å være årets ansatt", false},
		{"nb", "hvem slapp ut hunden? den løper rundt ute", false},
		{"nb", "jeg har ikke en hjerne i hodet i dag haha", false},
		{"da", "du har netop skrevet det mest tåbelige indlæg i dag", true},
		{"da", "må være rart at slippe at tænke", true},
		{"da", "formanden er en total nar og bør gå", true},
		{"da", "det fjols bag skranken har ikke skyggen af en hjerne i knolden", true},
		{"da", "hold kæft dine klaphatte", true},
		{"da", "sikke en klaphat du er", false},
		{"da", "sikke en sjov klovn til festen", false},
		{"da", "tillykke med at være årets frivillige", false},
		{"da", "jeg har ikke en hjerne i hovedet i dag, haha", false},
		{"en", "you just posted the stupidest take i've seen all week", true},
		{"en", "congrats on the award for the best bakery in town", false},
		{"de", "du hast eben das blödeste Foto aller Zeiten gepostet", true},
		{"nl", "je hebt zojuist het stomste bericht van de week geplaatst", true},
	})
}

// TestR18NordicGroupBarredAndTraits: H1 a group barred or confined ("X
// borde inte få köra", "låt inte X jobba", "skal ikkje få vere", "burde
// blive på institutionerne"), H2 a trait or plot pinned on a group (lives
// off the state, "only thinks with her feelings", has always profited from
// war, pulls the strings), H3 a slur compound and a decline blamed on hired
// foreigners; and the same frames with no group: children barred from a
// moped, the sick kept at home, a company that profits from war, a hire
// who speaks Danish well.
func TestR18NordicGroupBarredAndTraits(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"sv", "kvinnor borde inte få bli poliser", true},
		{"sv", "låt aldrig invandrare ta hand om våra gamla", true},
		{"sv", "funktionshindrade borde hållas på institution", true},
		{"sv", "somalier lever på socialen allihop", true},
		{"sv", "typiskt blatte beteende igen", true},
		{"sv", "barnen borde inte få köra moped utan hjälm", false},
		{"sv", "vapenindustrin har alltid tjänat på krig", false},
		{"nb", "muslimer bør ikke få undervise barna våre", true},
		{"nb", "kvinner tenker kun med hormonene", true},
		{"nb", "jødene trekker i trådene bak alt", true},
		{"nb", "typisk pakkis oppførsel", true},
		{"nb", "barna skal ikke få være alene hjemme", false},
		{"nb", "de syke burde bli hjemme fra jobb", false},
		{"nn", "homofile bør ikkje få adoptere", true},
		{"nn", "innvandrarane gjer ikkje anna enn å snylte", true},
		{"da", "kvinder burde ikke have lov til at stemme", true},
		{"da", "de handicappede bør holdes på en institution", true},
		{"da", "grønlændere lever af kontanthjælp", true},
		{"da", "jøderne styrer bankerne", true},
		{"da", "de har ansat to udlændinge som ikke kan dansk og nu går alt galt", true},
		{"da", "de syge børn burde blive hjemme", false},
		{"da", "vi har ansat en ny pædagog der taler flydende dansk", false},
	})
}

// TestR18NordicThreatSexualHarassment: T1 a beating "black and blue", T2
// "you'll pay, and not with money", T3 "someone should give X a bullet", T4
// a meeting set and "then you'll learn", T5 polite regret and fire in
// someone's barn; S1 an invitation home for sex and "what a real man can
// do", S2 a sexual aptitude, S3 staff told to work undressed, S4 nudes
// requested; A1 a call to share so all see how bad someone is, A2 a
// campaign until someone is fired, A3 read and not answered. Look-alikes:
// a beaten team, a paid bill, a bench given paint, football after school,
// rain, a vacuum cleaner good at sucking, a review asked for, a share of
// good news, "no stress, answer when you can".
func TestR18NordicThreatSexualHarassment(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"sv", "jag ska slå dig gul och blå", true},
		{"sv", "du ska få betala för det här och inte med pengar", true},
		{"sv", "kom hem till mig och slicka", true},
		{"sv", "hon ser ut att vara bra på att suga 😏", true},
		{"sv", "personalen borde servera i bikini", true},
		{"sv", "dela så alla ser hur inkompetent Sara är", true},
		{"sv", "vi slog dem sönder och samman i finalen", false},
		{"sv", "dammsugaren är bra på att suga upp hår", false},
		{"sv", "dela så alla ser hur fin parken blev", false},
		{"nb", "skal denge deg gul og blå", true},
		{"nb", "dere skal betale for dette, og ikke med penger", true},
		{"nb", "send meg nakenbilder i kveld", true},
		{"nb", "jeg skal poste dette hver dag til dere sparker ham", true},
		{"nb", "del så alle ser hvor udugelig Kari er", true},
		{"nb", "du skal betale regningen, ikke med kort men kontant", false},
		{"nb", "gi oss gjerne en god anmeldelse på google", false},
		{"nn", "det hadde vore trist om det byrja å brenne i løa di", true},
		{"nn", "eg skal vise deg kva ein ekte mann kan", true},
		{"nn", "det hadde vore trist om det byrja å regne i kveld", false},
		{"da", "jeg tæsker dig gul og blå", true},
		{"da", "nogen bør give den dommer en omgang tæsk", true},
		{"da", "vi ses uden for skolen. så skal du se hvad der sker", true},
		{"da", "ærgerligt hvis der gik ild i dit hus en nat", true},
		{"da", "kom op til mig og bolle", true},
		{"da", "hun virker dygtig til at sutte", true},
		{"da", "del det så alle ved hvor doven Lars er", true},
		{"da", "nogen burde give den gamle bænk en gang maling", false},
		{"da", "vi ses efter skolen til fodbold", false},
		{"da", "del gerne så alle kan se hvor flot haven blev", false},
	})
}

// TestR18NordicReassuranceAndBanter: "du er jo ikke dum" (the particle
// says the word is denied: counter, so the model's reading of "dum" is
// capped below removal), and teasing with an invitation to a coffee
// (round18nordic.go): a mild name dropped and a friendly remark reported;
// a severe name, or no invitation, stays.
func TestR18NordicReassuranceAndBanter(t *testing.T) {
	for _, c := range []struct {
		lang, text string
		mentioned  bool
	}{
		{"nb", "du er jo ikke dum, du har bare ikke lest saken", true},
		{"da", "du er jo ikke dum, du har bare ikke læst artiklen", true},
		{"sv", "du är ju inte dum, du missade bara slutet", true},
		{"nb", "du er dum, du har ikke lest saken", false},
	} {
		t.Run(c.lang+"/"+c.text, func(t *testing.T) {
			m := scores(t, tcase{lang: c.lang, text: c.text})
			s, ok := m["insult"]
			if !ok {
				t.Fatalf("no insult signal: %+v", m)
			}
			if s.Mentioned != c.mentioned {
				t.Errorf("mentioned = %v, want %v: %s", s.Mentioned, c.mentioned, s.Explanation)
			}
		})
	}
	for _, c := range []struct {
		lang, text      string
		insult, praised bool
	}{
		{"nn", "Du er ein tulling, Sjur 😂 kjem du på kaffi i morgon?", false, true},
		{"sv", "Du är en fjant 😂 hänger du med på fika sen?", false, true},
		{"da", "Du er en tosse 😂 kommer du forbi til kaffe?", false, true},
		{"en", "you're such an idiot 😂 coming for a pint later?", false, true},
		{"nb", "Du er ei jævla fitte 😂 kommer du på kaffe?", true, false},
		{"nb", "Du er en idiot. Kommer du på kaffe?", true, false},
		{"nb", "Du er en idiot 😂", true, false},
		{"sv", "Du är en fjant 😂 ska vi ta en fika? jag ska döda dig sen", true, false},
	} {
		t.Run(c.lang+"/"+c.text, func(t *testing.T) {
			m := scores(t, tcase{lang: c.lang, text: c.text})
			_, insult := m["insult"]
			p, praised := m["praise"]
			if insult != c.insult {
				t.Errorf("insult = %v, want %v: %+v", insult, c.insult, m)
			}
			if praised != c.praised || praised && (p.Severity < 3 || p.Score >= 0.5) {
				t.Errorf("praise = %+v, want teasing %v (severity 3, under 0.5)", p, c.praised)
			}
		})
	}
}
