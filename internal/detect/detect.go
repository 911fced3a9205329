// Package detect owns detection: the fixed category names, the Signal a
// detector emits, the Detector interface, and the Engine that runs a set of
// detectors over one text and merges what they found.
//
// Spans are always byte offsets into the original text as received, never
// into a normalised copy, so the desk can highlight exactly what was written.
package detect

import (
	"context"
	"fmt"
	"time"
)

// Category is one of the fixed category names. They are part of the public
// contract (classify output, policy conditions, REST API): extend, never rename.
type Category string

// The fixed categories.
const (
	Insult     Category = "insult"
	Harassment Category = "harassment"
	Threat     Category = "threat"
	Hate       Category = "hate"
	Sexual     Category = "sexual"
	Doxxing    Category = "doxxing"
	PII        Category = "pii"
	Accusation Category = "accusation"
	Spam       Category = "spam"
	Complaint  Category = "complaint"
	Question   Category = "question"
	Praise     Category = "praise"
	Crisis     Category = "crisis"
)

// Categories lists every category in a stable order.
var Categories = []Category{Insult, Harassment, Threat, Hate, Sexual, Doxxing, PII, Accusation, Spam, Complaint, Question, Praise, Crisis}

// ParseCategory returns the category named s, or an error naming the valid ones.
func ParseCategory(s string) (Category, error) {
	for _, c := range Categories {
		if string(c) == s {
			return c, nil
		}
	}
	return "", fmt.Errorf("unknown category %q (valid: %v)", s, Categories)
}

// Span is a half-open byte range [Start, End) into the original text. It
// encodes in JSON as a two-element array, as the classify contract requires.
type Span [2]int

// Start is the first byte of the span.
func (s Span) Start() int { return s[0] }

// End is one past the last byte of the span.
func (s Span) End() int { return s[1] }

// Signal is one finding: a category with a score in [0,1], where in the
// text it was found, which detector found it and why.
type Signal struct {
	Category Category `json:"category"`
	Score    float64  `json:"score"`
	Spans    []Span   `json:"spans"`
	// Entity names the kind of personal data for pii and doxxing signals
	// (email, phone, iban, card, se_personnummer, no_fodselsnummer, nl_bsn,
	// fr_nir, de_tax_id, dk_cpr, be_national_number, ch_ahv, gb_nino, gb_nhs,
	// ca_sin, us_ssn, ip_address, address, school, ...). Empty for other
	// categories.
	Entity string `json:"entity,omitempty"`
	// Severity is a coarse 1 (mild) .. 3 (severe) grade where a detector
	// knows it (lexicon entries carry one); 0 means not graded.
	Severity int `json:"severity,omitempty"`
	// Detector and Version identify what produced the signal, so every
	// decision can be explained and replayed.
	Detector string `json:"detector"`
	Version  string `json:"version"`
	// Explanation says why, in words a moderator can judge: the lexicon
	// entry, the pattern, the checksum that held, the model's top features.
	Explanation string `json:"explanation,omitempty"`
	// Mentioned says the detector found the words mentioned, not used:
	// every match named by counter-speech ("hoer en slet zijn woorden om
	// vrouwen klein te houden"). The engine then keeps
	// another detector that cannot see the context from overruling it
	// (Deference). Internal to the engine: not part of the classify
	// contract.
	Mentioned bool `json:"-"`
}

// Context carries what a workspace knows about itself, which some detectors
// need: names of its staff (harassment of a named person), its own names and
// domains (impersonation, look-alike domains).
type Context struct {
	StaffNames []string
	OrgNames   []string
	OrgDomains []string
}

// Input is one text to examine.
type Input struct {
	Text string
	// Lang is an ISO 639-1 code when known ("fr", "nl", "sv", "nb", "nn",
	// "en", "de", "da"); empty when unknown.
	Lang    string
	Context *Context
	// Workspace, AuthorID, Channel and At place the text in its stream, for
	// detectors that look across items (the same text from many authors).
	// All may be empty or zero, as in `stormwatch classify`.
	Workspace string
	AuthorID  string
	Channel   string
	At        time.Time
}

// Detector examines a text and reports signals. Implementations must be safe
// for concurrent use, must not panic on any input (including invalid UTF-8),
// and must return spans inside [0, len(in.Text)].
type Detector interface {
	Name() string
	Version() string
	Detect(ctx context.Context, in Input) ([]Signal, error)
}

// LanguageIdentifier guesses the language of a short text. It returns an
// ISO 639-1 code and a confidence, or "" when it cannot tell.
type LanguageIdentifier interface {
	Identify(text string) (lang string, confidence float64)
}
