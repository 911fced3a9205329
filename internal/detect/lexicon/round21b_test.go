package lexicon

import (
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// Round 21 b (testdata/round21-r21b.jsonl): Dutch and English families from
// the mistakes of a third-party hard-case set (fresh29). Each test pairs the
// harmful construction with look-alikes that use the same words of a road,
// a building, a machine, a pet or oneself.

var r21bLevels = []detect.Category{detect.Threat, detect.Hate, detect.Harassment, detect.Sexual, detect.Insult}

func r21bRun(t *testing.T, cases []r9nordicCase) {
	t.Helper()
	runRemovalLevel(t, r21bLevels, cases)
}

// TestR21bGroupCostAndBar: a group called a cost, a waste of beds or a danger
// to "our girls", a disability group barred from the desk or given its own
// day; the same words of a roundabout, loose paving or a text line for the
// deaf are kept.
func TestR21bGroupCostAndBar(t *testing.T) {
	r21bRun(t, []r9nordicCase{
		{"en", "refugees are just a cost to the taxpayer", true},
		{"en", "migrants are a danger to our daughters", true},
		{"en", "disabled people are a waste of hospital beds", true},
		{"en", "pensioners in that home are bed blockers", true},
		{"en", "autistic people shouldn't be on reception", true},
		{"nl", "vluchtelingen zijn een kostenpost", true},
		{"nl", "gehandicapten kosten de gemeente alleen maar geld", true},
		{"nl", "asielzoekers zijn een gevaar voor onze meiden", true},
		{"nl", "doven horen niet achter de balie", true},
		{"en", "the new parking scheme is just a cost to the taxpayer", false},
		{"en", "the black ice is a danger to our daughters on the school run", false},
		{"en", "Dr Hansen shouldn't be on reception, she's a surgeon", false},
		{"en", "deaf people need a text line to book, please add one", false},
		{"nl", "die nieuwe rotonde kost de gemeente alleen maar geld", false},
		{"nl", "losliggende stoeptegels zijn een gevaar voor onze kinderen", false},
		{"nl", "fijn dat er een gebarentolk is voor doven aan de balie", false},
	})
}

// TestR21bSendBack: a group deported or shipped back, with a promise of
// shorter lists; a return told as news and parcels sent back are kept.
func TestR21bSendBack(t *testing.T) {
	r21bRun(t, []r9nordicCase{
		{"en", "deport the lot of them and rents would fall", true},
		{"en", "refugees? ship them all back where they came from", true},
		{"nl", "die lui moeten terug naar hun eigen land, dan krijgen wij een huis", true},
		{"nl", "wanneer beginnen we met terugsturen", true},
		{"en", "we sent them all back to the supplier for a refund", false},
		{"en", "send them back where they came from, the shop sold us broken leads", false},
		{"nl", "mijn ouders gaan na hun pensioen terug naar hun eigen land", false},
		{"nl", "we huren een busje voor de verhuizing", false},
	})
}

// TestR21bArsonAndVeiled: arson hinted at a place, a person said to need a
// new face, "better get used to looking over your shoulder", a stone
// through "your" window; logs that burn nicely, a fire-insurance question,
// driving advice and news of a broken shop window are kept.
func TestR21bArsonAndVeiled(t *testing.T) {
	r21bRun(t, []r9nordicCase{
		{"en", "I do hope the practice has good fire insurance", true},
		{"en", "that fence round your office would burn nicely", true},
		{"en", "next time I'm bringing petrol", true},
		{"en", "pay up or the receptionist will need a new face", true},
		{"en", "you'd better start looking over your shoulder", true},
		{"nl", "zou zonde zijn als dat pand op een nacht in vlammen opgaat", true},
		{"nl", "een jerrycan en een aansteker, meer niet", true},
		{"nl", "jullie kunnen beter een goede brandverzekering afsluiten", true},
		{"nl", "ze kan vanaf nu beter over haar schouder kijken", true},
		{"nl", "straks vliegt er een steen door jullie ruit", true},
		{"en", "the oak logs from your shop burn nicely in our stove", false},
		{"en", "does the clinic have fire insurance? we rent next door", false},
		{"en", "when reversing, look over your shoulder", false},
		{"nl", "bij het invoegen altijd over je schouder kijken", false},
		{"nl", "er is een steen door de ruit van de bakker gegooid", false},
		{"nl", "hebben jullie een brandverzekering voor de opslag?", false},
	})
}

// TestR21bDehumanise: a vermin word set among people, a stain on humanity,
// spitting, "not worth the oxygen", thrown away at birth; maggots in a wound,
// rats in the bins, a church called an eyesore and pups born are kept.
func TestR21bDehumanise(t *testing.T) {
	r21bRun(t, []r9nordicCase{
		{"en", "the finance team are rats in suits", true},
		{"en", "that landlord is a vulture feeding on grieving families", true},
		{"en", "you're not worth the oxygen in your lungs", true},
		{"en", "you should have been drowned at birth", true},
		{"nl", "die wethouder is een stuk vuil in een maatpak", true},
		{"nl", "u bent een schandvlek voor de mensheid", true},
		{"nl", "ik spuug op je", true},
		{"nl", "ze hadden je na je geboorte in de container moeten gooien", true},
		{"en", "my dog had maggots feeding on a wound, sorted fast", false},
		{"en", "rats in the bins behind the offices again, send pest control", false},
		{"nl", "die kerk is een schandvlek in het dorp", false},
		{"nl", "na de geboorte van de pups kwam de hond in de mand", false},
	})
}

// TestR21bSexual: underwear colour asked, a picture without the uniform,
// fantasising about the nurse, clothes that "should be illegal", lipstick
// ruined; uniform colours asked and a council fantasised about are kept.
func TestR21bSexual(t *testing.T) {
	r21bRun(t, []r9nordicCase{
		{"en", "Sara what colour is your bra", true},
		{"en", "send a photo without the uniform", true},
		{"en", "I keep fantasising about the new receptionist", true},
		{"en", "Sara, those scrubs should be illegal", true},
		{"nl", "welke kleur string draag je Ingrid", true},
		{"nl", "stuur een fotootje zonder uniform", true},
		{"nl", "ik fantaseer al weken over die stagiaire", true},
		{"en", "what colour will the new uniforms be?", false},
		{"en", "I keep fantasising about a council that answers the phone", false},
		{"nl", "welke kleur krijgen de nieuwe uniformen?", false},
		{"nl", "ik fantaseer over een vakantie zonder wachtlijsten", false},
	})
}

// TestR21bPileOn: a named staff member review-bombed, her inbox flooded, a
// mass report, "so she never works here again"; one star for a business and
// one complaint to a board are kept.
func TestR21bPileOn(t *testing.T) {
	r21bRun(t, []r9nordicCase{
		{"en", "everyone leave Ingrid one star", true},
		{"en", "go and flood Karim's inbox", true},
		{"en", "share it so Sara can never work in this town again", true},
		{"nl", "geef allemaal 1 ster aan Karim", true},
		{"nl", "meld Ingrid massaal bij de tuchtraad", true},
		{"nl", "deel dit tot Sara nergens meer aan de slag kan", true},
		{"en", "one star from me for the clinic, three hours wait", false},
		{"en", "Dr Hansen will never work better than with my old dog, lovely vet", false},
		{"nl", "1 ster voor de kliniek, drie uur gewacht", false},
		{"nl", "ik heb Dr Hansen gemeld bij de tuchtraad om mijn hond", false},
	})
}

// TestR21bGroupCampsAndDirt: a group put or rounded up into camps, called
// dirty or given a smell; scouts at a camp, agency cleaners and a kitchen
// that smells of garlic are kept.
func TestR21bGroupCampsAndDirt(t *testing.T) {
	r21bRun(t, []r9nordicCase{
		{"en", "refugees? put them all in camps", true},
		{"en", "those Somalis don't know basic hygiene", true},
		{"nl", "stop die Afghanen maar in een kamp", true},
		{"nl", "die Syriërs kennen geen hygiëne", true},
		{"en", "we put them all in a camp by the lake, the scouts loved it", false},
		{"en", "the agency cleaners don't know basic hygiene", false},
		{"nl", "de keuken ruikt naar knoflook, heerlijk", false},
		{"nl", "we zetten de welpen deze zomer in een kamp aan het meer", false},
	})
}
