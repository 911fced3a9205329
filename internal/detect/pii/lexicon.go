package pii

import "strings"

// wflag is what a word can mean to this detector. One word carries several
// flags, and the flags depend on the language: "son" is a possessive in
// French and a kinship noun in English and Swedish.
type wflag uint64

const (
	fFirst              wflag = 1 << iota // first-person pronoun or possessive (weak cue)
	fThird                                // third-person pronoun or possessive (weak cue)
	fPossFirst                            // first-person possessive: strong next to an entity noun
	fPossThird                            // third-person possessive: strong next to an entity noun
	fObjFirst                             // me/us after an imperative
	fObjThird                             // him/her/them after an imperative
	fSubjFirst                            // I/we before a verb of living
	fSubjThird                            // he/she/they before a verb of living
	fStrongFirst                          // a first-person cue on its own ("appelez-moi")
	fStrongThird                          // a third-person cue on its own ("appelez-le", "spam")
	fImperative                           // call/text/ring/bel/appelez/ruf...
	fLive3                                // third-person form of "to live" ("lives", "woont")
	fLiveAny                              // any form of "to live" (needs a subject)
	fAddrNoun                             // address, adresse, adres...
	fOf                                   // of/de/van/till/til/von
	fEntNoun                              // number, address, e-mail... (what a possessive owns)
	fDemonstr                             // this/ce/dit/detta/dette/diese
	fKin                                  // kid, son, fille, dochter, barn...
	fSchool                               // school words
	fCtxPhone                             // words that say "phone"
	fCtxSE                                // personnummer
	fCtxNO                                // fødselsnummer
	fCtxBSN                               // BSN
	fCtxNIR                               // sécurité sociale
	fCtxDETax                             // Steuer-ID
	fCtxCard                              // card
	fNeg                                  // order, invoice, tracking...: numbers that are not personal
	fCurrency                             // €, kr, EUR...
	fUnit                                 // km, min, hours...: a number that is a quantity
	fStreetBefore                         // street type before the name (rue des Lilas)
	fStreetBeforeStrict                   // same, but only with a capitalised name (place, route)
	fStreetAfterEN                        // street type after the name, number first (14 Elm Road)
	fStreetAfterNum                       // street type after the name, number last (Karl Johans gate 22)
	fParticle                             // de, des, van, von, saint...: inside street and school names
	fStop                                 // words that end a lower-case street name
	fAtMarker                             // "at", "arobase"... in obfuscated e-mails
	fDotMarker                            // "dot", "point", "punt"...
	fFirstSubjOnly                        // "j" (j'habite)
	fOther                                // another person: neighbour, ex, boss, "this guy"
	fNumWord                              // a number word (zéro, seven, neunzehn): spelled-out numbers
	fSchoolGo                             // goes/attends/zit/går/geht: a child's school follows
	fSecondPoss                           // your/ton/je/din/dein: the addressee's data, not the writer's
	fRole                                 // mayor, maire, burgemeester, ordfører: someone else, in "X's number", "le num de la X"
	fArticle                              // the, la, le, het, de, den, der, die: skipped between "of" and a person
	fWorkplace                            // clinic, cabinet, praktijk, mottagningen, Praxis: the organisation's premises
	fPrivate                              // private, perso, privé, thuis, privat, hjemme: a person's own line or home
	fReachable                            // reachable, erreichbar, bereikbaar, joignable: a service line asked about (round 19)
)

// Language bits; Norwegian covers nb, nn and Danish, which share the cues.
const (
	lEN uint8 = 1 << iota
	lFR
	lNL
	lSV
	lNO
	lDE
	lAll = lEN | lFR | lNL | lSV | lNO | lDE
)

type lexEntry struct {
	langs uint8
	flags wflag
	words string
}

// lexicon is the word list, by language. Words are lower case (ASCII folded;
// non-ASCII letters are written lower case).
var lexicon = []lexEntry{
	// Person cues.
	{lEN, fFirst, "i me my myself we us our ours"},
	{lFR, fFirst, "je j moi me mon ma mes nous notre nos"},
	{lNL, fFirst, "ik mij mijn wij ons onze"},
	{lSV, fFirst, "jag mig mej min mitt mina vi oss vår vårt våra"},
	{lNO, fFirst, "jeg eg meg mig min mi mitt mine vi oss os vår vårt våre vores mit"},
	{lDE, fFirst, "ich mich mir mein meine meinen meinem meiner meines wir uns unser unsere unseren unserem unserer"},
	{lEN, fThird, "he she him his her hers they them their theirs"},
	{lFR, fThird, "il elle lui ils elles son sa ses leur leurs"},
	{lNL, fThird, "hij zij hem haar"},
	{lSV, fThird, "han hon honom henne hans hennes deras"},
	{lNO, fThird, "han hun ho ham henne hans hennes hennar deres deira hende hendes"},
	{lDE, fThird, "er ihn ihm sein seine seinen seinem seiner seines ihre ihren ihrem ihrer ihres"},
	{lEN, fPossFirst, "my our"},
	{lFR, fPossFirst, "mon ma mes notre nos"},
	{lNL, fPossFirst, "mijn onze ons"},
	{lSV, fPossFirst, "min mitt mina vår vårt våra"},
	{lNO, fPossFirst, "min mi mitt mine vår vårt våre mit vores"},
	{lDE, fPossFirst, "mein meine meinen meinem meiner meines unser unsere unseren unserem unserer"},
	{lEN, fPossThird, "his her their"},
	{lFR, fPossThird, "son sa ses leur leurs"},
	{lNL, fPossThird, "zijn haar hun"},
	{lSV, fPossThird, "hans hennes deras"},
	{lNO, fPossThird, "hans hennes hennar deres deira hendes"},
	{lDE, fPossThird, "sein seine seinen seinem seiner seines ihr ihre ihren ihrem ihrer ihres deren dessen"},
	{lEN, fObjFirst, "me us"},
	{lFR, fObjFirst, "moi me nous"},
	{lNL, fObjFirst, "me mij ons"},
	{lSV, fObjFirst, "mig mej oss"},
	{lNO, fObjFirst, "meg mig oss os"},
	{lDE, fObjFirst, "mich mir uns"},
	{lEN, fObjThird, "him her them"},
	{lFR, fObjThird, "lui leur"}, // not "le/la": "appelez le 01..." means "call 01..."
	{lNL, fObjThird, "hem haar hen ze"},
	{lSV, fObjThird, "honom henne dem"},
	{lNO, fObjThird, "ham han henne dem hende"},
	{lDE, fObjThird, "ihn ihm sie"},
	{lEN, fSubjFirst, "i we"},
	{lFR, fSubjFirst, "je j nous on"},
	{lNL, fSubjFirst, "ik wij we"},
	{lSV, fSubjFirst, "jag vi"},
	{lNO, fSubjFirst, "jeg eg vi me"},
	{lDE, fSubjFirst, "ich wir"},
	{lFR, fFirstSubjOnly, "j"},
	{lEN, fSubjThird, "he she they"},
	{lFR, fSubjThird, "il elle ils elles"},
	{lNL, fSubjThird, "hij zij ze"},
	{lSV, fSubjThird, "han hon de"},
	{lNO, fSubjThird, "han hun ho de dei"},
	{lDE, fSubjThird, "er sie"},
	{lFR, fStrongFirst, "appelez-moi appelle-moi contactez-moi contacte-moi écrivez-moi écris-moi joignez-moi appelez-nous contactez-nous écrivez-nous joignez-nous"},
	{lFR, fStrongThird, "appelez-le appelez-la appelez-les appelle-le appelle-la appelle-les appelez-lui écrivez-lui écris-lui contactez-le contactez-la harcelez-le harcelez-la harcelez-les harcelez harceler spammez inondez allez-y sien sienne siens siennes"},
	{lFR, fStrongFirst, "mien mienne miens miennes"},
	{lEN, fStrongThird, "spam harass flood dox doxx hers theirs"},
	{lEN, fStrongFirst, "mine"},
	{lNL, fStrongThird, "spam spammen terroriseer bestook lastigvallen"},
	{lSV, fStrongThird, "spamma trakassera"},
	{lNO, fStrongThird, "spam spamme trakasser"},
	{lDE, fStrongThird, "spammt spammen belästigt terrorisiert"},
	{lEN, fImperative, "call text ring phone contact reach visit email e-mail mail message dm whatsapp"},
	{lFR, fImperative, "appelle appelez appelons contacte contactez écrivez écris envoyez joignez"},
	{lNL, fImperative, "bel belt bellen contacteer mail app stuur bezoek"},
	{lSV, fImperative, "ring ringa kontakta maila besök skriv"},
	{lNO, fImperative, "ring ringe kontakt send besøk skriv"},
	{lDE, fImperative, "ruf ruft anrufen kontaktiert kontaktieren schreibt schreib besucht besuchen"},
	{lEN, fLive3, "lives hiding hides staying stays"},
	{lFR, fLive3, "habite habitent demeure réside cache cachent planque planquent réfugiée réfugié loge"},
	{lNL, fLive3, "woont ondergedoken verblijft schuilt"},
	{lSV, fLive3, "gömmer gömmer gömd gömda"},
	{lNO, fLive3, "gøymer gjemmer gjømmer skjuler"},
	{lDE, fLive3, "wohnt versteckt versteckt untergetaucht"},
	{lEN, fLiveAny, "live lives living lived reside resides"},
	{lFR, fLiveAny, "habite habitent habitons vit vis vivent demeure réside"},
	{lNL, fLiveAny, "woon woont wonen woonde"},
	{lSV, fLiveAny, "bor bodde"},
	{lNO, fLiveAny, "bor bodde bur budde"},
	{lDE, fLiveAny, "wohne wohnt wohnen wohnte"},
	{lEN, fAddrNoun, "address"},
	{lFR, fAddrNoun, "adresse domicile"},
	{lNL, fAddrNoun, "adres thuisadres woonadres"},
	{lSV, fAddrNoun, "adress adressen hemadress"},
	{lNO, fAddrNoun, "adresse adressen adressa hjemmeadresse"},
	{lDE, fAddrNoun, "adresse anschrift wohnadresse"},
	{lEN, fOf, "of"},
	{lFR, fOf, "de du d"},
	{lNL, fOf, "van"},
	{lSV, fOf, "till åt"},
	{lNO, fOf, "til"},
	{lDE, fOf, "von vom"},
	{lEN, fEntNoun, "number phone mobile cell email e-mail mail address iban account card"},
	{lFR, fEntNoun, "numéro numero num portable téléphone telephone tel tél mail courriel adresse iban rib compte carte"},
	{lNL, fEntNoun, "nummer telefoonnummer mobiel telefoon adres rekeningnummer rekening bsn e-mail mail iban"},
	{lSV, fEntNoun, "nummer numret telefonnummer mobilnummer mobil adress adressen kontonummer personnummer mejl mail iban"},
	{lNO, fEntNoun, "nummer nummeret telefonnummer mobilnummer mobil adresse adressen adressa kontonummer fødselsnummer e-post epost iban cpr cpr-nummer"},
	{lDE, fEntNoun, "nummer telefonnummer handynummer handy adresse anschrift kontonummer konto iban e-mail mail"},
	{lEN, fDemonstr, "this that"},
	{lFR, fDemonstr, "ce cet cette"},
	{lNL, fDemonstr, "dit dat deze"},
	{lSV, fDemonstr, "detta det denna"},
	{lNO, fDemonstr, "dette det denne"},
	{lDE, fDemonstr, "diese dieser diesen dieses"},
	{lEN, fKin, "kid kids child children son sons daughter daughters boy girl kiddo lad lass"},
	{lFR, fKin, "enfant enfants fils fille filles gosse gosses gamin gamins gamine môme mômes"},
	{lNL, fKin, "kind kinderen zoon zoons dochter dochters zoontje dochtertje kids jongen meisje"},
	{lSV, fKin, "barn barnen barnet son sonen dotter dottern unge ungen ungar ungarna grabb grabben grabbarna pojke pojken flicka flickan"},
	{lNO, fKin, "barn barna barnet sønn sønnen datter dattera datteren unge ungen ungene søn gutten jenta jenten poden"},
	{lDE, fKin, "kind kinder sohn tochter kindern bub bua"},
	{lEN, fSchool, "school elementary primary academy kindergarten daycare nursery preschool high college university uni"},
	{lFR, fSchool, "école ecole collège college lycée lycee maternelle crèche creche université fac"},
	{lNL, fSchool, "school basisschool kinderopvang crèche peuterspeelzaal gymnasium lyceum college universiteit hogeschool"},
	{lSV, fSchool, "skola skolan förskola förskolan gymnasium gymnasiet dagis universitet universitetet högskola högskolan"},
	{lNO, fSchool, "skole skolen barnehage barnehagen ungdomsskole ungdomsskolen universitet universitetet høgskole høgskolen"},
	{lDE, fSchool, "schule grundschule gymnasium kita kindergarten realschule gesamtschule universität uni hochschule"},
	{lEN, fOther, "neighbour neighbor neighbours neighbors ex boss colleague coworker wife husband girlfriend boyfriend guy dude woman man bitch bastard idiot moron asshole scumbag creep"},
	{lFR, fOther, "voisin voisine voisins ex patron patronne collègue femme mari copine copain type mec meuf nana gars ordure connard connasse conne salope salaud abruti"},
	{lNL, fOther, "buurman buurvrouw buren ex baas collega vrouw man vriendin vriend vent gast wijf kerel idioot klootzak eikel"},
	{lSV, fOther, "granne grannen grannes ex chef chefen kollega fru frun flickvän pojkvän kille killen tjej tjejen snubbe idiot idioten jävel jäveln"},
	{lNO, fOther, "nabo naboen naboens ex sjef sjefen kollega kone kona mann mannen kjæreste fyr fyren dama idiot idioten drittsekk drittsekken"},
	{lDE, fOther, "nachbar nachbarn nachbarin ex chef chefin kollege kollegin frau mann freundin freund typ typen kerl idiot idioten arschloch"},
	{lEN, fRole, "mayor manager director owner receptionist nurse doctor vet teacher principal councillor councilor headteacher landlord boss"},
	{lFR, fRole, "maire directeur directrice gérant gérante réceptionniste infirmière infirmier médecin véto vétérinaire prof professeur professeure maîtresse adjoint adjointe patron patronne chef"},
	{lNL, fRole, "burgemeester directeur directrice manager eigenaar receptioniste verpleegkundige verpleegster dokter arts dierenarts leraar lerares juf meester wethouder baas"},
	{lSV, fRole, "borgmästare borgmästaren direktör direktören ägare ägaren receptionist receptionisten sjuksköterska läkare läkaren veterinär veterinären lärare läraren kommunalråd kommunalrådet rektor rektorn chef chefen"},
	{lNO, fRole, "ordfører ordføreren direktør direktøren eier eieren resepsjonist resepsjonisten sykepleier lege legen veterinær veterinæren lærer læreren rådmann rådmannen rektor rektoren sjef sjefen"},
	{lDE, fRole, "bürgermeister bürgermeisterin direktor direktorin leiter leiterin besitzer inhaber inhaberin ärztin arzt tierarzt tierärztin lehrer lehrerin chef chefin"},
	{lEN, fArticle, "the"},
	{lFR, fArticle, "la le l les"},
	{lNL, fArticle, "de het"},
	{lSV, fArticle, "den det"},
	{lNO, fArticle, "den det"},
	{lDE, fArticle, "der die dem den des"},
	{lEN, fSecondPoss, "your"},
	{lFR, fSecondPoss, "ton ta tes"},
	{lNL, fSecondPoss, "je jouw"},
	{lSV, fSecondPoss, "din ditt dina"},
	{lNO, fSecondPoss, "din ditt dine di"},
	{lDE, fSecondPoss, "dein deine deinen deinem deiner deines"},
	{lEN, fSchoolGo, "goes go attends attend attending"},
	{lFR, fSchoolGo, "va vont est sont scolarisé scolarisée scolarisés"},
	{lNL, fSchoolGo, "zit zitten gaat gaan"},
	{lSV, fSchoolGo, "går gå"},
	{lNO, fSchoolGo, "går gå"},
	{lDE, fSchoolGo, "geht gehen besucht besuchen ist"},
	// Workplaces: contact details introduced by one are the
	// organisation's public ones, not a staff member's private data.
	{lEN, fWorkplace, "clinic office offices reception surgery practice hospital branch shop store switchboard helpdesk headquarters hq premises council frontdesk"},
	{lFR, fWorkplace, "cabinet clinique mairie accueil standard bureau bureaux agence magasin boutique hôpital hopital secrétariat secretariat permanence siège siege"},
	{lNL, fWorkplace, "praktijk kliniek kantoor receptie balie gemeentehuis gemeente stadhuis ziekenhuis winkel filiaal klantenservice centrale dierenkliniek huisartsenpraktijk"},
	{lSV, fWorkplace, "mottagningen mottagning kliniken klinik kontoret kontor receptionen reception växeln vårdcentralen vårdcentral kommunen kommunhuset stadshuset sjukhuset butiken kundtjänst djursjukhuset djurkliniken expeditionen"},
	{lNO, fWorkplace, "klinikken klinikk klinik kontoret kontor resepsjonen resepsjon receptionen legekontoret legekontor sentralbordet kommunen rådhuset sykehuset sygehuset butikken kundeservice dyreklinikken legevakten lægehuset"},
	{lDE, fWorkplace, "praxis klinik büro buero empfang rezeption rathaus gemeinde gemeindeamt filiale geschäft laden kundenservice zentrale krankenhaus tierarztpraxis tierklinik sekretariat anmeldung kanzlei"},
	{lEN, fPrivate, "private personal home"},
	{lFR, fPrivate, "perso personnel personnelle privé privée prive privee domicile"},
	{lNL, fPrivate, "privé prive thuis"},
	{lSV, fPrivate, "privat privata privatnummer hem hemma hemnummer"},
	{lNO, fPrivate, "privat private privatnummer hjemme hjem"},
	{lDE, fPrivate, "privat private privaten privatnummer zuhause hause"},
	// Entity context.
	{lEN, fCtxPhone, "tel phone phones telephone mobile cell cellphone call text sms whatsapp fax"},
	{lFR, fCtxPhone, "tel tél téléphone telephone portable gsm mobile appelle appelez appeler sms whatsapp fax joindre joignable"},
	{lNL, fCtxPhone, "tel telefoon telefoonnummer mobiel mobielnummer gsm bel bellen sms whatsapp fax"},
	{lSV, fCtxPhone, "tel telefon telefonnummer mobil mobilnummer ring ringa sms whatsapp fax"},
	{lNO, fCtxPhone, "tlf tel telefon telefonnummer mobil mobilnummer ring ringe sms whatsapp fax"},
	{lDE, fCtxPhone, "tel telefon telefonnummer handy handynummer mobil mobilnummer rufnummer anrufen ruf sms whatsapp fax"},
	{lSV, fCtxSE, "personnummer personnumret personnr pnr samordningsnummer samordningsnumret"},
	{lEN, fCtxSE, "personnummer"},
	{lNO, fCtxNO, "fødselsnummer fødselsnummeret fodselsnummer fnr personnummer personnummeret d-nummer dnummer d-nummeret"},
	{lEN, fCtxNO, "fødselsnummer"},
	{lNL, fCtxBSN, "bsn burgerservicenummer sofinummer sofi-nummer bsn-nummer"},
	{lEN, fCtxBSN, "bsn burgerservicenummer"},
	{lFR, fCtxNIR, "sécu secu nir insee sécurité securite vitale"},
	{lEN, fCtxNIR, "nir insee"},
	{lDE, fCtxDETax, "steuer-id steuerid steuer-idnr idnr steueridentifikationsnummer identifikationsnummer steuernummer steuer-identifikationsnummer steuerliche"},
	{lEN, fCtxDETax, "steuer-id"},
	{lEN, fCtxCard, "card credit debit visa mastercard amex cc"},
	{lFR, fCtxCard, "carte cb visa mastercard amex"},
	{lNL, fCtxCard, "kaart creditcard betaalkaart pinpas visa mastercard"},
	{lSV, fCtxCard, "kort kortet kortnummer kreditkort bankkort visa mastercard"},
	{lNO, fCtxCard, "kort kortet kortnummer kredittkort bankkort visa mastercard"},
	{lDE, fCtxCard, "karte kreditkarte kartennummer visa mastercard"},
	{lEN, fNeg, "order orders invoice invoices ref reference tracking parcel package shipment transaction ticket serial sku imei receipt booking reservation confirmation article item model lot batch claim"},
	{lFR, fNeg, "commande cde facture référence reference réf ref suivi colis transaction ticket dossier série article reçu réservation contrat"},
	{lNL, fNeg, "bestelling bestelnummer ordernummer order factuur factuurnummer referentie kenmerk zending pakket pakketje track ticket dossier klantnummer artikelnummer reservering boeking zaaknummer"},
	{lSV, fNeg, "order ordernummer beställning faktura fakturanummer referens kundnummer ärende ärendenummer paket kolli sändning spårning kvitto bokning ordernr artikelnummer"},
	{lNO, fNeg, "ordre ordrenummer bestilling faktura fakturanummer referanse kundenummer saksnummer pakke sporing sendingsnummer kvittering bestillingsnummer booking"},
	{lDE, fNeg, "bestellung bestellnummer auftrag auftragsnummer rechnung rechnungsnummer referenz kundennummer aktenzeichen sendung sendungsnummer paket tracking vorgang vorgangsnummer buchung buchungsnummer artikelnummer seriennummer ticket"},
	// Book and product codes: an ISBN-10 "0-306-40615-2" is shaped like a
	// phone number with its trunk 0.
	{lAll, fNeg, "isbn isbn-10 isbn-13 issn ean gtin upc"},
	{lAll, fCurrency, "eur euro euros usd sek nok dkk chf kr kronor kroner kronen dollars dollar pounds cad gbp"},
	{lAll, fUnit, "km m cm mm kg g min mins minutes minute minuten h hr hrs hours heures uur timmar timer stunden jahre years ans jaar år days jours dagen dagar dager tage meter mètres ml l x stars étoiles sterren stjärnor stjerner sterne"},
	// Streets.
	{lFR, fStreetBefore, "rue avenue av boulevard bd impasse allée ruelle faubourg"},
	{lFR, fStreetBeforeStrict, "chemin place quai route cours passage square voie sentier promenade esplanade montée rang chaussée parvis cité résidence lotissement hameau"},
	{lEN, fStreetAfterEN, "street st road rd avenue ave lane ln drive way close court crescent terrace boulevard blvd square gardens grove place row mews parkway highway circle walk"},
	{lNO, fStreetAfterNum, "gate gata gaten vei veien veg vegen allé plass plassen torg torget vej gade stræde"},
	{lSV, fStreetAfterNum, "gata gatan väg vägen allé torg torget gränd"},
	{lDE, fStreetAfterNum, "straße strasse str weg platz allee gasse damm ufer chaussee"},
	{lNL, fStreetAfterNum, "straat laan weg plein gracht kade singel dijk"},
	{lFR | lEN, fParticle, "de du des la le l d saint sainte st ste of the"},
	{lNL | lDE | lNO | lSV, fParticle, "van der den het de von vom am an zum zur"},
	{lFR, fStop, "à a au aux et en dans pour avec chez près est qui que sur ou où mais donc car il elle je on nous vous ils ne pas c ça ce depuis"},
	{lAll, fAtMarker, "at arobase apenstaartje snabel-a krøllalfa klammeraffe"},
	{lAll, fDotMarker, "dot point punt punkt punktum"},

	// Round 19 doxxing. Staff roles and trades that name someone else
	// ("l'iban de la caissière", "bsn van die verpleegster",
	// "sköterskan Lena bor på…"); nouns for a bank account or a private
	// line; shops, services and helplines whose address or number is
	// public ("allez chez le toiletteur, 5 rue…", "ring the rescue line on
	// 01…"); "reachable" after a number asked about ("is 038… ook 's
	// nachts bereikbaar?").
	{lEN, fRole, "cashier carer caretaker assistant secretary receptionists caseworker officer planner warden"},
	{lFR, fRole, "caissière caissiere caissier assistante secrétaire secretaire soignante soignant éducateur educateur éducatrice educatrice chauffeur gardien gardienne"},
	{lNL, fRole, "kassière kassiere caissière assistente assistent secretaresse verzorgster verzorger ambtenaar hulpverlener werker werkster conciërge"},
	{lSV, fRole, "kassörska kassörskan sköterska sköterskan undersköterska undersköterskan assistent assistenten sekreterare handläggare handläggaren socialsekreterare socialsekreteraren vaktmästare vaktmästaren"},
	{lNO, fRole, "kasserer kassereren sykepleieren sjukepleiar sjukepleiaren assistent assistenten sekretær sekretæren saksbehandler saksbehandleren vaktmester vaktmesteren klinikkeier klinikkeieren"},
	{lDE, fRole, "kassiererin kassierer pfleger pflegerin krankenschwester assistentin assistent sekretärin sachbearbeiter sachbearbeiterin hausmeister erzieherin erzieher"},
	{lEN, fEntNoun, "details"},
	{lFR, fEntNoun, "coordonnées coordonnees"},
	{lNL, fEntNoun, "bankgegevens privénummer"},
	{lSV, fEntNoun, "kontonr kontonumret privatnummer"},
	{lNO, fEntNoun, "kontonr kontonummeret privatnummer"},
	{lDE, fEntNoun, "bankverbindung privatnummer"},
	{lNL, fArticle, "die"},                // "van die verpleegster": skipped like "de"
	{lNO, fPossThird, "sin si sitt sine"}, // "Ingrid sin mobil": the Norwegian "garpegenitiv"
	{lEN, fWorkplace, "groomer groomers helpline hotline rescue pharmacy vets"},
	{lFR, fWorkplace, "toiletteur toiletteuse toilettage animalerie pharmacie"},
	{lNL, fWorkplace, "dierenspeciaalzaak dierenwinkel trimsalon dierenasiel asiel dierenambulance wijkteam apotheek"},
	{lSV, fWorkplace, "hundfrisören hundfrisör djuraffären djurbutiken djurhemmet jouren apoteket"},
	{lNO, fWorkplace, "hundefrisøren hundefrisør dyrebutikken dyrlegevakta dyrlegevakt dyrebeskyttelsen dyrehjemmet apoteket"},
	{lDE, fWorkplace, "zoohandlung hundesalon tierheim seniorenbüro seniorenbuero notdienst tierrettung apotheke"},
	{lEN, fReachable, "reachable available staffed"},
	{lFR, fReachable, "joignable joignables"},
	{lNL, fReachable, "bereikbaar"},
	{lSV, fReachable, "nåbar nåbart bemannad bemannat"},
	{lNO, fReachable, "tilgjengelig betjent"},
	{lDE, fReachable, "erreichbar besetzt"},

	// Round 20 personal data. An IP address is something a person owns
	// ("the troll's IP", "IP-adressen till trollet"); a troll, a scammer,
	// a stalker, "the bloke who…" and "mannen som…" are someone else; a
	// breeder is a trade like the cashier; an honorific before a name
	// ("Herr Braun", "mevrouw De Wit") is another person unless the
	// writer introduces themselves ("je suis Mme Roux", see selfIntro); a
	// private line word glued to the noun ("privatnumret") is private.
	{lAll, fEntNoun, "ip ip-address ip-adres ip-adresse ip-adressen ip-adressa ip-en ip-nummer"},
	{lEN, fOther, "troll trolls scammer fraudster stalker bloke fella chap lady gentleman mr mrs ms"},
	{lFR, fOther, "troll trolls arnaqueur arnaqueuse escroc harceleur harceleuse monsieur madame mme mlle"},
	{lNL, fOther, "trol trollen oplichter oplichters stalker meneer mevrouw mevr dhr"},
	{lSV, fOther, "troll trollet trollen bedragare bedragaren svindlare svindlaren stalkern mannen kvinnan herr"},
	{lNO, fOther, "troll trollet trollen svindler svindleren svindlerens bedrager bedrageren mannen kvinnen dama herr fru"},
	{lDE, fOther, "troll trolls betrüger betrügerin stalker herr herrn"},
	{lEN, fRole, "breeder"},
	{lFR, fRole, "éleveur eleveur éleveuse eleveuse"},
	{lNL, fRole, "fokker fokster"},
	{lSV, fRole, "uppfödare uppfödaren"},
	{lNO, fRole, "oppdretter oppdretteren"},
	{lDE, fRole, "züchter züchterin"},
	{lSV, fPrivate | fEntNoun, "privatnumret privatmobil privatmobilen privatmejl privatmejlen"},
	{lNO, fPrivate | fEntNoun, "privatnummeret privatmobil privatmobilen privatmail privatmailen"},
	{lNL, fPrivate | fEntNoun, "privénummer privenummer privémail privemail"},
	{lDE, fPrivate | fEntNoun, "privathandy privatmail privatadresse"},
}

// honorifics: titles before a surname ("Herr Braun", "Mme Roux").
var honorifics = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "monsieur": true, "madame": true, "mme": true, "mlle": true,
	"meneer": true, "mevrouw": true, "mevr": true, "dhr": true, "herr": true, "herrn": true, "frau": true, "fru": true,
}

// parents: a writer's parent or grandparent after "my" ("min pappa…,
// hans personnummer"): the writer gives a relative's data for their care
// (round 20), which the labelling guide counts as the writer's own.
var parents = map[string]bool{
	"mum": true, "mom": true, "mother": true, "dad": true, "father": true, "grandma": true, "grandmother": true,
	"grandad": true, "granddad": true, "grandpa": true, "grandfather": true, "nan": true, "gran": true,
	"mère": true, "mere": true, "père": true, "pere": true, "maman": true, "papa": true, "grand-mère": true,
	"grand-père": true, "mamie": true, "papi": true, "papy": true,
	"moeder": true, "vader": true, "mama": true, "oma": true, "opa": true,
	"mamma": true, "pappa": true, "mor": true, "far": true, "mormor": true, "farmor": true, "morfar": true,
	"farfar": true, "bestemor": true, "bestefar": true, "faren": true, "moren": true,
	"mutter": true, "vater": true, "mutti": true, "vati": true,
}

// streetSuffixes are endings of compound street names (Kerkstraat,
// Storgatan, Hauptstraße, Kirkeveien), with the languages that use them.
var streetSuffixes = []struct {
	sfx   string
	langs uint8
}{
	{"straat", lNL}, {"laan", lNL}, {"weg", lNL | lDE}, {"plein", lNL}, {"gracht", lNL},
	{"kade", lNL}, {"singel", lNL}, {"dijk", lNL}, {"steeg", lNL}, {"dreef", lNL}, {"markt", lNL | lDE},
	{"gatan", lSV}, {"vägen", lSV}, {"gränd", lSV}, {"torget", lSV | lNO}, {"allén", lSV}, {"stigen", lSV},
	{"gata", lSV | lNO}, {"gate", lNO}, {"gaten", lNO}, {"veien", lNO}, {"vegen", lNO}, {"vei", lNO},
	{"veg", lNO}, {"plassen", lNO}, {"plass", lNO}, {"vej", lNO}, {"gade", lNO}, {"stræde", lNO},
	{"straße", lDE}, {"strasse", lDE}, {"platz", lDE}, {"allee", lDE}, {"gasse", lDE}, {"damm", lDE},
	{"ufer", lDE}, {"chaussee", lDE}, {"pfad", lDE}, {"str", lDE}, // "Goethestr." only with its dot
}

// notStreets are ordinary words that happen to end like a street name.
var notStreets = map[string]bool{
	"investigate": true, "navigate": true, "delegate": true, "aggregate": true, "mitigate": true,
	"irrigate": true, "instigate": true, "propagate": true, "obligate": true, "segregate": true,
	"castigate": true, "litigate": true, "congregate": true, "interrogate": true, "abrogate": true,
	"tailgate": true, "floodgate": true, "tollgate": true, "watergate": true, "subrogate": true,
	"brigade": true, "renegade": true, "onderweg": true, "hinweg": true, "vorweg": true,
	"durchweg": true, "umweg": true, "ausweg": true, "rückweg": true, "heimweg": true, "halvvägen": true,
	"underveis": true, "nutmeg": true, "legate": true,
}

// webmail domains make "name at gmail.com" an address even without an
// obfuscated "dot".
var webmail = map[string]bool{
	"gmail": true, "googlemail": true, "hotmail": true, "outlook": true, "live": true, "yahoo": true,
	"icloud": true, "me": true, "protonmail": true, "proton": true, "gmx": true, "web": true, "orange": true,
	"free": true, "laposte": true, "wanadoo": true, "sfr": true, "telenet": true, "skynet": true,
	"ziggo": true, "kpnmail": true, "xs4all": true, "telia": true, "online": true, "t-online": true,
	"aol": true, "msn": true, "bluewin": true, "yandex": true, "mail": true,
}

// tlds are the endings accepted for obfuscated e-mail addresses, where
// there is no '@' to vouch for the pattern.
var tlds = map[string]bool{
	"com": true, "net": true, "org": true, "fr": true, "nl": true, "se": true, "no": true, "dk": true,
	"de": true, "ch": true, "be": true, "uk": true, "ca": true, "us": true, "eu": true, "io": true,
	"info": true, "me": true, "co": true, "at": true, "lu": true, "fi": true, "is": true, "edu": true,
	"gov": true, "ie": true, "es": true, "it": true, "qc": true,
}

// compoundNoun gives compound nouns the flags of their head: "huisadres",
// "Wohnadresse", "hemadressen" are addresses; "huisnummer",
// "Privatnummer" are numbers (what a possessive owns).
func compoundNoun(w string) wflag {
	// Most words end unlike every suffix below: their last three bytes
	// rule them out before twenty comparisons.
	if len(w) < 5 {
		return 0
	}
	switch w[len(w)-3:] {
	case "res", "sse", "sen", "ssa", "ess", "ift", // adres adresse adressen adressa adress address anschrift
		"xis", "ijk", "iek", "nik", "ken", "ret", "gen", // praxis praktijk kliniek klinik kliniken klinikken kontoret mottagningen
		"mer", "ern", "ber": // nummer nummeret numret nummern number
	default:
		return 0
	}
	for _, sfx := range [...]string{"adres", "adresse", "adressen", "adressa", "adress", "address", "anschrift"} {
		if strings.HasSuffix(w, sfx) {
			return fAddrNoun | fEntNoun
		}
	}
	// Compound premises: Tierarztpraxis, legekontoret, djurkliniken.
	for _, sfx := range [...]string{"praxis", "praktijk", "kliniek", "klinik", "kliniken", "klinikken", "kontoret", "mottagningen"} {
		if strings.HasSuffix(w, sfx) {
			return fWorkplace
		}
	}
	for _, sfx := range [...]string{"nummer", "nummeret", "numret", "nummern", "number"} {
		if strings.HasSuffix(w, sfx) {
			return fEntNoun
		}
	}
	return 0
}

const nLangs = 7 // en fr nl sv no de, and "unknown" (all)

// lexByLang maps a folded word to its flags, one map per language and one
// for an unknown language holding the union.
var lexByLang [nLangs]map[string]wflag

// wordFilter rejects most words without hashing them: a word can only be in
// a list if some listed word has its length and its first and last byte.
type wordFilter struct{ first, last [256]uint64 }

func (f *wordFilter) add(w string) {
	n := min(len(w), 63)
	f.first[w[0]] |= 1 << n
	f.last[w[len(w)-1]] |= 1 << n
}

func (f *wordFilter) maybe(w []byte) bool {
	if len(w) == 0 {
		return false
	}
	n := min(len(w), 63)
	return f.first[w[0]]&f.last[w[len(w)-1]]&(1<<n) != 0
}

func (f *wordFilter) maybeString(w string) bool {
	if len(w) == 0 {
		return false
	}
	n := min(len(w), 63)
	return f.first[w[0]]&f.last[w[len(w)-1]]&(1<<n) != 0
}

var (
	lexFilter  wordFilter
	trigFilter wordFilter
	// trigWords are the words that make a text without digits or '@'
	// worth a full pass: verbs of living and address nouns (street without
	// a number), kinship nouns (schools), e-mail obfuscation markers. The
	// bare "at" is left out: it is everywhere in English, and "[at]" is
	// caught by shape.
	trigWords = map[string]wflag{}
)

// A kinship word only matters with a school word, so it triggers the full
// pass only together with one.
const triggerFlags = fKin | fSchool | fSchoolGo | fLive3 | fLiveAny | fAddrNoun | fDotMarker | fAtMarker

func init() {
	for i := range lexByLang {
		lexByLang[i] = make(map[string]wflag, 1024)
	}
	for _, e := range lexicon {
		for _, w := range strings.Fields(e.words) {
			for li := 0; li < 6; li++ {
				if e.langs&(1<<li) != 0 {
					lexByLang[li][w] |= e.flags
				}
			}
			lexByLang[6][w] |= e.flags
			lexFilter.add(w)
			if e.flags&triggerFlags != 0 && w != "at" {
				trigWords[w] |= e.flags & triggerFlags
				trigFilter.add(w)
			}
		}
	}
	buildNumWords()
	for li, m := range lexByLang {
		for w := range m {
			lexHash[li].add(w)
		}
	}
}

// keyFilter is a second, sharper "certainly not a key" test for the words
// of one language's map: a bit per hash of length, first, second and last
// byte, so that the common words of a comment, which share length and end
// letters with some listed word in some language, skip the map lookup.
type keyFilter [1 << 14 / 64]uint64

// lexHash holds one keyFilter per lexByLang map, built once at init.
var lexHash [nLangs]keyFilter

func keySlot(w string) uint32 {
	h := uint64(w[0]) | uint64(w[len(w)-1])<<8 | uint64(len(w))<<16
	if len(w) > 1 {
		h |= uint64(w[1]) << 32
	}
	return uint32((h * 0x9E3779B97F4A7C15) >> (64 - 14))
}

func (f *keyFilter) add(w string) {
	if w == "" {
		return
	}
	k := keySlot(w)
	f[k/64] |= 1 << (k % 64)
}

// maybe reports whether w may be a key; false is certain (w == "" is never
// a key: the lists are split into fields).
func (f *keyFilter) maybe(w string) bool {
	if w == "" {
		return false
	}
	k := keySlot(w)
	return f[k/64]&(1<<(k%64)) != 0
}

// langIndex maps an ISO 639-1 code to the lexicon index.
func langIndex(lang string) int {
	switch lang {
	case "en":
		return 0
	case "fr":
		return 1
	case "nl":
		return 2
	case "sv":
		return 3
	case "nb", "nn", "no", "da":
		return 4
	case "de":
		return 5
	}
	return 6
}

func langBit(li int) uint8 {
	if li >= 6 {
		return lAll
	}
	return 1 << li
}
