package cli

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stormwatch/stormwatch/internal/cases"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/store"
)

func TestBundleCommands(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"STORMWATCH_DATA_DIR": dir}
	getenv := Env{Getenv: func(k string) string { return env[k] }}
	ctx := context.Background()
	st, _, err := openStore(ctx, getenv)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.CreateWorkspace(ctx, store.Workspace{ID: "clinic", Name: "Clinique"}, "test"); err != nil {
		t.Fatal(err)
	}
	res, err := st.InsertItems(ctx, "clinic", []ingest.Item{{Channel: "fb", PlatformID: "1", Text: "Je sais où vous habitez.", Raw: []byte(`{"id":"1"}`)}}, "test")
	if err != nil {
		t.Fatal(err)
	}
	svc := &cases.Service{Store: st}
	c, err := svc.Create(ctx, "clinic", store.NewCase{Title: "Menaces", ItemIDs: []int64{res[0].ID}}, "user:1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AddEvidence(ctx, "clinic", c.ID, "appels.txt", "", "", strings.NewReader("09:12 appel"), "user:1"); err != nil {
		t.Fatal(err)
	}
	st.Close()

	zipFile := filepath.Join(dir, "case.zip")
	if r := run(t, env, "", "bundle", "export", "--workspace", "clinic", "--case", "1", "-o", zipFile); r.code != 0 || !strings.Contains(r.stdout, "exported case 1") {
		t.Fatalf("export: %+v", r)
	}
	if r := run(t, env, "", "bundle", "verify", zipFile); r.code != 0 || !strings.HasPrefix(r.stdout, "OK ") || !strings.Contains(r.stdout, `case 1 "Menaces" of Clinique`) {
		t.Fatalf("verify: %+v", r)
	}
	pdfFile := filepath.Join(dir, "case.pdf")
	if r := run(t, env, "", "case", "report", "--workspace", "clinic", "--case", "1", "-o", pdfFile); r.code != 0 {
		t.Fatalf("report: %+v", r)
	}
	if b, _ := os.ReadFile(pdfFile); !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Errorf("report is not a PDF")
	}

	// A tampered bundle: exit 1, each problem named.
	data, _ := os.ReadFile(zipFile)
	zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, _ := f.Open()
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		if strings.HasPrefix(f.Name, "attachments/") {
			b = *bytes.NewBufferString("10:00 appel")
		}
		w, _ := zw.Create(f.Name)
		w.Write(b.Bytes())
	}
	w, _ := zw.Create("notes.txt")
	w.Write([]byte("added"))
	zw.Close()
	bad := filepath.Join(dir, "bad.zip")
	os.WriteFile(bad, buf.Bytes(), 0o600)
	r := run(t, env, "", "bundle", "verify", bad)
	if r.code != 1 || !strings.Contains(r.stdout, "2 problem(s)") || !strings.Contains(r.stdout, "attachments/1-appels.txt: SHA-256 is") || !strings.Contains(r.stdout, "notes.txt: in the bundle but not in the manifest") {
		t.Errorf("tampered verify: %+v", r)
	}

	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown case", []string{"bundle", "export", "--workspace", "clinic", "--case", "9", "-o", filepath.Join(dir, "x.zip")}, 1, "case 9: not found"},
		{"wrong workspace", []string{"case", "report", "--workspace", "other", "--case", "1", "-o", filepath.Join(dir, "x.pdf")}, 1, `in workspace "other"`},
		{"missing flags", []string{"bundle", "export", "--workspace", "clinic"}, 2, "--workspace, --case and -o are required"},
		{"bad case number", []string{"case", "report", "--workspace", "clinic", "--case", "one", "-o", "x.pdf"}, 2, `--case "one"`},
		{"no such file", []string{"bundle", "verify", filepath.Join(dir, "nope.zip")}, 1, "read bundle"},
		{"not a zip", []string{"bundle", "verify", pdfFile}, 1, "not a readable ZIP archive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, env, "", tt.args...)
			if r.code != tt.code || !strings.Contains(r.stdout+r.stderr, tt.want) {
				t.Errorf("%v = %+v; want exit %d mentioning %q", tt.args, r, tt.code, tt.want)
			}
		})
	}
	// A failed export leaves no file behind.
	if _, err := os.Stat(filepath.Join(dir, "x.zip")); !os.IsNotExist(err) {
		t.Errorf("failed export left a file: %v", err)
	}
}
