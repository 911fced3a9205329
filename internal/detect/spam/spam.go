// Package spam owns the detection of spam, scams and phishing in a comment:
// look-alike and phishing domains of the organization (typos, homoglyphs,
// punycode, added words, other endings, the name used as a subdomain),
// URL shorteners and messenger links, credential-harvesting and payment
// data requests, fake giveaways, crypto and investment scams, adult-spam
// lures, follower selling, impersonation of the organization's name, a
// foreign site that spells the name the post itself signs with next to a
// prize, refund or login word (selfnamed.go: whoever the post pretends to
// be, not only the organization), and (in repeats.go) the same text posted
// by many authors.
//
// Cues are matched on folded words (case, accents, Cyrillic and Greek
// look-alikes and "fancy" letters removed) in English, French, Dutch,
// Swedish, Norwegian and German. A single lure is weak evidence: the score
// climbs when a lure meets a call to action, a foreign link or a request
// for data, and stays at or below 0.4 without one, so that a customer
// quoting a price, an organization announcing its own giveaway on its own
// domain, or a comment mentioning bitcoin is not removed.
//
// Spans are byte offsets into the original text.
package spam

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/detect"
)

const (
	detectorName    = "spam"
	detectorVersion = "1.2.0"
	// DefaultMinScore is the score below which no signal is emitted.
	DefaultMinScore = 0.3
	// noActionCap bounds the score of lures that ask nothing of the
	// reader: no link, no call to action, no request for data.
	noActionCap = 0.4
	// ownedDamp scales the score when the only links are the
	// organization's own: its real giveaway, its real support page.
	ownedDamp = 0.6
	// strongLure is the primary evidence from which calls to action and
	// links are boosted by ctaBoost.
	strongLure = 0.4
	ctaBoost   = 1.5
	// impersonationAsk is the weight of a role claim next to the
	// organization's name when the text also asks for contact or data.
	impersonationAsk = 0.6
	maxQuote         = 48
	maxText          = 64 << 10 // longer texts are examined on their first 64 KiB
)

// Options tune a Detector.
type Options struct {
	// MinScore is the lowest score emitted as a signal; 0 means
	// DefaultMinScore.
	MinScore float64
}

// Detector finds spam, scams and phishing in one text. It holds no state
// across calls and is safe for concurrent use. The zero value is usable
// with the default options.
type Detector struct {
	minScore float64
}

// New returns a Detector with the default options.
func New() *Detector { return &Detector{minScore: DefaultMinScore} }

// NewWithOptions returns a Detector with the given options.
func NewWithOptions(o Options) *Detector {
	d := New()
	if o.MinScore > 0 && o.MinScore <= 1 {
		d.minScore = o.MinScore
	}
	return d
}

var _ detect.Detector = (*Detector)(nil)

// Name is "spam".
func (d *Detector) Name() string { return detectorName }

// Version changes whenever the detector's behaviour does.
func (d *Detector) Version() string { return detectorVersion }

// Finding is the detector's full reasoning on one text, including what
// stays below the signal threshold.
type Finding struct {
	Score   float64
	Spans   []detect.Span
	Reasons []string
}

// Detect returns at most one signal of category spam.
func (d *Detector) Detect(ctx context.Context, in detect.Input) ([]detect.Signal, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	min := d.minScore
	if min == 0 {
		min = DefaultMinScore
	}
	sc := pool.Get().(*scratch)
	defer pool.Put(sc)
	ev := sc.examine(in.Text, in.Context)
	score := ev.score()
	if score < min {
		return nil, nil
	}
	f := ev.finding(in.Text, score)
	return []detect.Signal{{
		Category:    detect.Spam,
		Score:       round3(f.Score),
		Spans:       f.Spans,
		Severity:    severity(f.Score),
		Detector:    detectorName,
		Version:     detectorVersion,
		Explanation: strings.Join(f.Reasons, "; "),
	}}, nil
}

// Analyze returns the detector's reasoning whatever the score: for
// evaluation and for the desk's "why not?" view.
func (d *Detector) Analyze(in detect.Input) Finding {
	sc := pool.Get().(*scratch)
	defer pool.Put(sc)
	ev := sc.examine(in.Text, in.Context)
	return ev.finding(in.Text, ev.score())
}

func severity(score float64) int {
	switch {
	case score >= 0.85:
		return 3
	case score >= 0.6:
		return 2
	}
	return 1
}

func round3(x float64) float64 {
	r := float64(int64(x*1000+0.5)) / 1000
	if r > 1 {
		return 1
	}
	return r
}

// scratch is the per-call working memory, pooled so that a clean comment
// costs no allocation.
type scratch struct {
	buf   []byte
	toks  []token
	links []link
	skip  []byteRange
	hits  []hit
	nbuf  []byte
	ntoks []token
	ev    evidence
}

var pool = sync.Pool{New: func() any {
	return &scratch{buf: make([]byte, 0, 512), toks: make([]token, 0, 64), hits: make([]hit, 0, 8)}
}}

// evidence is everything examine found, before scoring.
type evidence struct {
	best, second [nKinds]hit
	imp          hit
	impWhy       string
	dom          verdict // strongest link verdict by primary evidence
	domSpan      byteRange
	amp          verdict // strongest link verdict by amplification
	ampSpan      byteRange
	owned        bool // some link is the organization's own
	foreign      bool // some link is not
}

func (sc *scratch) examine(text string, c *detect.Context) *evidence {
	if len(text) > maxText {
		text = text[:maxText]
	}
	ev := &sc.ev
	*ev = evidence{}
	sc.links = findLinks(text, sc.links[:0])
	sc.skip = sc.skip[:0]
	last := 0
	for _, l := range sc.links {
		if l.start >= last {
			sc.skip = append(sc.skip, byteRange{l.start, l.end})
			last = l.end
		}
	}
	sc.buf, sc.toks = tokenize(text, sc.buf[:0], sc.toks[:0], sc.skip)
	sc.hits = cues.match(sc.buf, sc.toks, sc.hits[:0])
	for _, l := range sc.links {
		// "👉 https://…": an arrow pointing at a link asks for the click.
		if p := pointerBefore(text, l.start); p >= 0 {
			sc.hits = append(sc.hits, hit{kind: kCTA, w: pointerCTA, start: p, end: l.start})
		}
	}
	roles := false
	for _, h := range sc.hits {
		if h.kind == kRole {
			roles = true
			continue
		}
		b, s := &ev.best[h.kind], &ev.second[h.kind]
		switch {
		case h.w > b.w:
			if !overlaps(*b, h) {
				*s = *b
			}
			*b = h
		case h.w > s.w && !overlaps(*b, h):
			*s = h
		}
	}
	if roles && c != nil && len(c.OrgNames) > 0 {
		sc.impersonation(text, c.OrgNames)
	}
	if len(sc.links) > 0 {
		var orgs []orgDomain
		var names []string
		if c != nil {
			orgs, names = cachedOrg(c.OrgDomains, c.OrgNames)
		}
		for i := range sc.links {
			l := &sc.links[i]
			v := judge(text, l, orgs, names)
			if !v.owned && v.primary < selfNamedLure {
				// A post that signs with a name and links to that name
				// plus "claims" or "login" is the sender's own fake site,
				// whoever it pretends to be ("Greenfield Vets Customer
				// Care … greenfield-vets-claims.co").
				if why, ok := selfNamed(l.host, sc.buf, sc.toks); ok {
					v.primary, v.why = selfNamedLure, why
				}
			}
			if v.owned {
				ev.owned = true
				continue
			}
			ev.foreign = true
			if v.primary > ev.dom.primary {
				ev.dom, ev.domSpan = v, byteRange{l.start, l.end}
			}
			if v.amp > ev.amp.amp {
				ev.amp, ev.ampSpan = v, byteRange{l.start, l.end}
			}
		}
	}
	return ev
}

// pointerCTA is the weight of an arrow emoji pointing at a link.
const pointerCTA = 0.35

// pointers are the emoji that point at what follows them.
var pointers = [...]string{"👉", "➡️", "➡", "👇", "⬇️", "⬇", "🔗", "⤵️", "⤵"}

// pointerBefore returns where an arrow emoji ends right before position
// at (spaces and a colon between allowed) starts, or -1.
func pointerBefore(text string, at int) int {
	i := at
	for i > 0 && (text[i-1] == ' ' || text[i-1] == ':') {
		i--
	}
	for _, p := range pointers {
		if strings.HasSuffix(text[:i], p) {
			return i - len(p)
		}
	}
	return -1
}

func overlaps(a, b hit) bool { return a.w > 0 && a.start < b.end && b.start < a.end }

// impersonation looks for the organization's name next to a role claim
// ("Official Clinique des Tilleuls support here").
func (sc *scratch) impersonation(text string, names []string) {
	ev := &sc.ev
	for _, name := range names {
		sc.nbuf, sc.ntoks = tokenize(name, sc.nbuf[:0], sc.ntoks[:0], nil)
		nt := sc.ntoks
		// "Les Tilleuls" is also written "Tilleuls": drop a leading article.
		if len(nt) > 1 && isArticle(sc.nbuf[nt[0].fs:nt[0].fe]) {
			nt = nt[1:]
		}
		if len(nt) == 0 || nt[len(nt)-1].fe-nt[0].fs < 4 {
			continue
		}
		for i := 0; i+len(nt) <= len(sc.toks); i++ {
			ok := true
			for k := range nt {
				a, b := sc.toks[i+k], nt[k]
				if string(sc.buf[a.fs:a.fe]) != string(sc.nbuf[b.fs:b.fe]) {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			ns, ne := sc.toks[i].start, sc.toks[i+len(nt)-1].end
			// a role claim within three words of the name
			lo, hi := i-3, i+len(nt)+3
			if lo < 0 {
				lo = 0
			}
			if hi > len(sc.toks) {
				hi = len(sc.toks)
			}
			for _, h := range sc.hits {
				if h.kind != kRole || h.end <= sc.toks[lo].start || h.start >= sc.toks[hi-1].end {
					continue
				}
				w := 0.25
				// "… support here", "… team ici": a self-presentation
				after := i + len(nt)
				for after < len(sc.toks) && sc.toks[after].start < h.end {
					after++
				}
				if after < len(sc.toks) && isHere(sc.buf[sc.toks[after].fs:sc.toks[after].fe]) {
					w = 0.45
				}
				s, e := ns, ne
				if h.start < s {
					s = h.start
				}
				if h.end > e {
					e = h.end
				}
				if w > ev.imp.w {
					ev.imp = hit{kind: kRole, w: w, start: s, end: e}
					ev.impWhy = fmt.Sprintf("presents itself as the organization: %q", quote(text, s, e))
				}
			}
		}
	}
}

func isArticle(w []byte) bool {
	switch string(w) {
	case "les", "la", "le", "l", "the", "de", "het", "die", "der", "das", "den", "det":
		return true
	}
	return false
}

func isHere(w []byte) bool {
	switch string(w) {
	case "here", "ici", "hier", "har", "her":
		return true
	}
	return false
}

// impersonation weighs a role claim next to the organization's name: weak
// alone (customers write "the Tilleuls team was great"), strong when the
// text also asks to be contacted, paid or followed to a foreign link.
func (ev *evidence) impersonation() float64 {
	w := ev.imp.w
	if w > 0 && (ev.best[kUs].w > 0 || ev.best[kPay].w > 0 || ev.best[kCred].w > 0 || ev.foreign) && w < impersonationAsk {
		w = impersonationAsk
	}
	return w
}

// within combines the best and second-best cue of one kind.
func (ev *evidence) within(k kind) float64 {
	return or(ev.best[k].w, 0.5*ev.second[k].w)
}

func or(a, b float64) float64 { return 1 - (1-a)*(1-b) }

// action reports whether the text asks the reader to do something: follow
// a link that is not the organization's, write to someone, give data.
func (ev *evidence) action() bool {
	return ev.foreign || ev.best[kCTA].w > 0 || ev.best[kUs].w > 0 || ev.best[kPay].w > 0
}

// primaryKinds are evidence of spam on their own; the others only
// amplify them.
var primaryKinds = [...]kind{kLure, kInvest, kCrypto, kAdult, kFollowers, kCred, kPay, kPsychic, kOfficial, kParcel, kSale}

func (ev *evidence) score() float64 {
	p := 0.0
	for _, k := range primaryKinds {
		p = or(p, ev.within(k))
	}
	p = or(p, ev.impersonation())
	p = or(p, ev.dom.primary)
	cta := ev.best[kCTA].w
	if ev.best[kUs].w > cta {
		cta = ev.best[kUs].w
	}
	amp := ev.amp.amp
	if p == 0 {
		// Nothing but links and calls to action: suspicious links only.
		if amp >= 0.25 {
			return or(amp, 0.5*cta)
		}
		return 0
	}
	if p >= strongLure {
		// A real lure makes its call to action and its link telling:
		// "you won" plus "click here" is a scam, "click here" alone is not.
		cta = min(cta*ctaBoost, 0.6)
		amp = min(amp*ctaBoost, 0.6)
	}
	s := or(p, cta)
	s = or(s, ev.best[kUrgent].w)
	s = or(s, amp)
	if ev.dom.primary == 0 {
		// Psychic ads are spam without any call to action: they are
		// exempt from the cap, up to their own strength.
		if limit := max(noActionCap, ev.within(kPsychic)); !ev.action() && s > limit {
			s = limit
		}
		if ev.owned && !ev.foreign {
			s *= ownedDamp
		}
	}
	if s > 0.99 {
		s = 0.99
	}
	return s
}

// finding turns the evidence into spans and reasons, strongest first.
func (ev *evidence) finding(text string, score float64) Finding {
	type part struct {
		w    float64
		r    byteRange
		why  string
		span bool
	}
	var parts []part
	if ev.dom.primary > 0 {
		parts = append(parts, part{ev.dom.primary, ev.domSpan, ev.dom.why, true})
	}
	if ev.imp.w > 0 {
		parts = append(parts, part{ev.imp.w, byteRange{ev.imp.start, ev.imp.end}, ev.impWhy, true})
	}
	for k := kind(0); k < nKinds; k++ {
		for _, h := range [2]hit{ev.best[k], ev.second[k]} {
			if h.w == 0 {
				continue
			}
			parts = append(parts, part{h.w, byteRange{h.start, h.end}, kindNames[k] + " " + strconv.Quote(quote(text, h.start, h.end)), true})
		}
	}
	if ev.amp.amp > 0 && (ev.amp.why != ev.dom.why || ev.dom.primary == 0) {
		parts = append(parts, part{ev.amp.amp, ev.ampSpan, ev.amp.why, true})
	}
	// slices' sorts run the same generated algorithms as sort's, asking
	// only whether cmp < 0, so they order exactly as sort.SliceStable and
	// sort.Slice did, without the swapper those allocate.
	slices.SortStableFunc(parts, func(a, b part) int {
		switch {
		case a.w > b.w:
			return -1
		case b.w > a.w:
			return 1
		}
		return 0
	})
	f := Finding{Score: score, Spans: []detect.Span{}}
	for _, p := range parts {
		f.Reasons = append(f.Reasons, p.why)
		if p.span {
			if sp, ok := snap(text, p.r.start, p.r.end); ok {
				f.Spans = append(f.Spans, sp)
			}
		}
	}
	if score > 0 && ev.dom.primary == 0 && !ev.action() && score >= noActionCap-1e-9 {
		f.Reasons = append(f.Reasons, "capped: no link, call to action or request for data")
	}
	if ev.owned && !ev.foreign && ev.dom.primary == 0 && len(parts) > 0 {
		f.Reasons = append(f.Reasons, "lowered: links only to the organization's own domain")
	}
	slices.SortFunc(f.Spans, func(a, b detect.Span) int { return cmp.Compare(a[0], b[0]) })
	return f
}

// snap moves both ends of [s, e) forward to the next byte that starts a
// rune (or the end of the text), so that no span splits a character, even
// among invalid bytes. It reports false for what is left empty.
func snap(text string, s, e int) (detect.Span, bool) {
	if s < 0 {
		s = 0
	}
	if e > len(text) {
		e = len(text)
	}
	for s < len(text) && !utf8.RuneStart(text[s]) {
		s++
	}
	for e < len(text) && !utf8.RuneStart(text[e]) {
		e++
	}
	if s >= e {
		return detect.Span{}, false
	}
	return detect.Span{s, e}, true
}

// quote returns text[s:e] cut to a readable length on a rune boundary.
func quote(text string, s, e int) string {
	if s < 0 || e > len(text) || s > e {
		return ""
	}
	q := text[s:e]
	if len(q) > maxQuote {
		q = q[:maxQuote]
		for len(q) > 0 && q[len(q)-1] >= 0x80 {
			// drop a possibly cut multi-byte rune
			c := q[len(q)-1]
			q = q[:len(q)-1]
			if c >= 0xC0 {
				break
			}
		}
		q += "…"
	}
	return q
}
