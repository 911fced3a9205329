package alert

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"strings"
	"time"
)

// Email sends plain-text alerts over SMTP (net/smtp): STARTTLS whenever
// the server offers it, AUTH PLAIN when a username is configured.
type Email struct {
	Addr     string // host:port of the relay
	From     string // sender address
	Username string
	Password string // secret
	// RequireTLS refuses to send when the server does not offer STARTTLS
	// (alerts name people and items; say so for relays off this host).
	RequireTLS bool
	// TLSConfig overrides the STARTTLS settings (tests, private CAs).
	TLSConfig *tls.Config
	Timeout   time.Duration // whole conversation; 30s when zero
	// Hostname is what the client says in EHLO and the Message-ID domain.
	Hostname string
}

// EmailMessage renders m as an RFC 5322 message to rcpt, CRLF line endings.
func EmailMessage(m Message, from, rcpt, hostname string, date time.Time) []byte {
	var b strings.Builder
	h := func(k, v string) { b.WriteString(k + ": " + v + "\r\n") }
	h("From", (&mail.Address{Name: "Stormwatch", Address: from}).String())
	h("To", (&mail.Address{Address: rcpt}).String())
	// Q-encoding keeps non-ASCII titles (Swedish, French...) legal and
	// cannot carry a line break into the headers.
	h("Subject", mime.QEncoding.Encode("utf-8", oneLine(m.subject())))
	h("Date", date.Format(time.RFC1123Z))
	// The same key across retries: a receiver seeing the message twice
	// can tell it is one.
	h("Message-ID", "<"+m.Key()+"@"+hostname+">")
	h("Auto-Submitted", "auto-generated")
	h("X-Stormwatch-Alert", fmt.Sprintf("%d", m.Alert.ID))
	h("MIME-Version", "1.0")
	h("Content-Type", `text/plain; charset="utf-8"`)
	h("Content-Transfer-Encoding", "quoted-printable")
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&crlfWriter{&b})
	qp.Write([]byte(m.text()))
	qp.Close()
	return []byte(b.String())
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// crlfWriter turns the body's \n into \r\n as SMTP wants.
type crlfWriter struct{ b *strings.Builder }

func (w *crlfWriter) Write(p []byte) (int, error) {
	w.b.WriteString(strings.ReplaceAll(strings.ReplaceAll(string(p), "\r\n", "\n"), "\n", "\r\n"))
	return len(p), nil
}

// Notify sends m to the route's address.
func (e *Email) Notify(ctx context.Context, m Message) error {
	if e.Addr == "" || e.From == "" {
		return &DeliveryError{Err: errors.New("no SMTP relay or sender configured")}
	}
	rcpt := m.Route.Target
	host, _, err := net.SplitHostPort(e.Addr)
	if err != nil {
		return &DeliveryError{Err: fmt.Errorf("SMTP address %q: %w", e.Addr, err)}
	}
	timeout := e.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	deadline := time.Now().Add(timeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", e.Addr)
	if err != nil {
		return &DeliveryError{Temporary: true, Err: fmt.Errorf("connect to SMTP relay: %w", err)}
	}
	// net/smtp takes no context: the deadline on the connection bounds
	// every step, and cancellation closes it.
	conn.SetDeadline(deadline)
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return smtpError("greeting", err)
	}
	defer c.Close()
	hostname := e.Hostname
	if hostname == "" {
		hostname = "stormwatch.localhost"
	}
	if err := c.Hello(hostname); err != nil {
		return smtpError("EHLO", err)
	}
	if ok, _ := c.Extension("STARTTLS"); ok {
		cfg := e.TLSConfig
		if cfg == nil {
			cfg = &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
		}
		if err := c.StartTLS(cfg); err != nil {
			return smtpError("STARTTLS", err)
		}
	} else if e.RequireTLS {
		return &DeliveryError{Err: errors.New("SMTP relay does not offer STARTTLS and TLS is required")}
	}
	if e.Username != "" {
		// PlainAuth itself refuses to send the password unencrypted to
		// anything but localhost.
		if err := c.Auth(smtp.PlainAuth("", e.Username, e.Password, host)); err != nil {
			return smtpError("AUTH", err)
		}
	}
	if err := c.Mail(e.From); err != nil {
		return smtpError("MAIL FROM", err)
	}
	if err := c.Rcpt(rcpt); err != nil {
		return smtpError("RCPT TO", err)
	}
	w, err := c.Data()
	if err != nil {
		return smtpError("DATA", err)
	}
	if _, err := w.Write(EmailMessage(m, e.From, rcpt, hostname, time.Now())); err != nil {
		return smtpError("DATA", err)
	}
	if err := w.Close(); err != nil {
		return smtpError("DATA", err)
	}
	// The message is accepted once DATA is answered; a failing QUIT
	// must not make us send it again.
	_ = c.Quit()
	return nil
}

// smtpError classifies an SMTP failure: 4xx replies and network errors are
// worth retrying, 5xx replies are not.
func smtpError(step string, err error) error {
	var tp *textproto.Error
	if errors.As(err, &tp) {
		return &DeliveryError{Code: tp.Code, Temporary: tp.Code >= 400 && tp.Code < 500, Err: fmt.Errorf("SMTP %s: %s", step, tp.Msg)}
	}
	return &DeliveryError{Temporary: true, Err: fmt.Errorf("SMTP %s: %w", step, err)}
}
