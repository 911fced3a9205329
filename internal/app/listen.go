package app

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/stormwatch/stormwatch/internal/alert"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/listen"
	"github.com/stormwatch/stormwatch/internal/store"
)

// ActorListen is the audit actor of alerts raised by listening.
const ActorListen = "listen"

// Listener feeds every stored batch of decided items to the listening
// time series, the storm detector and the campaign detector of each
// workspace, raises their alerts through the escalator, and flushes the
// minute counts to the store.
//
// Items are observed at the time Stormwatch received them (never earlier
// than the workspace's last one, as the detectors need time order): a
// connector's backfill of old comments is counted as it arrives, which is
// what an early warning is about. On a workspace's first item after a
// start, each series' baseline is restored from the store's hour roll-ups
// as the series is first seen, so a restart does not blind the detector
// for its MinDays warm-up.
type Listener struct {
	Store    store.Store
	Escalate *alert.Escalator
	Log      *slog.Logger
	// Detector and Campaigns tune the detectors (zero for the defaults;
	// Topics are set per workspace from its staff names).
	Detector  listen.DetectorConfig
	Campaigns listen.CampaignConfig
	// History is how far back a baseline is restored; 28 days when zero.
	History time.Duration
	// MinuteRetention and HourRetention are how long the store keeps
	// minute and hour rows; 14 and 400 days when zero.
	MinuteRetention, HourRetention time.Duration
	Now                            func() time.Time

	mu  sync.Mutex
	wss map[string]*wsListen

	inOnce sync.Once
	in     chan decidedBatch
}

type decidedBatch struct {
	items []ingest.Item
	ds    []store.Decision
}

// queue is where the pipeline leaves decided batches for Run: listening
// (store reads for new authors, alerts) must never hold up the pipeline's
// commits. It blocks only when 1,024 batches are waiting, which is
// backpressure on a machine far past its capacity, not loss.
func (l *Listener) queue() chan decidedBatch {
	l.inOnce.Do(func() { l.in = make(chan decidedBatch, 1024) })
	return l.in
}

// Enqueue hands a decided batch to the listener's own goroutine (Run).
func (l *Listener) Enqueue(items []ingest.Item, ds []store.Decision) {
	l.queue() <- decidedBatch{items, ds}
}

type wsListen struct {
	series   *listen.Series
	det      *listen.Detector
	camps    *listen.Campaigns
	topics   []listen.Topic
	last     time.Time
	restored map[listen.Key]bool
	authors  map[string]bool // channel\x00author ids known not to be new
}

func (l *Listener) now() time.Time {
	if l.Now != nil {
		return l.Now()
	}
	return time.Now()
}

func (l *Listener) log() *slog.Logger {
	if l.Log != nil {
		return l.Log
	}
	return slog.Default()
}

// Observe takes one stored batch: items and their decisions, in the same
// order. It raises the alerts the batch set off before returning.
func (l *Listener) Observe(ctx context.Context, items []ingest.Item, ds []store.Decision) {
	if len(items) != len(ds) {
		l.log().Error("listen: items and decisions differ in number", "items", len(items), "decisions", len(ds))
		return
	}
	type pair struct {
		it ingest.Item
		d  store.Decision
	}
	byWS := map[string][]pair{}
	var order []string
	for i := range items {
		ws := items[i].Workspace
		if _, ok := byWS[ws]; !ok {
			order = append(order, ws)
		}
		byWS[ws] = append(byWS[ws], pair{items[i], ds[i]})
	}
	var raised []listen.Alert
	l.mu.Lock()
	for _, ws := range order {
		ps := byWS[ws]
		slices.SortStableFunc(ps, func(a, b pair) int { return a.it.ReceivedAt.Compare(b.it.ReceivedAt) })
		w, err := l.workspace(ctx, ws)
		if err != nil {
			l.log().Error("listen: workspace", "workspace", ws, "err", err)
			continue
		}
		inBatch := map[string]int{}
		for _, p := range ps {
			inBatch[p.it.Channel+"\x00"+p.it.AuthorID]++
		}
		seen := map[string]bool{}
		for _, p := range ps {
			o := l.obs(ctx, w, p.it, p.d, inBatch, seen)
			l.restore(ctx, w, o)
			w.series.Add(o)
			raised = append(raised, w.det.Observe(o)...)
			raised = append(raised, w.camps.Observe(o)...)
		}
	}
	l.mu.Unlock()
	for _, a := range raised {
		if _, err := l.Escalate.Raise(ctx, a.Workspace, ActorListen, a.NewAlert()); err != nil {
			l.log().Error("listen: raise alert", "workspace", a.Workspace, "alert", a.String(), "err", err)
		} else {
			l.log().Info("listen: alert", "workspace", a.Workspace, "alert", a.String())
		}
	}
}

// workspace returns ws's listening state, made on first use with the
// workspace's staff names as topics.
func (l *Listener) workspace(ctx context.Context, ws string) (*wsListen, error) {
	if w := l.wss[ws]; w != nil {
		return w, nil
	}
	rec, err := l.Store.Workspace(ctx, ws)
	if err != nil {
		return nil, err
	}
	topics := listen.StaffTopics(rec.Context.StaffNames)
	dc := l.Detector
	dc.Topics = topics
	w := &wsListen{series: listen.NewSeries(topics), det: listen.NewDetector(dc), camps: listen.NewCampaigns(l.Campaigns),
		topics: topics, restored: map[listen.Key]bool{}, authors: map[string]bool{}}
	if l.wss == nil {
		l.wss = map[string]*wsListen{}
	}
	l.wss[ws] = w
	return w, nil
}

func (l *Listener) obs(ctx context.Context, w *wsListen, it ingest.Item, d store.Decision, inBatch map[string]int, seen map[string]bool) listen.Obs {
	at := it.ReceivedAt
	if at.IsZero() {
		at = d.DecidedAt
	}
	if at.Before(w.last) {
		at = w.last
	}
	w.last = at
	o := listen.Obs{Workspace: it.Workspace, Channel: it.Channel, ItemID: it.ID, At: at,
		AuthorID: it.AuthorID, AuthorName: it.AuthorName, Text: it.Text}
	o.Negative, o.Categories = listen.FromSignals(d.Signals)
	if it.AuthorID != "" {
		ak := it.Channel + "\x00" + it.AuthorID
		if !w.authors[ak] && !seen[ak] {
			// The item is stored already: an author whose only items in
			// the workspace are this batch's is new.
			info, err := l.Store.Author(ctx, it.Workspace, it.Channel, it.AuthorID)
			if err != nil && !errors.Is(err, store.ErrNotFound) {
				l.log().Warn("listen: author", "err", err)
			} else {
				o.NewAuthor = info.Items <= inBatch[ak]
			}
		}
		seen[ak] = true
		w.authors[ak] = true
	}
	return o
}

// restore loads the baselines of o's series not seen before in this
// process from the store's hour roll-ups.
func (l *Listener) restore(ctx context.Context, w *wsListen, o listen.Obs) {
	names := []string{listen.All}
	for _, t := range w.topics {
		names = append(names, t.Name)
	}
	hist := l.History
	if hist <= 0 {
		hist = 28 * 24 * time.Hour
	}
	to := o.At.Truncate(time.Hour).Add(time.Hour)
	for _, ch := range []string{o.Channel, listen.All} {
		for _, tp := range names {
			k := listen.Key{Workspace: o.Workspace, Channel: ch, Topic: tp}
			if w.restored[k] {
				continue
			}
			w.restored[k] = true
			rows, err := l.Store.ListenSeries(ctx, store.ListenQuery{Workspace: k.Workspace, Channel: ch, Topic: tp,
				Resolution: time.Hour, From: to.Add(-hist), To: to})
			if err != nil {
				l.log().Warn("listen: restore baseline", "series", k, "err", err)
				continue
			}
			if len(rows) == 0 {
				continue
			}
			pts := make([]listen.Point, len(rows))
			for i, r := range rows {
				pts[i] = listen.PointFromCounts(r.Start, r.Volume, r.Negative, r.NewAuthors, r.Categories)
			}
			w.det.Restore(k, pts)
		}
	}
}

// Flush writes the minute counts gathered since the last flush to the
// store and lets the in-memory series forget minutes older than 3 hours.
func (l *Listener) Flush(ctx context.Context) error {
	var rows []store.ListenCount
	l.mu.Lock()
	cut := l.now().Add(-3 * time.Hour)
	for _, w := range l.wss {
		rows = append(rows, w.series.Drain()...)
		w.series.Prune(cut)
	}
	l.mu.Unlock()
	if len(rows) == 0 {
		return nil
	}
	return l.Store.AddListenCounts(ctx, rows)
}

// Prune deletes old minute and hour rows from the store.
func (l *Listener) Prune(ctx context.Context) (int64, error) {
	mr, hr := l.MinuteRetention, l.HourRetention
	if mr <= 0 {
		mr = 14 * 24 * time.Hour
	}
	if hr <= 0 {
		hr = 400 * 24 * time.Hour
	}
	now := l.now()
	return l.Store.PruneListen(ctx, now.Add(-mr), now.Add(-hr))
}

// Run flushes every flushEvery (a minute when zero) and prunes daily
// until ctx ends, then flushes once more.
func (l *Listener) Run(ctx context.Context, flushEvery time.Duration) error {
	if flushEvery <= 0 {
		flushEvery = time.Minute
	}
	flush := time.NewTicker(flushEvery)
	defer flush.Stop()
	prune := time.NewTicker(24 * time.Hour)
	defer prune.Stop()
	if _, err := l.Prune(ctx); err != nil && ctx.Err() == nil {
		l.log().Warn("listen: prune", "err", err)
	}
	in := l.queue()
	for {
		select {
		case b := <-in:
			l.Observe(ctx, b.items, b.ds)
		case <-ctx.Done():
			// Observe what the pipeline left before stopping, then flush.
			for drained := false; !drained; {
				select {
				case b := <-in:
					l.Observe(context.WithoutCancel(ctx), b.items, b.ds)
				default:
					drained = true
				}
			}
			if err := l.Flush(context.WithoutCancel(ctx)); err != nil {
				l.log().Error("listen: final flush", "err", err)
			}
			return nil
		case <-flush.C:
			if err := l.Flush(ctx); err != nil && ctx.Err() == nil {
				l.log().Error("listen: flush counts", "err", err)
			}
		case <-prune.C:
			if n, err := l.Prune(ctx); err != nil && ctx.Err() == nil {
				l.log().Warn("listen: prune", "err", err)
			} else if n > 0 {
				l.log().Debug("listen: pruned", "rows", n)
			}
		}
	}
}
