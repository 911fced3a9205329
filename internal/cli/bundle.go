package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/stormwatch/stormwatch/internal/cases"
	"github.com/stormwatch/stormwatch/internal/store"
)

// runBundle: bundle verify FILE | bundle export --workspace W --case N -o FILE.
func runBundle(ctx context.Context, env Env, args []string) error {
	const usage = "bundle verify FILE | bundle export --workspace W --case N -o FILE.zip"
	if len(args) == 0 {
		return usagef("%s", usage)
	}
	switch args[0] {
	case "verify":
		fs := newFlags(env, "bundle verify", "bundle verify FILE")
		pos, err := parseFlags(fs, args[1:])
		if err != nil {
			return err
		}
		if len(pos) != 1 {
			return usagef("bundle verify takes one bundle file")
		}
		return verifyBundle(env, pos[0])
	case "export":
		ws, id, out, err := caseFlags(env, "bundle export", "bundle export --workspace W --case N -o FILE.zip", args[1:])
		if err != nil {
			return err
		}
		svc, closeStore, err := caseService(ctx, env)
		if err != nil {
			return err
		}
		defer closeStore()
		var m cases.Manifest
		err = writeOutput(out, func(f *os.File) (err error) {
			m, err = svc.Export(ctx, ws, id, "cli", f)
			return err
		}, ws, id)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "exported case %d (%d files, audit head %d) to %s\n", id, len(m.Files), m.AuditHead.Seq, out)
		return nil
	}
	return usagef("unknown bundle subcommand %q: want verify or export", args[0])
}

// runCase: case report --workspace W --case N -o FILE.pdf.
func runCase(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] != "report" {
		return usagef("case report --workspace W --case N -o FILE.pdf")
	}
	ws, id, out, err := caseFlags(env, "case report", "case report --workspace W --case N -o FILE.pdf", args[1:])
	if err != nil {
		return err
	}
	svc, closeStore, err := caseService(ctx, env)
	if err != nil {
		return err
	}
	defer closeStore()
	err = writeOutput(out, func(f *os.File) error { return svc.Report(ctx, ws, id, "cli", f) }, ws, id)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "wrote the report of case %d to %s\n", id, out)
	return nil
}

func verifyBundle(env Env, file string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("read bundle: %w", err)
	}
	v := cases.Verify(bytes.NewReader(data), int64(len(data)))
	if !v.OK() {
		fmt.Fprintf(env.Stdout, "%s: %d problem(s)\n", file, len(v.Problems))
		for _, p := range v.Problems {
			fmt.Fprintln(env.Stdout, "  "+p.String())
		}
		return exitError{1}
	}
	m := v.Manifest
	fmt.Fprintf(env.Stdout, "OK %s: case %d %q of %s, %d files, %d audit events; exported %s by %s; manifest SHA-256 %s; audit head at export %d:%s\n",
		file, m.Case.ID, m.Case.Title, m.Organization, len(m.Files), v.AuditEvents, m.ExportedAt.Format("2006-01-02 15:04:05 UTC"), m.ExportedBy,
		v.ManifestSHA256, m.AuditHead.Seq, m.AuditHead.Hash)
	return nil
}

func caseFlags(env Env, name, usage string, args []string) (ws string, id int64, out string, err error) {
	fs := newFlags(env, name, usage)
	wsf := fs.String("workspace", "", "workspace of the case")
	idf := fs.String("case", "", "case number")
	outf := fs.String("o", "", "output file")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return "", 0, "", err
	}
	if len(pos) > 0 || *wsf == "" || *idf == "" || *outf == "" {
		return "", 0, "", usagef("--workspace, --case and -o are required: %s", usage)
	}
	id, perr := strconv.ParseInt(*idf, 10, 64)
	if perr != nil || id <= 0 {
		return "", 0, "", usagef("--case %q: want a case number", *idf)
	}
	return *wsf, id, *outf, nil
}

func caseService(ctx context.Context, env Env) (*cases.Service, func(), error) {
	st, _, err := openStore(ctx, env)
	if err != nil {
		return nil, nil, err
	}
	return &cases.Service{Store: st}, func() { st.Close() }, nil
}

// writeOutput writes to a temporary file beside out and renames it into
// place only when everything was written, so a failure leaves no partial
// bundle or report behind.
func writeOutput(out string, write func(*os.File) error, ws string, id int64) error {
	f, err := os.CreateTemp(filepath.Dir(out), ".stormwatch-*")
	if err != nil {
		return fmt.Errorf("create output: %w", err)
	}
	defer os.Remove(f.Name())
	if err := write(f); err != nil {
		f.Close()
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("%w (is case %d in workspace %q? list the workspace's cases on the desk)", err, id, ws)
		}
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", out, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	if err := os.Rename(f.Name(), out); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	return nil
}
