package app

import (
	"context"
	"slices"

	"github.com/stormwatch/stormwatch/internal/channels"
	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/listen"
	"github.com/stormwatch/stormwatch/internal/store"
)

// News listening and follow-ups.
//
// News feed channels (kind rss) look for the organization's names and its
// staff's, read from the workspace before each poll. Every decided item
// of a news feed is press coverage: it raises a press alert (one per
// outlet and day) through the escalator, so the people on call hear of
// the article before the phone rings. Survey imports and the tasks they
// raise need no wiring: the route and the desk use the store directly.

// pressNegative are the categories that make coverage negative.
var pressNegative = []detect.Category{detect.Insult, detect.Harassment, detect.Threat, detect.Hate, detect.Accusation, detect.Complaint}

// wireFollowUps connects news listening; call it once the processor and
// the escalator exist.
func (a *App) wireFollowUps() {
	st := a.Store
	channels.WorkspaceNames = func(ctx context.Context, workspace string) ([]string, error) {
		ws, err := st.Workspace(ctx, workspace)
		if err != nil {
			return nil, err
		}
		names := append([]string{ws.Name}, ws.Context.OrgNames...)
		return append(names, ws.Context.StaffNames...), nil
	}
	prev := a.Processor.OnItemsDecided
	a.Processor.OnItemsDecided = func(items []ingest.Item, ds []store.Decision) {
		if prev != nil {
			prev(items, ds)
		}
		// News items are few (a feed polled every quarter of an hour):
		// raising their alert here costs one small write per batch that
		// has any, and nothing for the others.
		a.raisePress(context.Background(), items, ds)
	}
}

// raisePress raises the press alerts of the news items among items.
func (a *App) raisePress(ctx context.Context, items []ingest.Item, ds []store.Decision) {
	var obs []listen.Obs
	for i, it := range items {
		if !listen.IsPress(it.Channel) || i >= len(ds) {
			continue
		}
		at := it.ReceivedAt
		if at.IsZero() {
			at = ds[i].DecidedAt
		}
		o := listen.Obs{Workspace: it.Workspace, Channel: it.Channel, ItemID: it.ID, At: at, AuthorID: it.AuthorID, AuthorName: it.AuthorName, Text: it.Text}
		for _, s := range ds[i].Signals {
			if !slices.Contains(o.Categories, s.Category) {
				o.Categories = append(o.Categories, s.Category)
			}
			o.Negative = o.Negative || slices.Contains(pressNegative, s.Category)
		}
		obs = append(obs, o)
	}
	for _, p := range listen.Press(obs) {
		if _, err := a.Escalator.Raise(ctx, p.Workspace, ActorListen, p.Alert); err != nil {
			a.Log.Error("press alert", "workspace", p.Workspace, "title", p.Alert.Title, "err", err)
		} else {
			a.Log.Info("press alert", "workspace", p.Workspace, "title", p.Alert.Title)
		}
	}
}
