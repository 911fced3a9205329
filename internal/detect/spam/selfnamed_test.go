package spam

import (
	"context"
	"strings"
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// TestSelfNamed: a post that signs with a name and links to that name plus
// a prize, refund or login word is its own fake site, whatever organization
// it pretends to be; the same name with a plain domain, or a lure word
// without the name, is not evidence.
func TestSelfNamed(t *testing.T) {
	cases := []struct {
		lang, text string
		self       bool    // the self-named evidence is reported
		min, max   float64 // score bounds (0: none)
	}{
		{"en", "Harbourside Dental Customer Care: your refund is ready. Confirm your card at harbourside-dental-refunds.net within 24h", true, 0.85, 0},
		{"fr", "🎁 La Boulangerie Fournier offre un an de pain aux 50 premiers ! Participez ici 👉 boulangerie-fournier-cadeau.site/inscription", true, 0.8, 0},
		{"nl", "Gemeente Dalwijk: u heeft recht op een terugbetaling van de afvalheffing. Log in via dalwijk-gemeente.terugbetaling-online.nl", true, 0.7, 0},
		{"sv", "Vårdcentralen Norrbacka informerar: logga in med BankID för att få tillbaka avgiften: norrbacka-vardcentralen-bankid.com", true, 0.7, 0},
		{"de", "Tierheim Lindenhof verlost 10 Futterpakete! Jetzt mitmachen: tierheim-lindenhof-gewinnspiel.de", true, 0.7, 0},
		{"nb", "Bergli barnehage: du har penger tilgode. Logg inn her: bergli-barnehage-refusjon.com", true, 0.8, 0},
		// the organization linking to its own plain domain, path words included
		{"en", "Harbourside Dental: claims and refunds are handled at harbourside-dental.com/refunds", false, 0, 0.79},
		{"de", "Tierheim Lindenhof: Anmeldung zum Sommerfest unter tierheim-lindenhof.de/login", false, 0, 0.79},
		// a lure word in a domain the post does not name itself after
		{"en", "The Parkview Vets team were lovely. Found the insurer's form at quickpet-claims.com, all sorted", false, 0, 0.79},
		// one name word only
		{"fr", "Ma commande Fournier est arrivée, merci ! Le suivi était sur fournier-cadeau.fr", false, 0, 0.79},
	}
	d := New()
	for _, c := range cases {
		sigs, err := d.Detect(context.Background(), detect.Input{Text: c.text, Lang: c.lang, Context: clinic})
		if err != nil {
			t.Fatal(err)
		}
		score, why := 0.0, ""
		for _, s := range sigs {
			if s.Category == detect.Spam && s.Score > score {
				score, why = s.Score, s.Explanation
			}
		}
		if got := strings.Contains(why, "spells the post's own name"); got != c.self {
			t.Errorf("%s %q: self-named = %v, want %v (score %.2f: %s)", c.lang, c.text, got, c.self, score, why)
		}
		if c.min > 0 && score < c.min {
			t.Errorf("%s %q: score %.2f, want at least %.2f (%s)", c.lang, c.text, score, c.min, why)
		}
		if c.max > 0 && score > c.max {
			t.Errorf("%s %q: score %.2f, want at most %.2f (%s)", c.lang, c.text, score, c.max, why)
		}
	}
}
