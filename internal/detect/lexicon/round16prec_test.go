package lexicon

import (
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// TestR16BanterThreat: a mock threat among friends — an opening @handle, a
// laugh, and a trivial cause or an affectionate close — is no threat; a
// veiled threat with a laugh, a threat over a real cause, or one with no
// @handle still is.
func TestR16BanterThreat(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "@tom if you nick the last doughnut again I'll strangle you lol", false},
		{"en", "@jess eat my chips one more time and I will kill you haha", false},
		{"fr", "@antoine si tu finis le dernier croissant je t'étrangle ptdr", false},
		{"fr", "@manon si tu touches à mon gâteau je te tue mdr", false},
		{"nl", "@bram als je het laatste stuk taart opeet maak ik je af haha", false},
		{"de", "@jonas wenn du das letzte Stück Pizza nimmst, bring ich dich um 😂", false},
		{"sv", "@axel om du tar sista pizzabiten så mördar jag dig haha", false},
		{"nb", "@even tar du den siste pizzabiten så myrder jeg deg haha", false},
		{"nn", "@eirin et du den siste kakebiten så drep eg deg haha", false},
		{"da", "@mads hvis du tager det sidste stykke kage slår jeg dig ihjel haha", false},
		{"en", "@sam touch my last beer and you're dead lmao", false},
		// Look-alikes that stay threats.
		{"en", "@tom I know where you live lol", true},
		{"en", "@tom if you report me again I'll kill you lol", true},
		{"en", "@sam you're dead lmao", true},
		{"en", "@vetclinic I hope you choke on your last breath lol", true},
		{"fr", "@clinique j'espère que tu vas crever, dernier avertissement mdr", true},
		{"en", "if you eat the last doughnut I'll kill you", true},
		{"fr", "@antoine je sais où tu habites mdr", true},
		{"fr", "@antoine si tu me signales encore je te tue mdr", true},
		{"nl", "@bram ik weet waar je woont haha", true},
		{"de", "@jonas ich weiß wo du wohnst 😂", true},
		{"de", "@jonas wenn du mich nochmal meldest bring ich dich um 😂", true},
		{"sv", "@axel jag vet var du bor haha", true},
		{"sv", "@axel om du anmäler mig igen så dödar jag dig haha", true},
		{"nb", "@even jeg vet hvor du bor haha", true},
		{"nb", "@even hvis du anmelder meg igjen dreper jeg deg haha", true},
	})
}

// TestR16BanterInsult: a mild insult between friends that closes on
// affection is teasing; without the close, or with a slur of severity 3,
// it is not lifted.
func TestR16BanterInsult(t *testing.T) {
	for _, c := range []struct {
		lang, text string
		severe     bool
	}{
		{"en", "@becky you absolute idiot, you signed us both up for the fun run haha love ya", false},
		{"fr", "@camille t'es vraiment trop conne de nous avoir inscrites au marathon mdr je t'aime", false},
		{"nb", "@tuva din tulling som meldte oss begge på løpet haha glad i deg", false},
		{"sv", "@moa din idiot som anmälde oss båda till loppet haha älskar dig", false},
		// Look-alikes.
		{"en", "@becky you absolute idiot, you signed us both up for the fun run", true},
		{"en", "@becky you whore lol love you", true},
		{"fr", "@camille t'es vraiment trop conne de nous avoir inscrites au marathon", true},
	} {
		t.Run(c.lang+"/"+c.text, func(t *testing.T) {
			m := scores(t, tcase{lang: c.lang, text: c.text})
			got := m[detect.Insult].Score >= 0.8 || m[detect.Harassment].Score >= 0.7 || m[detect.Hate].Score >= 0.7
			if got != c.severe {
				t.Errorf("severe = %v, want %v: %+v", got, c.severe, m)
			}
		})
	}
}

// TestR16GameNight: "I'll shoot you all" in an invitation to a game.
func TestR16GameNight(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "who's in for warzone tonight? I'm going to kill every one of you", false},
		{"fr", "qui se fait un fortnite ce soir ? je vais tous vous tuer", false},
		{"nl", "wie speelt er vanavond valorant? ik maak jullie allemaal af", false},
		{"nl", "wie van kantoor doet vanavond mee met fortnite? ik knal jullie allemaal neer", false},
		{"de", "wer zockt heute Abend fortnite? ich mach euch alle kalt", false},
		{"sv", "vem kör valorant ikväll? jag dödar er allihop", false},
		{"sv", "nån från kontoret som kör cs ikväll? jag skjuter ner er allihop", false},
		{"nb", "hvem spiller valorant i kveld? jeg dreper dere alle", false},
		// No game: the same words are a threat.
		{"en", "who's at the office tonight? I'm going to kill every one of you", true},
		{"nl", "wie is er vanavond op kantoor? ik knal jullie allemaal neer", true},
		{"sv", "vem jobbar ikväll? jag skjuter ner er allihop", true},
		{"nb", "hvem er på jobb i kveld? jeg skal skyte dere alle sammen", true},
		// A veiled threat stays veiled after a game's name.
		{"en", "fortnite tonight? I know where you live", true},
	})
}

// TestR16CommercialRegret: a customer who leaves says "you'll regret
// losing me"; a regret with a menace, or with no customer, is a threat.
func TestR16CommercialRegret(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "you'll regret losing a client who has brought all four of her dogs to you since 2009", false},
		{"en", "you will regret losing our business, three generations used your garage", false},
		{"fr", "vous allez regretter de perdre un client qui venait chez vous avec ses trois chats", false},
		{"nl", "jullie gaan er spijt van krijgen dat jullie een klant verliezen die al twintig jaar komt", false},
		{"sv", "ni kommer att ångra att ni förlorar en kund som har handlat hos er i tjugo år", false},
		{"nb", "dere kommer til å angre på at dere mister en kunde som har handlet hos dere i tjue år", false},
		// Look-alikes.
		{"en", "you'll regret this, I'll be waiting by your car tonight", true},
		{"en", "you will regret the day you were born, customer or not", true},
		{"fr", "vous allez regretter, je vous attends devant chez vous", true},
		{"nb", "du kommer til å angre, jeg venter ved bilen din", true},
	})
}

// TestR16ReportedThreat: a threat a third person shouted, told with its
// end (police, nobody hurt); one passed on to the reader stays.
func TestR16ReportedThreat(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "a guy yelled at the front desk that he'd smash the place up. police came and nobody was hurt", false},
		{"fr", "une femme a crié à l'accueil qu'elle allait tout brûler, la police est venue", false},
		{"de", "heute hat ein mann am empfang gebrüllt er würde alles anzünden. polizei war da, allen geht es gut", false},
		{"sv", "en kille skrek i kassan att han skulle slå sönder allt. polisen kom, ingen skadades", false},
		{"nb", "en fyr ropte i kassa at han skulle knuse alt. politiet kom, ingen ble skadet", false},
		// Look-alikes.
		{"de", "mein Mann hat gesagt, er würde eure Praxis anzünden. Ruft ruhig die Polizei", true},
		{"de", "ein Mann hat gesagt er würde alles anzünden", true},
	})
}

// TestR16CitedGroup: a group's name cited in quotes after a verb of naming
// is condemned, not attacked; scare quotes around a group with contempt
// are hate.
func TestR16CitedGroup(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "calling the carers 'lazy foreigners' like someone did above is disgusting", false},
		{"fr", "ceux qui traitent les infirmières de « sales immigrées » devraient avoir honte", false},
		{"nl", "mensen die de schoonmakers 'vieze buitenlanders' noemen moeten zich schamen", false},
		{"de", "wer die Pflegerinnen als \"dreckige Ausländer\" bezeichnet, sollte sich schämen", false},
		{"sv", "att kalla undersköterskorna 'lata invandrare' som nån gjorde ovan är äckligt", false},
		{"nb", "folk som kaller vaskerne 'skitne innvandrere' burde skamme seg", false},
		// Look-alikes.
		{"en", "these \"refugees\" are vermin, send them back", true},
		{"en", "the carers here are lazy foreigners and it's disgusting", true},
	})
}

// TestR16HateTropes: a trait of contempt next to a group, a decline
// blamed on a group, a hire sneered at for diversity; and the neutral
// uses of the same words.
func TestR16HateTropes(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "another council estate full of lazy Somalis on benefits", true},
		{"fr", "encore des aides pour ces fainéants de Roumains", true},
		{"fr", "encore des logements gratos pour des musulmanes qui glandent rien", true},
		{"nl", "weer uitkeringen voor die luie Somaliërs", true},
		{"de", "schon wieder Stütze für die faulen Rumänen", true},
		{"sv", "mer bidrag till lata rumäner", true},
		{"en", "free flats for idle Romanians while we pay", true},
		{"nb", "mer trygd til late rumenere", true},
		{"en", "no wonder the care home is a mess since they hired all these foreigners", true},
		{"fr", "pas étonnant que l'hôpital parte en vrille depuis qu'ils embauchent des immigrés", true},
		{"nl", "geen wonder dat het ziekenhuis achteruit gaat sinds ze al die buitenlanders aannemen", true},
		{"de", "seit da nur noch kopftuchfrauen arbeiten ist der laden komplett runtergekommen", true},
		{"sv", "inte konstigt att sjukhuset blivit sämre sen de anställde en massa invandrare", true},
		{"nb", "ikke rart at sykehjemmet har blitt dårligere siden de ansatte en haug innvandrere", true},
		{"en", "the library hiring yet another tranny for diversity points, brilliant", true},
		{"nl", "de gemeente neemt weer een flikker aan voor de diversiteit", true},
		{"sv", "kommunen anställer en till flata för mångfaldens skull", true},
		{"nb", "kommunen ansetter nok en homse for mangfoldets skyld", true},
		// Look-alikes.
		{"en", "the lazy receptionist never picks up the phone", false},
		{"en", "we are not lazy, we Somalis work two jobs", false},
		{"en", "since they hired two refugees as cooks the food is great", false},
		{"sv", "sen de anställde fler invandrare har vården blivit bättre", false},
		{"nb", "vi trenger tolker for innvandrere som ikke kan norsk", false},
		{"en", "our team values diversity and welcomes gay and trans staff", false},
		{"en", "saying care went downhill since they hired immigrants is racist nonsense", false},
		{"sv", "att säga att vården blev sämre sen de anställde invandrare är rasistiskt", false},
		{"en", "the late refugees were honoured today", false},
	})
}
