package source

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// ParseRetryAfter reads a Retry-After header, delay-seconds or an HTTP
// date, as the wait from now (negative for a date already past). It
// reports false when v is empty, unreadable or a negative number; each
// connector then applies its own default, fallback header and cap.
func ParseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(v); err == nil {
		return time.Duration(n) * time.Second, n >= 0
	}
	if t, err := http.ParseTime(v); err == nil {
		return t.Sub(now), true
	}
	return 0, false
}

// TemporaryStatus reports whether an HTTP status is worth retrying:
// 408, 429 and 5xx.
func TemporaryStatus(status int) bool {
	return status == http.StatusTooManyRequests || status == http.StatusRequestTimeout || status >= 500
}
