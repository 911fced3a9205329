package bluesky

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	comatproto "github.com/bluesky-social/indigo/api/atproto"
	"github.com/bluesky-social/indigo/atproto/atdata"
	"github.com/bluesky-social/indigo/events"
	"github.com/bluesky-social/indigo/repo/carutil"
	"github.com/gorilla/websocket"

	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/source"
)

const subscribeRepos = "com.atproto.sync.subscribeRepos"

// Limits on what is read from the firehose.
const (
	maxFrame   = 4 << 20 // the relay caps commit blocks at 2 MB
	maxBatch   = 256     // frames handled before one emit
	pingEvery  = 30 * time.Second
	readTimout = 3 * pingEvery // no frame and no pong this long: the connection is dead
)

// firehoseURL builds the subscribeRepos URL from base (ws[s]:// or
// http[s]://, host only or the full path) and cursor.
func firehoseURL(base, cursor string) (string, error) {
	u, err := url.Parse(strings.TrimRight(base, "/"))
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("bluesky: firehose %q is not a URL", base)
	}
	switch u.Scheme {
	case "ws", "wss":
	case "http":
		u.Scheme = "ws"
	case "https":
		u.Scheme = "wss"
	default:
		return "", fmt.Errorf("bluesky: firehose %q must be ws(s):// or http(s)://", base)
	}
	if !strings.HasSuffix(u.Path, "/xrpc/"+subscribeRepos) {
		u.Path = strings.TrimRight(u.Path, "/") + "/xrpc/" + subscribeRepos
	}
	q := url.Values{}
	if cursor != "" {
		q.Set("cursor", cursor)
	}
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// Frame is one decoded firehose message. Seq is 0 for frames without a
// sequence number (#info, errors).
type Frame struct {
	Seq    int64
	Commit *comatproto.SyncSubscribeRepos_Commit
	// Info is the name of an #info message (e.g. OutdatedCursor).
	Info string
	// Err and ErrMessage are an error frame's fields (FutureCursor,
	// ConsumerTooSlow, ...).
	Err, ErrMessage string
}

// DecodeFrame reads one binary websocket message of subscribeRepos with
// indigo's event reader (a CBOR header, then the CBOR body).
func DecodeFrame(data []byte) (Frame, error) {
	var ev events.XRPCStreamEvent
	if err := ev.Deserialize(bytes.NewReader(data)); err != nil {
		return Frame{}, fmt.Errorf("bluesky: firehose frame: %w", err)
	}
	var f Frame
	switch {
	case ev.Error != nil:
		f.Err, f.ErrMessage = truncate(ev.Error.Error, 100), truncate(ev.Error.Message, 300)
		if f.Err == "" {
			f.Err = "Unknown"
		}
	case ev.RepoCommit != nil:
		f.Seq, f.Commit = ev.RepoCommit.Seq, ev.RepoCommit
	case ev.RepoSync != nil:
		f.Seq = ev.RepoSync.Seq
	case ev.RepoIdentity != nil:
		f.Seq = ev.RepoIdentity.Seq
	case ev.RepoAccount != nil:
		f.Seq = ev.RepoAccount.Seq
	case ev.RepoInfo != nil:
		f.Info = truncate(ev.RepoInfo.Name, 100)
	}
	if f.Seq < 0 {
		return Frame{}, fmt.Errorf("bluesky: firehose frame with negative seq %d", f.Seq)
	}
	return f, nil
}

// CommitItems returns the posts created by a commit that touch the
// organization whose DID is org, as items. Records that cannot be read are
// skipped: one bad record must not stop the channel.
func CommitItems(evt *comatproto.SyncSubscribeRepos_Commit, org string) []ingest.Item {
	if evt == nil || org == "" || evt.Repo == org || !validDID(evt.Repo) {
		return nil // the organization's own posts are not inbound
	}
	// Every record that references the organization contains its DID as
	// text; most commits on the relay do not, and need no decoding.
	if !bytes.Contains(evt.Blocks, []byte(org)) {
		return nil
	}
	want := map[string]string{} // record CID -> path
	for _, op := range evt.Ops {
		if op == nil || op.Action != "create" || op.Cid == nil || !strings.HasPrefix(op.Path, collPost+"/") {
			continue
		}
		want[op.Cid.String()] = op.Path
	}
	if len(want) == 0 {
		return nil
	}
	blocks, err := carBlocks(evt.Blocks, want)
	if err != nil {
		return nil
	}
	received, _ := time.Parse(time.RFC3339Nano, evt.Time)
	var items []ingest.Item
	for _, op := range evt.Ops {
		if op == nil || op.Cid == nil {
			continue
		}
		cid := op.Cid.String()
		data, ok := blocks[cid]
		if !ok || want[cid] != op.Path {
			continue
		}
		rkey := strings.TrimPrefix(op.Path, collPost+"/")
		if !validRKey(rkey) {
			continue
		}
		rec, err := atdata.UnmarshalCBOR(data)
		if err != nil {
			continue
		}
		p, err := ParsePost(rec)
		if err != nil {
			continue
		}
		reasons := p.Reasons(org)
		if len(reasons) == 0 {
			continue
		}
		it, err := itemFromPost(ATURI{DID: evt.Repo, Collection: collPost, RKey: rkey}, cid, rec, p, reasons, received)
		if err != nil {
			continue
		}
		items = append(items, it)
	}
	return items
}

// carBlocks reads the CAR slice of a commit and returns the blocks whose
// CIDs are in want.
func carBlocks(car []byte, want map[string]string) (map[string][]byte, error) {
	// The reader allocates what each section's length prefix claims (up to
	// 32 MB): hand it only the prefix whose lengths fit in the bytes.
	car = car[:carPrefix(car)]
	r, _, err := carutil.NewReader(bufio.NewReader(bytes.NewReader(car)))
	if err != nil {
		return nil, fmt.Errorf("bluesky: commit blocks: %w", err)
	}
	out := map[string][]byte{}
	for len(out) < len(want) {
		blk, err := r.NextBlock()
		if err != nil {
			break // end of the CAR, or a truncated one: keep what was read
		}
		c := blk.Cid().String()
		if _, ok := want[c]; ok {
			out[c] = blk.RawData()
		}
	}
	return out, nil
}

// carPrefix returns the length of the longest prefix of a CAR file made of
// whole length-prefixed sections (the header, then the blocks).
func carPrefix(car []byte) int {
	end := 0
	for end < len(car) {
		n, k := binary.Uvarint(car[end:])
		if k <= 0 || n == 0 || n > uint64(len(car)-end-k) {
			break
		}
		end += k + int(n)
	}
	return end
}

// cursorError is an error frame that says the saved cursor is unusable.
type cursorError struct{ name, msg string }

func (e cursorError) Error() string {
	return fmt.Sprintf("bluesky: firehose refused the cursor: %s: %s", e.name, e.msg)
}

// runFirehose reads the firehose from cursor (a sequence number; "" or an
// unreadable cursor starts from the live end) and emits the items that
// touch the organization with the sequence number after them.
func (c *Connector) runFirehose(ctx context.Context, cursor string, emit source.EmitFunc) error {
	org, err := c.orgDID(ctx)
	if err != nil {
		return err
	}
	var last int64
	if cursor != "" {
		n, err := strconv.ParseInt(cursor, 10, 64)
		if err != nil || n < 0 {
			c.log().Warn("bluesky: unreadable firehose cursor; starting from the live end", "channel", c.cfg.Channel, "cursor", truncate(cursor, 40))
			cursor = ""
		} else {
			last = n
		}
	}
	u, err := firehoseURL(c.cfg.Firehose, cursor)
	if err != nil {
		return err
	}
	d := websocket.Dialer{HandshakeTimeout: 30 * time.Second, ReadBufferSize: 64 << 10}
	h := http.Header{"User-Agent": {"Stormwatch"}}
	conn, resp, err := d.DialContext(ctx, u, h)
	if err != nil {
		if resp != nil {
			e := &APIError{Method: "GET", NSID: subscribeRepos, Status: resp.StatusCode}
			if e.Temporary() {
				e.after = min(max(c.retryAfter(resp.Header), 5*time.Second), c.cfg.MaxRetryWait)
			}
			return e
		}
		return fmt.Errorf("bluesky: connect to firehose: %w", err)
	}
	defer conn.Close()
	conn.SetReadLimit(maxFrame)

	type msg struct {
		data []byte
		err  error
	}
	frames := make(chan msg, maxBatch)
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		<-rctx.Done()
		conn.Close() // unblocks ReadMessage
	}()
	_ = conn.SetReadDeadline(time.Now().Add(readTimout))
	conn.SetPongHandler(func(string) error { return conn.SetReadDeadline(time.Now().Add(readTimout)) })
	go func() {
		t := time.NewTicker(pingEvery)
		defer t.Stop()
		for {
			select {
			case <-rctx.Done():
				return
			case <-t.C:
				_ = conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(10*time.Second))
			}
		}
	}()
	go func() {
		for {
			typ, data, err := conn.ReadMessage()
			if err == nil && typ != websocket.BinaryMessage {
				continue
			}
			if err == nil {
				_ = conn.SetReadDeadline(time.Now().Add(readTimout))
			}
			select {
			case frames <- msg{data, err}:
			case <-rctx.Done():
				return
			}
			if err != nil {
				return
			}
		}
	}()

	saved := last
	var pending []ingest.Item
	seen := map[string]bool{}
	flush := func() error {
		if len(pending) == 0 && last == saved {
			return nil
		}
		next := strconv.FormatInt(last, 10)
		if err := emit(ctx, pending, next); err != nil {
			return fmt.Errorf("bluesky: emit %d items: %w", len(pending), err)
		}
		saved, pending = last, nil
		clear(seen)
		return nil
	}
	handle := func(m msg) error {
		if m.err != nil {
			return fmt.Errorf("bluesky: firehose: %w", m.err)
		}
		f, err := DecodeFrame(m.data)
		if err != nil {
			c.log().Warn("bluesky: skipped an unreadable firehose frame", "channel", c.cfg.Channel, "err", err)
			return nil
		}
		switch {
		case f.Err == "FutureCursor":
			return cursorError{f.Err, f.ErrMessage}
		case f.Err != "":
			return &APIError{Method: "GET", NSID: subscribeRepos, Status: http.StatusServiceUnavailable, Code: f.Err, Message: f.ErrMessage, after: min(5*time.Second, c.cfg.MaxRetryWait)}
		case f.Info != "":
			c.log().Info("bluesky: firehose info", "channel", c.cfg.Channel, "name", f.Info)
			return nil
		}
		if f.Seq <= last && last != 0 {
			return nil // replayed or out of order: already handled
		}
		if f.Seq > 0 {
			last = f.Seq
		}
		for _, it := range CommitItems(f.Commit, org) {
			if !seen[it.PlatformID] {
				seen[it.PlatformID] = true
				it.Channel = c.cfg.Channel
				pending = append(pending, it)
			}
		}
		return nil
	}
	idle := 0 // frames since the cursor was last saved
	for {
		var m msg
		select {
		case <-ctx.Done():
			return nil
		case m = <-frames:
		}
		err := handle(m)
		idle++
	drain:
		for n := 1; err == nil && n < maxBatch; n++ {
			select {
			case m = <-frames:
				err = handle(m)
				idle++
			default:
				break drain
			}
		}
		if err != nil {
			// Keep what was read before the failure.
			if ferr := flush(); ferr != nil && ctx.Err() == nil {
				return ferr
			}
			var ce cursorError
			if errors.As(err, &ce) && ctx.Err() == nil {
				// The cursor is ahead of this firehose (another host, or a
				// reset server): start again from its live end.
				if eerr := emit(ctx, nil, ""); eerr != nil {
					return fmt.Errorf("bluesky: reset cursor: %w", eerr)
				}
			}
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		if len(pending) > 0 || idle >= c.cfg.CursorEvery {
			if err := flush(); err != nil {
				if ctx.Err() != nil {
					return nil
				}
				return err
			}
			idle = 0
		}
	}
}

// log is the connector's logger.
func (c *Connector) log() *slog.Logger {
	if c.cfg.Log != nil {
		return c.cfg.Log
	}
	return slog.Default()
}
