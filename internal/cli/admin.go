package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/stormwatch/stormwatch/internal/app"
	"github.com/stormwatch/stormwatch/internal/audit"
	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/config"
	"github.com/stormwatch/stormwatch/internal/policy"
	"github.com/stormwatch/stormwatch/internal/store"
)

// openStore opens the database named by the environment, for commands
// that work on it directly (safe beside a running server: SQLite WAL).
func openStore(ctx context.Context, env Env) (store.Store, config.Config, error) {
	cfg, err := config.FromEnv(env.Getenv)
	if err != nil {
		return nil, cfg, err
	}
	st, err := app.OpenStore(ctx, cfg)
	return st, cfg, err
}

func runPolicy(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 {
		return usagef("policy lint FILE | policy render FILE --lang fr")
	}
	switch args[0] {
	case "lint":
		fs := newFlags(env, "policy lint", "policy lint FILE")
		pos, err := parseFlags(fs, args[1:])
		if err != nil {
			return err
		}
		if len(pos) != 1 {
			return usagef("policy lint takes one policy file")
		}
		data, err := os.ReadFile(pos[0])
		if err != nil {
			return err
		}
		problems := policy.Lint(data, pos[0])
		errorsFound := 0
		for _, p := range problems {
			fmt.Fprintln(env.Stdout, p.String())
			if p.Severity == policy.SeverityError {
				errorsFound++
			}
		}
		if errorsFound > 0 {
			fmt.Fprintf(env.Stderr, "%s: %d error(s), %d warning(s)\n", pos[0], errorsFound, len(problems)-errorsFound)
			return exitError{1}
		}
		fmt.Fprintf(env.Stderr, "%s: ok (%d warning(s))\n", pos[0], len(problems))
		return nil
	case "render":
		fs := newFlags(env, "policy render", "policy render FILE --lang fr")
		lang := fs.String("lang", "", "language of the guidelines (fr, nl, sv, nb, nn, en, de)")
		pos, err := parseFlags(fs, args[1:])
		if err != nil {
			return err
		}
		if len(pos) != 1 || *lang == "" {
			return usagef("policy render takes one policy file and --lang, e.g. policy render policy.yaml --lang fr")
		}
		data, err := os.ReadFile(pos[0])
		if err != nil {
			return err
		}
		p, err := policy.Parse(data, pos[0])
		if err != nil {
			return fmt.Errorf("%w\n(run 'stormwatch policy lint %s' for every problem)", err, pos[0])
		}
		return p.Render(env.Stdout, *lang)
	}
	return usagef("unknown policy subcommand %q: want lint or render", args[0])
}

func runAudit(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 {
		return usagef("audit verify [--head SEQ:HASH] | audit head")
	}
	switch args[0] {
	case "verify":
		fs := newFlags(env, "audit verify", "audit verify [--head SEQ:HASH]")
		headFlag := fs.String("head", "", "the head recorded earlier by 'stormwatch audit head', to detect removal of the newest events")
		if _, err := parseFlags(fs, args[1:]); err != nil {
			return err
		}
		var expect *audit.Head
		if *headFlag != "" {
			h, err := audit.ParseHead(*headFlag)
			if err != nil {
				return usageError{err.Error()}
			}
			expect = &h
		}
		st, _, err := openStore(ctx, env)
		if err != nil {
			return err
		}
		defer st.Close()
		var v audit.Verifier
		var n int
		if err := st.WalkAudit(ctx, func(ev audit.Event) error { v.Add(ev); n++; return nil }); err != nil {
			return err
		}
		head, err := v.Finish(expect)
		if err != nil {
			fmt.Fprintln(env.Stdout, "audit chain: BROKEN")
			fmt.Fprintln(env.Stdout, err)
			return exitError{1}
		}
		fmt.Fprintf(env.Stdout, "audit chain: ok, %d events, head %s\n", n, head)
		return nil
	case "head":
		st, _, err := openStore(ctx, env)
		if err != nil {
			return err
		}
		defer st.Close()
		h, err := st.AuditHead(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, h.String())
		return nil
	}
	return usagef("unknown audit subcommand %q: want verify or head", args[0])
}

func runToken(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] != "create" {
		return usagef("token create --workspace ID [--name NAME]")
	}
	fs := newFlags(env, "token create", "token create --workspace ID [--name NAME]")
	ws := fs.String("workspace", "", "workspace the token gives access to")
	name := fs.String("name", "api", "a name to recognise the token by")
	if _, err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if *ws == "" {
		return usagef("--workspace is required")
	}
	st, _, err := openStore(ctx, env)
	if err != nil {
		return err
	}
	defer st.Close()
	tok := auth.NewToken()
	if _, err := st.CreateToken(ctx, *ws, *name, auth.HashToken(tok), "cli"); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("no workspace %q: create it with 'stormwatch workspace create'", *ws)
		}
		return err
	}
	fmt.Fprintln(env.Stderr, "New API token (shown once; only its hash is stored):")
	fmt.Fprintln(env.Stdout, tok)
	return nil
}

func runWorkspace(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 {
		return usagef("workspace create ID --name NAME [--policy FILE] | workspace list")
	}
	switch args[0] {
	case "list":
		st, _, err := openStore(ctx, env)
		if err != nil {
			return err
		}
		defer st.Close()
		all, err := st.Workspaces(ctx)
		if err != nil {
			return err
		}
		for _, ws := range all {
			fmt.Fprintf(env.Stdout, "%s\t%s\tpolicy %s\n", ws.ID, ws.Name, ws.PolicyVersion)
		}
		return nil
	case "create":
		fs := newFlags(env, "workspace create", "workspace create ID --name NAME [--policy FILE]")
		name := fs.String("name", "", "the organization's name")
		policyFile := fs.String("policy", "", "policy file (default: the built-in default policy)")
		pos, err := parseFlags(fs, args[1:])
		if err != nil {
			return err
		}
		if len(pos) != 1 || *name == "" {
			return usagef("workspace create takes one ID and --name")
		}
		id := pos[0]
		if !validID(id) {
			return usagef("workspace id %q: use 1-64 lowercase letters, digits and dashes", id)
		}
		data := policy.DefaultYAML()
		if *policyFile != "" {
			if data, err = os.ReadFile(*policyFile); err != nil {
				return err
			}
		}
		p, err := policy.Parse(data, *policyFile)
		if err != nil {
			return err
		}
		st, _, err := openStore(ctx, env)
		if err != nil {
			return err
		}
		defer st.Close()
		if err := st.CreateWorkspace(ctx, store.Workspace{ID: id, Name: *name, PolicyYAML: data, PolicyVersion: p.Version()}, "cli"); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "workspace %s created with policy %s; create a token with: stormwatch token create --workspace %s\n", id, p.Version(), id)
		return nil
	}
	return usagef("unknown workspace subcommand %q: want create or list", args[0])
}

func validID(s string) bool {
	if len(s) == 0 || len(s) > 64 || strings.HasPrefix(s, "-") {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}
