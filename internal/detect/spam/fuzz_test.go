package spam

import (
	"context"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// FuzzDetect: no panic on any input, spans inside the text and on rune
// boundaries, every signal complete; the repeats table and the link parser
// hold up too.
func FuzzDetect(f *testing.F) {
	for _, c := range spamCases() {
		f.Add(c.text, "tilleuls-veto.com")
	}
	for _, c := range hardNegatives() {
		f.Add(c.text, "cliniquedestilleuls.fr")
	}
	for _, in := range benchComments {
		f.Add(in.Text, "")
	}
	f.Add("\xff\xfehttps://\xc3.com@x.y/\xe2", "xn--\xff.com")
	f.Add("xn--zz.xn--99999999.com a@b.c @d.e ...a.b.. http://1.2.3.4", "a.b")
	f.Add("Official Les Tilleuls team here DM us", "les-tilleuls.fr")
	f.Add("\x8fA", "0") // a stray continuation byte before a word
	f.Add("A\x8f bit.ly/x\x9f", "")
	d := New()
	r := NewRepeats(RepeatsConfig{MinAuthors: 2, MinWords: 1})
	rd := r.Detector()
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, text, domain string) {
		c := &detect.Context{OrgNames: []string{"Les Tilleuls", domain}, OrgDomains: []string{domain}, StaffNames: []string{"x"}}
		sigs, err := d.Detect(ctx, detect.Input{Text: text, Context: c})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range sigs {
			checkSignal(t, text, s)
		}
		for _, author := range []string{"a", "b"} {
			sigs, err := rd.Detect(ctx, detect.Input{Text: text, Workspace: "w", AuthorID: author, At: time.Unix(0, 0)})
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range sigs {
				checkSignal(t, text, s)
			}
		}
	})
}
