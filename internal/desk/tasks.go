package desk

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/stormwatch/stormwatch/internal/store"
	"github.com/stormwatch/stormwatch/internal/survey"
	"github.com/stormwatch/stormwatch/internal/tasks"
)

// The tasks screen: the follow-ups to do (calling back clients whose
// survey answers were unhappy, seed 000), the overdue first, each with
// the answer that raised it, who does it, and a form to close it with
// what was done.
//
// Reading takes view. Assigning and completing take moderate: the
// people who answer clients are the community and customer-service team.

func init() {
	pageNames = append(pageNames, "tasks")
	funcs["taskRow"] = func(p tasksPage, t taskView) taskRow { return taskRow{P: &p, T: t} }
}

// taskRow is what the "task" template needs: the page and one task.
type taskRow struct {
	P *tasksPage
	T taskView
}

// tasksDone is how many completed tasks the screen shows.
const tasksDone = 20

type taskView struct {
	store.Task
	Overdue  bool
	Heading  string
	Assignee string
	// From the attached survey answer.
	Score    string
	Comment  string
	Location string
	Date     string
	Reasons  []string
}

type taskMember struct {
	ID   int64
	Name string
}

type tasksPage struct {
	base
	// Import is the result of a survey import just made (nil otherwise).
	Import      *survey.Result
	ImportShown []survey.Problem
	Overdue     []taskView
	Open        []taskView
	Done        []taskView
	Members     []taskMember
	CanModerate bool
}

func (d *Desk) taskService() *tasks.Service { return &tasks.Service{Store: d.st, Now: d.now} }

func viewTask(l *Lang, t store.Task, overdue bool, names map[int64]string) taskView {
	v := taskView{Task: t, Overdue: overdue, Assignee: names[t.AssigneeID], Heading: t.Title}
	if t.AssigneeID != 0 && v.Assignee == "" {
		v.Assignee = l.T("task.former_member", t.AssigneeID)
	}
	var a struct {
		Date     string   `json:"date"`
		Score    int      `json:"score"`
		Scale    int      `json:"scale"`
		Comment  string   `json:"comment"`
		Location string   `json:"location"`
		Reasons  []string `json:"reasons"`
	}
	if t.Kind == tasks.KindSurveyFollowUp && json.Unmarshal(t.Attachment, &a) == nil && a.Scale > 0 {
		v.Score = strconv.Itoa(a.Score) + "/" + strconv.Itoa(a.Scale)
		v.Comment, v.Location, v.Date = a.Comment, a.Location, a.Date
		for _, r := range a.Reasons {
			v.Reasons = append(v.Reasons, l.T("task.reason."+r))
		}
		// The stored title is in English for the API; the desk says it
		// in the reader's language.
		if ex := survey.Excerpt(a.Comment, 80); ex != "" {
			v.Heading = l.T("task.call_back", t.ClientRef, ex)
		} else {
			v.Heading = l.T("task.call_back_score", t.ClientRef, v.Score)
		}
	}
	return v
}

// Tasks lists the workspace's follow-up tasks, the overdue first.
func (d *Desk) Tasks(w http.ResponseWriter, r *http.Request) {
	d.renderTasks(w, r, http.StatusOK, "", nil)
}

// importProblemsShown bounds the problems listed after an import.
const importProblemsShown = 20

func (d *Desk) renderTasks(w http.ResponseWriter, r *http.Request, status int, errKey string, imp *survey.Result) {
	v := ViewerFrom(r.Context())
	b, err := d.taskService().Board(r.Context(), v.Workspace, tasksDone)
	var members []store.Member
	if err == nil {
		members, err = d.st.Members(r.Context(), v.Workspace)
	}
	if err != nil {
		d.log.Error("tasks", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	p := tasksPage{base: d.base(r, "task.title"), CanModerate: v.Can("moderate")}
	p.Nav = "tasks"
	if errKey != "" {
		p.Error = p.L.T(errKey)
	}
	if imp != nil {
		p.Import = imp
		p.ImportShown = imp.Errors[:min(len(imp.Errors), importProblemsShown)]
	}
	names := map[int64]string{}
	for _, m := range members {
		names[m.UserID] = m.User.DisplayName
		p.Members = append(p.Members, taskMember{ID: m.UserID, Name: m.User.DisplayName})
	}
	for _, t := range b.Overdue {
		p.Overdue = append(p.Overdue, viewTask(p.L, t, true, names))
	}
	for _, t := range b.Open {
		p.Open = append(p.Open, viewTask(p.L, t, false, names))
	}
	for _, t := range b.Done {
		p.Done = append(p.Done, viewTask(p.L, t, false, names))
	}
	d.render(w, r, status, "tasks", p)
}

// TaskAssign gives a task to a member (assignee=0 unassigns).
func (d *Desk) TaskAssign(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		d.Error(w, r, http.StatusNotFound, "task.not_found")
		return
	}
	uid, err := strconv.ParseInt(strings.TrimSpace(r.PostForm.Get("assignee")), 10, 64)
	if err != nil {
		d.Error(w, r, http.StatusBadRequest, "task.bad_assignee")
		return
	}
	_, err = d.taskService().Assign(r.Context(), v.Workspace, id, uid, "user:"+strconv.FormatInt(v.User.ID, 10))
	d.afterTaskChange(w, r, err, "task_assigned")
}

// TaskComplete closes a task with its outcome note.
func (d *Desk) TaskComplete(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		d.Error(w, r, http.StatusNotFound, "task.not_found")
		return
	}
	_, err = d.taskService().Complete(r.Context(), v.Workspace, id, r.PostForm.Get("outcome"), "user:"+strconv.FormatInt(v.User.ID, 10))
	if errors.Is(err, tasks.ErrInvalid) {
		d.renderTasks(w, r, http.StatusUnprocessableEntity, "task.outcome_required", nil)
		return
	}
	d.afterTaskChange(w, r, err, "task_done")
}

func (d *Desk) afterTaskChange(w http.ResponseWriter, r *http.Request, err error, flash string) {
	v := ViewerFrom(r.Context())
	switch {
	case errors.Is(err, tasks.ErrInvalid):
		d.Error(w, r, http.StatusBadRequest, "task.bad_assignee")
	case errors.Is(err, store.ErrNotFound):
		d.Error(w, r, http.StatusNotFound, "task.not_found")
	case errors.Is(err, store.ErrConflict):
		d.Error(w, r, http.StatusConflict, "task.conflict")
	case err != nil:
		d.log.Error("task", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
	default:
		http.Redirect(w, r, withFlash("/w/"+v.Workspace+"/tasks", flash), http.StatusSeeOther)
	}
}

// TaskImport reads a satisfaction-survey export uploaded from the desk
// (CSV or JSON Lines, as the API takes) and shows what it did: the
// unhappy answers' call-backs join the list. Re-sending the same file
// creates nothing twice.
func (d *Desk) TaskImport(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	file, hdr, err := r.FormFile("file")
	if err != nil {
		d.renderTasks(w, r, http.StatusBadRequest, "task.import_no_file", nil)
		return
	}
	defer file.Close()
	f, err := survey.FormatOf(hdr.Filename)
	if err != nil {
		d.renderTasks(w, r, http.StatusBadRequest, "task.import_format", nil)
		return
	}
	var o survey.Options
	switch r.PostForm.Get("scale") {
	case "5":
		o.Scale = 5
	case "10":
		o.Scale = 10
	}
	im := &survey.Importer{Store: d.st, Now: d.now}
	res, err := im.Import(r.Context(), v.Workspace, file, f, o, "user:"+strconv.FormatInt(v.User.ID, 10))
	switch {
	case errors.Is(err, survey.ErrTooManyAnswers):
		d.renderTasks(w, r, http.StatusRequestEntityTooLarge, "task.import_too_many", nil)
		return
	case err != nil:
		d.log.Error("survey import", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	status := http.StatusOK
	if res.Read == 0 && len(res.Errors) > 0 {
		status = http.StatusUnprocessableEntity
	}
	d.renderTasks(w, r, status, "", &res)
}
