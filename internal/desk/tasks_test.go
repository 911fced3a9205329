package desk_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/desk/desktest"
	"github.com/stormwatch/stormwatch/internal/store"
)

// seedTasks stores three follow-ups of unhappy survey answers: one
// overdue, one due soon, one due later (in that order of due time, but
// not of creation).
func seedTasks(t *testing.T, f *desktest.Fixture) (overdue, soon, later store.Task) {
	t.Helper()
	ctx := context.Background()
	now := time.Now()
	mk := func(ref, comment string, score int, due time.Time, contact string) store.Task {
		att, _ := json.Marshal(map[string]any{"respondent": ref, "date": "2026-11-18", "score": score, "scale": 10, "comment": comment,
			"location": "Tilleuls", "reasons": []string{"low_score"}})
		tk, _, err := f.Store.CreateTask(ctx, desktest.Workspace, store.NewTask{Kind: "survey_followup", Title: "Call back " + ref + " about “" + comment + "”",
			SourceKey: "survey:" + ref, ClientRef: ref, Contact: contact, Attachment: att, DueAt: due}, "token:1")
		if err != nil {
			t.Fatal(err)
		}
		return tk
	}
	later = mk("FR-0400", "Facture incomprise", 5, now.Add(72*time.Hour), "")
	overdue = mk("FR-0312", "On m'a raccroché au nez <deux fois>", 4, now.Add(-26*time.Hour), "06 98 76 54 32")
	soon = mk("FR-0313", "L'attente était beaucoup trop longue", 6, now.Add(3*time.Hour), "")
	return overdue, soon, later
}

// TestTasks: the list shows open follow-ups with the overdue first and
// the answer that raised them; a viewer reads without forms; a moderator
// assigns a member and closes a task only with an outcome note; a done
// task cannot be closed again; another workspace's list is refused.
func TestTasks(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	overdue, soon, later := seedTasks(t, f)
	view := f.SignIn(t, auth.RoleViewer)
	mod := f.SignIn(t, auth.RoleModerator) // reads the desk in French

	resp, body := view.Get(t, "/w/demo/tasks")
	if resp.StatusCode != 200 {
		t.Fatalf("viewer GET = %d", resp.StatusCode)
	}
	pageHas(t, body, `id="overdue-list"`, `id="task-`+fmt.Sprint(overdue.ID)+`"`, "overdue", "06 98 76 54 32", "Survey answer of 2026-11-18: 4/10",
		"On m&#39;a raccroché au nez &lt;deux fois&gt;", `id="done-none"`, "not assigned")
	pageLacks(t, body, "task-assign", "task-complete", "<deux fois>")
	// Overdue first, then by due time.
	io, is, il := strings.Index(body, "FR-0312"), strings.Index(body, "FR-0313"), strings.Index(body, "FR-0400")
	if !(io < is && is < il) {
		t.Errorf("order overdue %d, soon %d, later %d: want overdue, soon, later", io, is, il)
	}

	_, body = mod.Get(t, "/w/demo/tasks")
	pageHas(t, body, "Tâches de suivi", "En retard (1)", "À faire (2)", "task-assign", fmt.Sprintf(`action="/w/demo/tasks/%d/complete"`, soon.ID))
	checkGolden(t, "tasks.html", mainOf(body))

	assign := fmt.Sprintf("/w/demo/tasks/%d/assign", overdue.ID)
	if resp, _ := view.Post(t, assign, url.Values{"assignee": {fmt.Sprint(view.Session.UserID)}}); resp.StatusCode != 403 {
		t.Errorf("viewer assigns = %d, want 403", resp.StatusCode)
	}
	if resp, _ := mod.Post(t, assign, url.Values{"assignee": {fmt.Sprint(mod.Session.UserID)}, "csrf_token": {"forged"}}); resp.StatusCode != 403 {
		t.Errorf("forged CSRF = %d, want 403", resp.StatusCode)
	}
	if resp, _ := mod.Post(t, assign, url.Values{"assignee": {"999999"}}); resp.StatusCode != 404 {
		t.Errorf("assign to a stranger = %d, want 404", resp.StatusCode)
	}
	if resp, _ := mod.Post(t, assign, url.Values{"assignee": {"me"}}); resp.StatusCode != 400 {
		t.Errorf("assign to a non-number = %d, want 400", resp.StatusCode)
	}
	resp, _ = mod.Post(t, assign, url.Values{"assignee": {fmt.Sprint(mod.Session.UserID)}})
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/w/demo/tasks?flash=task_assigned" {
		t.Fatalf("assign = %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body = view.Get(t, "/w/demo/tasks?flash=task_assigned")
	pageHas(t, body, "The task is assigned.", "assigned to Test moderator")

	complete := fmt.Sprintf("/w/demo/tasks/%d/complete", overdue.ID)
	resp, body = mod.Post(t, complete, url.Values{"outcome": {"   "}})
	if resp.StatusCode != 422 || !strings.Contains(body, "le résultat est obligatoire") {
		t.Errorf("complete without outcome = %d", resp.StatusCode)
	}
	resp, _ = mod.Post(t, complete, url.Values{"outcome": {"Rappelée le jour même ; excuses pour l'attente, contrôle offert."}})
	if resp.StatusCode != 303 {
		t.Fatalf("complete = %d", resp.StatusCode)
	}
	if resp, _ := mod.Post(t, complete, url.Values{"outcome": {"again"}}); resp.StatusCode != 409 {
		t.Errorf("complete twice = %d, want 409", resp.StatusCode)
	}
	_, body = view.Get(t, "/w/demo/tasks")
	pageHas(t, body, `id="overdue-none"`, `id="done-list"`, "Rappelée le jour même", "Closed on")
	if tk, _ := f.Store.Task(context.Background(), desktest.Workspace, overdue.ID); tk.Status != store.TaskDone || tk.CompletedBy != fmt.Sprintf("user:%d", mod.Session.UserID) {
		t.Errorf("stored task = %+v", tk)
	}
	_ = later

	if resp, _ := view.Get(t, "/w/other/tasks"); resp.StatusCode != 403 && resp.StatusCode != 404 {
		t.Errorf("other workspace = %d, want 403 or 404", resp.StatusCode)
	}
	if resp, _ := mod.Post(t, fmt.Sprintf("/w/other/tasks/%d/complete", soon.ID), url.Values{"outcome": {"x"}}); resp.StatusCode != 403 && resp.StatusCode != 404 {
		t.Errorf("complete in another workspace = %d", resp.StatusCode)
	}
}

// uploadSurvey posts a survey export from the desk's import form.
func uploadSurvey(t *testing.T, c *desktest.Client, path, name, content, csrf string) (int, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf_token", csrf)
	if name != "" {
		fw, _ := mw.CreateFormFile("file", name)
		fw.Write([]byte(content))
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.Base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestTaskImport: a moderator uploads a survey export from the tasks
// page; the counts and the bad lines are shown, the unhappy answers'
// call-backs join the list, a re-upload adds nothing; a viewer has no
// form and is refused; a forged token is refused.
func TestTaskImport(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	view := f.SignIn(t, auth.RoleViewer)
	mod := f.SignIn(t, auth.RoleModerator)
	export, err := os.ReadFile("../survey/testdata/nps_en.csv")
	if err != nil {
		t.Fatal(err)
	}
	_, body := view.Get(t, "/w/demo/tasks")
	pageLacks(t, body, `id="survey-import"`)
	if code, _ := uploadSurvey(t, view, "/w/demo/tasks/import", "nps.csv", string(export), view.CSRF); code != 403 {
		t.Errorf("viewer import = %d, want 403", code)
	}
	if code, _ := uploadSurvey(t, mod, "/w/demo/tasks/import", "nps.csv", string(export), "forged"); code != 403 {
		t.Errorf("forged CSRF = %d, want 403", code)
	}
	_, body = mod.Get(t, "/w/demo/tasks")
	pageHas(t, body, `id="survey-import"`, `enctype="multipart/form-data"`)

	bad := string(export) + "C-30001,2026-11-18,eleven,nope,no,,Riverside,\n"
	code, body := uploadSurvey(t, mod, "/w/demo/tasks/import", "nps.csv", bad, mod.CSRF)
	if code != 200 {
		t.Fatalf("import = %d\n%s", code, body)
	}
	pageHas(t, body, `id="import-result"`, "5 réponses lues : 4 nouvelles, 1 déjà importées, 2 mécontentes ; 2 rappels ajoutés.",
		"line 7, column NPS: &#34;eleven&#34; is not a whole number", "Rappeler C-20418 au sujet de « Waited 50 minutes")
	if ts, _ := f.Store.ListTasks(context.Background(), desktest.Workspace, store.TaskFilter{OpenOnly: true}); len(ts) != 2 {
		t.Errorf("%d tasks, want 2", len(ts))
	}
	_, body = uploadSurvey(t, mod, "/w/demo/tasks/import", "nps.csv", string(export), mod.CSRF)
	pageHas(t, body, "5 réponses lues : 0 nouvelles, 5 déjà importées")
	if code, body := uploadSurvey(t, mod, "/w/demo/tasks/import", "answers.xlsx", "x", mod.CSRF); code != 400 || !strings.Contains(body, "export .csv ou .jsonl") {
		t.Errorf("xlsx = %d", code)
	}
	if code, _ := uploadSurvey(t, mod, "/w/demo/tasks/import", "", "", mod.CSRF); code != 400 {
		t.Errorf("no file = %d", code)
	}
	if code, _ := uploadSurvey(t, mod, "/w/demo/tasks/import", "x.csv", "name\nAnna\n", mod.CSRF); code != 422 {
		t.Errorf("unusable file = %d", code)
	}
}
