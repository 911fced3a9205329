package policy

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// TestRenderGolden renders the guidelines of the embedded policies in every
// language and compares them with testdata/*.golden. Run with -update after
// an intended change, and read the diff.
func TestRenderGolden(t *testing.T) {
	clinic, err := ExampleClinic()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		policy *Policy
		prefix string
		langs  []string
	}{
		{Default(), "default", []string{"fr", "nl", "sv", "nb", "nn", "en", "de"}},
		{clinic, "clinic", []string{"fr", "en"}},
	}
	for _, c := range cases {
		for _, lang := range c.langs {
			name := c.prefix + "_" + lang + ".golden"
			t.Run(name, func(t *testing.T) {
				var buf bytes.Buffer
				if err := c.policy.Render(&buf, lang); err != nil {
					t.Fatal(err)
				}
				path := filepath.Join("testdata", name)
				if *update {
					if err := os.MkdirAll("testdata", 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test -update to create it)", err)
				}
				if !bytes.Equal(buf.Bytes(), want) {
					t.Errorf("%s differs from the golden file (run go test -update and read the diff):\n%s", name, buf.String())
				}
			})
		}
	}
}

func TestRenderContent(t *testing.T) {
	var buf bytes.Buffer
	if err := Default().Render(&buf, "fr"); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "# Règles de notre communauté\n") {
		t.Errorf("heading: %q", out[:40])
	}
	for _, id := range []string{"R1", "R5", "R14"} {
		if !strings.Contains(out, "**"+id+".** ") {
			t.Errorf("rule %s not numbered in the guidelines", id)
		}
	}
	clinic, _ := ExampleClinic()
	buf.Reset()
	if err := clinic.Render(&buf, "fr"); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "S1") {
		t.Error("a shadow rule was published")
	}
	if !strings.Contains(buf.String(), "01 23 45 67 89") {
		t.Error("the policy's own intro is missing")
	}
}

func TestRenderLanguages(t *testing.T) {
	p := Default()
	var buf bytes.Buffer
	if err := p.Render(&buf, "fr-CA"); err != nil || !strings.HasPrefix(buf.String(), "# Règles de notre communauté") {
		t.Errorf("fr-CA: %v %q", err, buf.String())
	}
	buf.Reset()
	if err := p.Render(&buf, "nn"); err != nil || !strings.HasPrefix(buf.String(), "# Reglar for fellesskapet vårt") ||
		!strings.Contains(buf.String(), "Trusler om vold") {
		t.Errorf("nn: %v %q", err, buf.String())
	}
	err := p.Render(&buf, "es")
	if err == nil || !strings.Contains(err.Error(), `"es"`) || !strings.Contains(err.Error(), "available: fr, nl, sv, nb, en, de") {
		t.Errorf("unknown language error = %v", err)
	}
	if err := p.Render(failWriter{}, "en"); err == nil {
		t.Error("write error not reported")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }
