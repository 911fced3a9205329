package alert

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/mail"
	"strconv"
	"time"

	"github.com/stormwatch/stormwatch/internal/config"
)

// Config is how alerts leave the server. Webhook URLs, the Matrix token and
// the SMTP password are secrets: each may be given in a file named by the
// variable with a _FILE suffix.
type Config struct {
	SlackWebhookURL  string // STORMWATCH_ALERT_SLACK_WEBHOOK_URL (secret)
	TeamsWebhookURL  string // STORMWATCH_ALERT_TEAMS_WEBHOOK_URL (secret)
	MatrixHomeserver string // STORMWATCH_ALERT_MATRIX_HOMESERVER
	MatrixToken      string // STORMWATCH_ALERT_MATRIX_TOKEN (secret)
	MatrixRoom       string // STORMWATCH_ALERT_MATRIX_ROOM: where matrix:@user routes are mentioned
	SMTPAddr         string // STORMWATCH_ALERT_SMTP_ADDR, host:port
	SMTPFrom         string // STORMWATCH_ALERT_SMTP_FROM
	SMTPUsername     string // STORMWATCH_ALERT_SMTP_USERNAME
	SMTPPassword     string // STORMWATCH_ALERT_SMTP_PASSWORD (secret)
	SMTPRequireTLS   bool   // STORMWATCH_ALERT_SMTP_REQUIRE_TLS
	// BaseURL is the desk's public address, for links (STORMWATCH_ALERT_BASE_URL).
	BaseURL string
	// Tick is how often escalation runs (STORMWATCH_ALERT_TICK, default 30s).
	Tick time.Duration
}

// ConfigFromEnv reads the alert settings; every malformed one is reported.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	c := Config{Tick: 30 * time.Second}
	var errs []error
	secret := func(name string, dst *string) {
		v, err := config.Secret(getenv, name)
		if err != nil {
			errs = append(errs, err)
			return
		}
		*dst = v
	}
	secret("STORMWATCH_ALERT_SLACK_WEBHOOK_URL", &c.SlackWebhookURL)
	secret("STORMWATCH_ALERT_TEAMS_WEBHOOK_URL", &c.TeamsWebhookURL)
	secret("STORMWATCH_ALERT_MATRIX_TOKEN", &c.MatrixToken)
	secret("STORMWATCH_ALERT_SMTP_PASSWORD", &c.SMTPPassword)
	c.MatrixHomeserver = getenv("STORMWATCH_ALERT_MATRIX_HOMESERVER")
	c.MatrixRoom = getenv("STORMWATCH_ALERT_MATRIX_ROOM")
	c.SMTPAddr = getenv("STORMWATCH_ALERT_SMTP_ADDR")
	c.SMTPFrom = getenv("STORMWATCH_ALERT_SMTP_FROM")
	c.SMTPUsername = getenv("STORMWATCH_ALERT_SMTP_USERNAME")
	c.BaseURL = getenv("STORMWATCH_ALERT_BASE_URL")
	if v := getenv("STORMWATCH_ALERT_SMTP_REQUIRE_TLS"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("STORMWATCH_ALERT_SMTP_REQUIRE_TLS=%q: want true or false", v))
		}
		c.SMTPRequireTLS = b
	}
	if v := getenv("STORMWATCH_ALERT_TICK"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Second {
			errs = append(errs, fmt.Errorf("STORMWATCH_ALERT_TICK=%q: want a duration of at least 1s", v))
		} else {
			c.Tick = d
		}
	}
	if c.SMTPAddr != "" {
		if _, _, err := net.SplitHostPort(c.SMTPAddr); err != nil {
			errs = append(errs, fmt.Errorf("STORMWATCH_ALERT_SMTP_ADDR=%q: want host:port such as mail.example.org:587", c.SMTPAddr))
		}
		if _, err := mail.ParseAddress(c.SMTPFrom); err != nil {
			errs = append(errs, fmt.Errorf("STORMWATCH_ALERT_SMTP_FROM=%q: want an address", c.SMTPFrom))
		}
	}
	if (c.MatrixHomeserver == "") != (c.MatrixToken == "") {
		errs = append(errs, errors.New("STORMWATCH_ALERT_MATRIX_HOMESERVER and STORMWATCH_ALERT_MATRIX_TOKEN go together"))
	}
	if err := errors.Join(errs...); err != nil {
		return c, fmt.Errorf("alert configuration:\n%w", err)
	}
	return c, nil
}

// Notifiers builds a notifier for each configured route kind.
func (c Config) Notifiers(client *http.Client) map[string]Notifier {
	n := map[string]Notifier{}
	if c.SlackWebhookURL != "" {
		n["slack"] = &Slack{WebhookURL: c.SlackWebhookURL, Client: client}
	}
	if c.TeamsWebhookURL != "" {
		n["teams"] = &Teams{WebhookURL: c.TeamsWebhookURL, Client: client}
	}
	if c.MatrixHomeserver != "" {
		n["matrix"] = &Matrix{Homeserver: c.MatrixHomeserver, Token: c.MatrixToken, DefaultRoom: c.MatrixRoom, Client: client}
	}
	if c.SMTPAddr != "" {
		n["email"] = &Email{Addr: c.SMTPAddr, From: c.SMTPFrom, Username: c.SMTPUsername, Password: c.SMTPPassword, RequireTLS: c.SMTPRequireTLS}
	}
	return n
}
