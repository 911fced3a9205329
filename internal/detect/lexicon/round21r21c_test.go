package lexicon

import "testing"

// Round 21 r21c (sv, nn; testdata/round21-r21c.jsonl): the families of the
// fresh29 misses in Swedish and Nynorsk, each paired with the same words said
// harmlessly. Danish comments read the Nynorsk entries too.

// TestR21cSexualAtStaff (S1–S4): a staff member wished to examine or tend
// the writer, underwear and what is under the uniform, a body that "makes
// me want", an offer to keep her warm; a pet in one's lap, a dog examined,
// a dog's bottom and shorter queues stay.
func TestR21cSexualAtStaff(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"sv", "Sophie får ta tempen på mig hur länge som helst", true},
		{"sv", "Anna, vilken färg har du på underkläderna i dag?", true},
		{"sv", "undrar vad Karim har under uniformen egentligen", true},
		{"sv", "tror Sanne är lika het i sängen som hon är sur i telefon", true},
		{"sv", "Sara har en mun som är gjord för annat än att prata med kunder", true},
		{"nn", "kva har du under uniforma i dag, Sara?", true},
		{"nn", "send eit bilete av deg utan uniform, Ingrid", true},
		// Look-alikes.
		{"sv", "katten får gärna sätta sig i mitt knä när vi väntar i väntrummet", false},
		{"sv", "Dr Martin får gärna undersöka min hund igen nästa vecka, tack för sist", false},
		{"sv", "vilken färg har ni på hundtäckena, finns det rosa?", false},
		{"sv", "vi vill ha kortare köer nästa gång tack", false},
		{"nn", "Dr Hansen kan undersøkje hunden min når som helst, han er så flink", false},
		{"nn", "sjå på rumpa til hunden min, ho har utslett der", false},
	})
}

// TestR21cHarassCampaigns (H1–H5): new accounts after each block, pursuit
// until she gives in, a person filmed or collected on a page, her family
// written to, a pile-on of one-star reviews or calls to her manager; a
// second account after a lockout, a complaint repeated until answered,
// screenshots of bugs, a poll in the comments and praise stay.
func TestR21cHarassCampaigns(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"sv", "det här är mitt sjätte konto sen Sara blockerade mig", true},
		{"sv", "jag ger mig inte förrän Sara går ut med mig", true},
		{"sv", "fota Ingrid varje gång ni ser henne i stan och posta här", true},
		{"sv", "har mejlat Saras pappa om vad hon gör på jobbet", true},
		{"sv", "Ingrid ska inte kunna få jobb någonstans i länet efter det här", true},
		{"nn", "du kan blokkere meg, Karim, eg har fleire kontoar enn du trur", true},
		{"nn", "Sara skal aldri få jobb i kommunen meir", true},
		// Look-alikes.
		{"sv", "jag har mitt andra konto här eftersom det första låstes av misstag", false},
		{"sv", "jag skriver tills ni svarar på min reklamation, det har gått tre veckor", false},
		{"sv", "skapade en grupp för att dela skärmdumpar på buggar i appen", false},
		{"sv", "skriv JA i kommentarerna om ni vill ha längre öppettider", false},
		{"nn", "eg lagar ein ny profil fordi eg gløymde passordet", false},
	})
}

// TestR21cVeiledThreats (T1–T4): a car's brakes or tyres wished broken,
// safety advice with a closer, "next time it is not to talk", found
// wherever one hides, no use calling anyone; a car that will not start, dark
// streets, cakes for the staff, a switchboard that never answers and a
// garden praised stay.
func TestR21cVeiledThreats(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"sv", "det vore synd om någon punkterade däcken på din bil igen, Anna", true},
		{"sv", "nästa gång du ser mig är det inte för att prata, Karim", true},
		{"sv", "jag hittar dig Sara, var du än gömmer dig", true},
		{"sv", "jag glömmer aldrig ditt ansikte Ingrid, och jag vet var du parkerar", true},
		{"nn", "ein kveld står eg på trappa di, og då hjelper det ikkje å ringe politiet", true},
		// Look-alikes.
		{"sv", "det vore synd om däcken tog slut innan vintern, har ni vinterdäck i lager?", false},
		{"sv", "jag vet var ni parkerar nu, hittade den nya p-platsen bakom huset", false},
		{"sv", "barnen borde inte gå ensamma hem när gatlyktorna är släckta, laga dem", false},
		{"sv", "nästa gång vi ses tar jag med kakor till personalen", false},
		{"nn", "då hjelper det ikkje å ringe sentralbordet, dei svarar aldri", false},
		{"nn", "fin hage de har ved klinikken, men tørt gras brenn fort så pass på grillen", false},
	})
}

// TestR21cHateAndContempt (G1–G4, I1): a group said to live like rats, a
// danger to children, barred from a school, women "cannot handle" it,
// "pure Swedish" staff asked for; a person a disgrace to mankind, nobody at
// her funeral. Rats in a bin room, the right to an interpreter, a tired wife,
// a decision called a disgrace and an old school closed stay.
func TestR21cHateAndContempt(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"sv", "somalierna lever som råttor i det där huset", true},
		{"sv", "romer är en fara för barnen här i området", true},
		{"sv", "döva har inget i skolan att göra", true},
		{"sv", "kvinnor klarar inte sånt här ansvar, det vet alla", true},
		{"sv", "du är en skam för hela mänskligheten, Karim", true},
		{"nn", "homofile har ingenting i skulen å gjere", true},
		{"nn", "ingen kjem i gravferda di, Karim", true},
		// Look-alikes.
		{"sv", "råttorna lever som kungar i soprummet, ring en sanerare", false},
		{"sv", "döva har rätt till tolk i vården, det står i lagen", false},
		{"sv", "min fru klarar inte stressen på jobbet just nu, kan vi flytta tiden?", false},
		{"sv", "det här beslutet är en skam för hela kommunen", false},
		{"nn", "rottene i kjellaren er ein fare for ungane, kom og fjern dei", false},
		{"nn", "homofile har same rett til å adoptere som alle andre", false},
	})
}
