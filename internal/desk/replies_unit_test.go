package desk

import (
	"testing"

	"github.com/stormwatch/stormwatch/internal/replies"
)

func TestMarkWarnings(t *testing.T) {
	mk := func(kind replies.ToneKind, a, b int) replies.Warning {
		return replies.Warning{Kind: kind, Cue: replies.CueShouting, Span: [2]int{a, b}}
	}
	tests := []struct {
		name string
		text string
		ws   []replies.Warning
		want string
	}{
		{"none", "a <b>", nil, "a &lt;b&gt;"},
		{"one", "you LIE", []replies.Warning{mk(replies.Aggressive, 4, 7)}, `you <mark class="tone tone-aggressive">LIE</mark><sup class="tone-n">1</sup>`},
		{"overlapping spans share a mark", "NO WAY", []replies.Warning{mk(replies.Defensive, 0, 2), mk(replies.Aggressive, 0, 6)}, `<mark class="tone tone-aggressive">NO WAY</mark><sup class="tone-n">1,2</sup>`},
		{"out of range is clamped, markup escaped", "<i>", []replies.Warning{mk(replies.Defensive, -3, 99)}, `<mark class="tone tone-defensive">&lt;i&gt;</mark><sup class="tone-n">1</sup>`},
		{"empty span is listed only", "abc", []replies.Warning{mk(replies.Defensive, 2, 2)}, "abc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := func() string { h, _ := markWarnings(&Lang{Code: "en"}, tt.text, tt.ws); return string(h) }(); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}
