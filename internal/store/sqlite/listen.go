package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/stormwatch/stormwatch/internal/store"
)

// Bucket lengths in seconds, as listen_counts.res stores them.
const (
	resMinute = 60
	resHour   = 3600
)

// AddListenCounts upserts each count into its minute and hour buckets.
func (s *Store) AddListenCounts(ctx context.Context, counts []store.ListenCount) error {
	if len(counts) == 0 {
		return nil
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		cnt, err := tx.PrepareContext(ctx, `INSERT INTO listen_counts (workspace, channel, topic, res, start, volume, negative, new_authors)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (workspace, channel, topic, res, start) DO UPDATE SET
				volume = volume + excluded.volume,
				negative = negative + excluded.negative,
				new_authors = new_authors + excluded.new_authors`)
		if err != nil {
			return err
		}
		defer cnt.Close()
		cat, err := tx.PrepareContext(ctx, `INSERT INTO listen_categories (workspace, channel, topic, res, start, category, n)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (workspace, channel, topic, res, start, category) DO UPDATE SET n = n + excluded.n`)
		if err != nil {
			return err
		}
		defer cat.Close()
		for _, c := range counts {
			if c.Workspace == "" || c.Channel == "" || c.Topic == "" {
				return errors.New("listen count needs a workspace, a channel and a topic")
			}
			for _, res := range []int64{resMinute, resHour} {
				start := c.Start.Unix() / res * res
				if _, err := cnt.ExecContext(ctx, c.Workspace, c.Channel, c.Topic, res, start, c.Volume, c.Negative, c.NewAuthors); err != nil {
					return err
				}
				for name, n := range c.Categories {
					if _, err := cat.ExecContext(ctx, c.Workspace, c.Channel, c.Topic, res, start, name, n); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("add listen counts: %w", err)
	}
	return nil
}

// ListenSeries reads one series' buckets in [From, To).
func (s *Store) ListenSeries(ctx context.Context, q store.ListenQuery) ([]store.ListenCount, error) {
	var res int64
	switch q.Resolution {
	case time.Minute:
		res = resMinute
	case time.Hour:
		res = resHour
	default:
		return nil, fmt.Errorf("listen series: resolution %s is neither a minute nor an hour", q.Resolution)
	}
	args := []any{q.Workspace, q.Channel, q.Topic, res, q.From.Unix(), q.To.Unix()}
	out, err := queryAll(ctx, s.r, "listen series", func(sc scanner) (store.ListenCount, error) {
		c := store.ListenCount{Workspace: q.Workspace, Channel: q.Channel, Topic: q.Topic}
		var start int64
		err := sc.Scan(&start, &c.Volume, &c.Negative, &c.NewAuthors)
		c.Start = time.Unix(start, 0).UTC()
		return c, err
	}, `SELECT start, volume, negative, new_authors FROM listen_counts
		WHERE workspace = ? AND channel = ? AND topic = ? AND res = ? AND start >= ? AND start < ?
		ORDER BY start`, args...)
	if err != nil {
		return nil, err
	}
	type catRow struct {
		start int64
		name  string
		n     int64
	}
	cats, err := queryAll(ctx, s.r, "listen series categories", func(sc scanner) (catRow, error) {
		var r catRow
		err := sc.Scan(&r.start, &r.name, &r.n)
		return r, err
	}, `SELECT start, category, n FROM listen_categories
		WHERE workspace = ? AND channel = ? AND topic = ? AND res = ? AND start >= ? AND start < ?
		ORDER BY start, category`, args...)
	if err != nil {
		return nil, err
	}
	at := make(map[int64]int, len(out))
	for i, c := range out {
		at[c.Start.Unix()] = i
	}
	for _, r := range cats {
		i, ok := at[r.start]
		if !ok {
			continue
		}
		if out[i].Categories == nil {
			out[i].Categories = map[string]int64{}
		}
		out[i].Categories[r.name] = r.n
	}
	return out, nil
}

// PruneListen deletes old minute and hour buckets.
func (s *Store) PruneListen(ctx context.Context, minutesBefore, hoursBefore time.Time) (int64, error) {
	var total int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for _, p := range []struct {
			res    int64
			before time.Time
		}{{resMinute, minutesBefore}, {resHour, hoursBefore}} {
			if p.before.IsZero() {
				continue
			}
			r, err := tx.ExecContext(ctx, `DELETE FROM listen_counts WHERE res = ? AND start < ?`, p.res, p.before.Unix())
			if err != nil {
				return err
			}
			n, _ := r.RowsAffected()
			total += n
			if _, err := tx.ExecContext(ctx, `DELETE FROM listen_categories WHERE res = ? AND start < ?`, p.res, p.before.Unix()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("prune listen counts: %w", err)
	}
	return total, nil
}
