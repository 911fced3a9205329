package spam

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/detect"
)

var t0 = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

func TestFingerprintNormalises(t *testing.T) {
	same := []string{
		"Great offer for everyone, check my profile now bit.ly/a1 @anna",
		"great offer for everyone!!! 🔥 check my profile now https://bit.ly/zz9 @bob",
		"GREAT OFFER FOR EVERYONE, CHECK MY PROFILE NOW",
		"Grеat offer for everyone 123 check my profile nooow",
		"Great   offer\nfor everyone — check my profile now.",
	}
	want, words, _ := fingerprint(same[0])
	if words != 8 {
		t.Fatalf("words = %d", words)
	}
	for _, s := range same[1:] {
		if got, _, _ := fingerprint(s); got != want {
			t.Errorf("%q has another fingerprint", s)
		}
	}
	for _, s := range []string{
		"Great offer for everyone, check my page now",
		"Great offer for everyone check",
		"offer Great for everyone, check my profile now",
	} {
		if got, _, _ := fingerprint(s); got == want {
			t.Errorf("%q has the same fingerprint", s)
		}
	}
}

func TestRepeatsCountsDistinctAuthors(t *testing.T) {
	r := NewRepeats(RepeatsConfig{})
	text := "Les Tilleuls a tué mon chien, boycott de cette clinique"
	tests := []struct {
		author string
		at     time.Duration
		want   int
	}{
		{"a", 0, 1},
		{"a", time.Minute, 1}, // the same author again
		{"b", 2 * time.Minute, 2},
		{"c", 3 * time.Minute, 3},
		{"d", 4 * time.Minute, 4},
		{"e", 5 * time.Minute, 5},
		{"f", 12 * time.Minute, 5}, // a (1 min) and b (2 min) fell out of the window
		{"g", 30 * time.Minute, 1}, // everyone else is out
	}
	for _, tc := range tests {
		if got := r.Observe("ws1", tc.author, text, t0.Add(tc.at)); got != tc.want {
			t.Errorf("after %s at +%s: %d authors, want %d", tc.author, tc.at, got, tc.want)
		}
	}
	if got := r.Observe("ws2", "a", text, t0.Add(30*time.Minute)); got != 1 {
		t.Errorf("another workspace shares counts: %d", got)
	}
}

func TestRepeatsShortTextsIgnored(t *testing.T) {
	r := NewRepeats(RepeatsConfig{})
	for i := 0; i < 10; i++ {
		if n := r.Observe("ws", fmt.Sprint("author", i), "Merci beaucoup ❤️", t0); n != 0 {
			t.Fatalf("short text counted: %d", n)
		}
	}
	if r.Len() != 0 {
		t.Fatalf("short texts kept: %d", r.Len())
	}
}

func TestRepeatsBounded(t *testing.T) {
	r := NewRepeats(RepeatsConfig{MaxTexts: 100, MaxAuthors: 8, Window: time.Hour})
	for i := 0; i < 1000; i++ {
		r.Observe("ws", "a", fmt.Sprintf("this is comment number %s in the flood", strings.Repeat("x", i%300+1)), t0)
	}
	if n := r.Len(); n > 100 {
		t.Fatalf("kept %d texts, cap 100", n)
	}
	text := "the same words from a great many different people"
	var n int
	for i := 0; i < 50; i++ {
		n = r.Observe("ws", fmt.Sprint("a", i), text, t0)
	}
	if n != 8 {
		t.Fatalf("authors %d, want saturation at 8", n)
	}
}

func TestRepeatsExpiry(t *testing.T) {
	r := NewRepeats(RepeatsConfig{Window: time.Minute})
	r.Observe("ws", "a", "one two three four five six", t0)
	r.Observe("ws", "a", "seven eight nine ten eleven twelve", t0.Add(5*time.Minute))
	if r.Len() != 1 {
		t.Fatalf("expired text kept: %d", r.Len())
	}
}

func TestRepeatsDetector(t *testing.T) {
	r := NewRepeats(RepeatsConfig{})
	d := r.Detector()
	text := "  Check out my page for amazing deals on sneakers https://shoes.example.xyz  "
	var sigs []detect.Signal
	for i := 0; i < 7; i++ {
		var err error
		sigs, err = d.Detect(context.Background(), detect.Input{Text: text, Workspace: "ws", AuthorID: fmt.Sprint("bot", i), At: t0.Add(time.Duration(i) * 90 * time.Second)})
		if err != nil {
			t.Fatal(err)
		}
		if i < 4 && len(sigs) != 0 {
			t.Fatalf("signal after %d authors", i+1)
		}
	}
	if len(sigs) != 1 {
		t.Fatalf("got %d signals", len(sigs))
	}
	s := sigs[0]
	if s.Explanation != "same text from 7 authors in 9 min, with a link" {
		t.Errorf("explanation %q", s.Explanation)
	}
	if s.Score < 0.75 || s.Detector != "spam.repeats" {
		t.Errorf("signal %+v", s)
	}
	checkSignal(t, text, s)
	if got := text[s.Spans[0][0]:s.Spans[0][1]]; got != strings.TrimSpace(text) {
		t.Errorf("span %q", got)
	}
	// Without meta, nothing is observed.
	sigs, _ = d.Detect(context.Background(), detect.Input{Text: text})
	if len(sigs) != 0 {
		t.Fatal("signal without meta")
	}
	camps := r.Campaigns("ws", t0.Add(10*time.Minute), 0)
	if len(camps) != 1 || camps[0].Authors != 7 || !camps[0].HasLink {
		t.Fatalf("campaigns %+v", camps)
	}
}

func TestRepeatsScore(t *testing.T) {
	r := NewRepeats(RepeatsConfig{})
	tests := []struct {
		rep  Repeat
		want float64
	}{
		{Repeat{Authors: 4}, 0},
		{Repeat{Authors: 5}, 0.5},
		{Repeat{Authors: 10}, 0.65},
		{Repeat{Authors: 100}, 0.75},
		{Repeat{Authors: 5, HasLink: true}, 0.7},
		{Repeat{Authors: 100, HasLink: true}, 0.95},
	}
	for _, tc := range tests {
		if got := r.Score(tc.rep); got < tc.want-1e-9 || got > tc.want+1e-9 {
			t.Errorf("Score(%+v) = %v, want %v", tc.rep, got, tc.want)
		}
	}
}

func TestRepeatsConcurrent(t *testing.T) {
	r := NewRepeats(RepeatsConfig{MaxTexts: 50})
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				r.Observe("ws", fmt.Sprint(g), fmt.Sprintf("text number %d is a text of words", i%70), t0.Add(time.Duration(i)*time.Second))
				r.Lookup("ws", "text number one is a text of words", t0)
			}
		}(g)
	}
	wg.Wait()
	if r.Len() > 50 {
		t.Fatalf("kept %d", r.Len())
	}
}

func TestExplain(t *testing.T) {
	tests := []struct {
		rep  Repeat
		want string
	}{
		{Repeat{Authors: 7, First: t0, Last: t0.Add(10 * time.Minute)}, "same text from 7 authors in 10 min"},
		{Repeat{Authors: 5, First: t0, Last: t0.Add(20 * time.Second)}, "same text from 5 authors in under a minute"},
		{Repeat{Authors: 9, First: t0, Last: t0.Add(90 * time.Minute), HasLink: true}, "same text from 9 authors in 1.5 h, with a link"},
	}
	for _, tc := range tests {
		if got := Explain(tc.rep); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}
