package spam

import (
	"unicode"
	"unicode/utf8"
)

// Rune classes for the tokenizer.
const (
	clSep    = iota // breaks a word
	clWord          // a letter or digit, folded into the word
	clJoin          // invisible inside a word (combining mark, zero-width)
	clApos          // apostrophe: joins or splits, see tokenize
	clAt            // '@': the next word is a mention
	clLetter        // (internal) a letter outside the tables, lower-cased as is
)

// latin maps U+00C0..U+017F to ASCII: accents stripped, ß to ss, æ to ae,
// ø to o, þ to th. An empty entry is not a letter (× and ÷).
var latin [0x180 - 0xC0]string

func init() {
	set := func(from, to rune, s string) {
		for r := from; r <= to; r++ {
			latin[r-0xC0] = s
		}
	}
	set(0xC0, 0xC5, "a")
	set(0xC6, 0xC6, "ae")
	set(0xC7, 0xC7, "c")
	set(0xC8, 0xCB, "e")
	set(0xCC, 0xCF, "i")
	set(0xD0, 0xD0, "d")
	set(0xD1, 0xD1, "n")
	set(0xD2, 0xD6, "o")
	set(0xD8, 0xD8, "o")
	set(0xD9, 0xDC, "u")
	set(0xDD, 0xDD, "y")
	set(0xDE, 0xDE, "th")
	set(0xDF, 0xDF, "ss")
	set(0xE0, 0xE5, "a")
	set(0xE6, 0xE6, "ae")
	set(0xE7, 0xE7, "c")
	set(0xE8, 0xEB, "e")
	set(0xEC, 0xEF, "i")
	set(0xF0, 0xF0, "d")
	set(0xF1, 0xF1, "n")
	set(0xF2, 0xF6, "o")
	set(0xF8, 0xF8, "o")
	set(0xF9, 0xFC, "u")
	set(0xFD, 0xFD, "y")
	set(0xFE, 0xFE, "th")
	set(0xFF, 0xFF, "y")
	set(0x100, 0x105, "a")
	set(0x106, 0x10D, "c")
	set(0x10E, 0x111, "d")
	set(0x112, 0x11B, "e")
	set(0x11C, 0x123, "g")
	set(0x124, 0x127, "h")
	set(0x128, 0x131, "i")
	set(0x132, 0x133, "ij")
	set(0x134, 0x135, "j")
	set(0x136, 0x138, "k")
	set(0x139, 0x142, "l")
	set(0x143, 0x14B, "n")
	set(0x14C, 0x151, "o")
	set(0x152, 0x153, "oe")
	set(0x154, 0x159, "r")
	set(0x15A, 0x161, "s")
	set(0x162, 0x167, "t")
	set(0x168, 0x173, "u")
	set(0x174, 0x175, "w")
	set(0x176, 0x178, "y")
	set(0x179, 0x17E, "z")
	set(0x17F, 0x17F, "s")
}

// confusable returns the Latin letter a Cyrillic or Greek letter is made
// to look like (the single-letter prototypes of Unicode's confusables list,
// UTS #39), so that "bitсoin" with a Cyrillic с and "раypal" match.
func confusable(r rune) (byte, bool) {
	switch r {
	case 'А', 'а', 'Α', 'α':
		return 'a', true
	case 'В', 'в', 'Β', 'β', 'Ь', 'ь':
		return 'b', true
	case 'С', 'с', 'ϲ', 'Ϲ':
		return 'c', true
	case 'Ԁ', 'ԁ':
		return 'd', true
	case 'Е', 'е', 'Ё', 'ё', 'Є', 'є', 'Ε', 'ε':
		return 'e', true
	case 'Һ', 'һ', 'Н', 'Η':
		return 'h', true
	case 'І', 'і', 'Ї', 'ї', 'Ӏ', 'Ι', 'ι':
		return 'i', true
	case 'Ј', 'ј', 'ϳ':
		return 'j', true
	case 'К', 'к', 'Κ', 'κ':
		return 'k', true
	case 'ӏ':
		return 'l', true
	case 'М', 'м', 'Μ':
		return 'm', true
	case 'п', 'Ν', 'η':
		return 'n', true
	case 'О', 'о', 'Ο', 'ο', 'σ':
		return 'o', true
	case 'Р', 'р', 'Ρ', 'ρ':
		return 'p', true
	case 'Ԛ', 'ԛ':
		return 'q', true
	case 'Ѕ', 'ѕ':
		return 's', true
	case 'Т', 'т', 'Τ', 'τ':
		return 't', true
	case 'υ':
		return 'u', true
	case 'Ѵ', 'ѵ', 'ν':
		return 'v', true
	case 'Ԝ', 'ԝ', 'ѡ':
		return 'w', true
	case 'Х', 'х', 'Χ', 'χ':
		return 'x', true
	case 'У', 'у', 'Ү', 'ү', 'Υ', 'γ':
		return 'y', true
	case 'Ζ':
		return 'z', true
	}
	return 0, false
}

// styled maps the "fancy text" letters spammers use to dodge filters
// (fullwidth, mathematical bold/italic/script/..., circled) to ASCII.
func styled(r rune) (byte, bool) {
	switch {
	case r >= 0xFF10 && r <= 0xFF19:
		return byte('0' + r - 0xFF10), true
	case r >= 0xFF21 && r <= 0xFF3A:
		return byte('a' + r - 0xFF21), true
	case r >= 0xFF41 && r <= 0xFF5A:
		return byte('a' + r - 0xFF41), true
	case r >= 0x1D400 && r <= 0x1D6A3:
		i := (r - 0x1D400) % 52
		if i >= 26 {
			i -= 26
		}
		return byte('a' + i), true
	case r >= 0x1D7CE && r <= 0x1D7FF:
		return byte('0' + (r-0x1D7CE)%10), true
	case r >= 0x24B6 && r <= 0x24CF:
		return byte('a' + r - 0x24B6), true
	case r >= 0x24D0 && r <= 0x24E9:
		return byte('a' + r - 0x24D0), true
	}
	return 0, false
}

func joiner(r rune) bool {
	switch {
	case r >= 0x0300 && r <= 0x036F, r >= 0x1AB0 && r <= 0x1AFF, r >= 0x20D0 && r <= 0x20FF, r >= 0xFE20 && r <= 0xFE2F:
		return true
	case r == 0x200B, r == 0x200C, r == 0x200D, r == 0x2060, r == 0xFEFF, r == 0x00AD, r == 0x180E:
		return true
	case r >= 0xFE00 && r <= 0xFE0F:
		return true
	}
	return false
}

// foldRune appends the folded form of r to dst and returns its class.
// Only clWord runes are appended.
func foldRune(dst []byte, r rune) ([]byte, int) {
	if r < utf8.RuneSelf {
		c := byte(r)
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			return append(dst, c), clWord
		case c >= 'A' && c <= 'Z':
			return append(dst, c+'a'-'A'), clWord
		case c == '\'' || c == '`':
			return dst, clApos
		case c == '@':
			return dst, clAt
		}
		return dst, clSep
	}
	if r >= 0xC0 && r < 0x180 {
		if s := latin[r-0xC0]; s != "" {
			return append(dst, s...), clWord
		}
		return dst, clSep
	}
	switch r {
	case 0x2019, 0x02BC, 0x00B4, 0x2018:
		return dst, clApos
	case 0xFF20:
		return dst, clAt
	}
	if c, ok := confusable(r); ok {
		return append(dst, c), clWord
	}
	if c, ok := styled(r); ok {
		return append(dst, c), clWord
	}
	if joiner(r) {
		return dst, clJoin
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return utf8.AppendRune(dst, unicode.ToLower(r)), clWord
	}
	return dst, clSep
}

// foldString folds s the way the tokenizer folds a word: for building
// tables and for domain labels. Separators are dropped.
func foldString(s string) string {
	var b []byte
	for _, r := range s {
		b, _ = foldRune(b, r)
	}
	return string(b)
}
