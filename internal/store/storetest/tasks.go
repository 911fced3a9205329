package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/audit"
	"github.com/stormwatch/stormwatch/internal/store"
)

func init() {
	register("TaskLifecycle", testTaskLifecycle)
	register("TaskOrderAndFilters", testTaskOrder)
	register("SurveyImportOnce", testSurveyImportOnce)
}

func followUp(key, ref string, due time.Time) store.NewTask {
	return store.NewTask{Kind: "survey_followup", Title: "Call back " + ref, SourceKey: key, ClientRef: ref, DueAt: due,
		Attachment: json.RawMessage(`{"score":2,"comment":"attente trop longue"}`)}
}

func taskAuditKinds(t *testing.T, s store.Store) []string {
	t.Helper()
	var kinds []string
	if err := s.WalkAudit(context.Background(), func(e audit.Event) error {
		if strings.HasPrefix(e.Kind, "task.") || strings.HasPrefix(e.Kind, "survey.") {
			kinds = append(kinds, e.Kind)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return kinds
}

// testTaskLifecycle: create (idempotent by source key), assign to a
// member only, complete once with an outcome; each change audited.
func testTaskLifecycle(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	mustWorkspace(t, s, "other")
	due := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	tk, created, err := s.CreateTask(ctx, "demo", followUp("survey:a1", "C-1042", due), "token:1")
	if err != nil || !created || tk.ID == 0 || tk.Status != store.TaskOpen || !tk.DueAt.Equal(due) || tk.ClientRef != "C-1042" || tk.CreatedBy != "token:1" {
		t.Fatalf("CreateTask = %+v, %v, %v", tk, created, err)
	}
	if !strings.Contains(string(tk.Attachment), "attente") {
		t.Errorf("attachment = %s", tk.Attachment)
	}
	again, created, err := s.CreateTask(ctx, "demo", followUp("survey:a1", "C-1042", due), "token:1")
	if err != nil || created || again.ID != tk.ID {
		t.Errorf("same source key = %+v, %v, %v; want the first task", again, created, err)
	}
	if _, _, err := s.CreateTask(ctx, "demo", store.NewTask{Kind: "x", Title: "t", SourceKey: "k"}, "u"); err == nil {
		t.Errorf("task without a due time accepted")
	}
	if _, _, err := s.CreateTask(ctx, "ghost", followUp("k", "r", due), "u"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown workspace = %v, want ErrNotFound", err)
	}
	if _, err := s.Task(ctx, "other", tk.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("task across workspaces = %v, want ErrNotFound", err)
	}
	// Assigning needs a member of the workspace.
	u, err := s.CreateUser(ctx, store.NewUser{Email: "ana@clinic.example", DisplayName: "Ana", Lang: "fr", PasswordHash: "x"}, "", "", due, "system")
	if err != nil {
		t.Fatal(err)
	}
	uid := u.ID
	if _, err := s.AssignTask(ctx, "demo", tk.ID, uid, "user:9", due); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("assign to a non-member = %v, want ErrNotFound", err)
	}
	if err := s.AddMember(ctx, store.Membership{Workspace: "demo", UserID: uid, Role: "moderator"}, due, "system"); err != nil {
		t.Fatal(err)
	}
	at := due.Add(-time.Hour)
	a, err := s.AssignTask(ctx, "demo", tk.ID, uid, "user:9", at)
	if err != nil || a.AssigneeID != uid || !a.UpdatedAt.Equal(at) {
		t.Fatalf("AssignTask = %+v, %v", a, err)
	}
	if _, err := s.AssignTask(ctx, "other", tk.ID, uid, "user:9", at); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("assign across workspaces = %v, want ErrNotFound", err)
	}
	done, err := s.CompleteTask(ctx, "demo", tk.ID, "Called back; apologised for the wait, offered a free check-up.", "user:"+itoa(uid), due.Add(time.Hour))
	if err != nil || done.Status != store.TaskDone || done.Outcome == "" || !done.CompletedAt.Equal(due.Add(time.Hour)) {
		t.Fatalf("CompleteTask = %+v, %v", done, err)
	}
	if _, err := s.CompleteTask(ctx, "demo", tk.ID, "again", "user:1", due); !errors.Is(err, store.ErrConflict) {
		t.Errorf("complete twice = %v, want ErrConflict", err)
	}
	if _, err := s.AssignTask(ctx, "demo", tk.ID, 0, "user:1", due); !errors.Is(err, store.ErrConflict) {
		t.Errorf("assign a done task = %v, want ErrConflict", err)
	}
	want := "[task.created task.assigned task.completed]"
	if got := taskAuditKinds(t, s); strings.Join(got, " ") != want[1:len(want)-1] {
		t.Errorf("audit = %v, want %s", got, want)
	}
}

func itoa(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// testTaskOrder: open tasks by due time (overdue first), done ones last;
// the overdue and assignee filters.
func testTaskOrder(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	var ids []int64
	for i, due := range []time.Time{now.Add(48 * time.Hour), now.Add(-24 * time.Hour), now.Add(2 * time.Hour), now.Add(-time.Hour)} {
		tk, _, err := s.CreateTask(ctx, "demo", followUp("k"+itoa(int64(i)), "C-"+itoa(int64(i)), due), "token:1")
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, tk.ID)
	}
	if _, err := s.CompleteTask(ctx, "demo", ids[2], "done", "user:1", now); err != nil {
		t.Fatal(err)
	}
	all, err := s.ListTasks(ctx, "demo", store.TaskFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for _, tk := range all {
		got = append(got, tk.ID)
	}
	if want := []int64{ids[1], ids[3], ids[0], ids[2]}; !equalIDs(got, want) {
		t.Errorf("order = %v, want %v (overdue first, done last)", got, want)
	}
	open, _ := s.ListTasks(ctx, "demo", store.TaskFilter{OpenOnly: true})
	if len(open) != 3 {
		t.Errorf("open = %d, want 3", len(open))
	}
	overdue, _ := s.ListTasks(ctx, "demo", store.TaskFilter{DueBefore: now})
	if len(overdue) != 2 || !overdue[0].Overdue(now) || !overdue[1].Overdue(now) {
		t.Errorf("overdue = %+v, want 2", overdue)
	}
	if mine, _ := s.ListTasks(ctx, "demo", store.TaskFilter{AssigneeID: 42}); len(mine) != 0 {
		t.Errorf("tasks of nobody = %d", len(mine))
	}
	if lim, _ := s.ListTasks(ctx, "demo", store.TaskFilter{Limit: 1}); len(lim) != 1 {
		t.Errorf("limit 1 = %d", len(lim))
	}
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// testSurveyImportOnce: a re-imported answer is a duplicate and raises no
// second task; a failed import stores nothing.
func testSurveyImportOnce(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	due := time.Date(2026, 11, 25, 17, 0, 0, 0, time.UTC)
	unhappy := followUp("survey:h1", "C-7", due)
	batch := []store.SurveyAnswerRecord{{Key: "h1", Task: &unhappy}, {Key: "h2"}, {Key: "h3"}}
	res, err := s.ImportSurveyAnswers(ctx, "demo", batch, "token:1")
	if err != nil || res.Answers != 3 || res.Duplicates != 0 || len(res.TaskIDs) != 1 {
		t.Fatalf("first import = %+v, %v", res, err)
	}
	res, err = s.ImportSurveyAnswers(ctx, "demo", append(batch, store.SurveyAnswerRecord{Key: "h4"}), "token:1")
	if err != nil || res.Answers != 1 || res.Duplicates != 3 || len(res.TaskIDs) != 0 {
		t.Fatalf("second import = %+v, %v", res, err)
	}
	if open, _ := s.ListTasks(ctx, "demo", store.TaskFilter{OpenOnly: true}); len(open) != 1 {
		t.Errorf("%d open tasks, want 1", len(open))
	}
	bad := store.NewTask{Kind: "survey_followup", SourceKey: "survey:h9"} // no title: fails
	if _, err := s.ImportSurveyAnswers(ctx, "demo", []store.SurveyAnswerRecord{{Key: "h8"}, {Key: "h9", Task: &bad}}, "token:1"); err == nil {
		t.Fatalf("import with an invalid task succeeded")
	}
	if res, err := s.ImportSurveyAnswers(ctx, "demo", []store.SurveyAnswerRecord{{Key: "h8"}}, "token:1"); err != nil || res.Answers != 1 {
		t.Errorf("after a failed import, h8 = %+v, %v; want new (nothing was kept)", res, err)
	}
	if _, err := s.ImportSurveyAnswers(ctx, "ghost", []store.SurveyAnswerRecord{{Key: "x"}}, "token:1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown workspace = %v, want ErrNotFound", err)
	}
	kinds := taskAuditKinds(t, s)
	if len(kinds) != 4 || kinds[0] != "task.created" || kinds[1] != "survey.imported" {
		t.Errorf("audit = %v", kinds)
	}
}
