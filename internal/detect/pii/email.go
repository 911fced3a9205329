package pii

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

func isLocalChar(c byte) bool {
	return isAlphaASCII(c) || isDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'
}

func isLabelChar(c byte) bool { return isAlphaASCII(c) || isDigit(c) || c == '-' }

// findEmails finds plain addresses around each '@'. Fediverse handles
// (@alice@example.social) are public names, not e-mail, and are skipped.
func (s *scan) findEmails() {
	if !s.hasAt {
		return
	}
	t := s.text
	for i := 0; i < len(t); i++ {
		if t[i] != '@' {
			continue
		}
		// Local part, UTF-8 letters allowed (RFC 6531).
		l := i
		for l > 0 && i-l < 64 {
			if isLocalChar(t[l-1]) {
				l--
				continue
			}
			// An apostrophe between letters is allowed (o'neil@…).
			if t[l-1] == '\'' && l >= 2 && isAlphaASCII(t[l-2]) && l < i && isAlphaASCII(t[l]) {
				l--
				continue
			}
			r, size := utf8.DecodeLastRuneInString(t[:l])
			if size > 1 && unicode.IsLetter(r) {
				l -= size
				continue
			}
			break
		}
		// French elision before the address ("l'info@…", "d'anne@…",
		// "qu'anne@…") is not part of it.
		if q := strings.IndexByte(t[l:i], '\''); q >= 0 && s.li == 1 {
			switch strings.ToLower(t[l : l+q]) {
			case "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu":
				l += q + 1
			}
		}
		for l < i && (t[l] == '.' || t[l] == '-') {
			l++
		}
		if l == i || t[i-1] == '.' || (l > 0 && t[l-1] == '@') {
			continue
		}
		// Domain: labels separated by single dots.
		r := i + 1
		lastDot := -1
		for r < len(t) && r-i < 255 {
			c := t[r]
			if isLabelChar(c) {
				r++
				continue
			}
			if c == '.' && r+1 < len(t) && isLabelChar(t[r+1]) && t[r-1] != '.' && r > i+1 {
				lastDot = r
				r++
				continue
			}
			break
		}
		for r > i+1 && t[r-1] == '-' {
			r--
		}
		if lastDot < 0 || lastDot >= r-2 {
			continue
		}
		tld := t[lastDot+1 : r]
		okTLD := true
		for k := 0; k < len(tld); k++ {
			if !isAlphaASCII(tld[k]) {
				okTLD = false
			}
		}
		if !okTLD || s.overlapsTaken(l, r) {
			continue
		}
		if roleMailbox(t[l:i], t[i+1:r]) {
			i = r - 1
			continue
		}
		s.add(finding{entity: EntityEmail, s: l, e: r, conf: 0.97,
			why: "e-mail address " + firstRune(t[l:i]) + "…@" + t[i+1:r]})
		i = r - 1
	}
}

// findObfuscatedEmails finds "name at domain dot com", "name [at] domain
// [dot] fr", "naam apenstaartje domein punt nl". A bare " at " with a real
// dot only counts for webmail domains, because "was at google.com" is not
// an address.
func (s *scan) findObfuscatedEmails() {
	if s.all&fAtMarker == 0 {
		return
	}
	toks := s.toks
	for k := 1; k < len(toks); k++ {
		at := toks[k]
		if at.kind != tkWord || at.flags&fAtMarker == 0 {
			continue
		}
		bracketed := false
		left, right := k-1, k+1
		if k >= 2 && right < len(toks) && isOpen(s.text[toks[k-1].s]) && toks[k-1].kind == tkPunct &&
			toks[right].kind == tkPunct && isClose(s.text[toks[right].s]) {
			bracketed = true
			left, right = k-2, k+2
		} else if at.s == 0 || at.e >= len(s.text) || s.text[at.s-1] != ' ' || s.text[at.e] != ' ' {
			continue // a spelt-out marker must stand alone between spaces
		}
		if left < 0 || right >= len(toks) {
			continue
		}
		// Local part: adjacent word/number tokens joined by . _ - +
		ls := left
		if toks[ls].kind == tkPunct {
			continue
		}
		for ls > 0 {
			p := toks[ls-1]
			if p.e != toks[ls].s {
				break
			}
			if p.kind == tkPunct {
				c := s.text[p.s]
				if (c == '.' || c == '_' || c == '-' || c == '+') && ls-2 >= 0 && toks[ls-2].e == p.s && toks[ls-2].kind != tkPunct {
					ls -= 2
					continue
				}
				break
			}
			ls--
		}
		// An obfuscated local part: "john dot smith at …".
		for n := 0; n < 2 && ls >= 2 && toks[ls-1].kind == tkWord && toks[ls-1].flags&fDotMarker != 0 &&
			toks[ls-2].kind != tkPunct && toks[ls-2].flags&(fFirst|fThird|fImperative|fObjThird|fObjFirst) == 0; n++ {
			ls -= 2
		}
		// Domain: label (dot-marker label)+
		i := right
		if toks[i].kind == tkPunct {
			continue
		}
		var labBuf [8]int
		labels := append(labBuf[:0], i)
		obfDot := false
		for {
			i = s.labelEnd(labels[len(labels)-1])
			j, obf, ok := s.dotMarker(i + 1)
			if !ok || j >= len(toks) || toks[j].kind == tkPunct {
				break
			}
			obfDot = obfDot || obf
			labels = append(labels, j)
			if len(labels) == cap(labBuf) {
				break
			}
		}
		if len(labels) < 2 {
			continue
		}
		lastLab := labels[len(labels)-1]
		end := s.labelEnd(lastLab)
		tld := s.low[toks[lastLab].s:toks[end].e]
		if !tlds[tld] {
			continue
		}
		first := s.low[toks[labels[0]].s:toks[s.labelEnd(labels[0])].e]
		if !bracketed && !obfDot && !webmail[first] {
			continue
		}
		a, b := toks[ls].s, toks[end].e
		if s.overlapsTaken(a, b) {
			continue
		}
		s.add(finding{entity: EntityEmail, s: a, e: b, conf: 0.85,
			why: "obfuscated e-mail address " + firstRune(s.text[a:b]) + "… at " + first + "…" + tld})
		k = end
	}
}

// labelEnd extends a domain label over adjacent word, number and '-' tokens
// ("t-online", "mail2") and returns the index of its last token.
func (s *scan) labelEnd(i int) int {
	toks := s.toks
	for i+1 < len(toks) && toks[i+1].s == toks[i].e {
		nx := toks[i+1]
		if nx.kind != tkPunct {
			i++
			continue
		}
		if s.text[nx.s] == '-' && i+2 < len(toks) && toks[i+2].s == nx.e && toks[i+2].kind != tkPunct {
			i += 2
			continue
		}
		break
	}
	return i
}

// dotMarker recognises a dot at token i: '.', "dot", "[dot]", "(punt)".
// It returns the index of the token after the marker and whether the dot
// was spelt out.
func (s *scan) dotMarker(i int) (next int, obf, ok bool) {
	toks := s.toks
	if i >= len(toks) {
		return 0, false, false
	}
	t := toks[i]
	switch {
	case t.kind == tkPunct && s.text[t.s] == '.':
		return i + 1, false, true
	case t.kind == tkPunct && isOpen(s.text[t.s]) && i+2 < len(toks) && toks[i+1].flags&fDotMarker != 0 &&
		toks[i+2].kind == tkPunct && isClose(s.text[toks[i+2].s]):
		return i + 3, true, true
	case t.kind == tkWord && t.flags&fDotMarker != 0:
		return i + 1, true, true
	}
	return 0, false, false
}

func isOpen(c byte) bool  { return c == '[' || c == '(' || c == '{' || c == '<' }
func isClose(c byte) bool { return c == ']' || c == ')' || c == '}' || c == '>' }

// roleMailboxes are local parts that name a function, not a person:
// "info@", "contact@", "kontakt@", "praxis@", "bookings@".
var roleMailboxes = map[string]bool{
	"info": true, "infos": true, "contact": true, "contacts": true, "kontakt": true, "hello": true, "hallo": true,
	"hej": true, "hei": true, "bonjour": true, "post": true, "postmaster": true, "mail": true, "office": true,
	"admin": true, "support": true, "service": true, "services": true, "kundservice": true, "kundeservice": true,
	"kundenservice": true, "klantenservice": true, "booking": true, "bookings": true, "boeking": true,
	"afspraken": true, "afspraak": true, "bestilling": true, "timebestilling": true, "bokning": true,
	"tidsbokning": true, "termine": true, "termin": true, "rdv": true, "rendezvous": true, "rendez-vous": true,
	"accueil": true, "reception": true, "receptie": true, "resepsjon": true, "empfang": true, "anmeldung": true,
	"praxis": true, "praktijk": true, "kliniek": true, "klinik": true, "kliniken": true, "klinikken": true,
	"clinic": true, "clinique": true, "cabinet": true, "secretariat": true, "sekretariat": true,
	"secretariaat": true, "enquiries": true, "enquiry": true, "inquiries": true, "team": true, "sales": true,
	"noreply": true, "no-reply": true, "webmaster": true, "presse": true, "press": true, "jobs": true,
	"billing": true, "facturation": true, "mottagning": true, "mottagningen": true, "expedition": true,
}

// roleMailbox reports a function mailbox at an organisation's own domain
// (round 20: "bookings via hello@vets-example.co.uk, the official
// address"): nobody's personal data. At a webmail domain the same local
// part is taken as a person's.
func roleMailbox(local, domain string) bool {
	if !roleMailboxes[strings.ToLower(local)] {
		return false
	}
	label, _, _ := strings.Cut(strings.ToLower(domain), ".")
	return !webmail[label]
}
