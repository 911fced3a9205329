package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	auditpkg "github.com/stormwatch/stormwatch/internal/audit"
	"github.com/stormwatch/stormwatch/internal/source/mastodon"

	"github.com/stormwatch/stormwatch/internal/channels"
	"github.com/stormwatch/stormwatch/internal/config"
)

const channelsUsage = "channels rotate-keys | channels list [--workspace W] | channels genkey [ID] | channels filters|filter|unfilter --workspace W --channel ID ... (Mastodon keyword filters)"

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
	case "filters", "filter", "unfilter":
		return runMastodonFilters(ctx, env, args[0], args[1:])
	}
	return usagef(channelsUsage)
}

type stringsFlag []string

func (f *stringsFlag) String() string     { return strings.Join(*f, ",") }
func (f *stringsFlag) Set(v string) error { *f = append(*f, v); return nil }

// runMastodonFilters lists, adds or removes keyword filters on a connected
// Mastodon channel's own account: in a storm, a wave of the same words can
// be kept out of the team's notifications and threads for a while. Every
// change is audited.
func runMastodonFilters(ctx context.Context, env Env, verb string, args []string) error {
	usage := "channels " + verb + " --workspace W --channel ID"
	switch verb {
	case "filter":
		usage += " --title T --keyword K [--keyword K…] [--hide] [--whole-word] [--expires 48h]"
	case "unfilter":
		usage += " --id FILTER_ID"
	}
	fset := newFlags(env, "channels "+verb, usage)
	ws := fset.String("workspace", "", "the channel's workspace")
	chID := fset.String("channel", "", "the channel's id (stormwatch channels list)")
	title := fset.String("title", "", "the filter's name, e.g. the storm's")
	var keywords stringsFlag
	fset.Var(&keywords, "keyword", "a word or phrase to filter (repeatable)")
	hide := fset.Bool("hide", false, "hide matching statuses instead of showing them behind a warning")
	whole := fset.Bool("whole-word", false, "match keywords on word boundaries only")
	expires := fset.Duration("expires", 0, "end the filter after this long (0: keep it)")
	filterID := fset.String("id", "", "the filter to remove")
	if _, err := parseFlags(fset, args); err != nil {
		return err
	}
	if *ws == "" || *chID == "" {
		return usagef("%s", usage)
	}
	st, cfg, err := openStore(ctx, env)
	if err != nil {
		return err
	}
	defer st.Close()
	ch, err := st.Channel(ctx, *ws, *chID)
	if err != nil {
		return fmt.Errorf("channel %s in workspace %s: %w", *chID, *ws, err)
	}
	if ch.Kind != "mastodon" {
		return fmt.Errorf("channel %s is a %s channel: keyword filters are a Mastodon feature", ch.ID, ch.Kind)
	}
	keys, err := keyRing(cfg)
	if err != nil {
		return err
	}
	ccfg, err := (&channels.Service{Store: st, Keys: keys}).Config(ch)
	if err != nil {
		return err
	}
	conn, err := mastodon.New(mastodon.Config{BaseURL: ccfg.Setting("base_url"), Token: ccfg.Secret("token"), Channel: ccfg.Channel, HTTPClient: ccfg.HTTPClient})
	if err != nil {
		return err
	}
	audit := func(kind string, data map[string]any) error {
		raw, _ := json.Marshal(data)
		_, err := st.AppendAudit(ctx, auditpkg.Event{At: time.Now().UTC(), Workspace: *ws, Actor: "cli", Kind: kind, Subject: "channel:" + ch.ID, Data: raw})
		return err
	}
	switch verb {
	case "filters":
		fs, err := conn.Filters(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(env.Stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tTITLE\tACTION\tCONTEXT\tEXPIRES\tKEYWORDS")
		for _, f := range fs {
			exp := "-"
			if !f.ExpiresAt.IsZero() {
				exp = f.ExpiresAt.UTC().Format("2006-01-02 15:04")
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", f.ID, f.Title, f.Action, strings.Join(f.Context, ","), exp, strings.Join(f.Keywords, ", "))
		}
		return tw.Flush()
	case "filter":
		action := "warn"
		if *hide {
			action = "hide"
		}
		f, err := conn.CreateFilter(ctx, mastodon.NewFilter{Title: *title, Keywords: keywords, WholeWord: *whole, Action: action, ExpiresIn: *expires})
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "filter %s added (%s, %d keyword(s))\n", f.ID, f.Action, len(f.Keywords))
		return audit("channel.filter_added", map[string]any{"filter": f.ID, "title": f.Title, "action": f.Action, "keywords": len(keywords), "expires_in": expires.String()})
	default:
		if *filterID == "" {
			return usagef("%s", usage)
		}
		if err := conn.DeleteFilter(ctx, *filterID); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "filter %s removed\n", *filterID)
		return audit("channel.filter_removed", map[string]any{"filter": *filterID})
	}
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
