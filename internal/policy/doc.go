// Package policy owns the organization's written moderation policy: the
// versioned YAML file format, its validation with precise, fixable error
// messages (file:line:col), the CEL conditions over detection signals, the
// decision an item gets under the policy (citing the rule ids and the policy
// version), and the public community guidelines rendered from the same file,
// so that what is promised to the public is exactly what is enforced.
//
// It also embeds a default policy usable out of the box (Default) and an
// example policy for a veterinary clinic (ExampleClinicYAML).
//
// The package decides; it never acts. The act package carries out the
// decision's actions.
//
// # File format
//
//	policy: Clinique des Tilleuls community rules   # name, shown in the guidelines
//	version: "2026-11-21.1"     # recorded in every decision; change it at every edit
//	languages: [fr, en]         # every public text must exist in each
//	default_action: allow       # verdict when no enforce rule sets one (default allow)
//	intro:                      # optional paragraph under the guidelines heading
//	  fr: "..."
//	  en: "..."
//	conditions:                 # optional named conditions, usable in when as variables;
//	  serious: score("threat") >= 0.7 || score("hate") >= 0.7   # each may use the ones above it
//	templates:                  # reply texts per language; variables {{author}}, {{rule}},
//	  ack_complaint:            # {{rule_text}}, {{organization}}, {{channel}}
//	    fr: "Bonjour {{author}}, ..."
//	    en: "Hello {{author}}, ..."
//	rules:
//	  - id: R1                  # cited in decisions and in the guidelines
//	    title: Threats of violence   # for staff
//	    note: why the rule exists    # optional, for staff, never published
//	    priority: 100           # higher first; equal priorities keep file order (default 0)
//	    mode: enforce           # enforce (default) | shadow: record what it would do, never act
//	    when: score("threat") >= 0.7 && !serious   # CEL, must be true/false
//	    actions:                # a word, or one action with its parameter
//	      - hide
//	      - escalate: {severity: high, to: crisis_team}
//	      - reply: ack_complaint
//	    stop: true              # optional: no lower rule is considered once this one matches
//	    public:                 # one sentence per language, shown to authors and published
//	      fr: "..."
//	      en: "..."
//
// Actions: allow, review (queue), hide, delete, reply (template, required),
// notify_author (template), block, report (reason), escalate (severity:
// low|medium|high, to). The verdict of a decision is the strongest of allow <
// review < hide < delete asked by a matched enforce rule.
//
// # Conditions
//
// Conditions are CEL expressions, type-checked when the policy is loaded:
//
//	score("insult")         best score (0..1) of that category, 0 if absent
//	found("pii")            whether any signal of that category was reported
//	severity("insult")      highest severity grade (1 mild .. 3 severe; 0 not graded)
//	entity("iban")          whether any signal reports that personal-data entity
//	score_entity("iban")    best score among signals with that entity
//	lang                    the item's language (ISO 639-1)
//	item.lang, item.channel, item.kind, item.author_id, item.text, item.text_length
//	signals                 list of {category, score, entity, severity, detector}
//
// plus CEL's standard operators and macros (&&, ||, !, ==, in, exists, all,
// size, contains, matches, ...). Category names written as text are checked
// against the fixed list of detect.Categories. In YAML, quote a condition that
// starts with ! or contains ": " or " #".
package policy
