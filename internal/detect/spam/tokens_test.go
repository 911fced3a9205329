package spam

import (
	"strings"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		text string
		want string // folded words joined by |
	}{
		{"Vous avez GAGNÉ !", "vous|avez|gagne"},
		{"l'équipe d'accueil", "l|equipe|d|accueil"},
		{"you've won't", "youve|wont"},
		{"Glückwunsch, Straße, Ærø, Œuvre", "gluckwunsch|strasse|aero|oeuvre"},
		{"bitсoin раypal", "bitcoin|paypal"}, // Cyrillic с, р, а
		{"𝐂𝐥𝐢𝐜𝐤 ｈｅｒｅ Ⓦⓘⓝ", "click|here|win"},
		{"i\u200bd\u00adiot", "idiot"},
		{"E.a.r.n c-a-s-h f r e e now", "earn|cash|free|now"},
		{"M-a-k-e e.a.s.y", "make|easy"},
		{"S.P.A. a b c", "spa|a|b|c"},
		{"@promo_page send", "promo|page|send"},
		{"\xff\x8fA\xc3", "a"},
	}
	for _, tc := range tests {
		buf, toks := tokenize(tc.text, nil, nil, nil)
		var got []string
		for _, tk := range toks {
			got = append(got, string(buf[tk.fs:tk.fe]))
			if tk.start < 0 || tk.end > len(tc.text) || tk.start >= tk.end {
				t.Errorf("%q: token range %d..%d", tc.text, tk.start, tk.end)
			}
		}
		if strings.Join(got, "|") != tc.want {
			t.Errorf("tokenize(%q) = %q, want %q", tc.text, strings.Join(got, "|"), tc.want)
		}
	}
	_, toks := tokenize("@anna hi", nil, nil, nil)
	if !toks[0].mention || toks[1].mention {
		t.Error("mention flags")
	}
}
