package lexicon

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// Round 16: insistence on one person. The same @handle called again and
// again in one comment ("@callum answer me. @callum. @callum i can see you
// read it. @callum") is a person hounded, whatever words come between: no
// lexicon entry can count, so it is counted here, on the original text
// (handles are not normalised words, and the spans must stay exact).
//
// Four calls of one handle are harassment of moderate severity; three are a
// piece that needs another one (a customer tagging the clinic twice or
// three times about their own case stays, and a complaint is still kept by
// the policy's complaint rule). Distinct handles ("@anna @bob @carl look")
// never count.

const (
	handleRepeatPiece = 3 // a piece of harassment, review at most
	handleRepeatAlone = 4 // harassment on its own
	handleMax         = 32
	handleSpread      = 60 // bytes of text per call, at most
)

// handleAt returns the end of the handle whose '@' is at text[i], or i when
// none follows (an e-mail's '@' follows a word character and is skipped by
// the caller).
func handleAt(text string, i int) int {
	j := i + 1
	for j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		if r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) {
			j += size
			continue
		}
		// "@dr.lind" and "@anne-marie": a dot or hyphen between word
		// characters stays in the handle, one that ends it does not.
		if (r == '.' || r == '-') && j+1 < len(text) {
			n, _ := utf8.DecodeRuneInString(text[j+1:])
			if n == '_' || unicode.IsLetter(n) || unicode.IsDigit(n) {
				j += size
				continue
			}
		}
		break
	}
	return j
}

// round16Harassment runs the round-16 rules on a judged comment: insistence and
// chants (harassment), and the person a sexual remark opens on.
func round16Harassment(text string, res *results) {
	insistence(text, res)
	openingSubject(text, res)
}

// insistence adds a harassment signal when one @handle is called three times
// or more, or a name is chanted. No allocation unless it fires.
func insistence(text string, res *results) {
	chant(text, res)
	if strings.Count(text, "@") < handleRepeatPiece {
		return
	}
	var starts, ends [handleMax]int32
	n := 0
	// A reply's header ("@USER @USER @USER Nein, …") names the people in a
	// thread, one after the other: two handles or more that open the text,
	// with only spaces between them, are skipped.
	from, lead := 0, 0
	for from < len(text) {
		k := from
		for k < len(text) && (text[k] == ' ' || text[k] == '\t' || text[k] == '\n') {
			k++
		}
		if k >= len(text) || text[k] != '@' {
			break
		}
		j := handleAt(text, k)
		if j-k < 2 {
			break
		}
		from, lead = j, lead+1
	}
	if lead < 2 {
		from = 0
	}
	for i := from; i < len(text) && n < handleMax; i++ {
		if text[i] != '@' {
			continue
		}
		if i > 0 {
			// "anna@example.com" is an address, not a call.
			if p, _ := utf8.DecodeLastRuneInString(text[:i]); unicode.IsLetter(p) || unicode.IsDigit(p) || p == '_' {
				continue
			}
		}
		j := handleAt(text, i)
		if j-i < 3 { // "@" alone or one letter
			continue
		}
		if strings.EqualFold(text[i+1:j], "user") {
			// The anonymised corpora's placeholder stands for anyone.
			i = j - 1
			continue
		}
		starts[n], ends[n] = int32(i), int32(j)
		n++
		i = j - 1
	}
	best, at := 0, -1
	for a := 0; a < n; a++ {
		c := 1
		ha := text[starts[a]+1 : ends[a]]
		for b := a + 1; b < n; b++ {
			if strings.EqualFold(ha, text[starts[b]+1:ends[b]]) {
				c++
			}
		}
		if c > best {
			best, at = c, a
		}
	}
	if best < handleRepeatPiece || len(text) > handleSpread*best {
		// A long post that names one account now and then discusses
		// someone; hounding is short and dense.
		return
	}
	score, sev := 0.5, int8(1)
	if best >= handleRepeatAlone {
		score, sev = 0.78, 2
	}
	expl := "round16: the same handle " + text[starts[at]:ends[at]] + " called " + strconv.Itoa(best) + " times (insistence on one person)"
	res.add(kHarassment, score, sev, expl, detect.Span{int(starts[at]), int(ends[at])})
}

// chant: one capitalised name said three times in a row ("Gareth Gareth
// Gareth. useless. useless.") is a person hounded by name. A piece, and
// only beside harassment or an insult: "Bravo Bravo Bravo" and "Thanks
// Thanks Thanks" are cheers, and lower-case or shouted repeats ("no no
// no", "NO NO NO") never count.
func chant(text string, res *results) {
	// Only beside other abuse: alone a chant is as often a cheer.
	if len(res.by[kPraise]) > 0 || len(res.by[kHarassment])+len(res.by[kInsult]) == 0 {
		return
	}
	prevS, prevT, run := -1, -1, 0
	firstS := -1
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			// Only spaces and sentence punctuation may stand between the
			// repeats; anything else (a word of digits, an emoji) breaks
			// the run.
			if !unicode.IsSpace(r) && !strings.ContainsRune(".,!;:", r) {
				run = 0
			}
			i += size
			continue
		}
		s := i
		for i < len(text) {
			r2, sz := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsLetter(r2) && r2 != '\'' {
				break
			}
			i += sz
		}
		if !nameShaped(text[s:i]) {
			run = 0
			continue
		}
		if run > 0 && text[s:i] == text[prevS:prevT] {
			run++
		} else {
			run, firstS = 1, s
		}
		prevS, prevT = s, i
		if run == 3 {
			other := len(res.by[kHarassment]) > 0
			res.add(kHarassment, 0.6, 1, "round16: the name "+text[s:i]+" chanted three times", detect.Span{firstS, i})
			if other {
				// With a campaign beside it ("I'll comment on every
				// post"), the contempt words are the chant's, not a
				// complaint's: they are damped as dampComplaints does
				// for a personal attack.
				for k := range res.by[kComplaint] {
					if c := &res.by[kComplaint][k]; !c.damped {
						c.score *= 0.6
						c.damped = true
					}
				}
			}
			return
		}
	}
}

// nameShaped: three letters or more, a capital then lower case only.
func nameShaped(w string) bool {
	n := 0
	for k, r := range w {
		switch {
		case k == 0 && !unicode.IsUpper(r):
			return false
		case k > 0 && !unicode.IsLower(r):
			return false
		}
		n++
	}
	return n >= 3
}

// openingSubject: "megan can take my temperature any day 😏", "jana darf
// mich gern mal untersuchen 😏", "linnea får gärna ta tempen på mig 😏":
// a sexual remark whose subject is the one word that opens the sentence is
// said of that person, a name the engine does not know (a third party's, or
// no staff list) as much as a staff member's. The remark's score becomes
// that of one aimed at a person. A longer subject ("the blonde nurse on
// nights can give me a bed bath 😏") is left as it was, and so is a match
// already aimed at someone or something, negated, quoted or reported.
func openingSubject(text string, res *results) {
	for i := range res.by[kSexual] {
		s := &res.by[kSexual][i]
		w := s.why
		if w == nil || w.tgt != tNone || s.sev < 2 || w.neg != "" || w.counter != "" || w.quoted || w.self != "" {
			continue
		}
		at := s.spanList()[0][0]
		if at <= 0 || at > len(text) {
			continue
		}
		name, ok := soleOpeningWord(text[:at])
		if !ok {
			continue
		}
		w.tgt, w.tcue = tPerson, name
		s.score = max(s.score, baseScore[s.sev])
	}
}

// soleOpeningWord returns the word before, when it is the only word of its
// sentence so far: at the start of the text or after a sentence's end, a
// handle's '@' allowed, three letters to twenty.
func soleOpeningWord(before string) (string, bool) {
	t := strings.TrimRight(before, " ")
	if len(t) == len(before) {
		return "", false // the match must follow a space
	}
	k := len(t)
	n := 0
	for k > 0 {
		r, size := utf8.DecodeLastRuneInString(t[:k])
		if !unicode.IsLetter(r) {
			break
		}
		k -= size
		n++
	}
	if n < 3 || n > 20 {
		return "", false
	}
	word := t[k:]
	if notName[strings.ToLower(word)] {
		return "", false
	}
	if k > 0 && t[k-1] == '@' {
		k--
	}
	head := strings.TrimRight(t[:k], " ")
	if head != "" && !strings.ContainsRune(".!?\n", rune(head[len(head)-1])) {
		return "", false
	}
	return word, true
}

// notName: determiners, pronouns and indefinites that open a sentence
// without naming anyone ("Die an der Kasse hat …" is not a person called
// Die; a pronoun that is a target is found by the judge itself).
var notName = setOf(
	"the", "this", "that", "these", "those", "she", "her", "his", "they", "who", "what", "someone", "somebody", "anyone", "anybody", "everyone", "nobody", "one",
	"die", "der", "das", "den", "dem", "des", "sie", "wer", "was", "diese", "dieser", "dieses", "jene", "man", "jemand", "eine", "einer", "ein",
	"les", "cette", "celle", "celui", "elle", "qui", "quelqu", "personne", "une",
	"het", "dat", "deze", "zij", "hij", "wie", "iemand", "een",
	"det", "hon", "han", "hen", "vem", "någon", "nån", "dom", "denna", "detta", "hun", "noen", "hvem", "kven", "dei", "eit", "nokon", "ingen", "alla", "alle",
)
