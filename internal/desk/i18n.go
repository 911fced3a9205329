package desk

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/stormwatch/stormwatch/internal/auth"
)

// catalogs maps a language to its messages, key → text. English is the
// reference: every key exists there, and a key missing elsewhere falls
// back to it (a test keeps the others complete).
type catalogs map[string]map[string]string

// langNames are shown in the language switcher, each in its own language.
var langNames = map[string]string{"en": "English", "fr": "Français", "nl": "Nederlands", "sv": "Svenska", "nb": "Norsk bokmål", "de": "Deutsch"}

// loadCatalogs reads i18n/<lang>.json and every i18n/<screen>.<lang>.json
// (one file per screen keeps the catalogs easy to review), merged per
// language; a key defined twice for a language is an error.
func loadCatalogs() (catalogs, error) {
	cats := catalogs{}
	for _, code := range auth.Languages {
		files, err := fs.Glob(i18nFS, "i18n/*"+code+".json")
		if err != nil {
			return nil, fmt.Errorf("desk: catalog %s: %w", code, err)
		}
		m := map[string]string{}
		for _, f := range files {
			base := strings.TrimSuffix(path.Base(f), ".json")
			if base != code && !strings.HasSuffix(base, "."+code) {
				continue // "xnl.json" is not Dutch
			}
			b, err := i18nFS.ReadFile(f)
			if err != nil {
				return nil, fmt.Errorf("desk: catalog %s: %w", f, err)
			}
			part := map[string]string{}
			if err := json.Unmarshal(b, &part); err != nil {
				return nil, fmt.Errorf("desk: catalog %s: %w", f, err)
			}
			for k, v := range part {
				if _, dup := m[k]; dup {
					return nil, fmt.Errorf("desk: catalog %s: key %q is defined twice", f, k)
				}
				m[k] = v
			}
		}
		if len(m) == 0 {
			return nil, fmt.Errorf("desk: no catalog for %s", code)
		}
		cats[code] = m
	}
	return cats, nil
}

// Lang is one request's language.
type Lang struct {
	Code string
	msgs map[string]string
	en   map[string]string
}

// T returns the message for key, formatted with args when given
// (fmt verbs in the catalog); the key itself when no catalog has it, so
// a missing message shows rather than breaks the page.
func (l *Lang) T(key string, args ...any) string {
	s, ok := l.msgs[key]
	if !ok {
		if s, ok = l.en[key]; !ok {
			return key
		}
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

func (d *Desk) lang(code string) *Lang {
	m, ok := d.cats[code]
	if !ok {
		code, m = "en", d.cats["en"]
	}
	return &Lang{Code: code, msgs: m, en: d.cats["en"]}
}

// langFor picks the language: the signed-in user's own; before sign-in a
// ?lang= choice (kept in a cookie), else the browser's Accept-Language.
func (d *Desk) langFor(r *http.Request, v *Viewer) *Lang {
	if v != nil && v.User.Lang != "" {
		return d.lang(v.User.Lang)
	}
	if q := r.URL.Query().Get("lang"); d.cats[q] != nil {
		return d.lang(q)
	}
	if c, err := r.Cookie("stormwatch_lang"); err == nil && d.cats[c.Value] != nil {
		return d.lang(c.Value)
	}
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag := strings.ToLower(strings.TrimSpace(strings.SplitN(part, ";", 2)[0]))
		base := strings.SplitN(tag, "-", 2)[0]
		if base == "no" || base == "nn" {
			base = "nb"
		}
		if d.cats[base] != nil {
			return d.lang(base)
		}
	}
	return d.lang("en")
}
