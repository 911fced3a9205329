package lexicon

import "testing"

// TestR18ThreatConstructions: threats carried by a construction rather than
// a violent verb (testdata/round18-threat.jsonl): an accident foretold and
// its closer, a relative sent to sort someone out or "not the type who
// talks", a wish of illness or of a crash, a call on others to teach a
// lesson, a passive harm to property or person, waiting till the target is
// alone, "you think nobody knows where you park?", coming back "and not to
// talk", payment "with more than money", "he'll be the one needing a
// doctor". Look-alikes: safety advice, a relative doing paperwork, a quiet
// father, a wish of recovery, a builder's windows, a reported threat.
func TestR18ThreatConstructions(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "accidents happen on that back road at night. just saying", true},
		{"en", "my brother is going to sort out that receptionist", true},
		{"en", "my uncle knows what you did to my mum's file, and he's not the talking type.", true},
		{"en", "i hope your director gets a long painful illness", true},
		{"en", "someone should teach that warden a lesson", true},
		{"en", "the windows of your surgery will be smashed one of these nights", true},
		{"en", "just wait till she walks home after her shift", true},
		{"en", "do you really think nobody knows where you park?", true},
		{"en", "refuse my claim again and i'll come back and it won't be to talk", true},
		{"en", "you will pay for that with more than money", true},
		{"en", "that carer will be the one needing a doctor", true},
		{"fr", "un incendie c'est vite arrivé dans un vieux cabinet. pensez-y", true},
		{"fr", "mes cousins vont lui régler son compte à votre secrétaire", true},
		{"fr", "je vous souhaite une longue maladie", true},
		{"fr", "qqun devrait lui régler son compte à ce contrôleur", true},
		{"fr", "il sera puni, lui et toute sa famille", true},
		{"fr", "un jour viendra où tu seras seule au guichet", true},
		{"fr", "tu va voir ce qui va t'arriver", true},
		{"nl", "er vallen wel vaker mensen van de trap. zeg dat maar tegen die conciërge", true},
		{"nl", "ik ken wel een paar jongens die dat willen doen", true},
		{"nl", "ik wens jullie directeur een slopende ziekte", true},
		{"nl", "wacht maar tot je vanavond naar huis fietst", true},
		{"nl", "denk je echt dat niemand weet waar je woont?", true},
		{"de", "da kann ein Pfleger schnell mal stürzen. Nur so als Hinweis.", true},
		{"de", "ich wünsche Ihrem Chef einen qualvollen Tod", true},
		{"de", "wenn ich dich seh kriegst du eine, versprochen", true},
		{"de", "noch eine Absage und ich komme vorbei, und nicht zum Reden", true},
		{"sv", "olyckor händer. särskilt för folk som lägger sig i", true},
		{"sv", "min bror har sett vad du gjorde och han är inte typen som pratar.", true},
		{"sv", "hoppas nån kör på henne på parkeringen", true},
		{"sv", "rektorn kommer att bli nerslagen en dag", true},
		{"sv", "det kommer en dag då du står ensam i receptionen", true},
		{"nb", "det er lett å skli på trappa deres. mange brekker noe hver vinter", true},
		{"nb", "en eller annen burde banke vett inn i den saksbehandleren", true},
		{"nb", "dekkene dine blir nok skåret opp en natt", true},
		{"nb", "avslag igjen, og jeg kommer innom med noe annet enn papirer", true},
		{"nn", "bror min har lese kva du gjorde, og han er ikkje typen som pratar", true},
		{"da", "min bror ved hvad du gjorde, og han er ikke typen der snakker", true},
		{"fr", "tes pneus seront crevés un de ces soirs", true},
		{"fr", "ce contrôleur va se faire tabasser un de ces jours", true},
		{"fr", "tu crois que personne sait où tu habites ?", true},
		{"en", "that nurse is gonna get jumped one of these nights", true},
		{"de", "der Hausmeister wird noch verprügelt", true},
		{"nl", "die boa wordt nog wel in elkaar geslagen", true},
		{"sv", "vänta bara tills hon går hem ikväll", true},
		{"nb", "bare vent til hun går hjem i kveld", true},
		{"sv", "min bror ska ge honom en läxa", true},
		{"nb", "fetteren min skal lære han folkeskikk", true},
		{"fr", "j'espère que ta voiture finisse dans le fossé ce soir", true},
		{"nl", "ik hoop dat je auto uit de bocht vliegt", true},
		{"de", "ich hoffe dein Auto im Graben landet", true},
		{"sv", "hoppas din bil kör av vägen ikväll", true},
		{"nb", "håper bilen din havner i grøfta", true},
		// look-alikes
		{"sv", "hoppas din bil inte hamnar i diket i snöovädret", false},
		{"nb", "håper bilen din ikke havner i grøfta i dette været", false},
		{"fr", "attendez que le docteur soit seul pour lui parler", false},
		{"en", "the cat will get knocked out by the anaesthetic, don't worry", false},
		{"sv", "vänta tills du går hem och läs mejlet i lugn och ro", false},
		{"en", "wait till you get home and read the letter", false},
		{"fr", "les pneus de l'ambulance seront changés lundi", false},
		{"en", "accidents happen with puppies, so keep cleaning products out of reach", false},
		{"en", "my son will sort out the paperwork, your office lost it twice", false},
		{"en", "my dad's not the type to talk about feelings, but he loved it here", false},
		{"en", "i hope your director gets well soon after his long illness", false},
		{"en", "the windows will be replaced next week, sorry for the noise", false},
		{"en", "i'll come back tomorrow with the forms, thank you", false},
		{"en", "a man wrote 'you will pay for that with more than money' to our nurse, the police have it", false},
		{"fr", "un accident est vite arrivé avec un chiot : rangez les produits ménagers", false},
		{"fr", "mon fils va s'occuper des papiers, votre secrétariat les a perdus", false},
		{"fr", "c'est ma mère qui aura besoin d'une infirmière à domicile, merci", false},
		{"nl", "een ongeluk zit in een klein hoekje: houd schoonmaakmiddelen buiten bereik", false},
		{"nl", "mijn zoon komt de papieren ophalen", false},
		{"de", "ein Unfall ist schnell passiert: sichern Sie Ihren Hund im Auto", false},
		{"de", "kriegst du eine Mail von uns, wenn der Termin steht?", false},
		{"sv", "olyckor händer med valpar, ställ undan rengöringsmedel", false},
		{"sv", "min pappa är inte typen som pratar om känslor, men han trivs här", false},
		{"nb", "ulykker skjer fort med valper, sett vaskemidler høyt", false},
	})
}

// TestR18ThreatPlay: banter with a laugh and a prank, a party game with an
// invitation and a team beaten in a cup are no threats; the same words
// without the play, at the reader after a match or at a referee, stay.
func TestR18ThreatPlay(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"fr", "mdr @kevin je vais te tuer si tu refais le coup du faux rdv 😂", false},
		{"en", "@mike lol do that again and i'll kill you 😂", false},
		{"nl", "wie doet er mee met de weerwolven-avond? ik ga jullie allemaal vermoorden 🐺", false},
		{"en", "who's up for werewolf tonight? i'll kill you all", false},
		{"nb", "vi skal slakte dem fra nabobygda i håndballcupen i helga 🤾", false},
		{"sv", "vi ska krossa dem i matchen på lördag ⚽", false},
		{"en", "we're going to destroy them in the league tomorrow ⚽", false},
		{"fr", "je vais te tuer si tu refais le coup", true},
		{"en", "i'll kill you after the match, wait and see", true},
		{"sv", "hoppas någon spöar skiten ur domaren efter matchen", true},
		{"nb", "håper noen banker dritten ut av dommeren etter kampen", true},
		{"nb", "vi skal slakte dem som jobber på kontoret", true},
		{"en", "i know where you live @mike 😂", true},
	})
}
