package mastodon

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"
)

// filterServer replays the documented Filter entity and keeps what was
// posted, so the form's nested keyword attributes can be checked.
func filterServer(t *testing.T) (*Connector, *[]map[string][]string, *[]string) {
	t.Helper()
	entity, err := os.ReadFile("testdata/filter.json")
	if err != nil {
		t.Fatal(err)
	}
	var posted []map[string][]string
	var deleted []string
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v2/filters", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte("[" + string(entity) + "]"))
	})
	mux.HandleFunc("POST /api/v2/filters", func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		posted = append(posted, r.PostForm)
		if len(r.PostForm["context[]"]) == 0 {
			w.WriteHeader(422)
			w.Write([]byte(`{"error":"Validation failed: Context can't be blank"}`))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(entity)
	})
	mux.HandleFunc("DELETE /api/v2/filters/{id}", func(w http.ResponseWriter, r *http.Request) {
		deleted = append(deleted, r.PathValue("id"))
		w.Write([]byte("{}"))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	c, err := New(Config{BaseURL: srv.URL, Token: "t", Channel: "mastodon:test", HTTPClient: srv.Client(), MaxRetryWait: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return c, &posted, &deleted
}

func TestFilters(t *testing.T) {
	ctx := context.Background()
	c, posted, deleted := filterServer(t)

	fs, err := c.Filters(ctx)
	if err != nil || len(fs) != 1 {
		t.Fatalf("Filters = %+v, %v", fs, err)
	}
	if f := fs[0]; f.ID != "19972" || f.Action != "warn" || len(f.Keywords) != 2 || f.Keywords[1] != "great unknown" || f.ExpiresAt.IsZero() {
		t.Errorf("filter read as %+v", f)
	}

	f, err := c.CreateFilter(ctx, NewFilter{Title: "Storm 21 Nov", Keywords: []string{"assassins", " ", "tueurs de chiens"}, WholeWord: true, Action: "hide", ExpiresIn: 48 * time.Hour})
	if err != nil || f.ID != "19972" {
		t.Fatalf("CreateFilter = %+v, %v", f, err)
	}
	form := (*posted)[0]
	want := map[string][]string{
		"title": {"Storm 21 Nov"}, "filter_action": {"hide"}, "context[]": {"notifications", "thread"}, "expires_in": {"172800"},
		"keywords_attributes[][keyword]": {"assassins", "tueurs de chiens"}, "keywords_attributes[][whole_word]": {"true", "true"},
	}
	for k, v := range want {
		if strings.Join(form[k], "|") != strings.Join(v, "|") {
			t.Errorf("posted %s = %q, want %q", k, form[k], v)
		}
	}

	for _, bad := range []NewFilter{
		{Keywords: []string{"x"}},
		{Title: "t"},
		{Title: "t", Keywords: []string{"x"}, Context: []string{"everywhere"}},
		{Title: "t", Keywords: []string{"x"}, Action: "delete"},
	} {
		if _, err := c.CreateFilter(ctx, bad); err == nil {
			t.Errorf("CreateFilter(%+v) accepted", bad)
		}
	}
	if len(*posted) != 1 {
		t.Errorf("refused filters reached the server: %d posts", len(*posted))
	}

	if err := c.DeleteFilter(ctx, "19972"); err != nil || len(*deleted) != 1 || (*deleted)[0] != "19972" {
		t.Errorf("DeleteFilter: %v, %q", err, *deleted)
	}
	if err := c.DeleteFilter(ctx, "../accounts"); err == nil {
		t.Error("DeleteFilter took a path")
	}
}

func FuzzParseFilters(f *testing.F) {
	entity, _ := os.ReadFile("testdata/filter.json")
	f.Add(entity)
	f.Add([]byte("[" + string(entity) + "]"))
	f.Add([]byte(`[{"id":"1","expires_at":"soon"}]`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fs, err := parseFilters(data)
		if err != nil {
			return
		}
		for _, x := range fs {
			if x.ID == "" || (x.Action != "warn" && x.Action != "hide" && x.Action != "blur") {
				t.Fatalf("parsed %+v", x)
			}
		}
	})
}
