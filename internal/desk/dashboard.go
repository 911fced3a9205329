package desk

import (
	"fmt"
	"html"
	"html/template"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/stormwatch/stormwatch/internal/store"
)

type dashPeriod struct {
	span, step time.Duration
}

var dashPeriods = map[string]dashPeriod{
	"24h": {24 * time.Hour, time.Hour},
	"7d":  {7 * 24 * time.Hour, 6 * time.Hour},
	"30d": {30 * 24 * time.Hour, 24 * time.Hour},
}

type dashPage struct {
	base
	Period     string
	Periods    []string
	Total      int
	Harmful    int
	OpenCases  int
	OpenAlerts int
	Volume     template.HTML
	Categories template.HTML
	Channels   template.HTML
	Statuses   template.HTML
}

// Dashboard shows volume over time, categories, channels, statuses and
// open cases, as inline SVG drawn on the server: no chart library, no
// script, readable by a screen reader through each chart's title and the
// table-like text beside the bars.
func (d *Desk) Dashboard(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	period := r.URL.Query().Get("period")
	pd, ok := dashPeriods[period]
	if !ok {
		period, pd = "7d", dashPeriods["7d"]
	}
	now := d.now().UTC()
	until := now.Truncate(pd.step).Add(pd.step)
	since := until.Add(-pd.span)
	st, err := d.st.Stats(r.Context(), v.Workspace, since, until, pd.step)
	if err != nil {
		d.log.Error("dashboard", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	p := dashPage{base: d.base(r, "dash.title"), Period: period, Periods: []string{"24h", "7d", "30d"}, OpenCases: st.OpenCases}
	if open, err := d.st.ListAlerts(r.Context(), v.Workspace, store.AlertFilter{OpenOnly: true}); err == nil {
		p.OpenAlerts = len(open)
	} else {
		d.log.Error("dashboard: open alerts", "err", err)
	}
	p.Nav = "dashboard"
	for _, b := range st.Volume {
		p.Total += b.Total
		p.Harmful += b.Harmful
	}
	l := p.L
	p.Volume = volumeChart(st.Volume, pd.step, l.T("dash.volume"), l.T("dash.all_items"), l.T("dash.harmful"))
	p.Categories = barChart(l.T("dash.categories"), st.Categories, func(k string) string { return l.T("cat." + k) })
	p.Channels = barChart(l.T("dash.channels"), st.Channels, func(k string) string { return k })
	p.Statuses = barChart(l.T("dash.statuses"), st.Statuses, func(k string) string { return l.T("status." + k) })
	d.render(w, r, http.StatusOK, "dashboard", p)
}

// volumeChart draws one column per bucket: all items, and the harmful
// part of them in a darker shade.
func volumeChart(bs []store.Bucket, step time.Duration, title, allLabel, harmLabel string) template.HTML {
	const W, H, left, bottom, top = 640, 220, 36, 28, 12
	maxV := 1
	for _, b := range bs {
		maxV = max(maxV, b.Total)
	}
	var s strings.Builder
	esc := html.EscapeString
	fmt.Fprintf(&s, `<svg class="chart" viewBox="0 0 %d %d" role="img" aria-labelledby="vol-title"><title id="vol-title">%s</title>`, W, H, esc(title))
	plotH := float64(H - bottom - top)
	fmt.Fprintf(&s, `<line x1="%d" y1="%d" x2="%d" y2="%d" class="axis"/>`, left, H-bottom, W, H-bottom)
	fmt.Fprintf(&s, `<text x="%d" y="%d" class="tick" text-anchor="end">%d</text>`, left-4, top+4, maxV)
	fmt.Fprintf(&s, `<text x="%d" y="%d" class="tick" text-anchor="end">0</text>`, left-4, H-bottom)
	n := max(len(bs), 1)
	bw := float64(W-left) / float64(n)
	for i, b := range bs {
		x := float64(left) + float64(i)*bw
		th := plotH * float64(b.Total) / float64(maxV)
		hh := plotH * float64(b.Harmful) / float64(maxV)
		label := fmt.Sprintf("%s: %d, %s: %d", b.Start.Format("2006-01-02 15:04"), b.Total, harmLabel, b.Harmful)
		fmt.Fprintf(&s, `<g><title>%s</title><rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" class="bar-all"/><rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" class="bar-harm"/></g>`,
			esc(label), x+1, float64(H-bottom)-th, max(bw-2, 1), th, x+1, float64(H-bottom)-hh, max(bw-2, 1), hh)
	}
	layout := "01-02 15:04"
	if step >= 24*time.Hour {
		layout = "01-02"
	}
	if len(bs) > 0 {
		fmt.Fprintf(&s, `<text x="%d" y="%d" class="tick">%s</text>`, left, H-8, esc(bs[0].Start.Format(layout)))
		fmt.Fprintf(&s, `<text x="%d" y="%d" class="tick" text-anchor="end">%s</text>`, W, H-8, esc(bs[len(bs)-1].Start.Format(layout)))
	}
	fmt.Fprintf(&s, `<rect x="%d" y="2" width="10" height="10" class="bar-all"/><text x="%d" y="11" class="tick">%s</text>`, W-230, W-216, esc(allLabel))
	fmt.Fprintf(&s, `<rect x="%d" y="2" width="10" height="10" class="bar-harm"/><text x="%d" y="11" class="tick">%s</text>`, W-110, W-96, esc(harmLabel))
	s.WriteString(`</svg>`)
	return template.HTML(s.String())
}

// barChart draws horizontal bars, largest first, each with its label and
// count as text so that the figure reads without the picture.
func barChart(title string, counts map[string]int, label func(string) string) template.HTML {
	type kv struct {
		k string
		v int
	}
	var rows []kv
	maxV := 1
	for k, v := range counts {
		rows = append(rows, kv{k, v})
		maxV = max(maxV, v)
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].v != rows[j].v {
			return rows[i].v > rows[j].v
		}
		return rows[i].k < rows[j].k
	})
	const W, rowH, labelW = 300, 24, 120
	H := max(len(rows)*rowH, rowH)
	esc := html.EscapeString
	var s strings.Builder
	id := "c" + fmt.Sprint(len(title)) + strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' {
			return r
		}
		return -1
	}, strings.ToLower(title))
	fmt.Fprintf(&s, `<svg class="chart bars" viewBox="0 0 %d %d" role="img" aria-labelledby="%s"><title id="%s">%s</title>`, W, H, id, id, esc(title))
	if len(rows) == 0 {
		fmt.Fprintf(&s, `<text x="0" y="16" class="tick">—</text>`)
	}
	for i, r := range rows {
		y := i * rowH
		bw := float64(W-labelW-40) * float64(r.v) / float64(maxV)
		fmt.Fprintf(&s, `<text x="0" y="%d" class="label">%s</text><rect x="%d" y="%d" width="%.1f" height="%d" class="bar-all"/><text x="%.1f" y="%d" class="tick">%d</text>`,
			y+16, esc(label(r.k)), labelW, y+4, bw, rowH-8, float64(labelW)+bw+4, y+16, r.v)
	}
	s.WriteString(`</svg>`)
	return template.HTML(s.String())
}
