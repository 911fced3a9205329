package desk

import (
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/stormwatch/stormwatch/internal/store"
)

// hub fans "new item" events out to the open queues of a workspace.
type hub struct {
	mu   sync.Mutex
	subs map[string]map[chan int64]struct{}
}

func newHub() *hub { return &hub{subs: map[string]map[chan int64]struct{}{}} }

func (h *hub) subscribe(ws string) (chan int64, func()) {
	ch := make(chan int64, 64)
	h.mu.Lock()
	if h.subs[ws] == nil {
		h.subs[ws] = map[chan int64]struct{}{}
	}
	h.subs[ws][ch] = struct{}{}
	h.mu.Unlock()
	return ch, func() {
		h.mu.Lock()
		delete(h.subs[ws], ch)
		h.mu.Unlock()
	}
}

func (h *hub) publish(ws string, id int64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs[ws] {
		select {
		case ch <- id:
		default: // a slow reader misses a nudge, not an item: the next fetch brings all newer items
		}
	}
}

// Notify tells open queues that items were decided; the pipeline calls it
// after each stored batch.
func (d *Desk) Notify(ds []store.Decision) {
	for _, dec := range ds {
		d.hub.publish(dec.Workspace, dec.ItemID)
	}
}

// heartbeat keeps proxies from closing an idle stream.
const heartbeat = 25 * time.Second

// Events streams server-sent events: "item" with the id of each newly
// decided item of the workspace. The page then fetches the new rows.
func (d *Desk) Events(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	rc := http.NewResponseController(w)
	_ = rc.SetWriteDeadline(time.Time{}) // a stream outlives the server's write timeout
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	ch, cancel := d.hub.subscribe(v.Workspace)
	defer cancel()
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 5000\n\n")
	if err := rc.Flush(); err != nil {
		return
	}
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case id := <-ch:
			fmt.Fprintf(w, "event: item\ndata: %d\n\n", id)
		case <-tick.C:
			fmt.Fprint(w, ": keep-alive\n\n")
		}
		if err := rc.Flush(); err != nil {
			return
		}
	}
}
