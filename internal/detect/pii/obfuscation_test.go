package pii

import (
	"context"
	"strings"
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// The personal-data obfuscation probe: known-valid identifiers (checksums
// hold) written the ways people slip them past filters, each in a sentence
// that gives it away as someone else's. Every disguise must still be found
// as the same entity; the plain form is the control.

type piiProbe struct {
	lang, frame, value, entity string
}

var piiProbes = []piiProbe{
	{"en", "her number is %s, call her", "07400123456", EntityPhone},
	{"fr", "son numéro c'est %s, appelez-la", "0612345678", EntityPhone},
	{"nl", "haar nummer is %s, bel haar maar", "0612345678", EntityPhone},
	{"sv", "hennes nummer är %s, ring henne", "0701234567", EntityPhone},
	{"nb", "nummeret hennes er %s, ring henne", "91234567", EntityPhone},
	{"de", "ihre Nummer ist %s, ruft sie an", "015112345678", EntityPhone},
	{"en", "his card is %s lol", "4111111111111111", EntityCard},
	{"de", "seine IBAN ist %s", "DE89370400440532013000", EntityIBAN},
	{"nl", "zijn BSN is %s", "111222333", EntityNLBSN},
	{"sv", "hans personnummer är %s", "8112189876", EntitySEPersonnr},
	{"nb", "fødselsnummeret hans er %s", "05069603566", EntityNOFodselsnr},
	{"fr", "son numéro de sécu c'est %s", "197065969925622", EntityFRNIR},
	{"de", "seine Steuer-ID ist %s", "46798136525", EntityDETaxID},
}

var digitWords = map[string][]string{
	"en": {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"},
	"fr": {"zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"},
	"nl": {"nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"},
	"sv": {"noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio"},
	"nb": {"null", "en", "to", "tre", "fire", "fem", "seks", "sju", "åtte", "ni"},
	"de": {"null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"},
}

// sep puts s between every character.
func sepEvery(v, s string) string {
	return strings.Join(strings.Split(v, ""), s)
}

// groups writes v in groups of n separated by s.
func groups(v string, n int, s string) string {
	var parts []string
	for len(v) > n {
		parts = append(parts, v[:n])
		v = v[n:]
	}
	return strings.Join(append(parts, v), s)
}

var piiDisguises = []struct {
	name string
	fn   func(lang, v string) string
}{
	{"plain", func(_, v string) string { return v }},
	{"spaced", func(_, v string) string { return sepEvery(v, " ") }},
	{"dotted", func(_, v string) string { return sepEvery(v, ".") }},
	{"dashed-pairs", func(_, v string) string { return groups(v, 2, "-") }},
	{"slashed-triples", func(_, v string) string { return groups(v, 3, "/") }},
	{"zero-width", func(_, v string) string { return sepEvery(v, "\u200b") }},
	{"soft-hyphen", func(_, v string) string { return groups(v, 3, "\u00ad") }},
	{"double-spaced", func(_, v string) string { return groups(v, 2, "  ") }},
	{"letter-o", func(_, v string) string { return strings.ReplaceAll(v, "0", "O") }},
	{"words", func(lang string, v string) string {
		var w []string
		for _, r := range v {
			if r >= '0' && r <= '9' {
				w = append(w, digitWords[lang][r-'0'])
			} else {
				w = append(w, string(r))
			}
		}
		return strings.Join(w, " ")
	}},
	{"fullwidth", func(_, v string) string {
		var b strings.Builder
		for _, r := range v {
			if r >= '0' && r <= '9' {
				r += 0xFF10 - '0'
			}
			b.WriteRune(r)
		}
		return b.String()
	}},
}

func TestPIIObfuscationProbe(t *testing.T) {
	d := New()
	caught, total := map[string]int{}, map[string]int{}
	for _, p := range piiProbes {
		for _, o := range piiDisguises {
			v := o.fn(p.lang, p.value)
			text := strings.Replace(p.frame, "%s", v, 1)
			sigs, err := d.Detect(context.Background(), detect.Input{Text: text, Lang: p.lang})
			if err != nil {
				t.Fatal(err)
			}
			total[o.name]++
			found := false
			for _, s := range sigs {
				if s.Entity == p.entity && (s.Category == detect.Doxxing || s.Category == detect.PII) {
					found = true
				}
			}
			if found {
				caught[o.name]++
			} else if testing.Verbose() {
				t.Logf("miss %-15s %-16s %q", o.name, p.entity, text)
			}
		}
	}
	sum, n := 0, 0
	for _, o := range piiDisguises {
		t.Logf("%-15s %2d / %2d", o.name, caught[o.name], total[o.name])
		if o.name != "plain" {
			sum += caught[o.name]
			n += total[o.name]
		}
	}
	t.Logf("all disguises: %d / %d", sum, n)
	if caught["plain"] != total["plain"] {
		t.Errorf("plain identifiers missed: %d of %d found", caught["plain"], total["plain"])
	}
}
