package lang

import "testing"

// TestR13DanishMarkers: words only Danish writes ("sikke", "nogle",
// "hende", "hvornår", "sgu", "kugle", "lort", "uger", "derhjemme") tip a
// short comment to Danish, so it gets the Danish lexicon as well as the
// Norwegian ones; Bokmål spellings of the same sentences stay Norwegian.
func TestR13DanishMarkers(t *testing.T) {
	id := Default()
	cases := []struct {
		text string
		want []string
	}{
		{"sikke en klaphat du er", []string{"da"}},
		{"du skal få en kugle for panden", []string{"da"}},
		{"hvornår får i nogle nye hvalpe ind", []string{"da"}},
		{"jeg har ventet 3 uger på svar", []string{"da"}},
		{"hun glemte medicinen derhjemme", []string{"da"}},
		// look-alikes in Bokmål and Nynorsk
		{"du skal få en kule i hodet", []string{"nb"}},
		{"jeg har ventet tre uker på svar", []string{"nb"}},
		{"når får dere nye valper inn", []string{"nb"}},
		{"eg har venta tre veker på svar", []string{"nn"}},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			if got, conf := id.Identify(c.text); !contains(c.want, got) {
				t.Errorf("Identify(%q) = %q (%.2f), want one of %v", c.text, got, conf, c.want)
			}
		})
	}
}
