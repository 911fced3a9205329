package builder

import (
	"reflect"
	"testing"
)

func TestParseDoc(t *testing.T) {
	md := "# Title\n\nFirst para.\n\n## R2 · Someone else's data {#R2}\n\nText.\n\n> Why: because.\n\n## Contact {#contact}\n- one\n- two\n\n## Plain heading\n\r\nlast"
	want := []Block{
		{Kind: Title, Text: "Title"},
		{Kind: Paragraph, Text: "First para."},
		{Kind: Heading, Text: "R2 · Someone else's data", ID: "R2", RuleID: "R2"},
		{Kind: Paragraph, Text: "Text."},
		{Kind: Note, Text: "Why: because."},
		{Kind: Heading, Text: "Contact", ID: "contact"},
		{Kind: List, Items: []string{"one", "two"}},
		{Kind: Heading, Text: "Plain heading"},
		{Kind: Paragraph, Text: "last"},
	}
	if got := ParseDoc(md); !reflect.DeepEqual(got, want) {
		t.Errorf("ParseDoc =\n%#v\nwant\n%#v", got, want)
	}
	if DocTitle(md) != "Title" || DocTitle("no title") != "" {
		t.Error("DocTitle")
	}
	// An anchor that is not an id, or a rule id that is not the anchor, is text.
	got := ParseDoc("## R1 · x {#R2}\n## y {#\"><script>}")
	if got[0].RuleID != "" || got[0].ID != "R2" || got[1].ID != "" {
		t.Errorf("ParseDoc(odd anchors) = %#v", got)
	}
}

func FuzzParseDoc(f *testing.F) {
	f.Add("# t\n## h {#a}\n- x\np")
	f.Fuzz(func(t *testing.T, md string) {
		for _, b := range ParseDoc(md) {
			if b.ID != "" && !anchorRe.MatchString("{#"+b.ID+"}") {
				t.Fatalf("bad anchor %q", b.ID)
			}
		}
	})
}
