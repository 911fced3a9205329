package lexicon

import "strings"

// Round 18, Nordic toxicity: teasing among friends with an invitation.
//
// "Du er ein tulling, Sjur 😂 kjem du på kaffi i morgon?" is a friend
// teased, then asked out for a coffee: a mild name (an insult entry of
// severity 2 at most, never a slur or an intensified one), a laugh and an
// invitation to share a drink or a meal, asked as a question. Round 16
// reads banter only in replies that open on an @handle; a comment that
// invites the one it teases is banter too, whoever it opens on. The mild
// insult hits are dropped, as round 16 drops them; severe insults, threats,
// hate and sexual remarks stay whatever follows ("du er ei fitte 😂 kjem du
// på kaffi?" is still removed). The model reads "du er ein tosk" as an
// insult whatever follows, so the pass also reports the invitation as a
// friendly remark of severity 3 under the praise threshold (0.45: it
// triggers no praise rule): the engine's contrary deference then holds a
// lone model insult under the removal level, as it does for strong praise.
//
// The pass allocates only when it finds teasing (the span of its remark);
// it reads the text only when a mild insult hit is there and the text
// holds a question mark.
func (j *judge) round18nordic(res *results) {
	if !j.onlyMildInsults(false) || strings.IndexByte(j.text, '?') < 0 {
		return
	}
	o := j.n.Original()
	if !r18Laugh(o) || !r16Any(j.text, r18Invite) || !r16Prefix(j.text, r18Treat) {
		return
	}
	j.keepAsTeasing(res, "teasing: a mild name with a laugh and an invitation to share a drink or a meal")
}

// onlyMildInsults reports whether a mild insult stands and nothing worse
// does (a severe insult, a threat, harm, hate, a sexual remark,
// harassment): only then may a comment read as teasing. With noNames, a
// staff or titled name anywhere rules teasing out too.
func (j *judge) onlyMildInsults(noNames bool) bool {
	mild := false
	for i := range j.hits {
		if noNames && !j.hits[i].gone && j.hits[i].name != "" {
			return false
		}
		h, e := j.standing(i)
		if h == nil {
			continue
		}
		switch e.kind {
		case kInsult:
			if e.sev >= 3 {
				return false
			}
			mild = true
		case kThreat, kHarm, kHate, kSexual, kHarassment:
			return false
		}
	}
	return mild
}

// keepAsTeasing drops the insult hits still standing and, when there was
// one, reads the comment as teasing (praise) for the reason why, over the
// first name dropped.
func (j *judge) keepAsTeasing(res *results, why string) {
	s, t := -1, 0
	for i := range j.hits {
		if h, e := j.standing(i); h != nil && e.kind == kInsult {
			h.gone = true
			if s < 0 {
				s, t = int(h.s), int(h.t)
			}
		}
	}
	if s >= 0 {
		res.add(kPraise, 0.45, 3, why, j.n.Span(s, t))
	}
}

// r18Laugh reports a laughing emoji or a laugh written out; unlike
// laughing (address.go) it lowers nothing and allocates nothing.
func r18Laugh(o string) bool {
	for _, e := range []string{"😂", "🤣", "😆", "😄", "😁", "😅", "😜", "😝", "😛"} {
		if strings.Contains(o, e) {
			return true
		}
	}
	return false
}

var (
	// r18Invite: a question that invites the reader along.
	r18Invite = []string{"kommer du", "kjem du", "kommer ni", "kjem de", "blir du med", "blir du med på", "vert du med", "er du med",
		"bliver du med", "kommer i", "hänger du med", "följer du med", "ska vi ta", "skal vi ta", "skal vi tage", "ses vi",
		"sees vi", "vil du ha", "vill du ha", "are you coming", "coming for", "fancy a", "tu viens", "kommst du", "kom je"}
	// r18Treat: a drink or a meal to share (a word's start: "kaffi",
	// "kaffen", "fikat").
	r18Treat = []string{"kaffe", "kaffi", "kaffee", "koffie", "coffee", "fika", "middag", "lunsj", "lunch", "frokost", "brunch",
		"dinner", "øl", "öl", "pils", "beer", "pint", "bier", "kake", "kaka", "kage", "tårta", "pizza", "vaffel", "våffl"}
)
