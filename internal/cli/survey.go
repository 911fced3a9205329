package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/stormwatch/stormwatch/internal/store"
	"github.com/stormwatch/stormwatch/internal/survey"
)

// runImportSurvey is "stormwatch import survey --workspace ID FILE": it
// reads a satisfaction-survey export (CSV with a header row, or JSON
// Lines) and turns the unhappy answers into call-back tasks. Re-running
// it on the same file creates nothing twice.
func runImportSurvey(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "import survey", "import survey --workspace ID [--scale 5|10] [--lang fr] [--format csv|jsonl] FILE")
	ws := fs.String("workspace", "", "workspace to import into (required)")
	scale := fs.String("scale", "", "score scale when the file has no scale column: 10 (NPS 0–10) or 5 (1–5); default from the score column's name")
	lang := fs.String("lang", "", "language of the comments when the file has no lang column")
	format := fs.String("format", "", "csv or jsonl (default: from the file name)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("import survey takes one file (CSV or JSON Lines)")
	}
	if *ws == "" {
		return usagef("--workspace is required")
	}
	o := survey.Options{Lang: strings.ToLower(*lang)}
	if *scale != "" {
		switch *scale {
		case "5":
			o.Scale = 5
		case "10":
			o.Scale = 10
		default:
			return usagef("--scale %q: want 5 or 10", *scale)
		}
	}
	path := pos[0]
	f := survey.Format(*format)
	if f == "" {
		if f, err = survey.FormatOf(path); err != nil {
			return usageError{err.Error()}
		}
	} else if f != survey.CSV && f != survey.JSONL {
		return usagef("--format %q: want csv or jsonl", *format)
	}
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	defer file.Close()
	st, _, err := openStore(ctx, env)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.Workspace(ctx, *ws); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("no workspace %q (list them with 'stormwatch workspace list')", *ws)
		}
		return err
	}
	im := &survey.Importer{Store: st}
	res, err := im.Import(ctx, *ws, file, f, o, "cli")
	for _, p := range res.Errors {
		fmt.Fprintf(env.Stderr, "%s: %s\n", path, p.Error())
	}
	if err != nil {
		return fmt.Errorf("import stopped; nothing was stored (re-running is safe): %w", err)
	}
	fmt.Fprintf(env.Stdout, "%s: %d answers read, %d new, %d duplicates, %d unhappy, %d follow-up tasks created, %d lines with errors\n",
		path, res.Read, res.New, res.Duplicates, res.Unhappy, res.TasksCreated, len(res.Errors))
	if len(res.Errors) > 0 {
		fmt.Fprintf(env.Stderr, "%d lines were skipped, the other answers are stored: fix those lines and re-run (stored answers are not imported twice)\n", len(res.Errors))
		return exitError{1}
	}
	return nil
}
