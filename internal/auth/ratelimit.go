package auth

import (
	"net"
	"net/netip"
	"sync"
	"time"
)

// LockoutPolicy locks an account after repeated failed logins (password or
// second factor). The lock grows with each further failure, so guessing
// stays hopeless while a person who mistyped a few times waits minutes.
type LockoutPolicy struct {
	Threshold int           // failures before the first lock
	Base      time.Duration // the first lock
	Max       time.Duration // the longest lock
}

// DefaultLockout: five failures lock the account for 15 minutes; each
// further failure doubles the lock (30 min, 1 h, 2 h, ...) up to a day. A
// success resets the count. Sessions already open keep working, so an
// attacker who locks someone out does not throw them out of the desk.
var DefaultLockout = LockoutPolicy{Threshold: 5, Base: 15 * time.Minute, Max: 24 * time.Hour}

// Duration is how long the account locks after its failures-th
// consecutive failure (0: it does not).
func (p LockoutPolicy) Duration(failures int) time.Duration {
	if p.Threshold <= 0 || failures < p.Threshold || p.Base <= 0 {
		return 0
	}
	d := p.Base
	for i := p.Threshold; i < failures && d < p.Max; i++ {
		d *= 2
	}
	if p.Max > 0 && d > p.Max {
		d = p.Max
	}
	return d
}

// Limiter is a token bucket per key, in memory: each key may spend Burst
// attempts at once and regains one every 1/Rate seconds. It is there to
// slow password spraying from one address across many accounts, which the
// per-account lock-out does not see. It holds at most maxKeys buckets.
type Limiter struct {
	mu      sync.Mutex
	rate    float64 // tokens per second
	burst   float64
	maxKeys int
	now     func() time.Time
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

// NewLimiter allows burst attempts per key at once, then perMinute.
func NewLimiter(perMinute float64, burst int, now func() time.Time) *Limiter {
	if now == nil {
		now = time.Now
	}
	return &Limiter{rate: perMinute / 60, burst: float64(max(burst, 1)), maxKeys: 10000, now: now, buckets: map[string]*bucket{}}
}

// Allow spends one token of key's bucket, reporting whether there was one.
func (l *Limiter) Allow(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b, ok := l.buckets[key]
	if !ok {
		l.evict(now)
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[key] = b
	}
	b.refill(now, l.rate, l.burst)
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

func (b *bucket) refill(now time.Time, rate, burst float64) {
	if el := now.Sub(b.at).Seconds(); el > 0 {
		b.tokens = min(burst, b.tokens+el*rate)
	}
	b.at = now
}

// evict keeps the map bounded: full buckets carry no information and go
// first; if the map is still full (many addresses at once), arbitrary
// ones go, which at worst gives those addresses a fresh burst.
func (l *Limiter) evict(now time.Time) {
	if len(l.buckets) < l.maxKeys {
		return
	}
	for k, b := range l.buckets {
		b.refill(now, l.rate, l.burst)
		if b.tokens >= l.burst {
			delete(l.buckets, k)
		}
	}
	for k := range l.buckets {
		if len(l.buckets) < l.maxKeys*9/10 {
			break
		}
		delete(l.buckets, k)
	}
}

// IPKey is the rate-limit key of a client address ("ip" or "ip:port"):
// the address itself for IPv4, its /64 for IPv6 (one host usually holds a
// whole /64). Anything unparsable shares one bucket.
func IPKey(addr string) string {
	if host, _, err := net.SplitHostPort(addr); err == nil {
		addr = host
	}
	ip, err := netip.ParseAddr(addr)
	if err != nil {
		return "unparsable"
	}
	ip = ip.Unmap().WithZone("")
	if ip.Is6() {
		p, _ := ip.Prefix(64) // cannot fail for 64 on an IPv6 address
		return p.String()
	}
	return ip.String()
}

// phantoms gives e-mail addresses without an account the same lock-out an
// account would get, so that "locked" does not reveal that an account
// exists. In memory and bounded: a restart forgets them, which is fine.
type phantoms struct {
	mu      sync.Mutex
	maxKeys int
	m       map[string]*phantom
}

type phantom struct {
	failures int
	until    time.Time
}

func newPhantoms() *phantoms { return &phantoms{maxKeys: 10000, m: map[string]*phantom{}} }

func (p *phantoms) locked(email string, now time.Time) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	ph, ok := p.m[email]
	return ok && now.Before(ph.until)
}

// fail counts a failure and reports whether it locked the address.
func (p *phantoms) fail(email string, now time.Time, policy LockoutPolicy) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	ph, ok := p.m[email]
	if !ok {
		p.evict(now)
		ph = &phantom{}
		p.m[email] = ph
	}
	// Like an account's, the count only resets on success, which never
	// comes; eviction is the only forgetting.
	ph.failures++
	if d := policy.Duration(ph.failures); d > 0 {
		ph.until = now.Add(d)
		return true
	}
	return false
}

// evict keeps the map bounded: unlocked entries go first, then arbitrary ones.
func (p *phantoms) evict(now time.Time) {
	if len(p.m) < p.maxKeys {
		return
	}
	for k, v := range p.m {
		if !now.Before(v.until) {
			delete(p.m, k)
		}
	}
	for k := range p.m {
		if len(p.m) < p.maxKeys*9/10 {
			break
		}
		delete(p.m, k)
	}
}
