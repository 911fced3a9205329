package spam

import (
	"fmt"
	"strings"
)

// kind is what a cue is evidence of.
type kind uint8

const (
	kLure      kind = iota // fake giveaway: "you won", "claim your prize"
	kInvest                // investment scam: "doubled my investment", "earn 500€ a day"
	kCrypto                // crypto vocabulary on its own: bitcoin, USDT, wallet
	kAdult                 // adult-spam lure: "hot singles in your area"
	kFollowers             // follower and promotion selling
	kCred                  // credential harvesting: "verify your account"
	kPay                   // a request for card, bank or login data: always an action
	kCTA                   // call to action or contact request: "click the link", "DM me"
	kUs                    // contact request in the first person plural: "DM us", "contactez-nous"
	kRole                  // a role an impersonator claims: support, official, admin, team
	kUrgent                // urgency: "within 24 hours"
	kPsychic               // psychic and love-spell scams: "your lover back in 7 days"
	kOfficial              // a generic claim to be an official service: "the official customer service"
	kParcel                // parcel and customs-fee scams: "your parcel is held at customs"
	kSale                  // a flash sale: "70% off today only", "-70% seulement aujourd'hui"
	nKinds
)

var kindNames = [nKinds]string{
	kLure:      "giveaway lure",
	kInvest:    "investment scam",
	kCrypto:    "crypto",
	kAdult:     "adult-spam lure",
	kFollowers: "follower selling",
	kCred:      "credential phishing",
	kPay:       "request for payment or login data",
	kCTA:       "call to action",
	kUs:        "contact request",
	kRole:      "role claim",
	kUrgent:    "urgency",
	kPsychic:   "psychic scam",
	kOfficial:  "claims to be an official service",
	kParcel:    "parcel scam",
	kSale:      "flash-sale lure",
}

// cueSet is a group of patterns of one kind and weight. Pattern syntax:
// words separated by spaces, already folded (lower case, no accents: ä is
// a, ø is o, ß is ss); [a|b c|] alternatives, the empty one making the group
// optional; a trailing * matches any word with that prefix; # matches a
// number; @ matches a mention.
type cueSet struct {
	kind kind
	w    float64
	pats []string
}

// The cue tables, by kind, six languages each (en, fr, nl, sv, nb/nn, de).
// Weights are evidence on their own; scoring (score.go) combines kinds and
// caps what has no call to action.
var cueSets = []cueSet{
	// ---- fake giveaways
	{kLure, 0.5, []string{
		"you [have|ve|] won", "youve won", "you [are|re] [a|the|our] [lucky|] winner", "youre [a|the|our] [lucky|] winner",
		"vous avez gagne", "tu as gagne", "tu a gagne", "vous etes [le|la|l] [heureux|heureuse] [gagnant|gagnante]",
		"[u|je|jij] [heeft|hebt|hebben] gewonnen", "[u|je|jij] bent [de|een] [gelukkige|] winnaar",
		"du har vunnit", "du ar [en|den] [lyckliga|] vinnare", "du har vunnet", "du har vunne", "du er [den|en] [heldige|] vinner*",
		"sie haben gewonnen", "du hast gewonnen", "sie sind [der|ein] [gluckliche|glueckliche|] gewinner",
		"free iphone", "iphone gratuit", "gratis iphone", "kostenloses iphone",
	}},
	{kLure, 0.6, []string{
		"congratulations you [have|ve|] [won|been selected]", "congrats you [have|ve|] won",
		"claim your [prize|reward|gift|voucher|bonus|winnings|free]", "unclaimed [prize|reward|gift]",
		"[dm|message|inbox] [us|me|] to claim", "click [the|this|my|] link to claim", "to claim your [prize|reward|gift|voucher|bonus]",
		"felicitations vous avez gagne", "felicitation vous avez gagne", "bravo vous avez gagne", "felicitations tu as gagne",
		"[reclamez|reclame|recuperez|recupere|recuperer|reclamer] [votre|ton|vos|tes] [cadeau|cadeaux|prix|lot|lots|gain|gains|recompense]",
		"gefeliciteerd [u|je|jij] [heeft|hebt] gewonnen", "[claim|haal|ontvang|claimen] [je|uw|jouw] [prijs|cadeau|beloning|gewonnen]",
		"grattis du har vunnit", "[hamta|los in|los ut|gor ansprak pa] [ditt|din] [pris|vinst|presentkort|belonning]",
		"gratulerer du har vunnet", "gratulerer du har vunne", "[hent|krev|los inn] [din|ditt] [premie|gevinst|gave|pris|gavekort]",
		"gluckwunsch sie haben gewonnen", "glueckwunsch sie haben gewonnen", "gluckwunsch du hast gewonnen", "glueckwunsch du hast gewonnen",
		"[fordern sie|holen sie sich|hol dir|sichern sie sich|sichere dir] [ihren|deinen|ihr|dein] [preis|gewinn|gutschein|geschenk]",
		"ihr gewinn wartet", "dein gewinn wartet", "gewinn [abholen|einlosen|einloesen]",
	}},
	{kLure, 0.45, []string{
		"you [have|ve|] been [selected|chosen|picked]", "youve been [selected|chosen|picked]",
		"vous avez ete [selectionne|selectionnee|selectionnes|choisi|choisie|tire|tiree] [|au sort]", "tu as ete [selectionne|selectionnee|choisi|choisie]",
		"[u|je|jij] bent [geselecteerd|uitgekozen|getrokken]",
		"du har [blivit|valts|dragits] [utvald|ut]", "du [er|har blitt|har vorte] [valgt ut|trukket ut|utvalgt]",
		"sie wurden [ausgewahlt|ausgewaehlt|ausgelost]", "du wurdest [ausgewahlt|ausgewaehlt|ausgelost]",
	}},
	{kLure, 0.55, []string{
		"[giving|give|gives|is giving] away # [iphones|iphone|ipads|ipad|gift cards|macbooks|ps5|playstations|cars|tickets]",
		"[offre|offrent|donne|donnent|distribue] # [iphone|iphones|ipad|ipads|cartes cadeaux|bons d achat]",
		"geeft # [iphones|iphone|ipads|cadeaubonnen] weg", "[ger|delar ut] [bort|] # [iphones|iphone|ipads|presentkort]",
		"[gir|deler ut] [bort|] # [iphones|iphone|ipads|gavekort]", "[verschenkt|verschenken|verlost|verlosen] # [iphones|iphone|ipads|gutscheine]",
	}},
	{kLure, 0.3, []string{"giveaway", "jeu concours", "winactie", "gewinnspiel", "konkurranse", "tavling", "give away", "giving away"}},
	{kLure, 0.2, []string{"gift card", "carte cadeau", "cadeaubon", "presentkort", "gavekort", "gutschein"}},
	// round 6: a refund promised to whoever logs in or pays ("för att få tillbaka pengarna"): weak alone, a customer may write it.
	{kLure, 0.3, []string{"[for att fa|for att] [tillbaka|aterbetalt] [pengarna|dina pengar|din aterbetalning|beloppet]", "[for a fa|for a] [tilbake|refundert] [pengene|pengene dine|refusjonen|belopet]"}},

	// ---- investment and crypto scams
	{kInvest, 0.65, []string{
		"doubled my [initial|first|] [investment|investments|money|capital]", "my investment [doubled|tripled]", "tripled my investment",
		"recover your [lost|stolen|scammed] [funds|crypto|money|bitcoin|btc|assets]", "[recover|recovered] my [lost|stolen|scammed] [funds|crypto|bitcoin|btc|money]",
		"double mon investissement", "mon investissement a [double|triple]", "recuperer vos [fonds|cryptos|bitcoins] [perdus|voles]",
		"[verdubbelde|verdubbeld] mijn investering", "mijn investering [verdubbeld|verdrievoudigd]",
		"dubblade min investering", "min investering [dubblades|fordubblades]",
		"doblet [min investering|investeringen min]", "investeringen min [ble doblet|doblet seg]",
		"[verdoppelte|verdoppelt] meine investition", "meine investition [verdoppelt|verdreifacht]",
	}},
	{kInvest, 0.55, []string{
		"[earn|earning|earned|make|making|made] # [|euro|euros|eur|dollars|usd|usdt|pounds|gbp|kr|sek|nok|dkk|chf] [a|per|each|every] [day|week|hour]",
		"[earn|earning|make|making|made] # [|euro|euros|eur|dollars|usd|usdt|pounds] daily", "[earn|make] # [|euro|euros|eur|dollars|usd] weekly",
		"guaranteed [profit|profits|returns|return|income]", "risk free [investment|trading|profit|profits]",
		"[trade|trading|invest|investing|invested] with [mr|mrs|ms|miss|madam|expert|her|him|sir]",
		"[gagner|gagne|gagnez|gagnes|gagnait] # [|euros|euro|eur|dollars] par [jour|semaine|heure]", "rendement garanti", "profit garanti", "investissement garanti",
		"[verdien|verdienen|verdiende|verdient] # [|euro|eur|dollar] per [dag|week|uur]", "gegarandeerd rendement", "gegarandeerde winst",
		"[tjana|tjanar|tjanade|tjanat] # [|kr|kronor|sek|euro|dollar] [om|per|varje|i] [dagen|dag|veckan|vecka|timmen]", "garanterad avkastning", "garanterad vinst",
		"[tjen|tjene|tjener|tjente|tene|tener] # [|kr|kroner|nok|euro|dollar] [om|per|hver|i] [dagen|dag|uka|uken|veka|timen]", "garantert avkastning", "garantert gevinst", "garantert fortjeneste",
		"[verdiene|verdienen|verdient|verdiente] # [|euro|eur|dollar] [am|pro|jeden|die|an einem] [tag|woche|stunde]", "garantierte rendite", "garantierter gewinn", "garantierte gewinne",
	}},
	{kInvest, 0.4, []string{
		"passive income", "financial freedom", "investment [platform|opportunity|plan|manager]", "[crypto|bitcoin|forex|binary] [expert|trader|mentor|trading|investment|investor|options]",
		"account manager", "fund recovery", "funds recovery",
		"revenu passif", "revenus passifs", "liberte financiere",
		"passief inkomen", "financiele vrijheid",
		"passiv inkomst", "ekonomisk frihet", "finansiell frihet",
		"passiv inntekt", "okonomisk frihet", "finansiell frihet",
		"passives einkommen", "finanzielle freiheit",
	}},
	{kInvest, 0.5, []string{
		"[i|highly|i highly|i strongly] recommend [mr|mrs|ms|miss|madam|sir|expert]", "[made|earned|make|makes] me # [in|with|within|every|each|a|per]",
		"je [recommande|conseille] [mr|mrs|mme|madame|monsieur|m|mlle]", "[m a|m ont|ma] fait gagner #", "m a permis de gagner #",
		"ik raad [meneer|mevrouw|mr|mrs|mevr|dhr]", "ik [beveel|adviseer] [meneer|mevrouw|mr|mrs|mevr|dhr]", "liet me # verdienen", "heeft me # laten verdienen",
		"jag rekommenderar [fru|herr|mr|mrs]", "[hjalpte|fick] mig [att|] tjana #",
		"jeg anbefaler [fru|herr|mr|mrs]", "[hjalp|fikk] meg [til a|a|] tjene #",
		"ich empfehle [frau|herrn|herr|mr|mrs]", "hat mir geholfen # [zu|] verdienen", "[liess|lies] mich # verdienen",
	}},
	{kInvest, 0.3, []string{
		"thanks to [mr|mrs|ms|miss|madam|expert]", "grace a [mr|mrs|mme|madame|monsieur]", "dankzij [mr|mrs|mevrouw|meneer|mevr]",
		"tack vare [mr|mrs|fru|herr]", "takket vaere [mr|mrs|fru|herr]", "dank [herrn|frau|mr|mrs]",
	}},
	{kInvest, 0.5, []string{
		"[earn|make|making|get] [quick|easy|fast|extra] [cash|money]", "[quick|easy|fast] [cash|money] from home",
		"[gagnez|gagner|gagne] de l argent [facilement|rapidement|vite|depuis chez vous|sans effort]", "argent facile", "argent rapide",
		"[verdien|verdienen] [snel|makkelijk|eenvoudig] geld", "snel geld [verdienen|vanuit huis]",
		"[tjana|tjanar] [snabba|enkla|latta] pengar", "snabba pengar [hemifran|hemma]",
		"[tjen|tjene|tener] [raske|enkle|lette] penger", "raske penger [hjemmefra|heimanfra]",
		"[verdiene|verdienen|verdien] [schnelles|schnell|einfaches|leichtes] geld", "schnelles geld [von zu hause|im internet|online]",
	}},
	{kInvest, 0.45, []string{
		"[made|make|earned|earn|making] [|me|us] # [|euro|euros|dollars|pounds] [with|in|trading|from] [crypto|bitcoin|btc|forex|trading|usdt]",
		"[gagne|gagnes|gagner|fait gagner] # [|euros|euro] [avec|en|grace au|grace a la] [crypto|bitcoin|trading|forex|cryptomonnaie]",
		"[verdiend|verdien|verdienen] met [crypto|bitcoin|trading|forex]",
		"[tjanat|tjanade|tjana|tjanar] # [|kr|kronor] pa [krypto|bitcoin|trading|forex]",
		"[tjent|tjente|tjene|tjener] # [|kr|kroner] pa [krypto|bitcoin|trading|forex]",
		"mit [krypto|bitcoin|trading|forex|btc|kryptowahrungen] verdient",
	}},
	{kInvest, 0.2, []string{"[work|earn|money] from home", "depuis chez vous", "vanuit huis", "hemifran", "hjemmefra", "von zu hause", "snabba pengar", "raske penger", "snel geld", "schnelles geld"}},
	{kCrypto, 0.2, []string{
		"bitcoin", "bitcoins", "btc", "usdt", "eth", "ethereum", "crypto", "cryptos", "cryptocurrency", "cryptocurrencies", "binance",
		"crypto wallet", "wallet address", "forex", "nft", "airdrop", "cryptomonnaie", "cryptomonnaies", "kryptowahrung", "kryptowaehrung",
		"kryptovaluta", "cryptovaluta", "crypto munt", "cryptomunten", "krypto", "kryptowahrungen", "kryptowaehrungen",
	}},

	// ---- adult-spam lures
	{kAdult, 0.6, []string{
		"[hot|horny|lonely|sexy|naughty] [girls|women|singles|milfs|ladies|moms] [in|near|from] your [area|city|town]",
		"[celibataires|femmes|filles] [chaudes|coquines|sexy] [pres de chez vous|pres de chez toi|dans ta ville|dans votre ville|de ta region|de votre region]",
		"[geile|hete|sexy|eenzame] [singles|vrouwen|meiden|dames] [in|uit] [jouw|je|uw] [buurt|omgeving|regio|stad]",
		"[heta|kata|sexiga|ensamma] [singlar|tjejer|kvinnor|damer] [i|nara] [ditt|din] [omrade|stad|narhet]",
		"[hete|kate|sexy|ensomme] [singler|jenter|damer|kvinner] [i|naer] [ditt|din] [omrade|by|naerhet|naerheten]",
		"[heisse|geile|sexy|einsame] [singles|frauen|girls|madchen|maedchen] [in deiner|in ihrer|aus deiner|aus ihrer] [nahe|naehe|stadt|umgebung|region]",
	}},
	{kAdult, 0.55, []string{
		"see my [private|naked|nude|hot|sexy|intimate] [photos|pics|pictures|videos|content]", "my [private|nude|naked|intimate] [photos|pics|pictures|videos]",
		"mes [photos|videos] [privees|coquines|intimes|nues|hot]", "voir mes [photos|videos] [privees|coquines|intimes|nues]",
		"mijn [prive|naakt|sexy] [fotos|foto|videos]", "mijn naaktfotos",
		"mina [privata|nakna|heta] [bilder|foton|videor]", "mine [private|nakne|hete] [bilder|videoer]",
		"meine [privaten|nackten|heissen] [bilder|fotos|videos]",
	}},
	{kAdult, 0.45, []string{
		"hot singles", "adult dating", "sex [date|dates|dating|contacts|chat]", "[free|] sex [cam|cams]", "onlyfans", "fansly",
		"rencontres [coquines|sexy|adultes|chaudes]", "plan cul", "sexdate", "sexdates", "sextraff", "sextraffar", "sexkontakt", "sexkontakte", "sexkontakter",
	}},
	{kAdult, 0.25, []string{
		"nude pics", "naked pics", "nudes", "photos nues", "naaktfotos", "nakenbilder", "nacktbilder", "nacktfotos",
	}},

	// ---- follower and promotion selling
	{kFollowers, 0.6, []string{
		"buy [real|cheap|active|instagram|tiktok|facebook|youtube|] [followers|likes|views|subscribers]", "[followers|likes|views] for sale",
		"send [it|this|that|pic|pics|your pic|your pics|this pic|your work|your art|your photos] to @",
		"acheter des [abonnes|followers|likes|vues]", "achat [d abonnes|de followers|de likes]",
		"koop [volgers|followers|likes|views]", "[volgers|followers|likes] kopen",
		"kop [foljare|followers|likes]", "kopa [foljare|followers|likes]", "[foljare|followers] kopes",
		"kjop [folgere|followers|likes]", "kjope [folgere|followers|likes]",
		"[follower|followers|likes|abonnenten] kaufen", "[kaufe|kaufen|kauf] [follower|followers|likes|abonnenten]",
	}},
	{kFollowers, 0.3, []string{"[get|gain|grow|increase] [#|more|real|your|] [followers|likes|engagement]"}},
	{kFollowers, 0.45, []string{
		"[cheap|real|active|organic|instant] [followers|likes]",
		"followers [and|] likes", "[promote|boost] [your|ur] [page|account|content|music|business|profile|reach|followers]",
		"i can help you [grow|increase|boost|promote]", "[dm|message|contact] @ for [promo|promotion|collab|feature|shoutout]",
		"[abonnes|followers] [reels|actifs|pas chers]", "[gagner|gagnez|avoir] [plus d|des|#] [abonnes|followers]", "[booster|boostez|promouvoir] [ton|votre] [compte|page|profil|instagram]",
		"[echte|goedkope|actieve] [volgers|followers]", "meer [volgers|followers|likes]",
		"[riktiga|billiga|aktiva] [foljare|followers]", "fler [foljare|followers|likes]",
		"[ekte|billige|aktive] [folgere|followers]", "flere [folgere|followers|likes]",
		"[echte|gunstige|billige|aktive] [follower|followers]", "mehr [follower|followers|likes|reichweite]",
	}},

	// ---- psychic and love-spell scams (marabout spam)
	{kPsychic, 0.6, []string{
		"[your|bring back your|return your] [lover|ex|partner|husband|wife|boyfriend|girlfriend] back", "spell caster", "spell casters",
		"retour de l etre aime", "retour affectif", "[ramener|ramene|faire revenir] [l etre aime|votre ex|ton ex]",
		"[uw|je|jouw] [geliefde|ex|partner] [binnen # dagen|] terug", "liefdesspreuk",
		"din [alskade|karlek|ex|partner] tillbaka", "karleksformel",
		"din [kjaere|kjaereste|ex|partner] tilbake", "[din|dykkar] [kjaere|kjaereste] tilbake",
		"[ihr|ihre|dein|deine] [liebster|liebste|partner|partnerin|ex] [in # tagen|] [zuruck|zurueck]", "liebeszauber",
	}},
	{kPsychic, 0.35, []string{
		"love spell", "love spells",
		"[results|success|satisfaction] guaranteed", "guaranteed results", "[resultat|resultats|succes|reussite] [garanti|garantis|garantie]", "resultats garantis",
		"[resultaat|succes] gegarandeerd", "gegarandeerd resultaat", "[garanterat|garantert] resultat", "resultat [garanterat|garantert]",
		"[erfolg|ergebnis|ergebnisse] [garantiert|garantierte]", "garantierter erfolg",
	}},
	{kPsychic, 0.3, []string{
		"psychic", "clairvoyant", "medium voyant", "voyante", "voyant", "marabout", "helderziende", "paragnost", "spakvinna", "spakone", "synsk", "wahrsagerin", "hellseherin", "hellseher",
	}},

	// ---- parcel and customs-fee scams
	{kParcel, 0.5, []string{
		"[parcel|package|delivery|shipment] [is|has been|was] [held|on hold|stuck|waiting|pending|suspended]", "held at customs",
		"colis [est|a ete|] [bloque|retenu|en attente|suspendu]", "bloque en douane",
		"[pakket|zending] [ligt|is|staat|wordt] [bij de douane|vastgehouden|in de wacht|geblokkeerd]", "vastgehouden door de douane",
		"paket [har fastnat|ar kvar|vantar|har stoppats]", "fastnat i tullen",
		"[pakken|pakka|pakke] [din|] [sitter fast|er stoppet|venter|holdes tilbake]", "sitter fast i tollen",
		"paket [hangt|haengt|liegt|wurde] [beim zoll|im zoll|zuruckgehalten|angehalten]",
	}},
	{kParcel, 0.25, []string{
		"[customs|redelivery] fee", "frais de [douane|reexpedition]", "douanekosten", "tullavgift", "tollgebyr", "[zollgebuhr|zollgebuehr|zollgebuhren]",
	}},
	{kPay, 0.5, []string{
		"[pay|settle] # [here|now|via|at|online|to]", "[pay|settle] [the|a|your|] [small|] [fee|customs fee|delivery fee|shipping fee|redelivery fee|handling fee] [here|now|at|via|of]",
		"[reglez|payez|regler|payer] # [|eur|euro|euros] [ici|maintenant|en ligne|via|sur]", "[reglez|payez] les frais",
		"betaal # [|eur|euro] [hier|nu|via|op]", "betaal de [kosten|douanekosten]",
		"betala # [|kr|kronor|sek] [har|nu|via|pa]", "betala [avgiften|tullavgiften]",
		"betal # [|kr|kroner|nok] [her|na|via|pa]", "betal [gebyret|tollgebyret]",
		"swisha # [|kr|kronor|sek] [till|pa|har|nu]", "[vipps|vippse|vippser] # [|kr|kroner|nok] [til|pa|her|na]",
		"[zahlen sie|bezahlen sie|zahle|bezahle] # [|euro|eur] [hier|jetzt|uber|unter|online]", "[zahlen sie|bezahlen sie] die [gebuhr|gebuehr|zollgebuhr]",
	}},
	{kPay, 0.45, []string{
		"your [card number|card details|bank details|banking details|pin code|cvv|login details|one time code|verification code]",
		"votre [numero de carte|code de carte|cryptogramme|code pin|code secret|code de verification]", "vos coordonnees bancaires",
		"[uw|je|jouw] [kaartnummer|pincode|bankgegevens|inloggegevens|verificatiecode|creditcardgegevens]",
		"[ditt|din|dina] [kortnummer|pinkod|bankuppgifter|kortuppgifter|verifieringskod]", "[kortnummeret|pinkoden|passordet] [ditt|din]", "[ditt|din|dine] [kortnummer|pinkode|bankopplysninger|kortopplysninger]",
		"[ihre|deine] [kartennummer|kreditkartennummer|kreditkartendaten|bankdaten|pin|zugangsdaten|tan]",
	}},

	// ---- generic impersonation of an official service
	{kOfficial, 0.3, []string{
		"[the|our|this is the|this is] official [customer service|customer support|support team|support|page|account|team|helpdesk]",
		"[le|la|notre] [service client|support|equipe|page] [officiel|officielle]", "[ici le|ici la] [service client|support] [officiel|officielle|]",
		"[de|onze] officiele [klantenservice|helpdesk|pagina|account]", "hier de officiele klantenservice",
		"[officiella|officiell] [kundtjanst|kundtjansten|support|sida|sidan]", "[den|var] officiella [kundtjansten|kundtjanst|sidan]",
		"[offisielle|offisiell] [kundeservice|support|side|siden]", "[den|var] offisielle [kundeservice|kundeservicen|siden]",
		"[vart|vara] [officiella|officiell] [konto|supportsida]", "[var|vare|vaar] [offisielle|offisiell] [konto|supportside]",
	}},
	// A "support account" a comment sends people to is not the page itself:
	// the real organization answers "skriv till oss", not to a second handle.
	{kOfficial, 0.65, []string{
		"[vart|vara] [officiella|officiell|] [supportkonto|kundtjanstkonto]", "[var|vare|vaar] [offisielle|offisiell|] [supportkonto|kundeservicekonto]",
		"[der|unser|die|unsere] [offizielle|offizieller] [kundenservice|kundendienst|support|seite]", "[offizieller|offizielle] [kundenservice|kundendienst|support]",
	}},

	// ---- credential phishing
	{kCred, 0.55, []string{
		"[verify|confirm|validate|reactivate|unlock|secure|restore] your [account|identity|page|details|information|info|payment|card|login|profile|business page]",
		"update your [payment|billing|account|card|bank] [details|information|info|method]",
		"your [account|page|profile|business page] [will be|has been|is being|is going to be|may be|could be] [suspended|disabled|deleted|locked|restricted|deactivated|terminated|closed|blocked|removed|unpublished]",
		"[seed|recovery|secret] phrase", "private key",
		"[verifiez|verifier|verifie|confirmez|confirmer|confirme|validez|valider|reactivez|debloquez|securisez] votre [compte|identite|page|paiement|carte|profil|informations|mot de passe|acces]",
		"[verifie|confirme|valide] ton [compte|identite|paiement|profil]",
		"[verifiez|verifier|confirmez|confirmer|validez|valider|mettez a jour|mettre a jour] vos [informations|coordonnees|donnees|identifiants|coordonnees bancaires|informations bancaires]",
		"mettez a jour vos [informations|coordonnees|donnees] [bancaires|de paiement|de facturation]",
		"votre [compte|page|profil] [sera|a ete|va etre|risque d etre|est] [suspendu|suspendue|desactive|desactivee|supprime|supprimee|bloque|bloquee|ferme|fermee|restreint|restreinte]",
		"[bevestig|verifieer|valideer|controleer|herstel|activeer] [uw|je|jouw] [gegevens|account|identiteit|betaling|rekening|pagina|profiel|bankgegevens]",
		"[uw|je|jouw] [account|pagina|rekening|profiel] [wordt|is|zal worden|word] [geblokkeerd|opgeschort|verwijderd|gedeactiveerd|afgesloten|beperkt]",
		"[verifiera|bekrafta|validera|aktivera|las upp|sakra|uppdatera] [ditt konto|din identitet|dina uppgifter|din betalning|ditt kort|din sida|din profil|dina kortuppgifter]",
		"ditt konto [kommer att|har|kommer|kan] [stangas|sparras|raderas|blockeras|stangts|sparrats|raderats|blockerats|begransas|inaktiveras]",
		"[bekreft|verifiser|valider|aktiver|sikre|oppdater|stadfest] [kontoen din|kontoen|din konto|identiteten din|din identitet|opplysningene dine|dine opplysninger|betalingen din|kortet ditt|siden din|profilen din]",
		"kontoen din [vil bli|har blitt|blir|kan bli|vil verte|har vorte] [stengt|sperret|slettet|deaktivert|blokkert|begrenset]",
		// round 6: a booking or a payment to "verify" through a link, a BankID login on someone else's site.
		"[verifiera|verifierar|bekrafta|bekraftar|validera] [din bokning|din tid|ditt besok|din betalning|dina uppgifter|ditt kort|din identitet] [via|pa|har|genom|med]",
		"[bekreft|bekrefter|verifiser|verifiserer] [timen din|bestillingen din|betalingen din|opplysningene dine|identiteten din|kortet ditt] [via|pa|her|gjennom|med]",
		"annars [avbokas|raderas|stangs|sparras|forsvinner|makuleras] [den|din tid|din bokning|ditt konto|kontot|tiden]",
		"ellers [blir|vil] [den|timen|timen din|kontoen|kontoen din|bestillingen] [slettet|kansellert|stengt|sperret|avbestilt]",
		"[din betalning|betalningen] gick inte igenom", "betalingen [din|] gikk ikke gjennom",
		"[bestatigen|bestaetigen|verifizieren|aktualisieren|entsperren|sichern|validieren] sie ihr [konto|kundenkonto|profil|identitat|identitaet|zahlung|daten|karte|zugang]",
		"[bestatige|bestaetige|verifiziere|aktualisiere|entsperre|sichere] dein [konto|kundenkonto|profil|identitat|identitaet|zahlung|daten|karte|zugang]",
		"[bestatigen|bestaetigen|verifizieren|aktualisieren] sie ihre [daten|identitat|identitaet|zahlung|karte|zugangsdaten|kontodaten|bankdaten]",
		"[bestatige|bestaetige|verifiziere|aktualisiere] deine [daten|identitat|identitaet|zahlung|karte|zugangsdaten|kontodaten|bankdaten]",
		"[ihr|dein] [konto|kundenkonto|profil] [wird|wurde|ist] [gesperrt|geloscht|geloescht|deaktiviert|eingeschrankt|eingeschraenkt|geschlossen|blockiert]",
	}},
	// A page said to break a policy and about to be deleted: the most
	// common phishing a page's comments get.
	{kCred, 0.65, []string{
		"your [page|account|profile|business page|post] [violates|violated|has violated|is violating|infringes|has infringed|breaches|breached]",
		"[appeal|verify|confirm|respond] [here|now|below|] before [it|your page|your account|the page] [is|gets|will be] [deleted|disabled|removed|suspended|unpublished]",
		"votre [page|compte|publication] [enfreint|viole|a enfreint|a viole|ne respecte pas]", "[faites appel|contestez|verifiez] [ici|maintenant|] avant [sa|la] [suppression|desactivation]",
		"[uw|je|jouw] [pagina|account|bericht] [schendt|overtreedt|heeft geschonden|heeft overtreden]", "[maak|teken] [hier|nu|] bezwaar [aan|] voordat",
		"din [sida|profil|konto] bryter mot", "[overklaga|overklag|verifiera] [har|nu|] innan [den|sidan|kontot] [raderas|stangs|tas bort]",
		"[siden|kontoen|profilen] din bryter [med|mot]", "[klag|klage|bekreft] [her|na|] for [den|siden|kontoen] [slettes|stenges|fjernes]",
		"[ihre|deine] [seite|konto|profil] [verstosst|verstoesst|hat verstossen] gegen", "[legen sie|lege] [hier|jetzt|] [einspruch|widerspruch] ein bevor",
	}},
	{kCred, 0.4, []string{
		"[violated|violating|violates|violation of] [our|the|meta|facebook|instagram] [community|copyright|advertising|] [standards|guidelines|policies|policy|terms]",
		"unusual [activity|login|sign in]", "suspicious [activity|login]", "[log in|login|sign in] [here|now|below|to avoid|to verify|to confirm]",
		"copyright [infringement|violation]", "appeal [here|now|the decision|this decision|within]",
		"activite [inhabituelle|suspecte]", "connectez vous [ici|maintenant]", "violation des [standards|regles|conditions] de la communaute",
		"[ongebruikelijke|verdachte] activiteit", "log [hier|nu] in", "schending van de [communityrichtlijnen|richtlijnen|voorwaarden]",
		"[ovanlig|misstankt] aktivitet", "logga in [har|nu]", "brott mot [gemenskapens|] [riktlinjer|regler|villkor]",
		"[uvanlig|mistenkelig] aktivitet", "logg inn [her|na]", "brudd pa [fellesskapets|] [retningslinjer|regler|vilkar]",
		"[ungewohnliche|ungewoehnliche|verdachtige|verdaechtige] aktivitat", "[ungewohnliche|ungewoehnliche|verdachtige|verdaechtige] aktivitaet", "[melden sie sich|melde dich] [hier|jetzt] an", "verstoss gegen [die|unsere] [gemeinschaftsstandards|richtlinien|nutzungsbedingungen]",
	}},
	{kPay, 0.7, []string{
		"[send|dm|pm|give|provide|enter|share|text|message|inbox|email|confirm|type] [us|me|] [with|] your [card number|card details|card info|credit card|debit card|bank details|bank account|banking details|iban|cvv|cvc|pin|pin code|password|login details|login|credentials|otp|verification code|security code|2fa code|one time code|seed phrase|recovery phrase|private key]",
		"[envoyez|envoie|donnez|donne|communiquez|communique|entrez|entre|saisissez|saisis|confirmez|indiquez] [nous|moi|] [votre|ton|vos|tes] [numero de carte|carte bancaire|coordonnees bancaires|rib|iban|cryptogramme|code pin|code secret|mot de passe|identifiants|code de verification|code de confirmation|code recu]",
		"[stuur|geef|deel|vul|voer|bevestig] [ons|me|mij|] [uw|je|jouw] [kaartnummer|bankgegevens|pincode|wachtwoord|inloggegevens|iban|rekeningnummer|verificatiecode|creditcardgegevens|creditcard]",
		"[skicka|ange|uppge|ge|dela|bekrafta] [oss|mig|] [ditt|din|dina] [kortnummer|kortuppgifter|bankuppgifter|losenord|pinkod|inloggningsuppgifter|bankid|verifieringskod|cvv|iban]",
		"[send|oppgi|gi|del|skriv inn|bekreft] [oss|meg|] [ditt|din|dine] [kortnummer|kortopplysninger|bankopplysninger|passord|pinkode|innloggingsinformasjon|bankid|kode|cvv|iban]",
		"[send|oppgi|del] [oss|meg|] [kortnummeret ditt|passordet ditt|koden din|pinkoden din|bankopplysningene dine]",
		// round 6: an identity number, card fields or a code asked for ("skicka ditt personnummer i DM", "fyll i kortnummer och CVV").
		"[skicka|skickar|ange|anger|uppge|uppger|dela|fyll i|skriv] [oss|mig|] [ditt|sitt|dina|] [personnummer|personnumret|samordningsnummer|kortnummer och cvv|kortnummer och cvc|bankid kod|bankidkod|engangskod]",
		"fyll i [ditt|din|dina|] [kortnummer|kortuppgifter|bankuppgifter|personnummer|cvv]",
		"[send|sender|oppgi|oppgir|del|fyll inn|skriv inn] [oss|meg|] [fodselsnummeret ditt|fodselsnummeret|fodselsnummer|personnummeret ditt|personnummer|kortinfo|kortinfoen din|kortnummer og cvc|kortnummer og cvv|bankid koden|engangskoden]",
		"[fyll inn|skriv inn] [ditt|din|dine|] [kortnummer|kortopplysninger|bankopplysninger|fodselsnummer|cvc|cvv]",
		"[senden sie|schicken sie|geben sie|nennen sie|bestatigen sie|sende|schick|gib|nenne] [uns|mir|] [bitte|] [ihre|ihr|deine|dein] [kartennummer|kreditkarte|kreditkartendaten|bankdaten|iban|pin|passwort|zugangsdaten|tan|bestatigungscode|sicherheitscode|cvv]",
	}},

	// round 6: an identity number sent to a stranger is the whole scam, and so is a BankID
	// login on a site a comment links to; the real page never asks for either in comments.
	{kPay, 0.8, []string{
		"[skicka|skickar|ange|uppge] [ditt|sitt] [personnummer|personnumret] [till oss|till mig|i dm|i pm|har|via|pa]",
		"[send|sender|oppgi|oppgir] [oss|meg] [fodselsnummeret ditt|fodselsnummeret|fodselsnummer|personnummeret ditt|personnummer]",
		"[send|sender|oppgi|oppgir] [fodselsnummeret ditt|fodselsnummeret sitt|personnummeret ditt] [til oss|til meg|pa dm|pa pm|pa messenger|her|via]",
	}},
	{kCred, 0.75, []string{
		"logga in med bankid [pa|har|via|genom]", "logg inn med bankid [pa|her|via|gjennom]", "[identifiera|legitimera] dig med bankid [pa|har|via]", "[identifiser|legitimer] deg med bankid [pa|her|via]",
	}},

	// round 7 (west: en, fr, nl, de): a photo or copy of an identity document asked for under a page is the
	// scam itself (the real clinic never asks for one in comments); "my passport" or "a pet passport" stay.
	{kPay, 0.75, []string{
		"[a photo of|a picture of|a pic of|a copy of|a scan of|photo of|picture of|copy of|scan of] your [id|id card|passport|driving licence|driving license|drivers license|driver s license|identity card|bank card]",
		"[une photo de|la photo de|une copie de|un scan de|photo de|copie de|scan de] [votre|ta] [carte d identite|piece d identite|passeport|permis de conduire|carte bancaire|cni]",
		"[een foto van|een kopie van|een scan van|foto van|kopie van|scan van] [uw|je|jouw] [identiteitskaart|id kaart|paspoort|rijbewijs|bankkaart|bankpas|pinpas]",
		"[ein foto|ein bild|eine kopie|einen scan|foto|kopie|scan] [ihres|deines] [personalausweises|ausweises|reisepasses|passes|fuhrerscheins|fuehrerscheins]",
	}},
	// round 7: card data asked for in a private message ("stuur ons een DM met je kaartgegevens").
	{kPay, 0.7, []string{
		"[stuur|geef|app|mail] [ons|me|mij] [een|] [dm|pb|bericht|privebericht|berichtje|mail] met [uw|je|jouw] [kaartgegevens|kaartnummer|bankgegevens|rekeningnummer|pincode|inloggegevens|iban]",
		"[schreib|schreibt|schreiben sie|schick|schickt|schicken sie] [uns|mir] [eine|] [dm|pn|nachricht|privatnachricht|mail] mit [ihren|deinen|euren|ihrer|deiner|eurer] [kartendaten|kartennummer|bankdaten|zugangsdaten|iban|pin|kreditkartendaten]",
		"[envoyez|envoie|ecrivez|ecris] [nous|moi] [en mp|un mp|un message|en prive|un dm|en message prive] avec [votre|ton|vos|tes] [numero de carte|coordonnees bancaires|rib|iban|code|carte bancaire]",
		"[graag|stuur|geef] [uw|je|jouw] rekeningnummer en",
	}},
	// round 7: money sent by a phone-payment app to a number, or "pay through this link".
	{kPay, 0.5, []string{
		"[reglez|payez|regler|payer|envoyez|envoie] # [|eur|euro|euros] [par|via|avec] [lydia|paypal|paylib|wero] [au|sur|a]",
		// a decimal amount ("2.99", "4,99") is two number tokens
		"[pay|send|settle] # [through|via|using] [this|the] link", "[pay|send|settle] # # [through|via|using] [this|the] link", "[pay|settle] [through|via|using] this link",
		"[reglez|payez|regler|payer|envoyez|envoie] # # [|eur|euro|euros] [par|via|avec] [lydia|paypal|paylib|wero] [au|sur|a]",
	}},
	// round 7: a login with a payment or identity service on a link a comment gives.
	{kCred, 0.6, []string{
		"[log|logt|log dan|log je|log nu] in met [itsme|ideal|paypal|je bank|uw bank|je bankapp|uw bankapp]",
		"mit [paypal|ihrem paypal|deinem paypal|ihrer bank|deiner bank|ihren bankdaten|deinen bankdaten] [einloggen|anmelden]",
		"[connectez vous|connecte toi|identifiez vous|identifie toi] [avec|via] [paypal|lydia|itsme|votre banque|ta banque|franceconnect]",
	}},
	// round 7: a payment said to have failed, addressed to the reader ("my payment failed" is a customer).
	{kCred, 0.55, []string{
		"your payment [failed|has failed|did not go through|didn t go through|was declined|was unsuccessful|could not be processed]",
		"votre paiement [n a pas abouti|a echoue|a ete refuse|n est pas passe]",
		"[uw|je] betaling [is mislukt|mislukt|is niet gelukt|is geweigerd|werd geweigerd|is niet doorgegaan]",
		"[ihre|deine] zahlung [ist fehlgeschlagen|fehlgeschlagen|wurde abgelehnt|konnte nicht]",
	}},
	// round 7: "this is the real account, the other page is fake": a second page claiming to be the organization.
	{kOfficial, 0.45, []string{
		"[this is the|this is our|we are the|here is the] [real|genuine|true|only real|only official] [clinic|] [account|page|profile]",
		"[nous sommes le|nous sommes la|c est le|c est la|voici le|voici la] [vrai|vraie|seul vrai|seule vraie|] [compte|page|profil] [officiel|officielle|de la clinique|du cabinet]",
		"[dit is|wij zijn|hier is] [het|de|ons|onze] [echte|officiele|enige echte] [account|pagina|profiel]",
		"[das ist|wir sind|hier ist] [das|die|unser|unsere] [echte|einzig echte|richtige] [konto|seite|profil|account]",
	}},
	{kUrgent, 0.25, []string{
		"[or|otherwise|else] your [appointment|booking|account|reservation] [will be|gets|is] [cancelled|canceled|deleted|lost|released]",
		"[sinon|ou] votre [rdv|rendez vous|reservation|compte|dossier] [sera|va etre] [annule|supprime|perdu|ferme]",
		"sonst [verfallt|verfaellt|wird|geht] [ihr|dein|der] [termin|konto|buchung]",
		"[pay|settle] # [through|using|by|with] [this|the|our] [link|page]",
		"[den|deinen|ihren] gewinn [sichern|abholen|einlosen|beanspruchen]",
	}},

	// ---- calls to action and contact requests
	{kCTA, 0.35, []string{
		"click [fast|quickly|now]", "[cliquez|clique] [vite|rapidement|maintenant]", "klik [snel|nu]", "klicka [snabbt|nu]", "klikk [fort|raskt|na]", "[schnell|jetzt] klicken", "[klicke|klick|klicken sie] [schnell|jetzt]",
		"[dm|message|inbox|pm] [us|me|] to claim", "click [the|this|my|] link to claim",
		"send [it|this|that|pic|pics|your pic|your pics|this pic|your work|your art|your photos] to @",
		"[dm|message|contact] @ for [promo|promotion|collab|feature|shoutout]",
		"click [the|this|my|on the|on this|on my|] link", "click here", "tap [the|this] link", "link in [my|the|] bio", "check [my|the] bio",
		"[go to|visit|open|follow] [the|this|my] link", "[sign up|register|join] [here|now|today|via|through|using] [the|this|my|] [link|]",
		"[whatsapp|telegram|wickr|signal] [me|us|now|+|#|on|at]", "on [whatsapp|telegram|wickr]", "via [whatsapp|telegram]", "[first|only] # [people|persons|winners|lucky]",
		"cliquez [sur|ici] [le lien|ce lien|mon lien|]", "clique [sur|ici] [le lien|ce lien|mon lien|]", "lien dans [ma|la|mon] bio", "sur [whatsapp|telegram]", "les # premiers", "inscrivez vous [ici|maintenant|via]",
		"klik [op de|op deze|op mijn|hier|op] [link|]", "link in [mijn|de] bio", "via [whatsapp|telegram]", "op [whatsapp|telegram]", "de eerste # [personen|mensen]", "schrijf je [hier|nu] in",
		"klicka [pa lanken|har|pa lank]", "lank i [min|] [bio|profil]", "pa [whatsapp|telegram]", "de forsta # [personerna|personer]", "registrera dig [har|nu]",
		"klikk [pa lenken|her|pa lenka]", "lenke i [bio|bioen|profilen]", "pa [whatsapp|telegram]", "de forste # [personene|personer]", "registrer deg [her|na]",
		"[klicke|klick|klicken sie] [auf den link|auf diesen link|hier|auf den|auf meinen link]", "link in [meiner|der] bio", "per [whatsapp|telegram]", "auf [whatsapp|telegram]", "die ersten # [personen|leute]", "[registriere dich|registrieren sie sich|melde dich] [hier|jetzt]",
	}},
	{kCTA, 0.3, []string{
		"[dm|pm|inbox|message|text|contact|write|email] me", "[send|drop] me [a|an|] [message|dm|pm|text|email]", "[dm|pm|message] for [details|info|more|price]",
		"[ecris|ecrivez|envoie|envoyez|contacte|contactez] moi", "en [mp|dm|prive] [|pour]", "[envoie|envoyez] moi [un|] [message|mp|dm]",
		"[stuur|app|mail] [me|mij] [een|] [bericht|berichtje|dm|pb|mail]", "[pb|dm|app] [me|mij]",
		"[skicka|skriv|maila] [ett|] [meddelande|dm|pm|mejl] till mig", "[dm|pm|kontakta|skriv till] mig",
		"send meg [en|ei|] [melding|dm|pm|e post|epost]", "[dm|pm|kontakt|skriv til] meg",
		"[via|pa|i] lanken [i var profil|i profilen|i bio|nedan|har]", "de forsta # som", "[via|pa|i] lenken [i profilen var|i profilen|i bio|under|her]", "de forste # som",
		"[skriv till|kontakta|dm|pm] [vart|vara|] [officiella|] [supportkonto|konto|support|kundtjanst] @", "[skriv til|kontakt|dm|pm] [var|vare|] [offisielle|] [supportkonto|konto|support|kundeservice] @",
		"[schreib|schreiben sie|kontaktiere|kontaktieren sie|schick] [mir|mich]", "schick mir [eine|] [nachricht|dm|pn]", "per [dm|pn|privatnachricht]",
	}},
	{kUs, 0.3, []string{
		"[dm|pm|inbox|message|text|contact|write to|email|call] us", "send us [a|an|] [message|dm|pm|text|email|your]", "reach us [at|on|via]",
		"[contactez|contacte|ecrivez|ecris|envoyez|envoie|appelez] nous", "[envoyez|envoie] nous [un|votre|ton|vos|tes]",
		"[stuur|app|mail|bel] ons", "[neem|neemt] contact [met ons|op]",
		"[kontakta|skriv till|ring|dm|pm|maila] oss", "skicka [ett|] [meddelande|dm|pm|mejl] till oss", "skicka oss",
		"[kontakt|skriv til|ring|send] oss", "send oss [en|ei|] [melding|dm|pm]",
		"[schreiben sie|schreib|kontaktieren sie|kontaktiere|rufen sie] uns", "[senden sie|schicken sie|schick] uns",
	}},
	{kRole, 0, []string{
		"support", "official", "officiel", "officielle", "officiele", "officieel", "officiella", "officiell", "offisiell", "offisielle",
		"offiziell", "offizielle", "offizieller", "offizielles", "admin", "admins", "administrator", "administrateur", "administratie", "moderator", "moderators",
		"team", "equipe", "teamet", "helpdesk", "help desk", "service client", "customer [service|support|care]", "klantenservice", "kundtjanst",
		"kundeservice", "kundenservice", "kundendienst", "security team", "page admin", "supporten", "kundstod", "kundestotte",
	}},
	// A flash sale with a link that hides where it goes is an advert
	// posted under someone else's page; without a link it stays under the
	// cap for lures that ask nothing.
	{kSale, 0.45, []string{
		"off [today|today only|this week only|for today only]", "[discount|korting|rabatt|rabais|remise] [today|aujourdhui|vandaag|heute|idag|i dag]",
		"[seulement|uniquement|alleen|nur|bara|endast|kun|bare] [aujourdhui|vandaag|heute|idag|i dag|ce jour]",
		"today only", "[up to|jusqu a|tot|bis zu|upp till|opptil] # [off|de reduction|korting|rabatt|rabais]",
	}},
	{kUrgent, 0.25, []string{
		"within # [hours|hour|hrs|h|days]", "dans les # [heures|h|jours]", "sous # [heures|h|jours]", "binnen # [uur|dagen]",
		"inom # [timmar|timme|dagar]", "innen # [timer|time|dager|dagar]", "innerhalb [von|] # [stunden|tagen]", "act now", "agissez maintenant", "limited time",
		"before it is deleted", "avant sa suppression", "voordat [deze|hij|het|ze] wordt verwijderd", "innan den raderas", "for den slettes", "bevor sie geloscht wird",
	}},
}

// ptok is one word of a compiled pattern. It holds no pointer, nor does
// phrase: the tables hold some 200,000 words, which as strings and slices
// of their own were that many small objects for every GC cycle to mark.
type ptok struct {
	word    uint32 // the literal or prefix: an index in phraseTable.words
	prefix  bool   // the word is a prefix (pattern word ended in *)
	number  bool   // matches any word starting with a digit (#)
	mention bool   // matches a @mention (@)
}

type phrase struct {
	tok  uint32 // its first word in phraseTable.toks
	n    uint32 // its number of words
	kind kind
	w    float64
}

// phraseTable indexes compiled phrases by their first word.
type phraseTable struct {
	byFirst map[string][]int32
	phrases []phrase
	toks    []ptok   // the words of every phrase, each phrase's in a run
	words   []string // the distinct literals and prefixes of toks
	// first answers "no phrase starts with this word" for most words
	// without the map lookup: a bit per hash of the word's length and
	// first, second and last bytes, set for every key of byFirst.
	first [1 << 13 / 64]uint64
	// split indexes the lists of byFirst ("make", "your", "send" start
	// hundreds of phrases each) by their second word, so a common word is
	// not tried against every phrase it starts.
	split map[string]*secondIndex
}

// splitMin is the length of a byFirst list from which it is split. Even
// a list of two costs more to try phrase by phrase than one map lookup of
// the second word (measured on the simulator's comments).
const splitMin = 2

// secondIndex divides the phrases of one first word, each part in
// ascending order: those whose second word is a literal, by that word;
// the others (one word long, or a prefix, number or mention second).
type secondIndex struct {
	bySecond map[string][]int32
	other    []int32
}

func firstSlot(w []byte) uint32 {
	h := uint64(w[0]) | uint64(w[len(w)-1])<<8 | uint64(len(w))<<16
	if len(w) > 1 {
		h |= uint64(w[1]) << 32
	}
	return uint32((h * 0x9E3779B97F4A7C15) >> (64 - 13))
}

// mayStart reports whether some phrase may start with w; false is certain.
func (t *phraseTable) mayStart(w []byte) bool {
	if len(w) == 0 {
		return true // the map decides
	}
	k := firstSlot(w)
	return t.first[k/64]&(1<<(k%64)) != 0
}

// pattern returns the words of phrase p.
func (t *phraseTable) pattern(p *phrase) []ptok { return t.toks[p.tok : p.tok+p.n] }

// text returns the literal or prefix of pt ("" for a number or mention).
func (t *phraseTable) text(pt ptok) string { return t.words[pt.word] }

var cues = mustCompile(cueSets)

func mustCompile(sets []cueSet) *phraseTable {
	t, errs := compile(sets)
	if len(errs) > 0 {
		// Tables are static: TestCueTables reports these; a bad pattern
		// is skipped rather than crashing the process.
		_ = errs
	}
	return t
}

func compile(sets []cueSet) (*phraseTable, []error) {
	t := &phraseTable{byFirst: map[string][]int32{}, words: []string{""}}
	var errs []error
	seen := map[string]bool{}
	wordIDs := map[string]uint32{"": 0}
	intern := func(w string) uint32 {
		id, ok := wordIDs[w]
		if !ok {
			id = uint32(len(t.words))
			wordIDs[w] = id
			t.words = append(t.words, w)
		}
		return id
	}
	var toks []ptok
	for _, set := range sets {
		for _, pat := range set.pats {
			exp, err := expand(pat)
			if err != nil {
				errs = append(errs, fmt.Errorf("pattern %q: %w", pat, err))
				continue
			}
			for _, e := range exp {
				words := strings.Fields(e)
				if len(words) == 0 {
					continue
				}
				key := fmt.Sprint(set.kind, e)
				if seen[key] {
					continue
				}
				seen[key] = true
				toks = toks[:0]
				for _, w := range words {
					switch {
					case w == "#":
						toks = append(toks, ptok{number: true})
					case w == "@":
						toks = append(toks, ptok{mention: true})
					case w == "+":
						toks = append(toks, ptok{number: true})
					case strings.HasSuffix(w, "*") && len(w) > 1:
						toks = append(toks, ptok{word: intern(foldString(w[:len(w)-1])), prefix: true})
					default:
						f := foldString(w)
						if f == "" {
							errs = append(errs, fmt.Errorf("pattern %q: word %q folds to nothing", pat, w))
							continue
						}
						if f != w {
							errs = append(errs, fmt.Errorf("pattern %q: word %q is not folded (want %q)", pat, w, f))
						}
						toks = append(toks, ptok{word: intern(f)})
					}
				}
				if len(toks) == 0 {
					continue
				}
				first := toks[0]
				if first.prefix || first.number || first.mention {
					errs = append(errs, fmt.Errorf("pattern %q: the first word must be literal", pat))
					continue
				}
				fw := t.text(first)
				t.byFirst[fw] = append(t.byFirst[fw], int32(len(t.phrases)))
				t.phrases = append(t.phrases, phrase{tok: uint32(len(t.toks)), n: uint32(len(toks)), kind: set.kind, w: set.w})
				t.toks = append(t.toks, toks...)
			}
		}
	}
	t.split = map[string]*secondIndex{}
	for w, idx := range t.byFirst {
		if w != "" {
			k := firstSlot([]byte(w))
			t.first[k/64] |= 1 << (k % 64)
		}
		if len(idx) < splitMin {
			continue
		}
		sx := &secondIndex{bySecond: map[string][]int32{}}
		for _, pi := range idx {
			pt := t.pattern(&t.phrases[pi])
			if len(pt) < 2 || pt[1].prefix || pt[1].number || pt[1].mention {
				sx.other = append(sx.other, pi)
				continue
			}
			second := t.text(pt[1])
			sx.bySecond[second] = append(sx.bySecond[second], pi)
		}
		t.split[w] = sx
	}
	return t, errs
}

// expand rewrites the [a|b] groups of a pattern into every alternative.
func expand(pat string) ([]string, error) {
	i := strings.IndexByte(pat, '[')
	if i < 0 {
		if strings.ContainsAny(pat, "]|") {
			return nil, fmt.Errorf("unbalanced ] or | outside brackets")
		}
		return []string{pat}, nil
	}
	j := strings.IndexByte(pat[i:], ']')
	if j < 0 {
		return nil, fmt.Errorf("unclosed [")
	}
	j += i
	if strings.IndexByte(pat[i+1:j], '[') >= 0 {
		return nil, fmt.Errorf("nested [")
	}
	rest, err := expand(pat[j+1:])
	if err != nil {
		return nil, err
	}
	var out []string
	for _, alt := range strings.Split(pat[i+1:j], "|") {
		for _, r := range rest {
			out = append(out, pat[:i]+" "+alt+" "+r)
		}
	}
	return out, nil
}

// hit is one matched cue.
type hit struct {
	kind       kind
	w          float64
	start, end int // bytes of the original text
}

// match appends every phrase found in toks to hits.
func (t *phraseTable) match(buf []byte, toks []token, hits []hit) []hit {
	for i := range toks {
		tk := &toks[i]
		w := buf[tk.fs:tk.fe]
		if !t.mayStart(w) {
			continue
		}
		idx, ok := t.byFirst[string(w)]
		if !ok {
			continue
		}
		if len(idx) >= splitMin {
			if sx := t.split[string(w)]; sx != nil {
				// Only the phrases whose second word can match: the two
				// ascending lists merged, so hits come in the order the
				// full list gives.
				var next []int32
				if i+1 < len(toks) {
					next = sx.bySecond[string(buf[toks[i+1].fs:toks[i+1].fe])]
				}
				a, b := sx.other, next
				for len(a) > 0 || len(b) > 0 {
					var pi int32
					if len(b) == 0 || len(a) > 0 && a[0] < b[0] {
						pi, a = a[0], a[1:]
					} else {
						pi, b = b[0], b[1:]
					}
					hits = t.try(buf, toks, i, pi, hits)
				}
				continue
			}
		}
		for _, pi := range idx {
			hits = t.try(buf, toks, i, pi, hits)
		}
	}
	return hits
}

// try appends a hit when phrase pi matches at toks[i].
func (t *phraseTable) try(buf []byte, toks []token, i int, pi int32, hits []hit) []hit {
	p := &t.phrases[pi]
	pat := t.pattern(p)
	if i+len(pat) > len(toks) {
		return hits
	}
	j := i + 1
	for k := 1; k < len(pat); k++ {
		if j >= len(toks) || !t.matches(pat[k], buf, &toks[j]) {
			return hits
		}
		if pat[k].number {
			j = thousands(buf, toks, j)
		}
		j++
	}
	return append(hits, hit{kind: p.kind, w: p.w, start: toks[i].start, end: toks[j-1].end})
}

// thousands returns the index of the last token of the number starting at
// toks[j], so that "50 000" and "20.000" are one number: groups of three
// digits written right after it.
func thousands(buf []byte, toks []token, j int) int {
	for j+1 < len(toks) {
		n := &toks[j+1]
		if n.start-toks[j].end > 3 || n.fe-n.fs != 3 || !allDigits(string(buf[n.fs:n.fe])) {
			break
		}
		j++
	}
	return j
}

// matches reports whether the pattern word p matches the token tk.
func (t *phraseTable) matches(p ptok, buf []byte, tk *token) bool {
	w := buf[tk.fs:tk.fe]
	switch {
	case p.number:
		return len(w) > 0 && w[0] >= '0' && w[0] <= '9'
	case p.mention:
		return tk.mention
	}
	s := t.words[p.word]
	if p.prefix {
		return len(w) >= len(s) && string(w[:len(s)]) == s
	}
	return string(w) == s
}
