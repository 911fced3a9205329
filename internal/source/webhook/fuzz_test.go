package webhook

import (
	"bytes"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/ingest"
)

func FuzzParseItems(f *testing.F) {
	f.Add([]byte(`{"platform_id":"1","text":"hello"}`))
	f.Add([]byte(`[{"platform_id":"1","text":"a","raw":{"x":1}},{"platform_id":"2","text":"b","created_at":"2026-01-01T00:00:00Z"}]`))
	f.Add([]byte(`{"items":[{"platform_id":"1","text":"x","url":"https://e.x/a"}]}`))
	f.Add([]byte(`{"items":null}`))
	f.Add([]byte(`[{"channel":1}]`))
	f.Fuzz(func(t *testing.T, body []byte) {
		items, err := ParseItems(body, "webhook:ch_f")
		if err != nil {
			if items != nil {
				t.Fatalf("items returned with error %v", err)
			}
			return
		}
		if len(items) == 0 || len(items) > ingest.MaxBatch {
			t.Fatalf("%d items accepted", len(items))
		}
		for _, it := range items {
			if it.Channel != "webhook:ch_f" || it.PlatformID == "" || !utf8.ValidString(it.Text) || len(it.Raw) == 0 {
				t.Fatalf("invalid item accepted: %+v", it)
			}
		}
	})
}

func FuzzVerify(f *testing.F) {
	now := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	body := []byte(`{"platform_id":"1","text":"a"}`)
	f.Add(Sign([]byte("k"), now.Unix(), body), "1763715600", body)
	f.Add("sha256=", "", []byte{})
	f.Add("sha256="+string(bytes.Repeat([]byte("f"), 64)), "-1", []byte("x"))
	f.Fuzz(func(t *testing.T, sig, ts string, body []byte) {
		err := Verify([]byte("k"), sig, ts, body, now)
		if err == nil {
			// Accepted only when it is the genuine signature.
			tm, _ := ParseTimestamp(ts)
			if Sign([]byte("k"), tm.Unix(), body) != "sha256="+string(bytes.ToLower([]byte(sig[7:]))) {
				t.Fatalf("accepted a signature that is not the MAC: %q %q", sig, ts)
			}
		}
	})
}
