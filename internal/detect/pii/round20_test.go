package pii

import (
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// Round 20 (tuned on a third-party set probing every format): each family
// with the same words said harmlessly. r19Check: "" means no signal.

// A function mailbox at the organisation's domain is nobody's data; the
// same local part at a webmail domain, or a person's mailbox, still is.
func TestRound20RoleMailbox(t *testing.T) {
	r19Check(t, []r19Case{
		{"en", "Appointments through reception@pawcare-demo.co.uk, that is the official mailbox", EntityEmail, ""},
		{"de", "Anfragen bitte an kontakt@hundepraxis-muster.de, offizielle Adresse der Praxis", EntityEmail, ""},
		{"fr", "pour les rdv c'est accueil@veto-du-port.fr, l'adresse officielle", EntityEmail, ""},
		{"sv", "boka via bokning@smadjur-exempel.se, det är deras riktiga adress", EntityEmail, ""},
		// Look-alikes: a person's mailbox, and "info" at a webmail domain.
		{"en", "my email is lena.holm@pawcare-demo.co.uk if you need me", EntityEmail, detect.PII},
		{"nl", "mail mij op info@gmail.com, dat is mijn adres", EntityEmail, detect.PII},
		{"de", "seine Mail ist info@gmx.de, schreibt ihm", EntityEmail, detect.Doxxing},
	})
}

// A workplace in the genitive or "their number" after the workplace is
// thanked: the premises' contact, not a person's.
func TestRound20WorkplaceOwnsContact(t *testing.T) {
	r19Check(t, []r19Case{
		{"sv", "Mottagningens adress för patienter: Kungsgatan 12, 411 19 Göteborg, hiss finns", EntityAddress, ""},
		{"nb", "Klinikkens adresse for kunder: Storgata 14, 0184 Oslo, inngang bak", EntityAddress, ""},
		{"fr", "Merci au cabinet ! Pour info leur numéro c'est le 04 78 11 22 33 et ils rappellent vite", EntityPhone, ""},
		{"en", "Thanks to the surgery, their number is 0113 496 0123 if anyone needs it", EntityPhone, ""},
		// Look-alikes: a person in the genitive, a person between the
		// workplace and "their", a private line.
		{"sv", "Grannens adress: Kungsgatan 12, 411 19 Göteborg, åk dit", EntityAddress, detect.Doxxing},
		{"fr", "Merci au cabinet, mais la voisine aussi, leur numéro c'est le 06 12 34 56 78", EntityPhone, detect.Doxxing},
		{"en", "the clinic was fine but their private number is 07700 900 456", EntityPhone, detect.Doxxing},
	})
}

// A private line word before "NAME at the desk": the workplace says where
// she works, the number is hers.
func TestRound20PrivateLineAtWorkplace(t *testing.T) {
	r19Check(t, []r19Case{
		{"sv", "Här är privatnumret till Lisa i kassan: 070 412 33 21, ring henne", EntityPhone, detect.Doxxing},
		{"nb", "privatnummeret til Kari i resepsjonen er 934 56 781", EntityPhone, detect.Doxxing},
		// Look-alike: the desk's own line.
		{"sv", "ring receptionen på 08-123 45 67, de svarar snabbt", EntityPhone, ""},
		{"nb", "ring Kari i resepsjonen på 22 33 44 55 i åpningstiden", EntityPhone, ""},
	})
}

// Someone else's IP address, and villains and strangers as owners.
func TestRound20OthersOwnData(t *testing.T) {
	r19Check(t, []r19Case{
		{"en", "That troll's IP is 81.23.112.150, I know who it is", EntityIP, detect.Doxxing},
		{"de", "Die IP von dem Troll ist 85.19.147.142, ich weiß wer das ist", EntityIP, detect.Doxxing},
		{"nl", "Het IP-adres van die trol is 178.13.77.104, ik weet wie het is", EntityIP, detect.Doxxing},
		{"sv", "IP-adressen till trollet är 178.65.17.86", EntityIP, detect.Doxxing},
		{"nb", "IP-en til trollet er 46.163.38.182, jeg vet hvem", EntityIP, detect.Doxxing},
		{"en", "Address of the bloke who hit my cat: 9 Mill Road, Leicester LE2 8QZ", EntityAddress, detect.Doxxing},
		{"sv", "Adressen till mannen som slog min katt: Ringvägen 9, 582 22 Linköping.", EntityAddress, detect.Doxxing},
		{"fr", "voici l'IBAN de l'éleveur : FR14 2004 1010 0505 0001 3M02 606, méfiez-vous", EntityIBAN, detect.Doxxing},
		{"de", "der nette Herr Schmidt aus Nr. 4, Tel. 0221.98 76 54, sucht Hilfe beim Einkaufen", EntityPhone, detect.Doxxing},
		{"nl", "De meneer die de kat vond heet Piet, 030-2345678, bel hem", EntityPhone, detect.Doxxing},
		// Look-alikes: the writer's own IP, the writer introducing
		// themselves with a title.
		{"en", "my IP is 81.23.112.150 and your site blocks it", EntityIP, detect.PII},
		{"fr", "Venez au 4 rue Victor Hugo 33000 Bordeaux, je suis Mme Petit, tel 06 12 34 56 78", EntityPhone, detect.PII},
		{"de", "ich bin Herr Schmidt, Tel. 0221.98 76 54, bitte um Rückruf", EntityPhone, detect.PII},
	})
}

// The address right after someone else's child's school is where the
// child is found; the writer's own child's school names nothing.
func TestRound20SchoolAddress(t *testing.T) {
	r19Check(t, []r19Case{
		{"de", "Die Tochter vom Bürgermeister geht auf die Grundschule am See, Seeweg 3 in Kassel", EntityAddress, detect.Doxxing},
		{"nb", "Ordførerens sønn går på Bakkeskolen, Skoleveien 3 i Drammen", EntityAddress, detect.Doxxing},
		{"en", "The mayor's son goes to St John's Primary on Mill Lane, fyi", EntitySchool, detect.Doxxing},
		// Look-alike: the writer's own child.
		{"en", "My son goes to St John's Primary on Mill Lane and loves it", EntitySchool, ""},
	})
}

// A parent's or child's number given by the writer for their care is the
// writer's own; a staff first name inside the writer's own e-mail does not
// make the phone next to it the colleague's; freephone lines are nobody's.
func TestRound20OwnSide(t *testing.T) {
	r19Check(t, []r19Case{
		{"sv", "Min mamma är 98 år, hennes personnummer är 280312-1231, funkar det?", EntitySEPersonnr, detect.PII},
		{"en", "my dad is in the home now, his NHS number is 943 476 5919, anything else?", "gb_nhs", detect.PII},
		{"de", "Tel 030/1234567 oder ANNA.WEBER@T-ONLINE.DE, bitte um Rückruf", EntityPhone, detect.PII},
		{"nl", "Bel 0800-1234 voor hulp bij geweld, gratis", EntityPhone, ""},
		// Look-alikes: someone else's parent, a staff name on its own.
		{"sv", "Grannens mamma, hennes personnummer är 280312-1231, sprid det", EntitySEPersonnr, detect.Doxxing},
		{"de", "Anna hat die Nummer 030/1234567, sagt sie", EntityPhone, detect.Doxxing},
	}, "Anna")
}

// An abbreviated street type with its dot ("av.", "bd."), and the street a
// school stands on named without a number after someone else's child's
// school. Look-alikes: "av." as "avant" in a time, a town after the school,
// the writer's own child.
func TestRound20StreetForms(t *testing.T) {
	r19Check(t, []r19Case{
		{"fr", "récupérez le colis au 4 bis av. jean jaurès 33000 bordeaux, je suis là", EntityAddress, detect.PII},
		{"fr", "je suis au 7 bd. Voltaire à Paris", EntityAddress, detect.PII},
		{"en", "The mayor's son goes to St John's Primary on Mill Lane, fyi", EntityAddress, detect.Doxxing},
		{"sv", "Rektorns dotter går på Björkskolan på Skolgatan, bara så ni vet", EntityAddress, detect.Doxxing},
		{"fr", "on se voit vers 5 av. midi", EntityAddress, ""},
		{"en", "The mayor's son goes to Oakfield Primary in Leeds, fyi", EntityAddress, ""},
		{"sv", "Min dotter går på Björkskolan på Skolgatan och trivs", EntityAddress, ""},
	})
}
