package desk

import (
	"net/url"
	"testing"

	"github.com/stormwatch/stormwatch/internal/drill"
)

// FuzzParseStart: whatever the start form carries, parsing never panics
// and what it accepts is a known scenario, positive user ids and a speed
// within bounds.
func FuzzParseStart(f *testing.F) {
	f.Add("vet-clinic", "12", "10")
	f.Add("shelter-location", "-1", "1e309")
	f.Add("nope", "7", "NaN")
	f.Fuzz(func(t *testing.T, scenario, p, speed string) {
		in, err := parseStart(url.Values{"scenario": {scenario}, "p": {p, p}, "speed": {speed}})
		if err != nil {
			return
		}
		if _, ok := drill.ByID(in.Scenario); !ok {
			t.Fatalf("accepted scenario %q", in.Scenario)
		}
		if in.Speed < 1 || in.Speed > drill.MaxSpeed {
			t.Fatalf("accepted speed %v", in.Speed)
		}
		if len(in.Participants) > 1 {
			t.Fatalf("duplicate participants kept: %v", in.Participants)
		}
		for _, id := range in.Participants {
			if id <= 0 {
				t.Fatalf("accepted user id %d", id)
			}
		}
	})
}
