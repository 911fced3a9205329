package outbound

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/detect/pii"
	"github.com/stormwatch/stormwatch/internal/store"
)

// Kind is what a finding of the pre-publication check is about.
type Kind string

// The kinds of finding. All block publication except the two warnings,
// which the approver reads.
const (
	PersonalData    Kind = "personal_data"    // someone else's e-mail, phone, IBAN, id number, address
	ProtectedPerson Kind = "protected_person" // a name on the protected-persons list
	PrivateEvent    Kind = "private_event"    // a private event's place and a day in its window
	Confidential    Kind = "confidential"     // a confidential keyword
	NoConsent       Kind = "no_consent"       // a person named, tagged or shown without a valid consent
	// Warnings.
	PrivatePlace    Kind = "private_place"    // a private event's place, while the event is still to come
	ConsentExpiring Kind = "consent_expiring" // a consent that runs out within 30 days of publication
)

// Where a finding is.
const (
	FieldText   = "text"
	FieldTagged = "tagged"
	FieldPhoto  = "photo"
)

// Finding is one thing the check found: what, where and why.
type Finding struct {
	Kind  Kind `json:"kind"`
	Block bool `json:"block"`
	// Field is where: the text (Span is then a byte range of it), the
	// tagged people or the people in the photos.
	Field string      `json:"field"`
	Span  detect.Span `json:"span"`
	// Subject is what was found, as the author may see it: the name as
	// written, the keyword, a masked piece of personal data.
	Subject string `json:"subject"`
	// Detail is a short reason code the desk translates (e.g. "expired",
	// "scope", "channel", "none", an entity name, a date).
	Detail string `json:"detail,omitempty"`
	// Why says it in English, for logs and the API.
	Why string `json:"why"`
}

// Draft is what the check reads: a post's words and people, where and
// when it would go out.
type Draft struct {
	Text        string
	Lang        string
	Channels    []string
	Tagged      []string
	PhotoPeople []string
	// At is the publication time: the schedule, or now.
	At time.Time
}

// Registers are the workspace's lists the check compares a draft with.
type Registers struct {
	Protected []store.ProtectedPerson
	Consents  []store.Consent
	Events    []store.PrivateEvent
	Settings  store.OutboundSettings
	// Context gives the organization's own domains: its own e-mail
	// addresses are not someone else's personal data.
	Context detect.Context
}

// ExpiryWarning is how far ahead of a consent's end the check warns.
const ExpiryWarning = 30 * 24 * time.Hour

var piiDetector = pii.New()

// Blocking reports whether any finding blocks publication.
func Blocking(fs []Finding) bool {
	return slices.ContainsFunc(fs, func(f Finding) bool { return f.Block })
}

// Check runs the pre-publication check. It never fails: a detector error
// becomes a blocking finding, because a post nobody could check must not
// go out unnoticed.
func Check(ctx context.Context, d Draft, reg Registers) []Finding {
	if d.At.IsZero() {
		d.At = time.Now().UTC()
	}
	ts := tokens(d.Text)
	var out []Finding
	out = append(out, checkPersonalData(ctx, d, reg)...)
	out = append(out, checkProtected(d, ts, reg)...)
	out = append(out, checkConsents(d, ts, reg)...)
	out = append(out, checkEvents(d, ts, reg)...)
	for _, kw := range reg.Settings.Keywords {
		for _, m := range findPhrase(ts, foldPhrase(kw)) {
			out = append(out, Finding{Kind: Confidential, Block: true, Field: FieldText, Span: detect.Span{m.start, m.end}, Subject: d.Text[m.start:m.end],
				Why: "confidential keyword"})
		}
	}
	return dedupe(out)
}

func checkPersonalData(ctx context.Context, d Draft, reg Registers) []Finding {
	sigs, err := piiDetector.Detect(ctx, detect.Input{Text: d.Text, Lang: d.Lang, Context: &reg.Context})
	if err != nil {
		return []Finding{{Kind: PersonalData, Block: true, Field: FieldText, Detail: "unchecked", Why: "the personal-data check failed: " + err.Error()}}
	}
	var out []Finding
	for _, s := range sigs {
		if s.Category != detect.PII && s.Category != detect.Doxxing {
			continue
		}
		for _, sp := range s.Spans {
			a, e := min(max(sp.Start(), 0), len(d.Text)), min(max(sp.End(), 0), len(d.Text))
			if a >= e {
				continue
			}
			piece := d.Text[a:e]
			if ownContact(piece, reg.Settings.OwnContacts, reg.Context.OrgDomains) {
				continue // the organization's own phone, address or e-mail
			}
			out = append(out, Finding{Kind: PersonalData, Block: true, Field: FieldText, Span: detect.Span{a, e}, Subject: mask(piece), Detail: s.Entity,
				Why: fmt.Sprintf("personal data (%s) that is not the organization's own contact data", s.Entity)})
		}
	}
	return out
}

// ownContact reports whether piece is one of the organization's own
// contact data, or an e-mail address at one of its domains.
func ownContact(piece string, own, domains []string) bool {
	cp := compact(piece)
	if cp == "" {
		return false
	}
	for _, o := range own {
		co := compact(o)
		if co == "" {
			continue
		}
		switch {
		case co == cp:
			return true
		case digitsOnly(cp) && digitsOnly(co):
			if len(cp) >= 8 && len(co) >= 8 && cp[len(cp)-8:] == co[len(co)-8:] {
				return true // the same number, with or without the country code
			}
		case len(cp) >= 8 && len(co) >= 8 && (strings.Contains(co, cp) || strings.Contains(cp, co)):
			return true // the street of the organization's full address, or the reverse
		}
	}
	if at := strings.LastIndexByte(piece, '@'); at >= 0 {
		dom := strings.ToLower(strings.TrimSpace(piece[at+1:]))
		for _, d := range domains {
			d = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(d), "@"))
			if d != "" && (dom == d || strings.HasSuffix(dom, "."+d)) {
				return true
			}
		}
	}
	return false
}

func digitsOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// mask keeps the first and last two characters of personal data, so the
// author sees which piece is meant without the finding repeating it.
func mask(s string) string {
	r := []rune(s)
	if len(r) <= 6 {
		return strings.Repeat("•", len(r))
	}
	return string(r[:2]) + strings.Repeat("•", min(len(r)-4, 12)) + string(r[len(r)-2:])
}

// protectedNames are a protected person's name and aliases, folded.
func protectedNames(p store.ProtectedPerson) [][]string {
	var out [][]string
	for _, n := range append([]string{p.Name}, p.Aliases...) {
		if f := foldPhrase(n); len(f) > 0 {
			out = append(out, f)
		}
	}
	return out
}

func isProtected(name string, ps []store.ProtectedPerson) bool {
	for _, p := range ps {
		if samePerson(name, p.Name) || slices.ContainsFunc(p.Aliases, func(a string) bool { return samePerson(name, a) }) {
			return true
		}
	}
	return false
}

func checkProtected(d Draft, ts []token, reg Registers) []Finding {
	var out []Finding
	for _, p := range reg.Protected {
		for _, n := range protectedNames(p) {
			for _, m := range findPhrase(ts, n) {
				out = append(out, Finding{Kind: ProtectedPerson, Block: true, Field: FieldText, Span: detect.Span{m.start, m.end}, Subject: d.Text[m.start:m.end],
					Why: "a name on the protected-persons list"})
			}
		}
	}
	for _, f := range []struct {
		field  string
		people []string
	}{{FieldTagged, d.Tagged}, {FieldPhoto, d.PhotoPeople}} {
		for _, name := range f.people {
			if isProtected(name, reg.Protected) {
				out = append(out, Finding{Kind: ProtectedPerson, Block: true, Field: f.field, Subject: name, Why: "a person on the protected-persons list is " + f.field})
			}
		}
	}
	return out
}

// consentProblem says why no consent of name covers need on every
// channel at t: "" when one does, else "none", "scope", "channel",
// "expired" or "not_yet". It also returns the covering consent.
func consentProblem(cs []store.Consent, name, need string, channels []string, t time.Time) (string, *store.Consent) {
	problem := "none"
	rank := map[string]int{"none": 0, "scope": 1, "channel": 2, "not_yet": 3, "expired": 4}
	for i := range cs {
		c := &cs[i]
		if !samePerson(name, c.Name) {
			continue
		}
		var p string
		switch {
		case c.Scope != store.ConsentBoth && c.Scope != need:
			p = "scope"
		case len(c.Channels) > 0 && slices.ContainsFunc(channels, func(ch string) bool { return !slices.Contains(c.Channels, ch) }):
			p = "channel"
		case !c.GivenAt.IsZero() && t.Before(c.GivenAt):
			p = "not_yet"
		case !c.ExpiresAt.IsZero() && !t.Before(c.ExpiresAt):
			p = "expired"
		default:
			return "", c
		}
		if rank[p] > rank[problem] {
			problem = p
		}
	}
	return problem, nil
}

var problemWhy = map[string]string{
	"none": "no consent is recorded", "scope": "the consent does not cover this use", "channel": "the consent does not cover every chosen channel",
	"not_yet": "the consent starts after publication", "expired": "the consent has expired by publication",
}

func checkConsents(d Draft, ts []token, reg Registers) []Finding {
	var out []Finding
	expiring := func(field, subject string, span detect.Span, c *store.Consent) {
		if c != nil && !c.ExpiresAt.IsZero() && c.ExpiresAt.Sub(d.At) < ExpiryWarning {
			out = append(out, Finding{Kind: ConsentExpiring, Field: field, Span: span, Subject: subject, Detail: c.ExpiresAt.UTC().Format("2006-01-02"),
				Why: "the consent runs out on " + c.ExpiresAt.UTC().Format("2006-01-02")})
		}
	}
	for _, f := range []struct {
		field, need string
		people      []string
	}{{FieldTagged, store.ConsentName, d.Tagged}, {FieldPhoto, store.ConsentPhoto, d.PhotoPeople}} {
		for _, name := range f.people {
			if strings.TrimSpace(name) == "" || isProtected(name, reg.Protected) {
				continue // protected: reported as such, consent or not
			}
			problem, c := consentProblem(reg.Consents, name, f.need, d.Channels, d.At)
			if problem != "" {
				out = append(out, Finding{Kind: NoConsent, Block: true, Field: f.field, Subject: name, Detail: problem, Why: problemWhy[problem]})
				continue
			}
			expiring(f.field, name, detect.Span{}, c)
		}
	}
	// People of the register named in the text: their consent must cover
	// their name here. (Someone named who never appears in the register
	// cannot be told from any other word; tagging them is how the author
	// says "this is a person".)
	seen := map[string]bool{}
	for _, c := range reg.Consents {
		key := strings.Join(foldPhrase(c.Name), " ")
		if seen[key] || key == "" || isProtected(c.Name, reg.Protected) {
			continue
		}
		seen[key] = true
		for _, m := range findPhrase(ts, foldPhrase(c.Name)) {
			span := detect.Span{m.start, m.end}
			problem, cc := consentProblem(reg.Consents, c.Name, store.ConsentName, d.Channels, d.At)
			if problem != "" {
				out = append(out, Finding{Kind: NoConsent, Block: true, Field: FieldText, Span: span, Subject: d.Text[m.start:m.end], Detail: problem, Why: problemWhy[problem]})
				continue
			}
			expiring(FieldText, d.Text[m.start:m.end], span, cc)
		}
	}
	return out
}

func checkEvents(d Draft, ts []token, reg Registers) []Finding {
	if len(reg.Events) == 0 {
		return nil
	}
	var days []mention
	computed := false
	var out []Finding
	for _, e := range reg.Events {
		var places []match
		for _, p := range e.Places {
			places = append(places, findPhrase(ts, foldPhrase(p))...)
		}
		if len(places) == 0 {
			continue
		}
		if !computed {
			days, computed = mentions(d.Text, ts, d.At), true
		}
		var hit *mention
		for i, m := range days {
			dayStart := m.day
			dayEnd := m.day.AddDate(0, 0, 1)
			if dayStart.Before(e.End) && dayEnd.After(e.Start) {
				hit = &days[i]
				break
			}
		}
		for _, p := range places {
			span := detect.Span{p.start, p.end}
			switch {
			case hit != nil:
				out = append(out, Finding{Kind: PrivateEvent, Block: true, Field: FieldText, Span: span, Subject: d.Text[p.start:p.end], Detail: d.Text[hit.start:hit.end],
					Why: "the place of a private event, with a day in its time window"})
				out = append(out, Finding{Kind: PrivateEvent, Block: true, Field: FieldText, Span: detect.Span{hit.start, hit.end}, Subject: d.Text[hit.start:hit.end], Detail: d.Text[p.start:p.end],
					Why: "a day in a private event's time window, with its place"})
			case d.At.Before(e.End):
				out = append(out, Finding{Kind: PrivatePlace, Field: FieldText, Span: span, Subject: d.Text[p.start:p.end],
					Why: "the place of a private event that is still to come"})
			}
		}
	}
	return out
}

// dedupe drops repeated findings and orders them by field and position.
func dedupe(fs []Finding) []Finding {
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].Field != fs[j].Field {
			return fieldRank(fs[i].Field) < fieldRank(fs[j].Field)
		}
		return fs[i].Span.Start() < fs[j].Span.Start()
	})
	var out []Finding
	seen := map[string]bool{}
	for _, f := range fs {
		k := fmt.Sprintf("%s|%s|%d|%d|%s", f.Kind, f.Field, f.Span[0], f.Span[1], f.Subject)
		if seen[k] {
			continue
		}
		seen[k] = true
		if !utf8.ValidString(f.Subject) {
			f.Subject = strings.ToValidUTF8(f.Subject, "�")
		}
		out = append(out, f)
	}
	return out
}

func fieldRank(f string) int {
	switch f {
	case FieldText:
		return 0
	case FieldTagged:
		return 1
	}
	return 2
}
