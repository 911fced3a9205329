package app

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/channels"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/policy"
	"github.com/stormwatch/stormwatch/internal/replies"
	"github.com/stormwatch/stormwatch/internal/store"
)

// needsText reports whether an action bound for a real connector still
// lacks the words to send: a policy's reply or author notice names a
// template ({"template": name}) or nothing, while connectors read "text".
// Replies from the desk carry their approved text already.
func needsText(ac act.Action) bool {
	if ac.Kind != act.Reply && ac.Kind != act.NotifyAuthor {
		return false
	}
	var p map[string]any
	if len(ac.Params) > 0 && json.Unmarshal(ac.Params, &p) != nil {
		return false // the connector reports malformed params itself
	}
	s, _ := p["text"].(string)
	return strings.TrimSpace(s) == ""
}

// withText fills an action's text just before its connector runs it
// (render), so what reaches the platform is the workspace's approved
// words as they are at that moment.
type withText struct {
	act.Actor
	render func(ctx context.Context, ac act.Action, it ingest.Item) (params json.RawMessage, note string, err error)
}

func (w withText) Execute(ctx context.Context, ac act.Action, it ingest.Item) (string, error) {
	params, note, err := w.render(ctx, ac, it)
	if err != nil {
		return "", err
	}
	ac.Params = params
	res, err := w.Actor.Execute(ctx, ac, it)
	if err == nil && note != "" {
		res = strings.TrimSpace(res + " (" + note + ")") // the outcome's audit says which words went out
	}
	return res, err
}

func (w withText) DeduplicatesKind(k act.Kind) bool {
	if d, ok := w.Actor.(act.KindDeduplicator); ok {
		return d.DeduplicatesKind(k)
	}
	return w.Actor.Deduplicates()
}

var _ act.KindDeduplicator = withText{}

// policyText renders the text of a policy's reply or author notice:
//   - with {"template": name}: the workspace's approved reply template of
//     that id or group, in the item's language, else the workspace's
//     language, else any approved language; its variables are the
//     author's name, the organization, the channel, the rule and its
//     public wording (with its link on the published guidelines), and the
//     confidential help phone and address of the outbound settings;
//   - without a template, an author notice is the rule's public wording
//     with its link, as the desk's "notify the author" sends it.
//
// What no retry can fix (no approved template, a variable nobody can
// fill, a text too long for the channel) is a permanent failure whose
// message says what to do; a store error is retried.
func (a *App) policyText(ctx context.Context, ac act.Action, it ingest.Item) (json.RawMessage, string, error) {
	p := map[string]any{}
	if len(ac.Params) > 0 {
		if err := json.Unmarshal(ac.Params, &p); err != nil {
			return nil, "", act.Permanent(fmt.Errorf("%s params: %w", ac.Kind, err))
		}
	}
	name, _ := p["template"].(string)
	name = strings.TrimSpace(name)
	ws, err := a.Store.Workspace(ctx, ac.Workspace)
	if err != nil {
		return nil, "", fmt.Errorf("workspace %s: %w", ac.Workspace, err)
	}
	pol, err := a.workspacePolicy(ctx, ac.Workspace)
	if err != nil {
		return nil, "", err
	}
	itemLang := it.Lang
	if d, err := a.Store.Decision(ctx, ac.Workspace, it.ID); err == nil && d.Lang != "" {
		itemLang = d.Lang // detected when the platform did not say
	}
	wsLang := a.workspaceLang(ctx, ac.Workspace, pol)

	var text, lang, note string
	if name == "" {
		if ac.Kind == act.Reply {
			return nil, "", act.Permanent(errors.New("reply without text or template: give the policy's reply a template, e.g. - reply: ack_complaint"))
		}
		lang = cmp.Or(itemLang, wsLang)
		text = a.ruleText(ctx, pol, ac.Workspace, ac.RuleID, lang, wsLang)
		if text == "" {
			return nil, "", act.Permanent(fmt.Errorf("cannot tell the author which rule was applied: rule %q has no public wording in the policy; add one under its public:", ac.RuleID))
		}
		note = "rule " + ac.RuleID + " public wording"
	} else {
		t, err := a.approvedTemplate(ctx, ac.Workspace, name, itemLang, wsLang)
		if err != nil && act.IsPermanent(err) {
			// The policy file's own template is the organization's words
			// too, approved when the policy was published.
			if l, body, ok := policyTemplate(pol, name, itemLang, wsLang); ok {
				t, err = store.Template{ID: name, Lang: l, Body: body}, nil
				note = fmt.Sprintf("policy %s template %s, %s", pol.Version(), name, l)
			}
		}
		if err != nil {
			return nil, "", err
		}
		lang = t.Lang
		vars, err := a.templateVars(ctx, ws, pol, ac, it, lang, wsLang)
		if err != nil {
			return nil, "", err
		}
		text, err = replies.Expand(t.Body, vars)
		var missing *replies.MissingVariablesError
		switch {
		case errors.As(err, &missing):
			return nil, "", act.Permanent(fmt.Errorf("reply template %q (%s, version %d) needs %s, which an automatic reply cannot fill%s; the %s was not sent",
				t.ID, t.Lang, t.Version, braces(missing.Names), fillHints(missing.Names, ac.RuleID), ac.Kind))
		case err != nil:
			return nil, "", act.Permanent(fmt.Errorf("reply template %q (%s, version %d): %w; the %s was not sent", t.ID, t.Lang, t.Version, err, ac.Kind))
		}
		if note == "" {
			note = fmt.Sprintf("template %s v%d, %s", t.ID, t.Version, t.Lang)
		}
	}
	if err := replies.CheckLength(it.Channel, text); err != nil {
		return nil, "", act.Permanent(fmt.Errorf("%w: shorten the template or the rule's public wording; the %s was not sent", err, ac.Kind))
	}
	p["text"], p["lang"] = text, lang
	out, err := json.Marshal(p)
	if err != nil {
		return nil, "", act.Permanent(fmt.Errorf("%s params: %w", ac.Kind, err))
	}
	return out, note, nil
}

// workspacePolicy is the policy that decides the workspace's items now
// (its crisis profile during a crisis), from the pipeline's cache.
func (a *App) workspacePolicy(ctx context.Context, workspace string) (*policy.Policy, error) {
	if a.Processor == nil || a.Processor.Resolve == nil {
		return nil, errors.New("no policy resolver")
	}
	rt, err := a.Processor.Resolve(ctx, workspace)
	if err != nil {
		return nil, fmt.Errorf("policy of workspace %s: %w", workspace, err)
	}
	pv, ok := rt.Policy.(PolicyVerdict)
	if !ok || pv.P == nil {
		return nil, act.Permanent(fmt.Errorf("workspace %s has no policy to read rule wording from", workspace))
	}
	return pv.P, nil
}

// workspaceLang is the organization's language: its published
// guidelines' language, else its policy's first language.
func (a *App) workspaceLang(ctx context.Context, workspace string, pol *policy.Policy) string {
	if v, err := a.Store.LivePolicyVersion(ctx, workspace); err == nil && v.Lang != "" {
		return v.Lang
	}
	if langs := pol.Languages(); len(langs) > 0 {
		return langs[0]
	}
	return ""
}

// approvedTemplate finds the approved template of a name: the template
// with that id, or those of that group (its translations).
func (a *App) approvedTemplate(ctx context.Context, workspace, name, itemLang, wsLang string) (store.Template, error) {
	var live []store.Template
	add := func(id string) error {
		t, err := a.Store.LiveTemplate(ctx, workspace, id)
		switch {
		case errors.Is(err, store.ErrNotFound):
			return nil
		case err != nil:
			return fmt.Errorf("reply template %q: %w", id, err)
		}
		if !slices.ContainsFunc(live, func(x store.Template) bool { return x.ID == t.ID }) {
			live = append(live, t)
		}
		return nil
	}
	if err := add(name); err != nil {
		return store.Template{}, err
	}
	group, err := a.Store.Templates(ctx, workspace, store.TemplateFilter{Group: name})
	if err != nil {
		return store.Template{}, fmt.Errorf("reply templates of group %q: %w", name, err)
	}
	for _, t := range group {
		if err := add(t.ID); err != nil {
			return store.Template{}, err
		}
	}
	if len(live) == 0 {
		_, err := a.Store.Template(ctx, workspace, name, 0)
		if err == nil || len(group) > 0 {
			return store.Template{}, act.Permanent(fmt.Errorf("reply template %q has no approved version: the policy asks for it, but only approved words are sent; have it approved under Replies; the reply was not sent", name))
		}
		return store.Template{}, act.Permanent(fmt.Errorf("no approved reply template %q in the workspace's library: the policy asks for it, but only approved words are sent; add a template with id or group %q (in %s) under Replies and have it approved; the reply was not sent",
			name, name, cmp.Or(itemLang, wsLang, "the item's language")))
	}
	for _, l := range langChain(itemLang, wsLang) {
		for _, t := range live {
			if strings.EqualFold(t.Lang, l) {
				return t, nil
			}
		}
	}
	return slices.MinFunc(live, func(x, y store.Template) int {
		return cmp.Or(strings.Compare(x.Lang, y.Lang), strings.Compare(x.ID, y.ID))
	}), nil
}

// langChain lists the languages to try, in order: each given one, then
// its base language (fr-CA -> fr), and Nynorsk's written neighbour.
// policyTemplate is the policy file's template name in the first language
// of the chain it has text for.
func policyTemplate(pol *policy.Policy, name string, langs ...string) (lang, body string, ok bool) {
	if pol == nil {
		return "", "", false
	}
	for _, l := range append(langChain(langs...), pol.Languages()...) {
		if body, ok := pol.Template(name, l); ok {
			return l, body, true
		}
	}
	return "", "", false
}

func langChain(langs ...string) []string {
	var out []string
	add := func(l string) {
		if l != "" && !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	for _, l := range langs {
		l = strings.ToLower(strings.TrimSpace(l))
		add(l)
		base, _, _ := strings.Cut(strings.ReplaceAll(l, "_", "-"), "-")
		add(base)
		if base == "nn" {
			add("nb")
		}
	}
	return out
}

// templateVars are the variables Stormwatch can fill with nobody at the
// desk. Blank ones are left out, so Expand names them.
func (a *App) templateVars(ctx context.Context, ws store.Workspace, pol *policy.Policy, ac act.Action, it ingest.Item, lang, wsLang string) (map[string]string, error) {
	vars := map[string]string{"author": it.AuthorName, "organization": ws.Name, "channel": it.Channel, "rule": ac.RuleID}
	if _, id, ok := channels.SplitChannelName(it.Channel); ok {
		if ch, err := a.Store.ChannelByID(ctx, id); err == nil && ch.Name != "" {
			vars["channel"] = ch.Name // "<kind>:ch_…" means nothing to the public
		}
	}
	if ac.RuleID != "" {
		vars["rule_text"] = a.ruleText(ctx, pol, ws.ID, ac.RuleID, lang, wsLang)
	}
	set, err := a.Store.OutboundSettings(ctx, ws.ID)
	if err != nil {
		return nil, fmt.Errorf("outbound settings of %s: %w", ws.ID, err)
	}
	vars["phone"], vars["contact_url"] = set.HelpPhone, set.HelpURL
	for k, v := range vars {
		if strings.TrimSpace(v) == "" {
			delete(vars, k)
		}
	}
	return vars, nil
}

// ruleText is a rule's public wording in lang (else the workspace's
// language, else English), with its link on the published guidelines
// when there is one, as the desk cites rules.
func (a *App) ruleText(ctx context.Context, pol *policy.Policy, workspace, ruleID, lang, wsLang string) string {
	r, ok := pol.Rule(ruleID)
	if !ok {
		return ""
	}
	for _, l := range []string{lang, wsLang, "en"} {
		if text, ok := r.PublicText(l); ok && l != "" {
			if a.Desk != nil {
				if u := a.Desk.RuleLink(ctx, workspace, ruleID, l); u != "" {
					text += " " + u
				}
			}
			return text
		}
	}
	return ""
}

func braces(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "{{" + n + "}}"
	}
	return strings.Join(out, ", ")
}

// fillHints says how each missing variable gets a value.
func fillHints(names []string, rule string) string {
	var hints []string
	add := func(h string) {
		if !slices.Contains(hints, h) {
			hints = append(hints, h)
		}
	}
	for _, n := range names {
		switch n {
		case "phone", "contact_url":
			add("set the confidential help phone and address in the outbound settings")
		case "author":
			add("the item carries no author name, so use a template without {{author}}")
		case "rule", "rule_text":
			if rule == "" {
				add("the action cites no rule")
			} else {
				add(fmt.Sprintf("give rule %s a public wording in the policy", rule))
			}
		}
	}
	if len(hints) == 0 {
		return ""
	}
	return ": " + strings.Join(hints, "; ")
}
