package lexicon

import "testing"

// Round 14: contempt and hate without swear words, in every language. The
// lexicon alone must give a removal-level signal to contempt aimed at a
// person (superlatives, "you reek of mediocrity", "the IQ of a folding
// chair", "every word you say is an insult", "you belong in the bin", "the
// lowest of the low", "fat as a cow", "a parasite who lives off everyone",
// "you should be banned from speaking", "your mother should have …") and to
// hate as conspiracy or norm about a group ("the jews control the banks",
// "gays … prey on children", "women vets are useless", "refugees are
// cockroaches", "nothing but bloodsuckers", "society's garbage", eugenics
// nostalgia). Look-alikes stay under removal: harsh complaints about a
// service or a decision, self-deprecation, non-protected groups, vet
// vocabulary, counter-speech and negation, neutral mentions.

// TestR14iContempt: contempt by superlative or comparison, aimed at a person.
func TestR14iContempt(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "you're honestly the most useless human being i have ever dealt with", true},
		{"en", "you reek of failure, everyone can smell it", true},
		{"en", "you've got the IQ of a houseplant", true},
		{"en", "every sentence you write is an insult to human intelligence", true},
		{"en", "people like you belong in the gutter with the rest of the trash", true},
		{"en", "your mother should have kept you in for another nine months", true},
		{"en", "you should be banned from ever opening your mouth again", true},
		{"fr", "t'es vraiment l'être le plus inutile que j'aie jamais rencontré", true},
		{"fr", "tu pues la médiocrité à des kilomètres", true},
		{"fr", "t'as le QI d'une plante verte", true},
		{"fr", "t'es le dernier des derniers, un moins que rien", true},
		{"fr", "ce type est un parasite qui vit sur le dos de tout le monde", true},
		{"nl", "jij bent echt het nutteloosste mens dat ik ooit heb meegemaakt", true},
		{"nl", "je stinkt op kilometers afstand naar middelmatigheid", true},
		{"nl", "jij hoort in de container bij de rest van het afval", true},
		{"nl", "de nieuwe verpleegster is zo dik als een zeug", true},
		{"de", "du bist echt der nutzloseste mensch, der mir je begegnet ist", true},
		{"de", "du hast den IQ einer zimmerpflanze", true},
		{"de", "jedes wort aus deinem mund ist eine beleidigung für die intelligenz", true},
		{"de", "dir sollte man verbieten, jemals wieder den mund aufzumachen", true},
		{"sv", "du är ärligt talat den mest värdelösa människa jag nånsin träffat", true},
		{"sv", "varje ord ur din mun är en förolämpning mot förnuftet", true},
		{"sv", "du är det lägsta av det lägsta, en nolla", true},
		{"nb", "du er ærlig talt det mest ubrukelige mennesket jeg noen gang har truffet", true},
		{"nb", "hvert ord fra munnen din er en fornærmelse mot fornuften", true},
		{"nb", "jenta i resepsjonen er feit som ei ku, trist egentlig", true},
		{"nn", "du er det mest ubrukelege mennesket eg nokon gong har møtt", true},
		{"nn", "du er det lågaste av det lågaste, ein null", true},
		{"da", "hver sætning du skriver er en fornærmelse mod menneskelig forstand", true},
		{"da", "du er den laveste af de laveste, et nul", true},
		// look-alikes: a service, a decision, oneself, animals, the bin
		{"en", "the most useless service i have ever had, three weeks for a reply", false},
		{"en", "your app reeks, it crashes every time i log in", false},
		{"en", "this decision is an insult to common sense", false},
		{"en", "i'm the most useless person at mornings, sorry for being late", false},
		{"en", "the cow is fat and due to calve next week", false},
		{"en", "my dog had parasites that lived off him for months", false},
		{"en", "the bin belongs in the back yard, not by the door", false},
		{"fr", "le service le plus inutile que j'aie jamais eu", false},
		{"fr", "cette décision est une insulte au bon sens", false},
		{"fr", "la vache est grosse, elle doit vêler la semaine prochaine", false},
		{"nl", "de nutteloosste service die ik ooit heb gehad", false},
		{"nl", "dit besluit is een belediging voor het gezond verstand", false},
		{"de", "der nutzloseste service, den ich je hatte", false},
		{"de", "ich bin morgens der nutzloseste mensch der welt", false},
		{"de", "nacktschnecken im garten, ist das schneckenkorn gefährlich für den hund?", false},
		{"sv", "den mest värdelösa service jag nånsin fått", false},
		{"sv", "kon är tjock och ska kalva nästa vecka", false},
		{"nb", "den mest ubrukelige servicen jeg noen gang har fått", false},
		{"nb", "denne avgjørelsen er en fornærmelse mot sunn fornuft", false},
		{"da", "jeg er det mest ubrugelige menneske om morgenen", false},
	})
}

// TestR14iHate: conspiracy, normative claims and vermin words about a
// protected group, and nostalgia for race biology.
func TestR14iHate(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "the jews run the banks and the drug companies, wake up", true},
		{"en", "gays should never be allowed near children, they prey on them", true},
		{"en", "female vets are worthless, they cry when an animal dies", true},
		{"en", "muslims are the garbage of society", true},
		{"en", "things were better when we had eugenics and sterilised the weak", true},
		{"fr", "les juifs contrôlent les labos, c'est pour ça que les médicaments coûtent si cher", true},
		{"fr", "les immigrés ne sont que des sangsues", true},
		{"nl", "de joden hebben de banken en de farma in handen", true},
		{"nl", "moslims zijn het afval van de samenleving", true},
		{"de", "die juden kontrollieren die pharmakonzerne", true},
		{"de", "ausländer sind nichts als blutsauger", true},
		{"de", "früher mit der rassenhygiene war es besser", true},
		{"sv", "judarna är inget annat än blodsugare", true},
		{"sv", "muslimer är samhällets sopor", true},
		{"sv", "det var bättre när vi hade rasbiologiska institutet", true},
		{"nb", "jødene er ikke noe annet enn blodsugere", true},
		{"nb", "det var bedre da vi hadde rasehygiene", true},
		{"nn", "muslimane er samfunnet sitt søppel", true},
		{"nn", "jødane er ikkje anna enn blodsugarar", true},
		{"da", "indvandrerne er ikke andet end blodsugere", true},
		// look-alikes: non-protected groups, counter-speech, negation, neutral mentions
		{"en", "refugees are not rats, they are people like us", false},
		{"en", "our jewish neighbour brought the kitten in, thank you", false},
		{"en", "female vets are brilliant, ours never flinches at blood", false},
		{"en", "things were better when we had a vet on call at weekends", false},
		{"en", "gay couples can foster here, ask the municipality", false},
		{"fr", "traiter les migrants de rats c'est du racisme pur", false},
		{"fr", "les politiciens sont des parasites, tous autant qu'ils sont", false},
		{"nl", "asielzoekers zijn geen ratten, het zijn mensen zoals wij", false},
		{"de", "flüchtlinge ratten zu nennen ist purer rassismus", false},
		{"sv", "flyktingar är inga råttor, de är människor som vi", false},
		{"sv", "vi pratade om rasbiologiska institutet på historielektionen", false},
		{"nb", "flyktninger er ikke rotter, de er mennesker som oss", false},
		{"da", "flygtninge er ikke rotter, de er mennesker som os", false},
	})
}

// TestR14iLookalikes: everyday sentences that share words with the round's
// entries and must stay under removal: a mother keeping a sick child in
// bed, throwing things out with the rest of the rubbish, a puppy's size, a
// school project on eugenics, gay people who suffered abuse, a grade of
// zero, a bin rule, a dog not to be trusted with children, a Swedish
// "inför" (before), ticks as bloodsuckers, a tick magnet, a place that
// reeks, a pupil refused by a school.
func TestR14iLookalikes(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "your mum should have kept you in bed today, you were clearly ill", false},
		{"en", "can you throw it out with the rest of the rubbish please?", false},
		{"en", "the puppy will be the size of a house, you'll see", false},
		{"en", "we need to talk about eugenics in the history project, can you help?", false},
		{"en", "gay people who suffered abuse as children can call our helpline", false},
		{"en", "you got a complete zero on the quiz haha", false},
		{"en", "he's a tick magnet every summer, what collar do you recommend?", false},
		{"en", "the jews run a food bank, everything is free on fridays", false},
		{"en", "the place reeks of desperation since the cuts, you know", false},
		{"fr", "tu peux mettre ça avec le reste des déchets verts ?", false},
		{"fr", "les homos subissent un harcèlement violent au lycée", false},
		{"fr", "mon fils autiste n'a rien à faire dans une école normale selon le rectorat, c'est honteux", false},
		{"nl", "je hoort plastic in de container te gooien", false},
		{"nl", "die hond kun je niet vertrouwen met kinderen, wat denk jij?", false},
		{"de", "deine mutter hätte dich behalten sollen, sagt das jugendamt", false},
		{"de", "einem welpen kann man keine kinder anvertrauen, weißt du", false},
		{"sv", "inför lektionen om rashygien, har du läst boken?", false},
		{"sv", "homosexuella utnyttjar sin rätt att gifta sig", false},
		{"nb", "flått er blodsugere, du bør bruke middel", false},
	})
}

// TestR14iNamedGroups: a protected group named in the entry itself, called
// vermin or untrustworthy; the same vermin word about pests, a group not
// named, or a second person talking about speed stays under removal.
func TestR14iNamedGroups(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"fr", "les réfugiés c'est des cafards et la mairie les nourrit", true},
		{"fr", "on peut pas faire confiance aux noirs avec les stupéfiants", true},
		{"nl", "zwarten kun je niet vertrouwen met opiaten", true},
		{"de", "flüchtlinge sind ratten und die gemeinde füttert sie", true},
		{"sv", "den mannen är en snigel, han förtjänar inte att man pratar med honom", true},
		{"nb", "den mannen er en snegle, han fortjener ikke at noen snakker med ham", true},
		{"da", "flygtninge er rotter og kommunen fodrer dem", true},
		// look-alikes
		{"fr", "il y a des cafards dans la cuisine du foyer, vous pouvez venir ?", false},
		{"nl", "er zitten ratten in de kelder van de opvang, kunnen jullie komen?", false},
		{"de", "im keller der unterkunft sind ratten, bitte jemanden schicken", false},
		{"sv", "du är en snigel idag, skynda dig", false},
		{"da", "flygtninge er ikke rotter, de er mennesker som os", false},
	})
}

// TestR14iSelf: the same comparisons said of oneself, with the reader
// addressed in the same comment, are self-deprecation, not contempt.
func TestR14iSelf(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "sorry i have the iq of a potato today, thank you for your patience", false},
		{"en", "i'm fat as a cow after christmas, can you recommend a gym near the clinic?", false},
		{"en", "i'm the most useless person i've ever known at mornings, sorry you had to wait", false},
		{"fr", "je suis grosse comme une vache depuis la grossesse, vous avez des conseils ?", false},
		{"fr", "j'ai le cerveau d'un poisson rouge aujourd'hui, merci de votre patience", false},
		{"nl", "ik ben zo dik als een koe na de vakantie, hebben jullie tips?", false},
		{"nl", "ik heb het iq van een goudvis vandaag, sorry dat je moest wachten", false},
		{"de", "ich hab das hirn eines goldfischs heute, danke dass du gewartet hast", false},
		{"sv", "jag är tjock som en val efter julen, har ni tips?", false},
		{"sv", "jag har hjärnan av en guldfisk idag, tack för att ni väntade", false},
		{"nb", "jeg er feit som ei ku etter jul, kan du anbefale noe?", false},
		{"nn", "eg har hjernen til ein gullfisk i dag, takk for at du venta", false},
		// the same said of the reader or of a staff member stays
		{"en", "you've got the IQ of a houseplant", true},
		{"sv", "den där sekreteraren har hjärnan av en ostron", true},
		{"nb", "du er feit som ei ku, trist egentlig", true},
	})
}
