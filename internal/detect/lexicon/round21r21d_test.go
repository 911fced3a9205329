package lexicon

import "testing"

// Round 21, Norwegian, Nynorsk and Danish (testdata/round21-r21d.jsonl):
// families of construction that a third-party set of hard cases (fresh29 nb
// and da) showed missed. Each test pairs the harmful construction with
// look-alikes that use the same words of a parcel, a pet, a chair, a cake, a
// tunnel or a birthday.

// TestR21dVeiledThreats: a visit "and not to talk", an ultimatum "or it
// won't be pretty for her", "not home in one piece", "now I take something
// from you", "after that it's not me who decides", a routine or a child
// named with a closer, harm "and not in court"; the same words of a cake, a
// parcel, a fridge, a delivery or a lawyer are kept.
func TestR21dVeiledThreats(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"da", "kommer jeg derned på fredag, og det er ikke for at snakke med dig", true},
		{"da", "skaf papirerne, ellers bliver det ikke kønt for hende", true},
		{"da", "de ansvarlige skal ikke føle sig sikre, Karim", true},
		{"da", "din bil ville se bedre ud med knuste ruder", true},
		{"da", "I tog min hund, så tager jeg en af jeres", true},
		{"nb", "betaler du ikke, kommer du ikke hjem i ett stykke", true},
		{"nb", "dere tok alt fra meg, nå skal jeg ta noe fra dere", true},
		{"nb", "Karim skal få svi for det. Og ikke i retten.", true},
		{"nb", "noen burde gi den saksbehandleren en lærepenge hun aldri glemmer", true},
		{"nn", "no skal eg ta noko frå dykk, Sara", true},
		{"da", "kommer jeg forbi på fredag for at hente katten?", false},
		{"da", "kagen blev flad, det bliver ikke kønt, men den smager", false},
		{"da", "min cykel står med flade dæk efter jeres parkering", false},
		{"nb", "glasset kom ikke hjem i ett stykke, elendig pakking", false},
		{"nb", "nå skal jeg ta noe fra kjøleskapet og ringe dere", false},
		{"nb", "klinikken skal få svare for dette i retten", false},
		{"nb", "noen burde gi valpen en lekse i å gå i bånd", false},
	})
}

// TestR21dContempt: never born, the world better without the reader,
// nobody ever loved you, worth less than dirt, the soul of a rat, nobody at
// your funeral, may you rot; a birth, plastic bags, a price, a tiger of a
// cat, a grandfather's funeral time and rotten apples are kept.
func TestR21dContempt(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"da", "folk som dig burde aldrig have været født", true},
		{"da", "verden ville være et bedre sted uden dig, Karim", true},
		{"nb", "ingen har noensinne elsket deg, Sara", true},
		{"nb", "du er lavere enn møkka under skoene mine", true},
		{"nb", "du har sjela til en slange, Ingrid", true},
		{"nn", "ingen kjem i gravferda di, Karim", true},
		{"nn", "måtte du rotne bak den skranken", true},
		{"da", "vores hvalp er født i nat, tak for hjælpen", false},
		{"nb", "verden hadde vært et bedre sted uten plastposer", false},
		{"nb", "prisen er lavere enn hos konkurrenten", false},
		{"nb", "katten min har sjela til en tiger", false},
		{"nn", "ingen kjem i gravferda til bestefar før klokka to", false},
		{"nn", "epla måtte kastast, dei hadde rotna", false},
	})
}

// TestR21dCampaigns: a campaign until a staff member resigns, an account of
// screenshots, her family written to, a pile-on "all of you"; a refund
// demanded, a pet's account, a complaint to her manager and a birthday
// greeting are kept.
func TestR21dCampaigns(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"da", "jeg stopper ikke før Karim bliver fyret", true},
		{"da", "jeg har skrevet til hendes mand om hvordan hun er", true},
		{"nb", "har opprettet en konto med skjermbilder av alt Ingrid poster", true},
		{"nb", "jeg har skrevet til mannen til Sara også", true},
		{"nb", "send henne en melding alle sammen om hvor udugelig hun er", true},
		{"nn", "eg har laga ein konto berre for å følgje med på kva Sara gjer", true},
		{"da", "jeg stopper ikke før jeg får mine penge tilbage", false},
		{"da", "jeg har skrevet til hendes chef om ventetiden", false},
		{"nb", "har laget en egen konto for katten på Instagram", false},
		{"nb", "send henne en melding alle sammen, hun har bursdag", false},
	})
}

// TestR21dSexual: examine me any time, check more than my cat, watch him
// bend over, OnlyFans, underwear asked, what is under the uniform, a picture
// without work clothes; a GP's appointment, a blood test, a stiff dog, a
// collar's colour and a photo of the cat after surgery are kept.
func TestR21dSexual(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"nb", "Ingrid kan undersøke meg når som helst", true},
		{"da", "Karim må gerne tjekke mere end min hund", true},
		{"nb", "kommer bare for å se Sara bøye seg ned", true},
		{"nb", "Ingrid burde ha OnlyFans", true},
		{"da", "hvilken farve har du på af undertøj i dag, Sara", true},
		{"nn", "har du noko under uniforma, Ingrid", true},
		{"nn", "send meg eit bilete utan uniform, Sara", true},
		{"nb", "fastlegen kan undersøke meg på mandag", false},
		{"da", "kan I tjekke mere end blodprøven på min hund?", false},
		{"nb", "hunden klarer ikke å bøye seg ned for å spise", false},
		{"da", "hvilken farve er halsbåndet?", false},
		{"nn", "kan de sende eit bilete av katten etter operasjonen?", false},
	})
}

// TestR21dHate: a group breeding like rats, a cost to society, always after
// free money, a danger to our children, kept from one's pet, "a dark
// doctor" refused, "real Norwegians" counted, a membership as the
// explanation, sent home before they take over; mice breeding like rabbits,
// a tunnel's cost, a loose dog, students kept from the dog, a new vet
// refused, a vet's skill and chairs put back are kept.
func TestR21dHate(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"da", "somaliere formerer sig som kaniner", true},
		{"nb", "flyktninger koster samfunnet milliarder", true},
		{"nb", "tatere er alltid ute etter gratis penger", true},
		{"nn", "innvandrarar er ein fare for ungane våre", true},
		{"nb", "en muslim skal ikke få behandle katten min", true},
		{"da", "jeg ville aldrig lade en mørk dyrlæge operere min kat", true},
		{"nb", "hvor mange av de ansatte er ekte nordmenn egentlig?", true},
		{"da", "hun er jøde, hvad forventede I?", true},
		{"nb", "send dem hjem dit de kom fra", true},
		{"da", "musene formerer sig som kaniner i laden", false},
		{"nb", "den nye tunnelen koster samfunnet milliarder", false},
		{"nn", "den lause hunden er ein fare for ungane våre", false},
		{"nb", "studenter skal ikke behandle hunden min alene", false},
		{"da", "jeg ville aldrig lade en ny dyrlæge operere min kat", false},
		{"da", "han er dyrlæge, hvad forventede I?", false},
		{"nn", "sett stolane tilbake dit dei høyrer heime", false},
	})
}

// TestR21dSecondPart: "then it's you on the table", one of you to be
// buried, calling for help after "one day I stand in your hall", think
// before walking to your car, messages every hour until she answers, where
// she trains, a group that "doesn't know what work is", "without the head
// for it", the fox set to guard the geese, kept away from kindergartens;
// a cat's dental, a closed emergency room, buying a puppy, calls to a
// company until it answers, a gym for an old dog, a trainee, a puppy, dogs
// kept from kindergartens and the claim reported as racism are kept.
func TestR21dSecondPart(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"nb", "da er det deg som ligger på bordet, Karim", true},
		{"da", "en af jer skal begraves snart, det lover jeg", true},
		{"nn", "ein dag står eg i stova di, og då hjelper det ikkje å ringe nokon", true},
		{"da", "Karim skal tænke sig godt om før han går hjem i aften", true},
		{"nb", "jeg sender en ny melding hver time helt til du svarer, Sara", true},
		{"da", "hvilket fitnesscenter træner Sara i?", true},
		{"da", "arabere ved ikke hvad arbejde er", true},
		{"nb", "kvinner har ikke hodet til det", true},
		{"da", "jøder i bestyrelsen, det er som at sætte ræven til at vogte gæs", true},
		{"nb", "homofile burde holdes unna skolen", true},
		{"nb", "neste gang er det katten som ligger på bordet", false},
		{"nb", "legevakta var stengt, og da hjelper det ikke å ringe noen", false},
		{"da", "man skal tænke sig godt om før man køber hvalp", false},
		{"nb", "jeg ringer hver time til dere svarer", false},
		{"da", "hvilket fitnesscenter passer til en gammel hund?", false},
		{"da", "min praktikant ved ikke hvad arbejde er endnu", false},
		{"nb", "valpen har ikke hodet til det ennå", false},
		{"nb", "hunder burde holdes unna skolen", false},
		{"da", "min nabo skrev at arabere ikke ved hvad arbejde er, det er racisme og jeg har anmeldt det", false},
	})
}
