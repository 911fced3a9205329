package replies

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// Unit is what a platform counts.
type Unit string

// Units of length.
const (
	Graphemes Unit = "graphemes" // user-perceived characters (Bluesky)
	Chars     Unit = "chars"     // Unicode code points
)

// Limit is the longest reply a platform accepts.
type Limit struct {
	Platform string
	Max      int
	Unit     Unit
}

// limits per platform (the part of a channel name before ":"). Mastodon's
// 500 is the default of an instance; instances may raise it, never lower.
var limits = map[string]Limit{
	"bluesky":   {"bluesky", 300, Graphemes},
	"mastodon":  {"mastodon", 500, Chars},
	"facebook":  {"facebook", 8000, Chars},
	"instagram": {"instagram", 2200, Chars},
}

// defaultLimit applies to channels without a known platform (webhook,
// import...): no platform to refuse the text, but a bound all the same.
var defaultLimit = Limit{"", 8000, Chars}

// ErrTooLong: a reply longer than its channel accepts.
var ErrTooLong = errors.New("reply too long for the channel")

// TooLongError says by how much.
type TooLongError struct {
	Channel string
	Limit   Limit
	Length  int
}

func (e *TooLongError) Error() string {
	return fmt.Sprintf("reply too long for %s: %d %s, the limit is %d", e.Channel, e.Length, e.Limit.Unit, e.Limit.Max)
}

// Is makes errors.Is(err, ErrTooLong) true.
func (e *TooLongError) Is(target error) bool { return target == ErrTooLong }

// Platform returns a channel's platform: "bluesky:clinic" -> "bluesky".
func Platform(channel string) string {
	p, _, _ := strings.Cut(channel, ":")
	return strings.ToLower(strings.TrimSpace(p))
}

// LimitFor returns the length limit of a channel.
func LimitFor(channel string) Limit {
	if l, ok := limits[Platform(channel)]; ok {
		return l
	}
	l := defaultLimit
	l.Platform = Platform(channel)
	return l
}

// Length measures text in unit.
func Length(text string, unit Unit) int {
	if unit == Graphemes {
		return CountGraphemes(text)
	}
	return len([]rune(text))
}

// CheckLength returns a *TooLongError when text exceeds channel's limit.
func CheckLength(channel, text string) error {
	l := LimitFor(channel)
	if n := Length(text, l.Unit); n > l.Max {
		return &TooLongError{Channel: channel, Limit: l, Length: n}
	}
	return nil
}

// CountGraphemes approximates extended grapheme clusters without a
// segmentation table: combining marks, variation selectors, emoji
// modifiers and anything joined by ZWJ extend the previous character;
// regional indicators count in pairs (flags); CR LF counts once. This
// matches Bluesky's count for Latin, Nordic and emoji text, the
// languages Stormwatch replies in.
func CountGraphemes(s string) int {
	n := 0
	prev := rune(-1)
	joined, riOpen := false, false
	for _, r := range s {
		switch {
		case prev == '\r' && r == '\n':
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || unicode.Is(unicode.Mc, r):
		case r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0020 && r <= 0xE007F: // variation selectors, tag characters
		case r >= 0x1F3FB && r <= 0x1F3FF: // skin tone modifiers
		case r == 0x200D: // zero width joiner: the next rune joins this cluster
			joined = true
			prev = r
			continue
		case joined:
		case r >= 0x1F1E6 && r <= 0x1F1FF: // regional indicator
			if riOpen {
				riOpen = false
			} else {
				riOpen = true
				n++
			}
			prev, joined = r, false
			continue
		default:
			n++
		}
		riOpen = riOpen && r >= 0x1F1E6 && r <= 0x1F1FF
		prev, joined = r, false
	}
	return n
}
