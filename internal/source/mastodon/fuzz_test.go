package mastodon

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

func addFile(f *testing.F, name string) {
	if data, err := os.ReadFile(name); err == nil {
		f.Add(data)
	}
}

func FuzzParseNotifications(f *testing.F) {
	addFile(f, "testdata/notifications_mention.json")
	f.Add([]byte(`[]`))
	f.Add([]byte(`[{"id":"1","type":"mention","status":null}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ns, err := ParseNotifications(data)
		if err != nil {
			return
		}
		for _, n := range ns {
			if n.ID == "" {
				t.Fatal("notification without id accepted")
			}
			if s, err := ParseStatus(n.Status); err == nil {
				it := itemFromStatus(s, n.Status, "1")
				if it.PlatformID == "" || it.AuthorID == "" {
					t.Fatal("item without ids")
				}
			}
		}
	})
}

func FuzzParseStatus(f *testing.F) {
	addFile(f, "testdata/status_reply.json")
	f.Add([]byte(`{"id":"1","account":{"id":"2"},"language":"en-GB","created_at":"x"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseStatus(data)
		if err != nil {
			return
		}
		it := itemFromStatus(s, data, "2")
		if it.Lang != "" && len(it.Lang) != 2 {
			t.Fatalf("lang %q", it.Lang)
		}
		if string(it.Raw) != string(data) {
			t.Fatal("raw not verbatim")
		}
	})
}

func FuzzHTMLToText(f *testing.F) {
	f.Add("<p>a &amp; b<br>c</p><p>d</p>")
	f.Add("<a href='>'>x</a><!-- y")
	f.Add("<script>x")
	f.Fuzz(func(t *testing.T, s string) {
		out := HTMLToText(s)
		if out != strings.TrimSpace(out) {
			t.Fatalf("untrimmed %q", out)
		}
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 from valid input: %q", out)
		}
		if strings.Contains(out, "\n\n\n") {
			t.Fatalf("three newlines in %q", out)
		}
	})
}

func FuzzReadSSE(f *testing.F) {
	addFile(f, "testdata/stream_user.txt")
	f.Add([]byte("event: notification\ndata: {\"id\":\"1\",\"type\":\"mention\"}\n\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = readSSE(strings.NewReader(string(data)), func(e sseEvent) error {
			_, _ = ParseNotification([]byte(e.Data))
			return nil
		})
	})
}

func FuzzParseParams(f *testing.F) {
	f.Add([]byte(`{"text":"hi","draft_id":3,"rule_ids":["1",2],"forward":true}`))
	f.Add([]byte(`{"rule_ids":"1, 2"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := parseParams(data)
		if err != nil {
			return
		}
		_ = p.Str("text")
		_ = p.List("rule_ids")
	})
}
