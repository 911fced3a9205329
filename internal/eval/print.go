package eval

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// table renders aligned plain-text columns: the first left-aligned, the
// others right-aligned unless marked left.
type table struct {
	rows [][]string
	left map[int]bool
}

func (t *table) row(cells ...string) { t.rows = append(t.rows, cells) }

func (t *table) write(w *errWriter, indent string) {
	var widths []int
	for _, r := range t.rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	for _, r := range t.rows {
		var b strings.Builder
		b.WriteString(indent)
		for i, c := range r {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c))
			if i > 0 {
				b.WriteString("  ")
			}
			if i == 0 || t.left[i] {
				b.WriteString(c)
				if i < len(r)-1 {
					b.WriteString(pad)
				}
			} else {
				b.WriteString(pad + c)
			}
		}
		w.println(b.String())
	}
}

// errWriter remembers the first write error so printing code stays flat.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) println(s string) {
	if e.err == nil {
		_, e.err = io.WriteString(e.w, s+"\n")
	}
}

func (e *errWriter) printf(format string, args ...any) { e.println(fmt.Sprintf(format, args...)) }

func itoa(n int) string { return strconv.Itoa(n) }

func pct(r Ratio) string {
	v, ok := r.Value()
	if !ok {
		return "—"
	}
	return strconv.FormatFloat(100*v, 'f', 1, 64) + " %"
}

func avg(v float64, a Average) string {
	if a.Over == 0 {
		return "—"
	}
	return strconv.FormatFloat(v, 'f', 3, 64)
}

// Print writes the report as aligned plain-text tables: what stormwatch
// eval prints and what goes into closing notes.
func (r *Report) Print(w io.Writer) error {
	ew := &errWriter{w: w}
	langs := make([]string, 0, len(r.Languages))
	for _, l := range r.Languages {
		langs = append(langs, l.Lang)
	}
	ew.printf("Stormwatch evaluation: %d examples (%s), %d malformed lines, %d classifier errors",
		r.Examples, strings.Join(langs, ", "), len(r.Malformed), len(r.ClassifyErrors))
	th := "threshold " + strconv.FormatFloat(r.Options.Threshold, 'f', 2, 64)
	for _, c := range detect.Categories {
		if t, ok := r.Options.Thresholds[string(c)]; ok {
			th += ", " + string(c) + " " + strconv.FormatFloat(t, 'f', 2, 64)
		}
	}
	given := "given to the classifier"
	if r.Options.WithholdLang {
		given = "withheld (the classifier identifies it)"
	}
	ew.printf("%s; gold language %s", th, given)
	if r.Filtered > 0 {
		var why []string
		if len(r.Options.Langs) > 0 {
			why = append(why, fmt.Sprintf("the language filter %v", r.Options.Langs))
		}
		if r.Options.Split != "" {
			why = append(why, fmt.Sprintf("the %s split (only that half is kept)", r.Options.Split))
		}
		ew.printf("%d examples left out by %s", r.Filtered, strings.Join(why, " and "))
	}
	if r.Examples == 0 {
		ew.println("")
		ew.println("No example was evaluated.")
	} else {
		r.printRemove(ew)
		r.printCategories(ew)
		r.printLanguages(ew)
		r.printMatrix(ew)
		r.printConfusion(ew)
		r.printLangID(ew)
		r.printEntities(ew)
		r.printTags(ew)
		r.printMistakes(ew)
	}
	printLineErrors(ew, "Malformed lines (not evaluated)", r.Malformed)
	printLineErrors(ew, "Classifier errors (not evaluated)", r.ClassifyErrors)
	return ew.err
}

func scoreCells(s Score) []string {
	return []string{itoa(s.Support()), itoa(s.TP), itoa(s.FP), itoa(s.FN), s.Precision().String(), s.Recall().String(), s.F1().String()}
}

func (r *Report) printRemove(ew *errWriter) {
	ew.println("")
	ew.println("Remove / keep (removed = action hide or delete; positive = gold remove)")
	t := &table{}
	t.row(append([]string{"lang", "n", "to remove", "tp", "fp", "fn", "precision", "recall", "f1"}, "complaints", "removed")...)
	for _, l := range r.Languages {
		s := l.Remove
		t.row(append(append([]string{l.Lang, itoa(s.TP + s.FP + s.FN + s.TN)}, scoreCells(s)...), itoa(l.ComplaintCount), pct(l.ComplaintsRemoved))...)
	}
	s := r.Remove
	t.row(append(append([]string{"all", itoa(s.TP + s.FP + s.FN + s.TN)}, scoreCells(s)...), itoa(r.ComplaintCount), pct(r.ComplaintsRemoved))...)
	t.write(ew, "  ")
	if r.NoAction > 0 {
		ew.printf("  %d examples with a gold action got no predicted action and are not counted", r.NoAction)
	}
	ew.printf("  Legitimate complaints removed: %s (%d of %d texts labelled complaint, possibly with question or crisis, and nothing else)",
		pct(r.ComplaintsRemoved), r.ComplaintsRemoved.Num, r.ComplaintsRemoved.Den)
}

func (r *Report) printCategories(ew *errWriter) {
	ew.println("")
	ew.println("Categories, all languages")
	t := &table{}
	t.row("category", "support", "tp", "fp", "fn", "precision", "recall", "f1")
	for _, cs := range r.Categories {
		t.row(append([]string{cs.Category}, scoreCells(cs.Score)...)...)
	}
	t.row(append([]string{"micro"}, scoreCells(r.Micro)...)...)
	t.row("macro", itoa(r.Macro.Over)+" cat.", "", "", "", avg(r.Macro.Precision, r.Macro), avg(r.Macro.Recall, r.Macro), avg(r.Macro.F1, r.Macro))
	t.row(append([]string{"personal data"}, scoreCells(r.PersonalData)...)...)
	t.write(ew, "  ")
	ew.println("  (personal data = pii and doxxing taken as one category)")
}

func (r *Report) printLanguages(ew *errWriter) {
	ew.println("")
	ew.println("Per language (categories: micro over all categories, macro over those present)")
	t := &table{}
	t.row("lang", "n", "micro P", "micro R", "micro F1", "macro P", "macro R", "macro F1", "lang id")
	for _, l := range r.Languages {
		t.row(l.Lang, itoa(l.Examples), l.Micro.Precision().String(), l.Micro.Recall().String(), l.Micro.F1().String(),
			avg(l.Macro.Precision, l.Macro), avg(l.Macro.Recall, l.Macro), avg(l.Macro.F1, l.Macro), l.LangID.String())
	}
	t.write(ew, "  ")
}

// printMatrix prints category × language as precision/recall/F1 with support.
func (r *Report) printMatrix(ew *errWriter) {
	if len(r.Languages) == 0 {
		return
	}
	ew.println("")
	ew.println("Category × language: precision/recall/F1 (support)")
	t := &table{}
	head := []string{"category"}
	for _, l := range r.Languages {
		head = append(head, l.Lang)
	}
	t.row(head...)
	for i, c := range detect.Categories {
		row := []string{string(c)}
		for _, l := range r.Languages {
			s := l.Categories[i].Score
			row = append(row, short(s.Precision())+"/"+short(s.Recall())+"/"+short(s.F1())+" ("+itoa(s.Support())+")")
		}
		t.row(row...)
	}
	t.write(ew, "  ")
}

// short prints a ratio as ".93", "1" or "—".
func short(r Ratio) string {
	v, ok := r.Value()
	switch {
	case !ok:
		return "—"
	case v >= 0.9995:
		return "1"
	}
	return strings.TrimPrefix(strconv.FormatFloat(v, 'f', 2, 64), "0")
}

// abbrev are the column heads of the confusion matrix.
var abbrev = map[string]string{"insult": "ins", "harassment": "har", "threat": "thr", "hate": "hat", "sexual": "sex", "doxxing": "dox",
	"pii": "pii", "accusation": "acc", "spam": "spm", "complaint": "cmp", "question": "qst", "praise": "prs", "crisis": "crs", None: "none"}

func (r *Report) printConfusion(ew *errWriter) {
	m := r.Confusion
	used := make([]bool, len(m.Labels))
	found := false
	for i := range m.Labels {
		for j := range m.Labels {
			if m.Counts[i][j] > 0 {
				used[i], used[j], found = true, true, true
			}
		}
	}
	if !found {
		return
	}
	ew.println("")
	ew.println("Confusion matrix: rows gold primary category, columns predicted top category (none = no score above its threshold)")
	t := &table{}
	head := []string{"gold \\ predicted"}
	for j, l := range m.Labels {
		if used[j] {
			head = append(head, abbrev[l])
		}
	}
	t.row(append(head, "total")...)
	for i, l := range m.Labels {
		if !used[i] {
			continue
		}
		row := []string{l}
		total := 0
		for j := range m.Labels {
			if used[j] {
				n := m.Counts[i][j]
				total += n
				cell := "."
				if n > 0 {
					cell = itoa(n)
				}
				row = append(row, cell)
			}
		}
		t.row(append(row, itoa(total))...)
	}
	t.write(ew, "  ")
}

func (r *Report) printLangID(ew *errWriter) {
	if r.LangID.Den == 0 {
		return
	}
	ew.println("")
	ew.printf("Language identification: %s (%d of %d)", r.LangID.String(), r.LangID.Num, r.LangID.Den)
	if !r.Options.WithholdLang {
		ew.println("  (the gold language was given to the classifier: this only checks that it was kept)")
	}
	if len(r.LangConfusions) > 0 {
		parts := []string{}
		for i, c := range r.LangConfusions {
			if i == 12 {
				parts = append(parts, "…")
				break
			}
			parts = append(parts, fmt.Sprintf("%s→%s %d", c.Gold, c.Predicted, c.Count))
		}
		ew.println("  confused: " + strings.Join(parts, ", "))
	}
}

func (r *Report) printEntities(ew *errWriter) {
	if len(r.Entities) == 0 {
		return
	}
	ew.println("")
	ew.println("Personal data by kind (examples where the kinds are known)")
	if !r.EntitiesPredicted {
		ew.println("  (the classifier reported no entity kinds at all)")
	}
	t := &table{}
	t.row("entity", "support", "tp", "fp", "fn", "precision", "recall", "f1")
	for _, e := range r.Entities {
		name := e.Entity
		if contains(ChecksummedEntities, name) {
			name += " *"
		}
		t.row(append([]string{name}, scoreCells(e.Score)...)...)
	}
	t.row(append([]string{"checksummed *"}, scoreCells(r.Checksummed)...)...)
	t.row(append([]string{"all"}, scoreCells(r.AllEntities)...)...)
	t.write(ew, "  ")
}

func (r *Report) printTags(ew *errWriter) {
	if len(r.Tags) == 0 {
		return
	}
	ew.println("")
	ew.println("Hard cases by tag (remove/keep task)")
	t := &table{}
	t.row("tag", "n", "correct", "accuracy", "wrongly removed", "missed removals")
	for _, s := range r.Tags {
		t.row(s.Tag, itoa(s.Examples), itoa(s.Correct), s.Accuracy.String(), itoa(s.WronglyRemoved), itoa(s.MissedRemovals))
	}
	t.write(ew, "  ")
}

func (r *Report) printMistakes(ew *errWriter) {
	if len(r.Mistakes) == 0 {
		return
	}
	ew.println("")
	ew.println("Worst errors, by kind (line id lang  gold (action) → prediction  text)")
	kind := ""
	for _, m := range r.Mistakes {
		if m.Kind != kind {
			kind = m.Kind
			ew.printf("  %s:", kind)
		}
		score := strconv.FormatFloat(m.Score, 'f', 2, 64)
		var pred string
		switch m.Kind {
		case MistakeFalsePositive:
			pred = m.Category + " " + score
		case MistakeFalseNegative:
			pred = m.Category + " missed (" + score + ")"
		default:
			pred = m.Action + " (top " + m.Category + " " + score + ")"
		}
		id := ""
		if m.ID != "" {
			id = " " + m.ID
		}
		ew.printf("    %d%s %s  %s → %s  %q", m.Line, id, m.Lang, m.Gold, pred, m.Text)
	}
}

func printLineErrors(ew *errWriter, title string, errs []LineError) {
	if len(errs) == 0 {
		return
	}
	ew.println("")
	ew.printf("%s: %d", title, len(errs))
	for i, e := range errs {
		if i == 50 {
			ew.printf("  … and %d more", len(errs)-50)
			break
		}
		ew.println("  " + e.Error())
	}
}
