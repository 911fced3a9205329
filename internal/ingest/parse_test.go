package ingest

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func TestDecodeBatch(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		wantN   int
		wantErr string // substring of the first problem
	}{
		{"single object", `{"channel":"fb:p","platform_id":"1","text":"hello"}`, 1, ""},
		{"array", `[{"channel":"fb:p","platform_id":"1","text":"a"},{"channel":"fb:p","platform_id":"2","text":"b","lang":"sv"}]`, 2, ""},
		{"envelope", `{"items":[{"channel":"fb:p","platform_id":"1","text":"a"}]}`, 1, ""},
		{"empty text is allowed", `{"channel":"fb:p","platform_id":"1","text":""}`, 1, ""},
		{"empty body", `  `, 0, "body is empty"},
		{"empty batch", `[]`, 0, "batch is empty"},
		{"scalar", `"hi"`, 0, "must be a JSON object or array"},
		{"truncated", `[{"channel":"fb:p","platform_id":"1","text":"a"`, 0, "malformed JSON"},
		{"syntax error with line", "[\n{\"channel\":\"fb:p\",,}]", 0, "line 2"},
		{"missing text", `{"channel":"fb:p","platform_id":"1"}`, 0, "text: is required"},
		{"missing channel", `{"platform_id":"1","text":"a"}`, 0, "channel: is required"},
		{"missing platform id", `{"channel":"fb:p","text":"a"}`, 0, "platform_id: is required"},
		{"wrong type", `{"channel":"fb:p","platform_id":"1","text":42}`, 0, "text must be string"},
		{"unknown field", `{"channel":"fb:p","platform_id":"1","txt":"a"}`, 0, `unknown field "txt"`},
		{"bad kind", `{"channel":"fb:p","platform_id":"1","text":"a","kind":"tweet"}`, 0, `kind: "tweet" is not one of`},
		{"bad lang", `{"channel":"fb:p","platform_id":"1","text":"a","lang":"klingon"}`, 0, "lang:"},
		{"bad time", `{"channel":"fb:p","platform_id":"1","text":"a","created_at":"yesterday"}`, 0, "RFC 3339"},
		{"bad url", `{"channel":"fb:p","platform_id":"1","text":"a","url":"javascript:alert(1)"}`, 0, "not an http(s) URL"},
		{"duplicate in batch", `[{"channel":"fb:p","platform_id":"1","text":"a"},{"channel":"fb:p","platform_id":"1","text":"b"}]`, 0, "same channel and platform_id as item 0"},
		{"invalid utf-8", "{\"channel\":\"fb:p\",\"platform_id\":\"1\",\"text\":\"caf\xe9\"}", 0, "not valid UTF-8 (first bad byte at offset 47)"},
		{"too long text", `{"channel":"fb:p","platform_id":"1","text":"` + strings.Repeat("a", MaxTextBytes+1) + `"}`, 0, "over the limit"},
		{"too many", "[" + strings.TrimSuffix(strings.Repeat(`{"channel":"c","platform_id":"x","text":"a"},`, MaxBatch+1), ",") + "]", 0, "over the limit of 1000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := DecodeBatch([]byte(tt.body))
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("DecodeBatch: %v", err)
				}
				if len(items) != tt.wantN {
					t.Fatalf("got %d items, want %d", len(items), tt.wantN)
				}
				return
			}
			var be *BatchError
			if !errors.As(err, &be) {
				t.Fatalf("err = %v, want a *BatchError containing %q", err, tt.wantErr)
			}
			if !strings.Contains(be.Problems[0].Error(), tt.wantErr) {
				t.Fatalf("first problem = %q, want it to contain %q", be.Problems[0].Error(), tt.wantErr)
			}
		})
	}
}

func TestDecodeBatchKeepsRawVerbatimAndNormalises(t *testing.T) {
	el := `{"channel":" fb:p ","platform_id":"9","text":"Hej!","lang":"SV","created_at":"2026-11-21T10:00:00+01:00","raw":{"a":[1,2]}}`
	items, err := DecodeBatch([]byte("[" + el + "]"))
	if err != nil {
		t.Fatal(err)
	}
	it := items[0]
	if string(it.Raw) != el {
		t.Errorf("raw = %s, want verbatim %s", it.Raw, el)
	}
	if it.Channel != "fb:p" || it.Lang != "sv" || it.Kind != KindComment || it.CreatedAt.Hour() != 9 {
		t.Errorf("normalised item = %+v", it)
	}
}

func TestDecodeBatchReportsEveryProblem(t *testing.T) {
	_, err := DecodeBatch([]byte(`[{"channel":"c","platform_id":"1"},{"text":"a"}]`))
	var be *BatchError
	if !errors.As(err, &be) || len(be.Problems) != 3 {
		t.Fatalf("err = %v, want 3 problems (text of item 0, channel and platform_id of item 1)", err)
	}
}

type record struct {
	line     int
	item     Item
	problems []FieldError
}

func collect(t *testing.T, read func(ReadFunc) error) []record {
	t.Helper()
	var out []record
	if err := read(func(line int, it Item, problems []FieldError) error {
		out = append(out, record{line, it, problems})
		return nil
	}); err != nil {
		t.Fatalf("read: %v", err)
	}
	return out
}

func TestReadJSONL(t *testing.T) {
	f, err := os.Open("testdata/import.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs := collect(t, func(fn ReadFunc) error { return ReadJSONL(f, "", fn) })
	wantProblems := map[int]string{4: "text must be string", 5: "channel: is required", 6: "invalid character"}
	if len(recs) != 6 {
		t.Fatalf("got %d records, want 6 (blank line skipped)", len(recs))
	}
	for _, r := range recs {
		want, bad := wantProblems[r.line]
		switch {
		case bad && (len(r.problems) == 0 || !strings.Contains(r.problems[0].Error(), want)):
			t.Errorf("line %d: problems %v, want %q", r.line, r.problems, want)
		case !bad && len(r.problems) > 0:
			t.Errorf("line %d: unexpected problems %v", r.line, r.problems)
		}
	}
	if recs[0].item.AuthorName != "Claire D." || !strings.Contains(string(recs[0].item.Raw), `"created_time"`) {
		t.Errorf("line 1 = %+v", recs[0].item)
	}
}

func TestReadJSONLDefaultChannel(t *testing.T) {
	recs := collect(t, func(fn ReadFunc) error {
		return ReadJSONL(strings.NewReader(`{"platform_id":"1","text":"a"}`+"\n"+`{"channel":"x","platform_id":"2","text":"b"}`+"\n{}"), "import", fn)
	})
	if recs[0].item.Channel != "import" || recs[1].item.Channel != "x" || len(recs[0].problems) != 0 {
		t.Errorf("records = %+v", recs)
	}
	if len(recs[2].problems) == 0 || recs[2].item.Channel != "import" {
		t.Errorf("empty object: %+v, want channel filled and text/platform_id problems", recs[2])
	}
}

func TestReadCSV(t *testing.T) {
	f, err := os.Open("testdata/survey.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs := collect(t, func(fn ReadFunc) error { return ReadCSV(f, "survey", fn) })
	if len(recs) != 4 {
		t.Fatalf("got %d records, want 4", len(recs))
	}
	if it := recs[0].item; it.PlatformID != "501" || it.Channel != "survey" || it.Lang != "nl" || it.AuthorName != "An" || !strings.Contains(string(it.Raw), `"rating":"3"`) {
		t.Errorf("row 1 = %+v", it)
	}
	if len(recs[1].problems) != 0 || !strings.Contains(recs[1].item.Text, "Inadmissible") {
		t.Errorf("row 2 = %+v", recs[1])
	}
	if len(recs[2].problems) != 0 || recs[2].item.Text != "" {
		t.Errorf("row 3 (empty text) = %+v", recs[2])
	}
	if len(recs[3].problems) == 0 || !strings.Contains(recs[3].problems[0].Msg, "7 fields") {
		t.Errorf("row 4 = %+v, want field-count problem", recs[3])
	}
}

func TestReadCSVHeaderErrors(t *testing.T) {
	for _, tt := range []struct{ body, want string }{
		{"", "empty"},
		{"name,comment\nx,y\n", "lacks column(s) text, platform_id, channel"},
	} {
		err := ReadCSV(strings.NewReader(tt.body), "", func(int, Item, []FieldError) error { return nil })
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ReadCSV(%q) = %v, want %q", tt.body, err, tt.want)
		}
	}
}

func TestFormatOf(t *testing.T) {
	for name, want := range map[string]Format{"a.jsonl": JSONL, "B.CSV": CSV, "x.ndjson": JSONL} {
		if got, err := FormatOf(name); err != nil || got != want {
			t.Errorf("FormatOf(%q) = %q, %v", name, got, err)
		}
	}
	if _, err := FormatOf("a.xlsx"); err == nil {
		t.Error("FormatOf(a.xlsx) succeeded")
	}
}
