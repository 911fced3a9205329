package policy

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"sync"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/ext"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// celItem is the `item` variable seen by conditions. Declared as a native
// type (not a map) so that a misspelt field such as item.chanel is a compile
// error caught by lint, not a silent runtime miss.
type celItem struct {
	Lang       string `cel:"lang"`
	Channel    string `cel:"channel"`
	Kind       string `cel:"kind"`
	AuthorID   string `cel:"author_id"`
	Text       string `cel:"text"`
	TextLength int    `cel:"text_length"` // in characters
}

// celSignal is one element of the `signals` variable.
type celSignal struct {
	Category string  `cel:"category"`
	Score    float64 `cel:"score"`
	Entity   string  `cel:"entity"`
	Severity int     `cel:"severity"`
	Detector string  `cel:"detector"`
}

const (
	celItemType   = "policy.celItem"
	celSignalType = "policy.celSignal"
)

// Names visible to conditions, besides the named conditions of the policy.
var (
	celFunctions = []string{"score", "found", "severity", "entity", "score_entity"}
	celVariables = []string{"signals", "item", "lang"}
	// categoryFunctions take a category name as their argument.
	categoryFunctions = map[string]bool{"score": true, "found": true, "severity": true}
	// entityFunctions take a personal-data entity name.
	entityFunctions = map[string]bool{"entity": true, "score_entity": true}
	// knownEntities are the entity kinds the built-in detectors emit (see
	// detect.Signal.Entity); other names only draw a warning, since new
	// detectors may add kinds.
	knownEntities = []string{"email", "phone", "iban", "card", "se_personnummer", "no_fodselsnummer",
		"nl_bsn", "fr_nir", "de_tax_id", "address", "name", "location", "license_plate", "ip",
		"dk_cpr", "be_national_number", "ch_ahv", "gb_nino", "gb_nhs", "ca_sin", "us_ssn", "ip_address", "school"}
	// celReserved cannot name a condition.
	celReserved = []string{"true", "false", "null", "in", "as", "break", "const", "continue", "else",
		"for", "function", "if", "import", "let", "loop", "package", "namespace", "return", "var",
		"void", "while", "has", "all", "exists", "exists_one", "map", "filter", "size", "int", "uint",
		"double", "string", "bool", "bytes", "list", "type", "dyn", "duration", "timestamp", "matches"}
)

var catIndex = func() map[string]int {
	m := make(map[string]int, len(detect.Categories))
	for i, c := range detect.Categories {
		m[string(c)] = i
	}
	return m
}()

var categoryNames = func() []string {
	s := make([]string, len(detect.Categories))
	for i, c := range detect.Categories {
		s[i] = string(c)
	}
	return s
}()

var (
	baseEnvOnce sync.Once
	baseEnv     *cel.Env
	baseEnvErr  error
)

// celBaseEnv is the environment shared by every policy: the variables and
// the late-bound functions whose implementation comes from the item being
// decided (see evalState.ResolveFunction).
func celBaseEnv() (*cel.Env, error) {
	baseEnvOnce.Do(func() {
		fn := func(name string, arg, out *cel.Type) cel.EnvOption {
			return cel.Function(name, cel.Overload(name+"_string", []*cel.Type{arg}, out, cel.LateFunctionBinding()))
		}
		baseEnv, baseEnvErr = cel.NewEnv(
			ext.NativeTypes(reflect.TypeFor[celItem](), reflect.TypeFor[celSignal](), ext.ParseStructTags(true)),
			ext.Strings(),
			// Lets `score("x") >= 1` compare a double with an int instead of
			// failing with an overload error a clinic manager cannot read.
			cel.CrossTypeNumericComparisons(true),
			cel.Variable("signals", cel.ListType(cel.ObjectType(celSignalType))),
			cel.Variable("item", cel.ObjectType(celItemType)),
			cel.Variable("lang", cel.StringType),
			fn("score", cel.StringType, cel.DoubleType),
			fn("found", cel.StringType, cel.BoolType),
			fn("severity", cel.StringType, cel.IntType),
			fn("entity", cel.StringType, cel.BoolType),
			fn("score_entity", cel.StringType, cel.DoubleType),
			// Conditions are short; these bound the work a hostile or broken
			// file can cause at load time.
			cel.ParserExpressionSizeLimit(4096),
			cel.ParserRecursionLimit(64),
		)
		if baseEnvErr != nil {
			baseEnvErr = fmt.Errorf("policy: building the CEL environment: %w", baseEnvErr)
		}
	})
	return baseEnv, baseEnvErr
}

// celOpNames maps CEL's internal operator names to what the author wrote.
var celOpNames = strings.NewReplacer(
	"'_>=_'", "'>='", "'_>_'", "'>'", "'_<=_'", "'<='", "'_<_'", "'<'",
	"'_==_'", "'=='", "'_!=_'", "'!='", "'_&&_'", "'&&'", "'_||_'", "'||'",
	"'!_'", "'!'", "'_+_'", "'+'", "'_-_'", "'-'", "'_*_'", "'*'", "'_/_'", "'/'",
	"'_%_'", "'%'", "'-_'", "'-'", "'_?_:_'", "'?:'", "'_[_]'", "'[]'", "'@in'", "'in'",
	celItemType, "item", celSignalType, "signal",
	" (in container '')", "",
)

var undeclaredRe = regexp.MustCompile(`undeclared reference to '([^']*)'`)

// explainCEL rewrites a CEL compiler message for a policy author: operator
// and type names as written, and a hint for the usual mistakes.
func explainCEL(msg string, expr string, conds []string) string {
	msg = celOpNames.Replace(msg)
	if rest, ok := strings.CutPrefix(msg, "Syntax error: "); ok {
		msg = "syntax error: " + rest
	}
	hint := ""
	if m := undeclaredRe.FindStringSubmatch(msg); m != nil {
		name := m[1]
		msg = fmt.Sprintf("unknown name %q", name)
		switch {
		case isCategory(name):
			hint = fmt.Sprintf(`; to use the %s score write score(%q)`, name, name)
		case name == "and" || name == "or" || name == "not":
			hint = "; CEL writes and, or, not as &&, ||, !"
		default:
			cands := append(append(append([]string{}, celFunctions...), celVariables...), conds...)
			if h := didYouMean(name, cands); h != "" {
				hint = h
			} else {
				hint = fmt.Sprintf("; conditions can use the functions %s, the variables %s",
					quoteList(celFunctions), quoteList(celVariables))
				if len(conds) > 0 {
					hint += " and the named conditions " + quoteList(conds)
				}
				hint += `; quote text: "like this"`
			}
		}
		return msg + hint
	}
	switch {
	case strings.Contains(msg, "no matching overload") && (strings.Contains(msg, "(double, string)") || strings.Contains(msg, "(string, double)")):
		hint = `; a score is a number: compare it with a number without quotes, e.g. score("threat") >= 0.7`
		hint = `; compare scores with a number without quotes, e.g. score("threat") >= 0.7`
	case strings.Contains(msg, "no matching overload") && (strings.Contains(expr, "score(") ||
		strings.Contains(expr, "found(")) && !strings.Contains(expr, `"`) && !strings.Contains(expr, `'`):
		hint = `; the category name is text and needs quotes, e.g. score("threat")`
	case strings.Contains(msg, "token recognition error at: '= '") || strings.Contains(msg, "token recognition error at: '='"):
		hint = "; to compare, write == (two equal signs)"
	case strings.Contains(msg, "mismatched input 'and'") || strings.Contains(msg, "mismatched input 'or'") ||
		strings.Contains(msg, "extraneous input 'and'") || strings.Contains(msg, "extraneous input 'or'") ||
		strings.Contains(msg, "mismatched input 'not'"):
		hint = "; CEL writes and, or, not as &&, ||, !"
	case strings.Contains(msg, "undefined field"):
		hint = "; item has the fields lang, channel, kind, author_id, text, text_length; a signal has category, score, entity, severity, detector"
	}
	return msg + hint
}

func isCategory(s string) bool {
	_, ok := catIndex[s]
	return ok
}

// evalState is the activation for one Decide call: the facts about the item
// precomputed once (best score per category), lazily built CEL values, and
// the late-bound functions reading them. Pooled per policy so that deciding
// an item does not rebuild it.
type evalState struct {
	p     *Policy
	in    *Input
	input Input // the caller's input, copied here so it does not escape

	score    [16]float64 // by category index; 16 > len(detect.Categories)
	severity [16]int64
	seen     [16]bool

	langVal    ref.Val
	itemVal    ref.Val
	signalsVal ref.Val
	item       celItem
	signals    []celSignal

	condDone []bool
	condVal  []ref.Val
	condBusy []bool

	fnScore, fnFound, fnSeverity, fnEntity, fnScoreEntity func(string, ...ref.Val) ref.Val
}

func newEvalState(p *Policy) *evalState {
	st := &evalState{p: p}
	n := len(p.conds)
	st.condDone = make([]bool, n)
	st.condVal = make([]ref.Val, n)
	st.condBusy = make([]bool, n)
	// The closures are made once per pooled state, not per call.
	st.fnScore = func(_ string, args ...ref.Val) ref.Val {
		i, err := st.catArg(args)
		if err != nil {
			return err
		}
		return types.Double(st.score[i])
	}
	st.fnFound = func(_ string, args ...ref.Val) ref.Val {
		i, err := st.catArg(args)
		if err != nil {
			return err
		}
		return types.Bool(st.seen[i])
	}
	st.fnSeverity = func(_ string, args ...ref.Val) ref.Val {
		i, err := st.catArg(args)
		if err != nil {
			return err
		}
		return types.Int(st.severity[i])
	}
	st.fnEntity = func(_ string, args ...ref.Val) ref.Val {
		name, ok := oneString(args)
		if !ok {
			return types.NewErr("entity() takes one entity name")
		}
		for i := range st.in.Signals {
			if st.in.Signals[i].Entity == name {
				return types.True
			}
		}
		return types.False
	}
	st.fnScoreEntity = func(_ string, args ...ref.Val) ref.Val {
		name, ok := oneString(args)
		if !ok {
			return types.NewErr("score_entity() takes one entity name")
		}
		best := 0.0
		for i := range st.in.Signals {
			if s := &st.in.Signals[i]; s.Entity == name && s.Score > best {
				best = s.Score
			}
		}
		return types.Double(best)
	}
	return st
}

func oneString(args []ref.Val) (string, bool) {
	if len(args) != 1 {
		return "", false
	}
	s, ok := args[0].(types.String)
	return string(s), ok
}

func (st *evalState) catArg(args []ref.Val) (int, ref.Val) {
	name, ok := oneString(args)
	if !ok {
		return 0, types.NewErr("expects one category name")
	}
	i, ok := catIndex[name]
	if !ok {
		// Literal names are checked at load; this is a computed one.
		return 0, types.NewErr("unknown category %q (valid: %s)", name, quoteList(categoryNames))
	}
	return i, nil
}

// reset prepares a pooled state for one input.
func (st *evalState) reset(in *Input) {
	st.in = in
	st.score = [16]float64{}
	st.severity = [16]int64{}
	st.seen = [16]bool{}
	for i := range in.Signals {
		s := &in.Signals[i]
		ci, ok := catIndex[string(s.Category)]
		if !ok {
			continue
		}
		st.seen[ci] = true
		// NaN scores from a broken detector must not win or poison comparisons.
		if s.Score > st.score[ci] {
			st.score[ci] = min(s.Score, 1)
		}
		if int64(s.Severity) > st.severity[ci] {
			st.severity[ci] = int64(s.Severity)
		}
	}
	st.langVal, st.itemVal, st.signalsVal = nil, nil, nil
	clear(st.condDone)
	clear(st.condVal)
	clear(st.condBusy)
}

// release drops references to the input so the pool does not keep it alive.
func (st *evalState) release() {
	st.in = nil
	st.input = Input{}
	st.langVal, st.itemVal, st.signalsVal = nil, nil, nil
	st.item = celItem{}
	clear(st.signals)
	st.signals = st.signals[:0]
	clear(st.condVal)
}

// ResolveName implements the CEL activation.
func (st *evalState) ResolveName(name string) (any, bool) {
	switch name {
	case "lang":
		if st.langVal == nil {
			st.langVal = types.String(st.in.Lang)
		}
		return st.langVal, true
	case "item":
		if st.itemVal == nil {
			in := st.in
			st.item = celItem{Lang: in.Lang, Channel: in.Channel, Kind: in.Kind, AuthorID: in.AuthorID,
				Text: in.Text, TextLength: runeCount(in.Text)}
			st.itemVal = st.p.adapter.NativeToValue(&st.item)
		}
		return st.itemVal, true
	case "signals":
		if st.signalsVal == nil {
			st.signals = st.signals[:0]
			for _, s := range st.in.Signals {
				st.signals = append(st.signals, celSignal{Category: string(s.Category), Score: s.Score,
					Entity: s.Entity, Severity: s.Severity, Detector: s.Detector})
			}
			st.signalsVal = st.p.adapter.NativeToValue(st.signals)
		}
		return st.signalsVal, true
	}
	if i, ok := st.p.condIndex[name]; ok {
		return st.evalCondition(i), true
	}
	return nil, false
}

// evalCondition evaluates a named condition once per decision.
func (st *evalState) evalCondition(i int) ref.Val {
	if st.condDone[i] {
		return st.condVal[i]
	}
	c := st.p.conds[i]
	var v ref.Val
	switch {
	case c.prg == nil:
		v = types.NewErr("condition %s did not compile", c.name)
	case st.condBusy[i]:
		// Cannot happen (a condition only sees earlier ones) but must not loop.
		v = types.NewErr("condition %s refers to itself", c.name)
	default:
		st.condBusy[i] = true
		out, _, err := c.prg.Eval(st)
		st.condBusy[i] = false
		switch {
		case err != nil:
			v = types.NewErr("condition %s: %v", c.name, err)
		case out.Type() != types.BoolType:
			v = types.NewErr("condition %s gave %v, not true or false", c.name, out.Type())
		default:
			v = out
		}
	}
	st.condDone[i], st.condVal[i] = true, v
	return v
}

// Parent implements the CEL activation.
func (st *evalState) Parent() cel.Activation { return nil }

// ResolveFunction implements cel.FunctionActivation: the late-bound
// functions read the current item's signals.
func (st *evalState) ResolveFunction(name string) (cel.LateBoundFunction, bool) {
	switch name {
	case "score":
		return st.fnScore, true
	case "found":
		return st.fnFound, true
	case "severity":
		return st.fnSeverity, true
	case "entity":
		return st.fnEntity, true
	case "score_entity":
		return st.fnScoreEntity, true
	}
	return nil, false
}

func runeCount(s string) int {
	n := 0
	for range s {
		n++
	}
	return n
}
