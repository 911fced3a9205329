package lexicon

import (
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// staff5 are staff names as the eval's default --staff gives them.
var staff5 = []string{"Dr Martin", "Dr Janssens", "Dr Lindqvist", "Dr Hansen", "Dr. Müller", "Sophie", "Sanne", "Sara", "Ingrid", "Karim", "Anna"}

// campCase is thresholdCase.
type campCase = thresholdCase

func runCamp(t *testing.T, cases []campCase) {
	t.Helper()
	runThreshold(t, staff5, cases)
}

// TestCampaignSpreadAccusation: a call to spread an accusation about a
// person (by name or role) is a smear campaign; the call with good news and
// the call about the clinic's opening hours are not.
func TestCampaignSpreadAccusation(t *testing.T) {
	h := detect.Harassment
	runCamp(t, []campCase{
		{"en", "Everybody should know that Sophie is a thief", h, true},
		{"en", "Tell everyone that the nurse is a charlatan", h, true},
		{"fr", "Il faut que tout le monde sache que Sara est une arnaqueuse", h, true},
		{"fr", "Faites tourner : l'infirmière est une voleuse", h, true},
		{"nl", "Iedereen moet weten dat Karim een kwakzalver is", h, true},
		{"nl", "Verspreid dit: Anna is een dievegge", h, true},
		{"de", "Alle sollen wissen, dass Karim ein Quacksalber ist", h, true},
		{"de", "Jeder soll wissen, dass Dr. Müller eine Lügnerin ist", h, true},
		{"sv", "Alla borde veta att Karim är en kvacksalvare", h, true},
		{"nb", "Alle bør vite at Sara er en tyv", h, true},
		{"nn", "Alle må få vite at Ingrid er ein løgnar", h, true},
		// Look-alikes: the call with good news, the call about the clinic.
		{"en", "Everybody should know that Sophie is a hero", h, false},
		{"fr", "Tout le monde doit savoir que Sara est une perle", h, false},
		{"fr", "Tout le monde doit savoir que la clinique ferme lundi", h, false},
		{"nl", "Iedereen moet weten dat Karim een topdierenarts is", h, false},
		{"de", "Jeder soll wissen, dass Anna eine tolle Tierärztin ist", h, false},
		{"sv", "Alla ska veta att Karim är en hjälte", h, false},
		{"nb", "Alle skal vite at Sara er en engel", h, false},
	})
}

// TestCampaignExposure: exposure announced to someone ("soon everyone will
// know who you are"); shame over one's own dog or a complaint is not it.
func TestCampaignExposure(t *testing.T) {
	h := detect.Harassment
	runCamp(t, []campCase{
		{"en", "Anna, everyone is going to know who you really are", h, true},
		{"fr", "Sophie, toute la ville va savoir qui tu es", h, true},
		{"nl", "Karim, binnenkort weet iedereen wie jij bent", h, true},
		{"de", "Sara, bald wissen alle, wer du bist", h, true},
		{"sv", "Karim, snart vet hela stan vem du är", h, true},
		{"nb", "Anna, snart vet hele byen hvem du er", h, true},
		{"nn", "Ingrid, snart veit alle kven du er", h, true},
		// Look-alikes.
		{"en", "I was so ashamed when my dog barked at everyone", h, false},
		{"sv", "Skäms på er, det här var dåligt", h, false},
		{"fr", "J'ai eu honte, mon chien a aboyé sur tout le monde", h, false},
		{"de", "Bald wissen alle, wann die Praxis wieder öffnet", h, false},
	})
}

// TestCampaignPrivatePileOn: a call to reach someone on their private
// account and tell them what one thinks; the clinic's page is not it.
func TestCampaignPrivatePileOn(t *testing.T) {
	h := detect.Harassment
	runCamp(t, []campCase{
		{"en", "Go to her private Instagram and tell her what you think", h, true},
		{"fr", "Écrivez à Sophie sur son compte perso et dites-lui ce que vous pensez de son travail", h, true},
		{"nl", "Zoek Karim op via zijn privé Facebook en laat hem weten wat je vindt", h, true},
		{"de", "Schreibt Anna auf ihrem privaten Handy und sagt ihr mal, was wir denken", h, true},
		{"sv", "Hitta Karim på hans privata Facebook och säg vad ni tycker", h, true},
		{"nb", "Finn Sara på den private profilen og si hva dere mener", h, true},
		// Look-alikes.
		{"en", "You can reach Sara at the clinic's page", h, false},
		{"fr", "Retrouvez-nous sur notre page et dites-nous ce que vous en pensez", h, false},
		{"nl", "Zoek ons op Instagram en zeg wat je van de nieuwe website vindt", h, false},
		{"sv", "Följ oss på Instagram och säg vad ni tycker om hemsidan", h, false},
	})
}

// TestCampaignSexualAdvance: a woman named by looks and role invited home,
// "you're hot" said to a staff member, "when you bend over"; a home visit
// for a cat is not it.
func TestCampaignSexualAdvance(t *testing.T) {
	s := detect.Sexual
	runCamp(t, []campCase{
		{"nl", "Anna jij bent zo lekker 😏", s, true},
		{"nl", "Die leuke stagiaire mag gerust bij mij thuis langskomen 😘", s, true},
		{"fr", "La jolie secrétaire peut venir chez moi quand elle veut", s, true},
		{"fr", "Sophie j'adore quand tu te penches pour soigner mon chat", s, true},
		{"en", "I'd love a night alone with that sexy receptionist", s, true},
		{"de", "Die süße Praktikantin darf gerne mal bei mir übernachten", s, true},
		{"sv", "Den snygga praktikanten får gärna sova över hos mig", s, true},
		{"nb", "Den søte sykepleieren kan gjerne overnatte hos meg", s, true},
		// Look-alikes.
		{"nl", "Sanne je bent lekker bezig met de pups!", s, false},
		{"en", "The assistant kindly came to our home to help with the cat", s, false},
		{"fr", "Le docteur s'est penché sur le dossier de mon chien", s, false},
		{"sv", "Sara kom hem till oss och vaccinerade katten", s, false},
		{"nb", "Ingrid kom hjem til oss og så på hesten", s, false},
		{"de", "Die Tierärztin kam zu uns nach Hause, um das Pferd zu untersuchen", s, false},
	})
}

// TestCampaignVeiledThreat: insurance "hoped" up to date, a visit "then
// you'll understand"; insurance for a vet bill and an open day are not.
func TestCampaignVeiledThreat(t *testing.T) {
	th := detect.Threat
	runCamp(t, []campCase{
		{"en", "Hope your house is well insured, Sophie", th, true},
		{"en", "We'll swing by one evening, then you'll understand.", th, true},
		{"fr", "J'espère que ta voiture est bien assurée, Karim", th, true},
		{"nl", "Ik hoop dat jullie kliniek goed verzekerd is", th, true},
		{"de", "Ich hoffe, euer Auto ist gut versichert", th, true},
		{"de", "Hoffentlich ist eure Praxis gut versichert", th, true},
		{"sv", "Hoppas att ditt hus är ordentligt försäkrat", th, true},
		{"nb", "Håper huset ditt er godt forsikret, Anna", th, true},
		{"sv", "Vi ska hälsa på er en kväll, då fattar ni", th, true},
		{"nb", "Vi kommer på besøk en kveld, da skjønner dere", th, true},
		// Look-alikes.
		{"en", "Hope your insurance covers the vet bill", th, false},
		{"en", "We'll drop by tomorrow, then you'll see the puppies again", th, false},
		{"fr", "On viendra vous voir samedi, vous verrez le chiot grandir", th, false},
		{"nl", "We komen jullie bezoeken op de open dag", th, false},
		{"sv", "Hoppas att försäkringen täcker veterinärräkningen", th, false},
		{"de", "Wir kommen euch am Tag der offenen Tür besuchen, dann seht ihr die Welpen", th, false},
	})
}

// TestCampaignOriginHate: failures blamed on foreign staff, a staff
// member's name taken as origin; a diverse team praised is not it.
func TestCampaignOriginHate(t *testing.T) {
	hate := detect.Hate
	runCamp(t, []campCase{
		{"en", "Full of foreigners in there, no wonder my cat got worse", hate, true},
		{"fr", "Rien que des immigrés à l'accueil, c'est pour ça que rien ne marche", hate, true},
		{"nl", "Vol met buitenlanders daar, geen wonder dat niks werkt", hate, true},
		{"de", "Lauter Ausländer in der Praxis, kein Wunder, dass nichts klappt", hate, true},
		{"sv", "Bara utlänningar på kliniken, inte konstigt att allt går fel", hate, true},
		{"nb", "Kun innvandrere på klinikken, ikke rart alt går galt", hate, true},
		{"en", "With a name like that you don't belong here", hate, true},
		// Look-alikes.
		{"en", "The clinic hires staff from many countries, great team", hate, false},
		{"en", "With a name like that your cat must be a star", hate, false},
		{"fr", "Avec un nom pareil, votre chat doit être une star", hate, false},
		{"sv", "Kliniken anställer folk från många länder, bra team", hate, false},
	})
}

// TestTitleDot: the full stop of an abbreviated title does not end a
// sentence, so a pattern with a gap reads across "Dr." (and "the doctor."
// still ends one).
func TestTitleDot(t *testing.T) {
	for text, want := range map[string]bool{"dr. müller": true, "mme. dubois": true, "the doctor. then": false, "bedr. x": false, "a.b.": false} {
		i := 0
		for i < len(text) && text[i] != '.' {
			i++
		}
		if got := titleDotAt(text, i); got != want {
			t.Errorf("titleDotAt(%q) = %v, want %v", text, got, want)
		}
	}
}
