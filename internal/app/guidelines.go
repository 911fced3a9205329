package app

import (
	"net/url"
	"strings"

	"github.com/stormwatch/stormwatch/internal/config"
)

// publicURL is the address the public reaches the server at, which rule
// citations sent to authors link under (/g/{ws}#R2): STORMWATCH_PUBLIC_URL,
// else the first trusted origin, the name a proxy serves the desk under.
// Without either the desk cannot know its public address, and citations
// carry no link.
func publicURL(cfg config.Config) string {
	if cfg.PublicURL != "" {
		return cfg.PublicURL
	}
	for _, o := range cfg.TrustedOrigins {
		u, err := url.Parse(strings.TrimSpace(o))
		if err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" {
			return u.Scheme + "://" + u.Host
		}
	}
	return ""
}
