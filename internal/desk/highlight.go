package desk

import (
	"html"
	"html/template"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// mark is one highlighted byte range and the categories found there.
type mark struct {
	start, end int
	cats       []string
}

// Highlight returns text as HTML with every signal's spans wrapped in
// <mark>. Spans are byte offsets into the original text; they are clamped
// to the text, widened to whole UTF-8 characters (a span must never cut a
// character in two), and overlapping spans are merged, naming every
// category found there. Everything else is escaped.
func Highlight(text string, sigs []detect.Signal) template.HTML {
	var marks []mark
	for _, s := range sigs {
		for _, sp := range s.Spans {
			a, b := clampSpan(text, sp.Start(), sp.End())
			if a < b {
				marks = append(marks, mark{a, b, []string{string(s.Category)}})
			}
		}
	}
	sort.Slice(marks, func(i, j int) bool { return marks[i].start < marks[j].start })
	var merged []mark
	for _, m := range marks {
		if n := len(merged); n > 0 && m.start < merged[n-1].end {
			last := &merged[n-1]
			last.end = max(last.end, m.end)
			for _, c := range m.cats {
				if !contains(last.cats, c) {
					last.cats = append(last.cats, c)
				}
			}
			continue
		}
		merged = append(merged, m)
	}
	var b strings.Builder
	pos := 0
	for _, m := range merged {
		b.WriteString(escapeText(text[pos:m.start]))
		cls := "hl hl-" + m.cats[0]
		b.WriteString(`<mark class="` + html.EscapeString(cls) + `" title="` + html.EscapeString(strings.Join(m.cats, ", ")) + `">`)
		b.WriteString(escapeText(text[m.start:m.end]))
		b.WriteString(`</mark>`)
		pos = m.end
	}
	b.WriteString(escapeText(text[pos:]))
	return template.HTML(b.String())
}

// clampSpan keeps [a, b) inside text and on character boundaries.
func clampSpan(text string, a, b int) (int, int) {
	a, b = max(0, min(a, len(text))), max(0, min(b, len(text)))
	for a > 0 && !utf8.RuneStart(text[a]) {
		a--
	}
	for b < len(text) && !utf8.RuneStart(text[b]) {
		b++
	}
	return a, b
}

// escapeText escapes text for HTML, turning invalid UTF-8 into U+FFFD so
// the page stays valid whatever the platform sent.
func escapeText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return html.EscapeString(s)
}
