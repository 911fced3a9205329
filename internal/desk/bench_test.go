package desk_test

import (
	"io"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/desk/desktest"
)

// BenchmarkQueue500 renders the queue with 500 items on the page, through
// the whole server (session, permission, store, templates), and reports
// the 95th percentile.
func BenchmarkQueue500(b *testing.B) {
	f := desktest.New(b, desktest.Options{ExtraItems: 600})
	c := f.SignIn(b, auth.RoleModerator)
	url := f.URL + "/w/demo/queue?limit=500"
	var ds []time.Duration
	size := 0
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		resp, err := c.Client.Get(url)
		if err != nil {
			b.Fatal(err)
		}
		n, _ := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("status %d", resp.StatusCode)
		}
		size = int(n)
		ds = append(ds, time.Since(start))
	}
	slices.Sort(ds)
	p95 := ds[len(ds)*95/100]
	b.ReportMetric(float64(p95.Microseconds())/1000, "p95-ms")
	b.ReportMetric(float64(size), "bytes/page")
}
