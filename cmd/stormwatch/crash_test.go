package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/sim"
)

// buildBinary compiles stormwatch once for the tests of this package.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "stormwatch")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

type server struct {
	cmd  *exec.Cmd
	logs *bytes.Buffer
	done chan error
}

func startServer(t *testing.T, bin string, env []string, addr string) *server {
	t.Helper()
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), env...)
	logs := &bytes.Buffer{}
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd, logs: logs, done: make(chan error, 1)}
	go func() { s.done <- cmd.Wait() }()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return s
			}
		}
		select {
		case err := <-s.done:
			t.Fatalf("server exited during start: %v\n%s", err, logs)
		case <-time.After(50 * time.Millisecond):
		}
	}
	t.Fatalf("server not healthy within 60s\n%s", logs)
	return nil
}

// TestCrashDuringIngest kills the server with SIGKILL twice while 50,000
// items arrive through the API, restarts it, and checks that every
// acknowledged item is stored exactly once, decided once, and that no
// outbox action had its effect twice.
func TestCrashDuringIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test builds the binary and sends 50,000 items")
	}
	const total, batch, senders = 50000, 100, 4
	bin := buildBinary(t)
	dir := t.TempDir()
	addr := freeAddr(t)
	token := "sw_crashtestcrashtestcrashtestcrasht"
	env := []string{"STORMWATCH_ADDR=" + addr, "STORMWATCH_DATA_DIR=" + dir, "STORMWATCH_DEMO=true", "STORMWATCH_DEMO_TOKEN=" + token,
		"STORMWATCH_SIMULATOR_RATE=0", "STORMWATCH_DRYRUN_LATENCY=1ms", "STORMWATCH_LOG_LEVEL=warn"}

	// Build the batches up front from the simulator, so many items are
	// abusive enough to queue outbox actions.
	g := sim.New(sim.Config{Seed: 7, Workspace: "demo", Start: time.Date(2026, 11, 16, 8, 0, 0, 0, time.UTC)})
	var batches [][]byte
	var ids [][]string
	var buf bytes.Buffer
	var cur []string
	for i := 0; i < total; i++ {
		it := g.Next().Item
		it.PlatformID = fmt.Sprintf("crash-%d", i)
		b, err := ingest.MarshalWire(it)
		if err != nil {
			t.Fatal(err)
		}
		if buf.Len() == 0 {
			buf.WriteByte('[')
		} else {
			buf.WriteByte(',')
		}
		buf.Write(b)
		cur = append(cur, it.Channel+"\x00"+it.PlatformID)
		if len(cur) == batch {
			buf.WriteByte(']')
			batches = append(batches, bytes.Clone(buf.Bytes()))
			ids = append(ids, cur)
			buf.Reset()
			cur = nil
		}
	}

	srv := startServer(t, bin, env, addr)
	servers := []*server{srv}
	url := "http://" + addr + "/api/v1/workspaces/demo/items"
	client := &http.Client{Timeout: 30 * time.Second}
	var acked sync.Map // channel\x00platform_id -> true
	var ackedCount atomic.Int64
	queue := make(chan int, len(batches))
	for i := range batches {
		queue <- i
	}
	var remaining atomic.Int64
	remaining.Store(int64(len(batches)))
	var srvMu sync.Mutex
	kills := []int64{total * 3 / 10, total * 7 / 10}
	killed := 0

	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	var wg sync.WaitGroup
	for w := 0; w < senders; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for remaining.Load() > 0 && ctx.Err() == nil {
				var i int
				select {
				case i = <-queue:
				case <-time.After(100 * time.Millisecond):
					continue
				}
				req, _ := http.NewRequestWithContext(ctx, "POST", url, bytes.NewReader(batches[i]))
				req.Header.Set("Authorization", "Bearer "+token)
				resp, err := client.Do(req)
				if err != nil {
					queue <- i // not acknowledged: send again after the restart
					time.Sleep(20 * time.Millisecond)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 201 && resp.StatusCode != 200 {
					queue <- i
					time.Sleep(20 * time.Millisecond)
					continue
				}
				for _, id := range ids[i] {
					acked.Store(id, true)
				}
				remaining.Add(-1)
				n := ackedCount.Add(int64(len(ids[i])))
				srvMu.Lock()
				if killed < len(kills) && n >= kills[killed] {
					killed++
					srv.cmd.Process.Signal(syscall.SIGKILL)
					<-srv.done
					srv = startServer(t, bin, env, addr)
					servers = append(servers, srv)
				}
				srvMu.Unlock()
			}
		}()
	}
	wg.Wait()
	if ctx.Err() != nil {
		t.Fatalf("sending did not finish: %d of %d batches left", remaining.Load(), len(batches))
	}
	if killed != len(kills) {
		t.Fatalf("killed %d times, want %d", killed, len(kills))
	}

	// Let the pipeline and the outbox drain, then stop gracefully.
	waitDrained(t, addr)
	srv.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-srv.done:
		if err != nil {
			t.Fatalf("graceful shutdown: %v\n%s", err, srv.logs)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("server did not stop within 30s of SIGTERM")
	}

	db, err := sql.Open("sqlite", filepath.Join(dir, "stormwatch.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stored := map[string]int{}
	rows, err := db.Query(`SELECT channel, platform_id FROM items WHERE workspace_id = 'demo'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var ch, pid string
		rows.Scan(&ch, &pid)
		stored[ch+"\x00"+pid]++
	}
	rows.Close()
	missing, twice := 0, 0
	acked.Range(func(k, _ any) bool {
		switch stored[k.(string)] {
		case 0:
			missing++
		case 1:
		default:
			twice++
		}
		return true
	})
	if missing > 0 || twice > 0 || len(stored) != total {
		t.Errorf("acknowledged items: %d missing, %d stored more than once; %d stored in all, want %d", missing, twice, len(stored), total)
	}
	var undecided, decisions, doubleEffects, actionsDone, effects, notDone int
	db.QueryRow(`SELECT count(*) FROM items WHERE decided = 0`).Scan(&undecided)
	db.QueryRow(`SELECT count(*) FROM decisions`).Scan(&decisions)
	effectsDB, err := sql.Open("sqlite", filepath.Join(dir, "dryrun-effects.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer effectsDB.Close()
	effectsDB.QueryRow(`SELECT count(*) FROM (SELECT idempotency_key FROM effects GROUP BY idempotency_key HAVING count(*) > 1)`).Scan(&doubleEffects)
	db.QueryRow(`SELECT count(*) FROM actions WHERE status = 'done' AND kind != 'escalate'`).Scan(&actionsDone)
	effectsDB.QueryRow(`SELECT count(*) FROM effects`).Scan(&effects)
	db.QueryRow(`SELECT count(*) FROM actions WHERE status != 'done'`).Scan(&notDone)
	// How many actions a kill caught mid-flight (claimed, outcome not yet
	// recorded): each was retried under its idempotency key after restart.
	interrupted := 0
	for _, s := range servers {
		interrupted += strings.Count(s.logs.String(), "outbox action interrupted by a restart")
	}
	t.Logf("stored %d items, %d decisions, %d platform actions done, %d effects, killed %d times, %d actions caught mid-flight and retried once",
		len(stored), decisions, actionsDone, effects, killed, interrupted)
	if undecided != 0 || decisions != total {
		t.Errorf("%d items undecided, %d decisions; want 0 and %d", undecided, decisions, total)
	}
	if actionsDone == 0 {
		t.Errorf("no outbox action ran: the stream should have triggered some")
	}
	if doubleEffects != 0 || effects != actionsDone || notDone != 0 {
		t.Errorf("outbox: %d keys with more than one effect, %d effects for %d done actions, %d actions not done", doubleEffects, effects, actionsDone, notDone)
	}
	verify := exec.Command(bin, "audit", "verify")
	verify.Env = append(os.Environ(), "STORMWATCH_DATA_DIR="+dir)
	if out, err := verify.CombinedOutput(); err != nil || !strings.Contains(string(out), "audit chain: ok") {
		t.Errorf("audit verify after crashes: %v\n%s", err, out)
	}
}

// waitDrained polls /metrics until no item is pending and the outbox is empty.
func waitDrained(t *testing.T, addr string) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for time.Now().Before(deadline) {
		resp, err := http.Get("http://" + addr + "/metrics")
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			m := string(body)
			if strings.Contains(m, "\nstormwatch_pending_items 0\n") && strings.Contains(m, `stormwatch_outbox_actions{status="pending"} 0`) && strings.Contains(m, `stormwatch_outbox_actions{status="running"} 0`) {
				return
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatal("pipeline and outbox did not drain within 3 minutes")
}
