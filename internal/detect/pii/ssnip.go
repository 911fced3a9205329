package pii

import (
	"net/netip"
	"strings"
)

// Two identifiers outside the product's six countries that third parties
// test for, and that a comment can expose someone with: a US Social
// Security number and an IP address.

const (
	EntityUSSSN = "us_ssn"
	EntityIP    = "ip_address"
)

// ssnCues and ipCues are the words that name the identifier just before it.
var (
	ssnCues = []string{"ssn", "social security", "soc sec", "social-security"}
	ipCues  = []string{"ip", "ip address", "ip-adress", "ip-adresse", "adresse ip", "ip-adres", "ip adress"}
)

// versionWords name a software version or build; a dotted quad right after
// one is that version ("Update to version 10.2.3.4").
var versionWords = []string{"version", "versions", "ver", "versie", "versjon", "versjonen", "versionen",
	"build", "release", "firmware", "patch", "update", "upgrade", "uppdatering", "oppdatering", "aktualisierung"}

// versionBefore reports whether the word just before i (past spaces and a
// colon) is one of versionWords.
func (s *scan) versionBefore(i int) bool {
	k := i
	for k > 0 && (s.low[k-1] == ' ' || s.low[k-1] == ':') {
		k--
	}
	for _, w := range versionWords {
		if len(w) <= k && s.low[k-len(w):k] == w && (k-len(w) == 0 || !wordByte(s.low[k-len(w)-1])) {
			return true
		}
	}
	return false
}

// cuedBefore reports whether one of cues ends within 24 bytes before i,
// as whole words.
func (s *scan) cuedBefore(i int, cues []string) bool {
	lo := max(0, i-24)
	win := s.low[lo:i]
	for _, c := range cues {
		k := strings.LastIndex(win, c)
		if k < 0 {
			continue
		}
		a, b := lo+k, lo+k+len(c)
		if (a == 0 || !isAlnumASCII(s.low[a-1])) && (b >= len(s.low) || !isAlnumASCII(s.low[b])) {
			return true
		}
	}
	return false
}

// validSSN applies the Social Security Administration's rules: no area 000,
// 666 or 900-999, no group 00, no serial 0000.
func validSSN(area, group, serial string) bool {
	return area != "000" && area != "666" && area[0] != '9' && group != "00" && serial != "0000"
}

// findUSSSNs finds "078-05-1120" and "078 05 1120" anywhere, and nine
// digits in a row after "SSN" or "social security".
func (s *scan) findUSSSNs() {
	if s.ndig < 9 {
		return
	}
	t := s.text
	for i := 0; i+9 <= len(t); i++ {
		if !isDigit(t[i]) || (i > 0 && (isAlnumASCII(t[i-1]) || t[i-1] == '-' || t[i-1] == '.' || t[i-1] == '+')) {
			continue
		}
		var area, group, serial string
		end := 0
		if i+11 <= len(t) && digitsAt(t, i, 3) && (t[i+3] == '-' || t[i+3] == ' ') && digitsAt(t, i+4, 2) &&
			t[i+6] == t[i+3] && digitsAt(t, i+7, 4) {
			area, group, serial, end = t[i:i+3], t[i+4:i+6], t[i+7:i+11], i+11
		} else if digitsAt(t, i, 9) && s.cuedBefore(i, ssnCues) {
			area, group, serial, end = t[i:i+3], t[i+3:i+5], t[i+5:i+9], i+9
		} else {
			continue
		}
		if end < len(t) && (isAlnumASCII(t[end]) || (t[end] == '-' || t[end] == '.') && end+1 < len(t) && isDigit(t[end+1])) {
			continue
		}
		if !validSSN(area, group, serial) || s.overlapsTaken(i, end) {
			continue
		}
		// Without the word, the shape alone is weaker evidence: a spaced
		// one may be any reference number.
		conf := 0.7
		if t[i+3] == ' ' {
			conf = 0.5
		}
		if s.cuedBefore(i, ssnCues) {
			conf = 0.99
		}
		s.add(finding{entity: EntityUSSSN, s: i, e: end, conf: conf,
			why: "US Social Security number " + area[:1] + "••-••-••" + serial[2:] + " in the SSA's shape"})
		i = end
	}
}

func digitsAt(t string, i, n int) bool {
	if i+n > len(t) {
		return false
	}
	for k := i; k < i+n; k++ {
		if !isDigit(t[k]) {
			return false
		}
	}
	return true
}

// findIPs finds IPv4 addresses ("192.168.10.25"). Without the word "IP"
// before it, a dotted quad may be a version or a date, so it counts as
// weak evidence only.
func (s *scan) findIPs() {
	if s.ndig < 4 || strings.Count(s.text, ".") < 3 {
		return
	}
	t := s.text
	for i := 0; i < len(t); i++ {
		if !isDigit(t[i]) || (i > 0 && (isAlnumASCII(t[i-1]) || t[i-1] == '.')) {
			continue
		}
		j := i
		for j < len(t) && (isDigit(t[j]) || t[j] == '.' && j+1 < len(t) && isDigit(t[j+1])) {
			j++
		}
		if j < len(t) && isAlphaASCII(t[j]) || strings.Count(t[i:j], ".") != 3 {
			i = j
			continue
		}
		a, err := netip.ParseAddr(t[i:j])
		if err != nil || !a.Is4() || a.IsUnspecified() || s.overlapsTaken(i, j) {
			i = j
			continue
		}
		conf := 0.55
		if s.cuedBefore(i, ipCues) {
			conf = 0.97
		} else if s.versionBefore(i) {
			// "version 10.2.3.4", "build 4.1.0.12": a dotted
			// version, not an address.
			i = j
			continue
		}
		s.add(finding{entity: EntityIP, s: i, e: j, conf: conf, why: "IPv4 address " + mask(t[i:j])})
		i = j
	}
}
