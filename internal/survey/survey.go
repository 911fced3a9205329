// Package survey owns satisfaction-survey answers and what follows from
// them: it reads answers exported from a survey tool (CSV with a header
// row, or JSON Lines), tells the unhappy ones — a low score or a negative
// comment — and turns each into a follow-up task, so that someone calls
// the client back before they take it online (seed 000).
//
// Personal data is kept to what a call-back needs: the organization's own
// client reference, and a phone number or address only when the answer
// says the client agreed to be contacted. Other columns (names, e-mail
// addresses the tool exported) are read past and never stored.
package survey

import (
	"fmt"
	"strings"
	"time"
)

// Limits on one answer.
const (
	MaxCommentBytes = 8 << 10
	MaxFieldBytes   = 256
)

// Answer is one survey answer, normalised.
type Answer struct {
	// Line is where the answer starts in the file (1-based; the header is
	// line 1 of a CSV file).
	Line int `json:"line"`
	// Respondent is the organization's reference for the client (a file
	// number, a customer id), never a name.
	Respondent string    `json:"respondent"`
	Date       time.Time `json:"date"`
	// Score is on Scale: 10 for NPS (0–10), 5 for a 1–5 rating.
	Score   int    `json:"score"`
	Scale   int    `json:"scale"`
	Comment string `json:"comment,omitempty"`
	// Consent says the client agreed to be contacted; Contact is kept
	// only then.
	Consent bool   `json:"consent"`
	Contact string `json:"contact,omitempty"`
	// Location is the branch, site or channel the answer is about.
	Location string `json:"location,omitempty"`
	Lang     string `json:"lang,omitempty"`
}

// Problem says what is wrong with one line of an import.
type Problem struct {
	Line   int    `json:"line"`
	Column string `json:"column,omitempty"`
	Msg    string `json:"message"`
}

func (p Problem) Error() string {
	if p.Column == "" {
		return fmt.Sprintf("line %d: %s", p.Line, p.Msg)
	}
	return fmt.Sprintf("line %d, column %s: %s", p.Line, p.Column, p.Msg)
}

// Options tune reading.
type Options struct {
	// Scale is the score scale when the file has no "scale" column: 10
	// (NPS, 0–10) or 5 (1–5). Zero guesses from the score column's name:
	// "rating", "stars" and their translations mean 5, anything else 10.
	Scale int
	// Lang is the answers' language when the file has no "lang" column.
	Lang string
}

// ReadFunc receives each answer, or the problems that kept a line from
// becoming one. Returning an error stops reading.
type ReadFunc func(a Answer, problems []Problem) error

// field names an answer's field; columns maps what tools call it in the
// six languages to it.
type field string

const (
	fRespondent field = "respondent"
	fDate       field = "date"
	fScore      field = "score"
	fScale      field = "scale"
	fComment    field = "comment"
	fConsent    field = "consent"
	fContact    field = "contact"
	fLocation   field = "location"
	fLang       field = "lang"
)

// columns are the header names accepted for each field, folded (lower
// case, no accents, spaces and dashes as underscores).
var columns = map[string]field{}

// fiveScaleNames are score column names that mean a 1–5 rating.
var fiveScaleNames = map[string]bool{}

func init() {
	for f, names := range map[field][]string{
		fRespondent: {"respondent", "respondent_id", "client", "client_ref", "client_id", "customer", "customer_id", "customer_ref", "reference", "ref",
			"dossier", "numero_client", "ref_client", "reference_client", "n_client", "n_dossier", "klant", "klantnummer", "klant_id", "kund", "kundnummer", "kund_id", "kunde", "kundenummer", "kundennummer", "kunden_id"},
		fDate: {"date", "answered_at", "submitted_at", "created_at", "datum", "dato", "date_reponse", "antwoord_datum", "svarsdatum"},
		fScore: {"score", "nps", "nps_score", "rating", "stars", "note", "note_sur_5", "note_sur_10", "note_0_10", "score_0_10", "nps_0_10", "etoiles", "cijfer", "sterren", "betyg", "stjarnor",
			"karakter", "stjerner", "bewertung", "sterne", "punkte"},
		fScale:   {"scale", "echelle", "schaal", "skala"},
		fComment: {"comment", "comments", "feedback", "remarks", "commentaire", "commentaires", "remarque", "opmerking", "opmerkingen", "toelichting", "kommentar", "kommentarer", "anmerkung"},
		fConsent: {"consent", "contact_consent", "may_contact", "ok_to_contact", "consentement", "accepte_rappel", "accepte_d_etre_rappele", "rappel", "rappel_ok", "toestemming", "terugbellen", "samtycke",
			"fa_kontaktas", "samtykke", "kan_kontaktes", "einwilligung", "ruckruf"},
		fContact:  {"contact", "phone", "telephone", "tel", "email", "e_mail", "telefoon", "telefon", "telefonnummer", "mobil", "mobile"},
		fLocation: {"location", "channel", "site", "branch", "clinic", "lieu", "canal", "agence", "vestiging", "locatie", "kanaal", "plats", "kanal", "clinique", "ort", "avdelning", "sted", "avdeling", "standort", "filiale"},
		fLang:     {"lang", "language", "langue", "taal", "sprak", "sprog", "sprache"},
	} {
		for _, n := range names {
			columns[n] = f
		}
	}
	for _, n := range []string{"rating", "stars", "note_sur_5", "etoiles", "sterren", "stjarnor", "stjerner", "sterne", "bewertung"} {
		fiveScaleNames[n] = true
	}
}

// foldName folds a header name for lookup: "Téléphone" → "telephone",
// "Client ref" → "client_ref".
func foldName(s string) string {
	s = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(s, "\ufeff")))
	var b strings.Builder
	for _, r := range s {
		switch r {
		case 'à', 'â', 'á', 'ä', 'å':
			r = 'a'
		case 'é', 'è', 'ê', 'ë':
			r = 'e'
		case 'î', 'ï':
			r = 'i'
		case 'ô', 'ö', 'ó', 'ø':
			r = 'o'
		case 'û', 'ü', 'ù':
			r = 'u'
		case 'ç':
			r = 'c'
		case 'æ':
			b.WriteString("ae")
			continue
		case ' ', '-', '.', '/', '(', ')', ':', '°', '\'':
			r = '_'
		}
		if r == '_' && strings.HasSuffix(b.String(), "_") {
			continue
		}
		b.WriteRune(r)
	}
	return strings.Trim(b.String(), "_")
}

// Key names an answer for deduplication: the same respondent on the same
// day is the same answer, whatever tool exported it.
func (a Answer) Key() string {
	return strings.ToLower(strings.TrimSpace(a.Respondent)) + "\x00" + a.Date.UTC().Format("2006-01-02")
}

// dateLayouts are the date forms survey tools export, day first where
// ambiguous (the users are European).
var dateLayouts = []string{
	time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02",
	"02/01/2006 15:04:05", "02/01/2006 15:04", "02/01/2006", "02.01.2006 15:04", "02.01.2006", "02-01-2006", "2.1.2006", "2/1/2006",
}

func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			if t.Year() < 1990 || t.Year() > 2200 {
				return time.Time{}, fmt.Errorf("%q is not a plausible answer date", s)
			}
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date (use 2026-11-18, 18/11/2026 or 18.11.2026)", s)
}

// parseConsent reads yes/no in the six languages; empty is no.
func parseConsent(s string) (bool, error) {
	switch foldName(s) {
	case "", "0", "no", "n", "false", "non", "nee", "nej", "nei", "nein", "-":
		return false, nil
	case "1", "yes", "y", "true", "x", "oui", "o", "ja", "j", "si", "ok":
		return true, nil
	}
	return false, fmt.Errorf("%q is not yes or no", s)
}

// parseScore reads an integer score on scale.
func parseScore(s string, scale int) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, fmt.Errorf("is empty (a score from %s is required)", scaleRange(scale))
	}
	// "4/5", "9 / 10": the scale written in the cell.
	if i := strings.IndexByte(s, '/'); i > 0 {
		s = strings.TrimSpace(s[:i])
	}
	n := 0
	for i, r := range s {
		if r < '0' || r > '9' || i > 2 {
			return 0, fmt.Errorf("%q is not a whole number from %s", s, scaleRange(scale))
		}
		n = n*10 + int(r-'0')
	}
	lo := 0
	if scale == 5 {
		lo = 1
	}
	if n < lo || n > scale {
		return 0, fmt.Errorf("%d is outside %s", n, scaleRange(scale))
	}
	return n, nil
}

func scaleRange(scale int) string {
	if scale == 5 {
		return "1 to 5"
	}
	return "0 to 10"
}

func parseScale(s string) (int, error) {
	switch strings.TrimSpace(strings.ToLower(s)) {
	case "5", "1-5", "1–5":
		return 5, nil
	case "10", "0-10", "0–10", "nps":
		return 10, nil
	}
	return 0, fmt.Errorf("%q is not a scale (5 or 10)", s)
}

var langs = map[string]bool{"fr": true, "nl": true, "sv": true, "nb": true, "nn": true, "no": true, "en": true, "de": true, "da": true}
