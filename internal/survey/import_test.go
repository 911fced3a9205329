package survey

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/audit"
	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/store"
	"github.com/stormwatch/stormwatch/internal/store/sqlite"
)

func openStore(t *testing.T) *sqlite.Store {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.CreateWorkspace(ctx, store.Workspace{ID: "demo", Name: "Clinique des Tilleuls"}, "system"); err != nil {
		t.Fatal(err)
	}
	return st
}

func importer(t *testing.T, st store.Tasks, now time.Time) *Importer {
	t.Helper()
	neg, err := LexiconNegative()
	if err != nil {
		t.Fatal(err)
	}
	return &Importer{Store: st, Negative: neg, Now: func() time.Time { return now }}
}

// TestImport: each file's unhappy answers become tasks due in two
// working days; duplicates in the file and across imports are counted
// and create nothing; problems are listed by line and the rest stored.
func TestImport(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	now := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC) // Friday
	im := importer(t, st, now)
	tests := []struct {
		file                                 string
		read, dups, unhappy, tasks, problems int
	}{
		// C-20418 answered twice the same day; C-20420 gave 7 but is
		// "very disappointed".
		{"nps_en.csv", 5, 1, 2, 2, 0},
		// FR-0312 (4/10) and FR-0313 (8/10, "déçue"); line 6 has a bad date.
		{"clinique_fr.csv", 4, 0, 2, 2, 1},
		// NL-5531 (2/10) and DE-0042 (8, "unfreundlich"); line 5 "zehn".
		{"zorg_nl_de.jsonl", 3, 0, 2, 2, 1},
		// SE-1002 (2/5), SE-1003 (4/5, "besviken"), NO-2001 (3/5,
		// "skuffet"), NO-2002 (1/5).
		{"betyg_sv_nb.csv", 5, 0, 4, 4, 0},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, _ := FormatOf(tt.file)
			open := func() *os.File {
				fh, err := os.Open("testdata/" + tt.file)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { fh.Close() })
				return fh
			}
			res, err := im.Import(ctx, "demo", open(), f, Options{}, "user:1")
			if err != nil {
				t.Fatal(err)
			}
			if res.Read != tt.read || res.Duplicates != tt.dups || res.Unhappy != tt.unhappy || res.TasksCreated != tt.tasks || len(res.Errors) != tt.problems {
				t.Fatalf("result = %+v, want read %d, dups %d, unhappy %d, tasks %d, problems %d", res, tt.read, tt.dups, tt.unhappy, tt.tasks, tt.problems)
			}
			// Importing the same file again stores nothing new.
			again, err := im.Import(ctx, "demo", open(), f, Options{}, "user:1")
			if err != nil || again.TasksCreated != 0 || again.New != 0 || again.Duplicates != tt.read {
				t.Errorf("re-import = %+v, %v", again, err)
			}
		})
	}
	ts, err := st.ListTasks(ctx, "demo", store.TaskFilter{OpenOnly: true})
	if err != nil || len(ts) != 10 {
		t.Fatalf("%d open tasks, %v; want 10", len(ts), err)
	}
	byRef := map[string]store.Task{}
	for _, tk := range ts {
		byRef[tk.ClientRef] = tk
		if !tk.DueAt.Equal(time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)) {
			t.Errorf("task %s due %s, want Tuesday 10:00", tk.ClientRef, tk.DueAt)
		}
	}
	if tk := byRef["C-20418"]; tk.Contact != "+44 20 7946 0301" || !strings.Contains(tk.Title, "Waited 50 minutes") {
		t.Errorf("consenting client's task = %+v", tk)
	}
	if tk := byRef["C-20420"]; tk.Contact != "" {
		t.Errorf("contact kept without consent: %q", tk.Contact)
	}
	var att struct {
		Reasons []Reason `json:"reasons"`
		Score   int      `json:"score"`
	}
	if err := json.Unmarshal(byRef["FR-0313"].Attachment, &att); err != nil || att.Score != 8 || len(att.Reasons) != 1 || att.Reasons[0] != ReasonNegative {
		t.Errorf("FR-0313 attachment = %s, %v", byRef["FR-0313"].Attachment, err)
	}
	// Names exported by the tool are never stored.
	var stored strings.Builder
	for _, tk := range ts {
		b, _ := json.Marshal(tk)
		stored.Write(b)
	}
	st.WalkAudit(ctx, func(e audit.Event) error { stored.Write(e.Data); return nil })
	for _, name := range []string{"Tom Hughes", "Priya Shah", "M. Petit", "J. de Vries"} {
		if strings.Contains(stored.String(), name) {
			t.Errorf("a respondent's name (%s) was stored", name)
		}
	}
}

// TestAPI: the route answers the counts and the problems by line; the
// format comes from the Content-Type.
func TestAPI(t *testing.T) {
	st := openStore(t)
	ctx := context.Background()
	if _, err := st.CreateToken(ctx, "demo", "survey-tool", auth.HashToken("sw_test"), "system"); err != nil {
		t.Fatal(err)
	}
	api := &API{Store: st, Importer: importer(t, st, time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC))}
	mux := http.NewServeMux()
	mux.Handle("POST /api/v1/workspaces/{ws}/surveys", api)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	post := func(ct, query, body string) (int, map[string]any) {
		req, _ := http.NewRequest("POST", srv.URL+"/api/v1/workspaces/demo/surveys"+query, strings.NewReader(body))
		req.Header.Set("Content-Type", ct)
		req.Header.Set("Authorization", "Bearer sw_test")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var m map[string]any
		json.NewDecoder(resp.Body).Decode(&m)
		return resp.StatusCode, m
	}
	csv, _ := os.ReadFile("testdata/clinique_fr.csv")
	code, m := post("text/csv; charset=utf-8", "", string(csv))
	if code != 200 || m["answers_read"] != 4.0 || m["tasks_created"] != 2.0 || m["duplicates"] != 0.0 {
		t.Fatalf("CSV = %d %v", code, m)
	}
	errs, _ := m["errors"].([]any)
	if len(errs) != 1 || errs[0].(map[string]any)["line"] != 6.0 || errs[0].(map[string]any)["column"] != "Date" {
		t.Errorf("errors = %v", m["errors"])
	}
	code, m = post("application/jsonl", "?scale=5", `{"client":"C9","date":"2026-11-19","score":2}`+"\n")
	if code != 200 || m["tasks_created"] != 1.0 {
		t.Errorf("JSONL with scale=5 = %d %v", code, m)
	}
	if code, m = post("application/pdf", "", "x"); code != 415 {
		t.Errorf("pdf = %d %v", code, m)
	}
	if code, m = post("text/csv", "", "name\nAnna\n"); code != 422 {
		t.Errorf("no usable column = %d %v", code, m)
	}
	if code, _ = post("text/csv", "?scale=7", string(csv)); code != 400 {
		t.Errorf("scale=7 = %d", code)
	}
	var actors []string
	st.WalkAudit(ctx, func(e audit.Event) error { actors = append(actors, e.Actor); return nil })
	if actors[len(actors)-1] == "token" || !strings.HasPrefix(actors[len(actors)-1], "token:") {
		t.Errorf("import audited as %q, want the token's id", actors[len(actors)-1])
	}
}
