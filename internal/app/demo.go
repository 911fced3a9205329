package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/config"
	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/policy"
	"github.com/stormwatch/stormwatch/internal/store"
)

// DemoWorkspace is the id of the demo workspace.
const DemoWorkspace = "demo"

// DemoContext is what the demo clinic knows about itself.
var DemoContext = detect.Context{
	StaffNames: []string{"Dr Martin", "Sophie Lambert", "Dr Janssens", "Karim"},
	OrgNames:   []string{"Clinique vétérinaire des Tilleuls", "Les Tilleuls"},
	OrgDomains: []string{"tilleuls-veto.example"},
}

// EnsureDemo creates the demo workspace with the example clinic policy, if
// missing, and makes sure it has an API token: cfg.DemoToken when given,
// otherwise one kept in DataDir/demo-token (readable by the owner only).
func EnsureDemo(ctx context.Context, st store.Store, cfg config.Config) (string, error) {
	_, err := st.Workspace(ctx, DemoWorkspace)
	if errors.Is(err, store.ErrNotFound) {
		yaml := policy.ExampleClinicYAML()
		p, perr := policy.Parse(yaml, "example_clinic.yaml")
		if perr != nil {
			return "", fmt.Errorf("embedded example policy: %w", perr)
		}
		err = st.CreateWorkspace(ctx, store.Workspace{ID: DemoWorkspace, Name: "Clinique vétérinaire des Tilleuls (demo)", PolicyYAML: yaml, PolicyVersion: p.Version(), Context: DemoContext}, "system")
	}
	if err != nil && !errors.Is(err, store.ErrConflict) {
		return "", err
	}
	token := cfg.DemoToken
	tokenFile := filepath.Join(cfg.DataDir, "demo-token")
	if token == "" {
		if b, err := os.ReadFile(tokenFile); err == nil {
			token = strings.TrimSpace(string(b))
		}
	}
	if token == "" {
		token = auth.NewToken()
		if err := os.MkdirAll(cfg.DataDir, 0o750); err != nil {
			return "", err
		}
		if err := os.WriteFile(tokenFile, []byte(token+"\n"), 0o600); err != nil {
			return "", fmt.Errorf("save demo token: %w", err)
		}
	}
	ws, _, err := st.TokenWorkspace(ctx, auth.HashToken(token))
	switch {
	case err == nil && ws == DemoWorkspace:
		return token, nil
	case err == nil:
		return "", fmt.Errorf("the demo token belongs to workspace %q", ws)
	case !errors.Is(err, store.ErrNotFound):
		return "", err
	}
	if _, err := st.CreateToken(ctx, DemoWorkspace, "demo", auth.HashToken(token), "system"); err != nil {
		return "", err
	}
	return token, nil
}
