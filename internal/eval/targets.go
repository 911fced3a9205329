package eval

import (
	"fmt"
	"io"
	"strconv"
)

// Targets are the quality levels the project commits to (issue 3,
// "Targets"). A zero field is still checked against zero, so start from
// DefaultTargets.
type Targets struct {
	// Langs are the languages that must each meet the remove targets; a
	// listed language without examples is a missed target.
	Langs []string
	// RemovePrecision and RemoveRecall are minima for the remove/keep
	// task, per language.
	RemovePrecision float64
	RemoveRecall    float64
	// MaxComplaintsRemoved is the largest acceptable share of legitimate
	// complaints removed, over all languages.
	MaxComplaintsRemoved float64
	// ChecksummedPrecision is the minimum precision on checksummed
	// identifiers (IBAN, cards, national identity numbers).
	ChecksummedPrecision float64
	// PIIF1 is the minimum F1 on personal data: over entity kinds when the
	// labels and the classifier give them, else pii and doxxing as one
	// category.
	PIIF1 float64
}

// DefaultTargets are the project's targets: remove precision ≥ 0.95 and
// recall ≥ 0.85 in each of the six languages, legitimate complaints removed
// ≤ 3 %, checksummed personal data precision ≥ 0.99, personal data F1 ≥ 0.95.
func DefaultTargets() Targets {
	return Targets{
		Langs:           []string{"fr", "nl", "sv", "nb", "en", "de"},
		RemovePrecision: 0.95, RemoveRecall: 0.85,
		MaxComplaintsRemoved: 0.03,
		ChecksummedPrecision: 0.99,
		PIIF1:                0.95,
	}
}

// TargetCheck is one target against its measure.
type TargetCheck struct {
	Name string `json:"name"`
	// Lang is the language the check is about, "" for all.
	Lang string `json:"lang,omitempty"`
	// Op is ">=" or "<="; Want is the target.
	Op   string  `json:"op"`
	Want float64 `json:"want"`
	// Got is the measure; undefined means not measured, which never meets
	// a target.
	Got  Ratio  `json:"got"`
	Met  bool   `json:"met"`
	Note string `json:"note,omitempty"`
}

// TargetReport is the outcome of CheckTargets.
type TargetReport struct {
	Checks []TargetCheck `json:"checks"`
}

// Met reports whether every target is met.
func (t *TargetReport) Met() bool {
	for _, c := range t.Checks {
		if !c.Met {
			return false
		}
	}
	return len(t.Checks) > 0
}

// Missed lists the targets not met, including those not measured.
func (t *TargetReport) Missed() []TargetCheck {
	var out []TargetCheck
	for _, c := range t.Checks {
		if !c.Met {
			out = append(out, c)
		}
	}
	return out
}

func check(name, lang, op string, want float64, got Ratio, note string) TargetCheck {
	c := TargetCheck{Name: name, Lang: lang, Op: op, Want: want, Got: got, Note: note}
	v, ok := got.Value()
	switch {
	case !ok:
		if c.Note == "" {
			c.Note = "not measured"
		}
	case op == ">=":
		c.Met = v >= want
	default:
		c.Met = v <= want
	}
	return c
}

// CheckTargets compares the report with the targets.
func (r *Report) CheckTargets(t Targets) *TargetReport {
	tr := &TargetReport{}
	byLang := map[string]*LangReport{}
	for _, l := range r.Languages {
		byLang[l.Lang] = l
	}
	for _, lang := range t.Langs {
		var s Score
		note := ""
		if l := byLang[lang]; l != nil {
			s = l.Remove
		} else {
			note = "no examples in this language"
		}
		pn := note
		if pn == "" && s.Predicted() == 0 {
			pn = fmt.Sprintf("nothing removed (%d to remove)", s.Support())
		}
		rn := note
		if rn == "" && s.Support() == 0 {
			rn = "nothing to remove in the labels"
		}
		tr.Checks = append(tr.Checks,
			check("remove precision", lang, ">=", t.RemovePrecision, s.Precision(), counts(pn, s.TP, s.Predicted())),
			check("remove recall", lang, ">=", t.RemoveRecall, s.Recall(), counts(rn, s.TP, s.Support())))
	}
	tr.Checks = append(tr.Checks, check("legitimate complaints removed", "", "<=", t.MaxComplaintsRemoved, r.ComplaintsRemoved,
		counts("", r.ComplaintsRemoved.Num, r.ComplaintsRemoved.Den)))

	cs := r.Checksummed
	cn := ""
	switch {
	case cs.Predicted() == 0 && cs.Support() > 0:
		cn = fmt.Sprintf("no checksummed identifier predicted (%d labelled)", cs.Support())
	case cs.Predicted() == 0:
		cn = "no checksummed identifier labelled or predicted"
	}
	tr.Checks = append(tr.Checks, check("checksummed personal data precision", "", ">=", t.ChecksummedPrecision, cs.Precision(),
		counts(cn, cs.TP, cs.Predicted())))

	if r.AllEntities.Support() > 0 && r.EntitiesPredicted {
		s := r.AllEntities
		tr.Checks = append(tr.Checks, check("personal data F1", "", ">=", t.PIIF1, s.F1(),
			fmt.Sprintf("entity kinds: tp %d, fp %d, fn %d", s.TP, s.FP, s.FN)))
	} else {
		s := r.PersonalData
		why := "pii+doxxing as one category"
		if r.AllEntities.Support() > 0 {
			why += ", the classifier gave no entity kinds"
		}
		tr.Checks = append(tr.Checks, check("personal data F1", "", ">=", t.PIIF1, s.F1(),
			fmt.Sprintf("%s: tp %d, fp %d, fn %d", why, s.TP, s.FP, s.FN)))
	}
	return tr
}

func counts(note string, num, den int) string {
	if note != "" {
		return note
	}
	return strconv.Itoa(num) + "/" + strconv.Itoa(den)
}

// Print writes the checks as a section of aligned text.
func (t *TargetReport) Print(w io.Writer) error {
	ew := &errWriter{w: w}
	met := 0
	for _, c := range t.Checks {
		if c.Met {
			met++
		}
	}
	ew.println("")
	ew.printf("Targets: %d of %d met", met, len(t.Checks))
	tb := &table{left: map[int]bool{1: true, 4: true, 5: true}}
	tb.row("target", "lang", "want", "got", "status", "detail")
	for _, c := range t.Checks {
		lang := c.Lang
		if lang == "" {
			lang = "all"
		}
		got := c.Got.String()
		want := c.Op + " " + strconv.FormatFloat(c.Want, 'f', 2, 64)
		if c.Name == "legitimate complaints removed" {
			got = pct(c.Got)
			want = c.Op + " " + strconv.FormatFloat(100*c.Want, 'f', 1, 64) + " %"
		}
		status := "met"
		if !c.Met {
			status = "MISSED"
			if _, ok := c.Got.Value(); !ok {
				status = "MISSED (not measured)"
			}
		}
		tb.row(c.Name, lang, want, got, status, c.Note)
	}
	tb.write(ew, "  ")
	return ew.err
}
