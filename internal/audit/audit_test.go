package audit

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func chain(n int) []Event {
	var evs []Event
	var prev Head
	t0 := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		ev := Event{At: t0.Add(time.Duration(i) * time.Second), Workspace: "demo", Actor: ActorPipeline, Kind: "item.decided", Subject: fmt.Sprintf("item:%d", i), Data: []byte(`{"action":"hide"}`)}
		Seal(&ev, prev.Seq, prev.Hash)
		prev = Head{ev.Seq, ev.Hash}
		evs = append(evs, ev)
	}
	return evs
}

func verify(evs []Event, expect *Head) error {
	var v Verifier
	for _, ev := range evs {
		v.Add(ev)
	}
	_, err := v.Finish(expect)
	return err
}

func TestVerify(t *testing.T) {
	good := chain(5)
	head := Head{good[4].Seq, good[4].Hash}
	tests := []struct {
		name    string
		mutate  func([]Event) []Event
		expect  *Head
		wantErr string
	}{
		{"intact", func(e []Event) []Event { return e }, &head, ""},
		{"edited data", func(e []Event) []Event { e[2].Data = []byte(`{"action":"allow"}`); return e }, nil, "event 3: content does not match"},
		{"edited actor", func(e []Event) []Event { e[0].Actor = "user:mallory"; return e }, nil, "event 1: content does not match"},
		{"removed middle", func(e []Event) []Event { return append(e[:2:2], e[3:]...) }, nil, "1 event(s) removed"},
		{"removed first", func(e []Event) []Event { return e[1:] }, nil, "expected event 1 next"},
		{"removed tail", func(e []Event) []Event { return e[:3] }, &head, "newest events removed"},
		{"rehashed edit", func(e []Event) []Event {
			e[1].Subject = "item:999"
			e[1].Hash = hashOf(&e[1])
			return e
		}, nil, "event 3: does not link"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := tt.mutate(chain(5))
			err := verify(evs, tt.expect)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("Verify: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Verify error = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestHeadRoundTrip(t *testing.T) {
	evs := chain(3)
	h := Head{evs[2].Seq, evs[2].Hash}
	got, err := ParseHead(h.String())
	if err != nil || got.Seq != h.Seq || string(got.Hash) != string(h.Hash) {
		t.Fatalf("ParseHead(%s) = %v, %v", h, got, err)
	}
	for _, bad := range []string{"", "3", "x:abcd", "3:zz", "3:abcd"} {
		if _, err := ParseHead(bad); err == nil {
			t.Errorf("ParseHead(%q) succeeded", bad)
		}
	}
}
