package store

import (
	"context"
	"time"
)

// ListenCount is one bucket of a listening time series: what arrived in
// one minute (or one hour) on one channel about one topic. Channel and
// Topic are "*" for the aggregate over all channels or all topics.
type ListenCount struct {
	Workspace string    `json:"workspace"`
	Channel   string    `json:"channel"`
	Topic     string    `json:"topic"`
	Start     time.Time `json:"start"`
	// Volume counts items, Negative the abusive ones and complaints,
	// NewAuthors the items from first-time authors.
	Volume     int64 `json:"volume"`
	Negative   int64 `json:"negative"`
	NewAuthors int64 `json:"new_authors"`
	// Categories counts items per detect category.
	Categories map[string]int64 `json:"categories,omitempty"`
}

// ListenQuery selects buckets of one series.
type ListenQuery struct {
	Workspace string
	Channel   string // "*" for all channels
	Topic     string // "*" for all topics
	// Resolution is time.Minute or time.Hour.
	Resolution time.Duration
	From, To   time.Time // Start in [From, To)
}

// Listen is the part of the store for listening: durable minute and hour
// roll-ups of volume and tone per workspace, channel and topic.
type Listen interface {
	// AddListenCounts adds minute counts (deltas, whatever their Start's
	// seconds) to their minute buckets and to the hour buckets holding
	// them, in one transaction: counters are upserted, never replaced, so
	// flushing the same minute twice adds up.
	AddListenCounts(ctx context.Context, counts []ListenCount) error
	// ListenSeries returns the buckets of one series that have counts,
	// oldest first.
	ListenSeries(ctx context.Context, q ListenQuery) ([]ListenCount, error)
	// PruneListen deletes minute buckets older than minutesBefore and hour
	// buckets older than hoursBefore, and returns how many it deleted.
	PruneListen(ctx context.Context, minutesBefore, hoursBefore time.Time) (int64, error)
}
