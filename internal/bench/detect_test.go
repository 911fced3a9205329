package bench

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/detect/builtin"
)

// BenchmarkDetect measures the default engine on 200-byte comments, one
// goroutine; compare with `stormwatch bench detect`, which adds latency
// percentiles and memory.
func BenchmarkDetect(b *testing.B) {
	analyzeEach(b, Comments(4096, 200))
}

// analyzeEach runs the default engine over comments in turn, b.N times,
// after a warm-up that loads what loads lazily.
func analyzeEach(b *testing.B, comments []string) {
	e, err := builtin.Engine()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for _, c := range comments[:min(200, len(comments))] {
		e.Analyze(ctx, detect.Input{Text: c})
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.Analyze(ctx, detect.Input{Text: comments[i%len(comments)]})
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "comments/s")
}

func TestRunsSummary(t *testing.T) {
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	reps := []DetectReport{{PerSecond: 100, P99: ms(3)}, {PerSecond: 300, P99: ms(1)}, {PerSecond: 200, P99: ms(2)}, {PerSecond: 400, P99: ms(4)}}
	got := RunsSummary(reps)
	want := "4 runs: throughput best 400, median 250, worst 100 comments/s; p99 median 2000.0µs"
	if got != want {
		t.Errorf("RunsSummary = %q, want %q", got, want)
	}
	if RunsSummary(nil) != "" {
		t.Error("no runs: want nothing")
	}
	if got := RunsSummary(reps[:3]); got != "3 runs: throughput best 300, median 200, worst 100 comments/s; p99 median 2000.0µs" {
		t.Errorf("odd count: %q", got)
	}
}

func TestTexts(t *testing.T) {
	cases := []struct {
		name, in string
		want     []string
		err      string
	}{
		{"eval lines", `{"text":"hello","lang":"en","action":"keep"}` + "\n" + `{"id":"x","text":"hej då"}` + "\n", []string{"hello", "hej då"}, ""},
		{"blank lines skipped", "\n" + `{"text":"a"}` + "\n\n  \n" + `{"text":""}`, []string{"a", ""}, ""},
		{"not JSON", `{"text":"a"}` + "\nhello\n", nil, "line 2: not a JSON object"},
		{"no text field", `{"body":"a"}`, nil, `line 1: no "text" field`},
		{"empty file", "\n", nil, "no texts"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Texts(strings.NewReader(tc.in))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil || !slices.Equal(got, tc.want) {
				t.Fatalf("Texts = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestFill(t *testing.T) {
	texts := []string{"aaaa", "bb", "cccccc"}
	cases := []struct {
		n, size int
		want    []string
	}{
		{4, 0, []string{"aaaa", "bb", "cccccc", "aaaa"}},
		{3, 5, []string{"aaaa bb", "cccccc", "aaaa bb"}},
		{1, 100, []string{"aaaa bb cccccc aaaa bb cccccc aaaa bb cccccc aaaa bb cccccc aaaa bb cccccc aaaa bb cccccc aaaa bb cccccc"}},
	}
	for _, tc := range cases {
		if got := Fill(texts, tc.n, tc.size); !slices.Equal(got, tc.want) {
			t.Errorf("Fill(%d, %d) = %q, want %q", tc.n, tc.size, got, tc.want)
		}
	}
}

// BenchmarkDetectProjectTexts runs the engine over the project's own
// labelled comments (sets and probes, hard cases by design: obfuscation,
// spaced letters, long words), joined to 200 bytes: slower than the
// simulator's comments, whose small vocabulary the caches hold.
func BenchmarkDetectProjectTexts(b *testing.B) {
	files, _ := filepath.Glob("../eval/testdata/sets/*.jsonl")
	probes, _ := filepath.Glob("../eval/testdata/probes/*.jsonl")
	var texts []string
	for _, name := range append(files, probes...) {
		ts, err := TextsFile(name)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, ts...)
	}
	analyzeEach(b, Fill(texts, 4096, 200))
}
