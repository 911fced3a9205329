package eval

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzParseLine: no panic on any line; a line that parses satisfies every
// invariant the report relies on; reading a whole file never fails and
// numbers lines in order.
func FuzzParseLine(f *testing.F) {
	for _, l := range handSet {
		f.Add([]byte(l))
	}
	for _, l := range []string{
		`{"text":"x","categories":["none"],"action":"keep"}`,
		`{"id":1e400,"text":"x","category":"pii","entities":["iban","phone"]}`,
		`{"text":"\ud800","category":"NONE","tags":["a","A"]}`,
		"{\"text\":\"x\",\"action\":\"keep\"}\r\n\n{\"text\":",
		"\xef\xbb\xbf{\"text\":\"é\",\"lang\":\"nn\",\"category\":\"spam\"}",
		`{"text":"x","lang":"-","action":"keep"}`,
	} {
		f.Add([]byte(l))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		ex, err := ParseLine(line)
		if err == nil {
			if strings.TrimSpace(ex.Text) == "" {
				t.Fatal("empty text accepted")
			}
			if !ex.Labelled && ex.Action == "" {
				t.Fatal("line with nothing to evaluate accepted")
			}
			if ex.Action != "" && ex.Action != ActionRemove && ex.Action != ActionKeep {
				t.Fatalf("action %q", ex.Action)
			}
			seen := map[string]bool{}
			for _, c := range ex.Categories {
				if !validCategory(c) || seen[c] {
					t.Fatalf("category %q invalid or repeated in %v", c, ex.Categories)
				}
				seen[c] = true
			}
			for _, e := range ex.Entities {
				if !validEntity(e) {
					t.Fatalf("entity %q", e)
				}
			}
			if _, err := parseLang(ex.Lang); err != nil {
				t.Fatalf("lang %q: %v", ex.Lang, err)
			}
			_ = ex.Primary()
		}
		exs, bad, err := ReadExamples(bytes.NewReader(line))
		if err != nil {
			t.Fatalf("read from memory failed: %v", err)
		}
		last := 0
		for _, e := range exs {
			if e.Line <= last {
				t.Fatalf("line numbers out of order: %d after %d", e.Line, last)
			}
			last = e.Line
		}
		for _, b := range bad {
			if b.Line < 1 || b.Err == "" {
				t.Fatalf("bad line error %+v", b)
			}
		}
	})
}
