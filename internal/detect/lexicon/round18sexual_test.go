package lexicon

import "testing"

// TestR18SexualPictures (S1): pictures of someone undressed asked for, and
// "what are you wearing" with a closer; look-alikes: a photo of a wound, a
// dress code asked about.
func TestR18SexualPictures(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "darling from the call centre, what are you wearing tonight", true},
		{"en", "pics without your apron please Sara", true},
		{"fr", "envoie un pic sans ton uniforme ma belle", true},
		{"nl", "stuur een selfie zonder je schort, Sanne", true},
		{"de", "schick uns Bilder ohne deinen Kasack, Sophie", true},
		{"sv", "skicka foton utan arbetskläderna, Sara", true},
		{"nb", "send bilder uten arbeidsklærne, Ingrid", true},
		// Look-alikes.
		{"en", "what are you wearing to the fundraiser, is it fancy dress?", false},
		{"fr", "je peux envoyer des photos de la plaie sans le pansement ?", false},
		{"de", "kann ich Fotos ohne Blitz von der Wunde schicken?", false},
		{"nl", "mag ik een foto zonder flits van de wond sturen?", false},
	})
}

// TestR18SexualBody (S2): a staff member's body remarked on with a leer, as
// what she was hired for, as the reason one comes, "made for" sex; the
// subject may stand far before the remark or across an ellipsis.
// Look-alikes: praise of the staff, a horse's build, a hiring complaint.
func TestR18SexualBody(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"nb", "hun som jobber i kantina om kvelden… for en rumpe 🤤", true},
		{"sv", "tjejen som har nattpasset på avdelningen... vilken rumpa 🥵", true},
		{"de", "die Bademeisterin im Hallenbad, was für ein Hintern 🤤", true},
		{"nl", "die zwemjuf heb je zeker aangenomen om haar tieten", true},
		{"fr", "l'animatrice, elle a de gros seins franchement", true},
		{"en", "the receptionist has a mouth made for other things", true},
		{"sv", "sköterskan på nattpasset, de brösten 🤤", true},
		{"de", "die Kassiererin und ihr Dekolleté 🥵", true},
		{"nl", "die baliemedewerkster met die billen 😈", true},
		{"en", "Sophie, I'd take her home tonight 😈", true},
		// Look-alikes.
		{"nb", "hun som jobber i kantina om kvelden… for en stemme, så vakker", false},
		{"sv", "vilken kropp hästen har fått efter träningen, tack för hjälpen", false},
		{"nl", "de zwemjuf is aangenomen om haar diploma's, ze is top", false},
		{"en", "the receptionist has a voice made for radio, so calming", false},
		{"sv", "hunden fick en spruta i rumpan 🍑 och var jätteduktig", false},
		{"en", "that puppy, I'd take her home tonight 😍", false},
		{"nl", "geef haar mijn nummer, ik wil de verzekering regelen", false},
		{"en", "the canteen lady and her chicken thighs 🤤", false},
		{"nl", "ik kom alleen voor haar benen, de fysio van mijn hond is top", false},
	})
}

// TestR18SexualVisits (S3): a staff member priced for a night or a visit of
// "the other kind"; look-alikes: a price per hour of a trainer, an adoption
// fee, a vet's home visit after hours.
func TestR18SexualVisits(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"sv", "vad kostar det att få den snygga från receptionen hem till mig en natt", true},
		{"nb", "hva koster det å få den pene fra kassa hjem til meg en natt", true},
		{"nl", "wat kost het als jij even mee naar bed gaat, schoonheid", true},
		{"sv", "gör hon hembesök av det vuxna slaget också 😉", true},
		// Look-alikes.
		{"en", "how much for an hour with the dog trainer on saturday?", false},
		{"nl", "hoeveel kost het om de kat mee naar huis te nemen?", false},
		{"de", "macht die Tierärztin auch nach Feierabend Hausbesuche? unser Pony lahmt", false},
		{"fr", "c'est combien pour une heure avec l'éducatrice canine ?", false},
		{"sv", "vad kostar det att få den söta kattungen hem till mig?", false},
		{"nb", "hva koster det å få den søte valpen hjem til meg?", false},
		{"da", "hvad koster det at få hende hjem til mig efter operationen?", false},
		{"sv", "kan tjejen i receptionen skicka hem till mig papperen?", false},
	})
}

// TestR18SexualAnyTime (S4): a staff member invited to do something to the
// writer any time, with a leer or an innuendo marker; "n'importe quand"
// is no negation. Look-alikes: a callback offered any time, with no leer.
func TestR18SexualAnyTime(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"fr", "l'infirmière de nuit peut me border n'importe quand 😈", true},
		{"nl", "die assistente mag mij altijd masseren 🥵", true},
		{"nb", "tannlegeassistenten kan gjerne pleie meg når som helst 😈", true},
		{"sv", "livräddaren får gärna ge mig mun mot mun 😏", true},
		// Look-alikes.
		{"fr", "vous pouvez me rappeler n'importe quand, merci beaucoup", false},
		{"nl", "de assistente mag mij altijd bellen, ik ben thuis", false},
		{"nb", "sykepleieren kan ringe meg når som helst, takk", false},
		{"sv", "badvakten gav honom mun mot mun och räddade hans liv", false},
		// A sarcastic complaint with a smirk and no care act.
		{"de", "die Tierärztin kann mich gern mal zurückrufen 😏 warte seit drei Tagen", false},
		{"nl", "de assistente kan me altijd bellen 😏 maar dat doet ze nooit", false},
		{"fr", "la secrétaire peut me rappeler quand elle veut 😏 j'attends depuis lundi", false},
		{"nb", "sykepleieren kan ringe meg når som helst 😏 venter fortsatt", false},
		{"sv", "sköterskan får gärna ringa mig när som helst 😏 väntar fortfarande", false},
	})
}

// TestR18SexualFantasy (S5, S6): the writer's fantasy of having or undressing
// her, a bed-partner idiom, her account asked for as she "wants him";
// look-alikes: a kitten one would take home, a child on a carer's lap.
func TestR18SexualFantasy(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"de", "die neue Praxishelferin würde ich nicht von der Bettkante stoßen", true},
		{"nl", "die assistente zou ik niet uit bed schoppen", true},
		{"en", "the new intern would look even better with her uniform off", true},
		{"fr", "la nouvelle, si elle est celib je la ramène", true},
		{"nb", "hun i kassa er kåt på meg, det ser jeg", true},
		{"sv", "henne skulle jag gärna ta med hem 😈", true},
		// Look-alikes.
		{"sv", "den kattungen skulle jag gärna ta med hem 😍", false},
		{"de", "die Erzieherin nimmt die Kleinen auf den Schoß, so lieb", false},
		{"en", "the garden looks better without the old fence, thanks team", false},
		{"fr", "cette recette je me la fais tous les dimanches", false},
	})
}

// TestR18EllipsisBetween: one ellipsis joins two fragments of a remark;
// any other sentence end parts them.
func TestR18EllipsisBetween(t *testing.T) {
	for _, c := range []struct {
		mid  string
		want bool
	}{
		{" on nights... what ", true},
		{" on nights… what ", true},
		{" on nights. what ", false},
		{" on nights... what? then ", false},
		{" a. b... c ", false},
		{"", false},
	} {
		if got := ellipsisBetween(c.mid, 0, len(c.mid)); got != c.want {
			t.Errorf("ellipsisBetween(%q) = %v, want %v", c.mid, got, c.want)
		}
	}
	if ellipsisBetween("abc", 2, 1) || ellipsisBetween("abc", -1, 2) || ellipsisBetween("abc", 0, 9) {
		t.Error("bad bounds must be false")
	}
}
