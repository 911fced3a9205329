package spam

import (
	"fmt"
	"strings"
)

// selfNamedLure is the weight of a link whose host spells a name the post
// itself gives, joined to a lure or login word: strong, but short of a
// look-alike of the organization's own domain, so a call to action or an
// urgency still decides it alone.
const selfNamedLure = 0.7

// lureHostWords are the words that turn a name in a domain into a trap:
// prizes, refunds, claims and logins, in the project's languages. They are
// searched as whole hyphen- or dot-separated parts of the host, or as the
// end of one ("auentalgewinn"), never as bare substrings of a longer word.
// Not judge.go's phishWords: those also hold words as plain as "service"
// or "team", which only count next to a known brand's name.
var lureHostWords = func() []string {
	var out []string
	for _, w := range strings.Fields("claim claims refund refunds refusjon refusion aterbetalning terugbetaling terugbetalen " +
		"erstattung ruckerstattung remboursement rembourser gift gifts cadeau cadeaux geschenk gave gaver present " +
		"prize prizes prix gewinn gewinne gewinnspiel vinn vinnare vinner winnaar winner gagnant bonus reward rewards premie " +
		"login signin logon connexion connecter einloggen anmelden inloggen logginn loggain verify verification verifier " +
		"verifiering verifisering bestatigen bekraften secure unlock restore reactivate bankid") {
		out = append(out, foldString(w))
	}
	return out
}()

// hostFillers are parts of a host that name nothing ("www", "portal").
var hostFillers = map[string]struct{}{"www": {}, "portal": {}, "online": {}, "web": {}, "site": {}, "info": {}, "app": {}, "my": {}, "mitt": {}, "min": {}, "mon": {}, "mein": {}, "the": {}, "shop": {}, "service": {}, "kundeservice": {}, "kundservice": {}}

// selfNamed reports whether host spells two words that the post's prose
// (buf, toks: its folded words, links left out) also holds, together with
// a lure or login word: "clinique-saules-cadeaux.info" under a post from
// "La Clinique Vétérinaire des Saules".
func selfNamed(host string, buf []byte, toks []token) (string, bool) {
	_, label, _, sub := registrable(host)
	var partsBuf [10]string
	parts := partsBuf[:0]
	for _, piece := range [2]string{sub, label} {
		for _, p := range strings.FieldsFunc(piece, func(r rune) bool { return r == '-' || r == '.' }) {
			if len(parts) < cap(parts) {
				// Folded, not skeletonised: the parts are compared with
				// the prose's words, and a skeleton turns "barnehage"
				// into "bamehage".
				parts = append(parts, foldString(p))
			}
		}
	}
	if len(parts) < 2 {
		return "", false
	}
	lure := ""
find:
	for _, p := range parts {
		for _, w := range lureHostWords {
			if p == w || len(p) > len(w)+3 && strings.HasSuffix(p, w) {
				lure = w
				break find
			}
		}
	}
	if lure == "" {
		return "", false
	}
	var named []string
	for _, p := range parts {
		if len(p) < 4 || strings.HasSuffix(p, lure) {
			continue
		}
		if _, ok := hostFillers[p]; ok {
			continue
		}
		for _, t := range toks {
			if string(buf[t.fs:t.fe]) == p {
				if !contains(named, p) {
					named = append(named, p)
				}
				break
			}
		}
	}
	if len(named) < 2 {
		return "", false
	}
	return fmt.Sprintf("%s spells the post's own name (%s) with %q: a site set up to look like the sender's", host, strings.Join(named, " "), lure), true
}
