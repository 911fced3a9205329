package lexicon

import (
	"context"
	"strings"
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// TestR16Insistence: the same @handle called four times in a short comment
// is a person hounded, in every language and whatever the words between;
// the look-alikes: a customer who tags the clinic twice about a refund, a
// reply's header of handles, the corpora's @USER placeholder, e-mail
// addresses, different handles, a long post that names one account now and
// then.
func TestR16Insistence(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "@shaun pick up. @shaun. @shaun I know you're there. @shaun", true},
		{"fr", "@karine reponds. @karine. @karine je sais que t'es connectee. @karine", true},
		{"nl", "@ruben neem op. @ruben. @ruben ik weet dat je online bent. @ruben", true},
		{"de", "@schulz melden sie sich. @schulz. @schulz ich weiß dass sie da sind. @schulz", true},
		{"sv", "@johan svara nu. @johan. @johan jag ser att du är inne. @johan", true},
		{"nb", "@sindre svar nå. @sindre. @sindre jeg ser at du er pålogget. @sindre", true},
		{"en", "@Shaun pick up. @shaun. @SHAUN hello?? @shaun", true},
		{"en", "@reception I've asked twice about my refund, @reception please answer me", false},
		{"en", "@USER @USER @USER @USER no, the law says otherwise", false},
		{"de", "@USER antworte. @USER. @USER hallo? @USER", false},
		{"en", "@anna @bob @carl @dave look at this lovely photo of the team", false},
		{"en", "mail anna@clinic.com or anna@clinic.org, anna@clinic.net, anna@clinic.de", false},
		{"en", "@dr_lind " + strings.Repeat("the new opening hours are great and the parking is much easier now, ", 4) + "@dr_lind @dr_lind @dr_lind", false},
	})
}

// TestR16Campaigns: daily campaigns until a person is gone, exposure calls
// ("until the whole town knows who X really is"), "I'll comment on every
// post as long as she's there" with a contempt chant, pile-ons at someone's
// workplace; the look-alikes share a lost dog, a fundraiser, a fête's hour,
// post updates daily until a pet is home, or advise an e-mail "so she can't
// ignore you".
func TestR16Campaigns(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "I'll write it every day until he's fired", true},
		{"en", "spread it so the whole estate knows who that social worker really is", true},
		{"en", "lads go down one by one and ask her about her manners so she cant ignore you", true},
		{"fr", "j'ecrirai ce message chaque soir jusqu'a ce que le dr morel soit renvoye", true},
		{"fr", "faites tourner pour que tout le quartier sache qui est vraiment cette assistante sociale", true},
		{"fr", "minable minable minable. je commenterai toutes tes publications tant qu'elle sera la", true},
		{"nl", "ik post dit elke ochtend totdat die tandarts eruit vliegt", true},
		{"nl", "belachelijk belachelijk belachelijk. ik blijf reageren op elke post zolang ze daar werkt", true},
		{"nl", "ga om de beurt naar de kassa zodat ze jullie niet kan negeren", true},
		{"de", "ich schreib das jeden morgen bis die sachbearbeiterin gefeuert wird", true},
		{"de", "lächerlich lächerlich lächerlich. ich kommentiere jeden beitrag solange der da sitzt", true},
		{"sv", "jag skriver det här varenda kväll tills hon får sparken", true},
		{"sv", "sprid det tills alla i kvarteret vet vem den där kuratorn egentligen är", true},
		{"sv", "usel usel usel. jag kommenterar varje inlägg så länge hon jobbar kvar", true},
		{"nb", "jeg skriver dette hver eneste kveld til hun får sparken", true},
		{"nb", "del til alle i bygda vet hvem den legen egentlig er", true},
		{"nb", "latterlig latterlig latterlig. jeg kommenterer hvert eneste innlegg så lenge hun er der", true},
		{"nn", "eg skriv dette kvar einaste dag til ho seier opp", true},
		{"da", "jeg skriver det her hver eneste dag indtil hun bliver fyret", true},
		{"en", "please share this post, our dog rolo ran off near the canal yesterday", false},
		{"en", "share so everyone knows the fundraiser starts at 10 on saturday", false},
		{"en", "we're out looking every day until she's home, thanks for sharing", false},
		{"en", "email the practice manager so she can't ignore you", false},
		{"en", "I'll comment on every post you make, love this page ❤", false},
		{"fr", "partagez pour que tout le monde sache que la kermesse est samedi", false},
		{"nl", "ik neem elke dag pijnstillers tot de pijn weg is", false},
		{"nl", "graag delen, onze kat bolletje is weggelopen", false},
		{"de", "bitte teilen, unser hund bello ist entlaufen", false},
		{"sv", "dela gärna, insamling till familjen som förlorade huset i branden", false},
		{"nb", "del gjerne, hunden vår luna har stukket av", false},
		{"en", "Bravo Bravo Bravo to the whole team at the fun run!", false},
	})
}

// TestR16SexualRemarks: sexual remarks about staff without explicit words —
// a care act invited with a leer, said of a person named by one word (a
// name the engine does not know), a uniform that "should be illegal", "she
// needs a real man", "no wonder all the dads want to do the school run 🥵";
// the look-alikes: a patient who asks to be examined, a care act with a
// leer said of a longer description (left for review), a kitchen team that
// needs a strong man, private insurance.
func TestR16SexualRemarks(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "sophie can give me an injection whenever she likes 🤤", true},
		{"en", "megan can take my temperature any day 😏🔥", true},
		{"en", "that receptionist in the skintight uniform ought to be illegal", true},
		{"en", "she needs a real man, not that husband of hers", true},
		{"fr", "chloe peut me faire une prise de sang quand elle veut 🤤", true},
		{"fr", "la secretaire avec sa jupe trop courte ca devrait etre interdit", true},
		{"nl", "die nieuwe verpleegster in dat krappe uniformpje zou illegaal moeten zijn", true},
		{"nl", "die receptioniste heeft gewoon een echte vent nodig", true},
		{"nl", "die nieuwe stagiaire zou ik wel eens over het bureau willen buigen", true},
		{"de", "jana darf mich gern mal untersuchen, aber gründlich 😏", true},
		{"de", "die neue pflegerin bräuchte mal einen richtigen kerl", true},
		{"de", "die referendarin würde ich gern mal privat nachsitzen lassen 😏", true},
		{"sv", "emma får gärna undersöka mig när hon vill 🤤", true},
		{"sv", "receptionisten i den korta kjolen borde vara olagligt", true},
		{"sv", "den nya undersköterskan skulle jag vilja böja över skrivbordet", true},
		{"nb", "ingrid kan gjerne undersøke meg når hun vil 🤤", true},
		{"nb", "resepsjonisten i det korte skjørtet burde vært forbudt", true},
		{"en", "id bend that trainee over the front desk any day", true},
		{"de", "die sprechstundenhilfe darf gern noch ganz andere sachen mit mir machen als nur termine eintragen", true},
		{"en", "bend the wire over the desk edge so it doesn't catch the cat", false},
		{"de", "kann die praxis mehr für mich tun als nur termine eintragen? ich brauche eine überweisung", false},
		{"en", "the nurse can take my temperature, i feel feverish, is the clinic open?", false},
		{"en", "Die an der Kasse hat richtig dicke Titten.", false},
		{"de", "ich würde mich gern mal privat untersuchen lassen, geht das bei ihnen?", false},
		{"nl", "mag de huisarts morgen mijn bloeddruk opnemen? die was te hoog", false},
		{"nl", "we hebben een echte man nodig om de kast te tillen", false},
		{"sv", "kan läkaren undersöka mig i morgon? jag har ont i magen", false},
		{"nb", "kan legen undersøke meg i morgen? jeg har vondt i magen", false},
		{"fr", "le medecin peut m'examiner demain ? j'ai de la fievre", false},
	})
}

// TestR16OpeningWord: the subject a sexual remark opens on.
func TestR16OpeningWord(t *testing.T) {
	for _, c := range []struct {
		before, word string
		ok           bool
	}{
		{"megan ", "megan", true},
		{"@megan ", "megan", true},
		{"ok. linnea ", "linnea", true},
		{"the blonde nurse ", "", false},
		{"Die ", "", false},
		{"she ", "", false},
		{"jo ", "", false},
		{"megan", "", false},
		{"", "", false},
		{"\xff\xfe ", "", false},
	} {
		w, ok := soleOpeningWord(c.before)
		if w != c.word || ok != c.ok {
			t.Errorf("soleOpeningWord(%q) = %q, %v; want %q, %v", c.before, w, ok, c.word, c.ok)
		}
	}
}

// TestR16NoPanic: bad input reaches the round-16 rules without a panic.
func TestR16NoPanic(t *testing.T) {
	d, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"@", "@@@@", "@\xff @\xff @\xff @\xff", "@a.@a.@a.@a.", "Aaa Aaa Aaa", "\xc3 \xc3 \xc3", "@ab-" + strings.Repeat("@ab ", 40), "x 😏"} {
		if _, err := d.Detect(context.Background(), detect.Input{Text: s, Lang: "en"}); err != nil {
			t.Errorf("%q: %v", s, err)
		}
	}
}

// TestR16Hate: an identity group called lazy or scroungers, and a service's
// decline blamed on staff of an origin who "can't speak the language"; the
// look-alikes: a lazy cat, a carer who barely speaks English (a question),
// more nurses hired, parcels sent back where they came from.
func TestR16Hate(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "a shelter for women? just more free housing for lazy muslims", true},
		{"en", "the pharmacy went downhill since they took on migrants who barely speak english", true},
		{"fr", "encore des aides pour des migrants faineants", true},
		{"nl", "weer een opvang voor uitvretende asielzoekers", true},
		{"nl", "het ziekenhuis is achteruit gegaan sinds ze polen aannemen die amper nederlands spreken", true},
		{"de", "noch mehr wohnungen für arbeitsscheue migranten", true},
		{"de", "frauenhaus für ausländerinnen von unseren steuergeldern, schickt die zurück wo sie herkommen", true},
		{"sv", "ännu ett boende för snyltande flyktingar", true},
		{"sv", "hemtjänsten blev sämre sen de tog in nyanlända som inte kan svenska", true},
		{"nb", "mer penger til arbeidssky innvandrere", true},
		{"nb", "kommunen har ansatt enda en h0mo for mangfoldets skyld lol", true},
		{"en", "our lazy old cat slept through the whole appointment", false},
		{"en", "my dad's carer barely speaks english, is there someone who speaks polish?", false},
		{"en", "since they hired more nurses the waiting list is much shorter", false},
		{"fr", "mon chat est un gros faineant, il dort toute la journee", false},
		{"de", "die falschen pakete? schickt die zurück wo sie herkommen", false},
		{"sv", "vår lata katt sov hela besöket", false},
		{"nb", "den late katten vår sov hele timen", false},
	})
}
