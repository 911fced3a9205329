package rss

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Query says which entries matter: an entry matches when its title or
// summary satisfies one of the query's clauses. A clause is a set of
// terms that must all occur; a term is a word or a "quoted phrase",
// matched as whole words with case and accents ignored ("Dubois" matches
// "DUBOIS" and "dubois," but not "Duboisier").
type Query struct {
	clauses [][]string // OR of ANDs of folded terms
	names   []string   // the source text of each clause, for explanations
}

// Names makes a query matching any of the names (the organization's
// names, its staff), each as a phrase.
func Names(names ...string) Query {
	var q Query
	for _, n := range names {
		if f := foldText(n); f != "" {
			q.clauses = append(q.clauses, []string{f})
			q.names = append(q.names, strings.TrimSpace(n))
		}
	}
	return q
}

// ParseQuery reads a simple query: terms separated by spaces must all
// occur (AND, also written), OR separates alternatives, and double quotes
// make a phrase: `"Clinique des Tilleuls" OR Dubois AND vétérinaire`.
// AND binds tighter than OR.
func ParseQuery(s string) (Query, error) {
	var q Query
	var clause []string
	var text []string
	flush := func() error {
		if len(clause) == 0 {
			return fmt.Errorf("query %q: OR needs terms on both sides", s)
		}
		q.clauses = append(q.clauses, clause)
		q.names = append(q.names, strings.Join(text, " "))
		clause, text = nil, nil
		return nil
	}
	rest := strings.TrimSpace(s)
	if rest == "" {
		return q, nil
	}
	for rest != "" {
		var tok string
		quoted := false
		if rest[0] == '"' {
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				return Query{}, fmt.Errorf("query %q: a phrase's quote is not closed", s)
			}
			tok, rest, quoted = rest[1:1+end], rest[2+end:], true
		} else {
			end := strings.IndexFunc(rest, unicode.IsSpace)
			if end < 0 {
				end = len(rest)
			}
			tok, rest = rest[:end], rest[end:]
		}
		rest = strings.TrimSpace(rest)
		switch {
		case !quoted && tok == "OR":
			if err := flush(); err != nil {
				return Query{}, err
			}
		case !quoted && tok == "AND":
			if len(clause) == 0 || rest == "" {
				return Query{}, fmt.Errorf("query %q: AND needs terms on both sides", s)
			}
		default:
			f := foldText(tok)
			if f == "" {
				if quoted {
					return Query{}, fmt.Errorf("query %q: an empty phrase", s)
				}
				continue // punctuation alone
			}
			clause = append(clause, f)
			if quoted {
				tok = `"` + tok + `"`
			}
			text = append(text, tok)
		}
	}
	if err := flush(); err != nil {
		return Query{}, err
	}
	return q, nil
}

// Or is q with the clauses of o added.
func (q Query) Or(o Query) Query {
	return Query{clauses: append(append([][]string(nil), q.clauses...), o.clauses...), names: append(append([]string(nil), q.names...), o.names...)}
}

// Empty reports a query with no clause (it matches nothing).
func (q Query) Empty() bool { return len(q.clauses) == 0 }

// Match returns the clauses text satisfies, as written.
func (q Query) Match(text string) []string {
	if len(q.clauses) == 0 {
		return nil
	}
	f := " " + foldText(text) + " "
	var out []string
	for i, c := range q.clauses {
		all := true
		for _, term := range c {
			if !strings.Contains(f, " "+term+" ") {
				all = false
				break
			}
		}
		if all {
			out = append(out, q.names[i])
		}
	}
	return out
}

// foldText lowercases, strips accents and turns every run of characters
// that are neither letters nor digits into one space, so that whole-word
// matching is a substring test between spaces: "Dr. Dubois!" → "dr dubois".
func foldText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true // no leading space
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			space = false
		case !space:
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSuffix(b.String(), " ")
}
