package listen

import (
	"math"
	"time"
)

// Baseline is the expected count per hour of one metric of one series, with
// a daily rhythm (a profile over the 24 hours of the day) and a weekly one
// (a factor per weekday): expected = hour profile × weekday factor. Learning
// the two apart takes a week of history rather than a week per hour-of-week
// slot, and a quiet Sunday still is not a Monday.
//
// Both are running means that turn into exponentially weighted ones
// (minimum weights HourAlpha and DayAlpha) so that the baseline follows a
// slowly growing audience; each hour is winsorized before it is learned, so
// that a storm does not become the new normal.
type Baseline struct {
	hod   [24]float64 // count per hour on a day of factor 1
	hodN  [24]int
	dow   [7]float64
	dowN  [7]int
	loc   *time.Location
	day   float64 // counts of the current day so far (winsorized)
	dayOf time.Weekday
	days  int // whole days learned
}

// Weights of the newest sample once the running mean has enough history.
const (
	HourAlpha = 0.1
	DayAlpha  = 0.25
)

// NewBaseline returns an empty baseline living in loc (nil for UTC).
func NewBaseline(loc *time.Location) *Baseline {
	if loc == nil {
		loc = time.UTC
	}
	b := &Baseline{loc: loc, dayOf: -1}
	for i := range b.dow {
		b.dow[i] = 1
	}
	return b
}

// Days is how many whole days the baseline has learned.
func (b *Baseline) Days() int { return b.days }

// PerHour is the expected count in the hour holding t.
func (b *Baseline) PerHour(t time.Time) float64 {
	l := t.In(b.loc)
	return b.hod[l.Hour()] * b.dow[l.Weekday()]
}

// Expect is the expected count in [from, to), summed over the hours the
// interval spans.
func (b *Baseline) Expect(from, to time.Time) float64 {
	sum := 0.0
	for t := from; t.Before(to); {
		next := t.Truncate(time.Hour).Add(time.Hour)
		if next.After(to) {
			next = to
		}
		sum += b.PerHour(t) * next.Sub(t).Hours()
		t = next
	}
	return sum
}

// clip is the most an hour may weigh in learning when expected is the
// current expectation: four Poisson deviations above it is a storm, not a
// new normal (a real rise is still followed, a step at a time).
func clip(count, expected float64) float64 {
	return min(count, expected+4*math.Sqrt(expected)+3)
}

// AddHour learns the count of the hour starting at t. Hours must come in
// order; a day is learned when its last hour is.
func (b *Baseline) AddHour(t time.Time, count float64) {
	l := t.In(b.loc)
	h, d := l.Hour(), l.Weekday()
	if b.hodN[h] > 0 {
		count = clip(count, b.PerHour(t))
	}
	if b.dayOf != d {
		b.day, b.dayOf = 0, d
	}
	b.day += count
	b.hodN[h]++
	b.hod[h] += (count/b.dow[d] - b.hod[h]) * max(1/float64(b.hodN[h]), HourAlpha)
	if h == 23 {
		b.endDay(d)
	}
}

// endDay learns the weekday factor from the day's total against the
// profile's.
func (b *Baseline) endDay(d time.Weekday) {
	b.days++
	profile := 0.0
	for _, v := range b.hod {
		profile += v
	}
	if profile <= 0 {
		return
	}
	b.dowN[d]++
	f := b.day / profile
	b.dow[d] += (f - b.dow[d]) * max(1/float64(b.dowN[d]), DayAlpha)
	b.dow[d] = min(max(b.dow[d], 0.05), 20)
	b.day = 0
}

// poissonTail is P(X ≥ k) for X ~ Poisson(lambda): the chance of seeing at
// least k items when lambda are expected.
func poissonTail(k int, lambda float64) float64 {
	if k <= 0 {
		return 1
	}
	if lambda <= 0 {
		return 0
	}
	// 1 - P(X ≤ k-1), summed in log space from the mode outwards would be
	// more exact; the direct upper sum is exact enough for the tiny tails
	// that matter here and never cancels.
	logp := float64(k)*math.Log(lambda) - lambda - lgamma(float64(k)+1)
	p := math.Exp(logp)
	sum := p
	for i := k + 1; i < k+1000; i++ {
		p *= lambda / float64(i)
		sum += p
		if p < sum*1e-12 {
			break
		}
	}
	return min(sum, 1)
}

// binomialTail is P(X ≥ k) for X ~ Binomial(n, p).
func binomialTail(k, n int, p float64) float64 {
	if k <= 0 {
		return 1
	}
	if k > n {
		return 0
	}
	if p <= 0 {
		return 0
	}
	if p >= 1 {
		return 1
	}
	sum := 0.0
	for i := k; i <= n; i++ {
		lc := lgamma(float64(n)+1) - lgamma(float64(i)+1) - lgamma(float64(n-i)+1)
		sum += math.Exp(lc + float64(i)*math.Log(p) + float64(n-i)*math.Log1p(-p))
	}
	return min(sum, 1)
}

func lgamma(x float64) float64 {
	v, _ := math.Lgamma(x)
	return v
}
