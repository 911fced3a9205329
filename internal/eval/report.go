package eval

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// Ratio is a fraction of two counts that may be undefined (0/0). It encodes
// to JSON as its value, or null when undefined.
type Ratio struct{ Num, Den int }

// Value is Num/Den, and false when Den is zero.
func (r Ratio) Value() (float64, bool) {
	if r.Den == 0 {
		return 0, false
	}
	return float64(r.Num) / float64(r.Den), true
}

// String is the value with three decimals, or "—" when undefined.
func (r Ratio) String() string {
	v, ok := r.Value()
	if !ok {
		return "—"
	}
	return strconv.FormatFloat(v, 'f', 3, 64)
}

// MarshalJSON encodes the value, or null.
func (r Ratio) MarshalJSON() ([]byte, error) {
	v, ok := r.Value()
	if !ok {
		return []byte("null"), nil
	}
	return []byte(strconv.FormatFloat(v, 'f', -1, 64)), nil
}

// Score counts the outcomes of one binary decision (a category predicted or
// not, a text removed or not) against the gold labels.
type Score struct{ TP, FP, FN, TN int }

// Add counts one outcome.
func (s *Score) Add(gold, predicted bool) {
	switch {
	case gold && predicted:
		s.TP++
	case predicted:
		s.FP++
	case gold:
		s.FN++
	default:
		s.TN++
	}
}

// Merge adds o's counts to s.
func (s *Score) Merge(o Score) { s.TP += o.TP; s.FP += o.FP; s.FN += o.FN; s.TN += o.TN }

// Support is the number of gold positives.
func (s Score) Support() int { return s.TP + s.FN }

// Predicted is the number of predicted positives.
func (s Score) Predicted() int { return s.TP + s.FP }

// Precision is TP/(TP+FP), undefined when nothing was predicted.
func (s Score) Precision() Ratio { return Ratio{s.TP, s.TP + s.FP} }

// Recall is TP/(TP+FN), undefined when nothing was expected.
func (s Score) Recall() Ratio { return Ratio{s.TP, s.TP + s.FN} }

// F1 is the harmonic mean of precision and recall, 2TP/(2TP+FP+FN):
// 0 when there were positives on either side but no hit, undefined when
// there were none on either side.
func (s Score) F1() Ratio { return Ratio{2 * s.TP, 2*s.TP + s.FP + s.FN} }

// MarshalJSON encodes the counts with support, precision, recall and F1.
func (s Score) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		TP        int   `json:"tp"`
		FP        int   `json:"fp"`
		FN        int   `json:"fn"`
		TN        int   `json:"tn"`
		Support   int   `json:"support"`
		Precision Ratio `json:"precision"`
		Recall    Ratio `json:"recall"`
		F1        Ratio `json:"f1"`
	}{s.TP, s.FP, s.FN, s.TN, s.Support(), s.Precision(), s.Recall(), s.F1()})
}

// Average is a macro average over Over categories; undefined when Over is 0.
type Average struct {
	Precision, Recall, F1 float64
	Over                  int
}

// MarshalJSON encodes the three means, or nulls when undefined.
func (a Average) MarshalJSON() ([]byte, error) {
	type out struct {
		Precision *float64 `json:"precision"`
		Recall    *float64 `json:"recall"`
		F1        *float64 `json:"f1"`
		Over      int      `json:"over"`
	}
	if a.Over == 0 {
		return json.Marshal(out{})
	}
	return json.Marshal(out{&a.Precision, &a.Recall, &a.F1, a.Over})
}

// macro averages precision, recall and F1 over the scores with support.
func macro(scores []CategoryScore) Average {
	var a Average
	for _, cs := range scores {
		if cs.Score.Support() == 0 {
			continue
		}
		p, _ := cs.Score.Precision().Value() // undefined counts as 0
		r, _ := cs.Score.Recall().Value()
		f, _ := cs.Score.F1().Value()
		a.Precision += p
		a.Recall += r
		a.F1 += f
		a.Over++
	}
	if a.Over > 0 {
		n := float64(a.Over)
		a.Precision, a.Recall, a.F1 = a.Precision/n, a.Recall/n, a.F1/n
	}
	return a
}

// CategoryScore is the score of one category.
type CategoryScore struct {
	Category string `json:"category"`
	Score    Score  `json:"score"`
}

// EntityScore is the score of one kind of personal data.
type EntityScore struct {
	Entity string `json:"entity"`
	Score  Score  `json:"score"`
}

// ChecksummedEntities are the kinds of personal data whose numbers carry a
// check digit or checksum; the targets ask a higher precision of them.
var ChecksummedEntities = []string{"iban", "card", "se_personnummer", "no_fodselsnummer", "nl_bsn", "fr_nir", "de_tax_id",
	"dk_cpr", "be_national_number", "ch_ahv", "gb_nhs", "ca_sin"}

// LangReport holds the scores of one gold language ("und" when the lines
// give none).
type LangReport struct {
	Lang     string `json:"lang"`
	Examples int    `json:"examples"`
	// Categories, Micro and Macro are over the examples with category labels.
	Categories []CategoryScore `json:"categories"`
	Micro      Score           `json:"micro"`
	Macro      Average         `json:"macro"`
	// Remove is the remove/keep task (positive = remove).
	Remove Score `json:"remove"`
	// ComplaintsRemoved is removed / legitimate complaints.
	ComplaintsRemoved Ratio `json:"complaints_removed"`
	ComplaintCount    int   `json:"complaints"`
	// LangID is the share of examples whose predicted language is the gold one.
	LangID Ratio `json:"lang_id"`
	// PersonalData is pii and doxxing taken together.
	PersonalData Score `json:"personal_data"`
}

// Confusion is a matrix of gold primary category (rows) against predicted
// top category (columns), both over Labels (the categories, then "none").
type Confusion struct {
	Labels []string `json:"labels"`
	Counts [][]int  `json:"counts"`
}

// LangConfusion counts examples of gold language Gold identified as Predicted.
type LangConfusion struct {
	Gold      string `json:"gold"`
	Predicted string `json:"predicted"`
	Count     int    `json:"count"`
}

// TagScore is the remove/keep task on the examples carrying one tag.
type TagScore struct {
	Tag string `json:"tag"`
	// Examples counts the tagged examples with both a gold and a predicted action.
	Examples       int   `json:"examples"`
	Correct        int   `json:"correct"`
	WronglyRemoved int   `json:"wrongly_removed"`
	MissedRemovals int   `json:"missed_removals"`
	Accuracy       Ratio `json:"accuracy"`
}

// Kinds of mistakes, from the most harmful.
const (
	// MistakeRemovedComplaint: a legitimate complaint would be removed.
	MistakeRemovedComplaint = "removed-complaint"
	// MistakeWronglyRemoved: another text that should stay would be removed.
	MistakeWronglyRemoved = "wrongly-removed"
	// MistakeMissedRemoval: a text that should be removed would stay.
	MistakeMissedRemoval = "missed-removal"
	// MistakeFalsePositive: a category predicted that is not in the labels.
	MistakeFalsePositive = "false-positive"
	// MistakeFalseNegative: a labelled category not predicted.
	MistakeFalseNegative = "false-negative"
)

var mistakeRank = map[string]int{MistakeRemovedComplaint: 0, MistakeWronglyRemoved: 1, MistakeMissedRemoval: 2, MistakeFalsePositive: 3, MistakeFalseNegative: 4}

// Mistake is one error kept for inspection.
type Mistake struct {
	Kind string `json:"kind"`
	Line int    `json:"line"`
	ID   string `json:"id,omitempty"`
	Lang string `json:"lang"`
	// Category is the category at fault (false positives and negatives),
	// or the top predicted category (action mistakes).
	Category string  `json:"category"`
	Score    float64 `json:"score"`
	Gold     string  `json:"gold"`
	Action   string  `json:"action,omitempty"`
	Text     string  `json:"text"`
}

// ReportOptions records how the evaluation was run.
type ReportOptions struct {
	Threshold    float64            `json:"threshold"`
	Thresholds   map[string]float64 `json:"thresholds,omitempty"`
	Langs        []string           `json:"langs,omitempty"`
	WithholdLang bool               `json:"withhold_lang"`
	Split        string             `json:"split,omitempty"`
}

// Report is the outcome of an evaluation.
type Report struct {
	Options ReportOptions `json:"options"`
	// Examples is the number of examples scored; Filtered were left out by
	// Options.Langs; Malformed and ClassifyErrors list what could not be
	// scored.
	Examples       int         `json:"examples"`
	Filtered       int         `json:"filtered"`
	Malformed      []LineError `json:"malformed"`
	ClassifyErrors []LineError `json:"classify_errors"`

	// Categories, Micro and Macro are over every language.
	Categories []CategoryScore `json:"categories"`
	Micro      Score           `json:"micro"`
	Macro      Average         `json:"macro"`
	Languages  []*LangReport   `json:"languages"`

	// Remove is the remove/keep task over every language; NoAction counts
	// examples with a gold action for which the classifier decided nothing.
	Remove   Score `json:"remove"`
	NoAction int   `json:"no_action"`

	// ComplaintsRemoved is the share of legitimate complaints (gold
	// categories complaint, possibly with question or crisis, and nothing
	// else) that would be removed.
	ComplaintsRemoved Ratio `json:"complaints_removed"`
	ComplaintCount    int   `json:"complaints"`

	Confusion Confusion `json:"confusion"`

	LangID         Ratio           `json:"lang_id"`
	LangConfusions []LangConfusion `json:"lang_confusions"`

	// PersonalData scores pii and doxxing together as one category.
	PersonalData Score `json:"personal_data"`
	// Entities scores each kind of personal data on the examples where the
	// kinds are known; Checksummed and AllEntities are their micro sums.
	Entities          []EntityScore `json:"entities"`
	Checksummed       Score         `json:"checksummed_entities"`
	AllEntities       Score         `json:"all_entities"`
	EntitiesPredicted bool          `json:"entities_predicted"`

	Tags     []TagScore `json:"tags"`
	Mistakes []Mistake  `json:"mistakes"`

	opts      Options
	labels    []string
	index     map[string]int
	cats      map[string]*Score
	langs     map[string]*langAcc
	entities  map[string]*Score
	tags      map[string]*TagScore
	langConf  map[[2]string]int
	complaint Ratio
}

type langAcc struct {
	rep  LangReport
	cats map[string]*Score
}

func newReport(opts Options) *Report {
	r := &Report{
		Options: ReportOptions{Threshold: opts.Threshold, Thresholds: opts.Thresholds, Langs: opts.Langs, WithholdLang: opts.WithholdLang, Split: opts.Split},
		opts:    opts, index: map[string]int{}, cats: map[string]*Score{}, langs: map[string]*langAcc{},
		entities: map[string]*Score{}, tags: map[string]*TagScore{}, langConf: map[[2]string]int{},
		Malformed: []LineError{}, ClassifyErrors: []LineError{},
	}
	for _, c := range detect.Categories {
		r.labels = append(r.labels, string(c))
	}
	r.labels = append(r.labels, None)
	for i, l := range r.labels {
		r.index[l] = i
	}
	r.Confusion = Confusion{Labels: r.labels, Counts: make([][]int, len(r.labels))}
	for i := range r.Confusion.Counts {
		r.Confusion.Counts[i] = make([]int, len(r.labels))
	}
	return r
}

// pureComplaint reports whether the gold labels say a legitimate complaint:
// complaint, possibly with question or crisis, and nothing else.
func pureComplaint(ex Example) bool {
	if !ex.Has(string(detect.Complaint)) {
		return false
	}
	for _, c := range ex.Categories {
		switch detect.Category(c) {
		case detect.Complaint, detect.Question, detect.Crisis:
		default:
			return false
		}
	}
	return true
}

// top is the predicted category with the highest score at or above its
// threshold (ties go to the earlier category), or None, with its score.
func (r *Report) top(p Prediction) (string, float64) {
	best, score := None, 0.0
	for _, c := range detect.Categories {
		s, ok := p.Scores[string(c)]
		if ok && s >= r.opts.threshold(string(c)) && (best == None || s > score) {
			best, score = string(c), s
		}
	}
	return best, score
}

func (r *Report) predicted(p Prediction, c string) bool {
	s, ok := p.Scores[c]
	return ok && s >= r.opts.threshold(c)
}

func (r *Report) lang(l string) *langAcc {
	if l == "" {
		l = "und"
	}
	a := r.langs[l]
	if a == nil {
		a = &langAcc{rep: LangReport{Lang: l}, cats: map[string]*Score{}}
		r.langs[l] = a
	}
	return a
}

func scoreOf(m map[string]*Score, k string) *Score {
	s := m[k]
	if s == nil {
		s = &Score{}
		m[k] = s
	}
	return s
}

// add scores one example against its prediction.
func (r *Report) add(ex Example, p Prediction) {
	r.Examples++
	la := r.lang(ex.Lang)
	la.rep.Examples++
	topCat, topScore := r.top(p)
	mistake := func(kind, cat string, score float64) {
		r.Mistakes = append(r.Mistakes, Mistake{Kind: kind, Line: ex.Line, ID: ex.ID, Lang: la.rep.Lang, Category: cat, Score: score,
			Gold: goldString(ex), Action: p.Action, Text: abbreviate(ex.Text, r.opts.TextWidth)})
	}

	if ex.Labelled {
		for _, c := range detect.Categories {
			cs := string(c)
			gold, pred := ex.Has(cs), r.predicted(p, cs)
			scoreOf(r.cats, cs).Add(gold, pred)
			scoreOf(la.cats, cs).Add(gold, pred)
			switch {
			case pred && !gold:
				mistake(MistakeFalsePositive, cs, p.Scores[cs])
			case gold && !pred:
				mistake(MistakeFalseNegative, cs, p.Scores[cs])
			}
		}
		r.Confusion.Counts[r.index[ex.Primary()]][r.index[topCat]]++
		goldPD := ex.Has(string(detect.PII)) || ex.Has(string(detect.Doxxing))
		predPD := r.predicted(p, string(detect.PII)) || r.predicted(p, string(detect.Doxxing))
		r.PersonalData.Add(goldPD, predPD)
		la.rep.PersonalData.Add(goldPD, predPD)
	}

	if ex.Action != "" {
		if p.Action == "" {
			r.NoAction++
		} else {
			gold, pred := ex.Action == ActionRemove, p.Removes()
			r.Remove.Add(gold, pred)
			la.rep.Remove.Add(gold, pred)
			for _, t := range ex.Tags {
				ts := r.tags[t]
				if ts == nil {
					ts = &TagScore{Tag: t}
					r.tags[t] = ts
				}
				ts.Examples++
				switch {
				case gold == pred:
					ts.Correct++
				case pred:
					ts.WronglyRemoved++
				default:
					ts.MissedRemovals++
				}
			}
			switch {
			case pred && !gold && pureComplaint(ex):
				mistake(MistakeRemovedComplaint, topCat, topScore)
			case pred && !gold:
				mistake(MistakeWronglyRemoved, topCat, topScore)
			case gold && !pred:
				mistake(MistakeMissedRemoval, topCat, topScore)
			}
		}
	}

	if ex.Labelled && pureComplaint(ex) && p.Action != "" {
		r.complaint.Den++
		la.rep.ComplaintCount++
		la.rep.ComplaintsRemoved.Den++
		if p.Removes() {
			r.complaint.Num++
			la.rep.ComplaintsRemoved.Num++
		}
	}

	if ex.Lang != "" {
		r.LangID.Den++
		la.rep.LangID.Den++
		if p.Lang == ex.Lang {
			r.LangID.Num++
			la.rep.LangID.Num++
		} else {
			got := p.Lang
			if got == "" {
				got = "(none)"
			}
			r.langConf[[2]string{ex.Lang, got}]++
		}
	}

	if len(p.Entities) > 0 {
		r.EntitiesPredicted = true
	}
	if ex.EntitiesKnown {
		for _, e := range ex.Entities {
			scoreOf(r.entities, e).Add(true, contains(p.Entities, e))
		}
		for _, e := range p.Entities {
			if !contains(ex.Entities, e) {
				scoreOf(r.entities, e).Add(false, true)
			}
		}
	}
}

func goldString(ex Example) string {
	var parts []string
	if ex.Labelled {
		parts = append(parts, ex.Primary())
		if len(ex.Categories) > 1 {
			parts[0] = strings.Join(ex.Categories, "+")
		}
	}
	if ex.Action != "" {
		parts = append(parts, "("+ex.Action+")")
	}
	return strings.Join(parts, " ")
}

// langOrder puts the project's languages first, in a fixed order.
var langOrder = map[string]int{"fr": 0, "nl": 1, "sv": 2, "nb": 3, "nn": 4, "no": 5, "en": 6, "de": 7, "da": 8, "und": 1000}

func langLess(a, b string) bool {
	ia, oka := langOrder[a]
	ib, okb := langOrder[b]
	if !oka {
		ia = 500
	}
	if !okb {
		ib = 500
	}
	if ia != ib {
		return ia < ib
	}
	return a < b
}

// finish turns the accumulators into the report's sorted lists.
func (r *Report) finish() {
	r.Categories = r.categoryScores(r.cats)
	r.Micro = Score{}
	for _, cs := range r.Categories {
		r.Micro.Merge(cs.Score)
	}
	r.Macro = macro(r.Categories)
	r.Languages = []*LangReport{}
	for _, a := range r.langs {
		a.rep.Categories = r.categoryScores(a.cats)
		for _, cs := range a.rep.Categories {
			a.rep.Micro.Merge(cs.Score)
		}
		a.rep.Macro = macro(a.rep.Categories)
		rep := a.rep
		r.Languages = append(r.Languages, &rep)
	}
	sort.Slice(r.Languages, func(i, j int) bool { return langLess(r.Languages[i].Lang, r.Languages[j].Lang) })

	r.ComplaintsRemoved = r.complaint
	r.ComplaintCount = r.complaint.Den

	r.LangConfusions = []LangConfusion{}
	for k, n := range r.langConf {
		r.LangConfusions = append(r.LangConfusions, LangConfusion{Gold: k[0], Predicted: k[1], Count: n})
	}
	sort.Slice(r.LangConfusions, func(i, j int) bool {
		a, b := r.LangConfusions[i], r.LangConfusions[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		if a.Gold != b.Gold {
			return a.Gold < b.Gold
		}
		return a.Predicted < b.Predicted
	})

	r.Entities = []EntityScore{}
	for e, s := range r.entities {
		r.Entities = append(r.Entities, EntityScore{Entity: e, Score: *s})
		r.AllEntities.Merge(*s)
		if contains(ChecksummedEntities, e) {
			r.Checksummed.Merge(*s)
		}
	}
	sort.Slice(r.Entities, func(i, j int) bool { return r.Entities[i].Entity < r.Entities[j].Entity })

	r.Tags = []TagScore{}
	for _, t := range r.tags {
		t.Accuracy = Ratio{t.Correct, t.Examples}
		r.Tags = append(r.Tags, *t)
	}
	sort.Slice(r.Tags, func(i, j int) bool { return r.Tags[i].Tag < r.Tags[j].Tag })

	r.Mistakes = worst(r.Mistakes, r.opts.MaxMistakes)
}

func (r *Report) categoryScores(m map[string]*Score) []CategoryScore {
	out := make([]CategoryScore, 0, len(detect.Categories))
	for _, c := range detect.Categories {
		var s Score
		if p := m[string(c)]; p != nil {
			s = *p
		}
		out = append(out, CategoryScore{Category: string(c), Score: s})
	}
	return out
}

// worst keeps, for each kind, n of the most confident mistakes: the highest
// scores for what was wrongly predicted or removed, the lowest for what was
// missed, at most about n/languages per language while others are left.
// Ties keep file order.
func worst(ms []Mistake, n int) []Mistake {
	if n < 0 {
		return []Mistake{}
	}
	sort.SliceStable(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		if a.Kind != b.Kind {
			return mistakeRank[a.Kind] < mistakeRank[b.Kind]
		}
		if a.Score != b.Score {
			if a.Kind == MistakeFalseNegative || a.Kind == MistakeMissedRemoval {
				return a.Score < b.Score
			}
			return a.Score > b.Score
		}
		return a.Line < b.Line
	})
	// Take the worst of each kind, spreading the places fairly over the
	// languages first so that one language's errors do not hide the others'.
	out := []Mistake{}
	for start := 0; start < len(ms); {
		end := start
		langs := map[string]bool{}
		for end < len(ms) && ms[end].Kind == ms[start].Kind {
			langs[ms[end].Lang] = true
			end++
		}
		kind := ms[start:end]
		share := (n + len(langs) - 1) / len(langs)
		taken := make([]bool, len(kind))
		perLang := map[string]int{}
		left := n
		for pass := 0; pass < 2 && left > 0; pass++ {
			for i, m := range kind {
				if left == 0 {
					break
				}
				if !taken[i] && (pass == 1 || perLang[m.Lang] < share) {
					taken[i] = true
					perLang[m.Lang]++
					left--
				}
			}
		}
		for i, m := range kind {
			if taken[i] {
				out = append(out, m)
			}
		}
		start = end
	}
	return out
}

// JSON encodes the report for machines, indented.
func (r *Report) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode report: %w", err)
	}
	return b, nil
}
