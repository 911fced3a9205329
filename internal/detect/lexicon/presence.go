package lexicon

import "github.com/stormwatch/stormwatch/internal/detect/normalize"

// Presence threats: "I'll be waiting outside your house", "ik wacht bij je
// auto", "jag väntar vid din bil". The same words are what a pet-sitter, a
// volunteer driver or a relative writes every day ("… at 10 to pick up the
// kitten", "… met de formulieren", "… så kjører vi sammen"). Entries flagged
// `w` are such presence phrases; in a sentence that also names an errand or
// a shared plan (an `errand` cue) or gives the clock time of an appointment
// ("at 10", "à 18h", "om 8 uur", "kl 17"), the presence is an arrangement,
// not lying in wait, and the entry is dropped — unless a harm word, a fate
// or a threat of another family sits in the same sentence ("… at 10 to make
// you pay", "… um dir eine abreibung zu verpassen"), which keep it.

// presence drops the presence hits lifted by an errand or a clock time.
// It runs before the hits are scored; words and ends are the word starts
// and ends of the text. It allocates nothing.
func (j *judge) presence(words, ends []int32) {
	lx := j.d.lx
	for i := range j.hits {
		h := &j.hits[i]
		if h.gone || h.name != "" || h.e < 0 || lx.entries[h.e].flags&fPresence == 0 {
			continue
		}
		if !j.presenceErrand(h.sent, words, ends) || j.presenceHarm(h.sent) {
			continue
		}
		h.gone = true
	}
}

// presenceErrand reports whether sentence sent has an errand cue or a
// daytime clock time.
func (j *judge) presenceErrand(sent int32, words, ends []int32) bool {
	for i := range j.hits {
		c := &j.hits[i]
		if c.sent == sent && j.isCue(c, kErrand) {
			return true
		}
	}
	for w := range words {
		if w >= len(ends) || j.sentOf(int32(w)) != sent {
			continue
		}
		if presenceClock(j.n, words, ends, w) {
			return true
		}
	}
	return false
}

// presenceHarm reports whether sentence sent holds a harm or a fate of the
// threat grammar, or a threat that is no presence phrase.
func (j *judge) presenceHarm(sent int32) bool {
	for i := range j.hits {
		c := &j.hits[i]
		if c.gone || c.sent != sent || c.name != "" || c.e < 0 {
			continue
		}
		e := &j.d.lx.entries[c.e]
		switch e.kind {
		case kHarm, kFate:
			return true
		case kThreat:
			if e.flags&fPresence == 0 {
				return true
			}
		}
	}
	return false
}

// presenceClock reports whether word w is the hour of a daytime
// appointment: "at 10", "à 18h", "19h30", "7:30", "om 8 uur", "um 8",
// "kl 17", "klokka 8", "8am", "5pm". Hours of the night ("3am", "um 3 uhr
// nachts", "à 23h", "at 10 at night") are no errand: a visit at that hour
// is part of the menace.
func presenceClock(n *normalize.Normalized, words, ends []int32, w int) bool {
	text := n.String()
	if wordIn(text, words, ends, w) == "" {
		return false
	}
	t := int(ends[w])
	// The number as written: normalisation reads "18h" and "8am" as
	// leetspeak ("ibh", "bam").
	sp := n.Span(int(words[w]), t)
	word := n.Original()[sp[0]:sp[1]]
	hour, nd := 0, 0
	for nd < len(word) && nd < 3 && '0' <= word[nd] && word[nd] <= '9' {
		hour = hour*10 + int(word[nd]-'0')
		nd++
	}
	if nd == 0 || nd > 2 {
		return false
	}
	rest := word[nd:]
	marked := false // a unit written on the number: 18h, 19h30, 8am, 5pm
	switch {
	case rest == "":
	case rest == "h" || rest == "H" || rest == "u" || len(rest) > 1 && (rest[0] == 'h' || rest[0] == 'H') && allDigits(rest[1:]):
		marked = true
	case rest == "am" || rest == "AM":
		if hour < 6 {
			return false
		}
		marked = true
	case rest == "pm" || rest == "PM":
		if hour > 10 { // 11pm is night; "12pm" is read as neither
			return false
		}
		hour += 12
		marked = true
	default:
		return false
	}
	next := func(k int) string { return wordIn(text, words, ends, w+k) }
	if !marked {
		// A bare number is an hour after a clock preposition, or before
		// a unit or the minutes of "7:30" / "7.30".
		switch wordIn(text, words, ends, w-1) {
		case "at", "around", "à", "a", "vers", "om", "rond", "tegen", "um", "gegen", "ab", "kl", "klockan", "klokka", "klokken", "omkring", "ca":
			marked = true
		}
		switch next(1) {
		case "uur", "uhr", "h", "o", "oclock", "am", "pm":
			marked = true
			if next(1) == "pm" && hour < 12 {
				hour += 12
			}
			if next(1) == "am" && hour < 6 {
				return false
			}
		}
		if !marked && w+1 < len(words) && t < len(text) && (text[t] == ':' || text[t] == '.') && int(words[w+1]) == t+1 && allDigits(next(1)) {
			marked = true
		}
	}
	if !marked || hour < 6 || hour > 22 {
		return false
	}
	// "at 10 at night", "um 9 uhr nachts", "à 6h du matin" is early, still daytime.
	for k := 1; k <= 4; k++ {
		switch next(k) {
		case "night", "nachts", "nacht", "natten", "natta", "natt", "nuit", "midnight":
			return false
		}
	}
	return true
}

// wordIn is word w of text, or "" when the tables do not hold it.
func wordIn(text string, words, ends []int32, w int) string {
	if w < 0 || w >= len(words) || w >= len(ends) {
		return ""
	}
	s, t := int(words[w]), int(ends[w])
	if s < 0 || t > len(text) || s >= t {
		return ""
	}
	return text[s:t]
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
