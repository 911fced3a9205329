package listen

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/sim"
)

// BenchConfig sets up a storm benchmark. Zero fields take the defaults.
type BenchConfig struct {
	// Seed drives the simulator and the storm schedule.
	Seed uint64
	// Weeks measured, after Warmup; Storms injected at random times into
	// them. Defaults 8 weeks, 24 storms, a week of storm-free warm-up
	// (the history the baselines are seeded from).
	Weeks  int
	Storms int
	Warmup time.Duration
	// RatePerHour is the simulator's mean traffic. Default 60.
	RatePerHour float64
	// Grace is how long after a storm's end an alert still belongs to it.
	// Default 30 minutes.
	Grace    time.Duration
	Detector DetectorConfig
	Campaign CampaignConfig
	// Label says what the detectors make of an item: negative or not, and
	// the categories found. Nil uses the simulator's truth labels, which
	// measures the listening detectors alone; the storm benchmark of
	// internal/bench passes the real detection engine.
	Label Labeler
	// LabelSource names Label in the report, e.g. the engine's versions.
	LabelSource string
}

// Labeler classifies one simulated item as the pipeline would.
type Labeler func(ctx context.Context, it ingest.Item) (negative bool, cats []detect.Category, err error)

// Agreement compares the labeler's negativity with the simulator's truth.
type Agreement struct {
	TruePos, FalsePos, FalseNeg, TrueNeg int
}

// Precision and Recall of the labeler's negativity against the truth.
func (a Agreement) Precision() float64 { return ratio(a.TruePos, a.TruePos+a.FalsePos) }
func (a Agreement) Recall() float64    { return ratio(a.TruePos, a.TruePos+a.FalseNeg) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// StormKind is one storm size and shape of the benchmark's mix.
type StormKind struct {
	Label      string
	Shape      sim.Shape
	Multiplier float64
	MinDur     time.Duration
	MaxDur     time.Duration
}

// BenchKinds is the mix of storms, injected in turn; the 5× pile-on, the
// aim's yardstick, comes twice.
var BenchKinds = []StormKind{
	{"pile-on 5×", sim.PileOn, 5, time.Hour, 2 * time.Hour},
	{"slow-build 3×", sim.SlowBuild, 3, 2 * time.Hour, 3 * time.Hour},
	{"campaign 4×", sim.Campaign, 4, time.Hour, 2 * time.Hour},
	{"pile-on 5×", sim.PileOn, 5, time.Hour, 2 * time.Hour},
	{"doxxing-wave 4×", sim.DoxxingWave, 4, time.Hour, 2 * time.Hour},
	{"pile-on 10×", sim.PileOn, 10, 45 * time.Minute, 90 * time.Minute},
}

// StormResult is how one injected storm was detected.
type StormResult struct {
	ID         int
	Kind       StormKind
	Start, End time.Time
	Items      int // items the storm caused
	// Early is how many of them came in its first 30 minutes: a slow
	// build's first half hour holds only a handful, which bounds how soon
	// any detector can tell it from chance.
	Early    int
	Detected bool
	Delay    time.Duration // storm start to first alert
	First    Alert
}

// BenchReport is the outcome of RunBench.
type BenchReport struct {
	Config BenchConfig
	Events int
	Storms []StormResult
	Alerts int // all alerts, storms and false alarms
	// Late counts alerts after a storm's window that its own items set
	// off (a long window still full of them): not false, not early.
	Late int
	// FalseAlarms are alerts outside every storm's window and not set off
	// by a storm's items.
	FalseAlarms []Alert
	// Negativity compares the labels used with the simulator's truth.
	Negativity Agreement
	Elapsed    time.Duration
}

func (c BenchConfig) withDefaults() BenchConfig {
	if c.Weeks <= 0 {
		c.Weeks = 8
	}
	if c.Storms <= 0 {
		c.Storms = 24
	}
	if c.Warmup <= 0 {
		c.Warmup = 7 * 24 * time.Hour
	}
	if c.RatePerHour <= 0 {
		c.RatePerHour = 60
	}
	if c.Grace <= 0 {
		c.Grace = 30 * time.Minute
	}
	return c
}

// RunBench simulates Warmup plus Weeks of traffic with Storms storms at
// random times (nights and weekends included), feeds every event in time
// order to a Detector and a Campaigns, and measures detection delay per
// storm and false alarms. Negativity and categories come from cfg.Label
// (the simulator's truth labels when nil); the simulator's truth only
// says which storm an item belongs to, for the delays. First-time
// authors are counted as the live listener counts them: an author id
// not seen before on the channel.
func RunBench(ctx context.Context, cfg BenchConfig) (BenchReport, error) {
	cfg = cfg.withDefaults()
	began := time.Now()
	g := sim.New(sim.Config{Seed: cfg.Seed, Workspace: "bench", RatePerHour: cfg.RatePerHour})
	simCfg := g.Config()
	if len(cfg.Detector.Topics) == 0 {
		cfg.Detector.Topics = StaffTopics(simCfg.Staff)
	}
	if cfg.Detector.Location == nil {
		cfg.Detector.Location = simCfg.Location
	}
	start := simCfg.Start
	measured := start.Add(cfg.Warmup)
	end := measured.Add(time.Duration(cfg.Weeks) * 7 * 24 * time.Hour)

	rep := BenchReport{Config: cfg}
	// One storm per equal slot of the measured time, at a random point of
	// it, so storms never overlap and land at any hour of any day.
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x6265_6e63_6873_7472))
	slot := end.Sub(measured) / time.Duration(cfg.Storms)
	for i := range cfg.Storms {
		k := BenchKinds[i%len(BenchKinds)]
		dur := k.MinDur + time.Duration(rng.Int64N(int64(k.MaxDur-k.MinDur)+1)).Truncate(time.Minute)
		room := slot - dur - 2*time.Hour // quiet time after a storm before the next slot
		if room <= 0 {
			return rep, fmt.Errorf("listen: %d storms do not fit in %d weeks", cfg.Storms, cfg.Weeks)
		}
		st := measured.Add(time.Duration(i)*slot + time.Duration(rng.Int64N(int64(room)))).Truncate(time.Second)
		id, err := g.InjectStorm(sim.Storm{Shape: k.Shape, Start: st, Duration: dur, Multiplier: k.Multiplier})
		if err != nil {
			return rep, fmt.Errorf("listen: inject storm %d: %w", i+1, err)
		}
		rep.Storms = append(rep.Storms, StormResult{ID: id, Kind: k, Start: st, End: st.Add(dur)})
	}

	det := NewDetector(cfg.Detector)
	camp := NewCampaigns(cfg.Campaign)
	var alerts []Alert
	stormOf := map[int64]int{} // item → storm, for the alerts' examples
	seen := map[string]bool{}  // channel\x00author id
	for n := int64(1); ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return rep, err
			}
		}
		ev := g.Next()
		if !ev.Item.CreatedAt.Before(end) {
			break
		}
		rep.Events++
		if s := ev.Truth.Storm; s > 0 && s <= len(rep.Storms) {
			rep.Storms[s-1].Items++
			if ev.Item.CreatedAt.Before(rep.Storms[s-1].Start.Add(30 * time.Minute)) {
				rep.Storms[s-1].Early++
			}
			stormOf[n] = s
		}
		o := Obs{
			Workspace: ev.Item.Workspace, Channel: ev.Item.Channel, ItemID: n, At: ev.Item.CreatedAt,
			AuthorID: ev.Item.AuthorID, AuthorName: ev.Item.AuthorName, Text: ev.Item.Text,
			Negative: ev.Truth.Negative, Categories: ev.Truth.Categories,
		}
		if cfg.Label != nil {
			neg, cats, err := cfg.Label(ctx, ev.Item)
			if err != nil {
				return rep, fmt.Errorf("listen: label item %d: %w", n, err)
			}
			o.Negative, o.Categories = neg, cats
		}
		rep.Negativity.add(o.Negative, ev.Truth.Negative)
		if ev.Item.AuthorID != "" {
			ak := ev.Item.Channel + "\x00" + ev.Item.AuthorID
			o.NewAuthor = !seen[ak]
			seen[ak] = true
		}
		as := det.Observe(o)
		as = append(as, camp.Observe(o)...)
		if o.At.Before(measured) {
			continue // warm-up: the baselines learn, nothing is scored
		}
		alerts = append(alerts, as...)
	}
	rep.Alerts = len(alerts)
	for _, a := range alerts {
		hit := false
		for i := range rep.Storms {
			s := &rep.Storms[i]
			// An alert belongs to a storm when its window overlaps the
			// storm; it detects it when raised during it (or soon after).
			if a.At.Before(s.Start) || !a.At.Add(-a.Window).Before(s.End) {
				continue
			}
			hit = true
			if !s.Detected && !a.At.After(s.End.Add(cfg.Grace)) {
				s.Detected, s.Delay, s.First = true, a.At.Sub(s.Start), a
			}
		}
		if hit {
			continue
		}
		storm := 0
		for _, id := range a.Examples {
			storm = max(storm, stormOf[id])
		}
		if storm > 0 {
			rep.Late++
		} else {
			rep.FalseAlarms = append(rep.FalseAlarms, a)
		}
	}
	rep.Elapsed = time.Since(began)
	return rep, nil
}

func (a *Agreement) add(got, truth bool) {
	switch {
	case got && truth:
		a.TruePos++
	case got:
		a.FalsePos++
	case truth:
		a.FalseNeg++
	default:
		a.TrueNeg++
	}
}

// Row is the summary of one storm kind.
type Row struct {
	Label         string
	Storms        int
	Missed        int
	Median, P90   time.Duration
	Max           time.Duration
	delaysCounted int
	// MedianAll is the median over every storm with a missed one counted
	// as later than any detection; AllMissed says the median storm was
	// missed. Median alone, over the detected storms, improves when a
	// detector misses the hard ones (a pile-on at 3 a.m. with a dozen
	// items); MedianAll does not.
	MedianAll time.Duration
	AllMissed bool
}

// Summary groups the storms by kind, in BenchKinds order, plus "all".
func (r BenchReport) Summary() []Row {
	var rows []Row
	var labels []string
	for _, k := range BenchKinds {
		if !slices.Contains(labels, k.Label) {
			labels = append(labels, k.Label)
		}
	}
	for _, label := range append(labels, "all") {
		k := StormKind{Label: label}
		var ds []time.Duration
		row := Row{Label: k.Label}
		for _, s := range r.Storms {
			if k.Label != "all" && s.Kind.Label != k.Label {
				continue
			}
			row.Storms++
			if !s.Detected {
				row.Missed++
				continue
			}
			ds = append(ds, s.Delay)
		}
		if row.Storms == 0 {
			continue
		}
		slices.Sort(ds)
		row.delaysCounted = len(ds)
		if len(ds) > 0 {
			row.Median, row.P90, row.Max = quantile(ds, 0.5), quantile(ds, 0.9), ds[len(ds)-1]
		}
		if i := rank(row.Storms, 0.5); i < len(ds) {
			row.MedianAll = ds[i]
		} else {
			row.AllMissed = true
		}
		rows = append(rows, row)
	}
	return rows
}

// quantile is the nearest-rank quantile of sorted ds.
func quantile(ds []time.Duration, q float64) time.Duration {
	return ds[rank(len(ds), q)]
}

// rank is the index of the nearest-rank quantile q of n sorted values.
func rank(n int, q float64) int {
	i := int(float64(n)*q+0.999999) - 1
	return min(max(i, 0), n-1)
}

// FalseAlarmsPerWeek is false alarms per measured week.
func (r BenchReport) FalseAlarmsPerWeek() float64 {
	return float64(len(r.FalseAlarms)) / float64(r.Config.Weeks)
}

// String is the paste-able report: a table per storm kind, the false alarm
// rate, and one line per storm.
func (r BenchReport) String() string {
	var b strings.Builder
	c := r.Config
	src := c.LabelSource
	if src == "" {
		src = "the simulator's truth labels"
	}
	fmt.Fprintf(&b, "storm benchmark: seed %d, %d simulated weeks measured after %s warm-up, %d storms, %d events (%.0f/h mean), ran in %s\n",
		c.Seed, c.Weeks, c.Warmup, len(r.Storms), r.Events, c.RatePerHour, r.Elapsed.Round(time.Millisecond))
	fmt.Fprintf(&b, "negativity from %s: precision %.3f, recall %.3f against the simulator's truth\n\n", src, r.Negativity.Precision(), r.Negativity.Recall())
	b.WriteString(r.Table())
	fmt.Fprintf(&b, "\nalerts: %d in total, %d late (window past a storm's end, set off by its items)\nfalse alarms (window overlapping no storm, no storm item among the examples): %d = %.2f per simulated week\n",
		r.Alerts, r.Late, len(r.FalseAlarms), r.FalseAlarmsPerWeek())
	for _, a := range r.FalseAlarms {
		fmt.Fprintf(&b, "  false alarm %s: %s\n", a.At.Format("Mon 02 Jan 15:04"), a)
	}
	fmt.Fprintln(&b, "\nstorms:")
	for _, s := range r.Storms {
		line := fmt.Sprintf("  #%-2d %-16s %s  %4dm  %4d items (%3d in 30m)  ", s.ID, s.Kind.Label, s.Start.Format("Mon 02 Jan 15:04"), int(s.End.Sub(s.Start).Minutes()), s.Items, s.Early)
		if s.Detected {
			line += fmt.Sprintf("detected after %-7s %s", s.Delay.Round(time.Second), s.First)
		} else {
			line += "MISSED"
		}
		fmt.Fprintln(&b, line)
	}
	return b.String()
}

// Table is the summary table per storm kind.
func (r BenchReport) Table() string {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "storm\tstorms\tdetected\tmissed\tmedian delay\tp90 delay\tmax delay\tmedian, misses last\t")
	for _, row := range r.Summary() {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%s\t%s\t%s\t%s\t\n", row.Label, row.Storms, row.Storms-row.Missed, row.Missed, dur(row.Median, row.delaysCounted), dur(row.P90, row.delaysCounted), dur(row.Max, row.delaysCounted), row.medianAll())
	}
	tw.Flush()
	fmt.Fprintln(&b, "(delays are over the detected storms; \"median, misses last\" counts a missed storm as later than any detection)")
	return b.String()
}

// Pool merges the reports of several runs (seeds) into one, for a table
// over all their storms: a seed holds only four storms of a kind, too few
// for a median to say much on its own.
func Pool(reps []BenchReport) BenchReport {
	var p BenchReport
	for _, r := range reps {
		p.Config.Weeks += r.Config.Weeks
		p.Events += r.Events
		p.Storms = append(p.Storms, r.Storms...)
		p.Alerts += r.Alerts
		p.Late += r.Late
		p.FalseAlarms = append(p.FalseAlarms, r.FalseAlarms...)
		p.Elapsed += r.Elapsed
	}
	return p
}

func (row Row) medianAll() string {
	if row.AllMissed {
		return "missed"
	}
	return row.MedianAll.Round(time.Second).String()
}

func dur(d time.Duration, n int) string {
	if n == 0 {
		return "-"
	}
	return d.Round(time.Second).String()
}
