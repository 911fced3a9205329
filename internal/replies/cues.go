package replies

// cueLists are the tone cues per language, written for Stormwatch from
// the seeds' advice (answer criticism with compassion, never argue in
// public, never blame the client). A trailing * matches any word that
// starts with the phrase. Matching is case-insensitive, on word
// boundaries, with typographic apostrophes folded to '.
//
// Lists stay short and specific on purpose: a warning on a warm reply
// teaches people to ignore warnings. Every entry should be something a
// communicator would remove from a public reply in any context.
var cueLists = map[string]map[Cue][]string{
	"": { // any language
		CueSarcasm: {"🙄", "🙃", "😂", "🤣", "😏", "/s", "lol", "lmao", "haha", "hahaha", "mdr", "ptdr", "xd"},
	},
	"fr": {
		CueInsult:      {"idiot*", "imbécile*", "stupide*", "crétin*", "abruti*", "débile*", "menteur*", "menteuse*", "ridicule*", "pathétique*", "minable*"},
		CueSarcasm:     {"merci pour rien", "comme par hasard", "soi-disant", "sans blague", "quelle surprise"},
		CueYouPeople:   {"vous autres", "les gens comme vous", "des gens comme vous", "ce genre de personne*"},
		CueLegalThreat: {"porter plainte contre vous", "nous allons porter plainte", "nous porterons plainte", "nos avocats", "notre avocat", "poursuites judiciaires", "vous poursuivre", "mise en demeure", "diffamation", "vous aurez affaire à"},
		CueBlame:       {"c'est de votre faute", "c'est votre faute", "de votre faute", "vous auriez dû", "vous n'avez pas respecté", "vous n'avez pas suivi", "vous n'aviez qu'à", "si vous aviez suivi", "si vous étiez venu*", "à cause de vous"},
		CueRepetition:  {"comme nous l'avons déjà dit", "comme déjà dit", "comme déjà indiqué", "comme déjà expliqué", "nous l'avons déjà expliqué", "nous vous l'avons déjà dit", "je le répète", "nous le répétons", "pour la dernière fois"},
		CueContradict:  {"c'est faux", "c'est totalement faux", "ce n'est pas vrai", "c'est un mensonge", "vous mentez", "vous vous trompez", "vous avez tort", "fausses informations", "vous déformez"},
		CueDenial:      {"nous n'avons rien fait de mal", "nous n'avons commis aucune erreur", "aucune faute de notre part", "nous ne sommes pas responsables", "nous ne sommes en rien responsables", "ce n'est pas notre faute", "nous avons tout fait correctement"},
		CuePolicyWall:  {"notre politique est claire", "notre politique stipule", "nos conditions stipulent", "comme stipulé dans", "le règlement est clair", "le règlement stipule", "conformément à nos conditions"},
		CueDueRespect:  {"avec tout le respect que je vous dois", "avec tout le respect que nous vous devons", "sauf votre respect", "n'en déplaise"},
		CueMinimising:  {"ce n'est qu'un", "ce n'était qu'un", "ce n'est qu'une", "ce n'était qu'une", "vous exagérez", "pas si grave", "calmez-vous", "il n'y a pas de quoi en faire", "pas de quoi s'énerver"},
	},
	"en": {
		CueInsult:      {"idiot*", "stupid*", "moron*", "liar*", "ridiculous", "pathetic", "clueless", "dumb", "ignorant", "incompetent"},
		CueSarcasm:     {"yeah right", "thanks for nothing", "how convenient", "so-called", "good luck with that", "wow, just wow"},
		CueYouPeople:   {"you people", "people like you", "your kind"},
		CueLegalThreat: {"legal action", "our lawyer*", "our attorney*", "sue you", "we will sue", "see you in court", "defamation", "libel", "cease and desist", "hear from our"},
		CueBlame:       {"your fault", "your own fault", "you should have", "if you had only", "if you had followed", "if you had listened", "you failed to", "you didn't follow", "you did not follow", "because of you"},
		CueRepetition:  {"as we already said", "as we have already said", "as we said before", "as previously stated", "as stated before", "as we have explained", "for the last time", "we repeat"},
		CueContradict:  {"that's not true", "that is not true", "that's false", "that is false", "that's a lie", "you're lying", "you are lying", "simply untrue", "not what happened", "you are wrong", "you're wrong"},
		CueDenial:      {"we did nothing wrong", "we have done nothing wrong", "we made no mistake*", "not our fault", "we are not responsible", "we're not responsible", "we cannot be held responsible", "we did everything right"},
		CuePolicyWall:  {"our policy clearly states", "our policy states", "our policy is clear", "per our policy", "as stated in our", "our terms clearly", "as per our terms", "rules are rules"},
		CueDueRespect:  {"with all due respect", "with respect,", "no offense, but", "no offence, but"},
		CueMinimising:  {"it's just a", "it was just a", "it's only a", "it was only a", "calm down", "you're overreacting", "you are overreacting", "not a big deal", "no big deal", "overreact*"},
	},
	"nl": {
		CueInsult:      {"idioot", "idioten", "dom", "domme", "stom", "stomme", "sukkel*", "leugenaar*", "belachelijk*", "onnozel*", "incompetent*"},
		CueSarcasm:     {"bedankt voor niets", "bedankt voor niks", "goed bezig hoor", "zogenaamd*", "wat een verrassing"},
		CueYouPeople:   {"jullie soort", "mensen zoals jij", "mensen zoals u", "types zoals jij", "jullie mensen"},
		CueLegalThreat: {"juridische stappen", "onze advocaat", "onze advocaten", "aangifte tegen u", "aangifte tegen je", "wij doen aangifte", "wij zullen aangifte", "smaad", "laster", "sommatie", "voor de rechter"},
		CueBlame:       {"uw eigen schuld", "je eigen schuld", "jouw schuld", "uw schuld", "had u maar", "had je maar", "u had moeten", "je had moeten", "u heeft zich niet gehouden aan", "door uw eigen"},
		CueRepetition:  {"zoals al gezegd", "zoals we al zeiden", "zoals wij al zeiden", "zoals eerder vermeld", "zoals eerder gezegd", "zoals we al hebben uitgelegd", "voor de laatste keer"},
		CueContradict:  {"dat is niet waar", "dat klopt niet", "dat is onjuist", "dat is gelogen", "u liegt", "je liegt", "u vergist zich"},
		CueDenial:      {"wij hebben niets fout gedaan", "we hebben niets fout gedaan", "wij hebben niets verkeerd gedaan", "we hebben niets verkeerd gedaan", "niet onze schuld", "wij zijn niet verantwoordelijk", "we zijn niet verantwoordelijk", "wij treft geen blaam"},
		CuePolicyWall:  {"ons beleid is duidelijk", "volgens ons beleid", "zoals vermeld in onze", "zoals in onze voorwaarden", "volgens onze voorwaarden", "regels zijn regels"},
		CueDueRespect:  {"met alle respect", "met alle respect maar"},
		CueMinimising:  {"het is maar een", "het was maar een", "het is maar een dier", "rustig aan", "u overdrijft", "je overdrijft", "niet zo erg", "stel je niet aan", "kalm aan"},
	},
	"sv": {
		CueInsult:      {"idiot*", "dum", "dumma", "korkad*", "löjlig*", "lögnare", "lögnaren", "patetisk*", "inkompetent*", "okunnig*"},
		CueSarcasm:     {"tack för ingenting", "så kallade", "så kallad", "vilken överraskning", "lycka till med det"},
		CueYouPeople:   {"ni människor", "folk som du", "sådana som du", "sådana som ni", "ni typer"},
		CueLegalThreat: {"rättsliga åtgärder", "vår advokat", "våra advokater", "polisanmäla dig", "polisanmäla er", "vi polisanmäler", "stämma dig", "stämma er", "förtal", "ärekränkning"},
		CueBlame:       {"ditt eget fel", "ert eget fel", "ditt fel", "ert fel", "du borde ha", "ni borde ha", "om du hade följt", "om ni hade följt", "om du hade lyssnat", "du följde inte", "ni följde inte"},
		CueRepetition:  {"som vi redan sagt", "som vi redan har sagt", "som vi tidigare skrivit", "som tidigare nämnts", "för sista gången", "vi upprepar"},
		CueContradict:  {"det stämmer inte", "det är inte sant", "det är fel", "det är lögn", "du ljuger", "ni ljuger", "du har fel", "ni har fel"},
		CueDenial:      {"vi har inte gjort något fel", "vi gjorde inget fel", "inte vårt fel", "vi är inte ansvariga", "vi bär inget ansvar", "vi har gjort allt rätt"},
		CuePolicyWall:  {"vår policy är tydlig", "enligt vår policy", "som det står i våra", "enligt våra villkor", "regler är regler"},
		CueDueRespect:  {"med all respekt"},
		CueMinimising:  {"det är bara en", "det var bara en", "det är bara ett", "det var bara ett", "lugna ner dig", "lugna dig", "du överdriver", "ni överdriver", "inte så farligt"},
	},
	"nb": {
		CueInsult:      {"idiot*", "dum", "dumme", "teit*", "latterlig*", "løgner*", "patetisk*", "inkompetent*", "uvitende"},
		CueSarcasm:     {"takk for ingenting", "såkalt*", "for en overraskelse", "lykke til med det"},
		CueYouPeople:   {"dere folk", "folk som deg", "slike som deg", "sånne som deg", "sånne som dere", "slike som dere"},
		CueLegalThreat: {"rettslige skritt", "vår advokat", "våre advokater", "politianmelde deg", "politianmelde dere", "vi anmelder", "saksøke*", "ærekrenkelse*", "injurier*"},
		CueBlame:       {"din egen feil", "deres egen feil", "din feil", "du burde ha", "dere burde ha", "hvis du hadde fulgt", "hvis dere hadde fulgt", "hvis du hadde hørt", "du fulgte ikke", "dere fulgte ikke"},
		CueRepetition:  {"som vi allerede har sagt", "som vi har sagt før", "som tidligere nevnt", "som nevnt tidligere", "for siste gang", "vi gjentar"},
		CueContradict:  {"det stemmer ikke", "det er ikke sant", "det er feil", "det er løgn", "du lyver", "dere lyver", "du tar feil", "dere tar feil"},
		CueDenial:      {"vi har ikke gjort noe galt", "vi gjorde ingenting galt", "ikke vår feil", "vi er ikke ansvarlige", "vi har ikke noe ansvar", "vi har gjort alt riktig"},
		CuePolicyWall:  {"vår policy er tydelig", "i henhold til vår policy", "som det står i våre", "i henhold til våre vilkår", "regler er regler"},
		CueDueRespect:  {"med all respekt"},
		CueMinimising:  {"det er bare en", "det var bare en", "det er bare et", "det var bare et", "roe deg ned", "ro deg ned", "du overdriver", "dere overdriver", "ikke så farlig"},
	},
	"nn": { // in addition to the Bokmål list
		CueBlame:      {"di eiga feil", "dykkar eiga feil", "du burde ha", "de burde ha", "viss du hadde følgt"},
		CueRepetition: {"som vi allereie har sagt", "som nemnt tidlegare", "for siste gong"},
		CueContradict: {"det stemmer ikkje", "det er ikkje sant", "du lyg", "de lyg"},
		CueDenial:     {"vi har ikkje gjort noko gale", "ikkje vår feil", "vi er ikkje ansvarlege"},
		CueMinimising: {"det er berre ein", "det var berre ein", "det er berre eit", "ikkje så farleg"},
	},
	"de": {
		CueInsult:      {"idiot*", "dumm", "dumme", "dummer", "blöd*", "lächerlich*", "lügner*", "erbärmlich*", "inkompetent*", "ahnungslos*"},
		CueSarcasm:     {"danke für nichts", "sogenannt*", "was für eine überraschung", "viel glück damit"},
		CueYouPeople:   {"leute wie sie", "leute wie du", "ihr leute", "menschen wie sie", "solche leute"},
		CueLegalThreat: {"rechtliche schritte", "unser anwalt", "unsere anwälte", "unser rechtsanwalt", "anzeige gegen sie", "wir erstatten anzeige", "verklagen", "verleumdung", "üble nachrede", "abmahnung"},
		CueBlame:       {"ihre eigene schuld", "deine eigene schuld", "selbst schuld", "ihre schuld", "sie hätten früher", "sie hätten besser", "hätten sie doch", "hätten sie einfach", "du hättest früher", "hättest du doch", "sie haben nicht befolgt"},
		CueRepetition:  {"wie bereits gesagt", "wie schon gesagt", "wie bereits erwähnt", "wie bereits erklärt", "wie wir bereits", "zum wiederholten mal", "zum letzten mal"},
		CueContradict:  {"das stimmt nicht", "das ist nicht wahr", "das ist falsch", "das ist gelogen", "sie lügen", "du lügst", "sie irren sich"},
		CueDenial:      {"wir haben nichts falsch gemacht", "wir haben keinen fehler gemacht", "nicht unsere schuld", "wir sind nicht verantwortlich", "wir tragen keine schuld", "wir haben alles richtig gemacht"},
		CuePolicyWall:  {"unsere richtlinien sind eindeutig", "laut unseren richtlinien", "gemäß unseren bedingungen", "wie in unseren agb", "laut unseren agb", "regeln sind regeln"},
		CueDueRespect:  {"bei allem respekt", "mit verlaub"},
		CueMinimising:  {"es ist nur ein", "es war nur ein", "es ist doch nur", "beruhigen sie sich", "beruhige dich", "sie übertreiben", "du übertreibst", "nicht so schlimm", "kein grund zur aufregung"},
	},
}
