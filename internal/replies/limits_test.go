package replies

import (
	"errors"
	"strings"
	"testing"
)

func TestCountGraphemes(t *testing.T) {
	tests := []struct {
		s    string
		want int
	}{
		{"", 0},
		{"abc", 3},
		{"été", 3},
		{"e\u0301te\u0301", 3}, // combining accents
		{"👍🏽", 1},              // skin tone
		{"👩‍👩‍👧", 1},           // ZWJ family
		{"🇧🇪🇸🇪", 2},            // two flags
		{"❤️", 1},              // variation selector
		{"a\r\nb", 3},
	}
	for _, tt := range tests {
		if got := CountGraphemes(tt.s); got != tt.want {
			t.Errorf("CountGraphemes(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}

func TestCheckLength(t *testing.T) {
	tests := []struct {
		channel string
		text    string
		tooLong bool
	}{
		{"bluesky:clinic", strings.Repeat("é", 300), false},
		{"bluesky:clinic", strings.Repeat("é", 301), true},
		{"bluesky:clinic", strings.Repeat("👍🏽", 300), false}, // 600 runes, 300 graphemes
		{"mastodon:org", strings.Repeat("a", 500), false},
		{"mastodon:org", strings.Repeat("a", 501), true},
		{"instagram:clinic", strings.Repeat("a", 2201), true},
		{"facebook:page", strings.Repeat("a", 2201), false},
		{"facebook:page", strings.Repeat("a", 8001), true},
		{"webhook:x", strings.Repeat("a", 8001), true},
	}
	for _, tt := range tests {
		err := CheckLength(tt.channel, tt.text)
		if errors.Is(err, ErrTooLong) != tt.tooLong {
			t.Errorf("CheckLength(%s, %d bytes) = %v, want too long %v", tt.channel, len(tt.text), err, tt.tooLong)
		}
		var tl *TooLongError
		if tt.tooLong && (!errors.As(err, &tl) || tl.Length <= tl.Limit.Max) {
			t.Errorf("CheckLength(%s) error %v does not carry length and limit", tt.channel, err)
		}
	}
}
