package listen

import (
	"fmt"
	"slices"
	"strings"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/store"
)

// Press pick-up: an article naming the organization or its people in a
// watched news feed is an early warning by itself, whatever the volume
// (seed 003: be the first to know). Items from news feeds carry channels
// named "rss:..."; the feed connector only lets through entries that name
// the workspace, so each such item is coverage.

// PressKind is the alert kind of press coverage.
const PressKind store.AlertKind = "press"

// PressPickup is the metric of a press alert: articles seen that day.
const PressPickup Metric = "press_pickup"

// IsPress reports whether items of channel are news coverage.
func IsPress(channel string) bool { return strings.HasPrefix(channel, "rss:") }

// PressAlert is one press alert to raise in a workspace.
type PressAlert struct {
	Workspace string
	Alert     store.NewAlert
}

// pressSevere are categories that make coverage critical: the story is
// about a death, the police, a lawyer, or accuses someone.
var pressSevere = []detect.Category{detect.Crisis, detect.Accusation, detect.Threat, detect.Harassment, detect.Hate}

// Press turns the news-feed items among obs into alerts: one per
// workspace, outlet and day (raising it again counts another occurrence
// with more examples). Coverage is a warning; negative coverage, or a
// story about a crisis or an accusation, is critical.
func Press(obs []Obs) []PressAlert {
	type group struct {
		ws, channel, outlet string
		at                  Obs
		n                   int
		ids                 []int64
		titles              []string
		critical            bool
	}
	var order []string
	groups := map[string]*group{}
	for _, o := range obs {
		if !IsPress(o.Channel) {
			continue
		}
		outlet := o.AuthorName
		if outlet == "" {
			outlet = o.AuthorID
		}
		if outlet == "" {
			outlet = strings.TrimPrefix(o.Channel, "rss:")
		}
		k := o.Workspace + "\x00" + o.Channel + "\x00" + outlet + "\x00" + o.At.UTC().Format("2006-01-02")
		g := groups[k]
		if g == nil {
			g = &group{ws: o.Workspace, channel: o.Channel, outlet: outlet, at: o}
			groups[k] = g
			order = append(order, k)
		}
		g.n++
		if o.At.After(g.at.At) {
			g.at = o
		}
		if o.ItemID != 0 && len(g.ids) < maxExamples {
			g.ids = append(g.ids, o.ItemID)
		}
		if t := headline(o.Text); t != "" && len(g.titles) < 3 {
			g.titles = append(g.titles, t)
		}
		if o.Negative || slices.ContainsFunc(o.Categories, func(c detect.Category) bool { return slices.Contains(pressSevere, c) }) {
			g.critical = true
		}
	}
	var out []PressAlert
	for _, k := range order {
		g := groups[k]
		sev := store.AlertWarning
		if g.critical {
			sev = store.AlertCritical
		}
		summary := fmt.Sprintf("press: %d article(s) from %s naming the organization or its people", g.n, g.outlet)
		if len(g.titles) > 0 {
			summary += ": “" + strings.Join(g.titles, "”; “") + "”"
		}
		out = append(out, PressAlert{Workspace: g.ws, Alert: store.NewAlert{
			Kind:     PressKind,
			Severity: sev,
			Title:    "In the press: " + g.outlet,
			Summary:  summary,
			// One open alert per outlet and day: a follow-up article adds
			// an occurrence and an example rather than paging again.
			DedupeKey:      fmt.Sprintf("%s:%s:%s:%s", PressKind, g.channel, g.outlet, g.at.At.UTC().Format("2006-01-02")),
			Metrics:        []store.AlertMetric{{Name: string(PressPickup), Channel: g.channel, Window: "24h", Observed: float64(g.n)}},
			ExampleItemIDs: g.ids,
			At:             g.at.At,
		}})
	}
	return out
}

// headline is an item's first line (a feed item's text is its title,
// a blank line, then its summary), shortened.
func headline(text string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(text), "\n")
	line = strings.TrimSpace(line)
	if r := []rune(line); len(r) > 120 {
		line = string(r[:119]) + "…"
	}
	return line
}
