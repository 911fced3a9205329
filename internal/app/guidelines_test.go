package app

import (
	"testing"

	"github.com/stormwatch/stormwatch/internal/config"
)

func TestPublicURL(t *testing.T) {
	for _, tt := range []struct {
		public  string
		origins []string
		want    string
	}{
		{"", nil, ""},
		{"https://public.example.org", []string{"https://desk.example.org"}, "https://public.example.org"},
		{"", []string{"https://desk.example.org"}, "https://desk.example.org"},
		{"", []string{"https://desk.example.org/x/"}, "https://desk.example.org"},
		{"", []string{"not a url", "ftp://x", "http://127.0.0.1:8080"}, "http://127.0.0.1:8080"},
	} {
		if got := publicURL(config.Config{PublicURL: tt.public, TrustedOrigins: tt.origins}); got != tt.want {
			t.Errorf("publicURL(%v) = %q, want %q", tt.origins, got, tt.want)
		}
	}
}
