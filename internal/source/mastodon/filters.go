package mastodon

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Filter is a keyword filter group on the organization's own account
// (Mastodon's v2 filters, also served by GoToSocial): statuses matching a
// keyword are hidden from, or shown behind a warning in, the account's own
// notifications and threads. A team uses one in a storm to keep a wave of
// the same words out of its view while the policy and the desk deal with
// them; it changes nothing for anyone else.
type Filter struct {
	ID        string    `json:"id"`
	Title     string    `json:"title"`
	Context   []string  `json:"context"`
	Action    string    `json:"filter_action"` // warn, hide or blur; unknown values read as warn
	Keywords  []string  `json:"-"`
	ExpiresAt time.Time `json:"-"`
}

// FilterContexts are where a filter may apply.
var FilterContexts = []string{"home", "notifications", "public", "thread", "account"}

// NewFilter is what CreateFilter posts.
type NewFilter struct {
	Title    string
	Keywords []string
	// WholeWord matches keywords on word boundaries only.
	WholeWord bool
	// Context defaults to notifications and thread: what the team reads.
	Context []string
	// Action is warn (the default) or hide.
	Action string
	// ExpiresIn ends the filter after a while (a storm passes); 0 keeps it.
	ExpiresIn time.Duration
}

// parseFilters reads the Filter entities of GET /api/v2/filters (one
// entity or an array).
func parseFilters(data []byte) ([]Filter, error) {
	type keyword struct {
		Keyword string `json:"keyword"`
	}
	type entity struct {
		ID        string    `json:"id"`
		Title     string    `json:"title"`
		Context   []string  `json:"context"`
		Action    string    `json:"filter_action"`
		ExpiresAt *string   `json:"expires_at"`
		Keywords  []keyword `json:"keywords"`
	}
	var many []entity
	if err := json.Unmarshal(data, &many); err != nil {
		var one entity
		if err1 := json.Unmarshal(data, &one); err1 != nil {
			return nil, fmt.Errorf("mastodon: filters: %w", err)
		}
		many = []entity{one}
	}
	out := make([]Filter, 0, len(many))
	for _, e := range many {
		if e.ID == "" {
			return nil, errors.New("mastodon: filters: a filter without an id")
		}
		f := Filter{ID: e.ID, Title: e.Title, Context: e.Context, Action: e.Action}
		if f.Action != "hide" && f.Action != "blur" {
			f.Action = "warn" // as the API says unknown values are read
		}
		for _, k := range e.Keywords {
			f.Keywords = append(f.Keywords, k.Keyword)
		}
		if e.ExpiresAt != nil && *e.ExpiresAt != "" {
			t, err := time.Parse(time.RFC3339, *e.ExpiresAt)
			if err != nil {
				return nil, fmt.Errorf("mastodon: filter %s: expires_at %q: %w", e.ID, *e.ExpiresAt, err)
			}
			f.ExpiresAt = t
		}
		out = append(out, f)
	}
	return out, nil
}

// Filters lists the account's filter groups.
func (c *Connector) Filters(ctx context.Context) ([]Filter, error) {
	data, _, err := c.request(ctx, "GET", "/api/v2/filters", nil, nil, "")
	if err != nil {
		return nil, err
	}
	return parseFilters(data)
}

// CreateFilter adds a filter group with its keywords.
func (c *Connector) CreateFilter(ctx context.Context, nf NewFilter) (Filter, error) {
	nf.Title = strings.TrimSpace(nf.Title)
	if nf.Title == "" {
		return Filter{}, errors.New("mastodon: a filter needs a title (e.g. the storm's name)")
	}
	var kws []string
	for _, k := range nf.Keywords {
		if k = strings.TrimSpace(k); k != "" {
			kws = append(kws, k)
		}
	}
	if len(kws) == 0 {
		return Filter{}, errors.New("mastodon: a filter needs at least one keyword")
	}
	if len(nf.Context) == 0 {
		nf.Context = []string{"notifications", "thread"}
	}
	for _, ctxName := range nf.Context {
		if !slices.Contains(FilterContexts, ctxName) {
			return Filter{}, fmt.Errorf("mastodon: filter context %q: want one of %s", ctxName, strings.Join(FilterContexts, ", "))
		}
	}
	switch nf.Action {
	case "":
		nf.Action = "warn"
	case "warn", "hide":
	default:
		return Filter{}, fmt.Errorf("mastodon: filter action %q: want warn or hide", nf.Action)
	}
	form := url.Values{"title": {nf.Title}, "filter_action": {nf.Action}, "context[]": nf.Context}
	if nf.ExpiresIn > 0 {
		form.Set("expires_in", strconv.Itoa(int(nf.ExpiresIn/time.Second)))
	}
	// Rails-style nested attributes: one keyword and its whole_word flag
	// per pair, in order.
	for _, k := range kws {
		form.Add("keywords_attributes[][keyword]", k)
		form.Add("keywords_attributes[][whole_word]", strconv.FormatBool(nf.WholeWord))
	}
	data, _, err := c.request(ctx, "POST", "/api/v2/filters", nil, form, "")
	if err != nil {
		return Filter{}, err
	}
	fs, err := parseFilters(data)
	if err != nil {
		return Filter{}, err
	}
	return fs[0], nil
}

// DeleteFilter removes a filter group (the storm has passed).
func (c *Connector) DeleteFilter(ctx context.Context, id string) error {
	if id == "" || strings.ContainsAny(id, "/?#") {
		return fmt.Errorf("mastodon: filter id %q is not an id", id)
	}
	_, _, err := c.request(ctx, "DELETE", "/api/v2/filters/"+url.PathEscape(id), nil, nil, "")
	return err
}
