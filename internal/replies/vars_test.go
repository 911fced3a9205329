package replies

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParse(t *testing.T) {
	tests := []struct {
		body    string
		vars    []string
		wantErr error
	}{
		{"Bonjour {{author}}, merci.", []string{"author"}, nil},
		{"{{ author }} et {{organization}} et {{author}}", []string{"author", "organization"}, nil},
		{"no variables, a lone { and } are text", nil, nil},
		{"{{phone}}{{contact_url}}", []string{"contact_url", "phone"}, nil},
		{"", nil, nil},
		{"Hello {{author", nil, ErrTemplateSyntax},
		{"Hello author}}", nil, ErrTemplateSyntax},
		{"Hello {{}}", nil, ErrTemplateSyntax},
		{"Hello {{Author}}", nil, ErrTemplateSyntax},
		{"Hello {{au thor}}", nil, ErrTemplateSyntax},
		{"Hello {{a{{author}}}}", nil, ErrTemplateSyntax},
		{"Hello {{autor}}", nil, ErrUnknownVariable},
		{"Hello {{password}}", nil, ErrUnknownVariable},
		{"bad \xff utf8", nil, ErrTemplateSyntax},
	}
	for _, tt := range tests {
		vars, err := VariablesOf(tt.body)
		if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && strings.Join(vars, ",") != strings.Join(tt.vars, ",")) {
			t.Errorf("VariablesOf(%q) = %v, %v; want %v, %v", tt.body, vars, err, tt.vars, tt.wantErr)
		}
	}
	if _, err := Parse("Hi {{autor}}"); err == nil || !strings.Contains(err.Error(), "did you mean {{author}}") {
		t.Errorf("unknown variable error does not suggest the near name: %v", err)
	}
}

func TestExpand(t *testing.T) {
	full := map[string]string{"author": " Jeanne ", "phone": "+32 2 555 01 01"}
	tests := []struct {
		body    string
		vars    map[string]string
		want    string
		wantErr error
	}{
		{"Bonjour {{author}}, appelez le {{phone}}.", full, "Bonjour Jeanne, appelez le +32 2 555 01 01.", nil},
		{"Bonjour {{author}} ({{contact_url}})", full, "", ErrMissingVariable},
		{"Bonjour {{author}}", map[string]string{"author": "   "}, "", ErrMissingVariable},
		{"Bonjour {{author}}", map[string]string{"author": "{{phone}}"}, "", ErrVariableValue},
		{"Bonjour {{author}}", map[string]string{"author": "Jeanne\nP.S. free text"}, "", ErrVariableValue},
		{"Bonjour {{author}}", map[string]string{"author": strings.Repeat("x", 81)}, "", ErrVariableValue},
		{"Bonjour {{autor}}", full, "", ErrUnknownVariable},
	}
	for _, tt := range tests {
		got, err := Expand(tt.body, tt.vars)
		if got != tt.want || !errors.Is(err, tt.wantErr) {
			t.Errorf("Expand(%q) = %q, %v; want %q, %v", tt.body, got, err, tt.want, tt.wantErr)
		}
	}
	_, err := Expand("{{author}} {{phone}} {{contact_url}} {{author}}", nil)
	var me *MissingVariablesError
	if !errors.As(err, &me) || strings.Join(me.Names, ",") != "author,contact_url,phone" {
		t.Errorf("missing variables = %v, want author, contact_url, phone once each", err)
	}
}

// FuzzParse: the parser never panics, a body it accepts round-trips
// through its segments, and a filled body has no braces left.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"Bonjour {{author}}", "{{ phone }}{{", "}}{{x}}", "{{{{author}}}}", "{a} {{rule_text}}!", "\xff{{author}}", ""} {
		f.Add(s)
	}
	for _, t := range StarterLibrary("w") {
		f.Add(t.Body)
	}
	vals := map[string]string{}
	for _, v := range Variables {
		vals[v] = "x"
	}
	f.Fuzz(func(t *testing.T, body string) {
		segs, err := Parse(body)
		if err != nil {
			return
		}
		if !utf8.ValidString(body) {
			t.Fatalf("accepted invalid UTF-8 %q", body)
		}
		var b strings.Builder
		for _, s := range segs {
			if s.Var != "" {
				b.WriteString("{{" + s.Var + "}}")
			} else {
				if strings.Contains(s.Text, "{{") || strings.Contains(s.Text, "}}") {
					t.Fatalf("literal segment %q holds braces (body %q)", s.Text, body)
				}
				b.WriteString(s.Text)
			}
		}
		again, err := Parse(b.String())
		if err != nil || len(again) != len(segs) {
			t.Fatalf("re-parse of %q = %v, %v; want %d segments", b.String(), again, err, len(segs))
		}
		out, err := Expand(body, vals)
		if err != nil {
			t.Fatalf("Expand(%q) with every variable = %v", body, err)
		}
		if strings.Contains(out, "{{") || strings.Contains(out, "}}") {
			t.Fatalf("Expand(%q) = %q still has braces", body, out)
		}
	})
}
