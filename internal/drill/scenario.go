// Package drill runs tabletop drills: a library of scenarios, one per seed
// situation, each with a briefing, a timeline of synthetic multilingual
// traffic and injects ("a journalist calls"), and what a good response looks
// like. Running a drill creates a sandbox workspace (store.Workspace with
// Sandbox true: its actions never reach a real channel) with the real
// workspace's policy and the members taking part, replays the traffic into
// it on an accelerated clock through the real pipeline, shows injects when
// due, measures the team (time to acknowledge, to the first approved reply,
// share of items handled as the scenario expects, crisis mode on time) and
// ends with a debrief.
//
// The scenario of the veterinary clinic reuses package sim's generator and
// storms; the others, whose organizations sim does not speak for, carry
// their own lines here.
package drill

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/stormwatch/stormwatch/internal/checklist"
	"github.com/stormwatch/stormwatch/internal/detect"
)

// Text is a sentence in each desk language.
type Text = checklist.Text

// Disposition is what a good team does with an item in the end.
type Disposition string

// The dispositions. Complaints, questions, accusations and crisis signals
// are kept (and answered): the seeds insist on answering criticism, not
// deleting it. Abuse, threats, personal information and spam come down.
const (
	Remove Disposition = "remove"
	Keep   Disposition = "keep"
)

// kinds maps a traffic line's kind to its categories and disposition.
var kinds = map[string]struct {
	cats []detect.Category
	disp Disposition
}{
	"question":   {[]detect.Category{detect.Question}, Keep},
	"help":       {[]detect.Category{detect.Question}, Keep}, // a request for help: redirect it to a confidential channel
	"complaint":  {[]detect.Category{detect.Complaint}, Keep},
	"accusation": {[]detect.Category{detect.Accusation}, Keep},
	"crisis":     {[]detect.Category{detect.Crisis}, Keep},
	"praise":     {[]detect.Category{detect.Praise}, Keep},
	"defend":     {[]detect.Category{detect.Praise}, Keep},
	"neutral":    {nil, Keep},
	"insult":     {[]detect.Category{detect.Insult}, Remove},
	"harassment": {[]detect.Category{detect.Harassment}, Remove},
	"threat":     {[]detect.Category{detect.Threat}, Remove},
	"hate":       {[]detect.Category{detect.Hate}, Remove},
	"doxxing":    {[]detect.Category{detect.Doxxing}, Remove},
	"spam":       {[]detect.Category{detect.Spam}, Remove},
}

// Weighted is a kind of traffic with its weight in a phase's mix.
type Weighted struct {
	Kind   string
	Weight float64
}

// Phase is a stretch of the scenario with a steady volume and mix.
type Phase struct {
	From, To time.Duration // scenario time
	PerHour  float64       // items per scenario hour
	Mix      []Weighted
}

// Inject is an event shown to the participants at a set scenario time.
type Inject struct {
	ID       string
	At       time.Duration
	Severity string // info, warning, critical
	Title    Text
	// Post, when set, is a traffic line posted at the same moment
	// ("kind lang | text"), e.g. the comment that gives an address.
	Post string
}

// Expect is what a good response looks like.
type Expect struct {
	AckWithin   time.Duration // first alert acknowledged or item claimed, after the first inject
	ReplyWithin time.Duration // first approved reply
	Crisis      bool          // crisis mode should be switched on
	CrisisBy    time.Duration
}

// Scenario is one drill of the library.
type Scenario struct {
	ID       string
	Seed     string // the seed situation it comes from
	Lang     string // the organization's language
	Title    Text
	Briefing Text
	Duration time.Duration
	Channels []string
	Staff    []string
	OrgNames []string
	// Langs weighs the languages of the traffic (the organization's and
	// others); lines of a language the scenario lacks fall back to Lang.
	Langs   map[string]float64
	Phases  []Phase
	Injects []Inject
	Expect  Expect
	// lines are the scenario's traffic, "kind lang | text" per line, with
	// {staff}, {org}, {addr} and {phone} filled in from the scenario.
	lines string
	// sim, when set, draws the traffic from package sim instead.
	sim *simPlan
}

// Library lists the scenarios.
func Library() []*Scenario { return slices.Clone(library) }

// ByID finds a scenario.
func ByID(id string) (*Scenario, bool) {
	for _, s := range library {
		if s.ID == id {
			return s, true
		}
	}
	return nil, false
}

const minute = time.Minute

var library = []*Scenario{vetClinic, careBullying, municipalTrolls, companyBreach, shelterLocation}

var vetClinic = &Scenario{
	ID: "vet-clinic", Seed: "000", Lang: "fr", Duration: 120 * minute,
	Channels: []string{"facebook:page", "instagram:clinic", "bluesky:clinic.example"},
	Staff:    []string{"Dr Martin", "Sophie", "Thomas"}, OrgNames: []string{"Clinique des Tilleuls"},
	Langs: map[string]float64{"fr": 0.7, "nl": 0.15, "en": 0.15},
	Title: Text{
		"en": "A clinic blamed for a patient's death",
		"fr": "Une clinique accusée de la mort d'un patient",
		"nl": "Een kliniek beschuldigd van de dood van een patiënt",
		"sv": "En klinik anklagas för ett djurs död",
		"nb": "En klinikk beskyldt for et dyrs død",
		"de": "Eine Klinik wird für den Tod eines Tieres verantwortlich gemacht",
	},
	Briefing: Text{
		"en": "Friday, 5 pm. A dog died after surgery; its owner blames Dr Martin and posts on every channel. The weekend is coming. Gather the facts before anyone answers, answer with compassion, and keep the team together.",
		"fr": "Vendredi, 17 h. Un chien est mort après une opération ; son propriétaire accuse le Dr Martin et publie sur tous les canaux. Le week-end arrive. Rassemblez les faits avant toute réponse, répondez avec compassion et gardez l'équipe soudée.",
		"nl": "Vrijdag, 17 uur. Een hond is na een operatie overleden; de eigenaar geeft dr. Martin de schuld en post op elk kanaal. Het weekend komt eraan. Verzamel de feiten voor iemand antwoordt, antwoord met compassie en houd het team bij elkaar.",
		"sv": "Fredag klockan 17. En hund dog efter en operation; ägaren skyller på dr Martin och skriver i alla kanaler. Helgen närmar sig. Samla fakta innan någon svarar, svara med medkänsla och håll ihop teamet.",
		"nb": "Fredag klokken 17. En hund døde etter en operasjon; eieren gir dr. Martin skylden og skriver i alle kanaler. Helgen nærmer seg. Samle fakta før noen svarer, svar med medfølelse og hold teamet samlet.",
		"de": "Freitag, 17 Uhr. Ein Hund ist nach einer Operation gestorben; der Halter gibt Dr. Martin die Schuld und schreibt auf allen Kanälen. Das Wochenende naht. Sammeln Sie die Fakten, bevor jemand antwortet, antworten Sie mitfühlend und halten Sie das Team zusammen.",
	},
	Injects: []Inject{
		{ID: "all-channels", At: 15 * minute, Severity: "warning", Title: Text{
			"en": "The owner now posts on Instagram and Bluesky too.",
			"fr": "Le propriétaire publie maintenant aussi sur Instagram et Bluesky.",
			"nl": "De eigenaar post nu ook op Instagram en Bluesky.",
			"sv": "Ägaren skriver nu även på Instagram och Bluesky.",
			"nb": "Eieren skriver nå også på Instagram og Bluesky.",
			"de": "Der Halter schreibt jetzt auch auf Instagram und Bluesky.",
		}},
		{ID: "journalist", At: 35 * minute, Severity: "warning", Title: Text{
			"en": "A journalist from the local paper calls reception and asks for a comment.",
			"fr": "Une journaliste du quotidien local appelle l'accueil et demande une réaction.",
			"nl": "Een journalist van de lokale krant belt de receptie en vraagt om een reactie.",
			"sv": "En journalist från lokaltidningen ringer receptionen och ber om en kommentar.",
			"nb": "En journalist fra lokalavisen ringer resepsjonen og ber om en kommentar.",
			"de": "Eine Journalistin der Lokalzeitung ruft am Empfang an und bittet um eine Stellungnahme.",
		}},
		{ID: "home-address", At: 60 * minute, Severity: "critical", Title: Text{
			"en": "Dr Martin's home address is posted in the comments.",
			"fr": "L'adresse personnelle du Dr Martin est publiée dans les commentaires.",
			"nl": "Het huisadres van dr. Martin wordt in de reacties geplaatst.",
			"sv": "Dr Martins hemadress publiceras i kommentarerna.",
			"nb": "Dr. Martins hjemmeadresse blir lagt ut i kommentarfeltet.",
			"de": "Die Privatadresse von Dr. Martin wird in den Kommentaren veröffentlicht.",
		}, Post: "doxxing fr | Pour ceux qui veulent dire au Dr Martin ce qu'ils pensent, il habite {addr}. Allez-y ce week-end."},
		{ID: "paper", At: 90 * minute, Severity: "warning", Title: Text{
			"en": "The local paper publishes the story online, with the owner's side only.",
			"fr": "Le journal local publie l'histoire en ligne, avec la seule version du propriétaire.",
			"nl": "De lokale krant publiceert het verhaal online, alleen met de kant van de eigenaar.",
			"sv": "Lokaltidningen publicerar historien på nätet, bara med ägarens version.",
			"nb": "Lokalavisen publiserer saken på nett, bare med eierens versjon.",
			"de": "Die Lokalzeitung veröffentlicht die Geschichte online, nur mit der Sicht des Halters.",
		}},
	},
	Expect: Expect{AckWithin: 15 * minute, ReplyWithin: 45 * minute, Crisis: true, CrisisBy: 60 * minute},
	sim: &simPlan{rate: 14, storms: []simStorm{
		{shape: "slow-build", at: 5 * minute, dur: 50 * minute, mult: 5},
		{shape: "pile-on", at: 55 * minute, dur: 60 * minute, mult: 7},
		{shape: "doxxing-wave", at: 60 * minute, dur: 25 * minute, mult: 3},
	}},
}

var careBullying = &Scenario{
	ID: "care-bullying", Seed: "001", Lang: "nl", Duration: 90 * minute,
	Channels: []string{"facebook:page", "instagram:delinde"},
	Staff:    []string{"Els", "Mohamed", "Ruben"}, OrgNames: []string{"Zorggroep De Linde"},
	Langs: map[string]float64{"nl": 0.75, "en": 0.15, "fr": 0.1},
	Title: Text{
		"en": "A care client bullied online",
		"fr": "Un usager d'un établissement de soins harcelé en ligne",
		"nl": "Een cliënt wordt online gepest",
		"sv": "En klient i omsorgen mobbas på nätet",
		"nb": "En bruker i omsorgen mobbes på nett",
		"de": "Ein Klient einer Pflegeeinrichtung wird online gemobbt",
	},
	Briefing: Text{
		"en": "Under a photo of the summer party, people mock one of your clients by name, and a carer is dragged in. Look at the facts with the client: what exactly was said? Remove what harms, keep and answer honest questions, and think about a conversation between the people involved.",
		"fr": "Sous une photo de la fête d'été, des gens se moquent d'un de vos usagers en le nommant, et une soignante est prise à partie. Regardez les faits avec l'usager : qu'a-t-on dit exactement ? Retirez ce qui blesse, gardez et répondez aux vraies questions, et pensez à une discussion entre les personnes concernées.",
		"nl": "Onder een foto van het zomerfeest lachen mensen een van je cliënten bij naam uit, en een begeleider wordt erbij gehaald. Kijk samen met de cliënt naar de feiten: wat is er precies gezegd? Verwijder wat kwetst, laat eerlijke vragen staan en beantwoord ze, en denk aan een gesprek tussen de betrokkenen.",
		"sv": "Under en bild från sommarfesten hånar folk en av era klienter med namn, och en vårdare dras in. Gå igenom fakta med klienten: vad sades exakt? Ta bort det som skadar, låt ärliga frågor stå och svara, och fundera på ett samtal mellan de inblandade.",
		"nb": "Under et bilde fra sommerfesten håner folk en av brukerne deres med navn, og en miljøarbeider blir dratt inn. Se på fakta sammen med brukeren: hva ble egentlig sagt? Fjern det som skader, la ærlige spørsmål stå og svar, og tenk på en samtale mellom de involverte.",
		"de": "Unter einem Foto vom Sommerfest verspotten Leute einen Ihrer Klienten mit Namen, und eine Betreuerin wird hineingezogen. Sehen Sie sich die Fakten mit dem Klienten an: Was wurde genau gesagt? Entfernen Sie, was verletzt, lassen Sie ehrliche Fragen stehen und beantworten Sie sie, und denken Sie an ein Gespräch zwischen den Beteiligten.",
	},
	Phases: []Phase{
		{0, 20 * minute, 18, []Weighted{{"praise", 4}, {"neutral", 3}, {"question", 2}, {"harassment", 2}}},
		{20 * minute, 60 * minute, 60, []Weighted{{"harassment", 5}, {"insult", 3}, {"defend", 3}, {"complaint", 2}, {"question", 1}, {"neutral", 1}}},
		{60 * minute, 90 * minute, 30, []Weighted{{"defend", 3}, {"harassment", 2}, {"complaint", 2}, {"question", 2}, {"praise", 1}}},
	},
	Injects: []Inject{
		{ID: "parent-calls", At: 10 * minute, Severity: "warning", Title: Text{
			"en": "The client's mother calls, upset: her son has seen the comments.",
			"fr": "La mère de l'usager appelle, bouleversée : son fils a vu les commentaires.",
			"nl": "De moeder van de cliënt belt, overstuur: haar zoon heeft de reacties gezien.",
			"sv": "Klientens mamma ringer, upprörd: hennes son har sett kommentarerna.",
			"nb": "Brukerens mor ringer, opprørt: sønnen har sett kommentarene.",
			"de": "Die Mutter des Klienten ruft an, aufgewühlt: Ihr Sohn hat die Kommentare gesehen.",
		}},
		{ID: "carer-profile", At: 25 * minute, Severity: "critical", Title: Text{
			"en": "A link to a carer's private Facebook profile is posted, with where she lives.",
			"fr": "Un lien vers le profil Facebook privé d'une soignante est publié, avec l'endroit où elle habite.",
			"nl": "Een link naar het privé-Facebookprofiel van een begeleider wordt geplaatst, met haar woonplaats.",
			"sv": "En länk till en vårdares privata Facebookprofil publiceras, med var hon bor.",
			"nb": "En lenke til en miljøarbeiders private Facebook-profil legges ut, med hvor hun bor.",
			"de": "Ein Link zum privaten Facebook-Profil einer Betreuerin wird gepostet, mit ihrem Wohnort.",
		}, Post: "doxxing nl | Die {staff} die het allemaal goedpraat woont op {addr}, haar Facebook staat gewoon open. Zeg het haar maar zelf."},
		{ID: "known-bully", At: 45 * minute, Severity: "info", Title: Text{
			"en": "You learn that the main author is another client of the same house.",
			"fr": "Vous apprenez que l'auteur principal est un autre usager du même foyer.",
			"nl": "Je hoort dat de belangrijkste afzender een andere cliënt van dezelfde woning is.",
			"sv": "Ni får veta att huvudavsändaren är en annan klient i samma boende.",
			"nb": "Dere får vite at hovedavsenderen er en annen bruker i samme bolig.",
			"de": "Sie erfahren, dass der Hauptverfasser ein anderer Klient desselben Hauses ist.",
		}},
	},
	Expect: Expect{AckWithin: 10 * minute, ReplyWithin: 30 * minute},
	lines: `
praise nl | Wat een mooi zomerfeest, dank aan alle begeleiders!
praise nl | Leuk om te zien hoe iedereen meedeed, top gedaan {org}
neutral nl | Was mijn broer er ook bij?
neutral nl | Mooie foto's 😊
neutral en | Lovely pictures
question nl | Wanneer is het volgende open huis bij {org}?
question nl | Kan ik als vrijwilliger helpen bij de volgende activiteit?
question en | Is there a visiting schedule for family members?
complaint nl | Ik vind het niet oké dat deze foto's openbaar staan zonder te vragen of het mag.
complaint nl | Waarom reageert niemand van {org} op wat hier gebeurt? Dit duurt al de hele middag.
complaint fr | Je trouve déplorable que personne ne modère ces commentaires.
harassment nl | Kijk die Jeroen weer, zielig mongooltje, iedereen lacht je uit
harassment nl | Jeroen is echt een schande voor die groep, hij hoort daar niet
harassment nl | Hahaha Jeroen met die pet, wat een sukkel, deel dit maar
harassment en | Jeroen is such a loser lol
insult nl | Wat een stelletje idioten daar bij {org}
insult nl | {staff} is een domme trut die alles goedpraat
defend nl | Stop hiermee. Jeroen is een fijne jongen en dit is gewoon pesten.
defend nl | Ik werk hier als vrijwilliger en {staff} doet fantastisch werk, schaam je.
defend en | Leave him alone, this is bullying
praise en | What a great summer party, well done everyone
neutral fr | Belles photos !
question fr | Est-ce que les familles peuvent venir à la prochaine fête ?
insult en | What a bunch of idiots running that place
harassment fr | Jeroen est vraiment un pauvre débile, tout le monde se moque de lui
defend fr | Arrêtez, c'est du harcèlement, Jeroen ne mérite pas ça.
`,
}

var municipalTrolls = &Scenario{
	ID: "municipal-trolls", Seed: "002", Lang: "sv", Duration: 120 * minute,
	Channels: []string{"facebook:kommunen", "instagram:kommunen"},
	Staff:    []string{"Karin Holm", "Per Lindqvist"}, OrgNames: []string{"Västerby kommun"},
	Langs: map[string]float64{"sv": 0.85, "en": 0.1, "nb": 0.05},
	Title: Text{
		"en": "A troll storm on the municipality's page",
		"fr": "Une tempête de trolls sur la page de la commune",
		"nl": "Een trollenstorm op de pagina van de gemeente",
		"sv": "En trollstorm på kommunens sida",
		"nb": "En trollstorm på kommunens side",
		"de": "Ein Trollsturm auf der Seite der Gemeinde",
	},
	Briefing: Text{
		"en": "The council decided to close a village school. Residents ask real questions, but a wave of new accounts posts the same angry text and insults the councillor. Who answers, with what mandate, in what tone? Keep the dialogue with citizens open while handling the trolls.",
		"fr": "Le conseil a décidé de fermer une école de village. Des habitants posent de vraies questions, mais une vague de nouveaux comptes publie le même texte furieux et insulte l'élue. Qui répond, avec quel mandat, sur quel ton ? Gardez le dialogue avec les habitants tout en traitant les trolls.",
		"nl": "De gemeenteraad heeft besloten een dorpsschool te sluiten. Inwoners stellen echte vragen, maar een golf nieuwe accounts plaatst dezelfde boze tekst en beledigt de wethouder. Wie antwoordt, met welk mandaat, op welke toon? Houd de dialoog met inwoners open en pak de trollen aan.",
		"sv": "Kommunfullmäktige har beslutat att stänga en byskola. Invånare ställer riktiga frågor, men en våg av nya konton postar samma arga text och förolämpar kommunalrådet. Vem svarar, med vilket mandat, i vilken ton? Håll dialogen med medborgarna öppen och hantera trollen.",
		"nb": "Kommunestyret har vedtatt å legge ned en bygdeskole. Innbyggere stiller ekte spørsmål, men en bølge av nye kontoer poster den samme sinte teksten og fornærmer ordføreren. Hvem svarer, med hvilket mandat, i hvilken tone? Hold dialogen med innbyggerne åpen og håndter trollene.",
		"de": "Der Gemeinderat hat beschlossen, eine Dorfschule zu schließen. Einwohner stellen echte Fragen, doch eine Welle neuer Konten postet denselben wütenden Text und beleidigt die Ratsvorsitzende. Wer antwortet, mit welchem Mandat, in welchem Ton? Halten Sie den Dialog mit den Bürgern offen und gehen Sie mit den Trollen um.",
	},
	Phases: []Phase{
		{0, 25 * minute, 20, []Weighted{{"question", 4}, {"complaint", 4}, {"neutral", 1}, {"insult", 1}}},
		{25 * minute, 80 * minute, 60, []Weighted{{"harassment", 4}, {"insult", 3}, {"complaint", 3}, {"question", 2}, {"threat", 1}, {"defend", 1}, {"spam", 1}}},
		{80 * minute, 120 * minute, 20, []Weighted{{"complaint", 3}, {"question", 3}, {"insult", 1}, {"defend", 1}}},
	},
	Injects: []Inject{
		{ID: "radio", At: 20 * minute, Severity: "warning", Title: Text{
			"en": "Local radio calls the press officer: will the municipality comment live at 6 pm?",
			"fr": "La radio locale appelle le service presse : la commune s'exprimera-t-elle en direct à 18 h ?",
			"nl": "De lokale radio belt de woordvoerder: reageert de gemeente om 18 uur live?",
			"sv": "Lokalradion ringer informatören: kommer kommunen att kommentera direkt klockan 18?",
			"nb": "Lokalradioen ringer informasjonsrådgiveren: vil kommunen kommentere direkte klokken 18?",
			"de": "Das Lokalradio ruft die Pressestelle an: Äußert sich die Gemeinde um 18 Uhr live?",
		}},
		{ID: "campaign", At: 30 * minute, Severity: "critical", Title: Text{
			"en": "The same text arrives from forty accounts created this week.",
			"fr": "Le même texte arrive de quarante comptes créés cette semaine.",
			"nl": "Dezelfde tekst komt binnen van veertig accounts die deze week zijn aangemaakt.",
			"sv": "Samma text kommer från fyrtio konton som skapats den här veckan.",
			"nb": "Den samme teksten kommer fra førti kontoer opprettet denne uken.",
			"de": "Derselbe Text kommt von vierzig Konten, die diese Woche erstellt wurden.",
		}},
		{ID: "mandate", At: 45 * minute, Severity: "warning", Title: Text{
			"en": "A councillor asks in the group chat who has the mandate to answer for the municipality.",
			"fr": "Une élue demande dans la messagerie de groupe qui a le mandat de répondre pour la commune.",
			"nl": "Een raadslid vraagt in de groepschat wie het mandaat heeft om namens de gemeente te antwoorden.",
			"sv": "En politiker frågar i gruppchatten vem som har mandat att svara för kommunen.",
			"nb": "En politiker spør i gruppechatten hvem som har mandat til å svare for kommunen.",
			"de": "Eine Ratsfrau fragt im Gruppenchat, wer das Mandat hat, für die Gemeinde zu antworten.",
		}},
		{ID: "shift-ends", At: 80 * minute, Severity: "info", Title: Text{
			"en": "Customer service's shift ends in 20 minutes; nobody is scheduled for the evening.",
			"fr": "Le service aux habitants termine dans 20 minutes ; personne n'est prévu pour la soirée.",
			"nl": "De dienst van de klantenservice eindigt over 20 minuten; niemand staat ingeroosterd voor de avond.",
			"sv": "Kundservice slutar om 20 minuter; ingen är schemalagd för kvällen.",
			"nb": "Kundeservice går av vakt om 20 minutter; ingen er satt opp for kvelden.",
			"de": "Die Schicht des Bürgerservice endet in 20 Minuten; für den Abend ist niemand eingeteilt.",
		}},
	},
	Expect: Expect{AckWithin: 15 * minute, ReplyWithin: 30 * minute, Crisis: true, CrisisBy: 45 * minute},
	lines: `
question sv | Vart ska barnen gå i skolan i höst om Byskolan stänger?
question sv | Blir det skolskjuts och hur lång tid tar den?
question sv | När hölls samrådet om nedläggningen? Jag hittar inget protokoll.
question en | Will there be a meeting for parents who don't speak Swedish?
complaint sv | Det här beslutet är fattat över huvudet på oss som bor här. Vi känner oss överkörda.
complaint sv | Ni pratar om dialog men ingen har svarat på våra frågor på tre veckor.
complaint sv | Mina barn får en timmes bussresa varje dag, det är inte rimligt.
complaint nb | Dette er et dårlig vedtak for bygda, dere burde lytte til foreldrene.
neutral sv | Finns beslutet att läsa någonstans?
insult sv | {staff} är en jävla idiot som borde avgå
insult sv | Korrupta pellejönsar allihop i {org}
harassment sv | NEJ TILL NEDLÄGGNINGEN! {staff} ljuger och vi kommer att påminna henne varje dag tills hon avgår #räddabyskolan
harassment sv | {staff} ska inte få sova lugnt förrän skolan är räddad, vi vet vem hon är
threat sv | Ni som stänger skolan, vi vet var ni bor. Akta er.
defend sv | Man kan tycka olika om beslutet men att hota politiker är inte okej.
spam sv | Tjäna 5000 kr om dagen hemifrån, klicka här bit.ly/snabbpengar
`,
}

var companyBreach = &Scenario{
	ID: "company-breach", Seed: "003", Lang: "nb", Duration: 120 * minute,
	Channels: []string{"facebook:brand", "instagram:brand", "bluesky:brand.example"},
	Staff:    []string{"Ingrid Solberg", "Magnus Berg"}, OrgNames: []string{"Nordlys Sport AS"},
	Langs: map[string]float64{"nb": 0.75, "en": 0.15, "sv": 0.1},
	Title: Text{
		"en": "A rumour after a data breach",
		"fr": "Une rumeur après une fuite de données",
		"nl": "Een gerucht na een datalek",
		"sv": "Ett rykte efter ett dataintrång",
		"nb": "Et rykte etter et datainnbrudd",
		"de": "Ein Gerücht nach einem Datenleck",
	},
	Briefing: Text{
		"en": "A post claims the company sold its customers' data. There was a breach at the newsletter supplier, but what leaked is not yet known. Only the named spokespeople speak for the company; replies need approval; check the facts before you say anything, and secure the accounts.",
		"fr": "Une publication affirme que l'entreprise a vendu les données de ses clients. Il y a bien eu une fuite chez le prestataire de la lettre d'information, mais on ignore encore ce qui a fuité. Seuls les porte-parole désignés parlent pour l'entreprise ; les réponses passent par l'approbation ; vérifiez les faits avant de dire quoi que ce soit, et sécurisez les comptes.",
		"nl": "Een bericht beweert dat het bedrijf klantgegevens heeft verkocht. Er was een lek bij de leverancier van de nieuwsbrief, maar wat er gelekt is, is nog niet bekend. Alleen de aangewezen woordvoerders spreken voor het bedrijf; antwoorden moeten worden goedgekeurd; check de feiten voor je iets zegt en beveilig de accounts.",
		"sv": "Ett inlägg påstår att företaget sålt kundernas data. Det har skett ett intrång hos leverantören av nyhetsbrevet, men vad som läckt är ännu okänt. Bara utsedda talespersoner talar för företaget; svar ska godkännas; kontrollera fakta innan ni säger något och säkra kontona.",
		"nb": "Et innlegg påstår at selskapet har solgt kundenes data. Det har vært et innbrudd hos leverandøren av nyhetsbrevet, men hva som har lekket er ennå ikke kjent. Bare utpekte talspersoner snakker for selskapet; svar må godkjennes; sjekk fakta før dere sier noe, og sikre kontoene.",
		"de": "Ein Beitrag behauptet, das Unternehmen habe Kundendaten verkauft. Beim Newsletter-Dienstleister gab es tatsächlich ein Datenleck, doch was abgeflossen ist, ist noch unklar. Nur die benannten Sprecher sprechen für das Unternehmen; Antworten brauchen eine Freigabe; prüfen Sie die Fakten, bevor Sie etwas sagen, und sichern Sie die Konten.",
	},
	Phases: []Phase{
		{0, 20 * minute, 18, []Weighted{{"question", 3}, {"accusation", 3}, {"complaint", 2}, {"neutral", 1}}},
		{20 * minute, 75 * minute, 50, []Weighted{{"accusation", 4}, {"complaint", 3}, {"question", 3}, {"insult", 2}, {"spam", 2}, {"crisis", 1}, {"defend", 1}}},
		{75 * minute, 120 * minute, 20, []Weighted{{"question", 3}, {"complaint", 2}, {"accusation", 1}, {"praise", 1}}},
	},
	Injects: []Inject{
		{ID: "it-confirms", At: 15 * minute, Severity: "warning", Title: Text{
			"en": "IT confirms: the newsletter supplier was breached; names and e-mail addresses, no payment data.",
			"fr": "L'informatique confirme : le prestataire de la lettre d'information a été piraté ; noms et adresses e-mail, pas de données de paiement.",
			"nl": "IT bevestigt: de nieuwsbriefleverancier is gehackt; namen en e-mailadressen, geen betaalgegevens.",
			"sv": "IT bekräftar: leverantören av nyhetsbrevet har haft intrång; namn och e-postadresser, inga betaluppgifter.",
			"nb": "IT bekrefter: leverandøren av nyhetsbrevet er hacket; navn og e-postadresser, ingen betalingsdata.",
			"de": "Die IT bestätigt: Beim Newsletter-Dienstleister wurde eingebrochen; Namen und E-Mail-Adressen, keine Zahlungsdaten.",
		}},
		{ID: "employee", At: 30 * minute, Severity: "info", Title: Text{
			"en": "An employee defends the company from her personal account and guesses at what leaked.",
			"fr": "Une salariée défend l'entreprise depuis son compte personnel et avance des suppositions sur ce qui a fuité.",
			"nl": "Een medewerker verdedigt het bedrijf vanaf haar persoonlijke account en gokt naar wat er gelekt is.",
			"sv": "En anställd försvarar företaget från sitt privata konto och gissar vad som läckt.",
			"nb": "En ansatt forsvarer selskapet fra sin private konto og gjetter på hva som har lekket.",
			"de": "Eine Mitarbeiterin verteidigt das Unternehmen von ihrem privaten Konto aus und rät, was abgeflossen ist.",
		}, Post: "defend nb | Jeg jobber i {org} og kan si at ingen har solgt noe som helst! Det var bare e-postene som lakk tror jeg."},
		{ID: "tech-site", At: 50 * minute, Severity: "critical", Title: Text{
			"en": "A national tech site publishes: \"Sports chain leaks customer data\".",
			"fr": "Un site tech national publie : « Une chaîne de sport laisse fuiter les données de ses clients ».",
			"nl": "Een landelijke techsite publiceert: \"Sportketen lekt klantgegevens\".",
			"sv": "En nationell teknikajt publicerar: \"Sportkedja läcker kunddata\".",
			"nb": "Et nasjonalt teknologinettsted publiserer: «Sportskjede lekker kundedata».",
			"de": "Eine überregionale Tech-Seite titelt: „Sportkette verliert Kundendaten“.",
		}},
		{ID: "password-reset", At: 70 * minute, Severity: "critical", Title: Text{
			"en": "A password-reset e-mail for the brand's Instagram arrives that nobody asked for.",
			"fr": "Un e-mail de réinitialisation du mot de passe Instagram de la marque arrive sans que personne l'ait demandé.",
			"nl": "Er komt een e-mail voor het resetten van het Instagram-wachtwoord van het merk binnen waar niemand om heeft gevraagd.",
			"sv": "Ett mejl om återställning av varumärkets Instagramlösenord kommer utan att någon bett om det.",
			"nb": "En e-post om tilbakestilling av merkevarens Instagram-passord kommer uten at noen har bedt om det.",
			"de": "Eine E-Mail zum Zurücksetzen des Instagram-Passworts der Marke trifft ein, die niemand angefordert hat.",
		}},
	},
	Expect: Expect{AckWithin: 15 * minute, ReplyWithin: 30 * minute, Crisis: true, CrisisBy: 40 * minute},
	lines: `
question nb | Er mine kortopplysninger lekket? Jeg handlet hos dere i forrige uke.
question nb | Hva skal jeg gjøre nå, må jeg bytte passord?
question en | Was customer data outside Norway affected too?
question sv | Gäller läckan även kunder i Sverige?
accusation nb | {org} har SOLGT dataene våre til reklamefirmaer, det står jo her. Skammelig.
accusation nb | De visste om lekkasjen i ukevis og sa ingenting.
accusation en | They sold our data and now they pretend it was a hack
complaint nb | Jeg har fått tre svindel-SMS i dag. Takk for det, {org}.
complaint nb | Hvorfor må vi lese om dette på Facebook og ikke få en e-post fra dere?
crisis nb | Jeg har meldt dette til Datatilsynet.
crisis nb | Advokaten min ser på et gruppesøksmål.
insult nb | Dere er noen jævla amatører
neutral nb | Følger med her
spam nb | Sjekk om dataene dine er lekket HER: gratis-sjekk.example/login skriv inn passordet ditt
spam en | Free gift card for affected customers, claim at giftcard-nordlys.example
defend nb | Ro ned folkens, vent på at de faktisk sier hva som skjedde før dere dømmer.
praise nb | Takk for tydelig info, det setter jeg pris på.
`,
}

var shelterLocation = &Scenario{
	ID: "shelter-location", Seed: "004", Lang: "fr", Duration: 90 * minute,
	Channels: []string{"facebook:maison", "instagram:maison"},
	Staff:    []string{"Nadia", "Claire"}, OrgNames: []string{"Maison Horizon"},
	Langs: map[string]float64{"fr": 0.85, "en": 0.15},
	Title: Text{
		"en": "A survivor's location posted on a shelter's page",
		"fr": "La localisation d'une survivante publiée sur la page d'une maison d'hébergement",
		"nl": "De verblijfplaats van een slachtoffer gedeeld op de pagina van een opvanghuis",
		"sv": "Ett brottsoffers vistelseort publiceras på ett skyddat boendes sida",
		"nb": "En voldsutsatts oppholdssted lagt ut på et krisesenters side",
		"de": "Der Aufenthaltsort einer Betroffenen auf der Seite eines Frauenhauses veröffentlicht",
	},
	Briefing: Text{
		"en": "Under the shelter's post about a fundraising evening, a comment names a woman and says where she is staying. Her safety comes first. Remove personal information about another person at once, tell the author which rule applied, report to the platform, and send requests for help to confidential channels, never into comments.",
		"fr": "Sous la publication de la maison sur une soirée de collecte, un commentaire nomme une femme et dit où elle séjourne. Sa sécurité passe avant tout. Retirez tout de suite les informations personnelles sur une autre personne, indiquez à l'auteur la règle appliquée, signalez à la plateforme, et orientez les demandes d'aide vers des canaux confidentiels, jamais en commentaire.",
		"nl": "Onder het bericht van het opvanghuis over een benefietavond noemt een reactie een vrouw bij naam en zegt waar ze verblijft. Haar veiligheid gaat voor. Verwijder persoonsgegevens over een ander meteen, vertel de afzender welke regel is toegepast, meld het bij het platform, en verwijs hulpvragen naar vertrouwelijke kanalen, nooit in reacties.",
		"sv": "Under boendets inlägg om en insamlingskväll nämner en kommentar en kvinna vid namn och säger var hon bor. Hennes säkerhet går först. Ta genast bort personuppgifter om någon annan, berätta för skribenten vilken regel som tillämpades, anmäl till plattformen och hänvisa hjälpförfrågningar till konfidentiella kanaler, aldrig i kommentarer.",
		"nb": "Under krisesenterets innlegg om en innsamlingskveld nevner en kommentar en kvinne ved navn og sier hvor hun bor. Hennes sikkerhet kommer først. Fjern personopplysninger om andre med en gang, fortell forfatteren hvilken regel som ble brukt, rapporter til plattformen, og henvis forespørsler om hjelp til konfidensielle kanaler, aldri i kommentarer.",
		"de": "Unter dem Beitrag des Frauenhauses über einen Spendenabend nennt ein Kommentar eine Frau mit Namen und sagt, wo sie sich aufhält. Ihre Sicherheit geht vor. Entfernen Sie persönliche Daten über andere sofort, teilen Sie dem Verfasser die angewandte Regel mit, melden Sie es der Plattform und verweisen Sie Hilfeanfragen an vertrauliche Kanäle, nie in Kommentare.",
	},
	Phases: []Phase{
		{0, 20 * minute, 6, []Weighted{{"praise", 3}, {"question", 2}, {"neutral", 2}}},
		{20 * minute, 60 * minute, 50, []Weighted{{"harassment", 3}, {"doxxing", 2}, {"hate", 2}, {"defend", 3}, {"help", 1}, {"question", 1}}},
		{60 * minute, 90 * minute, 12, []Weighted{{"defend", 2}, {"question", 2}, {"harassment", 1}, {"praise", 1}}},
	},
	Injects: []Inject{
		{ID: "location", At: 5 * minute, Severity: "critical", Title: Text{
			"en": "A comment gives a survivor's name and the address where she is staying.",
			"fr": "Un commentaire donne le nom d'une survivante et l'adresse où elle séjourne.",
			"nl": "Een reactie noemt de naam van een slachtoffer en het adres waar ze verblijft.",
			"sv": "En kommentar anger ett brottsoffers namn och adressen där hon bor.",
			"nb": "En kommentar oppgir navnet til en voldsutsatt og adressen der hun bor.",
			"de": "Ein Kommentar nennt den Namen einer Betroffenen und die Adresse, an der sie sich aufhält.",
		}, Post: "doxxing fr | Sandrine, on sait que tu es cachée chez elles, {addr}. Ton mari aussi le sait maintenant."},
		{ID: "help-dm", At: 15 * minute, Severity: "warning", Title: Text{
			"en": "A woman asks for help in a private message: she needs a place tonight.",
			"fr": "Une femme demande de l'aide en message privé : elle a besoin d'un endroit ce soir.",
			"nl": "Een vrouw vraagt via een privébericht om hulp: ze heeft vannacht een plek nodig.",
			"sv": "En kvinna ber om hjälp i ett privat meddelande: hon behöver en plats i natt.",
			"nb": "En kvinne ber om hjelp i en privat melding: hun trenger et sted i natt.",
			"de": "Eine Frau bittet per Privatnachricht um Hilfe: Sie braucht heute Nacht einen Platz.",
		}, Post: "help fr | Bonjour, je n'ose pas appeler, il regarde mon téléphone. Est-ce que vous avez une place ce soir pour moi et ma fille ?"},
		{ID: "pile-on", At: 30 * minute, Severity: "warning", Title: Text{
			"en": "Friends of the man pile on and call the shelter a sect that breaks families.",
			"fr": "Des amis de l'homme s'en mêlent et traitent la maison de secte qui brise les familles.",
			"nl": "Vrienden van de man mengen zich erin en noemen het opvanghuis een sekte die gezinnen kapotmaakt.",
			"sv": "Mannens vänner hakar på och kallar boendet en sekt som splittrar familjer.",
			"nb": "Mannens venner henger seg på og kaller krisesenteret en sekt som ødelegger familier.",
			"de": "Freunde des Mannes mischen sich ein und nennen das Frauenhaus eine Sekte, die Familien zerstört.",
		}},
		{ID: "reporter", At: 50 * minute, Severity: "info", Title: Text{
			"en": "A local reporter asks whether a resident was threatened this evening.",
			"fr": "Un journaliste local demande si une résidente a été menacée ce soir.",
			"nl": "Een lokale verslaggever vraagt of een bewoner vanavond is bedreigd.",
			"sv": "En lokalreporter frågar om en boende hotades i kväll.",
			"nb": "En lokaljournalist spør om en beboer ble truet i kveld.",
			"de": "Ein Lokalreporter fragt, ob heute Abend eine Bewohnerin bedroht wurde.",
		}},
	},
	Expect: Expect{AckWithin: 5 * minute, ReplyWithin: 20 * minute, Crisis: true, CrisisBy: 30 * minute},
	lines: `
praise fr | Merci pour tout ce que vous faites, je viendrai à la soirée !
praise fr | Bravo à toute l'équipe de {org}, vous sauvez des vies
neutral fr | C'est à quelle heure la soirée ?
question fr | Est-ce qu'on peut faire un don en ligne ?
question fr | Vous cherchez des bénévoles pour la soirée ?
question en | Can I donate clothes for children?
help fr | J'ai besoin d'aide, je ne sais pas à qui parler, est-ce que je peux vous écrire ici ?
harassment fr | Ces bonnes femmes de {org} cachent des mères qui volent les enfants à leur père
harassment fr | {staff} et sa clique de menteuses, on finira par vous trouver
hate fr | Ce sont toujours les mêmes hystériques féministes qui détruisent les familles
hate en | Feminist cult breaking up families, shut it down
doxxing fr | La femme de Marc est là-bas depuis trois semaines, au {addr}, tout le monde le sait
doxxing fr | Son numéro c'est {phone}, appelez-la pour lui dire de rentrer
defend fr | Honte à ceux qui publient des adresses ici, vous mettez des vies en danger.
defend fr | Je soutiens {org}, elles m'ont aidée il y a deux ans.
`,
}

// fill replaces a line's slots with the scenario's invented details.
func (s *Scenario) fill(text string, n int) string {
	staff := "the staff"
	if len(s.Staff) > 0 {
		staff = s.Staff[n%len(s.Staff)]
	}
	org := ""
	if len(s.OrgNames) > 0 {
		org = s.OrgNames[0]
	}
	return strings.NewReplacer("{staff}", staff, "{org}", org, "{addr}", inventedAddress[s.Lang], "{phone}", inventedPhone[s.Lang]).Replace(text)
}

// Invented, plausible details: nobody lives there.
var inventedAddress = map[string]string{
	"fr": "14 rue des Glycines, appartement 3",
	"nl": "Lindelaan 27 in Heerlen",
	"sv": "Björkvägen 12 i Västerby",
	"nb": "Granveien 8B",
	"en": "27 Elm Grove",
	"de": "Lindenstraße 14",
}

var inventedPhone = map[string]string{
	"fr": "06 12 48 93 07", "nl": "06 4821 9937", "sv": "070-482 19 93", "nb": "482 19 937", "en": "07700 900482", "de": "0151 48219937",
}

// line is one parsed traffic line.
type line struct {
	kind, lang, text string
}

func parseLine(s string) (line, error) {
	head, text, ok := strings.Cut(s, "|")
	f := strings.Fields(head)
	text = strings.TrimSpace(text)
	if !ok || len(f) != 2 || text == "" {
		return line{}, fmt.Errorf("want \"kind lang | text\": %q", s)
	}
	if _, ok := kinds[f[0]]; !ok {
		return line{}, fmt.Errorf("unknown kind %q in %q", f[0], s)
	}
	return line{kind: f[0], lang: f[1], text: text}, nil
}

func (s *Scenario) parsedLines() ([]line, error) {
	var out []line
	for _, l := range strings.Split(s.lines, "\n") {
		if l = strings.TrimSpace(l); l == "" {
			continue
		}
		p, err := parseLine(l)
		if err != nil {
			return nil, fmt.Errorf("scenario %s: %w", s.ID, err)
		}
		out = append(out, p)
	}
	return out, nil
}
