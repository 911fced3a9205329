package cases_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/cases"
	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/store"
	"github.com/stormwatch/stormwatch/internal/store/sqlite"
)

var exportTime = time.Date(2026, 11, 22, 10, 30, 0, 0, time.UTC)

type fixture struct {
	svc    *cases.Service
	st     store.Store
	caseID int64
	items  []int64
}

// newFixture builds a workspace with a harassment case as a clinic would
// have it: three items (one with emoji and an invisible character), a
// decision with actions carried out, roles, notes and two evidence files.
func newFixture(t testing.TB) fixture {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "sw.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, ws := range []string{"clinic", "other"} {
		if err := st.CreateWorkspace(ctx, store.Workspace{ID: ws, Name: "Clinique vétérinaire des Érables", PolicyVersion: "v1", Context: detect.Context{}}, "system"); err != nil {
			t.Fatal(err)
		}
	}
	in := []ingest.Item{
		{Channel: "facebook:page", PlatformID: "c1", Kind: ingest.KindComment, Text: "Vous avez tué mon chien. Je sais où vous habitez, Dr Martin.",
			AuthorID: "fb:991", AuthorName: "Jeanne Dupré", ThreadID: "t1", URL: "https://facebook.example/p/1?c=1",
			CreatedAt: time.Date(2026, 11, 20, 21, 4, 0, 0, time.UTC), Raw: json.RawMessage(`{"id": "c1",  "message": "Vous avez tué mon chien."}`)},
		{Channel: "facebook:page", PlatformID: "c2", Kind: ingest.KindReply, Text: "Dierenbeul 😡\u200b! Jullie zijn moordenaars.\nTweede regel, met een heel lange zin die zeker over meerdere regels in de tabel moet lopen zodat het afbreken getest wordt.",
			AuthorID: "fb:991", AuthorName: "Jeanne Dupré", ThreadID: "t1", CreatedAt: time.Date(2026, 11, 20, 21, 9, 0, 0, time.UTC), Raw: json.RawMessage(`{"id":"c2"}`)},
		{Channel: "google:reviews", PlatformID: "r1", Kind: ingest.KindReview, Text: "Hemsk klinik, förstörde allt. Ødelagt. Größte Katastrophe.",
			AuthorName: "J. D.", CreatedAt: time.Date(2026, 11, 21, 7, 30, 0, 0, time.UTC)},
	}
	res, err := st.InsertItems(ctx, "clinic", in, "token:1")
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, r := range res {
		ids = append(ids, r.ID)
	}
	if _, err := st.InsertItems(ctx, "other", in[:1], "token:2"); err != nil {
		t.Fatal(err)
	}
	d := store.Decision{ItemID: ids[0], Workspace: "clinic", Lang: "fr", Action: "hide", Rules: []string{"threat-1"}, PolicyVersion: "v1",
		Detectors: []string{"lexicon/1"}, DecidedAt: time.Date(2026, 11, 20, 21, 4, 2, 0, time.UTC),
		Signals: []detect.Signal{{Category: "threat", Score: 0.93}},
		Actions: []act.Action{{Workspace: "clinic", ItemID: ids[0], Channel: "facebook:page", Kind: act.Hide, RuleID: "threat-1", RequestedBy: "policy", IdempotencyKey: "k-hide"}}}
	if err := st.SaveDecisions(ctx, []store.Decision{d}); err != nil {
		t.Fatal(err)
	}
	claims, err := st.ClaimActions(ctx, time.Now().Add(time.Hour), 10)
	if err != nil || len(claims) != 1 {
		t.Fatalf("claims = %v, %v", claims, err)
	}
	if err := st.FinishActions(ctx, act.Outcome{ActionID: claims[0].Action.ID, Status: act.Done, Result: "hidden on facebook"}); err != nil {
		t.Fatal(err)
	}
	u, err := st.CreateUser(ctx, store.NewUser{Email: "lea@clinic.example", DisplayName: "Léa Girard", Lang: "fr", PasswordHash: "x"}, "clinic", "admin", time.Now(), "system")
	if err != nil {
		t.Fatal(err)
	}
	svc := &cases.Service{Store: st, MaxEvidenceBytes: 1 << 20, Now: func() time.Time { return exportTime }}
	c, err := svc.Create(ctx, "clinic", store.NewCase{Title: "Menaces après le décès de Filou", Summary: "Une propriétaire menace le Dr Martin sur Facebook et Google depuis le 20 novembre.", Severity: "high", ItemIDs: ids}, "user:1")
	if err != nil {
		t.Fatal(err)
	}
	steps := []error{
		svc.SetRole(ctx, "clinic", c.ID, u.ID, "lead", "user:1"),
		func() error {
			_, err := svc.AddNote(ctx, "clinic", c.ID, "note", "Appel de Mme Dupré à 9h12, ton agressif. Journal d'appels joint.", "user:1")
			return err
		}(),
		func() error {
			_, err := svc.AddNote(ctx, "clinic", c.ID, "agreement", "Accord : personne ne répond en ligne ; la directrice appelle Mme Dupré.", "user:1")
			return err
		}(),
		func() error {
			_, err := svc.AddEvidence(ctx, "clinic", c.ID, "journal-appels.csv", "text/csv", "Journal du standard", strings.NewReader("heure;numéro;durée\n09:12;+33 6 12 34 56 78;4 min\n"), "user:1")
			return err
		}(),
		func() error {
			_, err := svc.AddEvidence(ctx, "clinic", c.ID, "capture.png", "image/png", "", bytes.NewReader(append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...)), "user:1")
			return err
		}(),
		func() error {
			_, err := svc.SetStatus(ctx, "clinic", c.ID, "monitoring", "calmer since the call", "user:1")
			return err
		}(),
	}
	for i, err := range steps {
		if err != nil {
			t.Fatalf("fixture step %d: %v", i, err)
		}
	}
	return fixture{svc: svc, st: st, caseID: c.ID, items: ids}
}

func (fx fixture) export(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := fx.svc.Export(context.Background(), "clinic", fx.caseID, "user:1", &buf); err != nil {
		t.Fatalf("Export: %v", err)
	}
	return buf.Bytes()
}

func TestCheckTransition(t *testing.T) {
	tests := []struct {
		from, to string
		want     error
	}{
		{"open", "monitoring", nil},
		{"open", "closed", nil},
		{"monitoring", "open", nil},
		{"monitoring", "closed", nil},
		{"closed", "open", nil},
		{"closed", "monitoring", cases.ErrTransition},
		{"open", "open", cases.ErrTransition},
		{"open", "archived", cases.ErrInvalid},
	}
	for _, tt := range tests {
		err := cases.CheckTransition(tt.from, tt.to)
		if (tt.want == nil) != (err == nil) || (tt.want != nil && !errors.Is(err, tt.want)) {
			t.Errorf("CheckTransition(%s, %s) = %v, want %v", tt.from, tt.to, err, tt.want)
		}
	}
}

func TestCheckEvidence(t *testing.T) {
	tests := []struct {
		name     string
		content  string
		wantType string
		wantErr  error
	}{
		{"report.pdf", "%PDF-1.7\n...", "application/pdf", nil},
		{"shot.png", "\x89PNG\r\n\x1a\nxxxx", "image/png", nil},
		{"photo.JPG", "\xff\xd8\xff\xe0xxxx", "image/jpeg", nil},
		{"photo.webp", "RIFF\x10\x00\x00\x00WEBPVP8 ", "image/webp", nil},
		{"mislabelled.jpg", "\x89PNG\r\n\x1a\nxxxx", "image/png", nil}, // the content decides
		{"notes.txt", "Appel reçu à 9h12.\r\n", "text/plain", nil},
		{"calls.csv", "time,number\n09:12,+4712345678\n", "text/csv", nil},
		{"mail.eml", "From: a@example.org\nSubject: test\n\nbody", "message/rfc822", nil},
		{"README", "plain text without extension", "text/plain", nil},
		{`C:\Users\lea\Desktop\notes.txt`, "text", "text/plain", nil},
		{"page.html", "<!DOCTYPE html><script>alert(1)</script>", "", cases.ErrFileType},
		{"notes.txt", "<html><body>x</body></html>", "", cases.ErrFileType},
		{"image.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>", "", cases.ErrFileType},
		{"tool.exe", "MZ\x90\x00\x03\x00\x00\x00", "", cases.ErrFileType},
		{"archive.zip", "PK\x03\x04\x14\x00", "", cases.ErrFileType},
		{"script.js", "alert(1)", "", cases.ErrFileType},
		{"latin1.txt", "caf\xe9", "", cases.ErrFileType},
		{"empty.txt", "", "", cases.ErrInvalid},
		{"", "text", "", cases.ErrInvalid},
		{"..", "text", "", cases.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clean, ctype, err := cases.CheckEvidence(tt.name, "", []byte(tt.content))
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil || ctype != tt.wantType || strings.ContainsAny(clean, `/\`) {
				t.Errorf("= %q, %q, %v; want type %q", clean, ctype, err, tt.wantType)
			}
		})
	}
}

// TestBadInput: every refusal is a clear, wrapped error, and none of them
// changes anything (the audit head stays where it was).
func TestBadInput(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	svc := fx.svc
	closedCase, err := svc.Create(ctx, "clinic", store.NewCase{Title: "Closed one"}, "user:1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.SetStatus(ctx, "clinic", closedCase.ID, "closed", "resolved by phone", "user:1"); err != nil {
		t.Fatal(err)
	}
	before, _ := fx.st.AuditHead(ctx)
	big := bytes.Repeat([]byte("a"), 1<<20+1)
	tests := []struct {
		name    string
		do      func() error
		want    error
		message string
	}{
		{"unknown case", func() error { _, _, err := svc.File(ctx, "clinic", 9999); return err }, store.ErrNotFound, "case 9999: not found"},
		{"wrong workspace", func() error { _, _, err := svc.File(ctx, "other", fx.caseID); return err }, store.ErrNotFound, "not found"},
		{"wrong workspace note", func() error { _, err := svc.AddNote(ctx, "other", fx.caseID, "note", "x", "user:2"); return err }, store.ErrNotFound, "not found"},
		{"item of another workspace", func() error { _, err := svc.AddItems(ctx, "other", fx.caseID, fx.items[:1], "user:2"); return err }, store.ErrNotFound, "not found"},
		{"unknown item", func() error {
			_, err := svc.AddItems(ctx, "clinic", fx.caseID, []int64{fx.items[0], 424242}, "user:1")
			return err
		}, store.ErrNotFound, "item 424242"},
		{"oversized evidence", func() error {
			_, err := svc.AddEvidence(ctx, "clinic", fx.caseID, "big.txt", "text/plain", "", bytes.NewReader(big), "user:1")
			return err
		}, cases.ErrTooLarge, "larger than 1 MiB"},
		{"wrong type evidence", func() error {
			_, err := svc.AddEvidence(ctx, "clinic", fx.caseID, "x.html", "text/html", "", strings.NewReader("<html>"), "user:1")
			return err
		}, cases.ErrFileType, "not one of the accepted types"},
		{"evidence on a closed case", func() error {
			_, err := svc.AddEvidence(ctx, "clinic", closedCase.ID, "late.txt", "text/plain", "", strings.NewReader("late"), "user:1")
			return err
		}, store.ErrCaseClosed, "reopen it first"},
		{"items on a closed case", func() error { _, err := svc.AddItems(ctx, "clinic", closedCase.ID, fx.items[:1], "user:1"); return err }, store.ErrCaseClosed, "case is closed"},
		{"evidence on an unknown case", func() error {
			_, err := svc.AddEvidence(ctx, "clinic", 9999, "a.txt", "", "", strings.NewReader("a"), "user:1")
			return err
		}, store.ErrNotFound, "not found"},
		{"closed to monitoring", func() error {
			_, err := svc.SetStatus(ctx, "clinic", closedCase.ID, "monitoring", "", "user:1")
			return err
		}, cases.ErrTransition, "allowed from closed: open"},
		{"unknown status", func() error { _, err := svc.SetStatus(ctx, "clinic", fx.caseID, "archived", "", "user:1"); return err }, cases.ErrInvalid, `status "archived"`},
		{"unknown severity", func() error { _, err := svc.SetSeverity(ctx, "clinic", fx.caseID, "urgent", "user:1"); return err }, cases.ErrInvalid, `severity "urgent"`},
		{"unknown role", func() error { return svc.SetRole(ctx, "clinic", fx.caseID, 1, "boss", "user:1") }, cases.ErrInvalid, `role "boss"`},
		{"unknown user", func() error { return svc.SetRole(ctx, "clinic", fx.caseID, 777, "legal", "user:1") }, store.ErrNotFound, "user 777"},
		{"unknown note kind", func() error { _, err := svc.AddNote(ctx, "clinic", fx.caseID, "gossip", "x", "user:1"); return err }, cases.ErrInvalid, `note kind "gossip"`},
		{"empty note", func() error { _, err := svc.AddNote(ctx, "clinic", fx.caseID, "note", "  ", "user:1"); return err }, cases.ErrInvalid, "note is empty"},
		{"empty title", func() error { _, err := svc.Create(ctx, "clinic", store.NewCase{Title: " "}, "user:1"); return err }, cases.ErrInvalid, "title is empty"},
		{"case in unknown workspace", func() error { _, err := svc.Create(ctx, "nope", store.NewCase{Title: "x"}, "user:1"); return err }, store.ErrNotFound, `workspace "nope"`},
		{"export unknown case", func() error { _, err := svc.Export(ctx, "clinic", 9999, "user:1", &bytes.Buffer{}); return err }, store.ErrNotFound, "not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.do()
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.message) {
				t.Errorf("err = %v; want %v mentioning %q", err, tt.want, tt.message)
			}
		})
	}
	after, _ := fx.st.AuditHead(ctx)
	if after.Seq != before.Seq {
		t.Errorf("refused calls wrote %d audit event(s)", after.Seq-before.Seq)
	}
	// Notes are still allowed on a closed case, and reopening lets evidence in.
	if _, err := svc.AddNote(ctx, "clinic", closedCase.ID, "note", "Plainte déposée au commissariat.", "user:1"); err != nil {
		t.Errorf("note on closed case: %v", err)
	}
	if _, err := svc.SetStatus(ctx, "clinic", closedCase.ID, "open", "new messages", "user:1"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AddEvidence(ctx, "clinic", closedCase.ID, "late.txt", "", "", strings.NewReader("late"), "user:1"); err != nil {
		t.Errorf("evidence after reopening: %v", err)
	}
}

func TestTimeline(t *testing.T) {
	fx := newFixture(t)
	f, tl, err := fx.svc.File(context.Background(), "clinic", fx.caseID)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Items) != 3 || len(f.Notes) != 2 || len(f.Evidence) != 2 || len(f.Roles) != 1 || f.Roles[0].Name != "Léa Girard" {
		t.Fatalf("case file: %d items, %d notes, %d evidence, roles %+v", len(f.Items), len(f.Notes), len(f.Evidence), f.Roles)
	}
	if f.Items[0].Decision == nil || len(f.Items[0].Actions) != 1 || f.Items[0].Actions[0].Status != act.Done {
		t.Fatalf("first item's decision and actions: %+v %+v", f.Items[0].Decision, f.Items[0].Actions)
	}
	kinds := map[string]int{}
	for i, e := range tl {
		kinds[e.Kind]++
		if i > 0 && e.At.Before(tl[i-1].At) {
			t.Errorf("timeline out of order at %d: %v before %v", i, e.At, tl[i-1].At)
		}
	}
	for _, want := range []struct {
		kind string
		n    int
	}{{"item", 3}, {"decision", 1}, {"action", 1}, {"note", 2}, {"evidence", 2}} {
		if kinds[want.kind] != want.n {
			t.Errorf("timeline has %d %s entries, want %d (%v)", kinds[want.kind], want.kind, want.n, kinds)
		}
	}
	var text strings.Builder
	for _, e := range tl {
		fmt.Fprintln(&text, e.Kind, e.Actor, e.Summary)
	}
	for _, want := range []string{"status open -> monitoring: calmer since the call", "Léa Girard (user 1) is lead", "action.done (action:1: hidden on facebook)", "case opened by hand, severity high"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("timeline lacks %q:\n%s", want, text.String())
		}
	}
}

func TestBundleVerifies(t *testing.T) {
	fx := newFixture(t)
	b := fx.export(t)
	v := cases.Verify(bytes.NewReader(b), int64(len(b)))
	if !v.OK() {
		t.Fatalf("clean bundle has problems: %v", v.Problems)
	}
	if v.Manifest.Case.Items != 3 || v.Manifest.Case.Evidence != 2 || v.AuditEvents == 0 || v.Manifest.ExportedBy != "user:1" || !v.Manifest.ExportedAt.Equal(exportTime) {
		t.Errorf("manifest = %+v, %d audit events", v.Manifest, v.AuditEvents)
	}
	names := zipNames(t, b)
	for _, want := range []string{"manifest.json", "manifest.sha256", "case.json", "report.pdf", "audit.jsonl",
		fmt.Sprintf("items/item-%d.json", fx.items[0]), fmt.Sprintf("items/item-%d.raw.json", fx.items[0]), "attachments/1-journal-appels.csv", "attachments/2-capture.png"} {
		if !names[want] {
			t.Errorf("bundle lacks %s (has %v)", want, names)
		}
	}
	// The raw payload is kept byte for byte, odd spacing included.
	raw := readZip(t, b, fmt.Sprintf("items/item-%d.raw.json", fx.items[0]))
	if string(raw) != `{"id": "c1",  "message": "Vous avez tué mon chien."}` {
		t.Errorf("raw payload altered: %s", raw)
	}
	// The export itself is in the chain, with the manifest's hash.
	var found bool
	fx.st.WalkAudit(context.Background(), func(ev auditEvent) error {
		if ev.Kind == "case.exported" && strings.Contains(string(ev.Data), v.ManifestSHA256) {
			found = true
		}
		return nil
	})
	if !found {
		t.Error("no case.exported audit event with the manifest's hash")
	}
}

// TestBundleTampering: each kind of change is caught with a precise message.
func TestBundleTampering(t *testing.T) {
	fx := newFixture(t)
	clean := fx.export(t)
	item := fmt.Sprintf("items/item-%d.json", fx.items[1])
	tests := []struct {
		name   string
		change func(files map[string][]byte, order *[]string)
		want   []string
	}{
		{"edited attachment", func(f map[string][]byte, _ *[]string) {
			f["attachments/1-journal-appels.csv"] = bytes.Replace(f["attachments/1-journal-appels.csv"], []byte("4 min"), []byte("1 min"), 1)
		}, []string{"attachments/1-journal-appels.csv: SHA-256 is", "(file edited)"}},
		{"removed item", func(f map[string][]byte, order *[]string) { delete(f, item); *order = without(*order, item) },
			[]string{item + ": listed in the manifest but missing from the bundle (file removed)"}},
		{"added file", func(f map[string][]byte, order *[]string) {
			f["attachments/99-extra.png"] = []byte("\x89PNG")
			*order = append(*order, "attachments/99-extra.png")
		}, []string{"attachments/99-extra.png: in the bundle but not in the manifest (file added)"}},
		{"edited manifest", func(f map[string][]byte, _ *[]string) {
			f["manifest.json"] = bytes.Replace(f["manifest.json"], []byte(`"severity": "high"`), []byte(`"severity": "low"`), 1)
		}, []string{"manifest.json: SHA-256 is", "the manifest was edited after export"}},
		{"edited item text", func(f map[string][]byte, _ *[]string) {
			f[item] = bytes.Replace(f[item], []byte("moordenaars"), []byte("moordenaarz"), 1)
		}, []string{item + ": SHA-256 is"}},
		{"edited audit event", func(f map[string][]byte, _ *[]string) {
			f["audit.jsonl"] = bytes.Replace(f["audit.jsonl"], []byte(`"actor":"user:1"`), []byte(`"actor":"user:2"`), 1)
		}, []string{"audit.jsonl: SHA-256 is"}},
		{"removed manifest hash", func(f map[string][]byte, order *[]string) {
			delete(f, "manifest.sha256")
			*order = without(*order, "manifest.sha256")
		}, []string{"manifest.sha256: missing"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files, order := unzip(t, clean)
			tt.change(files, &order)
			b := rezip(t, files, order)
			v := cases.Verify(bytes.NewReader(b), int64(len(b)))
			if v.OK() {
				t.Fatal("tampered bundle verified")
			}
			var all []string
			for _, p := range v.Problems {
				all = append(all, p.String())
			}
			got := strings.Join(all, "\n")
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("problems lack %q:\n%s", w, got)
				}
			}
		})
	}
}

// TestAuditExcerptForged: a forger who rewrites an audit event and updates
// every hash in the manifest is still caught by the event's own hash.
func TestAuditExcerptForged(t *testing.T) {
	fx := newFixture(t)
	files, order := unzip(t, fx.export(t))
	files["audit.jsonl"] = bytes.Replace(files["audit.jsonl"], []byte(`"kind":"case.status_changed"`), []byte(`"kind":"case.status_changez"`), 1)
	var m cases.Manifest
	if err := json.Unmarshal(files["manifest.json"], &m); err != nil {
		t.Fatal(err)
	}
	for i, f := range m.Files {
		if f.Path == "audit.jsonl" {
			m.Files[i].SHA256, m.Files[i].Size = sha(files["audit.jsonl"]), int64(len(files["audit.jsonl"]))
		}
	}
	files["manifest.json"], _ = cases.CanonicalManifest(m)
	files["manifest.sha256"] = []byte(sha(files["manifest.json"]) + "  manifest.json\n")
	b := rezip(t, files, order)
	v := cases.Verify(bytes.NewReader(b), int64(len(b)))
	if len(v.Problems) != 1 || !strings.Contains(v.Problems[0].String(), "content does not match its hash (event edited)") {
		t.Errorf("problems = %v", v.Problems)
	}
}

func TestVerifyGarbage(t *testing.T) {
	for _, in := range [][]byte{nil, []byte("not a zip"), []byte("PK\x05\x06" + strings.Repeat("\x00", 18))} {
		v := cases.Verify(bytes.NewReader(in), int64(len(in)))
		if v.OK() {
			t.Errorf("Verify(%q) OK", in)
		}
	}
}

func TestReportPDF(t *testing.T) {
	fx := newFixture(t)
	var buf bytes.Buffer
	if err := fx.svc.Report(context.Background(), "clinic", fx.caseID, "user:1", &buf); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b, []byte("\nxref\n")) || !bytes.Contains(b, []byte("startxref")) || !bytes.HasSuffix(bytes.TrimSpace(b), []byte("%%EOF")) {
		t.Fatalf("not a PDF: %q...", b[:min(len(b), 64)])
	}
	out := filepath.Join("..", "..", "test-output")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(out, "case-report.pdf")
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext not installed: text extraction not checked")
		return
	}
	txt, err := exec.Command("pdftotext", "-layout", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	for _, want := range []string{"Case report: Menaces après le décès de Filou", "Clinique vétérinaire des Érables", "Je sais où vous habitez",
		"Hemsk klinik, förstörde allt. Ødelagt. Größte Katastrophe.", "[U+1F621]", "[U+200B]", "Page 1 of", "journal-appels.csv", "Accord : personne ne répond"} {
		if !strings.Contains(string(txt), want) {
			t.Errorf("report text lacks %q", want)
		}
	}
}

// FuzzVerify: the bundle reader never panics, whatever the archive holds.
// The seed is built without a database: instrumented SQLite makes fuzz
// workers too slow to start.
func FuzzVerify(f *testing.F) {
	cf := store.CaseFile{
		Workspace: store.Workspace{ID: "w", Name: "Org"},
		Case:      store.Case{ID: 1, Workspace: "w", Title: "t", Status: "open", Severity: "low"},
		Items:     []store.CaseItem{{Item: ingest.Item{ID: 3, Text: "x", Raw: json.RawMessage(`{"a":1}`)}}},
		Evidence:  []store.Evidence{{ID: 1, Name: "a.txt", SHA256: sha([]byte("a")), Size: 1}},
	}
	var buf bytes.Buffer
	if _, _, err := cases.WriteBundle(&buf, cf, func(store.Evidence) ([]byte, error) { return []byte("a"), nil }, "user:1", exportTime); err != nil {
		f.Fatal(err)
	}
	clean := buf.Bytes()
	f.Add(clean)
	files, order := unzip(f, clean)
	files["manifest.json"] = []byte(`{"format":"stormwatch-evidence-bundle/1","files":[{"path":"../x","sha256":"00","size":-1},{"path":"audit.jsonl","sha256":"00","size":3}]}`)
	files["audit.jsonl"] = []byte("{\"seq\":1}\n{\"seq\":-5,\"hash\":\"AA==\"}\nnot json\n")
	f.Add(rezip(f, files, order))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, b []byte) {
		v := cases.Verify(bytes.NewReader(b), int64(len(b)))
		if v.OK() && v.Manifest == nil {
			t.Fatal("OK without a manifest")
		}
	})
}

// TestReportLongText: an item longer than a page continues on the next
// pages, whole, instead of being cut or looping.
func TestReportLongText(t *testing.T) {
	long := strings.Repeat("Je reviendrai chaque jour devant la clinique. ", 400) + "FIN-DU-TEXTE"
	f := store.CaseFile{
		Workspace: store.Workspace{ID: "w", Name: "Kommune"},
		Case:      store.Case{ID: 7, Workspace: "w", Title: "Lang tekst", Status: "open", Severity: "normal"},
		Items:     []store.CaseItem{{Item: ingest.Item{ID: 1, Channel: "mastodon", Text: long, AuthorName: "x", Raw: json.RawMessage(`{}`)}}},
	}
	var buf bytes.Buffer
	if err := cases.WriteReport(&buf, f, "user:1", exportTime); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		return
	}
	file := filepath.Join(t.TempDir(), "long.pdf")
	os.WriteFile(file, buf.Bytes(), 0o644)
	txt, err := exec.Command("pdftotext", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(txt), "FIN-DU-TEXTE") || strings.Count(string(txt), "clinique") < 400 {
		t.Errorf("long text not printed whole: %d repetitions", strings.Count(string(txt), "clinique"))
	}
	if !strings.Contains(string(txt), "Page 3 of") {
		t.Errorf("expected the text to run over several pages")
	}
}
