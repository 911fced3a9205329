package pii

import (
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// deobfuscate undoes the disguises that hide an identifier from a reader
// of digits without changing what a person sees: invisible characters
// between the digits (zero-width space and joiners, word joiner, BOM, soft
// hyphen), fullwidth digits and signs ("０６１２…", "＠"), and the letter O
// written for a zero inside a long run of digits ("O612345678"). It
// returns the cleaned text and, for each of its bytes, the original byte
// range it came from; ok is false when there is nothing to undo, which is
// almost always, so the common path allocates nothing.
func deobfuscate(s string) (clean string, lo, hi []int, ok bool) {
	if !needsDeobfuscation(s) {
		return s, nil, nil, false
	}
	b := make([]byte, 0, len(s))
	lo = make([]int, 0, len(s))
	hi = make([]int, 0, len(s))
	emit := func(c byte, from, to int) {
		b = append(b, c)
		lo = append(lo, from)
		hi = append(hi, to)
	}
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case invisible(r):
			// dropped
		case r >= 0xFF10 && r <= 0xFF19:
			emit(byte('0'+r-0xFF10), i, i+w)
		case r == 0xFF20:
			emit('@', i, i+w)
		case r == 0xFF0E:
			emit('.', i, i+w)
		case r == 0xFF0B:
			emit('+', i, i+w)
		case (r == 'O' || r == 'o') && zeroLetter(s, i):
			emit('0', i, i+w)
		default:
			for k := 0; k < w; k++ {
				emit(s[i+k], i, i+w)
			}
		}
		i += w
	}
	return string(b), lo, hi, true
}

func invisible(r rune) bool {
	return r == 0x00AD || r == 0x200B || r == 0x200C || r == 0x200D || r == 0x2060 || r == 0xFEFF || r == 0x180E
}

// deobfuscationLead marks the bytes the cases of needsDeobfuscation start
// with: every other byte is skipped with one load.
var deobfuscationLead = func() (t [256]bool) {
	for _, c := range []byte{0xC2, 0xE2, 0xE1, 0xEF, 'O', 'o'} {
		t[c] = true
	}
	return t
}()

// needsDeobfuscation is the cheap gate: an invisible or fullwidth
// character, or a letter O touching a digit.
func needsDeobfuscation(s string) bool {
	for i := 0; i < len(s); i++ {
		if !deobfuscationLead[s[i]] {
			continue
		}
		switch c := s[i]; {
		case c == 0xC2 && i+1 < len(s) && s[i+1] == 0xAD: // soft hyphen
			return true
		case c == 0xE2 && i+2 < len(s) && (s[i+1] == 0x80 && s[i+2] >= 0x8B && s[i+2] <= 0x8D || s[i+1] == 0x81 && s[i+2] == 0xA0):
			return true
		case c == 0xE1 && i+2 < len(s) && s[i+1] == 0xA0 && s[i+2] == 0x8E:
			return true
		case c == 0xEF && i+2 < len(s) && (s[i+1] == 0xBB && s[i+2] == 0xBF || s[i+1] == 0xBC && s[i+2] >= 0x8B && s[i+2] <= 0xA0):
			return true
		case (c == 'O' || c == 'o') && (i > 0 && isDigit(s[i-1]) || i+1 < len(s) && isDigit(s[i+1])) && zeroLetter(s, i):
			return true
		}
	}
	return false
}

// zeroLetter reports whether the O at byte i stands for a zero: it lies in
// a run of digits and Os with six real digits or more that no other letter
// touches (ten or more after a two-letter country code, as in an IBAN).
func zeroLetter(s string, i int) bool {
	a, z := i, i+1
	isDO := func(c byte) bool { return isDigit(c) || c == 'O' || c == 'o' }
	for a > 0 && isDO(s[a-1]) {
		a--
	}
	for z < len(s) && isDO(s[z]) {
		z++
	}
	digits := 0
	for k := a; k < z; k++ {
		if isDigit(s[k]) {
			digits++
		}
	}
	if digits < 6 || z < len(s) && isLetterByte(s[z]) {
		return false
	}
	if a > 0 && isLetterByte(s[a-1]) {
		// "DE89…": a country code of two capitals, then a long run.
		return digits >= 10 && a >= 2 && isUpperByte(s[a-1]) && isUpperByte(s[a-2]) && (a == 2 || !isLetterByte(s[a-3]))
	}
	return true
}

func isLetterByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80 }
func isUpperByte(c byte) bool  { return c >= 'A' && c <= 'Z' }

// mapBack moves the spans of signals found in the cleaned text to the
// original text.
func mapBack(sigs []detect.Signal, lo, hi []int) {
	for i := range sigs {
		for k, sp := range sigs[i].Spans {
			s, e := sp.Start(), sp.End()
			if s < 0 || e > len(lo) || s >= e {
				continue
			}
			sigs[i].Spans[k] = detect.Span{lo[s], hi[e-1]}
		}
	}
}
