package spam

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// link is a URL, a bare domain or an e-mail domain found in the text.
type link struct {
	start, end int    // bytes of the original text: the whole URL or domain
	host       string // lower-cased, punycode decoded, without a trailing dot
	ascii      string // the host as written, lower-cased (xn-- kept)
	scheme     bool   // written with http:// or https://
	email      bool   // the domain of an e-mail address
	userinfo   string // what came before @ in scheme://userinfo@host
	path       bool   // followed by a path
	ip         bool   // the host is an IPv4 address
	idn        bool   // the host has non-ASCII letters or xn-- labels
}

// isHostByte reports ASCII bytes that can appear in a host name.
func isHostByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
}

// isHostRune reports whether r can appear in a host as a reader sees it:
// ASCII host bytes, and letters of any script (internationalised domains,
// homoglyphs).
func isHostRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isHostByte(byte(r))
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// findLinks appends every link of s to out. It allocates only when it finds
// one: most comments have none.
func findLinks(s string, out []link) []link {
	from := 0
	for from < len(s) {
		d := strings.IndexByte(s[from:], '.')
		if d < 0 {
			break
		}
		d += from
		from = d + 1
		if d == 0 || d+1 >= len(s) {
			continue
		}
		if r, _ := utf8.DecodeLastRuneInString(s[:d]); !isHostRune(r) || r == '.' || r == '-' {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(s[d+1:]); !isHostRune(r) || r == '.' || r == '-' {
			continue
		}
		a := d
		for a > 0 {
			r, w := utf8.DecodeLastRuneInString(s[:a])
			if !isHostRune(r) {
				break
			}
			a -= w
		}
		b := d
		for b < len(s) {
			r, w := utf8.DecodeRuneInString(s[b:])
			if !isHostRune(r) {
				break
			}
			b += w
		}
		from = b
		if l, ok := parseLink(s, a, b); ok {
			out = append(out, l)
		}
	}
	return out
}

// parseLink validates the host run s[a:b] and extends it to the whole URL.
func parseLink(s string, a, b int) (link, bool) {
	for a < b && (s[a] == '.' || s[a] == '-') {
		a++
	}
	for b > a && (s[b-1] == '.' || s[b-1] == '-') {
		b--
	}
	if a >= b || b-a > 253 {
		return link{}, false
	}
	if b < len(s) && s[b] == '@' {
		return link{}, false // the local part of an e-mail address, or userinfo
	}
	raw := s[a:b]
	if strings.Contains(raw, "..") || !strings.Contains(raw, ".") {
		return link{}, false
	}
	l := link{start: a, end: b}
	// scheme://
	if a >= 3 && s[a-3:a] == "://" {
		j := a - 3
		for j > 0 && isSchemeByte(s[j-1]) {
			j--
		}
		if j < a-3 {
			l.scheme = true
			l.start = j
		}
	}
	// userinfo@host or an e-mail address
	if a >= 1 && (s[a-1] == '@') {
		j := a - 1
		for j > 0 && !isSpaceByte(s[j-1]) {
			j--
		}
		before := s[j : a-1]
		if k := strings.Index(before, "://"); k >= 0 {
			l.scheme = true
			l.userinfo = before[k+3:]
			l.start = j
			for l.start < a && !isSchemeByte(s[l.start]) {
				l.start++
			}
		} else if j < a-1 {
			l.email = true
			l.start = j
			for l.start < a-1 && !isLocalByte(s[l.start]) {
				l.start++
			}
		} else {
			return link{}, false // a @mention such as @tilleuls.veto
		}
	}
	// path, query, port
	if b < len(s) && (s[b] == '/' || s[b] == '?' || s[b] == '#' || s[b] == ':') && !l.email {
		if s[b] == ':' && (b+1 >= len(s) || s[b+1] < '0' || s[b+1] > '9') {
			// a colon after a sentence, not a port
		} else {
			e := b
			for e < len(s) {
				r, w := utf8.DecodeRuneInString(s[e:])
				if unicode.IsSpace(r) || r == '"' || r == '<' || r == '>' || r == '\'' || r == utf8.RuneError && w == 1 {
					break
				}
				e += w
			}
			for e > b && strings.IndexByte(".,;:!?)]}", s[e-1]) >= 0 {
				e--
			}
			if e > b+1 {
				l.path = true
			}
			l.end = e
		}
	}
	lower := strings.ToLower(raw)
	l.ascii = lower
	labels := strings.Split(lower, ".")
	tld := labels[len(labels)-1]
	if allDigits(tld) {
		if len(labels) == 4 && allDigits(labels[0]) && allDigits(labels[1]) && allDigits(labels[2]) && (l.scheme || l.path) {
			l.ip = true
			l.host = lower
			return l, true
		}
		return link{}, false
	}
	wwwPrefix := strings.HasPrefix(lower, "www.")
	if !l.scheme && !wwwPrefix && !l.email {
		// A bare domain: only a known top-level domain written in lower
		// case, so "fine.It was" and "t.ex" are prose.
		if !knownTLD(tld) {
			return link{}, false
		}
		last := strings.LastIndexByte(raw, '.')
		if c := raw[last+1]; c >= 'A' && c <= 'Z' {
			return link{}, false
		}
	} else if !validTLD(tld) {
		return link{}, false
	}
	var hb strings.Builder
	for i, lab := range labels {
		if lab == "" {
			return link{}, false
		}
		dec, err := decodeLabel(lab)
		if err != nil {
			dec = lab
		}
		if dec != lab {
			l.idn = true
		}
		if i > 0 {
			hb.WriteByte('.')
		}
		hb.WriteString(dec)
	}
	l.host = hb.String()
	if !l.idn {
		for i := 0; i < len(l.host); i++ {
			if l.host[i] >= utf8.RuneSelf {
				l.idn = true
				break
			}
		}
	}
	return l, true
}

func isSchemeByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '+' || c == '-'
}

func isLocalByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= utf8.RuneSelf
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == '(' || c == '<' || c == '"'
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// validTLD accepts what can be a top-level domain after a scheme or www.
func validTLD(t string) bool {
	if strings.HasPrefix(t, "xn--") {
		return len(t) > 4
	}
	if len(t) < 2 || len(t) > 24 {
		return false
	}
	for i := 0; i < len(t); i++ {
		if t[i] < 'a' || t[i] > 'z' {
			return false
		}
	}
	return true
}

func knownTLD(t string) bool {
	if strings.HasPrefix(t, "xn--") {
		return len(t) > 4
	}
	_, ok := tlds[t]
	return ok
}

// tlds are the top-level domains accepted in a bare domain (no scheme, no
// www.): every country code and the generic ones seen in comments.
var tlds = setOf(
	// country codes
	"ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bw by bz "+
		"ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et eu fi fj fk fm fo fr "+
		"ga gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp "+
		"ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml mm mn mo mp mq mr ms mt "+
		"mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru "+
		"rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw tz "+
		"ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw",
	// generic
	"com net org info biz edu gov mil int name pro mobi app dev ai xyz top online site website club shop store live link "+
		"click icu buzz vip win bid loan loans work fun space tech page blog news life world today email cloud host digital "+
		"network social media agency solutions services support center company business finance money cash credit bank "+
		"trade market exchange capital fund investments gold casino bet poker games porn sex xxx adult sexy dating singles "+
		"date love cam tube video movie mov zip lol quest sbs cfd rest monster cyou bond ink one art design studio photo "+
		"pics gallery global group team ltd llc gmbh eco bio vet clinic care health doctor hospital dental pet "+
		"paris berlin hamburg koeln wien amsterdam brussels gent vlaanderen stockholm oslo swiss bayern nrw quebec london "+
		"nyc eus bzh frl cymru scot earth green guru expert help review reviews deals sale promo gift gifts free "+
		"download stream live fyi wiki academy school education jobs career careers events social lat asia africa tokyo",
)

// shorteners hide where a link leads; the registrable domain is looked up.
var shorteners = setOf("bit.ly bitly.com tinyurl.com goo.gl ow.ly is.gd buff.ly cutt.ly rebrand.ly shorturl.at rb.gy t.ly " +
	"tiny.cc s.id bl.ink v.gd shorte.st adf.ly bc.vc soo.gd qr.ae x.co tr.im clck.ru u.to urlz.fr shorturl.com tiny.one " +
	"bit.do short.io shrtco.de t2m.io gg.gg snip.ly ouo.io shorturl.gg lnk.bio cli.re l.ead.me qrco.de")

// messengers move the conversation off the platform, where scams happen.
var messengers = setOf("wa.me t.me telegram.me telegram.dog chat.whatsapp.com api.whatsapp.com wa.link signal.me")

// suspiciousTLDs are the top-level domains most abused for phishing and
// spam in published abuse statistics; a mild signal only.
var suspiciousTLDs = setOf("xyz top click icu buzz tk ml ga cf gq zip mov work loan win bid cam rest monster sbs cfd lol quest cyou bond")

// multiSuffixes are public suffixes of two labels (and hosting platforms
// where every customer gets a subdomain): the registrable domain is then
// three labels long.
var multiSuffixes = setOf(
	"co.uk org.uk me.uk ac.uk gov.uk ltd.uk plc.uk net.uk sch.uk nhs.uk com.au net.au org.au gov.au co.nz org.nz govt.nz "+
		"co.za com.br com.mx co.jp ne.jp or.jp com.cn com.tw com.hk co.in co.kr com.sg com.tr com.ar co.il "+
		"gouv.fr asso.fr nom.fr co.at or.at gv.at ac.at priv.no kommune.no fylkesbibl.no folkebibl.no gov.pl com.pl "+
		"gc.ca qc.ca on.ca bc.ca ab.ca mb.ca ns.ca nb.ca nl.ca sk.ca pe.ca gouv.qc.ca com.es com.pt com.gr com.ua com.ru",
	"github.io gitlab.io netlify.app vercel.app herokuapp.com web.app firebaseapp.com pages.dev workers.dev blogspot.com "+
		"wordpress.com wixsite.com weebly.com webflow.io glitch.me repl.co onrender.com azurewebsites.net cloudfront.net "+
		"appspot.com r2.dev framer.website carrd.co square.site myshopify.com ngrok.io ngrok-free.app 000webhostapp.com "+
		"weeblysite.com godaddysites.com jimdosite.com mystrikingly.com wix.com sharepoint.com notion.site gitbook.io "+
		"business.site translate.goog",
)

func setOf(lists ...string) map[string]struct{} {
	m := map[string]struct{}{}
	for _, l := range lists {
		for _, w := range strings.Fields(l) {
			m[w] = struct{}{}
		}
	}
	return m
}

func inSet(m map[string]struct{}, s string) bool { _, ok := m[s]; return ok }

// registrable splits host into its registrable domain ("example.co.uk"),
// the label before the public suffix ("example"), the suffix ("co.uk") and
// what comes before ("www.shop").
func registrable(host string) (reg, label, suffix, sub string) {
	labels := strings.Split(host, ".")
	n := len(labels)
	if n < 2 {
		return host, host, "", ""
	}
	sl := 1
	if n >= 3 && inSet(multiSuffixes, labels[n-2]+"."+labels[n-1]) {
		sl = 2
		if n >= 4 && inSet(multiSuffixes, labels[n-3]+"."+labels[n-2]+"."+labels[n-1]) {
			sl = 3
		}
	}
	if n <= sl {
		return host, labels[0], strings.Join(labels[1:], "."), ""
	}
	label = labels[n-sl-1]
	suffix = strings.Join(labels[n-sl:], ".")
	reg = label + "." + suffix
	sub = strings.Join(labels[:n-sl-1], ".")
	return
}

// skeleton is what a label looks like to a hurried reader: folded (accents,
// case, Cyrillic and Greek look-alikes, fancy letters), digits read as the
// letters they resemble, rn read as m, vv as w, hyphens and dots dropped.
func skeleton(s string) string {
	var b []byte
	for _, r := range s {
		if r == '-' || r == '.' || r == '_' {
			continue
		}
		n := len(b)
		b, _ = foldRune(b, r)
		for i := n; i < len(b); i++ {
			switch b[i] {
			case '0':
				b[i] = 'o'
			case '1':
				b[i] = 'l'
			case '3':
				b[i] = 'e'
			case '4':
				b[i] = 'a'
			case '5':
				b[i] = 's'
			case '7':
				b[i] = 't'
			case '$':
				b[i] = 's'
			}
		}
	}
	out := string(b)
	if strings.Contains(out, "rn") {
		out = strings.ReplaceAll(out, "rn", "m")
	}
	if strings.Contains(out, "vv") {
		out = strings.ReplaceAll(out, "vv", "w")
	}
	return out
}

// editDistance is the optimal-string-alignment distance (insertions,
// deletions, substitutions, adjacent transpositions) between a and b,
// stopping early above max. Strings longer than 64 bytes compare as far.
func editDistance(a, b string, max int) int {
	if a == b {
		return 0
	}
	la, lb := len(a), len(b)
	if la > 64 || lb > 64 {
		return max + 1
	}
	if d := la - lb; d > max || -d > max {
		return max + 1
	}
	var rows [3][65]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= lb; j++ {
		prev[j] = j
	}
	for i := 1; i <= la; i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= lb; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := prev[j] + 1
			if x := cur[j-1] + 1; x < v {
				v = x
			}
			if x := prev[j-1] + cost; x < v {
				v = x
			}
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				if x := prev2[j-2] + 1; x < v {
					v = x
				}
			}
			cur[j] = v
			if v < best {
				best = v
			}
		}
		if best > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[lb]
}
