package alert

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestWindowContains(t *testing.T) {
	at := func(day, hh, mm int) time.Time { return time.Date(2026, 11, 16+day, hh, mm, 0, 0, time.UTC) } // day 0 = Monday
	tests := []struct {
		spec string
		t    time.Time
		want bool
	}{
		{"always", at(5, 3, 0), true},
		{"weekdays 08:00-18:00", at(0, 8, 0), true},
		{"weekdays 08:00-18:00", at(0, 18, 0), false},
		{"weekdays 08:00-18:00", at(5, 10, 0), false}, // Saturday
		{"weekends", at(6, 23, 59), true},
		{"weekends", at(7, 0, 0), false}, // Monday
		{"mon-thu 18:00-08:00", at(3, 23, 0), true},
		{"mon-thu 18:00-08:00", at(4, 7, 59), true},   // Friday morning, from Thursday evening
		{"mon-thu 18:00-08:00", at(4, 18, 30), false}, // Friday evening is not in it
		{"fri-mon", at(6, 12, 0), true},               // wraps around the week
		{"fri-mon", at(1, 12, 0), false},
		{"sat,sun 9-17; fri 18:00-24:00", at(4, 23, 0), true},
		{"sat,sun 9-17; fri 18:00-24:00", at(5, 17, 0), false},
	}
	for _, tt := range tests {
		w, err := ParseWindow(tt.spec)
		if err != nil {
			t.Fatalf("ParseWindow(%q): %v", tt.spec, err)
		}
		if got := w.Contains(tt.t); got != tt.want {
			t.Errorf("%q contains %s = %v, want %v", tt.spec, tt.t.Format("Mon 15:04"), got, tt.want)
		}
	}
}

func TestParseRotaErrors(t *testing.T) {
	tests := []struct{ doc, want string }{
		{`{"levels": []}`, "no levels"},
		{`{"levels": [{"name": "a", "people": []}]}`, "nobody on it"},
		{`{"levels": [{"people": [{"name": "A", "routes": ["sms:+33"]}]}]}`, "want email:..."},
		{`{"levels": [{"people": [{"name": "A", "routes": ["email:Ana <a@b.c>"]}]}]}`, "want email:name@example.org"},
		{`{"levels": [{"people": [{"name": "A", "routes": ["slack:https://hooks.slack.com/x"]}]}]}`, "takes no target"},
		{`{"levels": [{"people": [{"name": "A", "when": "someday", "routes": ["slack"]}]}]}`, "day \"someday\""},
		{`{"levels": [{"people": [{"name": "A", "when": "mon 25:00-26:00", "routes": ["slack"]}]}]}`, "HH:MM"},
		{`{"levels": [{"ack_within": "10s", "people": [{"name": "A", "routes": ["slack"]}]}]}`, "between 1m"},
		{`{"levels": [{"ack_whithin": "10m", "people": [{"name": "A", "routes": ["slack"]}]}]}`, "unknown field"},
		{`{"timezone": "Mars/Olympus", "levels": [{"people": [{"name": "A", "routes": ["slack"]}]}]}`, "timezone"},
	}
	for _, tt := range tests {
		if _, err := ParseRota([]byte(tt.doc)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseRota(%s) = %v, want error with %q", tt.doc, err, tt.want)
		}
	}
	r, err := ParseRota([]byte(`{"levels": [{"ack_within": 20, "people": [{"name": "A", "routes": ["matrix:@a:b.org"]}]}, {"people": [{"name": "B", "routes": ["teams"]}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if time.Duration(r.Levels[0].AckWithin) != 20*time.Minute || time.Duration(r.Levels[1].AckWithin) != DefaultAckWithin {
		t.Errorf("ack_within = %v, %v", r.Levels[0].AckWithin, r.Levels[1].AckWithin)
	}
}

func TestConfigFromEnv(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "slack")
	if err := os.WriteFile(file, []byte("https://hooks.slack.com/services/T/B/x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{
		"STORMWATCH_ALERT_SLACK_WEBHOOK_URL_FILE": file,
		"STORMWATCH_ALERT_SMTP_ADDR":              "mail.example.org:587",
		"STORMWATCH_ALERT_SMTP_FROM":              "alerts@example.org",
		"STORMWATCH_ALERT_TICK":                   "10s",
	}
	c, err := ConfigFromEnv(func(k string) string { return env[k] })
	if err != nil || c.SlackWebhookURL != "https://hooks.slack.com/services/T/B/x" || c.Tick != 10*time.Second {
		t.Fatalf("ConfigFromEnv = %+v, %v", c, err)
	}
	if n := c.Notifiers(nil); n["slack"] == nil || n["email"] == nil || n["teams"] != nil {
		t.Errorf("Notifiers = %v", n)
	}
	env["STORMWATCH_ALERT_SLACK_WEBHOOK_URL"] = "x"
	env["STORMWATCH_ALERT_SMTP_ADDR"] = "nohost"
	env["STORMWATCH_ALERT_MATRIX_TOKEN"] = "t"
	_, err = ConfigFromEnv(func(k string) string { return env[k] })
	for _, want := range []string{"both set", "SMTP_ADDR", "go together"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v lacks %q", err, want)
		}
	}
}

// FuzzParseRota: rota files are written by people; nothing in one may
// crash the server, and what parses must answer OnCall for any time.
func FuzzParseRota(f *testing.F) {
	f.Add([]byte(`{"timezone":"Europe/Paris","levels":[{"name":"a","ack_within":"15m","people":[{"name":"A","when":"weekdays 08:00-18:00; sat 22-06","routes":["email:a@b.c","matrix:@a:b","slack"]}]}]}`))
	f.Add([]byte(`{"levels":[{"people":[{"name":"A","when":"fri-mon","routes":["teams"]}]}]}`))
	f.Add([]byte(`{"levels":[{"people":[{"name":"A","when":"mon 24:00-00:00","routes":["matrix:!r:s"]}]}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := ParseRota(b)
		if err != nil {
			return
		}
		for h := range 24 * 7 {
			at := time.Date(2026, 11, 16, h%24, 0, 0, 0, time.UTC).AddDate(0, 0, h/24)
			for l := range r.Levels {
				r.OnCall(l, at)
			}
		}
		// The desk draws the week: slots cover each day exactly once.
		for l := range min(len(r.Levels), 3) {
			mins := 0
			for _, sl := range r.Week(l) {
				if sl.From >= sl.To || sl.To > 1440 {
					t.Fatalf("slot %+v", sl)
				}
				mins += sl.To - sl.From
			}
			if mins != 7*1440 {
				t.Fatalf("week of level %d covers %d minutes", l, mins)
			}
		}
	})
}

func FuzzParseWindow(f *testing.F) {
	for _, s := range []string{"always", "weekdays 08:00-18:00", "mon-thu 18:00-08:00; fri 18-24", "sat,sun", "sun-sat 0:0-24:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w, err := ParseWindow(s)
		if err != nil {
			return
		}
		// What parses re-parses to the same window.
		w2, err := ParseWindow(w.String())
		if err != nil {
			t.Fatalf("re-parse %q: %v", w.String(), err)
		}
		for h := range 24 * 7 {
			at := time.Date(2026, 11, 16, h%24, 30, 0, 0, time.UTC).AddDate(0, 0, h/24)
			if w.Contains(at) != w2.Contains(at) {
				t.Fatalf("%q and its re-parse differ at %v", s, at)
			}
		}
	})
}

func TestRotaWeek(t *testing.T) {
	r, err := ParseRota([]byte(`{"levels": [
		{"name": "team", "people": [
			{"name": "Ana", "when": "weekdays 08:00-18:00", "routes": ["slack"]},
			{"name": "Bo", "when": "mon 12:00-14:00; sat", "routes": ["teams"]}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range r.Week(0) {
		if s.Day == time.Monday || s.Day == time.Saturday || s.Day == time.Sunday {
			got = append(got, fmt.Sprintf("%s %s-%s %s", s.Day.String()[:3], Clock(s.From), Clock(s.To), strings.Join(s.People, "+")))
		}
	}
	want := []string{
		"Mon 00:00-08:00 ", "Mon 08:00-12:00 Ana", "Mon 12:00-14:00 Ana+Bo", "Mon 14:00-18:00 Ana", "Mon 18:00-24:00 ",
		"Sat 00:00-24:00 Bo",
		"Sun 00:00-24:00 ",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("week =\n%q\nwant\n%q", got, want)
	}
	if r.Week(1) != nil || r.Week(-1) != nil {
		t.Errorf("a level that does not exist has a week")
	}
}
