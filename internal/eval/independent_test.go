package eval

import (
	"os"
	"path/filepath"
	"testing"
)

// TestIndependentSetsAreWellFormed: every line of the independent sets
// (testdata/independent, written by third parties) parses, is labelled with
// an action, and has an id of its own, so a measurement on them counts
// every line.
func TestIndependentSetsAreWellFormed(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "independent", "*", "*.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 24 {
		t.Fatalf("found %d files, want the sets of six languages", len(files))
	}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		exs, bad, err := ReadExamples(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, b := range bad {
			t.Errorf("%s:%d: %s", name, b.Line, b.Err)
		}
		if len(exs) < 60 {
			t.Errorf("%s: %d lines, want at least 60", name, len(exs))
		}
		ids := map[string]bool{}
		for _, ex := range exs {
			if ex.Action == "" {
				t.Errorf("%s:%d: no action", name, ex.Line)
			}
			if ex.ID == "" || ids[ex.ID] {
				t.Errorf("%s:%d: id %q missing or repeated", name, ex.Line, ex.ID)
			}
			ids[ex.ID] = true
		}
	}
}
