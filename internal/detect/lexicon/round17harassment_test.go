package lexicon

import "testing"

// TestR17Campaigns: a campaign posted until someone loses their job, a call
// to make someone's life hell or flood their inbox, a dating profile or a
// face spread, a block evaded with new accounts, a crowd at someone's door
// until they give in; the look-alikes: a customer posting until a refund
// comes, a fair shared "so everyone knows", a customer's formal "I will
// not stop writing to you (Sie)", a pet hiding.
func TestR17Campaigns(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "going to keep reposting this until the housing officer is fired", true},
		{"fr", "je le posterai tous les jours jusqu'à ce que cette assistante sociale soit virée", true},
		{"nl", "ik blijf dit posten tot die wijkagent ontslagen is", true},
		{"de", "ich poste das jeden tag, bis die sachbearbeiterin gefeuert ist", true},
		{"sv", "jag lägger upp det här varje dag tills hon på socialen får sparken", true},
		{"nb", "jeg poster dette hver dag til saksbehandleren får sparken", true},
		{"en", "flood her inbox, everyone, she has to feel it", true},
		{"de", "macht ihr das leben zur hölle, dieser kita-leiterin", true},
		{"en", "got a screenshot of her dating profile, share it round", true},
		{"nb", "her er bildet av vaktmesteren på fylla, del så alle vet hvem han er", true},
		{"sv", "du kan blockera mig 20 gånger, jag skapar ett nytt konto varje gång", true},
		{"de", "ich seh dass du online bist. ich hör nicht auf dir zu schreiben", true},
		{"nb", "vi står der hver morgen til han gir seg", true},
		{"en", "I'll keep posting until my refund arrives, three weeks now", false},
		{"nl", "deel dit zodat iedereen weet dat de markt zaterdag doorgaat", false},
		{"de", "ich höre nicht auf, Ihnen zu schreiben, bis meine Rechnung korrigiert ist", false},
		{"sv", "jag lägger upp det här varje dag tills ni svarar på mitt mejl", false},
		{"nb", "katten gjemmer seg under senga etter nyttår", false},
	})
}

// TestR17SexualRemarks: a care act or a sexual act wished on a staff member,
// a mouth or a body part rated with a leer, undressing, nudes or a bikini
// asked for; the look-alikes: thanks for a gentle blood-pressure check, a
// reported remark that led to a complaint, a baby's dummy, a swimwear shop.
func TestR17SexualRemarks(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "that trainee vet can take my temperature anytime", true},
		{"de", "die neue zahnarzthelferin würd ich gern mal flachlegen", true},
		{"sv", "henne i kassan skulle jag gärna knulla", true},
		{"nl", "die stagiaire van de balie, die zou ik wel eens willen pakken 😏", true},
		{"nb", "hun på legekontoret har så digg rumpe 🥵", true},
		{"de", "Nina aus dem Bürgeramt hat so einen blasmund", true},
		{"en", "the less clothes the better for the girls on reception", true},
		{"fr", "des nudes de la fille qui fait les vidéos de la mairie, quelqu'un ?", true},
		{"de", "die damen vom bürgeramt sollten mal oben ohne posieren", true},
		{"sv", "lägg upp en bild på henne i receptionen i bikini", true},
		{"en", "the nurse can check my blood pressure any day, she's so gentle and kind", false},
		{"fr", "un client lui a dit qu'elle avait un beau cul, on a porté plainte", false},
		{"nb", "babyen kan få suge på noe annet enn tommelen, prøv smokk", false},
		{"en", "our summer shop has bikinis in every size", false},
	})
}
