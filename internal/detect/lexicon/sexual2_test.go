package lexicon

import (
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// staffSx2 are staff names of probes/sexual-round2.jsonl (the eval's default).
var staffSx2 = []string{"Dr Martin", "Dr Janssens", "Dr Lindqvist", "Dr Hansen", "Dr. Müller", "Sophie", "Sanne", "Sara", "Ingrid", "Karim"}

type sx2case struct {
	lang, text string
	remove     bool // the lexicon alone must reach removeAt; otherwise stay under it
}

func runSx2(t *testing.T, cases []sx2case) {
	t.Helper()
	tcs := make([]thresholdCase, len(cases))
	for i, c := range cases {
		tcs[i] = thresholdCase{c.lang, c.text, detect.Sexual, c.remove}
	}
	runThreshold(t, staffSx2, tcs)
}

// TestSexual2EmojiOnly: a comment of emoji alone is a reply to the post and
// the people in it, so a sexual emoji pair there is aimed at them; praise
// emoji, fruit with words and a lone peach stay innocent.
func TestSexual2EmojiOnly(t *testing.T) {
	runSx2(t, []sx2case{
		{"fr", "🍆🍆💦", true},
		{"en", "🍑🍆💦", true},
		{"sv", "🍑🍑😏💦", true},
		{"nl", "🍑🍆😏", true},
		{"de", "🍆 💦 !!", true},
		{"en", "😍🔥", false},
		{"en", "🐶❤️👏", false},
		{"en", "🍑", false},
		{"fr", "🍑🍑 la récolte de pêches est belle cette année", false},
		{"en", "", false},
		{"en", "  !! ", false},
	})
}

// TestSexual2OpeningName: a comment that opens on a staff member's name is
// said to her, so an advance later in it is aimed at her; a lone sexual word
// after an opening name, or an innocent plan, is not.
func TestSexual2OpeningName(t *testing.T) {
	runSx2(t, []sx2case{
		{"fr", "sara je t'invite au resto ce soir et après chez moi pour le dessert 😘😘", true},
		{"fr", "sophie tu me files ton 06 ? on pourrait se voir ailleurs qu'a la clinique, chez moi par exemple 😉", true},
		{"de", "frau dr. müller haben sie nach feierabend zeit? nur wir zwei, bei mir 😘", true},
		{"sv", "ingrid ska vi ses efter jobbet? bara du och jag och en säng 😘", true},
		{"da", "sara skal vi ses efter arbejde? kun dig og mig og en seng 😘", true},
		{"sv", "sara, bara du och jag kan fixa det här, ring mig efter jobbet 😊", false},
		{"nb", "sara kan du ringe meg etter jobb? bare du og jeg vet om overraskelsen 😊", false},
		{"de", "Karim, danke für gestern, die Katze frisst wieder und im Wartezimmer lagen wieder Hefte voller Titten rum", false},
	})
}

// TestSexual2Families: the lexicon families of the round — a job word turned
// innuendo, a woman "in heat", looks by role, rating, advances, degradation —
// against the same words about animals, care, kind praise and swearing.
func TestSexual2Families(t *testing.T) {
	runSx2(t, []sx2case{
		// innuendo on the job
		{"en", "the receptionist can examine me anytime, full body check up pls 😉", true},
		{"en", "the vet can give me an injection anytime 😏 big needle pls", true},
		{"en", "dr martin can put me on the table and do whatever he wants 🔥", true},
		{"en", "wouldnt mind getting inseminated by the vet if u know what i mean", true},
		{"fr", "le dr martin peut m'ausculter quand il veut et pas que le coeur 😏", true},
		{"fr", "je me ferais bien inséminer par le dr janssens 😍", true},
		{"nl", "sanne mag mij altijd komen onderzoeken, ook zonder dier 😉", true},
		{"de", "die tierärztin darf mich gern mal untersuchen 😏 aber gründlich", true},
		{"de", "bei der schwester würd ich freiwillig fieber messen lassen, rektal 😏🍑", true},
		{"sv", "sara får gärna undersöka mig, hela kroppen 😉", true},
		{"sv", "vill bli inseminerad av karim 😍😍", true},
		{"nb", "assistenten kan gjerne gi meg en sprøyte, og jeg henne min 😏", true},
		{"da", "dr hansen må gerne lægge mig op på briksen og gøre hvad han vil 🔥", true},
		{"en", "dr martin can examine me whenever he wants, he was so thorough with my dog", false},
		{"en", "the nurse can check me over anytime, she was so kind 😍", false},
		{"en", "our mare got inseminated by dr martin last week, fingers crossed 🤞", false},
		{"fr", "le dr martin peut m'ausculter quand il veut, il est super doux avec les animaux", false},
		{"de", "die tierärztin darf mich gern mal untersuchen, mein knie tut weh 😂", false},
		{"de", "wir wollen unsere stute decken lassen, macht ihr auch die besamung?", false},
		{"sv", "Doktorn får gärna undersöka mig igen när hon vill, hon var så noggrann.", false},
		{"sv", "stoet ska bli inseminerat av veterinären på måndag", false},
		{"sv", "veterinären fick lägga hunden på bordet och göra vad som behövdes", false},
		{"nb", "sykepleieren kan gjerne sjekke meg over også, jeg har vondt i ryggen", false},
		{"da", "hoppen skal insemineres i morgen, vil dyrlægen komme?", false},
		// "in heat" said of a woman
		{"en", "the nurse must be in heat dressed like that lol", true},
		{"fr", "elle doit être en chaleur la vétérinaire vu comme elle s'habille", true},
		{"nl", "is die dierenarts soms loops, zoals die erbij loopt", true},
		{"de", "die läufige tierärztin braucht mal nen richtigen kerl", true},
		{"sv", "veterinären verkar löpa idag haha, kolla hur hon går klädd", true},
		{"nb", "veterinæren må være i løpetid, se hvordan hun kler seg", true},
		{"en", "my cat is in heat and yowling all night, when can she be spayed?", false},
		{"en", "my cat is in heat lol she wont stop yowling 😏", false},
		{"fr", "ma chatte est en chaleur depuis 3 jours elle miaule toute la nuit c'est normal ?", false},
		{"fr", "notre chienne est en chaleur, vu comme elle se comporte c'est sûr", false},
		{"nl", "onze poes is krols en miauwt de hele nacht, is sterilisatie nu verstandig?", false},
		{"de", "unsere hündin ist läufig, ab wann darf sie kastriert werden?", false},
		{"nb", "tispa er i løpetid haha, se hvordan hun oppfører seg", false},
		{"da", "tæven er i løbetid haha, se lige hvordan hun opfører sig", false},
		// looks by role, rating
		{"en", "nice legs on the new assistant 😏 wouldnt mind them wrapped round me", true},
		{"en", "that assistant is a proper milf, would smash", true},
		{"fr", "elle a de ces formes la secrétaire 😏", true},
		{"nl", "lekker ding achter de balie tegenwoordig 😏", true},
		{"nl", "voor haar leeftijd is de assistente nog best neukbaar hoor", true},
		{"de", "geiles teil am empfang, wegen der komm ich gern wieder 🔥", true},
		{"de", "die sprechstundenhilfe ist für ihr alter noch gut fickbar", true},
		{"sv", "sköterskan i de tighta kläderna är ju sex på två ben", true},
		{"da", "hende i receptionen er stadig knaldbar for at være 50", true},
		{"en", "the assistant is really pretty and so kind with our nervous dog", false},
		{"fr", "la secrétaire elle est bonne en orthographe au moins, pas comme moi 😂", false},
		{"nl", "de nieuwe assistente is heel mooi en ook heel bekwaam, onze hond was meteen rustig", false},
		{"de", "geiles teil, das neue röntgengerät in der praxis 🔥", false},
		{"sv", "nya assistenten är jättesnygg och dessutom superduktig med vår nervösa hund", false},
		// advances, photos, degradation
		{"fr", "vous auriez pas des photos de la véto en maillot ? c'est pour un ami 😂", true},
		{"nl", "dat meisje van de balie zou ik wel eens willen bespringen 🔥", true},
		{"de", "kann mir wer die handynummer von der kleinen blonden helferin geben? will die mal privat besuchen 😏", true},
		{"sv", "kan nån ge mig numret till tjejen i receptionen? vill bjuda hem henne på lite mer än kaffe 😏", true},
		{"en", "someone should teach that slut at reception some manners on her knees", true},
		{"fr", "vous auriez pas des photos de la véto avec notre chiot ? trop mignon", false},
		{"en", "we want to breed our bitch next spring, do you do progesterone tests?", false},
		{"sv", "fitta också, glömde tiden idag, kan jag boka om?", false},
		{"en", "a man asked our receptionist for her number and made comments about her body, we have reported him to the police", false},
	})
}

// TestWordless: emoji, punctuation and spaces only.
func TestWordless(t *testing.T) {
	for s, want := range map[string]bool{"": true, "🍆💦": true, " !! 😏 ": true, "🍆 x": false, "🍑2": false, "é🍑": false, "ß": false} {
		if got := wordless(s); got != want {
			t.Errorf("wordless(%q) = %v, want %v", s, got, want)
		}
	}
}
