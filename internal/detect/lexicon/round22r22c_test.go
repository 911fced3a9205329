package lexicon

import "testing"

// Round 22 r22c (../../eval/testdata/probes/functional-r22c.jsonl): the
// HateCheck-style functionalities in Swedish, Norwegian (Bokmål, Nynorsk) and
// Danish. Each hateful construction is paired with look-alikes that use the
// same words harmlessly: the feeling said of a thing, of a clause or of the
// haters, "kill all" said of insects, "no X deserves to die", the
// counter-speech "if you think X are scum, you are the problem". The
// sentences are new wordings, not the suite's lines.

// TestR22cFeeling (E1): a strong feeling declared about a group.
func TestR22cFeeling(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"sv", "ärligt talat står jag inte ut med romer", true},
		{"sv", "jag står inte ut med araber längre", true},
		{"sv", "jag är så less på somalier i vår förort", true},
		{"sv", "transpersoner gör mig illamående", true},
		{"nb", "jeg orker ikke muslimer lenger", true},
		{"nb", "jeg er så drittlei av innvandrere", true},
		{"nb", "lesbiske ekler meg", true},
		{"nn", "eg toler ikkje jødar", true},
		{"da", "jeg kan ikke fordrage muslimer", true},
		{"da", "jeg er pisse træt af indvandrere", true},
		{"da", "jøder giver mig kvalme", true},
		// Look-alikes.
		{"sv", "jag står inte ut med den här värmen", false},
		{"sv", "jag är så trött på att muslimer misstänkliggörs", false},
		{"sv", "jag föraktar de som trakasserar transpersoner", false},
		{"nb", "jeg orker ikke mer regn i år", false},
		{"nb", "jeg er så lei av at jøder må ha vakt utenfor synagogen", false},
		{"nb", "jeg forakter dem som hetser homofile", false},
		{"da", "jeg kan ikke udstå den her kø", false},
		{"da", "jeg er træt af at kvinder får lavere løn", false},
		{"da", "jeg foragter folk der chikanerer indvandrere", false},
		{"sv", "jag tål inte min svåger, fast han är jude spelar det ingen roll", false},
		{"nb", "jeg tåler ikke min nabo, han er muslim og spiller høy musikk hver natt", false},
	})
}

// TestR22cCageAndBack (E2): a group caged or sent back.
func TestR22cCageAndBack(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"sv", "araber hör hemma på zoo", true},
		{"sv", "kasta ut alla somalier dit de kom ifrån", true},
		{"nb", "romfolk hører hjemme i dyrehagen", true},
		{"nb", "kast ut alle somaliere dit de kom fra", true},
		{"nn", "muslimar høyrer heime på zoo", true},
		{"da", "somaliere hører hjemme i zoo", true},
		{"da", "smid alle arabere ud hvor de kom fra", true},
		// Look-alikes.
		{"sv", "papegojan hör hemma i en bur, inte på balkongen", false},
		{"sv", "flyktingarna fick resa tillbaka när freden kom", false},
		{"nb", "kaninen hører hjemme i et bur om natta", false},
		{"da", "hamsteren hører hjemme i et bur", false},
	})
}

// TestR22cKillAll (E3): "kill all", "get rid of all", deserving death; the
// same verbs of insects and games, and "no X deserves to die", are kept.
func TestR22cKillAll(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"sv", "vi borde skjuta alla somalier", true},
		{"sv", "dags att göra sig av med alla romer", true},
		{"sv", "judar borde utrotas", true},
		{"nb", "vi burde skyte alle somaliere", true},
		{"nb", "på tide å kvitte seg med alle romfolk", true},
		{"nn", "vi burde skyte alle muslimar", true},
		{"da", "vi burde skyde alle somaliere", true},
		{"da", "det er på tide at skaffe sig af med alle arabere", true},
		{"da", "lesbiske fortjener at dø", true},
		{"da", "den næste muslim jeg ser får tæsk", true},
		// Look-alikes.
		{"sv", "jag ska döda alla flugor i köket", false},
		{"sv", "ingen homosexuell förtjänar att hängas", false},
		{"nb", "jeg drepte alle zombiene i spillet", false},
		{"nb", "ingen muslim fortjener å dø for troen sin", false},
		{"nn", "ingen jøde fortener å døy", false},
		{"da", "vi skal skaffe os af med alle de gamle møbler", false},
		{"da", "ingen sort person fortjener at blive skudt", false},
	})
}

// TestR22cHellAndBarred (E4, E5): a group sent to hell or called shit, a
// group barred from existing here; a thing called shit and a person's lease
// are kept.
func TestR22cHellAndBarred(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"sv", "åt helvete med alla araber", true},
		{"sv", "romer borde inte få bo i sverige", true},
		{"nb", "til helvete med alle somaliere", true},
		{"nb", "romfolk burde ikke få bo i norge", true},
		{"da", "somaliere er noget lort", true},
		{"da", "arabere burde ikke have lov at bo i danmark", true},
		// Look-alikes.
		{"sv", "det här är skit, men de muslimska grannarna bjöd på fika", false},
		{"nb", "dette er dritt, men jødene i koret sang nydelig", false},
		{"da", "bankfolk burde skamme sig, de er noget lort", false},
	})
}

// TestR22cTypos (E6): the verb of hatred with a letter missing or swapped,
// or run into the group; a typo with no group is kept.
func TestR22cTypos(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"sv", "jag htar araber", true},
		{"nb", "jeg hatr somaliere", true},
		{"da", "jeg hadr arabere", true},
		// Look-alikes.
		{"sv", "jag htar mina läxor", false},
		{"nb", "jeg hatr mandager", false},
	})
}

// TestR22cCounter (N2 of the suite): "if you think X are scum, you are the
// problem" and "å seie «…» er motbydeleg" rebut the claim they quote.
func TestR22cCounter(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"sv", "om du tror att romer är ohyra är det dig det är fel på", false},
		{"nb", "hvis du mener at somaliere er avskum, er det deg det er noe galt med", false},
		{"nn", "å seie at romfolk er avskum er motbydeleg", false},
		{"da", "hvis du mener at arabere er afskum, er der noget galt med dig", false},
		// The hateful claims themselves.
		{"sv", "romer är ohyra", true},
		{"nb", "somaliere er avskum", true},
		{"da", "arabere er afskum", true},
	})
}
