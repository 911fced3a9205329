package main

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stormwatch/stormwatch/internal/corpus"
	"github.com/stormwatch/stormwatch/internal/detect/model"
)

// fakeCorpora writes a small corpus tree with the shared layout.
func fakeCorpora(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	rows := map[string][][2]string{
		"germeval2018/train.tsv": {{"@USER Du bist ein Idiot", "insult"}, {"Schönes Wetter heute", "other"}, {"Scheiße, verpasst", "profanity"}, {"Die sind alle Abschaum", "abuse"}},
		"germeval2018/test.tsv":  {{"Du Vollidiot", "insult"}, {"Guten Morgen", "other"}},
		"davidson2017/data.tsv":  {{"RT @USER: you are a moron", "offensive_language"}, {"nice day URL", "neither"}, {"all of them are vermin", "hate_speech"}},
		"mlma2019/fr.tsv":        {{"t'es un mongol", "offensive"}, {"bonjour à tous", "normal"}, {"ces migrants sont de la vermine", "hateful"}},
		"mlma2019/en.tsv":        {{"grow up idiot", "offensive"}, {"hello there", "normal"}},
		"dkhate/train.tsv":       {{"du er en idiot", "OFF"}, {"god dag", "NOT"}},
		"ldnoobw/words.tsv":      {{"lort", "profanity"}},
	}
	for rel, rs := range rows {
		var b strings.Builder
		b.WriteString("text\tlabel\tlang\n")
		for i := 0; i < 30; i++ { // repeat with variations so every part gets rows
			for _, r := range rs {
				fmt.Fprintf(&b, "%s %d\t%s\txx\n", r[0], i, r[1])
			}
		}
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestReproducible runs the trainer twice on the same small corpora and
// wants identical files, as `make model` must produce.
func TestReproducible(t *testing.T) {
	corpora := fakeCorpora(t)
	var outs [2]string
	for i := range outs {
		outs[i] = t.TempDir()
		args := []string{"-corpora", corpora, "-out", filepath.Join(outs[i], "w"), "-heldout", filepath.Join(outs[i], "h"), "-bits", "12", "-epochs", "2"}
		if err := run(args, io.Discard); err != nil {
			t.Fatal(err)
		}
	}
	for _, rel := range []string{"w/model.bin", "w/model.json", "h/germeval2018.jsonl", "h/davidson2017.jsonl", "h/project.jsonl"} {
		a, err := os.ReadFile(filepath.Join(outs[0], rel))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(outs[1], rel))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs", rel)
		}
	}
	bin, _ := os.ReadFile(filepath.Join(outs[0], "w/model.bin"))
	d, err := model.FromBytes(bin)
	if err != nil {
		t.Fatal(err)
	}
	if d.Weights().Config.Bits != 12 {
		t.Errorf("bits %d", d.Weights().Config.Bits)
	}
	held, _ := os.ReadFile(filepath.Join(outs[0], "h/germeval2018.jsonl"))
	if !bytes.Contains(held, []byte(`"action":"remove"`)) || !bytes.Contains(held, []byte(`"source":"germeval2018:insult"`)) {
		t.Errorf("held-out file lacks the expected fields:\n%s", held)
	}
}

// TestRecipeSourceWeights checks the -source-weights syntax: name=number
// pairs, empty entries ignored, anything else an error.
func TestRecipeSourceWeights(t *testing.T) {
	for _, c := range []struct {
		in   string
		want map[string]float64
		err  bool
	}{
		{"", map[string]float64{}, false},
		{"davidson2017=0.5", map[string]float64{"davidson2017": 0.5}, false},
		{" dkhate=0 , davidson2017:offensive_language=0.25,", map[string]float64{"dkhate": 0, "davidson2017:offensive_language": 0.25}, false},
		{"davidson2017", nil, true},
		{"davidson2017=x", nil, true},
		{"davidson2017=-1", nil, true},
	} {
		got, err := Recipe{Sources: c.in}.sourceWeights()
		if (err != nil) != c.err {
			t.Errorf("%q: err %v, want error %v", c.in, err, c.err)
			continue
		}
		if !c.err && fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%q: %v, want %v", c.in, got, c.want)
		}
	}
}

// TestRecipeWeights checks that the recipe's trust multipliers reach the
// training rows they name and no others, and that validation rows keep
// their weight (the calibration target) unless CalibCorpora says so.
func TestRecipeWeights(t *testing.T) {
	ex := func(text, source, group, label string, part corpus.Part) corpus.Example {
		var h [model.NumHeads]int8
		h[model.HeadAbusive] = 0
		if label == "insult" {
			h[model.HeadAbusive] = 1
		}
		for i := range h {
			if i != model.HeadAbusive {
				h[i] = -1
			}
		}
		return corpus.Example{Text: text, Source: source, Group: group, Label: label, Heads: h, Trust: 1, Part: part}
	}
	exs := []corpus.Example{
		ex("a", "davidson2017", "davidson2017", "insult", corpus.Train),
		ex("b", "davidson2017", "davidson2017", "neither", corpus.Train),
		ex("c", "davidson2017", "davidson2017", "insult", corpus.Validation),
		ex("d", "project", "project/sv", "insult", corpus.Train),
		ex("e", "project", "project/sv", "clean", corpus.Train),
		ex("f", "project", "probes/sv", "insult", corpus.Train),
		ex("g", "project", "probes/sv", "clean", corpus.Train),
		ex("h", "project", "templates/sv", "insult", corpus.Train),
		ex("i", "project", "templates/sv", "clean", corpus.Train),
	}
	trusts := func(rc Recipe) map[string]float32 {
		tr, va, _ := PrepareRecipe(exs, model.DefaultConfig, rc)
		m := map[string]float32{}
		for _, p := range append(tr, va...) {
			m[p.ex.Text] = p.ex.Trust
		}
		return m
	}
	base := Recipe{GroupPower: 0.5, Corpora: 1, Probes: 1, Templates: 1, Calibrate: "all", ProjectNeg: 1, CalibCorpora: 1}
	for _, c := range []struct {
		name string
		rc   func(Recipe) Recipe
		want map[string]float32
	}{
		{"neutral", func(r Recipe) Recipe { return r }, map[string]float32{"a": 1, "b": 1, "c": 1, "d": 1, "f": 1, "h": 1}},
		{"corpora", func(r Recipe) Recipe { r.Corpora = 0.5; return r }, map[string]float32{"a": 0.5, "b": 0.5, "c": 1, "d": 1, "f": 1, "h": 1}},
		{"calibration", func(r Recipe) Recipe { r.CalibCorpora = 0.25; return r }, map[string]float32{"a": 1, "c": 0.25, "d": 1}},
		{"probes and templates", func(r Recipe) Recipe { r.Probes, r.Templates = 2, 0.5; return r }, map[string]float32{"a": 1, "d": 1, "f": 2, "h": 0.5}},
		{"label", func(r Recipe) Recipe { r.Sources = "davidson2017:insult=0.5"; return r }, map[string]float32{"a": 0.5, "b": 1, "c": 1, "d": 1}},
		{"group prefix", func(r Recipe) Recipe { r.Sources = "project/=3"; return r }, map[string]float32{"a": 1, "d": 3, "e": 3, "f": 1}},
	} {
		got := trusts(c.rc(base))
		for k, w := range c.want {
			if got[k] != w {
				t.Errorf("%s: trust of %q = %v, want %v", c.name, k, got[k], w)
			}
		}
	}
	// ProjectNeg tilts the project's classes, not the corpora's.
	ratios := func(rc Recipe) (project, corpora float64) {
		tr, _, _ := PrepareRecipe(exs, model.DefaultConfig, rc)
		w := map[string]float64{}
		for _, p := range tr {
			w[p.ex.Text] = float64(p.weight[model.HeadAbusive])
		}
		return w["e"] / w["d"], w["b"] / w["a"]
	}
	p1, c1 := ratios(base)
	tilted := base
	tilted.ProjectNeg = 2
	p2, c2 := ratios(tilted)
	if math.Abs(p2/p1-2) > 1e-4 || math.Abs(c2/c1-1) > 1e-4 {
		t.Errorf("ProjectNeg 2: project clean/insult %v -> %v, corpus %v -> %v", p1, p2, c1, c2)
	}
}

// TestCalibrationRows checks -calibrate project keeps only the project's
// own validation rows.
func TestCalibrationRows(t *testing.T) {
	valid := []prepared{{ex: corpus.Example{Source: "davidson2017"}}, {ex: corpus.Example{Source: "project"}}}
	if got := calibration(valid, Recipe{Calibrate: "all"}); len(got) != 2 {
		t.Errorf("all: %d rows", len(got))
	}
	if got := calibration(valid, Recipe{Calibrate: "project"}); len(got) != 1 || got[0].ex.Source != "project" {
		t.Errorf("project: %v", got)
	}
}

// TestRecipeFlagsRejected checks bad recipe flags fail before training.
func TestRecipeFlagsRejected(t *testing.T) {
	for _, args := range [][]string{{"-calibrate", "tweets"}, {"-source-weights", "dkhate"}} {
		if err := run(append(args, "-corpora", t.TempDir()), io.Discard); err == nil || !strings.Contains(err.Error(), args[0][1:]) && !strings.Contains(err.Error(), "source weight") {
			t.Errorf("%v: err %v", args, err)
		}
	}
}
