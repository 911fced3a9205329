package policy

import (
	"fmt"
	"strconv"
	"strings"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"gopkg.in/yaml.v3"
)

// compile compiles and type-checks one condition, reporting CEL's errors at
// their position in the file, and checks the literal category names. It
// returns nil if the condition cannot be used.
func (ps *parser) compile(env *cel.Env, n *yaml.Node, expr, label string) *cel.Ast {
	n = deref(n)
	if strings.TrimSpace(expr) == "" {
		ps.errorf(n, `%s: the condition is empty; write one, e.g. score("threat") >= 0.7 (or true to match every item)`, label)
		return nil
	}
	parsed, iss := env.Parse(expr)
	if iss != nil && iss.Err() != nil {
		// The parser's later errors are mostly echoes of the first one.
		ps.celErrors(n, expr, label, iss.Errors()[:1])
		return nil
	}
	a, iss := env.Check(parsed)
	if iss != nil && iss.Err() != nil {
		ps.celErrors(n, expr, label, iss.Errors())
		// Still report misspelt categories, which the checker cannot see.
		ps.checkAST(n, expr, parsed, label)
		return nil
	}
	ok := ps.checkAST(n, expr, a, label)
	if t := a.OutputType(); !t.IsExactType(cel.BoolType) {
		hint := `compare it, e.g. score("threat") >= 0.7`
		if t.IsExactType(cel.DynType) {
			hint = "if it holds true or false, write == true after it"
		}
		ps.errorf(n, "%s: the condition must give true or false, but gives %s; %s", label, typeName(t), hint)
		return nil
	}
	if !ok {
		return nil
	}
	return a
}

func (ps *parser) celErrors(n *yaml.Node, expr, label string, errs []*cel.Error) {
	runes := []rune(expr)
	for _, e := range errs {
		line, col := n.Line, n.Column
		if e.Location != nil && e.Location.Line() > 0 {
			off := exprOffset(expr, e.Location.Line(), e.Location.Column())
			// CEL places a call at its "(" and a field at its ".": point at
			// the name the author has to fix instead.
			if m := undeclaredRe.FindStringSubmatch(e.Message); m != nil && off < len(runes) && runes[off] == '(' &&
				strings.HasSuffix(string(runes[:off]), m[1]) {
				off -= len([]rune(m[1]))
			} else if strings.Contains(e.Message, "undefined field") && off < len(runes) && runes[off] == '.' {
				off++
			}
			line, col = ps.offsetPos(n, expr, off)
		}
		ps.add(SeverityError, line, col, fmt.Sprintf("%s: %s", label, explainCEL(e.Message, expr, ps.condNames)))
	}
}

func typeName(t *cel.Type) string {
	switch {
	case t.IsExactType(cel.DoubleType):
		return "a number (double)"
	case t.IsExactType(cel.IntType):
		return "a whole number (int)"
	case t.IsExactType(cel.StringType):
		return "text (string)"
	case t.IsExactType(cel.DynType):
		return "a value whose type is only known when it runs (dyn)"
	}
	return strings.NewReplacer(celItemType, "item", celSignalType, "signal").Replace(t.String())
}

// checkAST walks the checked expression: literal category names must be
// known (an error: a misspelt category would silently never match),
// comparisons of scores with numbers out of range draw a warning, and the
// named conditions used are recorded.
func (ps *parser) checkAST(n *yaml.Node, expr string, a *cel.Ast, label string) bool {
	native := a.NativeRep()
	info := native.SourceInfo()
	pos := func(id int64) (int, int) {
		loc := info.GetStartLocation(id)
		if loc.Line() <= 0 {
			return n.Line, n.Column
		}
		return ps.valuePos(n, expr, loc.Line(), loc.Column())
	}
	ok := true
	root := ast.NavigateAST(native)
	for _, e := range ast.MatchDescendants(root, ast.KindMatcher(ast.IdentKind)) {
		if _, isCond := ps.condNodes[e.AsIdent()]; isCond {
			ps.condUsed[e.AsIdent()] = true
		}
	}
	for _, e := range ast.MatchDescendants(root, ast.KindMatcher(ast.CallKind)) {
		call := e.AsCall()
		fn := call.FunctionName()
		args := call.Args()
		if (categoryFunctions[fn] || entityFunctions[fn]) && len(args) == 1 && args[0].Kind() == ast.LiteralKind {
			s, isStr := args[0].AsLiteral().(types.String)
			if !isStr {
				continue
			}
			name := string(s)
			line, col := pos(args[0].ID())
			if categoryFunctions[fn] && !isCategory(name) {
				ps.add(SeverityError, line, col, fmt.Sprintf("%s: unknown category %q in %s()%s (valid: %s)",
					label, name, fn, didYouMean(name, categoryNames), quoteList(categoryNames)))
				ok = false
			}
			if entityFunctions[fn] && !contains(knownEntities, name) {
				ps.add(SeverityWarning, line, col, fmt.Sprintf("%s: no built-in detector reports the entity %q%s (known: %s)",
					label, name, didYouMean(name, knownEntities), quoteList(knownEntities)))
			}
		}
		if len(args) == 2 {
			ps.checkComparison(fn, args, label, pos)
		}
	}
	return ok
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// checkComparison warns about comparisons that are always or never true
// because a score is in [0,1] and a severity in [0,3]; a threshold written as
// a percentage (>= 70) is the usual cause.
func (ps *parser) checkComparison(op string, args []ast.Expr, label string, pos func(int64) (int, int)) {
	flip := map[string]string{"_>=_": "_<=_", "_<=_": "_>=_", "_>_": "_<_", "_<_": "_>_", "_==_": "_==_"}
	if _, isCmp := flip[op]; !isCmp {
		return
	}
	l, r := args[0], args[1]
	fn, x, ok := scoreCall(l), 0.0, false
	if fn != "" {
		x, ok = numberLiteral(r)
	} else if fn = scoreCall(r); fn != "" {
		x, ok = numberLiteral(l)
		op = flip[op]
	}
	if fn == "" || !ok {
		return
	}
	lo, hi, what := 0.0, 1.0, "scores are between 0 and 1"
	if fn == "severity" {
		hi, what = 3, "severity is between 0 (not graded) and 3"
	}
	never, always := false, false
	switch op {
	case "_>=_":
		never, always = x > hi, x <= lo
	case "_>_":
		never, always = x >= hi, x < lo
	case "_<=_":
		never, always = x < lo, x >= hi
	case "_<_":
		never, always = x <= lo, x > hi
	case "_==_":
		never = x < lo || x > hi
	}
	if !never && !always {
		return
	}
	hint := ""
	if fn != "severity" && x > 1 && x <= 100 {
		hint = fmt.Sprintf("; did you mean %s?", strconv.FormatFloat(x/100, 'f', -1, 64))
	}
	state := "never"
	if always {
		state = "always"
	}
	line, col := pos(args[0].ID())
	ps.add(SeverityWarning, line, col, fmt.Sprintf("%s: this comparison is %s true: %s%s", label, state, what, hint))
}

// scoreCall returns the function name if e calls score, score_entity or
// severity.
func scoreCall(e ast.Expr) string {
	if e.Kind() != ast.CallKind {
		return ""
	}
	switch fn := e.AsCall().FunctionName(); fn {
	case "score", "score_entity", "severity":
		return fn
	}
	return ""
}

func numberLiteral(e ast.Expr) (float64, bool) {
	if e.Kind() != ast.LiteralKind {
		return 0, false
	}
	return numberVal(e.AsLiteral())
}

func numberVal(v ref.Val) (float64, bool) {
	switch x := v.(type) {
	case types.Double:
		return float64(x), true
	case types.Int:
		return float64(x), true
	case types.Uint:
		return float64(x), true
	}
	return 0, false
}

// lintCondition folds the constant parts of a rule's condition to find
// rules that can never fire or that match every item.
func (ps *parser) lintCondition(r *Rule, n *yaml.Node, a *cel.Ast) {
	folder, err := cel.NewConstantFoldingOptimizer()
	if err != nil {
		return
	}
	opt, err := cel.NewStaticOptimizer(folder)
	if err != nil {
		return
	}
	folded, iss := opt.Optimize(ps.env, a)
	label := "rule " + r.ID
	if iss != nil && iss.Err() != nil {
		msg := iss.Err().Error()
		if i := strings.Index(msg, "constant-folding evaluation failed: "); i >= 0 {
			msg = msg[i+len("constant-folding evaluation failed: "):]
		}
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		ps.warnf(n, "%s: part of this condition always fails when evaluated (%s); the rule will be recorded as an error", label, msg)
		return
	}
	e := folded.NativeRep().Expr()
	if e.Kind() != ast.LiteralKind {
		return
	}
	switch e.AsLiteral() {
	case types.False:
		ps.warnf(n, "%s can never fire: its condition is always false", label)
	case types.True:
		r.alwaysTrue = true
	}
}

// seg maps a run of characters of a YAML value to where it sits in the file.
type seg struct{ off, line, col, n int }

// valuePos turns a CEL position (1-based line, 0-based column, counted in
// characters within the expression) into a 1-based line and column in the
// file, following how YAML laid the value out: on the key's line, quoted,
// folded over several lines, or as a | or > block.
func (ps *parser) valuePos(n *yaml.Node, expr string, line, col int) (int, int) {
	return ps.offsetPos(n, expr, exprOffset(expr, line, col))
}

// exprOffset turns a CEL line and column into a character offset.
func exprOffset(expr string, line, col int) int {
	off := 0
	exprLines := strings.Split(expr, "\n")
	for i := 0; i < line-1 && i < len(exprLines); i++ {
		off += len([]rune(exprLines[i])) + 1
	}
	return off + col
}

// offsetPos maps a character offset in a value to its file position.
func (ps *parser) offsetPos(n *yaml.Node, expr string, off int) (int, int) {
	segs := ps.segments(n, expr)
	if len(segs) == 0 {
		return n.Line, n.Column
	}
	s := segs[0]
	for _, x := range segs {
		if x.off <= off {
			s = x
		}
	}
	return s.line, s.col + min(max(off-s.off, 0), s.n)
}

func leadingSpaces(l []rune) int {
	i := 0
	for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
		i++
	}
	return i
}

func isBlank(l []rune) bool { return leadingSpaces(l) == len(l) }

func (ps *parser) segments(n *yaml.Node, value string) []seg {
	if n.Line < 1 || n.Line > len(ps.lines) {
		return nil
	}
	total := len([]rune(value))
	var segs []seg
	if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		// The block starts on the line after the | or > indicator.
		indent := -1
		for i := n.Line; i < len(ps.lines); i++ {
			if !isBlank(ps.lines[i]) {
				indent = leadingSpaces(ps.lines[i])
				break
			}
		}
		if indent < 0 {
			return nil
		}
		if n.Style&yaml.LiteralStyle != 0 {
			off := 0
			for k, vl := range strings.Split(value, "\n") {
				l := len([]rune(vl))
				segs = append(segs, seg{off: off, line: n.Line + 1 + k, col: indent + 1, n: l})
				off += l + 1
			}
			return segs
		}
		off, blanks := 0, 0
		for i := n.Line; i < len(ps.lines) && off <= total; i++ {
			l := ps.lines[i]
			if isBlank(l) {
				blanks++
				continue
			}
			if leadingSpaces(l) < indent {
				break
			}
			if len(segs) > 0 {
				off += max(blanks, 1)
			}
			blanks = 0
			content := len(l) - indent
			segs = append(segs, seg{off: off, line: i + 1, col: indent + 1, n: content})
			off += content
		}
		return segs
	}
	start := n.Column
	if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
		start++
	}
	first := ps.lines[n.Line-1]
	rest := []rune{}
	if start-1 <= len(first) {
		rest = []rune(strings.TrimRight(string(first[start-1:]), " \t"))
	}
	firstN := min(len(rest), total)
	segs = append(segs, seg{off: 0, line: n.Line, col: start, n: firstN})
	off := firstN
	for i := n.Line; i < len(ps.lines) && off < total; i++ {
		l := ps.lines[i]
		if isBlank(l) {
			off++
			continue
		}
		off++ // the line break folded to a space
		trimmed := strings.TrimSpace(string(l))
		segs = append(segs, seg{off: off, line: i + 1, col: leadingSpaces(l) + 1, n: len([]rune(trimmed))})
		off += len([]rune(trimmed))
	}
	return segs
}
