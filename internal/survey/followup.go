package survey

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/detect/lexicon"
	"github.com/stormwatch/stormwatch/internal/store"
	"github.com/stormwatch/stormwatch/internal/tasks"
)

// Negative tells whether a comment is negative: a complaint or abuse.
type Negative func(ctx context.Context, text, lang string) bool

// negativeCats make a comment negative, with the score needed: a
// complaint cue is enough, as a call-back costs little and a missed
// unhappy client costs much.
var negativeCats = map[detect.Category]float64{
	detect.Complaint: 0.4, detect.Insult: 0.5, detect.Harassment: 0.5, detect.Threat: 0.5, detect.Hate: 0.5, detect.Accusation: 0.5,
}

// EngineNegative judges comments with a detection engine's signals.
func EngineNegative(e *detect.Engine) Negative {
	return func(ctx context.Context, text, lang string) bool {
		if strings.TrimSpace(text) == "" {
			return false
		}
		res := e.Analyze(ctx, detect.Input{Text: text, Lang: lang})
		for _, s := range res.Signals {
			if min, ok := negativeCats[s.Category]; ok && s.Score >= min {
				return true
			}
		}
		return false
	}
}

var (
	lexOnce sync.Once
	lexEng  *detect.Engine
	lexErr  error
)

// LexiconNegative judges comments with the built-in multilingual
// lexicons alone (loaded once, about a second): cheaper than the whole
// engine, and what complaint cues need.
func LexiconNegative() (Negative, error) {
	lexOnce.Do(func() {
		l, err := lexicon.New()
		if err != nil {
			lexErr = fmt.Errorf("survey: load lexicons: %w", err)
			return
		}
		lexEng = detect.NewEngine(nil, l)
	})
	if lexErr != nil {
		return nil, lexErr
	}
	return EngineNegative(lexEng), nil
}

// LowScore reports whether a score is unhappy: 0–6 on NPS (detractors),
// 1–2 out of 5.
func LowScore(score, scale int) bool {
	if scale == 5 {
		return score <= 2
	}
	return score <= 6
}

// Reason says why an answer is unhappy.
type Reason string

// The reasons.
const (
	ReasonLowScore Reason = "low_score"
	ReasonNegative Reason = "negative_comment"
)

// Unhappy tells whether an answer needs a follow-up, and why.
func Unhappy(ctx context.Context, a Answer, neg Negative) []Reason {
	var rs []Reason
	if LowScore(a.Score, a.Scale) {
		rs = append(rs, ReasonLowScore)
	}
	if neg != nil && a.Comment != "" && neg(ctx, a.Comment, a.Lang) {
		rs = append(rs, ReasonNegative)
	}
	return rs
}

// FollowUpDays is how many working days a call-back may wait.
const FollowUpDays = 2

// excerptRunes bounds the comment quoted in a task's title.
const excerptRunes = 80

// Excerpt shortens a comment to its first words, on one line.
func Excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut := 0
	for i := range s {
		if cut >= n {
			s = s[:i]
			break
		}
		cut++
	}
	if j := strings.LastIndexByte(s, ' '); j > n/2 {
		s = s[:j]
	}
	return s + "…"
}

// attachment is what a follow-up task carries of the answer.
type attachment struct {
	Respondent string    `json:"respondent"`
	Date       string    `json:"date"`
	Score      int       `json:"score"`
	Scale      int       `json:"scale"`
	Comment    string    `json:"comment,omitempty"`
	Location   string    `json:"location,omitempty"`
	Lang       string    `json:"lang,omitempty"`
	Consent    bool      `json:"consent"`
	Reasons    []Reason  `json:"reasons"`
	ImportedAt time.Time `json:"imported_at"`
}

// answerKey hashes an answer's key: the store learns that an answer was
// imported, not who answered what.
func answerKey(workspace string, a Answer) string {
	h := sha256.Sum256([]byte(workspace + "\x00" + a.Key()))
	return hex.EncodeToString(h[:])
}

// Task builds the follow-up task of an unhappy answer, due FollowUpDays
// working days after now.
func Task(workspace string, a Answer, reasons []Reason, now time.Time) store.NewTask {
	title := "Call back " + a.Respondent
	if ex := Excerpt(a.Comment, excerptRunes); ex != "" {
		title += " about “" + ex + "”"
	} else {
		title += fmt.Sprintf(" about their score of %d/%d", a.Score, a.Scale)
	}
	att, _ := json.Marshal(attachment{Respondent: a.Respondent, Date: a.Date.Format("2006-01-02"), Score: a.Score, Scale: a.Scale,
		Comment: a.Comment, Location: a.Location, Lang: a.Lang, Consent: a.Consent, Reasons: reasons, ImportedAt: now.UTC()})
	return store.NewTask{Kind: tasks.KindSurveyFollowUp, Title: title, SourceKey: "survey:" + answerKey(workspace, a),
		ClientRef: a.Respondent, Contact: a.Contact, Attachment: att, DueAt: tasks.AddWorkingDays(now, FollowUpDays)}
}

// Result says what an import did.
type Result struct {
	Read         int       `json:"answers_read"`
	New          int       `json:"new_answers"`
	Duplicates   int       `json:"duplicates"`
	Unhappy      int       `json:"unhappy"`
	TasksCreated int       `json:"tasks_created"`
	TaskIDs      []int64   `json:"task_ids"`
	Errors       []Problem `json:"errors"`
}

// MaxAnswers bounds one import: a survey export, not a data lake.
const MaxAnswers = 50000

// ErrTooManyAnswers: a file over MaxAnswers.
var ErrTooManyAnswers = errors.New("too many answers")

// Importer reads a survey export and stores its answers with the
// follow-up tasks of the unhappy ones, in one transaction: an import is
// all or nothing, and re-running it creates nothing twice.
type Importer struct {
	Store    store.Tasks
	Negative Negative
	Now      func() time.Time
}

// Import reads r and stores what it found. Lines with problems are
// reported in the result and skipped; the others are stored. Without a
// Negative, comments are judged with the built-in lexicons.
func (im *Importer) Import(ctx context.Context, workspace string, r io.Reader, f Format, o Options, actor string) (Result, error) {
	now := time.Now()
	if im.Now != nil {
		now = im.Now()
	}
	neg := im.Negative
	if neg == nil {
		var err error
		if neg, err = LexiconNegative(); err != nil {
			return Result{}, err
		}
	}
	var res Result
	seen := map[string]bool{}
	var recs []store.SurveyAnswerRecord
	err := Read(r, f, o, func(a Answer, probs []Problem) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if len(probs) > 0 {
			if len(res.Errors) < 1000 {
				res.Errors = append(res.Errors, probs...)
			}
			return nil
		}
		res.Read++
		if res.Read > MaxAnswers {
			return fmt.Errorf("%w: more than %d, split the file", ErrTooManyAnswers, MaxAnswers)
		}
		k := a.Key()
		if seen[k] {
			res.Duplicates++
			return nil
		}
		seen[k] = true
		rec := store.SurveyAnswerRecord{Key: answerKey(workspace, a)}
		if reasons := Unhappy(ctx, a, neg); len(reasons) > 0 {
			res.Unhappy++
			t := Task(workspace, a, reasons, now)
			rec.Task = &t
		}
		recs = append(recs, rec)
		return nil
	})
	if err != nil {
		return res, err
	}
	if len(recs) == 0 {
		return res, nil
	}
	stored, err := im.Store.ImportSurveyAnswers(ctx, workspace, recs, actor)
	if err != nil {
		return res, err
	}
	res.New = stored.Answers
	res.Duplicates += stored.Duplicates
	res.TaskIDs = stored.TaskIDs
	res.TasksCreated = len(stored.TaskIDs)
	return res, nil
}
