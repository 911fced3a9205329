package source

import (
	"testing"
	"time"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{" 30 ", 30 * time.Second, true},
		{"0", 0, true},
		{"-5", 0, false},
		{"Sat, 21 Nov 2026 12:01:00 GMT", time.Minute, true},
		{"Sat, 21 Nov 2026 11:59:00 GMT", -time.Minute, true},
		{"soon", 0, false},
	} {
		got, ok := ParseRetryAfter(c.in, now)
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("ParseRetryAfter(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
	for status, want := range map[int]bool{200: false, 404: false, 408: true, 429: true, 500: true, 503: true} {
		if TemporaryStatus(status) != want {
			t.Errorf("TemporaryStatus(%d) = %v", status, !want)
		}
	}
}
