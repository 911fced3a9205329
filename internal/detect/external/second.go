package external

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// SecondOpinionConfig configures a SecondOpinion. Zero fields take the
// defaults.
type SecondOpinionConfig struct {
	// Scorer is the provider asked. Required.
	Scorer Scorer
	// Low and High bound the ambiguity band: an item is sent only when
	// the highest primary score among Categories is in [Low, High].
	// Defaults 0.35 and 0.75.
	Low, High float64
	// Categories are the abuse categories considered, both to decide
	// ambiguity and to blend; default insult, harassment, threat, hate,
	// sexual.
	Categories []detect.Category
	// Weight is the external score's share in the blend:
	// final = (1-Weight)·primary + Weight·external, for each category in
	// Categories. Default 0.35; 1 trusts the provider alone.
	Weight float64
	// Timeout bounds one call; default 800 ms. Refine never waits longer.
	Timeout time.Duration
	// FailureThreshold consecutive failures open the breaker; default 5.
	FailureThreshold int
	// Cooldown is how long the breaker stays open before one trial call;
	// default 30 s. A 429's Retry-After, when longer, is honoured (up to
	// 10 minutes).
	Cooldown time.Duration
	// MaxInFlight bounds concurrent calls; an item that finds them all
	// taken keeps its primary result. Default 16.
	MaxInFlight int
	// Now is the clock; default time.Now. For tests.
	Now func() time.Time
}

// Defaults of SecondOpinionConfig.
const (
	DefaultLow              = 0.35
	DefaultHigh             = 0.75
	DefaultWeight           = 0.35
	DefaultTimeout          = 800 * time.Millisecond
	DefaultFailureThreshold = 5
	DefaultCooldown         = 30 * time.Second
	DefaultMaxInFlight      = 16
	maxRetryAfter           = 10 * time.Minute
)

// DefaultAbuseCategories are the categories a second opinion is asked about.
var DefaultAbuseCategories = []detect.Category{detect.Insult, detect.Harassment, detect.Threat, detect.Hate, detect.Sexual}

// SecondOpinion refines the engine's result with an external scorer, for
// ambiguous items only. It never fails and never blocks longer than its
// timeout: on any error it returns the primary result, noting the failure
// in Result.Errors. It is safe for concurrent use.
type SecondOpinion struct {
	cfg     SecondOpinionConfig
	cats    map[detect.Category]bool
	slots   chan struct{}
	breaker breaker
	stats   struct {
		asked, skippedClear, skippedOpen, skippedBusy, failed, timedOut atomic.Int64
	}
}

// NewSecondOpinion checks cfg and returns a SecondOpinion.
func NewSecondOpinion(cfg SecondOpinionConfig) (*SecondOpinion, error) {
	if cfg.Scorer == nil {
		return nil, errors.New("second opinion: a scorer is required")
	}
	if cfg.Low == 0 && cfg.High == 0 {
		cfg.Low, cfg.High = DefaultLow, DefaultHigh
	}
	if cfg.Low < 0 || cfg.High > 1 || cfg.Low > cfg.High {
		return nil, fmt.Errorf("second opinion: ambiguity band [%v, %v] is not inside [0, 1]", cfg.Low, cfg.High)
	}
	if len(cfg.Categories) == 0 {
		cfg.Categories = DefaultAbuseCategories
	}
	if cfg.Weight == 0 {
		cfg.Weight = DefaultWeight
	}
	if cfg.Weight < 0 || cfg.Weight > 1 {
		return nil, fmt.Errorf("second opinion: weight %v is outside [0, 1]", cfg.Weight)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.FailureThreshold <= 0 {
		cfg.FailureThreshold = DefaultFailureThreshold
	}
	if cfg.Cooldown <= 0 {
		cfg.Cooldown = DefaultCooldown
	}
	if cfg.MaxInFlight <= 0 {
		cfg.MaxInFlight = DefaultMaxInFlight
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &SecondOpinion{cfg: cfg, cats: map[detect.Category]bool{}, slots: make(chan struct{}, cfg.MaxInFlight)}
	for _, c := range cfg.Categories {
		if _, err := detect.ParseCategory(string(c)); err != nil {
			return nil, fmt.Errorf("second opinion: %w", err)
		}
		s.cats[c] = true
	}
	s.breaker.threshold = cfg.FailureThreshold
	s.breaker.cooldown = cfg.Cooldown
	return s, nil
}

// Name is "external:" and the scorer's name.
func (s *SecondOpinion) Name() string { return "external:" + s.cfg.Scorer.Name() }

// Ambiguous reports whether primary's highest abuse score lies in the band.
func (s *SecondOpinion) Ambiguous(primary detect.Result) bool {
	m := 0.0
	for _, sig := range primary.Signals {
		if s.cats[sig.Category] && sig.Score > m {
			m = sig.Score
		}
	}
	return m >= s.cfg.Low && m <= s.cfg.High
}

// Refine returns primary, blended with the scorer's opinion when the item
// is ambiguous and the scorer answers in time. primary is not modified.
func (s *SecondOpinion) Refine(ctx context.Context, in detect.Input, primary detect.Result) detect.Result {
	if s == nil || !s.Ambiguous(primary) {
		if s != nil {
			s.stats.skippedClear.Add(1)
		}
		return primary
	}
	now := s.cfg.Now()
	if !s.breaker.allow(now) {
		s.stats.skippedOpen.Add(1)
		return primary
	}
	select {
	case s.slots <- struct{}{}:
	default:
		s.breaker.cancelTrial()
		s.stats.skippedBusy.Add(1)
		return primary
	}
	s.stats.asked.Add(1)
	lang := in.Lang
	if lang == "" {
		lang = primary.Lang
	}
	sigs, err := s.call(ctx, in.Text, lang)
	if err != nil {
		if errors.Is(err, ErrUnsupportedLanguage) {
			s.breaker.cancelTrial()
			return primary
		}
		s.stats.failed.Add(1)
		if errors.Is(err, context.DeadlineExceeded) {
			s.stats.timedOut.Add(1)
		}
		var he *HTTPError
		retry := time.Duration(0)
		if errors.As(err, &he) && he.RetryAfter > 0 {
			retry = min(he.RetryAfter, maxRetryAfter)
		}
		if ctx.Err() == nil { // the caller giving up is not the provider's failure
			s.breaker.failure(s.cfg.Now(), retry)
		} else {
			s.breaker.cancelTrial()
		}
		return withError(primary, s.Name()+": "+err.Error())
	}
	s.breaker.success()
	return s.blend(in.Text, primary, sigs)
}

// call runs the scorer with the timeout, returning when it expires even if
// the scorer does not honour its context; the slot is released when the
// scorer returns.
func (s *SecondOpinion) call(ctx context.Context, text, lang string) ([]detect.Signal, error) {
	ctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	type answer struct {
		sigs []detect.Signal
		err  error
	}
	ch := make(chan answer, 1)
	go func() {
		defer func() { <-s.slots }()
		defer func() {
			if r := recover(); r != nil {
				ch <- answer{err: fmt.Errorf("scorer panicked: %v", r)}
			}
		}()
		sigs, err := s.cfg.Scorer.Score(ctx, text, lang)
		ch <- answer{sigs, err}
	}()
	defer cancel()
	select {
	case a := <-ch:
		return a.sigs, a.err
	case <-ctx.Done():
		return nil, fmt.Errorf("no answer within %s: %w", s.cfg.Timeout, ctx.Err())
	}
}

// blend folds the external signals into primary.
func (s *SecondOpinion) blend(text string, primary detect.Result, ext []detect.Signal) detect.Result {
	name := s.Name()
	w := s.cfg.Weight
	extBy := map[detect.Category]detect.Signal{}
	version := ""
	for _, e := range ext {
		if !s.cats[e.Category] || !validScore(e.Score) {
			continue
		}
		e.Spans = validSpans(text, e.Spans)
		if prev, ok := extBy[e.Category]; !ok || e.Score > prev.Score {
			extBy[e.Category] = e
		}
		if version == "" {
			version = e.Version
		}
	}
	out := primary
	out.Signals = make([]detect.Signal, 0, len(primary.Signals)+len(extBy))
	seen := map[detect.Category]bool{}
	for _, p := range primary.Signals {
		p.Spans = append([]detect.Span(nil), p.Spans...)
		if s.cats[p.Category] && p.Entity == "" {
			seen[p.Category] = true
			e, ok := extBy[p.Category]
			ev := 0.0
			if ok {
				ev = e.Score
				p.Spans = append(p.Spans, e.Spans...)
			}
			blended := (1-w)*p.Score + w*ev
			p.Explanation = joinWhy(p.Explanation, fmt.Sprintf("second opinion %s %.2f: %.2f blended to %.2f", name, ev, p.Score, blended))
			if ok && e.Explanation != "" {
				p.Explanation = joinWhy(p.Explanation, e.Explanation)
			}
			p.Score = clamp(blended)
			p.Detector += "+" + name
			p.Version += "+" + nonEmpty(version, "?")
		}
		out.Signals = append(out.Signals, p)
	}
	for _, c := range detect.Categories {
		e, ok := extBy[c]
		if !ok || seen[c] {
			continue
		}
		e.Score = clamp(w * e.Score)
		e.Detector = name
		e.Version = nonEmpty(e.Version, "?")
		e.Entity = ""
		e.Explanation = joinWhy(fmt.Sprintf("second opinion only, weighted %.2f", w), e.Explanation)
		out.Signals = append(out.Signals, e)
	}
	out.Signals = detect.Merge(out.Signals)
	out.Versions = append(append([]string(nil), primary.Versions...), name+"/"+nonEmpty(version, "?"))
	return out
}

func withError(r detect.Result, msg string) detect.Result {
	r.Errors = append(append([]string(nil), r.Errors...), msg)
	return r
}

// validSpans keeps the spans inside text and on rune boundaries.
func validSpans(text string, spans []detect.Span) []detect.Span {
	out := []detect.Span{}
	for _, sp := range spans {
		if sp[0] < 0 || sp[1] > len(text) || sp[0] >= sp[1] {
			continue
		}
		if sp[0] < len(text) && !utf8.RuneStart(text[sp[0]]) || sp[1] < len(text) && !utf8.RuneStart(text[sp[1]]) {
			continue
		}
		out = append(out, sp)
	}
	return out
}

func clamp(x float64) float64 {
	switch {
	case x != x || x < 0:
		return 0
	case x > 1:
		return 1
	}
	return float64(int64(x*1000+0.5)) / 1000
}

func joinWhy(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "" || strings.Contains(a, b):
		return a
	}
	return a + "; " + b
}

func nonEmpty(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// Stats counts what a SecondOpinion did since it was built.
type Stats struct {
	Asked        int64 // calls made
	SkippedClear int64 // items not ambiguous
	SkippedOpen  int64 // items kept from the provider by the open breaker
	SkippedBusy  int64 // items that found every slot taken
	Failed       int64 // calls that failed (timeouts included)
	TimedOut     int64 // calls that ran out of time
	BreakerOpen  bool  // whether the breaker is open now
}

// Stats returns the counters.
func (s *SecondOpinion) Stats() Stats {
	return Stats{
		Asked:        s.stats.asked.Load(),
		SkippedClear: s.stats.skippedClear.Load(),
		SkippedOpen:  s.stats.skippedOpen.Load(),
		SkippedBusy:  s.stats.skippedBusy.Load(),
		Failed:       s.stats.failed.Load(),
		TimedOut:     s.stats.timedOut.Load(),
		BreakerOpen:  s.breaker.isOpen(s.cfg.Now()),
	}
}

// breaker is a consecutive-failure circuit breaker: closed until
// threshold failures in a row, then open until a deadline, then half-open
// for one trial call whose outcome closes or reopens it.
type breaker struct {
	mu        sync.Mutex
	threshold int
	cooldown  time.Duration
	failures  int
	openUntil time.Time
	open      bool
	trial     bool // a half-open trial call is under way
}

func (b *breaker) allow(now time.Time) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.open {
		return true
	}
	if now.Before(b.openUntil) || b.trial {
		return false
	}
	b.trial = true
	return true
}

// cancelTrial gives back a half-open trial that made no call.
func (b *breaker) cancelTrial() {
	b.mu.Lock()
	b.trial = false
	b.mu.Unlock()
}

func (b *breaker) success() {
	b.mu.Lock()
	b.failures, b.open, b.trial = 0, false, false
	b.mu.Unlock()
}

func (b *breaker) failure(now time.Time, retryAfter time.Duration) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.failures++
	if b.trial || b.failures >= b.threshold || retryAfter > 0 {
		d := max(b.cooldown, retryAfter)
		if !b.trial && b.failures < b.threshold {
			d = retryAfter // a 429 pauses calls for as long as asked, no more
		}
		b.open, b.trial, b.openUntil = true, false, now.Add(d)
	}
}

func (b *breaker) isOpen(now time.Time) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.open && now.Before(b.openUntil)
}
