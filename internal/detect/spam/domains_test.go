package spam

import (
	"strings"
	"testing"
)

func TestFindLinks(t *testing.T) {
	tests := []struct {
		text string
		want []string // text of each link span
	}{
		{"go to https://www.example.com/a/b?c=d, then", []string{"https://www.example.com/a/b?c=d"}},
		{"visit tilleuls-veto.com.", []string{"tilleuls-veto.com"}},
		{"short bit.ly/3xYz and more", []string{"bit.ly/3xYz"}},
		{"mail me at anna.svensson@gmail.com please", []string{"anna.svensson@gmail.com"}},
		{"see (www.nrk.no)", []string{"www.nrk.no"}},
		{"ip http://192.168.0.1/login now", []string{"http://192.168.0.1/login"}},
		{"trick https://bank.com@evil.ru/x", []string{"https://bank.com@evil.ru/x"}},
		{"port http://example.org:8080/x ok", []string{"http://example.org:8080/x"}},
		{"The vet was great.It was fine.Thanks", nil},
		{"t.ex. bl.a. z.B. u.a. e.g. i.e. 3.14 v1.2.3 St.Gallen", nil},
		{"the end.No more", nil},
		{"@tilleuls.veto is our handle", nil},
		{"idn tіlleuls-veto.com here", []string{"tіlleuls-veto.com"}},
		{"puny xn--tlleuls-veto-1ok.com here", []string{"xn--tlleuls-veto-1ok.com"}},
		{"", nil},
		{"...", nil},
		{"a.", nil},
	}
	for _, tc := range tests {
		links := findLinks(tc.text, nil)
		var got []string
		for _, l := range links {
			got = append(got, tc.text[l.start:l.end])
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("findLinks(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestLinkDetails(t *testing.T) {
	l := findLinks("x https://tilleuls-veto.com@evil.example.ru/pay", nil)
	if len(l) != 1 || l[0].host != "evil.example.ru" || l[0].userinfo != "tilleuls-veto.com" || !l[0].scheme {
		t.Fatalf("%+v", l)
	}
	l = findLinks("x xn--tlleuls-veto-1ok.com", nil)
	if len(l) != 1 || l[0].host != "tіlleuls-veto.com" || !l[0].idn {
		t.Fatalf("%+v", l)
	}
}

func TestPunycode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"xn--tlleuls-veto-1ok", "tіlleuls-veto"},
		{"xn--tilleuls-vt-kbb402i", "tilleuls-vétо"},
		{"xn--paypl-7ve", "paypаl"},
		{"xn--bcher-kva", "bücher"},
		{"xn--mnchen-3ya", "münchen"},
		{"plain", "plain"},
	}
	for _, tc := range tests {
		got, err := decodeLabel(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("decodeLabel(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"xn--", "xn--a-!", "xn--99999999999", "xn--" + strings.Repeat("z", 300)} {
		if got, err := decodeLabel(bad); err == nil && bad != "xn--" {
			t.Errorf("decodeLabel(%q) = %q, want an error", bad, got)
		}
	}
}

func TestRegistrable(t *testing.T) {
	tests := []struct{ host, reg, label, sub string }{
		{"www.tilleuls-veto.com", "tilleuls-veto.com", "tilleuls-veto", "www"},
		{"tilleuls-veto.secure-login.net", "secure-login.net", "secure-login", "tilleuls-veto"},
		{"shop.example.co.uk", "example.co.uk", "example", "shop"},
		{"www.oslo.kommune.no", "oslo.kommune.no", "oslo", "www"},
		{"tilleuls.netlify.app", "tilleuls.netlify.app", "tilleuls", ""},
		{"com", "com", "com", ""},
	}
	for _, tc := range tests {
		reg, label, _, sub := registrable(tc.host)
		if reg != tc.reg || label != tc.label || sub != tc.sub {
			t.Errorf("registrable(%q) = %q %q %q", tc.host, reg, label, sub)
		}
	}
}

func TestSkeletonAndDistance(t *testing.T) {
	tests := []struct{ a, b string }{
		{"tilleuls-vet0", "tilleuls-veto"},
		{"tіlleuls-veto", "tilleulsveto"},
		{"rnicrosoft", "microsoft"},
		{"paypa1", "paypal"},
		{"ＴＩＬＬＥＵＬＳ", "tilleuls"},
	}
	for _, tc := range tests {
		if skeleton(tc.a) != skeleton(tc.b) {
			t.Errorf("skeleton(%q) = %q, skeleton(%q) = %q", tc.a, skeleton(tc.a), tc.b, skeleton(tc.b))
		}
	}
	dists := []struct {
		a, b string
		want int
	}{
		{"tilleulsveto", "tileulsveto", 1},
		{"tilleulsveto", "tilleulsvteo", 1},
		{"tilleulsveto", "tilluelsvteo", 2},
		{"abc", "xyz", 3},
		{"", "ab", 2},
	}
	for _, d := range dists {
		if got := editDistance(d.a, d.b, 5); got != d.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", d.a, d.b, got, d.want)
		}
	}
	if got := editDistance("aaaaaaaa", "bbbbbbbb", 2); got != 3 {
		t.Errorf("bounded distance = %d, want 3", got)
	}
}

func TestOrgDomainForms(t *testing.T) {
	o := prepareOrgDomains([]string{"https://www.Tilleuls-Veto.com/contact", "mailto:info@xn--mnchen-3ya.de", "nodot", ""})
	if len(o) != 2 || o[0].reg != "tilleuls-veto.com" || o[1].reg != "münchen.de" {
		t.Fatalf("%+v", o)
	}
}
