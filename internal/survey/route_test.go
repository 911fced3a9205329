package survey_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/server"
	"github.com/stormwatch/stormwatch/internal/store"
	"github.com/stormwatch/stormwatch/internal/store/sqlite"
)

// TestSurveyRoute goes through the server's route table: the token of
// the workspace is required, another workspace's path is refused, and an
// export's unhappy answers become tasks.
func TestSurveyRoute(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, ws := range []string{"demo", "other"} {
		if err := st.CreateWorkspace(ctx, store.Workspace{ID: ws, Name: ws}, "system"); err != nil {
			t.Fatal(err)
		}
	}
	tok := auth.NewToken()
	if _, err := st.CreateToken(ctx, "demo", "survey tool", auth.HashToken(tok), "system"); err != nil {
		t.Fatal(err)
	}
	s := &server.Server{Store: st, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Metrics: server.NewMetrics(st), MaxBodyBytes: 1 << 20, Ingested: func() {}}
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	body, _ := os.ReadFile("testdata/betyg_sv_nb.csv")
	post := func(ws, token string) (int, map[string]any) {
		req, _ := http.NewRequest("POST", srv.URL+"/api/v1/workspaces/"+ws+"/surveys", strings.NewReader(string(body)))
		req.Header.Set("Content-Type", "text/csv")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var m map[string]any
		json.NewDecoder(resp.Body).Decode(&m)
		return resp.StatusCode, m
	}
	if code, _ := post("demo", ""); code != 401 {
		t.Errorf("without a token = %d", code)
	}
	if code, _ := post("other", tok); code != 404 {
		t.Errorf("another workspace = %d", code)
	}
	code, m := post("demo", tok)
	if code != 200 || m["answers_read"] != 5.0 || m["tasks_created"] != 4.0 || m["unhappy"] != 4.0 {
		t.Fatalf("import = %d %v", code, m)
	}
	if ts, _ := st.ListTasks(ctx, "demo", store.TaskFilter{OpenOnly: true}); len(ts) != 4 || ts[0].CreatedBy == "token" {
		t.Errorf("tasks = %+v", ts)
	}
}
