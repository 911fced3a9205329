package lexicon

import "strings"

// Round 19, threats: "I know where you live" between friends
// (testdata/round19-threat.jsonl, tuned on a third-party set). The
// phrase is an open threat of severity 3, but among friends it comes
// with a laugh or a trivial errand: "lol jess i know where you live and
// i'm coming for my tupperware back 😂", "je sais où tu habites camille,
// j'arrive avec les croissants". Round 18's banter wants a handle at the
// start; here the writer's own knowing (first person singular: "we know
// where you live" is a campaign, not a friend), a laugh (not a wink:
// "i know where you live 😉" stays) or food, and no other threat or harm
// in the comment are enough. It reads the judged hits only and
// allocates nothing.
func (j *judge) round19Threat() {
	j.r19Play()
	lx := j.d.lx
	k := -1
	for i := range j.hits {
		h, e := j.standingHarm(i)
		if h == nil {
			continue
		}
		if k >= 0 || e.kind != kThreat || !r19KnowWhere(lx.term(e)) {
			return // another threat or harm stands: nothing is lifted
		}
		k = i
	}
	if k < 0 {
		return
	}
	// A bare "@tom I know where you live lol" stays a threat (round 16):
	// the play needs a trivial cause, food, a thing lent, the writer's own
	// home, and a laugh or the food itself.
	o := j.n.Original()
	food := r16Prefix(j.text, r16Food)
	if !food && !r16Any(j.text, r19Lent) && !r16Any(j.text, r16Affection) && !r16Any(j.text, r18Prank) {
		return
	}
	if !food && !r19Laugh(o) && !r16Any(j.text, r16Laughs) && !r16Any(j.text, r18LaughOpen) {
		return
	}
	j.hits[k].gone = true
}

// r19Lent: a thing lent or the writer's own home, the trivial cause of
// "I know where you live" between friends ("I'm coming for my tupperware
// back", "du har min stekpanna", "c'est chez moi", "naast mij").
var r19Lent = []string{"my", "mine", "mon", "ma", "mes", "min", "mitt", "mina", "chez moi", "à côté de chez moi", "tu as mon", "tu as ma", "tu as mes", "tu ramènes", "ramène", "rends moi",
	"bei mir", "neben mir", "du hast mein", "du hast meine", "meinen", "bring", "mitbringen", "zurück",
	"naast mij", "bij mij", "je hebt mijn", "jij hebt mijn", "mijn", "terug",
	"hos mig", "bredvid mig", "du har min", "du har mitt", "du har mina", "tillbaka",
	"hos meg", "ved siden av meg", "tilbake", "nabo", "granne", "neighbour", "next door", "voisin", "nachbar", "buurman", "buurvrouw"}

// r19Knows: the writer's own "I know where you live", as the lexicons
// spell it (after the first person singular only).
var r19Knows = []string{"i know where you live", "i know where u live", "je sais où tu habites", "je sais ou tu habites",
	"ich weiß wo du wohnst", "ich weiss wo du wohnst", "ik weet waar je woont", "ik weet waar jij woont",
	"jag vet var du bor", "jeg vet hvor du bor", "eg veit kvar du bur", "jeg ved hvor du bor"}

func r19KnowWhere(term string) bool {
	for _, k := range r19Knows {
		if strings.EqualFold(term, k) {
			return true
		}
	}
	return false
}

// r19Laugh: a laughing face (not a wink nor a heart, which laughing
// also counts).
func r19Laugh(o string) bool {
	for _, e := range []string{"😂", "🤣", "😆", "😹", "😅"} {
		if strings.Contains(o, e) {
			return true
		}
	}
	return false
}

// r19Play: a friendly contest at a place of play, a handle or a grin
// beside it ("pas op jij @ruben, zaterdag op de kartbaan maak ik je kapot
// 😎", "we'll destroy you at the pub quiz 😎"): round 18's sport wants
// "them", the other team; at a karting track or a bowling alley the
// reader is the opponent. A veiled threat stays ("I know where you park
// at the bowling 😎"), and so does any threat without the place.
func (j *judge) r19Play() {
	play := -1 // -1: not yet read
	for i := range j.hits {
		h, e := j.standing(i)
		if h == nil {
			continue
		}
		if e.kind != kThreat && e.kind != kHarm || e.kind == kThreat && e.flags&fVeiled != 0 {
			continue
		}
		if play < 0 {
			o := j.n.Original()
			play = b2i(r16Prefix(j.text, r19Venues) && (strings.IndexByte(o, '@') >= 0 || r19Laugh(o) || strings.Contains(o, "😎") || strings.Contains(o, "😜")))
		}
		if play == 0 {
			return
		}
		h.gone = true
	}
}

// r19Venues start a word: places and games of play among friends
// ("kartbaan", "bowlinghallen", "padelbaan"); "kart" alone is left out
// ("Karte", "kartong").
var r19Venues = []string{"kartbaan", "kartbana", "kartbane", "kartbahn", "karting", "gokart", "go kart", "bowling", "bowlingbaan", "bowlinghall",
	"padel", "squash", "minigolf", "pubquiz", "pub quiz", "quiz", "lasergam", "laser gam", "laser tag", "lasertag", "paintball", "darts", "dartsen",
	"kicker", "tafeltennis", "pingis", "badminton", "kegelbahn", "kegeln", "klatrehall", "klätterhall", "escape room"}
