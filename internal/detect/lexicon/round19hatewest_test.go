package lexicon

import "testing"

// Round 19 hate in French, Dutch and German (testdata/round19-hatewest.jsonl):
// families found in a third-party set written from the labelling guide.
// Each test pairs the harmful construction with look-alikes that use the
// same words of nobody, or of an animal, a thing or a named person.

// TestR19HateWestDecline: a service's decline pinned on the group hired is
// hate; the same decline pinned on software or building work is a complaint.
func TestR19HateWestDecline(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"fr", "depuis qu'ils ont embauché des africains à la mairie plus rien ne marche", true},
		{"nl", "sinds er allemaal allochtonen bij het loket zitten werkt niets meer", true},
		{"de", "seit die ganzen araber im amt sitzen funktioniert nichts mehr", true},
		{"fr", "depuis la nouvelle version du site plus rien ne marche", false},
		{"nl", "sinds de verbouwing werkt niets meer in dit ziekenhuis", false},
		{"de", "seit dem update funktioniert nichts mehr in der app", false},
	})
}

// TestR19HateWestSlurBarred: a slur barred from a place, or a group told it
// has nothing to lose there, is hate; a mousetrap, a beach closed to dogs or
// a neighbour's garden is not.
func TestR19HateWestSlurBarred(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"fr", "pas de gouines dans notre équipe", true},
		{"nl", "geen flikkers in onze sportclub", true},
		{"nl", "roma mogen niet meer in het zwembad", true},
		{"de", "ausländer haben in unserem schwimmbad nix verloren", true},
		{"de", "die kopftuchschlampe an der kasse war frech", true},
		{"fr", "pas de tapettes à souris près des chats svp", false},
		{"nl", "honden mogen niet meer in het park", false},
		{"de", "der nachbar hat in unserem garten nix verloren", false},
	})
}

// TestR19HateWestTrait: a trait, a lesser mind or an animal nature pinned on
// a group is hate; the same words said of cats, vegetables or a pet are not.
func TestR19HateWestTrait(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"fr", "les roms ont moins de cerveau que les autres", true},
		{"fr", "les handicapés c'est des légumes", true},
		{"nl", "typisch turken weer, altijd herrie", true},
		{"nl", "vluchtelingen zijn gewoon beesten", true},
		{"de", "türken stinken halt, ist so", true},
		{"de", "behinderte sind doch halbe menschen, halbe affen", true},
		{"fr", "les carottes sont des légumes, les tomates non", false},
		{"nl", "mijn honden zijn gewoon beesten als ze eten zien", false},
		{"de", "meine katze ist gestört seit dem umzug", false},
	})
}

// TestR19HateWestGenderPlace: a woman or a lesbian put back in her place is
// hate; a heavy load for one person, or "les femmes au foyer" as a group to
// help, is not.
func TestR19HateWestGenderPlace(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"fr", "les lesbiennes ont besoin d'un vrai homme c'est tout", true},
		{"fr", "les femmes à la cuisine, pas au conseil municipal", true},
		{"de", "frauen können das eben nicht, das ist biologie", true},
		{"de", "lesben brauchen halt einen richtigen kerl", true},
		{"fr", "l'association aide les femmes au foyer à retrouver un emploi", false},
		{"de", "eine frau kann das nicht allein heben, schickt bitte jemanden", false},
	})
}

// TestR19HateWestSentBack: someone told to go back for a sign of who they
// are is hate; a trainee going home, or a family returning, is news.
func TestR19HateWestSentBack(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"fr", "les musulmans devraient rentrer dans leur pays", true},
		{"fr", "la voilée de l'accueil, elle dégage ou on s'en occupe", true},
		{"nl", "die vrouw met dat hoofddoekje moet terug naar haar eigen land", true},
		{"de", "der mit dem turban soll sich heim verpissen", true},
		{"fr", "notre stagiaire rentre dans son pays en juin, merci pour tout", false},
		{"nl", "de vluchtelingen gaan terug naar hun land nu de oorlog voorbij is", false},
		{"de", "die syrische familie geht zurück in ihr land, alles gute", false},
	})
}

// TestR19HateWestCoded: coded pointing, conspiracies and violence against a
// group's place of worship are hate; teenagers spoiling a street, a stray
// dog dealt with, or a rebutted claim are not.
func TestR19HateWestCoded(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"fr", "on devrait incendier cette mosquée", true},
		{"fr", "ma voiture a été rayée, regardez du côté des gitans", true},
		{"nl", "de joodse lobby controleert de media", true},
		{"de", "soros finanziert die ganze migration", true},
		{"de", "der große austausch ist in vollem gange", true},
		{"nl", "die hangjongeren verpesten de buurt", false},
		{"fr", "le chat errant, on va s'en occuper nous même", false},
		{"nl", "wie beweert dat alle marokkanen dieven zijn, liegt", false},
	})
}

// TestR19HateWestReported: abuse reported to the page, a slur reclaimed with
// pride, or the German party FDP are not said abuse; the same slur thrown at
// someone, or an ultimatum sending someone back, still is.
func TestR19HateWestReported(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"fr", "le livreur rentre dans son pays ou on s'en charge", true},
		{"de", "die fdp wähler sind alle idioten, vergast sie", true},
		{"de", "unter eurem beitrag steht 'ausländer raus', warum löscht ihr das nicht?", false},
		{"nl", "onder jullie bericht staat 'vuile flikkers', waarom halen jullie dat niet weg?", false},
		{"fr", "pédé et fier, rendez-vous à la marche samedi", false},
		{"de", "die fdp und die spd streiten schon wieder über das budget", false},
	})
}
