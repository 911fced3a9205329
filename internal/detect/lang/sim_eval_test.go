package lang_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect/lang"
	"github.com/stormwatch/stormwatch/internal/sim"
)

// TestSimulatedStream measures identification on the simulator's stream:
// templates written apart from the lexicon, with the typos, lost accents,
// capitals, emoji and @mentions the simulator adds.
func TestSimulatedStream(t *testing.T) {
	g := sim.New(sim.Config{Seed: 42, RatePerHour: 120})
	evs := make([]sim.Event, 4000)
	for i := range evs {
		evs[i] = g.Next()
	}
	configs := []struct {
		name string
		opts lang.Options
	}{{"production", lang.Options{}}}
	if !testing.Short() {
		configs = append(configs,
			struct {
				name string
				opts lang.Options
			}{"lexicon+low", lang.Options{LowAccuracy: true}},
			struct {
				name string
				opts lang.Options
			}{"lingua full alone", lang.Options{LinguaOnly: true}},
		)
	}
	for _, c := range configs {
		id := lang.New(c.opts)
		right, unknown, viaLingua := 0, 0, 0
		per := map[string][2]int{}
		confusion := map[string]int{}
		set := evs
		if c.opts.LinguaOnly {
			set = evs[:1500] // lingua alone is slow; a sample is enough to compare
		}
		for _, ev := range set {
			r := id.IdentifyDetail(ev.Item.Text)
			p := per[ev.Truth.Lang]
			p[1]++
			switch r.Lang {
			case ev.Truth.Lang:
				right++
				p[0]++
			case "":
				unknown++
			default:
				confusion[ev.Truth.Lang+"→"+r.Lang]++
			}
			if r.Method == lang.MethodLingua {
				viaLingua++
			}
			per[ev.Truth.Lang] = p
		}
		var langs []string
		for l := range per {
			langs = append(langs, l)
		}
		sort.Strings(langs)
		var b strings.Builder
		for _, l := range langs {
			fmt.Fprintf(&b, " %s %.1f%%", l, 100*float64(per[l][0])/float64(per[l][1]))
		}
		acc := float64(right) / float64(len(set))
		t.Logf("%-18s %d texts, accuracy %.1f%% (unknown %d, via lingua %.1f%%);%s; confusions %v", c.name, len(set), 100*acc, unknown, 100*float64(viaLingua)/float64(len(set)), b.String(), confusion)
		if c.name == "production" && acc < 0.95 {
			t.Errorf("accuracy on the simulated stream %.3f, want at least 0.95", acc)
		}
	}
}

// BenchmarkSimulatedStream is the cost per comment on a realistic mix, where
// the lexicon decides most texts and lingua the rest.
func BenchmarkSimulatedStream(b *testing.B) {
	g := sim.New(sim.Config{Seed: 42, RatePerHour: 120})
	texts := make([]string, 4000)
	for i := range texts {
		texts[i] = g.Next().Item.Text
	}
	for _, c := range []struct {
		name string
		opts lang.Options
	}{{"production", lang.Options{}}, {"lexicon+low", lang.Options{LowAccuracy: true}}, {"lingua-full-alone", lang.Options{LinguaOnly: true}}} {
		id := lang.New(c.opts)
		id.Warm()
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				id.Identify(texts[i%len(texts)])
				i++
			}
		})
	}
}
