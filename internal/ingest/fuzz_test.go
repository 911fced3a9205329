package ingest

import (
	"bytes"
	"os"
	"testing"
	"unicode/utf8"
)

func FuzzDecodeBatch(f *testing.F) {
	f.Add([]byte(`{"channel":"fb:p","platform_id":"1","text":"hello"}`))
	f.Add([]byte(`[{"channel":"fb:p","platform_id":"1","text":"a","raw":{"x":1}},{"channel":"c","platform_id":"2","text":"b","created_at":"2026-01-01T00:00:00Z"}]`))
	f.Add([]byte(`{"items":[{"channel":"c","platform_id":"1","text":"x","url":"https://e.x/a"}]}`))
	f.Add([]byte("[\n{\"channel\":1}]"))
	f.Fuzz(func(t *testing.T, body []byte) {
		items, err := DecodeBatch(body)
		if err != nil {
			if items != nil {
				t.Fatalf("items returned with error %v", err)
			}
			return
		}
		if len(items) == 0 || len(items) > MaxBatch {
			t.Fatalf("%d items accepted", len(items))
		}
		for _, it := range items {
			if it.Channel == "" || it.PlatformID == "" || !utf8.ValidString(it.Text) || len(it.Raw) == 0 {
				t.Fatalf("invalid item accepted: %+v", it)
			}
		}
	})
}

func FuzzReadJSONL(f *testing.F) {
	seed, _ := os.ReadFile("testdata/import.jsonl")
	f.Add(seed, "")
	f.Add([]byte(`{"platform_id":"1","text":"a"}`), "import")
	f.Fuzz(func(t *testing.T, data []byte, channel string) {
		_ = ReadJSONL(bytes.NewReader(data), channel, func(line int, it Item, problems []FieldError) error {
			if len(problems) == 0 && (it.Channel == "" || it.PlatformID == "") {
				t.Fatalf("line %d accepted without channel or id: %+v", line, it)
			}
			return nil
		})
	})
}

func FuzzReadCSV(f *testing.F) {
	seed, _ := os.ReadFile("testdata/survey.csv")
	f.Add(seed, "survey")
	f.Add([]byte("text,id\n\"a\"\"b\",1\n"), "c")
	f.Fuzz(func(t *testing.T, data []byte, channel string) {
		_ = ReadCSV(bytes.NewReader(data), channel, func(line int, it Item, problems []FieldError) error {
			if len(problems) == 0 && (it.Channel == "" || it.PlatformID == "" || !utf8.ValidString(it.Text)) {
				t.Fatalf("line %d accepted invalid item: %+v", line, it)
			}
			return nil
		})
	})
}
