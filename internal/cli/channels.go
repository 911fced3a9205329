package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"text/tabwriter"

	"github.com/stormwatch/stormwatch/internal/channels"
	"github.com/stormwatch/stormwatch/internal/config"
)

const channelsUsage = "channels rotate-keys | channels list [--workspace W] | channels genkey [ID]"

// runChannels manages connected channels from the command line: key
// rotation (re-seal every channel's credentials with the newest key of
// STORMWATCH_CREDENTIALS_KEY), listing, and generating a key entry.
func runChannels(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 {
		return usagef(channelsUsage)
	}
	switch args[0] {
	case "genkey":
		id := "k1"
		if len(args) > 1 {
			id = args[1]
		}
		entry := channels.GenerateKeyEntry(id)
		if _, err := channels.ParseKeyRing(entry); err != nil {
			return usagef("genkey: %v", err)
		}
		fmt.Fprintln(env.Stdout, entry)
		fmt.Fprintln(env.Stderr, "Put it first in STORMWATCH_CREDENTIALS_KEY (newest first, comma-separated), restart or run `stormwatch channels rotate-keys`, then remove the old key.")
		return nil
	case "rotate-keys":
		st, cfg, err := openStore(ctx, env)
		if err != nil {
			return err
		}
		defer st.Close()
		keys, err := keyRing(cfg)
		if err != nil {
			return err
		}
		svc := &channels.Service{Store: st, Keys: keys}
		n, err := svc.RotateKeys(ctx, "cli:rotate-keys")
		fmt.Fprintf(env.Stdout, "re-sealed %d channel(s) with key %s\n", n, keys.NewestKeyID())
		return err
	case "list":
		fset := newFlags(env, "channels list", "channels list [--workspace W]")
		ws := fset.String("workspace", "", "only this workspace")
		if _, err := parseFlags(fset, args[1:]); err != nil {
			return err
		}
		st, _, err := openStore(ctx, env)
		if err != nil {
			return err
		}
		defer st.Close()
		list, err := st.ListChannels(ctx, *ws)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(env.Stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "WORKSPACE\tID\tKIND\tNAME\tENABLED\tKEY\tLAST ITEM\tLAST ERROR")
		for _, c := range list {
			last := "-"
			if !c.LastItemAt.IsZero() {
				last = c.LastItemAt.Format("2006-01-02 15:04")
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%v\t%s\t%s\t%s\n", c.Workspace, c.ID, c.Kind, c.Name, c.Enabled, c.KeyID, last, c.LastError)
		}
		return tw.Flush()
	}
	return usagef(channelsUsage)
}

// keyRing is the server's key ring: STORMWATCH_CREDENTIALS_KEY(_FILE), or
// the demo's generated key file in the data dir.
func keyRing(cfg config.Config) (*channels.KeyRing, error) {
	if cfg.CredentialsKey != "" {
		return channels.ParseKeyRing(cfg.CredentialsKey)
	}
	b, err := os.ReadFile(filepath.Join(cfg.DataDir, channels.DemoKeyFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, channels.ErrNoKey
	}
	if err != nil {
		return nil, err
	}
	return channels.ParseKeyRing(string(b))
}
