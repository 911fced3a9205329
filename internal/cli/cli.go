// Package cli owns the stormwatch command line: one function per
// subcommand, each parsing its own flags, reading the same environment as
// the server, and returning an exit code with a message that says what was
// wrong and what to do.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strings"
)

// Env is the process's surroundings, passed in so tests can drive the CLI.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
}

// Version is set at build time with -ldflags "-X ...cli.Version=...".
var Version = "dev"

type command struct {
	summary string
	run     func(ctx context.Context, env Env, args []string) error
}

func commands() map[string]command {
	return map[string]command{
		"serve":     {"run the server (API, pipeline, outbox; with STORMWATCH_DEMO=true the demo workspace and simulator)", runServe},
		"classify":  {"read JSON Lines {\"id\",\"text\",\"lang\"} on stdin, write one classification per line", runClassify},
		"check":     {"classify one text given as argument and explain the result", runCheck},
		"eval":      {"measure detection quality on labelled JSON Lines: P/R/F1 per category and language", runEval},
		"import":    {"import items from a JSON Lines or CSV file into a workspace", runImport},
		"policy":    {"policy lint FILE | policy render FILE --lang fr", runPolicy},
		"audit":     {"audit verify [--head SEQ:HASH] | audit head", runAudit},
		"token":     {"token create --workspace ID [--name NAME]: create an API token", runToken},
		"workspace": {"workspace create ID --name NAME [--policy FILE] | workspace list", runWorkspace},
		"bundle":    {"bundle verify FILE | bundle export --workspace W --case N -o FILE.zip: evidence bundles", runBundle},
		"case":      {"case report --workspace W --case N -o FILE.pdf: the PDF case report", runCase},
		"channels":  {channelsUsage + ": connected channels and their credentials key", runChannels},
		"bench":     {"bench ingest|detect|storms: throughput and latency, detection speed and memory, storm detection delay", runBench},
		"version": {"print the version", func(_ context.Context, env Env, _ []string) error {
			fmt.Fprintln(env.Stdout, "stormwatch", Version)
			return nil
		}},
	}
}

// usageError is a mistake in the command line: exit code 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// exitError carries a specific exit code with an already printed message.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// Run runs one command line and returns the process exit code.
func Run(ctx context.Context, args []string, env Env) int {
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	cmds := commands()
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printHelp(env.Stdout, cmds)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "stormwatch: unknown command %q\n\n", args[0])
		printHelp(env.Stderr, cmds)
		return 2
	}
	err := cmd.run(ctx, env, args[1:])
	var ue usageError
	var ee exitError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ee):
		return ee.code
	case errors.As(err, &ue):
		fmt.Fprintf(env.Stderr, "stormwatch %s: %v\n", args[0], err)
		return 2
	}
	fmt.Fprintf(env.Stderr, "stormwatch %s: %v\n", args[0], err)
	return 1
}

func printHelp(w io.Writer, cmds map[string]command) {
	fmt.Fprintln(w, "usage: stormwatch COMMAND [flags]\n\ncommands:")
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w, "\nThe server and the commands that open the database read STORMWATCH_* variables (see README).")
}

// newFlags makes a flag set that reports errors instead of exiting.
func newFlags(env Env, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "usage: stormwatch %s\n", usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses flags that may come before or after positional
// arguments ("policy render FILE --lang fr"), returning the positionals.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func newLogger(env Env, level slog.Level, format string) *slog.Logger {
	opts := &slog.HandlerOptions{Level: level}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(env.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(env.Stderr, opts))
}

func joinLines(lines []string) string { return strings.Join(lines, "\n") }
