package listen

import (
	"maps"
	"slices"
	"time"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/store"
)

// Counts is what arrived in one bucket.
type Counts struct {
	Volume     int64
	Negative   int64
	NewAuthors int64
	Categories map[detect.Category]int64
}

func (c *Counts) add(o Obs) {
	c.Volume++
	if o.Negative {
		c.Negative++
	}
	if o.NewAuthor {
		c.NewAuthors++
	}
	if len(o.Categories) > 0 && c.Categories == nil {
		c.Categories = map[detect.Category]int64{}
	}
	for _, cat := range o.Categories {
		c.Categories[cat]++
	}
}

func (c *Counts) merge(o *Counts) {
	c.Volume += o.Volume
	c.Negative += o.Negative
	c.NewAuthors += o.NewAuthors
	if len(o.Categories) > 0 && c.Categories == nil {
		c.Categories = map[detect.Category]int64{}
	}
	for k, v := range o.Categories {
		c.Categories[k] += v
	}
}

// Point is one bucket of a series.
type Point struct {
	Start time.Time
	Counts
}

type bucketKey struct {
	Key
	start int64 // unix seconds of the bucket's start
}

// Series keeps minute buckets of every series in memory, for the benchmark,
// the tests and as the write buffer in front of the store: Drain hands the
// counts added since the last drain to Listen.AddListenCounts. It is not
// safe for concurrent use.
type Series struct {
	m       *matcher
	minutes map[bucketKey]*Counts
	pending map[bucketKey]*Counts // added since the last Drain
	keys    []Key                 // scratch
}

// NewSeries returns an empty Series counting the given topics.
func NewSeries(topics []Topic) *Series {
	return &Series{m: newMatcher(topics), minutes: map[bucketKey]*Counts{}, pending: map[bucketKey]*Counts{}}
}

// Add counts o in each of its series.
func (s *Series) Add(o Obs) {
	start := o.At.Truncate(time.Minute).Unix()
	s.keys = s.m.keys(o, s.keys)
	for _, k := range s.keys {
		bk := bucketKey{k, start}
		for _, m := range []map[bucketKey]*Counts{s.minutes, s.pending} {
			c := m[bk]
			if c == nil {
				c = &Counts{}
				m[bk] = c
			}
			c.add(o)
		}
	}
}

// Minutes returns k's non-empty minute buckets in [from, to), oldest first.
func (s *Series) Minutes(k Key, from, to time.Time) []Point {
	return s.points(k, from, to, time.Minute)
}

// Hours returns k's non-empty hour buckets in [from, to), oldest first,
// rolled up from the minutes kept.
func (s *Series) Hours(k Key, from, to time.Time) []Point {
	return s.points(k, from, to, time.Hour)
}

func (s *Series) points(k Key, from, to time.Time, res time.Duration) []Point {
	by := map[int64]*Counts{}
	for bk, c := range s.minutes {
		if bk.Key != k {
			continue
		}
		t := time.Unix(bk.start, 0)
		if t.Before(from) || !t.Before(to) {
			continue
		}
		st := t.Truncate(res).Unix()
		if by[st] == nil {
			by[st] = &Counts{}
		}
		by[st].merge(c)
	}
	out := make([]Point, 0, len(by))
	for _, st := range slices.Sorted(maps.Keys(by)) {
		out = append(out, Point{Start: time.Unix(st, 0).UTC(), Counts: *by[st]})
	}
	return out
}

// Drain returns the counts added since the last Drain as store rows, for
// Listen.AddListenCounts, and forgets them.
func (s *Series) Drain() []store.ListenCount {
	out := make([]store.ListenCount, 0, len(s.pending))
	for bk, c := range s.pending {
		out = append(out, toRow(bk, c))
	}
	clear(s.pending)
	slices.SortFunc(out, func(a, b store.ListenCount) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		if a.Channel != b.Channel {
			return cmpString(a.Channel, b.Channel)
		}
		return cmpString(a.Topic, b.Topic)
	})
	return out
}

// Prune forgets minute buckets that started before t: the store keeps the
// history; memory only needs the recent past.
func (s *Series) Prune(before time.Time) {
	b := before.Unix()
	for bk := range s.minutes {
		if bk.start < b {
			delete(s.minutes, bk)
		}
	}
}

func toRow(bk bucketKey, c *Counts) store.ListenCount {
	r := store.ListenCount{
		Workspace: bk.Workspace, Channel: bk.Channel, Topic: bk.Topic,
		Start:  time.Unix(bk.start, 0).UTC(),
		Volume: c.Volume, Negative: c.Negative, NewAuthors: c.NewAuthors,
	}
	if len(c.Categories) > 0 {
		r.Categories = make(map[string]int64, len(c.Categories))
		for k, v := range c.Categories {
			r.Categories[string(k)] = v
		}
	}
	return r
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
