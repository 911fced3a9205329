package cases

import (
	"encoding/hex"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/go-pdf/fpdf"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"

	"github.com/stormwatch/stormwatch/internal/store"
)

// The report uses the PDF core font Helvetica with WinAnsiEncoding (code
// page 1252): every reader displays it without embedding a font, and it
// covers the letters of French, Dutch, Swedish, Norwegian, German and
// English. Any other character (emoji, other scripts, invisible ones used to
// dodge filters) is written visibly as [U+XXXX], so nothing disappears
// silently; the exact text is in the bundle's item files.

const timeLayout = "2006-01-02 15:04:05 UTC"

// cellTime is fmtTime for table cells, whose header says UTC.
func cellTime(t time.Time) string { return strings.TrimSuffix(fmtTime(t), " UTC") }

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.UTC().Format(timeLayout)
}

// pdfText converts UTF-8 text to code page 1252 for the core fonts.
func pdfText(s string) string {
	s = norm.NFC.String(strings.ReplaceAll(s, "\r\n", "\n"))
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteByte('\n')
		case r == '\t':
			b.WriteString("    ")
		case r == '\u00a0':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || unicode.Is(unicode.Cf, r):
			fmt.Fprintf(&b, "[U+%04X]", r)
		default:
			if c, ok := charmap.Windows1252.EncodeRune(r); ok {
				b.WriteByte(c)
			} else {
				fmt.Fprintf(&b, "[U+%04X]", r)
			}
		}
	}
	return b.String()
}

type col struct {
	title string
	w     float64
	mono  bool
}

type report struct {
	pdf    *fpdf.Fpdf
	left   float64
	width  float64
	bottom float64
}

const lineH = 3.9

func (r *report) font(mono bool, style string, size float64) {
	if mono {
		r.pdf.SetFont("Courier", style, size-1)
		return
	}
	r.pdf.SetFont("Helvetica", style, size)
}

func (r *report) heading(s string) {
	_, pageH := r.pdf.GetPageSize()
	if r.pdf.GetY() > pageH-45 {
		r.pdf.AddPage()
	}
	r.pdf.Ln(4)
	r.font(false, "B", 12)
	r.pdf.CellFormat(r.width, 7, pdfText(s), "B", 1, "L", false, 0, "")
	r.pdf.Ln(1.5)
}

func (r *report) paragraph(s string) {
	r.font(false, "", 9)
	r.pdf.MultiCell(r.width, 4.4, pdfText(s), "", "L", false)
}

func (r *report) header(cols []col) {
	r.font(false, "B", 8)
	r.pdf.SetFillColor(230, 230, 230)
	x := r.left
	y := r.pdf.GetY()
	for _, c := range cols {
		r.pdf.SetXY(x, y)
		r.pdf.CellFormat(c.w, 5.5, pdfText(c.title), "1", 0, "L", true, 0, "")
		x += c.w
	}
	r.pdf.SetXY(r.left, y+5.5)
}

// table draws rows with wrapped cells; a row taller than what is left of
// the page continues on the next one, with the header repeated, so long
// texts are printed whole.
func (r *report) table(cols []col, rows [][]string) {
	if len(rows) == 0 {
		r.font(false, "I", 9)
		r.pdf.CellFormat(r.width, 5, "None.", "", 1, "L", false, 0, "")
		return
	}
	r.header(cols)
	for _, row := range rows {
		lines := make([][]string, len(cols))
		n := 1
		for i, c := range cols {
			r.font(c.mono, "", 8)
			var txt string
			if i < len(row) {
				txt = pdfText(row[i])
			}
			for _, l := range r.pdf.SplitLines([]byte(txt), c.w) {
				lines[i] = append(lines[i], string(l))
			}
			n = max(n, len(lines[i]))
		}
		for pos := 0; pos < n; {
			avail := int((r.bottom - r.pdf.GetY()) / lineH)
			if avail < 1 || (pos == 0 && avail < min(n, 3)) {
				r.pdf.AddPage()
				r.header(cols)
				continue
			}
			k := min(avail, n-pos)
			x, y := r.left, r.pdf.GetY()
			for i, c := range cols {
				r.font(c.mono, "", 8)
				r.pdf.Rect(x, y, c.w, float64(k)*lineH+1, "D")
				for j := 0; j < k && pos+j < len(lines[i]); j++ {
					r.pdf.SetXY(x, y+0.5+float64(j)*lineH)
					r.pdf.CellFormat(c.w, lineH, lines[i][pos+j], "", 0, "L", false, 0, "")
				}
				x += c.w
			}
			r.pdf.SetXY(r.left, y+float64(k)*lineH+1)
			pos += k
		}
	}
}

func (r *report) keyValues(kv [][2]string) {
	for _, p := range kv {
		r.font(false, "B", 9)
		y := r.pdf.GetY()
		r.pdf.CellFormat(42, 5, pdfText(p[0]), "", 0, "L", false, 0, "")
		r.font(false, "", 9)
		r.pdf.SetXY(r.left+42, y)
		r.pdf.MultiCell(r.width-42, 5, pdfText(p[1]), "", "L", false)
	}
}

// WriteReport writes the PDF case report: who, what and when, every item
// verbatim with the hash of its raw capture, decisions and actions, notes
// and agreements, evidence with hashes, and the timeline; each page names
// the case, the export time and the audit head, with its page number.
func WriteReport(w io.Writer, f store.CaseFile, exporter string, at time.Time) error {
	at = at.UTC().Truncate(time.Second)
	pdf := fpdf.New("L", "mm", "A4", "")
	pdf.SetCompression(true)
	pdf.SetCreationDate(at)
	pdf.SetModificationDate(at)
	pdf.SetCatalogSort(true)
	pdf.SetTitle(fmt.Sprintf("Case %d: %s", f.Case.ID, f.Case.Title), true)
	pdf.SetAuthor(f.Workspace.Name, true)
	pdf.SetCreator("Stormwatch", false)
	pdf.SetSubject("Case report", false)
	pdf.SetMargins(12, 14, 12)
	pdf.SetAutoPageBreak(true, 16)
	pdf.AliasNbPages("")
	pageW, pageH := pdf.GetPageSize()
	r := &report{pdf: pdf, left: 12, width: pageW - 24, bottom: pageH - 16}

	head := fmt.Sprintf("%d:%s", f.AuditHead.Seq, hex.EncodeToString(f.AuditHead.Hash))
	pdf.SetHeaderFunc(func() {
		if pdf.PageNo() == 1 {
			return
		}
		r.font(false, "", 7)
		pdf.SetTextColor(90, 90, 90)
		pdf.SetXY(r.left, 7)
		pdf.CellFormat(r.width, 4, pdfText(fmt.Sprintf("%s · Case %d: %s", f.Workspace.Name, f.Case.ID, clip(f.Case.Title, 90))), "", 0, "L", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
		pdf.SetXY(r.left, 14)
	})
	pdf.SetFooterFunc(func() {
		pdf.SetY(-11)
		r.font(false, "", 7)
		pdf.SetTextColor(90, 90, 90)
		pdf.CellFormat(r.width*0.8, 4, pdfText(fmt.Sprintf("Case %d · exported %s · audit head %s", f.Case.ID, fmtTime(at), head)), "", 0, "L", false, 0, "")
		pdf.CellFormat(r.width*0.2, 4, fmt.Sprintf("Page %d of {nb}", pdf.PageNo()), "", 0, "R", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
	})
	pdf.AddPage()

	r.font(false, "B", 16)
	pdf.MultiCell(r.width, 8, pdfText("Case report: "+f.Case.Title), "", "L", false)
	pdf.Ln(2)
	people := []string{}
	for _, ro := range f.Roles {
		name := ro.Name
		if name == "" {
			name = fmt.Sprintf("user %d", ro.UserID)
		}
		people = append(people, fmt.Sprintf("%s (%s)", name, ro.Role))
	}
	r.keyValues([][2]string{
		{"Organization", f.Workspace.Name},
		{"Case", fmt.Sprintf("%d (workspace %s)", f.Case.ID, f.Case.Workspace)},
		{"Status / severity", f.Case.Status + " / " + f.Case.Severity},
		{"Opened", fmtTime(f.Case.CreatedAt) + byWhom(f.Case.CreatedBy)},
		{"Last updated", fmtTime(f.Case.UpdatedAt)},
		{"Closed", fmtTime(f.Case.ClosedAt)},
		{"People on the case", orDash(strings.Join(people, ", "))},
		{"Content", fmt.Sprintf("%d item(s), %d note(s), %d evidence file(s)", len(f.Items), len(f.Notes), len(f.Evidence))},
		{"Exported", fmtTime(at) + byWhom(exporter)},
		{"Audit head at export", head},
	})

	r.heading("Summary")
	if strings.TrimSpace(f.Case.Summary) == "" {
		r.paragraph("No summary written.")
	} else {
		r.paragraph(f.Case.Summary)
	}

	items := append([]store.CaseItem(nil), f.Items...)
	sort.SliceStable(items, func(i, j int) bool { return items[i].Item.CreatedAt.Before(items[j].Item.CreatedAt) })
	r.heading(fmt.Sprintf("Items (%d), oldest first, text verbatim", len(items)))
	var rows [][]string
	for _, ci := range items {
		it := ci.Item
		author := it.AuthorName
		if it.AuthorID != "" && it.AuthorID != it.AuthorName {
			author += " [" + it.AuthorID + "]"
		}
		rows = append(rows, []string{fmt.Sprint(it.ID), "written\n" + cellTime(it.CreatedAt) + "\nseen\n" + cellTime(it.ReceivedAt),
			it.Channel + "\n" + string(it.Kind), author, it.Text, it.URL, orDash(RawSHA256(it))})
	}
	r.table([]col{{"Item", 12, false}, {"Written / seen (UTC)", 33, false}, {"Channel", 28, false}, {"Author as shown", 32, false},
		{"Text (verbatim)", 96, false}, {"URL", 40, false}, {"SHA-256 of raw", 32, true}}, rows)

	r.heading("Decisions and actions")
	rows = nil
	for _, ci := range items {
		if d := ci.Decision; d != nil {
			var sig []string
			for _, s := range d.Signals {
				sig = append(sig, fmt.Sprintf("%s %.2f", s.Category, s.Score))
			}
			rows = append(rows, []string{cellTime(d.DecidedAt), fmt.Sprint(ci.Item.ID), "decision: " + d.Action, strings.Join(d.Rules, ", "), "pipeline (policy " + d.PolicyVersion + ")", "", strings.Join(sig, ", ")})
		}
		for _, a := range ci.Actions {
			res := a.Result
			if a.LastError != "" {
				res = strings.TrimSpace(res + " error: " + a.LastError)
			}
			rows = append(rows, []string{cellTime(a.CreatedAt), fmt.Sprint(a.ItemID), string(a.Kind), a.RuleID, a.RequestedBy,
				fmt.Sprintf("%s (%d attempt(s), %s)", a.Status, a.Attempts, cellTime(a.UpdatedAt)), res})
		}
	}
	r.table([]col{{"When (UTC)", 33, false}, {"Item", 12, false}, {"What", 30, false}, {"Rule", 25, false}, {"Requested by", 35, false},
		{"Status", 48, false}, {"Result / signals", 90, false}}, rows)

	r.heading("Notes, agreements and mediation")
	rows = nil
	for _, n := range f.Notes {
		rows = append(rows, []string{cellTime(n.At), n.Kind, n.Author, n.Text})
	}
	r.table([]col{{"When (UTC)", 33, false}, {"Kind", 22, false}, {"By", 35, false}, {"Text", 183, false}}, rows)

	r.heading("Evidence files")
	rows = nil
	for _, e := range f.Evidence {
		rows = append(rows, []string{fmt.Sprint(e.ID), e.Name + "\n" + e.Description, e.ContentType, fmt.Sprintf("%d bytes", e.Size), e.SHA256, e.UploadedBy, cellTime(e.UploadedAt)})
	}
	r.table([]col{{"#", 10, false}, {"Name and description", 70, false}, {"Type", 28, false}, {"Size", 22, false}, {"SHA-256", 65, true},
		{"Uploaded by", 35, false}, {"Uploaded (UTC)", 43, false}}, rows)

	r.heading("Timeline")
	rows = nil
	for _, e := range Timeline(f) {
		rows = append(rows, []string{cellTime(e.At), e.Kind, e.Actor, e.Summary})
	}
	r.table([]col{{"When (UTC)", 33, false}, {"Kind", 22, false}, {"By", 35, false}, {"What", 183, false}}, rows)

	r.heading("How to check this report")
	r.paragraph("This report is part of an evidence bundle (a ZIP file) exported from Stormwatch. The bundle holds each item as captured " +
		"(items/item-N.raw.json, whose SHA-256 is printed above), the evidence files, the audit events about this case, and manifest.json " +
		"listing every file with its SHA-256; manifest.sha256 holds the manifest's own SHA-256. `stormwatch bundle verify FILE` checks them all; " +
		"`sha256sum -c manifest.sha256` checks the manifest with standard tools. The organization's audit chain records the export and the manifest's " +
		"SHA-256, and its head at export time is " + head + ".")

	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("case report: %w", err)
	}
	return nil
}

func byWhom(actor string) string {
	if actor == "" {
		return ""
	}
	return " by " + actor
}
