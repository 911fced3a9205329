package replies

import (
	"context"
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect/lexicon"
)

// With the lexicon detector plugged in, the clean replies stay clean and
// an insult the cue lists do not know is still caught.
func TestToneWithLexicon(t *testing.T) {
	lx, err := lexicon.New()
	if err != nil {
		t.Fatal(err)
	}
	c := NewToneChecker(lx)
	ctx := context.Background()
	for _, tt := range toneCases {
		ws := c.Check(ctx, tt.text, tt.lang)
		if tt.want == "" && len(ws) > 0 {
			t.Errorf("%s clean reply warned with the lexicon: %q -> %+v", tt.lang, tt.text, ws)
		}
	}
	for _, tpl := range StarterLibrary("demo") {
		if ws := c.Check(ctx, tpl.Body, tpl.Lang); len(ws) > 0 {
			t.Errorf("%s warns with the lexicon: %+v", tpl.ID, ws)
		}
	}
	ws := c.Check(ctx, "Espèce de connard, va voir ailleurs.", "fr")
	found := false
	for _, w := range ws {
		found = found || w.Cue == CueInsult
	}
	if !found {
		t.Errorf("lexicon insult not reported: %+v", ws)
	}
}
