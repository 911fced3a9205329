package crisis

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
	"golang.org/x/text/encoding/charmap"

	"github.com/stormwatch/stormwatch/internal/store"
)

// Review is the post-incident review of one crisis: what happened when,
// the message plan with the effect expected and the effect seen, and how
// well the status updates kept their rhythm.
type Review struct {
	Crisis   store.CrisisRecord
	Plan     Plan
	Timeline []store.CrisisEntry
	// Effects are the effects seen per message plan row (1-based).
	Effects map[int][]string
	// Sent counts the messages recorded as sent per row.
	Sent          map[int]int
	Updates       int
	LateReminders int
	Duration      time.Duration
}

// BuildReview reads a crisis and its timeline.
func (s *Service) BuildReview(ctx context.Context, workspace string, id int64) (Review, error) {
	c, err := s.Store.CrisisByID(ctx, workspace, id)
	if err != nil {
		return Review{}, err
	}
	es, err := s.Store.CrisisEntries(ctx, workspace, id)
	if err != nil {
		return Review{}, err
	}
	p, err := ParsePlan(c.Plan)
	if err != nil {
		return Review{}, err
	}
	r := Review{Crisis: c, Plan: p, Timeline: es, Effects: map[int][]string{}, Sent: map[int]int{}}
	for _, e := range es {
		switch e.Kind {
		case store.CrisisEntryEffect:
			r.Effects[e.Row] = append(r.Effects[e.Row], e.Text)
		case store.CrisisEntryMessage:
			r.Sent[e.Row]++
		case store.CrisisEntryUpdate:
			r.Updates++
		case store.CrisisEntryReminder:
			r.LateReminders++
		}
	}
	if !c.StartedAt.IsZero() {
		end := c.EndedAt
		if end.IsZero() {
			end = s.now()
		}
		r.Duration = end.Sub(c.StartedAt).Truncate(time.Minute)
	}
	return r, nil
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "|", "/")), " ")
}

// Markdown writes the review as Markdown (readable as plain text too).
func (r Review) Markdown() string {
	c := r.Crisis
	var b strings.Builder
	fmt.Fprintf(&b, "# Post-incident review: %s\n\n", oneLine(c.Title))
	fmt.Fprintf(&b, "- Crisis: %d (%s), case %d\n", c.ID, c.Status, c.CaseID)
	if c.AlertID != 0 {
		fmt.Fprintf(&b, "- Proposed by alert %d at %s\n", c.AlertID, stamp(c.ProposedAt))
	}
	fmt.Fprintf(&b, "- Started: %s by %s\n", stamp(c.StartedAt), c.StartedBy)
	fmt.Fprintf(&b, "- Ended: %s by %s\n", stamp(c.EndedAt), c.EndedBy)
	fmt.Fprintf(&b, "- Duration: %s\n", r.Duration)
	fmt.Fprintf(&b, "- Policy profile in force: %s\n", c.ProfileVersion)
	fmt.Fprintf(&b, "- Crisis plan version: %d\n", c.PlanVersion)
	if c.UpdateEvery > 0 {
		fmt.Fprintf(&b, "- Status updates: %d given, one due every %s; %d reminder(s) for late updates\n", r.Updates, c.UpdateEvery, r.LateReminders)
	}
	if c.Summary != "" {
		fmt.Fprintf(&b, "\n%s\n", c.Summary)
	}
	if c.Outcome != "" {
		fmt.Fprintf(&b, "\n## Outcome\n\n%s\n", c.Outcome)
	}
	if len(r.Plan.People) > 0 {
		b.WriteString("\n## Crisis group\n\n| Role | Name | Contact | Deputy |\n|---|---|---|---|\n")
		for _, p := range r.Plan.People {
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", p.Role, oneLine(p.Name), oneLine(p.Contact), oneLine(p.Deputy))
		}
	}
	if len(r.Plan.Messages) > 0 {
		b.WriteString("\n## Message plan and effect\n\n| # | Audience | Message | Channel | Timing | Owner | Expected effect | Sent | Effect seen |\n|---|---|---|---|---|---|---|---|---|\n")
		for i, m := range r.Plan.Messages {
			seen := strings.Join(r.Effects[i+1], "; ")
			if seen == "" {
				seen = "not recorded"
			}
			fmt.Fprintf(&b, "| %d | %s | %s | %s | %s | %s | %s | %d | %s |\n", i+1, oneLine(m.Audience), oneLine(m.Message), oneLine(m.Channel), m.Timing,
				oneLine(m.Owner), oneLine(m.ExpectedEffect), r.Sent[i+1], oneLine(seen))
		}
	}
	b.WriteString("\n## Timeline\n\n")
	for _, e := range r.Timeline {
		row := ""
		if e.Row > 0 {
			row = fmt.Sprintf(" (message %d)", e.Row)
		}
		fmt.Fprintf(&b, "- %s · %s%s · %s: %s\n", stamp(e.At), e.Kind, row, e.Author, oneLine(e.Text))
	}
	b.WriteString("\n## Questions for the review\n\n- What did we learn first, and from whom?\n- Which messages reached their audience, and did they have the effect we expected?\n- Were the roles and the mandate to decide clear? Who carried problems further?\n- What do we change in the plan?\n")
	return b.String()
}

// pdfText converts UTF-8 to code page 1252 for the PDF core fonts.
func pdfText(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == '\n' {
			b.WriteByte('\n')
			continue
		}
		if c, ok := charmap.Windows1252.EncodeRune(r); ok && (r >= 0x20 && r != 0x7f) {
			b.WriteByte(c)
		} else {
			b.WriteByte('?')
		}
	}
	return b.String()
}

// WritePDF writes the review as a simple PDF: the Markdown, set in type.
func (r Review) WritePDF(w io.Writer, at time.Time) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(true)
	at = at.UTC().Truncate(time.Second)
	pdf.SetCreationDate(at)
	pdf.SetModificationDate(at)
	pdf.SetTitle("Post-incident review: "+r.Crisis.Title, true)
	pdf.SetCreator("Stormwatch", false)
	pdf.SetMargins(15, 15, 15)
	pdf.SetAutoPageBreak(true, 15)
	pdf.AddPage()
	width, _ := pdf.GetPageSize()
	width -= 30
	for _, line := range strings.Split(r.Markdown(), "\n") {
		switch {
		case strings.HasPrefix(line, "# "):
			pdf.SetFont("Helvetica", "B", 15)
			pdf.MultiCell(width, 7, pdfText(line[2:]), "", "L", false)
			pdf.Ln(2)
		case strings.HasPrefix(line, "## "):
			pdf.Ln(3)
			pdf.SetFont("Helvetica", "B", 12)
			pdf.MultiCell(width, 6, pdfText(line[3:]), "B", "L", false)
			pdf.Ln(1)
		case strings.HasPrefix(line, "|---"):
		case strings.HasPrefix(line, "|"):
			pdf.SetFont("Helvetica", "", 8)
			cells := strings.Split(strings.Trim(line, "|"), "|")
			for i := range cells {
				cells[i] = strings.TrimSpace(cells[i])
			}
			pdf.MultiCell(width, 4, pdfText(strings.Join(cells, "  ·  ")), "B", "L", false)
		case line == "":
			pdf.Ln(2)
		default:
			pdf.SetFont("Helvetica", "", 9)
			pdf.MultiCell(width, 4.5, pdfText(line), "", "L", false)
		}
	}
	return pdf.Output(w)
}
