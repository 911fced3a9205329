package drill

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/sim"
)

// Event is one item of a scenario's traffic with the truth about it.
type Event struct {
	Offset     time.Duration // scenario time of arrival
	Item       ingest.Item   // Workspace and CreatedAt are set on replay
	Kind       string        // the line's kind (insult, complaint...)
	Lang       string        // the language it is written in
	Categories []detect.Category
	Expect     Disposition
	Inject     string // the inject that posted it, "" for ordinary traffic
}

// simPlan draws a scenario's traffic from package sim: its ordinary
// traffic at rate items per hour and the storms, in scenario time.
type simPlan struct {
	rate   float64
	storms []simStorm
}

type simStorm struct {
	shape string
	at    time.Duration
	dur   time.Duration
	mult  float64
}

// simStart is when a sim-drawn scenario begins in simulated time: a
// Friday at 5 pm, as in seed 000.
var simStart = time.Date(2026, 11, 20, 17, 0, 0, 0, time.UTC)

// Generate returns the scenario's traffic for a seed, in arrival order.
// The same scenario and seed always give the same events, so a drill's
// traffic is regenerated rather than stored, and its debrief can compare
// every item with what was expected of it.
func Generate(s *Scenario, seed uint64) ([]Event, error) {
	var evs []Event
	var err error
	if s.sim != nil {
		evs, err = s.generateSim(seed)
	} else {
		evs, err = s.generateLines(seed)
	}
	if err != nil {
		return nil, err
	}
	for i, inj := range s.Injects {
		if inj.Post == "" {
			continue
		}
		l, err := parseLine(inj.Post)
		if err != nil {
			return nil, fmt.Errorf("scenario %s inject %s: %w", s.ID, inj.ID, err)
		}
		ev := s.event(l, 1000+i, inj.At, "inj-"+inj.ID, s.Channels[0], 9000+i)
		ev.Inject = inj.ID
		evs = append(evs, ev)
	}
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].Offset < evs[j].Offset })
	return evs, nil
}

func (s *Scenario) generateSim(seed uint64) ([]Event, error) {
	langs := map[string]float64{}
	for l, w := range s.Langs {
		langs[l] = w
	}
	g := sim.New(sim.Config{Seed: seed, Channels: s.Channels, RatePerHour: s.sim.rate, Start: simStart, Languages: langs,
		Staff: s.Staff, OrgNames: s.OrgNames, Authors: 200})
	for _, st := range s.sim.storms {
		if _, err := g.InjectStorm(sim.Storm{Shape: sim.Shape(st.shape), Start: simStart.Add(st.at), Duration: st.dur, Multiplier: st.mult,
			Lang: s.Lang, Target: s.Staff[0], Pet: "Filou"}); err != nil {
			return nil, fmt.Errorf("scenario %s: %w", s.ID, err)
		}
	}
	end := simStart.Add(s.Duration)
	var out []Event
	for {
		e := g.Next()
		if !e.Item.CreatedAt.Before(end) {
			break
		}
		kind := "neutral"
		if len(e.Truth.Categories) > 0 {
			kind = string(e.Truth.Categories[0])
		}
		exp := Keep
		if e.Truth.Remove {
			exp = Remove
		}
		it := e.Item
		it.Workspace, it.CreatedAt = "", time.Time{}
		out = append(out, Event{Offset: e.Item.CreatedAt.Sub(simStart), Item: it, Kind: kind, Lang: e.Truth.Lang, Categories: e.Truth.Categories, Expect: exp})
	}
	return out, nil
}

func (s *Scenario) generateLines(seed uint64) ([]Event, error) {
	lines, err := s.parsedLines()
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(seed, 0xd7111_5eed))
	// Languages in a fixed order: map order would break determinism.
	var langs []string
	var langW []float64
	total := 0.0
	for _, l := range []string{"fr", "nl", "en", "de", "sv", "nb"} {
		if w := s.Langs[l]; w > 0 {
			total += w
			langs = append(langs, l)
			langW = append(langW, total)
		}
	}
	var out []Event
	n := 0
	for _, ph := range s.Phases {
		if ph.PerHour <= 0 || len(ph.Mix) == 0 {
			continue
		}
		var mixW []float64
		mt := 0.0
		for _, m := range ph.Mix {
			mt += m.Weight
			mixW = append(mixW, mt)
		}
		t := ph.From
		for {
			t += time.Duration(rng.ExpFloat64() / ph.PerHour * float64(time.Hour))
			if t >= ph.To {
				break
			}
			kind := ph.Mix[pickCum(rng, mixW)].Kind
			lang := s.Lang
			if total > 0 {
				lang = langs[pickCum(rng, langW)]
			}
			l, ok := chooseLine(rng, lines, kind, lang, s.Lang)
			if !ok {
				continue
			}
			ch := s.Channels[rng.IntN(len(s.Channels))]
			// Hostile lines come from a small crowd that posts again;
			// the rest from a wider public.
			author := rng.IntN(120)
			if kinds[kind].disp == Remove {
				author = 500 + rng.IntN(25)
			}
			out = append(out, s.event(l, n, t, fmt.Sprintf("c%04d", n), ch, author))
			n++
		}
	}
	return out, nil
}

func pickCum(rng *rand.Rand, cum []float64) int {
	u := rng.Float64() * cum[len(cum)-1]
	i, _ := slices.BinarySearch(cum, u)
	return min(i, len(cum)-1)
}

// chooseLine picks a line of kind in lang, else in the organization's
// language, else in any language.
func chooseLine(rng *rand.Rand, lines []line, kind, lang, orgLang string) (line, bool) {
	for _, want := range []string{lang, orgLang, ""} {
		var c []line
		for _, l := range lines {
			if l.kind == kind && (want == "" || l.lang == want) {
				c = append(c, l)
			}
		}
		if len(c) > 0 {
			return c[rng.IntN(len(c))], true
		}
	}
	return line{}, false
}

// event builds the item of a line, with a payload shaped as the platform
// sends it (a Graph API feed change for Facebook, an Instagram comment).
func (s *Scenario) event(l line, n int, at time.Duration, id, channel string, author int) Event {
	text := s.fill(l.text, n)
	name := authorName(l.lang, author)
	platform, _, _ := strings.Cut(channel, ":")
	authorID := fmt.Sprintf("%d", 100000000000000+author*7919)
	kind := ingest.KindComment
	if l.kind == "help" {
		kind = ingest.KindMessage
	}
	if platform == "bluesky" {
		kind = ingest.KindMention
	}
	platformID := "drill_" + s.ID + "_" + id
	var raw any
	switch platform {
	case "facebook":
		raw = map[string]any{"field": "feed", "value": map[string]any{
			"from": map[string]any{"id": authorID, "name": name}, "item": "comment", "verb": "add",
			"post_id": "drill_post_1", "comment_id": platformID, "message": text, "created_time": int64(at / time.Second)}}
	case "instagram":
		raw = map[string]any{"id": platformID, "text": text, "from": map[string]any{"id": authorID, "username": strings.ToLower(strings.ReplaceAll(name, " ", "_"))},
			"media": map[string]any{"id": "drill_media_1"}}
	default:
		raw = map[string]any{"id": platformID, "text": text, "author": name}
	}
	b, _ := json.Marshal(raw)
	return Event{
		Offset: at,
		Item: ingest.Item{Channel: channel, PlatformID: platformID, Kind: kind, Text: text, AuthorID: authorID, AuthorName: name,
			ThreadID: "drill_post_1", Lang: l.lang, Raw: b},
		Kind: l.kind, Lang: l.lang, Categories: kinds[l.kind].cats, Expect: kinds[l.kind].disp,
	}
}

// Invented names, common enough to be nobody in particular.
var names = map[string][]string{
	"fr": {"Julie M.", "Nicolas Leroy", "Sylvie", "Karim B.", "Léa Fontaine", "Pierre D.", "Amélie R."},
	"nl": {"Sanne de Vries", "Bram", "Koen Peeters", "Marieke J.", "Tom W.", "Lotte"},
	"sv": {"Anna Berg", "Johan K.", "Maja Nilsson", "Erik", "Sara Holm", "Lars O."},
	"nb": {"Kari Hansen", "Ole B.", "Silje", "Magnus Strand", "Hege N.", "Eirik L."},
	"en": {"Sam T.", "Rachel Evans", "Ben", "Priya P."},
	"de": {"Anna Weber", "Jonas K.", "Petra", "Lukas S."},
}

func authorName(lang string, n int) string {
	l := names[lang]
	if len(l) == 0 {
		l = names["en"]
	}
	if n >= 500 {
		// Accounts made for the occasion rarely carry a real name.
		return "user" + strconv.Itoa(48213+n*37%9973)
	}
	return l[n%len(l)]
}
