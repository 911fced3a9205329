package server

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/store"
	"github.com/stormwatch/stormwatch/internal/store/sqlite"
)

type fixture struct {
	srv   *httptest.Server
	st    store.Store
	token string
	woken int
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "sw.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := &fixture{st: st, token: auth.NewToken()}
	for _, ws := range []string{"demo", "other"} {
		if err := st.CreateWorkspace(ctx, store.Workspace{ID: ws, Name: ws}, "system"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.CreateToken(ctx, "demo", "test", auth.HashToken(f.token), "system"); err != nil {
		t.Fatal(err)
	}
	s := &Server{Store: st, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Metrics: NewMetrics(st), MaxBodyBytes: 1 << 20,
		Ingested: func() { f.woken++ }}
	f.srv = httptest.NewServer(s.Handler())
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fixture) do(t *testing.T, method, path, token, body string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, f.srv.URL+path, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	raw, _ := io.ReadAll(resp.Body)
	if len(raw) > 0 && strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(raw, &out); err != nil {
			t.Fatalf("response is not JSON: %s", raw)
		}
	}
	return resp.StatusCode, out
}

func TestIngestAPI(t *testing.T) {
	f := newFixture(t)
	const path = "/api/v1/workspaces/demo/items"
	item := `{"channel":"facebook:page","platform_id":"c1","text":"Merci pour tout !","lang":"fr"}`
	tests := []struct {
		name       string
		path       string
		token      string
		body       string
		wantStatus int
		wantCode   string
	}{
		{"no token", path, "", item, 401, "unauthenticated"},
		{"wrong token", path, "sw_nope", item, 401, "invalid_token"},
		{"other workspace", "/api/v1/workspaces/other/items", f.token, item, 404, "unknown_workspace"},
		{"unknown workspace", "/api/v1/workspaces/ghost/items", f.token, item, 404, "unknown_workspace"},
		{"malformed", path, f.token, `{"channel":`, 400, "invalid_items"},
		{"invalid item", path, f.token, `[{"channel":"c","platform_id":"1","text":"ok"},{"channel":"c","text":"no id"}]`, 422, "invalid_items"},
		{"invalid utf-8", path, f.token, "{\"channel\":\"c\",\"platform_id\":\"1\",\"text\":\"\xff\"}", 400, "invalid_items"},
		{"too large", path, f.token, `{"channel":"c","platform_id":"1","text":"` + strings.Repeat("x", 1<<20) + `"}`, 413, "body_too_large"},
		{"accepted", path, f.token, item, 201, ""},
		{"duplicate", path, f.token, item, 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, out := f.do(t, "POST", tt.path, tt.token, tt.body)
			if status != tt.wantStatus {
				t.Fatalf("status = %d, want %d; body %v", status, tt.wantStatus, out)
			}
			if tt.wantCode != "" {
				e, _ := out["error"].(map[string]any)
				if e["code"] != tt.wantCode || e["message"] == "" {
					t.Fatalf("error = %v, want code %s with a message", out, tt.wantCode)
				}
			}
		})
	}
	// Nothing of the rejected batch was stored: only c1 exists.
	pending, _ := f.st.PendingItems(context.Background(), 0, 100)
	if len(pending) != 1 || pending[0].PlatformID != "c1" {
		t.Errorf("stored = %+v, want only c1", pending)
	}
	if f.woken != 1 {
		t.Errorf("pipeline woken %d times, want 1 (only for new items)", f.woken)
	}
}

func TestIngestBatchAndRead(t *testing.T) {
	f := newFixture(t)
	var b strings.Builder
	b.WriteString(`{"items":[`)
	for i := 0; i < 1000; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"channel":"bluesky:org","platform_id":"at://p/` + string(rune('a'+i%26)) + "/" + strings.Repeat("x", i%7) + `/` + strconv.Itoa(i) + `","text":"hej"}`)
	}
	b.WriteString(`]}`)
	status, out := f.do(t, "POST", "/api/v1/workspaces/demo/items", f.token, b.String())
	if status != 201 || out["accepted"].(float64) != 1000 {
		t.Fatalf("batch: %d %v", status, out["error"])
	}
	first := out["items"].([]any)[0].(map[string]any)
	id := int64(first["id"].(float64))
	status, view := f.do(t, "GET", "/api/v1/workspaces/demo/items/"+strconv.Itoa(int(id)), f.token, "")
	if status != 200 || view["item"].(map[string]any)["text"] != "hej" || view["decision"] != nil {
		t.Fatalf("get item: %d %v", status, view)
	}
	for path, want := range map[string]int{"/api/v1/workspaces/demo/items/abc": 400, "/api/v1/workspaces/demo/items/999999": 404} {
		if status, _ := f.do(t, "GET", path, f.token, ""); status != want {
			t.Errorf("GET %s = %d, want %d", path, status, want)
		}
	}
}

func TestHealthAndMetrics(t *testing.T) {
	f := newFixture(t)
	f.do(t, "POST", "/api/v1/workspaces/demo/items", f.token, `{"channel":"c","platform_id":"1","text":"x"}`)
	if status, out := f.do(t, "GET", "/healthz", "", ""); status != 200 || out["status"] != "ok" {
		t.Errorf("healthz = %d %v", status, out)
	}
	resp, err := http.Get(f.srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{`stormwatch_items_ingested_total{workspace="demo"} 1`, "stormwatch_pending_items 1", `stormwatch_http_requests_total{code="Created",route="POST /api/v1/workspaces/{ws}/items"} 1`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	if status, out := f.do(t, "GET", "/nope", "", ""); status != 404 || out["error"] == nil {
		t.Errorf("unknown route = %d %v", status, out)
	}
}

// TestEveryRouteIsListedAndGuarded walks the route table: every token
// route refuses a request without a token. The desk's routes need a desk,
// which this API-only fixture has not: TestAuthorisationMatrix covers them
// against every role.
func TestEveryRouteIsListedAndGuarded(t *testing.T) {
	f := newFixture(t)
	s := &Server{}
	for _, rt := range s.Routes() {
		if isDeskRoute(rt) {
			continue
		}
		method, path, _ := strings.Cut(rt.Pattern, " ")
		path = strings.NewReplacer("{ws}", "demo", "{id}", "1").Replace(path)
		status, _ := f.do(t, method, path, "", "{}")
		switch rt.Auth {
		case "token":
			if status != 401 {
				t.Errorf("%s without token = %d, want 401", rt.Pattern, status)
			}
		case "public":
			if strings.HasPrefix(path, "/hooks/") {
				// Platform webhooks check their own signatures; a channel
				// that does not exist (here without a desk) is 404.
				if status != 404 {
					t.Errorf("%s for no channel = %d, want 404", rt.Pattern, status)
				}
				continue
			}
			if status >= 400 {
				t.Errorf("%s = %d, want success", rt.Pattern, status)
			}
		default:
			t.Errorf("%s: unknown auth %q", rt.Pattern, rt.Auth)
		}
	}
}
