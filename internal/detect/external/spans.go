package external

import (
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// SpanUnit is how a provider counts offsets into the text.
type SpanUnit int

const (
	// UTF16 counts UTF-16 code units: an emoji outside the Basic
	// Multilingual Plane counts two. The Perspective API reference
	// describes spanScores begin/end as "the UTF-16 codepoint range".
	UTF16 SpanUnit = iota
	// CodePoints counts Unicode code points (runes).
	CodePoints
	// Bytes counts UTF-8 bytes, as Stormwatch does.
	Bytes
)

func (u SpanUnit) String() string {
	switch u {
	case UTF16:
		return "utf16"
	case CodePoints:
		return "codepoints"
	case Bytes:
		return "bytes"
	}
	return "unknown"
}

// ParseSpanUnit reads "utf16", "codepoints" or "bytes".
func ParseSpanUnit(s string) (SpanUnit, bool) {
	switch s {
	case "utf16", "utf-16", "":
		return UTF16, true
	case "codepoints", "code-points", "runes":
		return CodePoints, true
	case "bytes", "utf8", "utf-8":
		return Bytes, true
	}
	return 0, false
}

// byteSpan converts the half-open range [begin, end) counted in unit into
// byte offsets of text, widened to whole runes (a begin inside a surrogate
// pair moves to the rune's start, an end inside one to its end). It
// reports false for a range outside the text or empty.
func byteSpan(text string, begin, end int, unit SpanUnit) (detect.Span, bool) {
	if begin < 0 || end <= begin {
		return detect.Span{}, false
	}
	if unit == Bytes {
		if end > len(text) {
			return detect.Span{}, false
		}
		for begin > 0 && begin < len(text) && !utf8.RuneStart(text[begin]) {
			begin--
		}
		return snap(text, begin, end)
	}
	bs, be := -1, -1
	u := 0 // units before the rune at byte i
	for i := 0; i < len(text); {
		r, w := utf8.DecodeRuneInString(text[i:])
		n := 1
		if unit == UTF16 && r >= 0x10000 {
			n = 2
		}
		if bs < 0 && begin < u+n {
			bs = i
		}
		if be < 0 && end <= u {
			be = i
		}
		if be < 0 && end < u+n {
			be = i + w // an end inside a surrogate pair takes the whole rune
		}
		u += n
		i += w
		if be >= 0 {
			break
		}
	}
	if be < 0 && end == u {
		be = len(text)
	}
	if bs < 0 || be < 0 {
		return detect.Span{}, false
	}
	return snap(text, bs, be)
}

// snap moves both ends of [s, e) forward to the next byte that starts a
// rune (or the end of the text): stray continuation bytes of invalid UTF-8
// would otherwise be split. It reports false for what is left empty.
func snap(text string, s, e int) (detect.Span, bool) {
	for s < len(text) && !utf8.RuneStart(text[s]) {
		s++
	}
	for e < len(text) && !utf8.RuneStart(text[e]) {
		e++
	}
	if s >= e || e > len(text) {
		return detect.Span{}, false
	}
	return detect.Span{s, e}, true
}
