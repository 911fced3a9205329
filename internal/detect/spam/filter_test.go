package spam

import "testing"

// TestFirstWordFilter checks that the pre-filter of phrase tables never
// rejects a word some phrase starts with (a miss would silently drop cues).
func TestFirstWordFilter(t *testing.T) {
	for w := range cues.byFirst {
		if !cues.mayStart([]byte(w)) {
			t.Fatalf("filter rejects first word %q", w)
		}
	}
}

// refMatch is phraseTable.match as first written: every phrase of the
// first word tried in turn.
func refMatch(t *phraseTable, buf []byte, toks []token, hits []hit) []hit {
	for i := range toks {
		idx, ok := t.byFirst[string(buf[toks[i].fs:toks[i].fe])]
		if !ok {
			continue
		}
		for _, pi := range idx {
			hits = t.try(buf, toks, i, pi, hits)
		}
	}
	return hits
}

// TestMatchMatchesReference runs texts made of the phrases themselves
// (so the split lists are exercised) through both matchers.
func TestMatchMatchesReference(t *testing.T) {
	var texts []string
	for n, p := range cues.phrases {
		if n%29 != 0 {
			continue
		}
		text := "so "
		for _, pt := range cues.pattern(&p) {
			switch {
			case pt.number:
				text += "50 000 "
			case pt.mention:
				text += "@bob "
			case pt.prefix:
				text += cues.text(pt) + "ing "
			default:
				text += cues.text(pt) + " "
			}
		}
		texts = append(texts, text+"now", text+"make your money send your dm earn now "+text)
	}
	total := 0
	for _, text := range texts {
		buf, toks := tokenize(text, nil, nil, nil)
		got := cues.match(buf, toks, nil)
		total += len(got)
		want := refMatch(cues, buf, toks, nil)
		if len(got) != len(want) {
			t.Fatalf("%q: %d hits, reference %d", text, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%q: hit %d is %+v, reference %+v", text, i, got[i], want[i])
			}
		}
	}
	if total < len(texts)/2 {
		t.Fatalf("only %d hits in %d texts: the test texts do not exercise the matcher", total, len(texts))
	}
}
