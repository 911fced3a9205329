package sim

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// Shape is how a storm unfolds.
type Shape string

// The storm shapes.
const (
	// PileOn starts at full strength at once, holds, and fades over its
	// last 30%: a post shared by an influencer.
	PileOn Shape = "pile-on"
	// SlowBuild grows linearly from ordinary traffic to Multiplier at its
	// end: anger spreading by word of mouth.
	SlowBuild Shape = "slow-build"
	// Campaign posts near-identical texts from many accounts on several
	// channels at once, at steady strength.
	Campaign Shape = "campaign"
	// DoxxingWave spreads a staff member's address, phone number and
	// identity number, with threats, then fades after half its time.
	DoxxingWave Shape = "doxxing-wave"
)

// Shapes lists the storm shapes.
var Shapes = []Shape{PileOn, SlowBuild, Campaign, DoxxingWave}

// Storm describes a burst of hostile traffic to inject.
type Storm struct {
	Shape Shape
	// Start defaults to the generator's current time.
	Start    time.Time
	Duration time.Duration
	// Multiplier is the peak volume on the storm's channels relative to
	// their ordinary volume at that moment: 5 means five times as many
	// items as usual. It must be more than 1.
	Multiplier float64
	// Channels the storm hits. Default: every channel but surveys for a
	// campaign, the first channel for the other shapes.
	Channels []string
	// Lang is the storm's language. Default: the heaviest language of the
	// configuration.
	Lang string
	// Target is the staff member the storm names, and Pet the animal whose
	// death set it off. Defaults are drawn from the configuration.
	Target string
	Pet    string
}

type stormState struct {
	Storm
	id       int
	start    time.Time
	end      time.Time
	channels []int     // indices into Generator.channels
	chanW    []float64 // cumulative weights within the storm's channels
	share    float64   // the storm channels' share of ordinary traffic
	bind     binding
	pool     []*author // newcomers who may post again
	campaign []string  // the campaign's base texts, before each poster's touch
	campTpl  []*template
	post     uint64 // the clinic post the storm gathers under
}

func (s *stormState) active(t time.Time) bool { return !t.Before(s.start) && t.Before(s.end) }

// shape is the storm's strength at t, in [0, 1].
func (s *stormState) shape(t time.Time) float64 {
	u := float64(t.Sub(s.start)) / float64(s.end.Sub(s.start))
	switch s.Shape {
	case SlowBuild:
		return u
	case PileOn:
		if u < 0.7 {
			return 1
		}
		return 1 - (u-0.7)/0.3*0.8
	case DoxxingWave:
		if u < 0.5 {
			return 1
		}
		return 1 - (u-0.5)/0.5*0.9
	}
	return 1
}

// InjectStorm schedules a storm and returns its id, which the Truth of every
// item it causes carries. Only the part of the storm after the generator's
// current time takes effect.
func (g *Generator) InjectStorm(st Storm) (int, error) {
	if !slices.Contains(Shapes, st.Shape) {
		return 0, fmt.Errorf("sim: unknown storm shape %q (valid: %v)", st.Shape, Shapes)
	}
	if st.Duration <= 0 {
		return 0, errors.New("sim: storm duration must be positive")
	}
	if !(st.Multiplier > 1) || st.Multiplier > 1000 {
		return 0, fmt.Errorf("sim: storm multiplier %v must be in (1, 1000]", st.Multiplier)
	}
	if st.Start.IsZero() {
		st.Start = g.now
	}
	s := &stormState{Storm: st, id: len(g.storms) + 1, start: st.Start, end: st.Start.Add(st.Duration)}
	if len(st.Channels) == 0 {
		for i, ch := range g.channels {
			if st.Shape == Campaign && ch.platform != "survey" || st.Shape != Campaign && i == 0 {
				s.channels = append(s.channels, i)
			}
		}
	}
	for _, name := range st.Channels {
		i := slices.IndexFunc(g.channels, func(c channel) bool { return c.name == name })
		if i < 0 {
			return 0, fmt.Errorf("sim: storm channel %q is not one of %v", name, g.cfg.Channels)
		}
		if !slices.Contains(s.channels, i) {
			s.channels = append(s.channels, i)
		}
	}
	if len(s.channels) == 0 {
		return 0, errors.New("sim: storm has no channel")
	}
	for _, i := range s.channels {
		s.share += g.channels[i].weight
		s.chanW = append(s.chanW, s.share)
	}
	if s.Lang == "" {
		s.Lang = g.heaviestLang()
	}
	if _, ok := corpusText[s.Lang]; !ok {
		return 0, fmt.Errorf("sim: storm language %q has no corpus (have %v)", s.Lang, corpusLangs)
	}
	if s.Target == "" {
		s.Target = g.cfg.Staff[g.rng.IntN(len(g.cfg.Staff))]
	}
	if s.Pet == "" {
		s.Pet = petNames[g.rng.IntN(len(petNames))]
	}
	// A storm's leaked data is the same in every item that spreads it.
	s.bind = binding{
		lang: s.Lang, staff: s.Target, pet: s.Pet, org: g.cfg.OrgNames,
		addr: fakeAddress(g.rng, s.Lang), phone: fakePhone(g.rng, s.Lang),
		id: fakeID(g.rng, s.Lang), email: fakeEmail(g.rng, s.Lang, s.Target),
	}
	s.post = 4000000000000 + uint64(s.start.Sub(g.cfg.Start)/(24*time.Hour))*7919 + 1
	if s.Shape == Campaign {
		for range 2 {
			tp := pickTemplate(g.rng, s.Lang, "campaign")
			s.campTpl = append(s.campTpl, tp)
			s.campaign = append(s.campaign, fillText(g.rng, tp, &s.bind))
		}
	}
	g.storms = append(g.storms, s)
	return s.id, nil
}

func (g *Generator) heaviestLang() string {
	best, bw := g.langs[0], 0.0
	prev := 0.0
	for i, l := range g.langs {
		if w := g.langW[i] - prev; w > bw {
			best, bw = l, w
		}
		prev = g.langW[i]
	}
	return best
}

// stormBuckets are the families a storm's items come from, by shape; the
// abusive share of a slow build grows as it builds.
func stormBuckets(s *stormState, u float64) []weighted {
	switch s.Shape {
	case Campaign:
		return []weighted{{"campaign", 70}, {"pileon", 15}, {"crisis", 5}, {"defend", 10}}
	case DoxxingWave:
		return []weighted{{"doxxing", 40}, {"threat", 20}, {"harassment", 15}, {"pileon", 15}, {"defend", 10}}
	case SlowBuild:
		return []weighted{{"pileon", 50}, {"crisis", 10}, {"accusation", 8}, {"insult", 12 * u}, {"harassment", 10 * u}, {"threat", 6 * u}, {"defend", 8}}
	}
	return []weighted{{"pileon", 55}, {"insult", 8}, {"harassment", 8}, {"threat", 5}, {"crisis", 8}, {"accusation", 5}, {"defend", 8}}
}

// stormEvent is one item of storm s on channel ci.
func (g *Generator) stormEvent(s *stormState, ci int) Event {
	ch := &g.channels[ci]
	u := float64(g.now.Sub(s.start)) / float64(s.end.Sub(s.start))
	bucket := pickWeighted(g.rng, stormBuckets(s, u))
	var a *author
	if bucket == "defend" {
		// Defenders are people who already knew the clinic.
		if sup := g.byRole[RoleSupporter]; len(sup) > 0 && g.rng.Float64() < 0.6 {
			// Prefer one who writes the storm's language.
			for range 6 {
				if a = sup[g.rng.IntN(len(sup))]; a.lang == s.Lang {
					break
				}
			}
		} else {
			a = g.authors[pick(g.rng, g.authW)]
			if a.role != RoleRegular && a.role != RoleSupporter {
				a = g.newAuthor(RoleRegular, s.Lang, 1<<41+g.seq)
			}
		}
	} else {
		switch u := g.rng.Float64(); {
		case u < 0.08 && len(g.byRole[RoleOffender]) > 0:
			off := g.byRole[RoleOffender]
			a = off[g.rng.IntN(len(off))]
		case u < 0.30 && len(s.pool) > 0:
			a = s.pool[g.rng.IntN(len(s.pool))]
		default:
			a = g.newAuthor(RoleStorm, s.Lang, 1<<42+g.seq)
			s.pool = append(s.pool, a)
		}
	}
	parent, reply := g.maybeReply(ch, false)
	b := s.bind
	var tp *template
	var text string
	if bucket == "campaign" && len(s.campaign) > 0 {
		i := g.rng.IntN(len(s.campaign))
		tp = s.campTpl[i]
		text = humanize(g.rng, s.campaign[i], toneNegative) // near-identical: only the poster's habits differ
	} else {
		tp = pickTemplate(g.rng, s.Lang, bucket)
		b.lang = tp.lang
		text = render(g.rng, tp, &b)
	}
	return g.finish(ch, a, tp, text, parent, reply, s.id)
}
