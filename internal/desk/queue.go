package desk

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/store"
)

// row is one item as the queue lists it.
type row struct {
	Q          store.QueueItem
	Text       template.HTML
	Categories []string
	Rule       string
	Verdict    string
	Mine       bool // claimed by the viewer
}

// filters are the queue's filter form, as sent.
type filters struct {
	Channel, Category, Severity, Lang, Status, Author, Period string
}

var periods = map[string]time.Duration{"1h": time.Hour, "24h": 24 * time.Hour, "7d": 7 * 24 * time.Hour, "30d": 30 * 24 * time.Hour}

func parseFilters(q url.Values) filters {
	return filters{
		Channel: q.Get("channel"), Category: q.Get("category"), Severity: q.Get("severity"), Lang: q.Get("lang"),
		Status: q.Get("status"), Author: strings.TrimSpace(q.Get("author")), Period: q.Get("period"),
	}
}

// storeFilter turns the form into a store filter, ignoring values that
// are not among the choices (a hand-edited URL shows everything rather
// than failing).
func (f filters) storeFilter(now time.Time) store.QueueFilter {
	sf := store.QueueFilter{Channel: f.Channel, Lang: f.Lang, Author: f.Author}
	if _, err := detect.ParseCategory(f.Category); err == nil {
		sf.Category = f.Category
	}
	if n, err := strconv.Atoi(f.Severity); err == nil && n >= 1 && n <= 3 {
		sf.MinSeverity = n
	}
	if contains(store.Statuses, f.Status) {
		sf.Status = f.Status
	}
	if d, ok := periods[f.Period]; ok {
		sf.Since = now.Add(-d)
	}
	return sf
}

func (f filters) query() url.Values {
	q := url.Values{}
	for k, v := range map[string]string{"channel": f.Channel, "category": f.Category, "severity": f.Severity, "lang": f.Lang, "status": f.Status, "author": f.Author, "period": f.Period} {
		if v != "" {
			q.Set(k, v)
		}
	}
	return q
}

type queuePage struct {
	base
	Rows        []row
	F           filters
	Channels    []string
	Categories  []detect.Category
	Statuses    []string
	ItemLangs   []string
	Periods     []string
	Severities  []string
	Nonce       string
	CanModerate bool
	Back        string
	MaxID       int64
	FilterQuery string
	Older       string // link to the next page, "" at the end
}

const (
	queuePageSize = 100
	maxQueuePage  = 500
)

// Queue is the inbox and review queue: filters, the items with their
// decisions and highlighted spans, bulk and per-item actions, live
// arrivals. With ?fragment=rows it returns only the rows newer than
// ?after, for the live updates.
func (d *Desk) Queue(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	q := r.URL.Query()
	now := d.now()
	f := parseFilters(q)
	sf := f.storeFilter(now)
	sf.Limit = queuePageSize
	if n, err := strconv.Atoi(q.Get("limit")); err == nil && n > 0 {
		sf.Limit = min(n, maxQueuePage) // clearing a storm: up to 500 on one page
	}
	if n, err := strconv.ParseInt(q.Get("before"), 10, 64); err == nil && n > 0 {
		sf.BeforeID = n
	}
	fragment := q.Get("fragment") == "rows"
	if fragment {
		n, _ := strconv.ParseInt(q.Get("after"), 10, 64)
		sf.AfterID = max(n, 0)
		if sf.AfterID == 0 {
			sf.AfterID = -1 // nothing to compare with: send nothing rather than everything
		}
	}
	var items []store.QueueItem
	var err error
	if sf.AfterID >= 0 {
		items, err = d.st.Queue(r.Context(), v.Workspace, sf, now)
	}
	if err != nil {
		d.log.Error("queue", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	p, err := d.queuePage(r, v, f, items)
	if err != nil {
		d.log.Error("queue", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	if fragment {
		d.renderTemplate(w, r, http.StatusOK, "queue", "rows", p)
		return
	}
	if len(items) == sf.Limit {
		oq := f.query()
		oq.Set("before", strconv.FormatInt(items[len(items)-1].Item.ID, 10))
		if sf.Limit != queuePageSize {
			oq.Set("limit", strconv.Itoa(sf.Limit))
		}
		p.Older = "/w/" + v.Workspace + "/queue?" + oq.Encode()
	}
	d.render(w, r, http.StatusOK, "queue", p)
}

func (d *Desk) queuePage(r *http.Request, v *Viewer, f filters, items []store.QueueItem) (queuePage, error) {
	p := queuePage{base: d.base(r, "queue.title"), F: f, Categories: detect.Categories, Statuses: store.Statuses,
		ItemLangs: []string{"en", "fr", "nl", "sv", "nb", "nn", "de"}, Periods: []string{"1h", "24h", "7d", "30d"},
		Severities: []string{"1", "2", "3"},
		Nonce:      newNonce(), CanModerate: v.Can("moderate"), FilterQuery: f.query().Encode()}
	p.Nav = "queue"
	p.Back = "/w/" + v.Workspace + "/queue"
	if p.FilterQuery != "" {
		p.Back += "?" + p.FilterQuery
	}
	ch, err := d.st.Channels(r.Context(), v.Workspace)
	if err != nil {
		return p, err
	}
	p.Channels = ch
	p.Rows = make([]row, 0, len(items))
	for _, it := range items {
		p.Rows = append(p.Rows, makeRow(it, v))
		p.MaxID = max(p.MaxID, it.Item.ID)
	}
	return p, nil
}

func makeRow(it store.QueueItem, v *Viewer) row {
	rw := row{Q: it, Mine: it.Claim != nil && it.Claim.UserID == v.User.ID}
	if dec := it.Decision; dec != nil {
		rw.Text = Highlight(it.Item.Text, dec.Signals)
		rw.Verdict = dec.Action
		if len(dec.Rules) > 0 {
			rw.Rule = dec.Rules[0]
		}
		for _, s := range dec.Signals {
			if !contains(rw.Categories, string(s.Category)) {
				rw.Categories = append(rw.Categories, string(s.Category))
			}
		}
	} else {
		rw.Text = Highlight(it.Item.Text, nil)
	}
	return rw
}

// rowCtx is what the row template needs: the row and a little of the page.
type rowCtx struct {
	R           row
	L           *Lang
	WS          string
	CanModerate bool
}

// Row pairs a row with the page, for the row template.
func (p queuePage) Row(r row) rowCtx {
	return rowCtx{R: r, L: p.L, WS: p.WS, CanModerate: p.CanModerate}
}
