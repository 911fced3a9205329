// Package cases owns incidents: what a case is and may hold (status and
// severity and the changes allowed between them, roles, notes, evidence
// files and which ones are accepted), the case's timeline, the evidence
// bundle (a ZIP with a manifest of hashes, written and verified here) and
// the PDF case report for police or a lawyer.
//
// Storage is package store's: Service validates, then calls the store,
// which writes each change and its audit event in one transaction.
package cases

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/store"
)

// Errors Service returns for bad input; each is wrapped with the detail, so
// callers test with errors.Is and show err.Error() to people.
var (
	ErrInvalid    = errors.New("invalid")                   // a field is missing or malformed (HTTP 400)
	ErrTransition = errors.New("status change not allowed") // (HTTP 409)
	ErrTooLarge   = errors.New("file too large")            // (HTTP 413)
	ErrFileType   = errors.New("file type not allowed")     // (HTTP 415)
)

// Statuses, in the order a case usually goes through them.
var Statuses = []string{store.CaseOpen, store.CaseMonitoring, store.CaseClosed}

// Severities, lowest first.
var Severities = []string{store.SeverityLow, store.SeverityNormal, store.SeverityHigh, store.SeverityCritical}

// transitions lists the allowed status changes. Monitoring is "quiet, but
// keep watching"; a closed case can be reopened (an audited step) but not
// put straight back to monitoring, so a reopening is always visible as such.
var transitions = map[string][]string{
	store.CaseOpen:       {store.CaseMonitoring, store.CaseClosed},
	store.CaseMonitoring: {store.CaseOpen, store.CaseClosed},
	store.CaseClosed:     {store.CaseOpen},
}

// CheckTransition reports whether a case may go from one status to another.
func CheckTransition(from, to string) error {
	if !slices.Contains(Statuses, to) {
		return fmt.Errorf("status %q: %w (want one of %s)", to, ErrInvalid, strings.Join(Statuses, ", "))
	}
	if !slices.Contains(transitions[from], to) {
		return fmt.Errorf("from %s to %s: %w (allowed from %s: %s)", from, to, ErrTransition, from, strings.Join(transitions[from], ", "))
	}
	return nil
}

// Roles people can hold on a case.
var Roles = []string{"lead", "contact", "legal", "support", "observer"}

// NoteKinds: a plain note, an agreement reached (with the author, a
// colleague, a platform), or the record of a mediation.
var NoteKinds = []string{"note", "agreement", "mediation"}

// Limits on what people type and upload.
const (
	MaxTitle             = 200
	MaxText              = 20000
	DefaultMaxEvidence   = 25 << 20
	maxEvidenceNameBytes = 200
)

// Service is the cases API for the desk and the command line.
type Service struct {
	Store store.Cases
	// MaxEvidenceBytes bounds one evidence file; 0 means DefaultMaxEvidence.
	MaxEvidenceBytes int64
	// Now is the clock for exports; nil means time.Now.
	Now func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

func (s *Service) maxEvidence() int64 {
	if s.MaxEvidenceBytes > 0 {
		return s.MaxEvidenceBytes
	}
	return DefaultMaxEvidence
}

func checkText(field, v string, max int, required bool) error {
	if required && strings.TrimSpace(v) == "" {
		return fmt.Errorf("%s is empty: %w", field, ErrInvalid)
	}
	if !utf8.ValidString(v) {
		return fmt.Errorf("%s is not valid UTF-8: %w", field, ErrInvalid)
	}
	if n := utf8.RuneCountInString(v); n > max {
		return fmt.Errorf("%s has %d characters, at most %d: %w", field, n, max, ErrInvalid)
	}
	return nil
}

func checkSeverity(sev string) error {
	if !slices.Contains(Severities, sev) {
		return fmt.Errorf("severity %q: %w (want one of %s)", sev, ErrInvalid, strings.Join(Severities, ", "))
	}
	return nil
}

// Create opens a case by hand, optionally from items.
func (s *Service) Create(ctx context.Context, workspace string, nc store.NewCase, actor string) (store.Case, error) {
	nc.Title = strings.TrimSpace(nc.Title)
	if nc.Severity == "" {
		nc.Severity = store.SeverityNormal
	}
	for _, err := range []error{checkText("title", nc.Title, MaxTitle, true), checkText("summary", nc.Summary, MaxText, false), checkSeverity(nc.Severity)} {
		if err != nil {
			return store.Case{}, fmt.Errorf("create case: %w", err)
		}
	}
	return s.Store.CreateCase(ctx, workspace, nc, actor)
}

// SetStatus moves a case to another status if the move is allowed.
func (s *Service) SetStatus(ctx context.Context, workspace string, id int64, to, reason, actor string) (store.Case, error) {
	c, err := s.Store.Case(ctx, workspace, id)
	if err != nil {
		return c, err
	}
	if err := CheckTransition(c.Status, to); err != nil {
		return c, fmt.Errorf("case %d: %w", id, err)
	}
	if err := checkText("reason", reason, MaxText, false); err != nil {
		return c, fmt.Errorf("case %d: %w", id, err)
	}
	return s.Store.UpdateCase(ctx, workspace, id, store.CaseUpdate{Status: to, FromStatus: c.Status, Reason: reason}, actor)
}

// SetSeverity changes a case's severity, in either direction.
func (s *Service) SetSeverity(ctx context.Context, workspace string, id int64, severity, actor string) (store.Case, error) {
	if err := checkSeverity(severity); err != nil {
		return store.Case{}, fmt.Errorf("case %d: %w", id, err)
	}
	return s.Store.UpdateCase(ctx, workspace, id, store.CaseUpdate{Severity: severity}, actor)
}

// Edit changes the title and/or summary (nil leaves a field as it is).
func (s *Service) Edit(ctx context.Context, workspace string, id int64, title, summary *string, actor string) (store.Case, error) {
	if title != nil {
		t := strings.TrimSpace(*title)
		if err := checkText("title", t, MaxTitle, true); err != nil {
			return store.Case{}, fmt.Errorf("case %d: %w", id, err)
		}
		title = &t
	}
	if summary != nil {
		if err := checkText("summary", *summary, MaxText, false); err != nil {
			return store.Case{}, fmt.Errorf("case %d: %w", id, err)
		}
	}
	return s.Store.UpdateCase(ctx, workspace, id, store.CaseUpdate{Title: title, Summary: summary}, actor)
}

// AddItems links stored items to a case.
func (s *Service) AddItems(ctx context.Context, workspace string, id int64, itemIDs []int64, actor string) (int, error) {
	if len(itemIDs) == 0 {
		return 0, fmt.Errorf("case %d: no items given: %w", id, ErrInvalid)
	}
	return s.Store.AddCaseItems(ctx, workspace, id, itemIDs, actor)
}

// SetRole gives a user a role on the case; an empty role removes them.
func (s *Service) SetRole(ctx context.Context, workspace string, id, userID int64, role, actor string) error {
	if role != "" && !slices.Contains(Roles, role) {
		return fmt.Errorf("case %d: role %q: %w (want one of %s)", id, role, ErrInvalid, strings.Join(Roles, ", "))
	}
	return s.Store.SetCaseRole(ctx, workspace, id, userID, role, actor)
}

// AddNote records a note, an agreement or a mediation.
func (s *Service) AddNote(ctx context.Context, workspace string, id int64, kind, text, actor string) (store.CaseNote, error) {
	if !slices.Contains(NoteKinds, kind) {
		return store.CaseNote{}, fmt.Errorf("case %d: note kind %q: %w (want one of %s)", id, kind, ErrInvalid, strings.Join(NoteKinds, ", "))
	}
	if err := checkText("note", text, MaxText, true); err != nil {
		return store.CaseNote{}, fmt.Errorf("case %d: %w", id, err)
	}
	return s.Store.AddCaseNote(ctx, workspace, id, kind, text, actor)
}

// AddEvidence reads a file (at most the size limit), checks its type from
// its content and name, and stores it with its SHA-256. declaredType (what
// the browser said) is only used in error messages: the stored type is the
// one found in the content.
func (s *Service) AddEvidence(ctx context.Context, workspace string, id int64, name, declaredType, description string, r io.Reader, actor string) (store.Evidence, error) {
	max := s.maxEvidence()
	content, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return store.Evidence{}, fmt.Errorf("case %d: read evidence %q: %w", id, name, err)
	}
	if int64(len(content)) > max {
		return store.Evidence{}, fmt.Errorf("case %d: evidence %q is larger than %s: %w", id, name, humanSize(max), ErrTooLarge)
	}
	clean, ctype, err := CheckEvidence(name, declaredType, content)
	if err != nil {
		return store.Evidence{}, fmt.Errorf("case %d: %w", id, err)
	}
	if err := checkText("description", description, MaxText, false); err != nil {
		return store.Evidence{}, fmt.Errorf("case %d: %w", id, err)
	}
	return s.Store.AddEvidence(ctx, workspace, id, store.NewEvidence{Name: clean, ContentType: ctype, Description: description, Content: content}, actor)
}

// Allowed evidence types: documents, screenshots and photos, call logs and
// exports, saved e-mails. Anything that could run (HTML, scripts, office
// files with macros, archives) is refused.
var textTypes = map[string]string{
	".txt": "text/plain",
	".log": "text/plain",
	".csv": "text/csv",
	".eml": "message/rfc822",
}

// AllowedTypes lists what AddEvidence accepts, for messages and the desk.
var AllowedTypes = []string{"application/pdf", "image/png", "image/jpeg", "image/webp", "text/plain", "text/csv", "message/rfc822"}

// CheckEvidence validates a file name and content and returns the cleaned
// name and the content type found in the content.
func CheckEvidence(name, declaredType string, content []byte) (cleanName, contentType string, err error) {
	cleanName = cleanFileName(name)
	if cleanName == "" {
		return "", "", fmt.Errorf("evidence file has no name: %w", ErrInvalid)
	}
	if len(content) == 0 {
		return "", "", fmt.Errorf("evidence %q is empty: %w", cleanName, ErrInvalid)
	}
	ext := strings.ToLower(path.Ext(cleanName))
	switch {
	case bytes.HasPrefix(content, []byte("%PDF-")):
		contentType = "application/pdf"
	case bytes.HasPrefix(content, []byte("\x89PNG\r\n\x1a\n")):
		contentType = "image/png"
	case bytes.HasPrefix(content, []byte("\xff\xd8\xff")):
		contentType = "image/jpeg"
	case len(content) >= 12 && string(content[:4]) == "RIFF" && string(content[8:12]) == "WEBP":
		contentType = "image/webp"
	case isText(content):
		t, ok := textTypes[ext]
		if !ok && ext != "" {
			return "", "", fmt.Errorf("evidence %q: text files must end in .txt, .log, .csv or .eml, not %s: %w", cleanName, ext, ErrFileType)
		}
		if !ok {
			t = "text/plain"
		}
		contentType = t
	default:
		shown := declaredType
		if shown == "" {
			shown = "unknown"
		}
		return "", "", fmt.Errorf("evidence %q (%s) is not one of the accepted types (PDF, PNG, JPEG, WebP, plain text, CSV, EML): %w", cleanName, shown, ErrFileType)
	}
	return cleanName, contentType, nil
}

// isText accepts UTF-8 without NUL or other control characters than tab,
// newline, carriage return and form feed; HTML and SVG are refused because
// a browser would run what they contain.
func isText(b []byte) bool {
	if !utf8.Valid(b) {
		return false
	}
	for _, r := range string(b) {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f' {
			return false
		}
	}
	head := strings.ToLower(strings.TrimSpace(string(b[:min(len(b), 512)])))
	for _, p := range []string{"<!doctype html", "<html", "<svg", "<?xml", "<script"} {
		if strings.HasPrefix(head, p) {
			return false
		}
	}
	return true
}

// cleanFileName keeps the base name, without control characters or path
// separators, at most maxEvidenceNameBytes long.
func cleanFileName(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = path.Base(strings.TrimSpace(name))
	if name == "." || name == "/" || name == ".." {
		return ""
	}
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == utf8.RuneError {
			return -1
		}
		return r
	}, name)
	for len(name) > maxEvidenceNameBytes {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	return strings.TrimSpace(name)
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// File returns everything about a case, with its timeline.
func (s *Service) File(ctx context.Context, workspace string, id int64) (store.CaseFile, []Entry, error) {
	f, err := s.Store.CaseFile(ctx, workspace, id)
	if err != nil {
		return f, nil, err
	}
	return f, Timeline(f), nil
}

// Export writes the case's evidence bundle to w and audits the export with
// the manifest's hash.
func (s *Service) Export(ctx context.Context, workspace string, id int64, exporter string, w io.Writer) (Manifest, error) {
	f, err := s.Store.CaseFile(ctx, workspace, id)
	if err != nil {
		return Manifest{}, err
	}
	content := func(e store.Evidence) ([]byte, error) {
		_, b, err := s.Store.EvidenceContent(ctx, workspace, id, e.ID)
		return b, err
	}
	m, sum, err := WriteBundle(w, f, content, exporter, s.now())
	if err != nil {
		return m, fmt.Errorf("export case %d: %w", id, err)
	}
	if _, err := s.Store.RecordCaseExport(ctx, workspace, id, sum, exporter); err != nil {
		return m, err
	}
	return m, nil
}

// Report writes the PDF case report to w.
func (s *Service) Report(ctx context.Context, workspace string, id int64, exporter string, w io.Writer) error {
	f, err := s.Store.CaseFile(ctx, workspace, id)
	if err != nil {
		return err
	}
	return WriteReport(w, f, exporter, s.now())
}
