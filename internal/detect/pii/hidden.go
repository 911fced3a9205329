package pii

// Round 17: where a woman in hiding can be found. "The woman you hide at
// the shelter works at the Kraus bakery in Marktstraße", "your refuge is
// hiding her, she's in the flats above the Co-op", "hon som flydde till
// jouren jobbar på Hemköp vid Tumba torg": no house number, often no
// digit at all, so neither the address nor the school finders see it; yet
// it tells her abuser where to wait. It is doxxing whoever means what.
//
// Three things together, on the text as written: a hiding cue (a verb of
// hiding, or a shelter named as the reader's: "your refuge", "krisesenteret
// deres"), a third person ("she", "die Frau", "dama"), and a locator (works
// at, lives in, drives a, registered) followed within a few words by a
// capital or a digit: a named shop, a street, a plate. The locator must not
// be the hiding cue's own place ("hun bor på krisesenteret"). Thanks from a
// former resident ("I fled to the refuge, now I work at Lidl") has no third
// person; a refuge's success story has no hiding verb nor "your refuge".

type hiddenCues struct {
	hide, third, locate []string
}

// Lower-case ASCII folding only: the cues' own capitals are matched by
// indexFold, the letters å ä ö ø æ é ü are spelled as written.
var hiddenByLang = [7]hiddenCues{
	{ // en
		hide:   []string{"you're hiding", "you are hiding", "youre hiding", "you re hiding", "is hiding her", "are hiding her", "you hide her", "your refuge", "your shelter", "your safe house", "your women's refuge", "hiding at your", "hiding in your", "staying at your refuge"},
		third:  []string{"she", "her", "she's", "woman", "wife", "girlfriend"},
		locate: []string{"works at", "works in", "working at", "works on the till at", "she's in the flat", "she's in the flats", "she is in the flat", "she is in the flats", "she's staying at", "she is staying at", "she's staying in", "lives at", "lives in", "lives above", "living at", "drives a", "her car is", "registration"},
	},
	{ // fr
		hide:   []string{"se cache", "cachée chez vous", "vous cachez", "vous la cachez", "votre foyer", "votre refuge", "réfugiée chez vous", "hébergée chez vous", "planquée chez vous"},
		third:  []string{"elle", "celle", "la femme", "sa femme", "cette femme"},
		locate: []string{"travaille à", "travaille au", "travaille chez", "travaille dans", "bosse à", "bosse au", "bosse chez", "habite", "vit à", "vit au", "roule en", "conduit une", "immatriculée", "loge à", "loge au", "loge chez"},
	},
	{ // nl
		hide:   []string{"verstoppen", "verstopt", "verborgen houden", "jullie opvang", "ondergedoken bij jullie", "gevlucht naar de opvang", "gevlucht naar jullie"},
		third:  []string{"ze", "zij", "haar", "vrouw"},
		locate: []string{"werkt bij", "werkt in", "werkt op", "werkt nu bij", "werkt nu in", "zit in de", "zit op de", "zit aan de", "woont in", "woont op", "woont aan", "rijdt in", "rijdt een"},
	},
	{ // sv
		hide:   []string{"gömmer", "håller gömd", "gömd hos er", "flydde till jouren", "flydde till kvinnojouren", "flytt till jouren", "flytt till kvinnojouren", "ert skyddade boende", "er jour", "er kvinnojour"},
		third:  []string{"hon", "henne", "kvinnan", "frun", "tjejen"},
		locate: []string{"jobbar på", "jobbar i", "jobbar vid", "arbetar på", "arbetar i", "arbetar vid", "bor på", "bor i", "bor vid", "kör en"},
	},
	{ // nb, nn, da
		hide:   []string{"gjemmer", "skjuler", "gøymer", "krisesenteret deres", "krisesenteret dykkar", "krisecentret", "rømte til krisesenteret", "flyktet til krisesenteret", "flykta til krisesenteret"},
		third:  []string{"hun", "henne", "ho", "dama", "kvinnen", "kona", "kvinna"},
		locate: []string{"jobber på", "jobber i", "jobber hos", "jobbar på", "jobbar i", "arbeider på", "arbejder på", "bor på", "bor i", "kjører en", "køyrer ein", "kører en"},
	},
	{ // de
		hide:   []string{"versteckt", "verstecken", "euer frauenhaus", "eurem frauenhaus", "ihrem frauenhaus", "untergetaucht", "geflüchtet ins frauenhaus", "ins frauenhaus geflüchtet"},
		third:  []string{"sie", "die frau", "frau", "ihre frau"},
		locate: []string{"arbeitet bei", "arbeitet in", "arbeitet im", "arbeitet am", "arbeitet jetzt bei", "arbeitet jetzt in", "arbeitet jetzt im", "wohnt in", "wohnt im", "wohnt am", "wohnt bei", "wohnt jetzt", "fährt einen", "fährt ein"},
	},
	{}, // unknown language: no guess
}

const hiddenWindow = 48 // bytes after a locator in which the named place must start

// hiddenWorth reports whether the text holds a hiding cue (as indexFold
// finds them): the gate for texts without digits, where a hiding cue alone
// makes the text worth a full scan, and for findHidden. Computed once per
// text, in one pass: it runs on nearly every comment, and a search per cue
// cost more than the rest of the scan of a text without digits.
func (s *scan) hiddenWorth() bool {
	if s.hidden == 0 {
		s.hidden = 1
		li := min(s.li, len(hiddenByLang)-1)
		if anyCueFold(s.text, hiddenByLang[li].hide, &hiddenFirst[li]) {
			s.hidden = 2
		}
	}
	return s.hidden == 2
}

// hiddenFirst holds, per language, the first bytes of its hiding cues.
var hiddenFirst = func() (f [len(hiddenByLang)][256]bool) {
	for li, c := range hiddenByLang {
		for _, h := range c.hide {
			f[li][h[0]] = true
		}
	}
	return f
}()

// anyCueFold reports whether one of cues occurs in t where indexFold would
// find it (at the start of a word, ending at a word's end unless the cue
// ends mid-word), in one pass over t: a cue is tried only where a word
// starts with its first byte.
func anyCueFold(t string, cues []string, first *[256]bool) bool {
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if !first[c] || i > 0 && hiddenWordByte(t[i-1]) {
			continue
		}
		for _, h := range cues {
			if h[0] == c && indexFold(t[i:i+min(len(h), len(t)-i)], h, 0) == 0 &&
				!(i+len(h) < len(t) && hiddenWordByte(t[i+len(h)]) && hiddenWordByte(h[len(h)-1])) {
				return true
			}
		}
	}
	return false
}

// findHidden adds the location of a woman in hiding as someone else's
// address (doxxing only).
func (s *scan) findHidden() {
	c := &hiddenByLang[min(s.li, len(hiddenByLang)-1)]
	if len(c.hide) == 0 || !s.hiddenWorth() {
		return
	}
	t := s.text
	ha, hb := -1, -1
	for _, h := range c.hide {
		for from := 0; ha < 0 && from < len(t); {
			i := indexFold(t, h, from)
			if i < 0 {
				break
			}
			from = i + len(h)
			// "versteckt sich", "gömmer sig": an animal or a person hiding
			// by itself, not one hidden by the reader.
			if !reflexiveAfter(t, from) {
				ha, hb = i, from
			}
		}
		if ha >= 0 {
			break
		}
	}
	if ha < 0 {
		return
	}
	third := false
	for _, w := range c.third {
		if indexFold(t, w, 0) >= 0 {
			third = true
			break
		}
	}
	if !third {
		return
	}
	for _, l := range c.locate {
		for from := 0; from < len(t); {
			i := indexFold(t, l, from)
			if i < 0 {
				break
			}
			from = i + len(l)
			end := clauseEnd(t, from)
			// The shelter itself is not her location ("bor på krisesenteret").
			if i < hb && end > ha {
				continue
			}
			if !namedAfter(t, from, min(end, from+hiddenWindow)) {
				continue
			}
			if !s.overlapsTaken(i, end) {
				s.add(finding{entity: EntityAddress, s: i, e: end, conf: 0.8, doxOnly: true,
					why: "where a woman in hiding works, lives or drives, next to a hiding cue"})
			}
			return
		}
	}
}

// clauseEnd returns the end of the clause that starts at from: the next
// comma, full stop, semicolon, line break or the end of the text. A full
// stop between digits or letters ("GH-482-TK", "St. Anna") does not end it.
func clauseEnd(t string, from int) int {
	for i := from; i < len(t); i++ {
		switch t[i] {
		case ',', ';', '\n', '!', '?':
			return trimRight(t, from, i)
		case '.':
			if i+1 >= len(t) || t[i+1] == ' ' {
				return trimRight(t, from, i)
			}
		}
	}
	return trimRight(t, from, len(t))
}

func trimRight(t string, from, i int) int {
	for i > from && (t[i-1] == ' ' || t[i-1] == '\t') {
		i--
	}
	return i
}

// namedAfter reports whether a word with a capital or a digit starts in
// t[a:b]: a named shop or street, a plate, a flat number.
func namedAfter(t string, a, b int) bool {
	for i := a; i < b; i++ {
		c := t[i]
		if (c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') && (i == 0 || t[i-1] == ' ' || t[i-1] == '-') {
			return true
		}
		// Upper-case letters outside ASCII open a name too ("Östermalm",
		// "Ærø"): the two-byte Latin-1 capitals.
		if c == 0xC3 && i+1 < len(t) && t[i+1] >= 0x80 && t[i+1] <= 0x9E && (i == 0 || t[i-1] == ' ') {
			return true
		}
	}
	return false
}

// indexFold finds sub (lower case) in t from byte from on, folding ASCII
// capitals of t, at word boundaries; -1 when absent. No allocation.
func indexFold(t, sub string, from int) int {
	n, m := len(t), len(sub)
	if m == 0 {
		return -1
	}
	for i := from; i+m <= n; i++ {
		j := 0
		for j < m {
			c := t[i+j]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sub[j] {
				break
			}
			j++
		}
		if j < m {
			continue
		}
		if i > 0 && hiddenWordByte(t[i-1]) || i+m < n && hiddenWordByte(t[i+m]) && hiddenWordByte(sub[m-1]) {
			continue
		}
		return i
	}
	return -1
}

// hiddenWordByte reports whether b continues a word (an ASCII letter or digit,
// or any byte of a multi-byte letter).
func hiddenWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80
}

// reflexiveAfter reports whether a reflexive pronoun follows at i: "sich",
// "sig", "seg", "zich".
func reflexiveAfter(t string, i int) bool {
	for _, r := range [...]string{"sich", "sig", "seg", "zich", "sej"} {
		if i+1 < len(t) && t[i] == ' ' && indexFold(t[i+1:], r, 0) == 0 {
			return true
		}
	}
	return false
}
