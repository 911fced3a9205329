package lang

import "strings"

// group is a language as the lexicon sees it: Bokmål and Nynorsk are one
// group, since most of their function words are the same.
type group int

const (
	gFr group = iota
	gNl
	gSv
	gNo
	gEn
	gDe
	gDa
	numGroups
)

var groupCodes = [numGroups]string{"fr", "nl", "sv", "nb", "en", "de", "da"}

type groupSet uint8

func (m groupSet) count() int {
	n := 0
	for ; m != 0; m &= m - 1 {
		n++
	}
	return n
}

type entry struct {
	groups groupSet
	nb, nn bool // a marker of Bokmål, or of Nynorsk, within Norwegian
}

// The word lists. A word belongs in every list of a language where it is
// common, however short or odd it looks there: its weight is split between
// the languages that share it, and a word missing from one list makes the
// others look more distinctive than they are. Apostrophes split words
// ("c'est" is "c" and "est", "don't" is "don" and "t").
var words = [numGroups]string{
	gFr: `le la les l un une des du de d et est es sont ai as a ont avons avez été être
	     suis pas ne n que qu qui quoi pour avec dans sur par mais ou où je j tu il elle on
	     nous vous ils elles mon ma mes ton ta tes son sa ses notre votre vos nos leur leurs
	     ce cet cette ces c ça ca ci y en au aux lui moi toi me te se si ni dit fait faire
	     très trop bien merci bonjour bonsoir salut svp stp oui non plus moins tout tous
	     toute toutes rien jamais toujours encore aussi déjà chez comme quand comment
	     pourquoi combien parce vraiment vétérinaire véto vétos clinique chien chienne
	     chiot chaton rendez heures heure ouvert ouverte fermé fermée samedi dimanche lundi
	     mardi mercredi jeudi vendredi aujourd hui demain hier docteur équipe soins facture
	     prix attente honte nul nulle merde connard connards salope crève gueule sais
	     habites adresse appelle appeler téléphone mort morte bravo génial
	     gentille gentil accueil minutes euros avoir vu peut peux veux faut vais va était
	     avait pendant après avant sans depuis contre à t s m
	     quel quelle cela alors donc car sera chose bonne bon journée soirée beaucoup peu mieux personne même autre puis doit lors entre mange`,
	gNl: `de het een en van in is op te dat die dit niet met voor zijn er maar om aan ook als
	     bij nog wel geen al ik je jij jou u uw we wij ze zij hij haar mijn jullie ons onze
	     wat hoe waarom wanneer waar wie heb hebt heeft hebben had was waren ben bent kan
	     kun kunnen kunt wil wilt moet moeten zou zo naar uit over dan nu heel erg echt
	     bedankt dank dankjewel dankuwel alstublieft graag hallo goedemorgen goedemiddag
	     hoi leuk mooi lief lieve fijn dierenarts dierenartsen kliniek praktijk hond honden
	     kat poes afspraak open zaterdag zondag maandag dinsdag woensdag donderdag vrijdag
	     vandaag morgen gisteren rekening wachten gewacht lang schande klootzak kut weet
	     woont adres bellen dood overleden geholpen hulp zeer goed slecht nooit altijd
	     even toch iets niks niets alles veel meer minder uur euro onze beestje hier ja nee
	     deze hun hem wordt worden werd geweest door tot onder tegen zonder omdat want of gewoon jammer dag weer nou eens hoor zit gaat gaan komt komen doen doet gedaan zien zie laat mee alle hele`,
	gSv: `och att det som en ett är jag du han hon vi ni de den dem inte på med för till av
	     om men har hade var vara varit kan kunde ska skulle vill måste så här där när vad
	     hur varför vem min mitt mina din ditt dina er era vår vårt våra också bara mycket
	     tack hej hejsan snälla ja nej kanske alltid aldrig någon något några inget ingen
	     idag imorgon igår öppet öppna stängt veterinär veterinären klinik kliniken katt
	     katten hund hunden tid väntat väntade väntar räkning kronor lördag söndag måndag
	     tisdag onsdag torsdag fredag djur djuret personal personalen tyvärr jättebra bra
	     mig dig sig oss efter från ut upp nu vet bor adress ring dog död döda fantastisk
	     fantastiska trevlig trevliga hjälp timmar timme dålig dåliga aldrig får fick
	     kommer sitt sin sina blev skäms glad skam sa ta se man ville får
	     utan mot hos sedan sen mellan blir bli göra gör gjorde fått få hela alla allt andra vilken vilket eller än redan själv varje väldigt jätte bättre bästa tycker säger tror fortfarande jo`,
	gNo: `og i det som en et ei ein eit er var jeg eg du han hun ho vi dere de dei den dem
	     ikke ikkje på med for til av om men har hadde kan kunne skal skulle vil ville må
	     så her der når hva kva hvordan korleis hvorfor kvifor hvem kven min mitt mine din
	     ditt dine vår vårt våre også òg bare berre mye mykje veldig takk hei hallo ja nei
	     kanskje alltid aldri noen nokon noe noko ingen ingenting åpent åpen ope stengt
	     veterinær veterinæren veterinæren klinikken klinikk hund hunden katt katten
	     timen ventet venta ventetid regning regninga regningen kroner lørdag laurdag søndag
	     mandag måndag tirsdag tysdag onsdag torsdag fredag dyr dyret ansatte heldigvis
	     dessverre fra frå meg deg seg oss dykk hjem heim etter ut opp nå bra fint flott
	     være vere blir bli ble vart fikk fekk kommer kjem sier seier hvis viss vet veit
	     bor adresse ring døde død hjelp hjelpe timer dårlig dårleg skam skjems glad
	     sist tid da se man over får sin sitt
	     å gjør gjorde godt allerede få fått hos mot uten mellom eller enn alt alle andre hele litt mer mange sånn slik blitt gjennom bedre beste synes syns tror sammen dag fortsatt stadig ennå jo vel
	     heile heime att betre roleg dagar timar sidan kome teke døydde attende gjer frå sjå nøgd vore kring hjarte døy sat tilsette meiner sei bur noko vanleg farleg ringje stengjer kostar
	     hele hjemme igjen bedre rolig dager siden komme tatt døde tilbake hjerte dø satt ansatte mener si fornøyd vært rundt vanlig farlig ringe stenger koster`,
	gEn: `the a an and or but is are was were be been being i you he she it we they my your
	     his her its our their me him us them this that these those what when where why how
	     who which not no yes do does did don doesn didn t s m re ve ll have has had can
	     could will would should shall to of in on at for with from by about as so if just
	     very really thanks thank thx please pls hi hello dear vet vets clinic dog dogs cat
	     cats puppy kitten appointment open closed today tomorrow yesterday bill waiting
	     waited staff team doctor love loved great amazing awful terrible worst best die
	     know live living address call died dead help helped hours hour never always
	     again there here all any some got get am over glad
	     their one more than then only also after before because want need like good bad people other every still too much many something nothing everyone anyone nobody yourself yourselves ashamed u ur im dont cant wont lol omg end`,
	gDe: `der die das und ist nicht ich du er sie es wir ihr mein meine meinen dein deine
	     unser unsere euer ein eine einen einem einer den dem des zu zum zur mit von vom
	     auf für an in im am sind war waren hat haben habe hatte hatten kann können muss
	     müssen will wird werden wurde so wie was wer wann warum wo auch noch nur schon
	     sehr gut danke bitte hallo guten tag morgen ja nein kein keine keinen aber oder
	     dass wenn weil dann hier da tierarzt tierärztin tierärzte praxis klinik hund
	     hunde katze katzen termin geöffnet offen heute gestern rechnung warten gewartet
	     stunde stunden samstag sonntag montag dienstag mittwoch donnerstag freitag
	     vielen toll schade leider weiß wohnst adresse anrufen tot gestorben hilfe
	     geholfen immer nie wieder alles viel mehr euro uns euch sich bei nach aus
	     über man mal doch
	     ihnen sein seine ihre ihren worden gewesen durch gegen ohne bis seit unter zwischen denn also eigentlich wirklich ganz gar etwas nichts jemand niemand keiner alle andere besser beste machen gemacht geht gehen kommt einfach vielleicht sollte könnte würde hätte bin bist schön`,
	gDa: `og i det som en et er var jeg du han hun vi de den dem ikke på med for til af om
	     men har havde kan kunne skal skulle vil ville må så her der når hvad hvordan
	     hvorfor hvem min mit mine din dit dine vores også bare meget rigtig tak hej hejsa
	     ja nej måske altid aldrig nogen noget ingen intet nu mig dig sig os jer jeres
	     efter fra hjem dyrlæge dyrlægen dyrlæger klinik klinikken hund hunden kat katten
	     tid regning regningen kroner lørdag søndag mandag tirsdag onsdag torsdag fredag
	     dyr dyret desværre godt lige sådan hvis være blive blev fik kommer siger ved bor
	     adresse ring døde død hjælp hjælpe timer dårlig skam glad sidst at ud op da se
	     man over får sin sit
	     gør gjorde allerede fået hos mod uden mellem eller end alt alle andre hele lidt mere mange blevet gennem bedre bedste synes tror sammen stadig endnu jo vel dejlig dejligt
	     sikke sikken nogle hende hendes hvornår sgu fandme kugle panden lort uger derhjemme få`,
}

// Within Norwegian, words of one written standard and not the other.
const (
	bokmalMarkers = `jeg ikke hva hvordan hvorfor hvem hun dere noen noe mye bare hjem fra en et
	                 være vet kommer sier hvis fikk dårlig hjelpe hele hjemme igjen bedre rolig dager siden komme tatt døde tilbake hjerte dø satt ansatte mener si fornøyd vært rundt vanlig farlig ringe stenger koster`
	nynorskMarkers = `eg ikkje kva korleis kvifor kven ho dei dykk nokon noko mykje berre heim frå
	                  ein eit vere veit kjem seier viss fekk dårleg ope laurdag måndag tysdag
	                  vart òg heile heime att betre roleg dagar timar sidan kome teke døydde attende gjer frå sjå nøgd vore kring hjarte døy sat tilsette meiner sei bur noko vanleg farleg ringje stengjer kostar`
)

var lexicon = buildLexicon()

// lexFilter answers "certainly not in lexicon" for most tokens from their
// length and first and last bytes, cheaper than the map lookup it saves.
var lexFilter = buildFilter(lexicon)

// filterBits is the size of lexFilter: 16 Kibit keep about one token in
// ten that is no function word.
const filterBits = 1 << 14

type filter [filterBits / 64]uint64

func filterSlot(n int, first, last byte) uint32 {
	h := uint32(first) | uint32(last)<<8 | uint32(n)<<16
	return (h * 0x9E3779B1) >> (32 - 14)
}

func buildFilter(lex map[string]entry) *filter {
	f := new(filter)
	for w := range lex {
		if w == "" {
			continue
		}
		k := filterSlot(len(w), w[0], w[len(w)-1])
		f[k/64] |= 1 << (k % 64)
	}
	return f
}

// maybe reports whether tok may be a key of the lexicon; false is certain.
func (f *filter) maybe(tok []byte) bool {
	if len(tok) == 0 {
		_, ok := lexicon[""]
		return ok
	}
	k := filterSlot(len(tok), tok[0], tok[len(tok)-1])
	return f[k/64]&(1<<(k%64)) != 0
}

func buildLexicon() map[string]entry {
	lex := make(map[string]entry, 1500)
	for g, list := range words {
		for _, w := range strings.Fields(list) {
			e := lex[w]
			e.groups |= 1 << g
			lex[w] = e
		}
	}
	mark := func(list string, nb bool) {
		for _, w := range strings.Fields(list) {
			e, ok := lex[w]
			if !ok || e.groups&(1<<gNo) == 0 {
				continue // a marker only counts for a word the Norwegian list knows
			}
			if nb {
				e.nb = true
			} else {
				e.nn = true
			}
			lex[w] = e
		}
	}
	mark(bokmalMarkers, true)
	mark(nynorskMarkers, false)
	return lex
}
