package lexicon

import "testing"

// Round 13: Danish (da.tsv) and Nynorsk (nn.tsv) forms that differ from
// Bokmål, so that Danish and Nynorsk comments are not read only through the
// Bokmål entries. Each family has innocent look-alikes that must stay under
// removal: vet vocabulary (sows, fat pigs, a bitch in heat, fleas killed),
// warnings about ice, a worry about one's own pet, counter-speech that names
// the word, a clown paid for a party.

// TestR13DanishThreats: whereabouts with a filler, the way home watched, a
// polite threat about someone's own, coming to burn, "man burde skyde dig",
// a beating promised with a second piece, "jeg finder dig, og så skal du få".
func TestR13DanishThreats(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"da", "vi ved godt hvor du bor og hvornår du får fri", true},
		{"da", "jeg ved sgu hvor i bor", true},
		{"da", "pas godt på når du går ud til bilen i aften", true},
		{"da", "pas på dig selv når du kører hjem i nat", true},
		{"da", "det ville være en skam hvis der skete noget med jeres klinik", true},
		{"da", "det ville være synd hvis der skete noget med din bil", true},
		{"da", "vi kommer og brænder jeres krisecenter ned", true},
		{"da", "så kommer jeg og smadrer dit kontor", true},
		{"da", "man burde skyde dig", true},
		{"da", "nogen burde tæske hende", true},
		{"da", "du får tæv næste gang jeg ser dig", true},
		{"da", "jeg finder dig, og så skal du få", true},
		// look-alikes
		{"da", "ved i hvor jeg kan parkere når jeg kommer med hunden", false},
		{"da", "jeg ved godt hvor i ligger, tak", false},
		{"da", "pas på når du går ud til bilen, der er glat", false},
		{"da", "pas godt på dig selv og god bedring", false},
		{"da", "det ville være en skam hvis der skete noget med min hund under narkosen", false},
		{"da", "vi kommer og henter hunden i morgen", false},
		{"da", "man burde skyde nytåret ind tidligere", false},
		{"da", "fik du tæv derhjemme? ring til os", false},
		{"da", "vi finder dig en tid på torsdag, så skal du få en sms", false},
	})
}

// TestR13DanishAbuse: "noget pak", a call to spread an accusation, a
// campaign until someone is fired, a shouted vocative, exclamative contempt
// ("sikke et røvhul"; a mild name, "sikke en klovn du er", is only
// reviewed), "luk røven"; and livestock, pests, counter-speech.
func TestR13DanishAbuse(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"da", "muslimer er noget pak der skal smides ud", true},
		{"da", "del det her: sara er en tyv der stjæler fra de gamle", true},
		{"da", "alle skal vide at dyrlægen er en dyrplager", true},
		{"da", "jeg skriver hver dag indtil sara bliver fyret", true},
		{"da", "luder! det ved du godt selv", true},
		{"da", "sikke et røvhul", true},
		{"da", "sikke en møgkælling", true},
		// look-alikes
		{"da", "vi har 40 fede svin der skal vejes, kan i komme torsdag?", false},
		{"da", "soen har fået 12 grise i nat", false},
		{"da", "jeg skal nok slå de lopper ihjel før vi kommer igen", false},
		{"da", "at kalde nogen en perker er racisme og hører ikke hjemme her", false},
		{"da", "vi har et godt pak hundefoder til jer", false},
		{"da", "del det her opslag, vi mangler plejefamilier", false},
		{"da", "sikke en sjov klovn til festen", false},
		// a mild name is condescension: reviewed, not removed
		{"da", "haha sikke en klovn du er", false},
		{"da", "sikke nogle tabere", false},
		{"da", "hun spiller en luder i filmen", false},
		{"da", "jeg kommer hver dag indtil min mor bliver udskrevet", false},
	})
}

// TestR13Nynorsk: Nynorsk endings and words (puppane, svartingane, kjøkenet,
// "blir sparka", "eg veit godt kvar du bur", "då skal du få", "ei skam for
// heile yrket", "for ei kjerring"), and the look-alikes: "dei loppene" is
// an article and pests, a sow, a clown paid for, counter-speech.
func TestR13Nynorsk(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"nn", "vis meg puppane dine", true},
		{"nn", "svartingane øydelegg heile bygda", true},
		{"nn", "kvinner høyrer heime på kjøkenet", true},
		{"nn", "muslimar er pakk som burde kastast ut", true},
		{"nn", "eg skriv dette kvar dag til sara blir sparka", true},
		{"nn", "me veit godt kvar du bur", true},
		{"nn", "eg skal finne deg og då skal du få", true},
		{"nn", "du er ei skam for heile yrket", true},
		{"nn", "det hadde vore synd om noko skjedde med huset ditt", true},
		{"nn", "du får juling neste gong eg ser deg", true},
		{"nn", "for ei kjerring", true},
		// look-alikes
		{"nn", "eg skal drepe dei loppene før me kjem att", false},
		{"nn", "me betalte for ein klovn til bursdagen", false},
		{"nn", "for ein tulling du er", false},
		{"nn", "veit de kvar eg kan parkere når eg kjem med hunden?", false},
		{"nn", "å kalle nokon ein pakkis er rasisme og høyrer ikkje heime her", false},
		{"nn", "det hadde vore synd om noko skjedde med katten min under narkosen", false},
		{"nn", "me skal finne deg ein ny time, så skal du få ei melding", false},
		{"nn", "det er ei skam at kommunen ikkje svarar", false},
		{"nn", "maten står på kjøkenet, forsyn dykk", false},
		{"nn", "purka har fått 12 grisungar i natt", false},
		{"nn", "eg kjem kvar dag til mor mi blir utskriven", false},
	})
}

// TestR13DanishThreatGrammar: the threat grammar's word classes in Danish
// (agents, harm verbs, imperatives, first-person present, someone's own),
// passive wishes and self-harm incitement; and the look-alikes: pests and
// vet work, idioms ("slå tiden ihjel", "skyde nytåret ind", "keder mig
// ihjel"), a door knocked on, garlic crushed, a clinic found.
func TestR13DanishThreatGrammar(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"da", "jeg tæsker dig", true},
		{"da", "jeg smadrer dit fjæs", true},
		{"da", "hæng ham op", true},
		{"da", "skyd dem allesammen", true},
		{"da", "jeg skal nok banke din mand", true},
		{"da", "jeg håber nogen knivstikker dig", true},
		{"da", "du kommer til at ligge i en ligpose", true},
		{"da", "han skulle skydes", true},
		{"da", "hun burde voldtages", true},
		{"da", "gid du fik kræft", true},
		{"da", "tag og dø", true},
		{"da", "gå hjem og dø", true},
		{"da", "bøssesvin", true},
		{"da", "de sorte er nogle dyr", true},
		{"da", "jøderne styrer det hele", true},
		// look-alikes
		{"da", "jeg skal nok dræbe de lopper i kurven", false},
		{"da", "jeg dræber de fluer i stalden i morgen", false},
		{"da", "jeg dræber dem alle sammen", true},
		{"da", "hunden skulle aflives i går, tak for jeres omsorg", false},
		{"da", "grisene skal slagtes på fredag", false},
		{"da", "vi skyder nytåret ind med hunden inde", false},
		{"da", "jeg keder mig ihjel i venteværelset", false},
		{"da", "jeg banker på døren når jeg kommer", false},
		{"da", "knus hvidløget og giv det ikke til hunden", false},
		{"da", "jeg skal finde en tid til katten", false},
		{"da", "katte er nogle dyr der sover meget", false},
		{"da", "jøderne i byen holder fest for hanukkah", false},
		{"da", "min mor kom på hospitalet efter faldet", false},
	})
}

// TestR13NynorskGrammar: first-person present and passive wishes in
// Nynorsk, self-harm incitement, dehumanising a group; look-alikes.
func TestR13NynorskGrammar(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"nn", "eg knuser trynet ditt", true},
		{"nn", "ho burde valdtakast", true},
		{"nn", "du burde hengast", true},
		{"nn", "gå heim og døy", true},
		{"nn", "innvandrarane er nokre dyr", true},
		{"nn", "jødane styrer alt", true},
		// look-alikes
		{"nn", "eg knuser hvitløken og blandar han i maten", false},
		{"nn", "eg drep dei flugene i fjøset i morgon", false},
		{"nn", "eg drep dei alle", true},
		{"nn", "hunden må avlivast, takk for hjelpa", false},
		{"nn", "kattar er nokre dyr som søv mykje", false},
		{"nn", "gå heim og kvil deg etter operasjonen", false},
	})
}
