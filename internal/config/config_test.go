package config

import (
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestFromEnv(t *testing.T) {
	secretFile := filepath.Join(t.TempDir(), "token")
	os.WriteFile(secretFile, []byte("sw_from_file\n"), 0o600)
	c, err := FromEnv(env(map[string]string{
		"STORMWATCH_ADDR": "127.0.0.1:9999", "STORMWATCH_DEMO": "true", "STORMWATCH_DEMO_TOKEN_FILE": secretFile,
		"STORMWATCH_DRYRUN_LATENCY": "2ms", "STORMWATCH_LOG_LEVEL": "debug", "STORMWATCH_SIMULATOR_RATE": "0",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:9999" || !c.Demo || c.DemoToken != "sw_from_file" || c.DryRunLatency != 2*time.Millisecond || c.LogLevel != slog.LevelDebug || c.SimulatorRate != 0 {
		t.Errorf("config = %+v", c)
	}
	if got := c.DatabasePath(); got != filepath.Join("data", "stormwatch.db") {
		t.Errorf("DatabasePath = %q", got)
	}
}

func TestFromEnvReportsEveryError(t *testing.T) {
	_, err := FromEnv(env(map[string]string{
		"STORMWATCH_ADDR": "8080", "STORMWATCH_DEMO": "yes please", "STORMWATCH_DRYRUN_LATENCY": "soon",
		"STORMWATCH_DEMO_TOKEN": "a", "STORMWATCH_DEMO_TOKEN_FILE": "/x", "STORMWATCH_MAX_BODY_BYTES": "12",
		"STORMWATCH_LOG_FORMAT": "xml",
	}))
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"STORMWATCH_ADDR", "STORMWATCH_DEMO=", "STORMWATCH_DRYRUN_LATENCY", "both set", "STORMWATCH_MAX_BODY_BYTES", "STORMWATCH_LOG_FORMAT"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %s:\n%v", want, err)
		}
	}
}

func TestSecretFileMissing(t *testing.T) {
	_, err := Secret(env(map[string]string{"X_FILE": "/nonexistent/secret"}), "X")
	if err == nil || !strings.Contains(err.Error(), "X_FILE") {
		t.Errorf("err = %v", err)
	}
}

func TestDeskSettings(t *testing.T) {
	key := strings.Repeat("ab", 32)
	tests := []struct {
		name     string
		env      map[string]string
		insecure bool
		wantErr  string
	}{
		{"loopback defaults to plain-http cookies", map[string]string{"STORMWATCH_ADDR": "127.0.0.1:8080"}, true, ""},
		{"localhost too", map[string]string{"STORMWATCH_ADDR": "localhost:8080"}, true, ""},
		{"any other address is secure", map[string]string{"STORMWATCH_ADDR": "0.0.0.0:8080"}, false, ""},
		{"forced secure on loopback", map[string]string{"STORMWATCH_SECURE_COOKIES": "true"}, false, ""},
		{"forced off", map[string]string{"STORMWATCH_ADDR": "10.0.0.1:80", "STORMWATCH_SECURE_COOKIES": "false"}, true, ""},
		{"bad choice", map[string]string{"STORMWATCH_SECURE_COOKIES": "maybe"}, true, "STORMWATCH_SECURE_COOKIES"},
		{"secret key", map[string]string{"STORMWATCH_SECRET_KEY": key}, true, ""},
		{"short secret key", map[string]string{"STORMWATCH_SECRET_KEY": "abcd"}, true, "STORMWATCH_SECRET_KEY"},
		{"public url", map[string]string{"STORMWATCH_PUBLIC_URL": "https://moderation.example.org/"}, true, ""},
		{"public url with a path", map[string]string{"STORMWATCH_PUBLIC_URL": "https://example.org/desk"}, true, "STORMWATCH_PUBLIC_URL"},
		{"public url without a scheme", map[string]string{"STORMWATCH_PUBLIC_URL": "moderation.example.org"}, true, "STORMWATCH_PUBLIC_URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := FromEnv(env(tt.env))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one naming %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.InsecureCookies() != tt.insecure {
				t.Errorf("InsecureCookies = %v, want %v", c.InsecureCookies(), tt.insecure)
			}
			if tt.env["STORMWATCH_SECRET_KEY"] != "" && len(c.SecretKey) != 32 {
				t.Errorf("SecretKey = %d bytes", len(c.SecretKey))
			}
		})
	}
	pw := filepath.Join(t.TempDir(), "pw")
	os.WriteFile(pw, []byte("correct horse battery\n"), 0o600)
	c, err := FromEnv(env(map[string]string{"STORMWATCH_DEMO_ADMIN_PASSWORD_FILE": pw}))
	if err != nil || c.DemoAdminPassword != "correct horse battery" {
		t.Errorf("demo admin password from file = %q, %v", c.DemoAdminPassword, err)
	}
}
