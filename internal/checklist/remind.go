package checklist

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/stormwatch/stormwatch/internal/store"
)

// AlertKind is the kind of the alert that says a review is due.
const AlertKind store.AlertKind = "checklist_due"

// ReminderStore is what Remind needs of the store.
type ReminderStore interface {
	Workspaces(ctx context.Context) ([]store.Workspace, error)
	Assessments(ctx context.Context, workspace, checklist string, limit int) ([]store.Assessment, error)
	Members(ctx context.Context, workspace string) ([]store.Member, error)
	ListAlerts(ctx context.Context, workspace string, f store.AlertFilter) ([]store.Alert, error)
	OpenAlert(ctx context.Context, workspace string, na store.NewAlert, actor string) (store.Alert, bool, error)
}

var dueTitle = Text{
	"en": "Review due: %s (last assessed %s, %d%%)",
	"fr": "Révision à faire : %s (dernière évaluation le %s, %d %%)",
	"nl": "Herziening nodig: %s (laatst ingevuld op %s, %d%%)",
	"sv": "Dags att se över: %s (senast bedömd %s, %d %%)",
	"nb": "På tide å gå gjennom: %s (sist vurdert %s, %d %%)",
	"de": "Überprüfung fällig: %s (zuletzt bewertet am %s, %d %%)",
}

// Remind raises an alert in every real workspace for each checklist whose
// review is overdue: once per due date (the alert's dedupe key carries it),
// in the language most of the workspace's members use. A checklist never
// assessed is shown as due on the checklists page, not alerted: a new
// workspace should not open with alerts. Returns how many alerts it opened.
func Remind(ctx context.Context, st ReminderStore, now time.Time) (int, error) {
	wss, err := st.Workspaces(ctx)
	if err != nil {
		return 0, fmt.Errorf("checklist reminders: %w", err)
	}
	opened := 0
	var errs []error
	for _, ws := range wss {
		if ws.Sandbox {
			continue
		}
		as, err := st.Assessments(ctx, ws.ID, "", 0)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		var lang string
		var raised map[string]bool
		for _, s := range Statuses(as, now) {
			if !s.Overdue {
				continue
			}
			if lang == "" {
				lang = membersLang(ctx, st, ws.ID)
				if raised, err = raisedKeys(ctx, st, ws.ID); err != nil {
					errs = append(errs, err)
					break
				}
			}
			key := "checklist:" + s.Checklist.ID + ":" + s.DueAt.Format("2006-01-02")
			if raised[key] {
				continue // said once, open or dismissed: no hourly repeats
			}
			pct := int(Score(s.Checklist, s.Last.Answers).Pct()*100 + 0.5)
			title := fmt.Sprintf(dueTitle.In(lang), s.Checklist.Title.In(lang), s.Last.At.Format("2006-01-02"), pct)
			_, created, err := st.OpenAlert(ctx, ws.ID, store.NewAlert{Kind: AlertKind, Severity: store.AlertInfo, Title: title,
				DedupeKey: key, At: now}, "checklist")
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if created {
				opened++
			}
		}
	}
	return opened, errors.Join(errs...)
}

// raisedKeys are the dedupe keys of the workspace's recent reminders.
func raisedKeys(ctx context.Context, st ReminderStore, workspace string) (map[string]bool, error) {
	as, err := st.ListAlerts(ctx, workspace, store.AlertFilter{Limit: 1000})
	if err != nil {
		return nil, err
	}
	keys := map[string]bool{}
	for _, a := range as {
		if a.Kind == AlertKind {
			keys[a.DedupeKey] = true
		}
	}
	return keys, nil
}

func membersLang(ctx context.Context, st ReminderStore, workspace string) string {
	ms, err := st.Members(ctx, workspace)
	if err != nil {
		return "en"
	}
	count := map[string]int{}
	best := "en"
	for _, m := range ms {
		count[m.User.Lang]++
		if c := count[m.User.Lang]; c > count[best] || c == count[best] && m.User.Lang < best {
			best = m.User.Lang
		}
	}
	return best
}
