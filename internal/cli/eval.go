package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/eval"
)

// The workspace the labelled sets assume (see internal/eval/testdata/sets/README.md):
// eval's defaults, and the floors test's.
const (
	evalStaff   = "Dr Martin,Dr Janssens,Dr Lindqvist,Dr Hansen,Dr. Müller,Sophie Lambert,Sophie,Sanne,Sara,Ingrid,Karim,Anna"
	evalOrg     = "Clinique vétérinaire des Tilleuls,Les Tilleuls"
	evalDomains = "tilleuls-veto.example"
)

func runEval(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "eval", "eval [--policy FILE] [--withhold-lang] [--lang fr,nl] [--json] FILE.jsonl [FILE.jsonl ...]")
	policyFile := fs.String("policy", "", "policy file (default: the built-in default policy)")
	withhold := fs.Bool("withhold-lang", false, "hide the gold language from the classifier, so it must identify it")
	langs := fs.String("lang", "", "only these languages (comma-separated)")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	targets := fs.Bool("targets", true, "check the quality targets and exit 1 when one is missed")
	mistakes := fs.Int("mistakes", 10, "how many of the worst errors of each kind to list (0: none)")
	split := fs.String("split", "", "dev or test: one fixed half of the examples (tune on dev, report test)")
	staff := fs.String("staff", evalStaff, "staff names the workspace protects (comma-separated), as the labelled sets assume")
	org := fs.String("org", evalOrg, "the organization's names (comma-separated)")
	domains := fs.String("domains", evalDomains, "the organization's domains (comma-separated)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("eval takes one or more labelled JSON Lines files ({\"text\",\"lang\",\"category\"} and/or \"action\":\"remove|keep\")")
	}
	c, err := newClassifier(*policyFile)
	if err != nil {
		return err
	}
	c.context = &detect.Context{StaffNames: splitList(*staff), OrgNames: splitList(*org), OrgDomains: splitList(*domains)}
	classify := func(ctx context.Context, text, lang string) (eval.Prediction, error) {
		_, res, d := c.classify(ctx, nil, text, lang)
		return eval.PredictionFrom(res.Lang, res.Signals, string(d.Action)), nil
	}
	if *mistakes == 0 {
		*mistakes = -1 // eval.Options reads 0 as its default; on the command line 0 means none
	}
	opts := eval.Options{WithholdLang: *withhold, MaxMistakes: *mistakes, Split: *split}
	if *langs != "" {
		opts.Langs = strings.Split(*langs, ",")
	}
	// All files form one evaluation, so the report has every language side
	// by side; line numbers count across the files in the order given.
	var readers []io.Reader
	for _, path := range pos {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		readers = append(readers, f, strings.NewReader("\n"))
	}
	rep, err := eval.Evaluate(ctx, io.MultiReader(readers...), classify, opts)
	if err != nil {
		return err
	}
	if *asJSON {
		b, err := rep.JSON()
		if err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, string(b))
	} else {
		fmt.Fprintf(env.Stdout, "== %s\n", strings.Join(pos, " "))
		if err := rep.Print(env.Stdout); err != nil {
			return err
		}
	}
	missed := false
	if *targets {
		tr := rep.CheckTargets(eval.DefaultTargets())
		if !*asJSON {
			tr.Print(env.Stdout)
		}
		missed = len(tr.Missed()) > 0
	}
	if missed {
		return exitError{1}
	}
	return nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
