// Package pii owns the detection of personal data in a comment: e-mail
// addresses, phone numbers, IBANs, payment cards, national identity numbers
// (Swedish personnummer, Norwegian fødselsnummer, Dutch BSN, French NIR,
// German tax ID, Danish CPR, Belgian national register number, Swiss
// AHV/AVS number, UK National Insurance and NHS numbers, Canadian SIN, US
// Social Security number), IP addresses, street addresses and children's
// schools. Each finding is
// validated (checksums, libphonenumber, address shape) and then classified
// by the words around it as `pii` (the writer's own data) or `doxxing`
// (someone else's: "her number is…", "il habite au…", "hon bor på…").
//
// Entity names (Signal.Entity) are a public contract, only ever added to:
// email, phone, iban, card, se_personnummer, no_fodselsnummer, nl_bsn,
// fr_nir, de_tax_id, dk_cpr, be_national_number, ch_ahv, gb_nino, gb_nhs,
// ca_sin, us_ssn, ip_address, address, school. The organisation's own
// contact details, named with its premises ("ring kliniken på …"), are not
// reported: they are nobody's private data.
//
// Spans are byte offsets into the original text; the identifier itself is
// never repeated in full in an explanation.
package pii

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// Entity names carried in Signal.Entity.
const (
	EntityEmail         = "email"
	EntityPhone         = "phone"
	EntityIBAN          = "iban"
	EntityCard          = "card"
	EntitySEPersonnr    = "se_personnummer"  // also samordningsnummer
	EntityNOFodselsnr   = "no_fodselsnummer" // also D-nummer
	EntityNLBSN         = "nl_bsn"
	EntityFRNIR         = "fr_nir"
	EntityDETaxID       = "de_tax_id"
	EntityAddress       = "address"
	EntitySchool        = "school"
	detectorName        = "pii"
	detectorVersion     = "1.4.0"
	maxPhoneParses      = 16 // libphonenumber costs ~8µs a parse: bound it per text
	maxExplanationQuote = 40
)

// Detector finds personal data. The zero value is not usable; call New.
// A Detector holds no per-call state and is safe for concurrent use.
type Detector struct{}

// New returns a ready Detector. All tables are built at package init.
func New() *Detector { return &Detector{} }

// Name is "pii".
func (d *Detector) Name() string { return detectorName }

// Version changes whenever the detector's behaviour does.
func (d *Detector) Version() string { return detectorVersion }

var _ detect.Detector = (*Detector)(nil)

// finding is one piece of personal data before classification.
type finding struct {
	entity string
	s, e   int
	conf   float64 // certainty the span is this entity, 0..1
	why    string  // entity explanation, identifier masked
	// doxOnly marks findings that only exist as someone else's data
	// (a child's school).
	doxOnly bool
}

var scanPool = sync.Pool{New: func() any { return new(scan) }}

// Detect implements detect.Detector.
func (d *Detector) Detect(ctx context.Context, in detect.Input) ([]detect.Signal, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if len(in.Text) == 0 {
		return nil, nil
	}
	if clean, lo, hi, ok := deobfuscate(in.Text); ok {
		in.Text = clean
		sigs := d.detect(in)
		mapBack(sigs, lo, hi)
		return sigs, nil
	}
	return d.detect(in), nil
}

// detect runs the scan on a text already freed of disguises.
func (d *Detector) detect(in detect.Input) []detect.Signal {
	s := scanPool.Get().(*scan)
	defer func() {
		s.release()
		scanPool.Put(s)
	}()
	s.init(in)
	if !s.worthScanning() && !s.hiddenWorth() {
		return nil
	}
	s.fold()
	s.tokenize()
	s.markURLs()
	s.findEmails()
	s.findObfuscatedEmails()
	s.findIBANs()
	s.findNINOs()
	s.findUSSSNs()
	s.findIPs()
	s.findCorsicanNIR()
	s.findSpelledNumbers()
	s.findNumbers()
	s.findAddresses()
	s.findSchools()
	s.findSchoolStreets()
	s.findHidden() // round 17: where a woman in hiding works or lives (hidden.go)
	if len(s.finds) == 0 {
		return nil
	}
	if in.Context != nil {
		s.dropPublicContacts(in.Context.OrgNames, in.Context.StaffNames)
	} else {
		s.dropPublicContacts(nil, nil)
	}
	if len(s.finds) == 0 {
		return nil
	}
	s.findCues(in.Context)
	// The same pattern-defeating quicksort as sort.Slice, without its
	// reflection-built swapper; findings never overlap, so no ties.
	slices.SortFunc(s.finds, func(a, b finding) int { return cmp.Compare(a.s, b.s) })
	// Round 20: the street address given right after someone else's
	// child's school ("…går på Bakkeskolen, Skoleveien 3") is where that
	// child is found, as much as the school's name.
	for i := 1; i < len(s.finds); i++ {
		p, f := s.finds[i-1], &s.finds[i]
		if p.entity == EntitySchool && p.doxOnly && f.entity == EntityAddress && f.s-p.e <= 6 &&
			!strings.ContainsAny(s.text[p.e:f.s], ".!?;:") {
			f.doxOnly = true
		}
	}
	out := make([]detect.Signal, 0, len(s.finds))
	for _, f := range s.finds {
		out = append(out, s.signal(f))
	}
	return out
}

// signal classifies a finding as pii or doxxing from the nearest cue.
func (s *scan) signal(f finding) detect.Signal {
	c, ok := s.bestCue(f.s, f.e)
	cat := detect.PII
	var score float64
	var why strings.Builder
	why.WriteString(f.why)
	switch {
	case f.doxOnly:
		cat = detect.Doxxing
		score = 0.45 + 0.5*f.conf
		if ok && c.third {
			score = 0.5 + 0.5*f.conf
			why.WriteString("; third-person cue " + strconv.Quote(s.quote(c.s, c.e)))
		}
	case ok && c.third && !s.ownRelative(c.s):
		cat = detect.Doxxing
		if c.strong {
			score = 0.5 + 0.5*f.conf
		} else {
			score = 0.4 + 0.45*f.conf
		}
		why.WriteString("; third-person cue " + strconv.Quote(s.quote(c.s, c.e)))
	case ok:
		if c.strong {
			score = 0.5 + 0.5*f.conf
		} else {
			score = 0.4 + 0.45*f.conf
		}
		why.WriteString("; first-person cue " + strconv.Quote(s.quote(c.s, c.e)))
	default:
		score = 0.3 + 0.4*f.conf
		why.WriteString("; no cue for whose data it is, taken as the writer's own")
	}
	if score > 1 {
		score = 1
	}
	return detect.Signal{
		Category:    cat,
		Score:       float64(int(score*1000+0.5)) / 1000,
		Spans:       []detect.Span{{f.s, f.e}},
		Entity:      f.entity,
		Detector:    detectorName,
		Version:     detectorVersion,
		Explanation: why.String(),
	}
}

// quote returns the cue text for an explanation, bounded and cut on a rune
// boundary.
func (s *scan) quote(a, b int) string {
	if b-a > maxExplanationQuote {
		b = a + maxExplanationQuote
		for b > a && b < len(s.text) && s.text[b]&0xC0 == 0x80 {
			b--
		}
	}
	return strings.ToValidUTF8(s.text[a:b], "")
}

// mask shows the shape of an identifier without repeating it: the first
// and last two characters.
func mask(id string) string {
	if len(id) <= 6 {
		return strings.Repeat("•", len(id))
	}
	return id[:2] + "…" + id[len(id)-2:]
}

// firstRune returns the first character of s, or "" when it is not valid
// UTF-8.
func firstRune(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return ""
	}
	return s[:size]
}
