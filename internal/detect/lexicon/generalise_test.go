package lexicon

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// These cases were written for Stormwatch to test that the lexicons
// generalise beyond the project's labelled sets: new phrasings, registers,
// spellings and dialects (Belgian French, Flemish, Swiss German, Nynorsk)
// for every abusive category, and hard negatives that must never be
// removed (harsh complaints, counter-speech quoting abuse, negation,
// neutral identity mentions, reclaimed words, profanity as emphasis, abuse
// aimed at objects). Each is judged as the default policy would judge the
// lexicon's signals alone (internal/policy/default.yaml).

// gcase is one generalisation case: cat is the category that must be found
// for an abusive text (which must then be removed), or "" for a text that
// must be kept.
type gcase struct {
	lang, text string
	cat        detect.Category
}

// gstaff are the workspace staff names the cases of each language use.
var gstaff = map[string][]string{
	"fr": {"Sophie Morel", "Julien Dubois"},
	"nl": {"Sanne de Vries", "Pieter Janssens"},
	"sv": {"Anna Lindqvist", "Erik Berg"},
	"nb": {"Kari Nordmann", "Ola Hansen"},
	"nn": {"Kari Nordmann", "Ola Hansen"},
	"en": {"Emma Clarke", "Tom Baker"},
	"de": {"Katrin Weber", "Jonas Keller"},
}

// removedBy applies the default policy to the signals: it returns the rule
// that removes the text, or "" when it stays.
func removedBy(m map[detect.Category]detect.Signal) string {
	sc := func(c detect.Category) float64 { return m[c].Score }
	switch {
	case sc(detect.Threat) >= 0.7:
		return "threat"
	case sc(detect.Hate) >= 0.7:
		return "hate"
	case sc(detect.Crisis) >= 0.6, sc(detect.Complaint) >= 0.6:
		return ""
	case sc(detect.Sexual) >= 0.7:
		return "sexual"
	case sc(detect.Harassment) >= 0.7:
		return "harassment"
	case sc(detect.Insult) >= 0.8, sc(detect.Insult) >= 0.5 && m[detect.Insult].Severity >= 3:
		return "insult"
	}
	return ""
}

// gthreshold is the score at which the default policy acts on a category.
var gthreshold = map[detect.Category]float64{
	detect.Threat: 0.7, detect.Hate: 0.7, detect.Harassment: 0.7, detect.Sexual: 0.7, detect.Insult: 0.5,
}

// gfail returns why a case fails, or "".
func gfail(tc gcase) (string, map[detect.Category]detect.Signal) {
	in := detect.Input{Text: tc.text, Lang: tc.lang, Context: &detect.Context{StaffNames: gstaff[tc.lang]}}
	sigs, err := det.Detect(context.Background(), in)
	if err != nil {
		return err.Error(), nil
	}
	m := map[detect.Category]detect.Signal{}
	for _, s := range sigs {
		m[s.Category] = s
	}
	rule := removedBy(m)
	if tc.cat == gR {
		if m[detect.Insult].Score < 0.5 {
			return fmt.Sprintf("mild insult not found (insult %.2f)", m[detect.Insult].Score), m
		}
		return "", m
	}
	switch {
	case tc.cat == "" && rule != "":
		return "kept text removed by " + rule, m
	case tc.cat != "" && rule == "":
		return "abusive text kept", m
	case tc.cat != "" && m[tc.cat].Score < gthreshold[tc.cat]:
		return fmt.Sprintf("removed by %s but %s only %.2f", rule, tc.cat, m[tc.cat].Score), m
	}
	return "", m
}

func TestGeneralise(t *testing.T) {
	type key struct{ lang, cat string }
	total, failed := map[key]int{}, map[key]int{}
	for _, tc := range append(append(append([]gcase(nil), gcases...), gcases2...), gcases3...) {
		cat := string(tc.cat)
		if cat == "" {
			cat = "keep"
		}
		k := key{tc.lang, cat}
		total[k]++
		why, m := gfail(tc)
		if why == "" {
			continue
		}
		failed[k]++
		var b strings.Builder
		for _, c := range detect.Categories {
			if s, ok := m[c]; ok {
				fmt.Fprintf(&b, "\n    %s %.3f sev %d: %s", c, s.Score, s.Severity, s.Explanation)
			}
		}
		t.Errorf("%s %q: %s%s", tc.lang, tc.text, why, b.String())
	}
	var keys []key
	for k := range total {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].lang != keys[j].lang {
			return keys[i].lang < keys[j].lang
		}
		return keys[i].cat < keys[j].cat
	})
	for _, k := range keys {
		t.Logf("%s %-10s %3d cases, %d failed", k.lang, k.cat, total[k], failed[k])
	}
}

var (
	gI  = detect.Insult
	gH  = detect.Harassment
	gT  = detect.Threat
	gHT = detect.Hate
	gS  = detect.Sexual
	// gR is a mild insult: the insult must be found (the policy sends it
	// to review), removal is not required (labelling guide: "bunch of
	// clowns" is kept).
	gR = detect.Category("insult-review")
)

var gcases = []gcase{
	// ---- French (with some Belgian French)
	{"fr", "T'es vraiment qu'une grosse merde, tu le sais ?", gI},
	{"fr", "Vous êtes tous des bons à rien et des parasites", gI},
	{"fr", "Espèce de sale rat, retourne sous ton caillou", gI},
	{"fr", "T'as un pois chiche à la place du cerveau", gR},
	{"fr", "Ferme-la, sombre idiot", gR},
	{"fr", "Tu n'es qu'un minable, un moins que rien", gR},
	{"fr", "Vous êtes des branleurs et des clowns", gI},
	{"fr", "T'es qu'un gros snul, une vraie klet", gR},
	{"fr", "Sophie Morel est une incapable et une grosse vache, virez-la", gH},
	{"fr", "Julien Dubois, on va faire de ta vie un enfer", gH},
	{"fr", "Tout le monde doit harceler Sophie Morel en privé jusqu'à ce qu'elle craque", gH},
	{"fr", "Sophie Morel c'est une sale pute qui couche avec le patron", gH},
	{"fr", "Je vais te défoncer la tête à la sortie", gT},
	{"fr", "On va venir vous rendre une petite visite ce soir, vous comprendrez", gT},
	{"fr", "Je vous prie de rembourser, sinon je ne réponds plus de rien", gT},
	{"fr", "Si mon chien ne guérit pas, je te tue", gT},
	{"fr", "Je sais que tu fermes seule le jeudi soir et que tu prends le bus de 19h", gT},
	{"fr", "Un jour quelqu'un va te planter un couteau dans le dos", gT},
	{"fr", "Tu vas finir dans un fossé, crois-moi", gT},
	{"fr", "Fais attention à tes pneus ce soir", gT},
	{"fr", "Les Arabes c'est tous des voleurs et des racailles", gHT},
	{"fr", "Ces migrants sont des animaux, il faut les renvoyer chez eux", gHT},
	{"fr", "Les musulmans n'ont rien à faire en France, qu'ils dégagent", gHT},
	{"fr", "Encore un bougnoule au guichet, sérieux", gHT},
	{"fr", "Les gouines et les pédés devraient être soignés", gHT},
	{"fr", "Les handicapés coûtent trop cher, on devrait tous les enfermer", gHT},
	{"fr", "T'as un joli petit cul, viens me sucer", gS},
	{"fr", "J'aimerais bien te voir toute nue, la petite secrétaire", gS},
	{"fr", "Envoie-moi une photo de tes nichons", gS},
	{"fr", "Je vais te prendre par derrière, tu vas aimer", gS},

	{"fr", "Votre service est une honte absolue, trois heures d'attente et personne ne s'excuse", ""},
	{"fr", "Quelqu'un m'a traité de sale arabe à l'accueil, c'est inadmissible", ""},
	{"fr", "Je ne dis pas que vous êtes des idiots, juste que l'erreur est grave", ""},
	{"fr", "En tant que femme musulmane, je me suis sentie très bien accueillie", ""},
	{"fr", "Nous les gouines, on est fières, et on sera à la marche samedi", ""},
	{"fr", "Putain, c'est la meilleure clinique que je connaisse !", ""},
	{"fr", "Cette putain d'imprimante refuse encore de marcher", ""},
	{"fr", "Ce logiciel est complètement débile, il plante sans arrêt", ""},
	{"fr", "Le docteur a été incompétent et méprisant, je porte plainte", ""},
	{"fr", "Mon chat est mort après l'opération, je veux des explications", ""},
	{"fr", "Les réfugiés du foyer ont organisé une fête de quartier super sympa", ""},
	{"fr", "Dire que les immigrés sont des parasites, c'est du racisme pur", ""},
	{"fr", "Personne ne veut vous faire de mal, on veut juste des réponses", ""},
	{"fr", "J'ai tué le temps en salle d'attente pendant deux heures, c'est trop long", ""},
	{"fr", "Le gars de l'accueil m'a dit « ferme ta gueule », ce genre de propos doit être signalé", ""},
	{"fr", "Mes enfants adorent le véto, il est génial, merci !", ""},
	{"fr", "Vos prix sont du vol pur et simple, je ne reviendrai plus", ""},
	{"fr", "Je suis gay et fier de l'être, merci pour votre accueil", ""},
	{"fr", "Ce bug à la con m'a fait rater mon rendez-vous", ""},
	{"fr", "J'en ai marre de cette mairie qui se fout de nous depuis septante jours", ""},

	// ---- Dutch (with some Flemish)
	{"nl", "Jij bent echt een vuile rat, weet je dat", gI},
	{"nl", "Wat een stelletje sukkels werken daar zeg", gR},
	{"nl", "Jij hebt het IQ van een baksteen", gR},
	{"nl", "Ga toch weg, smerige kakkerlak", gI},
	{"nl", "Kankerlijer, je bent niks waard", gI},
	{"nl", "Ge zijt ne vuile zakkenwasser", gI},
	{"nl", "Tyfushoer, hoepel op", gI},
	{"nl", "Jullie zijn allemaal waardeloze nietsnutten", gR},
	{"nl", "Sanne de Vries is een lelijke heks, ontsla dat wijf", gH},
	{"nl", "Iedereen moet Pieter Janssens blijven bellen tot hij gek wordt", gH},
	{"nl", "Pieter Janssens is een vieze pedo, deel dit overal", gH},
	{"nl", "Sanne de Vries, vuile slet, we maken je kapot", gH},
	{"nl", "Ik sla je kop in als ik je tegenkom", gT},
	{"nl", "Ik maak je af, vuile hond", gT},
	{"nl", "Als mijn hond doodgaat, steek ik jullie praktijk in brand", gT},
	{"nl", "We weten waar je kinderen naar school gaan", gT},
	{"nl", "Je fietst toch elke ochtend om half acht langs het kanaal? Pas maar op", gT},
	{"nl", "Ik zou maar oppassen als ik jou was, je weet wat je te wachten staat", gT},
	{"nl", "Ik kom je opzoeken met een mes", gT},
	{"nl", "Ik ga u de kop inslaan, smeerlap", gT},
	{"nl", "Al die Marokkanen zijn tuig, zet ze het land uit", gHT},
	{"nl", "Moslims zijn ratten die ons land overnemen", gHT},
	{"nl", "Homo's zijn ziek en horen hier niet", gHT},
	{"nl", "Vuile makakken, terug naar jullie eigen land", gHT},
	{"nl", "Joden controleren de banken en de media", gHT},
	{"nl", "Vluchtelingen zijn uitschot en moeten allemaal weg", gHT},
	{"nl", "Lekker kontje heb jij, mag ik eens knijpen", gS},
	{"nl", "Stuur me eens een naaktfoto schatje", gS},
	{"nl", "Ik wil je neuken op de balie", gS},
	{"nl", "Die receptioniste heeft lekkere tieten", gS},

	{"nl", "Jullie service is echt bedroevend slecht, drie keer gebeld en niemand belt terug", ""},
	{"nl", "Iemand noemde mij een vuile Marokkaan in de wachtkamer, dat is toch niet normaal", ""},
	{"nl", "Ik zeg niet dat jullie idioten zijn, maar dit is slordig werk", ""},
	{"nl", "Als homo voel ik me hier altijd welkom, dank jullie", ""},
	{"nl", "Kut, ik ben mijn pasje weer vergeten", ""},
	{"nl", "Die kutprinter doet het weer niet", ""},
	{"nl", "Deze app is echt debiel traag", ""},
	{"nl", "Mijn kat is overleden na de ingreep, ik wil uitleg", ""},
	{"nl", "Wat een geweldige behandeling, echt top, dank je wel!", ""},
	{"nl", "Zeggen dat moslims ratten zijn is gewoon racisme", ""},
	{"nl", "De dierenarts was onbeschoft en arrogant, nooit meer", ""},
	{"nl", "Wij potten lopen trots mee in de Pride", ""},
	{"nl", "Ik ga jullie niet bedreigen, ik wil alleen mijn geld terug", ""},
	{"nl", "Mijn buurvrouw is Turks en ze kookt fantastisch", ""},
	{"nl", "Die verdomde parkeerautomaat pikt mijn geld weer in", ""},
	{"nl", "Het is een schande dat de gemeente niks doet aan de gaten in de weg", ""},
	{"nl", "Dat is kanker duur voor een simpele controle", ""},
	{"nl", "Ik heb een advocaat ingeschakeld, dit loopt niet goed af voor de praktijk", ""},
	{"nl", "Mijn zoon is autistisch en werd super goed geholpen", ""},
	{"nl", "Ge zijt echt de max, merci voor alles", ""},

	// ---- Swedish
	{"sv", "Din dumma jävel", gI},
	{"sv", "Vilken hjärndöd människa du är", gR},
	{"sv", "Du är så himla korkad att det gör ont", gR},
	{"sv", "Era odugliga pajsare", gR},
	{"sv", "Håll käften, ditt äckel", gI},
	{"sv", "Fittkärring, dra åt helvete", gI},
	{"sv", "Du är ett kräk och en parasit", gI},
	{"sv", "Jävla mongo, fattar du ingenting", gI},
	{"sv", "Anna Lindqvist är en ful hora som borde sparkas", gH},
	{"sv", "Alla borde ringa Erik Berg hem varje kväll tills han ger upp", gH},
	{"sv", "Anna Lindqvist ska få ångra sig, vi sprider hennes bilder överallt", gH},
	{"sv", "Erik Berg din fega skitstövel", gH},
	{"sv", "Jag ska slå ihjäl dig", gT},
	{"sv", "Jag kommer att döda dig om du inte betalar tillbaka", gT},
	{"sv", "Vi vet vilken skola dina barn går på", gT},
	{"sv", "Du slutar väl klockan fem på fredagar och går ensam till bussen", gT},
	{"sv", "Det vore synd om något hände din bil", gT},
	{"sv", "Akta dig noga, nästa gång blir det inte bara ord", gT},
	{"sv", "Jag ska se till att du inte går härifrån levande", gT},
	{"sv", "Jag sticker kniven i dig nästa gång", gT},
	{"sv", "Invandrare är kackerlackor som förstör Sverige", gHT},
	{"sv", "Alla muslimer borde kastas ut ur landet", gHT},
	{"sv", "Bögar är äckliga och sjuka", gHT},
	{"sv", "Jävla blattar, åk hem", gHT},
	{"sv", "Judarna styr medierna", gHT},
	{"sv", "Zigenare är tjuvar allihop", gHT},
	{"sv", "Skicka nakenbilder till mig snygging", gS},
	{"sv", "Jag vill knulla dig på disken", gS},
	{"sv", "Fina pattar på receptionisten", gS},
	{"sv", "Sug min kuk", gS},

	{"sv", "Ert bemötande var under all kritik och ingen ringde tillbaka", ""},
	{"sv", "Någon kallade mig för blatte i väntrummet, det är inte okej", ""},
	{"sv", "Jag säger inte att ni är idioter, men det här är slarvigt", ""},
	{"sv", "Som muslim uppskattar jag att ni tog hänsyn till ramadan", ""},
	{"sv", "Vi flator är stolta och syns på Pride", ""},
	{"sv", "Fan vad bra ni var med min katt!", ""},
	{"sv", "Den jävla skrivaren har krånglat hela dagen", ""},
	{"sv", "Appen är helt värdelös och kraschar hela tiden", ""},
	{"sv", "Min hund dog efter operationen och jag kontaktar en advokat", ""},
	{"sv", "Att skriva att invandrare är kackerlackor är ren rasism", ""},
	{"sv", "Det var slut på platser i väntrummet, vi fick stå i en timme", ""},
	{"sv", "Jag fick vänta i två timmar, helt oacceptabelt", ""},
	{"sv", "Min sambo är invandrare och jobbar som sjuksköterska", ""},
	{"sv", "Ingen här vill skada någon, vi vill bara ha svar", ""},
	{"sv", "Kommunens beslut är ett skämt, ni borde skämmas", ""},
	{"sv", "Skit också, jag glömde kvittot", ""},
	{"sv", "Vår hund fick en ny kompis, en svart labrador", ""},
	{"sv", "Det här jävla systemet låser sig varje gång", ""},
	{"sv", "Tack för ett fantastiskt bemötande!", ""},
	{"sv", "Veterinären var otrevlig och nonchalant mot min dotter", ""},

	// ---- Norwegian Bokmål and Nynorsk
	{"nb", "Din dumme faen", gI},
	{"nb", "Hjernedøde kjerring, kom deg vekk", gR},
	{"nb", "Dere er en gjeng udugelige tullinger", gR},
	{"nb", "Hold kjeft, din ekle drittsekk", gI},
	{"nb", "Du er så dum at det er flaut", gR},
	{"nb", "Fitte, jeg hater deg", gI},
	{"nn", "Du er ein heilt ubrukeleg tosk", gR},
	{"nb", "Din feite gris", gI},
	{"nb", "Kari Nordmann er ei stygg hore som burde få sparken", gH},
	{"nb", "Alle må sende meldinger til Ola Hansen hver natt til han slutter", gH},
	{"nb", "Ola Hansen er en pedofil, spre dette overalt", gH},
	{"nn", "Kari Nordmann er ei ekkel heks, eg skal gjere livet hennar til eit helvete", gH},
	{"nb", "Jeg kommer til å banke deg gul og blå", gT},
	{"nb", "Vi vet hvilken skole ungene dine går på", gT},
	{"nb", "Hvis katten min dør, skal jeg knivstikke deg", gT},
	{"nb", "Du går jo tur med hunden alene hver kveld ved elva", gT},
	{"nb", "Det hadde vært synd om noe skjedde med bilen din", gT},
	{"nn", "Eg skal drepe deg", gT},
	{"nn", "Vi veit kvar du bur", gT},
	{"nb", "Pass deg, du skal få igjen for dette", gT},
	{"nb", "Innvandrere er parasitter som ødelegger Norge", gHT},
	{"nb", "Alle muslimer burde kastes ut av landet", gHT},
	{"nb", "Homser er syke og ekle", gHT},
	{"nb", "Jævla svartinger, reis hjem", gHT},
	{"nb", "Jødene styrer bankene", gHT},
	{"nn", "Innvandrarar er rotter og skal ut", gHT},
	{"nb", "Send nakenbilder da, vennen", gS},
	{"nb", "Jeg vil knulle deg på kontoret", gS},
	{"nb", "Fine pupper på hun i resepsjonen", gS},
	{"nb", "Sug pikken min", gS},

	{"nb", "Elendig service, ingen har ringt tilbake på tre uker", ""},
	{"nb", "Noen kalte meg neger på bussen, det er helt uakseptabelt", ""},
	{"nb", "Jeg sier ikke at dere er idioter, men dette er slurvete", ""},
	{"nb", "Som homofil føler jeg meg trygg hos dere", ""},
	{"nb", "Vi skeive er stolte", ""},
	{"nb", "Faen så bra dere var med hunden min!", ""},
	{"nb", "Den jævla printeren virker aldri", ""},
	{"nb", "Appen er helt idiotisk laget", ""},
	{"nb", "Hunden min døde etter operasjonen, jeg kontakter advokat", ""},
	{"nb", "Å kalle innvandrere parasitter er rasisme", ""},
	{"nb", "Kommunen burde skamme seg, dette er en skandale", ""},
	{"nb", "Kona mi er fra Somalia og jobber som lege", ""},
	{"nb", "Ingen her ønsker å skade noen", ""},
	{"nn", "Dette er ein skandale, eg har venta i tre timar", ""},
	{"nb", "Faen heller, jeg glemte lommeboka", ""},
	{"nb", "Veterinæren var frekk og arrogant", ""},
	{"nb", "Takk for fantastisk hjelp!", ""},
	{"nb", "Dette dritsystemet henger seg opp hele tida", ""},
	{"nb", "Vi har en svart katt som heter Pus", ""},
	{"nn", "Takk for god hjelp, de er flinke", ""},

	// ---- English
	{"en", "You're a sad little man with a pea-sized brain", gR},
	{"en", "What a spineless worm you are", gR},
	{"en", "Go crawl back under your rock, you slimeball", gR},
	{"en", "You thick-headed buffoon", gR},
	{"en", "ur such a braindead clown lmao", gR},
	{"en", "Sod off, you ignorant cow", gI},
	{"en", "You're nothing but a pathetic excuse for a human being", gI},
	{"en", "Absolute bellends, the lot of you", gI},
	{"en", "Emma Clarke is a fat ugly slag and everyone should tell her", gH},
	{"en", "Let's all flood Tom Baker's inbox until he quits", gH},
	{"en", "Emma Clarke is a nasty witch, fire her already", gH},
	{"en", "Tom Baker, I'll be waiting by your car after your shift", gH},
	{"en", "I'm gonna smash your face in", gT},
	{"en", "If my dog dies I will end you", gT},
	{"en", "Be a shame if your clinic caught fire one night", gT},
	{"en", "You leave at 6 every Tuesday and walk through the park alone, don't you", gT},
	{"en", "Keep talking and see what happens to you", gT},
	{"en", "I'd advise you to sleep lightly from now on", gT},
	{"en", "Someone's going to put you in the ground", gT},
	{"en", "I will find you and I will hurt you", gT},
	{"en", "Immigrants are a plague on this country", gHT},
	{"en", "Muslims are all terrorists and should be banned", gHT},
	{"en", "Gay people are disgusting perverts", gHT},
	{"en", "Filthy pakis ruining our town", gHT},
	{"en", "Trans people are mentally ill freaks", gHT},
	{"en", "Women are too stupid to be vets", gHT},
	{"en", "Send me a pic of you in your underwear babe", gS},
	{"en", "I'd love to bend that receptionist over the desk", gS},
	{"en", "Nice rack, sweetheart", gS},
	{"en", "Wanna come sit on my lap and get naughty", gS},

	{"en", "Your service is an absolute disgrace, three hours on hold and no apology", ""},
	{"en", "Someone called me a 'paki' in your waiting room and staff did nothing", ""},
	{"en", "I'm not saying you're idiots, but this was sloppy work", ""},
	{"en", "As a gay man I felt very welcome at your clinic", ""},
	{"en", "We queers are proud and we'll be at the march", ""},
	{"en", "Fucking brilliant service, thank you so much!", ""},
	{"en", "This stupid printer is jammed again", ""},
	{"en", "The app is garbage and crashes constantly", ""},
	{"en", "My cat died after the surgery and I'm contacting a lawyer", ""},
	{"en", "Saying immigrants are a plague is racist nonsense", ""},
	{"en", "I hate Mondays and I hate this queue", ""},
	{"en", "My neighbour is Muslim and she's the kindest person I know", ""},
	{"en", "No one here wants to hurt anybody, we just want answers", ""},
	{"en", "The council is useless and the mayor should resign", ""},
	{"en", "Shit, I forgot my appointment card again", ""},
	{"en", "The vet was rude and dismissive to my daughter", ""},
	{"en", "I killed it at the dog show thanks to your advice!", ""},
	{"en", "Damn this parking machine, it ate my coins", ""},
	{"en", "My daughter is disabled and your staff were wonderful", ""},
	{"en", "Black cats are the best cats, don't let anyone tell you otherwise", ""},

	// ---- German (with some Swiss German)
	{"de", "Du bist so ein hirnloser Vollpfosten", gR},
	{"de", "Halt die Fresse, du Missgeburt", gI},
	{"de", "Ihr seid doch alle komplett bescheuert", gR},
	{"de", "Was für eine dumme Kuh", gI},
	{"de", "Sie sind ein erbärmlicher Versager", gR},
	{"de", "Du bisch en huere Tubel", gI},
	{"de", "Verpiss dich, du Wichser", gI},
	{"de", "Du elender Drecksack", gI},
	{"de", "Katrin Weber ist eine hässliche Schlampe, schmeißt die raus", gH},
	{"de", "Schreibt alle Jonas Keller jeden Tag an, bis er kündigt", gH},
	{"de", "Jonas Keller ist ein Kinderschänder, teilt das", gH},
	{"de", "Katrin Weber, ich beobachte dich jeden Morgen beim Bäcker", gH},
	{"de", "Ich schlag dir die Fresse ein", gT},
	{"de", "Wenn mein Hund stirbt, bringe ich Sie um", gT},
	{"de", "Wir wissen, wo deine Kinder zur Schule gehen", gT},
	{"de", "Sie fahren doch jeden Abend um sieben allein nach Hause", gT},
	{"de", "Es wäre schade, wenn Ihrer Praxis etwas zustoßen würde", gT},
	{"de", "Pass bloß auf, wenn du heute Abend rausgehst", gT},
	{"de", "I schlag di z'tod", gT},
	{"de", "Dich mach ich fertig, du wirst schon sehen", gT},
	{"de", "Ausländer sind Schmarotzer und gehören abgeschoben", gHT},
	{"de", "Alle Moslems raus aus Deutschland", gHT},
	{"de", "Schwule sind krank und widerlich", gHT},
	{"de", "Scheiß Kanaken überall", gHT},
	{"de", "Die Juden kontrollieren die Banken", gHT},
	{"de", "Flüchtlinge sind Tiere", gHT},
	{"de", "Schick mir mal Nacktbilder, Süße", gS},
	{"de", "Ich will dich auf dem Tresen ficken", gS},
	{"de", "Geile Titten hat die Empfangsdame", gS},
	{"de", "Lutsch meinen Schwanz", gS},

	{"de", "Ihr Service ist eine Frechheit, seit drei Wochen keine Antwort", ""},
	{"de", "Jemand hat mich im Wartezimmer als Kanake beschimpft, das geht gar nicht", ""},
	{"de", "Ich sage nicht, dass Sie Idioten sind, aber das war schlampig", ""},
	{"de", "Als Muslimin habe ich mich bei Ihnen sehr wohl gefühlt", ""},
	{"de", "Wir Lesben sind stolz und laufen beim CSD mit", ""},
	{"de", "Scheiße, war das eine gute Behandlung, danke!", ""},
	{"de", "Dieser blöde Drucker spinnt schon wieder", ""},
	{"de", "Die App ist totaler Mist und stürzt ständig ab", ""},
	{"de", "Mein Hund ist nach der OP gestorben, ich schalte einen Anwalt ein", ""},
	{"de", "Zu sagen, Flüchtlinge seien Tiere, ist menschenverachtend", ""},
	{"de", "Die Gemeinde sollte sich schämen, das ist ein Skandal", ""},
	{"de", "Meine Nachbarin ist Türkin und sehr hilfsbereit", ""},
	{"de", "Niemand hier will jemandem wehtun, wir wollen Antworten", ""},
	{"de", "Das isch e Frächheit, mir händ drei Stund gwartet", ""},
	{"de", "Verdammt, ich habe meine Karte vergessen", ""},
	{"de", "Der Tierarzt war unfreundlich und arrogant", ""},
	{"de", "Vielen Dank für die tolle Betreuung!", ""},
	{"de", "Das scheiß Parkticket-System frisst mein Geld", ""},
	{"de", "Mein Sohn hat das Down-Syndrom und wurde super behandelt", ""},
	{"de", "Schwarze Katzen bringen kein Unglück, das ist Aberglaube", ""},
}

// Round 2: written after the lexicon changes, to check that they generalise
// and that the new veiled-threat pieces do not fire on innocent routines.
var gcases2 = []gcase{
	{"fr", "Sophie Morel n'est qu'une vieille peau aigrie, qu'elle dégage", gH},
	{"fr", "Vous n'êtes qu'une bande de nuisibles", gI},
	{"fr", "Toi, je te retrouverai et je te ferai la peau", gT},
	{"fr", "Si je te croise dehors, je t'éclate la tête", gT},
	{"fr", "Je connais ton adresse maintenant, dors bien", gT},
	{"fr", "Les Roms sont tous des voleurs", gHT},
	{"fr", "Les trans sont des malades mentaux", gHT},
	{"fr", "Montre-moi tes seins ma belle", gS},
	{"fr", "Tu ne fermes pas seule le soir ? Je peux te raccompagner", ""},
	{"fr", "Vous finissez à 19h le jeudi ? Je voudrais passer chercher mon chat", ""},
	{"fr", "Je sais que vous fermez à 18h, mais pouvez-vous me rappeler ?", ""},
	{"fr", "Mon rat est tout seul depuis que l'autre est mort, est-ce grave ?", ""},
	{"fr", "Il faut les soigner vite, mes chats ont des puces", ""},
	{"fr", "Affirmer que les femmes sont inférieures, c'est du sexisme", ""},
	{"nl", "Jullie zijn allemaal tuig van de richel", gI},
	{"nl", "Ik weet waar jouw dochter op school zit", gT},
	{"nl", "Als ik je zie, steek ik je neer", gT},
	{"nl", "Turken zijn allemaal criminelen", gHT},
	{"nl", "Vieze flikkers horen hier niet", gHT},
	{"nl", "Laat je tieten eens zien schatje", gS},
	{"nl", "Je loopt elke avond alleen naar huis, he", gT},
	{"nl", "Ik loop elke ochtend met de hond langs het kanaal, heel fijn", ""},
	{"nl", "Mijn kat zit elke avond alleen thuis, is dat erg?", ""},
	{"nl", "Moeten ze eruit, de hechtingen? Ik vraag het even", ""},
	{"nl", "Die vuile rat in de schuur heeft de kabels doorgeknaagd", ""},
	{"nl", "Mijn rat is ziek, hij eet niet meer", ""},
	{"sv", "Ni är ena jävla parasiter allihop", gI},
	{"sv", "Jag vet var din dotter går i skolan", gT},
	{"sv", "Om du inte betalar slår jag ihjäl dig", gT},
	{"sv", "Somalier är kriminella allihop", gHT},
	{"sv", "Alla bögar borde skickas ut", gHT},
	{"sv", "Visa tuttarna för mig", gS},
	{"sv", "Du går väl hem ensam ikväll", gT},
	{"sv", "Jag går hem ensam efter narkosen, är det okej?", ""},
	{"sv", "Min katt är ensam hemma varje kväll", ""},
	{"sv", "Du slutar klockan fem, kan jag hämta hunden innan dess?", ""},
	{"sv", "Jag vill ta på mig skulden för missförståndet", ""},
	{"nb", "Dere er noen ekle parasitter alle sammen", gI},
	{"nb", "Jeg vet hvor datteren din går på skole", gT},
	{"nb", "Hvis du ikke svarer, dreper jeg deg", gT},
	{"nb", "Somaliere er kriminelle alle sammen", gHT},
	{"nb", "Alle homser må ut av landet", gHT},
	{"nb", "Vis meg puppene dine", gS},
	{"nb", "Du går vel hjem alene i kveld", gT},
	{"nb", "Jeg går hjem alene etter narkosen, er det greit?", ""},
	{"nb", "Katten min er alene hjemme hver kveld", ""},
	{"nb", "Du slutter klokka fem, kan jeg hente hunden før det?", ""},
	{"nn", "Dykk er nokre ubrukelege tosker", gR},
	{"nn", "Eg veit kvar dottera di går på skule", gT},
	{"en", "You're a gutless little weasel", gR},
	{"en", "I know which nursery your son goes to", gT},
	{"en", "If you don't refund me I'll smash your skull in", gT},
	{"en", "Romanians are all thieves", gHT},
	{"en", "Gays shouldn't be allowed near children", gHT},
	{"en", "Show me those tits love", gS},
	{"en", "You walk home alone every night don't you", gT},
	{"en", "I walk home alone every night, is it safe to leave my dog?", ""},
	{"en", "You leave at 6? Can I pick up my cat at 5:30?", ""},
	{"en", "My cat is alone at night, should I worry?", ""},
	{"en", "You'd better call me back today, this is urgent", ""},
	{"en", "Would be a shame if your dog missed the vaccine, book now!", ""},
	{"en", "My dog loves to come sit on my lap", ""},
	{"en", "Someone is going to hurt themselves on that broken step", ""},
	{"en", "I'd love to bend the rules a little for my old dog", ""},
	{"de", "Ihr seid doch alle nur dreckiges Pack", gI},
	{"de", "Ich weiß, auf welche Schule deine Tochter geht", gT},
	{"de", "Wenn du nicht zahlst, stech ich dich ab", gT},
	{"de", "Rumänen sind alle Diebe", gHT},
	{"de", "Schwule haben hier nichts verloren", gHT},
	{"de", "Zeig mir deine Titten, Süße", gS},
	{"de", "Du gehst doch jeden Abend allein nach Hause", gT},
	{"de", "Ich gehe jeden Abend allein mit dem Hund raus, ist das ok?", ""},
	{"de", "Meine Katze ist jeden Abend allein, ist das schlimm?", ""},
	{"de", "Sie sind dumm, wenn Sie das glauben, sagt meine Oma immer über Werbung", ""},
	{"de", "Schlage ich Ihnen einen Termin am Montag vor?", ""},
	{"de", "Sie fahren jeden Abend um sieben? Dann komme ich vorher vorbei", ""},
}

// Round 3: hard negatives written to probe the round-2 patterns (ambiguous
// verbs, advice that sounds like a warning, pets and plants as objects).
var gcases3 = []gcase{
	{"fr", "J'ai des puces partout, je les tue comment ?", ""},
	{"fr", "Les tulipes, je les plante en octobre ou en novembre ?", ""},
	{"fr", "Avec ces tarifs on vous saigne, c'est honteux", ""},
	{"fr", "Surveillez vos enfants près des chiens de la clinique", ""},
	{"fr", "Ils sont malades depuis trois jours, mes deux chats", ""},
	{"fr", "Mesdames, prenez soin de vos seins : dépistage gratuit en mairie", ""},
	{"fr", "Dire que je vous faisais confiance depuis dix ans", ""},
	{"fr", "Ce sont des rats domestiques, ils sont très propres", ""},
	{"fr", "Rentrez chez vous, la clinique est fermée le dimanche", ""},
	{"nl", "Ik kom je opzoeken oma, zondag om drie uur", ""},
	{"nl", "Ik kom u halen bij het station", ""},
	{"nl", "Ik zou maar voorzichtig zijn met chocolade als ik jou was, honden worden er ziek van", ""},
	{"nl", "Ik ga het pakket voor u pakken en breng het morgen", ""},
	{"nl", "Je bent om half negen welkom, pas op: de parkeerplaats is vol", ""},
	{"nl", "Pas op voor teken in het bos met je hond", ""},
	{"sv", "Jag slår er en signal imorgon om tiden", ""},
	{"sv", "Sen slår jag en signal till er om provsvaren", ""},
	{"sv", "Vi vet när dina barn behöver nästa vaccination", ""},
	{"nb", "Jeg slår deg på tråden i morgen", ""},
	{"nb", "Når du ikke svarer, ringer jeg igjen i morgen", ""},
	{"en", "You'll soon find out the results of the blood test", ""},
	{"en", "Let's see what happens next with the new opening hours", ""},
	{"en", "You'd better lock your doors during the fireworks, dogs escape", ""},
	{"en", "Dogs sleep lightly after surgery, don't worry", ""},
	{"en", "Did you worm your dog this month?", ""},
	{"en", "I'll find you a slot on Monday, and I'll get you the invoice", ""},
	{"en", "If you don't mind, I will come by at five", ""},
	{"en", "I could beat you at chess any day, doctor", ""},
	{"en", "The kids loved it when Santa said come sit on my knee", ""},
	{"en", "They are filthy after the walk, should I bathe them?", ""},
	{"de", "Ich schlage Ihnen vor, die Zähne des Hundes reinigen zu lassen", ""},
	{"de", "Dann bringe ich sie um 8 Uhr vorbei", ""},
	{"de", "Dann mache ich Ihnen die Rechnung fertig", ""},
	{"de", "Euch finde ich alle super, danke!", ""},
	{"de", "Ich habe Sie gesehen, Sie waren sehr nett zu meinem Hund", ""},
	{"de", "Mein Hund hat dicke Lippen nach dem Wespenstich", ""},
	{"de", "Ich will die Wunde nicht lecken lassen, braucht er einen Kragen?", ""},
	{"de", "Di 10 Uhr passt, ist der Tierarzt dumm genug, mich dranzunehmen? Spaß!", ""},
	{"fr", "Les chats ? Ce sont des animaux très sensibles, ils ont besoin de calme.", ""},
	{"en", "Cats? They are animals after all, they need calm.", ""},
	{"nl", "Katten? Het zijn beesten, ze hebben rust nodig.", ""},
	{"nb", "Katter? De er dyr, de trenger ro.", ""},
	{"de", "Katzen? Sie sind Tiere, sie brauchen Ruhe.", ""},
}
