// Package config owns the server's settings: typed, read from the
// environment (STORMWATCH_*), with any secret also readable from a file
// named by the same variable with a _FILE suffix, as container secrets are.
package config

import (
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Config is every setting of the server.
type Config struct {
	Addr    string // listen address; loopback by default
	DataDir string // where the SQLite database and demo files live
	// DatabaseURL chooses the store: empty means SQLite at DataDir/stormwatch.db.
	DatabaseURL string

	Demo          bool          // create the demo workspace and run the simulator
	DemoToken     string        // API token of the demo workspace (secret)
	SimulatorRate float64       // simulated items per hour at the daily peak; 0 turns it off
	SimSpeedup    float64       // simulated seconds per real second
	DryRunLatency time.Duration // pretend platform latency for dry-run actions

	// SecondOpinion names the optional external scorer for ambiguous items
	// (perspective, openai or classifier; empty: off), with its address and
	// key (secret).
	SecondOpinion, SecondOpinionURL, SecondOpinionKey string

	// DemoAdminPassword is the demo admin's first password (secret);
	// empty means one is generated and printed once.
	DemoAdminPassword string

	// SecureCookies is "auto" (Secure unless the server listens on
	// loopback over plain http), "true" or "false".
	SecureCookies string
	// SecretKey (32 bytes, given as 64 hex digits) seals TOTP secrets in
	// the database; empty stores them unsealed (fine for the demo only).
	SecretKey []byte
	// CredentialsKey is the key ring sealing channel credentials (secret):
	// "id:base64key" entries of 32 bytes, newest first, comma-separated.
	// Empty: the demo generates one into DataDir; otherwise channels
	// cannot be connected.
	CredentialsKey string
	// PublicURL is the address the public reaches the server at
	// (https://moderation.example.org): rule citations sent to authors link
	// to the guidelines page under it.
	PublicURL string
	// TrustedOrigins may post to the desk besides its own origin (a proxy
	// under another name), comma-separated.
	TrustedOrigins []string

	MaxBodyBytes    int64
	ShutdownTimeout time.Duration
	LogLevel        slog.Level
	LogFormat       string // text or json
}

// Defaults are the settings of `make run`.
func Defaults() Config {
	return Config{
		Addr:            "127.0.0.1:8080",
		DataDir:         "./data",
		SimulatorRate:   600,
		SimSpeedup:      1,
		SecureCookies:   "auto",
		MaxBodyBytes:    8 << 20,
		ShutdownTimeout: 15 * time.Second,
		LogLevel:        slog.LevelInfo,
		LogFormat:       "text",
	}
}

// FromEnv reads the configuration from getenv (os.Getenv in production),
// starting from Defaults. Every malformed variable is reported, not just the
// first.
func FromEnv(getenv func(string) string) (Config, error) {
	c := Defaults()
	var errs []error
	str := func(name string, dst *string) {
		if v := getenv(name); v != "" {
			*dst = v
		}
	}
	secret := func(name string, dst *string) {
		v, err := Secret(getenv, name)
		if err != nil {
			errs = append(errs, err)
			return
		}
		if v != "" {
			*dst = v
		}
	}
	boolean := func(name string, dst *bool) {
		if v := getenv(name); v != "" {
			b, err := strconv.ParseBool(v)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s=%q: want true or false", name, v))
				return
			}
			*dst = b
		}
	}
	float := func(name string, dst *float64) {
		if v := getenv(name); v != "" {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || f < 0 {
				errs = append(errs, fmt.Errorf("%s=%q: want a number >= 0", name, v))
				return
			}
			*dst = f
		}
	}
	duration := func(name string, dst *time.Duration) {
		if v := getenv(name); v != "" {
			d, err := time.ParseDuration(v)
			if err != nil || d < 0 {
				errs = append(errs, fmt.Errorf("%s=%q: want a duration such as 500ms or 15s", name, v))
				return
			}
			*dst = d
		}
	}
	str("STORMWATCH_ADDR", &c.Addr)
	str("STORMWATCH_DATA_DIR", &c.DataDir)
	secret("STORMWATCH_DATABASE_URL", &c.DatabaseURL)
	boolean("STORMWATCH_DEMO", &c.Demo)
	secret("STORMWATCH_DEMO_TOKEN", &c.DemoToken)
	float("STORMWATCH_SIMULATOR_RATE", &c.SimulatorRate)
	float("STORMWATCH_SIMULATOR_SPEEDUP", &c.SimSpeedup)
	duration("STORMWATCH_DRYRUN_LATENCY", &c.DryRunLatency)
	secret("STORMWATCH_DEMO_ADMIN_PASSWORD", &c.DemoAdminPassword)
	str("STORMWATCH_SECOND_OPINION", &c.SecondOpinion)
	str("STORMWATCH_SECOND_OPINION_URL", &c.SecondOpinionURL)
	secret("STORMWATCH_SECOND_OPINION_KEY", &c.SecondOpinionKey)
	secret("STORMWATCH_CREDENTIALS_KEY", &c.CredentialsKey)
	if v := getenv("STORMWATCH_SECURE_COOKIES"); v != "" {
		if v != "auto" && v != "true" && v != "false" {
			errs = append(errs, fmt.Errorf("STORMWATCH_SECURE_COOKIES=%q: want auto, true or false", v))
		} else {
			c.SecureCookies = v
		}
	}
	var key string
	secret("STORMWATCH_SECRET_KEY", &key)
	if key != "" {
		b, err := hex.DecodeString(key)
		if err != nil || len(b) != 32 {
			errs = append(errs, errors.New("STORMWATCH_SECRET_KEY: want 64 hex digits (32 bytes), e.g. from `openssl rand -hex 32`"))
		} else {
			c.SecretKey = b
		}
	}
	if v := getenv("STORMWATCH_TRUSTED_ORIGINS"); v != "" {
		for _, o := range strings.Split(v, ",") {
			if o = strings.TrimSpace(o); o != "" {
				c.TrustedOrigins = append(c.TrustedOrigins, o)
			}
		}
	}
	if v := getenv("STORMWATCH_PUBLIC_URL"); v != "" {
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || (u.Path != "" && u.Path != "/") {
			errs = append(errs, fmt.Errorf("STORMWATCH_PUBLIC_URL=%q: want the server's public origin, such as https://moderation.example.org", v))
		} else {
			c.PublicURL = u.Scheme + "://" + u.Host
		}
	}
	duration("STORMWATCH_SHUTDOWN_TIMEOUT", &c.ShutdownTimeout)
	if v := getenv("STORMWATCH_MAX_BODY_BYTES"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1024 {
			errs = append(errs, fmt.Errorf("STORMWATCH_MAX_BODY_BYTES=%q: want a whole number of bytes >= 1024", v))
		} else {
			c.MaxBodyBytes = n
		}
	}
	if v := getenv("STORMWATCH_LOG_LEVEL"); v != "" {
		if err := c.LogLevel.UnmarshalText([]byte(v)); err != nil {
			errs = append(errs, fmt.Errorf("STORMWATCH_LOG_LEVEL=%q: want debug, info, warn or error", v))
		}
	}
	if v := getenv("STORMWATCH_LOG_FORMAT"); v != "" {
		if v != "text" && v != "json" {
			errs = append(errs, fmt.Errorf("STORMWATCH_LOG_FORMAT=%q: want text or json", v))
		}
		c.LogFormat = v
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("STORMWATCH_ADDR=%q: want host:port such as 127.0.0.1:8080", c.Addr))
	}
	if c.SimSpeedup == 0 {
		c.SimSpeedup = 1
	}
	if err := errors.Join(errs...); err != nil {
		return c, fmt.Errorf("configuration:\n%w", err)
	}
	return c, nil
}

// Secret reads variable name, or the file named by name_FILE. Setting both
// is an error, since it is unclear which one is meant.
func Secret(getenv func(string) string, name string) (string, error) {
	v, file := getenv(name), getenv(name+"_FILE")
	switch {
	case v != "" && file != "":
		return "", fmt.Errorf("%s and %s_FILE are both set: keep one", name, name)
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("%s_FILE: %w", name, err)
		}
		return strings.TrimSpace(string(b)), nil
	}
	return v, nil
}

// DatabasePath is the SQLite file used when no DatabaseURL is set.
func (c Config) DatabasePath() string {
	if strings.HasPrefix(c.DatabaseURL, "sqlite:") {
		return strings.TrimPrefix(c.DatabaseURL, "sqlite:")
	}
	return filepath.Join(c.DataDir, "stormwatch.db")
}

// InsecureCookies reports whether session cookies go without the Secure
// attribute: only when asked, or by default when the server listens on a
// loopback address (plain-http development, where a Secure cookie would
// never come back).
func (c Config) InsecureCookies() bool {
	switch c.SecureCookies {
	case "true":
		return false
	case "false":
		return true
	}
	host, _, err := net.SplitHostPort(c.Addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
