package lexicon

import "strings"

// Round 18, threats: three kinds of kept lines that read as open threats,
// from a third-party set written from the labelling guide
// (testdata/round18-threat.jsonl). The pass runs after round16 on the hits
// before they are scored; like round16 it drops only open threats (a
// veiled one, "I know where you live 😂", stays) and allocates nothing.
//
//   - Banter that round16 misses: the handle comes after a laugh ("mdr
//     @kevin je vais te tuer si tu me refais le coup 😂"), or the trivial
//     cause is a prank done again ("if you pull that one again"), a
//     buffet or a spoiler rather than food.
//   - A party game: "who's in for werewolf night? I'll kill you all 🐺".
//     Werewolf, mafia and board games with an invitation (a question or an
//     evening), as round16's video games.
//   - Sport: "vi skal slakte dem fra nabobygda i håndballcupen" — a team
//     beaten in a cup, a match or a final (or a sport emoji) is no
//     violence when the threat's target is "them", the other team, and not
//     the reader ("I'll kill you after the match" stays) nor one person
//     ("hope someone beats the referee up after the match" stays).
//
// It also drops an accident foretold without its closer: a veiled setup
// flagged m ("accidents happen", "olyckor händer", "un accident est vite
// arrivé") is safety advice or consolation alone ("accidents happen,
// nobody's fault"); only a closer after it ("just saying", "zeg dat maar
// tegen die handhaver", round16threat.go) makes it a threat.
func (j *judge) round18Threat() {
	o := j.n.Original()
	banter, game, sport := -1, -1, -1 // -1: not yet read
	j.r18LoneAccidents()
	for i := range j.hits {
		h, e := j.standingHarm(i)
		if h == nil {
			continue
		}
		if e.kind == kThreat && e.flags&fVeiled != 0 {
			continue
		}
		if banter < 0 {
			banter = b2i(r18Banter(o, j.text))
		}
		if game < 0 {
			game = b2i(r18Game(o, j.text))
		}
		if banter == 1 || game == 1 {
			h.gone = true
			continue
		}
		if sport < 0 {
			sport = b2i(r18Sport(o, j.text))
		}
		if sport == 1 && r18AtTeam(r18Around(j.text, int(h.s), int(h.t))) {
			h.gone = true
		}
	}
}

var (
	// r18LaughOpen: a laugh that may stand before the handle.
	r18LaughOpen = []string{"mdr", "mdrr", "ptdr", "lol", "lmao", "haha", "hahaha", "xd", "hihi", "jaja"}
	// r18Prank: a trivial cause that is a prank or a habit, not food.
	r18Prank = []string{"refais le coup", "refait le coup", "le coup du", "do that again", "pull that again", "pull that one again", "prank",
		"spoiler", "spoil", "spoilt", "buffet", "flikt dat nog een keer", "flik je dat nog een keer", "doe je dat nog een keer",
		"das nochmal machst", "das noch mal machst", "gör det igen", "gjør det igjen", "gjer det igjen"}
	// r18Games: party and board games played with friends.
	// r18GameStems start a word ("weerwolvenavond", "varulvspel");
	// r18Games are whole words.
	r18GameStems = []string{"weerwolf", "weerwolven", "werewolf", "werewolves", "loup garou", "loups garous", "varulv", "werwolf", "werwölfe",
		"monopoly", "cluedo", "catan", "bordspel", "brettspiel", "brädspel", "brettspill", "boardgame"}
	r18Games = []string{"uno", "poker", "jeu de société", "jeux de société", "board game", "board games", "escape room"}
	// r18Contests: a contest a team wins or loses (whole words).
	// ("match", "cup", "final" alone are left out: "a match", "a cup of
	// tea", "final warning").
	r18Contests = []string{"the match", "au match", "le match", "tournament", "league", "derby", "tournoi", "wedstrijd", "toernooi", "competitie", "finale", "turnier", "pokal", "kampen", "matchen", "finalen", "turnering", "turneringen", "derbyt", "derbyet"}
	// r18ContestEnds: the same as the last part of a Nordic or Dutch
	// compound ("håndballcupen", "fotbollsmatchen", "voetbalwedstrijd").
	r18ContestEnds = []string{"cupen", "kampen", "matchen", "finalen", "turneringen", "wedstrijd", "toernooi", "turnier"}
	// r18SportEmoji: a ball, a racket, a trophy, a player.
	r18SportEmoji = []string{"⚽", "🏀", "🏐", "🏈", "🏉", "🎾", "🏒", "🏑", "🥅", "🏆", "🤾", "⛹", "🏃", "🥇"}
	// r18Team: the other team, a plural "them".
	r18Team = []string{"them", "em", "les", "eux", "ze", "sie", "dem", "dom", "hen"}
	// r18Reader: the reader as one person, the target of "after the match".
	r18Reader = []string{"you", "u", "ya", "te", "toi", "t", "je", "jij", "jou", "dich", "dir", "du", "dig", "deg", "dæ", "dej"}
)

// r18Banter: a handle at the start or right after a laugh ("mdr
// @kevin"), a laugh, and a trivial cause: a prank done again, food, or an
// affectionate close.
func r18Banter(o, text string) bool {
	at := strings.IndexByte(o, '@')
	if at < 0 || at > 12 || !laughing(o) && !r16Any(text, r16Laughs) && !r16Any(text, r18LaughOpen) {
		return false
	}
	if lead := strings.TrimSpace(o[:at]); lead != "" {
		ok := false
		for _, w := range r18LaughOpen {
			if len(lead) >= len(w) && strings.EqualFold(lead[:len(w)], w) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return r16Any(text, r18Prank) || r16Prefix(text, r16Food) || r16Any(text, r16Affection)
}

// r18Game: a party or board game with an invitation (round16's rule).
func r18Game(o, text string) bool {
	if !r16Prefix(text, r18GameStems) && !r16Any(text, r18Games) {
		return false
	}
	return strings.ContainsRune(o, '?') || r16Any(text, r16Evening)
}

// r18Sport: a contest named or a sport emoji.
func r18Sport(o, text string) bool {
	for _, e := range r18SportEmoji {
		if strings.Contains(o, e) {
			return true
		}
	}
	return r16Any(text, r18Contests) || r18WordEnds(text, r18ContestEnds)
}

// r18WordEnds reports whether a word of text ends with one of ss.
func r18WordEnds(text string, ss []string) bool {
	for _, s := range ss {
		for from := 0; ; {
			k := strings.Index(text[from:], s)
			if k < 0 {
				break
			}
			if !isWordAt(text, from+k+len(s)) {
				return true
			}
			from += k + 1
		}
	}
	return false
}

// r18Around is the hit with up to about three words on each side (a harm's
// target stands next to it: "slakte dem", "ze afmaken"), cut at spaces.
func r18Around(text string, s, t int) string {
	a, b := max(0, s-24), min(len(text), t+24)
	for a > 0 && text[a-1] != ' ' {
		a--
	}
	for b < len(text) && text[b] != ' ' {
		b++
	}
	return text[a:b]
}

// r18AtTeam reports whether the threat's words aim at "them" (the other
// team) and not at the reader.
func r18AtTeam(m string) bool {
	return r16Any(m, r18Team) && !r16Any(m, r18Reader)
}

// r18LoneAccidents drops the accident setups (veiled setups flagged m)
// that no closer follows within round16's window.
func (j *judge) r18LoneAccidents() {
	lx := j.d.lx
	for si := range j.hits {
		s := &j.hits[si]
		if s.gone || s.e < 0 || s.name != "" {
			continue
		}
		if e := &lx.entries[s.e]; !r16Setup(e) || e.flags&fMild == 0 {
			continue
		}
		closed := false
		for ci := range j.hits {
			c := &j.hits[ci]
			if ci == si || c.gone || c.e < 0 || c.name != "" || c.s < s.t || c.sent-s.sent > r16Window {
				continue
			}
			if r16Closer(&lx.entries[c.e]) {
				closed = true
				break
			}
		}
		if !closed {
			s.gone = true
		}
	}
}
