package pii

import (
	"context"
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// FuzzDetect: no panic on any input, every span inside the text and on
// rune boundaries, every signal complete.
func FuzzDetect(f *testing.F) {
	for _, c := range entityCases() {
		f.Add(c.text, c.lang)
	}
	for _, in := range benchComments {
		f.Add(in.Text, in.Lang)
	}
	for _, c := range loadCases(f) {
		f.Add(c.Text, c.Lang)
	}
	f.Add("\xff\xfe+33 (0)6\xc3 12 34 56 78 2A 1 2 3", "")
	f.Add("x [at] y [dot] z (at) w . com 2B 1234 AB", "nl")
	d := New()
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, text, lang string) {
		in := detect.Input{Text: text, Lang: lang, Context: &detect.Context{StaffNames: []string{"Sophie Martin", "É"}}}
		sigs, err := d.Detect(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range sigs {
			checkSignal(t, text, s)
		}
	})
}
