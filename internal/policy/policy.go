package policy

import (
	"slices"
	"sort"
	"strings"
	"sync"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types/ref"
)

// Verdict is the moderation outcome for an item, ordered from the mildest to
// the strongest: allow < review < hide < delete.
type Verdict string

// The verdicts, mildest first.
const (
	Allow  Verdict = "allow"
	Review Verdict = "review"
	Hide   Verdict = "hide"
	Delete Verdict = "delete"
)

// Verdicts lists the verdicts from the mildest to the strongest.
var Verdicts = []Verdict{Allow, Review, Hide, Delete}

// Rank orders verdicts: allow 1, review 2, hide 3, delete 4; 0 for anything
// else, so an unset verdict loses to every real one.
func (v Verdict) Rank() int {
	switch v {
	case Allow:
		return 1
	case Review:
		return 2
	case Hide:
		return 3
	case Delete:
		return 4
	}
	return 0
}

// ActionName names something a rule asks to be done.
type ActionName string

// The actions a rule may ask for. The first four are verdicts.
const (
	ActionAllow        ActionName = "allow"
	ActionReview       ActionName = "review"
	ActionHide         ActionName = "hide"
	ActionDelete       ActionName = "delete"
	ActionReply        ActionName = "reply"         // public reply from a template (param: template)
	ActionNotifyAuthor ActionName = "notify_author" // tell the author which rule applied (param: template, optional)
	ActionBlock        ActionName = "block"         // block the author on the platform
	ActionReport       ActionName = "report"        // report to the platform (param: reason, optional)
	ActionEscalate     ActionName = "escalate"      // open or attach to a case (params: severity, to)
)

// actionSpec says which parameters an action takes. The primary parameter is
// the one set by the short form `- reply: ack_complaint`.
type actionSpec struct {
	params   []string
	primary  string
	required []string
	values   map[string][]string // closed sets of values, per parameter
}

var actionSpecs = map[ActionName]actionSpec{
	ActionAllow:        {},
	ActionReview:       {params: []string{"queue"}, primary: "queue"},
	ActionHide:         {},
	ActionDelete:       {},
	ActionReply:        {params: []string{"template"}, primary: "template", required: []string{"template"}},
	ActionNotifyAuthor: {params: []string{"template"}, primary: "template"},
	ActionBlock:        {},
	ActionReport:       {params: []string{"reason"}, primary: "reason"},
	ActionEscalate: {params: []string{"severity", "to"}, primary: "severity",
		values: map[string][]string{"severity": {"low", "medium", "high"}}},
}

// ActionNames lists every valid action name in a stable order.
var ActionNames = []ActionName{ActionAllow, ActionReview, ActionHide, ActionDelete, ActionReply,
	ActionNotifyAuthor, ActionBlock, ActionReport, ActionEscalate}

// Verdict returns the verdict this action sets, or "" if it is not a verdict.
func (a ActionName) Verdict() Verdict {
	switch a {
	case ActionAllow, ActionReview, ActionHide, ActionDelete:
		return Verdict(a)
	}
	return ""
}

// Action is one thing a rule asks for, with its parameters and the id of the
// rule that asked. Params is shared with the policy: treat it as read-only.
type Action struct {
	Name   ActionName        `json:"name"`
	Params map[string]string `json:"params,omitempty"`
	Rule   string            `json:"rule"`
	key    string            // name and sorted params, for deduplication
}

// Param returns the named parameter, or "".
func (a Action) Param(name string) string { return a.Params[name] }

func actionKey(name ActionName, params map[string]string) string {
	if len(params) == 0 {
		return string(name)
	}
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString(string(name))
	for _, k := range keys {
		b.WriteByte(0)
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(params[k])
	}
	return b.String()
}

// Mode says whether a rule acts or only records what it would have done.
type Mode string

// The rule modes.
const (
	Enforce Mode = "enforce"
	Shadow  Mode = "shadow"
)

// Rule is one compiled rule of a policy. Its fields are read-only.
type Rule struct {
	ID       string
	Title    string
	Note     string // internal note for staff, never published
	Priority int
	Mode     Mode
	When     string   // the CEL condition as written
	Actions  []Action // in the order written; Rule is set to ID
	Stop     bool
	Public   map[string]string // public sentence per language
	Line     int               // line of the rule in the policy file

	verdict    Verdict // strongest verdict among Actions, "" if none
	prg        cel.Program
	alwaysTrue bool // the condition folds to true: it matches every item
	index      int  // position in the file, the tie-breaker for equal priorities
}

// Verdict returns the strongest verdict among the rule's actions, or "" if
// the rule sets none (for instance a rule that only escalates).
func (r *Rule) Verdict() Verdict { return r.verdict }

// condition is a named condition, usable as a bool variable in rules.
type condition struct {
	name string
	expr string
	prg  cel.Program
	line int
}

// Policy is a parsed, validated and compiled policy. It is safe for
// concurrent use.
type Policy struct {
	name          string
	version       string
	file          string
	languages     []string
	defaultAction Verdict
	intro         map[string]string
	templates     map[string]map[string]string
	rules         []*Rule // file order
	order         []*Rule // evaluation order: priority desc, then file order
	byID          map[string]*Rule
	conds         []*condition
	condIndex     map[string]int
	adapter       celAdapter
	pool          sync.Pool // *evalState
	warnings      []Problem
}

// Name is the policy's title as written in the file.
func (p *Policy) Name() string { return p.name }

// Version is the policy version string, recorded in every decision.
func (p *Policy) Version() string { return p.version }

// File is the file name the policy was parsed from.
func (p *Policy) File() string { return p.file }

// Languages lists the languages the public wording exists in, as declared.
func (p *Policy) Languages() []string { return slices.Clone(p.languages) }

// DefaultAction is the verdict when no enforce rule sets one.
func (p *Policy) DefaultAction() Verdict { return p.defaultAction }

// Rules returns the rules in file order. The rules are read-only.
func (p *Policy) Rules() []*Rule { return slices.Clone(p.rules) }

// Rule returns the rule with this id.
func (p *Policy) Rule(id string) (*Rule, bool) {
	r, ok := p.byID[id]
	return r, ok
}

// Warnings returns the non-fatal problems found while parsing (what Lint
// reports besides errors).
func (p *Policy) Warnings() []Problem { return slices.Clone(p.warnings) }

// TemplateNames lists the reply templates, sorted.
func (p *Policy) TemplateNames() []string {
	names := make([]string, 0, len(p.templates))
	for n := range p.templates {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Template returns the text of a reply template in a language, falling back
// from a regional variant to its base language (fr-CA -> fr) and from
// Nynorsk to Bokmål (nn -> nb).
func (p *Policy) Template(name, lang string) (string, bool) {
	t, ok := p.templates[name]
	if !ok {
		return "", false
	}
	l, ok := pickLang(t, lang)
	if !ok {
		return "", false
	}
	return t[l], true
}

// PublicText returns a rule's public sentence in a language, with the same
// fallbacks as Template.
func (r *Rule) PublicText(lang string) (string, bool) {
	l, ok := pickLang(r.Public, lang)
	if !ok {
		return "", false
	}
	return r.Public[l], true
}

// pickLang finds the key of m to use for lang: exact, then base language,
// then nn -> nb.
func pickLang(m map[string]string, lang string) (string, bool) {
	lang = strings.ToLower(strings.TrimSpace(lang))
	if _, ok := m[lang]; ok {
		return lang, true
	}
	base := baseLang(lang)
	if _, ok := m[base]; ok {
		return base, true
	}
	if base == "nn" || base == "no" {
		if _, ok := m["nb"]; ok {
			return "nb", true
		}
	}
	return "", false
}

// baseLang turns "fr-CA" or "fr_CA" into "fr".
func baseLang(lang string) string {
	lang = strings.ToLower(lang)
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		return lang[:i]
	}
	return lang
}

// celAdapter converts Go values to CEL values; kept as an interface so the
// policy does not hold the whole environment.
type celAdapter interface {
	NativeToValue(value any) ref.Val
}
