package desk

import (
	"encoding/json"
	"net/http"
	"slices"
	"sort"
	"strings"

	"github.com/stormwatch/stormwatch/internal/policy"
	"github.com/stormwatch/stormwatch/internal/store"
)

// The policy screen: the workspace's current policy (each rule's id,
// title, mode, priority, condition and actions), its public guidelines
// per language, how often each rule was cited over a period, and what the
// shadow rules would have done.

// policyScan bounds the decisions read for the counts: the store has no
// aggregate query yet, so the page counts the latest decisions itself.
const (
	policyScan       = 1000
	policyShadowScan = 500
	shadowExamples   = 20
)

type policyRule struct {
	ID, Title, Note, When, Verdict string
	Mode                           string
	Priority                       int
	Stop                           bool
	Actions                        []string
	Hits                           int
}

type guidePara struct {
	Heading bool
	RuleID  string
	Text    string
}

type guideTab struct {
	Code, Name string
	Current    bool
}

type shadowExample struct {
	R       row
	Rule    string
	Would   string
	Actions []string
	Actual  string
}

type policyPage struct {
	base
	Name, Version, File, Default string
	Rules                        []policyRule
	Shadow                       []policyRule
	Tabs                         []guideTab
	Guide                        []guidePara
	GuideLang                    string
	Period                       string
	Periods                      []string
	Counted                      int
	Capped                       bool
	ShadowCounted                int
	ShadowCapped                 bool
	Examples                     []shadowExample
	OtherVersions                int
}

func actionText(a policy.Action) string {
	if len(a.Params) == 0 {
		return string(a.Name)
	}
	keys := make([]string, 0, len(a.Params))
	for k := range a.Params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + a.Params[k]
	}
	return string(a.Name) + " (" + strings.Join(parts, ", ") + ")"
}

// shadowHits reads the shadow rules that matched from a decision's
// detail, as the pipeline stores it ({"policy": {"shadow": [...]}}) or as
// the policy gives it ({"shadow": [...]}).
func shadowHits(detail json.RawMessage) []policy.ShadowHit {
	if len(detail) == 0 {
		return nil
	}
	var d struct {
		Shadow []policy.ShadowHit `json:"shadow"`
		Policy *struct {
			Shadow []policy.ShadowHit `json:"shadow"`
		} `json:"policy"`
	}
	if json.Unmarshal(detail, &d) != nil {
		return nil
	}
	if d.Policy != nil && len(d.Policy.Shadow) > 0 {
		return d.Policy.Shadow
	}
	return d.Shadow
}

// Policy shows the current policy, its guidelines and its hit counts.
func (d *Desk) Policy(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	ctx := r.Context()
	pol, err := d.policyOf(ctx, v.Workspace)
	if err != nil {
		d.log.Error("policy", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	q := r.URL.Query()
	p := policyPage{base: d.base(r, "policy.title"), Name: pol.Name(), Version: pol.Version(), File: pol.File(), Default: string(pol.DefaultAction()),
		Periods: []string{"24h", "7d", "30d"}}
	p.Nav = "policy"
	p.Period = q.Get("period")
	pd, ok := dashPeriods[p.Period]
	if !ok {
		p.Period, pd = "7d", dashPeriods["7d"]
	}

	// Hit counts over the period, from the latest decisions.
	now := d.now()
	items, err := d.st.Queue(ctx, v.Workspace, store.QueueFilter{Since: now.Add(-pd.span), Limit: policyScan}, now)
	if err != nil {
		d.log.Error("policy counts", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	p.Capped = len(items) == policyScan
	hits := map[string]int{}
	shadow := map[string]int{}
	for _, qi := range items {
		if qi.Decision == nil {
			continue
		}
		p.Counted++
		if qi.Decision.PolicyVersion != pol.Version() {
			p.OtherVersions++
		}
		for _, id := range qi.Decision.Rules {
			hits[id]++
		}
		if p.ShadowCounted >= policyShadowScan {
			p.ShadowCapped = true
			continue
		}
		p.ShadowCounted++
		dec, err := d.st.Decision(ctx, v.Workspace, qi.Item.ID)
		if err != nil {
			continue
		}
		for _, h := range shadowHits(dec.Detail) {
			shadow[h.Rule]++
			if len(p.Examples) < shadowExamples {
				ex := shadowExample{R: makeRow(qi, v), Rule: h.Rule, Would: string(h.Action), Actual: qi.Decision.Action}
				for _, a := range h.Actions {
					ex.Actions = append(ex.Actions, actionText(a))
				}
				p.Examples = append(p.Examples, ex)
			}
		}
	}

	for _, r := range pol.Rules() {
		pr := policyRule{ID: r.ID, Title: r.Title, Note: r.Note, When: r.When, Verdict: string(r.Verdict()), Mode: string(r.Mode), Priority: r.Priority, Stop: r.Stop}
		for _, a := range r.Actions {
			pr.Actions = append(pr.Actions, actionText(a))
		}
		if r.Mode == policy.Shadow {
			pr.Hits = shadow[r.ID]
			p.Shadow = append(p.Shadow, pr)
		} else {
			pr.Hits = hits[r.ID]
		}
		p.Rules = append(p.Rules, pr)
	}

	// The public guidelines, one language at a time.
	langs := pol.Languages()
	p.GuideLang = q.Get("glang")
	if !slices.Contains(langs, p.GuideLang) {
		p.GuideLang = ""
		if l, ok := pol.RenderLanguage(p.L.Code); ok {
			p.GuideLang = l
		} else if len(langs) > 0 {
			p.GuideLang = langs[0]
		}
	}
	for _, code := range langs {
		name := langNames[code]
		if name == "" {
			name = code
		}
		p.Tabs = append(p.Tabs, guideTab{Code: code, Name: name, Current: code == p.GuideLang})
	}
	if p.GuideLang != "" {
		var b strings.Builder
		if err := pol.Render(&b, p.GuideLang); err == nil {
			p.Guide = guideParas(b.String())
		}
	}
	d.render(w, r, http.StatusOK, "policy", p)
}

// guideParas splits the rendered guidelines (Markdown paragraphs: a
// "# heading", then "**C1.** text" per rule) for the page to mark up.
func guideParas(md string) []guidePara {
	var out []guidePara
	for _, para := range strings.Split(strings.TrimSpace(md), "\n\n") {
		para = strings.TrimSpace(para)
		switch {
		case strings.HasPrefix(para, "# "):
			out = append(out, guidePara{Heading: true, Text: strings.TrimPrefix(para, "# ")})
		case strings.HasPrefix(para, "**"):
			rest := para[2:]
			if i := strings.Index(rest, "**"); i > 0 {
				out = append(out, guidePara{RuleID: strings.TrimSuffix(rest[:i], "."), Text: strings.TrimSpace(rest[i+2:])})
				continue
			}
			out = append(out, guidePara{Text: para})
		case para != "":
			out = append(out, guidePara{Text: para})
		}
	}
	return out
}
