package policy

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// guidelineText is the fixed wording around the rules in the published
// guidelines, per language.
type guidelineText struct {
	heading string
	intro   string
	version string
}

var guidelineTexts = map[string]guidelineText{
	"fr": {"Règles de notre communauté",
		"Nous modérons les commentaires et les messages sur nos pages selon les règles ci-dessous. Lorsque nous masquons ou retirons un message, nous indiquons à son auteur la règle appliquée, par son numéro.",
		"Version"},
	"nl": {"Regels voor onze community",
		"We modereren reacties en berichten op onze pagina's volgens de regels hieronder. Als we een bericht verbergen of verwijderen, laten we de schrijver weten welke regel we hebben toegepast, met het nummer ervan.",
		"Versie"},
	"sv": {"Regler för vår gemenskap",
		"Vi modererar kommentarer och meddelanden på våra sidor enligt reglerna nedan. När vi döljer eller tar bort ett inlägg berättar vi för den som skrev det vilken regel vi tillämpade, med dess nummer.",
		"Version"},
	"nb": {"Regler for fellesskapet vårt",
		"Vi modererer kommentarer og meldinger på sidene våre etter reglene nedenfor. Når vi skjuler eller fjerner et innlegg, forteller vi den som skrev det, hvilken regel vi brukte, med nummeret.",
		"Versjon"},
	"nn": {"Reglar for fellesskapet vårt",
		"Vi modererer kommentarar og meldingar på sidene våre etter reglane nedanfor. Når vi gøymer eller fjernar eit innlegg, fortel vi den som skreiv det, kva regel vi brukte, med nummeret.",
		"Versjon"},
	"en": {"Our community rules",
		"We moderate comments and messages on our pages according to the rules below. When we hide or remove a message, we tell its author which rule we applied, by its number.",
		"Version"},
	"de": {"Regeln für unsere Community",
		"Wir moderieren Kommentare und Nachrichten auf unseren Seiten nach den folgenden Regeln. Wenn wir einen Beitrag ausblenden oder entfernen, teilen wir der Person, die ihn geschrieben hat, mit, welche Regel wir angewendet haben – mit ihrer Nummer.",
		"Version"},
}

// RenderLanguage returns the policy language Render would use for lang:
// exact, then the base language (fr-CA -> fr), then nn -> nb.
func (p *Policy) RenderLanguage(lang string) (string, bool) {
	set := make(map[string]string, len(p.languages))
	for _, l := range p.languages {
		set[l] = l
	}
	return pickLang(set, lang)
}

// Render writes the public community guidelines in a language: a heading,
// the policy name and version, an introduction, then every enforce rule's
// public sentence in file order, prefixed by its rule id so that a rule cited
// in a decision can be looked up. Shadow rules are not published.
func (p *Policy) Render(w io.Writer, lang string) error {
	l, ok := p.RenderLanguage(lang)
	if !ok {
		return fmt.Errorf("render guidelines: policy %q has no public wording in %q; available: %s", p.name, lang, quoteList(p.languages))
	}
	// Headings follow the language asked for when built in (nn keeps its
	// own headings even when the rules fall back to nb wording).
	gt, ok := guidelineTexts[baseLang(lang)]
	if !ok {
		if gt, ok = guidelineTexts[l]; !ok {
			gt = guidelineTexts["en"]
		}
	}
	paras := []string{"# " + gt.heading, p.name + " · " + gt.version + " " + p.version, gt.intro}
	if t, ok := pickLang(p.intro, lang); ok {
		paras = append(paras, oneParagraph(p.intro[t]))
	}
	for _, r := range p.rules {
		if r.Mode != Enforce {
			continue
		}
		if text, ok := r.PublicText(lang); ok {
			paras = append(paras, "**"+r.ID+".** "+oneParagraph(text))
		}
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(strings.Join(paras, "\n\n"))
	bw.WriteString("\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("render guidelines: %w", err)
	}
	return nil
}

// oneParagraph keeps a sentence written over several YAML lines on one
// Markdown paragraph.
func oneParagraph(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// ExpandTemplate replaces {{name}} variables in a template text with
// vars[name]. Variables missing from vars are left as written, so a gap is
// visible to the person approving the reply rather than silently blank.
func ExpandTemplate(text string, vars map[string]string) string {
	return templateVarRe.ReplaceAllStringFunc(text, func(m string) string {
		name := templateVarRe.FindStringSubmatch(m)[1]
		if v, ok := vars[name]; ok {
			return v
		}
		return m
	})
}

// ReplyText returns a template expanded for a reply in a language. The
// variables author, rule, rule_text, organization and channel are the ones
// lint knows; ruleID fills rule and rule_text when vars does not set them.
func (p *Policy) ReplyText(template, lang, ruleID string, vars map[string]string) (string, error) {
	t, ok := p.Template(template, lang)
	if !ok {
		if _, exists := p.templates[template]; !exists {
			return "", fmt.Errorf("reply: no template %q in policy %s", template, p.version)
		}
		return "", fmt.Errorf("reply: template %q has no text in %q; available: %s", template, lang, quoteList(p.languages))
	}
	all := make(map[string]string, len(vars)+3)
	if r, ok := p.byID[ruleID]; ok {
		all["rule"] = r.ID
		if txt, ok := r.PublicText(lang); ok {
			all["rule_text"] = txt
		}
	}
	all["organization"] = p.name
	for k, v := range vars {
		all[k] = v
	}
	return ExpandTemplate(t, all), nil
}
