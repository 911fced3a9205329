package desk

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/stormwatch/stormwatch/internal/checklist"
	"github.com/stormwatch/stormwatch/internal/store"
)

// The checklist screens: the self-assessments drawn from the seeds (the ten
// questions of seed 001, the crisis-communication strategy of seed 002, the
// policy components of seeds 003 and 004), each answered yes, partly, no or
// "does not apply" with a note, scored per section and in total, with what
// to do next for every gap, compared with the previous assessment, and the
// date the next review is due.
//
// Reading takes view; answering takes manage_policy: an assessment is a
// statement of how the organization is prepared, like its policy.

func init() { pageNames = append(pageNames, "checklists", "checklist", "assessment") }

type checklistRow struct {
	ID, Title, Intro string
	Seeds            []string
	Questions        int
	ReviewDays       int
	Status           checklist.Status
	Pct              float64
}

type checklistsPage struct {
	base
	Rows []checklistRow
}

type clQuestion struct {
	ID, Text, Next string
	Value, Note    string
}

type clSection struct {
	ID, Title  string
	Questions  []clQuestion
	Score, Max int
	Pct        float64
}

type histRow struct {
	ID         int64
	At         time.Time
	By         string
	Score, Max int
	Pct        float64
	Current    bool
}

type checklistPage struct {
	base
	ID, CTitle, Intro string
	Sections          []clSection
	CanAnswer         bool
	Values            []string
	History           []histRow
	Status            checklist.Status
}

type gapRow struct {
	Section, Question, Answer, Note, Next string
}

type changeRow struct {
	Question, From, To string
	Better             bool
}

type assessmentPage struct {
	base
	ID, CTitle string
	A          store.Assessment
	By         string
	Sections   []clSection
	Pct        float64
	Gaps       []gapRow
	HasPrev    bool
	Delta      int
	PrevPct    float64
	Changes    []changeRow
	History    []histRow
	DueAt      time.Time
}

// memberNames maps "user:<id>" to display names, for who answered.
func (d *Desk) memberNames(r *http.Request, workspace string) map[string]string {
	names := map[string]string{}
	ms, err := d.st.Members(r.Context(), workspace)
	if err != nil {
		return names
	}
	for _, m := range ms {
		names["user:"+strconv.FormatInt(m.UserID, 10)] = m.User.DisplayName
	}
	return names
}

func nameOf(names map[string]string, actor string) string {
	if n, ok := names[actor]; ok {
		return n
	}
	return actor
}

// ChecklistList lists the checklists with where the workspace stands.
func (d *Desk) ChecklistList(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	as, err := d.st.Assessments(r.Context(), v.Workspace, "", 0)
	if err != nil {
		d.log.Error("checklists", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	p := checklistsPage{base: d.base(r, "checklist.title")}
	p.Nav = "checklists"
	lang := p.L.Code
	for _, st := range checklist.Statuses(as, d.now()) {
		c := st.Checklist
		row := checklistRow{ID: c.ID, Title: c.Title.In(lang), Intro: c.Intro.In(lang), Seeds: c.Seeds, Questions: len(c.Questions()),
			ReviewDays: int(c.Review / (24 * time.Hour)), Status: st}
		if st.Last != nil {
			row.Pct = checklist.Score(c, st.Last.Answers).Pct()
		}
		p.Rows = append(p.Rows, row)
	}
	d.render(w, r, http.StatusOK, "checklists", p)
}

func (d *Desk) checklistOf(w http.ResponseWriter, r *http.Request) (*checklist.Checklist, bool) {
	c, ok := checklist.ByID(r.PathValue("id"))
	if !ok {
		d.Error(w, r, http.StatusNotFound, "checklist.not_found")
	}
	return c, ok
}

func sections(c *checklist.Checklist, lang string, answers []store.ChecklistAnswer) []clSection {
	by := map[string]store.ChecklistAnswer{}
	for _, a := range answers {
		by[a.Question] = a
	}
	res := checklist.Score(c, answers)
	var out []clSection
	for i, s := range c.Sections {
		cs := clSection{ID: s.ID, Title: s.Title.In(lang), Score: res.Sections[i].Score, Max: res.Sections[i].Max, Pct: res.Sections[i].Pct()}
		for _, q := range s.Questions {
			a := by[q.ID]
			cs.Questions = append(cs.Questions, clQuestion{ID: q.ID, Text: q.Text.In(lang), Next: q.Next.In(lang), Value: a.Value, Note: a.Note})
		}
		out = append(out, cs)
	}
	return out
}

func history(c *checklist.Checklist, as []store.Assessment, names map[string]string, current int64) []histRow {
	var out []histRow
	for _, a := range as {
		res := checklist.Score(c, a.Answers)
		out = append(out, histRow{ID: a.ID, At: a.At, By: nameOf(names, a.By), Score: res.Score, Max: res.Max, Pct: res.Pct(), Current: a.ID == current})
	}
	return out
}

// ChecklistPage shows a checklist: the form to answer it (prefilled with
// the last answers) for those who may, and its history.
func (d *Desk) ChecklistPage(w http.ResponseWriter, r *http.Request) {
	c, ok := d.checklistOf(w, r)
	if !ok {
		return
	}
	v := ViewerFrom(r.Context())
	as, err := d.st.Assessments(r.Context(), v.Workspace, c.ID, 50)
	if err != nil {
		d.log.Error("checklist", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	p := checklistPage{base: d.base(r, "checklist.title"), ID: c.ID, CanAnswer: v.Can("manage_policy"), Values: checklist.Values}
	p.Nav = "checklists"
	lang := p.L.Code
	p.CTitle, p.Intro = c.Title.In(lang), c.Intro.In(lang)
	p.Title = p.CTitle
	var last []store.ChecklistAnswer
	var lastA *store.Assessment
	if len(as) > 0 {
		last, lastA = as[0].Answers, &as[0]
	}
	p.Sections = sections(c, lang, last)
	p.Status = checklist.StatusOf(c, lastA, d.now())
	p.History = history(c, as, d.memberNames(r, v.Workspace), 0)
	d.render(w, r, http.StatusOK, "checklist", p)
}

// ChecklistAnswer stores a completed assessment.
func (d *Desk) ChecklistAnswer(w http.ResponseWriter, r *http.Request) {
	c, ok := d.checklistOf(w, r)
	if !ok {
		return
	}
	v := ViewerFrom(r.Context())
	answers, err := checklist.ParseAnswers(c, r.PostForm)
	switch {
	case errors.Is(err, checklist.ErrNoteTooLong):
		d.Error(w, r, http.StatusBadRequest, "checklist.note_too_long")
		return
	case err != nil:
		d.Error(w, r, http.StatusBadRequest, "checklist.bad_answer")
		return
	}
	res := checklist.Score(c, answers)
	note := r.PostForm.Get("note")
	if len([]rune(note)) > checklist.MaxNote {
		d.Error(w, r, http.StatusBadRequest, "checklist.note_too_long")
		return
	}
	a, err := d.st.SaveAssessment(r.Context(), store.Assessment{Workspace: v.Workspace, Checklist: c.ID, Answers: answers,
		Score: res.Score, Max: res.Max, Note: note, At: d.now()}, "user:"+strconv.FormatInt(v.User.ID, 10))
	if err != nil {
		d.log.Error("checklist answer", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	http.Redirect(w, r, "/w/"+v.Workspace+"/checklists/"+c.ID+"/assessments/"+strconv.FormatInt(a.ID, 10)+"?flash=checklist_saved", http.StatusSeeOther)
}

// AssessmentPage shows one assessment scored: per section and in total,
// the gaps with what to do next, and the change since the one before.
func (d *Desk) AssessmentPage(w http.ResponseWriter, r *http.Request) {
	c, ok := d.checklistOf(w, r)
	if !ok {
		return
	}
	v := ViewerFrom(r.Context())
	aid, err := strconv.ParseInt(r.PathValue("aid"), 10, 64)
	if err != nil {
		d.Error(w, r, http.StatusNotFound, "checklist.not_found")
		return
	}
	a, err := d.st.AssessmentByID(r.Context(), v.Workspace, aid)
	if errors.Is(err, store.ErrNotFound) || err == nil && a.Checklist != c.ID {
		d.Error(w, r, http.StatusNotFound, "checklist.not_found")
		return
	}
	var as []store.Assessment
	if err == nil {
		as, err = d.st.Assessments(r.Context(), v.Workspace, c.ID, 50)
	}
	if err != nil {
		d.log.Error("assessment", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	names := d.memberNames(r, v.Workspace)
	p := assessmentPage{base: d.base(r, "checklist.title"), ID: c.ID, A: a, By: nameOf(names, a.By)}
	p.Nav = "checklists"
	lang := p.L.Code
	p.CTitle = c.Title.In(lang)
	p.Title = p.CTitle
	res := checklist.Score(c, a.Answers)
	p.Sections = sections(c, lang, a.Answers)
	p.Pct = res.Pct()
	for _, g := range res.Gaps {
		p.Gaps = append(p.Gaps, gapRow{Section: g.Section.Title.In(lang), Question: g.Question.Text.In(lang), Answer: g.Answer.Value, Note: g.Answer.Note, Next: g.Question.Next.In(lang)})
	}
	// The previous assessment is the next older one in the history.
	for i := range as {
		if as[i].ID == a.ID && i+1 < len(as) {
			cmp := checklist.Compare(c, &as[i+1], &a)
			p.HasPrev, p.Delta, p.PrevPct = true, cmp.Delta, cmp.PrevPct
			for _, ch := range cmp.Changes {
				p.Changes = append(p.Changes, changeRow{Question: ch.Question.Text.In(lang), From: ch.From, To: ch.To, Better: ch.Better})
			}
		}
	}
	p.DueAt = a.At.Add(c.Review)
	p.History = history(c, as, names, a.ID)
	d.render(w, r, http.StatusOK, "assessment", p)
}
