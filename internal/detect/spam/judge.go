package spam

import (
	"fmt"
	"strings"
	"sync"
)

// orgDomain is one of the organization's own domains, prepared for
// comparison.
type orgDomain struct {
	host, reg, label, suffix string
	skel                     string // skeleton of the registrable label
}

// orgCache keeps prepared domains per workspace configuration: a
// workspace's domains change rarely and are checked for every link.
var orgCache struct {
	sync.Mutex
	m map[string]orgPrepared
}

type orgPrepared struct {
	domains []orgDomain
	names   []string
}

const orgCacheMax = 1024

// cachedOrg prepares the organization's domains and name keys once per
// distinct configuration.
func cachedOrg(domains, names []string) ([]orgDomain, []string) {
	if len(domains) == 0 && len(names) == 0 {
		return nil, nil
	}
	key := strings.Join(domains, "\n") + "\x00" + strings.Join(names, "\n")
	orgCache.Lock()
	defer orgCache.Unlock()
	if o, ok := orgCache.m[key]; ok {
		return o.domains, o.names
	}
	if orgCache.m == nil || len(orgCache.m) >= orgCacheMax {
		orgCache.m = map[string]orgPrepared{}
	}
	o := orgPrepared{prepareOrgDomains(domains), orgNameKeys(names)}
	orgCache.m[key] = o
	return o.domains, o.names
}

func prepareOrgDomains(domains []string) []orgDomain {
	var out []orgDomain
	for _, d := range domains {
		d = strings.ToLower(strings.TrimSpace(d))
		if i := strings.Index(d, "://"); i >= 0 {
			d = d[i+3:]
		}
		d = strings.TrimPrefix(d, "mailto:")
		if i := strings.IndexAny(d, "/?#"); i >= 0 {
			d = d[:i]
		}
		if i := strings.LastIndexByte(d, '@'); i >= 0 {
			d = d[i+1:]
		}
		if i := strings.IndexByte(d, ':'); i >= 0 {
			d = d[:i]
		}
		d = strings.TrimSuffix(strings.TrimPrefix(d, "www."), ".")
		if !strings.Contains(d, ".") {
			continue
		}
		labels := strings.Split(d, ".")
		for i, l := range labels {
			if dec, err := decodeLabel(l); err == nil {
				labels[i] = dec
			}
		}
		d = strings.Join(labels, ".")
		reg, label, suffix, _ := registrable(d)
		out = append(out, orgDomain{host: d, reg: reg, label: label, suffix: suffix, skel: skeleton(label)})
	}
	return out
}

// orgNameKeys are the organization's names squashed into one word
// ("cliniquedestilleuls"), long enough to be searched inside a domain.
func orgNameKeys(names []string) []string {
	var out []string
	add := func(k string) {
		if len(k) >= 8 && !contains(out, k) {
			out = append(out, k)
		}
	}
	for _, n := range names {
		add(skeleton(n))
		// "Clinique des Tilleuls" is also "clinique-tilleuls" in a domain.
		var b strings.Builder
		for _, w := range strings.FieldsFunc(foldString2(n), func(r rune) bool { return r == ' ' }) {
			if !nameStopwords[w] {
				b.WriteString(w)
			}
		}
		add(skeleton(b.String()))
	}
	return out
}

// nameStopwords are the small words of organization names, dropped when
// the name is written as a domain.
var nameStopwords = map[string]bool{
	"les": true, "des": true, "de": true, "du": true, "la": true, "le": true, "l": true, "d": true, "et": true,
	"the": true, "of": true, "and": true, "het": true, "van": true, "en": true, "der": true, "die": true, "das": true,
	"am": true, "im": true, "zu": true, "und": true, "och": true, "i": true, "og": true, "pa": true, "a": true,
}

// foldString2 folds s keeping word boundaries as spaces.
func foldString2(s string) string {
	var b []byte
	for _, r := range s {
		n := len(b)
		var cl int
		b, cl = foldRune(b, r)
		if cl != clWord && cl != clJoin && n > 0 && b[n-1] != ' ' {
			b = append(b, ' ')
		}
	}
	return string(b)
}

// brand is a platform or a service whose name phishing pages borrow
// ("facebook-appeal-center.com", "paypa1.com").
type brand struct{ key string }

var brands = func() []brand {
	var out []brand
	for _, b := range strings.Fields("facebook instagram whatsapp meta paypal apple icloud google gmail microsoft outlook hotmail " +
		"netflix amazon dhl fedex postnord bring postnl laposte colissimo chronopost klarna vipps swish bankid rabobank abnamro " +
		"nordea swedbank handelsbanken sparkasse commerzbank ameli impots antai digid belastingdienst skatteverket altinn tiktok " +
		"youtube twitter linkedin bluesky snapchat binance coinbase metamask trustwallet revolut mitid itsme") {
		out = append(out, brand{key: skeleton(b)})
	}
	return out
}()

// brandOwned are the brands' own labels that contain a brand name.
var brandOwned = setOf("amazonaws googleusercontent googleapis googlevideo googlesyndication facebookmail " +
	"fbcdn whatsappbrand youtubekids microsoftonline paypalobjects appleid icloudcontent linkedinmobileapp")

// phishWords turn a brand inside a foreign domain into phishing.
var phishWords = func() []string {
	var out []string
	for _, w := range strings.Fields("support help secure security login signin verify verification appeal center centre service " +
		"account recovery confirm update unlock review policy business billing pay payment refund remboursement paiement livraison " +
		"delivery tracking colis pakket paket parcel gov official protect alert notice team check auth wallet claim gift reward " +
		"bonus copyright violation restore reactivate") {
		out = append(out, skeleton(w))
	}
	return out
}()

func hasPhishWord(s string) (string, bool) {
	for _, w := range phishWords {
		if strings.Contains(s, w) {
			return w, true
		}
	}
	return "", false
}

// verdict is what a link says about the text.
type verdict struct {
	owned   bool    // the organization's own domain
	primary float64 // evidence of phishing on its own (look-alike, brand abuse)
	amp     float64 // suspicion that amplifies other cues (shortener, IP, ...)
	why     string
}

// freeMail are providers where anyone can open an address.
var freeMail = setOf("gmail.com googlemail.com outlook.com hotmail.com hotmail.fr live.com yahoo.com yahoo.fr aol.com " +
	"gmx.de gmx.net web.de icloud.com me.com proton.me protonmail.com mail.com orange.fr free.fr laposte.net wanadoo.fr " +
	"telenet.be ziggo.nl kpnmail.nl outlook.fr outlook.de yandex.ru mail.ru zoho.com tutanota.com")

// judge compares one link with the organization's domains and names and
// with the known brands.
func judge(text string, l *link, orgs []orgDomain, names []string) verdict {
	host := l.host
	if l.ip {
		return verdict{amp: 0.45, why: fmt.Sprintf("link to a bare IP address %s", host)}
	}
	reg, label, _, sub := registrable(host)
	for _, o := range orgs {
		if host == o.host || strings.HasSuffix(host, "."+o.host) || reg == o.reg {
			if l.userinfo == "" {
				return verdict{owned: true}
			}
		}
	}
	var v verdict
	raise := func(p float64, why string) {
		if p > v.primary {
			v.primary, v.why = p, why
		}
	}
	if l.userinfo != "" && strings.Contains(l.userinfo, ".") {
		raise(0.9, fmt.Sprintf("link disguised as %q but leading to %s", trimQuote(l.userinfo), host))
	}
	skelL := skeleton(label)
	skelSub := skeleton(sub)
	for _, o := range orgs {
		switch {
		case skelL == o.skel && label == o.label:
			p := 0.8
			if len(o.skel) < 5 {
				p = 0.45
			}
			raise(p, fmt.Sprintf("%s: the organization's name %s under another ending than %s", host, o.label, o.reg))
		case skelL == o.skel:
			raise(0.95, fmt.Sprintf("look-alike of %s: %s (letters swapped for look-alikes)", o.reg, host))
		case len(o.skel) >= 5 && editDistance(skelL, o.skel, maxEdits(len(o.skel))) <= maxEdits(len(o.skel)):
			d := editDistance(skelL, o.skel, 2)
			raise(0.9, fmt.Sprintf("look-alike of %s: %s (%d letter%s off)", o.reg, host, d, plural(d)))
		case len(o.skel) >= 5 && strings.Contains(skelL, o.skel):
			raise(0.9, fmt.Sprintf("look-alike of %s: %s adds words to the organization's name", o.reg, host))
		}
		if len(o.skel) >= 5 && strings.Contains(skelSub, o.skel) {
			raise(0.95, fmt.Sprintf("the organization's domain %s used as a subdomain of %s", o.reg, reg))
		}
	}
	for _, k := range names {
		if strings.Contains(skelL, k) || strings.Contains(skelSub, k) {
			raise(0.6, fmt.Sprintf("the organization's name inside a foreign domain %s", host))
		}
	}
	if l.email && len(orgs)+len(names) > 0 && inSet(freeMail, reg) {
		at := strings.LastIndexByte(text[l.start:l.end], '@')
		if at > 0 {
			local := skeleton(foldString(text[l.start : l.start+at]))
			for _, o := range orgs {
				if len(o.skel) >= 5 && strings.Contains(local, o.skel) {
					raise(0.8, fmt.Sprintf("the organization's name in an address at %s", reg))
				}
			}
			for _, k := range names {
				if strings.Contains(local, k) {
					raise(0.8, fmt.Sprintf("the organization's name in an address at %s", reg))
				}
			}
		}
	}
	if !inSet(brandOwned, label) {
		var partsBuf [8]string
		parts := partsBuf[:0]
		if strings.Contains(label, "-") {
			for _, p := range strings.Split(label, "-") {
				if len(parts) < cap(parts) {
					parts = append(parts, skeleton(p))
				}
			}
		}
		hostSkel := ""
		for _, b := range brands {
			if label == b.key {
				continue // the brand's own domain, under any ending
			}
			switch {
			case skelL == b.key:
				raise(0.95, fmt.Sprintf("look-alike of %s: %s", b.key, host))
			case len(b.key) >= 6 && editDistance(skelL, b.key, 1) <= 1:
				raise(0.85, fmt.Sprintf("look-alike of %s: %s", b.key, host))
			case len(b.key) >= 4 && (contains(parts, b.key) || len(b.key) >= 6 && strings.Contains(skelL, b.key)):
				if hostSkel == "" {
					hostSkel = skeleton(host)
				}
				if w, ok := hasPhishWord(hostSkel); ok {
					raise(0.85, fmt.Sprintf("%s borrows the name %s with %q", host, b.key, w))
				} else {
					raise(0.25, fmt.Sprintf("%s borrows the name %s", host, b.key))
				}
			case len(b.key) >= 5 && strings.Contains(skelSub, b.key):
				raise(0.85, fmt.Sprintf("%s put in front of the foreign domain %s", b.key, reg))
			}
		}
	}
	switch {
	case inSet(messengers, host) || inSet(messengers, reg):
		v.amp = 0.35
		if v.why == "" {
			v.why = fmt.Sprintf("link to a private messenger %s", host)
		}
	case inSet(shorteners, host) || inSet(shorteners, reg):
		v.amp = 0.3
		if v.why == "" {
			v.why = fmt.Sprintf("URL shortener %s hides the destination", reg)
		}
	case l.idn:
		v.amp = 0.25
		if v.why == "" {
			v.why = fmt.Sprintf("internationalised domain %s", host)
		}
	case inSet(suspiciousTLDs, tldOf(host)):
		v.amp = 0.2
		if v.why == "" {
			v.why = fmt.Sprintf("domain %s under a top-level domain often used for spam", host)
		}
	default:
		v.amp = 0.1
		if v.why == "" {
			v.why = fmt.Sprintf("link to %s", host)
		}
	}
	return v
}

func maxEdits(n int) int {
	if n >= 9 {
		return 2
	}
	return 1
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func tldOf(host string) string {
	if i := strings.LastIndexByte(host, '.'); i >= 0 {
		return host[i+1:]
	}
	return host
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func trimQuote(s string) string {
	if len(s) > 60 {
		s = s[:60]
		for len(s) > 0 && s[len(s)-1] >= 0x80 && s[len(s)-1] < 0xC0 {
			s = s[:len(s)-1]
		}
		if len(s) > 0 && s[len(s)-1] >= 0xC0 {
			s = s[:len(s)-1]
		}
		s += "…"
	}
	return s
}
