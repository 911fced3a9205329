// Package bench owns the throughput and latency measurements that the
// `stormwatch bench` command prints and the Go benchmarks report: a real
// server on loopback with a durable SQLite database, fed by the simulator.
package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/stormwatch/stormwatch/internal/app"
	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/config"
	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/policy"
	"github.com/stormwatch/stormwatch/internal/sim"
	"github.com/stormwatch/stormwatch/internal/store"
)

// IngestConfig shapes an ingest benchmark.
type IngestConfig struct {
	Items       int // total items
	Batch       int // items per request
	Concurrency int // requests in flight
	// Rate, when > 0, paces requests to this many items per second (an
	// open-loop load, as real traffic is); 0 sends as fast as possible,
	// which measures capacity but makes latency mean queueing.
	Rate   float64
	Dir    string
	Engine *detect.Engine
}

// IngestReport is what the benchmark measured.
type IngestReport struct {
	Items       int
	Batch       int
	Concurrency int
	Rate        float64
	Elapsed     time.Duration // first request sent to last decision stored
	PerSecond   float64       // items decided per second
	// Latencies from the start of the request that carried an item to the
	// commit of its decision.
	P50, P90, P99, Max time.Duration
	// Ack latencies: request start to HTTP 201 (items durably stored).
	AckP50, AckP99 time.Duration
}

func (r IngestReport) String() string {
	load := "as fast as possible"
	if r.Rate > 0 {
		load = fmt.Sprintf("paced at %.0f items/s", r.Rate)
	}
	return fmt.Sprintf("ingest-to-decision: %d items in batches of %d, %d concurrent requests, %s, SQLite WAL synchronous=FULL\n"+
		"  throughput  %.0f items/s (%.2fs)\n"+
		"  latency     p50 %s  p90 %s  p99 %s  max %s  (request start -> decision committed)\n"+
		"  ack         p50 %s  p99 %s  (request start -> 201, items committed)",
		r.Items, r.Batch, r.Concurrency, load, r.PerSecond, r.Elapsed.Seconds(),
		ms(r.P50), ms(r.P90), ms(r.P99), ms(r.Max), ms(r.AckP50), ms(r.AckP99))
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d.Microseconds())/1000) }

// Ingest runs the benchmark.
func Ingest(ctx context.Context, bc IngestConfig) (IngestReport, error) {
	rep := IngestReport{Items: bc.Items, Batch: bc.Batch, Concurrency: bc.Concurrency, Rate: bc.Rate}
	cfg := config.Defaults()
	cfg.DataDir = bc.Dir
	cfg.DatabaseURL = "sqlite:" + filepath.Join(bc.Dir, "bench.db")
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := app.New(ctx, cfg, log, bc.Engine)
	if err != nil {
		return rep, err
	}
	token := auth.NewToken()
	if err := a.Store.CreateWorkspace(ctx, store.Workspace{ID: "bench", Name: "Bench", PolicyYAML: policy.DefaultYAML(), PolicyVersion: policy.Default().Version(), Context: app.DemoContext}, "bench"); err != nil {
		a.Close()
		return rep, err
	}
	if _, err := a.Store.CreateToken(ctx, "bench", "bench", auth.HashToken(token), "bench"); err != nil {
		a.Close()
		return rep, err
	}

	var mu sync.Mutex
	sentAt := make(map[int64]time.Time, bc.Items)
	decidedAt := make(map[int64]time.Time, bc.Items)
	allDecided := make(chan struct{})
	a.OnDecided = func(ds []store.Decision) {
		now := time.Now()
		mu.Lock()
		defer mu.Unlock()
		for _, d := range ds {
			decidedAt[d.ItemID] = now
		}
		if len(decidedAt) == bc.Items {
			close(allDecided)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		a.Close()
		return rep, err
	}
	runCtx, stop := context.WithCancel(ctx)
	runErr := make(chan error, 1)
	go func() { runErr <- a.Run(runCtx, ln) }()
	defer func() { stop(); <-runErr }()

	bodies := makeBodies(bc.Items, bc.Batch)
	url := "http://" + ln.Addr().String() + "/api/v1/workspaces/bench/items"
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: bc.Concurrency}}
	var ackMu sync.Mutex
	var acks []time.Duration
	next := make(chan []byte)
	errs := make(chan error, bc.Concurrency)
	start := time.Now()
	var wg sync.WaitGroup
	for w := 0; w < bc.Concurrency; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for body := range next {
				t0 := time.Now()
				ids, err := post(client, url, token, body)
				if err != nil {
					errs <- err
					return
				}
				ack := time.Since(t0)
				mu.Lock()
				for _, id := range ids {
					sentAt[id] = t0
				}
				mu.Unlock()
				ackMu.Lock()
				acks = append(acks, ack)
				ackMu.Unlock()
			}
		}()
	}
	var interval time.Duration
	if bc.Rate > 0 {
		interval = time.Duration(float64(time.Second) * float64(bc.Batch) / bc.Rate)
	}
feed:
	for i, b := range bodies {
		if interval > 0 {
			time.Sleep(time.Until(start.Add(time.Duration(i) * interval)))
		}
		select {
		case next <- b:
		case err := <-errs:
			close(next)
			wg.Wait()
			return rep, err
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	select {
	case err := <-errs:
		return rep, err
	default:
	}
	select {
	case <-allDecided:
	case <-time.After(5 * time.Minute):
		return rep, fmt.Errorf("not every item was decided within 5 minutes")
	case <-ctx.Done():
		return rep, ctx.Err()
	}
	mu.Lock()
	defer mu.Unlock()
	var lat []time.Duration
	var last time.Time
	for id, d := range decidedAt {
		if d.After(last) {
			last = d
		}
		if s, ok := sentAt[id]; ok {
			// A decision can land before the 201 reaches the client, so the
			// send time is the only sound start.
			lat = append(lat, d.Sub(s))
		}
	}
	rep.Elapsed = last.Sub(start)
	rep.PerSecond = float64(bc.Items) / rep.Elapsed.Seconds()
	rep.P50, rep.P90, rep.P99, rep.Max = Percentile(lat, 50), Percentile(lat, 90), Percentile(lat, 99), Percentile(lat, 100)
	rep.AckP50, rep.AckP99 = Percentile(acks, 50), Percentile(acks, 99)
	return rep, nil
}

// Percentile returns the p-th percentile (nearest rank) of ds.
func Percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(float64(len(s))*p/100+0.5) - 1
	return s[max(0, min(i, len(s)-1))]
}

// makeBodies renders the simulator's stream into request bodies up front,
// so the client's own work does not count against the server.
func makeBodies(n, batch int) [][]byte {
	g := sim.New(sim.Config{Seed: 42, Workspace: "bench", Start: time.Date(2026, 11, 16, 8, 0, 0, 0, time.UTC)})
	var bodies [][]byte
	var buf bytes.Buffer
	for i := 0; i < n; i++ {
		it := g.Next().Item
		it.PlatformID = fmt.Sprintf("bench-%d", i) // unique even if the simulator repeats
		b, _ := ingest.MarshalWire(it)
		if buf.Len() == 0 {
			buf.WriteByte('[')
		} else {
			buf.WriteByte(',')
		}
		buf.Write(b)
		if (i+1)%batch == 0 || i == n-1 {
			buf.WriteByte(']')
			bodies = append(bodies, bytes.Clone(buf.Bytes()))
			buf.Reset()
		}
	}
	return bodies
}

func post(c *http.Client, url, token string, body []byte) ([]int64, error) {
	req, _ := http.NewRequest("POST", url, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusCreated && resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("ingest answered %d: %s", resp.StatusCode, raw)
	}
	var out struct {
		Items []struct {
			ID int64 `json:"id"`
		} `json:"items"`
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, err
	}
	ids := make([]int64, len(out.Items))
	for i, it := range out.Items {
		ids[i] = it.ID
	}
	return ids, nil
}
