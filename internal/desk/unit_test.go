package desk

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/store"
)

func TestHighlight(t *testing.T) {
	sig := func(c detect.Category, spans ...detect.Span) detect.Signal {
		return detect.Signal{Category: c, Spans: spans}
	}
	tests := []struct {
		name string
		text string
		sigs []detect.Signal
		want string
	}{
		{"none", "a <b> & c", nil, "a &lt;b&gt; &amp; c"},
		{"one span", "you idiot", []detect.Signal{sig(detect.Insult, detect.Span{4, 9})}, `you <mark class="hl hl-insult" title="insult">idiot</mark>`},
		{"multibyte offsets are bytes", "é idiot", []detect.Signal{sig(detect.Insult, detect.Span{3, 8})}, `é <mark class="hl hl-insult" title="insult">idiot</mark>`},
		{"a span cutting a character is widened", "aé", []detect.Signal{sig(detect.Insult, detect.Span{2, 3})}, `a<mark class="hl hl-insult" title="insult">é</mark>`},
		{"overlaps merge and name both", "abcdef", []detect.Signal{sig(detect.Insult, detect.Span{0, 3}), sig(detect.Threat, detect.Span{2, 5})}, `<mark class="hl hl-insult" title="insult, threat">abcde</mark>f`},
		{"out of range is clamped", "abc", []detect.Signal{sig(detect.Spam, detect.Span{-5, 99})}, `<mark class="hl hl-spam" title="spam">abc</mark>`},
		{"reversed and empty spans are dropped", "abc", []detect.Signal{sig(detect.Spam, detect.Span{2, 1}, detect.Span{1, 1})}, "abc"},
		{"markup inside a span is escaped", "<script>x", []detect.Signal{sig(detect.Spam, detect.Span{0, 8})}, `<mark class="hl hl-spam" title="spam">&lt;script&gt;</mark>x`},
		{"invalid UTF-8 is replaced", "a\xffb", nil, "a\uFFFDb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(Highlight(tt.text, tt.sigs)); got != tt.want {
				t.Errorf("Highlight(%q) =\n %s\nwant\n %s", tt.text, got, tt.want)
			}
		})
	}
}

func FuzzHighlight(f *testing.F) {
	f.Add("é<b>x", 1, 4)
	f.Fuzz(func(t *testing.T, text string, a, b int) {
		out := string(Highlight(text, []detect.Signal{{Category: detect.Insult, Spans: []detect.Span{{a, b}}}}))
		if strings.Contains(out, "<b>") || strings.Count(out, "<mark") != strings.Count(out, "</mark>") {
			t.Errorf("unsafe output %q", out)
		}
	})
}

// TestCatalogs: every language has every English key with the same
// format verbs, and every key the templates name exists.
func TestCatalogs(t *testing.T) {
	cats, err := loadCatalogs()
	if err != nil {
		t.Fatal(err)
	}
	verbs := regexp.MustCompile(`%[a-z]`)
	for lang, m := range cats {
		for k, en := range cats["en"] {
			s, ok := m[k]
			if !ok {
				t.Errorf("%s lacks %q", lang, k)
				continue
			}
			if strings.Join(verbs.FindAllString(s, -1), "") != strings.Join(verbs.FindAllString(en, -1), "") {
				t.Errorf("%s %q has other format verbs than English: %q", lang, k, s)
			}
		}
		for k := range m {
			if _, ok := cats["en"][k]; !ok {
				t.Errorf("%s has %q, which English lacks", lang, k)
			}
		}
	}
	used := regexp.MustCompile(`\.?L\.T "([a-z0-9_.]+)"`)
	prefixed := regexp.MustCompile(`printf "([a-z_]+\.)%[sd]"`)
	files, _ := fs.Glob(templateFS, "templates/*.html")
	for _, file := range files {
		b, _ := templateFS.ReadFile(file)
		for _, m := range used.FindAllStringSubmatch(string(b), -1) {
			if _, ok := cats["en"][m[1]]; !ok {
				t.Errorf("%s uses %q, missing from the catalogs", file, m[1])
			}
		}
		for _, m := range prefixed.FindAllStringSubmatch(string(b), -1) {
			found := false
			for k := range cats["en"] {
				found = found || strings.HasPrefix(k, m[1])
			}
			if !found {
				t.Errorf("%s uses keys %q*, none in the catalogs", file, m[1])
			}
		}
	}
	// The keys built at run time.
	for _, s := range store.Statuses {
		need(t, cats, "status."+s)
	}
	for _, c := range detect.Categories {
		need(t, cats, "cat."+string(c))
	}
	for _, k := range stepKinds {
		need(t, cats, "flash.done_"+k)
	}
	for _, v := range []string{"allow", "review", "hide", "delete"} {
		need(t, cats, "verdict."+v)
	}
}

func need(t *testing.T, cats catalogs, key string) {
	t.Helper()
	if _, ok := cats["en"][key]; !ok {
		t.Errorf("catalogs lack %q", key)
	}
}

// TestStaticHTMXPinned checks the vendored htmx against the README and
// keeps the JavaScript shipped under 100 KB.
func TestStaticHTMXPinned(t *testing.T) {
	b, err := staticFS.ReadFile("static/htmx.min.js")
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	readme, _ := staticFS.ReadFile("static/README.md")
	if !strings.Contains(string(readme), hex.EncodeToString(sum[:])) {
		t.Errorf("htmx.min.js sha256 %x is not the one in static/README.md", sum)
	}
	total := 0
	files, _ := fs.Glob(staticFS, "static/*.js")
	for _, f := range files {
		b, _ := staticFS.ReadFile(f)
		total += len(b)
	}
	t.Logf("JavaScript shipped: %d bytes in %d files", total, len(files))
	if total > 100_000 {
		t.Errorf("JavaScript shipped = %d bytes, over the 100 KB budget", total)
	}
}

func TestLocalPath(t *testing.T) {
	for in, want := range map[string]string{"/w/x?a=1": "/w/x?a=1", "//evil.example": "/", "https://evil.example/": "/", "/\\evil": "/", "": "/", "w/x": "/"} {
		if got := localPath(in, "/"); got != want {
			t.Errorf("localPath(%q) = %q, want %q", in, got, want)
		}
	}
}
