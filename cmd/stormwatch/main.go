// Command stormwatch protects an organization and its staff from online
// aggression: it ingests comments from the organization's channels, detects
// abuse, threats, doxxing, scams and legitimate complaints, applies the
// organization's written policy citing the rule, and acts. Run
// `stormwatch help` for the subcommands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/stormwatch/stormwatch/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv})
	stop()
	os.Exit(code)
}
