package lexicon

import (
	"strings"
	"unicode/utf8"
)

// Round 16, precision: kept lines that read as threats, insults or hate,
// and two hate tropes that had no entry. The pass runs on the hits before
// they are scored (analyze calls it right after presence), drops the hits
// their context lifts and adds the hate it finds. It allocates nothing
// unless it adds an explanation.
//
//   - Banter among friends: a comment that opens on an @handle, laughs
//     ("😂", "lol", "mdr", "haha") and either names a trivial cause ("the
//     last piece of cake") or closes with affection ("love you", "je
//     t'aime", "glad i deg") is teasing: its open threats (not the veiled
//     ones: "I know where you live 😂" stays) and its milder insults (no
//     slur of severity 3) are dropped.
//   - A game night: "anyone for cs tonight? I'll shoot you all". A game's
//     name with an invitation (a question or an evening) makes the open
//     threats of the comment part of the game.
//   - A commercial consequence: "you'll regret losing a customer of 15
//     years" is a customer leaving, not a menace; a regret threat followed
//     in its sentence by a customer noun is dropped.
//   - A threat received and reported: "a man shouted at reception that he'd
//     burn everything down. police came, everyone's fine": a threat whose
//     subject is a third person, after a verb of saying, in a comment that
//     tells of the police or that everyone is safe.
//   - Counter-speech that cites a slur: "calling the carers 'lazy
//     foreigners' like someone did above is disgusting": an identity group
//     inside quotation marks right after a verb of naming ("calling",
//     "traiter de", "kalla", or "bezeichnen" after it) is cited, so the
//     condemnation around it is not aimed at the group.
//   - Hate: a trait of contempt right next to a group's name ("free houses
//     for lazy Moroccans", "ces fainéants d'Arabes"), and a decline blamed
//     on a group ("no wonder care went to hell since they hired foreigners
//     who can't speak Swedish").
func (j *judge) round16(res *results) {
	o := j.n.Original()
	banter, game, report := -1, -1, -1 // -1: not yet read
	for i := range j.hits {
		h, e := j.standing(i)
		if h == nil {
			continue
		}
		switch e.kind {
		case kThreat, kHarm:
			if e.kind == kThreat && j.commercialRegret(h) {
				h.gone = true
				continue
			}
			// A veiled threat is no joke with a laugh ("I know where you
			// live 😂"); a harm's v flag marks a phrase, not a veil.
			if e.kind == kThreat && e.flags&fVeiled != 0 {
				continue
			}
			if banter < 0 {
				banter = b2i(r16Banter(o, j.text))
			}
			if game < 0 {
				game = b2i(r16Game(o, j.text))
			}
			if banter == 1 || game == 1 {
				h.gone = true
				continue
			}
			if report < 0 {
				report = b2i(r16Aftermath(j.text))
			}
			if report == 1 && j.reportedThreat(h) {
				h.gone = true
			}
		case kInsult:
			if e.sev >= 3 {
				continue
			}
			if banter < 0 {
				banter = b2i(r16Banter(o, j.text))
			}
			if banter == 1 || r18Tease(o, j.text) {
				h.gone = true
			}
		case kGroup:
			if j.citedGroup(h) {
				h.gone = true
			}
		}
	}
	j.groupTrait(res)
	j.groupDecline(res)
	j.diversityHire(res)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// r16Word reports whether the normalised text has w as a whole word (or
// words, "love you").
func r16Word(text, w string) bool {
	for from := 0; ; {
		k := strings.Index(text[from:], w)
		if k < 0 {
			return false
		}
		s, t := from+k, from+k+len(w)
		if !isWordBefore(text, s) && !isWordAt(text, t) {
			return true
		}
		from = s + 1
	}
}

// r16Any reports whether text has one of ws as a whole word.
func r16Any(text string, ws []string) bool {
	for _, w := range ws {
		if r16Word(text, w) {
			return true
		}
	}
	return false
}

// r16Prefix reports whether a word of text starts with one of ps.
func r16Prefix(text string, ps []string) bool {
	for _, p := range ps {
		for from := 0; ; {
			k := strings.Index(text[from:], p)
			if k < 0 {
				break
			}
			if !isWordBefore(text, from+k) {
				return true
			}
			from += k + 1
		}
	}
	return false
}

var (
	// affection closes a message among friends.
	r16Affection = []string{"love you", "love ya", "love u", "luv you", "luv u", "luv ya", "ily", "je t aime", "je vous aime", "jtm", "bisous",
		"hab dich lieb", "hdl", "ich liebe dich", "hou van je", "hou van jou", "hvj", "love je", "dikke kus",
		"älskar dig", "alskar dig", "puss", "kram", "glad i dig", "glad i deg", "elsker deg", "elsker dig", "klem", "glad i dykk"}
	// r16Food: something to eat or drink, the trivial cause of a mock
	// threat ("if you eat the last piece of cake I'll kill you").
	r16Food   = []string{"cake", "pizza", "chips", "crisps", "fries", "biscuit", "cookie", "donut", "doughnut", "sausage roll", "sandwich", "chocolate", "brownie", "dessert", "tarte", "gateau", "gâteau", "frites", "croissant", "kuchen", "keks", "pommes", "schokolade", "taart", "koek", "broodje", "saucijzenbroodje", "patat", "tårta", "tarta", "bulle", "kanelbull", "godis", "choklad", "kake", "kage", "vaffel", "bolle", "sjokolade", "pølse", "smågodt", "beer", "pint", "bier", "biertje", "bière", "biere", "öl", "øl", "ølen", "ölen"}
	r16Handle = "@"
	// r16Laughs: laughs that laughing (address.go) does not know.
	r16Laughs  = []string{"lmao", "lmfao", "rofl", "roflmao", "lmaooo", "asg", "hæhæ", "haha", "hahaha", "mdrr", "ptdrr"}
	r16Games   = []string{"cs", "csgo", "cs2", "counter strike", "fortnite", "valo", "valorant", "warzone", "cod", "call of duty", "apex", "overwatch", "pubg", "fifa", "mario kart", "mariokart", "smash bros", "rocket league", "minecraft", "among us", "league of legends", "dota", "paintball", "lasergame", "laser game", "laser tag", "lasertag", "airsoft", "nerf", "game de", "une game", "gamer", "gamen", "gamet", "zocken", "zockt", "zockst", "lan party", "lanparty"}
	r16Evening = []string{"tonight", "this evening", "after work", "ce soir", "heute abend", "heut abend", "vanavond", "ikväll", "ikvall", "i kväll", "i kveld", "ikveld", "i kvöld", "efter jobbet", "etter jobb", "na het werk", "nach der arbeit", "après le taf", "apres le taf", "après le boulot", "apres le boulot"}
)

// r16Banter reports a comment among friends: it opens on an @handle, has
// a laughing marker and either a trivial cause or an affectionate close.
func r16Banter(o, text string) bool {
	if !strings.HasPrefix(strings.TrimLeft(o, " "), r16Handle) || !laughing(o) && !r16Any(text, r16Laughs) && !strings.ContainsAny(o, "😝😛🙈") {
		return false
	}
	if r16Any(text, r16Affection) || strings.ContainsAny(o, "😘🥰") {
		return true
	}
	// "the last …" alone is no cause: replies open on a handle too, and
	// "I hope you choke on your last breath lol" is no teasing.
	return r16Prefix(text, r16Food)
}

// r16Game reports a game named with an invitation: a question mark or an
// evening.
func r16Game(o, text string) bool {
	if !r16Any(text, r16Games) {
		return false
	}
	return strings.ContainsRune(o, '?') || r16Any(text, r16Evening)
}

// commercialRegret reports a regret threat ("you'll regret", "vous allez
// regretter", "dere kommer til å angre") whose sentence goes on to a
// customer: "… losing a customer who has come for 15 years".
func (j *judge) commercialRegret(h *hit) bool {
	m := j.text[h.s:h.t]
	if !strings.Contains(m, "regret") && !strings.Contains(m, "spijt") && !strings.Contains(m, "bereu") &&
		!strings.Contains(m, "ångra") && !strings.Contains(m, "angra") && !strings.Contains(m, "angre") {
		return false
	}
	// A word of losing, then the customer within six words of it: "you'll
	// regret the day you were born, customer or not" is no customer
	// leaving.
	found := false
	n, lost := 0, -1
	r16WordsAfter(j.text, int(h.t), func(w, prev, next string) bool {
		n++
		if lost < 0 && r16Lose[w] {
			lost = n
		}
		if lost >= 0 && n-lost <= 6 && r16Customer[w] && prev != "service" && next != "service" && next != "services" && next != "care" && next != "support" {
			found = true
			return false
		}
		return n < 16
	})
	return found
}

var r16Lose = setOf("losing", "lose", "lost", "loses", "perdre", "perdu", "perdue", "perdez", "perdant", "verlieren", "verloren", "verliert", "verliezen", "verliest", "verloor", "kwijtraken", "kwijt",
	"förlora", "förlorar", "förlorade", "förlorat", "tappa", "tappar", "tappade", "tappat", "miste", "mister", "mista", "mistet", "tape", "taper", "tapte", "tapt")

var r16Customer = setOf("customer", "customers", "client", "clients", "cliente", "clientes", "clientèle", "clientele", "business", "custom",
	"klant", "klanten", "vaste klant", "kunde", "kunden", "kundin", "stammkunde", "stammkundin", "kund", "kunder", "kunderna", "kundene")

// r16WordsAfter calls f with the words after byte i up to the end of the
// sentence, each with the word before and after it, until f says stop.
func r16WordsAfter(text string, i int, f func(w, prev, next string) bool) {
	prev := ""
	w, at := r16NextWord(text, i)
	for w != "" {
		nw, nat := r16NextWord(text, at)
		if !f(w, prev, nw) {
			return
		}
		prev, w, at = w, nw, nat
	}
}

// r16NextWord returns the word after byte i in its sentence and the byte
// after it, or "" at the sentence's end.
func r16NextWord(text string, i int) (string, int) {
	for i < len(text) && !isWordAt(text, i) {
		switch text[i] {
		case '.', '!', '?', ';':
			return "", i
		}
		i++
	}
	s := i
	for i < len(text) && isWordAt(text, i) {
		_, w := utf8.DecodeRuneInString(text[i:])
		i += w
	}
	return text[s:i], i
}

// r16PrevWord returns the word before byte i in its sentence and its start,
// or "" at the sentence's start.
func r16PrevWord(text string, i int) (string, int) {
	for i > 0 && !isWordBefore(text, i) {
		switch text[i-1] {
		case '.', '!', '?', ';':
			return "", i
		}
		i--
	}
	t := i
	for i > 0 && isWordBefore(text, i) {
		_, w := utf8.DecodeLastRuneInString(text[:i])
		i -= w
	}
	return text[i:t], i
}

var (
	r16ThirdPerson = setOf("he", "she", "hed", "he d", "il", "elle", "er", "sie", "hij", "zij", "ze", "han", "hon", "hun", "they")
	r16Saying      = setOf("shouted", "yelled", "screamed", "said", "told", "threatened", "claimed", "crié", "crie", "criait", "hurlé", "hurle", "hurlait", "dit", "disait", "menacé", "menace",
		"gebrüllt", "gebrullt", "geschrien", "gesagt", "gedroht", "gerufen", "rief", "schrie", "sagte", "brüllte", "drohte",
		"riep", "schreeuwde", "zei", "dreigde", "gezegd", "geroepen", "geschreeuwd", "gedreigd",
		"skrek", "skrik", "sa", "sade", "ropade", "hotade", "vrålade", "ropte", "skreik", "truet", "trua", "brølte", "gauret")
	// r16Safe: the incident is over: police came, everyone is fine.
	r16Safe = []string{"police", "politie", "polizei", "polisen", "polis", "politiet", "politi", "gendarmes", "gendarmerie",
		"everyone s fine", "everyone is fine", "everyone is safe", "everyone s safe", "everyone is ok", "nobody was hurt", "no one was hurt",
		"tout le monde va bien", "personne n a été blessé", "personne n a ete blesse", "iedereen is ok", "iedereen is in orde", "niemand is gewond",
		"allen geht es gut", "niemand wurde verletzt", "alla mår bra", "ingen skadades", "alle har det bra", "alle er ok", "ingen ble skadet"}
)

// r16Second: the reader, or what is theirs.
var r16Second = setOf("you", "your", "u", "ur", "tu", "te", "toi", "vous", "votre", "vos", "ton", "ta", "tes", "je", "jij", "jou", "jouw", "jullie", "uw",
	"du", "dich", "dir", "dein", "deine", "deinen", "euch", "euer", "eure", "ihnen", "ihr", "ihre", "ihren",
	"dig", "din", "ditt", "dina", "er", "era", "ert", "deg", "di", "dine", "dere", "deres", "dykk", "dykkar")

// r16Aftermath reports a comment that tells how an incident ended.
func r16Aftermath(text string) bool { return r16Any(text, r16Safe) }

// reportedThreat reports a threat said by a third person and told here:
// "he'd" within three words before it, a verb of saying within six
// words before that.
func (j *judge) reportedThreat(h *hit) bool {
	i := int(h.s)
	// The threat's own first word may be the pronoun ("er würde …").
	if w, _ := cutWord(j.text[h.s:h.t]); r16ThirdPerson[w] {
		i = int(h.s) + len(w) + 1
	}
	for k := 0; k < 4; k++ {
		w, at := r16PrevWord(j.text, i)
		if w == "" {
			return false
		}
		i = at
		if !r16ThirdPerson[w] {
			continue
		}
		// Passed on to the reader it is still a threat: "my husband said
		// he'd burn your clinic down, call the police if you like".
		second, n := false, 0
		r16WordsAfter(j.text, at+len(w), func(w, _, _ string) bool {
			second = r16Second[w]
			n++
			return !second && n < 12
		})
		if second {
			return false
		}
		for m := 0; m < 6; m++ {
			v, vat := r16PrevWord(j.text, i)
			if v == "" {
				return false
			}
			if r16Saying[v] {
				return true
			}
			i = vat
		}
		return false
	}
	return false
}

// r16Naming: verbs that name someone with a word ("calling them 'X'").
var r16Naming = setOf("calling", "call", "called", "calls", "writing", "write", "wrote", "traiter", "traité", "traite", "traités", "traitée", "traitées", "traitent", "appeler", "appelle", "appelé", "écrire", "ecrire", "écrit",
	"noemen", "noemt", "noemde", "genoemd", "uitmaken", "uitschelden", "schrijven", "nennen", "nennt", "nannte", "genannt", "bezeichnen", "bezeichnet", "beschimpfen", "schreiben",
	"kalla", "kallar", "kallade", "kallat", "skriva", "skriver", "skrev", "kalle", "kaller", "kalte", "kalt", "skrive")

// citedGroup reports a group's name inside quotation marks — single ones
// too, the way people cite an insult — next to a verb of naming.
func (j *judge) citedGroup(h *hit) bool {
	o := j.n.Original()
	sp := j.n.Span(int(h.s), int(h.t))
	open, close := -1, -1
	for i := sp.Start(); i > 0 && sp.Start()-i < 60; {
		r, w := utf8.DecodeLastRuneInString(o[:i])
		i -= w
		if r == '.' || r == '!' || r == '?' || r == '\n' {
			break
		}
		if r16Quote(r) {
			if i == 0 || o[i-1] == ' ' || o[i-1] == '(' || o[i-1] == ':' {
				open = i
			}
			break
		}
	}
	if open < 0 {
		return false
	}
	for i := sp.End(); i < len(o) && i-sp.End() < 60; {
		r, w := utf8.DecodeRuneInString(o[i:])
		if r == '.' || r == '!' || r == '?' || r == '\n' {
			break
		}
		if r16Quote(r) {
			if i+w == len(o) || !isWordAt(o, i+w) {
				close = i + w
			}
			break
		}
		i += w
	}
	if close < 0 {
		return false
	}
	named := false
	r16OrigWords(o[:open], true, 6, func(w string) bool {
		named = r16NamingWord(w)
		return !named
	})
	if !named {
		r16OrigWords(o[close:], false, 4, func(w string) bool {
			named = r16NamingWord(w)
			return !named
		})
	}
	return named
}

func r16Quote(r rune) bool {
	switch r {
	case '"', '\'', '«', '»', '“', '”', '‘', '’', '„', '‹', '›':
		return true
	}
	return false
}

func r16NamingWord(w string) bool {
	if len(w) > 16 {
		return false
	}
	var buf [16]byte
	b := buf[:0]
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return r16Naming[string(b)]
}

// r16OrigWords calls f with up to n words of the original s, from its end
// backwards when back is set, until f says stop.
func r16OrigWords(s string, back bool, n int, f func(string) bool) {
	isW := func(r rune) bool {
		return r == '-' || r >= utf8.RuneSelf || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	for k := 0; k < n && s != ""; k++ {
		if back {
			e := strings.LastIndexFunc(s, isW)
			if e < 0 {
				return
			}
			s = s[:e+1]
			b := strings.LastIndexFunc(s, func(r rune) bool { return !isW(r) })
			w := s[b+1:]
			s = s[:b+1]
			if !f(w) {
				return
			}
			continue
		}
		b := strings.IndexFunc(s, isW)
		if b < 0 {
			return
		}
		s = s[b:]
		e := strings.IndexFunc(s, func(r rune) bool { return !isW(r) })
		if e < 0 {
			e = len(s)
		}
		w := s[:e]
		s = s[e:]
		if !f(w) {
			return
		}
	}
}

// r16Traits are traits of contempt said of a group when they stand right
// next to its name: "lazy Moroccans", "luie Marokkanen", "fainéants
// d'Arabes". Said of staff ("lazy receptionist") they are a complaint.
// Each is read only next to a group of its own language (English "late"
// is no Norwegian "late").
var r16Traits = map[string]string{
	"lazy": "en", "idle": "en", "workshy": "en", "scrounging": "en", "freeloading": "en",
	"fainéants": "fr", "faineants": "fr", "fainéantes": "fr", "faineantes": "fr", "feignants": "fr", "feignasses": "fr", "glandeurs": "fr", "paresseux": "fr",
	"luie": "nl", "werkschuwe": "nl", "profiterende": "nl", "uitkeringstrekkende": "nl",
	"faule": "de", "faulen": "de", "fauler": "de", "arbeitsscheue": "de", "arbeitsscheuen": "de", "schmarotzende": "de",
	"lata": "sv", "arbetsskygga": "sv", "bidragsknarkande": "sv",
	"late": "nb", "arbeidssky": "nb", "snyltende": "nb", "dovne": "da", "arbejdssky": "da",
}

// r16TraitAfter: French puts the adjective after the noun ("des Arabes
// fainéants"); elsewhere a trait after a group's name is a question or a
// predicate ("immigrants lazy? not at all").
func r16TraitOf(w, groupLang string, after bool) bool {
	l, ok := r16Traits[w]
	if !ok || after && l != "fr" {
		return false
	}
	return l == groupLang || l == "nb" && (groupLang == "nn" || groupLang == "da")
}

// groupTrait adds hate for a trait of contempt next to a group's name.
func (j *judge) groupTrait(res *results) {
	if j.r16Counter() {
		return
	}
	for i := range j.hits {
		g := &j.hits[i]
		if !j.isCue(g, kGroup) {
			continue
		}
		gl := j.d.lx.langOf(&j.d.lx.entries[g.e])
		trait, at := r16PrevWord(j.text, int(g.s))
		if trait == "d" || trait == "de" || trait == "of" {
			trait, at = r16PrevWord(j.text, at)
		}
		ok := r16TraitOf(trait, gl, false)
		if !ok {
			trait, at = r16NextWord(j.text, int(g.t))
			ok = r16TraitOf(trait, gl, true)
		}
		if !ok {
			// Or a relative clause: "des musulmanes qui glandent rien".
			if idle := r16IdleAfter(j.text[g.t:]); idle != "" {
				res.add(kHate, baseScore[2], 2, "idleness "+strconvQuote(idle)+" said of group "+strconvQuote(j.text[g.s:g.t]), j.n.Span(int(g.s), int(g.t)+1+len(idle)))
			}
			continue
		}
		if j.r16Negated(at) {
			continue
		}
		from, to := min(at, int(g.s)), max(at+len(trait), int(g.t))
		res.add(kHate, baseScore[2], 2, "trait "+strconvQuote(trait)+" said of group "+strconvQuote(j.text[g.s:g.t]), j.n.Span(from, to))
	}
}

// r16Negated reports one of the lexicons' negation cues ending on the word
// right before byte i ("not lazy").
func (j *judge) r16Negated(i int) bool {
	w, at := r16PrevWord(j.text, i)
	if w == "" {
		return false
	}
	for k := range j.hits {
		if c := &j.hits[k]; j.isCue(c, kNeg) && int(c.t) == at+len(w) {
			return true
		}
	}
	return false
}

// r16Decline: a place going downhill.
var r16Decline = []string{"to hell", "downhill", "a mess", "gone to pot", "worse", "en vrille", "à la dérive", "a la derive", "de pire en pire", "se dégrade", "se degrade", "n importe quoi",
	"slechter", "achteruit", "naar de knoppen", "bergafwaarts", "zo slecht", "den bach runter", "runtergekommen", "bergab", "schlechter", "verkommen",
	"åt helvete", "at helvete", "åt skogen", "sämre", "samre", "gått utför", "til helvete", "dårligere", "darligere", "gått nedover", "i dass", "forfalt"}

// r16Since: the decline dated from the group's arrival or hiring.
var r16Since = setOf("since", "depuis", "sinds", "seit", "seitdem", "sen", "sedan", "siden", "hired", "hiring", "embauché", "embauche", "embauchent", "recrutent",
	"aannemen", "aangenomen", "einstellen", "eingestellt", "anställde", "anställer", "anstalld", "ansatte", "ansetter", "tilsette", "tilsatte")

// groupDecline adds hate for a decline blamed on a group: "no wonder care
// went to hell since they hired foreigners", "seit da nur noch
// Kopftuchfrauen arbeiten ist der Laden runtergekommen". The group, a
// word of "since" or of hiring, and the decline share a sentence.
func (j *judge) groupDecline(res *results) {
	if j.r16Counter() {
		return
	}
	for i := range j.hits {
		g := &j.hits[i]
		if !j.isCue(g, kGroup) {
			continue
		}
		s, t := r16Sentence(j.text, int(g.s))
		sent := j.text[s:t]
		if !r16Any(sent, r16Decline) {
			continue
		}
		since := false
		r16WordsAfter(j.text, s, func(w, _, _ string) bool {
			since = r16Since[w]
			return !since
		})
		if !since {
			continue
		}
		res.add(kHate, 0.75, 2, "a decline blamed on group "+strconvQuote(j.text[g.s:g.t]), j.n.Span(int(g.s), int(g.t)))
		return
	}
}

// r16Sentence returns the bounds of the sentence around byte i.
func r16Sentence(text string, i int) (int, int) {
	s := strings.LastIndexAny(text[:i], ".!?;")
	t := strings.IndexAny(text[i:], ".!?;")
	if t < 0 {
		t = len(text)
	} else {
		t += i
	}
	return s + 1, t
}

func strconvQuote(s string) string { return "\"" + s + "\"" }

// r16Idle: a relative clause that says a group does nothing.
var r16Idle = []string{"who do nothing", "who never work", "who don t work", "who dont work", "who do fuck all",
	"qui glandent rien", "qui foutent rien", "qui branlent rien", "qui ne font rien", "qui font rien", "qui bossent pas", "qui travaillent pas", "qui ne travaillent pas",
	"die niks doen", "die nooit werken", "die niet werken", "die nichts tun", "die nie arbeiten", "die nicht arbeiten",
	"som inte gör något", "som inte gör nåt", "som aldrig jobbar", "som inte jobbar", "som ikke gjør noe", "som aldri jobber", "som ikke jobber"}

// r16IdleAfter returns the idle clause that after (the text right after a
// group's name) opens with, or "".
func r16IdleAfter(after string) string {
	if after == "" || after[0] != ' ' {
		return ""
	}
	after = after[1:]
	for _, p := range r16Idle {
		if strings.HasPrefix(after, p) && !isWordAt(after, len(p)) {
			return p
		}
	}
	return ""
}

// r16Diversity: a hire said to be for diversity or a quota.
var r16Diversity = setOf("diversity", "diversité", "diversite", "diversiteit", "diversität", "diversitat", "vielfalt", "quota", "quotas", "quotum", "kvotering", "kvoteringen",
	"mångfald", "mångfalden", "mångfaldens", "mangfald", "mangfold", "mangfoldet", "mangfoldets")

// diversityHire adds hate for a slur that needs a target (flag t: "homo",
// "pd", "bög") in a sentence about a hire for diversity: "hiring another
// homo for diversity points" names the person hired.
func (j *judge) diversityHire(res *results) {
	for i := range j.hits {
		h := &j.hits[i]
		if !j.isCue(h, kHate) || j.d.lx.entries[h.e].flags&fTarget == 0 || j.quoted(h) {
			continue
		}
		s, t := r16Sentence(j.text, int(h.s))
		div := false
		r16WordsAfter(j.text[:t], s, func(w, _, _ string) bool {
			div = r16Diversity[w]
			return !div
		})
		if div {
			res.add(kHate, baseScore[3], 3, "slur "+strconvQuote(j.text[h.s:h.t])+" for a hire for diversity", j.n.Span(int(h.s), int(h.t)))
			return
		}
	}
}

// r16Counter reports counter-speech in the comment ("saying … is
// racist"): the tropes it cites are not its own.
func (j *judge) r16Counter() bool {
	for i := range j.hits {
		if j.isCue(&j.hits[i], kCounter) {
			return true
		}
	}
	return false
}
