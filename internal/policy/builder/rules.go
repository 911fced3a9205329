package builder

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// rule is one rule the builder writes. Its id never changes with the
// answers, so a rule cited to an author keeps its anchor from one version
// to the next; rules an organization does not need are left out.
type rule struct {
	ID       string
	Key      string // text key: rule.<key>.title, rule.<key>.<variant>, rule.<key>.why
	Priority int
	When     string
	Actions  []string // YAML flow items, as written
	Stop     bool
	Variant  string // hide | review | text: which public sentence applies
}

// rulesFor chooses and tunes the rules from the answers.
func rulesFor(a Answers) []rule {
	never := func(s string) bool { return slices.Contains(a.Never, s) }
	verdict := func(s string) string {
		if never(s) {
			return "hide"
		}
		return "review"
	}
	// The floor: threats, someone else's personal data and hate are
	// hidden whatever the answers.
	rs := []rule{
		{ID: "R1", Key: "threat", Priority: 100, When: "threatening", Variant: "text",
			Actions: []string{"hide", "{escalate: {severity: high, to: crisis_team}}", "report"}},
		{ID: "R2", Key: "doxxing", Priority: 95, When: "exposes_someone", Variant: "text",
			Actions: []string{"hide", "{escalate: {severity: high, to: crisis_team}}"}},
		{ID: "R3", Key: "hate", Priority: 90, When: "hateful", Variant: "text", Actions: []string{"hide", "report"}},
	}
	if a.Kind == Shelter || slices.Contains(a.Confidential, "whereabouts") {
		// Seed 004: never let a post reveal where a survivor lives or
		// where a private event takes place, even when meant well.
		rs = append(rs, rule{ID: "R4", Key: "location", Priority: 92, When: "reveals_place", Variant: "text",
			Actions: []string{"hide", "{escalate: {severity: high, to: crisis_team}}"}})
	}
	rs = append(rs,
		rule{ID: "R5", Key: "crisis", Priority: 85, When: `score("crisis") >= 0.6 && !serious`, Variant: "text", Stop: true,
			Actions: []string{"review", "{escalate: {severity: high, to: crisis_team}}"}},
		rule{ID: "R6", Key: "complaint", Priority: 80, When: `score("complaint") >= 0.6 && !serious`, Variant: "text", Stop: true,
			Actions: []string{"review", "{reply: ack_complaint}"}},
	)
	sexual := rule{ID: "R7", Key: "sexual", Priority: 70, When: `score("sexual") >= 0.7`, Variant: verdict("sexual")}
	sexual.Actions = []string{sexual.Variant}
	harass := rule{ID: "R8", Key: "harassment", Priority: 65, When: `score("harassment") >= 0.7`, Variant: verdict("harassment")}
	if a.ProtectStaff {
		// Staff named in public are the first targets (seeds 000, 001).
		harass.When = `score("harassment") >= 0.5`
	}
	harass.Actions = []string{harass.Variant, "{escalate: {severity: medium}}"}
	severe := rule{ID: "R9", Key: "insult_severe", Priority: 60, When: "severe_insult", Variant: verdict("insults")}
	severe.Actions = []string{severe.Variant}
	mild := rule{ID: "R10", Key: "insult_mild", Priority: 55, When: `score("insult") >= 0.5 && !severe_insult`, Variant: a.Strictness}
	mild.Actions = []string{mild.Variant}
	spam := rule{ID: "R11", Key: "spam", Priority: 50, When: `score("spam") >= 0.8`, Variant: verdict("spam")}
	spam.Actions = []string{"review"}
	if never("spam") {
		spam.Actions = []string{"delete"}
	}
	rs = append(rs, sexual, harass, severe, mild, spam,
		rule{ID: "R12", Key: "own_data", Priority: 45, When: `score("pii") >= 0.6`, Variant: "text",
			Actions: []string{"hide", "{notify_author: pii_notice}"}},
		rule{ID: "R13", Key: "accusation", Priority: 40, When: `score("accusation") >= 0.6`, Variant: "text",
			Actions: []string{"review"}},
	)
	q := rule{ID: "R14", Key: "question", Priority: 20, When: `score("question") >= 0.6`, Variant: "text",
		Actions: []string{"{review: customer_service}"}}
	if helpDesk(a) {
		// Seed 004: a request for help gets pointed to a confidential
		// channel; the page is not where services are given.
		q.Key, q.Actions = "help_request", []string{"{review: customer_service}", "{reply: help_redirect}"}
	}
	rs = append(rs, q,
		rule{ID: "R15", Key: "praise", Priority: 10, When: `score("praise") >= 0.6`, Variant: "text", Actions: []string{"allow"}})
	return rs
}

// helpDesk: people may ask this organization for help in public, and must
// be pointed to a confidential channel instead.
func helpDesk(a Answers) bool { return a.Kind == Shelter || a.Kind == Care }

// hasRule reports whether rs has a rule with key.
func hasRule(rs []rule, key string) bool {
	return slices.ContainsFunc(rs, func(r rule) bool { return r.Key == key })
}

// q quotes a string for YAML: a double-quoted scalar, whose escapes are
// those of JSON and Go for printable text.
func q(s string) string { return strconv.Quote(s) }

// writePolicy writes the policy file.
func writePolicy(a Answers, version string, rs []rule) []byte {
	langs := a.Languages()
	tx := func(l, key string) string { return tr(a, l, key) }
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("# %s\n", tx(a.Lang, "yaml.header"))
	p("# %s\n", tx(a.Lang, "yaml.edit"))
	p("policy: %s\n", q(a.Name))
	p("version: %s\n", q(version))
	p("languages: [%s]\n", strings.Join(langs, ", "))
	p("default_action: allow\n\n")
	p("intro:\n")
	for _, l := range langs {
		p("  %s: %s\n", l, q(tx(l, "pub.intro")))
	}
	p("\nconditions:\n")
	p("  threatening: score(\"threat\") >= 0.7\n")
	dox := "0.6"
	if a.Kind == Shelter || a.Kind == Care {
		dox = "0.4" // clients' and survivors' privacy: hide on a weaker signal
	}
	p("  exposes_someone: score(\"doxxing\") >= %s\n", dox)
	p("  hateful: score(\"hate\") >= 0.7\n")
	serious := "threatening || exposes_someone || hateful"
	if hasRule(rs, "location") {
		p("  reveals_place: entity(\"address\") || entity(\"location\")\n")
		serious += " || reveals_place"
	}
	p("  # %s\n", tx(a.Lang, "yaml.serious"))
	p("  serious: %s\n", serious)
	p("  severe_insult: score(\"insult\") >= 0.8 || (score(\"insult\") >= 0.5 && severity(\"insult\") >= 3)\n")
	p("\ntemplates:\n")
	tpls := []string{"ack_complaint", "pii_notice"}
	if helpDesk(a) {
		tpls = append(tpls, "help_redirect")
	}
	for _, name := range tpls {
		p("  %s:\n", name)
		for _, l := range langs {
			p("    %s: %s\n", l, q(tx(l, "tpl."+name)))
		}
	}
	p("\nrules:\n")
	for i, r := range rs {
		if i > 0 {
			p("\n")
		}
		p("  - id: %s\n", r.ID)
		p("    title: %s\n", q(tx(a.Lang, "rule."+r.Key+".title")))
		p("    note: %s\n", q(ruleWhy(a, a.Lang, r)))
		p("    priority: %d\n", r.Priority)
		p("    when: %s\n", r.When)
		p("    actions: [%s]\n", strings.Join(r.Actions, ", "))
		if r.Stop {
			p("    stop: true\n")
		}
		p("    public:\n")
		for _, l := range langs {
			p("      %s: %s\n", l, q(publicText(a, l, r)))
		}
	}
	return []byte(b.String())
}

// publicText is a rule's public sentence: the same in the policy file
// (told to authors) and in the published guidelines.
func publicText(a Answers, lang string, r rule) string {
	return tr(a, lang, "rule."+r.Key+"."+r.Variant)
}

// writePublic writes the public community guidelines in a language.
func writePublic(a Answers, version string, rs []rule, lang string) string {
	tx := func(key string) string { return tr(a, lang, key) }
	var paras []string
	add := func(s ...string) { paras = append(paras, s...) }
	add("# "+tx("pub.title"), tx("pub.intro"), tx("pub.how"))
	if s, ok := trOK(a, lang, "pub.extra"); ok {
		add(s)
	}
	for _, r := range rs {
		add(fmt.Sprintf("## %s · %s {#%s}", r.ID, tx("rule."+r.Key+".title"), Anchor(r.ID)))
		add(publicText(a, lang, r))
		add("> " + tx("pub.why") + " " + ruleWhy(a, lang, r))
	}
	add("## "+tx("pub.contact.title")+" {#contact}",
		tx("pub.coverage."+a.Coverage)+" "+tx("pub.response."+a.ResponseTime),
		tx("pub.help"))
	add(strings.ReplaceAll(tx("pub.version"), "{version}", version))
	return joinBlocks(paras)
}

// ruleWhy says why a rule exists; a rule may explain each variant.
func ruleWhy(a Answers, lang string, r rule) string {
	if s, ok := trOK(a, lang, "rule."+r.Key+".why."+r.Variant); ok {
		return s
	}
	return tr(a, lang, "rule."+r.Key+".why")
}

// joinBlocks separates blocks by a blank line, except list items, which
// follow each other line by line.
func joinBlocks(paras []string) string {
	var b strings.Builder
	for i, p := range paras {
		if i > 0 {
			if strings.HasPrefix(p, "- ") && strings.HasPrefix(paras[i-1], "- ") {
				b.WriteString("\n")
			} else {
				b.WriteString("\n\n")
			}
		}
		b.WriteString(p)
	}
	b.WriteString("\n")
	return b.String()
}

// Anchor is the HTML id of a rule in the published guidelines: the rule
// id itself, so /g/{ws}#R2 points at rule R2.
func Anchor(ruleID string) string { return ruleID }
