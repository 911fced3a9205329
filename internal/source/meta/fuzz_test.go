package meta

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.json")
	for _, name := range files {
		b, _ := os.ReadFile(name)
		f.Add(b)
	}
	f.Add([]byte(`{"object":"instagram","entry":[{"id":"1","time":"1763712301000","field":"comments","value":{"id":"2","text":"x"}}]}`))
	f.Add([]byte(`{"object":"page","entry":[{"id":"1","time":1,"changes":[{"field":"feed","value":{"item":"comment","verb":"edited","comment_id":"3","created_time":"2025-11-21T08:00:00+0000"}}]}]}`))
	f.Add([]byte(`{"object":"page","entry":[{"id":"1","changes":[{"field":"feed","value":null}]}]} {}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		items, skipped, err := Parse(body, nil)
		if err != nil {
			if !errors.Is(err, ErrPayload) || items != nil || skipped != nil {
				t.Fatalf("error %v with %d items", err, len(items))
			}
			return
		}
		for _, it := range items {
			if it.Channel == "" || it.PlatformID == "" || GraphID(it.PlatformID) == "" {
				t.Fatalf("item without identity: %+v", it)
			}
			if !json.Valid(it.Raw) || !bytes.Contains(body, it.Raw) {
				t.Fatalf("raw is not a verbatim slice of the body: %q", it.Raw)
			}
			if !utf8.ValidString(it.Text) || !utf8.ValidString(it.AuthorName) {
				t.Fatalf("invalid UTF-8 in %+v", it)
			}
			if !it.CreatedAt.IsZero() && it.CreatedAt.Year() > 40000 {
				t.Fatalf("absurd time %v", it.CreatedAt)
			}
		}
	})
}

func FuzzParseSignature(f *testing.F) {
	body := []byte(`{"object":"page","entry":[]}`)
	f.Add(Sign(testSecret, body))
	f.Add("sha256=")
	f.Add("SHA256=" + strings.Repeat("A", 64))
	f.Add("sha1=0123")
	f.Add("")
	f.Fuzz(func(t *testing.T, header string) {
		mac, err := ParseSignature(header)
		if err != nil {
			if mac != nil {
				t.Fatal("mac with error")
			}
			return
		}
		if len(mac) != 32 {
			t.Fatalf("%d-byte mac accepted from %q", len(mac), header)
		}
		// Only the true signature verifies.
		if err := VerifySignature(testSecret, header, body); err == nil && !strings.EqualFold(strings.TrimSpace(header), Sign(testSecret, body)) {
			t.Fatalf("%q verified", header)
		}
	})
}

func FuzzUsageWait(f *testing.F) {
	f.Add(`{"call_count":96,"total_time":20,"total_cputime":15}`, `{"1":[{"type":"pages","call_count":100,"estimated_time_to_regain_access":25}]}`)
	f.Add(`{"call_count":-1e309}`, `{"1":null}`)
	f.Fuzz(func(t *testing.T, app, buc string) {
		h := http.Header{}
		h.Set("X-App-Usage", app)
		h.Set("X-Business-Use-Case-Usage", buc)
		if w := UsageWait(h, 90); w < 0 || w > 24*time.Hour {
			t.Fatalf("wait %s", w)
		}
	})
}
