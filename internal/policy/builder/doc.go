package builder

import (
	"regexp"
	"strings"
)

// The guidelines are kept as a small Markdown subset, so that versions diff
// line by line and the pages render them without a Markdown library:
//
//	# Title
//	## Heading {#anchor}
//	- list item
//	> a note (why a rule exists)
//	a paragraph on one line
//
// blocks separated by blank lines. ParseDoc reads it back into blocks; it
// accepts any text (a stored version may be old or edited) and never fails.

// BlockKind is the kind of a guidelines block.
type BlockKind string

// The block kinds.
const (
	Title     BlockKind = "title"
	Heading   BlockKind = "heading"
	Paragraph BlockKind = "p"
	List      BlockKind = "list"
	Note      BlockKind = "note"
)

// Block is one block of a guidelines document.
type Block struct {
	Kind   BlockKind
	Text   string   // title, heading, paragraph or note text
	ID     string   // the heading's anchor, "" if none
	Items  []string // list items
	RuleID string   // for a rule's heading, the rule id ("R2 · ..." headings)
}

var (
	anchorRe   = regexp.MustCompile(`\s*\{#([A-Za-z][A-Za-z0-9_.-]{0,63})\}\s*$`)
	ruleHeadRe = regexp.MustCompile(`^([A-Za-z0-9][A-Za-z0-9_.-]{0,63}) · `)
)

// ParseDoc splits a guidelines document into blocks.
func ParseDoc(md string) []Block {
	var out []Block
	for _, line := range strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
			continue
		case strings.HasPrefix(line, "## "):
			b := Block{Kind: Heading, Text: strings.TrimSpace(line[3:])}
			if m := anchorRe.FindStringSubmatchIndex(b.Text); m != nil {
				b.ID = b.Text[m[2]:m[3]]
				b.Text = strings.TrimSpace(b.Text[:m[0]])
			}
			if m := ruleHeadRe.FindStringSubmatch(b.Text); m != nil && m[1] == b.ID {
				b.RuleID = m[1]
			}
			out = append(out, b)
		case strings.HasPrefix(line, "# "):
			out = append(out, Block{Kind: Title, Text: strings.TrimSpace(line[2:])})
		case strings.HasPrefix(line, "> "):
			out = append(out, Block{Kind: Note, Text: strings.TrimSpace(line[2:])})
		case strings.HasPrefix(line, "- "):
			item := strings.TrimSpace(line[2:])
			if n := len(out); n > 0 && out[n-1].Kind == List {
				out[n-1].Items = append(out[n-1].Items, item)
			} else {
				out = append(out, Block{Kind: List, Items: []string{item}})
			}
		default:
			out = append(out, Block{Kind: Paragraph, Text: line})
		}
	}
	return out
}

// DocTitle returns the document's first title, "" if none.
func DocTitle(md string) string {
	for _, b := range ParseDoc(md) {
		if b.Kind == Title {
			return b.Text
		}
	}
	return ""
}
