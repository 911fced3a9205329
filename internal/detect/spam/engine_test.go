package spam

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// TestEngine runs the detectors inside detect.Engine, whose checks reject
// any out-of-range or rune-splitting span.
func TestEngine(t *testing.T) {
	r := NewRepeats(RepeatsConfig{})
	e := detect.NewEngine(nil, New(), r.Detector())
	cases := append(spamCases(), hardNegatives()...)
	for i, c := range cases {
		res := e.Analyze(context.Background(), detect.Input{Text: c.text, Lang: c.lang, Context: clinic, Workspace: "ws", AuthorID: fmt.Sprint("a", i), At: t0})
		if len(res.Errors) > 0 {
			t.Errorf("%s: %v", c.name, res.Errors)
		}
		got := detect.Score(res.Signals, detect.Spam)
		if c.min > 0 && got < c.min || c.max > 0 && got > c.max {
			t.Errorf("%s: engine spam score %.3f", c.name, got)
		}
	}
	// The same text from six authors within minutes.
	text := "Visit my page for the best deals on dog food this week only"
	var res detect.Result
	for i := 0; i < 6; i++ {
		res = e.Analyze(context.Background(), detect.Input{Text: text, Context: clinic, Workspace: "ws", AuthorID: fmt.Sprint("bot", i), At: t0.Add(time.Duration(i) * time.Minute)})
	}
	if len(res.Signals) != 1 || res.Signals[0].Detector != "spam.repeats" || res.Signals[0].Explanation != "same text from 6 authors in 5 min" {
		t.Fatalf("%+v", res)
	}
}
