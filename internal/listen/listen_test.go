package listen

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/store"
)

var mon = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC) // a Monday

func TestTopicMatch(t *testing.T) {
	m := newMatcher([]Topic{{Name: "Lars", Keywords: []string{"Lars"}}, {Name: "Dr Dubois", Keywords: []string{"Dr Dubois"}}, {Name: "death", Keywords: []string{"mort", "dood", "died"}}})
	tests := []struct {
		text string
		want []string
	}{
		{"Merci Lars !", []string{"Lars"}},
		{"Karin Larsson was here", nil},
		{"DR DUBOIS a tué mon chat", []string{"Dr Dubois"}},
		{"le chien est mort, dr dubois", []string{"Dr Dubois", "death"}},
		{"ma chérie est morte", nil}, // "mort" inside "morte" is not the word
		{"", nil},
	}
	for _, tt := range tests {
		got := m.match(tt.text)
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("match(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestTails(t *testing.T) {
	tests := []struct {
		name string
		got  float64
		want float64
	}{
		{"poisson k=0", poissonTail(0, 3), 1},
		{"poisson k=1 λ=1", poissonTail(1, 1), 1 - math.Exp(-1)},
		{"poisson k=6 λ=2", poissonTail(6, 2), 0.016563608},
		{"poisson λ=0", poissonTail(3, 0), 0},
		{"binomial k=0", binomialTail(0, 10, 0.3), 1},
		{"binomial k>n", binomialTail(11, 10, 0.3), 0},
		{"binomial 2 of 2 at 0.5", binomialTail(2, 2, 0.5), 0.25},
		{"binomial 8 of 10 at 0.25", binomialTail(8, 10, 0.25), 0.000415802},
	}
	for _, tt := range tests {
		if math.Abs(tt.got-tt.want) > 1e-6*max(1, tt.want) {
			t.Errorf("%s = %.9f, want %.9f", tt.name, tt.got, tt.want)
		}
	}
}

// rhythm is a synthetic day: quiet nights, busy days; Sundays at half.
func rhythm(t time.Time) float64 {
	h := float64(t.Hour())
	v := 2 + 18*math.Max(0, math.Sin((h-6)/16*math.Pi))
	if t.Weekday() == time.Sunday {
		v /= 2
	}
	return v
}

func TestBaseline(t *testing.T) {
	tests := []struct {
		name  string
		weeks int
		storm bool // a 20× hour on the second Monday at noon
		at    time.Time
		want  float64
	}{
		{"monday noon", 2, false, mon.Add(14*24*time.Hour + 12*time.Hour), rhythm(mon.Add(12 * time.Hour))},
		{"sunday noon is quieter", 2, false, mon.Add(20*24*time.Hour + 12*time.Hour), rhythm(mon.Add(6*24*time.Hour + 12*time.Hour))},
		{"night", 2, false, mon.Add(14*24*time.Hour + 3*time.Hour), rhythm(mon.Add(3 * time.Hour))},
		{"a storm is not learned", 2, true, mon.Add(14*24*time.Hour + 12*time.Hour), rhythm(mon.Add(12 * time.Hour))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := NewBaseline(time.UTC)
			for h := range tt.weeks * 7 * 24 {
				at := mon.Add(time.Duration(h) * time.Hour)
				c := rhythm(at)
				if tt.storm && h == 7*24+12 {
					c *= 20
				}
				b.AddHour(at, c)
			}
			if b.Days() != tt.weeks*7 {
				t.Errorf("Days = %d, want %d", b.Days(), tt.weeks*7)
			}
			got := b.PerHour(tt.at)
			if math.Abs(got-tt.want) > 0.15*tt.want {
				t.Errorf("PerHour(%s) = %.2f, want %.2f ± 15%%", tt.at.Format("Mon 15:04"), got, tt.want)
			}
		})
	}
	b := NewBaseline(nil)
	b.AddHour(mon, 6)
	if got := b.Expect(mon.Add(30*time.Minute), mon.Add(45*time.Minute)); math.Abs(got-1.5) > 1e-9 {
		t.Errorf("Expect over 15 min of a 6/h hour = %v, want 1.5", got)
	}
}

// steady feeds d a week and a day of one item every 5 minutes on "fb"
// (12 an hour, none negative) and returns the next item id.
func steady(d *Detector) int64 {
	id := int64(1)
	for at := mon; at.Before(mon.Add(8 * 24 * time.Hour)); at = at.Add(5 * time.Minute) {
		if as := d.Observe(Obs{Workspace: "w", Channel: "fb", ItemID: id, At: at, Text: "bonjour"}); len(as) > 0 {
			panic(fmt.Sprintf("steady traffic alerted: %v", as[0]))
		}
		id++
	}
	return id
}

func TestDetector(t *testing.T) {
	burstAt := mon.Add(8*24*time.Hour + 10*time.Minute)
	tests := []struct {
		name       string
		n          int           // items after the history
		every      time.Duration // spacing
		negative   bool
		text       string
		newAuthors bool
		want       []Metric // metrics alerted on "fb" (any topic), in any order; nil for none
		wantTopic  string
	}{
		{"steady traffic", 12, 5 * time.Minute, false, "bonjour", false, nil, ""},
		{"volume burst", 40, 10 * time.Second, false, "bonjour", false, []Metric{Volume}, ""},
		{"negative burst", 12, 20 * time.Second, true, "honte à vous", false, []Metric{Negative, NegativeShare}, ""},
		{"staff name storm", 12, 20 * time.Second, true, "Dr Martin a tué mon chien", false, []Metric{Negative, NegativeShare}, "Dr Martin"},
		{"new accounts", 10, 20 * time.Second, false, "bonjour", true, []Metric{NewAuthors}, ""},
		{"a few more than usual", 8, 2 * time.Minute, false, "bonjour", false, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := NewDetector(DetectorConfig{Topics: StaffTopics([]string{"Dr Martin"})})
			id := steady(d)
			seen := map[Metric]bool{}
			topics := map[string]bool{}
			for i := range tt.n {
				o := Obs{Workspace: "w", Channel: "fb", ItemID: id, At: burstAt.Add(time.Duration(i) * tt.every), Text: tt.text, Negative: tt.negative, NewAuthor: tt.newAuthors}
				if tt.negative {
					o.Categories = []detect.Category{detect.Insult}
				}
				id++
				for _, a := range d.Observe(o) {
					if a.Channel != "fb" {
						continue
					}
					seen[a.Metric] = true
					topics[a.Topic] = true
					if a.Expected <= 0 || a.Observed <= a.Expected || len(a.Examples) == 0 || a.String() == "" {
						t.Errorf("alert without its numbers: %+v", a)
					}
					if na := a.NewAlert(); na.Kind != store.AlertStorm || len(na.Metrics) != 1 || na.DedupeKey == "" {
						t.Errorf("NewAlert = %+v", na)
					}
				}
			}
			for _, m := range tt.want {
				if !seen[m] {
					t.Errorf("no %s alert (got %v)", m, seen)
				}
			}
			if tt.want == nil && len(seen) > 0 {
				t.Errorf("alerts %v, want none", seen)
			}
			if tt.wantTopic != "" && !topics[tt.wantTopic] {
				t.Errorf("no alert about %q (got %v)", tt.wantTopic, topics)
			}
		})
	}
}

func TestDetectorWarmupAndCooldown(t *testing.T) {
	d := NewDetector(DetectorConfig{})
	// No history: a burst on the first day is not compared with anything.
	for i := range 60 {
		if as := d.Observe(Obs{Workspace: "w", Channel: "fb", ItemID: int64(i), At: mon.Add(time.Duration(i) * time.Second), Negative: true}); len(as) > 0 {
			t.Fatalf("alert during warm-up: %v", as[0])
		}
	}
	d = NewDetector(DetectorConfig{})
	id := steady(d)
	n := 0
	// A storm lasting an hour alerts once per series and metric.
	for i := range 360 {
		n += len(d.Observe(Obs{Workspace: "w", Channel: "fb", ItemID: id + int64(i), At: mon.Add(8*24*time.Hour + time.Duration(i)*10*time.Second)}))
	}
	if n != 2 { // volume on fb and on all channels
		t.Errorf("%d alerts in an hour-long burst, want 2", n)
	}
}

func TestCampaigns(t *testing.T) {
	text := "#JusticePourRocky Cette clinique a laissé mourir Rocky, partagez et boycottez"
	type post struct {
		author, channel, text string
		negative              bool
		minute                int
	}
	many := func(n int, channel, text string, negative bool) []post {
		var ps []post
		for i := range n {
			ps = append(ps, post{fmt.Sprintf("user%d", i), channel, text, negative, i})
		}
		return ps
	}
	tests := []struct {
		name  string
		prior []post // posted a week earlier
		posts []post
		want  Metric // "" for no alert
	}{
		{"same text from 5 authors", nil, many(5, "fb", text, true), RepeatedText},
		{"same text from 4 authors", nil, many(4, "fb", text, true), ""},
		{"same friendly text", nil, many(8, "fb", "merci pour tout, vous avez sauvé notre chat Rocky", false), ""},
		{"different texts", nil, []post{{"a", "fb", "honte à vous tous ici", true, 0}, {"b", "fb", "clinique de bouchers incompétents", true, 1}, {"c", "fb", "je ne reviendrai jamais chez vous", true, 2}, {"d", "fb", "vous avez tué mon chat", true, 3}, {"e", "fb", "une honte, un scandale absolu", true, 4}}, ""},
		{"new author on 3 channels", nil, []post{{"Troll X", "fb", "honte", true, 0}, {"Troll X", "ig", "honte", true, 5}, {"Troll X", "bsky", "honte", true, 9}}, CrossChannel},
		{"known author on 3 channels", []post{{"Troll X", "fb", "bonjour", false, 0}}, []post{{"Troll X", "fb", "honte", true, 0}, {"Troll X", "ig", "honte", true, 5}, {"Troll X", "bsky", "honte", true, 9}}, ""},
		{"new author on 2 channels", nil, []post{{"Troll X", "fb", "honte", true, 0}, {"Troll X", "ig", "honte", true, 5}, {"Troll X", "fb", "honte", true, 9}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewCampaigns(CampaignConfig{})
			start := mon.Add(7 * 24 * time.Hour)
			var got []Alert
			for i, p := range append(tt.prior, tt.posts...) {
				at := start.Add(time.Duration(p.minute) * time.Minute)
				if i < len(tt.prior) {
					at = mon.Add(time.Duration(p.minute) * time.Minute)
				}
				got = append(got, c.Observe(Obs{Workspace: "w", Channel: p.channel, ItemID: int64(i + 1), At: at, AuthorID: p.author, AuthorName: p.author, Text: p.text, Negative: p.negative})...)
			}
			if tt.want == "" {
				if len(got) > 0 {
					t.Errorf("alerts %v, want none", got)
				}
				return
			}
			if len(got) != 1 || got[0].Metric != tt.want || got[0].Kind != store.AlertCampaign || len(got[0].Examples) == 0 || got[0].Detail == "" {
				t.Errorf("alerts %+v, want one %s", got, tt.want)
			}
		})
	}
}

func TestSeries(t *testing.T) {
	s := NewSeries(StaffTopics([]string{"Sophie"}))
	obs := []Obs{
		{Workspace: "w", Channel: "fb", At: mon.Add(10 * time.Second), Text: "merci Sophie"},
		{Workspace: "w", Channel: "fb", At: mon.Add(50 * time.Second), Text: "honte", Negative: true, Categories: []detect.Category{detect.Insult}, NewAuthor: true},
		{Workspace: "w", Channel: "ig", At: mon.Add(61 * time.Minute), Text: "Sophie, nul", Negative: true, Categories: []detect.Category{detect.Complaint}},
	}
	for _, o := range obs {
		s.Add(o)
	}
	tests := []struct {
		name                 string
		key                  Key
		hours                bool
		buckets              int
		volume, neg, newAuth int64
	}{
		{"fb minutes", Key{"w", "fb", All}, false, 1, 2, 1, 1},
		{"all channels hours", Key{"w", All, All}, true, 2, 3, 2, 1},
		{"Sophie everywhere", Key{"w", All, "Sophie"}, true, 2, 2, 1, 0},
		{"Sophie on ig", Key{"w", "ig", "Sophie"}, false, 1, 1, 1, 0},
		{"unknown", Key{"w", "x", All}, false, 0, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pts := s.Minutes(tt.key, mon, mon.Add(24*time.Hour))
			if tt.hours {
				pts = s.Hours(tt.key, mon, mon.Add(24*time.Hour))
			}
			var c Counts
			for _, p := range pts {
				c.merge(&p.Counts)
			}
			if len(pts) != tt.buckets || c.Volume != tt.volume || c.Negative != tt.neg || c.NewAuthors != tt.newAuth {
				t.Errorf("%d buckets, %+v; want %d buckets, volume %d, negative %d, new %d", len(pts), c, tt.buckets, tt.volume, tt.neg, tt.newAuth)
			}
		})
	}
	rows := s.Drain()
	if len(rows) != 2+2+2+2 { // fb/*, */*, fb/Sophie, */Sophie; ig/*, */*, ig/Sophie, */Sophie
		t.Errorf("Drain: %d rows, want 8", len(rows))
	}
	if rows[0].Categories == nil && rows[0].Negative > 0 {
		t.Errorf("Drain lost categories: %+v", rows[0])
	}
	if again := s.Drain(); len(again) != 0 {
		t.Errorf("second Drain = %d rows, want 0", len(again))
	}
	s.Prune(mon.Add(time.Hour))
	if pts := s.Minutes(Key{"w", "fb", All}, mon, mon.Add(time.Hour)); len(pts) != 0 {
		t.Errorf("after Prune: %v", pts)
	}
}

// TestBenchShort is the benchmark in small: a week of warm-up, a measured
// week with four storms.
func TestBenchShort(t *testing.T) {
	rep, err := RunBench(context.Background(), BenchConfig{Seed: 3, Weeks: 1, Storms: 4})
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + rep.String())
	detected := 0
	for _, s := range rep.Storms {
		if s.Detected {
			detected++
		}
	}
	if detected < 3 {
		t.Errorf("%d of 4 storms detected, want at least 3", detected)
	}
	if len(rep.FalseAlarms) > 2 {
		t.Errorf("%d false alarms in a week, want at most 2", len(rep.FalseAlarms))
	}
}

// TestTrend: new accounts trickling in, one every four minutes, never
// fill any window rule's minimum count, but the trend sum catches them
// within half an hour; spam from new accounts is not a crowd arriving.
func TestTrend(t *testing.T) {
	tests := []struct {
		name  string
		trend TrendRule
		cats  []detect.Category
		want  bool
	}{
		{"trend on", TrendRule{}, nil, true},
		{"windows alone", TrendRule{Off: true}, nil, false},
		{"spam from new accounts", TrendRule{}, []detect.Category{detect.Spam}, false},
	}
	start := mon.Add(8*24*time.Hour + 10*time.Hour)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := NewDetector(DetectorConfig{Trend: tt.trend})
			id := steady(d)
			var got *Alert
			for i := range 12 {
				at := start.Add(time.Duration(i) * 4 * time.Minute)
				for _, a := range d.Observe(Obs{Workspace: "w", Channel: "fb", ItemID: id, At: at, Text: "bonjour", NewAuthor: true, Categories: tt.cats}) {
					if a.Metric == NewAuthors && a.Channel == "fb" && got == nil {
						got = &a
					}
				}
				id++
			}
			if (got != nil) != tt.want {
				t.Fatalf("new_authors alert = %v, want %v", got, tt.want)
			}
			if got == nil {
				return
			}
			if delay := got.At.Sub(start); delay > 30*time.Minute {
				t.Errorf("trend alert after %s, want within 30m", delay)
			}
			if got.Observed < 5 || got.Expected <= 0 || got.Ratio() < 2 || got.Window <= 0 || got.Window > 40*time.Minute {
				t.Errorf("trend alert lacks its numbers: %s (window %s)", got, got.Window)
			}
		})
	}
}

func TestFromSignals(t *testing.T) {
	tests := []struct {
		name string
		sigs []detect.Signal
		neg  bool
		cats []detect.Category
	}{
		{"none", nil, false, nil},
		{"praise", []detect.Signal{{Category: detect.Praise, Score: 0.9}}, false, []detect.Category{detect.Praise}},
		{"complaint", []detect.Signal{{Category: detect.Complaint, Score: 0.7}, {Category: detect.Question, Score: 0.6}}, true, []detect.Category{detect.Complaint, detect.Question}},
		{"the model's doubts do not count", []detect.Signal{{Category: detect.Insult, Score: 0.36}, {Category: detect.Praise, Score: 0.8}}, false, []detect.Category{detect.Praise}},
		{"spam is not tone", []detect.Signal{{Category: detect.Spam, Score: 0.95}}, false, []detect.Category{detect.Spam}},
		{"pii twice", []detect.Signal{{Category: detect.Doxxing, Score: 0.8, Entity: "a"}, {Category: detect.Doxxing, Score: 0.7, Entity: "b"}}, true, []detect.Category{detect.Doxxing}},
	}
	for _, tt := range tests {
		neg, cats := FromSignals(tt.sigs)
		if neg != tt.neg || fmt.Sprint(cats) != fmt.Sprint(tt.cats) {
			t.Errorf("%s: FromSignals = %v %v, want %v %v", tt.name, neg, cats, tt.neg, tt.cats)
		}
	}
}

// TestBenchLabeler: a labeler sees every simulated item, and what it says
// is what the detectors count.
func TestBenchLabeler(t *testing.T) {
	calls := 0
	rep, err := RunBench(context.Background(), BenchConfig{Seed: 1, Weeks: 1, Storms: 2, LabelSource: "a labeler that finds nothing",
		Label: func(ctx context.Context, it ingest.Item) (bool, []detect.Category, error) {
			calls++
			return false, nil, nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	if calls != rep.Events || calls == 0 {
		t.Errorf("labeler called %d times for %d events", calls, rep.Events)
	}
	if rep.Negativity.TruePos+rep.Negativity.FalsePos != 0 || rep.Negativity.FalseNeg == 0 {
		t.Errorf("agreement = %+v, want no positives and some misses", rep.Negativity)
	}
	if s := rep.String(); !strings.Contains(s, "negativity from a labeler that finds nothing: precision 0.000, recall 0.000") {
		t.Errorf("report does not name its labels:\n%s", s)
	}
	_, err = RunBench(context.Background(), BenchConfig{Seed: 1, Weeks: 1, Storms: 2,
		Label: func(ctx context.Context, it ingest.Item) (bool, []detect.Category, error) {
			return false, nil, errors.New("engine down")
		}})
	if err == nil || !strings.Contains(err.Error(), "engine down") {
		t.Errorf("a failing labeler: err = %v", err)
	}
}

// TestTrendWeighsTone: a crowd of hostile newcomers is a storm's sooner
// than a crowd of friendly ones (a busy day's first-time clients), and
// with HostileShare 0 every newcomer weighs the same. The series' history
// has no negative item, so its newcomers' usual hostile share is the
// least assumed (10%).
func TestTrendWeighsTone(t *testing.T) {
	weighed := DefaultTrend
	plain := DefaultTrend
	plain.HostileShare = 0
	tests := []struct {
		name     string
		trend    TrendRule
		negative bool
		text     string
		want     float64 // newcomers counted when the trend test alerts
	}{
		{"hostile newcomers, weighed", weighed, true, "honte à vous", 3},
		{"friendly newcomers, weighed", weighed, false, "merci pour tout", 5},
		{"hostile newcomers, plain", plain, true, "honte à vous", 4},
		{"friendly newcomers, plain", plain, false, "merci pour tout", 4},
	}
	start := mon.Add(8*24*time.Hour + 10*time.Hour)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := NewDetector(DetectorConfig{Trend: tt.trend})
			id := steady(d)
			var got *Alert
			for i := range 12 {
				at := start.Add(time.Duration(i) * 4 * time.Minute)
				for _, a := range d.Observe(Obs{Workspace: "w", Channel: "fb", ItemID: id, At: at, Text: tt.text, NewAuthor: true, Negative: tt.negative}) {
					if a.Metric == NewAuthors && a.Channel == "fb" && a.Topic == All && got == nil {
						got = &a
					}
				}
				id++
			}
			if got == nil {
				t.Fatal("no new_authors alert")
			}
			if got.Observed != tt.want {
				t.Errorf("alerted at newcomer %v, want %v: %s", got.Observed, tt.want, got)
			}
		})
	}
}

// TestTrendWeights: the weights only move evidence between hostile and
// friendly newcomers; the drift, (Rho-1) times the expectation, is the
// alternative's whole extra rate whatever the series' negative share.
func TestTrendWeights(t *testing.T) {
	r := TrendRule{Rho: 12, HostileShare: 0.5}
	for _, share := range []float64{0, 0.05, 0.2, 0.5, 0.9, 1} {
		w := newTrendWeights(r, share)
		s := min(max(share, 0.1), 0.9)
		extra := s*(math.Exp(w.hostile)-1) + (1-s)*(math.Exp(w.friendly)-1)
		if math.Abs(extra-(r.Rho-1)) > 1e-9 {
			t.Errorf("share %v: extra rate %v, want %v", share, extra, r.Rho-1)
		}
		if share < 0.5 && !(w.hostile > w.lnRho && w.friendly < w.lnRho) {
			t.Errorf("share %v: hostile %v, friendly %v around ln Rho %v", share, w.hostile, w.friendly, w.lnRho)
		}
	}
	plain := newTrendWeights(TrendRule{Rho: 12}, 0.2)
	var slot [nSlots]int32
	slot[newAuthorsSlot], slot[hostileNew] = 3, 2
	if got, want := plain.evidence(newAuthorsSlot, slot), 3*math.Log(12); math.Abs(got-want) > 1e-9 {
		t.Errorf("unweighted evidence %v, want %v", got, want)
	}
}

// TestRestoreTrend: the trend test's state beyond the current hour (the
// newcomers' expectation and the negative share that weighs them) comes
// from the hour baselines, so a detector restored from stored hour
// roll-ups alerts on the same newcomer as one that saw the history.
func TestRestoreTrend(t *testing.T) {
	live := NewDetector(DetectorConfig{})
	series := NewSeries(nil)
	id := int64(1)
	end := mon.Add(8 * 24 * time.Hour)
	for at := mon; at.Before(end); at = at.Add(5 * time.Minute) {
		o := Obs{Workspace: "w", Channel: "fb", ItemID: id, At: at, Text: "bonjour", Negative: id%4 == 0, NewAuthor: id%97 == 0}
		live.Observe(o)
		series.Add(o)
		id++
	}
	restored := NewDetector(DetectorConfig{})
	for _, k := range []Key{{"w", "fb", All}, {"w", All, All}} {
		restored.Restore(k, series.Hours(k, mon, end))
	}
	start := end.Add(10 * time.Hour)
	var got [2]float64
	for di, d := range []*Detector{live, restored} {
		for i := range 12 {
			o := Obs{Workspace: "w", Channel: "fb", ItemID: id + int64(i), At: start.Add(time.Duration(i) * 4 * time.Minute), Text: "honte", NewAuthor: true, Negative: i%2 == 0}
			for _, a := range d.Observe(o) {
				if a.Metric == NewAuthors && a.Channel == "fb" && got[di] == 0 {
					got[di] = a.Observed
				}
			}
		}
	}
	if got[0] == 0 || got[0] != got[1] {
		t.Errorf("trend alert at newcomer %v live, %v restored; want the same, non-zero", got[0], got[1])
	}
}
