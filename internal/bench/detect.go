package bench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/sim"
)

// DetectReport is what the detection benchmark measured on one goroutine.
type DetectReport struct {
	Items      int
	MeanBytes  int
	PerSecond  float64
	P50, P99   time.Duration
	Max        time.Duration
	HeapMiB    float64 // live heap after the run, detectors loaded
	PeakRSSMiB float64 // the process's peak resident memory (VmHWM)
	Detectors  []string
}

func (r DetectReport) String() string {
	return fmt.Sprintf("detection on one goroutine: %d comments of %d bytes on average (%s)\n"+
		"  throughput  %.0f comments/s\n"+
		"  latency     p50 %s  p99 %s  max %s per comment\n"+
		"  memory      %.0f MiB live heap, %.0f MiB peak RSS of the process",
		r.Items, r.MeanBytes, strings.Join(r.Detectors, ", "), r.PerSecond, us(r.P50), us(r.P99), us(r.Max), r.HeapMiB, r.PeakRSSMiB)
}

func us(d time.Duration) string { return fmt.Sprintf("%.1fµs", float64(d.Nanoseconds())/1000) }

// Texts reads the "text" field of each JSON line of r (the eval and
// classify formats both have one), skipping blank lines: a benchmark on
// real comments rather than the simulator's, whose vocabulary is small
// enough for caches to hold nearly all of it.
func Texts(r io.Reader) ([]string, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	var texts []string
	for line := 1; sc.Scan(); line++ {
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var v struct {
			Text *string `json:"text"`
		}
		if err := json.Unmarshal(b, &v); err != nil {
			return nil, fmt.Errorf("line %d: not a JSON object with a \"text\" field: %w", line, err)
		}
		if v.Text == nil {
			return nil, fmt.Errorf("line %d: no \"text\" field", line)
		}
		texts = append(texts, *v.Text)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading texts: %w", err)
	}
	if len(texts) == 0 {
		return nil, errors.New("no texts: the file has no JSON line with a \"text\" field")
	}
	return texts, nil
}

// TextsFile is Texts over the file at name.
func TextsFile(name string) ([]string, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	texts, err := Texts(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return texts, nil
}

// Fill returns n comments made of texts taken in turn (starting over at
// the end): each is one text, or, while shorter than size bytes, that text
// and the next ones joined by a space (size 0: one text each). Real
// comments are short; the speed target is for 200-byte ones.
func Fill(texts []string, n, size int) []string {
	out := make([]string, n)
	k := 0
	for i := range out {
		c := texts[k%len(texts)]
		k++
		for len(c) < size {
			c += " " + texts[k%len(texts)]
			k++
		}
		out[i] = c
	}
	return out
}

// Comments returns the benchmark's input: n simulator comments of about
// size bytes (sim.Comments).
func Comments(n, size int) []string { return sim.Comments(n, size) }

// Detect runs the engine over comments one after another on this
// goroutine, timing each.
func Detect(ctx context.Context, e *detect.Engine, comments []string) DetectReport {
	// Warm up: lazy model loading must not count as a comment's latency.
	for _, c := range comments[:min(200, len(comments))] {
		e.Analyze(ctx, detect.Input{Text: c})
	}
	lat := make([]time.Duration, len(comments))
	total := 0
	start := time.Now()
	for i, c := range comments {
		t0 := time.Now()
		e.Analyze(ctx, detect.Input{Text: c})
		lat[i] = time.Since(t0)
		total += len(c)
	}
	elapsed := time.Since(start)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return DetectReport{
		Items: len(comments), MeanBytes: total / max(1, len(comments)), PerSecond: float64(len(comments)) / elapsed.Seconds(),
		P50: Percentile(lat, 50), P99: Percentile(lat, 99), Max: Percentile(lat, 100),
		HeapMiB: float64(ms.HeapAlloc) / (1 << 20), PeakRSSMiB: peakRSS(), Detectors: e.Versions(),
	}
}

// RunsSummary sums up repeated runs of the detection benchmark: on a
// shared machine one run's throughput moves with the neighbours' load, so
// the best and the median of several are printed, with every run.
func RunsSummary(reps []DetectReport) string {
	if len(reps) == 0 {
		return ""
	}
	per := make([]float64, len(reps))
	p99 := make([]time.Duration, len(reps))
	for i, r := range reps {
		per[i], p99[i] = r.PerSecond, r.P99
	}
	slices.Sort(per)
	med := per[len(per)/2]
	if len(per)%2 == 0 {
		med = (per[len(per)/2-1] + per[len(per)/2]) / 2
	}
	return fmt.Sprintf("%d runs: throughput best %.0f, median %.0f, worst %.0f comments/s; p99 median %s",
		len(reps), per[len(per)-1], med, per[0], us(Percentile(p99, 50)))
}

// peakRSS reads VmHWM from /proc (Linux); 0 elsewhere.
func peakRSS() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 64)
			return kb / 1024
		}
	}
	return 0
}
