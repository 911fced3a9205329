package alert

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Rota is a workspace's on-call rota: ordered levels, each notified when
// the one before did not acknowledge in time. It is written as JSON:
//
//	{"timezone": "Europe/Paris",
//	 "levels": [
//	   {"name": "community team", "ack_within": "15m",
//	    "people": [{"name": "Ana", "when": "weekdays 08:00-18:00",
//	                "routes": ["email:ana@clinic.example", "matrix:@ana:example.org"]}]},
//	   {"name": "crisis lead", "ack_within": "30m",
//	    "people": [{"name": "Bo", "when": "always", "routes": ["slack", "email:bo@clinic.example"]}]}]}
//
// A route is email:ADDRESS, matrix:@USER:SERVER (mentioned in the
// configured room), matrix:!ROOM:SERVER, slack or teams (the configured
// incoming webhooks: their URLs are secrets and stay out of the rota).
type Rota struct {
	Timezone string  `json:"timezone,omitempty"` // IANA name; UTC when empty
	Levels   []Level `json:"levels"`

	loc *time.Location
}

// Level is one step of escalation.
type Level struct {
	Name string `json:"name"`
	// AckWithin is how long this level has to acknowledge before the next
	// is notified (or, at the last level, reminded).
	AckWithin Duration `json:"ack_within"`
	People    []Person `json:"people"`
}

// Person is someone on call and how to reach them.
type Person struct {
	Name   string  `json:"name"`
	UserID int64   `json:"user_id,omitempty"` // the desk account, when there is one
	When   Window  `json:"when"`
	Routes []Route `json:"routes"`
}

// DefaultAckWithin applies to a level that names no timeout.
const DefaultAckWithin = 15 * time.Minute

// maxRotaBytes bounds a rota file; a real one is a few kilobytes.
const maxRotaBytes = 256 << 10

// Duration is a time.Duration written as "15m" in JSON.
type Duration time.Duration

// UnmarshalJSON reads "15m" or a number of minutes.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		var m float64
		if err := json.Unmarshal(b, &m); err != nil {
			return errors.New(`want a duration such as "15m"`)
		}
		s = strconv.FormatFloat(m, 'f', -1, 64) + "m"
	}
	v, err := time.ParseDuration(s)
	if err != nil || v < time.Minute || v > 7*24*time.Hour {
		return fmt.Errorf("ack_within %q: want a duration between 1m and 168h", s)
	}
	*d = Duration(v)
	return nil
}

// MarshalJSON writes "15m0s".
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// ParseRota reads and validates a rota file; every problem is reported.
func ParseRota(b []byte) (*Rota, error) {
	if len(b) > maxRotaBytes {
		return nil, fmt.Errorf("rota: %d bytes, want at most %d", len(b), maxRotaBytes)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields() // a misspelt "ack_whithin" must not silently mean 15m
	var r Rota
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("rota: %w", err)
	}
	var errs []error
	r.loc = time.UTC
	if r.Timezone != "" {
		loc, err := time.LoadLocation(r.Timezone)
		if err != nil {
			errs = append(errs, fmt.Errorf("timezone %q: %w", r.Timezone, err))
		} else {
			r.loc = loc
		}
	}
	if len(r.Levels) == 0 {
		errs = append(errs, errors.New("no levels: want at least one"))
	}
	for i := range r.Levels {
		l := &r.Levels[i]
		if l.AckWithin == 0 {
			l.AckWithin = Duration(DefaultAckWithin)
		}
		if len(l.People) == 0 {
			errs = append(errs, fmt.Errorf("level %d (%s): nobody on it", i+1, l.Name))
		}
		for _, p := range l.People {
			if strings.TrimSpace(p.Name) == "" {
				errs = append(errs, fmt.Errorf("level %d: a person without a name", i+1))
			}
			if len(p.Routes) == 0 {
				errs = append(errs, fmt.Errorf("level %d, %s: no routes", i+1, p.Name))
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("rota:\n%w", err)
	}
	return &r, nil
}

// Location is the rota's time zone.
func (r *Rota) Location() *time.Location {
	if r.loc == nil {
		return time.UTC
	}
	return r.loc
}

// OnCall lists the people of a level whose window contains t.
func (r *Rota) OnCall(level int, t time.Time) []Person {
	if level < 0 || level >= len(r.Levels) {
		return nil
	}
	var out []Person
	for _, p := range r.Levels[level].People {
		if p.When.Contains(t.In(r.Location())) {
			out = append(out, p)
		}
	}
	return out
}

// Route is how to reach someone: Kind is email, matrix, slack or teams.
type Route struct {
	Kind   string
	Target string // address, @user:server or !room:server; empty for webhooks
}

// String writes the route as in the rota file.
func (r Route) String() string {
	if r.Target == "" {
		return r.Kind
	}
	return r.Kind + ":" + r.Target
}

// ParseRoute reads "email:ana@example.org", "matrix:@ana:example.org",
// "matrix:!room:example.org", "slack" or "teams".
func ParseRoute(s string) (Route, error) {
	kind, target, _ := strings.Cut(strings.TrimSpace(s), ":")
	switch kind {
	case "slack", "teams":
		if target != "" {
			return Route{}, fmt.Errorf("route %q: %s takes no target (the webhook is configured)", s, kind)
		}
		return Route{Kind: kind}, nil
	case "email":
		a, err := mail.ParseAddress(target)
		if err != nil || a.Name != "" || a.Address != target {
			return Route{}, fmt.Errorf("route %q: want email:name@example.org", s)
		}
		return Route{Kind: kind, Target: a.Address}, nil
	case "matrix":
		// @localpart:server or !opaque:server, as the spec writes them.
		if len(target) < 4 || (target[0] != '@' && target[0] != '!') || !strings.Contains(target[1:], ":") ||
			strings.ContainsAny(target, " \t\r\n/") {
			return Route{}, fmt.Errorf("route %q: want matrix:@user:server or matrix:!room:server", s)
		}
		return Route{Kind: kind, Target: target}, nil
	}
	return Route{}, fmt.Errorf("route %q: want email:..., matrix:..., slack or teams", s)
}

// UnmarshalJSON reads a route string.
func (r *Route) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return errors.New("route: want a string such as \"email:ana@example.org\"")
	}
	v, err := ParseRoute(s)
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// MarshalJSON writes the route string.
func (r Route) MarshalJSON() ([]byte, error) { return json.Marshal(r.String()) }

// Window is when someone is on call: "always", or one or more spans
// separated by ";", each days with an optional time range, e.g.
// "weekdays 08:00-18:00", "weekends", "mon-thu 18:00-08:00; fri 18:00-24:00".
// A range whose end is before its start runs past midnight and belongs to
// the day it starts on. Times are in the rota's time zone.
type Window struct {
	spec  string
	spans []span
}

type span struct {
	days       [7]bool // by time.Weekday
	start, end int     // minutes since midnight; end may be 1440
}

var dayNames = map[string]time.Weekday{
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

// ParseWindow reads a window specification.
func ParseWindow(s string) (Window, error) {
	w := Window{spec: strings.TrimSpace(s)}
	if w.spec == "" || strings.EqualFold(w.spec, "always") {
		w.spec = "always"
		w.spans = []span{{days: [7]bool{true, true, true, true, true, true, true}, start: 0, end: 1440}}
		return w, nil
	}
	for part := range strings.SplitSeq(w.spec, ";") {
		fields := strings.Fields(strings.ToLower(part))
		if len(fields) == 0 || len(fields) > 2 {
			return Window{}, fmt.Errorf("window %q: want days and an optional time range, e.g. \"weekdays 08:00-18:00\"", s)
		}
		sp := span{start: 0, end: 1440}
		if err := parseDays(fields[0], &sp.days); err != nil {
			return Window{}, fmt.Errorf("window %q: %w", s, err)
		}
		if len(fields) == 2 {
			from, to, ok := strings.Cut(fields[1], "-")
			var err1, err2 error
			sp.start, err1 = parseClock(from)
			sp.end, err2 = parseClock(to)
			if !ok || err1 != nil || err2 != nil || sp.start == sp.end || sp.start == 1440 {
				return Window{}, fmt.Errorf("window %q: time range %q: want HH:MM-HH:MM", s, fields[1])
			}
		}
		w.spans = append(w.spans, sp)
	}
	return w, nil
}

func parseDays(s string, days *[7]bool) error {
	switch s {
	case "always", "daily", "everyday":
		*days = [7]bool{true, true, true, true, true, true, true}
		return nil
	case "weekdays":
		*days = [7]bool{false, true, true, true, true, true, false}
		return nil
	case "weekends", "weekend":
		*days = [7]bool{true, false, false, false, false, false, true}
		return nil
	}
	for item := range strings.SplitSeq(s, ",") {
		from, to, isRange := strings.Cut(item, "-")
		a, ok := dayNames[from]
		if !ok {
			return fmt.Errorf("day %q: want mon..sun, weekdays, weekends or daily", from)
		}
		b := a
		if isRange {
			if b, ok = dayNames[to]; !ok {
				return fmt.Errorf("day %q: want mon..sun", to)
			}
		}
		// A range may wrap around the week: fri-mon.
		for d := a; ; d = (d + 1) % 7 {
			days[d] = true
			if d == b {
				break
			}
		}
	}
	return nil
}

func parseClock(s string) (int, error) {
	h, m, ok := strings.Cut(s, ":")
	if !ok {
		m = "0"
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hh < 0 || hh > 24 || mm < 0 || mm > 59 || (hh == 24 && mm != 0) || len(h) > 2 || len(m) > 2 {
		return 0, fmt.Errorf("time %q: want HH:MM", s)
	}
	return hh*60 + mm, nil
}

// Contains reports whether t (already in the rota's zone) is in the window.
func (w Window) Contains(t time.Time) bool {
	if w.spans == nil {
		return true // the zero Window is "always"
	}
	min := t.Hour()*60 + t.Minute()
	today, yesterday := t.Weekday(), (t.Weekday()+6)%7
	for _, sp := range w.spans {
		if sp.start < sp.end {
			if sp.days[today] && min >= sp.start && min < sp.end {
				return true
			}
			continue
		}
		// Past midnight: the evening part today, the morning part from yesterday's start.
		if (sp.days[today] && min >= sp.start) || (sp.days[yesterday] && min < sp.end) {
			return true
		}
	}
	return false
}

// String is the specification as written.
func (w Window) String() string {
	if w.spec == "" {
		return "always"
	}
	return w.spec
}

// UnmarshalJSON reads a window specification.
func (w *Window) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return errors.New(`window: want a string such as "weekdays 08:00-18:00"`)
	}
	v, err := ParseWindow(s)
	if err != nil {
		return err
	}
	*w = v
	return nil
}

// MarshalJSON writes the specification.
func (w Window) MarshalJSON() ([]byte, error) { return json.Marshal(w.String()) }

// Slot is a stretch of one weekday during which the same people of a
// level are on call, in the rota's time zone.
type Slot struct {
	Day      time.Weekday
	From, To int      // minutes since midnight; To may be 1440
	People   []string // names, in the rota's order; none is a gap
}

// weekStart is a Monday; only its weekdays and clock times matter.
var weekStart = time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)

// Week lays out who of a level is on call over a week, Monday first, as
// slots: what the desk's rota screen shows, gaps included, so a weekend
// nobody covers is visible before an alert falls into it.
func (r *Rota) Week(level int) []Slot {
	if level < 0 || level >= len(r.Levels) {
		return nil
	}
	people := r.Levels[level].People
	var out []Slot
	for d := range 7 {
		day := weekStart.AddDate(0, 0, d)
		var cur *Slot
		for m := range 1440 {
			t := day.Add(time.Duration(m) * time.Minute)
			var names []string
			for _, p := range people {
				if p.When.Contains(t) {
					names = append(names, p.Name)
				}
			}
			if cur != nil && slices.Equal(cur.People, names) {
				cur.To = m + 1
				continue
			}
			out = append(out, Slot{Day: t.Weekday(), From: m, To: m + 1, People: names})
			cur = &out[len(out)-1]
		}
	}
	return out
}

// Clock writes minutes since midnight as 08:00 (1440 as 24:00).
func Clock(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }
