package lexicon

import "testing"

// TestR18Pieces: two pieces of harassment from different entries add up
// to removal (round18harass.go); one piece alone, the same piece twice,
// two entries over the same words, a negated or reported piece, stay below.
func TestR18Pieces(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		// Two pieces, in one sentence or two.
		{"en", "i will not stop. see you all again tomorrow", true},
		{"en", "blocked me? i've got loads more accounts. you cant get rid of me", true},
		{"fr", "encore moi. tu me répondras tôt ou tard", true},
		{"de", "ich lass nicht locker. morgen wieder.", true},
		{"sv", "radera hur mycket ni vill, jag ger mig inte", true},
		{"nb", "slett så mye dere vil, jeg gir meg ikke", true},
		{"nl", "verwijder maar raak, ik stop niet", true},
		// One piece alone, or the same piece twice: review at most.
		{"en", "i will not stop", false},
		{"en", "again tomorrow, and again tomorrow", false},
		{"sv", "jag ger mig inte", false},
		{"nl", "morgen weer", false},
		// Said to the reader about one's own invoice: insistence, not a
		// campaign; a piece that names its person still counts near a thing.
		{"en", "i won't give up, you will fix my invoice, i'll ring again tomorrow", false},
		{"nl", "heb gezien waar jullie assistente haar fiets neerzet, ik wacht haar daar morgen op", true},
		// Negated or reported pieces do not count.
		{"en", "someone wrote 'i will not stop, see you again tomorrow' under the post. reported it", false},
		{"en", "i won't say i'll stop, but i won't come again tomorrow", false},
	})
}

// TestR18Photos: a person photographed away from work or in secret, and
// the picture's publication announced or the face shown to a crowd; the
// look-alikes: a pet's photo with a nurse, a team photo to be posted, a
// vet photographed for the paper.
func TestR18Photos(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "filmed the caretaker at the supermarket with his kids, the video goes up tonight. they're going online tonight", true},
		{"en", "got a pic of the cashier outside her house without her noticing", true},
		{"fr", "j'ai pris la photo de la secrétaire à la sortie, je la mets en commentaire demain pour que tout le monde voie sa tête", true},
		{"nl", "stiekem foto's van de juf gemaakt, ik zet ze morgen online", true},
		{"de", "hab die Kassiererin heimlich fotografiert, die Bilder kommen morgen hier rein", true},
		{"sv", "tog bilder på kuratorn vid bussen utan att hon märkte något, lägger upp bilderna ikväll", true},
		{"nb", "tok bilder av læreren på butikken uten at hun merket noe. legger bildene ut i kveld", true},
		{"en", "took a photo of the nurse with our kitten after the jab, i'll post them here later, so sweet", false},
		{"fr", "on a pris une photo de toute l'équipe avec notre chien, je la mets en commentaire demain", false},
		{"de", "das Foto vom Team kommt morgen hier rein, danke für alles!", false},
		{"sv", "tog en bild på veterinären och vår katt, lägger upp bilderna ikväll!", false},
	})
}

// TestR18Family: a person's family or boss contacted, the next relative
// announced, what was gathered sent to them; the look-alikes: a resident's
// family sent the photos of a party, a client who calls her own mother.
func TestR18Family(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "texted her husband to tell him what sort of wife he has. her boss is next", true},
		{"fr", "j'ai contacté la sœur de l'infirmière. prochaine étape son mari", true},
		{"nl", "ik heb de vader van de juf gebeld. haar man is de volgende", true},
		{"de", "hab den Chef von der Sachbearbeiterin angerufen. als nächstes ist ihr Mann dran", true},
		{"sv", "mejlade hans chef igår. och hennes pappa står på tur", true},
		{"nb", "har funnet kjæresten til læreren og sendt henne alle skjermbildene", true},
		{"en", "the care home sent all the photos of the party to her family, lovely gesture", false},
		{"fr", "j'ai appelé ma mère pour lui raconter la consultation, merci encore", false},
		{"nl", "ik heb mijn moeder gebeld, ze komt morgen de kat ophalen", false},
	})
}

// TestR18Following: a person followed, waited for, visited where they live
// their life; the look-alikes: an owner waiting with a pet carrier, a lift
// home offered, a visit announced to a relative in care.
func TestR18Following(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "followed him to the bus stop after his shift so he knows we're watching", true},
		{"fr", "je l'ai suivie jusqu'à sa voiture hier, je recommencerai demain", true},
		{"nl", "ik weet bij welke sportschool ze traint. ik kom haar daar voortaan elke week opzoeken", true},
		{"de", "ich weiß jetzt, wo der Hausmeister joggt. ab jetzt besuch ich ihn da jede Woche", true},
		{"sv", "följde efter henne hem från jobbet igår", true},
		{"nb", "fulgte etter ham hjem fra bussen i går", true},
		{"en", "i'll be outside at 9 with the cat carrier, see you then", false},
		{"fr", "je serai devant la clinique à 8h pour récupérer mon chien", false},
		{"sv", "jag följde med henne till bussen, hon var så trött efter operationen", false},
		{"de", "ich besuche meine Mutter ab jetzt jede Woche im Heim, danke für die Pflege", false},
	})
}

// TestR18PileOn: a crowd sent to a person, her private account sought, no
// peace promised; the look-alikes: a call to come to an open day, thanks
// asked for a nurse, a lost dog shared.
func TestR18PileOn(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "everyone go to the council page and tell the planning officer what you think of him, he needs to hear it from all of us", true},
		{"fr", "envoyez lui tous vos messages, elle ne doit plus avoir une minute de paix", true},
		{"nl", "ik wil dat iedereen haar vandaag een berichtje stuurt, hier haar insta", true},
		{"de", "schreibt ihr alle auf Insta, dass sie sich schämen soll", true},
		{"sv", "vet nån vad kuratorn heter i efternamn? vill hitta hennes privata insta", true},
		{"nb", "del dette! alle må skrive til henne", true},
		{"en", "everyone go to the open day on saturday, the nurses will show you round", false},
		{"de", "teilt das bitte überall, unser Hund Bruno ist seit gestern entlaufen", false},
		{"sv", "dela detta! vår katt har försvunnit i Hägersten", false},
		{"nl", "kom allemaal zaterdag naar de open dag, de assistentes laten je alles zien", false},
	})
}

// TestR18Deletion: a moderator's deletion defied and a post put back each
// time, a coordinated message on a private account; the look-alikes: a
// customer who asks why a comment was deleted, insistence on one's own
// street light, a vet's video posted by a happy owner.
func TestR18Deletion(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"fr", "vous avez encore supprimé ? je reposte à chaque fois. je ne lâcherai rien", true},
		{"nl", "weer verwijderd? ik zet het gewoon elke keer terug. ik ga niet weg", true},
		{"de", "wieder gelöscht? ich stell es einfach jedes Mal wieder rein. ich geh nirgendwo hin", true},
		{"sv", "raderat igen? jag lägger bara upp det igen varje gång. jag går ingenstans", true},
		{"nb", "slettet igjen? jeg legger det bare ut igjen hver gang. jeg går ingen steder", true},
		{"de", "schreibt der Sekretärin heute abend alle gleichzeitig auf ihrem privaten Insta", true},
		{"en", "you deleted my comment again, why? it was only about the parking", false},
		{"sv", "jag ger mig inte förrän kommunen lagar lampan utanför mitt hus.", false},
		{"nb", "veterinæren filmet hunden vår da han gikk ut, legger ut videoen her i kveld!", false},
		{"nl", "weer verwijderd? ik snap niet waarom, mijn vraag ging over de openingstijden", false},
	})
}

// TestR18NamesPerson: a pattern names its person when a third-person
// pronoun or possessive is one of its words, in any group; a word that
// only contains one ("theme", "shell") does not.
func TestR18NamesPerson(t *testing.T) {
	for _, c := range []struct {
		term string
		want bool
	}{
		{"(ik wacht|wacht ik) (haar|hem) .. (op|op te wachten)", true},
		{"(mit ihren kindern|mit seinen kindern) (gefilmt|fotografiert)", true},
		{"(morgen wieder|übermorgen auch)", false},
		{"(again tomorrow|tomorrow again)", false},
		{"the theme shell", false},
		{"", false},
	} {
		if got := r18NamesPerson(c.term); got != c.want {
			t.Errorf("r18NamesPerson(%q) = %v, want %v", c.term, got, c.want)
		}
	}
}
