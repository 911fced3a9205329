package cli

import (
	"context"
	"fmt"
	"net"

	"github.com/stormwatch/stormwatch/internal/app"
	"github.com/stormwatch/stormwatch/internal/config"
	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/detect/builtin"
	"github.com/stormwatch/stormwatch/internal/detect/external"
)

func runServe(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "serve", "serve   (settings come from STORMWATCH_* variables)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := config.FromEnv(env.Getenv)
	if err != nil {
		return err
	}
	log := newLogger(env, cfg.LogLevel, cfg.LogFormat)
	engine, err := builtin.Engine()
	if err != nil {
		return fmt.Errorf("load detectors: %w", err)
	}
	if engine, err = withSecondOpinion(engine, cfg); err != nil {
		return err
	}
	a, err := app.New(ctx, cfg, log, engine)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		a.Close()
		return fmt.Errorf("listen on %s: %w (is another stormwatch running? set STORMWATCH_ADDR to another port)", cfg.Addr, err)
	}
	if cfg.Demo {
		log.Info("demo workspace ready", "workspace", app.DemoWorkspace, "api", fmt.Sprintf("http://%s/api/v1/workspaces/%s/items", ln.Addr(), app.DemoWorkspace), "token_file", cfg.DataDir+"/demo-token")
	}
	return a.Run(ctx, ln)
}

// withSecondOpinion adds the optional external scorer the configuration
// names (STORMWATCH_SECOND_OPINION). Off when unset: nothing leaves the
// machine by default.
func withSecondOpinion(e *detect.Engine, cfg config.Config) (*detect.Engine, error) {
	if cfg.SecondOpinion == "" {
		return e, nil
	}
	so, err := external.FromSettings(cfg.SecondOpinion, cfg.SecondOpinionURL, cfg.SecondOpinionKey)
	if err != nil {
		return nil, fmt.Errorf("STORMWATCH_SECOND_OPINION: %w", err)
	}
	return e.WithRefiner(so), nil
}
