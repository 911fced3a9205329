package desk

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/policy/builder"
	"github.com/stormwatch/stormwatch/internal/store"
	"github.com/stormwatch/stormwatch/internal/store/sqlite"
)

// TestRuleLink: a rule cited to an author links to the published public
// page, in the author's language when the page has it, and only when a
// public address is configured and the rule is on the page.
func TestRuleLink(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.CreateWorkspace(ctx, store.Workspace{ID: "ws-1", Name: "Åsby"}, "system"); err != nil {
		t.Fatal(err)
	}
	d := &Desk{st: st, publicURL: "https://sw.example"}
	if got := d.RuleLink(ctx, "ws-1", "R2", "sv"); got != "" {
		t.Errorf("link before publishing = %q", got)
	}
	a, _ := builder.Preset(builder.Municipality, "sv")
	a.Extra = []string{"en"}
	res, err := builder.Build(a, "v1")
	if err != nil {
		t.Fatal(err)
	}
	answers, _ := json.Marshal(res.Answers)
	if _, err := st.SavePolicyVersion(ctx, "ws-1", store.NewPolicyVersion{Number: 1, Answers: answers, PolicyYAML: res.PolicyYAML, PolicyVersion: "v1",
		Lang: "sv", Public: res.Public, Internal: res.Internal}, "user:1"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.PublishPolicyVersion(ctx, "ws-1", 1, "user:1", time.Now()); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ rule, lang, want string }{
		{"R2", "sv", "https://sw.example/g/ws-1#R2"},
		{"R2", "en", "https://sw.example/g/ws-1?lang=en#R2"},
		{"R2", "fr", "https://sw.example/g/ws-1#R2"}, // not in French: the organization's language
		{"R4", "sv", ""}, // the municipality has no R4
		{"", "sv", ""},
	}
	for _, tt := range tests {
		if got := d.RuleLink(ctx, "ws-1", tt.rule, tt.lang); got != tt.want {
			t.Errorf("RuleLink(%s, %s) = %q, want %q", tt.rule, tt.lang, got, tt.want)
		}
	}
	if got := d.citeRule(ctx, "ws-1", "R1", "sv", "Hot döljs."); got != "Hot döljs. https://sw.example/g/ws-1#R1" {
		t.Errorf("citeRule = %q", got)
	}
	// A reply template's {{rule_text}} carries the link too.
	d.policies = map[string]cachedPolicy{}
	vars := d.ruleVars(ctx, "ws-1", store.QueueItem{Decision: &store.Decision{Rules: []string{"R2"}}}, "sv")
	if vars["rule"] != "R2" || !strings.HasSuffix(vars["rule_text"], "i god tro. https://sw.example/g/ws-1#R2") {
		t.Errorf("ruleVars = %v", vars)
	}
	d.publicURL = ""
	if got := d.citeRule(ctx, "ws-1", "R1", "sv", "Hot döljs."); got != "Hot döljs." {
		t.Errorf("citeRule without a public address = %q", got)
	}
}

func TestDocHTMLEscapes(t *testing.T) {
	md := "# <b>T</b>\n\n## R1 · x<script> {#R1}\n\npara & \"q\" <img>\n\n- <li>"
	got := string(docHTML(md, "p-", 2, true))
	for _, want := range []string{"<h2>&lt;b&gt;T&lt;/b&gt;</h2>", `<h3 id="p-R1" class="rule-head">R1 · x&lt;script&gt;`, `href="#p-R1"`,
		"<p>para &amp; &#34;q&#34; &lt;img&gt;</p>", "<li>&lt;li&gt;</li>"} {
		if !strings.Contains(got, want) {
			t.Errorf("docHTML lacks %q:\n%s", want, got)
		}
	}
}

func FuzzDocHTML(f *testing.F) {
	f.Add("# t\n## h {#a}\n- x\np <b>")
	f.Fuzz(func(t *testing.T, md string) {
		out := string(docHTML(md, "", 1, true))
		if strings.Contains(strings.ToLower(out), "<script") || strings.Contains(out, "<img") {
			t.Fatalf("unescaped markup in %q", out)
		}
	})
}

func TestETagMatch(t *testing.T) {
	for _, tt := range []struct {
		header string
		want   bool
	}{{`"a"`, true}, {`W/"a"`, true}, {`"b", "a"`, true}, {`*`, true}, {`"b"`, false}, {``, false}} {
		if got := etagMatch(tt.header, `"a"`); got != tt.want {
			t.Errorf("etagMatch(%q) = %v", tt.header, got)
		}
	}
}
