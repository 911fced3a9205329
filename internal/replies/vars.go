package replies

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// Variables are the names a template body may use, written {{name}}.
var Variables = []string{"author", "organization", "rule", "rule_text", "channel", "phone", "contact_url"}

// maxVarRunes bounds each variable's value: a variable fills a gap in
// approved words, it is not a way to add free text without approval.
var maxVarRunes = map[string]int{
	"author": 80, "organization": 120, "rule": 40, "rule_text": 600,
	"channel": 80, "phone": 40, "contact_url": 300,
}

// Errors of template bodies and variables.
var (
	ErrTemplateSyntax  = errors.New("template syntax")
	ErrUnknownVariable = errors.New("unknown template variable")
	ErrMissingVariable = errors.New("template variables missing")
	ErrVariableValue   = errors.New("bad template variable value")
)

// MissingVariablesError names the variables a body needs and nobody gave.
type MissingVariablesError struct{ Names []string }

func (e *MissingVariablesError) Error() string {
	return fmt.Sprintf("template variables missing: %s", strings.Join(e.Names, ", "))
}

// Is makes errors.Is(err, ErrMissingVariable) true.
func (e *MissingVariablesError) Is(target error) bool { return target == ErrMissingVariable }

// Segment is a piece of a parsed body: literal text, or one variable.
type Segment struct {
	Text string // literal text when Var is empty
	Var  string
}

// Parse splits a body into literal text and {{variable}} segments. Spaces
// inside the braces are allowed ({{ author }}); a lone { or } is text; an
// unclosed {{, a stray }}, an empty or malformed name and an unknown
// variable are errors, so a broken template never reaches approval.
func Parse(body string) ([]Segment, error) {
	if !utf8.ValidString(body) {
		return nil, fmt.Errorf("%w: not valid UTF-8", ErrTemplateSyntax)
	}
	var out []Segment
	rest, at := body, 0
	for rest != "" {
		open := strings.Index(rest, "{{")
		if close := strings.Index(rest, "}}"); close >= 0 && (open < 0 || close < open) {
			return nil, fmt.Errorf("%w: }} without {{ at byte %d", ErrTemplateSyntax, at+close)
		}
		if open < 0 {
			out = append(out, Segment{Text: rest})
			break
		}
		if open > 0 {
			out = append(out, Segment{Text: rest[:open]})
		}
		end := strings.Index(rest[open+2:], "}}")
		if end < 0 {
			return nil, fmt.Errorf("%w: {{ at byte %d is never closed", ErrTemplateSyntax, at+open)
		}
		raw := rest[open+2 : open+2+end]
		name := strings.TrimSpace(raw)
		if !validVarName(name) {
			return nil, fmt.Errorf("%w: {{%s}} at byte %d: write variables as {{author}}", ErrTemplateSyntax, raw, at+open)
		}
		if !slices.Contains(Variables, name) {
			return nil, fmt.Errorf("%w {{%s}} at byte %d%s (known: %s)", ErrUnknownVariable, name, at+open, didYouMean(name), strings.Join(Variables, ", "))
		}
		out = append(out, Segment{Var: name})
		n := open + 2 + end + 2
		rest, at = rest[n:], at+n
	}
	return out, nil
}

func validVarName(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c == '_' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func didYouMean(name string) string {
	for _, v := range Variables {
		if editDistance(name, v) <= 2 {
			return fmt.Sprintf(" (did you mean {{%s}}?)", v)
		}
	}
	return ""
}

// editDistance is Levenshtein's distance over bytes (names are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// VariablesOf returns the distinct variables a body uses, sorted.
func VariablesOf(body string) ([]string, error) {
	segs, err := Parse(body)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, s := range segs {
		if s.Var != "" && !slices.Contains(out, s.Var) {
			out = append(out, s.Var)
		}
	}
	sort.Strings(out)
	return out, nil
}

// Expand fills a body's variables. Every variable used must have a
// non-blank value (a reply with a visible gap is not sent); values are
// checked by CheckVariable and inserted once, never expanded again.
func Expand(body string, vars map[string]string) (string, error) {
	segs, err := Parse(body)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	var missing []string
	for _, s := range segs {
		if s.Var == "" {
			b.WriteString(s.Text)
			continue
		}
		v, ok := vars[s.Var]
		if !ok || strings.TrimSpace(v) == "" {
			if !slices.Contains(missing, s.Var) {
				missing = append(missing, s.Var)
			}
			continue
		}
		if err := CheckVariable(s.Var, v); err != nil {
			return "", err
		}
		b.WriteString(strings.TrimSpace(v))
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return "", &MissingVariablesError{Names: missing}
	}
	return b.String(), nil
}

// CheckVariable validates one value: one line, no template braces, no
// control characters, within the variable's length.
func CheckVariable(name, value string) error {
	max, ok := maxVarRunes[name]
	if !ok {
		return fmt.Errorf("%w {{%s}}", ErrUnknownVariable, name)
	}
	switch {
	case !utf8.ValidString(value):
		return fmt.Errorf("%w: {{%s}} is not valid UTF-8", ErrVariableValue, name)
	case utf8.RuneCountInString(value) > max:
		return fmt.Errorf("%w: {{%s}} is longer than %d characters", ErrVariableValue, name, max)
	case strings.Contains(value, "{{") || strings.Contains(value, "}}"):
		return fmt.Errorf("%w: {{%s}} may not contain {{ or }}", ErrVariableValue, name)
	case strings.ContainsFunc(value, func(r rune) bool { return r < 0x20 || r == 0x7f || r == 0x2028 || r == 0x2029 }):
		return fmt.Errorf("%w: {{%s}} must be one line without control characters", ErrVariableValue, name)
	}
	return nil
}
