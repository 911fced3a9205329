package corpus

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/detect/model"
)

func TestMappings(t *testing.T) {
	cases := []struct {
		name  string
		m     mapper
		label string
		heads [model.NumHeads]int8
		cat   detect.Category
	}{
		{"germeval", mapGermEval, "other", heads(0, 0, 0), ""},
		{"germeval", mapGermEval, "insult", heads(1, 0, -1), detect.Insult},
		{"germeval", mapGermEval, "abuse", heads(1, -1, -1), detect.Insult},
		{"germeval", mapGermEval, "profanity", heads(0, 0, 0), ""},
		{"davidson", mapDavidson, "hate_speech", heads(1, 1, -1), detect.Hate},
		{"davidson", mapDavidson, "offensive_language", heads(1, 0, -1), detect.Insult},
		{"davidson", mapDavidson, "neither", heads(0, 0, 0), ""},
		{"mlma", mapMLMA, "normal", heads(0, 0, 0), ""},
		{"mlma", mapMLMA, "offensive", heads(1, 0, -1), detect.Insult},
		{"mlma", mapMLMA, "disrespectful_normal", heads(1, 0, -1), detect.Insult},
		{"mlma", mapMLMA, "fearful_abusive_offensive_hateful_normal", heads(1, 1, -1), detect.Hate},
		{"mlma", mapMLMA, "fearful", heads(0, -1, 0), ""},
		{"dkhate", mapDKHate, "OFF", heads(1, -1, -1), detect.Insult},
		{"dkhate", mapDKHate, "NOT", heads(0, 0, 0), ""},
		{"ldnoobw", mapLDNOOBW, "profanity", heads(-1, -1, 0), ""},
		{"project", mapProject, "complaint", projectHeads(0, 0, 0, 1), detect.Complaint},
		{"project", mapProject, "counter", projectHeads(0, 0, 0, 0), ""},
		{"project", mapProject, "hate", projectHeads(1, 1, -1, 0), detect.Hate},
		{"project", mapProject, "profanity", projectHeads(0, 0, 0, -1), ""},
		{"project", mapProject, "threat", projectHeads(1, -1, 1, 0), detect.Threat},
		{"project", mapProject, "sexual", projectHeads(1, 0, 0, 0), detect.Sexual},
		{"project", mapProject, "harassment", projectHeads(1, 0, 0, 0), detect.Harassment},
		{"project", mapProject, "insult", projectHeads(1, 0, 0, 0), detect.Insult},
	}
	for _, c := range cases {
		h, cat, trust, err := c.m(c.label)
		if err != nil {
			t.Errorf("%s %q: %v", c.name, c.label, err)
			continue
		}
		if h != c.heads || cat != c.cat || trust <= 0 || trust > 1 {
			t.Errorf("%s %q = %v %q %v, want %v %q", c.name, c.label, h, cat, trust, c.heads, c.cat)
		}
	}
	for _, m := range []mapper{mapGermEval, mapDavidson, mapMLMA, mapDKHate, mapLDNOOBW, mapProject} {
		if _, _, _, err := m("no_such_label"); err == nil {
			t.Error("unknown label accepted")
		}
	}
}

func TestAction(t *testing.T) {
	for cat, want := range map[detect.Category]string{"": "keep", detect.Insult: "remove", detect.Hate: "remove", detect.Threat: "remove", detect.Complaint: "keep"} {
		if got := (Example{Category: cat}).Action(); got != want {
			t.Errorf("%q: %s, want %s", cat, got, want)
		}
	}
}

func TestSplit(t *testing.T) {
	exs, err := Project()
	if err != nil {
		t.Fatal(err)
	}
	var n [3]int
	for _, e := range exs {
		p := Split(e.Text)
		n[p]++
		if again := Split("@USER " + e.Text + " https://example.org"); again != p {
			t.Errorf("%q: handles and URLs moved it from %v to %v", e.Text, p, again)
		}
	}
	total := float64(len(exs))
	if f := float64(n[Train]) / total; f < 0.74 || f > 0.86 {
		t.Errorf("train share %.2f, want about 0.80 (%v)", f, n)
	}
	if n[Validation] == 0 || n[Heldout] == 0 {
		t.Errorf("empty part: %v", n)
	}
}

func TestProjectData(t *testing.T) {
	exs, err := Project()
	if err != nil {
		t.Fatal(err)
	}
	per := map[string]int{}
	seen := map[string]string{}
	hand := map[string]int{}
	for _, e := range exs {
		per[e.Lang]++
		if e.Group == "project/"+e.Lang {
			hand[e.Lang]++
		}
		k := Key(e.Text)
		if prev, ok := seen[e.Lang+"\x00"+k]; ok {
			t.Errorf("duplicate %s example %q (also %q)", e.Lang, e.Text, prev)
		}
		seen[e.Lang+"\x00"+k] = e.Text
		seen[k] = e.Text
		if e.Group == "threat-only/"+e.Lang {
			for h, y := range e.Heads {
				if h != model.HeadThreat && y >= 0 {
					t.Errorf("threat-only line %q teaches heads %v, want the threat head at most", e.Text, e.Heads)
					break
				}
			}
		}
	}
	for _, l := range []string{"sv", "nb", "nl"} {
		if per[l] < 250 {
			t.Errorf("%s: %d examples, want at least 250", l, per[l])
		}
	}
	for _, l := range []string{"nn", "fr", "en", "de"} {
		if per[l] == 0 {
			t.Errorf("%s: no examples", l)
		}
	}
	// Danish has its own hand-written file (data/da.tsv), not only the
	// probes: it must load as lang "da" in the hand-written group.
	if n := hand["da"]; n < 150 {
		t.Errorf("da: %d hand-written examples (data/da.tsv), want at least 150", n)
	}
	// Never train on the project's evaluation sets (the labelled sets, the
	// blind sets and the independent sets still held out; the probes and
	// the tuned independent sets are training lines by design).
	indep := filepath.Join("..", "eval", "testdata", "independent")
	tuned, err := TunedSets(indep)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, dir := range []string{"sets", "blind", filepath.Join("independent", "*")} {
		fs, _ := filepath.Glob(filepath.Join("..", "eval", "testdata", dir, "*.jsonl"))
		for _, f := range fs {
			if rel, _ := filepath.Rel(indep, filepath.Dir(f)); slices.Contains(tuned, rel) {
				continue
			}
			files = append(files, f)
		}
	}
	if len(files) < 12 {
		t.Fatalf("found %d evaluation files, want at least the sets and the blind sets", len(files))
	}
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var line struct {
				Text string `json:"text"`
			}
			if json.Unmarshal(sc.Bytes(), &line) != nil || line.Text == "" {
				continue
			}
			if prev, ok := seen[Key(line.Text)]; ok {
				t.Errorf("training example %q is in evaluation set %s", prev, f)
			}
		}
		fh.Close()
	}
}

// TestLoadShared reads the shared corpora when they are there (they are
// not needed to build or test the project).
func TestLoadShared(t *testing.T) {
	dir := "../../../shared/corpora"
	if _, err := os.Stat(dir); err != nil {
		t.Skip("no shared corpora")
	}
	exs, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	per := map[string]int{}
	for _, e := range exs {
		per[e.Source]++
		if e.Source == "germeval2018" && e.Part == Heldout && e.Label == "" {
			t.Fatal("unlabelled row")
		}
	}
	for _, s := range []string{"germeval2018", "davidson2017", "mlma2019", "dkhate", "ldnoobw"} {
		if per[s] == 0 {
			t.Errorf("%s: no rows", s)
		}
	}
}
