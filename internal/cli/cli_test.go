package cli

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

type result struct {
	code           int
	stdout, stderr string
}

func run(t *testing.T, env map[string]string, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return env[k] }})
	return result{code, out.String(), errb.String()}
}

func TestClassifyContract(t *testing.T) {
	in := strings.Join([]string{
		`{"id":"a1","text":"Merci beaucoup pour votre accueil, Filou va mieux !","lang":"fr"}`,
		`{"id":2,"text":"Ik weet waar je woont, pas maar op.","lang":"nl"}`,
		`not json`,
		``,
		`{"id":"no-text"}`,
		`{"id":"sv","text":"Tack för hjälpen med katten igår"}`,
		"{\"id\":\"bad-utf8\",\"text\":\"\xff\"}",
	}, "\n")
	r := run(t, nil, in, "classify")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 6 {
		t.Fatalf("got %d output lines, want 6 (one per non-blank input line):\n%s", len(lines), r.stdout)
	}
	type sig struct {
		Category string   `json:"category"`
		Score    float64  `json:"score"`
		Spans    [][2]int `json:"spans"`
	}
	type out struct {
		ID       json.RawMessage `json:"id"`
		Lang     *string         `json:"lang"`
		Signals  []sig           `json:"signals"`
		Decision *struct {
			Action string   `json:"action"`
			Rules  []string `json:"rules"`
		} `json:"decision"`
		Error string `json:"error"`
		Line  int    `json:"line"`
	}
	var outs []out
	for _, l := range lines {
		var o out
		if err := json.Unmarshal([]byte(l), &o); err != nil {
			t.Fatalf("output line is not JSON: %s", l)
		}
		outs = append(outs, o)
	}
	// Order is kept and ids are echoed verbatim, whatever their JSON type.
	wantIDs := []string{`"a1"`, `2`, ``, `"no-text"`, `"sv"`, `"bad-utf8"`}
	for i, w := range wantIDs {
		if string(outs[i].ID) != w && !(w == "" && outs[i].ID == nil) {
			t.Errorf("line %d id = %s, want %s", i+1, outs[i].ID, w)
		}
	}
	for _, i := range []int{0, 1, 4} {
		o := outs[i]
		if o.Lang == nil || o.Decision == nil || o.Signals == nil || o.Decision.Rules == nil {
			t.Fatalf("line %d lacks a contract field: %s", i+1, lines[i])
		}
		for _, s := range o.Signals {
			if _, err := detect.ParseCategory(s.Category); err != nil || s.Score < 0 || s.Score > 1 {
				t.Errorf("line %d: bad signal %+v", i+1, s)
			}
		}
		switch o.Decision.Action {
		case "allow", "review", "hide", "delete":
		default:
			t.Errorf("line %d: action %q outside the contract", i+1, o.Decision.Action)
		}
	}
	if outs[0].Decision.Action != "allow" {
		t.Errorf("praise decided %q, want allow", outs[0].Decision.Action)
	}
	if *outs[4].Lang != "sv" {
		t.Errorf("Swedish text detected as %q", *outs[4].Lang)
	}
	if a := outs[1].Decision.Action; a != "hide" && a != "delete" {
		t.Errorf("veiled threat decided %q, want hide: %s", a, lines[1])
	}
	for i, want := range map[int]string{2: "malformed JSON", 3: `missing "text"`, 5: "not valid UTF-8"} {
		if !strings.Contains(outs[i].Error, want) || outs[i].Line == 0 {
			t.Errorf("line %d error = %q (line %d), want %q", i+1, outs[i].Error, outs[i].Line, want)
		}
	}
}

func TestCheckExplains(t *testing.T) {
	r := run(t, nil, "", "check", "--lang", "en", "We know where you live, watch your back.")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"Decision:", "threat", "why:"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("check output lacks %q:\n%s", want, r.stdout)
		}
	}
	if r := run(t, nil, "", "check"); r.code != 2 || !strings.Contains(r.stderr, "one text") {
		t.Errorf("check without text: %+v", r)
	}
}

func TestPolicyLintAndRender(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("policy: Test\nversion: \"1\"\nlanguages: [en]\nrules:\n  - id: R1\n    title: Threats\n    whne: score(\"threat\") > 0.5\n    actions: [hide]\n    public:\n      en: No threats.\n  - id: R2\n    title: Typo\n    when: score(\"treat\") > 0.5 &&\n    actions: [explode]\n    public:\n      en: x\n"), 0o644)
	r := run(t, nil, "", "policy", "lint", bad)
	if r.code != 1 {
		t.Fatalf("lint of a bad policy exited %d, want 1:\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{bad + ":7:", bad + ":13:", bad + ":14:"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("lint output lacks a problem at %s:\n%s", want, r.stdout)
		}
	}
	good := filepath.Join(dir, "good.yaml")
	os.WriteFile(good, []byte("policy: Test\nversion: \"1\"\nlanguages: [en, fr]\nrules:\n  - id: R1\n    title: Threats\n    when: score(\"threat\") > 0.5\n    actions: [hide]\n    public:\n      en: No threats.\n      fr: Pas de menaces.\n"), 0o644)
	if r := run(t, nil, "", "policy", "lint", good); r.code != 0 {
		t.Errorf("lint of a good policy: %+v", r)
	}
	r = run(t, nil, "", "policy", "render", good, "--lang", "fr")
	if r.code != 0 || !strings.Contains(r.stdout, "Pas de menaces.") || !strings.Contains(r.stdout, "R1") {
		t.Errorf("render: %+v", r)
	}
	if r := run(t, nil, "", "policy", "render", good, "--lang", "sv"); r.code == 0 {
		t.Errorf("render in a language the policy lacks succeeded: %+v", r)
	}
}

func TestImportAndAuditVerify(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"STORMWATCH_DATA_DIR": dir}
	if r := run(t, env, "", "workspace", "create", "clinic", "--name", "Clinique"); r.code != 0 {
		t.Fatalf("workspace create: %+v", r)
	}
	r := run(t, env, "", "import", "--workspace", "clinic", "../ingest/testdata/import.jsonl")
	if r.code != 1 || !strings.Contains(r.stdout, "3 new, 0 already present, 3 rejected") || !strings.Contains(r.stderr, "import.jsonl:4: text must be string") {
		t.Fatalf("import: %+v", r)
	}
	r = run(t, env, "", "import", "--workspace", "clinic", "--channel", "survey", "../ingest/testdata/survey.csv")
	if !strings.Contains(r.stdout, "3 new") {
		t.Fatalf("import csv: %+v", r)
	}
	r = run(t, env, "", "import", "--workspace", "clinic", "../ingest/testdata/import.jsonl")
	if !strings.Contains(r.stdout, "0 new, 3 already present") {
		t.Errorf("re-import is not idempotent: %+v", r)
	}
	if r := run(t, env, "", "import", "--workspace", "nope", "../ingest/testdata/import.jsonl"); r.code != 1 || !strings.Contains(r.stderr, `no workspace "nope"`) {
		t.Errorf("import into unknown workspace: %+v", r)
	}
	if r := run(t, env, "", "token", "create", "--workspace", "clinic"); r.code != 0 || !strings.HasPrefix(r.stdout, "sw_") {
		t.Errorf("token create: %+v", r)
	}
	r = run(t, env, "", "audit", "verify")
	if r.code != 0 || !strings.Contains(r.stdout, "audit chain: ok") {
		t.Fatalf("verify of an intact chain: %+v", r)
	}
	head := strings.TrimSpace(run(t, env, "", "audit", "head").stdout)

	// Tamper the way someone with the database file could: drop the
	// append-only triggers, then edit one record and remove another.
	db, err := sql.Open("sqlite", filepath.Join(dir, "stormwatch.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{`DROP TRIGGER audit_no_update`, `DROP TRIGGER audit_no_delete`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name, sql, want string
		args            []string
	}{
		{"edited", `UPDATE audit_events SET actor = 'user:mallory' WHERE seq = 2`, "event 2: content does not match its hash", nil},
		{"removed", `DELETE FROM audit_events WHERE seq = 3`, "1 event(s) removed", nil},
		{"tail cut", `DELETE FROM audit_events WHERE seq = (SELECT max(seq) FROM audit_events)`, "newest events removed", []string{"--head", head}},
	}
	for _, tt := range tests {
		if _, err := db.Exec(tt.sql); err != nil {
			t.Fatal(err)
		}
		r := run(t, env, "", append([]string{"audit", "verify"}, tt.args...)...)
		if r.code != 1 || !strings.Contains(r.stdout, "BROKEN") || !strings.Contains(r.stdout, tt.want) {
			t.Errorf("%s: verify = %+v, want failure naming %q", tt.name, r, tt.want)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"frobnicate"}, {"policy"}, {"policy", "lint"}, {"audit", "sign"}, {"import"}, {"classify", "extra"}, {"bench"}, {"audit", "verify", "--head", "zz"}} {
		if r := run(t, nil, "", args...); r.code != 2 || r.stderr == "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 with a message", args, r.code, r.stderr)
		}
	}
}
