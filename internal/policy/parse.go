package policy

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"cel.dev/cel-go/cel"
	"gopkg.in/yaml.v3"
)

// MaxFileSize bounds a policy file. Real policies are a few kilobytes.
const MaxFileSize = 1 << 20

// Keys allowed at each level of the file, in the order they are documented.
var (
	topKeys       = []string{"policy", "version", "languages", "default_action", "intro", "templates", "conditions", "rules"}
	ruleKeys      = []string{"id", "title", "note", "priority", "mode", "when", "actions", "stop", "public"}
	headingLangs  = []string{"fr", "nl", "sv", "nb", "nn", "en", "de"}
	templateVars  = []string{"author", "rule", "rule_text", "organization", "channel"}
	langCodeRe    = regexp.MustCompile(`^[a-z]{2,3}$`)
	ruleIDRe      = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`)
	nameRe        = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,63}$`)
	templateNameR = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$`)
	templateVarRe = regexp.MustCompile(`\{\{\s*([^{}]*?)\s*\}\}`)
	yamlLineRe    = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
)

// Parse reads a policy file, validates it and compiles its conditions. On
// failure the error is an ErrorList holding every error found, each with its
// position and a hint at the fix. Warnings do not fail Parse; see Lint.
func Parse(data []byte, filename string) (*Policy, error) {
	p, probs := parse(data, filename)
	var errs ErrorList
	for _, pr := range probs {
		if pr.Severity == SeverityError {
			errs = append(errs, pr)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return p, nil
}

// Lint reports every error and warning in a policy file, sorted by position.
// It is what `stormwatch policy lint FILE` prints, one Problem.String() a line.
func Lint(data []byte, filename string) []Problem {
	_, probs := parse(data, filename)
	return probs
}

type parser struct {
	file  string
	lines [][]rune // the source, for mapping positions inside values
	probs []Problem

	env       *cel.Env
	langs     []string
	langSet   map[string]bool
	templates map[string]map[string]string
	tmplNodes map[string]*yaml.Node
	tmplUsed  map[string]bool
	condNames []string
	condNodes map[string]*yaml.Node
	condUsed  map[string]bool
}

// kv is one key: value pair of a mapping.
type kv struct {
	key *yaml.Node
	val *yaml.Node
}

// parse does the work for Parse and Lint. It returns a policy only when no
// error was found.
func parse(data []byte, filename string) (p *Policy, probs []Problem) {
	ps := &parser{file: filename}
	defer func() {
		// A bug here must surface as a problem in the file, not bring down
		// the server that is reloading a policy.
		if r := recover(); r != nil {
			ps.add(SeverityError, 1, 1, fmt.Sprintf("internal error while reading the policy (please report it): %v", r))
			p, probs = nil, ps.sorted()
		}
	}()
	p = ps.run(data)
	probs = ps.sorted()
	for _, pr := range probs {
		if pr.Severity == SeverityError {
			return nil, probs
		}
	}
	if p != nil {
		for _, pr := range probs {
			p.warnings = append(p.warnings, pr)
		}
	}
	return p, probs
}

func (ps *parser) sorted() []Problem {
	sortProblems(ps.probs)
	return ps.probs
}

func (ps *parser) add(sev Severity, line, col int, msg string) {
	ps.probs = append(ps.probs, Problem{File: ps.file, Line: max(line, 1), Col: max(col, 1), Severity: sev, Message: msg})
}

func (ps *parser) errorf(n *yaml.Node, format string, args ...any) {
	ps.add(SeverityError, n.Line, n.Column, fmt.Sprintf(format, args...))
}

func (ps *parser) warnf(n *yaml.Node, format string, args ...any) {
	ps.add(SeverityWarning, n.Line, n.Column, fmt.Sprintf(format, args...))
}

func (ps *parser) run(data []byte) *Policy {
	if len(data) > MaxFileSize {
		ps.add(SeverityError, 1, 1, fmt.Sprintf("the file is %d bytes; a policy file may be at most %d bytes", len(data), MaxFileSize))
		return nil
	}
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalidUTF8(data)], []byte("\n"))
		ps.add(SeverityError, line, 1, "the file is not valid UTF-8 text; save it as UTF-8")
		return nil
	}
	for _, l := range strings.Split(string(data), "\n") {
		ps.lines = append(ps.lines, []rune(strings.TrimSuffix(l, "\r")))
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		ps.yamlError(err)
		return nil
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		ps.add(SeverityError, 1, 1, "the policy file is empty; it needs at least policy, version, languages and rules (start from the default policy: stormwatch policy default)")
		return nil
	}
	root := deref(doc.Content[0])
	if root.Kind != yaml.MappingNode {
		ps.errorf(root, "a policy file must be a list of key: value lines (policy:, version:, languages:, rules:, ...), not %s", kindName(root))
		return nil
	}
	env, err := celBaseEnv()
	if err != nil {
		ps.add(SeverityError, 1, 1, err.Error())
		return nil
	}
	ps.env = env

	top := ps.mapping(root, "the policy file", topKeys)
	get := func(k string) *yaml.Node {
		for _, e := range top {
			if e.key.Value == k {
				return e.val
			}
		}
		return nil
	}
	p := &Policy{file: ps.file, defaultAction: Allow, byID: map[string]*Rule{}, condIndex: map[string]int{}}

	if n := get("policy"); n == nil {
		ps.errorf(root, "missing policy: give the policy a name, e.g. policy: Clinique des Tilleuls community rules")
	} else if s, ok := ps.scalar(n, "policy"); ok {
		if p.name = strings.TrimSpace(s); p.name == "" {
			ps.errorf(n, "policy is empty; give the policy a name")
		}
	}
	if n := get("version"); n == nil {
		ps.errorf(root, `missing version: every decision records it, e.g. version: "2026-11-21.1"`)
	} else if s, ok := ps.scalar(n, "version"); ok {
		if p.version = strings.TrimSpace(s); p.version == "" {
			ps.errorf(n, `version is empty; set it, e.g. version: "2026-11-21.1", and change it at every edit`)
		}
	}
	ps.parseLanguages(root, get("languages"))
	p.languages = ps.langs
	if n := get("default_action"); n != nil {
		if s, ok := ps.scalar(n, "default_action"); ok {
			v := Verdict(strings.TrimSpace(s))
			if v.Rank() == 0 {
				ps.errorf(n, "default_action %q is not a verdict; use one of %s%s", s, quoteList(Verdicts), didYouMean(s, verdictStrings()))
			} else {
				p.defaultAction = v
			}
		}
	}
	if n := get("intro"); n != nil {
		p.intro = ps.langMap(n, "intro", true)
	}
	ps.parseTemplates(get("templates"))
	p.templates = ps.templates
	ps.parseConditions(p, get("conditions"))
	if n := get("rules"); n == nil {
		ps.errorf(root, "missing rules: the policy needs a list of rules")
	} else {
		ps.parseRules(p, n)
	}
	ps.finish(p)
	if ps.env != nil {
		p.adapter = ps.env.CELTypeAdapter()
	}
	return p
}

func verdictStrings() []string {
	out := make([]string, len(Verdicts))
	for i, v := range Verdicts {
		out[i] = string(v)
	}
	return out
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// yamlError turns a yaml.v3 syntax error into a problem with a line and a
// hint for the mistakes people make most in policy files.
func (ps *parser) yamlError(err error) {
	msg := err.Error()
	line := 0
	if m := yamlLineRe.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	if line == 0 && strings.Contains(msg, "mapping values are not allowed") {
		// yaml.v3 omits the line for this one: find a value holding ": ".
		for i, l := range ps.lines {
			if _, rest, ok := strings.Cut(string(l), ": "); ok && strings.Contains(rest, ": ") &&
				!strings.HasPrefix(strings.TrimSpace(rest), `"`) && !strings.HasPrefix(strings.TrimSpace(rest), `'`) {
				line = i + 1
				break
			}
		}
	}
	if strings.Contains(msg, "tab") {
		// yaml.v3 reports the line before the offending tab.
		for i, l := range ps.lines {
			if strings.Contains(string(l[:leadingSpaces(l)]), "\t") {
				line = i + 1
				break
			}
		}
	}
	text := ""
	if line >= 1 && line <= len(ps.lines) {
		text = string(ps.lines[line-1])
	}
	hint := ""
	_, value, _ := strings.Cut(text, ": ")
	value = strings.TrimSpace(value)
	switch {
	case strings.Contains(text, "\t") || strings.Contains(msg, "found character that cannot start any token") && strings.Contains(string(joinRunes(ps.lines)), "\t"):
		hint = "; YAML does not allow tab characters for indentation: indent with spaces"
	case strings.Contains(msg, "mapping values are not allowed"):
		hint = `; a value containing ": " (as in "Règle : ...") must be put in quotes`
	case strings.HasPrefix(value, "!") || strings.HasPrefix(value, "&") || strings.HasPrefix(value, "*") || strings.HasPrefix(value, "@") || strings.HasPrefix(value, "`"):
		hint = fmt.Sprintf("; YAML gives a special meaning to a value starting with %q: put the whole value in quotes, e.g. '%s'", value[:1], value)
	case strings.HasPrefix(value, `"`) || strings.HasPrefix(value, `'`):
		hint = "; a value that starts with a quote must also end with it: put the whole value in the other kind of quotes, e.g. '" + `score("threat") >= 0.7'`
	case strings.Contains(msg, "did not find expected key") || strings.Contains(msg, "did not find expected '-' indicator"):
		hint = "; check the indentation: items of the same list or mapping must start in the same column"
	}
	ps.add(SeverityError, max(line, 1), 1, "YAML syntax error: "+msg+hint)
}

func joinRunes(lines [][]rune) []rune {
	var out []rune
	for _, l := range lines {
		out = append(out, l...)
	}
	return out
}

// deref follows YAML aliases (*name) to the anchored node.
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 16; i++ {
		if n.Alias == nil {
			break
		}
		n = n.Alias
	}
	return n
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping (key: value lines)"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("the value %q", truncate(n.Value, 40))
	case yaml.AliasNode:
		return "an alias"
	}
	return "nothing"
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// mapping returns the pairs of a mapping node, reporting non-mappings,
// duplicate keys and keys not in allowed (when allowed is not nil).
func (ps *parser) mapping(n *yaml.Node, what string, allowed []string) []kv {
	pairs, _ := ps.mappingTypos(n, what, allowed)
	return pairs
}

// mappingTypos is mapping that also returns the allowed keys that an
// unknown key looks like a typo of.
func (ps *parser) mappingTypos(n *yaml.Node, what string, allowed []string) ([]kv, map[string]bool) {
	typos := map[string]bool{}
	n = deref(n)
	if n == nil {
		return nil, typos
	}
	if n.Kind != yaml.MappingNode {
		if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
			ps.errorf(n, "%s is empty; it needs key: value lines", what)
		} else {
			ps.errorf(n, "%s must be key: value lines, not %s", what, kindName(n))
		}
		return nil, typos
	}
	var out []kv
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := deref(n.Content[i]), deref(n.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			ps.errorf(k, "a key in %s must be a plain word, not %s", what, kindName(k))
			continue
		}
		if k.Value == "<<" {
			ps.errorf(k, "merge keys (<<) are not supported in %s; write the keys out", what)
			continue
		}
		if first, dup := seen[k.Value]; dup {
			ps.errorf(k, "duplicate key %q in %s (first at line %d); keep only one", k.Value, what, first.Line)
			continue
		}
		seen[k.Value] = k
		if allowed != nil && !slices.Contains(allowed, k.Value) {
			ps.errorf(k, "unknown key %q in %s%s (valid keys: %s)", k.Value, what, didYouMean(k.Value, allowed), quoteList(allowed))
			if c, ok := closest(k.Value, allowed); ok {
				typos[c] = true
			}
			continue
		}
		out = append(out, kv{k, v})
	}
	return out, typos
}

// scalar returns the text of a single value.
func (ps *parser) scalar(n *yaml.Node, what string) (string, bool) {
	n = deref(n)
	if n == nil {
		return "", false
	}
	if n.Kind != yaml.ScalarNode {
		ps.errorf(n, "%s must be a single value, not %s", what, kindName(n))
		return "", false
	}
	if strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
		ps.errorf(n, "YAML read %q in %s as a tag; put the whole value in quotes, e.g. '%s'", n.Tag, what, n.Tag+" "+n.Value)
		return "", false
	}
	if n.Tag == "!!null" {
		return "", true
	}
	return n.Value, true
}

func (ps *parser) parseLanguages(root, n *yaml.Node) {
	ps.langSet = map[string]bool{}
	if n == nil {
		ps.errorf(root, "missing languages: list the languages your public wording is written in, e.g. languages: [fr, en]")
		return
	}
	n = deref(n)
	if n.Kind != yaml.SequenceNode {
		ps.errorf(n, "languages must be a list, e.g. languages: [fr, en]")
		return
	}
	if len(n.Content) == 0 {
		ps.errorf(n, "languages is empty; list at least one, e.g. languages: [fr]")
	}
	for _, c := range n.Content {
		s, ok := ps.scalar(c, "a language")
		if !ok {
			continue
		}
		switch {
		case langCodeRe.MatchString(s):
		case langCodeRe.MatchString(strings.ToLower(s)):
			ps.errorf(c, "write language codes in lower case: %s", strings.ToLower(s))
			continue
		case langCodeRe.MatchString(baseLang(s)):
			ps.errorf(c, "use the base language code %q: regional variants such as %q fall back to it", baseLang(s), s)
			continue
		default:
			ps.errorf(c, "%q is not a language code; use two-letter ISO 639-1 codes such as fr, nl, sv, nb, nn, en, de", s)
			continue
		}
		if ps.langSet[s] {
			ps.warnf(c, "language %q is listed twice", s)
			continue
		}
		if !slices.Contains(headingLangs, s) {
			ps.warnf(c, "there are no built-in guideline headings in %q; rendering will use English headings (built in: %s)", s, quoteList(headingLangs))
		}
		ps.langSet[s] = true
		ps.langs = append(ps.langs, s)
	}
}

// langMap reads a mapping of language -> text. With required, every
// declared language must be present.
func (ps *parser) langMap(n *yaml.Node, what string, required bool) map[string]string {
	pairs := ps.mapping(n, what, nil)
	if pairs == nil {
		return nil
	}
	out := make(map[string]string, len(pairs))
	for _, e := range pairs {
		lang := e.key.Value
		s, ok := ps.scalar(e.val, what+" in "+lang)
		if !ok {
			continue
		}
		if strings.TrimSpace(s) == "" {
			ps.errorf(e.val, "%s in %q is empty; write the text or remove the line", what, lang)
			continue
		}
		if !ps.langSet[lang] {
			if len(ps.langs) > 0 {
				ps.warnf(e.key, "%s has text in %q, which is not in languages (%s); add it there or remove this line", what, lang, quoteList(ps.langs))
			}
			continue
		}
		out[lang] = strings.TrimSpace(s)
	}
	var missing []string
	for _, l := range ps.langs {
		if _, ok := out[l]; !ok {
			missing = append(missing, l)
		}
	}
	if len(missing) > 0 {
		msg := fmt.Sprintf("%s has no text in %s; every language in languages (%s) needs one", what, quoteList(missing), quoteList(ps.langs))
		if required {
			ps.errorf(n, "%s", msg)
		} else {
			ps.warnf(n, "%s before the rule can be enforced", msg)
		}
	}
	return out
}

func (ps *parser) parseTemplates(n *yaml.Node) {
	ps.templates = map[string]map[string]string{}
	ps.tmplNodes = map[string]*yaml.Node{}
	ps.tmplUsed = map[string]bool{}
	if n == nil {
		return
	}
	for _, e := range ps.mapping(n, "templates", nil) {
		name := e.key.Value
		if !templateNameR.MatchString(name) {
			ps.errorf(e.key, "template name %q may only hold letters, digits, _ . and -", name)
			continue
		}
		texts := ps.langMap(e.val, "template "+name, true)
		for lang, t := range texts {
			ps.checkTemplateText(e.val, name, lang, t)
		}
		ps.templates[name] = texts
		ps.tmplNodes[name] = e.key
	}
}

// checkTemplateText reports unbalanced {{ }} and unknown variables.
func (ps *parser) checkTemplateText(n *yaml.Node, name, lang, t string) {
	at := n
	for _, e := range ps.mappingQuiet(n) {
		if e.key.Value == lang {
			at = e.val
		}
	}
	stripped := templateVarRe.ReplaceAllString(t, "")
	if strings.Contains(stripped, "{{") || strings.Contains(stripped, "}}") {
		ps.errorf(at, "template %s in %q has an unbalanced {{ or }}; write variables as {{author}}", name, lang)
	}
	for _, m := range templateVarRe.FindAllStringSubmatch(t, -1) {
		if !slices.Contains(templateVars, m[1]) {
			ps.warnf(at, "template %s in %q uses {{%s}}, which is not a known variable%s (known: %s); it will be left as written",
				name, lang, m[1], didYouMean(m[1], templateVars), quoteList(templateVars))
		}
	}
}

// mappingQuiet returns the pairs of a mapping without reporting anything.
func (ps *parser) mappingQuiet(n *yaml.Node) []kv {
	n = deref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	var out []kv
	for i := 0; i+1 < len(n.Content); i += 2 {
		out = append(out, kv{deref(n.Content[i]), deref(n.Content[i+1])})
	}
	return out
}

// parseConditions compiles the named conditions in order; each may use the
// ones above it, which rules out cycles by construction.
func (ps *parser) parseConditions(p *Policy, n *yaml.Node) {
	ps.condNodes = map[string]*yaml.Node{}
	ps.condUsed = map[string]bool{}
	if n == nil {
		return
	}
	pairs := ps.mapping(n, "conditions", nil)
	// Declare every well-named condition first so that a rule using one
	// whose expression is broken gets a single error, not a cascade.
	env := ps.env
	var valid []kv
	for _, e := range pairs {
		name := e.key.Value
		switch {
		case !nameRe.MatchString(name):
			ps.errorf(e.key, "condition name %q must be lower case letters, digits and _, starting with a letter", name)
			continue
		case slices.Contains(celReserved, name) || slices.Contains(celFunctions, name) || slices.Contains(celVariables, name):
			ps.errorf(e.key, "condition name %q is already taken by CEL or Stormwatch; choose another name", name)
			continue
		case isCategory(name):
			ps.errorf(e.key, "condition name %q is a category name, which would be confusing; choose another, e.g. %s_found", name, name)
			continue
		}
		valid = append(valid, e)
	}
	for _, e := range valid {
		name := e.key.Value
		c := &condition{name: name, line: e.key.Line}
		if s, ok := ps.scalar(e.val, "condition "+name); ok {
			c.expr = s
			if a := ps.compile(env, e.val, s, "condition "+name); a != nil {
				prg, err := env.Program(a, cel.EvalOptions(cel.OptOptimize))
				if err != nil {
					ps.errorf(e.val, "condition %s: %v", name, err)
				} else {
					c.prg = prg
				}
			}
		}
		p.condIndex[name] = len(p.conds)
		p.conds = append(p.conds, c)
		ps.condNames = append(ps.condNames, name)
		ps.condNodes[name] = e.key
		next, err := env.Extend(cel.Variable(name, cel.BoolType))
		if err != nil {
			ps.errorf(e.key, "condition %s: %v", name, err)
			continue
		}
		env = next
	}
	ps.env = env
}

func (ps *parser) parseRules(p *Policy, n *yaml.Node) {
	n = deref(n)
	if n.Kind != yaml.SequenceNode {
		ps.errorf(n, "rules must be a list; start each rule with \"- id: ...\"")
		return
	}
	if len(n.Content) == 0 {
		ps.errorf(n, "rules is empty; add at least one rule")
	}
	firstLine := map[string]int{}
	for i, rn := range n.Content {
		r := ps.parseRule(rn, i)
		if r == nil {
			continue
		}
		if r.ID != "" {
			if l, dup := firstLine[r.ID]; dup {
				ps.errorf(rn, "duplicate rule id %q (first used at line %d); every rule needs its own id so decisions can cite it", r.ID, l)
				continue
			}
			firstLine[r.ID] = r.Line
			p.byID[r.ID] = r
		}
		p.rules = append(p.rules, r)
	}
	p.order = slices.Clone(p.rules)
	sort.SliceStable(p.order, func(i, j int) bool { return p.order[i].Priority > p.order[j].Priority })
}

func (ps *parser) parseRule(rn *yaml.Node, index int) *Rule {
	rn = deref(rn)
	if rn.Kind != yaml.MappingNode {
		ps.errorf(rn, "each rule must be key: value lines starting with \"- id: ...\", not %s", kindName(rn))
		return nil
	}
	r := &Rule{Mode: Enforce, Line: rn.Line, index: index}
	// Name the rule in messages by its id when it has a usable one.
	label := fmt.Sprintf("rule %d", index+1)
	for _, e := range ps.mappingQuiet(rn) {
		if e.key.Value == "id" && e.val.Kind == yaml.ScalarNode && ruleIDRe.MatchString(strings.TrimSpace(e.val.Value)) {
			label = "rule " + strings.TrimSpace(e.val.Value)
		}
	}
	pairs, typos := ps.mappingTypos(rn, label, ruleKeys)
	get := func(k string) *yaml.Node {
		for _, e := range pairs {
			if e.key.Value == k {
				return e.val
			}
		}
		return nil
	}
	// A key reported as a typo ("whne") is not reported missing ("when") too.
	missing := func(k string) bool { return get(k) == nil && !typos[k] }
	if n := get("id"); missing("id") {
		ps.errorf(rn, "%s has no id; add one, e.g. id: R%d (decisions and the public guidelines cite it)", label, index+1)
	} else if s, ok := ps.scalar(n, "id"); n != nil && ok {
		s = strings.TrimSpace(s)
		if !ruleIDRe.MatchString(s) {
			ps.errorf(n, "rule id %q must be 1-64 letters, digits, _ . or -, starting with a letter or digit, e.g. R%d", s, index+1)
		} else {
			r.ID = s
		}
	}
	if n := get("title"); missing("title") {
		ps.errorf(rn, "%s has no title; add a short title for staff, e.g. title: Threats of violence", label)
	} else if s, ok := ps.scalar(n, "title"); n != nil && ok {
		if r.Title = strings.TrimSpace(s); r.Title == "" {
			ps.errorf(n, "%s has an empty title", label)
		}
	}
	if n := get("note"); n != nil {
		if s, ok := ps.scalar(n, "note"); ok {
			r.Note = strings.TrimSpace(s)
		}
	}
	if n := get("priority"); n != nil {
		if s, ok := ps.scalar(n, "priority"); ok {
			v, err := strconv.ParseInt(strings.ReplaceAll(strings.TrimSpace(s), "_", ""), 10, 32)
			if err != nil || v < -1_000_000 || v > 1_000_000 {
				ps.errorf(n, "%s: priority %q must be a whole number between -1000000 and 1000000; higher is evaluated first", label, s)
			} else {
				r.Priority = int(v)
			}
		}
	}
	if n := get("mode"); n != nil {
		if s, ok := ps.scalar(n, "mode"); ok {
			switch m := Mode(strings.TrimSpace(s)); m {
			case Enforce, Shadow:
				r.Mode = m
			default:
				ps.errorf(n, "%s: mode %q is not valid; use enforce (the rule acts) or shadow (the rule only records what it would do)%s",
					label, s, didYouMean(s, []string{"enforce", "shadow"}))
			}
		}
	}
	if n := get("stop"); n != nil {
		if s, ok := ps.scalar(n, "stop"); ok {
			switch strings.TrimSpace(s) {
			case "true":
				r.Stop = true
			case "false":
			default:
				ps.errorf(n, "%s: stop must be true or false, not %q", label, s)
			}
		}
	}
	if n := get("actions"); missing("actions") {
		ps.errorf(rn, "%s has no actions; add at least one, e.g. actions: [review] (valid: %s)", label, quoteList(ActionNames))
	} else if n != nil {
		r.Actions = ps.parseActions(n, label)
		for i := range r.Actions {
			r.Actions[i].Rule = r.ID
			if v := r.Actions[i].Name.Verdict(); v.Rank() > r.verdict.Rank() {
				r.verdict = v
			}
		}
		ps.checkVerdicts(n, label, r.Actions)
	}
	if n := get("when"); missing("when") {
		ps.errorf(rn, `%s has no when; add the condition under which it applies, e.g. when: score("threat") >= 0.7`, label)
	} else if s, ok := ps.scalar(n, "when"); n != nil && ok {
		r.When = s
		if a := ps.compile(ps.env, n, s, label); a != nil {
			prg, err := ps.env.Program(a, cel.EvalOptions(cel.OptOptimize))
			if err != nil {
				ps.errorf(n, "%s: %v", label, err)
			} else {
				r.prg = prg
			}
			ps.lintCondition(r, n, a)
		}
	}
	if n := get("public"); n != nil {
		r.Public = ps.langMap(n, label+": the public wording", r.Mode == Enforce)
	} else if r.Mode == Enforce && !typos["public"] {
		ps.errorf(rn, "%s has no public wording: add public: with one sentence per language (%s); it is shown to authors and in the community guidelines", label, quoteList(ps.langs))
	} else if r.Mode == Shadow && len(ps.langs) > 0 {
		ps.warnf(rn, "%s has no public wording yet; it needs one in %s before it can be enforced", label, quoteList(ps.langs))
	}
	if r.Stop && r.Mode == Shadow {
		ps.warnf(get("stop"), "%s is a shadow rule with stop: true; in shadow mode stop is ignored, so the rules below still run (once enforced, it will stop them)", label)
	}
	return r
}

// checkVerdicts warns about rules asking for several verdicts at once.
func (ps *parser) checkVerdicts(n *yaml.Node, label string, acts []Action) {
	var vs []string
	for _, a := range acts {
		if v := a.Name.Verdict(); v != "" && !slices.Contains(vs, string(v)) {
			vs = append(vs, string(v))
		}
	}
	if len(vs) > 1 {
		ps.warnf(n, "%s asks for several verdicts (%s); only the strongest counts", label, strings.Join(vs, ", "))
	}
}

// parseActions reads `[hide, escalate]`, `- reply: ack`, or
// `- escalate: {severity: high}`. A single bare word is accepted too.
func (ps *parser) parseActions(n *yaml.Node, label string) []Action {
	n = deref(n)
	var items []*yaml.Node
	switch n.Kind {
	case yaml.SequenceNode:
		items = n.Content
	case yaml.ScalarNode, yaml.MappingNode:
		items = []*yaml.Node{n}
	}
	if len(items) == 0 {
		ps.errorf(n, "%s: actions is empty; add at least one (valid: %s)", label, quoteList(ActionNames))
		return nil
	}
	var out []Action
	for _, it := range items {
		it = deref(it)
		var nameNode, paramNode *yaml.Node
		switch it.Kind {
		case yaml.ScalarNode:
			nameNode = it
		case yaml.MappingNode:
			if len(it.Content) != 2 {
				ps.errorf(it, "%s: write one action per list item, e.g. - reply: ack_complaint", label)
				continue
			}
			nameNode, paramNode = deref(it.Content[0]), deref(it.Content[1])
		default:
			ps.errorf(it, "%s: an action must be a word such as hide, or one action with its parameter such as - reply: ack_complaint", label)
			continue
		}
		name, ok := ps.scalar(nameNode, "an action")
		if !ok {
			continue
		}
		an := ActionName(strings.TrimSpace(name))
		spec, known := actionSpecs[an]
		if !known {
			hint := didYouMean(name, actionStrings())
			if before, _, ok := strings.Cut(name, ":"); ok && paramNode == nil {
				if _, k := actionSpecs[ActionName(before)]; k {
					hint = fmt.Sprintf("; put a space after the colon: - %s: ...", before)
				}
			}
			ps.errorf(nameNode, "%s: unknown action %q%s (valid: %s)", label, name, hint, quoteList(ActionNames))
			continue
		}
		params := map[string]string{}
		if paramNode != nil && !(paramNode.Kind == yaml.ScalarNode && paramNode.Tag == "!!null") {
			switch paramNode.Kind {
			case yaml.ScalarNode:
				if spec.primary == "" {
					ps.errorf(paramNode, "%s: action %s takes no parameter; write just - %s", label, an, an)
					continue
				}
				if v, ok := ps.scalar(paramNode, string(an)); ok {
					params[spec.primary] = strings.TrimSpace(v)
				}
			case yaml.MappingNode:
				for _, e := range ps.mapping(paramNode, "action "+string(an), nil) {
					k := e.key.Value
					if !slices.Contains(spec.params, k) {
						if len(spec.params) == 0 {
							ps.errorf(e.key, "%s: action %s takes no parameters", label, an)
						} else {
							ps.errorf(e.key, "%s: action %s has no parameter %q%s (valid: %s)", label, an, k, didYouMean(k, spec.params), quoteList(spec.params))
						}
						continue
					}
					if v, ok := ps.scalar(e.val, string(an)+" "+k); ok {
						params[k] = strings.TrimSpace(v)
					}
				}
			default:
				ps.errorf(paramNode, "%s: the parameter of %s must be a value or key: value lines, not %s", label, an, kindName(paramNode))
				continue
			}
		}
		bad := false
		for _, req := range spec.required {
			if params[req] == "" {
				ps.errorf(nameNode, "%s: action %s needs a %s, e.g. - %s: ack_complaint", label, an, req, an)
				bad = true
			}
		}
		for k, allowed := range spec.values {
			if v, ok := params[k]; ok && !slices.Contains(allowed, v) {
				ps.errorf(paramNode, "%s: %s %s %q is not valid (valid: %s)", label, an, k, v, quoteList(allowed))
				bad = true
			}
		}
		if t, ok := params["template"]; ok && t != "" {
			if _, exists := ps.templates[t]; !exists {
				defined := ps.templateNames()
				msg := "none are defined; add it under templates:"
				if len(defined) > 0 {
					msg = "defined: " + quoteList(defined)
				}
				ps.errorf(paramNode, "%s: %s uses template %q, which is not defined under templates%s (%s)", label, an, t, didYouMean(t, defined), msg)
				bad = true
			}
			ps.tmplUsed[t] = true
		}
		if bad {
			continue
		}
		if len(params) == 0 {
			params = nil
		}
		out = append(out, Action{Name: an, Params: params, key: actionKey(an, params)})
	}
	return out
}

func (ps *parser) templateNames() []string {
	var names []string
	for n := range ps.templates {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func actionStrings() []string {
	out := make([]string, len(ActionNames))
	for i, a := range ActionNames {
		out[i] = string(a)
	}
	return out
}

// finish runs the checks that need the whole file.
func (ps *parser) finish(p *Policy) {
	for _, name := range ps.templateNames() {
		if !ps.tmplUsed[name] {
			ps.warnf(ps.tmplNodes[name], "template %s is not used by any rule", name)
		}
	}
	for _, name := range ps.condNames {
		if !ps.condUsed[name] {
			ps.warnf(ps.condNodes[name], "condition %s is not used by any rule", name)
		}
	}
	// A rule that matches every item and stops hides everything below it.
	for i, r := range p.order {
		if r.Mode != Enforce || !r.Stop || !r.alwaysTrue {
			continue
		}
		for _, below := range p.order[i+1:] {
			ps.add(SeverityWarning, below.Line, 1, fmt.Sprintf("rule %s is never evaluated: rule %s above it matches every item and has stop: true", below.ID, r.ID))
		}
		break
	}
}
