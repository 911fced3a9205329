// Package audit owns the audit trail: an append-only, hash-chained record of
// every automatic and human step. Each event's hash covers its own fields and
// the previous event's hash, so editing or removing any record breaks the
// chain from that point on, and Verify names where.
//
// The chain cannot by itself reveal that its newest events were cut off; for
// that, keep the head (sequence and hash, printed by `stormwatch audit head`)
// somewhere else and pass it to Verify.
package audit

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Actor kinds. A human actor is "user:<id>"; automatic steps use these.
const (
	ActorSystem   = "system"
	ActorPipeline = "pipeline"
	ActorOutbox   = "outbox"
)

// Event is one audited step.
type Event struct {
	Seq       int64           `json:"seq"`
	At        time.Time       `json:"at"`
	Workspace string          `json:"workspace"`
	Actor     string          `json:"actor"`   // who: system, pipeline, outbox, user:<id>, token:<id>
	Kind      string          `json:"kind"`    // what: item.decided, action.done, policy.changed, ...
	Subject   string          `json:"subject"` // on what: item:42, action:7, policy:v3
	Data      json.RawMessage `json:"data,omitempty"`
	PrevHash  []byte          `json:"prev_hash"`
	Hash      []byte          `json:"hash"`
}

// Seal fills in ev.Seq, ev.PrevHash and ev.Hash so that ev follows an event
// with sequence prevSeq and hash prevHash (nil and 0 for the first event).
func Seal(ev *Event, prevSeq int64, prevHash []byte) {
	ev.Seq = prevSeq + 1
	ev.PrevHash = append([]byte{}, prevHash...) // never nil: the first event links to the empty hash
	ev.At = ev.At.UTC().Truncate(time.Microsecond)
	ev.Hash = hashOf(ev)
}

// hashOf covers every field but Hash itself, each length-prefixed so that no
// two different events can encode to the same bytes.
func hashOf(ev *Event) []byte {
	h := sha256.New()
	var n [8]byte
	put := func(b []byte) {
		binary.BigEndian.PutUint64(n[:], uint64(len(b)))
		h.Write(n[:])
		h.Write(b)
	}
	binary.BigEndian.PutUint64(n[:], uint64(ev.Seq))
	h.Write(n[:])
	binary.BigEndian.PutUint64(n[:], uint64(ev.At.UnixMicro()))
	h.Write(n[:])
	put(ev.PrevHash)
	put([]byte(ev.Workspace))
	put([]byte(ev.Actor))
	put([]byte(ev.Kind))
	put([]byte(ev.Subject))
	put(ev.Data)
	return h.Sum(nil)
}

// Head identifies the newest event of a chain.
type Head struct {
	Seq  int64
	Hash []byte
}

func (h Head) String() string { return fmt.Sprintf("%d:%s", h.Seq, hex.EncodeToString(h.Hash)) }

// ParseHead reads a head written by Head.String.
func ParseHead(s string) (Head, error) {
	var seq int64
	var hexHash string
	if _, err := fmt.Sscanf(s, "%d:%s", &seq, &hexHash); err != nil {
		return Head{}, fmt.Errorf("audit head %q: want SEQ:HEXHASH as printed by 'stormwatch audit head'", s)
	}
	b, err := hex.DecodeString(hexHash)
	if err != nil || len(b) != sha256.Size {
		return Head{}, fmt.Errorf("audit head %q: hash is not 64 hex digits", s)
	}
	return Head{Seq: seq, Hash: b}, nil
}

// Problem is one place where the chain does not hold.
type Problem struct {
	Seq    int64
	Reason string
}

func (p Problem) String() string { return fmt.Sprintf("event %d: %s", p.Seq, p.Reason) }

// Verifier checks events fed to it in sequence order.
type Verifier struct {
	prev     Head
	count    int64
	Problems []Problem
}

// Add checks the next event read from storage.
func (v *Verifier) Add(ev Event) {
	v.count++
	switch {
	case ev.Seq != v.prev.Seq+1:
		v.Problems = append(v.Problems, Problem{ev.Seq, fmt.Sprintf("expected event %d next: %d event(s) removed", v.prev.Seq+1, ev.Seq-v.prev.Seq-1)})
	case string(ev.PrevHash) != string(v.prev.Hash):
		v.Problems = append(v.Problems, Problem{ev.Seq, "does not link to the event before it (previous event edited or removed)"})
	}
	if want := hashOf(&ev); string(want) != string(ev.Hash) {
		v.Problems = append(v.Problems, Problem{ev.Seq, "content does not match its hash (event edited)"})
	}
	v.prev = Head{Seq: ev.Seq, Hash: ev.Hash}
}

// Finish reports every problem found, checking the chain's end against an
// expected head when one is given. It returns the head verified.
func (v *Verifier) Finish(expect *Head) (Head, error) {
	if expect != nil {
		switch {
		case v.prev.Seq < expect.Seq:
			v.Problems = append(v.Problems, Problem{v.prev.Seq, fmt.Sprintf("chain ends at event %d but the recorded head is %d: newest events removed", v.prev.Seq, expect.Seq)})
		case v.prev.Seq == expect.Seq && string(v.prev.Hash) != string(expect.Hash):
			v.Problems = append(v.Problems, Problem{v.prev.Seq, "newest event does not match the recorded head"})
		}
	}
	if len(v.Problems) == 0 {
		return v.prev, nil
	}
	errs := make([]error, len(v.Problems))
	for i, p := range v.Problems {
		errs[i] = errors.New(p.String())
	}
	return v.prev, fmt.Errorf("audit chain broken in %d place(s) over %d events:\n%w", len(v.Problems), v.count, errors.Join(errs...))
}
