package auth

import (
	"fmt"
	"testing"
	"time"
)

// clock is a settable fake clock.
type clock struct{ t time.Time }

func (c *clock) Now() time.Time          { return c.t }
func (c *clock) Advance(d time.Duration) { c.t = c.t.Add(d) }

func newClock() *clock { return &clock{t: time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)} }

func TestLockoutDuration(t *testing.T) {
	tests := []struct {
		failures int
		want     time.Duration
	}{
		{0, 0}, {1, 0}, {4, 0},
		{5, 15 * time.Minute},
		{6, 30 * time.Minute},
		{7, time.Hour},
		{8, 2 * time.Hour},
		{11, 16 * time.Hour},
		{12, 24 * time.Hour}, // capped
		{1000, 24 * time.Hour},
	}
	for _, tt := range tests {
		if got := DefaultLockout.Duration(tt.failures); got != tt.want {
			t.Errorf("Duration(%d) = %v, want %v", tt.failures, got, tt.want)
		}
	}
	if d := (LockoutPolicy{}).Duration(100); d != 0 {
		t.Errorf("zero policy locks for %v", d)
	}
}

func TestLimiter(t *testing.T) {
	clk := newClock()
	l := NewLimiter(6, 3, clk.Now) // burst 3, then one every 10 s
	steps := []struct {
		advance time.Duration
		key     string
		want    bool
	}{
		{0, "a", true}, {0, "a", true}, {0, "a", true},
		{0, "a", false}, // burst spent
		{0, "b", true},  // other keys have their own bucket
		{5 * time.Second, "a", false},
		{5 * time.Second, "a", true}, // 10 s: one token back
		{0, "a", false},
		{time.Hour, "a", true}, {0, "a", true}, {0, "a", true}, // refilled to the burst, not beyond
		{0, "a", false},
	}
	for i, s := range steps {
		clk.Advance(s.advance)
		if got := l.Allow(s.key); got != s.want {
			t.Errorf("step %d: Allow(%q) = %v, want %v", i, s.key, got, s.want)
		}
	}
}

func TestLimiterStaysBounded(t *testing.T) {
	clk := newClock()
	l := NewLimiter(6, 1, clk.Now)
	l.maxKeys = 100
	for i := range 1000 {
		l.Allow(fmt.Sprint(i))
	}
	if n := len(l.buckets); n > 100 {
		t.Errorf("%d buckets, want at most 100", n)
	}
}

func TestIPKey(t *testing.T) {
	for in, want := range map[string]string{
		"192.0.2.7":                    "192.0.2.7",
		"192.0.2.7:51234":              "192.0.2.7",
		"::ffff:192.0.2.7":             "192.0.2.7",
		"[2001:db8:1:2:3:4:5:6]:443":   "2001:db8:1:2::/64",
		"2001:db8:1:2:ffff::1":         "2001:db8:1:2::/64",
		"fe80::1%eth0":                 "fe80::/64",
		"":                             "unparsable",
		"not an address":               "unparsable",
		"[::1]:8080":                   "::/64",
		"2001:db8:1:3::1":              "2001:db8:1:3::/64",
		"203.0.113.255:1":              "203.0.113.255",
		"999.1.1.1":                    "unparsable",
		"192.0.2.7:51234:extra:colons": "unparsable",
	} {
		if got := IPKey(in); got != want {
			t.Errorf("IPKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPhantomsLockLikeAccounts(t *testing.T) {
	clk := newClock()
	p := newPhantoms()
	for i := 1; i <= 5; i++ {
		locked := p.fail("ghost@example.com", clk.Now(), DefaultLockout)
		if locked != (i == 5) {
			t.Errorf("failure %d locked = %v", i, locked)
		}
	}
	if !p.locked("ghost@example.com", clk.Now()) || p.locked("other@example.com", clk.Now()) {
		t.Error("lock state wrong")
	}
	clk.Advance(15 * time.Minute)
	if p.locked("ghost@example.com", clk.Now()) {
		t.Error("still locked after 15 minutes")
	}
	if !p.fail("ghost@example.com", clk.Now(), DefaultLockout) {
		t.Error("the sixth failure did not lock again, as an account's would")
	}
	clk.Advance(29 * time.Minute)
	if !p.locked("ghost@example.com", clk.Now()) {
		t.Error("the second lock is not longer than the first")
	}
	p.maxKeys = 10
	for i := range 100 {
		p.fail(fmt.Sprint(i), clk.Now(), DefaultLockout)
	}
	if len(p.m) > 10 {
		t.Errorf("%d phantoms, want at most 10", len(p.m))
	}
}
