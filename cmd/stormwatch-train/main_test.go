package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
