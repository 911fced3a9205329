package lexicon

import "strings"

// Round 20, Danish toxicity: teasing a friend with fondness. "haha Mette
// din klaphat, du har glemt din jakke igen 😂❤️" and "du er et fjols men
// mit yndlingsfjols 😂" are a friend called a mild name, with a laugh and a
// mark of fondness: a heart or a kiss, "favourite", a birthday wish, "see
// you tomorrow". Round 16 reads banter only in replies that open on an
// @handle and round 18 only with an invitation; this pass reads the same
// teasing wherever it opens. As in round 18, only mild names count (an
// insult entry of severity 2 at most): a slur, a threat, hate, a sexual
// remark or harassment leaves the comment as it is ("din luder 😂❤️" is
// still removed), and so does a staff name or a titled person, since a
// comment on the organisation's page about its staff is no banter among
// friends. The pass drops the mild insult hits and reports the fondness as
// a friendly remark under the praise threshold (0.45, no praise rule), so
// the engine's contrary deference holds a lone model insult under the
// removal level. It reads the text only when a mild insult hit is there.
func (j *judge) round20Tease(res *results) {
	if !j.onlyMildInsults(true) {
		return
	}
	o := j.n.Original()
	if !r18Laugh(o) && !r16Any(j.text, r18Laughs) {
		return
	}
	if !r20Fond(o, j.text) {
		return
	}
	j.keepAsTeasing(res, "teasing: a mild name with a laugh and a mark of fondness")
}

// r20Hearts: a heart or a kiss in the original text.
var r20Hearts = []string{"❤", "♥", "💕", "💖", "💗", "💓", "💞", "😘", "🥰", "😍"}

// r20FondWords: fondness written out in the normalised text: a favourite,
// a birthday wish, see you soon; r20FondStarts: word starts ("yndlingsfjols",
// "favorittidiot").
var (
	r20FondWords = []string{"tillykke", "til lykke", "gratulerer", "grattis", "gratis med dagen", "happy birthday", "joyeux anniversaire", "gefeliciteerd",
		"alles gute", "ses i morgen", "sees i morgon", "ses i morgon", "vi ses i morgen", "ses imorgen", "see you tomorrow", "à demain", "a demain",
		"tot morgen", "bis morgen", "min favorit", "min favoritt", "my favourite", "my favorite"}
	r20FondStarts = []string{"yndlings", "favorit", "favourite", "lieblings", "lievelings", "älsklings", "alsklings"}
)

// r20Fond reports a mark of fondness: a heart or kiss emoji, a fond word,
// or a word that starts as "favourite" does.
func r20Fond(o, text string) bool {
	for _, h := range r20Hearts {
		if strings.Contains(o, h) {
			return true
		}
	}
	return r16Any(text, r20FondWords) || r16Any(text, r16Affection) || r16Prefix(text, r20FondStarts)
}
