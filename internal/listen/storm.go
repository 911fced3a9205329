package listen

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/store"
)

// Metric is what a storm alert counts.
type Metric string

// The metrics Detector watches.
const (
	Volume        Metric = "volume"
	Negative      Metric = "negative"
	NewAuthors    Metric = "new_authors"
	Severe        Metric = "severe" // threats, doxxing, hate
	NegativeShare Metric = "negative_share"
)

// rateMetrics are the counted metrics, in ring order.
var rateMetrics = [...]Metric{Volume, Negative, NewAuthors, Severe}

const nMetrics = len(rateMetrics)

// Ring slots: the rate metrics, then hostileNew, the newcomers whose
// item is negative or a crisis signal. It is counted for the trend test's weights only:
// neither learned nor tested on its own.
const (
	newAuthorsSlot = 2
	hostileNew     = nMetrics
	nSlots         = nMetrics + 1
)

// severeCats make an item severe: the ones that put a person in danger.
var severeCats = []detect.Category{detect.Threat, detect.Doxxing, detect.Hate}

// Rule is one sliding-window test: alert when the window's count is at
// least MinCount, at least MinRatio times the baseline's expectation, and
// that unlikely (Poisson tail below MaxP) under the baseline.
type Rule struct {
	Window   time.Duration
	MinRatio float64
	MinCount int
	MaxP     float64
}

// ShareRule tests the negative share of a window: at least MinCount
// negative items, a share at least MinRise above the baseline's share,
// that unlikely (binomial tail below MaxP).
type ShareRule struct {
	Window   time.Duration
	MinRise  float64
	MinCount int
	MaxP     float64
}

// TrendRule is a Poisson CUSUM per series and metric: minute by minute it
// adds the log-likelihood ratio of "Rho times the baseline" against "the
// baseline" and forgets what falls below zero, so a rise too gentle for
// any one window (a slow build) accumulates evidence from its first
// minutes. It alerts when the sum reaches H and the items since the
// rise began number at least MinCount, at least MinRatio times what the
// baseline expected over the same span.
//
// H bounds false alarms: under the baseline the sum passes H about once
// in e^H / (Rho-1) expected items per series, and the count and ratio
// guards keep a quiet night's handful from ever counting.
//
// The newcomers' sum weighs each newcomer by what its item says
// (HostileShare): the alternative is "newcomers Rho times the baseline,
// HostileShare of them negative" against "the baseline, negative as
// often as the series' items usually are". A storm's crowd is mostly
// hostile, while a busy hour's first-time clients mostly ask and thank:
// a hostile newcomer counts for more than ln Rho, a friendly one for
// less, and the drift stays (Rho-1) times the expectation. Both shares
// come from the volume and negative baselines, so the test needs no
// state the hour roll-ups cannot restore.
type TrendRule struct {
	Rho      float64
	H        float64
	MinCount int
	MinRatio float64
	// HostileShare is the share of a storm's newcomers expected to be
	// negative; 0 weighs every newcomer alike.
	HostileShare float64
	// Floor is the least expectation per hour of each metric in the trend
	// sums; 0 takes DetectorConfig.FloorPerHour. The window rules need a
	// floor that keeps a handful from counting; a sum over an hour
	// weighs a handful against a rate, and newcomers are rare (a few a
	// day on a clinic's page), so a floor set for the windows would
	// drown a slow build's first arrivals in drift.
	Floor float64
	// Metrics are the metrics tested. Volume and negativity follow the
	// daily rhythm too loosely for a sum over an hour to be trusted (the
	// benchmark saw several false alarms a week); a storm's crowd of new
	// accounts stands out against a baseline of almost none.
	Metrics []Metric
	// Off turns the trend test off (the window rules alone).
	Off bool
}

// DefaultTrend is tuned on the storm benchmark (seeds 1 to 3, the real
// detection engine; seed 4 kept for a check). Newcomers are rare on a
// clinic's channels (about 0.2 an hour on its page), so the sum weighs
// them against their own baseline with a floor of 0.2 an hour rather
// than the windows' 2, and expects a storm to multiply them by 12, half
// of them hostile: a slow 3× build is caught at its third or fourth
// newcomer. Before: Rho 4, H 6, MinCount 5 over the windows' floor, slow
// build medians 36m, 32m, 40m on seeds 1-3 (36m pooled); now 29m45s, 27m,
// 26m (27m pooled), seed 4 36m to 32m; false alarms 0.25 to 0.54 a week
// pooled. Newcomers weighed alike rather than by tone gave seed 3 the
// same but seeds 1 and 2 no better than 30-31m for as many false
// alarms; a lower H or a higher Rho brought seed 2 near or past one
// false alarm a week. Sums over volume or negativity added
// several false alarms a week for no faster detection: a slow build's
// first half hour adds a handful of items to fifteen ordinary ones,
// while its newcomers stand out against almost none.
var DefaultTrend = TrendRule{Rho: 12, H: 7.5, MinCount: 3, MinRatio: 2, HostileShare: 0.5, Floor: 0.2, Metrics: []Metric{NewAuthors}}

// DetectorConfig tunes a Detector. Zero fields take the defaults.
type DetectorConfig struct {
	Topics   []Topic
	Location *time.Location
	// MinDays of history a series needs before it may alert. Default 7.
	MinDays int
	// Rules are the rate tests of every counted metric; ShareRules the
	// negative share tests. Defaults DefaultRules and DefaultShareRules.
	Rules      []Rule
	ShareRules []ShareRule
	// FloorPerHour is the least expectation per hour of each metric, so
	// that a quiet night's 2 items do not make 6 a storm. Default 3 for
	// volume, 2 for the others.
	FloorPerHour map[Metric]float64
	// Cooldown is how long a series and metric stay quiet after an alert.
	// Default 1 hour.
	Cooldown time.Duration
	// Trend is the CUSUM test of every counted metric. Default
	// DefaultTrend; Trend.Off disables it.
	Trend TrendRule
}

// DefaultRules: short windows catch a pile-on within minutes, long ones a
// slow build the short ones never see as unlikely.
var DefaultRules = []Rule{
	{Window: 3 * time.Minute, MinRatio: 4, MinCount: 6, MaxP: 1e-6},
	{Window: 5 * time.Minute, MinRatio: 3, MinCount: 7, MaxP: 1e-6},
	{Window: 15 * time.Minute, MinRatio: 2.5, MinCount: 10, MaxP: 1e-6},
	{Window: 60 * time.Minute, MinRatio: 1.8, MinCount: 15, MaxP: 1e-7},
	{Window: 120 * time.Minute, MinRatio: 1.6, MinCount: 20, MaxP: 1e-7},
}

// DefaultShareRules watch the tone when the volume barely moves.
var DefaultShareRules = []ShareRule{
	{Window: 15 * time.Minute, MinRise: 0.35, MinCount: 8, MaxP: 1e-6},
	{Window: 60 * time.Minute, MinRise: 0.25, MinCount: 12, MaxP: 1e-7},
}

func (c DetectorConfig) withDefaults() DetectorConfig {
	if c.Location == nil {
		c.Location = time.UTC
	}
	if c.MinDays <= 0 {
		c.MinDays = 7
	}
	if len(c.Rules) == 0 {
		c.Rules = DefaultRules
	}
	if len(c.ShareRules) == 0 {
		c.ShareRules = DefaultShareRules
	}
	floors := map[Metric]float64{Volume: 3, Negative: 2, NewAuthors: 2, Severe: 2}
	for m, v := range c.FloorPerHour {
		floors[m] = v
	}
	c.FloorPerHour = floors
	if c.Cooldown <= 0 {
		c.Cooldown = time.Hour
	}
	if c.Trend.Rho <= 1 && !c.Trend.Off {
		c.Trend = DefaultTrend
	}
	return c
}

// Alert is one early warning: what moved, where, by how much, against what
// baseline, with example items.
type Alert struct {
	Workspace string
	Kind      store.AlertKind // storm or campaign
	Metric    Metric          // or a campaign's: repeated_text, cross_channel
	Channel   string          // All for every channel
	Topic     string          // All for every topic
	Window    time.Duration
	Observed  float64
	Expected  float64 // the baseline over the window (a share for NegativeShare)
	P         float64 // the chance of Observed or more under the baseline
	At        time.Time
	Examples  []int64
	// Detail says it in words, e.g. the repeated text.
	Detail string
}

// Ratio is Observed over Expected (0 when nothing was expected).
func (a Alert) Ratio() float64 {
	if a.Expected <= 0 {
		return 0
	}
	return a.Observed / a.Expected
}

// String says what moved, by how much, against what baseline:
// "storm: negative on facebook:page about Dr Martin: 23 in 15m vs 2.1 expected (11.0×)".
func (a Alert) String() string {
	where := "all channels"
	if a.Channel != All && a.Channel != "" {
		where = a.Channel
	}
	if a.Topic != All && a.Topic != "" {
		where += " about " + a.Topic
	}
	var s string
	switch a.Metric {
	case NegativeShare:
		s = fmt.Sprintf("%s: negative share on %s: %.0f%% in %s vs %.0f%% usual", a.Kind, where, 100*a.Observed, short(a.Window), 100*a.Expected)
	case Volume, Negative, NewAuthors, Severe:
		s = fmt.Sprintf("%s: %s on %s: %.0f in %s vs %.1f expected (%.1f×)", a.Kind, a.Metric, where, a.Observed, short(a.Window), a.Expected, a.Ratio())
	default:
		s = fmt.Sprintf("%s: %s on %s: %s", a.Kind, a.Metric, where, a.Detail)
	}
	if len(a.Examples) > 0 {
		ids := make([]string, len(a.Examples))
		for i, id := range a.Examples {
			ids[i] = fmt.Sprint(id)
		}
		s += "; e.g. items " + strings.Join(ids, ", ")
	}
	return s
}

func short(d time.Duration) string {
	if d%time.Hour == 0 {
		return fmt.Sprintf("%dh", d/time.Hour)
	}
	return fmt.Sprintf("%dm", d/time.Minute)
}

// NewAlert turns a into what the alert store takes.
func (a Alert) NewAlert() store.NewAlert {
	sev := store.AlertWarning
	if a.Metric == Severe || a.Ratio() >= 5 || a.Kind == store.AlertCampaign {
		sev = store.AlertCritical
	}
	ch, tp := a.Channel, a.Topic
	if ch == All {
		ch = ""
	}
	if tp == All {
		tp = ""
	}
	m := store.AlertMetric{Name: string(a.Metric), Channel: ch, Topic: tp, Observed: a.Observed, Baseline: a.Expected, Factor: a.Ratio()}
	if a.Window > 0 {
		m.Window = short(a.Window)
	}
	return store.NewAlert{
		Kind:     a.Kind,
		Severity: sev,
		Title:    a.title(),
		Summary:  a.String(),
		// One open alert per series, metric and day: a storm that lasts
		// counts occurrences rather than paging again.
		DedupeKey:      fmt.Sprintf("%s:%s:%s:%s:%s", a.Kind, a.Metric, a.Channel, a.Topic, a.At.UTC().Format("2006-01-02")),
		Metrics:        []store.AlertMetric{m},
		ExampleItemIDs: slices.Clone(a.Examples),
		At:             a.At,
	}
}

func (a Alert) title() string {
	switch a.Metric {
	case RepeatedText:
		return "Campaign: the same text from many authors"
	case CrossChannel:
		return "One author on several channels"
	case NewAuthors:
		return "Burst of new accounts"
	case Severe:
		return "Threats or doxxing rising"
	}
	if a.Topic != All && a.Topic != "" {
		return "Storm brewing about " + a.Topic
	}
	return "Storm brewing"
}

// ringLen is how many minutes a series remembers: the longest window.
const ringLen = 128

const maxExamples = 5

// cusum is one metric's trend statistic: the log-likelihood sum S over
// the completed minutes since the rise began (minute since), with the
// items N and the baseline's expectation E over the same minutes.
type cusum struct {
	S, N, E float64
	since   int64
}

type keyState struct {
	ring     [ringLen][nSlots]int32
	trend    [nMetrics]cusum
	lamHour  int64 // hour (unix/3600) lam and w were computed for
	lam      [nMetrics]float64
	w        trendWeights
	last     int64 // minute (unix/60) of the newest ring slot
	hour     int64 // hour (unix/3600) being accumulated
	hourN    [nMetrics]float64
	base     [nMetrics]*Baseline
	examples [nMetrics][]int64
	quiet    map[Metric]time.Time // cooldown ends
}

// Detector raises storm alerts from the rates of every series. It is not
// safe for concurrent use: feed it from one goroutine, in time order.
type Detector struct {
	cfg    DetectorConfig
	m      *matcher
	series map[Key]*keyState
	born   map[string]time.Time // first item of each workspace
	keys   []Key
}

// NewDetector returns a detector without history.
func NewDetector(cfg DetectorConfig) *Detector {
	cfg = cfg.withDefaults()
	return &Detector{cfg: cfg, m: newMatcher(cfg.Topics), series: map[Key]*keyState{}, born: map[string]time.Time{}}
}

// Config returns the configuration in force, defaults filled in.
func (d *Detector) Config() DetectorConfig { return d.cfg }

// Observe counts o and returns the alerts it set off.
func (d *Detector) Observe(o Obs) []Alert {
	var out []Alert
	born, ok := d.born[o.Workspace]
	if !ok {
		born = o.At
		d.born[o.Workspace] = born
	}
	// A series born after the workspace (a staff name first mentioned
	// today) has had nothing all along: its empty baseline is right, and
	// the floor is its expectation.
	warm := o.At.Sub(born) >= time.Duration(d.cfg.MinDays)*24*time.Hour
	d.keys = d.m.keys(o, d.keys)
	// A throwaway account posting spam is the spam detector's business:
	// counted as a new author, a spammer's burst looked like a storm's crowd.
	newAuthor := o.NewAuthor && !slices.Contains(o.Categories, detect.Spam)
	inc := [nMetrics]bool{true, o.Negative, newAuthor, hasAny(o.Categories, severeCats)}
	// A newcomer calling for a boycott or naming a lawyer is as much a
	// storm's as one insulting the staff, though a crisis signal is not
	// negativity for the tone metrics.
	hostile := newAuthor && (o.Negative || slices.Contains(o.Categories, detect.Crisis))
	for _, k := range d.keys {
		ks := d.series[k]
		if ks == nil {
			ks = d.newState(o.At)
			d.series[k] = ks
		}
		d.advance(ks, o.At)
		slot := &ks.ring[ks.last%ringLen]
		for i, on := range inc {
			if on {
				slot[i]++
				ks.hourN[i]++
				ks.examples[i] = appendRing(ks.examples[i], o.ItemID)
			}
		}
		if hostile {
			slot[hostileNew]++
		}
		if !warm {
			continue
		}
		out = append(out, d.test(k, ks, o.At, inc)...)
	}
	return out
}

func (d *Detector) newState(t time.Time) *keyState {
	ks := &keyState{last: t.Unix() / 60, hour: t.Unix() / 3600, quiet: map[Metric]time.Time{}}
	for i := range ks.base {
		ks.base[i] = NewBaseline(d.cfg.Location)
	}
	return ks
}

// advance moves ks's clock to t: minutes passed are cleared, hours passed
// are learned (hours without items as zeros).
func (d *Detector) advance(ks *keyState, t time.Time) {
	m := t.Unix() / 60
	if m > ks.last && !d.cfg.Trend.Off {
		d.fold(ks, m)
	}
	for i := ks.last + 1; i <= m && i <= ks.last+ringLen; i++ {
		ks.ring[i%ringLen] = [nSlots]int32{}
	}
	if m > ks.last {
		ks.last = m
	}
	h := t.Unix() / 3600
	if h <= ks.hour {
		return
	}
	for i := range ks.base {
		ks.base[i].AddHour(time.Unix(ks.hour*3600, 0), ks.hourN[i])
	}
	// A series silent for more than a few weeks starts over rather than
	// learning thousands of empty hours.
	for x := ks.hour + 1; x < h && x < ks.hour+24*7*4; x++ {
		for i := range ks.base {
			ks.base[i].AddHour(time.Unix(x*3600, 0), 0)
		}
	}
	ks.hour, ks.hourN = h, [nMetrics]float64{}
}

// trendSpan is the most minutes of silence folded into the trend sums; by
// then every sum is back at zero.
const trendSpan = 240

// fold adds the minutes from ks.last (complete now) up to, not including,
// minute m to the trend sums.
func (d *Detector) fold(ks *keyState, m int64) {
	r := d.cfg.Trend
	end := min(m, ks.last+trendSpan)
	for min := ks.last; min < end; min++ {
		slot := ks.ring[min%ringLen]
		if min > ks.last {
			slot = [nSlots]int32{} // minutes with no item
		}
		lam := d.lambda(ks, min)
		for i := range ks.trend {
			c := &ks.trend[i]
			c.S += ks.w.evidence(i, slot) - (r.Rho-1)*lam[i]
			c.N += float64(slot[i])
			c.E += lam[i]
			if c.S <= 0 {
				*c = cusum{since: min + 1}
			}
		}
	}
	if end < m {
		for i := range ks.trend {
			ks.trend[i] = cusum{since: m}
		}
	}
}

// lambda is each metric's expected count per minute in minute min for
// the trend sums: the baseline, never below the floor. It also sets the
// weights of the hour.
func (d *Detector) lambda(ks *keyState, min int64) [nMetrics]float64 {
	h := min / 60
	if h != ks.lamHour || ks.lam == [nMetrics]float64{} {
		t := time.Unix(h*3600, 0)
		r := d.cfg.Trend
		for i := range ks.lam {
			floor := r.Floor
			if floor <= 0 {
				floor = d.cfg.FloorPerHour[rateMetrics[i]]
			}
			ks.lam[i] = max(ks.base[i].PerHour(t), floor) / 60
		}
		share := 0.0
		if v := ks.base[0].PerHour(t); v > 0 {
			share = ks.base[1].PerHour(t) / v
		}
		ks.w = newTrendWeights(r, share)
		ks.lamHour = h
	}
	return ks.lam
}

// trendWeights are the log-likelihood ratios one item adds to each
// trend sum: ln Rho, but a newcomer's depends on its tone.
type trendWeights struct {
	lnRho, hostile, friendly float64
	weighed                  bool
}

// newTrendWeights weighs newcomers for a series whose items are negative
// share of the time (its newcomers are assumed no different). The share
// is kept off the extremes: a series with no negative history would
// make one hostile newcomer overwhelming.
func newTrendWeights(r TrendRule, share float64) trendWeights {
	w := trendWeights{lnRho: math.Log(r.Rho)}
	q := r.HostileShare
	if q <= 0 || q >= 1 {
		w.hostile, w.friendly = w.lnRho, w.lnRho
		return w
	}
	s := min(max(share, 0.1), 0.9)
	w.weighed = true
	w.hostile = math.Log(1 + (r.Rho-1)*q/s)
	w.friendly = math.Log(1 + (r.Rho-1)*(1-q)/(1-s))
	return w
}

// evidence is what a minute's counts add to metric i's trend sum.
func (w trendWeights) evidence(i int, slot [nSlots]int32) float64 {
	if i == newAuthorsSlot && w.weighed {
		h := float64(slot[hostileNew])
		return h*w.hostile + (float64(slot[i])-h)*w.friendly
	}
	return float64(slot[i]) * w.lnRho
}

// testTrend tests metric i's trend sum with the current minute so far.
func (d *Detector) testTrend(k Key, ks *keyState, at time.Time, i int) (Alert, bool) {
	r := d.cfg.Trend
	if r.Off || !slices.Contains(r.Metrics, rateMetrics[i]) {
		return Alert{}, false
	}
	c := &ks.trend[i]
	frac := float64(at.Unix()%60) / 60
	lam := d.lambda(ks, ks.last)[i]
	slot := ks.ring[ks.last%ringLen]
	x := float64(slot[i])
	score := c.S + ks.w.evidence(i, slot) - (r.Rho-1)*lam*frac
	n, e := c.N+x, c.E+lam*frac
	if score < r.H || n < float64(r.MinCount) || n < r.MinRatio*e {
		return Alert{}, false
	}
	from := time.Unix(c.since*60, 0)
	// The rise is reported, then forgotten: a storm that goes on builds a
	// new sum, which extends the cooldown rather than paging again.
	*c = cusum{since: ks.last + 1}
	return Alert{
		Workspace: k.Workspace, Kind: store.AlertStorm, Metric: rateMetrics[i], Channel: k.Channel, Topic: k.Topic,
		Window: at.Sub(from).Truncate(time.Minute) + time.Minute, Observed: n, Expected: e, P: poissonTail(int(n), e), At: at,
		Examples: slices.Clone(ks.examples[i]),
	}, true
}

// window sums metric i over the last n minutes (the current one included).
func (ks *keyState) window(i, n int) int {
	s := 0
	for j := range min(n, ringLen) {
		s += int(ks.ring[(ks.last-int64(j)+ringLen*1024)%ringLen][i])
	}
	return s
}

// test runs the rules of the metrics that just moved. A series still above
// its baseline during its cooldown extends the cooldown instead of alerting
// again: one storm, one alert per series and metric, however long it lasts.
func (d *Detector) test(k Key, ks *keyState, at time.Time, inc [nMetrics]bool) []Alert {
	var out []Alert
	for i, on := range inc {
		if !on {
			continue // a count that did not move cannot newly cross
		}
		metric := rateMetrics[i]
		a, ok := d.testRate(k, ks, at, i)
		if !ok {
			a, ok = d.testTrend(k, ks, at, i)
		}
		if !ok {
			continue
		}
		quiet := at.Before(ks.quiet[metric])
		ks.quiet[metric] = at.Add(d.cfg.Cooldown)
		if !quiet {
			out = append(out, a)
		}
	}
	if inc[1] {
		if a, ok := d.testShare(k, ks, at); ok {
			quiet := at.Before(ks.quiet[NegativeShare])
			ks.quiet[NegativeShare] = at.Add(d.cfg.Cooldown)
			if !quiet {
				out = append(out, a)
			}
		}
	}
	return out
}

// testRate returns the alert of the first rule metric i breaks.
func (d *Detector) testRate(k Key, ks *keyState, at time.Time, i int) (Alert, bool) {
	metric := rateMetrics[i]
	floor := d.cfg.FloorPerHour[metric]
	for _, r := range d.cfg.Rules {
		n := int(r.Window / time.Minute)
		obs := ks.window(i, n)
		if obs < r.MinCount {
			continue
		}
		from := time.Unix((ks.last-int64(n)+1)*60, 0)
		exp := max(ks.base[i].Expect(from, at), floor*at.Sub(from).Hours())
		if float64(obs) < r.MinRatio*exp {
			continue
		}
		p := poissonTail(obs, exp)
		if p > r.MaxP {
			continue
		}
		return Alert{
			Workspace: k.Workspace, Kind: store.AlertStorm, Metric: metric, Channel: k.Channel, Topic: k.Topic,
			Window: r.Window, Observed: float64(obs), Expected: exp, P: p, At: at, Examples: slices.Clone(ks.examples[i]),
		}, true
	}
	return Alert{}, false
}

func (d *Detector) testShare(k Key, ks *keyState, at time.Time) (Alert, bool) {
	for _, r := range d.cfg.ShareRules {
		n := int(r.Window / time.Minute)
		neg, vol := ks.window(1, n), ks.window(0, n)
		if neg < r.MinCount || vol == 0 {
			continue
		}
		from := time.Unix((ks.last-int64(n)+1)*60, 0)
		ev := ks.base[0].Expect(from, at)
		if ev <= 0 {
			continue
		}
		p0 := min(max(ks.base[1].Expect(from, at)/ev, 0.02), 0.9)
		share := float64(neg) / float64(vol)
		if share < p0+r.MinRise {
			continue
		}
		p := binomialTail(neg, vol, p0)
		if p > r.MaxP {
			continue
		}
		return Alert{
			Workspace: k.Workspace, Kind: store.AlertStorm, Metric: NegativeShare, Channel: k.Channel, Topic: k.Topic,
			Window: r.Window, Observed: share, Expected: p0, P: p, At: at, Examples: slices.Clone(ks.examples[1]),
		}, true
	}
	return Alert{}, false
}

func appendRing(ids []int64, id int64) []int64 {
	if len(ids) >= maxExamples {
		copy(ids, ids[1:])
		ids = ids[:maxExamples-1]
	}
	return append(ids, id)
}

func hasAny(cats, of []detect.Category) bool {
	for _, c := range cats {
		if slices.Contains(of, c) {
			return true
		}
	}
	return false
}
