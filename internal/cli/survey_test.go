package cli

import (
	"strings"
	"testing"
)

// TestImportSurvey: the command reads an export, reports what it did,
// lists bad lines with their line and column, exits 1 when lines were
// skipped, and creates nothing twice on a re-run.
func TestImportSurvey(t *testing.T) {
	env := map[string]string{"STORMWATCH_DATA_DIR": t.TempDir()}
	if r := run(t, env, "", "workspace", "create", "clinic", "--name", "Clinique"); r.code != 0 {
		t.Fatalf("workspace create: %+v", r)
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"english nps", []string{"--workspace", "clinic", "../survey/testdata/nps_en.csv"}, 0, "5 answers read, 4 new, 1 duplicates, 2 unhappy, 2 follow-up tasks created, 0 lines with errors", ""},
		{"french with a bad date", []string{"../survey/testdata/clinique_fr.csv", "--workspace", "clinic"}, 1, "2 follow-up tasks created, 1 lines with errors", "clinique_fr.csv: line 6, column Date: \"32/11/2026\" is not a date"},
		{"re-run", []string{"--workspace", "clinic", "../survey/testdata/nps_en.csv"}, 0, "0 new, 5 duplicates, 2 unhappy, 0 follow-up tasks created", ""},
		{"no workspace flag", []string{"../survey/testdata/nps_en.csv"}, 2, "", "--workspace is required"},
		{"unknown workspace", []string{"--workspace", "nope", "../survey/testdata/nps_en.csv"}, 1, "", `no workspace "nope"`},
		{"bad scale", []string{"--workspace", "clinic", "--scale", "7", "../survey/testdata/nps_en.csv"}, 2, "", `--scale "7"`},
		{"unknown format", []string{"--workspace", "clinic", "answers.xlsx"}, 2, "", "cannot tell the format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, env, "", append([]string{"import", "survey"}, tt.args...)...)
			if r.code != tt.code || !strings.Contains(r.stdout, tt.stdout) || !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("got %+v, want code %d, stdout with %q, stderr with %q", r, tt.code, tt.stdout, tt.stderr)
			}
		})
	}
}
