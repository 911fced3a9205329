package listen

import (
	"time"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// Restore teaches the detector a series' history from stored hour
// roll-ups (oldest first), so that a restart neither forgets the baseline
// nor waits MinDays before it may alert again. It does nothing when the
// series already has state (it was observed or restored before). The
// workspace counts as born at the first hour given, if that is earlier
// than what the detector knew. Severe counts are the hour's threat,
// doxxing and hate category counts.
func (d *Detector) Restore(k Key, hours []Point) {
	if len(hours) == 0 || d.series[k] != nil {
		return
	}
	first := hours[0].Start
	if born, ok := d.born[k.Workspace]; !ok || first.Before(born) {
		d.born[k.Workspace] = first
	}
	ks := d.newState(first)
	for _, p := range hours {
		h := p.Start.Unix() / 3600
		if h < ks.hour {
			continue // out of order: skip rather than corrupt the baseline
		}
		d.advance(ks, p.Start)
		var severe int64
		for _, c := range severeCats {
			severe += p.Categories[c]
		}
		ks.hourN = [nMetrics]float64{float64(p.Volume), float64(p.Negative), float64(p.NewAuthors), float64(severe)}
	}
	d.series[k] = ks
}

// PointFromCounts makes a Point of a stored bucket's counters.
func PointFromCounts(start time.Time, volume, negative, newAuthors int64, cats map[string]int64) Point {
	p := Point{Start: start, Counts: Counts{Volume: volume, Negative: negative, NewAuthors: newAuthors}}
	if len(cats) > 0 {
		p.Categories = make(map[detect.Category]int64, len(cats))
		for c, n := range cats {
			p.Categories[detect.Category(c)] = n
		}
	}
	return p
}
