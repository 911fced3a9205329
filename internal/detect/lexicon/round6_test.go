package lexicon

import (
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// staff6 are the staff names of probes/round6-nordic.jsonl (the eval's default).
var staff6 = []string{"Dr Lindqvist", "Dr Hansen", "Dr Janssens", "Sara", "Ingrid", "Karim"}

// TestRound6PoliteVeiled: polite and veiled threats in Swedish and Bokmål
// (what may happen to them, routines and cars known, accidents foretold, a
// warning as the last word); the look-alikes are complaints, care advice and
// praise written with the same words.
func TestRound6PoliteVeiled(t *testing.T) {
	thr := detect.Threat
	run(t, []tcase{
		{lang: "sv", text: "det vore väldigt tråkigt om ert lilla kontor brann en natt", want: []detect.Category{thr}},
		{lang: "sv", text: "jag ber er vänligt att tänka på vad som kan hända med er personal", want: []detect.Category{thr}},
		{lang: "sv", text: "jag rekommenderar starkt att du ser dig om när du går till bilen", want: []detect.Category{thr}},
		{lang: "sv", text: "njut av helgen medan du fortfarande kan.", want: []detect.Category{thr}},
		{lang: "sv", text: "hennes vita tesla står alltid på samma ställe, ganska lätt att hitta", want: []detect.Category{thr}},
		{lang: "sv", text: "olyckor händer, särskilt för socialsekreterare som tar barn", want: []detect.Category{thr}},
		{lang: "sv", text: "betrakta dig som varnad.", want: []detect.Category{thr}},
		{lang: "sv", text: "folk har blivit misshandlade för mindre än så", want: []detect.Category{thr}},
		{lang: "sv", text: "hälsningar från en som vet var du bor", want: []detect.Category{thr}},
		{lang: "nb", text: "det hadde vært trist om bilene deres fikk punktering i natt", want: []detect.Category{thr}},
		{lang: "nb", text: "jeg ber deg pent om å tenke over hva som kan skje med familien din", want: []detect.Category{thr}},
		{lang: "nb", text: "lykke til med å sove i natt", want: []detect.Category{thr}},
		{lang: "nb", text: "dere er herved advart.", want: []detect.Category{thr}},
		{lang: "nb", text: "folk har blitt banket for mindre", want: []detect.Category{thr}},
		{lang: "nb", text: "jeg vet hvilken skole sønnen din går på", want: []detect.Category{thr}},
		// look-alikes
		{lang: "sv", text: "det vore synd om ni stängde mottagningen på lördagar", not: []detect.Category{thr}},
		{lang: "sv", text: "ni har blivit varnade av länsstyrelsen två gånger, gör något", not: []detect.Category{thr}},
		{lang: "sv", text: "olyckor händer, det är ingens fel", not: []detect.Category{thr}},
		{lang: "sv", text: "lycka till med flytten, hoppas ni sover gott i nya huset", not: []detect.Category{thr}},
		{lang: "nb", text: "dere kommer til å angre på at dere stengte filialen, kundene forsvinner", not: []detect.Category{thr}},
		{lang: "nb", text: "det hadde vært leit om dere måtte legge ned", not: []detect.Category{thr}},
		{lang: "nb", text: "jeg ber dere om å tenke på hva som skjer med katten min når dere stenger", not: []detect.Category{thr}},
	})
}

// TestRound6Staff: harassment of named staff (persistence until they leave,
// rumours, a voice or body mocked, private accounts, coordinated calls,
// one-star pile-ons, evading blocks) and hate about a staff member's name or
// dress inside a complaint.
func TestRound6Staff(t *testing.T) {
	har, hate := detect.Harassment, detect.Hate
	run(t, []tcase{
		{lang: "sv", text: "jag postar det här varje dag tills Karim får sparken", staff: staff6, want: []detect.Category{har}},
		{lang: "sv", text: "det sägs att Ingrid söp på jobbet förra året", staff: staff6, want: []detect.Category{har}},
		{lang: "sv", text: "vi är tjugo som ska mejla henne hela dagen imorgon", staff: staff6, want: []detect.Category{har}},
		{lang: "sv", text: "ge Dr Lindqvist en etta allihop", staff: staff6, want: []detect.Category{har}},
		{lang: "sv", text: "jag skapar nya konton hela tiden, ni blir aldrig av med mig", staff: staff6, want: []detect.Category{har}},
		{lang: "sv", text: "inte konstigt att receptet blev fel, man fattar ju varför när man hör vad hon heter", staff: staff6, want: []detect.Category{hate}},
		{lang: "nb", text: "jeg skal poste dette hver dag til Sara slutter", staff: staff6, want: []detect.Category{har}},
		{lang: "nb", text: "ryktet sier at Karim stjal fra kassa", staff: staff6, want: []detect.Category{har}},
		{lang: "nb", text: "navnet hennes kommer til å stå her helt til hun beklager", staff: staff6, want: []detect.Category{har}},
		{lang: "nb", text: "hun med hijab burde ikke få jobbe i resepsjonen", staff: staff6, want: []detect.Category{hate}},
		// look-alikes
		{lang: "sv", text: "jag kommer att skriva här varje dag tills ni svarar på min fråga", staff: staff6, not: []detect.Category{har}},
		{lang: "sv", text: "hörde att Sara ska gå på föräldraledighet, grattis!", staff: staff6, not: []detect.Category{har, hate}},
		{lang: "sv", text: "Ingrid har en så varm röst, låter som en radioröst", staff: staff6, not: []detect.Category{har}},
		{lang: "sv", text: "ge Sara en eloge från oss allihop", staff: staff6, not: []detect.Category{har}},
		{lang: "nb", text: "jeg skal fortsette å ringe til Sara svarer på spørsmålet om regningen", staff: staff6, not: []detect.Category{har}},
		{lang: "nb", text: "stemmer det at Karim slutter? han blir savnet", staff: staff6, not: []detect.Category{har}},
	})
}

// TestRound6Hate: hate without slurs in complaints and neighbourhood
// threads; look-alikes ask for an interpreter or complain about turnover.
func TestRound6Hate(t *testing.T) {
	hate := detect.Hate
	run(t, []tcase{
		{lang: "sv", text: "det här får man när ni anställer folk från andra länder", want: []detect.Category{hate}},
		{lang: "sv", text: "sånt folk borde inte jobba med barn", want: []detect.Category{hate}},
		{lang: "sv", text: "de kommer bara hit för att leva på bidrag", want: []detect.Category{hate}},
		{lang: "nb", text: "dette er hva man får når man ansetter folk som ikke snakker norsk", want: []detect.Category{hate}},
		{lang: "nb", text: "slike folk burde ikke jobbe med eldre", want: []detect.Category{hate}},
		{lang: "nb", text: "de kom bare hit for å snylte", want: []detect.Category{hate}},
		{lang: "sv", text: "invandrare och svensk kultur går inte ihop", want: []detect.Category{hate}},
		{lang: "nb", text: "muslimer og hunder passer ikke sammen", want: []detect.Category{hate}},
		{lang: "sv", text: "katter och hundar går inte ihop hemma hos oss", not: []detect.Category{hate}},
		{lang: "nb", text: "valper og dyr passer ikke sammen i samme bur", not: []detect.Category{hate}},
		// look-alikes
		{lang: "sv", text: "kan ni anställa folk som kan arabiska? pappa förstår inte svenska", not: []detect.Category{hate}},
		{lang: "sv", text: "förr var det samma personal varje dag, nu är det nya hela tiden", not: []detect.Category{hate}},
		{lang: "nb", text: "har dere noen som snakker somali? mor kan lite norsk", not: []detect.Category{hate}},
		{lang: "nb", text: "før var det de samme folka på kontoret, nå er alle nye", not: []detect.Category{hate}},
	})
}
