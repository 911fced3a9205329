package corpus

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stormwatch/stormwatch/internal/eval"
)

func TestProbeLabel(t *testing.T) {
	for _, tt := range []struct {
		p    eval.Example
		want string
	}{
		{eval.Example{Categories: []string{"insult"}, Action: "remove"}, "insult"},
		{eval.Example{Categories: []string{"insult", "threat"}, Action: "remove"}, "threat"},
		{eval.Example{Categories: []string{"hate", "complaint"}, Action: "remove"}, "hate"},
		{eval.Example{Categories: []string{"doxxing"}, Action: "remove"}, ""},
		{eval.Example{Categories: []string{"spam"}, Action: "remove"}, ""},
		{eval.Example{Categories: []string{"insult"}, Action: "keep"}, ""}, // mild: the policy's line, not a label's
		{eval.Example{Categories: []string{"complaint"}, Action: "keep"}, "complaint"},
		{eval.Example{Categories: []string{"question", "complaint"}, Action: "keep"}, "complaint"},
		{eval.Example{Categories: []string{"praise"}, Action: "keep"}, "praise"},
		{eval.Example{Action: "keep", Tags: []string{"F-counter-quote"}}, "counter"},
		{eval.Example{Action: "keep"}, "clean"},
		{eval.Example{Categories: []string{"crisis"}, Action: "keep"}, "clean"},
		{eval.Example{Categories: []string{"insult"}}, ""},
	} {
		if got := probeLabel(tt.p); got != tt.want {
			t.Errorf("probeLabel(%+v) = %q, want %q", tt.p, got, tt.want)
		}
	}
}

func TestProbesTSV(t *testing.T) {
	dir := t.TempDir()
	lines := `{"id":"a","text":"Du är en\tzqx-idiot","lang":"sv","category":"insult","action":"remove"}
{"id":"b","text":"Tack!","lang":"sv","category":"praise","action":"keep"}

{"id":"c","text":"ring 070-123 45 67","lang":"sv","category":"doxxing","action":"remove"}
{"id":"d","text":"hola","lang":"es","action":"keep"}
`
	if err := os.WriteFile(filepath.Join(dir, "x.jsonl"), []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	got, kept, skipped, err := ProbesTSV(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := "text\tlabel\tlang\nDu är en zqx-idiot\tinsult\tsv\nTack!\tpraise\tsv\n"
	if string(got) != want || kept != 2 || skipped != 2 {
		t.Errorf("ProbesTSV = %q (kept %d, skipped %d), want %q (2, 2)", got, kept, skipped, want)
	}
	// The generated lines read back as project data.
	err = readTSV(strings.NewReader(string(got)), "probes.tsv", func(text, label, lang string, _ []string) error {
		_, _, _, err := mapProject(label)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// A text already in the project's data files is no new example.
	if err := os.WriteFile(filepath.Join(dir, "y.jsonl"), []byte(`{"text":"Tack!","lang":"sv","category":"praise","action":"keep"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, kept, _, err := ProbesTSV(dir); err != nil || kept != 2 {
		t.Errorf("a repeated probe: kept %d (err %v), want 2", kept, err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bad.jsonl"), []byte("{not json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := ProbesTSV(dir); err == nil || !strings.Contains(err.Error(), "bad.jsonl:1") {
		t.Errorf("bad line: err %v, want it named with its file and line", err)
	}
}

// TestGeneratedTSVUpToDate: data/probes.tsv, data/tuning.tsv and
// data/independent.tsv are what ProbesTSV, TuningTSV and IndependentTSV
// make of their lines today (regenerate with `make model`).
func TestGeneratedTSVUpToDate(t *testing.T) {
	for _, g := range []struct {
		file, dir string
		gen       func(string) ([]byte, int, int, error)
	}{
		{ProbesFile, filepath.Join("..", "eval", "testdata", "probes"), ProbesTSV},
		{TuningFile, filepath.Join("..", "detect", "lexicon", "testdata"), TuningTSV},
		{IndependentFile, filepath.Join("..", "eval", "testdata", "independent"), IndependentTSV},
	} {
		got, _, _, err := g.gen(g.dir)
		if err != nil {
			t.Fatal(err)
		}
		have, err := data.ReadFile("data/" + g.file)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(have) {
			t.Errorf("data/%s is out of date with %s: run `make model`", g.file, g.dir)
		}
	}
}

// TestTunedListMatchesReadme: the sets the model trains on (tuned.txt) are
// the ones the independent sets' README marks "tuned on", and no other.
func TestTunedListMatchesReadme(t *testing.T) {
	dir := filepath.Join("..", "eval", "testdata", "independent")
	tuned, err := TunedSets(dir)
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	marked := map[string]bool{}
	for _, line := range strings.Split(string(readme), "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 7 || !strings.HasPrefix(strings.TrimSpace(cells[1]), "fresh") {
			continue
		}
		name := strings.TrimSpace(cells[1])
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("README lists %s, which is not a folder here", name)
		}
		marked[name] = strings.Contains(cells[5], "tuned on")
	}
	if len(marked) == 0 {
		t.Fatal("no set found in the README's table")
	}
	for _, n := range tuned {
		if !marked[n] {
			t.Errorf("%s lists %s, but the README does not mark it tuned on", TunedListFile, n)
		}
	}
	for n, m := range marked {
		if m && !slices.Contains(tuned, n) {
			t.Errorf("the README marks %s tuned on, but %s does not list it", n, TunedListFile)
		}
	}
}
