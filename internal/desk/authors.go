package desk

import (
	"net/http"
	"net/url"
	"sort"
	"time"

	"github.com/stormwatch/stormwatch/internal/store"
)

// The authors screen: repeat offenders and supporters, computed only from
// what authors wrote on the workspace's own channels and what the policy
// and the staff decided about it; nothing is looked up on their accounts.
// An identity is one author id on one channel: the page says that the
// same person on two platforms shows as two authors.
//
// Reading takes view. Marking a supporter is the item page's existing
// desk step (kind=supporter on the author's newest item), which takes
// moderate and the CSRF token like every other step.

func init() { pageNames = append(pageNames, "authors") }

// authorsWindow is how far back the screen counts.
const authorsWindow = 30 * 24 * time.Hour

// minOffences makes a repeat offender.
const minOffences = 3

type offenderView struct {
	store.Offender
	Cats  []catCount
	Items string // the queue filtered on the author and channel
}

type catCount struct {
	Cat   string
	Count int
}

type supporterView struct {
	store.Supporter
	Why   []string
	Items string
}

type authorsPage struct {
	base
	Offenders   []offenderView
	Marked      []supporterView
	Suggested   []supporterView
	CanModerate bool
	Nonce       string
	Back        string
	Days        int
	MinOffences int
}

func authorItems(ws, channel, author string) string {
	q := url.Values{"channel": {channel}, "author": {author}}
	return "/w/" + ws + "/queue?" + q.Encode()
}

// Authors shows the workspace's repeat offenders and supporters.
func (d *Desk) Authors(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	now := d.now()
	win := store.AuthorWindow{Since: now.Add(-authorsWindow), Until: now.Add(time.Second)}
	offs, err := d.st.RepeatOffenders(r.Context(), v.Workspace, win, minOffences)
	var sups []store.Supporter
	if err == nil {
		sups, err = d.st.Supporters(r.Context(), v.Workspace, store.SupporterRules{AuthorWindow: win})
	}
	if err != nil {
		d.log.Error("authors", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	p := authorsPage{base: d.base(r, "author.title"), CanModerate: v.Can("moderate"), Nonce: newNonce(),
		Back: "/w/" + v.Workspace + "/authors", Days: int(authorsWindow / (24 * time.Hour)), MinOffences: minOffences}
	p.Nav = "authors"
	for _, o := range offs {
		ov := offenderView{Offender: o, Items: authorItems(v.Workspace, o.Channel, o.AuthorID)}
		for c, n := range o.Categories {
			ov.Cats = append(ov.Cats, catCount{c, n})
		}
		sort.Slice(ov.Cats, func(a, b int) bool {
			if ov.Cats[a].Count != ov.Cats[b].Count {
				return ov.Cats[a].Count > ov.Cats[b].Count
			}
			return ov.Cats[a].Cat < ov.Cats[b].Cat
		})
		p.Offenders = append(p.Offenders, ov)
	}
	for _, s := range sups {
		sv := supporterView{Supporter: s, Items: authorItems(v.Workspace, s.Channel, s.AuthorID)}
		if s.Defences > 0 {
			sv.Why = append(sv.Why, p.L.T("author.why_defences", s.Defences))
		}
		if s.Praise > 0 {
			sv.Why = append(sv.Why, p.L.T("author.why_praise", s.Praise))
		}
		if s.Marked {
			p.Marked = append(p.Marked, sv)
		} else {
			p.Suggested = append(p.Suggested, sv)
		}
	}
	d.render(w, r, http.StatusOK, "authors", p)
}
