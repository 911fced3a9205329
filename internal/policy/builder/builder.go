// Package builder is the guided policy builder: a questionnaire an
// organization answers (what it is, its languages, what it never
// tolerates, how strict it is, who speaks for it, what is confidential,
// whom it protects, where people can get help), with five starting points
// (a veterinary clinic, a care institution, a municipality, a company, a
// women's shelter) that pre-fill answers suited to each.
//
// From the answers Build produces three documents in the organization's
// language: the policy file the engine enforces (YAML that package policy
// parses and lints clean), the public community guidelines (what is removed
// and why, one anchor per rule so that a rule cited to an author can link
// to it), and the internal staff guidelines (who speaks, personal accounts
// and disclaimers, confidentiality, crediting sources, account security,
// what to do in a storm). The same rule texts feed the policy file and the
// public guidelines, so what is promised is what is enforced.
//
// Build is deterministic: the same answers and version give the same bytes.
// The package is pure: it stores nothing and knows no workspace.
package builder

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Kind is a starting point: the kind of organization.
type Kind string

// The five starting points, one per practitioner guide.
const (
	VetClinic    Kind = "vet_clinic"
	Care         Kind = "care"
	Municipality Kind = "municipality"
	Company      Kind = "company"
	Shelter      Kind = "shelter"
)

// Kinds lists the starting points in the order the desk shows them.
var Kinds = []Kind{VetClinic, Care, Municipality, Company, Shelter}

// Languages are the languages the builder writes (Norwegian is Bokmål).
var Languages = []string{"fr", "nl", "sv", "nb", "en", "de"}

// Choices offered by the questionnaire. The always-removed categories
// (threats, personal information about someone else, hate) are not a
// choice: they are the floor every policy keeps.
var (
	NeverOptions        = []string{"sexual", "harassment", "insults", "spam"}
	StrictnessOptions   = []string{"hide", "review"}
	AudienceOptions     = []string{"clients", "families", "residents", "press", "partners", "donors", "volunteers"}
	ResponseOptions     = []string{"same_day", "next_day", "two_days"}
	CoverageOptions     = []string{"always", "office_hours", "closed_when_unstaffed"}
	ConfidentialOptions = []string{"client_records", "health", "whereabouts", "staff_private", "legal", "internal", "security"}
)

// Limits on free text, so a policy file stays small and readable.
const (
	maxName  = 120
	maxShort = 300
	maxLong  = 1000
)

// Answers are what the organization said. The zero value is not valid:
// start from Preset.
type Answers struct {
	Kind Kind   `json:"kind"`
	Name string `json:"name"`
	// Lang is the organization's language: the guidelines are written in
	// it and it is the policy's first language.
	Lang string `json:"lang"`
	// Extra are more languages the public wording must exist in (authors
	// are told the rule in their language when the policy has it).
	Extra     []string `json:"extra,omitempty"`
	Audiences []string `json:"audiences,omitempty"`
	// Never lists what is hidden at once rather than read by a person
	// first (see NeverOptions).
	Never []string `json:"never,omitempty"`
	// Strictness is for rude but milder messages: hide, or review first.
	Strictness string `json:"strictness"`
	// Spokespeople says who may speak for the organization, in its words.
	Spokespeople string   `json:"spokespeople"`
	ResponseTime string   `json:"response_time"`
	Coverage     string   `json:"coverage"`
	Confidential []string `json:"confidential,omitempty"`
	// ConfidentialNote adds what the choices do not cover.
	ConfidentialNote string `json:"confidential_note,omitempty"`
	// ProtectStaff: staff are named by first name only, and posts
	// targeting a named staff member are hidden sooner.
	ProtectStaff bool `json:"protect_staff"`
	// Protected names, for staff only, the people who must never be named
	// or tagged in public (the internal guidelines list them).
	Protected string `json:"protected,omitempty"`
	// HelpContact is where people get help privately (phone, web page);
	// Emergency is the emergency number.
	HelpContact string `json:"help_contact"`
	Emergency   string `json:"emergency"`
}

// Preset returns a starting point's answers in a language: sensible
// choices for that kind of organization, and example free texts to edit.
func Preset(k Kind, lang string) (Answers, error) {
	if !slices.Contains(Kinds, k) {
		return Answers{}, fmt.Errorf("unknown starting point %q; choose one of %s", k, kindList())
	}
	lang = normLang(lang)
	if !slices.Contains(Languages, lang) {
		return Answers{}, fmt.Errorf("the builder writes %s, not %q", strings.Join(Languages, ", "), lang)
	}
	t := texts[lang]
	a := Answers{Kind: k, Lang: lang, Name: t["preset."+string(k)+".name"],
		Spokespeople: t["preset."+string(k)+".speak"], HelpContact: t["preset."+string(k)+".help"],
		Emergency: t["preset.emergency"], ProtectStaff: true}
	switch k {
	case VetClinic:
		a.Audiences = []string{"clients", "press"}
		a.Never = []string{"sexual", "harassment", "insults", "spam"}
		a.Strictness = "review"
		a.ResponseTime = "same_day"
		a.Coverage = "always" // the storms start on Friday evening (seed 000)
		a.Confidential = []string{"client_records", "staff_private"}
	case Care:
		a.Audiences = []string{"residents", "families", "volunteers"}
		a.Never = []string{"sexual", "harassment", "insults", "spam"}
		a.Strictness = "hide"
		a.ResponseTime = "next_day"
		a.Coverage = "office_hours"
		a.Confidential = []string{"client_records", "health", "staff_private"}
	case Municipality:
		// Freedom of expression: only what is unlawful or targets a person
		// is hidden at once; rude criticism is read by a person first.
		a.Audiences = []string{"residents", "press", "partners"}
		a.Never = []string{"sexual", "spam"}
		a.Strictness = "review"
		a.ResponseTime = "next_day"
		a.Coverage = "office_hours"
		a.Confidential = []string{"client_records", "staff_private", "security"}
	case Company:
		a.Audiences = []string{"clients", "press", "partners"}
		a.Never = []string{"sexual", "harassment", "spam"}
		a.Strictness = "review"
		a.ResponseTime = "same_day"
		a.Coverage = "office_hours"
		a.Confidential = []string{"client_records", "internal", "security", "legal"}
	case Shelter:
		a.Audiences = []string{"donors", "volunteers", "partners"}
		a.Never = []string{"sexual", "harassment", "insults", "spam"}
		a.Strictness = "hide"
		a.ResponseTime = "next_day"
		a.Coverage = "closed_when_unstaffed"
		a.Confidential = []string{"whereabouts", "client_records", "staff_private", "security"}
		a.Protected = t["preset.shelter.protected"]
	}
	return a, nil
}

func kindList() string {
	s := make([]string, len(Kinds))
	for i, k := range Kinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

// normLang maps Norwegian codes to Bokmål and drops a region.
func normLang(l string) string {
	l = strings.ToLower(strings.TrimSpace(l))
	if i := strings.IndexAny(l, "-_"); i >= 0 {
		l = l[:i]
	}
	if l == "no" || l == "nn" {
		return "nb"
	}
	return l
}

// FieldError is an answer that cannot be used, naming the question.
type FieldError struct {
	Field   string
	Message string
}

func (e FieldError) Error() string { return e.Field + ": " + e.Message }

// Errors are every problem with the answers.
type Errors []FieldError

func (es Errors) Error() string {
	s := make([]string, len(es))
	for i, e := range es {
		s[i] = e.Error()
	}
	return "policy builder: " + strings.Join(s, "; ")
}

// Normalize cleans the answers (trims, deduplicates, orders choices as
// offered, drops the primary language from Extra) and checks them. It
// returns every problem at once.
func (a Answers) Normalize() (Answers, error) {
	var errs Errors
	bad := func(field, format string, args ...any) {
		errs = append(errs, FieldError{field, fmt.Sprintf(format, args...)})
	}
	a.Lang = normLang(a.Lang)
	if !slices.Contains(Kinds, a.Kind) {
		bad("kind", "choose a starting point: %s", kindList())
	}
	if !slices.Contains(Languages, a.Lang) {
		bad("lang", "choose the organization's language: %s", strings.Join(Languages, ", "))
	}
	var extra []string
	for _, l := range a.Extra {
		l = normLang(l)
		if l == "" || l == a.Lang {
			continue
		}
		if !slices.Contains(Languages, l) {
			bad("extra", "%q is not a language the builder writes (%s)", l, strings.Join(Languages, ", "))
			continue
		}
		extra = append(extra, l)
	}
	a.Extra = ordered(extra, Languages)
	text := func(field string, s *string, max int, required bool) {
		*s = cleanText(*s)
		switch {
		case required && *s == "":
			bad(field, "this answer is required")
		case utf8.RuneCountInString(*s) > max:
			bad(field, "keep it under %d characters", max)
		}
	}
	text("name", &a.Name, maxName, true)
	text("spokespeople", &a.Spokespeople, maxLong, true)
	text("help_contact", &a.HelpContact, maxShort, true)
	text("emergency", &a.Emergency, 40, true)
	text("confidential_note", &a.ConfidentialNote, maxLong, false)
	text("protected", &a.Protected, maxLong, false)
	choice := func(field string, s *string, opts []string) {
		if !slices.Contains(opts, *s) {
			bad(field, "choose one of %s", strings.Join(opts, ", "))
		}
	}
	choice("strictness", &a.Strictness, StrictnessOptions)
	choice("response_time", &a.ResponseTime, ResponseOptions)
	choice("coverage", &a.Coverage, CoverageOptions)
	multi := func(field string, list []string, opts []string) []string {
		for _, s := range list {
			if !slices.Contains(opts, s) {
				bad(field, "%q is not one of %s", s, strings.Join(opts, ", "))
			}
		}
		return ordered(list, opts)
	}
	a.Never = multi("never", a.Never, NeverOptions)
	a.Audiences = multi("audiences", a.Audiences, AudienceOptions)
	a.Confidential = multi("confidential", a.Confidential, ConfidentialOptions)
	if len(errs) > 0 {
		return a, errs
	}
	return a, nil
}

// ordered keeps the items of list found in opts, once each, in opts order.
func ordered(list, opts []string) []string {
	var out []string
	for _, o := range opts {
		if slices.Contains(list, o) {
			out = append(out, o)
		}
	}
	return out
}

// cleanText trims, folds runs of blanks (line breaks included) into one
// space, and removes what could break a document or a template: control
// characters, the {{ }} of template variables, and the block marks of the
// guidelines' Markdown (# - >) at the start.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
	for strings.Contains(s, "{{") || strings.Contains(s, "}}") {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "{{", "{"), "}}", "}")
	}
	// A leading "#" or "- " would make a heading or a list item of the
	// paragraph the text lands in.
	return strings.TrimLeft(strings.Join(strings.Fields(s), " "), "#-> ")
}

// Languages returns the policy's languages: the organization's first.
func (a Answers) Languages() []string { return append([]string{a.Lang}, a.Extra...) }

// Result is what Build produces.
type Result struct {
	Answers    Answers // normalized
	Version    string
	PolicyYAML []byte
	// Public holds the public guidelines per policy language (Markdown;
	// see ParseDoc), Internal the staff guidelines in the organization's
	// language.
	Public   map[string]string
	Internal string
	// Rules are the rule ids in the order the guidelines list them.
	Rules []string
}

// ErrNoVersion: Build needs the version string to write into the file.
var ErrNoVersion = errors.New("policy builder: a version is required (e.g. 2026-11-21.1)")

// Build turns answers into the policy file and both guidelines. version is
// written into the policy file and the guidelines.
func Build(a Answers, version string) (Result, error) {
	version = cleanText(version)
	if version == "" {
		return Result{}, ErrNoVersion
	}
	a, err := a.Normalize()
	if err != nil {
		return Result{}, err
	}
	rules := rulesFor(a)
	res := Result{Answers: a, Version: version, Public: map[string]string{}}
	for _, r := range rules {
		res.Rules = append(res.Rules, r.ID)
	}
	res.PolicyYAML = writePolicy(a, version, rules)
	for _, l := range a.Languages() {
		res.Public[l] = writePublic(a, version, rules, l)
	}
	res.Internal = writeInternal(a, version)
	return res, nil
}
